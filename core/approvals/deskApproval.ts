// Approval in the desk (issue 19, ADR 0036): a quote routed to review stays a draft Quotation and its
// approver gets a ToDo on it. This module decides what the ToDo says and what a later state of the
// Quotation means, without I/O or clock:
// - `approvalNote`: the ToDo description. The AI's reasons and confidence as escaped HTML (lead text
//   is untrusted and the desk renders the description), then the proposal itself in an approval marker
//   (core/markers.ts), so the decision can be measured against it from the record alone, by any n8n
//   process, after any restart.
// - `readProposal`: the proposal back from a ToDo description (validated; a hand-edited one is refused).
// - `deskDecision`: the Quotation's state as a decision. ERPNext only cancels or declares lost a
//   submitted Quotation (erpnext/selling/doctype/quotation/quotation.js shows Cancel and Declare Lost
//   for docstatus 1 only), so a reviewer rejects by submitting and then cancelling or declaring it
//   lost within the workflow's grace period; a Quotation still submitted and not lost when the grace
//   period ends is approved.
// - `deskDecisionEvent`: the `actor: human` metric event, in the decision point of the hand-off that
//   asked (same workflow, execution, step and references), with who, why and how long it took. It is
//   made from the record only, so the same decision read twice is the same event (same `eventId`).
import { z } from 'zod/v4';

import { approvalMarker, approvalNoticeMarker, approvalPayload, findMarkers } from '../markers';
import { toMinorUnits } from '../money';
import { escapeHtml } from '../html';
import { makeEvent, toUtcIso, type MetricEvent, type MetricEventInput } from '../metrics/event';

/**
 * The decision point a proposal was made in (its workflow, execution and step): the person's decision is
 * measured in it, as an e-mail answer is.
 */
export const DECISION_POINT = {
	workflow: z.string().min(1).max(200),
	execution_id: z.string().min(1).max(100),
	step: z.string().min(1).max(64),
};

/** The AI field values a propose-only run did not write (field name → value), applied on accept. */
export const ProposedFieldsSchema = z.record(
	z.string().regex(/^[a-z][a-z0-9_]*$/),
	z.union([z.string().max(20_000), z.number()]),
);

/**
 * Whether the workflow already took the decision of a desk task (ToDo or CRM Task `task`): its description
 * holds the decided marker the claim appended under the task's `modified`.
 */
export function decidedIn(description: string, task: string): boolean {
	return description.includes(approvalNoticeMarker('decided', task));
}

export const ProposalSchema = z
	.object({
		v: z.literal(1),
		/** The hand-off's decision point. */
		...DECISION_POINT,
		lead_ref: z.string().min(1).max(140).nullable(),
		deal_ref: z.string().min(1).max(140).nullable(),
		quote_ref: z.string().min(1).max(140).nullable(),
		/** The record the person decides on (the draft Quotation). */
		record: z.string().min(1).max(140),
		/** When the person was asked (the hand-off's `occurred_at`), UTC ISO. */
		proposed_at: z.iso.datetime({ offset: true }),
		/** What the AI proposed, in integer minor units of `currency`. */
		amount: z.number().int().nullable(),
		currency: z
			.string()
			.regex(/^[A-Z]{3}$/)
			.nullable(),
		confidence: z.number().min(0).max(1).nullable(),
	})
	.strict();
export type Proposal = z.infer<typeof ProposalSchema>;

const MAX_REASONS = 20;
const MAX_REASON_LENGTH = 300;

/** A text as one line of at most `max` characters (whitespace collapsed, an ellipsis when cut). */
export function clip(text: string, max: number): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The reasons as a desk note shows them: one line each, clipped, empty ones dropped, at most 20. */
export function shownReasons(reasons: readonly unknown[]): string[] {
	return reasons
		.map((r) => clip(String(r), MAX_REASON_LENGTH))
		.filter((r) => r !== '')
		.slice(0, MAX_REASONS);
}

/** The ToDo description: escaped reasons and confidence for the person, the marker for the workflow. */
export function approvalNote(proposal: Proposal, reasons: readonly string[]): string {
	const checked = ProposalSchema.parse(proposal);
	const shown = shownReasons(reasons);
	const confidence =
		checked.confidence === null ? 'not given' : `${Math.round(checked.confidence * 100)} %`;
	return [
		`<p><strong>Review quotation ${escapeHtml(checked.record)}</strong>: submit it to approve and send it; cancel it or declare it lost (with a reason) to reject it.</p>`,
		`<p>AI confidence: ${confidence}</p>`,
		shown.length === 0
			? '<p>Reasons for review: the lead itself was routed to review.</p>'
			: `<p>Reasons for review:</p><ul>${shown.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`,
		`<p>${approvalMarker(JSON.stringify(checked))}</p>`,
	].join('\n');
}

/**
 * The last approval marker in a desk description whose payload `schema` accepts (ToDo or CRM Task),
 * or undefined when there is none: an edited or foreign marker is skipped for an earlier one.
 */
