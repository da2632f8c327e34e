// Lead reviews in Check Pending (ADR 0048): the open lead review ToDos (ADR 0039) the workflow has not
// decided. A reminder is a comment on the Lead. At the time limit the default applies under the ToDo's
// `modified` with the same done line a person's decision gets (lead/decide.ts `takeLeadDecision`), so
// the ToDo webhook that follows, a replay or the trigger's catch-up poll decides nothing more:
// - Dismiss: the ToDo is cancelled; nothing is written to the Lead and a held quote stays a draft.
// - Accept the Proposed Route: the ToDo is closed as if the reviewer had closed it, for a proposed route
//   whose next step sends nothing (qualified: the held quote goes to its approval; disqualified); a
//   nurture proposal keeps waiting instead (its next step enrols the lead in e-mails).
// - Keep Waiting: the timeout is recorded once and the ToDo stays open.
// The timeout is a system `timeout` event at the limit, in the qualification's decision point.
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ErpNextClient } from '../../../connectors/erpnext';
import {
	leadTimeoutDecision,
	leadTimeoutEvent,
	leadTimeoutNotice,
	type LeadTimeoutFallback,
} from '../../../core/approvals/leadDecision';
import type { PendingRequest, PendingSource, TimeoutApplied } from '../pending';
import { quoteApprovalSummary, takeLeadDecision } from './decide';
import { DECISION_TODO_FIELDS } from '../approvalTodos';
import { asLeadReview } from './leadTodos';

export function leadReviewSource(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	fallback: LeadTimeoutFallback,
	itemIndex: number,
): PendingSource {
	return {
		async open() {
			const rows = await client.listAll('ToDo', {
				fields: DECISION_TODO_FIELDS,
				filters: [
					['reference_type', '=', 'Lead'],
					['status', '=', 'Open'],
					['description', 'like', '%[ltc-approval %'],
				],
				orderBy: 'creation asc, name asc',
			});
			const requests: PendingRequest[] = [];
			for (const row of rows) {
				const todo = asLeadReview(row);
				if (!todo || todo.done) continue;
				const { proposal } = todo;
				const lead = proposal.lead_ref;
				const assignee = todo.allocated_to;
				requests.push({
					id: todo.name,
					point: proposal,
					refs: { lead_ref: lead, deal_ref: null, quote_ref: null },
					service: 'erpnext',
					record: { doctype: 'Lead', name: lead },
					assignee,
					summary: { lead, todo: todo.name },
					reminder: (waited) =>
						`Reminder for ${assignee ?? ''}: this lead has waited ${waited} h for your review; the AI proposes the route ${proposal.next}. Close the review ToDo to accept it, set Reviewed Route and then close it to choose another route, or remove the assignment to dismiss it.`,
					async timeout(policy): Promise<TimeoutApplied | 'lost'> {
						const decision = leadTimeoutDecision(proposal, fallback);
						const event = leadTimeoutEvent(proposal, policy, decision);
						const notice = leadTimeoutNotice(decision, policy.timeoutAfterHours);
						if (notice.words === null)
							return { status: notice.status, closed: false, text: notice.text, events: [event] };
						const route = decision.kind === 'accept' ? decision.route : null;
						const taken = await takeLeadDecision(
							ctx,
							client,
							todo,
							{
								route,
								words: notice.words,
								status: route === null ? 'Cancelled' : 'Closed',
							},
							new Date(event.occurred_at),
							itemIndex,
						);
						if (taken === 'lost') return 'lost';
						const quote = taken.quote;
						return {
							status: notice.status,
							closed: true,
							text: `${notice.text}${quote?.status === 'requested' ? ` Quotation ${quote.quotation} now waits for approval.` : ''}`,
							events: [event, ...(quote?.events ?? [])],
							summary: { route, quoteApproval: quoteApprovalSummary(quote) },
						};
					},
				});
			}
			return requests;
		},
	};
}
