// Deal-risk actions nobody decides (issue 19, ADR 0046 and 0048), in a real n8n 2.41 with the shipped
// workflows/deal-monitor.json (ERPNext, through the Deal Monitor's front tests/nodes/support/dealErpNext.mts;
// a copy with Propose Only on makes the ToDos) and workflows/desk-approval-reminders.json, and a
// throwaway metrics database (dashboards/schema.sql):
//   - Keep Waiting (a copy of the reminders workflow): the timeout is recorded once, the ToDo stays open;
//   - as shipped: one reminder comment on the Opportunity (also when run twice), then Dismiss once under
//     the ToDo's lock: one system timeout event in the scan's decision point, nothing written to the
//     Opportunity (the proposed values are not applied), nothing e-mailed; the ToDo change reaching
//     deal-monitor.json (delivered twice) decides nothing: no human event, one decided line; the next
//     scan asks again (a default's dismissal is nobody's answer, unlike the owner's, ADR 0046).
// The copies change the clock only: Check Pending checks at "now + 25 h" / "now + 73 h" (its Now
// parameter); nothing waits hours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedDeals } from '../nodes/support/dealErpNext.mts';
import { prepareDeliveries, send } from '../support/frappeWebhookSender.mts';
import { CRITICAL_DEAL, DEAL_SAMPLES, decidedLines, remindersAt, startErpNextDesk, type ErpNextDesk } from './support/erpNextDesk.mts';
import { loadWorkflow, type ShippedWorkflow } from './support/metricsExecutions.mts';

const ERP = { apiKey: 'deal-rem-key', apiSecret: 'deal-rem-secret-5e1a' };

const OWNER = String(CRITICAL_DEAL.opportunity_owner);
const opp = (suffix: string) => `${CRITICAL_DEAL.name}-${suffix}`;

const monitor = loadWorkflow('deal-monitor.json');
const withScan = (wf: ShippedWorkflow, parameters: Record<string, unknown>): ShippedWorkflow => ({
	...wf,
	nodes: wf.nodes.map((n) => (n.name === 'Deal Monitor' ? { ...n, parameters: { ...n.parameters, referenceDate: DEAL_SAMPLES.asOf, timeZone: DEAL_SAMPLES.timeZone, ...parameters } } : n)),
});
/** deal-monitor.json as shipped (its ToDo trigger → Read Deal Decision is what a default's change reaches). */
const decisions = withScan(monitor, {});
/** The scan alone, propose-only: the ToDos hold the AI values instead of the Opportunity. */
const proposeScan: ShippedWorkflow = (() => {
	const wf = withScan(monitor, { proposeOnly: true });
	const dropped = new Set(wf.nodes.filter((n) => ['n8n-nodes-lead-to-close.erpNextTrigger', 'n8n-nodes-lead-to-close.deskApproval'].includes(n.type)).map((n) => n.name));
	return {
		...wf,
		id: 'ltcDealRemScan001',
		name: `${wf.name} (propose-only scan)`,
		nodes: wf.nodes.filter((n) => !dropped.has(n.name)),
		connections: Object.fromEntries(Object.entries(wf.connections).filter(([from]) => !dropped.has(from))),
	};
})();
const SCAN = 'Every 30 Minutes';

const REMIND = remindersAt(25, 'ltcDealRemind025');
const TIME_OUT = remindersAt(73, 'ltcDealRemind073');
const KEEP = remindersAt(73, 'ltcDealKeep00073', { onDealTimeout: 'keep' });

let desk: ErpNextDesk;
beforeAll(async () => {
	desk = await startErpNextDesk({ database: 'ltc_deal_rem', api: ERP, dealFront: true, flow: decisions, also: [proposeScan, REMIND, TIME_OUT, KEEP], webhooks: ['ToDo'] });
}, 300_000);
afterAll(() => desk?.stop());

/** Runs a workflow from its schedule (or `trigger`); the execution's id. */
const run = async (workflow: ShippedWorkflow, trigger?: string) => (await desk.run(workflow, trigger)).id;

const todoOf = (deal: string) => {
	const todos = desk.todos('Opportunity', deal);
	expect(todos, `ToDos of ${deal}`).toHaveLength(1);
	return todos[0];
};
const notesOn = (deal: string, kind: 'reminder' | 'timeout') => desk.comments('Opportunity', deal).filter((c) => c.includes(`ltc-approval-${kind}-`));
const writesTo = (deal: string) => desk.erp.writes().filter((r) => r.method === 'PUT' && r.path === `/api/resource/Opportunity/${deal}`).length;

