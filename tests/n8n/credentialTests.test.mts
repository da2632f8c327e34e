// The credential forms' "Test" button inside a real n8n 2.41 (issue 16): InvenTree and Mautic say what
// to fix (not n8n's bare "Unauthorized" / "Not Found"), and the ERPNext credential's "Ignore SSL Issues"
// lets the test reach a site whose TLS certificate n8n cannot validate, which it refuses without the
// switch (node requests get the same switch from the credential's authenticate, which every request of
// connectors/http/n8nAdapter.ts passes through; not exercised here). The InvenTree and Mautic answers
// come from the contract servers (tests/contract/); the ERPNext site is a local HTTPS server with a
// self-signed certificate made for this run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startN8n, type N8nInstance } from '../../scripts/n8n-instance.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import { startMauticServer, type MauticServer } from '../contract/mautic-server.mts';

let n8n: N8nInstance;
let inventree: InvenTreeServer;
let mautic: MauticServer;
let mauticOff: MauticServer;
let erpTls: Server;
let erpTlsUrl: string;
let certDir: string;

beforeAll(async () => {
	certDir = mkdtempSync(join(tmpdir(), 'ltc-tls-'));
	const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { encoding: 'utf8' });
	if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
	// What ERPNext answers the credential test (frappe.auth.get_logged_user) for the right key and secret.
	erpTls = createServer({ key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) }, (req, res) => {
		const ok = req.url === '/api/method/frappe.auth.get_logged_user' && req.headers.authorization === 'token erp-key:erp-secret';
		res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(ok ? { message: 'integration@example.com' } : { exc_type: 'AuthenticationError' }));
	});
	await new Promise<void>((resolve) => erpTls.listen(0, '127.0.0.1', resolve));
	erpTlsUrl = `https://127.0.0.1:${(erpTls.address() as AddressInfo).port}`;
	inventree = await startInvenTreeServer({ token: 'inv-right-token-0001' });
	mautic = await startMauticServer({ username: 'api-user', password: 'api-password' });
	mauticOff = await startMauticServer({ apiEnabled: false });
	n8n = await startN8n({});
}, 240_000);

afterAll(async () => {
	await n8n?.stop();
	await inventree?.stop();
	await mautic?.stop();
	await mauticOff?.stop();
	await new Promise((resolve) => (erpTls ? erpTls.close(resolve) : resolve(undefined)));
	if (certDir) rmSync(certDir, { recursive: true, force: true });
});

async function testCredential(type: string, data: Record<string, unknown>): Promise<{ status: string; message: string }> {
	const r = await n8n.rest<{ data: { status: string; message: string } }>('POST', '/credentials/test', { credentials: { id: '', name: `test ${type}`, type, data } });
	expect(r.status).toBe(200);
	return r.body.data;
}

describe('InvenTree credential test', () => {
	it('passes with the right token; a wrong one says where to make a new token; a wrong URL says what the Base URL must be', async () => {
		expect((await testCredential('leadToCloseInvenTreeApi', { baseUrl: inventree.url, apiToken: 'inv-right-token-0001' })).status).toBe('OK');
		const wrong = await testCredential('leadToCloseInvenTreeApi', { baseUrl: inventree.url, apiToken: 'inv-wrong-token-0002' });
		expect(wrong).toMatchObject({ status: 'Error', message: expect.stringMatching(/401.*token is wrong or has expired.*API Tokens/) });
		expect(wrong.message).not.toContain('inv-wrong-token-0002');
		const notInvenTree = await testCredential('leadToCloseInvenTreeApi', { baseUrl: `${inventree.url}/not-inventree`, apiToken: 'inv-right-token-0001' });
		expect(notInvenTree).toMatchObject({ status: 'Error', message: expect.stringMatching(/404.*does not point at an InvenTree server/) });
	});
});

describe('Mautic credential test', () => {
	it('passes with the right user; a wrong password, an API switched off and a wrong URL each say what to fix', async () => {
		expect((await testCredential('leadToCloseMauticApi', { baseUrl: mautic.url, authType: 'basic', username: 'api-user', password: 'api-password' })).status).toBe('OK');
		const wrong = await testCredential('leadToCloseMauticApi', { baseUrl: mautic.url, authType: 'basic', username: 'api-user', password: 'Wr0ng-pass-91' });
		expect(wrong).toMatchObject({ status: 'Error', message: expect.stringMatching(/401.*username and password.*are wrong/) });
		expect(wrong.message).not.toContain('Wr0ng-pass-91');
		const off = await testCredential('leadToCloseMauticApi', { baseUrl: mauticOff.url, authType: 'basic', username: 'api-user', password: 'api-password' });
		expect(off).toMatchObject({ status: 'Error', message: expect.stringMatching(/403.*API Settings.*API enabled/) });
		const notMautic = await testCredential('leadToCloseMauticApi', { baseUrl: `${mautic.url}/not-mautic`, authType: 'basic', username: 'api-user', password: 'api-password' });
		expect(notMautic).toMatchObject({ status: 'Error', message: expect.stringMatching(/404.*does not point at a Mautic site/) });
	});
});

describe('ERPNext credential: Ignore SSL Issues', () => {
	it('a self-signed site fails the test without the switch and passes with it', async () => {
		const base = { baseUrl: erpTlsUrl, apiKey: 'erp-key', apiSecret: 'erp-secret' };
		const refused = await testCredential('leadToCloseErpNextApi', base);
		expect(refused.status).toBe('Error');
		expect(refused.message).toMatch(/SELF_SIGNED_CERT|certificate/i);
		expect((await testCredential('leadToCloseErpNextApi', { ...base, ignoreSslIssues: true })).status).toBe('OK');
	});
});
