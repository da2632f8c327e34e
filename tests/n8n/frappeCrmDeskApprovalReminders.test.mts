// workflows/frappe-crm-desk-approval-reminders.json in a real n8n (issue 19, ADR 0041 addendum): the
// hourly Check Pending of the Desk Approval node with System of Record "Frappe CRM", its events stored in
// ltc_events of a throwaway metrics database (dashboards/schema.sql), against the Frappe contract server
// hosting the Frappe CRM app (frappe/crm @ 8b7dfdde). The shipped file is run unchanged, from its
// schedule trigger as the editor's "Execute workflow" does; time is controlled as in
// tests/nodes/deskApproval.test.mts: the approval tasks carry proposals made hours ago (`proposed_at`),
// the node reads the real clock. The story: open approval tasks on five deals. One waited 30 h: its
// owner gets one reminder comment on the deal. One waited 80 h: the default applies, the task is set to
// Canceled under its `modified` (the lock), the deal's products stay empty, nothing is sent, and a system
// timeout event is stored. A fresh one (2 h), one the owner set to Done (being decided) and one already
// decided and reopened are left alone. Then n8n restarts and the schedule runs again: nothing more is
// written or stored.
// Lead reviews (ADR 0048), in a second n8n with frappe-crm-lead-to-close.json published beside the
// schedule (tests/n8n/support/frappeCrmPipeline.mts): a web-form lead routed to review gets its CRM Task
// from the pipeline; copies of the shipped schedule that check at "now + 25 h" and "now + 73 h" (its Now
// parameter, the only change) remind once on the CRM Lead, then apply the shipped default, Dismiss, once:
// the task Canceled under its lock, nothing sent or written to the lead, one system timeout event. The
// CRM Task webhook that change causes, delivered twice, reaches Read Lead Decision, which decides nothing.
// Deal-risk actions (ADR 0048, amendment crm-deal-pending), in the first n8n after its restart: two of the
// Deal Monitor's CRM Tasks on the same site, one past Remind After and one past Time Out After, get one
// reminder comment on the CRM Deal and the shipped default, Dismiss (Canceled under the task's `modified`,
// nothing written to the deal), with two `frappe_crm` events; the next run writes nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
	crmApprovalNote,
	crmApprovalTitle,
	type CrmProposal,
} from '../../core/approvals/crmApproval';
import { dealDecisionNote, type DealProposal } from '../../core/approvals/dealDecision';
import { approvalNoticeMarker } from '../../core/markers';
import { ROOT, startN8n, type N8nInstance } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { prepareDeliveries, send } from '../support/frappeWebhookSender.mts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.mts';
import { startFrappeCrmPipeline, type FrappeCrmPipeline } from './support/frappeCrmPipeline.mts';
import {
	executionFailure,
	loadWorkflow,
	runFromTrigger,
	type ShippedWorkflow,
	type StoredExecution,
} from './support/metricsExecutions.mts';

const flow = loadWorkflow('frappe-crm-desk-approval-reminders.json');
const TRIGGER = 'Every Hour';
const CHECK = 'Check Pending Approvals';
const API = { apiKey: 'crm-remind-key', apiSecret: 'crm-remind-secret-19cc' };
const OWNER = 'anna.berg@example.com';

const check = flow.nodes.find((n) => n.name === CHECK)!;
const REMIND_H = Number(check.parameters.remindAfterHours);
const TIMEOUT_H = Number(check.parameters.timeoutAfterHours);

/** The deals and how their approval tasks stand. */
const CASES = {
	remind: { deal: 'CRM-DEAL-2026-00191', hoursAgo: REMIND_H + 6, status: 'Todo' },
	timeout: { deal: 'CRM-DEAL-2026-00192', hoursAgo: TIMEOUT_H + 8, status: 'In Progress' },
	fresh: { deal: 'CRM-DEAL-2026-00193', hoursAgo: 2, status: 'Todo' },
	done: { deal: 'CRM-DEAL-2026-00194', hoursAgo: TIMEOUT_H + 8, status: 'Done' },
	reopened: { deal: 'CRM-DEAL-2026-00195', hoursAgo: TIMEOUT_H + 8, status: 'Todo' },
} as const;
type Case = keyof typeof CASES;

