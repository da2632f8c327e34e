// The ERPNext Trigger's activation when it outlasts a scheduled poll. n8n 2.41 runs the trigger's
// scheduled polls on the activation's own workflow object, and a poll releases that object's expression
// isolate when it ends, although the activation still holds it (n8n-core 2.41
// dist/execution-engine/poll-trigger-executor.js releases whenever it called acquireIsolate, even when
// acquireIsolate answered "already held"). Every registration request after that failed with "No bridge
// acquired for this context" while n8n resolved a credential header written as an expression, and the
// activation failed after its retries (seen in CI: the queue-mode trigger test, slow under load). Here
// three orphan Webhooks point at the trigger's URL and ERPNext answers every Webhook request 10 s late:
// the registration (list, disable and delete each orphan, insert) takes about 80 s, so a poll at second 0
// of some minute ends while it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort, startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { prepareDeliveries, send } from '../support/frappeWebhookSender.mts';

const CRED_ID = 'ltcErpActivCred1';
const API_KEY = 'activation-key';
const API_SECRET = 'activation-secret-31';
const HOOK_ID = 'e1f2a3b4-5c6d-4e7f-8a9b-c0ffee00d101';

const workflow: WorkflowFixture = {
	id: 'ltcErpActivation1',
	name: 'ERPNext Trigger slow registration',
	nodes: [
		{
			id: 'ac-trigger',
			name: 'ERPNext Trigger',
			type: 'n8n-nodes-lead-to-close.erpNextTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: HOOK_ID,
			// Every minute at second 0 (n8n's shortest poll).
			parameters: { pollTimes: { item: [{ mode: 'custom', cronExpression: '0 * * * * *' }] }, doctype: 'Lead', events: ['after_insert'], fields: 'lead_name', onlyWhenChanged: '', options: {} },
			credentials: { leadToCloseErpNextApi: { id: CRED_ID, name: 'ERPNext contract server' } },
		},
		{ id: 'ac-noop', name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
	],
	connections: { 'ERPNext Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

let n8n: N8nInstance;
let erp: ErpNextServer;
let hookUrl: string;

beforeAll(async () => {
	erp = await startErpNextServer({ apiKey: API_KEY, apiSecret: API_SECRET });
	const port = await freePort();
	hookUrl = `http://127.0.0.1:${port}/webhook/${HOOK_ID}/webhook`;
	erp.state.seed('Webhook', [1, 2, 3].map((n) => ({ name: `orphan-${n}`, webhook_doctype: 'Lead', webhook_docevent: 'after_insert', request_url: hookUrl, enabled: 1 })));
	erp.setDelay(10_000, '/api/resource/Webhook');
	n8n = await startN8n({
		port,
		credentials: [{ id: CRED_ID, name: 'ERPNext contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, apiKey: API_KEY, apiSecret: API_SECRET } }],
		workflows: [workflow],
		activate: [workflow.id],
		env: { N8N_LOG_LEVEL: 'info' },
	});
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await erp?.stop();
});

describe('ERPNext Trigger activation in a real n8n', () => {
	it('registers its Webhook while a scheduled poll starts and ends during the registration', async () => {
		const webhookRequests = () => erp.requests.filter((r) => r.path.startsWith('/api/resource/Webhook'));
		const leadLists = () => erp.requests.filter((r) => r.method === 'GET' && r.path === '/api/resource/Lead').length;
		const deadline = Date.now() + 150_000;
		while (!webhookRequests().some((r) => r.method === 'POST' && r.status !== 0) && !/No bridge acquired|Webhook failed/.test(n8n.log()) && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 250));
		}
		// A scheduled poll (after the activation's own) listed the Leads before the Webhook was inserted.
		const insert = erp.requests.findIndex((r) => r.method === 'POST' && r.path === '/api/resource/Webhook');
		const listsBeforeInsert = erp.requests.slice(0, Math.max(insert, 0)).filter((r) => r.method === 'GET' && r.path === '/api/resource/Lead').length;
		expect({ insert: insert >= 0, log: n8n.log().match(/.*(No bridge acquired|Webhook failed).*/)?.[0] ?? null }).toEqual({ insert: true, log: null });
		expect(listsBeforeInsert).toBeGreaterThanOrEqual(2);
		expect(leadLists()).toBeGreaterThanOrEqual(2);
		expect(webhookRequests().map((r) => [r.method, r.status]).filter(([, status]) => Number(status) >= 300)).toEqual([]);
		const hooks = erp.state.all('Webhook').filter((w) => w.request_url === hookUrl && w.enabled === 1);
		expect(hooks).toHaveLength(1);
		// Active: a signed delivery of a new Lead starts one execution.
		const [lead] = erp.state.seed('Lead', [{ lead_name: 'Slow Registration' }]);
		const [delivery] = prepareDeliveries(erp, 'Lead', String(lead.name), 'after_insert', { urlPrefix: hookUrl });
		const answer = await send(delivery);
		expect({ status: answer.status, body: JSON.parse(answer.text) }).toMatchObject({ status: 200, body: { status: 'accepted' } });
	}, 240_000);
});
