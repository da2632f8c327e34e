// Turns what n8n's send-and-wait nodes hand back (Slack, Gmail, Send Email, Teams, Telegram, …) into
// the `actor: human` event that answers a hand-off, so a human approval lands in the same decision
// point (execution, step, subject) as the AI decision that asked for it and the autonomy ratio counts
// it as "not autonomous". Shapes, as emitted by n8n-nodes-base 2.41:
//   approval:    { data: { approved: boolean, respondedAt } }          (Slack adds responder, channel, messageId)
//   free text:   { data: { text, respondedAt } }
//   custom form: { data: { <fields>, respondedAt } }
// What the node emits when its wait limit expires is not documented; any result without
// `data.respondedAt` is treated as "no answer" and recorded as a system `timeout` decision at `now`.
// Who answered is deliberately not recorded (the chat message keeps that); only that a person did.
import { z } from 'zod/v4';

import {
	TIMEOUT_DECISION,
	makeEvent,
	toUtcIso,
	type MetricEvent,
	type MetricEventInput,
} from './event';

const SendAndWaitResultSchema = z.looseObject({
	data: z
		.looseObject({
			approved: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
			respondedAt: z.string().optional(),
			text: z.string().optional(),
			responder: z.looseObject({ source: z.string().optional() }).optional(),
		})
		.optional(),
});
export type SendAndWaitResult = z.input<typeof SendAndWaitResultSchema>;

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

function readAnswer(result: unknown): { answer: Answer; source: string | undefined } {
	const parsed = SendAndWaitResultSchema.safeParse(result);
	const data = parsed.success ? parsed.data.data : undefined;
	const source = data?.responder?.source;
	if (!data?.respondedAt) return { answer: { kind: 'none' }, source };
	const respondedAt = toUtcIso(data.respondedAt, 'data.respondedAt');
	if (data.approved !== undefined) {
		const approved = data.approved === true || data.approved === 'true';
		return { answer: { kind: 'approval', approved, respondedAt }, source };
	}
	return { answer: { kind: 'response', respondedAt }, source };
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
