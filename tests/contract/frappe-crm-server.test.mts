// The Frappe contract server with the Frappe CRM app installed (apps: ['erpnext', 'crm']) must behave
// like frappe/crm @ 8b7dfdde (tests/contract/frappe-crm-app.mts cites each file), or the Frappe CRM paths
// built on it prove nothing. Raw fetch, no client code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startErpNextServer } from './erpnext-server.mts';
import type { ErpNextServer } from './erpnext-server.mts';

const AUTH = { Authorization: 'token key-1:secret-1', Accept: 'application/json' };
let server: ErpNextServer;

async function call(target: ErpNextServer, path: string, init: RequestInit = {}) {
	const response = await fetch(`${target.url}${path}`, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } });
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: response.status, body: body as Record<string, unknown> };
}
const json = (body: unknown, method = 'POST'): RequestInit => ({ method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
const res = (doctype: string, name?: string) => `/api/resource/${encodeURIComponent(doctype)}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;

beforeAll(async () => {
	server = await startErpNextServer({ apiKey: 'key-1', apiSecret: 'secret-1', apps: ['erpnext', 'crm'] });
});
afterAll(async () => {
	await server.stop();
});

describe('CRM Lead insert (crm/fcrm/doctype/crm_lead/crm_lead.py validate, crm_lead.json)', () => {
	it('is named by the CRM-LEAD-.YYYY.- series, gets status "New", lead_name from the name parts and the JSON defaults', async () => {
		const r = await call(server, res('CRM Lead'), json({ salutation: 'Dr', first_name: 'Ana', middle_name: 'M.', last_name: 'Ruiz', organization: 'Acme', email: 'ana@acme.example' }));
		expect(r.status).toBe(200);
		const lead = r.body.data as Record<string, unknown>;
		expect(lead.name).toMatch(/^CRM-LEAD-\d{4}-\d{5}$/);
		expect(lead).toMatchObject({ status: 'New', lead_name: 'Dr Ana M. Ruiz', naming_series: 'CRM-LEAD-.YYYY.-', communication_status: 'Open', converted: 0, doctype: 'CRM Lead' });
	});

	it('ERPNext Lead and CRM Lead share one naming-series counter on the same site (frappe/model/naming.py, one counter per prefix)', async () => {
		const a = (await call(server, res('CRM Lead'), json({ first_name: 'One' }))).body.data as { name: string };
		const b = (await call(server, res('Lead'), json({ lead_name: 'Two' }))).body.data as { name: string };
		const c = (await call(server, res('CRM Lead'), json({ first_name: 'Three' }))).body.data as { name: string };
		const n = (name: string) => Number(name.slice(-5));
		expect([n(b.name) - n(a.name), n(c.name) - n(b.name)]).toEqual([1, 1]);
	});

	it('without a first name is 417 MandatoryError naming the field (first_name is reqd)', async () => {
		const r = await call(server, res('CRM Lead'), json({ organization: 'Only Org GmbH' }));
		expect(r.status).toBe(417);
		expect(r.body.exc_type).toBe('MandatoryError');
		expect(String(r.body._server_messages)).toContain('First Name');
	});

	it('without a name, organization or email is the set_lead_name error', async () => {
		const r = await call(server, res('CRM Lead'), json({ job_title: 'CTO' }));
		expect(r.status).toBe(417);
		expect(String(r.body._server_messages)).toContain("A Lead requires either a person's name or an organization's name");
	});

	it('a malformed email is 417 InvalidEmailAddressError; a duplicate email is allowed (no unique email on CRM Lead)', async () => {
		expect((await call(server, res('CRM Lead'), json({ first_name: 'X', email: 'not-an-email' }))).body.exc_type).toBe('InvalidEmailAddressError');
		expect((await call(server, res('CRM Lead'), json({ first_name: 'Y', email: 'ana@acme.example' }))).status).toBe(200);
	});

	it('checks its Link fields against the masters crm/install.py creates: a known industry/source passes, an unknown one is LinkValidationError', async () => {
		expect((await call(server, res('CRM Lead'), json({ first_name: 'L', industry: 'Manufacturing', source: 'Web Form' }))).status).toBe(200);
		const bad = await call(server, res('CRM Lead'), json({ first_name: 'L', industry: 'Widgets' }));
		expect(bad.status).toBe(417);
		expect(bad.body.exc_type).toBe('LinkValidationError');
		expect(String(bad.body._server_messages)).toContain('Could not find Industry: Widgets');
	});

	it('is readable with Sales User alone, and not by a user without a Sales role (crm_lead.json permissions)', async () => {
		const sales = await startErpNextServer({ apiKey: 'key-1', apiSecret: 'secret-1', apps: ['crm'], roles: ['Sales User'] });
		const other = await startErpNextServer({ apiKey: 'key-1', apiSecret: 'secret-1', apps: ['crm'], roles: ['Accounts User'] });
		try {
			expect((await call(sales, res('CRM Lead'), json({ first_name: 'S' }))).status).toBe(200);
			expect((await call(other, res('CRM Lead'))).status).toBe(403);
		} finally {
			await sales.stop();
			await other.stop();
		}
	});
});

describe('the other Frappe CRM doctypes', () => {
	it('FCRM Note: hash name, reference_doctype defaults to CRM Lead, title is mandatory', async () => {
		const ok = await call(server, res('FCRM Note'), json({ title: 'Call notes', content: '<p>Needs 8 drives</p>', reference_docname: 'CRM-LEAD-2026-00001' }));
		expect(ok.status).toBe(200);
		expect(ok.body.data).toMatchObject({ reference_doctype: 'CRM Lead', title: 'Call notes' });
		expect((ok.body.data as { name: string }).name).toMatch(/^[0-9a-f]{10}$/);
		expect((await call(server, res('FCRM Note'), json({ content: 'x' }))).body.exc_type).toBe('MandatoryError');
	});

	it('CRM Organization is named by organization_name, CRM Task by autoincrement, CRM Call Log by id', async () => {
		expect(((await call(server, res('CRM Organization'), json({ organization_name: 'Acme Ltd' }))).body.data as { name: string }).name).toBe('Acme Ltd');
		const t1 = (await call(server, res('CRM Task'), json({ title: 'Call back' }))).body.data as { name: string };
		const t2 = (await call(server, res('CRM Task'), json({ title: 'Send quote' }))).body.data as { name: string };
		expect(Number(t2.name) - Number(t1.name)).toBe(1);
		const log = await call(server, res('CRM Call Log'), json({ id: 'CA123', from: '+1', to: '+2', type: 'Outgoing', status: 'Completed' }));
		expect((log.body.data as { name: string }).name).toBe('CA123');
	});

	it('CRM Deal is named by CRM-DEAL-.YYYY.-; without a status it gets "Qualification" (crm_deal.py validate_status) and its probability', async () => {
		const bare = await call(server, res('CRM Deal'), json({ organization: 'Acme Ltd' }));
		expect(bare.body.data).toMatchObject({ status: 'Qualification', probability: 10 });
		const deal = await call(server, res('CRM Deal'), json({ organization: 'Acme Ltd', status: 'Qualification' }));
		expect((deal.body.data as { name: string }).name).toMatch(/^CRM-DEAL-\d{4}-\d{5}$/);
	});

	it('a CRM Deal status change closes the open row of its status change log and opens one (add_status_change_log)', async () => {
		const created = await call(server, res('CRM Deal'), json({ organization: 'Log Ltd', status: 'Qualification', probability: 15 }));
		const name = (created.body.data as { name: string }).name;
		const log0 = (created.body.data as { status_change_log: Array<Record<string, unknown>> }).status_change_log;
		expect(log0.map((r) => [r.from, r.to])).toEqual([['Qualification', '']]);
		const moved = await call(server, `${res('CRM Deal')}/${encodeURIComponent(name)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'Negotiation' }) });
		const log = (moved.body.data as { status_change_log: Array<Record<string, unknown>>; probability: number }).status_change_log;
		expect(log.map((r) => [r.from, r.from_type, r.to, r.to_type])).toEqual([
			['Qualification', 'Open', 'Negotiation', 'Ongoing'],
			['Negotiation', 'Ongoing', '', ''],
		]);
		expect((moved.body.data as { probability: number }).probability).toBe(15);
		const statuses = await call(server, `${res('CRM Deal Status')}?fields=${encodeURIComponent('["name","type"]')}&limit_page_length=0`);
		expect((statuses.body.data as unknown[]).length).toBe(7);
	});

	it('getdoctype answers the CRM Lead meta with its standard fields and Custom Fields; a Custom Field cannot reuse a standard name', async () => {
		const meta = await call(server, '/api/method/frappe.desk.form.load.getdoctype?doctype=CRM%20Lead');
		const fields = ((meta.body.docs as Array<{ fields: Array<{ fieldname: string; fieldtype: string }> }>)[0]).fields;
		expect(fields.find((f) => f.fieldname === 'no_of_employees')).toMatchObject({ fieldtype: 'Select' });
		expect(fields.find((f) => f.fieldname === 'organization')).toMatchObject({ fieldtype: 'Data' });
		const clash = await call(server, res('Custom Field'), json({ dt: 'CRM Lead', fieldname: 'organization', fieldtype: 'Data', label: 'Org' }));
		expect(clash.status).toBe(417);
		expect((await call(server, res('Custom Field'), json({ dt: 'CRM Lead', fieldname: 'custom_fit', fieldtype: 'Int', label: 'Fit', insert_after: 'lead_owner' }))).status).toBe(200);
		const again = await call(server, '/api/method/frappe.desk.form.load.getdoctype?doctype=CRM%20Lead');
		expect(((again.body.docs as Array<{ fields: Array<{ fieldname: string }> }>)[0]).fields.map((f) => f.fieldname)).toContain('custom_fit');
	});

	it('a site with only the CRM app has no ERPNext doctypes (404) but Frappe\'s own', async () => {
		const crmOnly = await startErpNextServer({ apiKey: 'key-1', apiSecret: 'secret-1', apps: ['crm'] });
		try {
			expect((await call(crmOnly, res('Lead'))).status).toBe(404);
			expect((await call(crmOnly, res('Quotation'))).status).toBe(404);
			expect((await call(crmOnly, res('Custom Field'))).status).toBe(200);
			expect((await call(crmOnly, res('CRM Lead'))).status).toBe(200);
		} finally {
			await crmOnly.stop();
		}
	});

	it('without the CRM app the CRM doctypes do not exist (the default site is ERPNext only)', async () => {
		const erp = await startErpNextServer({ apiKey: 'key-1', apiSecret: 'secret-1' });
		try {
			expect((await call(erp, res('CRM Lead'))).status).toBe(404);
			expect((await call(erp, '/api/method/crm.api.activities.get_activities?name=x')).status).toBe(417);
		} finally {
			await erp.stop();
		}
	});
});