function credentialRef(type: string): { id: string; name: string } {
	const ref = flow.nodes.find((n) => n.credentials?.[type])?.credentials?.[type];
	if (!ref) throw new Error(`no ${type} credential in the workflow`);
	return ref;
}

function proposal(deal: string, hoursAgo: number, executionId: string): CrmProposal {
	return {
		v: 1,
		kind: 'crm_deal_quote',
		workflow: 'Lead-to-Close: new Frappe CRM Lead scored, its deal quoted',
		execution_id: executionId,
		step: 'quote',
		lead_ref: null,
		deal_ref: deal,
		quote_ref: null,
		record: deal,
		proposed_at: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
		amount: 1_840_000,
		currency: 'EUR',
		confidence: 0.55,
		key: `ltc-quote-${deal}`,
		quote: {
			lines: [
				{
					sku: 'ACS580-01-017A-4',
					name: 'ABB ACS580 7.5 kW',
					qty: 3,
					uom: 'Nos',
					unit_price: 613_334,
					discount_pct: 0,
					amount: 1_840_002,
					currency: 'EUR',
				},
			],
			subtotal: 1_840_002,
			discount_total: 2,
			total: 1_840_000,
			currency: 'EUR',
		},
		reasons: ['The buyer left the drive family open: "ACS580 or ACS880"'],
	};
}

let n8n: N8nInstance;
let crm: ErpNextServer;
let db: TestDatabase;
const tasks = {} as Record<Case, { name: string; modified: string; executionId: string }>;

async function startQuoteCase(): Promise<void> {
	db = await createTestDatabase('ltc_crm_remind', { timeZone: 'UTC' });
	await db.pool.query(readFileSync(join(ROOT, 'dashboards', 'schema.sql'), 'utf8'));
	crm = await startErpNextServer({ ...API, apps: ['crm'] });
	let n = 0;
	for (const [key, c] of Object.entries(CASES) as Array<[Case, (typeof CASES)[Case]]>) {
		crm.state.seed('CRM Deal', [
			{
				name: c.deal,
				naming_series: 'CRM-DEAL-.YYYY.-',
				organization: 'Nordwerk Automation GmbH',
				status: 'Proposal/Quotation',
				deal_owner: OWNER,
				currency: 'EUR',
			},
		]);
		const executionId = String(1900 + ++n);
		const p = proposal(c.deal, c.hoursAgo, executionId);
		const [task] = crm.state.seed('CRM Task', [
			{
				title: crmApprovalTitle(p),
				description: crmApprovalNote(p),
				status: c.status,
				priority: 'High',
				assigned_to: OWNER,
				reference_doctype: 'CRM Deal',
				reference_docname: c.deal,
			},
		]);
		const name = String(task.name);
		// Decided by an earlier run (its decided line), then reopened by the owner.
		if (key === 'reopened')
			crm.state.dbSet('CRM Task', name, {
				description: `${String(task.description)}\n<p>Approved by ${OWNER}. [${approvalNoticeMarker('decided', name)}]</p>`,
			});
		tasks[key] = { name, modified: String(crm.state.get('CRM Task', name)!.modified), executionId };
	}
	const pgUrl = new URL(db.url);
	n8n = await startN8n({
		credentials: [
			{
				...credentialRef('leadToCloseErpNextApi'),
				type: 'leadToCloseErpNextApi',
				data: { baseUrl: crm.url, ...API },
			},
			{
				...credentialRef('postgres'),
				type: 'postgres',
				data: {
					host: pgUrl.hostname,
					port: Number(pgUrl.port),
					database: db.name,
					user: decodeURIComponent(pgUrl.username),
					password: '',
					maxConnections: 4,
					ssl: 'disable',
					allowUnauthorizedCerts: false,
					sshTunnel: false,
				},
			},
		],
		workflows: [flow],
		env: { GENERIC_TIMEZONE: 'UTC' },
	});
}

