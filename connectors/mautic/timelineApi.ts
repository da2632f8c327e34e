// A Mautic contact's timeline (GET /api/contacts/{id}/activity) and the engagement counted from it:
// sends, opens, clicks on the email's tracked links, replies and failures since an instant. Mautic
// pages the timeline per event type, so paging here follows maxPages and full types, not dates.
import type { QueryValue } from '../http';
import { requireId } from './api';
import type { MauticApi } from './api';
import { parseMauticDate } from './dates';
import { ActivityPageSchema } from './schemas';
import type { ActivityEvent } from './schemas';

export interface ActivityOptions {
	/** Timeline event types, e.g. `email.sent`, `email.read`, `email.replied`, `email.failed`. */
	includeEvents?: readonly string[];
	/** Only events at or after this instant (ISO 8601). */
	since?: string;
	/** Events per page; default 25 (Mautic's). */
	pageSize?: number;
	/** Stop after this many events. */
	limit?: number;
}

/** Engagement of one contact since an instant, from the timeline (for "Sync engagement"). */
export interface Engagement {
	contactId: number;
	since: string | null;
	sent: number;
	opened: number;
	clicked: number;
	replied: number;
	failed: number;
	lastSentAt: string | null;
	lastOpenedAt: string | null;
	lastClickedAt: string | null;
	lastRepliedAt: string | null;
	/** The events counted (website page hits are not among them). */
	events: ActivityEvent[];
}

/**
 * Timeline event types read by `engagement`. A click on a tracked link of an email is a `page.hit`
 * whose `details.hit.source` is `email` (mautic/mautic 5.1.0 PageModel::processPageHit takes it from
 * the trackable's channel); every other page hit (website visits through mtc.js, landing pages) is
 * not a click on our message and is left out.
 */
export const ENGAGEMENT_EVENTS = {
	sent: 'email.sent',
	opened: 'email.read',
	replied: 'email.replied',
	failed: 'email.failed',
	clicked: 'page.hit',
} as const;

/**
 * True for a page.hit that is a click on a tracked link of an email: its hit's `source` is `email`
 * (page_hits.source, set from the trackable's channel; `details.hit` in the API's timeline).
 */
export function isEmailClick(event: ActivityEvent): boolean {
	if (event.event !== ENGAGEMENT_EVENTS.clicked) return false;
	const details = event.details;
	const hit =
		details && typeof details === 'object' ? (details as { hit?: unknown }).hit : undefined;
	return !!hit && typeof hit === 'object' && (hit as { source?: unknown }).source === 'email';
}

type EngagementKind = keyof typeof ENGAGEMENT_EVENTS;

/** Which count an event type adds to. */
const KIND_OF_EVENT = new Map<string, EngagementKind>(
	Object.entries(ENGAGEMENT_EVENTS).map(([kind, type]) => [type, kind as EngagementKind]),
);

/** Which "last at" instant a kind of event moves (a failure moves none). */
const LAST_AT: Record<
	EngagementKind,
	'lastSentAt' | 'lastOpenedAt' | 'lastClickedAt' | 'lastRepliedAt' | undefined
> = {
	sent: 'lastSentAt',
	opened: 'lastOpenedAt',
	clicked: 'lastClickedAt',
	replied: 'lastRepliedAt',
	failed: undefined,
};

/** Epoch ms of a Mautic date or an ISO instant (connectors/mautic/dates.ts: zone-less text is UTC). */
function instant(value: string | null | undefined): number | undefined {
	return parseMauticDate(value)?.getTime();
}

/**
 * The contact's timeline events (`since` and later when given), page by page. Mautic pages the
 * timeline PER EVENT TYPE: page n holds up to `pageSize` events of each type, merged and sorted
 * (mautic/mautic 5.1.0 LeadTimelineEvent::getEventLimit/getEvents), so events are newest first
 * within a page only, and an old event of one type says nothing about the next page of another.
 * `since` is therefore sent as `filters[dateFrom]`, which bounds every type's query
 * (TimelineTrait::getTimelineResults), and pages are read while `maxPages` (the largest type's
 * total) says so or a type filled this page (email.replied reports no total of its own). Events
 * before `since` are skipped, never a reason to stop.
 */
