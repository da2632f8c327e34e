// The autonomy metric event: one record per decision or action the pipeline takes, with who took it
// (ai, human or system), what was decided and what came of it. Every dashboard number is computed from
// these rows, so the shape is declared once here and checked wherever an event is made or read back
// from an n8n item. An event is a *decision* when `decision` is set and an *action* when it is null
// (docs/metrics.md defines which decisions count towards autonomy). Money follows the project rule:
// `amount` is integer minor units with its ISO 4217 `currency`; `cost_usd` is LLM spend measured in
// US dollars, kept to micro-dollar resolution. Pure: `now` is passed in.
import { createHash } from 'crypto';
import { z } from 'zod/v4';

import { isIsoCurrency } from '../money';

export const ACTORS = ['ai', 'human', 'system'] as const;
export type Actor = (typeof ACTORS)[number];

/** A decision that hands the case to a person: approval wanted (`review`) or a person takes over (`handoff`). */
export const HANDOFF_DECISIONS = ['review', 'handoff'] as const;
/** The decision recorded when a human was asked and did not answer before the wait limit. */
export const TIMEOUT_DECISION = 'timeout';

/** Steps the package's nodes emit; other tokens are accepted so custom workflows can add their own. */
export const KNOWN_STEPS = [
	'lead_intake',
	'qualify',
	'quote',
	'outreach',
	'engagement',
	'sequence',
	'deal_risk',
	'close',
] as const;

const MAX_ERROR_LENGTH = 1000;
const COST_RESOLUTION = 1_000_000;

/** Lower-case machine token: `qualify`, `auto_approve`, `quote_expiring`, `erpnext`. */
const TokenSchema = z
	.string()
	.max(64)
	.regex(/^[a-z][a-z0-9_.-]*$/, 'must be a lower-case token such as "qualify" or "auto_approve"');
/** A record reference in a system of record (ERPNext `CRM-LEAD-2026-00042`, `SAL-QTN-2026-00007`). */
const RefSchema = z.string().min(1).max(140);
const CountSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const MetricEventSchema = z
	.object({
		occurred_at: z.iso.datetime({ offset: true }),
		workflow: z.string().min(1).max(200),
		execution_id: z.string().min(1).max(100),
		step: TokenSchema,
		actor: z.enum(ACTORS),
		decision: TokenSchema.nullable(),
		outcome: TokenSchema.nullable(),
		lead_ref: RefSchema.nullable(),
		deal_ref: RefSchema.nullable(),
		quote_ref: RefSchema.nullable(),
		channel: TokenSchema.nullable(),
		/** External system that handled an action (`erpnext`, `inventree`, `mautic`, `anthropic`). */
		service: TokenSchema.nullable(),
		/** Lead or fit score, 0–100. */
		score: z.number().min(0).max(100).nullable(),
		confidence: z.number().min(0).max(1).nullable(),
		/** Integer minor units of `currency` (cents for USD), never a float of major units. */
		amount: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).nullable(),
		currency: z
			.string()
			.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"')
			.refine(isIsoCurrency, 'must be an ISO 4217 code such as "EUR"')
			.nullable(),
		duration_ms: CountSchema.nullable(),
		tokens_in: CountSchema.nullable(),
		tokens_out: CountSchema.nullable(),
		cost_usd: z.number().min(0).max(1_000_000).nullable(),
		error: z.string().min(1).max(MAX_ERROR_LENGTH).nullable(),
		// Added in issue 19: an event made before them (a paused send-and-wait resumed after the upgrade, an
		// old execution retried) has neither, and reads as null.
		/** Who took a human decision, as the system of record names the user (ERPNext `modified_by`). */
		decided_by: RefSchema.nullable().default(null),
		/** Why a person decided as they did (a Quotation's lost reasons); null when none was given. */
		reason: z.string().min(1).max(MAX_ERROR_LENGTH).nullable().default(null),
	})
	.strict()
	.superRefine((event, ctx) => {
		if (event.amount !== null && event.currency === null) {
			ctx.addIssue({
				code: 'custom',
				path: ['currency'],
				message: 'an amount needs its ISO 4217 currency',
			});
		}
	});
export type MetricEvent = z.infer<typeof MetricEventSchema>;

/** Column order of the event; also the SQL column order of `ltc_events` (after `event_id`). */
export const METRIC_EVENT_FIELDS = [
	'occurred_at',
	'workflow',
	'execution_id',
	'step',
	'actor',
	'decision',
	'outcome',
	'lead_ref',
	'deal_ref',
	'quote_ref',
	'channel',
	'service',
	'score',
	'confidence',
	'amount',
	'currency',
	'duration_ms',
	'tokens_in',
	'tokens_out',
	'cost_usd',
	'error',
	'decided_by',
	'reason',
] as const satisfies ReadonlyArray<keyof MetricEvent>;

