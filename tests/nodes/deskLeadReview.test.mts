// The Desk Approval node's lead operations in the n8n engine (in-process) against the ERPNext contract
// server (ADR 0039): Request Lead Review refuses an item without a qualification of this execution and
// reuses an open review; Read Lead Decision decides once even when two runs read the same close at once
// (the done marker under the ToDo's lock), ignores ToDos that are not lead reviews, and in propose-only
// mode writes the proposed values once.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readProposal } from '../../core/approvals/deskApproval';
import { readHeldQuote } from '../../core/approvals/heldQuote';
import { readLeadProposal } from '../../core/approvals/leadDecision';
import { makeEvent, type MetricEvent } from '../../core/metrics';
import { LeadToCloseErpNextApi } from '../../credentials/LeadToCloseErpNextApi.credentials';
import { DeskApproval } from '../../nodes/DeskApproval/DeskApproval.node';
import { noteMadeEvents } from '../../nodes/shared/madeEvents';
import {
	decideAssignment,
	startErpNextServer,
	type ErpNextServer,
} from '../contract/erpnext-server.mts';
import { TestStartNode, chain, node, runWorkflow } from '../workflow/harness.mts';

const TYPE = 'n8n-nodes-lead-to-close.deskApproval';
const ERP = { apiKey: 'desk-lead-node-key', apiSecret: 'desk-lead-node-secret-19ab' };
const REVIEWER = 'sales.manager@example.com';

/** Emits its items and notes their events as made in this execution, as the Lead Qualifier does. */
class TestEmitNode extends TestStartNode {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [items] = await TestStartNode.prototype.execute.call(this);
		for (const item of items) noteMadeEvents(this, (item.json._ltcEvents ?? []) as MetricEvent[]);
		return [items];
	}
}

let erp: ErpNextServer;
beforeAll(async () => {
	erp = await startErpNextServer({ ...ERP, timeZone: 'Europe/Berlin' });
});
afterAll(async () => {
	await erp?.stop();
});

async function run(
	start: 'test.emit' | 'test.start',
	items: IDataObject[],
	params: IDataObject,
	continueOnFail = false,
) {
	return await runWorkflow({
		nodeTypes: { 'test.emit': new TestEmitNode(), [TYPE]: new DeskApproval() },
		credentialTypes: [new LeadToCloseErpNextApi()],
		credentials: { leadToCloseErpNextApi: { baseUrl: erp.url, ...ERP } } as never,
		nodes: [
			node('Start', start, { items: JSON.stringify(items) }),
			node('Desk Approval', TYPE, params as never, continueOnFail ? { continueOnFail: true } : {}),
		],
		connections: chain('Start', 'Desk Approval'),
	});
}

// The contract server's clock starts on 2026-01-05 09:00 UTC: the lead was qualified an hour before.
const QUALIFIED_AT = '2026-01-05T08:00:00.000Z';
function reviewItem(lead: string, fields: IDataObject | null = null): IDataObject {
	erp.state.seed('Lead', [
		{
			name: lead,
			lead_name: 'Ada Byte',
			email_id: `${lead.toLowerCase()}@byte.example`,
			company_name: 'Byte GmbH',
		},
	]);
	const qualify = makeEvent(
		{
			workflow: 'Lead-to-Close',
			execution_id: '902',
			step: 'qualify',
			actor: 'system',
			decision: 'review',
			outcome: 'written',
			lead_ref: lead,
			score: 60,
			confidence: 0.5,
		},
		QUALIFIED_AT,
	);
	return {
		score: 60,
		grade: 'B',
		route: 'review',
		reasons: [{ factor: 'need', points: 20, detail: 'needs <b>PLC</b>', evidence: '' }],
		lead: { ref: lead },
		proposal: {
			route: 'qualified',
			fields,
			proposeOnly: fields
				? 'propose-only mode is on for this node (its Propose Only parameter)'
				: null,
		},
		_ltcEvents: [qualify],
	};
}
const REQUEST = { operation: 'requestLead', reviewer: REVIEWER };
const DECIDE = { operation: 'decideLead' };
const todosOf = (lead: string) =>
	erp.state.all('ToDo').filter((t) => t.reference_type === 'Lead' && t.reference_name === lead);
