// The ERPNext client as a least-privilege API user (issue 13, E4/E8/E9/E10) against the contract
// server, which enforces the real role permissions (read included): after a one-time set-up by a
// System Manager, a Sales User ensures the AI fields and keeps the audit trail without reading Custom
// Field or Comment; every 403 names the role to grant; naive datetimes are written and read in the
// site's time zone; PDF file names follow Frappe's; a real rate-limit window is not waited out.
import { afterEach, describe, expect, it } from 'vitest';

import { ErpNextClient, ErpNextError, fromFrappeDatetime, toFrappeDatetime } from '../../../connectors/erpnext';
import type { CustomFieldSpec } from '../../../connectors/erpnext';
import { startErpNextServer } from '../../contract/erpnext-server.mts';
import type { ErpNextServer, ErpNextServerOptions } from '../../contract/erpnext-server.mts';

const API_KEY = 'lp-key-123';
const API_SECRET = 'lp-secret-456';

let server: ErpNextServer;
let delays: number[] = [];

async function boot(options: ErpNextServerOptions = {}): Promise<void> {
	server = await startErpNextServer({ apiKey: API_KEY, apiSecret: API_SECRET, ...options });
}

function client(): ErpNextClient {
	delays = [];
	return ErpNextClient.withToken({
		baseUrl: server.url,
		apiKey: API_KEY,
		apiSecret: API_SECRET,
		transport: { sleep: async (ms: number) => void delays.push(ms), random: () => 0.5, now: () => Date.UTC(2026, 0, 5, 9) },
	});
}

function setRoles(roles: string[]): void {
	server.state.settings.roles.splice(0, server.state.settings.roles.length, ...roles);
}

async function failure(promise: Promise<unknown>): Promise<ErpNextError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(ErpNextError);
	return error as ErpNextError;
}

const FIELDS: CustomFieldSpec[] = [
	{ fieldname: 'custom_ai_section', label: 'AI Qualification', fieldtype: 'Section Break', insert_after: 'qualified_on' },
	{ fieldname: 'custom_ai_score', label: 'AI Score', fieldtype: 'Int', read_only: true, non_negative: true },
	{ fieldname: 'custom_ai_grade', label: 'AI Grade', fieldtype: 'Select', options: '\nA\nB\nC\nD', read_only: true },
];

afterEach(async () => {
	await server?.stop();
});