/**
 * Fields added after events were first stored (issue 19). `eventId` hashes them only when one is set,
 * so every event made before them keeps its id (a retried old execution still stores nothing twice).
 */
const LATER_FIELDS: ReadonlyArray<keyof MetricEvent> = ['decided_by', 'reason'];

type IdentifyingField = 'workflow' | 'execution_id' | 'step' | 'actor';
/** What a caller provides: the four identifying fields, everything else optional. */
export type MetricEventInput = Pick<MetricEvent, IdentifyingField> &
	Partial<Omit<MetricEvent, IdentifyingField | 'occurred_at'>> & { occurred_at?: string | Date };

export class MetricEventError extends Error {
	readonly issues: ReadonlyArray<{ path: string; message: string }>;

	constructor(context: string, issues: ReadonlyArray<{ path: string; message: string }>) {
		const detail = issues.map((issue) => `${issue.path || '(event)'}: ${issue.message}`).join('; ');
		super(`${context}: ${detail}`);
		this.name = 'MetricEventError';
		this.issues = issues;
	}
}

/** Turns zod issues into `path: message` pairs, with `prefix` in front of each path. */
export function describeIssues(
	error: z.ZodError,
	prefix = '',
): Array<{ path: string; message: string }> {
	return error.issues.map((issue) => ({
		path: [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
		message: issue.message,
	}));
}

/** Parses an instant (ISO string with offset, or Date) and returns it as UTC ISO with milliseconds. */
export function toUtcIso(value: string | Date, what: string): string {
	const parsed = typeof value === 'string' ? new Date(value) : value;
	const ok =
		!Number.isNaN(parsed.getTime()) &&
		(typeof value !== 'string' || z.iso.datetime({ offset: true }).safeParse(value).success);
	if (!ok) {
		throw new MetricEventError('invalid instant', [
			{
				path: what,
				message: `expected an ISO 8601 date-time with offset, got ${JSON.stringify(String(value))}`,
			},
		]);
	}
	return parsed.toISOString();
}

function truncate(text: string): string {
	return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/**
 * Builds a validated event. Missing optional fields become null, `occurred_at` defaults to `now` and is
 * normalised to UTC, `cost_usd` is rounded to micro-dollars and an over-long error message is cut.
 * Throws `MetricEventError` naming each field that does not fit.
 */
export function makeEvent(partial: MetricEventInput, now: string | Date): MetricEvent {
	const candidate: Record<string, unknown> = {};
	for (const field of METRIC_EVENT_FIELDS) candidate[field] = null;
	for (const [key, value] of Object.entries(partial)) {
		if (value !== undefined) candidate[key] = value;
	}
	candidate.occurred_at = toUtcIso(partial.occurred_at ?? now, 'occurred_at');
	if (typeof candidate.cost_usd === 'number' && Number.isFinite(candidate.cost_usd)) {
		candidate.cost_usd = Math.round(candidate.cost_usd * COST_RESOLUTION) / COST_RESOLUTION;
	}
	for (const field of ['error', 'reason'] as const) {
		const text = candidate[field];
		if (typeof text === 'string') candidate[field] = text.trim() === '' ? null : truncate(text);
	}
	const parsed = MetricEventSchema.safeParse(candidate);
	if (!parsed.success) {
		throw new MetricEventError(
			`invalid metric event for step ${JSON.stringify(partial.step)}`,
			describeIssues(parsed.error),
		);
	}
	return parsed.data;
}

/** True when the event records a decision (as opposed to an action). */
export function isDecision(event: MetricEvent): boolean {
	return event.decision !== null;
}

/** True when the decision hands the case to a person. */
export function isHandoff(event: MetricEvent): boolean {
	return (
		event.decision !== null && (HANDOFF_DECISIONS as readonly string[]).includes(event.decision)
	);
}

/**
 * A stable id for the event: the SHA-256 of its fields in column order (instant normalised to UTC).
 * The same event carried by several items, or re-sent by a retried execution, gets the same id, so
 * storing it twice is a no-op (`ltc_events.event_id` is unique).
 */
export function eventId(event: MetricEvent): string {
	const later = LATER_FIELDS.some((field) => event[field] !== null);
	const values = METRIC_EVENT_FIELDS.filter((field) => later || !LATER_FIELDS.includes(field)).map(
		(field) => (field === 'occurred_at' ? new Date(event.occurred_at).toISOString() : event[field]),
	);
	return createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 32);
}
