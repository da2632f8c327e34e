// Flattens metric events into rows for n8n's Postgres node (Insert, "Map Automatically"): one row per
// event, keys equal to the columns of `ltc_events` in dashboards/schema.sql, plus `event_id` so that
// Insert with "Skip on Conflict" (ON CONFLICT DO NOTHING) stores each event once even when it rode on
// several items or a retried execution sent it again. Rows are deduplicated here for the same reason.
import { METRIC_EVENT_FIELDS, eventId, type MetricEvent } from './event';

/** The SQL columns a row carries, in table order. */
export const METRIC_EVENT_COLUMNS = ['event_id', ...METRIC_EVENT_FIELDS] as const;
export type MetricEventColumn = (typeof METRIC_EVENT_COLUMNS)[number];

export type MetricEventRow = { event_id: string } & MetricEvent;

/** One row per distinct event, in first-seen order, with every column present (null when unknown). */
export function toRows(events: readonly MetricEvent[]): MetricEventRow[] {
	const seen = new Set<string>();
	const rows: MetricEventRow[] = [];
	for (const event of events) {
		const id = eventId(event);
		if (seen.has(id)) continue;
		seen.add(id);
		const row = { event_id: id } as Record<MetricEventColumn, unknown>;
		for (const field of METRIC_EVENT_FIELDS) row[field] = event[field];
		rows.push(row as MetricEventRow);
	}
	return rows;
}
