// The Deal Monitor against Frappe CRM inside a real n8n (issue 18): a webhook workflow whose Deal Monitor
// has System of Record "Frappe CRM", write-back and CRM Tasks on, and an imported Lead-to-Close
// ERPNext/Frappe credential pointing at the Frappe contract server hosting the Frappe CRM app (apps:
// ['crm'], frappe/crm @ 8b7dfdde). A CRM Deal is created and moved to Negotiation through the REST API
// (the fake's CRM Deal validate keeps its status change log), an e-mail and an unanswered call are
// logged, and its SLA says the first response is due. The scan flags it: AI fields on the CRM Deal and
// on its page, one comment in its activity, one CRM Task for its owner; a second scan writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';

const CRED_ID = 'ltcFrappeCrmDeal1';
const WF_ID = 'ltcTestFrappeCrmDeal1';
const PATH = 'test/deal-scan-frappe-crm';
const OWNER = 'anna.berg@example.com';
const AUTH = { Authorization: 'token n8n-key:n8n-secret-value' };
const JSON_HEADERS = { ...AUTH, 'Content-Type': 'application/json', Accept: 'application/json' };

const workflow: WorkflowFixture = {
	id: WF_ID,
	name: 'test frappe crm deal scan',
	nodes: [
		{ id: `${WF_ID}-1`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: `${WF_ID}-hook`, parameters: { httpMethod: 'POST', path: PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
		{
			id: `${WF_ID}-2`,
			name: 'Deal Monitor',
			type: 'n8n-nodes-lead-to-close.dealMonitor',
			typeVersion: 1,
			position: [200, 0],
			// The fake's clock starts on 2026-01-05; the scan looks at the deal eight weeks later.
			parameters: { systemOfRecord: 'frappeCrm', source: 'erpnext', writeBack: true, assignTodos: true, referenceDate: '2026-03-02T09:00:00Z', timeZone: 'UTC', options: {} },
			credentials: { leadToCloseErpNextApi: { id: CRED_ID, name: 'Frappe CRM contract server' } },
		},
	],
	connections: { Webhook: { main: [[{ node: 'Deal Monitor', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

let n8n: N8nInstance;
let crm: ErpNextServer;
let dealName: string;

async function post(path: string, body: unknown, method = 'POST'): Promise<Record<string, unknown>> {
	const res = await fetch(`${crm.url}${path}`, { method, headers: JSON_HEADERS, body: JSON.stringify(body) });
	expect(res.status, `${method} ${path}`).toBe(200);
	return ((await res.json()) as { data: Record<string, unknown> }).data;
}

beforeAll(async () => {
	crm = await startErpNextServer({ apiKey: 'n8n-key', apiSecret: 'n8n-secret-value', apps: ['crm'] });
	n8n = await startN8n({
		credentials: [{ id: CRED_ID, name: 'Frappe CRM contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: crm.url, apiKey: 'n8n-key', apiSecret: 'n8n-secret-value' } }],
		workflows: [workflow],
		activate: [WF_ID],
	});
	// The deal as Frappe CRM creates it, then moved on (validate names it and logs the status change).
	const created = await post('/api/resource/CRM%20Deal', { organization_name: 'Nordwerk Automation GmbH', deal_owner: OWNER, deal_value: 84000, currency: 'EUR', expected_closure_date: '2026-02-13' });
	dealName = String(created.name);
	await post(`/api/resource/CRM%20Deal/${encodeURIComponent(dealName)}`, { status: 'Negotiation' }, 'PUT');
	// What Frappe CRM's SLA (crm_service_level_agreement.py apply) sets on save: the first response is due.
	crm.state.dbSet('CRM Deal', dealName, { sla: 'Default', sla_status: 'First Response Due', response_by: '2026-01-06 09:00:00' });
	// Our e-mail (Communication on the deal) and a call nobody answered.
	crm.state.seed('Communication', [{ communication_type: 'Communication', communication_medium: 'Email', sent_or_received: 'Sent', recipients: 'jana.roth@nordwerk.de', subject: 'Revised offer', reference_doctype: 'CRM Deal', reference_name: dealName, communication_date: '2026-01-20 10:00:00' }]);
	await post('/api/resource/CRM%20Call%20Log', { id: 'CALL-0001', type: 'Outgoing', status: 'No Answer', from: '+4930100', to: '+4930200', duration: 0, start_time: '2026-01-26 10:00:00', reference_doctype: 'CRM Deal', reference_docname: dealName });
});

afterAll(async () => {
	await n8n?.stop();
	await crm?.stop();
});

type Result = {
	deal: { name: string; sales_stage: string; opportunity_owner: string };
	level: string;
	riskScore: number;
	signals: Array<{ code: string }>;
	frappeCrm: { deal: string; fieldsWritten: boolean; comment: { created: boolean }; task: { created: boolean; assignedTo?: string; signal?: string; reason?: string } };
};

describe('Deal Monitor against Frappe CRM in a real n8n', () => {
	it('flags the at-risk CRM Deal with a task for its owner, and writes nothing twice on a replay', async () => {
		const stored0 = crm.state.get('CRM Deal', dealName)!;
		expect((stored0.status_change_log as Array<{ from: string }>).map((r) => r.from)).toEqual(['Qualification', 'Negotiation']);

		const scan = () => n8n.waitForWebhook(PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		const first = await scan();
		expect(first.status).toBe(200);
		const results = (await first.json()) as Result[];
		expect(results.map((r) => r.deal.name)).toEqual([dealName]);
		const [result] = results;
		expect(result.deal).toMatchObject({ sales_stage: 'Negotiation', opportunity_owner: OWNER });
		expect(result.level).toBe('critical');
		expect(result.signals.map((s) => s.code)).toEqual(expect.arrayContaining(['close_date_passed', 'response_overdue', 'last_outbound_unanswered', 'stuck_in_stage']));
		expect(result.frappeCrm).toMatchObject({ deal: dealName, fieldsWritten: true, comment: { created: true }, task: { created: true, assignedTo: OWNER } });

		expect(crm.state.get('CRM Deal', dealName)).toMatchObject({ custom_ai_risk_level: 'critical', custom_ai_risk_score: result.riskScore });
		const activity = await fetch(`${crm.url}/api/method/crm.api.activities.get_activities?name=${dealName}`, { headers: AUTH });
		const [activities, calls, , tasks] = ((await activity.json()) as { message: Array<Array<Record<string, unknown>>> }).message;
		expect(activities.filter((a) => a.activity_type === 'comment').map((a) => a.content)).toEqual([expect.stringContaining('AI deal risk: critical')]);
		expect(calls).toHaveLength(1);
		expect(tasks).toEqual([expect.objectContaining({ assigned_to: OWNER, status: 'Todo', priority: 'High' })]);
		expect(String(tasks[0].description)).toContain(`[ltc-risk ${dealName} ${result.frappeCrm.task.signal}]`);
		const panel = await fetch(`${crm.url}/api/method/crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.get_sidepanel_sections?doctype=CRM%20Deal`, { headers: AUTH });
		const sections = ((await panel.json()) as { message: Array<{ name: string; columns: Array<{ fields: Array<{ fieldname: string }> }> }> }).message;
		expect(sections.find((s) => s.name === 'ltc_ai_risk_section')?.columns[0].fields.map((f) => f.fieldname)).toContain('custom_ai_risk_level');
		expect(crm.requests.filter((r) => !String(r.headers.authorization).startsWith('token n8n-key:'))).toEqual([]);

		const writes = crm.writes().length;
		const second = await scan();
		expect(second.status).toBe(200);
		const [again] = (await second.json()) as Result[];
		expect(again.frappeCrm).toMatchObject({ fieldsWritten: false, comment: { created: false }, task: { created: false, reason: 'open_todo_exists' } });
		expect(crm.writes().slice(writes)).toEqual([]);
		expect(crm.state.all('CRM Task').filter((t) => t.reference_docname === dealName)).toHaveLength(1);
		expect(crm.state.all('Comment').filter((c) => c.reference_name === dealName)).toHaveLength(1);
	});
});
