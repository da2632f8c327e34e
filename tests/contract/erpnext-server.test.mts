// The ERPNext contract server itself must behave like Frappe as erpnext.md describes it, or every
// test built on it proves nothing. Raw fetch, no client code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startErpNextServer } from './erpnext-server.mts';
import type { ErpNextServer } from './erpnext-server.mts';

const AUTH = { Authorization: 'token key-1:secret-1', Accept: 'application/json' };
let server: ErpNextServer;

async function call(path: string, init: RequestInit = {}) {
	const response = await fetch(`${server.url}${path}`, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } });
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// HTML or PDF
	}
	return { status: response.status, headers: response.headers, body, text };
}

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

beforeAll(async () => {
	server = await startErpNextServer({ apiKey: 'key-1', apiSecret: 'secret-1' });
});
afterAll(async () => {
	await server.stop();
});

describe('authentication (§1; frappe/frappe frappe/auth.py validate_auth @ 408b481)', () => {
	it.each([
		{ name: 'wrong secret', auth: 'token key-1:nope' },
		{ name: 'unknown key', auth: 'token key-x:secret-1' },
		{ name: 'empty key and secret', auth: 'token :' },
		{ name: 'a token without a colon', auth: 'token key-1secret-1' },
		{ name: 'a bearer token the site does not know', auth: 'Bearer abc' },
	])('$name → 401 AuthenticationError, a bare raise with no message', async ({ auth }) => {
		const r = await call('/api/method/frappe.auth.get_logged_user', { headers: { Authorization: auth } });
		expect(r.status).toBe(401);
		expect(r.body).toEqual({ exc_type: 'AuthenticationError' });
	});

	it.each([
		{ name: 'no header', auth: '' },
		{ name: 'three parts (a space inside the secret)', auth: 'token key-1 secret-1' },
	])('$name leaves the request as Guest: methods and lists are 403 PermissionError, frappe.ping answers', async ({ auth }) => {
		const headers = { Authorization: auth };
		expect(await call('/api/method/frappe.auth.get_logged_user', { headers })).toMatchObject({ status: 403, body: { exc_type: 'PermissionError' } });
		expect(await call('/api/resource/Lead', { headers })).toMatchObject({ status: 403, body: { exc_type: 'PermissionError' } });
		expect(await call('/api/method/frappe.ping', { headers })).toMatchObject({ status: 200, body: { message: 'pong' } });
	});

	it('Basic with base64 that does not decode is 400 InvalidAuthorizationToken', async () => {
		const r = await call('/api/method/frappe.auth.get_logged_user', { headers: { Authorization: 'Basic abc' } });
		expect(r).toMatchObject({ status: 400, body: { exc_type: 'InvalidAuthorizationToken' } });
	});

	it.each([
		{ name: 'token, scheme in any case', auth: 'TOKEN key-1:secret-1' },
		{ name: 'basic', auth: `Basic ${Buffer.from('key-1:secret-1').toString('base64')}` },
	])('$name is accepted', async ({ auth }) => {
		const r = await call('/api/method/frappe.auth.get_logged_user', { headers: { Authorization: auth } });
		expect(r).toMatchObject({ status: 200, body: { message: 'automation@example.com' } });
	});

	it('answers an HTML page when the client does not ask for JSON (§3)', async () => {
		const r = await call('/api/resource/Nope', { headers: { Accept: 'text/html' } });
		expect(r.status).toBe(404);
		expect(r.text).toMatch(/^<!DOCTYPE html>/);
	});
});

