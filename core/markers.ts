// Every `ltc-…` marker the package leaves in a system of record, in one place. A marker is how a step
// finds, in ERPNext or Mautic, that it already did its work (ADR 0019: the system of record is the
// lock, not n8n's memory), so a retried item, a second worker or a replayed webhook does not write or
// send twice. Each kind has one maker here and one pattern; the patterns never match each other's
// markers (tests/core/markers.test.mts), so a search for one kind never finds another.
//
// | kind                | format                                   | kept in                                              |
// |---------------------|------------------------------------------|------------------------------------------------------|
// | send                | ltc-<step>-<email|sms>-<12 hex>          | Mautic contact tag; ERPNext Communication "[key via delivery]" |
// | sequence stop       | ltc-stop-c<campaign id>                  | Mautic contact tag                                   |
// | quotation           | ltc-quote-<24 hex>                       | Quotation custom field (unique)                      |
// | qualification       | ltc-qualify-<16 hex>                     | Comment on the Lead                                  |
// | deal risk           | ltc-deal-risk-<16 hex>                   | Comment on the Opportunity                           |
// | risk to-do          | [ltc-risk <deal> <signal>]               | ToDo / CRM Task description (a deal decision, 0046)  |
// | approval request    | [ltc-approval <base64url JSON>]          | ToDo description (core/approvals/deskApproval.ts)    |
// | approval notice     | ltc-approval-<reminder|timeout>-<ToDo>   | Comment on the Quotation (a reminder, a timeout)     |
// | approval decided    | ltc-approval-decided-<ToDo or CRM Task>  | lead review ToDo (0039), CRM Task (0041), deal (0046)|
// | approval applying   | ltc-approval-applying-<ToDo or CRM Task> | a decided task whose propose-only values are owed    |
// | approval applied    | ltc-approval-applied-<ToDo or CRM Task>  | the same task once they were written (0048)          |
// | lead review task    | ltc-lead-review-<12 hex>-<n>             | CRM Task custom field (unique, ADR 0047)             |
import { createHash } from 'crypto';

/** The pattern of each marker kind (whole marker, anchored). */
export const MARKER_PATTERNS = {
	send: /^ltc-[a-z0-9-]+-(email|sms)-[0-9a-f]{12}$/,
	sequenceStop: /^ltc-stop-c\d+$/,
	quotation: /^ltc-quote-[0-9a-f]{24}$/,
	qualification: /^ltc-qualify-[0-9a-f]{16}$/,
	dealRisk: /^ltc-deal-risk-[0-9a-f]{16}$/,
	riskTodo: /^\[ltc-risk \S+ [a-z0-9_]+\]$/,
	approval: /^\[ltc-approval [A-Za-z0-9_-]+\]$/,
	approvalNotice: /^ltc-approval-(reminder|timeout|decided|applying|applied)-[A-Za-z0-9]+$/,
	leadReviewTask: /^ltc-lead-review-[0-9a-f]{12}-\d+$/,
} as const;
export type MarkerKind = keyof typeof MARKER_PATTERNS;

/** The marker kind `text` is, or null when it is none of ours. */
export function markerKind(text: string): MarkerKind | null {
	for (const [kind, pattern] of Object.entries(MARKER_PATTERNS)) {
		if (pattern.test(text)) return kind as MarkerKind;
	}
	return null;
}

/** Every marker of `kind` written anywhere in `text` (e.g. inside a Comment's HTML), in order. */
export function findMarkers(text: string, kind: MarkerKind): string[] {
	const source = MARKER_PATTERNS[kind].source.replace(/^\^/, '').replace(/\$$/, '');
	return [...text.matchAll(new RegExp(source, 'g'))].map((m) => m[0]);
}

function sha256Hex(text: string, length: number): string {
	return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);
}

const STEP_SLUG_MAX = 16;

function stepSlug(step: string): string {
	const slug = step
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, STEP_SLUG_MAX)
		.replace(/-+$/g, '');
	return slug === '' ? 's' : slug;
}

/**
 * One send of one sequence step to one lead on one channel: `ltc-<step>-<channel>-<hash>`.
 * `step` is the step name lower-cased, every run outside [a-z0-9] one `-`, trimmed, cut to 16
 * characters (`Day 2` → `day-2`; `s` when nothing is left); the hash is the first 12 hex digits of
 * SHA-256 over lead, step and channel joined by U+001F. The lead is only inside the hash, so the tag
 * leaks no identifier, and steps whose slugs collide (`Day 2` / `day_2`) still differ. At most 39
 * characters, lower case, no spaces or commas, never starting with `-` (which Mautic reads as
 * "remove"): safe as a Mautic tag.
 */