describe('E4: routine write-back as a Sales User after a one-time set-up', () => {
	it('ensures the fields from the meta, writes the Lead and keeps one audit comment, without Custom Field or Comment access', async () => {
		await boot({ roles: ['System Manager', 'Sales User'] });
		const [lead] = server.state.seed('Lead', [{ lead_name: 'Ada Lovelace', email_id: 'ada@example.com' }]);
		// The one-time set-up by a System Manager.
		expect((await client().ensureCustomFields('Lead', FIELDS)).created).toEqual(FIELDS.map((f) => f.fieldname));

		setRoles(['Sales User']);
		const before = server.requests.length;
		const c = client();
		expect(await c.ensureCustomFields('Lead', FIELDS)).toEqual({ created: [], updated: [], unchanged: FIELDS.map((f) => f.fieldname) });
		await c.update('Lead', lead.name, { custom_ai_score: 82, custom_ai_grade: 'A' });
		const first = await c.addComment('Lead', lead.name, '<p><b>AI qualification: 82/100</b></p>', { dedupeKey: 'ltc-qualify-0123456789abcdef' });
		const again = await client().addComment('Lead', lead.name, '<p><b>AI qualification: 82/100</b></p>', { dedupeKey: 'ltc-qualify-0123456789abcdef' });

		expect(first.created).toBe(true);
		expect(again).toEqual({ name: first.name, created: false });
		const mine = server.requests.slice(before);
		expect(mine.filter((r) => r.status === 403)).toEqual([]);
		expect(mine.some((r) => r.path.includes('Custom Field') || r.path === '/api/resource/Comment')).toBe(false);
		const comments = server.state.all('Comment').filter((x) => x.reference_name === lead.name);
		expect(comments).toHaveLength(1);
		expect(comments[0]).toMatchObject({ comment_type: 'Comment', comment_email: 'automation@example.com' });
		expect(String(comments[0].content).startsWith('<p>[ltc-qualify-0123456789abcdef]</p>')).toBe(true);
		expect(server.state.get('Lead', lead.name)).toMatchObject({ custom_ai_score: 82, custom_ai_grade: 'A' });
	});

	it('a Sales User meeting missing fields gets a 403 that names System Manager and the one-time set-up', async () => {
		await boot({ roles: ['Sales User'] });
		const error = await failure(client().ensureCustomFields('Lead', FIELDS));
		expect(error.status).toBe(403);
		expect(error.message).toContain('No permission to read Custom Field');
		expect(error.message).toContain('The API user needs the role: System Manager (once, to create or update the AI fields on Lead');
		expect(server.writes()).toEqual([]);
	});

	it('a drifted field also goes to the System Manager path (the meta is compared, not trusted blindly)', async () => {
		await boot({ roles: ['System Manager'] });
		await client().ensureCustomFields('Lead', FIELDS);
		setRoles(['Sales User']);
		const drifted = FIELDS.map((f) => (f.fieldname === 'custom_ai_grade' ? { ...f, options: '\nA\nB\nC\nD\nE' } : f));
		const error = await failure(client().ensureCustomFields('Lead', drifted));
		expect(error.message).toContain('System Manager (once');
	});

	it.each([
		{ what: 'a list', run: (c: ErpNextClient) => c.listAll('Lead', { fields: ['name'] }) },
		{ what: 'a read', run: (c: ErpNextClient) => c.get('Lead', 'CRM-LEAD-2026-00001') },
		{ what: 'an update', run: (c: ErpNextClient) => c.update('Lead', 'CRM-LEAD-2026-00001', { status: 'Open' }) },
		{ what: 'a comment', run: (c: ErpNextClient) => c.addComment('Lead', 'CRM-LEAD-2026-00001', 'x', { dedupeKey: 'k-1' }) },
	])('$what refused for lack of a Sales role names the role', async ({ run }) => {
		await boot({ roles: ['System Manager'] });
		server.state.seed('Lead', [{ name: 'CRM-LEAD-2026-00001', lead_name: 'A' }]);
		setRoles(['Accounts User']);
		const error = await failure(run(client()));
		expect(error.status).toBe(403);
		expect(error.message).toMatch(/The API user needs the role: .*Sales User or Sales Manager/);
	});
});

describe('E8: naive datetimes in the site time zone', () => {
	it('reads the zone once per client and converts both ways with one rule', async () => {
		await boot({ timeZone: 'America/New_York' });
		const c = client();
		expect(await c.siteTimeZone()).toBe('America/New_York');
		expect(await c.toFrappeDatetime(new Date('2026-07-01T12:00:00Z'))).toBe('2026-07-01 08:00:00');
		expect((await c.fromFrappeDatetime('2026-01-05 04:00:00.123456'))?.toISOString()).toBe('2026-01-05T09:00:00.123Z');
		await c.siteTimeZone();
		expect(server.requests.filter((r) => r.path.endsWith('get_time_zone'))).toHaveLength(1);
	});

	it('the server stamps creation in its zone, and the client reads it back as the right instant', async () => {
		await boot({ timeZone: 'Asia/Kolkata' });
		const [lead] = server.state.seed('Lead', [{ lead_name: 'Tz' }]);
		// The fake's clock starts at 2026-01-05 09:00 UTC = 14:30 in Kolkata.
		expect(String(lead.creation).slice(0, 16)).toBe('2026-01-05 14:30');
		const at = await client().fromFrappeDatetime(lead.creation);
		expect(at?.toISOString().slice(0, 16)).toBe('2026-01-05T09:00');
	});

	it.each([
		{ value: '2026-03-29 02:30:00', zone: 'Europe/Berlin', iso: '2026-03-29T01:30:00.000Z' },
		{ value: '2026-10-25 12:00:00', zone: 'Europe/Berlin', iso: '2026-10-25T11:00:00.000Z' },
		{ value: '2026-06-01T10:00:00+02:00', zone: 'Asia/Tokyo', iso: '2026-06-01T08:00:00.000Z' },
		{ value: '2026-06-01', zone: 'UTC', iso: undefined },
		{ value: '', zone: 'UTC', iso: undefined },
	])('fromFrappeDatetime($value, $zone)', ({ value, zone, iso }) => {
		expect(fromFrappeDatetime(value, zone)?.toISOString()).toBe(iso);
	});

	it('toFrappeDatetime refuses an unknown zone', () => {
		expect(() => toFrappeDatetime(new Date(), 'Mars/Olympus')).toThrow(/Unknown ERPNext time zone/);
	});
});

