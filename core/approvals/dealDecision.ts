// A deal-risk action decided where the seller works (issue 19, ADR 0046). The Deal Monitor's task for a
// critical deal (an ERPNext ToDo on the Opportunity, a Frappe CRM CRM Task on the CRM Deal), and in
// propose-only mode the task that holds the AI field values it did not write, is the request: it shows
// the proposed next action and the AI's reasons, escaped, and carries the proposal in an approval marker
// (core/markers.ts). The person decides with the gestures their desk already has:
// - **accept**: close the task (ERPNext: the ToDo's Close, status Closed; Frappe CRM: status Done);
// - **override**: choose another next action first (ERPNext: the Opportunity's *Reviewed Next Action*
//   field; Frappe CRM: the task's title, edited in the task modal), then close the task;
// - **dismiss**: ERPNext: remove the assignment (status Cancelled); Frappe CRM: status Canceled.
// This module decides what the task says and what its closed state means, without I/O or clock:
// `dealDecisionNote` / `dealTaskTitle`, `readDealProposal`, `dealDecision`, `dealDecisionEvent`, and
// whether a closed task still answers the next scan (`answeredTasks`, `askAgain`).
import { z } from 'zod/v4';

import { approvalMarker, approvalNoticeMarker, riskTodoMarker } from '../markers';
import { escapeHtml } from '../html';
import { riskWorsened, type DealAssessment } from '../dealRisk';
import { DAY_MS, instantOf, zoneOffsetMs } from '../dealRisk/erpDates';
import type { MetricEvent } from '../metrics/event';
import {
	clip,
	DECISION_POINT,
	humanDeskEvent,
	ProposedFieldsSchema,
	readMarkedProposal,
	shownReasons,
} from './deskApproval';
import { reviewVerdict } from './leadDecision';

/** The Opportunity's field a reviewer sets to choose another next action than the AI's (ERPNext). */
export const REVIEWED_NEXT_ACTION_FIELD = 'custom_ai_reviewed_next_action';

/** CRM Task `title` is a Data field (140 characters, frappe/crm crm_task.json). */
const TITLE_LENGTH = 140;
const ACTION_LENGTH = 500;

export const DealProposalSchema = z
	.object({
		v: z.literal(1),
		kind: z.literal('deal_risk'),
		/** The assessment's decision point (the Deal Monitor's execution, step `deal_risk`). */
		...DECISION_POINT,
		service: z.enum(['erpnext', 'frappe_crm']),
		deal_ref: z.string().min(1).max(140),
		lead_ref: z.string().min(1).max(140).nullable(),
		/** When the person was asked (the task was made), UTC ISO. */
		proposed_at: z.iso.datetime({ offset: true }),
		/** The signal the action answers (the task's `[ltc-risk <deal> <signal>]` marker). */
		signal: z.string().regex(/^[a-z0-9_]+$/),
		/**
		 * Every signal of the assessment, most severe first: what a closed task answered, so the next scan
		 * can tell a new signal from the same ones (absent on tasks made before it was added: the signal).
		 */
		signals: z
			.array(z.string().regex(/^[a-z0-9_]+$/))
			.max(40)
			.optional(),
		level: z.enum(['low', 'medium', 'high', 'critical']),
		risk_score: z.number().int().min(0).max(100),
		/** The proposed next action, and the CRM Task title it was written as (Frappe CRM's override). */
		action: z.string().min(1).max(ACTION_LENGTH),
		title: z.string().min(1).max(TITLE_LENGTH),
		priority: z.enum(['High', 'Medium', 'Low']),
		due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
		/** Propose-only mode: the AI field values not written, applied on acceptance. */
		fields: ProposedFieldsSchema.nullable(),
	})
	.strict();
export type DealProposal = z.infer<typeof DealProposalSchema>;

/** The next action as a task title: one line within the title's 140 characters. */
export function dealTaskTitle(action: string): string {
	return clip(action, TITLE_LENGTH);
}

/** The proposed next action as the proposal keeps it (one line, at most 500 characters). */
export function proposalAction(action: string): string {
	return clip(action, ACTION_LENGTH);
}

/** How the person decides, in the words of each desk. */
const HOW_TO_DECIDE = {
	erpnext:
		'To accept it, close this ToDo. To choose another next action, write it in <em>Reviewed Next Action</em> on the Opportunity first, then close this ToDo. To dismiss it, remove the assignment.',
	frappe_crm:
		'To accept it, set this task to Done. To choose another next action, change the task title to it, then set the task to Done. To dismiss it, set the task to Canceled.',
} as const;

