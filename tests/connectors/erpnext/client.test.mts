// The ERPNext client against the in-memory Frappe contract server (tests/contract/erpnext-server.mts):
// paging, CRUD, method calls, PDFs, error decoding, retry of Frappe's rate-limit answers, idempotent
// Custom Field setup and the deduplicated audit trail. Waits go to an injected sleep.
import { inspect } from 'node:util';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';

import { ErpNextClient, ErpNextError } from '../../../connectors/erpnext';
import type { CustomFieldSpec } from '../../../connectors/erpnext';
import { fetchAdapter } from '../../../connectors/http';
import type { HttpAdapter } from '../../../connectors/http';
import { startErpNextServer } from '../../contract/erpnext-server.mts';
import type { ErpNextServer, ErpNextServerOptions } from '../../contract/erpnext-server.mts';

const API_KEY = 'a1b2c3d4e5f6a7b';
const API_SECRET = '9z8y7x6w5v4u3t2';

let server: ErpNextServer;
let delays: number[];

async function boot(options: ErpNextServerOptions = {}): Promise<void> {
	server = await startErpNextServer({ apiKey: API_KEY, apiSecret: API_SECRET, ...options });
}

function client(secret = API_SECRET, adapter?: HttpAdapter): ErpNextClient {
	const transport = {
		sleep: async (ms: number) => {
			delays.push(ms);
		},
		random: () => 0.5,
	};
	if (adapter) return new ErpNextClient({ baseUrl: server.url, adapter, secrets: [API_KEY, secret], transport });
	return ErpNextClient.withToken({ baseUrl: `${server.url}/`, apiKey: API_KEY, apiSecret: secret, transport });
}

async function failure(promise: Promise<unknown>): Promise<ErpNextError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(ErpNextError);
	return error as ErpNextError;
}

function leads(n: number, extra: (i: number) => Record<string, unknown> = () => ({})) {
	return Array.from({ length: n }, (_, i) => ({ lead_name: `Lead ${i + 1}`, email_id: `lead${i + 1}@example.com`, ...extra(i) }));
}

beforeEach(async () => {
	delays = [];
	await boot();
});
afterEach(async () => {
	await server.stop();
});

describe('list pages with limit_start until a short page', () => {
	const cases = [
		{ rows: 45, pageSize: 20, limit: undefined, expected: 45, pages: [[0, 20], [20, 20], [40, 20]] },
		{ rows: 40, pageSize: 20, limit: undefined, expected: 40, pages: [[0, 20], [20, 20], [40, 20]] },
		{ rows: 0, pageSize: 20, limit: undefined, expected: 0, pages: [[0, 20]] },
		{ rows: 45, pageSize: 20, limit: 30, expected: 30, pages: [[0, 20], [20, 10]] },
		{ rows: 45, pageSize: 100, limit: undefined, expected: 45, pages: [[0, 100]] },
		{ rows: 25, pageSize: 20, limit: 20, expected: 20, pages: [[0, 20]] },
	];
	it.each(cases)('$rows rows, pageSize $pageSize, limit $limit → $expected rows in $pages.length requests', async ({ rows, pageSize, limit, expected, pages }) => {
		const seeded = server.state.seed('Lead', leads(rows));
		const got = await client().listAll('Lead', { fields: ['name', 'lead_name'], pageSize, limit });

		expect(got).toHaveLength(expected);
		expect(new Set(got.map((r) => r.name)).size).toBe(expected);
		expect(got.map((r) => r.name)).toEqual(seeded.slice(0, expected).map((d) => d.name));
		const sent = server.requests.map((r) => [Number(r.query.limit_start), Number(r.query.limit_page_length)]);
		expect(sent).toEqual(pages);
		expect(server.requests.every((r) => r.query.order_by === 'creation asc, name asc')).toBe(true);
		expect(server.requests.every((r) => r.headers.accept === 'application/json')).toBe(true);
	});

	it('sends fields, filters and or_filters as JSON and gets only the matching rows', async () => {
		server.state.seed('Lead', leads(6, (i) => ({ status: ['Open', 'Lead', 'Replied'][i % 3], city: i < 3 ? 'Berlin' : 'Lyon' })));
		const got = await client().listAll('Lead', {
			fields: ['name', 'status', 'city'],
			filters: [['status', 'in', ['Open', 'Replied']]],
			orFilters: { city: 'Berlin', lead_name: ['like', '%6'] },
		});
		expect(got.map((r) => [r.status, r.city])).toEqual([
			['Open', 'Berlin'],
			['Replied', 'Berlin'],
			['Replied', 'Lyon'],
		]);
		expect(JSON.parse(server.requests[0].query.filters)).toEqual([['status', 'in', ['Open', 'Replied']]]);
	});

	it('validates rows with a zod schema and names the failing row', async () => {
		server.state.seed('Lead', leads(3, (i) => ({ annual_revenue: i === 2 ? 'lots' : 1000 * i })));
		const schema = z.object({ name: z.string(), annual_revenue: z.number() });
		const error = await failure(client().listAll('Lead', { fields: ['name', 'annual_revenue'] }, schema));
		expect(error).toMatchObject({ kind: 'schema', code: 'SCHEMA_MISMATCH' });
		expect(error.message).toContain('data[2].annual_revenue');
	});

	it.each([0, -5, 2.5])('refuses pageSize %s (0 would mean "all rows" to Frappe)', async (pageSize) => {
		await expect(client().listAll('Lead', { pageSize })).rejects.toThrow(RangeError);
	});
});

