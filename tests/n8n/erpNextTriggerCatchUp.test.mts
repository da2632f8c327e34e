// The ERPNext Trigger's catch-up poll inside a real n8n 2.41 (issue 13: no lost ERPNext event). A
// Quotation workflow on On Change, only when status changes, polling every minute (n8n's shortest Poll
// Time). Against the ERPNext contract server, with the webhooks a real ERPNext sends for each transition
// (tests/support/frappeWebhookSender.mts): a delivery dropped on purpose (the document changes, no webhook)
// is caught up by the next poll; a version a webhook delivered is not delivered again by the poll; a
// version the poll delivered refuses its late webhook; and a change made while n8n is stopped is
// delivered once after the restart (n8n polls once on activation). Executions are counted over n8n's
// REST API after each step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort, startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { QUOTATION_TRANSITIONS, fireTransition, prepareDeliveries, send, type PreparedDelivery } from '../support/frappeWebhookSender.mts';
import { untilOn, type Until } from './support/frappeDesk.mts';

const CRED_ID = 'ltcErpCatchUpCrd';
const API_KEY = 'catch-up-key';
const API_SECRET = 'catch-up-secret-9a8b';
const HOOK_ID = 'e1f2a3b4-5c6d-4e7f-8a9b-c0ffee00d001';
const QUOTES = ['SAL-QTN-2026-00701', 'SAL-QTN-2026-00702', 'SAL-QTN-2026-00703'];