async function stopQuoteCase(): Promise<void> {
	await n8n?.stop();
	await crm?.stop();
	await db?.drop();
}

const task = (c: Case) => crm.state.get('CRM Task', tasks[c].name)!;
const commentsOn = (c: Case) =>
	crm.state
		.all('Comment')
		.filter((r) => r.reference_doctype === 'CRM Deal' && r.reference_name === CASES[c].deal)
		.map((r) => String(r.content));
const approvals = (run: StoredExecution) =>
	run.output(CHECK).map(
		(i) =>
			i.json.approval as {
				status: string;
				deal: string;
				task: string;
				assignedTo: string | null;
				waitedHours: number;
			},
	);

interface EventRow {
	execution_id: string;
	step: string;
	actor: string;
	decision: string | null;
	outcome: string | null;
	deal_ref: string | null;
	channel: string | null;
	service: string | null;
	duration_ms: string | null;
}
async function events(): Promise<EventRow[]> {
	const sql =
		'SELECT execution_id, step, actor, decision, outcome, deal_ref, channel, service, duration_ms FROM ltc_events ORDER BY deal_ref, id';
	return (await db.pool.query<EventRow>(sql)).rows;
}

describe('frappe-crm-desk-approval-reminders.json: reminders and timeouts of Frappe CRM approval tasks', () => {
	beforeAll(startQuoteCase, 300_000);
	afterAll(stopQuoteCase);

	it('the shipped workflow runs Check Pending on Frappe CRM and stores its events', () => {
		expect(check).toMatchObject({
			type: 'n8n-nodes-lead-to-close.deskApproval',
			parameters: {
				systemOfRecord: 'frappeCrm',
				operation: 'checkPending',
				pendingKinds: ['quote', 'lead', 'deal'],
				onTimeout: 'reject',
				onLeadTimeout: 'dismiss',
				onDealTimeout: 'dismiss',
			},
		});
		expect(REMIND_H).toBe(24);
		expect(TIMEOUT_H).toBe(72);
		expect(flow.nodes.find((n) => n.name === TRIGGER)?.type).toBe('n8n-nodes-base.scheduleTrigger');
	});

	it('reminds the owner of a task past Remind After once; past Time Out After the task is Canceled under its lock, nothing sent, a system timeout event stored; the fresh and the decided are left alone', async () => {
		const run = await runFromTrigger(n8n, flow.id, TRIGGER);
		expect(run.status, executionFailure(run)).toBe('success');
		expect(approvals(run)).toEqual([
			{
				status: 'reminded',
				deal: CASES.remind.deal,
				task: tasks.remind.name,
				assignedTo: OWNER,
				waitedHours: CASES.remind.hoursAgo,
			},
			{
				status: 'timed_out_rejected',
				deal: CASES.timeout.deal,
				task: tasks.timeout.name,
				assignedTo: OWNER,
				waitedHours: CASES.timeout.hoursAgo,
			},
		]);

		// The reminder: one comment on the deal for the assignee; the task stays open.
		expect(commentsOn('remind')).toEqual([
			expect.stringContaining(
				`Reminder for ${OWNER}: the AI quote in task ${tasks.remind.name} has waited ${CASES.remind.hoursAgo} h for your review.`,
			),
		]);
		expect(task('remind').status).toBe('Todo');

		// The timeout: Canceled with the decided line, written under the `modified` it read; a notice on the deal.
		expect(task('timeout').status).toBe('Canceled');
		expect(String(task('timeout').description)).toContain(
			`Rejected by default after ${TIMEOUT_H} h without a decision. [${approvalNoticeMarker('decided', tasks.timeout.name)}]`,
		);
		const taskWrites = crm.writes().filter((w) => w.path.startsWith('/api/resource/CRM Task/'));
		expect(
			taskWrites.map((w) => [
				w.method,
				w.path,
				(w.body as Record<string, unknown>).status,
				(w.body as Record<string, unknown>).modified,
			]),
		).toEqual([
			['PUT', `/api/resource/CRM Task/${tasks.timeout.name}`, 'Canceled', tasks.timeout.modified],
		]);
		expect(commentsOn('timeout')).toEqual([
			expect.stringContaining(
				`Nobody reviewed the AI quote in task ${tasks.timeout.name} in ${TIMEOUT_H} h: it was rejected by default and nothing was sent.`,
			),
		]);
		expect(crm.state.get('CRM Deal', CASES.timeout.deal)!.products ?? []).toEqual([]);

		// Nothing else was written: two comments and the one task update.
		expect(
			crm
				.writes()
				.map((w) => `${w.method} ${w.path}`)
				.sort(),
		).toEqual([
			'POST /api/method/frappe.desk.form.utils.add_comment',
			'POST /api/method/frappe.desk.form.utils.add_comment',
			`PUT /api/resource/CRM Task/${tasks.timeout.name}`,
		]);
		for (const c of ['fresh', 'done', 'reopened'] as const) {
			expect(commentsOn(c), c).toEqual([]);
			expect(task(c).modified, c).toBe(tasks[c].modified);
		}

		// The events, as the ERPNext schedule stores them: a system reminder and a system timeout of the hand-off.
		expect(await events()).toMatchObject([
			{
				execution_id: tasks.remind.executionId,
				step: 'quote',
				actor: 'system',
				decision: null,
				outcome: 'reminded',
				deal_ref: CASES.remind.deal,
				channel: 'desk',
				service: 'frappe_crm',
			},
			{
				execution_id: tasks.timeout.executionId,
				step: 'quote',
				actor: 'system',
				decision: 'timeout',
				outcome: 'rejected',
				deal_ref: CASES.timeout.deal,
				channel: 'desk',
				service: 'frappe_crm',
				duration_ms: String(TIMEOUT_H * 3_600_000),
			},
		]);
	}, 200_000);

	it('after n8n restarts, the next scheduled run writes, sends and stores nothing more', async () => {
		const writes = crm.writes().length;
		const stored = await events();
		await n8n.stop();
		await n8n.start();
		const again = await runFromTrigger(n8n, flow.id, TRIGGER);
		expect(again.status, executionFailure(again)).toBe('success');
		expect(approvals(again)).toEqual([]);
		expect(crm.writes().slice(writes)).toEqual([]);
		expect(await events()).toEqual(stored);
		expect(commentsOn('remind')).toHaveLength(1);
		expect(commentsOn('timeout')).toHaveLength(1);
		expect(task('timeout').status).toBe('Canceled');
		expect(task('done').status).toBe('Done');
	}, 300_000);

	it("the Deal Monitor's deal-risk tasks on the same site: one reminder on the CRM Deal, then Dismiss once (Canceled under its lock, nothing written to the deal), one timeout event of frappe_crm", async () => {
		const dealTask = (deal: string, hoursAgo: number): { name: string; modified: string } => {
			crm.state.seed('CRM Deal', [
				{ name: deal, naming_series: 'CRM-DEAL-.YYYY.-', status: 'Negotiation', deal_owner: OWNER },
			]);
			const p: DealProposal = {
				v: 1,
				kind: 'deal_risk',
				workflow: 'Lead-to-Close: Frappe CRM deal monitor (every 30 minutes)',
				execution_id: '1990',
				step: 'deal_risk',
				service: 'frappe_crm',
				deal_ref: deal,
				lead_ref: null,
				proposed_at: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
				signal: 'close_date_passed',
				level: 'critical',
				risk_score: 88,
				action: 'Agree a new close date with the buyer',
				title: 'Agree a new close date with the buyer',
				priority: 'High',
				due: '2026-01-06',
				fields: { custom_ai_risk_score: 88, custom_ai_risk_level: 'critical' },
			};
			const [t] = crm.state.seed('CRM Task', [
				{
					title: p.title,
					status: 'Todo',
					priority: 'High',
					assigned_to: OWNER,
					reference_doctype: 'CRM Deal',
					reference_docname: deal,
					description: dealDecisionNote(p, 'The close date passed.', ['Close date passed']),
				},
			]);
			const name = String(t.name);
			return { name, modified: String(crm.state.get('CRM Task', name)!.modified) };
		};
		const [remindDeal, timeoutDeal] = ['CRM-DEAL-2026-00196', 'CRM-DEAL-2026-00197'];
		const reminded = dealTask(remindDeal, REMIND_H + 6);
		const timedOut = dealTask(timeoutDeal, TIMEOUT_H + 8);
		const notes = (deal: string) =>
			crm.state
				.all('Comment')
				.filter((c) => c.reference_doctype === 'CRM Deal' && c.reference_name === deal)
				.map((c) => String(c.content));
		const writes = crm.writes().length;
		const stored = (await events()).length;

		const run = await runFromTrigger(n8n, flow.id, TRIGGER);
		expect(run.status, executionFailure(run)).toBe('success');
		expect(run.output(CHECK).map((i) => i.json.approval)).toEqual([
			{
				status: 'reminded',
				deal: remindDeal,
				task: reminded.name,
				action: 'Agree a new close date with the buyer',
				assignedTo: OWNER,
				waitedHours: REMIND_H + 6,
			},
			{
				status: 'timed_out_dismissed',
				deal: timeoutDeal,
				task: timedOut.name,
				action: 'Agree a new close date with the buyer',
				assignedTo: OWNER,
				waitedHours: TIMEOUT_H + 8,
			},
		]);
		expect(notes(remindDeal)).toEqual([
			expect.stringContaining(
				`Reminder for ${OWNER}: the risk action on this deal has waited ${REMIND_H + 6} h for your decision; the AI proposes: Agree a new close date with the buyer. Set the task to Done to accept it`,
			),
		]);
		expect(notes(timeoutDeal)).toEqual([
			expect.stringContaining(
				`Nobody decided the risk action on this deal in ${TIMEOUT_H} h: it was dismissed by default; nothing was written or sent and the proposed values were not applied.`,
			),
		]);
		const closed = crm.state.get('CRM Task', timedOut.name)!;
		expect(closed.status).toBe('Canceled');
		expect(String(closed.description)).toContain(
			`[${approvalNoticeMarker('timeout', timedOut.name)}] [${approvalNoticeMarker('decided', timedOut.name)}]`,
		);
		expect(crm.state.get('CRM Task', reminded.name)!.status).toBe('Todo');
		// Two comments and one task update, the latter under the `modified` it read; nothing on the deals.
		const made = crm.writes().slice(writes);
		expect(made.map((w) => `${w.method} ${w.path}`).sort()).toEqual([
			'POST /api/method/frappe.desk.form.utils.add_comment',
			'POST /api/method/frappe.desk.form.utils.add_comment',
			`PUT /api/resource/CRM Task/${timedOut.name}`,
		]);
		expect(made.find((w) => w.method === 'PUT')!.body).toMatchObject({
			status: 'Canceled',
			modified: timedOut.modified,
		});
		expect(crm.state.get('CRM Deal', timeoutDeal)!.custom_ai_risk_score ?? null).toBeNull();
		expect((await events()).slice(stored)).toMatchObject([
			{
				execution_id: '1990',
				step: 'deal_risk',
				actor: 'system',
				decision: null,
				outcome: 'reminded',
				deal_ref: remindDeal,
				service: 'frappe_crm',
			},
			{
				execution_id: '1990',
				step: 'deal_risk',
				actor: 'system',
				decision: 'timeout',
				outcome: 'dismissed',
				deal_ref: timeoutDeal,
				service: 'frappe_crm',
				duration_ms: String(TIMEOUT_H * 3_600_000),
			},
		]);

		// The next hour: nothing more written or stored.
		const after = crm.writes().length;
		const again = await runFromTrigger(n8n, flow.id, TRIGGER);
		expect(again.status, executionFailure(again)).toBe('success');
		expect(again.output(CHECK)).toEqual([]);
		expect(crm.writes().slice(after)).toEqual([]);
		expect((await events()).length).toBe(stored + 2);
	}, 300_000);
});