describe('documents', () => {
	it('insert, get, update, delete round trip', async () => {
		const c = client();
		const created = await c.insert('Lead', { first_name: 'Jana', last_name: 'Roth', email_id: 'jana@nordwerk.de' });
		expect(created.name).toBe('CRM-LEAD-2026-00001');
		expect(created.lead_name).toBe('Jana Roth');
		const read = await c.get('Lead', created.name);
		expect(read).toMatchObject({ email_id: 'jana@nordwerk.de', status: 'Lead' });

		const updated = await c.update('Lead', created.name, { status: 'Open' }, { modified: read.modified });
		expect(updated.status).toBe('Open');
		expect(updated.modified).not.toBe(read.modified);

		expect(await c.delete('Lead', created.name)).toBe(true);
		expect(server.requests.at(-1)?.status).toBe(202);
		expect(await c.delete('Lead', created.name, { ignoreMissing: true })).toBe(false);
		const missing = await failure(c.delete('Lead', created.name));
		expect(missing).toMatchObject({ status: 404, code: 'DoesNotExistError' });
		expect(missing.message).toBe(`ERPNext 404 DoesNotExistError: Lead ${created.name} not found (DELETE /api/resource/Lead/${created.name})`);
	});

	it('URL-encodes doctypes and names with spaces', async () => {
		server.state.seed('Item Price', [{ name: 'PRICE 1/A', item_code: 'PLC-1756', price_list_rate: 4200 }]);
		const price = await client().get('Item Price', 'PRICE 1/A');
		expect(price.price_list_rate).toBe(4200);
	});

	const refusals = [
		{
			name: 'duplicate Lead email → 409 with the HTML link stripped, POST not repeated',
			doc: { lead_name: 'Other', email_id: 'jana@nordwerk.de' },
			status: 409,
			code: 'DuplicateEntryError',
			message: 'Email Address must be unique, it is already used in CRM-LEAD-2026-00001',
		},
		{
			name: 'Lead with no name → 417 ValidationError from _server_messages',
			doc: { source: 'Website' },
			status: 417,
			code: 'ValidationError',
			message: "A Lead requires either a person's name or an organization's name",
		},
		{
			name: 'bad email → 417 InvalidEmailAddressError',
			doc: { lead_name: 'X', email_id: 'not-an-email' },
			status: 417,
			code: 'InvalidEmailAddressError',
			message: 'not-an-email is not a valid Email Address',
		},
	];
	it.each(refusals)('$name', async ({ doc, status, code, message }) => {
		server.state.seed('Lead', [{ lead_name: 'Jana', email_id: 'jana@nordwerk.de' }]);
		const error = await failure(client().insert('Lead', doc));
		expect(error).toMatchObject({ service: 'ERPNext', kind: 'http', status, code, attempts: 1, retryable: false });
		expect(error.message).toBe(`ERPNext ${status} ${code}: ${message} (POST /api/resource/Lead)`);
		expect(error.details?.messages).toEqual([message]);
		expect(server.writes()).toHaveLength(1);
	});

	it('a stale `modified` is refused with TimestampMismatchError and nothing changes', async () => {
		const [lead] = server.state.seed('Lead', leads(1));
		const c = client();
		await c.update('Lead', lead.name, { city: 'Bremen' });
		const error = await failure(c.update('Lead', lead.name, { city: 'Kiel' }, { modified: String(lead.modified) }));
		expect(error).toMatchObject({ status: 417, code: 'TimestampMismatchError' });
		expect(error.message).toContain('Document has been modified after you have opened it');
		expect(server.state.get('Lead', lead.name)?.city).toBe('Bremen');
	});
});

