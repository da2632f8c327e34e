// "Request Approval": the quote stays a draft Quotation and its approver gets a ToDo on it, through
// frappe.desk.form.assign_to.add (the desk's own "Assign To"), whose description shows the AI's reasons
// and confidence escaped and carries the proposal (core/approvals/deskApproval.ts). The proposal is the
// hand-off event this execution made (decision `review` or `handoff`, ADR 0015): its decision point,
// time and amount, so the person's decision, read later by any execution, lands in the same point.
// An open approval ToDo on the Quotation is reused: a retried item assigns nobody twice. A quote whose
// Lead is under review in the desk waits on that review's ToDo (ADR 0048, lead/heldQuote.ts) instead of
// giving the same person a second ToDo; it is assigned when the lead is accepted as qualified.
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { ErpNextClient } from '../../connectors/erpnext';
import { approvalNote, systemDeskEvent, type Proposal } from '../../core/approvals/deskApproval';
import { holdQuote } from '../../core/approvals/heldQuote';
import { EVENTS_KEY, collectEvents, mergeEvents } from '../../core/metrics';
import { lastHandoff } from '../AutonomyMetrics/recordHumanDecision';
import { runItems } from '../shared/itemRunner';
import { madeInThisExecution, noteMadeEvents } from '../shared/madeEvents';
import { approvalTodos, assignForReview } from './approvalTodos';
import { holdOnLeadReview } from './lead/heldQuote';
import { confidenceOf, reasonList, requiredText } from './params';

export async function requestApprovals(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
	now: Date,
): Promise<INodeExecutionData[][]> {
	const made = madeInThisExecution(ctx);
	return await runItems(ctx, items.length, { concurrency: 1 }, async (i) => {
		const item = items[i];
		const quotation = requiredText(
			ctx,
			'quotation',
			i,
			'Quotation is empty: no draft to review',
			'Point it at the name of the draft Quotation, e.g. {{ $json.erpnext.quotation }}.',
		);
		const approver = requiredText(
			ctx,
			'approver',
			i,
			'Approver is empty: nobody to assign the review to',
		);
		const events = collectEvents(item.json);
		const handoff = lastHandoff(events, '', made);
		if (!handoff)
			throw new NodeOperationError(
				ctx.getNode(),
				'No hand-off event (decision "review" or "handoff") made in this execution is on the item',
				{
					itemIndex: i,
					description:
						'Place this node after the Quote Generator (or Lead Qualifier) output that routes to review.',
				},
			);
		const proposal: Proposal = {
			v: 1,
			workflow: handoff.workflow,
			execution_id: handoff.execution_id,
			step: handoff.step,
			lead_ref: handoff.lead_ref,
			deal_ref: handoff.deal_ref,
			quote_ref: handoff.quote_ref,
			record: quotation,
			proposed_at: handoff.occurred_at,
			amount: handoff.amount,
			currency: handoff.currency,
			confidence:
				confidenceOf(ctx, ctx.getNodeParameter('confidence', i, ''), i) ?? handoff.confidence,
		};
		const reasons = reasonList(ctx.getNodeParameter('reasons', i, ''));
		const refs = {
			lead_ref: handoff.lead_ref,
			deal_ref: handoff.deal_ref,
			quote_ref: handoff.quote_ref,
			service: 'erpnext',
		};
		const open = (await approvalTodos(client, quotation)).find((t) => t.status === 'Open');
		// ADR 0048: while the quote's Lead is under review, the quote waits on that review's ToDo.
		const held =
			!open && proposal.lead_ref && ctx.getNodeParameter('waitForLeadReview', i, true) === true
				? await holdOnLeadReview(
						ctx,
						client,
						proposal.lead_ref,
						holdQuote(proposal, approver, reasons),
						i,
					)
				: undefined;
		if (held) {
			const waiting = systemDeskEvent(handoff, 'approval_held', refs, now);
			noteMadeEvents(ctx, [waiting]);
			return {
				json: {
					...item.json,
					approval: {
						status: 'waiting_for_lead_review',
						quotation,
						assignedTo: null,
						todo: null,
						leadReview: held.todo.name,
						reused: held.reused,
					},
					[EVENTS_KEY]: mergeEvents(events, [waiting]),
				} as IDataObject,
				pairedItem: { item: i },
			};
		}
		let todo = open?.name;
		if (!open) {
			const description = approvalNote(proposal, reasons);
			todo = await assignForReview(client, 'Quotation', quotation, approver, description, 'High');
		}
		const assigned = systemDeskEvent(
			handoff,
			open ? 'approval_pending' : 'approval_requested',
			refs,
			now,
		);
		noteMadeEvents(ctx, [assigned]);
		return {
			json: {
				...item.json,
				approval: {
					status: 'pending',
					quotation,
					assignedTo: open?.allocated_to ?? approver,
					todo: todo ?? null,
					reused: Boolean(open),
				},
				[EVENTS_KEY]: mergeEvents(events, [assigned]),
			} as IDataObject,
			pairedItem: { item: i },
		};
	});
}