describe('E9: PDF file names as Frappe sends them', () => {
	it.each([
		{ name: 'SAL-QTN-2026-00001', file: 'SAL-QTN-2026-00001.pdf' },
		{ name: 'QTN 2026/7 rev 2', file: 'QTN-2026-7-rev-2.pdf' },
	])('$name → $file', async ({ name, file }) => {
		await boot();
		server.state.seed('Quotation', [{ name, party_name: 'X' }]);
		const pdf = await client().downloadPdf('Quotation', name);
		expect(pdf.fileName).toBe(file);
		const sent = server.requests.at(-1);
		expect(sent?.status).toBe(200);
	});
});

describe('E9: Content-Disposition forms of other Frappe versions', () => {
	const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
	const answering = (disposition: string | undefined) =>
		new ErpNextClient({
			baseUrl: 'http://erp.invalid',
			adapter: {
				send: async () => ({
					status: 200,
					headers: { 'content-type': 'application/pdf', ...(disposition ? { 'content-disposition': disposition } : {}) },
					body: PDF,
				}),
			},
		});
	it.each([
		// frappe v13/v14 frappe/utils/response.py as_pdf: quoted name (spaces as _) plus RFC 5987 form.
		{ header: `filename="QTN_2026-7.pdf";filename*=utf-8''QTN_2026-7.pdf`, file: 'QTN_2026-7.pdf' },
		{ header: `filename="Angebot M%C3%BCller.pdf";filename*=utf-8''Angebot_M%C3%BCller.pdf`, file: 'Angebot_Müller.pdf' },
		// v15+: werkzeug quotes only when needed.
		{ header: 'filename=SAL-QTN-2026-00001.pdf', file: 'SAL-QTN-2026-00001.pdf' },
		{ header: 'attachment; filename="a/b.pdf"', file: 'a-b.pdf' },
		// No header: Frappe's own rule on the name.
		{ header: undefined, file: 'QTN-2026-7-rev-2.pdf' },
	])('$header → $file', async ({ header, file }) => {
		const pdf = await answering(header).downloadPdf('Quotation', 'QTN 2026/7 rev 2');
		expect(pdf.fileName).toBe(file);
	});
});

describe('E10: a real rate-limit window is not waited out', () => {
	it('gives up at once with the reset time when Retry-After exceeds the longest wait', async () => {
		await boot();
		server.fault({ kind: 'rate-limit', times: 4, path: '/api/method/frappe.ping', retryAfterSeconds: 3600 });
		const error = await failure(client().call('frappe.ping'));
		expect(error).toMatchObject({ status: 429, code: 'TooManyRequestsError', attempts: 1 });
		expect(error.message).toContain("the site's rate limit resets in 3600 s (Retry-After)");
		expect(delays).toEqual([]);
		expect(server.requests.filter((r) => r.path === '/api/method/frappe.ping')).toHaveLength(1);
	});

	it('still waits out a short window and succeeds', async () => {
		await boot();
		server.fault({ kind: 'rate-limit', times: 1, path: '/api/method/frappe.ping', retryAfterSeconds: 2 });
		expect(await client().call('frappe.ping')).toBe('pong');
		expect(delays).toEqual([2000]);
	});
});