describe("retries of Frappe's transient answers", () => {
	const cases = [
		{ kind: 'rate-limit-417' as const, times: 2, method: 'POST', attempts: 3, waits: [375, 750] },
		{ kind: 'rate-limit' as const, times: 1, method: 'POST', attempts: 2, waits: [3000], retryAfterSeconds: 3 },
		{ kind: 'deadlock' as const, times: 1, method: 'POST', attempts: 2, waits: [375] },
		{ kind: 'maintenance' as const, times: 1, method: 'GET', attempts: 2, waits: [375] },
	];
	it.each(cases)('$kind ×$times on $method → succeeds after $attempts attempts, one Lead stored', async ({ kind, times, method, attempts, waits, retryAfterSeconds }) => {
		server.fault({ kind, times, method, path: '/api/resource/Lead', retryAfterSeconds });
		const c = client();
		if (method === 'POST') await c.insert('Lead', { lead_name: 'Ada', email_id: 'ada@example.com' });
		else await c.listAll('Lead');
		const hits = server.requests.filter((r) => r.path === '/api/resource/Lead' && r.method === method);
		expect(hits).toHaveLength(attempts);
		expect(hits.filter((r) => r.fault === kind)).toHaveLength(times);
		expect(delays).toEqual(waits);
		if (method === 'POST') expect(server.state.all('Lead')).toHaveLength(1);
	});

	it('a 503 on a POST is not repeated (it may have been processed)', async () => {
		server.fault({ kind: 'maintenance', method: 'POST' });
		const error = await failure(client().insert('Lead', { lead_name: 'Ada' }));
		expect(error).toMatchObject({ status: 503, code: 'SessionStopped', attempts: 1, retryable: true });
		expect(error.message).toContain('Session Stopped');
	});

	it('a proxy HTML page until exhaustion is reported by its title', async () => {
		server.fault({ kind: 'html-502', times: 4 });
		const error = await failure(client().get('Lead', 'CRM-LEAD-2026-00001'));
		expect(error.message).toBe(
			'ERPNext 502: HTML error page (status 502): 502 Bad Gateway (GET /api/resource/Lead/CRM-LEAD-2026-00001) (gave up after 4 attempts)',
		);
		expect(error.attempts).toBe(4);
	});
});

