// A lead reviewed in Frappe CRM (issue 19, ADR 0047): a CRM Lead the Lead Qualifier routes to review (or,
// in propose-only mode, every lead it qualifies) becomes a CRM Task on the lead, as a quote to review
// becomes one on its deal (ADR 0041). The reviewer decides with Frappe CRM's own gestures (frappe/crm
// @ 8b7dfdde): the task's status from the lead's Tasks tab (TaskArea.vue, crm_task.json statuses) and
// the lead's side panel, where a Select field is saved as soon as it is changed (SidePanelLayout.vue
// fieldChange → document.save):
// - **accept**: set the task to Done → the AI's proposed route;
// - **override**: pick another route in the lead's *Reviewed Route* (AI Qualification panel), then set
//   the task to Done → that route;
// - **dismiss**: set the task to Canceled → nothing happens.
// This module decides what the task says and what its state means, without I/O or clock. The route rule,
// the note's body and the human event are the ERPNext lead review's (core/approvals/leadDecision.ts).
import { z } from 'zod/v4';

import { approvalMarker } from '../markers';
import type { MetricEvent } from '../metrics/event';
import { CRM_TASK_APPROVE, CRM_TASK_REJECT } from './crmApproval';
import { readMarkedProposal } from './deskApproval';
import {
	LeadProposalSchema,
	leadDecision,
	leadDecisionEvent,
	leadReviewLines,
	type LeadDecision,
} from './leadDecision';

export const CrmLeadProposalSchema = LeadProposalSchema.extend({
	kind: z.literal('crm_lead'),
	/** The task's unique key (core/markers.ts leadReviewTaskKey): the n-th review of this lead. */
	key: z.string().min(1).max(140),
}).strict();
export type CrmLeadProposal = z.infer<typeof CrmLeadProposalSchema>;

/** How a reviewer decides in Frappe CRM (trusted text: it names no lead data). */
export function crmLeadGestures(others: string): string {
	return `To accept it, set this task to Done. To choose another route (${others}), pick it in <em>Reviewed Route</em> in the lead's AI Qualification panel first, then set this task to Done. To dismiss it (nothing happens), set this task to Canceled.`;
}

/** A record name safe to show raw (Frappe CRM renders a task title unescaped in its notifications). */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,60}$/;

/**
 * "Review AI route for CRM-LEAD-2026-00042: qualified (score 72)": no lead text, since Frappe CRM puts a
 * task's title unescaped into the assignee's notification (crm_notification.py notification_text).
 */
export function crmLeadReviewTitle(proposal: CrmLeadProposal): string {
	const p = CrmLeadProposalSchema.parse(proposal);
	const lead = SAFE_NAME.test(p.lead_ref) ? p.lead_ref : 'a lead';
	return `Review AI route for ${lead}: ${p.next} (score ${p.score})`;
}

/** The task description: the review note for the person (escaped) and the proposal's marker last. */
export function crmLeadReviewNote(
	proposal: CrmLeadProposal,
	reasons: readonly string[],
	proposeOnlyReason: string | null = null,
): string {
	const p = CrmLeadProposalSchema.parse(proposal);
	return [
		...leadReviewLines(p, reasons, proposeOnlyReason, crmLeadGestures),
		`<p>${approvalMarker(JSON.stringify(p))}</p>`,
	].join('\n');
}

/** The lead proposal in a CRM Task description, or undefined (a quote task's proposal is not one). */
export function readCrmLeadProposal(description: unknown): CrmLeadProposal | undefined {
	return readMarkedProposal(description, CrmLeadProposalSchema);
}

/**
 * What the task says: Done → the lead's Reviewed Route when it is another route (override), else the
 * proposal's route (accept); Canceled → dismissed; Backlog, Todo, In Progress → pending.
 */
export function crmLeadDecision(
	task: { status: string; modified_by?: string | null },
	reviewedRoute: unknown,
	proposal: CrmLeadProposal,
): LeadDecision {
	const status =
		task.status === CRM_TASK_APPROVE
			? 'Closed'
			: task.status === CRM_TASK_REJECT
				? 'Cancelled'
				: 'Open';
	return leadDecision({ status, modified_by: task.modified_by }, reviewedRoute, proposal);
}

/** The human event of the decision (the ERPNext lead review's, with service `frappe_crm`). */
export function crmLeadDecisionEvent(
	decision: Exclude<LeadDecision, { kind: 'pending' }>,
	proposal: CrmLeadProposal,
	decidedAt: string | Date,
): MetricEvent {
	return leadDecisionEvent(decision, proposal, decidedAt, 'frappe_crm');
}
