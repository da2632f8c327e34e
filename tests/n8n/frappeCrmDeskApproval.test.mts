// workflows/frappe-crm-lead-to-close.json in a real n8n: a quote routed to review for a CRM Deal is
// approved or rejected where Frappe CRM users work, on a CRM Task of the deal (issue 19, ADR 0041).
// Against the Frappe contract server hosting the Frappe CRM app (frappe/crm @ 8b7dfdde), the InvenTree and
// Mautic contract servers and a throwaway metrics database (dashboards/schema.sql). The published workflow
// registers its Frappe Webhooks (CRM Lead, CRM Deal after_insert; CRM Task on_update); the reviewer's
// change in Frappe CRM is played as the document change plus the webhook Frappe sends for it
// (tests/support/frappeWebhookSender.mts). The story: two deals whose buyers leave the drive family open
// ("ACS580 or ACS880") are quoted for review: each gets one CRM Task for the deal owner and no products,
// no e-mail. The owner sets the first to Done: its lines become the deal's products, the quote e-mail goes
// out once, a human event is stored. The second is Canceled with a reason: nothing is sent, the reason is
// on the deal and in the event. Then the same deliveries again, a later status change of a decided task
// and the next catch-up poll: nothing more is written, sent or stored.
// The only change to the shipped file is the Outreach clock (a Tuesday morning: quiet hours), as in
// frappeCrmEndToEnd.test.mts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readCrmProposal } from '../../core/approvals/crmApproval';
import type { ErpNextServer } from '../contract/erpnext-server.mts';
import type { MauticServer } from '../contract/mautic-server.mts';
import { fireEvent, prepareDeliveries, send, type PreparedDelivery } from '../support/frappeWebhookSender.mts';
import type { TestDatabase } from '../support/postgres.mts';
import { deliveryOutcome, startFrappeCrmPipeline, type FrappeCrmPipeline } from './support/frappeCrmPipeline.mts';
import { executionFailure, loadWorkflow, type ShippedWorkflow, type StoredExecution } from './support/metricsExecutions.mts';

const flow = loadWorkflow('frappe-crm-lead-to-close.json');
const OUTREACH_NOW = '2026-11-17T09:00:00Z';
const underTest: ShippedWorkflow = {
	...flow,
	nodes: flow.nodes.map((n) => (n.type === 'n8n-nodes-lead-to-close.outreach' ? { ...n, parameters: { ...n.parameters, now: OUTREACH_NOW } } : n)),
};

const API = { apiKey: 'crm-approval-key', apiSecret: 'crm-approval-secret-41bb' };
const AUTH = { Authorization: `token ${API.apiKey}:${API.apiSecret}` };
const JSON_HEADERS = { ...AUTH, 'Content-Type': 'application/json', Accept: 'application/json' };
const OWNER = 'anna.berg@example.com';
/** The buyer leaves the drive family open: the quote goes to a person. */
const AMBIGUOUS = 'For our go-live within 2 months (budget around 60k EUR) we need 3 ABB ACS580 or ACS880 7.5 kW frequency converters, 2 ACS580 15 kW and 16 hours of on-site commissioning.';
const BUYERS = [
	{ lead: 'CRM-LEAD-2026-00501', first: 'Jana', last: 'Roth', org: 'Nordwerk Automation GmbH', email: 'jana.roth@nordwerk-automation.de' },
	{ lead: 'CRM-LEAD-2026-00502', first: 'Paul', last: 'Ebert', org: 'Ebert Verpackung GmbH', email: 'paul.ebert@ebert-verpackung.de' },
];

let pipeline: FrappeCrmPipeline;
let crm: ErpNextServer;
let db: TestDatabase;
let mautic: MauticServer;

async function rest(path: string, body: unknown, method = 'POST'): Promise<Record<string, unknown>> {
	const res = await fetch(`${crm.url}${path}`, { method, headers: JSON_HEADERS, body: JSON.stringify(body) });
	expect(res.status, `${method} ${path}: ${res.status}`).toBe(200);
	return ((await res.json()) as { data: Record<string, unknown> }).data;
}

const until: FrappeCrmPipeline['until'] = (...args) => pipeline.until(...args);
const runs = () => pipeline.runs();
const runWhere = (what: string, pick: (run: StoredExecution) => boolean) => pipeline.runWhere(what, pick);
const decisionsOf = (run: StoredExecution, output: number) => run.output('Read Desk Decision', output).map((i) => i.json as { approval: { status: string; task: string } });

const tasksOf = (deal: string) => crm.state.all('CRM Task').filter((t) => t.reference_doctype === 'CRM Deal' && t.reference_docname === deal);
const commentsOn = (deal: string) => crm.state.all('Comment').filter((c) => c.reference_doctype === 'CRM Deal' && c.reference_name === deal).map((c) => String(c.content));
const mailsTo = (email: string) => mautic.sent.emails.filter((e) => e.to === email);