describe('resource API (§2)', () => {
	it('lists 20 rows by default, all with limit_page_length=0, only `name` without fields', async () => {
		server.state.seed('Lead', Array.from({ length: 25 }, (_, i) => ({ lead_name: `L${i}` })));
		const byDefault = await call('/api/resource/Lead?order_by=creation%20asc');
		expect((byDefault.body as { data: unknown[] }).data).toHaveLength(20);
		expect((byDefault.body as { data: unknown[] }).data[0]).toEqual({ name: 'CRM-LEAD-2026-00001' });
		const all = await call('/api/v1/resource/Lead?limit_page_length=0');
		expect((all.body as { data: unknown[] }).data).toHaveLength(25);
		const page = await call(`/api/resource/Lead?limit_start=20&limit_page_length=20&order_by=creation%20asc&fields=${encodeURIComponent('["name","lead_name"]')}`);
		expect((page.body as { data: Array<{ lead_name: string }> }).data.map((r) => r.lead_name)).toEqual(['L20', 'L21', 'L22', 'L23', 'L24']);
	});

	it('inserts Custom Fields as {dt}-{fieldname}; a duplicate fieldname is 417, not 409 (§4)', async () => {
		const field = { dt: 'Opportunity', fieldname: 'custom_ai_risk', label: 'AI Risk', fieldtype: 'Data' };
		const created = await call('/api/resource/Custom Field', json(field));
		expect(created.body).toMatchObject({ data: { name: 'Opportunity-custom_ai_risk' } });
		const again = await call('/api/resource/Custom%20Field', json(field));
		expect(again.status).toBe(417);
		expect(again.body).toMatchObject({ exc_type: 'ValidationError' });
		const messages = JSON.parse((again.body as { _server_messages: string })._server_messages) as string[];
		expect(JSON.parse(messages[0])).toMatchObject({ message: expect.stringContaining('already exists in Opportunity') });
	});

	it('an explicit duplicate name is 409 DuplicateEntryError; DELETE answers 202 {"data":"ok"}', async () => {
		await call('/api/resource/ToDo', json({ name: 'TD-1', description: 'call back' }));
		const dup = await call('/api/resource/ToDo', json({ name: 'TD-1', description: 'again' }));
		expect(dup).toMatchObject({ status: 409, body: { exc_type: 'DuplicateEntryError' } });
		const deleted = await call('/api/resource/ToDo/TD-1', { method: 'DELETE' });
		expect(deleted).toMatchObject({ status: 202, body: { data: 'ok' } });
	});

	it('a wrong verb on a frappe.client write method is 403 Not permitted', async () => {
		const r = await call('/api/method/frappe.client.insert?doc=%7B%7D');
		expect(r).toMatchObject({ status: 403, body: { exc_type: 'PermissionError' } });
	});

	it('serves a PDF with a filename', async () => {
		const [q] = server.state.seed('Quotation', [{ party_name: 'X' }]);
		const r = await call(`/api/method/frappe.utils.print_format.download_pdf?doctype=Quotation&name=${q.name}`);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/pdf');
		expect(r.headers.get('content-disposition')).toContain(`${q.name}.pdf`);
		expect(r.text.startsWith('%PDF-1.4')).toBe(true);
	});
});

