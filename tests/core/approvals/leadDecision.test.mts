// Leads reviewed in the desk (issue 19, ADR 0039): the proposed route, what the reviewer's ToDo says,
// how the proposal comes back from it, what a closed ToDo means, and the human event it makes.
import { describe, expect, it } from 'vitest';

import { approvalNote, readProposal } from '../../../core/approvals/deskApproval.ts';
import {
	leadDecision,
	leadDecisionEvent,
	leadReviewNote,
	leadTimeoutDecision,
	leadTimeoutEvent,
	leadTimeoutNotice,
	proposedRoute,
	readLeadProposal,
	type LeadProposal,
} from '../../../core/approvals/leadDecision.ts';
import {
	heldQuoteNote,
	holdQuote,
	readHeldQuote,
	releasedProposal,
} from '../../../core/approvals/heldQuote.ts';
import { autonomy, eventId } from '../../../core/metrics/index.ts';

const proposal: LeadProposal = {
	v: 1,
	kind: 'lead',
	workflow: 'Lead-to-Close: new ERPNext Lead to quote',
	execution_id: '4711',
	step: 'qualify',
	lead_ref: 'CRM-LEAD-2026-00042',
	proposed_at: '2026-12-07T09:00:00.000Z',
	route: 'review',
	next: 'qualified',
	score: 72,
	grade: 'B',
	confidence: 0.55,
	fields: null,
};

describe('proposedRoute', () => {
	it('keeps a route that is an answer, and turns review into the route its score gives', () => {
		expect(proposedRoute('nurture', 90, { nurture: 40 })).toBe('nurture');
		expect(proposedRoute('disqualified', 90, { nurture: 40 })).toBe('disqualified');
		expect(proposedRoute('review', 85, { nurture: 40 })).toBe('qualified');
		// The band between the thresholds: qualified, as the workflow treats a review lead (a quote a person approves).
		expect(proposedRoute('review', 60, { nurture: 40 })).toBe('qualified');
		expect(proposedRoute('review', 39, { nurture: 40 })).toBe('nurture');
	});
});

describe('leadReviewNote and readLeadProposal', () => {
	it('shows score, proposed route and escaped reasons, and carries the proposal', () => {
		const note = leadReviewNote(proposal, ['+20 authority: CEO <script>alert(1)</script>', '  ']);
		expect(note).toContain('the AI proposes the route <strong>qualified</strong>');
		expect(note).toContain('AI score 72/100, grade B, routed review, confidence 55 %');
		expect(note).toContain('set <em>Reviewed Route</em> on the Lead first, then close this ToDo');
		expect(note).toContain('<li>+20 authority: CEO &lt;script&gt;alert(1)&lt;/script&gt;</li>');
		expect(note).not.toContain('<script>');
		expect(readLeadProposal(note)).toEqual(proposal);
	});

	it('lists the values propose-only mode did not write, escaped', () => {
		const withFields = {
			...proposal,
			fields: { custom_ai_score: 72, custom_ai_reasons: '+5 need: <b>PLC</b>' },
		};
		const note = leadReviewNote(withFields, [], 'propose-only mode is on for this node');
		expect(note).toContain(
			'Propose-only mode (propose-only mode is on for this node): nothing was written to the Lead',
		);
		expect(note).toContain('<li>custom_ai_reasons: +5 need: &lt;b&gt;PLC&lt;/b&gt;</li>');
		expect(readLeadProposal(note)).toEqual(withFields);
	});

	it('a quote proposal is not a lead proposal, and a lead proposal is not a quote proposal', () => {
		const quoteNote = approvalNote(
			{
				v: 1,
				workflow: 'w',
				execution_id: '1',
				step: 'quote',
				lead_ref: null,
				deal_ref: null,
				quote_ref: 'Q',
				record: 'Q',
				proposed_at: '2026-12-07T09:00:00.000Z',
				amount: null,
				currency: null,
				confidence: null,
			},
			[],
		);
		expect(readLeadProposal(quoteNote)).toBeUndefined();
		expect(readProposal(leadReviewNote(proposal, []))).toBeUndefined();
		expect(readLeadProposal('no marker')).toBeUndefined();
		expect(readLeadProposal(undefined)).toBeUndefined();
	});
});

