// Where metric events travel: on the n8n items themselves, as an array under the reserved key
// `_ltcEvents` of `item.json`. Items survive IF/Switch branches, Wait and send-and-wait pauses and
// sub-workflow calls, so the record of what was decided reaches the step that stores it without a
// side channel. Attaching is append-only and idempotent (an event already on the item, same
// `eventId`, is not added twice); reading validates every event and names the one that is broken.
import { z } from 'zod/v4';

import {
	MetricEventError,
	MetricEventSchema,
	describeIssues,
	eventId,
	type MetricEvent,
} from './event';

/** The reserved key on `item.json`. Nodes must not use it for anything else. */
export const EVENTS_KEY = '_ltcEvents';

export type WithEvents<T> = Omit<T, typeof EVENTS_KEY> & { [EVENTS_KEY]: MetricEvent[] };

/**
 * The events carried by an item's json, validated. An item without the key carries none; a key that
 * holds anything but an array of valid events is an error naming the first bad index and field.
 */
export function collectEvents(json: Readonly<Record<string, unknown>>): MetricEvent[] {
	const raw = json[EVENTS_KEY];
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw)) {
		throw new MetricEventError(`item.json.${EVENTS_KEY} is not an array`, [
			{ path: EVENTS_KEY, message: `expected an array of metric events, got ${typeof raw}` },
		]);
	}
	const parsed = z.array(MetricEventSchema).safeParse(raw);
	if (!parsed.success) {
		throw new MetricEventError(
			`item.json.${EVENTS_KEY} holds an invalid metric event`,
			describeIssues(parsed.error, EVENTS_KEY),
		);
	}
	return parsed.data;
}

/** Appends events that are not on the list yet (by `eventId`), keeping first-seen order. */
export function mergeEvents(...lists: ReadonlyArray<readonly MetricEvent[]>): MetricEvent[] {
	const seen = new Set<string>();
	const merged: MetricEvent[] = [];
	for (const list of lists) {
		for (const event of list) {
			const id = eventId(event);
			if (seen.has(id)) continue;
			seen.add(id);
			merged.push(event);
		}
	}
	return merged;
}

/**
 * A copy of `json` whose `_ltcEvents` holds the events it already carried followed by `events`
 * (duplicates dropped). The input object is not modified. Every new event is validated.
 */
export function attachEvents<T extends Record<string, unknown>>(
	json: T,
	events: readonly MetricEvent[],
): WithEvents<T> {
	const existing = collectEvents(json);
	events.forEach((event, index) => {
		const parsed = MetricEventSchema.safeParse(event);
		if (!parsed.success) {
			throw new MetricEventError(
				'cannot attach an invalid metric event',
				describeIssues(parsed.error, `events.${index}`),
			);
		}
	});
	return { ...json, [EVENTS_KEY]: mergeEvents(existing, events) };
}