// Lead reviews: the pipeline that asks, and the schedule that reminds and times out.
const pipelineFlow = loadWorkflow('frappe-crm-lead-to-close.json');
const REVIEWER = String(pipelineFlow.nodes.find((n) => n.name === 'Request Lead Review in CRM')!.parameters.crmReviewer);
/** The shipped schedule, checking at `hours` after the moment it runs (its Now parameter, nothing else). */
const remindersAt = (hours: number, id: string): ShippedWorkflow => ({
	...flow,
	id,
	name: `${flow.name} (+${hours} h)`,
	nodes: flow.nodes.map((n) => (n.name === CHECK ? { ...n, parameters: { ...n.parameters, now: `={{ $now.plus({ hours: ${hours} }).toISO() }}` } } : n)),
});
const REMIND = remindersAt(REMIND_H + 1, 'ltcCrmLeadRem025');
const TIME_OUT = remindersAt(TIMEOUT_H + 1, 'ltcCrmLeadRem073');
// Score 54 (measured with the Lead Qualifier on the contract server): routed to review, the AI proposes qualified.
const MIDDLING = {
	lead: { first_name: 'Jana', last_name: 'Roth', organization: 'Roth Anlagenbau GmbH', job_title: 'Geschäftsführerin', no_of_employees: '201-500', industry: 'Manufacturing' },
	note: 'Need S7-1200 CPU 1214C x2, 1756-IB16 x3 and a 10 inch PanelView 5310',
};
const EMAIL = 'j.roth@roth-anlagenbau.de';

