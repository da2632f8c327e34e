// Deal-risk actions in Check Pending (ADR 0046, ADR 0048): the open ERPNext ToDos on an Opportunity that
// carry a deal proposal (the Deal Monitor's task) and that the workflow has not decided. A reminder is a
// comment on the Opportunity. At the time limit the default applies (core/approvals/dealTimeout.ts):
// - Dismiss: the ToDo is cancelled under its `modified` with the same decided line a person's decision
//   gets (deal/decide.ts), so the ToDo webhook that follows, a replay or the trigger's catch-up poll
//   reaches Read Deal Decision, which finds the line and decides nothing; nothing is written to the deal.
//   The line also carries the timeout marker: nobody answered, so the Deal Monitor does not hold it as
//   an answer (core/approvals/dealDecision.ts answeredTasks) and asks again with its next scan.
// - Keep Waiting: the timeout is recorded once and the ToDo stays open.
// Frappe CRM's deal tasks are left to Frappe CRM's Check Pending (crm/pending.ts), which has its own loop.
import type { ErpNextClient } from '../../../connectors/erpnext';
import { dealTimeoutEvent, type DealTimeoutFallback } from '../../../core/approvals/dealTimeout';
import { approvalNoticeMarker } from '../../../core/markers';
import { escapeHtml } from '../../../core/html';
import { DECISION_TODO_FIELDS } from '../approvalTodos';
import { claimTask } from '../crm/approvalTasks';
import type { PendingRequest, PendingSource, TimeoutApplied } from '../pending';
import { DEAL_TASK_TARGETS, asDealTask } from './dealTasks';

export function dealRiskSource(
	client: ErpNextClient,
	fallback: DealTimeoutFallback,
): PendingSource {
	const target = DEAL_TASK_TARGETS.erpnext;
	return {
		async open() {
			const rows = await client.listAll(target.task, {
				fields: DECISION_TODO_FIELDS,
				filters: [
					[target.referenceType, '=', target.deal],
					['status', '=', 'Open'],
					['description', 'like', '%[ltc-approval %'],
				],
				orderBy: 'creation asc, name asc',
			});
			const requests: PendingRequest[] = [];
			for (const row of rows) {
				const task = asDealTask('erpnext', row);
				if (!task || task.decided) continue;
				const { proposal } = task;
				const deal = proposal.deal_ref;
				const assignee = typeof row.allocated_to === 'string' ? row.allocated_to : null;
				requests.push({
					id: task.name,
					point: proposal,
					refs: { lead_ref: proposal.lead_ref, deal_ref: deal, quote_ref: null },
					service: 'erpnext',
					record: { doctype: target.deal, name: deal },
					assignee,
					summary: { deal, todo: task.name, action: proposal.action },
					reminder: (waited) =>
						`Reminder for ${assignee ?? ''}: the risk action on this deal has waited ${waited} h for your decision; the AI proposes: ${proposal.action}. Close the ToDo to accept it, write another in Reviewed Next Action and then close the ToDo to choose another, or remove the assignment to dismiss it.`,
					async timeout(policy): Promise<TimeoutApplied | 'lost'> {
						const event = dealTimeoutEvent(proposal, policy, fallback);
						const limit = `${policy.timeoutAfterHours} h`;
						if (fallback === 'keep')
							return {
								status: 'timed_out_waiting',
								closed: false,
								text: `Nobody decided the risk action on this deal in ${limit}: it keeps waiting, nothing was written or sent.`,
								events: [event],
							};
						// A lost lock (the seller decided meanwhile) is the runner's "nothing to fall back from".
						// The timeout marker tells the Deal Monitor nobody answered (answeredTasks): it may ask again.
						await claimTask(
							client,
							task,
							`${escapeHtml(`Decision taken by the workflow (dismissed by default after ${limit}: nothing was done).`)} [${approvalNoticeMarker('timeout', task.name)}]`,
							'Cancelled',
							target.task,
						);
						return {
							status: 'timed_out_dismissed',
							closed: true,
							text: `Nobody decided the risk action on this deal in ${limit}: it was dismissed by default; nothing was written or sent${proposal.fields ? ' and the proposed values were not applied' : ''}.`,
							events: [event],
						};
					},
				});
			}
			return requests;
		},
	};
}