/**
 * The task description: the proposed action, how to decide, the values propose-only mode did not
 * write and the reasons, all escaped (deal and contact names are untrusted), then the risk marker (the
 * Deal Monitor's one task per deal and signal) and the proposal in an approval marker.
 */
export function dealDecisionNote(
	proposal: DealProposal,
	rationale: string,
	reasons: readonly string[],
	proposeOnlyReason: string | null = null,
): string {
	const p = DealProposalSchema.parse(proposal);
	const shown = shownReasons(reasons);
	const record = p.service === 'erpnext' ? 'Opportunity' : 'deal';
	const lines = [
		`<p><strong>Deal ${escapeHtml(p.deal_ref)} is at ${p.level} risk (${p.risk_score}/100)</strong>: the AI proposes the next action <strong>${escapeHtml(p.action)}</strong> (${p.priority}, due ${p.due}).</p>`,
		`<p>${escapeHtml(clip(rationale, 500))}</p>`,
		`<p>${HOW_TO_DECIDE[p.service]}</p>`,
	];
	if (p.fields) {
		const rows = Object.entries(p.fields)
			.map(
				([field, value]) =>
					`<li>${escapeHtml(field)}: ${escapeHtml(clip(String(value), 500))}</li>`,
			)
			.join('');
		lines.push(
			`<p>Propose-only mode${proposeOnlyReason ? ` (${escapeHtml(proposeOnlyReason)})` : ''}: nothing was written to the ${record}. Accepting (or choosing another next action) writes these values once; dismissing writes nothing:</p><ul>${rows}</ul>`,
		);
	}
	lines.push(
		shown.length === 0
			? '<p>Reasons: none given.</p>'
			: `<p>Reasons:</p><ul>${shown.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`,
		`<p>${escapeHtml(riskTodoMarker(p.deal_ref, p.signal))}</p>`,
		`<p>${approvalMarker(JSON.stringify(p))}</p>`,
	);
	return lines.join('\n');
}

/** The deal proposal in a task description, or undefined when it carries no valid one. */
export function readDealProposal(description: unknown): DealProposal | undefined {
	return readMarkedProposal(description, DealProposalSchema);
}

/** How the task was closed, as each desk says it (the adapter maps ToDo and CRM Task statuses). */
export type TaskClosing = 'open' | 'closed' | 'dismissed';

/** ERPNext ToDo: Closed (its Close button), Cancelled (the assignment removed), else open. */
export function todoClosing(status: unknown): TaskClosing {
	return status === 'Closed' ? 'closed' : status === 'Cancelled' ? 'dismissed' : 'open';
}

/** Frappe CRM CRM Task: Done, Canceled, else (Backlog, Todo, In Progress) open. */
export function crmTaskClosing(status: unknown): TaskClosing {
	return status === 'Done' ? 'closed' : status === 'Canceled' ? 'dismissed' : 'open';
}

export type DealDecision =
	| { kind: 'pending' }
	| { kind: 'accept' | 'override'; action: string; override: boolean; decidedBy: string | null }
	| { kind: 'dismiss'; override: true; decidedBy: string | null };

/** Text compared as a person reads it: whitespace folded, case ignored. */
function same(a: string, b: string): boolean {
	const fold = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
	return fold(a) === fold(b);
}

/**
 * What the closed task says: open → pending; dismissed → dismiss; closed → override when `chosen` (the
 * Reviewed Next Action on ERPNext, the task title on Frappe CRM) is set and differs from the proposal's
 * action and title, else accept.
 */
export function dealDecision(
	closing: TaskClosing,
	chosen: unknown,
	proposal: DealProposal,
	decidedBy: unknown,
): DealDecision {
	const by = typeof decidedBy === 'string' && decidedBy !== '' ? decidedBy : null;
	if (closing === 'open') return { kind: 'pending' };
	if (closing === 'dismissed') return { kind: 'dismiss', override: true, decidedBy: by };
	const text = typeof chosen === 'string' ? proposalAction(chosen) : '';
	if (text !== '' && !same(text, proposal.action) && !same(text, proposal.title))
		return { kind: 'override', action: text, override: true, decidedBy: by };
	return { kind: 'accept', action: proposal.action, override: false, decidedBy: by };
}

/**
 * The human event of a decision taken at `decidedAt` (the task's `modified` when it was closed), in the
 * assessment's decision point, channel `desk`, in the review vocabulary (ADR 0039): accept =
 * `approve`/`approved`, override = `approve`/`approved_changed` with the chosen action in `reason`,
 * dismiss = `decline`/`dismissed`. Made from the record alone: read twice, the same `eventId`.
 */
