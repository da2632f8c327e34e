// Frappe CRM lead reviews in Check Pending (ADR 0047, ADR 0048): the open lead review CRM Tasks on CRM
// Leads the workflow has not decided. A reminder is a comment on the CRM Lead (Frappe CRM shows it in the
// lead's activity: crm/api/activities.py get_lead_activities, frappe/crm @ 8b7dfdde). At the time limit
// On Lead Review Timeout applies, as for an ERPNext lead (core/approvals/leadDecision.ts
// `leadTimeoutDecision`), with the decided line a person's decision gets (leadDecide.ts
// `takeCrmLeadDecision`, under the task's `modified`), so the CRM Task webhook that change causes, its
// replays and the trigger's catch-up poll reach Read Lead Decision, which decides nothing more:
// - Dismiss: the task is set to Canceled; nothing is written to the lead;
// - Accept the Proposed Route: the task is set to Done, for a route whose next step sends nothing
//   (qualified, disqualified; propose-only values are written once); a nurture proposal keeps waiting;
// - Keep Waiting: the timeout is recorded once and the task stays open.
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ErpNextClient } from '../../../connectors/erpnext';
import { CRM_TASK_APPROVE, CRM_TASK_REJECT } from '../../../core/approvals/crmApproval';
import {
	leadTimeoutDecision,
	leadTimeoutEvent,
	leadTimeoutNotice,
	type LeadTimeoutFallback,
} from '../../../core/approvals/leadDecision';
import type { PendingRequest, PendingSource, TimeoutApplied } from '../pending';
import { takeCrmLeadDecision } from './leadDecide';
import { CRM_LEAD, openLeadReviewTasks } from './leadTasks';

export function crmLeadReviewSource(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	fallback: LeadTimeoutFallback,
	itemIndex: number,
): PendingSource {
	return {
		async open() {
			return (await openLeadReviewTasks(client)).map((task): PendingRequest => {
				const { proposal } = task;
				const lead = proposal.lead_ref;
				const assignee = task.assigned_to;
				return {
					id: task.name,
					point: proposal,
					refs: { lead_ref: lead, deal_ref: null, quote_ref: null },
					service: 'frappe_crm',
					record: { doctype: CRM_LEAD, name: lead },
					assignee,
					summary: { lead, task: task.name },
					reminder: (waited) =>
						`Reminder for ${assignee ?? ''}: this lead has waited ${waited} h for your review in task ${task.name}; the AI proposes the route ${proposal.next}. Set the task to Done to accept it, pick another Reviewed Route in the lead's AI Qualification panel and then set the task to Done to choose another route, or set it to Canceled to dismiss it.`,
					async timeout(policy): Promise<TimeoutApplied | 'lost'> {
						const decision = leadTimeoutDecision(proposal, fallback);
						const event = leadTimeoutEvent(proposal, policy, decision, 'frappe_crm');
						const notice = leadTimeoutNotice(decision, policy.timeoutAfterHours);
						if (notice.words === null)
							return { status: notice.status, closed: false, text: notice.text, events: [event] };
						const route = decision.kind === 'accept' ? decision.route : null;
						const taken = await takeCrmLeadDecision(
							ctx,
							client,
							task,
							{
								route,
								line: `Decision taken by the workflow (${notice.words}).`,
								status: route === null ? CRM_TASK_REJECT : CRM_TASK_APPROVE,
							},
							itemIndex,
						);
						if (taken === 'lost') return 'lost';
						return {
							status: notice.status,
							closed: true,
							text: notice.text,
							events: [event],
							summary: { route, proposal: taken.applied },
						};
					},
				};
			});
		},
	};
}
