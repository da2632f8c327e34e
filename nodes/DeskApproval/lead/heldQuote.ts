// A quote approval held on a lead review ToDo (ADR 0048, core/approvals/heldQuote.ts): Request Approval
// holds it there while the lead is under review, and the lead's decision (Read Lead Decision, or Check
// Pending's default) releases it when the lead is accepted as qualified. Both writes are safe to repeat:
// the hold appends the payload under the ToDo's `modified` and not at all when it is there, and the
// release reuses an open approval ToDo on the Quotation, so a retried or concurrent run assigns nobody
// twice.
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ErpNextClient } from '../../../connectors/erpnext';
import { approvalNote, systemDeskEvent } from '../../../core/approvals/deskApproval';
import {
	heldQuoteNote,
	readHeldQuote,
	releasedProposal,
	type HeldQuote,
} from '../../../core/approvals/heldQuote';
import type { MetricEvent } from '../../../core/metrics';
import { toNodeError } from '../../shared/serviceErrors';
import { approvalTodos, assignForReview } from '../approvalTodos';
import { isLockLost } from '../decide';
import { leadReviewTodos, type LeadReviewTodo } from './leadTodos';

const HOLD_ATTEMPTS = 3;

/**
 * Holds `held` on the open, undecided lead review of `lead`: the review ToDo, or undefined when the
 * lead has none (the quote is then assigned at once). A lost lock (the reviewer saved the ToDo
 * meanwhile) reads the reviews again.
 */
export async function holdOnLeadReview(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	lead: string,
	held: HeldQuote,
	itemIndex: number,
): Promise<{ todo: LeadReviewTodo; reused: boolean } | undefined> {
	for (let attempt = 1; ; attempt++) {
		const review = (await leadReviewTodos(client, lead)).find(
			(t) => t.status === 'Open' && !t.done,
		);
		if (!review) return undefined;
		if (readHeldQuote(review.description)?.proposal.record === held.proposal.record)
			return { todo: review, reused: true };
		try {
			await client.update(
				'ToDo',
				review.name,
				{ description: `${review.description}\n${heldQuoteNote(held)}` },
				{ modified: review.modified },
			);
			return { todo: review, reused: false };
		} catch (error) {
			if (!isLockLost(error) || attempt >= HOLD_ATTEMPTS)
				throw toNodeError(ctx.getNode(), error, itemIndex);
		}
	}
}

export interface ReleasedQuote {
	quotation: string;
	status: 'requested' | 'reused' | 'not_a_draft';
	todo: string | null;
	assignedTo: string;
	events: MetricEvent[];
}

/**
 * Assigns the quote held on a lead review ToDo for approval, asked at `at` (the lead decision's instant,
 * from the record): reuses an open approval ToDo on the Quotation; leaves a Quotation that is no longer a draft
 * alone (a person already submitted or cancelled it). Undefined when the ToDo holds no quote.
 */
export async function releaseHeldQuote(
	client: ErpNextClient,
	review: Pick<LeadReviewTodo, 'description'>,
	at: Date,
): Promise<ReleasedQuote | undefined> {
	const held = readHeldQuote(review.description);
	if (!held) return undefined;
	const proposal = releasedProposal(held, at.toISOString());
	const quotation = proposal.record;
	const base = { quotation, assignedTo: held.approver };
	const draft = await client.get('Quotation', quotation);
	if (Number(draft.docstatus ?? 0) !== 0)
		return { ...base, status: 'not_a_draft', todo: null, events: [] };
	const open = (await approvalTodos(client, quotation)).find((t) => t.status === 'Open');
	if (open) return { ...base, status: 'reused', todo: open.name, events: [] };
	const todo = await assignForReview(
		client,
		'Quotation',
		quotation,
		held.approver,
		approvalNote(proposal, held.reasons),
		'High',
	);
	const requested = systemDeskEvent(
		proposal,
		'approval_requested',
		{
			lead_ref: proposal.lead_ref,
			deal_ref: proposal.deal_ref,
			quote_ref: proposal.quote_ref,
			service: 'erpnext',
		},
		at,
	);
	return { ...base, status: 'requested', todo: todo ?? null, events: [requested] };
}
