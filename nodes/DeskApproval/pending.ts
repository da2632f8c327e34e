// "Check Pending", on a schedule: an approval nobody decided reminds its assignee after Remind After
// hours (a comment on the Quotation, once, and an output item the workflow can e-mail), then after Time
// Out After hours falls back to the configured default: Reject (the ToDo is cancelled, the Quotation
// stays a draft, nothing is sent) or Keep Waiting. Never "send". Each notice is written once: its
// comment carries an approval-notice marker (core/markers.ts) that the next run finds, and a rejection
// closes the ToDo under the same optimistic lock as a desk decision (approvalTodos.ts).
import { type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { ErpNextError, type ErpNextClient } from '../../connectors/erpnext';
import {
	pendingStep,
	pendingTimeoutEvent,
	systemDeskEvent,
	waitedHours,
	readProposal,
	type PendingPolicy,
} from '../../core/approvals/deskApproval';
import { approvalNoticeMarker } from '../../core/markers';
import { EVENTS_KEY, type MetricEvent } from '../../core/metrics';
import { escapeHtml } from '../../core/outreach/template';
import { runItems } from '../shared/itemRunner';
import { noteMadeEvents } from '../shared/madeEvents';
import { toNodeError } from '../shared/serviceErrors';
import { hours } from './params';

export const TIMEOUT_FALLBACKS = { reject: 'reject', keep: 'keep' } as const;
type Fallback = (typeof TIMEOUT_FALLBACKS)[keyof typeof TIMEOUT_FALLBACKS];

/** Check Pending's Remind After, Time Out After and On Timeout for one item. */
export function pendingSettings(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { policy: PendingPolicy; fallback: Fallback } {
	return {
		policy: {
			remindAfterHours: hours(ctx, 'remindAfterHours', 'Remind After', itemIndex),
			timeoutAfterHours: hours(ctx, 'timeoutAfterHours', 'Time Out After', itemIndex),
		},
		fallback: ctx.getNodeParameter('onTimeout', itemIndex, TIMEOUT_FALLBACKS.reject) as Fallback,
	};
}

export async function checkPending(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
	now: Date,
): Promise<INodeExecutionData[][]> {
	return await runItems(ctx, items.length, { concurrency: 1 }, async (i) => {
		const { policy, fallback } = pendingSettings(ctx, i);
		const todos = await client.listAll('ToDo', {
			fields: ['name', 'status', 'modified', 'allocated_to', 'reference_name', 'description'],
			filters: [
				['reference_type', '=', 'Quotation'],
				['status', '=', 'Open'],
				['description', 'like', '%[ltc-approval %'],
			],
			orderBy: 'creation asc, name asc',
		});
		const out: INodeExecutionData[] = [];
		for (const todo of todos) {
			const proposal = readProposal(todo.description);
			const quotation = String(todo.reference_name ?? '');
			if (!proposal || proposal.record !== quotation) continue;
			const step = pendingStep(proposal, now, policy);
			if (step === 'wait') continue;
			// Submitted or cancelled: the decision is being read (grace period), not pending.
			const q = await client.get('Quotation', quotation);
			if (Number(q.docstatus ?? 0) !== 0) continue;
			const assignee = typeof todo.allocated_to === 'string' ? todo.allocated_to : '';
			const waited = waitedHours(proposal, now);
			const text =
				step === 'remind'
					? `Reminder for ${escapeHtml(assignee)}: this quotation has waited ${waited} h for your review. Submit it to approve and send it; cancel it or declare it lost to reject it.`
					: fallback === TIMEOUT_FALLBACKS.reject
						? `Nobody reviewed this quotation in ${policy.timeoutAfterHours} h: it was rejected by default and nothing was sent.`
						: `Nobody reviewed this quotation in ${policy.timeoutAfterHours} h: it keeps waiting, nothing was sent.`;
			const kind = step === 'remind' ? 'reminder' : 'timeout';
			if (step === 'timeout' && fallback === TIMEOUT_FALLBACKS.reject) {
				try {
					await client.update(
						'ToDo',
						String(todo.name),
						{ status: 'Cancelled' },
						{ modified: String(todo.modified) },
					);
				} catch (error) {
					// Decided or closed by someone else meanwhile: nothing to fall back from.
					if (error instanceof ErpNextError && error.status === 417) continue;
					throw toNodeError(ctx.getNode(), error, i);
				}
			}
			const comment = await client.addComment('Quotation', quotation, `<p>${text}</p>`, {
				dedupeKey: approvalNoticeMarker(kind, String(todo.name)),
			});
			if (!comment.created && kind === 'reminder') continue;
			const event: MetricEvent =
				kind === 'timeout'
					? pendingTimeoutEvent(proposal, policy, fallback)
					: systemDeskEvent(
							proposal,
							'reminded',
							{
								lead_ref: proposal.lead_ref,
								deal_ref: proposal.deal_ref,
								quote_ref: proposal.quote_ref,
								service: 'erpnext',
							},
							now,
						);
			if (kind === 'timeout' && !comment.created && fallback === TIMEOUT_FALLBACKS.keep) continue;
			noteMadeEvents(ctx, [event]);
			out.push({
				json: {
					approval: {
						status:
							kind === 'reminder'
								? 'reminded'
								: fallback === 'reject'
									? 'timed_out_rejected'
									: 'timed_out_waiting',
						quotation,
						todo: String(todo.name),
						assignedTo: assignee || null,
						waitedHours: waited,
					},
					[EVENTS_KEY]: [event],
				} as unknown as IDataObject,
				pairedItem: { item: i },
			});
		}
		return out;
	});
}
