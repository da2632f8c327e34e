// A lead reviewed in the ERPNext desk (issue 19, ADR 0039). A lead the Lead Qualifier routes to review
// (or, in propose-only mode, every lead it qualifies) becomes an assignment (ToDo) on the ERPNext Lead.
// The person closes it with a decision, in the desk's own gestures:
// - **accept**: close the ToDo (its Close button; status Closed) → the AI's proposed route;
// - **override**: set the Lead's "Reviewed Route" field to another route, then close the ToDo → that route;
// - **dismiss**: remove the assignment (the × beside the assignee; frappe.desk.form.assign_to.remove sets
//   status Cancelled) → nothing happens.
// This module decides what the ToDo says and what its closed state means, without I/O or clock:
// - `leadReviewNote`: the ToDo description. Score, grade, route, the proposed next route, the values a
//   propose-only run would write and the reasons as escaped HTML (lead text is untrusted), then the
//   proposal in an approval marker (core/markers.ts) so any n8n process can measure the decision.
// - `readLeadProposal`: the proposal back from a ToDo description (validated; a quote proposal is not one).
// - `leadDecision`: a ToDo's status and the Lead's Reviewed Route as accept / override / dismiss / pending.
// - `leadDecisionEvent`: the `actor: human` metric event, in the decision point of the qualification that
//   asked, made from the record alone: the same ToDo read twice gives the same event (same `eventId`).
import { z } from 'zod/v4';

import { approvalMarker } from '../markers';
import { escapeHtml } from '../html';
import type { MetricEvent } from '../metrics/event';
import {
	clip,
	DECISION_POINT,
	humanDeskEvent,
	ProposedFieldsSchema,
	readMarkedProposal,
	shownReasons,
	timeoutDeskEvent,
	type PendingPolicy,
} from './deskApproval';

/** The routes a person can choose for a reviewed lead ("review" itself is the question, not an answer). */
export const REVIEWED_ROUTES = ['qualified', 'nurture', 'disqualified'] as const;
export type ReviewedRoute = (typeof REVIEWED_ROUTES)[number];
const ReviewedRouteSchema = z.enum(REVIEWED_ROUTES);

/** The Lead's field a reviewer sets to override the AI's proposed route (a Select of REVIEWED_ROUTES). */
export const REVIEWED_ROUTE_FIELD = 'custom_ai_reviewed_route';

export const LeadProposalSchema = z
	.object({
		v: z.literal(1),
		kind: z.literal('lead'),
		/** The qualification's decision point. */
		...DECISION_POINT,
		lead_ref: z.string().min(1).max(140),
		/** When the person was asked (the qualification event's `occurred_at`), UTC ISO. */
		proposed_at: z.iso.datetime({ offset: true }),
		/** The AI's result: route as routed, and the route it proposes the person accepts. */
		route: z.enum(['qualified', 'review', 'nurture', 'disqualified']),
		next: ReviewedRouteSchema,
		score: z.number().int().min(0).max(100),
		grade: z.string().max(4),
		confidence: z.number().min(0).max(1).nullable(),
		/** Propose-only mode: the AI field values that were not written and are applied on acceptance. */
		fields: ProposedFieldsSchema.nullable(),
	})
	.strict();
export type LeadProposal = z.infer<typeof LeadProposalSchema>;

/**
 * The route the AI proposes a person accepts for a lead: its own route when it is not `review`; for a
 * review lead the route its score alone gives, where the band between the thresholds counts as
 * `qualified` (the route lead-to-close.json takes for a review lead today: a quote, approved by a person).
 */
export function proposedRoute(
	route: string,
	score: number,
	thresholds: { nurture: number },
): ReviewedRoute {
	const parsed = ReviewedRouteSchema.safeParse(route);
	if (parsed.success) return parsed.data;
	return score < thresholds.nurture ? 'nurture' : 'qualified';
}

/** How a reviewer decides in the ERPNext desk (ADR 0039); Frappe CRM says it its own way (ADR 0047). */
export function erpnextLeadGestures(others: string): string {
	return `To accept it, close this ToDo. To choose another route (${others}), set <em>Reviewed Route</em> on the Lead first, then close this ToDo. To dismiss it (nothing happens), remove the assignment.`;
}

/**
 * The review note's text for the person, without the marker: what the AI proposes, `gestures(others)`
 * (how to decide, trusted text), the scores, the unwritten values of propose-only mode and the reasons,
 * everything from the lead escaped. Shared by the ERPNext ToDo and the Frappe CRM task.
 */
