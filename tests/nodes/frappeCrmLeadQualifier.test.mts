// Lead Qualifier with System of Record "Frappe CRM" in the n8n engine (in-process) against the Frappe
// contract server hosting the Frappe CRM app (apps: ['crm'], frappe/crm @ 8b7dfdde): the CRM Lead and its
// FCRM Notes are read by reference, the AI fields are created on CRM Lead and placed in its Side Panel
// layout, the audit is a Comment the lead's activity shows, and a replay writes nothing. The ERPNext
// default is untouched (tests/nodes/leadQualifier.test.mts).
import type { IDataObject, INode } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeadToCloseAnthropicApi } from '../../credentials/LeadToCloseAnthropicApi.credentials';
import { LeadToCloseErpNextApi } from '../../credentials/LeadToCloseErpNextApi.credentials';
import { LeadQualifier } from '../../nodes/LeadQualifier/LeadQualifier.node';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { chain, node, runWorkflow } from '../workflow/harness.mts';

const TYPE = 'n8n-nodes-lead-to-close.leadQualifier';
const CRM = { systemOfRecord: 'frappeCrm' };

async function qualify(items: Array<Record<string, unknown>>, params: INode['parameters'] = {}, extra: Partial<INode> = {}, credentials?: Record<string, IDataObject>) {
	return await runWorkflow({
		nodeTypes: { [TYPE]: new LeadQualifier() },
		credentialTypes: [new LeadToCloseErpNextApi(), new LeadToCloseAnthropicApi()],
		credentials: credentials as never,
		nodes: [node('Start', 'test.start', { items: JSON.stringify(items) }), node('Lead Qualifier', TYPE, { referenceDate: '2026-11-01T00:00:00Z', ...params }, extra)],
		connections: chain('Start', 'Lead Qualifier'),
	});
}

type Out = IDataObject & {
	score: number;
	grade: string;
	route: string;
	flags: string[];
	duplicateOf?: string;
	lead: IDataObject;
	frappeCrm?: { lead: string; fieldsWritten: boolean; comment: { name: string; created: boolean } | null };
	erpnext?: unknown;
	_ltcEvents: IDataObject[];
};

let crm: ErpNextServer;
const creds = (server = crm) => ({ leadToCloseErpNextApi: { baseUrl: server.url, apiKey: 'k', apiSecret: 's3cret-value' } });
let leadName: string;

beforeAll(async () => {
	crm = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value', apps: ['crm'] });
	// CRM Territory has no records after install (crm/install.py); a site that uses territories has them.
	crm.state.seed('CRM Territory', [{ name: 'Germany', territory_name: 'Germany' }]);
	[{ name: leadName }] = crm.state.seed('CRM Lead', [
		{ naming_series: 'CRM-LEAD-.YYYY.-', first_name: 'Jana', last_name: 'Roth', lead_name: 'Jana Roth', organization: 'Nordwerk Automation GmbH', job_title: 'Geschäftsführerin', email: 'jana.roth@nordwerk-automation.de', territory: 'Germany', no_of_employees: '201-500', industry: 'Manufacturing', status: 'New', annual_revenue: 42000000 },
	]);
	crm.state.seed('FCRM Note', [
		{ title: 'Intake call', content: '<p>We need 12 PLCs and a SCADA upgrade for two lines, budget around 250k EUR, go-live within 3 months.</p>', reference_doctype: 'CRM Lead', reference_docname: leadName },
		{ title: 'Other lead', content: '<p>Budget 5 million EUR</p>', reference_doctype: 'CRM Deal', reference_docname: leadName },
	]);
	crm.state.seed('CRM Lead', [
		{ name: 'CRM-LEAD-2026-00900', first_name: 'J.', lead_name: 'J. Roth', organization: 'Nordwerk', email: 'dup@nordwerk-automation.de', status: 'New' },
		{ name: 'CRM-LEAD-2026-00901', first_name: 'Jana', lead_name: 'Jana R.', organization: 'Nordwerk', email: 'dup@nordwerk-automation.de', status: 'New' },
	]);
});
afterAll(async () => crm.stop());