interface EventRow {
	execution_id: string;
	step: string;
	actor: string;
	decision: string | null;
	outcome: string | null;
	deal_ref: string | null;
	channel: string | null;
	service: string | null;
	decided_by: string | null;
	reason: string | null;
	duration_ms: string | null;
	event_id: string;
}
/** The events about the deal or made by the given executions. */
async function eventsOf(deal: string, ...executions: string[]): Promise<EventRow[]> {
	const sql = 'SELECT execution_id, step, actor, decision, outcome, deal_ref, channel, service, decided_by, reason, duration_ms, event_id FROM ltc_events WHERE deal_ref = $1 OR execution_id = ANY($2) ORDER BY occurred_at, id';
	return (await db.pool.query<EventRow>(sql, [deal, executions])).rows;
}

beforeAll(async () => {
	pipeline = await startFrappeCrmPipeline({
		flow: underTest,
		api: API,
		database: 'ltc_crm_desk',
		// The buyers' leads and their words are on the site before the workflow is published (the activation
		// poll only notes where the site stands): this story starts when the seller converts them.
		seed: (site) => {
			for (const b of BUYERS) {
				site.state.seed('CRM Lead', [{ name: b.lead, naming_series: 'CRM-LEAD-.YYYY.-', first_name: b.first, last_name: b.last, lead_name: `${b.first} ${b.last}`, organization: b.org, email: b.email, status: 'Qualified', converted: 1 }]);
				site.state.seed('FCRM Note', [{ title: 'Web form', content: `<p>${AMBIGUOUS}</p>`, reference_doctype: 'CRM Lead', reference_docname: b.lead }]);
			}
		},
	});
	({ crm, db, mautic } = pipeline);
}, 300_000);

afterAll(async () => {
	await pipeline?.stop();
});

/** The seller converts a buyer's lead: a new CRM Deal (REST) and its after_insert webhook. */
async function convert(buyer: (typeof BUYERS)[number]): Promise<{ deal: string; run: StoredExecution }> {
	const created = await rest('/api/resource/CRM%20Deal', { lead: buyer.lead, organization_name: buyer.org, first_name: buyer.first, last_name: buyer.last, email: buyer.email, deal_owner: OWNER, currency: 'EUR' });
	const deal = String(created.name);
	expect((await fireEvent(crm, 'CRM Deal', deal, 'after_insert')).map(deliveryOutcome)).toEqual([[200, 'taken']]);
	const run = await runWhere(`the quote of ${deal}`, (r) => [0, 1].some((o) => r.output('Quote Generator', o).some((i) => (i.json.frappe_crm as { deal?: string } | undefined)?.deal === deal)));
	return { deal, run };
}

/** What the deal owner does in Frappe CRM: the task changes as the app saves it, by them, now; then Frappe's on_update webhook. */
async function inCrm(task: string, changes: Record<string, unknown>): Promise<PreparedDelivery[]> {
	pipeline.byUser('CRM Task', task, changes, OWNER);
	const deliveries = prepareDeliveries(crm, 'CRM Task', task, 'on_update');
	const answers = await Promise.all(deliveries.map(send));
	expect(answers.map(deliveryOutcome)).toEqual([[200, 'taken']]);
	return deliveries;
}