export function leadReviewLines(
	p: Omit<LeadProposal, 'kind'>,
	reasons: readonly string[],
	proposeOnlyReason: string | null,
	gestures: (others: string) => string,
): string[] {
	const shown = shownReasons(reasons);
	const confidence = p.confidence === null ? 'not given' : `${Math.round(p.confidence * 100)} %`;
	const others = REVIEWED_ROUTES.filter((r) => r !== p.next).join(' or ');
	const lines = [
		`<p><strong>Review lead ${escapeHtml(p.lead_ref)}</strong>: the AI proposes the route <strong>${p.next}</strong>.</p>`,
		`<p>${gestures(others)}</p>`,
		`<p>AI score ${p.score}/100, grade ${escapeHtml(p.grade)}, routed ${p.route}, confidence ${confidence}</p>`,
	];
	if (p.fields) {
		const rows = Object.entries(p.fields)
			.map(
				([field, value]) =>
					`<li>${escapeHtml(field)}: ${escapeHtml(clip(String(value), 500))}</li>`,
			)
			.join('');
		lines.push(
			`<p>Propose-only mode${proposeOnlyReason ? ` (${escapeHtml(proposeOnlyReason)})` : ''}: nothing was written to the Lead. Accepting (or choosing another route) writes these values once:</p><ul>${rows}</ul>`,
		);
	}
	lines.push(
		shown.length === 0
			? '<p>Reasons: none given.</p>'
			: `<p>Reasons:</p><ul>${shown.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`,
	);
	return lines;
}

/** The ToDo description: what the AI proposes and why, escaped, and how to decide; the marker last. */
export function leadReviewNote(
	proposal: LeadProposal,
	reasons: readonly string[],
	proposeOnlyReason: string | null = null,
): string {
	const p = LeadProposalSchema.parse(proposal);
	return [
		...leadReviewLines(p, reasons, proposeOnlyReason, erpnextLeadGestures),
		`<p>${approvalMarker(JSON.stringify(p))}</p>`,
	].join('\n');
}

/** The lead proposal in a ToDo description, or undefined when it carries no valid one. */
export function readLeadProposal(description: unknown): LeadProposal | undefined {
	return readMarkedProposal(description, LeadProposalSchema);
}

/** The ToDo fields a decision is read from, as Frappe's REST API returns them. */
export interface LeadTodoState {
	status: string;
	modified_by?: string | null;
}

export type LeadDecision =
	| { kind: 'pending' }
	| {
			kind: 'accept' | 'override';
			route: ReviewedRoute;
			override: boolean;
			decidedBy: string | null;
	  }
	| { kind: 'dismiss'; override: true; decidedBy: string | null };

/**
 * What the closed ToDo says: Open → pending; Cancelled (assignment removed) → dismissed; Closed →
 * the Lead's Reviewed Route when it is set to a route other than the proposal's (override), else the
 * proposal's route (accept). A Reviewed Route that is not one of REVIEWED_ROUTES is ignored.
 */
export function leadDecision(
	todo: LeadTodoState,
	reviewedRoute: unknown,
	proposal: Pick<LeadProposal, 'next'>,
): LeadDecision {
	const decidedBy = todo.modified_by ? String(todo.modified_by) : null;
	if (todo.status === 'Cancelled') return { kind: 'dismiss', override: true, decidedBy };
	if (todo.status !== 'Closed') return { kind: 'pending' };
	const chosen = ReviewedRouteSchema.safeParse(
		typeof reviewedRoute === 'string' ? reviewedRoute.trim() : reviewedRoute,
	);
	if (chosen.success && chosen.data !== proposal.next)
		return { kind: 'override', route: chosen.data, override: true, decidedBy };
	return { kind: 'accept', route: proposal.next, override: false, decidedBy };
}

/**
 * A review decision in the words the review panels count (a lead, ADR 0039; a deal-risk action, ADR
 * 0046): accept = `approve`/`approved`, override = `approve`/`approved_changed`, dismiss =
 * `decline`/`dismissed`.
 */
export function reviewVerdict(kind: 'accept' | 'override' | 'dismiss'): {
	decision: 'approve' | 'decline';
	outcome: 'approved' | 'approved_changed' | 'dismissed';
} {
	if (kind === 'dismiss') return { decision: 'decline', outcome: 'dismissed' };
	return { decision: 'approve', outcome: kind === 'accept' ? 'approved' : 'approved_changed' };
}

/**
 * The human event of a decision taken at `decidedAt` (the ToDo's `modified` when it was closed, as an
 * instant), in the qualification's decision point, channel `desk`, `duration_ms` from the proposal.
 * The same vocabulary as a reviewed quote (the review panels count both alike): `approve` with outcome
 * `approved` (accepted) or `approved_changed` (another route: an override, the route in `reason`), or
 * `decline` with outcome `dismissed`.
 */