const stamp = () => DateTime.now().setZone('Europe/Berlin').toFormat('yyyy-MM-dd HH:mm:ss.SSS000');

describe('Desk Approval: Request Lead Review', () => {
	it('assigns one ToDo on the Lead with the escaped reasons and the proposal; a retried item reuses it', async () => {
		const item = reviewItem('CRM-LEAD-2026-00951');
		const first = await run('test.emit', [item], REQUEST);
		expect(first.output('Desk Approval')[0].json.approval).toMatchObject({
			status: 'pending',
			lead: 'CRM-LEAD-2026-00951',
			proposedRoute: 'qualified',
			proposeOnly: false,
			reused: false,
		});
		const [todo] = todosOf('CRM-LEAD-2026-00951');
		expect(todo).toMatchObject({ status: 'Open', allocated_to: REVIEWER });
		expect(String(todo.description)).toContain('<li>+20 need: needs &lt;b&gt;PLC&lt;/b&gt;</li>');
		expect(readLeadProposal(todo.description)).toMatchObject({
			execution_id: '902',
			step: 'qualify',
			next: 'qualified',
			proposed_at: QUALIFIED_AT,
			fields: null,
		});
		const again = await run('test.emit', [item], REQUEST);
		expect(again.output('Desk Approval')[0].json.approval).toMatchObject({
			reused: true,
			todo: todo.name,
		});
		expect(todosOf('CRM-LEAD-2026-00951')).toHaveLength(1);
	});

	it('refuses an item whose qualification no node of ours made in this execution, naming it', async () => {
		const item = reviewItem('CRM-LEAD-2026-00952');
		const result = await run('test.start', [item], REQUEST, true);
		expect(String(result.output('Desk Approval')[0].json.error)).toContain(
			'No qualification of Lead CRM-LEAD-2026-00952 made in this execution',
		);
		expect(todosOf('CRM-LEAD-2026-00952')).toEqual([]);
	});
});