describe('methods, PDFs and credentials', () => {
	it('whoAmI and count use GET /api/method', async () => {
		server.state.seed('Lead', leads(7, (i) => ({ status: i < 3 ? 'Open' : 'Lead' })));
		const c = client();
		expect(await c.whoAmI()).toBe('automation@example.com');
		expect(await c.count('Lead', [['status', '=', 'Open']])).toBe(3);
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /api/method/frappe.auth.get_logged_user',
			'GET /api/method/frappe.client.get_count',
		]);
	});

	it('a write method called with GET is refused with 403 (Frappe checks the verb)', async () => {
		const error = await failure(client().call('frappe.client.insert', { doc: { doctype: 'Lead', lead_name: 'X' } }, 'GET'));
		expect(error).toMatchObject({ status: 403, code: 'PermissionError' });
		const doc = await client().call('frappe.client.insert', { doc: { doctype: 'Lead', lead_name: 'X' } }, 'POST');
		expect(doc).toMatchObject({ name: 'CRM-LEAD-2026-00001' });
	});

	it('runDocMethod posts run_method to the document', async () => {
		const [lead] = server.state.seed('Lead', leads(1));
		await client().runDocMethod('Lead', lead.name, 'add_note', { note: '<p>Called, wants a demo</p>' });
		const notes = server.state.get('Lead', lead.name)?.notes as Array<{ note: string }>;
		expect(notes.map((n) => n.note)).toEqual(['<p>Called, wants a demo</p>']);
		expect(server.requests[0].body).toEqual({ note: '<p>Called, wants a demo</p>', run_method: 'add_note' });
	});

	it('downloads a Quotation PDF as bytes with its file name', async () => {
		const [quotation] = server.state.seed('Quotation', [{ party_name: 'CRM-LEAD-2026-00001', quotation_to: 'Lead' }]);
		const pdf = await client().downloadPdf('Quotation', quotation.name, { format: 'Standard', noLetterhead: true });
		expect(pdf.fileName).toBe(`${quotation.name}.pdf`);
		expect(pdf.mimeType).toBe('application/pdf');
		expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(server.requests[0].query).toMatchObject({ doctype: 'Quotation', name: quotation.name, format: 'Standard', no_letterhead: '1' });
	});

	it('a PDF of a missing document fails with the JSON error decoded from the binary body', async () => {
		const error = await failure(client().downloadPdf('Quotation', 'SAL-QTN-2026-09999'));
		expect(error).toMatchObject({ status: 404, code: 'DoesNotExistError' });
		expect(error.message).toContain('Quotation SAL-QTN-2026-09999 not found');
	});

	it('a wrong secret is a 401 AuthenticationError, not retried, and never shows the secret', async () => {
		const wrong = 'wrong-secret-0099';
		const error = await failure(client(wrong).whoAmI());
		expect(error).toMatchObject({ status: 401, code: 'AuthenticationError', attempts: 1 });
		// frappe/auth.py validate_api_key_secret raises a bare AuthenticationError (no message): the
		// client's own sentence is what the user reads.
		expect(error.message).toContain('authentication failed: check the API key and secret of the ERPNext credential');
		for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 5 }), error.stack ?? '']) {
			expect(text).not.toContain(wrong);
			expect(text).not.toContain(API_KEY);
		}
	});
});