describe("a lead's activity (crm/api/activities.py get_lead_activities)", () => {
	it('shows creation, the first field change of each Version and each Comment; FCRM Notes come back in their own list', async () => {
		const lead = (await call(server, res('CRM Lead'), json({ first_name: 'Activity', organization: 'Act Co' }))).body.data as { name: string };
		await call(server, res('CRM Lead', lead.name), json({ job_title: 'Plant Manager' }, 'PUT'));
		await call(server, '/api/method/frappe.desk.form.utils.add_comment', json({ reference_doctype: 'CRM Lead', reference_name: lead.name, content: '<p>Scored 72</p>', comment_email: 'a@b.c', comment_by: 'Bot' }));
		await call(server, res('FCRM Note'), json({ title: 'Intake', content: '<p>8 drives</p>', reference_doctype: 'CRM Lead', reference_docname: lead.name }));
		const r = await call(server, `/api/method/crm.api.activities.get_activities?name=${encodeURIComponent(lead.name)}`);
		const [activities, calls, notes, tasks, attachments] = r.body.message as Array<Array<Record<string, unknown>>>;
		// handle_multiple_versions appends a pending group of version activities after the next other
		// activity, so the version lands after "creation" (the page sorts by creation itself).
		expect(activities.map((a) => a.activity_type)).toEqual(['comment', 'creation', 'added']);
		expect(activities[0]).toMatchObject({ content: '<p>Scored 72</p>', is_lead: true });
		expect(activities[2].data).toEqual({ field: 'job_title', field_label: 'Job Title', value: 'Plant Manager' });
		expect(notes).toEqual([expect.objectContaining({ title: 'Intake', content: '<p>8 drives</p>' })]);
		expect([calls, tasks, attachments]).toEqual([[], [], []]);
	});

	it('a Comment on a CRM Lead bumps its modified (crm/utils on_comment_insert, FCRM Settings default on)', async () => {
		const lead = (await call(server, res('CRM Lead'), json({ first_name: 'Bump' }))).body.data as { name: string; modified: string };
		await call(server, '/api/method/frappe.desk.form.utils.add_comment', json({ reference_doctype: 'CRM Lead', reference_name: lead.name, content: 'hi', comment_email: 'a@b.c', comment_by: 'Bot' }));
		const after = (await call(server, res('CRM Lead', lead.name))).body.data as { modified: string };
		expect(after.modified > lead.modified).toBe(true);
	});

	it('an unknown name is 404 "Document not found"', async () => {
		const r = await call(server, '/api/method/crm.api.activities.get_activities?name=NOPE');
		expect(r.status).toBe(404);
		expect(String(r.body._server_messages)).toContain('Document not found');
	});
});