export function sendMarker(leadRef: string, step: string, channel: 'email' | 'sms'): string {
	const digest = sha256Hex([leadRef, step, channel].join('\u001f'), 12);
	return `ltc-${stepSlug(step)}-${channel}-${digest}`;
}

/** Left on a Mautic contact by "Stop Sequence", so a re-run does not enroll it again. */
export function sequenceStopMarker(campaignId: number): string {
	return `ltc-stop-c${campaignId}`;
}

/**
 * One quote for one party: the party, the company and the request as written (whitespace folded), or
 * the user's own key (e.g. the inbound message id) when one is given. Only inputs count, never the
 * quote itself, so a retried item finds its Quotation even when a price or a pick changed in between.
 */
export function quotationMarker(
	target: { partyType: string; party: string; company: string; requestText: string },
	userKey?: string,
): string {
	const parts = userKey
		? ['user', userKey]
		: [
				target.partyType,
				target.party,
				target.company,
				target.requestText.replace(/\s+/g, ' ').trim(),
			];
	return `ltc-quote-${sha256Hex(JSON.stringify(parts), 24)}`;
}

/** One qualification of one lead: the same result written twice gives the same marker. */
export function qualificationMarker(
	leadRef: string,
	result: {
		score: number;
		route: string;
		engine: string;
		reasons: ReadonlyArray<{ factor: string; points: number }>;
	},
): string {
	const digest = sha256Hex(
		JSON.stringify([
			leadRef,
			result.score,
			result.route,
			result.engine,
			result.reasons.map((r) => [r.factor, r.points]),
		]),
		16,
	);
	return `ltc-qualify-${digest}`;
}

/** One risk assessment of one deal: the same assessment twice gives the same marker. */
export function dealRiskMarker(
	deal: string,
	assessment: {
		riskScore: number;
		level: string;
		signals: ReadonlyArray<{ code: string; severity: string }>;
	},
): string {
	const digest = sha256Hex(
		JSON.stringify([
			deal,
			assessment.riskScore,
			assessment.level,
			assessment.signals.map((s) => [s.code, s.severity]),
		]),
		16,
	);
	return `ltc-deal-risk-${digest}`;
}

/** Ties a ToDo to one deal and signal: `[ltc-risk CRM-OPP-2026-00042 close_date_passed]`. */
export function riskTodoMarker(deal: string, signal: string): string {
	return `[ltc-risk ${deal} ${signal}]`;
}

/**
 * Ties a ToDo to the proposal a person is asked to decide: `[ltc-approval <payload>]`, where the payload
 * is the proposal's JSON in base64url (no HTML or Markdown character, so the desk's sanitiser keeps it
 * as written). core/approvals/deskApproval.ts makes and reads the payload.
 */
export function approvalMarker(payload: string): string {
	return `[ltc-approval ${Buffer.from(payload, 'utf8').toString('base64url')}]`;
}

/** The payload of an approval marker, or undefined when it is not valid base64url. */
export function approvalPayload(marker: string): string | undefined {
	const match = /^\[ltc-approval ([A-Za-z0-9_-]+)\]$/.exec(marker);
	return match ? Buffer.from(match[1], 'base64url').toString('utf8') : undefined;
}

/**
 * One reminder, or one timeout, of one approval ToDo: `ltc-approval-reminder-<ToDo name>`; `decided`
 * marks a lead review ToDo (ADR 0039), a Frappe CRM approval task (ADR 0041) or a deal-risk task (ADR
 * 0046) whose decision the workflow took; `applying` is written with `decided` when that decision owes
 * propose-only values, `applied` once they are written (ADR 0048), so a retry after a crash between the
 * two writes them and a later run does not.
 */
export function approvalNoticeMarker(
	kind: 'reminder' | 'timeout' | 'decided' | 'applying' | 'applied',
	todo: string,
): string {
	return `ltc-approval-${kind}-${todo.replace(/[^A-Za-z0-9]/g, '')}`;
}

/**
 * The n-th review task of one Frappe CRM lead (ADR 0047): `ltc-lead-review-<12 hex of the lead>-<n>`,
 * held in a unique CRM Task field, so two processes that ask for the same review insert one task.
 */
export function leadReviewTaskKey(lead: string, n: number): string {
	return `ltc-lead-review-${sha256Hex(lead, 12)}-${n}`;
}
