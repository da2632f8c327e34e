// A quote approval that waits for its lead's review (ADR 0048). A lead routed to review that also gets a
// draft Quotation used to give the same person two ToDos at once: "review this lead" and "approve this
// quote". In the ERPNext desk the questions come in order: the quote only matters once the lead is
// accepted as qualified. So Request Approval, finding an open lead review on the quote's Lead, does not
// assign the quote: it appends the quote's approval request to the lead review ToDo (a line for the
// reviewer and a `held_quote` payload in an approval marker, core/markers.ts). When the lead is
// accepted or overridden as qualified (by the reviewer, or by Check Pending's default), the quote
// approval is assigned then, asked at that instant; any other decision leaves the draft unassigned and
// unsent. Pure: no I/O, no clock.
import { z } from 'zod/v4';

import { approvalMarker } from '../markers';
import { displayMinorUnits } from '../money';
import { escapeHtml } from '../html';
import { ProposalSchema, readMarkedProposal, shownReasons, type Proposal } from './deskApproval';

export const HeldQuoteSchema = z
	.object({
		v: z.literal(1),
		kind: z.literal('held_quote'),
		/** Who approves the quote once it is released (Request Approval's Approver). */
		approver: z.string().min(1).max(140),
		/** The quote's reasons for review, as the quote ToDo will show them. */
		reasons: z.array(z.string().max(300)).max(20),
		/** The quote approval as Request Approval made it; `proposed_at` is replaced on release. */
		proposal: ProposalSchema,
	})
	.strict();
export type HeldQuote = z.infer<typeof HeldQuoteSchema>;

/** The held quote's payload for `approver` with the reasons as the quote ToDo shows them. */
export function holdQuote(
	proposal: Proposal,
	approver: string,
	reasons: readonly unknown[],
): HeldQuote {
	return HeldQuoteSchema.parse({
		v: 1,
		kind: 'held_quote',
		approver,
		reasons: shownReasons(reasons),
		proposal,
	});
}

/** The line appended to the lead review ToDo: what waits and when it goes on; the marker last. */
export function heldQuoteNote(held: HeldQuote): string {
	const h = HeldQuoteSchema.parse(held);
	const { record, amount, currency } = h.proposal;
	const total =
		amount !== null && currency !== null ? ` (${displayMinorUnits(amount, currency)})` : '';
	return [
		`<p>A draft quotation <strong>${escapeHtml(record)}</strong>${total} was prepared for this lead. It is assigned to ${escapeHtml(h.approver)} for approval only if you accept the lead as <strong>qualified</strong>; otherwise it stays a draft and nothing is sent.</p>`,
		`<p>${approvalMarker(JSON.stringify(h))}</p>`,
	].join('\n');
}

/** The quote held on a lead review ToDo (the last one written), or undefined when none is. */
export function readHeldQuote(description: unknown): HeldQuote | undefined {
	return readMarkedProposal(description, HeldQuoteSchema);
}

/**
 * The quote approval to assign when the lead is accepted as qualified at `at` (the decision's instant,
 * from the record, so every run that releases it asks the same question): the person is asked then,
 * so reminders and the approval's duration count from the release, not from the quote's draft.
 */
export function releasedProposal(held: HeldQuote, at: string): Proposal {
	return ProposalSchema.parse({ ...held.proposal, proposed_at: at });
}