describe('Desk Approval: Read Lead Decision', () => {
	it('two runs reading the same close at once (two n8n processes): one decides, the other loses the lock', async () => {
		await run('test.emit', [reviewItem('CRM-LEAD-2026-00953')], REQUEST);
		const todo = String(todosOf('CRM-LEAD-2026-00953')[0].name);
		decideAssignment(erp.state, todo, 'Closed', REVIEWER, stamp());
		erp.setDelay(400, /^\/api\/resource\/ToDo\/./);
		try {
			const results = await Promise.all([
				run('test.start', [{ name: todo }], DECIDE),
				run('test.start', [{ name: todo }], DECIDE),
			]);
			const decided = results.flatMap((r) => r.output('Desk Approval', 0));
			const none = results.flatMap((r) => r.output('Desk Approval', 4));
			expect(decided).toHaveLength(1);
			expect(decided[0].json.approval).toMatchObject({
				status: 'accepted',
				route: 'qualified',
				override: false,
				decidedBy: REVIEWER,
			});
			expect((decided[0].json._ltcEvents as MetricEvent[])[0]).toMatchObject({
				actor: 'human',
				decision: 'approve',
				outcome: 'approved',
				channel: 'desk',
				execution_id: '902',
				step: 'qualify',
			});
			expect(none.map((i) => (i.json.approval as IDataObject).status)).toEqual(['already_decided']);
		} finally {
			erp.setDelay(0);
		}
		expect(
			String(erp.state.get('ToDo', todo)!.description).match(/ltc-approval-decided-/g),
		).toHaveLength(1);
		// An open review, and a ToDo that is no lead review, decide nothing.
		await run('test.emit', [reviewItem('CRM-LEAD-2026-00954')], REQUEST);
		const open = String(todosOf('CRM-LEAD-2026-00954')[0].name);
		expect(
			(await run('test.start', [{ name: open }], DECIDE)).output('Desk Approval', 4)[0].json
				.approval,
		).toMatchObject({ status: 'pending' });
		const [other] = erp.state.seed('ToDo', [
			{
				status: 'Closed',
				description: 'Call back',
				reference_type: 'Lead',
				reference_name: 'CRM-LEAD-2026-00954',
				allocated_to: REVIEWER,
			},
		]);
		expect(
			(await run('test.start', [{ name: other.name }], DECIDE)).output('Desk Approval', 4)[0].json
				.approval,
		).toMatchObject({ status: 'not_a_lead_review' });
	});

	it('propose-only: accepting writes the proposed values once; a Lead that holds them already gets no write', async () => {
		const fields = {
			custom_ai_score: 60,
			custom_ai_grade: 'B',
			custom_ai_route: 'review',
			custom_ai_confidence: 50,
			custom_ai_engine: 'rules',
			custom_ai_reasons: '+20 need: needs PLC',
		};
		await run('test.emit', [reviewItem('CRM-LEAD-2026-00955', fields)], REQUEST);
		expect(erp.state.get('Lead', 'CRM-LEAD-2026-00955')!.custom_ai_score ?? null).toBeNull();
		const todo = String(todosOf('CRM-LEAD-2026-00955')[0].name);
		decideAssignment(erp.state, todo, 'Closed', REVIEWER, stamp());
		const [out] = (await run('test.start', [{ name: todo }], DECIDE)).output('Desk Approval', 0);
		expect(out.json.approval).toMatchObject({ status: 'accepted', proposal: 'applied' });
		expect(erp.state.get('Lead', 'CRM-LEAD-2026-00955')).toMatchObject(fields);

		await run('test.emit', [reviewItem('CRM-LEAD-2026-00956', fields)], REQUEST);
		erp.state.dbSet('Lead', 'CRM-LEAD-2026-00956', fields);
		const second = String(todosOf('CRM-LEAD-2026-00956')[0].name);
		decideAssignment(erp.state, second, 'Closed', REVIEWER, stamp());
		const puts = () =>
			erp
				.writes()
				.filter((r) => r.method === 'PUT' && r.path === '/api/resource/Lead/CRM-LEAD-2026-00956')
				.length;
		const before = puts();
		const [held] = (await run('test.start', [{ name: second }], DECIDE)).output('Desk Approval', 0);
		expect(held.json.approval).toMatchObject({ proposal: 'already_applied' });
		expect(puts()).toBe(before);
	});

	it('propose-only, a run that stops between the claim and the write: the next run writes the values once, with no second event; a later one writes nothing', async () => {
		const lead = 'CRM-LEAD-2026-00957';
		const fields = { custom_ai_score: 60, custom_ai_grade: 'B', custom_ai_route: 'review' };
		await run('test.emit', [reviewItem(lead, fields)], REQUEST);
		const todo = String(todosOf(lead)[0].name);
		decideAssignment(erp.state, todo, 'Closed', REVIEWER, stamp());
		const puts = () =>
			erp
				.writes()
				.filter((r) => r.method === 'PUT' && r.path === `/api/resource/Lead/${lead}` && !r.fault);
		// The claim reaches the ToDo; the write to the Lead does not (the run stops there).
		erp.fault({ kind: 'maintenance', method: 'PUT', path: `/api/resource/Lead/${lead}` });
		const crashed = await run('test.start', [{ name: todo }], DECIDE);
		expect(crashed.error('Desk Approval')).toBeDefined();
		expect(String(erp.state.get('ToDo', todo)!.description)).toMatch(/ltc-approval-decided-/);
		expect(erp.state.get('Lead', lead)!.custom_ai_score ?? null).toBeNull();
		expect(puts()).toHaveLength(0);

		const retried = await run('test.start', [{ name: todo }], DECIDE);
		const [repaired] = retried.output('Desk Approval', 4);
		expect(repaired.json).toEqual({
			approval: {
				status: 'already_decided',
				todo,
				todoStatus: 'Closed',
				proposal: 'applied',
			},
		});
		expect([0, 1, 2, 3].flatMap((o) => retried.output('Desk Approval', o))).toEqual([]);
		expect(erp.state.get('Lead', lead)).toMatchObject(fields);
		expect(puts()).toHaveLength(1);
		expect(String(erp.state.get('ToDo', todo)!.description)).toMatch(/ltc-approval-applied-/);

		// The Lead changes afterwards (a later rescore): a replayed delivery writes nothing back.
		erp.state.dbSet('Lead', lead, { custom_ai_score: 75 });
		const [later] = (await run('test.start', [{ name: todo }], DECIDE)).output('Desk Approval', 4);
		expect(later.json.approval).toEqual({
			status: 'already_decided',
			todo,
			todoStatus: 'Closed',
		});
		expect(puts()).toHaveLength(1);
		expect(erp.state.get('Lead', lead)!.custom_ai_score).toBe(75);
	});
});

