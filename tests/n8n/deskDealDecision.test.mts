// Deal-risk actions decided in the desk (issue 19, ADR 0046) in a real n8n 2.41, with the shipped
// workflows/deal-monitor.json (ERPNext, through the Deal Monitor's front tests/nodes/support/dealErpNext.mts)
// and workflows/frappe-crm-deal-monitor.json (the Frappe contract server with the Frappe CRM app), and a
// throwaway metrics database (dashboards/schema.sql). A critical deal gets one task carrying the AI's
// reasons and proposal; the owner decides with the desk's own gestures (ERPNext: the ToDo's Close, the
// Opportunity's Reviewed Next Action then Close, the assignment removed; Frappe CRM: the task set to
// Done, its title changed then Done, Canceled), Frappe sends the webhook (ToDo: On Change; CRM Task:
// On Update) and the workflow's trigger → Read Deal Decision → the events. Asserted: one human event per
// decision in the scan's decision point; a replayed delivery changes nothing; a decision taken while n8n
// was down still continues after the restart (the trigger's catch-up poll); with Propose Only on (a
// copy of each workflow whose Deal Monitor has the parameter set) nothing is written to the deal until
// the task is closed, then the proposed fields once, and nothing at all on dismiss; the next scan
// assigns no new ToDo for a deal whose ToDo was answered, until the deal gets worse (ADR 0046, amended).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { seedDeals } from '../nodes/support/dealErpNext.mts';
import { prepareDeliveries, send, type PreparedDelivery } from '../support/frappeWebhookSender.mts';
import { CRITICAL_DEAL, DEAL_SAMPLES, decidedLines, startErpNextDesk, type ErpNextDesk } from './support/erpNextDesk.mts';
import { loadWorkflow, type ShippedWorkflow } from './support/metricsExecutions.mts';

const ERP = { apiKey: 'deal-desk-key', apiSecret: 'deal-desk-secret-3c9e' };
const CRM = { apiKey: 'deal-crm-key', apiSecret: 'deal-crm-secret-8d2a' };
const CRM_CRED = { id: 'ltcFrappeCrmCred9', name: 'Lead-to-Close Frappe CRM' };
const CRM_OWNER = 'anna.berg@example.com';

const ERP_OWNER = String(CRITICAL_DEAL.opportunity_owner);
const opp = (suffix: string) => `${CRITICAL_DEAL.name}-${suffix}`;

type Change = (wf: ShippedWorkflow) => ShippedWorkflow;
const withMonitor =
	(parameters: Record<string, unknown>): Change =>
	(wf) => ({
		...wf,
		nodes: wf.nodes.map((n) =>
			n.name === 'Deal Monitor' ? { ...n, parameters: { ...n.parameters, ...parameters } } : n,
		),
	});
/** The scan alone (no decision trigger): the propose-only copies are run by hand. */
const scanOnly =
	(id: string): Change =>
	(wf) => ({
		...wf,
		id,
		name: `${wf.name} (propose-only)`,
		nodes: wf.nodes.filter((n) => !['n8n-nodes-lead-to-close.erpNextTrigger', 'n8n-nodes-lead-to-close.deskApproval'].includes(n.type)),
		connections: Object.fromEntries(
			Object.entries(wf.connections).filter(([from]) => wf.nodes.find((n) => n.name === from)?.type !== 'n8n-nodes-lead-to-close.erpNextTrigger' && from !== 'Read Deal Decision'),
		),
	});
const onCredential =
	(cred: { id: string; name: string }): Change =>
	(wf) => ({
		...wf,
		nodes: wf.nodes.map((n) =>
			n.credentials?.leadToCloseErpNextApi ? { ...n, credentials: { ...n.credentials, leadToCloseErpNextApi: cred } } : n,
		),
	});
const pipe = (wf: ShippedWorkflow, ...changes: Change[]) => changes.reduce((w, c) => c(w), wf);