describe('filters, methods and saves (frappe/utils/data.py get_filter, handler.py, api/v1.py, document.py)', () => {
	const stages = () => server.state.all('Sales Stage');
	it('filters take [field, op, value] or [doctype, field, op, value]; two values are 417; between is inclusive', async () => {
		server.state.seed('Sales Stage', [
			{ stage_name: 'Prospecting', probability: 10 },
			{ stage_name: 'Proposal', probability: 50 },
			{ stage_name: 'Negotiation', probability: 80 },
		]);
		const q = (filters: unknown) =>
			call(`/api/resource/Sales Stage?fields=${encodeURIComponent('["stage_name"]')}&order_by=probability%20asc&filters=${encodeURIComponent(JSON.stringify(filters))}`);
		const names = (r: { body: unknown }) => (r.body as { data: Array<{ stage_name: string }> }).data.map((d) => d.stage_name);
		expect(names(await q([['probability', 'between', [10, 50]]]))).toEqual(['Prospecting', 'Proposal']);
		expect(names(await q([['Sales Stage', 'probability', '>', 20]]))).toEqual(['Proposal', 'Negotiation']);
		expect(names(await q({ stage_name: ['like', 'P%'] }))).toEqual(['Prospecting', 'Proposal']);
		const two = await q([['stage_name', 'Proposal']]);
		expect(two).toMatchObject({ status: 417, body: { exc_type: 'ValidationError' } });
		expect(stages()).toHaveLength(3);
	});

	it('fields that are not JSON are a 500 JSONDecodeError (json.loads in v1 document_list)', async () => {
		expect(await call('/api/resource/Sales Stage?fields=name,stage_name')).toMatchObject({ status: 500, body: { exc_type: 'JSONDecodeError' } });
	});

	it('`limit` stands in for limit_page_length on the resource list', async () => {
		expect(((await call('/api/resource/Sales Stage?limit=2')).body as { data: unknown[] }).data).toHaveLength(2);
	});

	it('a method that does not exist is 417 ValidationError (execute_cmd frappe.throw), not 404', async () => {
		expect(await call('/api/method/frappe.client.no_such_method')).toMatchObject({ status: 417, body: { exc_type: 'ValidationError' } });
	});

	it('PUT with a stale `modified` is 417 TimestampMismatchError naming (stored, sent); without it the save bumps `modified`', async () => {
		const [stage] = server.state.seed('Sales Stage', [{ stage_name: 'Closing', probability: 90 }]);
		const put = (body: unknown) => call(`/api/resource/Sales Stage/${stage.name}`, { method: 'PUT', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
		const stale = await put({ probability: 95, modified: '2020-01-01 00:00:00.000000' });
		expect(stale).toMatchObject({ status: 417, body: { exc_type: 'TimestampMismatchError' } });
		const text = JSON.parse(JSON.parse((stale.body as { _server_messages: string })._server_messages)[0]).message as string;
		expect(text).toContain(`(${String(stage.modified)}, 2020-01-01 00:00:00.000000)`);
		const saved = await put({ probability: 95 });
		expect(saved).toMatchObject({ status: 200, body: { data: { name: stage.name, probability: 95 } } });
		expect((saved.body as { data: { modified: string } }).data.modified > String(stage.modified)).toBe(true);
		const again = await put({ probability: 96, modified: (saved.body as { data: { modified: string } }).data.modified });
		expect(again.status).toBe(200);
	});
});

describe('fault injection and the request log', () => {
	it('answers the next N matching requests with the fault, records them, then serves normally', async () => {
		const before = server.requests.length;
		server.fault({ kind: 'rate-limit', times: 2, path: '/api/method/frappe.ping', retryAfterSeconds: 7 });
		const first = await call('/api/method/frappe.ping');
		expect(first.status).toBe(429);
		expect(first.headers.get('retry-after')).toBe('7');
		expect(first.body).toMatchObject({ exc_type: 'TooManyRequestsError' });
		expect((await call('/api/method/frappe.ping')).status).toBe(429);
		expect(await call('/api/method/frappe.ping')).toMatchObject({ status: 200, body: { message: 'pong' } });
		expect(server.requests.slice(before).map((r) => [r.status, r.fault])).toEqual([
			[429, 'rate-limit'],
			[429, 'rate-limit'],
			[200, undefined],
		]);
	});

	it.each([
		{ kind: 'rate-limit-417' as const, status: 417, exc: 'RateLimitExceededError' },
		{ kind: 'deadlock' as const, status: 500, exc: 'QueryDeadlockError' },
		{ kind: 'maintenance' as const, status: 503, exc: 'SessionStopped' },
	])('$kind → $status $exc', async ({ kind, status, exc }) => {
		server.fault({ kind });
		const r = await call('/api/method/frappe.ping');
		expect(r).toMatchObject({ status, body: { exc_type: exc } });
	});

	it('reset destroys the connection', async () => {
		server.fault({ kind: 'reset' });
		await expect(call('/api/method/frappe.ping')).rejects.toThrow();
	});
});