describe('frappe-crm-lead-to-close.json: review quotes approved on a CRM Task in Frappe CRM', () => {
	const decided: PreparedDelivery[] = [];
	const deals: string[] = [];

	it('a review quote becomes one CRM Task for the deal owner with the reasons; Done writes the products, sends the quote once and stores a human event', async () => {
		const { deal, run } = await convert(BUYERS[0]);
		deals.push(deal);
		expect(run.output('Quote Generator', 0)).toEqual([]);
		const [quote] = run.output('Quote Generator', 1).map((i) => i.json as { route: string; total_minor: number; review_reasons: string[]; lines: unknown[] });
		expect(quote.route).toBe('review');
		// The task: for the owner, open, the AI's reasons and confidence in its description; nothing on the deal yet.
		const [task] = tasksOf(deal);
		expect(tasksOf(deal)).toHaveLength(1);
		expect(task).toMatchObject({ status: 'Todo', priority: 'High', assigned_to: OWNER });
		expect(String(task.title)).toContain(`Approve AI quote for ${deal}`);
		expect(String(task.description)).toMatch(/AI confidence: \d+ %/);
		expect(String(task.description)).toContain('Reasons for review:</p><ul><li>');
		expect(readCrmProposal(task.description)).toMatchObject({ record: deal, amount: quote.total_minor, execution_id: run.id });
		expect(crm.state.all('CRM Notification').filter((n) => n.notification_type_doc === task.name).map((n) => n.to_user)).toEqual([OWNER]);
		expect(crm.state.get('CRM Deal', deal)!.products ?? []).toEqual([]);
		expect(mailsTo(BUYERS[0].email)).toEqual([]);
		expect((await eventsOf(deal, run.id)).filter((r) => r.step === 'quote').map((r) => [r.decision, r.outcome])).toEqual([['review', 'drafted'], [null, 'approval_requested']]);

		// The owner sets the task to Done in Frappe CRM.
		decided.push(...(await inCrm(String(task.name), { status: 'Done' })));
		const approval = await runWhere('the approval', (r) => decisionsOf(r, 0).some((d) => d.approval.task === String(task.name)));
		expect(decisionsOf(approval, 0)).toHaveLength(1);
		expect(approval.output('Send Approved Quote').map((i) => (i.json.outreach as { status: string }).status)).toEqual(['sent']);
		const deal1 = crm.state.get('CRM Deal', deal)!;
		expect((deal1.products as unknown[]).length).toBe(quote.lines.length);
		expect(deal1).toMatchObject({ custom_ai_quote_route: 'review' });
		expect(mailsTo(BUYERS[0].email).map((e) => e.emailId)).toEqual([2]);
		expect(commentsOn(deal).filter((c) => c.includes(`approved by ${OWNER}`))).toHaveLength(1);
		const human = (await eventsOf(deal)).filter((r) => r.actor === 'human');
		expect(human).toMatchObject([{ execution_id: run.id, step: 'quote', decision: 'approve', outcome: 'approved', channel: 'desk', service: 'frappe_crm', decided_by: OWNER, reason: null }]);
		expect(Number(human[0].duration_ms)).toBeGreaterThanOrEqual(0);
		// The send of the approval execution is stored too.
		expect((await eventsOf(deal, approval.id)).some((r) => r.step !== 'quote' && r.execution_id === approval.id)).toBe(true);
	}, 200_000);

	it('Canceled with a reason: nothing is written or sent; the reason is on the deal and in the human event', async () => {
		const { deal, run } = await convert(BUYERS[1]);
		deals.push(deal);
		expect(run.output('Quote Generator', 1)).toHaveLength(1);
		const [task] = tasksOf(deal);
		const description = String(task.description);
		decided.push(...(await inCrm(String(task.name), { status: 'Canceled', description: `<p>Reason: the buyer wants ACS880 only, new offer by phone</p>${description}` })));
		const rejection = await runWhere('the rejection', (r) => decisionsOf(r, 1).some((d) => d.approval.task === String(task.name)));
		expect(rejection.output('Send Approved Quote')).toEqual([]);
		expect(crm.state.get('CRM Deal', deal)!.products ?? []).toEqual([]);
		expect(mailsTo(BUYERS[1].email)).toEqual([]);
		expect(commentsOn(deal).filter((c) => c.includes('rejected by'))).toEqual([expect.stringContaining('Reason: the buyer wants ACS880 only, new offer by phone')]);
		expect((await eventsOf(deal)).filter((r) => r.actor === 'human')).toMatchObject([{ execution_id: run.id, decision: 'decline', outcome: 'cancelled', channel: 'desk', decided_by: OWNER, reason: 'the buyer wants ACS880 only, new offer by phone' }]);
	}, 200_000);

	it('the same deliveries again, a later change of a decided task and the next catch-up poll change nothing', async () => {
		const writes = crm.writes().length;
		const mails = mautic.sent.emails.length;
		const stored = (await db.pool.query('SELECT count(*)::int AS n FROM ltc_events')).rows[0].n as number;
		for (const d of decided) {
			const replay = await send(d);
			expect([replay.status, JSON.parse(replay.text)]).toMatchObject([200, { status: 'ignored', reason: 'replay' }]);
		}
		// The owner reopens the approved task and closes it again as Canceled: the decision was taken once.
		const [task] = tasksOf(deals[0]);
		await inCrm(String(task.name), { status: 'Canceled' });
		await runWhere('the later change read as already decided', (r) => decisionsOf(r, 2).some((d) => d.approval.task === String(task.name) && d.approval.status === 'already_decided'));
		// The next catch-up poll of the CRM Task trigger (every minute) finds nothing it has not seen.
		const polls = () => crm.requests.filter((r) => r.method === 'GET' && /^\/api\/resource\/CRM(%20| )Task$/.test(r.path)).length;
		const before = polls();
		const decidedBefore = ((await until('settled', runs, (r) => r !== undefined))!).flatMap((r) => [...decisionsOf(r, 0), ...decisionsOf(r, 1)]).length;
		await until('the next CRM Task catch-up poll', polls, (n) => n > before, 75_000);
		await new Promise((r) => setTimeout(r, 4_000));
		const after = (await until('settled', runs, (r) => r !== undefined))!;
		for (const run of after) expect(run.status, executionFailure(run)).toBe('success');
		expect(after.flatMap((r) => [...decisionsOf(r, 0), ...decisionsOf(r, 1)])).toHaveLength(decidedBefore);
		expect(decidedBefore).toBe(2);
		// Only the owner's own change is a write; the workflow wrote, sent and stored nothing more.
		expect(crm.writes().slice(writes)).toEqual([]);
		expect(mautic.sent.emails).toHaveLength(mails);
		expect((await db.pool.query('SELECT count(*)::int AS n FROM ltc_events')).rows[0].n).toBe(stored);
		expect(crm.state.get('CRM Task', String(task.name))!.status).toBe('Canceled');
		expect(mailsTo(BUYERS[0].email)).toHaveLength(1);
	}, 200_000);
});