// ADR 0048: a quote whose Lead is under review waits on the review ToDo; the lead's decision releases it.
const APPROVER = 'quotes.approver@example.com';
function draftQuote(quote: string, lead: string, at = QUALIFIED_AT) {
	erp.state.seed('Quotation', [
		{
			name: quote,
			quotation_to: 'Lead',
			party_name: lead,
			docstatus: 0,
			status: 'Draft',
			grand_total: 18400,
			currency: 'EUR',
		},
	]);
	const handoff = makeEvent(
		{
			workflow: 'Lead-to-Close',
			execution_id: '902',
			step: 'quote',
			actor: 'system',
			decision: 'review',
			outcome: 'drafted',
			lead_ref: lead,
			quote_ref: quote,
			amount: 1_840_000,
			currency: 'EUR',
			confidence: 0.55,
		},
		at,
	);
	return {
		erpnext: { quotation: quote },
		confidence: 0.55,
		review_reasons: ['wants "ACS580 or ACS880"'],
		_ltcEvents: [handoff],
	};
}
const REQUEST_QUOTE = { operation: 'request', approver: APPROVER };
const quoteTodos = (quote: string) =>
	erp.state
		.all('ToDo')
		.filter((t) => t.reference_type === 'Quotation' && t.reference_name === quote);

