// Deal-risk actions in Check Pending (ADR 0046, ADR 0048), in both systems of record: the open tasks on a
// deal that carry a deal proposal (the Deal Monitor's ToDo on an ERPNext Opportunity, its CRM Task on a
// Frappe CRM deal) and that the workflow has not decided. A reminder is a comment on the deal (Frappe CRM
// shows it in the deal's activity). At the time limit the default applies (core/approvals/dealTimeout.ts):
// - Dismiss: the task is cancelled (ToDo Cancelled, CRM Task Canceled) under its `modified` with the same
//   decided line a person's decision gets (deal/decide.ts), so the task webhook that follows, a replay or
//   the trigger's catch-up poll reaches Read Deal Decision, which finds the line and decides nothing;
//   nothing is written to the deal. The line also carries the timeout marker: nobody answered, so the
//   Deal Monitor does not hold it as an answer (core/approvals/dealDecision.ts answeredTasks) and asks
//   again with its next scan.
// - Keep Waiting: the timeout is recorded once and the task stays open.
// What differs between the systems (the task doctype, its open and dismissed statuses, its assignee
// field, the reminder's gesture) is in DEAL_TASK_TARGETS (dealTasks.ts).
import type { ErpNextClient } from '../../../connectors/erpnext';
import { dealTimeoutEvent, type DealTimeoutFallback } from '../../../core/approvals/dealTimeout';
import { approvalNoticeMarker } from '../../../core/markers';
import { escapeHtml } from '../../../core/html';
import type { SystemOfRecord } from '../../shared/systemOfRecord';
import { claimTask } from '../crm/approvalTasks';
import type { PendingRequest, PendingSource, TimeoutApplied } from '../pending';
import { DEAL_TASK_TARGETS, asDealTask } from './dealTasks';

export function dealRiskSource(
	client: ErpNextClient,
	fallback: DealTimeoutFallback,
	system: SystemOfRecord,
): PendingSource {
	const target = DEAL_TASK_TARGETS[system];
	return {
		async open() {
			const rows = await client.listAll(target.task, {
				fields: [
					'name',
					'status',
					'modified',
					'modified_by',
					target.assignee,
					target.referenceType,
					target.referenceName,
					'description',
				],
				filters: [
					[target.referenceType, '=', target.deal],
					['status', 'in', [...target.open]],
					['description', 'like', '%[ltc-approval %'],
				],
				orderBy: 'creation asc, name asc',
			});
			const requests: PendingRequest[] = [];
			for (const row of rows) {
				const task = asDealTask(system, row);
				if (!task || task.decided) continue;
				const { proposal } = task;
				const deal = proposal.deal_ref;
				const assigned = row[target.assignee];
				const assignee = typeof assigned === 'string' ? assigned : null;
				requests.push({
					id: task.name,
					point: proposal,
					refs: { lead_ref: proposal.lead_ref, deal_ref: deal, quote_ref: null },
					service: target.service,
					record: { doctype: target.deal, name: deal },
					assignee,
					summary: { deal, [target.taskKey]: task.name, action: proposal.action },
					reminder: (waited) =>
						`Reminder for ${assignee ?? ''}: the risk action on this deal has waited ${waited} h for your decision; the AI proposes: ${proposal.action}. ${target.howToDecide}`,
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
							target.dismissed,
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
