// The lead review tasks of one Frappe CRM lead (ADR 0047): CRM Tasks with reference_doctype "CRM Lead"
// (Frappe CRM lists them in the lead's Tasks tab: crm/api/activities.py get_linked_tasks; its task form
// opens the lead: frontend/src/doctypes/crm_task/form.js, frappe/crm @ 8b7dfdde) whose description
// carries a lead proposal. Each is the n-th review of its lead, its key `leadReviewTaskKey(lead, n)` in
// the task's unique key field (taskKey.ts), so two runs that ask at once insert one task. A decision is
// taken once, as for a quote task: the decided line under the task's `modified` (approvalTasks.ts).
import type { ErpNextClient } from '../../../connectors/erpnext';
import { readCrmLeadProposal, type CrmLeadProposal } from '../../../core/approvals/crmLeadReview';
import { decidedIn } from '../../../core/approvals/deskApproval';
import { isOpenTask, markedTaskRows, openMarkedTaskRows } from './approvalTasks';

export const CRM_LEAD = 'CRM Lead' as const;

export interface LeadReviewTask {
	name: string;
	status: string;
	modified: string;
	modified_by: string | null;
	assigned_to: string | null;
	description: string;
	proposal: CrmLeadProposal;
	/** The workflow already took this task's decision (its description holds the decided marker). */
	decided: boolean;
}

/** A CRM Task row as a lead review, or undefined (a quote task, a Deal Monitor task, another lead's). */
export function asLeadReviewTask(row: Record<string, unknown>): LeadReviewTask | undefined {
	const description = typeof row.description === 'string' ? row.description : '';
	const proposal = readCrmLeadProposal(description);
	if (
		!proposal ||
		row.reference_doctype !== CRM_LEAD ||
		row.reference_docname !== proposal.lead_ref
	)
		return undefined;
	const name = String(row.name);
	return {
		name,
		status: String(row.status ?? ''),
		modified: String(row.modified ?? ''),
		modified_by: typeof row.modified_by === 'string' ? row.modified_by : null,
		assigned_to: typeof row.assigned_to === 'string' ? row.assigned_to : null,
		description,
		proposal,
		decided: decidedIn(description, name),
	};
}

/** The lead review tasks on the lead, newest first. */
export async function leadReviewTasks(
	client: ErpNextClient,
	lead: string,
): Promise<LeadReviewTask[]> {
	const rows = await markedTaskRows(client, CRM_LEAD, lead);
	return rows.map((r) => asLeadReviewTask(r)).filter((t): t is LeadReviewTask => t !== undefined);
}

/** The open lead review tasks of the site nobody decided yet, oldest first (Check Pending, ADR 0048). */
export async function openLeadReviewTasks(client: ErpNextClient): Promise<LeadReviewTask[]> {
	const rows = await openMarkedTaskRows(client, CRM_LEAD);
	return rows
		.map((r) => asLeadReviewTask(r))
		.filter((t): t is LeadReviewTask => t !== undefined && !t.decided);
}

/** The task still waiting for the reviewer, if any. */
export function openReview(tasks: readonly LeadReviewTask[]): LeadReviewTask | undefined {
	return tasks.find((t) => isOpenTask(t.status) && !t.decided);
}

/** The next review's number: one more than the highest a task of the lead carries (1 for the first). */
export function nextReviewNumber(tasks: readonly LeadReviewTask[]): number {
	const numbers = tasks.map((t) => Number(/-(\d+)$/.exec(t.proposal.key)?.[1] ?? 0));
	return Math.max(0, ...numbers) + 1;
}

/**
 * Whether `earlier` asked the question `proposal` asks (a replayed or duplicated qualification): the
 * same lead, score, grade, route, proposed route and values (the scoring time apart).
 */
export function sameQuestion(earlier: CrmLeadProposal, proposal: CrmLeadProposal): boolean {
	const values = (p: CrmLeadProposal) =>
		JSON.stringify(
			Object.entries(p.fields ?? {})
				.filter(([field]) => field !== 'custom_ai_scored_at')
				.sort(([a], [b]) => (a < b ? -1 : 1)),
		);
	return (
		earlier.lead_ref === proposal.lead_ref &&
		earlier.score === proposal.score &&
		earlier.grade === proposal.grade &&
		earlier.route === proposal.route &&
		earlier.next === proposal.next &&
		(earlier.fields === null) === (proposal.fields === null) &&
		values(earlier) === values(proposal)
	);
}
