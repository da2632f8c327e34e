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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DealSnapshotInput } from '../../core/dealRisk/index.ts';
import { ROOT, startN8n, type N8nInstance } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { seedDeals, startDealErpNext, type DealErpNext } from '../nodes/support/dealErpNext.mts';
import { prepareDeliveries, send } from '../support/frappeWebhookSender.mts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.mts';
import { executionFailure, loadWorkflow, runFromTrigger, type ShippedWorkflow } from './support/metricsExecutions.mts';
import { startSmtpSink, type SmtpSink } from './support/metricsSmtpSink.mts';
import { postgresCredential, smtpCredential } from './support/metricsWorkflow.mts';

const ERP = { apiKey: 'deal-rem-key', apiSecret: 'deal-rem-secret-5e1a' };
const ERP_CRED = { id: 'ltcErpNextCred001', name: 'Lead-to-Close ERPNext' };
const PG_CRED = { id: 'ltcMetricsPg00001', name: 'Lead-to-Close metrics DB' };
const SMTP_CRED = { id: 'ltcSmtpCred000001', name: 'Lead-to-Close SMTP' };

const samples = JSON.parse(readFileSync(join(ROOT, 'samples', 'deals.json'), 'utf8')) as {
	asOf: string;
	timeZone: string;
	deals: Array<DealSnapshotInput & { label: unknown }>;
};
// A critical sample deal, copied without its ToDos so its owner has none open yet.
const { label: _label, ...CRITICAL } = samples.deals.find((d) => d.name === 'CRM-OPP-2026-00125')!;
const OWNER = String(CRITICAL.opportunity_owner);
const opp = (suffix: string) => `${CRITICAL.name}-${suffix}`;

const monitor = loadWorkflow('deal-monitor.json');
const withScan = (wf: ShippedWorkflow, parameters: Record<string, unknown>): ShippedWorkflow => ({
	...wf,
	nodes: wf.nodes.map((n) => (n.name === 'Deal Monitor' ? { ...n, parameters: { ...n.parameters, referenceDate: samples.asOf, timeZone: samples.timeZone, ...parameters } } : n)),
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

const reminders = loadWorkflow('desk-approval-reminders.json');
const CHECK_NODE = 'Check Pending Approvals';
const SCHEDULE = reminders.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger')!.name;
/** The reminders workflow as shipped, checking at `hours` after the moment it runs (and with `changes`). */
const remindersAt = (hours: number, id: string, changes: Record<string, unknown> = {}): ShippedWorkflow => ({
	...reminders,
	id,
	name: `${reminders.name} (+${hours} h${Object.keys(changes).length ? ', keep' : ''})`,
	nodes: reminders.nodes.map((n) => (n.name === CHECK_NODE ? { ...n, parameters: { ...n.parameters, ...changes, now: `={{ $now.plus({ hours: ${hours} }).toISO() }}` } } : n)),
});
const REMIND = remindersAt(25, 'ltcDealRemind025');
const TIME_OUT = remindersAt(73, 'ltcDealRemind073');
const KEEP = remindersAt(73, 'ltcDealKeep00073', { onDealTimeout: 'keep' });

let n8n: N8nInstance;
let db: TestDatabase;
let erp: ErpNextServer;
let front: DealErpNext;
let smtp: SmtpSink;

beforeAll(async () => {
	db = await createTestDatabase('ltc_deal_rem', { timeZone: 'UTC' });
	await db.pool.query(readFileSync(join(ROOT, 'dashboards', 'schema.sql'), 'utf8'));
	erp = await startErpNextServer(ERP);
	front = await startDealErpNext(erp, ERP);
	smtp = await startSmtpSink();
	const pgUrl = new URL(db.url);
	n8n = await startN8n({
		credentials: [
			{ ...ERP_CRED, type: 'leadToCloseErpNextApi', data: { baseUrl: front.url, ...ERP } },
			{ ...smtpCredential(SMTP_CRED.id, smtp.port), name: SMTP_CRED.name },
			postgresCredential(PG_CRED.id, PG_CRED.name, { host: pgUrl.hostname, port: Number(pgUrl.port), database: db.name, user: decodeURIComponent(pgUrl.username), maxConnections: 4 }),
		],
		workflows: [decisions, proposeScan, REMIND, TIME_OUT, KEEP],
		activate: [decisions.id],
		env: { GENERIC_TIMEZONE: 'UTC' },
	});
	const deadline = Date.now() + 60_000;
	while (!erp.state.all('Webhook').some((w) => w.webhook_doctype === 'ToDo' && w.enabled === 1)) {
		if (Date.now() > deadline) throw new Error(`no ToDo webhook registered; log:\n${n8n.log().slice(-2000)}`);
		await new Promise((r) => setTimeout(r, 200));
	}
	await n8n.waitForTriggerRegistration(decisions.id);
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await front?.stop();
	await erp?.stop();
	await smtp?.stop();
	await db?.drop();
});

async function run(workflow: ShippedWorkflow, trigger = SCHEDULE): Promise<string> {
	const execution = await runFromTrigger(n8n, workflow.id, trigger);
	expect(execution.status, executionFailure(execution)).toBe('success');
	return execution.id;
}

/** The executions of deal-monitor.json once at least `count` exist and all settled successfully. */
async function settled(count: number, timeoutMs = 120_000): Promise<void> {
	let runs: Array<{ id: string; status: string }> = [];
	for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 300))) {
		runs = await n8n.executions(decisions.id);
		if (runs.length >= count && runs.every((e) => !['new', 'running', 'waiting'].includes(e.status))) {
			for (const r of runs) expect(r.status, `execution ${r.id}`).toBe('success');
			return;
		}
	}
	throw new Error(`expected ${count} settled executions, have ${JSON.stringify(runs)}; log:\n${n8n.log().slice(-2000)}`);
}

