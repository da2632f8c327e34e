// The trigger on Frappe CRM inside a real n8n 2.41 (issue 18): the importable workflow's shape — new CRM
// Lead (After Insert, signed Frappe Webhook, catch-up every minute) → Lead Qualifier with System of Record
// Frappe CRM and write-back — against the Frappe contract server hosting the Frappe CRM app (apps:
// ['crm'], frappe/crm @ 8b7dfdde). Webhooks are sent as Frappe sends them (tests/support/
// frappeWebhookSender.mts). A new CRM Lead delivered by webhook starts one execution and is scored with
// write-back; the replayed delivery is refused; the audit Comment the workflow writes (which bumps the
// lead's `modified`, crm/utils on_comment_insert) starts nothing on the next poll; a lead whose delivery
// was dropped is caught up by the poll, once. Executions are counted over n8n's REST API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort, startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { fireEvent, prepareDeliveries, send, type PreparedDelivery } from '../support/frappeWebhookSender.mts';
import { untilOn, type Until } from './support/frappeDesk.mts';

const CRED_ID = 'ltcFrappeTrigCrd1';
const API_KEY = 'crm-trigger-key';
const API_SECRET = 'crm-trigger-secret-7c6d';
const HOOK_ID = 'f1a2b3c4-5d6e-4f70-8a9b-c0ffee00f018';
const AUTH = { Authorization: `token ${API_KEY}:${API_SECRET}`, 'Content-Type': 'application/json', Accept: 'application/json' };