export function readMarkedProposal<T>(description: unknown, schema: z.ZodType<T>): T | undefined {
	if (typeof description !== 'string') return undefined;
	const markers = findMarkers(description, 'approval');
	for (let i = markers.length - 1; i >= 0; i--) {
		const payload = approvalPayload(markers[i]);
		if (payload === undefined) continue;
		try {
			const parsed = schema.safeParse(JSON.parse(payload));
			if (parsed.success) return parsed.data;
		} catch {
			// not JSON: someone edited the marker; try an earlier one
		}
	}
	return undefined;
}

/** The proposal in a ToDo description, or undefined when it carries no valid approval marker. */
export function readProposal(description: unknown): Proposal | undefined {
	return readMarkedProposal(description, ProposalSchema);
}

/** The Quotation fields a decision is read from (as ERPNext's REST API returns them). */
export interface QuotationState {
	name: string;
	docstatus: number;
	status?: string | null;
	modified: string;
	modified_by?: string | null;
	grand_total?: number | string | null;
	currency?: string | null;
	order_lost_reason?: string | null;
	lost_reasons?: ReadonlyArray<{ lost_reason?: string | null }> | null;
}

export type DeskDecision =
	| { kind: 'pending' }
	| {
			kind: 'approve';
			/** `approved`, or `approved_changed` when the submitted total differs from the proposal's. */
			outcome: 'approved' | 'approved_changed';
			override: boolean;
			decidedBy: string | null;
			amount: number | null;
			currency: string | null;
	  }
	| {
			kind: 'reject';
			outcome: 'lost' | 'cancelled';
			override: true;
			decidedBy: string | null;
			reason: string | null;
			amount: number | null;
			currency: string | null;
	  };

/** The submitted total in minor units with its currency, or the proposal's when the record has none. */
function submittedAmount(
	quotation: QuotationState,
	proposal: Proposal,
): { amount: number | null; currency: string | null } {
	const currency = quotation.currency || proposal.currency;
	const total = Number(quotation.grand_total ?? Number.NaN);
	if (!currency || !Number.isFinite(total))
		return { amount: proposal.amount, currency: proposal.currency };
	return { amount: toMinorUnits(total, currency), currency };
}

/** The lost reasons and the detailed reason of a declared-lost Quotation, as one line. */
export function lostReason(quotation: QuotationState): string | null {
	const reasons = (quotation.lost_reasons ?? [])
		.map((r) => (typeof r?.lost_reason === 'string' ? r.lost_reason.trim() : ''))
		.filter((r) => r !== '');
	const detail = (quotation.order_lost_reason ?? '').trim();
	const text = [reasons.join(', '), detail].filter((t) => t !== '').join(': ');
	return text === '' ? null : text;
}

/**
 * What the Quotation's state says about the proposal: still a draft → pending; cancelled → rejected;
 * declared lost → rejected with its reasons; submitted otherwise → approved (changed when the
 * total is not the proposed one, which counts as an override).
 */
export function deskDecision(quotation: QuotationState, proposal: Proposal): DeskDecision {
	const decidedBy = quotation.modified_by ? String(quotation.modified_by) : null;
	const money = submittedAmount(quotation, proposal);
	if (quotation.docstatus === 0) return { kind: 'pending' };
	if (quotation.docstatus === 2)
		return {
			kind: 'reject',
			outcome: 'cancelled',
			override: true,
			decidedBy,
			reason: null,
			...money,
		};
	if (quotation.status === 'Lost')
		return {
			kind: 'reject',
			outcome: 'lost',
			override: true,
			decidedBy,
			reason: lostReason(quotation),
			...money,
		};
	const changed =
		money.amount !== null &&
		proposal.amount !== null &&
		(money.amount !== proposal.amount || money.currency !== proposal.currency);
	return {
		kind: 'approve',
		outcome: changed ? 'approved_changed' : 'approved',
		override: changed,
		decidedBy,
		...money,
	};
}

/**
 * The human event of a decision taken at `decidedAt` (the Quotation's `modified`, as an instant):
 * `approve` / `decline` like a send-and-wait answer, channel `desk`, in the hand-off's decision point,
 * `duration_ms` from the proposal.
 */
export function deskDecisionEvent(
	decision: Exclude<DeskDecision, { kind: 'pending' }>,
	proposal: Proposal,
	decidedAt: string | Date,
	service: 'erpnext' | 'frappe_crm' = 'erpnext',
): MetricEvent {
	return humanDeskEvent(proposal, decidedAt, {
		decision: decision.kind === 'approve' ? 'approve' : 'decline',
		outcome: decision.outcome,
		lead_ref: proposal.lead_ref,
		deal_ref: proposal.deal_ref,
		quote_ref: proposal.quote_ref,
		service,
		amount: decision.amount,
		currency: decision.amount === null ? null : decision.currency,
		decided_by: decision.decidedBy,
		reason: decision.kind === 'reject' ? decision.reason : null,
	});
}

/** The decision point a desk proposal carries (quote or lead): where its events land. */
export interface DeskPoint {
	workflow: string;
	execution_id: string;
	step: string;
	proposed_at: string;
}

