// The n8n adapter inside the real n8n-core engine (tests/workflow/harness.mts): a probe node builds
// the ERPNext client on `n8nAdapter(this, 'leadToCloseErpNextApi')` and talks to the ERPNext contract
// server. This pins what the fake-context unit tests assume about n8n's real helper: non-2xx statuses
// come back instead of being thrown, binary bodies arrive as bytes, the credential is applied, and a
// refused connection is reduced to ECONNREFUSED without the Authorization header.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LeadToCloseErpNextApi } from '../../../credentials/LeadToCloseErpNextApi.credentials';
import { ErpNextClient, ErpNextError } from '../../../connectors/erpnext';
import { n8nAdapter } from '../../../connectors/http';
import { startErpNextServer } from '../../contract/erpnext-server.mts';
import type { ErpNextServer } from '../../contract/erpnext-server.mts';
import { chain, node, runWorkflow } from '../../workflow/harness.mts';

type Scenario = (client: ErpNextClient) => Promise<Record<string, unknown>>;
let scenario: Scenario = async () => ({});
let timeoutMs = 30_000;

class ProbeNode implements INodeType {
	description = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'runs a connector scenario',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'leadToCloseErpNextApi', required: true }],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const creds = await this.getCredentials('leadToCloseErpNextApi');
		const client = new ErpNextClient({
			baseUrl: String(creds.baseUrl),
			adapter: n8nAdapter(this, 'leadToCloseErpNextApi'),
			secrets: [String(creds.apiKey), String(creds.apiSecret)],
			transport: { sleep: async () => undefined, timeoutMs },
		});
		return [[{ json: (await scenario(client)) as IDataObject, pairedItem: { item: 0 } }]];
	}
}

let server: ErpNextServer;

async function run(baseUrl: string, body: Scenario, timeout = 30_000): Promise<Record<string, unknown>> {
	scenario = body;
	timeoutMs = timeout;
	const result = await runWorkflow({
		nodeTypes: { 'test.probe': new ProbeNode() },
		credentialTypes: [new LeadToCloseErpNextApi()],
		credentials: { leadToCloseErpNextApi: { baseUrl, apiKey: 'engine-key', apiSecret: 'engine-secret-42' } },
		nodes: [node('Start', 'test.start', { items: '[{}]' }), node('Probe', 'test.probe')],
		connections: chain('Start', 'Probe'),
	});
	return result.output('Probe')[0].json as Record<string, unknown>;
}

const caught = async (promise: Promise<unknown>) => {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(ErpNextError);
	const e = error as ErpNextError;
	return { status: e.status ?? null, code: e.code ?? null, message: e.message, attempts: e.attempts, dump: JSON.stringify(e) };
};

beforeAll(async () => {
	server = await startErpNextServer({ apiKey: 'engine-key', apiSecret: 'engine-secret-42' });
});
afterAll(async () => {
	await server.stop();
});