describe('the lead page fields (crm/fcrm/doctype/crm_fields_layout/crm_fields_layout.py)', () => {
	it('the Side Panel layout crm/install.py creates lists only standard fields; a Custom Field shows once saved into it', async () => {
		const before = await call(server, '/api/method/crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.get_sidepanel_sections?doctype=CRM%20Lead');
		const sections = before.body.message as Array<{ name: string; columns: Array<{ fields: Array<{ fieldname: string }> }> }>;
		expect(sections.map((s) => s.name)).toEqual(['details_section', 'person_section']);
		expect(sections[0].columns[0].fields.map((f) => f.fieldname)).toContain('no_of_employees');
		await call(server, res('Custom Field'), json({ dt: 'CRM Lead', fieldname: 'custom_grade', fieldtype: 'Select', options: '\nA\nB', label: 'Grade', read_only: 1 }));
		const layout = (await call(server, res('CRM Fields Layout', 'CRM Lead-Side Panel'))).body.data as { layout: string };
		const next = [...JSON.parse(layout.layout), { label: 'AI', name: 'ai_section', opened: true, columns: [{ name: 'ai_col', fields: ['custom_grade'] }] }];
		const saved = await call(server, '/api/method/crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.save_fields_layout', json({ doctype: 'CRM Lead', type: 'Side Panel', layout: JSON.stringify(next) }));
		expect(saved.status).toBe(200);
		const after = (await call(server, '/api/method/crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.get_sidepanel_sections?doctype=CRM%20Lead')).body.message as typeof sections;
		expect(after[2].columns[0].fields[0]).toMatchObject({ fieldname: 'custom_grade', label: 'Grade', tooltip: 'This field is read only and cannot be edited.', options: [{ label: '', value: '' }, { label: 'A', value: 'A' }, { label: 'B', value: 'B' }] });
	});

	it('get_fields_layout wraps a layout of sections in "first_tab", and without a layout shows every field of the meta', async () => {
		const lead = (await call(server, '/api/method/crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.get_fields_layout?doctype=CRM%20Lead&type=Data%20Fields')).body.message as Array<{ name: string; sections: Array<{ name: string; columns: Array<{ fields: Array<{ fieldname: string; label: string }> }> }> }>;
		expect(lead.map((t) => t.name)).toEqual(['first_tab']);
		expect(lead[0].sections.map((s) => s.name)).toEqual(['details_section', 'person_section']);
		expect(lead[0].sections[0].columns[0].fields[0]).toMatchObject({ fieldname: 'organization', label: 'Organization' });
		const task = (await call(server, '/api/method/crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.get_fields_layout?doctype=CRM%20Task&type=Data%20Fields')).body.message as typeof lead;
		expect(task[0].sections[0].columns[0].fields.map((f) => f.fieldname)).toEqual(['title', 'priority', 'start_date', 'reference_doctype', 'reference_docname', 'assigned_to', 'status', 'due_date', 'description']);
	});

	it('save_fields_layout needs write on CRM Fields Layout: Sales User alone is refused', async () => {
		const sales = await startErpNextServer({ apiKey: 'key-1', apiSecret: 'secret-1', apps: ['crm'], roles: ['Sales User'] });
		try {
			const r = await call(sales, '/api/method/crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.save_fields_layout', json({ doctype: 'CRM Lead', type: 'Side Panel', layout: '[]' }));
			expect(r.status).toBe(403);
			expect(String(r.body._server_messages)).toContain('Not permitted to modify fields layout');
			expect((await call(sales, res('CRM Fields Layout', 'CRM Lead-Side Panel'))).status).toBe(200);
		} finally {
			await sales.stop();
		}
	});
});