const deskEvents = (deal: string) => desk.events({ deal }, "channel = 'desk'");

describe('desk-approval-reminders.json: deal-risk ToDos nobody decides (real n8n)', () => {
	it('Keep Waiting: the timeout is recorded once and the ToDo stays open', async () => {
		const deal = opp('K');
		seedDeals(desk.front!, [{ ...CRITICAL_DEAL, name: deal, todos: [] }], { suffix: '-K' });
		const scanId = await run(proposeScan, SCAN);
		expect(todoOf(deal)).toMatchObject({ status: 'Open', allocated_to: OWNER });
		const mails = desk.smtp.messages.length;
		for (let i = 0; i < 2; i++) await run(KEEP);
		expect(todoOf(deal).status).toBe('Open');
		expect(decidedLines(todoOf(deal).description)).toEqual([]);
		expect(notesOn(deal, 'timeout')).toEqual([expect.stringContaining('it keeps waiting, nothing was written or sent')]);
		expect((await deskEvents(deal)).map((e) => [e.execution_id, e.step, e.actor, e.decision, e.outcome])).toEqual([[scanId, 'deal_risk', 'system', 'timeout', 'waiting']]);
		expect(desk.smtp.messages.length).toBe(mails);
	}, 300_000);

	it('as shipped: one reminder, then Dismiss once; nothing written or sent; the change coming back twice decides nothing', async () => {
		const deal = opp('T');
		seedDeals(desk.front!, [{ ...CRITICAL_DEAL, name: deal, todos: [] }], { suffix: '-T' });
		const scanId = await run(proposeScan, SCAN);
		const todo = todoOf(deal);
		expect(String(todo.description)).toContain('<li>custom_ai_risk_level: critical</li>');
		expect(desk.erp.state.get('Opportunity', deal)!.custom_ai_risk_level ?? null).toBeNull();
		const mails = desk.smtp.messages.length;

		for (let i = 0; i < 2; i++) await run(REMIND);
		expect(notesOn(deal, 'reminder')).toEqual([expect.stringContaining(`Reminder for ${OWNER}: the risk action on this deal has waited 25 h for your decision`)]);
		expect(todoOf(deal).status).toBe('Open');

		for (let i = 0; i < 2; i++) await run(TIME_OUT);
		expect(todoOf(deal).status).toBe('Cancelled');
		expect(decidedLines(todoOf(deal).description)).toHaveLength(1);
		expect(notesOn(deal, 'timeout')).toEqual([expect.stringContaining('it was dismissed by default; nothing was written or sent and the proposed values were not applied')]);
		const events = await deskEvents(deal);
		expect(events.map((e) => [e.execution_id, e.step, e.actor, e.decision, e.outcome])).toEqual([
			[scanId, 'deal_risk', 'system', null, 'reminded'],
			[scanId, 'deal_risk', 'system', 'timeout', 'dismissed'],
		]);
		expect(Number(events[1].duration_ms)).toBe(72 * 3_600_000);
		expect(desk.erp.state.get('Opportunity', deal)!.custom_ai_risk_level ?? null).toBeNull();
		expect(writesTo(deal)).toBe(0);
		expect(desk.smtp.messages.length).toBe(mails);

		// ERPNext sends the ToDo's change (the default's save) to deal-monitor.json, twice: decided already.
		const before = await desk.runCount();
		const [delivery] = prepareDeliveries(desk.erp, 'ToDo', String(todo.name), 'on_change');
		expect((await Promise.all([send(delivery), send(delivery)])).map((d) => d.status)).toEqual([200, 200]);
		await new Promise((r) => setTimeout(r, 1500));
		for (const r of await desk.settled(before + 1)) expect(r.status, `execution ${r.id}`).toBe('success');
		expect(decidedLines(todoOf(deal).description)).toHaveLength(1);
		expect((await deskEvents(deal)).filter((e) => e.actor === 'human')).toEqual([]);
		expect((await deskEvents(deal)).filter((e) => e.decision === 'timeout')).toHaveLength(1);
		expect(writesTo(deal)).toBe(0);
		expect(desk.erp.state.get('Opportunity', deal)!.custom_ai_risk_level ?? null).toBeNull();

		// Nobody answered: the Deal Monitor's next scan asks again (a seller's own dismissal would hold).
		await run(proposeScan, SCAN);
		const all = desk.erp.state.all('ToDo').filter((t) => t.reference_type === 'Opportunity' && t.reference_name === deal);
		expect(all.map((t) => t.status).sort()).toEqual(['Cancelled', 'Open']);
	}, 300_000);
});
