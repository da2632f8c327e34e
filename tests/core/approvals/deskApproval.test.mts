// Desk approvals (issue 19): what the approver's ToDo says, how the proposal comes back from it, what a
// Quotation's state means, and the human event that answers the hand-off.
import { describe, expect, it } from 'vitest';

import {
	approvalNote,
	deskDecision,
	deskDecisionEvent,
	lostReason,
	pendingStep,
	pendingTimeoutEvent,
	readProposal,
	type Proposal,
	type QuotationState,
} from '../../../core/approvals/deskApproval.ts';
import { approvalMarker, findMarkers, markerKind } from '../../../core/markers.ts';
import { autonomy, eventId, makeEvent } from '../../../core/metrics/index.ts';

const proposal: Proposal = {
	v: 1,
	workflow: 'Lead-to-Close: new ERPNext Lead to quote',
	execution_id: '4711',
	step: 'quote',
	lead_ref: 'CRM-LEAD-2026-00042',
	deal_ref: null,
	quote_ref: 'SAL-QTN-2026-00007',
	record: 'SAL-QTN-2026-00007',
	proposed_at: '2026-12-07T09:00:00.000Z',
	amount: 1_840_000,
	currency: 'EUR',
	confidence: 0.62,
};

const submitted: QuotationState = {
	name: 'SAL-QTN-2026-00007',
	docstatus: 1,
	status: 'Open',
	modified: '2026-12-07 10:30:00.000000',
	modified_by: 'sales.manager@example.com',
	grand_total: 18400,
	currency: 'EUR',
};

describe('approvalNote / readProposal', () => {
	it('shows the reasons escaped and the confidence, and carries the proposal back', () => {
		const note = approvalNote(proposal, ['<img src=x onerror=alert(1)> asked for "50% off"', '  ', 'Line 2 not in the catalog']);
		expect(note).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(note).not.toContain('<img');
		expect(note).toContain('AI confidence: 62 %');
		expect(note).toContain('<li>Line 2 not in the catalog</li>');
		expect(note.match(/<li>/g)).toHaveLength(2);
		expect(readProposal(note)).toEqual(proposal);
		const [marker] = findMarkers(note, 'approval');
		expect(markerKind(marker)).toBe('approval');
	});

	it('says so when the lead itself was the reason', () => {
		expect(approvalNote({ ...proposal, confidence: null }, [])).toMatch(/confidence: not given[\s\S]*the lead itself was routed to review/);
	});

	it.each([
		['no marker', '<p>Please review</p>'],
		['not a string', 42],
		['a marker that is not JSON', `<p>${approvalMarker('not json')}</p>`],
		['a marker whose proposal was edited out of shape', `<p>${approvalMarker(JSON.stringify({ ...proposal, amount: 'lots' }))}</p>`],
		['a marker with an extra field', `<p>${approvalMarker(JSON.stringify({ ...proposal, send: true }))}</p>`],
	])('reads no proposal from %s', (_, description) => {
		expect(readProposal(description)).toBeUndefined();
	});

	it('refuses a proposal that does not fit before writing it', () => {
		expect(() => approvalNote({ ...proposal, confidence: 1.5 }, [])).toThrow();
	});
});

describe('deskDecision', () => {
	it.each<[string, QuotationState, Record<string, unknown>]>([
		['a draft is still pending', { ...submitted, docstatus: 0, status: 'Draft' }, { kind: 'pending' }],
		['submitted as proposed is approved', submitted, { kind: 'approve', outcome: 'approved', override: false, decidedBy: 'sales.manager@example.com', amount: 1_840_000, currency: 'EUR' }],
		['submitted with another total is approved with changes (an override)', { ...submitted, grand_total: '17480.00' }, { kind: 'approve', outcome: 'approved_changed', override: true, amount: 1_748_000 }],
		['ordered later still reads as approved', { ...submitted, status: 'Ordered' }, { kind: 'approve', outcome: 'approved' }],
		['cancelled is rejected, no reason given', { ...submitted, docstatus: 2, status: 'Cancelled' }, { kind: 'reject', outcome: 'cancelled', override: true, reason: null }],
		[
			'declared lost is rejected with its reasons',
			{ ...submitted, status: 'Lost', lost_reasons: [{ lost_reason: 'Price too high' }, { lost_reason: 'Competitor' }], order_lost_reason: 'Went with Acme at -8 %' },
			{ kind: 'reject', outcome: 'lost', reason: 'Price too high, Competitor: Went with Acme at -8 %', decidedBy: 'sales.manager@example.com' },
		],
	])('%s', (_, quotation, expected) => {
		expect(deskDecision(quotation, proposal)).toMatchObject(expected);
	});

	it.each<[QuotationState['lost_reasons'], string | null, string | null]>([
		[[], null, null],
		[null, 'Budget frozen', 'Budget frozen'],
		[[{ lost_reason: ' ' }, { lost_reason: null }, { lost_reason: 'Timing' }], '', 'Timing'],
	])('lost reasons %j with detail %j read as %j', (reasons, detail, expected) => {
		expect(lostReason({ ...submitted, status: 'Lost', lost_reasons: reasons, order_lost_reason: detail })).toBe(expected);
	});
});