describe('leadDecision', () => {
	const closed = { status: 'Closed', modified_by: 'sales.manager@example.com' };
	it('open is pending; cancelled (assignment removed) is dismissed', () => {
		expect(leadDecision({ status: 'Open' }, '', proposal)).toEqual({ kind: 'pending' });
		expect(
			leadDecision({ status: 'Cancelled', modified_by: 'a@b.c' }, 'nurture', proposal),
		).toEqual({ kind: 'dismiss', override: true, decidedBy: 'a@b.c' });
	});
	it('closed with no Reviewed Route, or the proposed one, accepts the proposal', () => {
		expect(leadDecision(closed, '', proposal)).toEqual({
			kind: 'accept',
			route: 'qualified',
			override: false,
			decidedBy: 'sales.manager@example.com',
		});
		expect(leadDecision(closed, null, proposal)).toMatchObject({
			kind: 'accept',
			route: 'qualified',
		});
		expect(leadDecision(closed, 'qualified', proposal)).toMatchObject({
			kind: 'accept',
			override: false,
		});
		expect(leadDecision(closed, 'review', proposal)).toMatchObject({
			kind: 'accept',
			route: 'qualified',
		});
	});
	it('closed with another Reviewed Route overrides it', () => {
		expect(leadDecision(closed, ' nurture ', proposal)).toEqual({
			kind: 'override',
			route: 'nurture',
			override: true,
			decidedBy: 'sales.manager@example.com',
		});
	});
});

describe('leadDecisionEvent', () => {
	it('is a human desk decision in the qualification point, with latency, who and the override', () => {
		const decision = leadDecision(
			{ status: 'Closed', modified_by: 'sales.manager@example.com' },
			'nurture',
			proposal,
		);
		if (decision.kind === 'pending') throw new Error('unexpected');
		const event = leadDecisionEvent(decision, proposal, '2026-12-07T10:30:00.000Z');
		expect(event).toMatchObject({
			actor: 'human',
			channel: 'desk',
			execution_id: '4711',
			step: 'qualify',
			lead_ref: 'CRM-LEAD-2026-00042',
			decision: 'approve',
			outcome: 'approved_changed',
			decided_by: 'sales.manager@example.com',
			reason: 'route nurture instead of the proposed qualified',
			duration_ms: 90 * 60_000,
		});
		// Made from the record alone: the same record gives the same event id.
		expect(eventId(leadDecisionEvent(decision, proposal, '2026-12-07T10:30:00.000Z'))).toBe(
			eventId(event),
		);
		// The point is a human one: it does not count as autonomous.
		expect(
			autonomy([event], { from: '2026-12-07T00:00:00Z', to: '2026-12-08T00:00:00Z' }).overall,
		).toMatchObject({ decisions: 1, autonomous: 0 });
	});
	it('accept is approve/approved without a reason; dismiss is decline/dismissed', () => {
		const accept = leadDecision({ status: 'Closed' }, '', proposal);
		const dismiss = leadDecision({ status: 'Cancelled' }, '', proposal);
		if (accept.kind === 'pending' || dismiss.kind === 'pending') throw new Error('unexpected');
		expect(leadDecisionEvent(accept, proposal, '2026-12-07T09:00:05Z')).toMatchObject({
			decision: 'approve',
			outcome: 'approved',
			reason: null,
			decided_by: null,
			duration_ms: 5000,
		});
		expect(leadDecisionEvent(dismiss, proposal, '2026-12-07T09:00:05Z')).toMatchObject({
			decision: 'decline',
			outcome: 'dismissed',
		});
	});
});

