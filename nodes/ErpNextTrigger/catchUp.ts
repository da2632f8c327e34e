// The catch-up poll's decisions (pure: rows and memory in, choices out). Frappe gives up on a webhook
// after its retries and some changes raise none, so the trigger also lists the doctype by `modified`
// since the newest change it has seen and delivers what it missed through the same gate as a webhook
// (deliveryGate.ts). Frappe datetimes are naive site-local strings in one fixed-width format
// ("YYYY-MM-DD HH:MM:SS.ffffff"); they are compared as the server gives them, never converted to UTC.
// What a poll can tell from a document alone decides which event it stands for (polledEvent).
import type { DocEvent } from './webhookDoc';

/** Seconds re-read before the cursor on every poll: a save whose transaction committed after a later
 * one (so its `modified` is older than the cursor) is still seen; versions already delivered are
 * refused by the gate's memory, so the overlap delivers nothing twice. */
export const LOOKBACK_SECONDS = 120;

/** Rows per list request and documents delivered per poll at most (the rest waits for the next poll). */
export const PAGE_SIZE = 100;
export const MAX_PER_POLL = 200;

/** Where the poll stands for one doctype. */
export interface Cursor {
	/** The newest `modified` the server returned so far. */
	modified: string;
	/** `modified` of the newest document when the trigger started watching: nothing at or before it is
	 * delivered (history is not replayed). */
	floor: string;
}

const FRAPPE_DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

/**
 * `modified` minus `seconds`, as wall-clock arithmetic on the naive value (no time zone is involved:
 * the result is only a lower bound in the same clock). A value in another format is returned as it is.
 */
export function lookback(modified: string, seconds: number): string {
	const m = FRAPPE_DATETIME.exec(modified);
	if (!m) return modified;
	const [, y, mo, d, h, mi, s, frac] = m;
	const ms =
		Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) -
		seconds * 1000;
	const t = new Date(ms);
	const base = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)} ${pad(t.getUTCHours(), 2)}:${pad(t.getUTCMinutes(), 2)}:${pad(t.getUTCSeconds(), 2)}`;
	return frac === undefined ? base : `${base}.${frac}`;
}

/** The newer of two Frappe datetimes (fixed width, so string order is time order). */
export function newer(a: string, b: string): string {
	return a >= b ? a : b;
}

/** A row of the catch-up list: what the poll needs to choose an event before fetching the document. */
export interface PolledRow {
	name: string;
	modified: string;
	creation: string;
	docstatus: number;
}

/** Most specific first: the event a webhook would have been accepted for when several apply. */
const PRIORITY: readonly DocEvent[] = [
	'after_insert',
	'on_submit',
	'on_cancel',
	'on_update_after_submit',
	'on_update',
	'on_change',
];

/**
 * The selected event this version stands for, or undefined when none can be told from the document:
 * - after_insert: created after the cursor (the newest version of a new document);
 * - on_submit: submitted (docstatus 1) and either new since the cursor or last seen as a draft;
 * - on_cancel: cancelled (docstatus 2) and not already seen cancelled;
 * - on_update_after_submit: submitted and last seen submitted (a change to a submitted document);
 * - on_update, on_change: any change (the poll cannot tell a save from a db_set); on_change not for a
 *   version that is the insert itself (Frappe fires no on_change on insert).
 * `known` is the docstatus the poll last saw for the document, if any.
 */
export function polledEvent(
	row: PolledRow,
	selected: readonly DocEvent[],
	cursor: Cursor,
	known: number | undefined,
): DocEvent | undefined {
	const isNew = row.creation > cursor.modified;
	const applies: Record<DocEvent, boolean> = {
		after_insert: isNew,
		on_submit: row.docstatus === 1 && (isNew || known === 0),
		on_cancel: row.docstatus === 2 && known !== 2,
		on_update_after_submit: row.docstatus === 1 && !isNew && known === 1,
		on_update: true,
		on_change: !(isNew && row.creation === row.modified),
		on_trash: false,
	};
	return PRIORITY.find((e) => selected.includes(e) && applies[e]);
}

/** What the poll does with one listed row. */
export type RowPlan =
	| { kind: 'skip'; reason: 'history' | 'known_version' | 'no_event' }
	| { kind: 'fetch'; event: DocEvent };

/**
 * Whether a listed row is worth fetching: not history (at or before the floor), not a version the
 * gate already accepted, and standing for a selected event.
 */
export function planRow(
	row: PolledRow,
	selected: readonly DocEvent[],
	cursor: Cursor,
	known: number | undefined,
	versionSeen: boolean,
): RowPlan {
	if (row.modified <= cursor.floor) return { kind: 'skip', reason: 'history' };
	if (versionSeen) return { kind: 'skip', reason: 'known_version' };
	const event = polledEvent(row, selected, cursor, known);
	return event === undefined ? { kind: 'skip', reason: 'no_event' } : { kind: 'fetch', event };
}

/**
 * The fields of a fetched document that the webhook body would carry: the whole document for `*`,
 * else the chosen and watched fields (null when absent, as Jinja's `doc.get(x) | tojson` gives).
 */
export function bodyDoc(
	doc: Record<string, unknown>,
	fields: string[] | 'all',
): Record<string, unknown> {
	if (fields === 'all') return doc;
	return Object.fromEntries(fields.map((f) => [f, doc[f] ?? null]));
}