export function leadDecisionEvent(
	decision: Exclude<LeadDecision, { kind: 'pending' }>,
	proposal: Omit<LeadProposal, 'kind'>,
	decidedAt: string | Date,
	service: 'erpnext' | 'frappe_crm' = 'erpnext',
): MetricEvent {
	return humanDeskEvent(proposal, decidedAt, {
		...reviewVerdict(decision.kind),
		lead_ref: proposal.lead_ref,
		service,
		score: proposal.score,
		confidence: proposal.confidence,
		decided_by: decision.decidedBy,
		reason:
			decision.kind === 'override'
				? `route ${decision.route} instead of the proposed ${proposal.next}`
				: null,
	});
}

/**
 * What Check Pending does with a lead review nobody decided in time (ADR 0048): `dismiss` (the ToDo is
 * cancelled, nothing is written or sent), `accept` (the proposed route, as if the reviewer closed the
 * ToDo) or `keep` (it stays open). Never anything that sends.
 */
export const LEAD_TIMEOUT_FALLBACKS = ['dismiss', 'accept', 'keep'] as const;
export type LeadTimeoutFallback = (typeof LEAD_TIMEOUT_FALLBACKS)[number];

/**
 * The routes a timeout may accept on the reviewer's behalf: their next step in lead-to-close.json sends
 * nothing (qualified: the held quote goes to its own approval; disqualified: nothing). Nurture is
 * left out: its next step enrols the lead in an e-mail sequence, which only a person may start.
 */
export const SILENT_ROUTES: readonly ReviewedRoute[] = ['qualified', 'disqualified'];

export type LeadTimeoutDecision =
	| { kind: 'dismiss' }
	| { kind: 'accept'; route: ReviewedRoute }
	| { kind: 'keep'; reason: string | null };

/** The default applied to a lead review that timed out: `accept` of a sending route keeps waiting. */
export function leadTimeoutDecision(
	proposal: Pick<LeadProposal, 'next'>,
	fallback: LeadTimeoutFallback,
): LeadTimeoutDecision {
	if (fallback === 'dismiss') return { kind: 'dismiss' };
	if (fallback === 'keep') return { kind: 'keep', reason: null };
	if (SILENT_ROUTES.includes(proposal.next)) return { kind: 'accept', route: proposal.next };
	return {
		kind: 'keep',
		reason: `route ${proposal.next} sends e-mail: not accepted without a person`,
	};
}

/**
 * The `actor: system` timeout event of a lead review, at the limit, in the qualification's decision
 * point: outcome `dismissed`, `accepted` (the route in `reason`) or `waiting`. The same for an ERPNext
 * ToDo and a Frappe CRM task (`service`).
 */
export function leadTimeoutEvent(
	proposal: Omit<LeadProposal, 'kind'>,
	policy: PendingPolicy,
	decision: LeadTimeoutDecision,
	service: 'erpnext' | 'frappe_crm' = 'erpnext',
): MetricEvent {
	return timeoutDeskEvent(
		proposal,
		{ lead_ref: proposal.lead_ref, deal_ref: null, quote_ref: null },
		policy,
		decision.kind === 'dismiss' ? 'dismissed' : decision.kind === 'accept' ? 'accepted' : 'waiting',
		service,
		decision.kind === 'accept'
			? `route ${decision.route} by default`
			: decision.kind === 'keep'
				? decision.reason
				: null,
	);
}

/**
 * What a lead review's timeout says (ADR 0048), whichever system asked: its output `status`, the notice
 * on the lead (plain text) and, when it decides the review, the `words` of the decided line.
 */
export function leadTimeoutNotice(
	decision: LeadTimeoutDecision,
	timeoutAfterHours: number,
): { status: string; text: string; words: string | null } {
	const limit = `${timeoutAfterHours} h`;
	if (decision.kind === 'keep')
		return {
			status: 'timed_out_waiting',
			text: `Nobody reviewed this lead in ${limit}: it keeps waiting${decision.reason ? ` (${decision.reason})` : ''}, nothing was sent.`,
			words: null,
		};
	if (decision.kind === 'dismiss')
		return {
			status: 'timed_out_dismissed',
			text: `Nobody reviewed this lead in ${limit}: the review was dismissed by default and nothing was sent.`,
			words: `dismissed by default after ${limit}: nothing was done`,
		};
	return {
		status: 'timed_out_accepted',
		text: `Nobody reviewed this lead in ${limit}: the proposed route ${decision.route} was accepted by default and nothing was sent.`,
		words: `accepted by default after ${limit}: route ${decision.route}`,
	};
}