const ERP_SCAN = { referenceDate: DEAL_SAMPLES.asOf, timeZone: DEAL_SAMPLES.timeZone };
// The fake's clock starts on 2026-01-05; the Frappe CRM scan looks at the deals eight weeks later.
const CRM_SCAN = { referenceDate: '2026-03-02T09:00:00Z', timeZone: 'UTC' };
const erpFlow = pipe(loadWorkflow('deal-monitor.json'), withMonitor(ERP_SCAN));
const erpPropose = pipe(erpFlow, scanOnly('ltcDealProposeErp1'), withMonitor({ proposeOnly: true }));
const crmFlow = pipe(loadWorkflow('frappe-crm-deal-monitor.json'), withMonitor(CRM_SCAN), onCredential(CRM_CRED));
const crmPropose = pipe(crmFlow, scanOnly('ltcDealProposeCrm1'), withMonitor({ proposeOnly: true }));
const SCAN = 'Every 30 Minutes';

let desk: ErpNextDesk;
let crm: ErpNextServer;

beforeAll(async () => {
	crm = await startErpNextServer({ ...CRM, apps: ['crm'] });
	desk = await startErpNextDesk({
		database: 'ltc_deal_desk',
		api: ERP,
		// The site's clock runs from the scan's Reference Date, as a live site's does from the scan's now: when
		// a ToDo was answered (its `modified`) is compared with it (ADR 0046, amended).
		site: { clockStart: Date.parse(DEAL_SAMPLES.asOf) },
		dealFront: true,
		flow: erpFlow,
		publish: [crmFlow],
		also: [erpPropose, crmPropose],
		credentials: [{ ...CRM_CRED, type: 'leadToCloseErpNextApi', data: { baseUrl: crm.url, ...CRM } }],
		webhooks: ['ToDo'],
	});
	await desk.until('the CRM Task Webhook', () => crm.state.all('Webhook').some((w) => w.webhook_doctype === 'CRM Task' && w.enabled === 1), (found) => found, 60_000);
}, 300_000);

afterAll(async () => {
	await desk?.stop();
	await crm?.stop();
});

/** Every execution of the decision workflows settled and successful (a catch-up poll may add some). */
async function settled(): Promise<void> {
	for (const workflow of [erpFlow.id, crmFlow.id]) {
		for (const run of await desk.settled(0, { workflow, timeoutMs: 120_000 })) expect(run.status, `execution ${run.id} of ${workflow}`).toBe('success');
	}
}

const humanEvents = (deal: string) => desk.events({ deal }, "actor = 'human'");
const oneHumanEvent = (deal: string) => desk.until(`the human event of ${deal}`, () => humanEvents(deal), (r) => r.length > 0);

const marked = (description: unknown, pattern: RegExp) => String(description).match(pattern) ?? [];