export function dealDecisionEvent(
	decision: Exclude<DealDecision, { kind: 'pending' }>,
	proposal: DealProposal,
	decidedAt: string | Date,
): MetricEvent {
	return humanDeskEvent(proposal, decidedAt, {
		...reviewVerdict(decision.kind),
		deal_ref: proposal.deal_ref,
		lead_ref: proposal.lead_ref,
		service: proposal.service,
		score: proposal.risk_score,
		decided_by: decision.decidedBy,
		reason:
			decision.kind === 'override'
				? clip(`next action "${decision.action}" instead of "${proposal.action}"`, 300)
				: null,
	});
}

// ---- a closed task is remembered (ADR 0046, amended) ----

/** Days a closed or dismissed task answers the same deal and signal, unless the deal gets worse. */
export const DEFAULT_ASK_AGAIN_DAYS = 14;

/** A deal-risk task a person closed or dismissed, as the record holds it. */
export interface AnsweredTask {
	/** The task's name (ToDo or CRM Task). */
	task: string;
	proposal: DealProposal;
	closing: Exclude<TaskClosing, 'open'>;
	/** When it was answered: the task's last change (`modified`), epoch milliseconds. */
	answeredMs: number;
}

/**
 * The answered deal-risk tasks among a deal's tasks (every status, as listed): closed or dismissed, with
 * a valid deal proposal of this deal and service, and a readable `modified` (a naive datetime in the
 * site's zone). A task made without a proposal (before ADR 0046) answers nothing: it asked nothing; nor
 * does one Check Pending's default closed at its time limit (its timeout marker, ADR 0048).
 */
export function answeredTasks(
	tasks: readonly Readonly<Record<string, unknown>>[],
	closingOf: (status: unknown) => TaskClosing,
	deal: string,
	service: DealProposal['service'],
	timeZone: string,
	nowMs: number,
): AnsweredTask[] {
	const offsetMs = zoneOffsetMs(timeZone, nowMs);
	const out: AnsweredTask[] = [];
	for (const t of tasks) {
		const closing = closingOf(t.status);
		if (closing === 'open' || typeof t.modified !== 'string') continue;
		const proposal = readDealProposal(t.description);
		if (!proposal || proposal.deal_ref !== deal || proposal.service !== service) continue;
		// Closed by Check Pending's default at its time limit (ADR 0048): nobody answered it.
		if (String(t.description).includes(approvalNoticeMarker('timeout', String(t.name ?? ''))))
			continue;
		const answeredMs = instantOf(t.modified, offsetMs);
		if (Number.isNaN(answeredMs)) continue;
		out.push({ task: String(t.name ?? ''), proposal, closing, answeredMs });
	}
	return out;
}

export type AskAgain =
	| {
			ask: true;
			/** Why an earlier answer no longer holds (the deal got worse), or null when none applied. */
			why: string | null;
	  }
	| {
			ask: false;
			/** The task whose answer holds, how it was answered, and until when (UTC ISO). */
			task: string;
			closing: AnsweredTask['closing'];
			until: string;
	  };

/**
 * Whether a new task for `signal` is made, given the deal's answered tasks: the latest answer for the
 * same signal holds for `days` days from when it was given, unless the assessment is materially worse
 * than the one it answered (core/dealRisk riskWorsened: a higher level or a new signal). Accepted,
 * overridden and dismissed answers hold alike: each is the owner's answer to that assessment. `days` 0
 * asks again on every scan (the behaviour before the answer was remembered).
 */
export function askAgain(
	answered: readonly AnsweredTask[],
	signal: string,
	assessment: DealAssessment,
	nowMs: number,
	days: number,
): AskAgain {
	let latest: AnsweredTask | undefined;
	for (const a of answered)
		if (a.proposal.signal === signal && (!latest || a.answeredMs > latest.answeredMs)) latest = a;
	if (!latest || days <= 0) return { ask: true, why: null };
	const untilMs = latest.answeredMs + days * DAY_MS;
	if (nowMs >= untilMs) return { ask: true, why: `${days} days since ${latest.task} was answered` };
	const worse = riskWorsened(
		{ level: latest.proposal.level, signals: latest.proposal.signals ?? [latest.proposal.signal] },
		assessment,
	);
	if (worse) return { ask: true, why: worse };
	return {
		ask: false,
		task: latest.task,
		closing: latest.closing,
		until: new Date(untilMs).toISOString(),
	};
}