describe('deskDecisionEvent', () => {
	const handoff = makeEvent(
		{ workflow: proposal.workflow, execution_id: '4711', step: 'quote', actor: 'system', decision: 'review', outcome: 'drafted', lead_ref: proposal.lead_ref, quote_ref: proposal.quote_ref, amount: 1_840_000, currency: 'EUR', occurred_at: proposal.proposed_at },
		proposal.proposed_at,
	);

	it('an approval is a human event in the hand-off decision point, with who and the latency', () => {
		const decision = deskDecision(submitted, proposal);
		if (decision.kind === 'pending') throw new Error('unexpected');
		const event = deskDecisionEvent(decision, proposal, '2026-12-07T10:30:00Z');
		expect(event).toMatchObject({
			actor: 'human',
			decision: 'approve',
			outcome: 'approved',
			channel: 'desk',
			execution_id: '4711',
			step: 'quote',
			quote_ref: 'SAL-QTN-2026-00007',
			lead_ref: 'CRM-LEAD-2026-00042',
			decided_by: 'sales.manager@example.com',
			reason: null,
			duration_ms: 90 * 60_000,
			amount: 1_840_000,
			currency: 'EUR',
		});
		// One decision point with the review: not autonomous, counted as a human decision.
		const report = autonomy([handoff, event], { from: '2026-12-07T00:00:00Z', to: '2026-12-08T00:00:00Z' });
		expect(report.overall).toMatchObject({ decisions: 1, autonomous: 0 });
		// Read again (a replayed delivery, another process): the same event, stored once.
		expect(eventId(deskDecisionEvent(decision, proposal, '2026-12-07T11:30:00+01:00'))).toBe(eventId(event));
	});

	it('a rejection keeps the reason, and a decision before the proposal has no latency', () => {
		const decision = deskDecision({ ...submitted, status: 'Lost', lost_reasons: [{ lost_reason: 'Price too high' }] }, proposal);
		if (decision.kind === 'pending') throw new Error('unexpected');
		expect(deskDecisionEvent(decision, proposal, '2026-12-07T08:00:00Z')).toMatchObject({ decision: 'decline', outcome: 'lost', reason: 'Price too high', duration_ms: null });
	});
});

describe('pendingStep / pendingTimeoutEvent', () => {
	const policy = { remindAfterHours: 24, timeoutAfterHours: 72 };
	it.each([
		['2026-12-07T20:00:00Z', 'wait'],
		['2026-12-08T09:00:00Z', 'remind'],
		['2026-12-10T08:59:59Z', 'remind'],
		['2026-12-10T09:00:00Z', 'timeout'],
	] as const)('at %s: %s', (now, expected) => {
		expect(pendingStep(proposal, now, policy)).toBe(expected);
	});

	it('0 hours means never', () => {
		expect(pendingStep(proposal, '2027-12-07T09:00:00Z', { remindAfterHours: 0, timeoutAfterHours: 0 })).toBe('wait');
	});

	it('a timeout is a system decision at the limit, in the hand-off point, and never a send', () => {
		const event = pendingTimeoutEvent(proposal, policy, 'reject');
		expect(event).toMatchObject({ actor: 'system', decision: 'timeout', outcome: 'rejected', occurred_at: '2026-12-10T09:00:00.000Z', execution_id: '4711', step: 'quote', quote_ref: 'SAL-QTN-2026-00007', duration_ms: 72 * 3_600_000 });
		expect(eventId(pendingTimeoutEvent(proposal, policy, 'reject'))).toBe(eventId(event));
		expect(pendingTimeoutEvent(proposal, policy, 'keep').outcome).toBe('waiting');
	});
});