describe('deal-monitor.json: a critical deal decided on its ToDo in the ERPNext desk', () => {
	const todoOf = (deal: string) => {
		const todos = desk.todos('Opportunity', deal);
		expect(todos, `ToDos of ${deal}`).toHaveLength(1);
		return todos[0];
	};
	/** The owner closes (Closed) or removes (Cancelled) the ToDo: a save, and Frappe's webhooks. */
	async function decide(deal: string, status: 'Closed' | 'Cancelled', options: { drop?: boolean } = {}): Promise<string> {
		const todo = String(todoOf(deal).name);
		await desk.decide(todo, status, ERP_OWNER, options);
		return todo;
	}
	let scanId = '';
	const suffixes = ['A', 'O', 'D', 'R'];

	it('the scan gives each critical deal one ToDo with the escaped reasons and the proposal; close accepts, Reviewed Next Action overrides, removal dismisses: one human event each, and a replay changes nothing', async () => {
		for (const s of suffixes) seedDeals(desk.front!, [{ ...CRITICAL_DEAL, name: opp(s), todos: [] }], { suffix: `-${s}` });
		const scan = await desk.run(erpFlow, SCAN);
		scanId = scan.id;
		for (const s of suffixes) {
			const todo = todoOf(opp(s));
			expect(todo).toMatchObject({ status: 'Open', allocated_to: ERP_OWNER });
			const text = String(todo.description);
			expect(text).toContain(`Deal ${opp(s)} is at critical risk`);
			expect(text).toContain('To accept it, close this ToDo.');
			expect(text).toMatch(/<p>Reasons:<\/p><ul><li>[^<]+<\/li>/);
			expect(text).toMatch(/\[ltc-risk CRM-OPP-2026-00125-[A-Z] [a-z_]+\]/);
			expect(marked(text, /\[ltc-approval [A-Za-z0-9_-]+\]/g)).toHaveLength(1);
			// Not propose-only: the AI fields are on the Opportunity already.
			expect(desk.erp.state.get('Opportunity', opp(s))).toMatchObject({ custom_ai_risk_level: 'critical' });
		}
		// The owner's editable choice exists beside the AI fields.
		expect(desk.erp.state.all('Custom Field').some((f) => f.dt === 'Opportunity' && f.fieldname === 'custom_ai_reviewed_next_action')).toBe(true);

		const accepted = await decide(opp('A'), 'Closed');
		expect(await oneHumanEvent(opp('A'))).toEqual([
			expect.objectContaining({ execution_id: scanId, step: 'deal_risk', decision: 'approve', outcome: 'approved', channel: 'desk', service: 'erpnext', decided_by: ERP_OWNER, reason: null }),
		]);
		expect(Number((await humanEvents(opp('A')))[0].duration_ms)).toBeGreaterThan(0);

		// The owner writes another next action on the Opportunity, saves, then closes the ToDo.
		desk.erp.state.dbSet('Opportunity', opp('O'), { custom_ai_reviewed_next_action: 'Visit the plant with the service lead on Monday' });
		await decide(opp('O'), 'Closed');
		const [override] = await oneHumanEvent(opp('O'));
		expect(override).toMatchObject({ execution_id: scanId, decision: 'approve', outcome: 'approved_changed', decided_by: ERP_OWNER });
		expect(override.reason).toMatch(/^next action "Visit the plant with the service lead on Monday" instead of "/);
		// Consumed: the next ToDo of this deal is not answered by it.
		expect(desk.erp.state.get('Opportunity', opp('O'))!.custom_ai_reviewed_next_action ?? '').toBe('');

		await decide(opp('D'), 'Cancelled');
		expect(await oneHumanEvent(opp('D'))).toEqual([expect.objectContaining({ execution_id: scanId, decision: 'decline', outcome: 'dismissed', decided_by: ERP_OWNER })]);

		// The accepted decision delivered again (the ToDo as it is now): decided already, nothing more.
		await settled();
		for (const delivery of prepareDeliveries(desk.erp, 'ToDo', accepted, 'on_change')) await send(delivery);
		await new Promise((r) => setTimeout(r, 1500));
		await settled();
		expect(await humanEvents(opp('A'))).toHaveLength(1);
		expect(decidedLines(desk.erp.state.get('ToDo', accepted)!.description)).toHaveLength(1);
	}, 300_000);

	it('propose-only: nothing is written to the Opportunity until its ToDo is closed, then the proposed fields once; a removed ToDo writes nothing', async () => {
		for (const s of ['P1', 'P2']) seedDeals(desk.front!, [{ ...CRITICAL_DEAL, name: opp(s), todos: [] }], { suffix: `-${s}` });
		const scan = await desk.run(erpPropose, SCAN);
		for (const s of ['P1', 'P2']) {
			const deal = desk.erp.state.get('Opportunity', opp(s))!;
			expect(deal.custom_ai_risk_level ?? null, `${opp(s)} written`).toBeNull();
			expect(desk.erp.state.all('Comment').filter((c) => c.reference_name === opp(s) && String(c.content).includes('AI deal risk'))).toEqual([]);
			const text = String(todoOf(opp(s)).description);
			expect(text).toContain('Propose-only mode (propose-only mode is on for this node (its Propose Only parameter)): nothing was written to the Opportunity');
			expect(text).toContain('<li>custom_ai_risk_level: critical</li>');
		}
		const writes = (deal: string) => desk.erp.writes().filter((r) => r.method === 'PUT' && r.path === `/api/resource/Opportunity/${deal}`).length;

		await decide(opp('P2'), 'Cancelled');
		expect(await oneHumanEvent(opp('P2'))).toEqual([expect.objectContaining({ decision: 'decline', outcome: 'dismissed' })]);
		expect(desk.erp.state.get('Opportunity', opp('P2'))!.custom_ai_risk_level ?? null).toBeNull();
		expect(writes(opp('P2'))).toBe(0);

		const todo = await decide(opp('P1'), 'Closed');
		expect(await oneHumanEvent(opp('P1'))).toEqual([expect.objectContaining({ execution_id: scan.id, decision: 'approve', outcome: 'approved' })]);
		expect(desk.erp.state.get('Opportunity', opp('P1'))).toMatchObject({ custom_ai_risk_level: 'critical' });
		expect(writes(opp('P1'))).toBe(1);
		const modified = desk.erp.state.get('Opportunity', opp('P1'))!.modified;

		await settled();
		for (const delivery of prepareDeliveries(desk.erp, 'ToDo', todo, 'on_change')) await send(delivery);
		await new Promise((r) => setTimeout(r, 1500));
		await settled();
		expect(writes(opp('P1'))).toBe(1);
		expect(desk.erp.state.get('Opportunity', opp('P1'))!.modified).toBe(modified);
		expect(await humanEvents(opp('P1'))).toHaveLength(1);
	}, 300_000);

	it('a ToDo closed while n8n was down still continues the workflow after the restart (catch-up), once', async () => {
		await settled();
		await desk.n8n.stop();
		const todo = await decide(opp('R'), 'Closed', { drop: true });
		await desk.n8n.start();
		await desk.n8n.login();
		expect(await oneHumanEvent(opp('R'))).toEqual([expect.objectContaining({ execution_id: scanId, decision: 'approve', outcome: 'approved', decided_by: ERP_OWNER })]);
		await settled();
		expect(decidedLines(desk.erp.state.get('ToDo', todo)!.description)).toHaveLength(1);
		// The decisions taken before the restart are not taken again by the catch-up.
		for (const s of ['A', 'O', 'D', 'P1', 'P2']) expect(await humanEvents(opp(s))).toHaveLength(1);
	}, 300_000);

	it('the next scan assigns no new ToDo for a deal whose ToDo was closed or removed (ADR 0046, amended); the removed one comes back when the deal gets worse', async () => {
		await settled();
		const todosOf = (deal: string) => desk.todos('Opportunity', deal);
		const before = desk.erp.state.all('ToDo').length;
		await desk.run(erpFlow, SCAN);
		// Accepted (A, R, P1), overridden (O), dismissed (D, P2): each still has only the ToDo it answered.
		expect(desk.erp.state.all('ToDo').length).toBe(before);
		for (const s of ['A', 'O', 'D', 'R', 'P1', 'P2']) expect(todosOf(opp(s)), opp(s)).toHaveLength(1);
		expect(todoOf(opp('D')).status).toBe('Cancelled');

		// D gets worse: its probability drops far below what Negotiation/Review expects (a new signal).
		desk.erp.state.dbSet('Opportunity', opp('D'), { probability: 5 });
		await desk.run(erpFlow, SCAN);
		expect(todosOf(opp('D')).map((t) => t.status)).toEqual(['Cancelled', 'Open']);
		const again = todosOf(opp('D'))[1];
		expect(again).toMatchObject({ allocated_to: ERP_OWNER });
		expect(String(again.description)).toMatch(/\[ltc-approval [A-Za-z0-9_-]+\]/);
		for (const s of ['A', 'O', 'R', 'P1', 'P2']) expect(todosOf(opp(s)), opp(s)).toHaveLength(1);
		// Nobody decided anything new.
		await settled();
		for (const s of ['A', 'O', 'D', 'R', 'P1', 'P2']) expect(await humanEvents(opp(s))).toHaveLength(1);
	}, 300_000);
});

describe('frappe-crm-deal-monitor.json: a critical deal decided on its CRM Task in Frappe CRM', () => {
	const JSON_HEADERS = { Authorization: `token ${CRM.apiKey}:${CRM.apiSecret}`, 'Content-Type': 'application/json', Accept: 'application/json' };
	async function rest(path: string, body: unknown, method = 'POST'): Promise<Record<string, unknown>> {
		const res = await fetch(`${crm.url}${path}`, { method, headers: JSON_HEADERS, body: JSON.stringify(body) });
		expect(res.status, `${method} ${path}`).toBe(200);
		return ((await res.json()) as { data: Record<string, unknown> }).data;
	}
	let calls = 0;
	/** A deal made as frappeCrmDealMonitor.test.mts makes it: critical at the scan's reference date. */
	async function criticalDeal(org: string): Promise<string> {
		const created = await rest('/api/resource/CRM%20Deal', { organization_name: org, deal_owner: CRM_OWNER, deal_value: 84000, currency: 'EUR', expected_closure_date: '2026-02-13' });
		const name = String(created.name);
		await rest(`/api/resource/CRM%20Deal/${encodeURIComponent(name)}`, { status: 'Negotiation' }, 'PUT');
		crm.state.dbSet('CRM Deal', name, { sla: 'Default', sla_status: 'First Response Due', response_by: '2026-01-06 09:00:00' });
		crm.state.seed('Communication', [{ communication_type: 'Communication', communication_medium: 'Email', sent_or_received: 'Sent', recipients: 'buyer@example.com', subject: 'Revised offer', reference_doctype: 'CRM Deal', reference_name: name, communication_date: '2026-01-20 10:00:00' }]);
		calls += 1;
		await rest('/api/resource/CRM%20Call%20Log', { id: `CALL-DD-${calls}`, type: 'Outgoing', status: 'No Answer', from: '+4930100', to: '+4930200', duration: 0, start_time: '2026-01-26 10:00:00', reference_doctype: 'CRM Deal', reference_docname: name });
		return name;
	}
	const taskOf = (deal: string) => {
		const tasks = crm.state.all('CRM Task').filter((t) => t.reference_doctype === 'CRM Deal' && t.reference_docname === deal);
		expect(tasks, `tasks of ${deal}`).toHaveLength(1);
		return tasks[0];
	};
	/** What the owner does in Frappe CRM: the task saved by them, now; then Frappe's On Update webhook. */
	async function inCrm(deal: string, changes: Record<string, unknown>): Promise<PreparedDelivery[]> {
		const task = String(taskOf(deal).name);
		desk.clock.save(crm, 'CRM Task', task, changes, CRM_OWNER);
		const deliveries = prepareDeliveries(crm, 'CRM Task', task, 'on_update');
		const answers = await Promise.all(deliveries.map(send));
		expect(answers.map((a) => a.status)).toEqual([200]);
		return deliveries;
	}

	it('Done accepts, a new title then Done overrides, Canceled dismisses: one human event each; a replay changes nothing', async () => {
		const [accept, override, dismiss] = [await criticalDeal('Nordwerk Automation GmbH'), await criticalDeal('Brandt Technik GmbH'), await criticalDeal('Kuhn Anlagen GmbH')];
		const scan = await desk.run(crmFlow, SCAN);
		for (const deal of [accept, override, dismiss]) {
			const task = taskOf(deal);
			expect(task).toMatchObject({ status: 'Todo', assigned_to: CRM_OWNER });
			expect(String(task.description)).toContain('To accept it, set this task to Done.');
			expect(String(task.description)).toMatch(/\[ltc-approval [A-Za-z0-9_-]+\]/);
			expect(crm.state.get('CRM Deal', deal)).toMatchObject({ custom_ai_risk_level: 'critical' });
		}
		const delivered = await inCrm(accept, { status: 'Done' });
		expect(await oneHumanEvent(accept)).toEqual([
			expect.objectContaining({ execution_id: scan.id, step: 'deal_risk', decision: 'approve', outcome: 'approved', channel: 'desk', service: 'frappe_crm', decided_by: CRM_OWNER }),
		]);
		await inCrm(override, { title: 'Call the plant manager before Friday', status: 'Done' });
		const [changed] = await oneHumanEvent(override);
		expect(changed).toMatchObject({ decision: 'approve', outcome: 'approved_changed', decided_by: CRM_OWNER });
		expect(changed.reason).toMatch(/^next action "Call the plant manager before Friday" instead of "/);
		await inCrm(dismiss, { status: 'Canceled' });
		expect(await oneHumanEvent(dismiss)).toEqual([expect.objectContaining({ decision: 'decline', outcome: 'dismissed', service: 'frappe_crm' })]);

		await settled();
		for (const delivery of delivered) await send(delivery);
		for (const delivery of prepareDeliveries(crm, 'CRM Task', String(taskOf(accept).name), 'on_update')) await send(delivery);
		await new Promise((r) => setTimeout(r, 1500));
		await settled();
		expect(await humanEvents(accept)).toHaveLength(1);
		expect(decidedLines(taskOf(accept).description)).toHaveLength(1);
	}, 300_000);

	it('propose-only: nothing is written to the CRM Deal until its task is Done, then the proposed fields once; Canceled writes nothing', async () => {
		const [accept, dismiss] = [await criticalDeal('Lange Anlagen GmbH'), await criticalDeal('Roth Maschinen GmbH')];
		const scan = await desk.run(crmPropose, SCAN);
		for (const deal of [accept, dismiss]) {
			expect(crm.state.get('CRM Deal', deal)!.custom_ai_risk_level ?? null).toBeNull();
			expect(crm.state.all('Comment').filter((c) => c.reference_name === deal)).toEqual([]);
			expect(String(taskOf(deal).description)).toContain('nothing was written to the deal');
		}
		const writes = (deal: string) => crm.writes().filter((r) => r.method === 'PUT' && decodeURIComponent(r.path) === `/api/resource/CRM Deal/${deal}`).length;
		const before = { accept: writes(accept), dismiss: writes(dismiss) };

		await inCrm(dismiss, { status: 'Canceled' });
		expect(await oneHumanEvent(dismiss)).toEqual([expect.objectContaining({ outcome: 'dismissed' })]);
		expect(crm.state.get('CRM Deal', dismiss)!.custom_ai_risk_level ?? null).toBeNull();
		expect(writes(dismiss)).toBe(before.dismiss);

		const delivered = await inCrm(accept, { status: 'Done' });
		expect(await oneHumanEvent(accept)).toEqual([expect.objectContaining({ execution_id: scan.id, outcome: 'approved' })]);
		expect(crm.state.get('CRM Deal', accept)).toMatchObject({ custom_ai_risk_level: 'critical' });
		expect(writes(accept)).toBe(before.accept + 1);

		await settled();
		for (const delivery of delivered) await send(delivery);
		await new Promise((r) => setTimeout(r, 1500));
		await settled();
		expect(writes(accept)).toBe(before.accept + 1);
		expect(await humanEvents(accept)).toHaveLength(1);
	}, 300_000);
});