// ADR 0048: what a lead review nobody decided falls back to, and its system event.
describe('leadTimeoutDecision and leadTimeoutEvent', () => {
	const policy = { remindAfterHours: 24, timeoutAfterHours: 72 };
	it.each([
		['dismiss', 'qualified', { kind: 'dismiss' }, 'dismissed', null],
		[
			'accept',
			'qualified',
			{ kind: 'accept', route: 'qualified' },
			'accepted',
			'route qualified by default',
		],
		[
			'accept',
			'disqualified',
			{ kind: 'accept', route: 'disqualified' },
			'accepted',
			'route disqualified by default',
		],
		// Nurture enrols the lead in an e-mail sequence: a default never starts it.
		[
			'accept',
			'nurture',
			{ kind: 'keep', reason: 'route nurture sends e-mail: not accepted without a person' },
			'waiting',
			'route nurture sends e-mail: not accepted without a person',
		],
		['keep', 'qualified', { kind: 'keep', reason: null }, 'waiting', null],
	] as const)('%s of a %s proposal', (fallback, next, decision, outcome, reason) => {
		const p = { ...proposal, next };
		expect(leadTimeoutDecision(p, fallback)).toEqual(decision);
		const event = leadTimeoutEvent(p, policy, leadTimeoutDecision(p, fallback));
		expect(event).toMatchObject({
			occurred_at: '2026-12-10T09:00:00.000Z',
			execution_id: '4711',
			step: 'qualify',
			actor: 'system',
			decision: 'timeout',
			outcome,
			lead_ref: 'CRM-LEAD-2026-00042',
			channel: 'desk',
			service: 'erpnext',
			duration_ms: 72 * 3_600_000,
			reason,
		});
		// Made from the proposal and the policy alone: two runs make the same event.
		expect(eventId(leadTimeoutEvent(p, policy, decision))).toBe(eventId(event));
	});

	it('is the same event for a Frappe CRM lead task, with its service (ADR 0048 addendum)', () => {
		const event = leadTimeoutEvent(proposal, policy, { kind: 'dismiss' }, 'frappe_crm');
		expect(event).toMatchObject({ outcome: 'dismissed', service: 'frappe_crm' });
		expect(eventId(event)).not.toBe(
			eventId(leadTimeoutEvent(proposal, policy, { kind: 'dismiss' })),
		);
	});
});

describe('leadTimeoutNotice', () => {
	it.each([
		[
			{ kind: 'dismiss' },
			'timed_out_dismissed',
			'Nobody reviewed this lead in 72 h: the review was dismissed by default and nothing was sent.',
			'dismissed by default after 72 h: nothing was done',
		],
		[
			{ kind: 'accept', route: 'disqualified' },
			'timed_out_accepted',
			'Nobody reviewed this lead in 72 h: the proposed route disqualified was accepted by default and nothing was sent.',
			'accepted by default after 72 h: route disqualified',
		],
		[
			{ kind: 'keep', reason: 'route nurture sends e-mail: not accepted without a person' },
			'timed_out_waiting',
			'Nobody reviewed this lead in 72 h: it keeps waiting (route nurture sends e-mail: not accepted without a person), nothing was sent.',
			null,
		],
		[
			{ kind: 'keep', reason: null },
			'timed_out_waiting',
			'Nobody reviewed this lead in 72 h: it keeps waiting, nothing was sent.',
			null,
		],
	] as const)('%o', (decision, status, text, words) => {
		expect(leadTimeoutNotice(decision, 72)).toEqual({ status, text, words });
	});
});

describe('held quote (ADR 0048)', () => {
	const quote = {
		v: 1 as const,
		workflow: 'Lead-to-Close: new ERPNext Lead to quote',
		execution_id: '4711',
		step: 'quote',
		lead_ref: 'CRM-LEAD-2026-00042',
		deal_ref: null,
		quote_ref: 'SAL-QTN-2026-00042',
		record: 'SAL-QTN-2026-00042',
		proposed_at: '2026-12-07T09:00:05.000Z',
		amount: 1_840_050,
		currency: 'EUR',
		confidence: 0.5,
	};
	it('rides on the lead review ToDo beside the lead proposal, escaped, and is released asked at the decision', () => {
		const held = holdQuote(quote, 'a<b>@example.com', [
			'wants <i>ACS580</i>',
			'  ',
			'x'.repeat(400),
		]);
		expect(held.reasons).toHaveLength(2);
		expect(held.reasons[0]).toBe('wants <i>ACS580</i>');
		const note = heldQuoteNote(held);
		expect(note).toContain('<strong>SAL-QTN-2026-00042</strong> (€18,400.50)');
		expect(note).toContain('assigned to a&lt;b&gt;@example.com for approval');
		const todo = `${leadReviewNote(proposal, ['r'])}\n${note}`;
		expect(readLeadProposal(todo)).toEqual(proposal);
		expect(readHeldQuote(todo)).toEqual(held);
		// Neither payload reads as a quote ToDo's proposal: the quote path never mistakes this ToDo.
		expect(readProposal(todo)).toBeUndefined();
		expect(readHeldQuote(leadReviewNote(proposal, ['r']))).toBeUndefined();
		expect(releasedProposal(held, '2026-12-08T10:00:00.000Z')).toEqual({
			...quote,
			proposed_at: '2026-12-08T10:00:00.000Z',
		});
	});
});