const todoOf = (deal: string) => {
	const todos = erp.state.all('ToDo').filter((t) => t.reference_type === 'Opportunity' && t.reference_name === deal);
	expect(todos, `ToDos of ${deal}`).toHaveLength(1);
	return todos[0];
};
const notesOn = (deal: string, kind: 'reminder' | 'timeout') =>
	erp.state
		.all('Comment')
		.filter((c) => c.reference_doctype === 'Opportunity' && c.reference_name === deal && String(c.content).includes(`ltc-approval-${kind}-`))
		.map((c) => String(c.content));
const decidedLines = (todo: unknown) => String(todo).match(/ltc-approval-decided-/g) ?? [];
const writesTo = (deal: string) => erp.writes().filter((r) => r.method === 'PUT' && r.path === `/api/resource/Opportunity/${deal}`).length;

interface EventRow {
	execution_id: string;
	step: string;
	actor: string;
	decision: string | null;
	outcome: string | null;
	duration_ms: string | null;
	occurred_at: Date;
}
async function deskEvents(deal: string): Promise<EventRow[]> {
	return (await db.pool.query<EventRow>("SELECT execution_id, step, actor, decision, outcome, duration_ms, occurred_at FROM ltc_events WHERE deal_ref = $1 AND channel = 'desk' ORDER BY occurred_at, id", [deal])).rows;
}

describe('desk-approval-reminders.json: deal-risk ToDos nobody decides (real n8n)', () => {
	it('Keep Waiting: the timeout is recorded once and the ToDo stays open', async () => {
		const deal = opp('K');
		seedDeals(front, [{ ...CRITICAL, name: deal, todos: [] }], { suffix: '-K' });
		const scanId = await run(proposeScan, SCAN);
		expect(todoOf(deal)).toMatchObject({ status: 'Open', allocated_to: OWNER });
		const mails = smtp.messages.length;
		for (let i = 0; i < 2; i++) await run(KEEP);
		expect(todoOf(deal).status).toBe('Open');
		expect(decidedLines(todoOf(deal).description)).toEqual([]);
		expect(notesOn(deal, 'timeout')).toEqual([expect.stringContaining('it keeps waiting, nothing was written or sent')]);
		expect((await deskEvents(deal)).map((e) => [e.execution_id, e.step, e.actor, e.decision, e.outcome])).toEqual([[scanId, 'deal_risk', 'system', 'timeout', 'waiting']]);
		expect(smtp.messages.length).toBe(mails);
	}, 300_000);

	it('as shipped: one reminder, then Dismiss once; nothing written or sent; the change coming back twice decides nothing', async () => {
		const deal = opp('T');
		seedDeals(front, [{ ...CRITICAL, name: deal, todos: [] }], { suffix: '-T' });
		const scanId = await run(proposeScan, SCAN);
		const todo = todoOf(deal);
		expect(String(todo.description)).toContain('<li>custom_ai_risk_level: critical</li>');
		expect(erp.state.get('Opportunity', deal)!.custom_ai_risk_level ?? null).toBeNull();
		const mails = smtp.messages.length;

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
		expect(erp.state.get('Opportunity', deal)!.custom_ai_risk_level ?? null).toBeNull();
		expect(writesTo(deal)).toBe(0);
		expect(smtp.messages.length).toBe(mails);

		// ERPNext sends the ToDo's change (the default's save) to deal-monitor.json, twice: decided already.
		const before = (await n8n.executions(decisions.id)).length;
		const [delivery] = prepareDeliveries(erp, 'ToDo', String(todo.name), 'on_change');
		expect((await Promise.all([send(delivery), send(delivery)])).map((d) => d.status)).toEqual([200, 200]);
		await new Promise((r) => setTimeout(r, 1500));
		await settled(before + 1);
		expect(decidedLines(todoOf(deal).description)).toHaveLength(1);
		expect((await deskEvents(deal)).filter((e) => e.actor === 'human')).toEqual([]);
		expect((await deskEvents(deal)).filter((e) => e.decision === 'timeout')).toHaveLength(1);
		expect(writesTo(deal)).toBe(0);
		expect(erp.state.get('Opportunity', deal)!.custom_ai_risk_level ?? null).toBeNull();

		// Nobody answered: the Deal Monitor's next scan asks again (a seller's own dismissal would hold).
		await run(proposeScan, SCAN);
		const all = erp.state.all('ToDo').filter((t) => t.reference_type === 'Opportunity' && t.reference_name === deal);
		expect(all.map((t) => t.status).sort()).toEqual(['Cancelled', 'Open']);
	}, 300_000);
});