export async function* contactActivity(
	api: MauticApi,
	contactId: number,
	options: ActivityOptions = {},
): AsyncGenerator<ActivityEvent> {
	requireId(contactId, 'contactId');
	const pageSize = api.checkPageSize(options.pageSize ?? 25);
	const sinceMs = instant(options.since);
	if (options.since !== undefined && sinceMs === undefined)
		throw new RangeError(`since is not a date: ${options.since}`);
	const filters: Record<string, QueryValue> = { 'filters[search]': '' };
	(options.includeEvents ?? []).forEach((type, i) => {
		filters[`filters[includeEvents][${i}]`] = type;
	});
	// DateTime's own zone is kept by ->format('Y-m-d H:i:s'); the database holds UTC, so send UTC.
	if (sinceMs !== undefined)
		filters['filters[dateFrom]'] = new Date(sinceMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const seen = new Set<string>();
	let yielded = 0;
	for (let page = 1; page <= 1000; page++) {
		const { body } = await api.call(
			{
				method: 'GET',
				url: api.apiUrl(`contacts/${contactId}/activity`),
				qs: { ...filters, limit: pageSize, page, 'order[0]': 'timestamp', 'order[1]': 'DESC' },
			},
			ActivityPageSchema,
		);
		const perType = new Map<string, number>();
		let fresh = 0;
		for (const event of body.events) {
			perType.set(event.event, (perType.get(event.event) ?? 0) + 1);
			const key = `${event.event}:${event.eventId ?? JSON.stringify([event.timestamp, event.label])}`;
			if (seen.has(key)) continue;
			seen.add(key);
			fresh += 1;
			const at = instant(event.timestamp);
			if (sinceMs !== undefined && at !== undefined && at < sinceMs) continue;
			if (options.limit !== undefined && yielded >= options.limit) return;
			yielded += 1;
			yield event;
		}
		const maxPages =
			body.maxPages ?? (body.total !== undefined ? Math.ceil(body.total / pageSize) : undefined);
		const aTypeFilledThePage = [...perType.values()].some((count) => count >= pageSize);
		if (body.events.length === 0 || fresh === 0) return;
		if (!(maxPages !== undefined && page < maxPages) && !aTypeFilledThePage) return;
	}
}

/** Sends, opens, clicks, replies and failures of one contact since `since`, from its timeline. */
export async function engagement(
	api: MauticApi,
	contactId: number,
	options: { since?: string; limit?: number } = {},
): Promise<Engagement> {
	const summary: Engagement = {
		contactId,
		since: options.since ?? null,
		sent: 0,
		opened: 0,
		clicked: 0,
		replied: 0,
		failed: 0,
		lastSentAt: null,
		lastOpenedAt: null,
		lastClickedAt: null,
		lastRepliedAt: null,
		events: [],
	};
	const latest = (current: string | null, next: string | null) =>
		next !== null && (current === null || (instant(next) ?? 0) > (instant(current) ?? 0))
			? next
			: current;
	for await (const event of contactActivity(api, contactId, {
		includeEvents: Object.values(ENGAGEMENT_EVENTS),
		since: options.since,
		limit: options.limit,
	})) {
		if (event.event === ENGAGEMENT_EVENTS.clicked && !isEmailClick(event)) continue;
		summary.events.push(event);
		const kind = KIND_OF_EVENT.get(event.event);
		if (kind === undefined) continue;
		summary[kind] += 1;
		const last = LAST_AT[kind];
		if (last !== undefined) summary[last] = latest(summary[last], event.timestamp);
	}
	return summary;
}