describe('frappe-crm-desk-approval-reminders.json: a Frappe CRM lead review nobody decides', () => {
	let pipeline: FrappeCrmPipeline;
	beforeAll(async () => {
		pipeline = await startFrappeCrmPipeline({
			flow: pipelineFlow,
			api: { apiKey: 'crm-lead-remind-key', apiSecret: 'crm-lead-remind-secret-48cc' },
			database: 'ltc_crm_lead_remind',
			also: [REMIND, TIME_OUT],
		});
	}, 300_000);
	afterAll(async () => {
		await pipeline?.stop();
	});

	const schedule = async (workflow: ShippedWorkflow) => {
		const run = await runFromTrigger(pipeline.n8n, workflow.id, TRIGGER);
		expect(run.status, executionFailure(run)).toBe('success');
		return approvals(run) as unknown as Array<{ status: string; lead?: string; task: string; route?: string | null }>;
	};
	const notesOn = (lead: string, kind: 'reminder' | 'timeout') =>
		pipeline.crm.state
			.all('Comment')
			.filter((c) => c.reference_doctype === 'CRM Lead' && c.reference_name === lead && String(c.content).includes(`ltc-approval-${kind}-`))
			.map((c) => String(c.content));
	interface LeadEventRow {
		execution_id: string;
		step: string;
		actor: string;
		decision: string | null;
		outcome: string | null;
		service: string | null;
		duration_ms: string | null;
		occurred_at: Date;
	}
	const eventsOf = async (lead: string) =>
		(
			await pipeline.db.pool.query<LeadEventRow>(
				'SELECT execution_id, step, actor, decision, outcome, service, duration_ms, occurred_at FROM ltc_events WHERE lead_ref = $1 ORDER BY occurred_at, id',
				[lead],
			)
		).rows;

	it('one reminder on the CRM Lead, then Dismiss once: the task Canceled under its lock, nothing sent or written to the lead, one timeout event; the task change delivered twice decides nothing', async () => {
		const { lead, run } = await pipeline.newLead(MIDDLING, EMAIL);
		const crm = pipeline.crm;
		const [review] = crm.state.all('CRM Task').filter((t) => t.reference_doctype === 'CRM Lead' && t.reference_docname === lead);
		const task = String(review.name);
		expect(review).toMatchObject({ status: 'Todo', assigned_to: REVIEWER });
		const leadPuts = () => crm.writes().filter((w) => w.method === 'PUT' && w.path === `/api/resource/CRM Lead/${lead}`).length;
		const leadWritesBefore = leadPuts();

		// Twice at +25 h: one reminder.
		expect(await schedule(REMIND)).toEqual([expect.objectContaining({ status: 'reminded', lead, task, assignedTo: REVIEWER, waitedHours: REMIND_H + 1 })]);
		expect(await schedule(REMIND)).toEqual([]);
		expect(notesOn(lead, 'reminder')).toEqual([expect.stringContaining(`Reminder for ${REVIEWER}: this lead has waited ${REMIND_H + 1} h for your review in task ${task}`)]);
		expect(crm.state.get('CRM Task', task)!.status).toBe('Todo');

		// Twice at +73 h: the shipped default (Dismiss), once.
		const modified = String(crm.state.get('CRM Task', task)!.modified);
		const taskWrites = crm.writes().length;
		expect(await schedule(TIME_OUT)).toEqual([expect.objectContaining({ status: 'timed_out_dismissed', lead, task, route: null })]);
		expect(await schedule(TIME_OUT)).toEqual([]);
		const puts = crm.writes().slice(taskWrites).filter((w) => w.path.startsWith('/api/resource/CRM Task/'));
		expect(puts.map((w) => [w.method, w.path, (w.body as Record<string, unknown>).status, (w.body as Record<string, unknown>).modified])).toEqual([['PUT', `/api/resource/CRM Task/${task}`, 'Canceled', modified]]);
		const description = String(crm.state.get('CRM Task', task)!.description);
		expect(description.match(/ltc-approval-decided-/g)).toHaveLength(1);
		expect(description).toContain(`dismissed by default after ${TIMEOUT_H} h: nothing was done`);
		expect(notesOn(lead, 'timeout')).toEqual([expect.stringContaining('the review was dismissed by default and nothing was sent')]);
		expect(leadPuts()).toBe(leadWritesBefore);
		expect(pipeline.mautic.sent.emails).toEqual([]);

		const [qualify] = (await eventsOf(lead)).filter((r) => r.step === 'qualify' && r.decision === 'review');
		expect(qualify.execution_id).toBe(run.id);
		const desk = (await eventsOf(lead)).filter((r) => r.actor === 'human' || r.outcome === 'reminded' || r.decision === 'timeout');
		expect(desk).toEqual([
			expect.objectContaining({ execution_id: run.id, step: 'qualify', actor: 'system', decision: null, outcome: 'reminded', service: 'frappe_crm' }),
			expect.objectContaining({ execution_id: run.id, step: 'qualify', actor: 'system', decision: 'timeout', outcome: 'dismissed', service: 'frappe_crm', duration_ms: String(TIMEOUT_H * 3_600_000) }),
		]);
		expect(desk[1].occurred_at.getTime()).toBe(qualify.occurred_at.getTime() + TIMEOUT_H * 3_600_000);

		// Frappe sends the task's change (the default's save), and the same delivery again: nothing more.
		const stored = (await eventsOf(lead)).length;
		const writes = crm.writes().length;
		const [delivery] = prepareDeliveries(crm, 'CRM Task', task, 'on_update');
		const answers = [await send(delivery), await send(delivery)];
		expect(answers.map((a) => [a.status, (JSON.parse(a.text) as { status: string }).status])).toEqual([
			[200, 'accepted'],
			[200, 'ignored'],
		]);
		const decision = await pipeline.runWhere('the default read as decided already', (r) =>
			r.output('Read Lead Decision in CRM', 4).some((i) => (i.json.approval as { task?: string; status?: string }).task === task && (i.json.approval as { status?: string }).status === 'already_decided'),
		);
		for (const output of ['Qualified', 'Nurture', 'Disqualified']) expect(decision.output(output), output).toEqual([]);
		expect(crm.writes().slice(writes)).toEqual([]);
		expect((await eventsOf(lead)).length).toBe(stored);
		expect(String(crm.state.get('CRM Task', task)!.description).match(/ltc-approval-decided-/g)).toHaveLength(1);
		expect(pipeline.mautic.sent.emails).toEqual([]);
	}, 400_000);
});