describe('ensureCustomFields', () => {
	const aiFields: CustomFieldSpec[] = [
		{ fieldname: 'custom_ai_section', label: 'AI', fieldtype: 'Section Break', insert_after: 'source' },
		{ fieldname: 'custom_ai_score', label: 'AI Score', fieldtype: 'Percent', read_only: true, in_list_view: true, in_standard_filter: true },
		{ fieldname: 'custom_ai_grade', label: 'AI Grade', fieldtype: 'Select', options: 'A\nB\nC\nD' },
		{ fieldname: 'custom_ai_reasoning', label: 'AI Reasoning', fieldtype: 'Long Text', read_only: true },
	];

	it('creates missing fields chained by insert_after; a second call makes no writes', async () => {
		const c = client();
		const first = await c.ensureCustomFields('Lead', aiFields);
		expect(first).toEqual({ created: aiFields.map((f) => f.fieldname), updated: [], unchanged: [] });
		const stored = server.state.all('Custom Field');
		expect(stored.map((f) => [f.name, f.insert_after])).toEqual([
			['Lead-custom_ai_section', 'source'],
			['Lead-custom_ai_score', 'custom_ai_section'],
			['Lead-custom_ai_grade', 'custom_ai_score'],
			['Lead-custom_ai_reasoning', 'custom_ai_grade'],
		]);
		expect(stored[1]).toMatchObject({ read_only: 1, in_list_view: 1, fieldtype: 'Percent' });

		const writesBefore = server.writes().length;
		const second = await c.ensureCustomFields('Lead', aiFields);
		expect(second).toEqual({ created: [], updated: [], unchanged: aiFields.map((f) => f.fieldname) });
		expect(server.writes()).toHaveLength(writesBefore);
	});

	it('PUTs only the drifted properties back', async () => {
		const c = client();
		await c.ensureCustomFields('Lead', aiFields);
		await c.update('Custom Field', 'Lead-custom_ai_grade', { label: 'Grade (edited)', options: 'A\nB' });
		const result = await c.ensureCustomFields('Lead', aiFields);
		expect(result.updated).toEqual(['custom_ai_grade']);
		const put = server.writes().at(-1);
		expect(put).toMatchObject({ method: 'PUT', path: '/api/resource/Custom Field/Lead-custom_ai_grade' });
		expect(put?.body).toEqual({ label: 'AI Grade', options: 'A\nB\nC\nD' });
	});

	it('a field created by a concurrent run between read and create (417) is re-read, not duplicated', async () => {
		let raced = false;
		const inner = fetchAdapter({ headers: () => ({ Authorization: `token ${API_KEY}:${API_SECRET}` }) });
		const adapter: HttpAdapter = {
			async send(request) {
				if (!raced && request.method === 'POST') {
					raced = true;
					server.state.seed('Custom Field', [{ dt: 'Lead', fieldname: 'custom_ai_section', label: 'AI', fieldtype: 'Section Break', insert_after: 'source' }]);
				}
				return await inner.send(request);
			},
		};
		const result = await client(API_SECRET, adapter).ensureCustomFields('Lead', aiFields.slice(0, 2));
		expect(result).toEqual({ created: ['custom_ai_score'], updated: [], unchanged: ['custom_ai_section'] });
		expect(server.requests.find((r) => r.status === 417)?.path).toBe('/api/resource/Custom Field');
		expect(server.state.all('Custom Field')).toHaveLength(2);
	});

	it('without System Manager the 403 names the missing role', async () => {
		await server.stop();
		await boot({ roles: ['Sales User'] });
		const error = await failure(client().ensureCustomFields('Lead', aiFields));
		expect(error).toMatchObject({ status: 403, code: 'PermissionError' });
		expect(error.message).toContain('No permission to read Custom Field');
		expect(error.message).toContain('The API user needs the role: System Manager');
	});

	it.each([
		{ name: 'bad fieldname', fields: [{ fieldname: 'AI Score', label: 'x', fieldtype: 'Data' }] },
		{ name: 'duplicate fieldname', fields: [aiFields[1], aiFields[1]] },
	])('rejects a $name before any request', async ({ fields }) => {
		await expect(client().ensureCustomFields('Lead', fields)).rejects.toThrow(RangeError);
		expect(server.requests).toHaveLength(0);
	});
});

describe('addComment with a dedupe key', () => {
	it('adds one comment per key (through add_comment), however often an item is retried', async () => {
		const [lead] = server.state.seed('Lead', leads(1));
		const c = client();
		const first = await c.addComment('Lead', lead.name, 'AI score 82 (grade A) by claude-haiku-4-5', { dedupeKey: 'ltc:score:run-17' });
		const again = await c.addComment('Lead', lead.name, 'AI score 82 (grade A) by claude-haiku-4-5', { dedupeKey: 'ltc:score:run-17' });
		const other = await c.addComment('Lead', lead.name, 'AI score 64 (grade B)', { dedupeKey: 'ltc:score:run-18' });

		expect(first.created).toBe(true);
		expect(again).toEqual({ name: first.name, created: false });
		expect(other.created).toBe(true);
		const comments = server.state.all('Comment');
		expect(comments).toHaveLength(2);
		expect(comments[0]).toMatchObject({ comment_type: 'Comment', reference_doctype: 'Lead', reference_name: lead.name });
		expect(String(comments[0].content)).toContain('ltc:score:run-17');
		expect(server.writes().filter((w) => w.path === '/api/method/frappe.desk.form.utils.add_comment')).toHaveLength(2);
		expect(server.requests.some((r) => r.path === '/api/resource/Comment')).toBe(false);
	});

	it('is not fooled by LIKE wildcards in the key, nor by comments on other records', async () => {
		const [a, b] = server.state.seed('Lead', leads(2));
		a._comments = JSON.stringify([{ comment: '<p>[aiXscore:v1]</p>run', by: 'x', name: 'c1' }]);
		b._comments = JSON.stringify([{ comment: '<p>[ai_score:v1]</p>run', by: 'x', name: 'c2' }]);
		const result = await client().addComment('Lead', a.name, 'Score written', { dedupeKey: 'ai_score:v1' });
		expect(result.created).toBe(true);
	});
});
