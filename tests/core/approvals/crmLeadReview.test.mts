// Leads reviewed in Frappe CRM (ADR 0047): what the review task says, how its proposal comes back (and a
// quote task's does not), and what a task's status and the lead's Reviewed Route mean.
import { describe, expect, it } from 'vitest';

import { readCrmProposal } from '../../../core/approvals/crmApproval.ts';
import {
	crmLeadDecision,
	crmLeadDecisionEvent,
	crmLeadReviewNote,
	crmLeadReviewTitle,
	readCrmLeadProposal,
	type CrmLeadProposal,
} from '../../../core/approvals/crmLeadReview.ts';
import { readLeadProposal } from '../../../core/approvals/leadDecision.ts';
import { leadReviewTaskKey } from '../../../core/markers.ts';

const proposal: CrmLeadProposal = {
	v: 1,
	kind: 'crm_lead',
	key: leadReviewTaskKey('CRM-LEAD-2026-00042', 1),
	workflow: 'Lead-to-Close (Frappe CRM)',
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

describe('crmLeadReviewNote, crmLeadReviewTitle and readCrmLeadProposal', () => {
	it('says how to decide in Frappe CRM, escapes the reasons and carries the proposal', () => {
		const note = crmLeadReviewNote(proposal, ['+20 authority: CEO <script>alert(1)</script>']);
		expect(note).toContain('the AI proposes the route <strong>qualified</strong>');
		expect(note).toContain(
			'To accept it, set this task to Done. To choose another route (nurture or disqualified)',
		);
		expect(note).toContain('set this task to Canceled');
		expect(note).toContain('<li>+20 authority: CEO &lt;script&gt;alert(1)&lt;/script&gt;</li>');
		expect(note).not.toContain('<script>');
		expect(readCrmLeadProposal(note)).toEqual(proposal);
		// The ERPNext lead review and the quote task read no CRM lead proposal, and the other way round.
		expect(readLeadProposal(note)).toBeUndefined();
		expect(readCrmProposal(note)).toBeUndefined();
	});

	it('puts no lead text in the title (Frappe CRM renders it unescaped in notifications)', () => {
		expect(crmLeadReviewTitle(proposal)).toBe(
			'Review AI route for CRM-LEAD-2026-00042: qualified (score 72)',
		);
		expect(crmLeadReviewTitle({ ...proposal, lead_ref: '<img src=x onerror=alert(1)>' })).toBe(
			'Review AI route for a lead: qualified (score 72)',
		);
	});

	it('refuses a proposal without its key or of another kind', () => {
		const { key: _key, ...keyless } = proposal;
		expect(() => crmLeadReviewNote(keyless as CrmLeadProposal, [])).toThrow();
		expect(() => crmLeadReviewNote({ ...proposal, kind: 'lead' } as never, [])).toThrow();
	});
});

describe('crmLeadDecision and crmLeadDecisionEvent', () => {
	it.each([
		['Backlog', '', { kind: 'pending' }],
		['Todo', 'nurture', { kind: 'pending' }],
		['In Progress', '', { kind: 'pending' }],
		['Done', '', { kind: 'accept', route: 'qualified', override: false }],
		['Done', 'qualified', { kind: 'accept', route: 'qualified', override: false }],
		['Done', 'nurture', { kind: 'override', route: 'nurture', override: true }],
		['Done', 'review', { kind: 'accept', route: 'qualified' }],
		['Canceled', 'nurture', { kind: 'dismiss', override: true }],
	])('%s with Reviewed Route %j', (status, reviewed, expected) => {
		expect(crmLeadDecision({ status, modified_by: 'a@b.c' }, reviewed, proposal)).toMatchObject(
			expected,
		);
	});

	it('is a human desk event of frappe_crm in the qualification point, the same when read twice', () => {
		const decision = crmLeadDecision(
			{ status: 'Done', modified_by: 'anna@example.com' },
			'nurture',
			proposal,
		);
		if (decision.kind === 'pending') throw new Error('decided');
		const event = crmLeadDecisionEvent(decision, proposal, '2026-12-07T10:30:00.000Z');
		expect(event).toMatchObject({
			actor: 'human',
			channel: 'desk',
			service: 'frappe_crm',
			decision: 'approve',
			outcome: 'approved_changed',
			execution_id: '4711',
			step: 'qualify',
			lead_ref: 'CRM-LEAD-2026-00042',
			decided_by: 'anna@example.com',
			reason: 'route nurture instead of the proposed qualified',
			duration_ms: 5_400_000,
		});
		expect(crmLeadDecisionEvent(decision, proposal, '2026-12-07T10:30:00.000Z')).toEqual(event);
	});
});