describe('Lead Qualifier against Frappe CRM', () => {
	it('reads the CRM Lead and its notes by the item name, writes the AI fields, places them on the lead page and comments in its activity', async () => {
		// The item carries only the reference, as a Frappe CRM webhook or list node may send it.
		const r = await qualify([{ name: leadName }], { ...CRM, writeBack: true }, {}, creds());
		const out = r.output('Lead Qualifier')[0].json as Out;
		// Scored on the note's words (the Deal's note with the same reference_docname is not read).
		expect(out.bant).toMatchObject({ budget: { currency: 'EUR' } });
		expect(JSON.stringify(out.bant)).not.toContain('5 million');
		expect(out.lead).toMatchObject({ ref: leadName, company: 'Nordwerk Automation GmbH', country: 'Germany', employees: '201-500', territory: 'Germany', annualRevenue: 42000000 });
		expect(out.frappeCrm).toMatchObject({ lead: leadName, fieldsWritten: true, comment: { created: true } });
		expect(out.erpnext).toBeUndefined();
		expect(out._ltcEvents[0]).toMatchObject({ service: 'frappe_crm', outcome: 'written', lead_ref: leadName });

		const stored = crm.state.get('CRM Lead', leadName)!;
		expect(stored).toMatchObject({ custom_ai_score: out.score, custom_ai_grade: out.grade, custom_ai_route: out.route });
		expect(crm.state.all('Custom Field').filter((f) => f.dt === 'CRM Lead').map((f) => f.fieldname)).toEqual(
			expect.arrayContaining(['custom_ai_section', 'custom_ai_score', 'custom_ai_grade', 'custom_ai_route', 'custom_ai_confidence', 'custom_ai_engine', 'custom_ai_scored_at', 'custom_ai_reasons']),
		);
		expect(crm.state.all('Custom Field').find((f) => f.fieldname === 'custom_ai_section')).toMatchObject({ dt: 'CRM Lead', insert_after: 'lead_owner' });

		// The lead page (get_sidepanel_sections) shows the AI fields in their own section after the defaults.
		const panel = await fetch(`${crm.url}/api/method/crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.get_sidepanel_sections?doctype=CRM%20Lead`, { headers: { Authorization: 'token k:s3cret-value' } });
		const sections = ((await panel.json()) as { message: Array<{ name: string; label: string; columns: Array<{ fields: Array<{ fieldname: string }> }> }> }).message;
		expect(sections.map((s) => s.name)).toEqual(['details_section', 'person_section', 'ltc_ai_section']);
		expect(sections[2].columns[0].fields.map((f) => f.fieldname)).toEqual(['custom_ai_score', 'custom_ai_grade', 'custom_ai_route', 'custom_ai_confidence', 'custom_ai_engine', 'custom_ai_scored_at', 'custom_ai_reasons']);

		// And on its Data tab (get_fields_layout "Data Fields"), after the sections crm/install.py put there.
		const data = await fetch(`${crm.url}/api/method/crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.get_fields_layout?doctype=CRM%20Lead&type=Data%20Fields`, { headers: { Authorization: 'token k:s3cret-value' } });
		const [tab] = ((await data.json()) as { message: Array<{ sections: Array<{ name: string; columns: Array<{ fields: Array<{ fieldname: string; label: string }> }> }> }> }).message;
		expect(tab.sections.map((s) => s.name)).toEqual(['details_section', 'person_section', 'ltc_ai_section']);
		expect(tab.sections[2].columns[0].fields[0]).toMatchObject({ fieldname: 'custom_ai_score', label: 'AI Score' });

		// The lead's activity (crm.api.activities.get_activities) shows the audit comment and the AI score change.
		const act = await fetch(`${crm.url}/api/method/crm.api.activities.get_activities?name=${leadName}`, { headers: { Authorization: 'token k:s3cret-value' } });
		const [activities, , notes] = ((await act.json()) as { message: Array<Array<IDataObject>> }).message;
		const comments = activities.filter((a) => a.activity_type === 'comment');
		expect(comments).toHaveLength(1);
		expect(String(comments[0].content)).toContain(`AI qualification: ${out.score}/100`);
		expect(activities.find((a) => a.activity_type === 'added')).toMatchObject({ data: { field: 'custom_ai_score', field_label: 'AI Score', value: out.score } });
		// The Notes tab lists FCRM Notes by reference_docname alone (get_linked_notes); the audit is no note.
		expect(notes.map((n) => n.title)).toContain('Intake call');
		expect(notes.some((n) => String(n.content).includes('AI qualification'))).toBe(false);
	});

	it('propose-only (ADR 0047): nothing is written to the CRM Lead; the lead goes to review with the values it would write', async () => {
		const [{ name }] = crm.state.seed('CRM Lead', [{ naming_series: 'CRM-LEAD-.YYYY.-', first_name: 'Petra', lead_name: 'Petra Lange', organization: 'Lange Anlagen GmbH', job_title: 'Geschäftsführerin', email: 'p.lange@lange-anlagen.de', no_of_employees: '201-500', industry: 'Manufacturing', status: 'New' }]);
		crm.state.seed('FCRM Note', [{ title: 'Web form', content: '<p>For our go-live within 2 months (budget around 60k EUR) we need 3 ABB ACS580 7.5 kW frequency converters.</p>', reference_doctype: 'CRM Lead', reference_docname: name }]);
		const before = crm.writes().length;
		const out = (await qualify([{ name }], { ...CRM, writeBack: true, proposeOnly: true }, {}, creds())).output('Lead Qualifier')[0].json as Out & { proposal: IDataObject };
		expect(out.route).toBe('review');
		expect(out.frappeCrm).toBeUndefined();
		expect(out.proposal).toMatchObject({ proposeOnly: 'propose-only mode is on for this node (its Propose Only parameter)', fields: { custom_ai_score: out.score } });
		expect(out._ltcEvents[0]).toMatchObject({ decision: 'review', outcome: 'proposed', lead_ref: name });
		expect(crm.writes().slice(before)).toEqual([]);
		expect(crm.state.get('CRM Lead', name)!.custom_ai_score ?? null).toBeNull();
	});

	it('a replay of the same lead writes nothing: no field PUT, no second comment, no layout or Custom Field write', async () => {
		const before = crm.writes().length;
		const stored = { ...crm.state.get('CRM Lead', leadName)! };
		const r = await qualify([{ name: leadName }], { ...CRM, writeBack: true }, {}, creds());
		const out = r.output('Lead Qualifier')[0].json as Out;
		expect(out.frappeCrm).toMatchObject({ fieldsWritten: false, comment: { created: false } });
		expect(crm.writes().slice(before)).toEqual([]);
		expect(crm.state.get('CRM Lead', leadName)).toEqual(stored);
		expect(crm.state.all('Comment').filter((c) => c.reference_name === leadName)).toHaveLength(1);
	});

	it('a changed lead is written again: new values and one more comment', async () => {
		crm.state.dbSet('CRM Lead', leadName, { job_title: 'Werkstudentin' });
		const r = await qualify([{ name: leadName }], { ...CRM, writeBack: true }, {}, creds());
		const out = r.output('Lead Qualifier')[0].json as Out;
		expect(out.frappeCrm).toMatchObject({ fieldsWritten: true, comment: { created: true } });
		expect(crm.state.get('CRM Lead', leadName)!.custom_ai_score).toBe(out.score);
		expect(crm.state.all('Comment').filter((c) => c.reference_name === leadName)).toHaveLength(2);
	});

	it('flags a duplicate by the CRM Lead email field', async () => {
		const out = (await qualify([{ name: 'CRM-LEAD-2026-00900' }], { ...CRM, writeBack: true }, {}, creds())).output('Lead Qualifier')[0].json as Out;
		expect(out.flags).toContain('duplicate');
		expect(out.duplicateOf).toBe('CRM-LEAD-2026-00901');
	});

	it('without write-back maps a CRM Lead item as it is (organization, email, notes rows) and calls nothing', async () => {
		const before = crm.requests.length;
		const item = { ...crm.state.get('CRM Lead', 'CRM-LEAD-2026-00901')!, notes: [{ title: 'Note', content: '<p>budget around 80k EUR</p>' }] };
		const out = (await qualify([item], CRM)).output('Lead Qualifier')[0].json as Out;
		expect(out.lead).toMatchObject({ ref: 'CRM-LEAD-2026-00901', company: 'Nordwerk', email: 'dup@nordwerk-automation.de', message: 'Note\nbudget around 80k EUR' });
		expect(crm.requests.length).toBe(before);
	});

	it('without write-back a lead that is not shaped like a CRM Lead (a web form) is read by the form keys', async () => {
		const out = (await qualify([{ id: 'F-1', 'Company Name': 'Formular GmbH', 'Email Address': 'a@formular.de', 'Your message': 'Need 3 PLCs' }], CRM)).output('Lead Qualifier')[0].json as Out;
		expect(out.lead).toMatchObject({ ref: 'F-1', company: 'Formular GmbH', email: 'a@formular.de', message: 'Need 3 PLCs' });
	});

	it('an unknown CRM Lead is a per-item error naming it, with Continue On Fail', async () => {
		const r = await qualify([{ name: 'CRM-LEAD-2026-99999' }], { ...CRM, writeBack: true }, { onError: 'continueRegularOutput' }, creds());
		const out = r.output('Lead Qualifier')[0].json as IDataObject;
		expect(String(out.error)).toMatch(/CRM-LEAD-2026-99999|not found/i);
	});

	it('once the fields and the layout are in place, a Sales User alone can score and write back', async () => {
		const limited = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value', apps: ['crm'], roles: ['Sales User'] });
		try {
			// Set-up done once by a manager: the same Custom Fields and Side Panel section, copied over.
			for (const f of crm.state.all('Custom Field')) limited.state.seed('Custom Field', [{ ...f }]);
			for (const layout of ['CRM Lead-Side Panel', 'CRM Lead-Data Fields']) limited.state.dbSet('CRM Fields Layout', layout, { layout: crm.state.get('CRM Fields Layout', layout)!.layout });
			const [{ name }] = limited.state.seed('CRM Lead', [{ first_name: 'Ali', organization: 'Acme', email: 'ali@acme.example', status: 'New' }]);
			const out = (await qualify([{ name }], { ...CRM, writeBack: true }, {}, creds(limited))).output('Lead Qualifier')[0].json as Out;
			expect(out.frappeCrm).toMatchObject({ fieldsWritten: true, comment: { created: true } });
			expect(limited.writes().map((w) => w.path)).toEqual([`/api/resource/CRM Lead/${name}`, '/api/method/frappe.desk.form.utils.add_comment']);
		} finally {
			await limited.stop();
		}
	});

	it('without the layout set-up, a Sales User is told which role places the fields on the lead page', async () => {
		const limited = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value', apps: ['crm'], roles: ['Sales User'] });
		try {
			for (const f of crm.state.all('Custom Field')) limited.state.seed('Custom Field', [{ ...f }]);
			const [{ name }] = limited.state.seed('CRM Lead', [{ first_name: 'Bo', organization: 'Acme', status: 'New' }]);
			const out = (await qualify([{ name }], { ...CRM, writeBack: true }, { onError: 'continueRegularOutput' }, creds(limited))).output('Lead Qualifier')[0].json as IDataObject & { frappeCrm: IDataObject };
			expect(out.frappeCrm.written).toBe(false);
			expect(`${String(out.frappeCrm.error)} ${String(out.frappeCrm.description ?? '')}`).toMatch(/Sales Manager/);
			expect(out.score).toEqual(expect.any(Number));
		} finally {
			await limited.stop();
		}
	});
});
