// "Check Pending" on Frappe CRM (ADR 0041, ADR 0048), on a schedule: the same loop as ERPNext's
// (../pending.ts `remindAndTimeOut`: one reminder comment, then the default at the time limit, each
// notice once by its approval-notice marker), over Frappe CRM's requests, open CRM Tasks (Backlog, Todo,
// In Progress) the workflow has not decided:
// - quote approval tasks on a CRM Deal (below): the reminder is a comment on the deal; at the limit
//   Reject (the task set to Canceled with the decided line, under its `modified` as the lock, so the
//   Read Decision that change starts decides nothing; the deal's products stay as they are) or Keep
//   Waiting;
// - lead review tasks on a CRM Lead (leadPending.ts), with On Lead Review Timeout;
// - the Deal Monitor's deal-risk tasks on a CRM Deal (../deal/pending.ts, ERPNext's source for both
//   systems), with On Deal Action Timeout.
// Never "send".
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ErpNextClient } from '../../../connectors/erpnext';
import { CRM_TASK_REJECT } from '../../../core/approvals/crmApproval';
import { pendingTimeoutEvent } from '../../../core/approvals/deskApproval';
import { escapeHtml } from '../../../core/html';
import {
	PENDING_KINDS,
	TIMEOUT_FALLBACKS,
	checkPendingSources,
	type Fallback,
	type PendingRequest,
	type PendingSource,
} from '../pending';
import { dealRiskSource } from '../deal/pending';
import { CRM_DEAL, claimTask, openApprovalTasks } from './approvalTasks';
import { crmLeadReviewSource } from './leadPending';

/** Quote approval tasks on CRM Deals (ADR 0041). */
function crmQuoteApprovalSource(client: ErpNextClient, fallback: Fallback): PendingSource {
	return {
		async open() {
			return (await openApprovalTasks(client)).map((task): PendingRequest => {
				const { proposal } = task;
				const deal = task.reference_docname;
				const assignee = task.assigned_to;
				return {
					id: task.name,
					point: proposal,
					refs: {
						lead_ref: proposal.lead_ref,
						deal_ref: proposal.deal_ref,
						quote_ref: proposal.quote_ref,
					},
					service: 'frappe_crm',
					record: { doctype: CRM_DEAL, name: deal },
					assignee,
					summary: { deal, task: task.name },
					reminder: (waited) =>
						`Reminder for ${assignee ?? ''}: the AI quote in task ${task.name} has waited ${waited} h for your review. Set the task to Done to approve it, or to Canceled to reject it.`,
					async timeout(policy) {
						const event = pendingTimeoutEvent(proposal, policy, fallback, 'frappe_crm');
						const limit = `${policy.timeoutAfterHours} h`;
						if (fallback === TIMEOUT_FALLBACKS.keep)
							return {
								status: 'timed_out_waiting',
								closed: false,
								text: `Nobody reviewed the AI quote in task ${task.name} in ${limit}: it keeps waiting, nothing was sent.`,
								events: [event],
							};
						// A lost lock (someone decided meanwhile) is the runner's "nothing to fall back from".
						await claimTask(
							client,
							task,
							escapeHtml(`Rejected by default after ${limit} without a decision.`),
							CRM_TASK_REJECT,
						);
						return {
							status: 'timed_out_rejected',
							closed: true,
							text: `Nobody reviewed the AI quote in task ${task.name} in ${limit}: it was rejected by default and nothing was sent.`,
							events: [event],
						};
					},
				};
			});
		},
	};
}

export async function checkCrmPending(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
	now: Date,
): Promise<INodeExecutionData[][]> {
	return await checkPendingSources(ctx, client, items, now, (settings, i) => ({
		[PENDING_KINDS.quote]: () => crmQuoteApprovalSource(client, settings.fallback),
		[PENDING_KINDS.lead]: () => crmLeadReviewSource(ctx, client, settings.leadFallback, i),
		[PENDING_KINDS.deal]: () => dealRiskSource(client, settings.dealFallback, 'frappeCrm'),
	}));
}