describe('n8nAdapter inside the n8n engine', () => {
	it('authenticates, pages, and gets 4xx answers back as typed errors (not thrown by n8n)', async () => {
		server.state.seed('Lead', Array.from({ length: 25 }, (_, i) => ({ lead_name: `L${i}`, email_id: `l${i}@example.com` })));
		const out = await run(server.url, async (client) => ({
			rows: (await client.listAll('Lead', { pageSize: 10 })).length,
			duplicate: await caught(client.insert('Lead', { lead_name: 'Dup', email_id: 'l3@example.com' })),
		}));
		expect(out.rows).toBe(25);
		expect(out.duplicate).toMatchObject({ status: 409, code: 'DuplicateEntryError', attempts: 1 });
		expect(server.requests.every((r) => r.headers.authorization === 'token engine-key:engine-secret-42')).toBe(true);
	});

	it('retries a 429 that n8n handed back, and downloads a PDF as bytes', async () => {
		const [quotation] = server.state.seed('Quotation', [{ party_name: 'X' }]);
		server.fault({ kind: 'rate-limit', path: '/api/method/frappe.utils.print_format.download_pdf' });
		const out = await run(server.url, async (client) => {
			const pdf = await client.downloadPdf('Quotation', quotation.name);
			return { head: pdf.bytes.subarray(0, 5).toString('latin1'), fileName: pdf.fileName };
		});
		expect(out).toEqual({ head: '%PDF-', fileName: `${quotation.name}.pdf` });
		const pdfCalls = server.requests.filter((r) => r.path.endsWith('download_pdf'));
		expect(pdfCalls.map((r) => r.status)).toEqual([429, 200]);
	});

	it('a refused connection becomes ECONNREFUSED with no credential in the error', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const out = await run(`http://127.0.0.1:${port}`, async (client) => ({ error: await caught(client.whoAmI()) }));
		expect(out.error).toMatchObject({ status: null, code: 'ECONNREFUSED', attempts: 4 });
		expect(JSON.stringify(out)).not.toContain('engine-secret-42');
	});

	it('a server that never answers times out through axios and becomes ETIMEDOUT', async () => {
		const hanging = http.createServer(() => undefined);
		await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
		const { port } = hanging.address() as AddressInfo;
		try {
			const out = await run(`http://127.0.0.1:${port}`, async (client) => ({ error: await caught(client.whoAmI()) }), 50);
			expect(out.error).toMatchObject({ code: 'ETIMEDOUT', attempts: 4 });
		} finally {
			hanging.closeAllConnections();
			await new Promise<void>((resolve) => hanging.close(() => resolve()));
		}
	});
	it('a body cut mid-way (socket closed after the headers) is a retried ECONNRESET, not "could not be sent"', async () => {
		let calls = 0;
		const cutting = http.createServer((req, res) => {
			calls += 1;
			const body = JSON.stringify({ message: 'engine-user@example.com' });
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
			if (calls === 1) {
				res.write(body.slice(0, 10));
				setTimeout(() => req.socket.destroy(), 20);
				return;
			}
			res.end(body);
		});
		await new Promise<void>((resolve) => cutting.listen(0, '127.0.0.1', resolve));
		const { port } = cutting.address() as AddressInfo;
		try {
			const out = await run(`http://127.0.0.1:${port}`, async (client) => ({ user: await client.whoAmI() }));
			expect(out).toEqual({ user: 'engine-user@example.com' });
			expect(calls).toBe(2);
		} finally {
			cutting.closeAllConnections();
			await new Promise<void>((resolve) => cutting.close(() => resolve()));
		}
	});

	it('a body cut on every attempt gives up after 4 attempts with ECONNRESET and a message that does not claim the request was never sent', async () => {
		let calls = 0;
		const cutting = http.createServer((req, res) => {
			calls += 1;
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '200' });
			res.write('{"message":');
			setTimeout(() => req.socket.destroy(), 20);
		});
		await new Promise<void>((resolve) => cutting.listen(0, '127.0.0.1', resolve));
		const { port } = cutting.address() as AddressInfo;
		try {
			const out = await run(`http://127.0.0.1:${port}`, async (client) => ({ error: await caught(client.whoAmI()) }));
			expect(out.error).toMatchObject({ code: 'ECONNRESET', attempts: 4 });
			expect(String((out.error as { message: string }).message)).not.toMatch(/could not be sent/);
			expect(calls).toBe(4);
		} finally {
			cutting.closeAllConnections();
			await new Promise<void>((resolve) => cutting.close(() => resolve()));
		}
	});

	it('a body that stalls after the headers times out as ETIMEDOUT and is retried', async () => {
		let calls = 0;
		const stalling = http.createServer((_req, res) => {
			calls += 1;
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '200' });
			res.flushHeaders();
		});
		await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
		const { port } = stalling.address() as AddressInfo;
		try {
			const out = await run(`http://127.0.0.1:${port}`, async (client) => ({ error: await caught(client.whoAmI()) }), 50);
			expect(out.error).toMatchObject({ code: 'ETIMEDOUT', attempts: 4 });
			expect(calls).toBe(4);
		} finally {
			stalling.closeAllConnections();
			await new Promise<void>((resolve) => stalling.close(() => resolve()));
		}
	});
});
