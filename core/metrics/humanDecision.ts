// Turns what n8n's send-and-wait nodes hand back (Slack, Gmail, Send Email, Teams, Telegram, …) into
// the `actor: human` event that answers a hand-off, so a human approval lands in the same decision
// point (execution, step, subject) as the AI decision that asked for it and the autonomy ratio counts
// it as "not autonomous". Shapes, as emitted by n8n-nodes-base 2.41:
//   approval:    { data: { approved: boolean, respondedAt } }          (Slack adds responder, channel, messageId)
//   free text:   { data: { text, respondedAt } }
//   custom form: { data: { <fields>, respondedAt } }
// What the node emits when its wait limit expires is not documented; any result without
// `data.respondedAt` is treated as "no answer" and recorded as a system `timeout` decision at `now`.
// A `data.approved` that is not a boolean (or "true"/"false") next to an answer time is an error
// naming it: the person did answer, so recording a timeout would miscount the autonomy ratio.
// Who answered is deliberately not recorded (the chat message keeps that); only that a person did.
import {
	MetricEventError,
	TIMEOUT_DECISION,
	makeEvent,
	toUtcIso,
	type MetricEvent,
	type MetricEventInput,
} from './event';

/** What a send-and-wait node returns (other fields pass through unread). */
export interface SendAndWaitResult {
	data?: {
		approved?: boolean | 'true' | 'false';
		respondedAt?: string;
		text?: string;
		responder?: { source?: string; [key: string]: unknown };
		[key: string]: unknown;
	};
	[key: string]: unknown;
}

export interface HumanDecisionContext {
	/** Used only when the result carries no answer (the wait expired). */
	now: string | Date;
	/** The hand-off event (`decision: review`) this answers: its workflow, execution, step and refs are reused. */
	handoff?: MetricEvent;
	workflow?: string;
	execution_id?: string;
	step?: string;
	lead_ref?: string | null;
	deal_ref?: string | null;
	quote_ref?: string | null;
	amount?: number | null;
	currency?: string | null;
	/** When the person was asked; defaults to the hand-off's `occurred_at`. Gives `duration_ms`. */
	requestedAt?: string | Date;
	/** Where the person was asked (`slack`, `email`, …); defaults to the responder's source if given. */
	channel?: string;
}

type Answer =
	| { kind: 'approval'; approved: boolean; respondedAt: string }
	| { kind: 'response'; respondedAt: string }
	| { kind: 'none' };

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the answer field by field, so a mistyped field beside a real answer time is named instead of
 * turning the whole answer into "no answer". Only `data.respondedAt` decides whether someone answered.
 */
function readAnswer(result: unknown): { answer: Answer; source: string | undefined } {
	const data = isRecord(result) && isRecord(result.data) ? result.data : undefined;
	const responder = data && isRecord(data.responder) ? data.responder : undefined;
	const source = typeof responder?.source === 'string' ? responder.source : undefined;
	const at = data?.respondedAt;
	if (typeof at !== 'string' || at === '') return { answer: { kind: 'none' }, source };
	const respondedAt = toUtcIso(at, 'data.respondedAt');
	const approved = data!.approved;
	if (approved === undefined) return { answer: { kind: 'response', respondedAt }, source };
	if (approved === true || approved === 'true')
		return { answer: { kind: 'approval', approved: true, respondedAt }, source };
	if (approved === false || approved === 'false')
		return { answer: { kind: 'approval', approved: false, respondedAt }, source };
	throw new MetricEventError('invalid answer', [
		{ path: 'data.approved', message: `expected true or false, got ${preview(approved)}` },
	]);
}

function preview(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function elapsedMs(from: string | undefined, to: string): number | null {
	if (from === undefined) return null;
	const ms = Date.parse(to) - Date.parse(from);
	return ms >= 0 ? ms : null;
}

/**
 * The event for a send-and-wait result: `actor: human` with decision `approve`/`decline` (approval
 * buttons) or `respond` (free text, custom form), at `respondedAt`; or, when nobody answered,
 * `actor: system` with decision `timeout` at `now`. `duration_ms` is the time the person took (or
 * the time waited) when the request time is known.
 */
export function humanDecisionEvent(result: unknown, ctx: HumanDecisionContext): MetricEvent {
	const { answer, source } = readAnswer(result);
	const handoff = ctx.handoff;
	const requestedAtInput = ctx.requestedAt ?? handoff?.occurred_at;
	const requestedAt =
		requestedAtInput === undefined ? undefined : toUtcIso(requestedAtInput, 'requestedAt');
	const nowIso = toUtcIso(ctx.now, 'now');

	const base: MetricEventInput = {
		workflow: ctx.workflow ?? handoff?.workflow ?? '',
		execution_id: ctx.execution_id ?? handoff?.execution_id ?? '',
		step: ctx.step ?? handoff?.step ?? '',
		actor: 'human',
		lead_ref: ctx.lead_ref !== undefined ? ctx.lead_ref : (handoff?.lead_ref ?? null),
		deal_ref: ctx.deal_ref !== undefined ? ctx.deal_ref : (handoff?.deal_ref ?? null),
		quote_ref: ctx.quote_ref !== undefined ? ctx.quote_ref : (handoff?.quote_ref ?? null),
		amount: ctx.amount !== undefined ? ctx.amount : (handoff?.amount ?? null),
		currency: ctx.currency !== undefined ? ctx.currency : (handoff?.currency ?? null),
		channel: ctx.channel ?? source?.toLowerCase() ?? null,
	};

	switch (answer.kind) {
		case 'approval':
			return makeEvent(
				{
					...base,
					occurred_at: answer.respondedAt,
					decision: answer.approved ? 'approve' : 'decline',
					outcome: answer.approved ? 'approved' : 'declined',
					duration_ms: elapsedMs(requestedAt, answer.respondedAt),
				},
				nowIso,
			);
		case 'response':
			return makeEvent(
				{
					...base,
					occurred_at: answer.respondedAt,
					decision: 'respond',
					outcome: 'responded',
					duration_ms: elapsedMs(requestedAt, answer.respondedAt),
				},
				nowIso,
			);
		case 'none':
			return makeEvent(
				{
					...base,
					actor: 'system',
					occurred_at: nowIso,
					decision: TIMEOUT_DECISION,
					outcome: TIMEOUT_DECISION,
					duration_ms: elapsedMs(requestedAt, nowIso),
				},
				nowIso,
			);
	}
}