describe('Desk Approval: a quote waits for its lead review (ADR 0048)', () => {
	it('holds the quote on the open lead review (no second ToDo), once; accepting the lead as qualified assigns it, asked at the decision', async () => {
		await run('test.emit', [reviewItem('CRM-LEAD-2026-00961')], REQUEST);
		const quoteItem = draftQuote('SAL-QTN-2026-00961', 'CRM-LEAD-2026-00961');
		for (const reused of [false, true]) {
			const [out] = (await run('test.emit', [quoteItem], REQUEST_QUOTE)).output('Desk Approval');
			expect(out.json.approval).toMatchObject({
				status: 'waiting_for_lead_review',
				quotation: 'SAL-QTN-2026-00961',
				todo: null,
				leadReview: todosOf('CRM-LEAD-2026-00961')[0].name,
				reused,
			});
			expect((out.json._ltcEvents as MetricEvent[]).map((e) => e.outcome)).toEqual([
				'drafted',
				'approval_held',
			]);
		}
		expect(quoteTodos('SAL-QTN-2026-00961')).toEqual([]);
		const [review] = todosOf('CRM-LEAD-2026-00961');
		const text = String(review.description);
		expect(text).toContain(
			`A draft quotation <strong>SAL-QTN-2026-00961</strong> (€18,400.00) was prepared for this lead. It is assigned to ${APPROVER} for approval only if you accept the lead as <strong>qualified</strong>`,
		);
		expect(text.match(/\[ltc-approval /g)).toHaveLength(2);
		// The lead proposal still reads from the ToDo, and the held quote does not read as one.
		expect(readLeadProposal(text)).toMatchObject({ lead_ref: 'CRM-LEAD-2026-00961' });
		expect(readHeldQuote(text)).toMatchObject({
			approver: APPROVER,
			proposal: { record: 'SAL-QTN-2026-00961', amount: 1_840_000 },
		});

		const decidedAt = stamp();
		decideAssignment(erp.state, String(review.name), 'Closed', REVIEWER, decidedAt);
		const [out] = (await run('test.start', [{ name: review.name }], DECIDE)).output(
			'Desk Approval',
			0,
		);
		expect(out.json.approval).toMatchObject({
			status: 'accepted',
			route: 'qualified',
			quoteApproval: { quotation: 'SAL-QTN-2026-00961', status: 'requested', assignedTo: APPROVER },
		});
		const [quoteTodo] = quoteTodos('SAL-QTN-2026-00961');
		expect(quoteTodos('SAL-QTN-2026-00961')).toHaveLength(1);
		expect(quoteTodo).toMatchObject({ status: 'Open', allocated_to: APPROVER, priority: 'High' });
		const asked = DateTime.fromFormat(decidedAt.slice(0, 23), 'yyyy-MM-dd HH:mm:ss.SSS', {
			zone: 'Europe/Berlin',
		});
		expect(readProposal(quoteTodo.description)).toMatchObject({
			record: 'SAL-QTN-2026-00961',
			step: 'quote',
			proposed_at: asked.toJSDate().toISOString(),
		});
		const events = out.json._ltcEvents as MetricEvent[];
		expect(events.map((e) => [e.actor, e.step, e.outcome])).toEqual([
			['human', 'qualify', 'approved'],
			['system', 'quote', 'approval_requested'],
		]);
		// The same close read again: decided already, no second quote ToDo.
		await run('test.start', [{ name: review.name }], DECIDE);
		expect(quoteTodos('SAL-QTN-2026-00961')).toHaveLength(1);
	});

	it('dismissing the lead, or choosing nurture, leaves the held quote an unassigned draft', async () => {
		for (const [lead, quote, act] of [
			['CRM-LEAD-2026-00962', 'SAL-QTN-2026-00962', 'dismiss'],
			['CRM-LEAD-2026-00963', 'SAL-QTN-2026-00963', 'nurture'],
		] as const) {
			await run('test.emit', [reviewItem(lead)], REQUEST);
			await run('test.emit', [draftQuote(quote, lead)], REQUEST_QUOTE);
			const todo = String(todosOf(lead)[0].name);
			if (act === 'nurture') erp.state.dbSet('Lead', lead, { custom_ai_reviewed_route: 'nurture' });
			decideAssignment(
				erp.state,
				todo,
				act === 'dismiss' ? 'Cancelled' : 'Closed',
				REVIEWER,
				stamp(),
			);
			const result = await run('test.start', [{ name: todo }], DECIDE);
			const [out] = result.output('Desk Approval', act === 'dismiss' ? 3 : 1);
			expect(out.json.approval).toMatchObject({ quoteApproval: null });
			expect(quoteTodos(quote)).toEqual([]);
			expect(erp.state.get('Quotation', quote)).toMatchObject({ docstatus: 0 });
		}
	});

	it('a lead without an open review, or Wait for Lead Review off: the quote gets its own ToDo at once', async () => {
		const item = draftQuote('SAL-QTN-2026-00964', 'CRM-LEAD-2026-00964');
		const [out] = (await run('test.emit', [item], REQUEST_QUOTE)).output('Desk Approval');
		expect(out.json.approval).toMatchObject({ status: 'pending', quotation: 'SAL-QTN-2026-00964' });
		await run('test.emit', [reviewItem('CRM-LEAD-2026-00965')], REQUEST);
		const off = draftQuote('SAL-QTN-2026-00965', 'CRM-LEAD-2026-00965');
		await run('test.emit', [off], { ...REQUEST_QUOTE, waitForLeadReview: false });
		expect(quoteTodos('SAL-QTN-2026-00965').map((t) => t.status)).toEqual(['Open']);
		expect(readHeldQuote(todosOf('CRM-LEAD-2026-00965')[0].description)).toBeUndefined();
	});
});

describe('Desk Approval: Check Pending on lead reviews (ADR 0048)', () => {
	const at = (hours: number) =>
		new Date(Date.parse(QUALIFIED_AT) + hours * 3_600_000).toISOString();
	const check = (hours: number, onLeadTimeout: string, pendingKinds = ['quote', 'lead']) =>
		run('test.start', [{}], {
			operation: 'checkPending',
			remindAfterHours: 24,
			timeoutAfterHours: 72,
			onTimeout: 'reject',
			onLeadTimeout,
			pendingKinds,
			now: at(hours),
		});
	const mine = async (leads: string[], hours: number, fallback: string, kinds?: string[]) =>
		(await check(hours, fallback, kinds))
			.output('Desk Approval')
			.map(
				(i) => ({ ...(i.json.approval as IDataObject), events: i.json._ltcEvents }) as IDataObject,
			)
			.filter((a) => leads.includes(String(a.lead)));
	const notes = (lead: string) =>
		erp.state
			.all('Comment')
			.filter((c) => c.reference_doctype === 'Lead' && c.reference_name === lead)
			.map((c) => String(c.content))
			.filter((c) => /ltc-approval-(reminder|timeout)/.test(c));

	it('reminds once on the Lead, then dismisses by default under the lock: nothing written or sent, one timeout event', async () => {
		const lead = 'CRM-LEAD-2026-00971';
		await run('test.emit', [reviewItem(lead)], REQUEST);
		await run('test.emit', [draftQuote('SAL-QTN-2026-00971', lead)], REQUEST_QUOTE);
		expect(await mine([lead], 23, 'dismiss')).toEqual([]);
		expect(await mine([lead], 24, 'dismiss', ['quote'])).toEqual([]);
		const [reminded] = await mine([lead], 25, 'dismiss');
		expect(reminded).toMatchObject({ status: 'reminded', waitedHours: 25, assignedTo: REVIEWER });
		expect(await mine([lead], 26, 'dismiss')).toEqual([]);
		expect(notes(lead)).toEqual([
			expect.stringMatching(
				/Reminder for sales\.manager@example\.com: this lead has waited 25 h for your review; the AI proposes the route qualified/,
			),
		]);

		const [timedOut] = await mine([lead], 73, 'dismiss');
		expect(timedOut).toMatchObject({
			status: 'timed_out_dismissed',
			route: null,
			quoteApproval: null,
		});
		expect((timedOut.events as MetricEvent[]).map((e) => [e.actor, e.decision, e.outcome])).toEqual(
			[['system', 'timeout', 'dismissed']],
		);
		expect((timedOut.events as MetricEvent[])[0]).toMatchObject({
			execution_id: '902',
			step: 'qualify',
			occurred_at: at(72),
			duration_ms: 72 * 3_600_000,
		});
		const todo = todosOf(lead)[0];
		expect(todo.status).toBe('Cancelled');
		expect(String(todo.description).match(/ltc-approval-decided-/g)).toHaveLength(1);
		expect(quoteTodos('SAL-QTN-2026-00971')).toEqual([]);
		// The ToDo change this makes reaches Read Lead Decision: decided already.
		expect(
			(await run('test.start', [{ name: todo.name }], DECIDE)).output('Desk Approval', 4)[0].json
				.approval,
		).toMatchObject({ status: 'already_decided' });
		expect(await mine([lead], 74, 'dismiss')).toEqual([]);
		expect(notes(lead)).toHaveLength(2);
	});

	it('Accept the Proposed Route: qualified is accepted and its held quote assigned; nurture keeps waiting (it sends e-mail); Keep Waiting records once', async () => {
		const qualified = 'CRM-LEAD-2026-00972';
		const nurture = 'CRM-LEAD-2026-00973';
		const waiting = 'CRM-LEAD-2026-00974';
		await run('test.emit', [reviewItem(qualified)], REQUEST);
		await run('test.emit', [draftQuote('SAL-QTN-2026-00972', qualified)], REQUEST_QUOTE);
		const toNurture = reviewItem(nurture);
		(toNurture.proposal as IDataObject).route = 'nurture';
		await run('test.emit', [toNurture], REQUEST);
		const [accepted, kept] = await mine([qualified, nurture], 80, 'accept');
		expect(accepted).toMatchObject({
			lead: qualified,
			status: 'timed_out_accepted',
			route: 'qualified',
			quoteApproval: { quotation: 'SAL-QTN-2026-00972', status: 'requested' },
		});
		expect((accepted.events as MetricEvent[]).map((e) => [e.step, e.decision, e.outcome])).toEqual([
			['qualify', 'timeout', 'accepted'],
			['quote', null, 'approval_requested'],
		]);
		expect(todosOf(qualified)[0].status).toBe('Closed');
		const [quoteTodo] = quoteTodos('SAL-QTN-2026-00972');
		expect(quoteTodo).toMatchObject({ status: 'Open', allocated_to: APPROVER });
		expect(readProposal(quoteTodo.description)?.proposed_at).toBe(at(72));
		expect(kept).toMatchObject({ lead: nurture, status: 'timed_out_waiting' });
		expect((kept.events as MetricEvent[])[0]).toMatchObject({
			decision: 'timeout',
			outcome: 'waiting',
			reason: 'route nurture sends e-mail: not accepted without a person',
		});
		expect(todosOf(nurture)[0].status).toBe('Open');
		// The next runs: nothing more, for either.
		expect(await mine([qualified, nurture], 81, 'accept')).toEqual([]);
		expect(quoteTodos('SAL-QTN-2026-00972')).toHaveLength(1);

		await run('test.emit', [reviewItem(waiting)], REQUEST);
		expect((await mine([waiting], 80, 'keep')).map((a) => a.status)).toEqual(['timed_out_waiting']);
		expect(await mine([waiting], 81, 'keep')).toEqual([]);
		expect(todosOf(waiting)[0].status).toBe('Open');
	});

	// Version 1 of the node checked quote approvals only: a saved version-1 Check Pending without Requests
	// keeps to them; one added now (1.1) checks lead reviews and deal-risk actions too.
	it('Requests left at its default: quote approvals only on a version-1 node, every kind on 1.1', async () => {
		const lead = 'CRM-LEAD-2026-00976';
		await run('test.emit', [reviewItem(lead)], REQUEST);
		const checkAt = async (typeVersion: number) =>
			(
				await runWorkflow({
					nodeTypes: { 'test.start': new TestStartNode(), [TYPE]: new DeskApproval() },
					credentialTypes: [new LeadToCloseErpNextApi()],
					credentials: { leadToCloseErpNextApi: { baseUrl: erp.url, ...ERP } } as never,
					nodes: [
						node('Start', 'test.start', { items: '[{}]' }),
						node(
							'Desk Approval',
							TYPE,
							{ operation: 'checkPending', remindAfterHours: 24, timeoutAfterHours: 72, now: at(30) },
							{ typeVersion },
						),
					],
					connections: chain('Start', 'Desk Approval'),
				})
			)
				.output('Desk Approval')
				.map((i) => i.json.approval as IDataObject)
				.filter((a) => a.lead === lead);
		expect(await checkAt(1)).toEqual([]);
		expect(notes(lead)).toEqual([]);
		expect((await checkAt(1.1)).map((a) => a.status)).toEqual(['reminded']);
		expect(notes(lead)).toHaveLength(1);
	});

	it('a review the reviewer closed meanwhile wins: the default loses the lock and does nothing', async () => {
		const lead = 'CRM-LEAD-2026-00975';
		await run('test.emit', [reviewItem(lead)], REQUEST);
		const todo = String(todosOf(lead)[0].name);
		// Check Pending lists the ToDo open; the reviewer closes it before the default's write arrives.
		erp.setDelay(400, /^\/api\/resource\/ToDo\/./);
		try {
			const pending = mine([lead], 80, 'dismiss');
			await new Promise((r) => setTimeout(r, 150));
			decideAssignment(erp.state, todo, 'Closed', REVIEWER, stamp());
			expect(await pending).toEqual([]);
		} finally {
			erp.setDelay(0);
		}
		expect(erp.state.get('ToDo', todo)).toMatchObject({ status: 'Closed' });
		expect(String(erp.state.get('ToDo', todo)!.description)).not.toMatch(/ltc-approval-decided-/);
		expect(notes(lead)).toEqual([]);
	});
});
