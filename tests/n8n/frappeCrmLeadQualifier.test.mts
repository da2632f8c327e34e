// Lead qualification against Frappe CRM inside a real n8n (issue 18): a webhook workflow whose Lead
// Qualifier has System of Record "Frappe CRM" and uses an imported Lead-to-Close ERPNext/Frappe
// credential pointing at the Frappe contract server hosting the Frappe CRM app (apps: ['crm'], frappe/crm
// @ 8b7dfdde). A new CRM Lead, posted by reference, is scored on its fields and FCRM Notes; the AI fields
// land on the CRM Lead and on its lead page, the audit comment in its activity; posting it again writes
// nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';

const CRED_ID = 'ltcFrappeCrmCred1';
const WF_ID = 'ltcTestFrappeCrm1';
const PATH = 'test/qualify-frappe-crm';

const workflow: WorkflowFixture = {
	id: WF_ID,
	name: 'test frappe crm qualify',
	nodes: [
		{ id: `${WF_ID}-1`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: `${WF_ID}-hook`, parameters: { httpMethod: 'POST', path: PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
		{ id: `${WF_ID}-2`, name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
		{
			id: `${WF_ID}-3`,
			name: 'Lead Qualifier',
			type: 'n8n-nodes-lead-to-close.leadQualifier',
			typeVersion: 1,
			position: [400, 0],
			parameters: { systemOfRecord: 'frappeCrm', writeBack: true, referenceDate: '2026-11-01T00:00:00Z', options: {} },
			credentials: { leadToCloseErpNextApi: { id: CRED_ID, name: 'Frappe CRM contract server' } },
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
		Split: { main: [[{ node: 'Lead Qualifier', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

let n8n: N8nInstance;
let crm: ErpNextServer;
let leadName: string;
const AUTH = { Authorization: 'token n8n-key:n8n-secret-value' };

beforeAll(async () => {
	crm = await startErpNextServer({ apiKey: 'n8n-key', apiSecret: 'n8n-secret-value', apps: ['crm'] });
	crm.state.seed('CRM Territory', [{ name: 'Mexico', territory_name: 'Mexico' }]);
	n8n = await startN8n({
		credentials: [{ id: CRED_ID, name: 'Frappe CRM contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: crm.url, apiKey: 'n8n-key', apiSecret: 'n8n-secret-value' } }],
		workflows: [workflow],
		activate: [WF_ID],
	});
	// A new lead as Frappe CRM creates it (through its REST API: validate names it and sets its status).
	const res = await fetch(`${crm.url}/api/resource/CRM%20Lead`, {
		method: 'POST',
		headers: { ...AUTH, 'Content-Type': 'application/json', Accept: 'application/json' },
		body: JSON.stringify({ first_name: 'Carlos', last_name: 'Méndez', organization: 'Envasadora del Norte S.A.', job_title: 'Gerente General', email: 'cmendez@envasadoranorte.mx', territory: 'Mexico', no_of_employees: '501-1000', industry: 'Food', source: 'Web Form' }),
	});
	expect(res.status).toBe(200);
	leadName = ((await res.json()) as { data: { name: string } }).data.name;
	const note = await fetch(`${crm.url}/api/resource/FCRM%20Note`, {
		method: 'POST',
		headers: { ...AUTH, 'Content-Type': 'application/json', Accept: 'application/json' },
		body: JSON.stringify({ title: 'Llamada inicial', content: '<p>Necesitamos 8 variadores y un PLC nuevo para la línea 3. Presupuesto aprox. 90,000 USD, arranque en 2 meses.</p>', reference_doctype: 'CRM Lead', reference_docname: leadName }),
	});
	expect(note.status).toBe(200);
});

afterAll(async () => {
	await n8n?.stop();
	await crm?.stop();
});

type Result = { score: number; grade: string; route: string; bant: { budget: { currency: string } | null }; lead: Record<string, unknown>; frappeCrm: { lead: string; fieldsWritten: boolean; comment: { created: boolean } } };

describe('Lead Qualifier against Frappe CRM in a real n8n', () => {
	it('scores a new CRM Lead, writes the AI fields and an activity comment, and writes nothing twice on a replay', async () => {
		expect(leadName).toMatch(/^CRM-LEAD-\d{4}-\d{5}$/);
		const post = () => n8n.waitForWebhook(PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads: [{ name: leadName }] }) });
		const first = await post();
		expect(first.status).toBe(200);
		const [result] = (await first.json()) as Result[];
		expect(result.frappeCrm).toMatchObject({ lead: leadName, fieldsWritten: true, comment: { created: true } });
		// Scored on the FCRM Note the item did not carry.
		expect(result.bant.budget).toMatchObject({ currency: 'USD' });
		expect(result.lead).toMatchObject({ company: 'Envasadora del Norte S.A.', contactName: 'Carlos Méndez', country: 'Mexico' });

		const stored = crm.state.get('CRM Lead', leadName)!;
		expect(stored).toMatchObject({ custom_ai_score: result.score, custom_ai_grade: result.grade, custom_ai_route: result.route });
		const activity = await fetch(`${crm.url}/api/method/crm.api.activities.get_activities?name=${leadName}`, { headers: AUTH });
		const [activities] = ((await activity.json()) as { message: Array<Array<{ activity_type: string; content?: string }>> }).message;
		expect(activities.filter((a) => a.activity_type === 'comment').map((a) => a.content)).toEqual([expect.stringContaining(`AI qualification: ${result.score}/100`)]);
		const panel = await fetch(`${crm.url}/api/method/crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.get_sidepanel_sections?doctype=CRM%20Lead`, { headers: AUTH });
		const sections = ((await panel.json()) as { message: Array<{ name: string; columns: Array<{ fields: Array<{ fieldname: string }> }> }> }).message;
		expect(sections.find((s) => s.name === 'ltc_ai_section')?.columns[0].fields.map((f) => f.fieldname)).toContain('custom_ai_score');
		// Every request n8n made carried the credential's token auth.
		expect(crm.requests.filter((r) => !String(r.headers.authorization).startsWith('token n8n-key:'))).toEqual([]);

		const writes = crm.writes().length;
		const second = await post();
		expect(second.status).toBe(200);
		const [again] = (await second.json()) as Result[];
		expect(again.frappeCrm).toMatchObject({ fieldsWritten: false, comment: { created: false } });
		expect(crm.writes().slice(writes)).toEqual([]);
		expect(crm.state.all('Comment').filter((c) => c.reference_name === leadName)).toHaveLength(1);
		expect(crm.state.all('Version').filter((v) => v.docname === leadName)).toHaveLength(1);
	});
});
