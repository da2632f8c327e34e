// Desk approvals in Frappe CRM (issue 19, ADR 0041): what the approver's CRM Task says, how the proposal
// comes back from it, what its status means, where a rejection's reason comes from, and the human event.
import { describe, expect, it } from 'vitest';

import {
	commentText,
	crmApprovalNote,
	crmApprovalTitle,
	crmTaskDecision,
	htmlLines,
	readCrmProposal,
	reviewerText,
	type CrmProposal,
} from '../../../core/approvals/crmApproval.ts';
import {
	deskDecisionEvent,
	readProposal,
	shownReasons,
} from '../../../core/approvals/deskApproval.ts';
import { approvalMarker, approvalNoticeMarker, markerKind } from '../../../core/markers.ts';
import { eventId } from '../../../core/metrics/index.ts';

const proposal: CrmProposal = {
	v: 1,
	kind: 'crm_deal_quote',
	workflow: 'Frappe CRM: lead to close',
	execution_id: '77',
	step: 'quote',
	lead_ref: null,
	deal_ref: 'CRM-DEAL-2026-00041',
	quote_ref: null,
	record: 'CRM-DEAL-2026-00041',
	proposed_at: '2026-12-07T09:00:00.000Z',
	amount: 1_240_000,
	currency: 'EUR',
	confidence: 0.62,
	key: 'ltc-quote-0123456789abcdef01234567',
	quote: {
		lines: [
			{
				sku: 'ACS580-7.5',
				name: 'ABB ACS580 <7.5 kW>',
				qty: 3,
				uom: 'Nos',
				unit_price: 200_000,
				discount_pct: 0,
				amount: 600_000,
				currency: 'EUR',
			},
			{
				sku: 'SVC-H',
				name: 'Commissioning hour',
				qty: 16,
				uom: 'Hour',
				unit_price: 40_000,
				discount_pct: 0,
				amount: 640_000,
				currency: 'EUR',
			},
		],
		subtotal: 1_240_000,
		discount_total: 0,
		total: 1_240_000,
		currency: 'EUR',
	},
	reasons: shownReasons(['<script>x</script> "ACS580 or ACS880"', '', 'Price break unclear']),
};

describe('the CRM Task of an approval', () => {
	it('shows reasons, lines and confidence escaped, and carries the proposal back', () => {
		const note = crmApprovalNote(proposal);
		expect(note).toContain('&lt;script&gt;x&lt;/script&gt;');
		expect(note).toContain('ABB ACS580 &lt;7.5 kW&gt;');
		expect(note).not.toMatch(/<script>|<7\.5/);
		expect(note).toContain('AI confidence: 62 %');
		expect(note).toContain('Total: €12,400.00');
		expect(readCrmProposal(note)).toEqual(proposal);
		// An ERPNext ToDo reader refuses it (its schema is strict), and a Frappe CRM reader an ERPNext proposal.
		expect(readProposal(note)).toBeUndefined();
		const { kind: _k, key: _key, quote: _q, reasons: _r, ...erp } = proposal;
		expect(readCrmProposal(`<p>${approvalMarker(JSON.stringify(erp))}</p>`)).toBeUndefined();
		expect(readCrmProposal(`${note}<p>[ltc-approval bm90LWpzb24]</p>`)).toEqual(proposal);
	});

	it('marks a line quoted with low certainty (ADR 0049), and only that one', () => {
		const [first, second] = proposal.quote.lines;
		const flagged: CrmProposal = {
			...proposal,
			quote: {
				...proposal.quote,
				lines: [
					{ ...first, certain: true },
					{ ...second, certain: false },
				],
			},
		};
		const note = crmApprovalNote(flagged);
		expect(note).toContain(
			'<li>LOW CERTAINTY, confirm or replace: 16 Hour × Commissioning hour (SVC-H)',
		);
		expect(note).toContain('<li>3 Nos × ABB ACS580 &lt;7.5 kW&gt; (ACS580-7.5)');
		expect(readCrmProposal(note)).toEqual(flagged);
		expect(crmApprovalNote(proposal)).not.toContain('LOW CERTAINTY');
	});

	it('a title within 140 characters that holds no lead text', () => {
		expect(crmApprovalTitle(proposal)).toBe(
			'Approve AI quote for CRM-DEAL-2026-00041 (€12,400.00)',
		);
		expect(crmApprovalTitle({ ...proposal, record: 'D'.repeat(140) }).length).toBe(140);
	});

	it('refuses a proposal without lines', () => {
		expect(() =>
			crmApprovalNote({ ...proposal, quote: { ...proposal.quote, lines: [] } }),
		).toThrow();
	});
});

