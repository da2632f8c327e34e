// The ERPNext Trigger in n8n queue mode (main + 1 worker, Redis, PostgreSQL). A worker runs each
// execution on a workflow copy with empty static data and saves what the trigger's execute() wrote over
// the workflow's own; before the fix that erased the registration's secret after the first execution,
// so every later signed delivery was refused with 401 (found by the queue-mode pipeline test, see
// docs/scaling.md). Here: every signed delivery starts exactly one successful execution, the replay of
// one is still refused, and the registration is still in the workflow's static data at the end (its
// secret never is: derived from the credential, issue 14 H4). Then the
// catch-up poll (issue 13) in the same set-up: a change whose webhook was lost is delivered once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort, postgresEnv, queueEnv, startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { prepareDeliveries, send } from '../support/frappeWebhookSender.mts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.mts';
import { ensureRedis } from '../support/redis.mts';

const CRED_ID = 'ltcQueueTrigCred1';
const API_KEY = 'queue-trigger-key';
const API_SECRET = 'queue-trigger-secret-77';
const HOOK_ID = 'd9f5e3a2-7c6b-4fa0-9e3d-0e0e0000c003';
const LEADS = 6;

const workflow: WorkflowFixture = {
	id: 'ltcQueueTrigger01',
	name: 'queue: ERPNext Trigger',
	nodes: [
		{
			id: 'qt1',
			name: 'ERPNext Trigger',
			type: 'n8n-nodes-lead-to-close.erpNextTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: HOOK_ID,
			// Webhook deliveries only: the Leads are seeded before their deliveries, which a catch-up poll would take.
			parameters: { doctype: 'Lead', events: ['after_insert'], fields: 'lead_name, company_name', onlyWhenChanged: '', options: { catchUp: false } },
			credentials: { leadToCloseErpNextApi: { id: CRED_ID, name: 'ERPNext contract server' } },
		},
		{ id: 'qt2', name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
	],
	connections: { 'ERPNext Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

// The catch-up poll in queue mode: it runs on the main process, its executions on the worker.
const catchUpWorkflow: WorkflowFixture = {
	id: 'ltcQueueCatchUp01',
	name: 'queue: ERPNext Trigger catch-up',
	nodes: [
		{
			id: 'qc1',
			name: 'ERPNext Trigger',
			type: 'n8n-nodes-lead-to-close.erpNextTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'd9f5e3a2-7c6b-4fa0-9e3d-0e0e0000c004',
			parameters: { pollTimes: { item: [{ mode: 'custom', cronExpression: '0 * * * * *' }] }, doctype: 'Quotation', events: ['on_change'], fields: 'status', onlyWhenChanged: 'status', options: {} },
			credentials: { leadToCloseErpNextApi: { id: CRED_ID, name: 'ERPNext contract server' } },
		},
		{ id: 'qc2', name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
	],
	connections: { 'ERPNext Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

let n8n: N8nInstance;
let erp: ErpNextServer;
let db: TestDatabase;
let hookUrl: string;

async function until<T>(what: string, read: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
	const deadline = Date.now() + 90_000;
	for (;;) {
		const value = await read();
		if (done(value)) return value;
		if (Date.now() > deadline) throw new Error(`gave up waiting: ${what} (last: ${JSON.stringify(value).slice(0, 500)}); n8n log:\n${n8n.log().slice(-2000)}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

beforeAll(async () => {
	const redis = await ensureRedis();
	db = await createTestDatabase('ltc_n8n_queue_trigger');
	erp = await startErpNextServer({ apiKey: API_KEY, apiSecret: API_SECRET });
	erp.state.seed('Quotation', [{ name: 'SAL-QTN-2026-00801', status: 'Open', docstatus: 1 }]);
	const port = await freePort();
	hookUrl = `http://127.0.0.1:${port}/webhook/${HOOK_ID}/webhook`;
	n8n = await startN8n({
		port,
		credentials: [{ id: CRED_ID, name: 'ERPNext contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, apiKey: API_KEY, apiSecret: API_SECRET } }],
		workflows: [workflow, catchUpWorkflow],
		activate: [workflow.id, catchUpWorkflow.id],
		env: {
			...postgresEnv(db.url),
			...queueEnv(redis, 'ltctrig'),
			N8N_LOG_LEVEL: 'info',
		},
	});
	await n8n.startWorker(5);
	await until('the trigger registered its Webhook', () => erp.state.all('Webhook').filter((w) => w.request_url === hookUrl).length, (n) => n === 1);
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	await erp?.stop();
	await db?.drop();
});

describe('ERPNext Trigger in queue mode (main + worker)', () => {
	it('accepts every signed delivery, one execution each on the worker, refuses a replay, and keeps its registration', async () => {
		const leads = erp.state.seed('Lead', Array.from({ length: LEADS }, (_, i) => ({ lead_name: `Queue Lead ${i}`, company_name: `Werk ${i} GmbH` })));
		const deliveries = leads.map(({ name }) => prepareDeliveries(erp, 'Lead', String(name), 'after_insert', { urlPrefix: hookUrl })[0]);
		const answers: Array<{ status: number; text: string }> = [];
		for (const d of deliveries) {
			// The first waits until n8n routes the path (the Webhook in ERPNext can exist a moment before).
			if (answers.length === 0) {
				const r = await n8n.waitForWebhook(`${HOOK_ID}/webhook`, { method: 'POST', headers: d.headers, body: d.body });
				answers.push({ status: r.status, text: await r.text() });
			} else answers.push(await send(d));
			expect({ status: answers.at(-1)?.status, text: answers.at(-1)?.text }).toMatchObject({ status: 200, text: expect.stringContaining('"accepted"') });
			// Each delivery's execution finishes on the worker (and saves its static data) before the next.
			await until(`execution ${answers.length}`, () => n8n.executions(workflow.id), (list) => list.length === answers.length && list.every((e) => e.status === 'success'));
		}
		expect(answers.map((a) => a.status)).toEqual(Array(LEADS).fill(200));
		for (const a of answers) expect(JSON.parse(a.text)).toMatchObject({ status: 'accepted', doctype: 'Lead', event: 'after_insert' });
		const replay = await send(deliveries[0]);
		expect(replay.status).toBe(200);
		expect(JSON.parse(replay.text)).toMatchObject({ status: 'ignored', reason: 'replay' });
		expect(await n8n.executions(workflow.id)).toHaveLength(LEADS);
		// The executions ran on the worker, and the workflow's stored static data still holds the secret.
		expect(n8n.workerLog(0)).toMatch(/finished execution|Execution \d+ .*finished/i);
		const { rows } = await db.pool.query<{ staticData: Record<string, Record<string, unknown>> | string | null }>(`select "staticData" from workflow_entity where id = $1`, [workflow.id]);
		const stored = typeof rows[0].staticData === 'string' ? JSON.parse(rows[0].staticData) : rows[0].staticData;
		const secret = erp.state.all('Webhook').find((w) => w.request_url === hookUrl)?.webhook_secret;
		expect(secret).toBeTruthy();
		// The registration survived (its fingerprint, names), and the secret itself is never stored (H4).
		expect(stored['node:ERPNext Trigger']).toMatchObject({ secretId: expect.stringMatching(/^[0-9a-f]{16}$/), webhookNames: [expect.any(String)] });
		expect(JSON.stringify(stored)).not.toContain(String(secret));
	});

	it('catches up a change whose webhook was lost: the main polls, the worker runs one execution', async () => {
		const lists = () => erp.requests.filter((r) => r.method === 'GET' && r.path === '/api/resource/Quotation').length;
		await until('the activation poll', lists, (n) => n >= 1);
		erp.state.dbSet('Quotation', 'SAL-QTN-2026-00801', { status: 'Ordered' });
		const before = lists();
		await until('the next scheduled poll', lists, (n) => n > before);
		const runs = await until('the caught-up execution', () => n8n.executions(catchUpWorkflow.id), (list) => list.length >= 1 && list.every((e) => e.status === 'success'));
		await new Promise((r) => setTimeout(r, 3_000));
		expect(await n8n.executions(catchUpWorkflow.id)).toHaveLength(1);
		expect(JSON.stringify((await n8n.execution(runs[0].id)).data)).toContain('Ordered');
	});
});