/**
 * The `actor: human` event of a desk decision taken at `decidedAt` (the record's `modified`, as an
 * instant), in the proposal's decision point, channel `desk`, `duration_ms` from the proposal; `fields`
 * are what the decision itself says. Made from the record alone: read twice, the same `eventId`.
 */
export function humanDeskEvent(
	point: DeskPoint,
	decidedAt: string | Date,
	fields: Omit<
		MetricEventInput,
		'occurred_at' | 'workflow' | 'execution_id' | 'step' | 'actor' | 'channel' | 'duration_ms'
	>,
): MetricEvent {
	const at = toUtcIso(decidedAt, 'decidedAt');
	const waited = Date.parse(at) - Date.parse(point.proposed_at);
	return makeEvent(
		{
			...fields,
			occurred_at: at,
			workflow: point.workflow,
			execution_id: point.execution_id,
			step: point.step,
			actor: 'human',
			channel: 'desk',
			duration_ms: waited >= 0 ? waited : null,
		},
		at,
	);
}

/**
 * An `actor: system` event of a desk approval that decides nothing (`approval_requested`,
 * `approval_pending`, `reminded`), at `now`, channel `desk`, in the decision point that asked.
 */
export function systemDeskEvent(
	point: Pick<DeskPoint, 'workflow' | 'execution_id' | 'step'>,
	outcome: string,
	fields: Pick<MetricEventInput, 'lead_ref' | 'deal_ref' | 'quote_ref' | 'service'>,
	now: string | Date,
): MetricEvent {
	return makeEvent(
		{
			...fields,
			workflow: point.workflow,
			execution_id: point.execution_id,
			step: point.step,
			actor: 'system',
			decision: null,
			outcome,
			channel: 'desk',
		},
		now,
	);
}

/** When a pending approval reminds its assignee and when it falls back to the default. */
export interface PendingPolicy {
	remindAfterHours: number;
	timeoutAfterHours: number;
}

/** What to do with an approval still pending at `now`; a timeout wins over a reminder. */
export function pendingStep(
	proposal: Pick<DeskPoint, 'proposed_at'>,
	now: string | Date,
	policy: PendingPolicy,
): 'wait' | 'remind' | 'timeout' {
	const waited = Date.parse(toUtcIso(now, 'now')) - Date.parse(proposal.proposed_at);
	if (policy.timeoutAfterHours > 0 && waited >= policy.timeoutAfterHours * 3_600_000)
		return 'timeout';
	if (policy.remindAfterHours > 0 && waited >= policy.remindAfterHours * 3_600_000) return 'remind';
	return 'wait';
}

/** The whole hours a proposal has waited at `now` (what a reminder and Check Pending's output say). */
export function waitedHours(proposal: Pick<DeskPoint, 'proposed_at'>, now: Date): number {
	return Math.floor((now.getTime() - Date.parse(proposal.proposed_at)) / 3_600_000);
}

/** The references a desk event carries (a lead review has only its lead). */
export type DeskRefs = Pick<MetricEventInput, 'lead_ref' | 'deal_ref' | 'quote_ref'>;

/**
 * The system event of a pending desk request (quote approval, lead review, …) that reached its time
 * limit, in the decision point that asked: `decision: timeout` (as a send-and-wait nobody answered), at
 * the instant the limit was reached, so two runs that both see it make the same event. `outcome` is the
 * default applied (`rejected`, `dismissed`, `accepted`, `waiting`); `reason` says more when set. Never sent.
 */
export function timeoutDeskEvent(
	point: DeskPoint,
	refs: DeskRefs,
	policy: PendingPolicy,
	outcome: string,
	service: 'erpnext' | 'frappe_crm',
	reason: string | null = null,
): MetricEvent {
	const limit = Date.parse(point.proposed_at) + policy.timeoutAfterHours * 3_600_000;
	const at = new Date(limit).toISOString();
	return makeEvent(
		{
			...refs,
			occurred_at: at,
			workflow: point.workflow,
			execution_id: point.execution_id,
			step: point.step,
			actor: 'system',
			decision: 'timeout',
			outcome,
			channel: 'desk',
			service,
			duration_ms: limit - Date.parse(point.proposed_at),
			...(reason === null ? {} : { reason }),
		},
		at,
	);
}

/**
 * The timeout event of a quote approval: `outcome` `rejected` (the ToDo or task is cancelled, nothing
 * is sent) or `waiting` (it stays open).
 */
export function pendingTimeoutEvent(
	proposal: Proposal,
	policy: PendingPolicy,
	fallback: 'reject' | 'keep',
	service: 'erpnext' | 'frappe_crm' = 'erpnext',
): MetricEvent {
	return timeoutDeskEvent(
		proposal,
		{ lead_ref: proposal.lead_ref, deal_ref: proposal.deal_ref, quote_ref: proposal.quote_ref },
		policy,
		fallback === 'reject' ? 'rejected' : 'waiting',
		service,
	);
}