const workflow: WorkflowFixture = {
	id: 'ltcErpCatchUp001',
	name: 'ERPNext Trigger catch-up test',
	nodes: [
		{
			id: 'cu-trigger',
			name: 'ERPNext Trigger',
			type: 'n8n-nodes-lead-to-close.erpNextTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: HOOK_ID,
			parameters: {
				// Every minute, at second 0 (n8n's shortest poll; "Every Minute" would pick a random second).
				pollTimes: { item: [{ mode: 'custom', cronExpression: '0 * * * * *' }] },
				doctype: 'Quotation',
				events: ['on_change'],
				fields: 'status, party_name, lost_reasons',
				onlyWhenChanged: 'status',
				options: {},
			},
			credentials: { leadToCloseErpNextApi: { id: CRED_ID, name: 'ERPNext contract server' } },
		},
		{ id: 'cu-noop', name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
	],
	connections: { 'ERPNext Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

let n8n: N8nInstance;
let erp: ErpNextServer;
let hookUrl: string;
/** Execution counts measured after each step (printed at the end). */
const measured: string[] = [];

/** Waits for n8n (support/frappeDesk.mts), 90 s unless told. */
const until: Until = (what, read, done, timeoutMs) => untilOn(n8n, 90_000)(what, read, done, timeoutMs);

/** Finished executions of the workflow, oldest first, with the name and status each one carried. */
async function runs(): Promise<Array<{ id: string; status: string; quote: string; quoteStatus: string }>> {
	const list = await n8n.executions(workflow.id);
	if (list.some((e) => ['new', 'running', 'waiting'].includes(e.status))) return [];
	const out = [];
	for (const e of [...list].reverse()) {
		const data = JSON.stringify((await n8n.execution(e.id)).data);
		const quote = QUOTES.find((q) => data.includes(q)) ?? '?';
		const quoteStatus = ['Ordered', 'Lost', 'Open'].find((s) => data.includes(s)) ?? '?';
		out.push({ id: e.id, status: e.status, quote, quoteStatus });
	}
	return out;
}

const listCalls = () => erp.requests.filter((r) => r.method === 'GET' && r.path === '/api/resource/Quotation').length;

/** Waits until n8n's every-minute poll has listed the Quotations once more, then for what it started. */
async function nextPoll(): Promise<void> {
	const before = listCalls();
	await until('the next scheduled poll', listCalls, (n) => n > before, 75_000);
	await new Promise((r) => setTimeout(r, 3_000));
}

const hooks = () => erp.state.all('Webhook').filter((w) => w.request_url === hookUrl && w.enabled === 1);

beforeAll(async () => {
	erp = await startErpNextServer({ apiKey: API_KEY, apiSecret: API_SECRET });
	// Submitted quotations that exist before the trigger: history, never delivered.
	erp.state.seed('Quotation', QUOTES.map((name, i) => ({ name, quotation_to: 'Lead', party_name: `CRM-LEAD-2026-0070${i + 1}`, status: 'Open', docstatus: 1 })));
	const port = await freePort();
	hookUrl = `http://127.0.0.1:${port}/webhook/${HOOK_ID}/webhook`;
	n8n = await startN8n({
		port,
		credentials: [{ id: CRED_ID, name: 'ERPNext contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, apiKey: API_KEY, apiSecret: API_SECRET } }],
		workflows: [workflow],
		activate: [workflow.id],
		env: { N8N_LOG_LEVEL: 'info' },
	});
	await until('the trigger registered its on_change Webhook', () => hooks().length, (n) => n === 1);
	// The activation poll has noted where ERPNext stands (it lists the newest Quotation first).
	await until('the activation poll listed the Quotations', listCalls, (n) => n >= 1);
}, 300_000);

afterAll(async () => {
	console.log(`ERPNext Trigger catch-up in a real n8n, executions after each step: ${measured.join('; ')}`);
	await n8n?.stop();
	await erp?.stop();
});

describe('ERPNext Trigger catch-up (Poll Times) in a real n8n', () => {
	let lateWebhook: PreparedDelivery;

	it('starts nothing for the history it found on activation', async () => {
		expect(await runs()).toEqual([]);
		measured.push('activation: 0');
	});

	it('catches up a dropped delivery on the next poll, and does not repeat what a webhook delivered', async () => {
		// 00701: Sales Order submitted, its on_change webhook lost after Frappe's retries.
		expect(await fireTransition(erp, 'Quotation', QUOTES[0], QUOTATION_TRANSITIONS.salesOrderSubmitted, { urlPrefix: hookUrl, drop: true })).toEqual([]);
		// 00702: Declare Lost, its on_change webhook delivered: one execution at once.
		const lost = await fireTransition(erp, 'Quotation', QUOTES[1], QUOTATION_TRANSITIONS.declareLost(['Price']), { urlPrefix: hookUrl });
		expect(lost.map((d) => [d.event, d.status, JSON.parse(d.text).status])).toEqual([['on_change', 200, 'accepted']]);
		// 00703: Sales Order submitted; its webhook is held back and arrives after the poll.
		await fireTransition(erp, 'Quotation', QUOTES[2], QUOTATION_TRANSITIONS.salesOrderSubmitted, { urlPrefix: hookUrl, drop: true });
		[lateWebhook] = prepareDeliveries(erp, 'Quotation', QUOTES[2], 'on_change', { urlPrefix: hookUrl });
		const afterWebhook = await until('the webhook execution', runs, (r) => r.length === 1);
		expect(afterWebhook.map((r) => [r.quote, r.quoteStatus, r.status])).toEqual([[QUOTES[1], 'Lost', 'success']]);
		measured.push('webhook: 1');

		await nextPoll();
		const afterPoll = await until('the poll executions', runs, (r) => r.length >= 3);
		expect(afterPoll.slice(1).map((r) => [r.quote, r.quoteStatus, r.status]).sort()).toEqual([
			[QUOTES[0], 'Ordered', 'success'],
			[QUOTES[2], 'Ordered', 'success'],
		]);
		expect(afterPoll).toHaveLength(3);
		measured.push(`first poll: ${afterPoll.length} (2 caught up, 00702 not repeated)`);
	}, 150_000);

	it('refuses the late webhook of a version the poll delivered, and the next poll repeats nothing', async () => {
		const late = await send(lateWebhook);
		expect(late.status).toBe(200);
		expect(JSON.parse(late.text)).toMatchObject({ status: 'ignored', reason: 'replay' });
		await nextPoll();
		expect(await until('settled', runs, (r) => r.length > 0)).toHaveLength(3);
		measured.push('late webhook + second poll: 3');
	}, 150_000);

	it('delivers once, after a restart, a change made while n8n was stopped', async () => {
		await n8n.stop();
		// Declare Lost on 00701 while n8n is down: Frappe's on_change webhook fails (nobody listens).
		await fireTransition(erp, 'Quotation', QUOTES[0], QUOTATION_TRANSITIONS.declareLost(['Delivery time']), { urlPrefix: hookUrl, drop: true });
		await n8n.start();
		await n8n.login();
		const afterRestart = await until('the catch-up after the restart', runs, (r) => r.length >= 4, 120_000);
		expect(afterRestart.slice(3).map((r) => [r.quote, r.quoteStatus, r.status])).toEqual([[QUOTES[0], 'Lost', 'success']]);
		measured.push(`after restart: ${afterRestart.length}`);
		await nextPoll();
		expect(await until('settled', runs, (r) => r.length > 0)).toHaveLength(4);
		measured.push('poll after restart: 4');
		// What the trigger remembers (cursor, accepted versions) reached n8n's database.
		const wf = await n8n.rest<{ data: { staticData: Record<string, { cursors: Record<string, [string, string]>; seen: string[] }> } }>('GET', `/workflows/${workflow.id}`);
		const stored = wf.body.data.staticData['node:ERPNext Trigger'];
		expect(stored.cursors.Quotation[0] >= String(erp.state.get('Quotation', QUOTES[0])!.modified)).toBe(true);
		expect(stored.seen.length).toBeGreaterThanOrEqual(4);
	}, 240_000);
});