const workflow: WorkflowFixture = {
	id: 'ltcFrappeCrmTrig1',
	name: 'Frappe CRM trigger test',
	nodes: [
		{
			id: 'fct-trigger',
			name: 'New CRM Lead',
			type: 'n8n-nodes-lead-to-close.erpNextTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: HOOK_ID,
			parameters: {
				// Every minute, at second 0 (n8n's shortest poll).
				pollTimes: { item: [{ mode: 'custom', cronExpression: '0 * * * * *' }] },
				doctype: 'CRM Lead',
				events: ['after_insert'],
				fields: '*',
				onlyWhenChanged: '',
				options: {},
			},
			credentials: { leadToCloseErpNextApi: { id: CRED_ID, name: 'Frappe CRM contract server' } },
		},
		{
			id: 'fct-qualifier',
			name: 'Lead Qualifier',
			type: 'n8n-nodes-lead-to-close.leadQualifier',
			typeVersion: 1,
			position: [220, 0],
			parameters: { systemOfRecord: 'frappeCrm', writeBack: true, referenceDate: '2026-11-01T00:00:00Z', options: {} },
			credentials: { leadToCloseErpNextApi: { id: CRED_ID, name: 'Frappe CRM contract server' } },
		},
	],
	connections: { 'New CRM Lead': { main: [[{ node: 'Lead Qualifier', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

let n8n: N8nInstance;
let crm: ErpNextServer;
let hookUrl: string;
const measured: string[] = [];

/** Waits for n8n (support/frappeDesk.mts), 90 s unless told. */
const until: Until = (what, read, done, timeoutMs) => untilOn(n8n, 90_000)(what, read, done, timeoutMs);

const leads: string[] = [];

/** Finished executions, oldest first, with the CRM Lead each one carried. */
async function runs(): Promise<Array<{ status: string; lead: string }>> {
	const list = await n8n.executions(workflow.id);
	if (list.some((e) => ['new', 'running', 'waiting'].includes(e.status))) return [];
	const out = [];
	for (const e of [...list].reverse()) {
		const data = JSON.stringify((await n8n.execution(e.id)).data);
		out.push({ status: e.status, lead: leads.find((l) => data.includes(l)) ?? '?' });
	}
	return out;
}

const listCalls = () => crm.requests.filter((r) => r.method === 'GET' && /^\/api\/resource\/CRM(%20| )Lead$/.test(r.path)).length;

async function nextPoll(): Promise<void> {
	const before = listCalls();
	await until('the next scheduled poll', listCalls, (n) => n > before, 75_000);
	await new Promise((r) => setTimeout(r, 4_000));
}

async function newLead(body: Record<string, unknown>): Promise<string> {
	const res = await fetch(`${crm.url}/api/resource/CRM%20Lead`, { method: 'POST', headers: AUTH, body: JSON.stringify(body) });
	expect(res.status).toBe(200);
	const name = ((await res.json()) as { data: { name: string } }).data.name;
	leads.push(name);
	return name;
}

const comments = (lead: string) => crm.state.all('Comment').filter((c) => c.reference_doctype === 'CRM Lead' && c.reference_name === lead);

beforeAll(async () => {
	crm = await startErpNextServer({ apiKey: API_KEY, apiSecret: API_SECRET, apps: ['crm'] });
	crm.state.seed('CRM Territory', [{ name: 'Mexico', territory_name: 'Mexico' }]);
	const port = await freePort();
	hookUrl = `http://127.0.0.1:${port}/webhook/${HOOK_ID}/webhook`;
	n8n = await startN8n({
		port,
		credentials: [{ id: CRED_ID, name: 'Frappe CRM contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: crm.url, apiKey: API_KEY, apiSecret: API_SECRET } }],
		workflows: [workflow],
		activate: [workflow.id],
		env: { N8N_LOG_LEVEL: 'info' },
	});
	await until('the trigger registered its CRM Lead Webhook', () => crm.state.all('Webhook').filter((w) => w.request_url === hookUrl && w.enabled === 1).map((w) => [w.webhook_doctype, w.webhook_docevent]), (h) => h.length === 1);
	await until('the activation poll listed the CRM Leads', listCalls, (n) => n >= 1);
}, 300_000);

afterAll(async () => {
	console.log(`Frappe CRM trigger in a real n8n, executions after each step: ${measured.join('; ')}`);
	await n8n?.stop();
	await crm?.stop();
});

describe('the trigger on Frappe CRM (new CRM Lead → Lead Qualifier) in a real n8n', () => {
	let delivered: PreparedDelivery;
	let first: string;

	it('registered a signed Webhook on CRM Lead after_insert', () => {
		const [hook] = crm.state.all('Webhook').filter((w) => w.request_url === hookUrl);
		expect(hook).toMatchObject({ webhook_doctype: 'CRM Lead', webhook_docevent: 'after_insert', enable_security: 1, request_structure: 'JSON' });
		expect(String(hook.webhook_secret)).not.toContain(API_SECRET);
	});

	it('a new CRM Lead delivered by webhook starts one execution and is scored with write-back; the replay is refused', async () => {
		first = await newLead({ first_name: 'Carlos', last_name: 'Méndez', organization: 'Envasadora del Norte S.A.', job_title: 'Gerente General', email: 'cmendez@envasadoranorte.mx', territory: 'Mexico', no_of_employees: '501-1000', industry: 'Food', source: 'Web Form' });
		[delivered] = prepareDeliveries(crm, 'CRM Lead', first, 'after_insert', { urlPrefix: hookUrl });
		const [answer] = await fireEvent(crm, 'CRM Lead', first, 'after_insert', { urlPrefix: hookUrl });
		expect([answer.status, JSON.parse(answer.text)]).toEqual([200, { status: 'accepted', doctype: 'CRM Lead', name: first, event: 'after_insert' }]);
		const done = await until('the webhook execution', runs, (r) => r.length === 1);
		expect(done).toEqual([{ status: 'success', lead: first }]);
		const stored = crm.state.get('CRM Lead', first)!;
		expect(typeof stored.custom_ai_score).toBe('number');
		expect(stored.custom_ai_grade).toMatch(/^[A-D]$/);
		expect(comments(first).map((c) => c.content)).toEqual([expect.stringContaining(`AI qualification: ${stored.custom_ai_score}/100`)]);
		// The audit comment moved the lead's modified past the delivered version.
		expect(String(stored.modified) > JSON.parse(delivered.body).modified).toBe(true);

		const replay = await send(delivered);
		expect([replay.status, JSON.parse(replay.text)]).toMatchObject([200, { status: 'ignored', reason: 'replay' }]);
		const forged = await send({ ...delivered, headers: { ...delivered.headers, 'X-Frappe-Webhook-Signature': 'AAAA' } });
		expect(forged.status).toBe(401);
		await new Promise((r) => setTimeout(r, 2_000));
		expect(await until('settled', runs, (r) => r.length > 0)).toHaveLength(1);
		measured.push('webhook + replay + forged: 1');
	}, 150_000);

	it('the next poll does not take the lead the audit comment changed for a new one', async () => {
		const writes = crm.writes().length;
		await nextPoll();
		expect(await until('settled', runs, (r) => r.length > 0)).toHaveLength(1);
		expect(crm.writes().slice(writes)).toEqual([]);
		expect(comments(first)).toHaveLength(1);
		measured.push('poll after the audit comment: 1');
	}, 150_000);

	it('a lead whose delivery was dropped is caught up by the poll once, and its own comment starts nothing after', async () => {
		const dropped = await newLead({ first_name: 'Lucía', last_name: 'Ortega', organization: 'Frigoríficos Ortega', job_title: 'Directora de Compras', email: 'lortega@frigorificos-ortega.mx', territory: 'Mexico', no_of_employees: '51-200', industry: 'Food', source: 'Web Form' });
		await nextPoll();
		const afterPoll = await until('the caught-up execution', runs, (r) => r.length >= 2);
		expect(afterPoll).toEqual([
			{ status: 'success', lead: first },
			{ status: 'success', lead: dropped },
		]);
		expect(typeof crm.state.get('CRM Lead', dropped)!.custom_ai_score).toBe('number');
		expect(comments(dropped)).toHaveLength(1);
		measured.push('poll after a dropped delivery: 2');
		await nextPoll();
		expect(await until('settled', runs, (r) => r.length > 0)).toHaveLength(2);
		expect(comments(dropped)).toHaveLength(1);
		measured.push('poll after its audit comment: 2');
	}, 240_000);
});
