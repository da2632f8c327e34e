// "Check Pending" on Frappe CRM (docs/decisions/0041), on a schedule: an open approval task (Backlog, Todo,
// In Progress) nobody decided reminds its assignee after Remind After hours (a comment on the deal, once,
// and an output item), then after Time Out After hours falls back to the default: Reject (the task is
// set to Canceled with the decided line, under its `modified` as the lock, so a Read Decision started by
// that change decides nothing; the deal's products stay as they are and nothing is sent) or Keep
// Waiting. Never "send". Each notice is one comment on the deal (its key: approval-notice marker).
import { type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { ErpNextClient } from '../../../connectors/erpnext';
import { CRM_TASK_REJECT } from '../../../core/approvals/crmApproval';
import {
	pendingStep,
	pendingTimeoutEvent,
	systemDeskEvent,
	waitedHours,
} from '../../../core/approvals/deskApproval';
import { approvalNoticeMarker } from '../../../core/markers';
import { EVENTS_KEY, type MetricEvent } from '../../../core/metrics';
import { escapeHtml } from '../../../core/outreach/template';
import { runItems } from '../../shared/itemRunner';
import { noteMadeEvents } from '../../shared/madeEvents';
import { toNodeError } from '../../shared/serviceErrors';
import { isLockLost } from '../decide';
import { TIMEOUT_FALLBACKS, pendingSettings } from '../pending';
import { CRM_DEAL, claimTask, openApprovalTasks } from './approvalTasks';

export async function checkCrmPending(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
	now: Date,
): Promise<INodeExecutionData[][]> {
	return await runItems(ctx, items.length, { concurrency: 1 }, async (i) => {
		const { policy, fallback } = pendingSettings(ctx, i);
		const out: INodeExecutionData[] = [];
		for (const task of await openApprovalTasks(client)) {
			const { proposal } = task;
			const step = pendingStep(proposal, now, policy);
			if (step === 'wait') continue;
			const deal = task.reference_docname;
			const assignee = task.assigned_to ?? '';
			const waited = waitedHours(proposal, now);
			const kind = step === 'remind' ? 'reminder' : 'timeout';
			const rejects = kind === 'timeout' && fallback === TIMEOUT_FALLBACKS.reject;
			const text =
				kind === 'reminder'
					? `Reminder for ${assignee}: the AI quote in task ${task.name} has waited ${waited} h for your review. Set the task to Done to approve it, or to Canceled to reject it.`
					: rejects
						? `Nobody reviewed the AI quote in task ${task.name} in ${policy.timeoutAfterHours} h: it was rejected by default and nothing was sent.`
						: `Nobody reviewed the AI quote in task ${task.name} in ${policy.timeoutAfterHours} h: it keeps waiting, nothing was sent.`;
			if (rejects) {
				try {
					await claimTask(
						client,
						task,
						escapeHtml(
							`Rejected by default after ${policy.timeoutAfterHours} h without a decision.`,
						),
						CRM_TASK_REJECT,
					);
				} catch (error) {
					// Decided or edited by someone meanwhile: nothing to fall back from in this run.
					if (isLockLost(error)) continue;
					throw toNodeError(ctx.getNode(), error, i);
				}
			}
			const comment = await client.addComment(CRM_DEAL, deal, `<p>${escapeHtml(text)}</p>`, {
				dedupeKey: approvalNoticeMarker(kind, task.name),
			});
			if (!comment.created && !rejects) continue;
			const event: MetricEvent =
				kind === 'timeout'
					? pendingTimeoutEvent(proposal, policy, fallback, 'frappe_crm')
					: systemDeskEvent(
							proposal,
							'reminded',
							{
								lead_ref: proposal.lead_ref,
								deal_ref: proposal.deal_ref,
								quote_ref: proposal.quote_ref,
								service: 'frappe_crm',
							},
							now,
						);
			noteMadeEvents(ctx, [event]);
			out.push({
				json: {
					approval: {
						status:
							kind === 'reminder'
								? 'reminded'
								: rejects
									? 'timed_out_rejected'
									: 'timed_out_waiting',
						deal,
						task: task.name,
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