describe('the decision in a CRM Task', () => {
	const note = crmApprovalNote(proposal);
	it('open statuses are pending; Done approves the proposed amount; Canceled rejects', () => {
		for (const status of ['Backlog', 'Todo', 'In Progress'])
			expect(crmTaskDecision({ status, description: note }, proposal)).toEqual({ kind: 'pending' });
		expect(
			crmTaskDecision({ status: 'Done', modified_by: 'a@x.example', description: note }, proposal),
		).toEqual({
			kind: 'approve',
			outcome: 'approved',
			override: false,
			decidedBy: 'a@x.example',
			amount: 1_240_000,
			currency: 'EUR',
		});
		expect(
			crmTaskDecision(
				{ status: 'Canceled', modified_by: 'a@x.example', description: note },
				proposal,
				'from a comment',
			),
		).toMatchObject({
			kind: 'reject',
			outcome: 'cancelled',
			override: true,
			reason: 'from a comment',
		});
	});

	it("the reason is the reviewer's own text in the description, wherever the editor put it", () => {
		// A rich-text editor rewraps list items in paragraphs and may add the text anywhere.
		const edited = note
			.replace(/<li>/g, '<li><p>')
			.replace(/<\/li>/g, '</p></li>')
			.replace(
				'<p>AI confidence',
				'<p>Reason: the buyer wants ACS880 &amp; a visit</p><p>AI confidence',
			);
		expect(reviewerText(edited, proposal)).toBe('the buyer wants ACS880 & a visit');
		expect(reviewerText(note, proposal)).toBeNull();
		expect(
			crmTaskDecision({ status: 'Canceled', description: edited }, proposal, 'comment'),
		).toMatchObject({ reason: 'the buyer wants ACS880 & a visit', decidedBy: null });
		expect(reviewerText(`${note}<p>${'y'.repeat(900)}</p>`, proposal)).toHaveLength(500);
	});

	it('reads a comment as one line without our markers', () => {
		expect(commentText('<p>[ltc-approval-reminder-12]</p><p>Reason: too cheap</p>')).toBe(
			'too cheap',
		);
		expect(commentText('<p>[key]</p>')).toBeNull();
		expect(htmlLines('<p>a&nbsp;b</p><ul><li>c<br>d</li></ul>')).toEqual(['a b', 'c', 'd']);
	});

	it('the human event is in the hand-off decision point, from Frappe CRM, with who, why and how long', () => {
		const decision = crmTaskDecision(
			{ status: 'Canceled', modified_by: 'a@x.example', description: note },
			proposal,
			'too cheap',
		);
		if (decision.kind === 'pending') throw new Error('decided');
		const event = deskDecisionEvent(decision, proposal, '2026-12-07T11:30:00Z', 'frappe_crm');
		expect(event).toMatchObject({
			actor: 'human',
			decision: 'decline',
			outcome: 'cancelled',
			channel: 'desk',
			service: 'frappe_crm',
			execution_id: '77',
			step: 'quote',
			deal_ref: 'CRM-DEAL-2026-00041',
			decided_by: 'a@x.example',
			reason: 'too cheap',
			duration_ms: 9_000_000,
		});
		expect(
			eventId(deskDecisionEvent(decision, proposal, '2026-12-07T11:30:00Z', 'frappe_crm')),
		).toBe(eventId(event));
		expect(eventId(deskDecisionEvent(decision, proposal, '2026-12-07T11:30:00Z'))).not.toBe(
			eventId(event),
		);
	});

	it('the decided marker is one of ours', () => {
		expect(approvalNoticeMarker('decided', '12')).toBe('ltc-approval-decided-12');
		expect(markerKind('ltc-approval-decided-12')).toBe('approvalNotice');
	});
});
