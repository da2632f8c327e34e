// Decides what happens to one delivery before any execution starts. Frappe signs but has no timestamp
// or nonce (erpnext.md §5), and a new document fires `on_update` right after `after_insert` (a submit
// fires `on_update` then `on_submit`) with the same `modified`, so a document *version* is
// doctype+name+modified. Order of checks: size (413), signature over the raw bytes (401), JSON shape
// (400); then, for a genuine delivery, the memory of versions already received (replay / double fire),
// the per-document high-water mark and age bound (a captured delivery stays refused however many newer
// ones arrived: security review M2) and the optional field-change filter. Pure: state in, verdict and
// next state out.
import { createHash } from 'crypto';
import { z } from 'zod/v4';

import { lookback, newer, type Cursor } from './catchUp';
import { verifySignature } from './signature';
import { DOC_EVENTS, type DocEvent, type TriggerConfig } from './webhookDoc';

export const PayloadSchema = z.object({
	doctype: z.string().min(1).max(140),
	name: z.string().min(1).max(140),
	modified: z.string().min(1).max(40),
	event: z.enum(DOC_EVENTS),
	doc: z.record(z.string(), z.unknown()).default({}),
});
export type Payload = z.infer<typeof PayloadSchema>;

/** Default age bound of a signed delivery, in hours (option Max Delivery Age). */
export const DEFAULT_MAX_AGE_HOURS = 24;

export type Rejection = {
	status: 400 | 401 | 413;
	reason: 'too_large' | 'unsigned' | 'bad_signature' | 'not_json' | 'bad_payload';
	message: string;
};

export type CheckedRequest = { ok: true; payload: Payload } | ({ ok: false } & Rejection);

/**
 * The transport-level checks. `body` is the raw request body exactly as received; nothing is parsed
 * before its signature is known to be good.
 */
export function checkRequest(input: {
	body: Uint8Array | undefined;
	signature: string | string[] | undefined;
	secret: string;
	maxBodyBytes: number;
}): CheckedRequest {
	const body = input.body ?? new Uint8Array(0);
	if (body.byteLength > input.maxBodyBytes) {
		return {
			ok: false,
			status: 413,
			reason: 'too_large',
			message: `Body of ${body.byteLength} bytes exceeds the limit of ${input.maxBodyBytes} bytes`,
		};
	}
	const check = verifySignature(input.secret, body, input.signature);
	if (check === 'missing')
		return {
			ok: false,
			status: 401,
			reason: 'unsigned',
			message: 'Missing X-Frappe-Webhook-Signature header',
		};
	if (check !== 'valid')
		return {
			ok: false,
			status: 401,
			reason: 'bad_signature',
			message: 'Invalid X-Frappe-Webhook-Signature',
		};
	let parsed: unknown;
	try {
		parsed = JSON.parse(
			Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'),
		);
	} catch {
		return { ok: false, status: 400, reason: 'not_json', message: 'Body is not JSON' };
	}
	const payload = PayloadSchema.safeParse(parsed);
	if (!payload.success) {
		const issues = payload.error.issues
			.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
			.join('; ');
		return {
			ok: false,
			status: 400,
			reason: 'bad_payload',
			message: `Unexpected webhook body: ${issues}`,
		};
	}
	return { ok: true, payload: payload.data };
}

// ---------------------------------------------------------------------------------------------------
// Versions already received

const GENERIC_EVENTS: readonly DocEvent[] = ['on_update', 'on_change'];

export function eventBit(event: DocEvent): number {
	return 1 << DOC_EVENTS.indexOf(event);
}

const GENERIC_MASK = GENERIC_EVENTS.reduce((mask, e) => mask | eventBit(e), 0);

/** The mark of a version the catch-up poll delivered: every later delivery of it is a replay. */
export const CAUGHT_UP_MASK = DOC_EVENTS.reduce((mask, e) => mask | eventBit(e), 0);

/** Who brings a delivery: a signed Frappe webhook, or the catch-up poll (catchUp.ts). */
export type DeliverySource = 'webhook' | 'poll';

/** A short, stable key of one document version (stored instead of names, so static data stays small). */
export function versionKey(payload: Pick<Payload, 'doctype' | 'name' | 'modified'>): string {
	return createHash('sha256')
		.update(`${payload.doctype}\n${payload.name}\n${payload.modified}`)
		.digest('hex')
		.slice(0, 16);
}

export type RepeatReason = 'replay' | 'double_fire';

/**
 * Whether a delivery of `event` repeats what `mask` (events already accepted for this version) holds:
 * the same event again is a replay; `on_update`/`on_change` after any event of the same version is the
 * double fire of a save inside an insert or submit; `after_insert` arriving after the `on_update` of
 * the same version is that double fire out of order. `on_submit` after `on_update` goes through, so a
 * submit is never swallowed by the save that precedes it.
 */
export function repeatOf(mask: number, event: DocEvent): RepeatReason | undefined {
	if (mask & eventBit(event)) return 'replay';
	if (GENERIC_EVENTS.includes(event) && mask !== 0) return 'double_fire';
	if (event === 'after_insert' && mask & GENERIC_MASK) return 'double_fire';
	return undefined;
}

/**
 * The same question for a version the catch-up poll found. The poll stands for one event per version,
 * so any accepted delivery of that version already covers it, except a submit or cancel whose webhook
 * was lost while the save of the same version (on_update/on_change) arrived.
 */
export function pollRepeatOf(mask: number, event: DocEvent): RepeatReason | undefined {
	if (mask & eventBit(event)) return 'replay';
	if (mask === 0) return undefined;
	if ((event === 'on_submit' || event === 'on_cancel') && (mask & ~GENERIC_MASK) === 0)
		return undefined;
	return 'double_fire';
}

// ---------------------------------------------------------------------------------------------------
// Field-change filter

/** Per watched field, a 48-bit digest of its value: enough to see a change without storing values. */
export type FieldDigests = Record<string, string>;

/** What the trigger remembers of one document: its newest version and the field digests before it. */
export interface Snapshot {
	modified: string;
	digests: FieldDigests;
	/** Digests before `modified`, or null when that version was the first one seen. */
	previous: FieldDigests | null;
}

export function fieldDigests(
	doc: Record<string, unknown>,
	fields: readonly string[],
): FieldDigests {
	const out: FieldDigests = {};
	for (const f of fields) {
		out[f] = createHash('sha256')
			.update(JSON.stringify(doc[f] ?? null))
			.digest('hex')
			.slice(0, 12);
	}
	return out;
}

export type ChangeVerdict =
	| { kind: 'changed'; fields: string[]; snapshot: Snapshot }
	| { kind: 'unchanged'; snapshot: Snapshot }
	| { kind: 'stale'; snapshot: Snapshot };

/**
 * Compares the watched fields with the document's previous version, the way Frappe's
 * `has_value_changed` compares with the doc before save: a document seen for the first time counts as
 * changed; a second event of the same version compares with the same "before" as the first; a version
 * older than the newest one seen is stale (deliveries can overtake each other).
 */
export function changeOf(
	prior: Snapshot | undefined,
	payload: Payload,
	watch: readonly string[],
): ChangeVerdict {
	const digests = fieldDigests(payload.doc, watch);
	if (prior && payload.modified < prior.modified) return { kind: 'stale', snapshot: prior };
	const sameVersion = prior !== undefined && payload.modified === prior.modified;
	const baseline = prior === undefined ? null : sameVersion ? prior.previous : prior.digests;
	const snapshot: Snapshot = { modified: payload.modified, digests, previous: baseline };
	const fields = baseline === null ? [...watch] : watch.filter((f) => baseline[f] !== digests[f]);
	return fields.length > 0
		? { kind: 'changed', fields, snapshot }
		: { kind: 'unchanged', snapshot };
}

// ---------------------------------------------------------------------------------------------------
// The whole decision for a genuine delivery

export interface GateMemory {
	/** version key → mask of accepted events. */
	seen: Map<string, number>;
	/** document name → snapshot. */
	snapshots: Map<string, Snapshot>;
	/** doctype → where the catch-up poll stands (catchUp.ts). */
	cursors: Map<string, Cursor>;
	/** document name → the docstatus the catch-up poll last saw. */
	docstatus: Map<string, number>;
	/** document key (docKey) → the newest version accepted for it and the events accepted for that version. */
	marks: Map<string, DocMark>;
	/** The newest `modified` among marks dropped for space: an unknown document's version at or before it
	 * may have been accepted once and is refused (markFloor), and the newest `modified` ever accepted. */
	markFloor: string;
	newest: string;
}

/** The high-water mark of one document. */
export interface DocMark {
	modified: string;
	mask: number;
}

/** Documents whose high-water mark is kept (about 50 bytes each in static data). */
export const MARK_LIMIT = 2000;

export function emptyMemory(): GateMemory {
	return {
		seen: new Map(),
		snapshots: new Map(),
		cursors: new Map(),
		docstatus: new Map(),
		marks: new Map(),
		markFloor: '',
		newest: '',
	};
}

/** A short, stable key of one document (doctype + name), as versionKey is of one version. */
export function docKey(payload: Pick<Payload, 'doctype' | 'name'>): string {
	return createHash('sha256')
		.update(`${payload.doctype}\n${payload.name}`)
		.digest('hex')
		.slice(0, 12);
}

/** Drops the oldest marks beyond MARK_LIMIT, raising the floor to the newest version dropped. */
export function trimMarks(memory: GateMemory, limit = MARK_LIMIT): void {
	for (const [key, mark] of memory.marks) {
		if (memory.marks.size <= limit) return;
		memory.marks.delete(key);
		memory.markFloor = newer(memory.markFloor, mark.modified);
	}
}

/** Records an accepted version in the document's high-water mark (never lowers it). */
function raiseMark(memory: GateMemory, payload: Payload, bits: number): void {
	const key = docKey(payload);
	const mark = memory.marks.get(key);
	if (mark && payload.modified < mark.modified) return;
	const mask = mark && mark.modified === payload.modified ? mark.mask | bits : bits;
	memory.marks.delete(key);
	memory.marks.set(key, { modified: payload.modified, mask });
	memory.newest = newer(memory.newest, payload.modified);
}

export type DeliveryVerdict =
	| { kind: 'accept'; changedFields: string[] | null }
	| {
			kind: 'ignore';
			reason:
				| RepeatReason
				| 'unchanged'
				| 'stale'
				| 'too_old'
				| 'other_doctype'
				| 'event_not_selected';
			message: string;
	  };

/**
 * Why a signed webhook delivery is too old to be trusted, or undefined: its `modified` lies more than
 * `maxAgeHours` before the newest `modified` this trigger accepted (both are naive datetimes of the
 * same site clock, so the difference needs no time zone), or it is a document this trigger no longer
 * remembers individually and the version is not newer than the ones it had to forget.
 */
export function ageProblem(
	payload: Payload,
	memory: GateMemory,
	maxAgeHours: number,
	known: boolean,
): string | undefined {
	if (maxAgeHours > 0 && memory.newest !== '') {
		const bound = lookback(memory.newest, maxAgeHours * 3600);
		if (bound !== memory.newest && payload.modified < bound)
			return `more than ${maxAgeHours} h older than the newest change received (${memory.newest})`;
	}
	if (!known && memory.markFloor !== '' && payload.modified <= memory.markFloor)
		return `not newer than versions this trigger had to forget (${memory.markFloor})`;
	return undefined;
}

/**
 * Decides a signed, well-formed delivery and records it in `memory` (mutated: the caller persists it).
 * Nothing is recorded for an ignored delivery except the snapshot of an unchanged one.
 */
export function decideDelivery(
	payload: Payload,
	config: Pick<TriggerConfig, 'doctype' | 'events' | 'watch' | 'dedupe'> & { maxAgeHours?: number },
	memory: GateMemory,
	source: DeliverySource = 'webhook',
): DeliveryVerdict {
	const what = `${payload.doctype} ${payload.name} (${payload.event}, modified ${payload.modified})`;
	if (payload.doctype !== config.doctype) {
		return {
			kind: 'ignore',
			reason: 'other_doctype',
			message: `${what}: this trigger listens to ${config.doctype}`,
		};
	}
	if (!config.events.includes(payload.event)) {
		return { kind: 'ignore', reason: 'event_not_selected', message: `${what}: event not selected` };
	}
	const key = versionKey(payload);
	const mark = memory.marks.get(docKey(payload));
	// A signed delivery is only as fresh as its `modified` (Frappe signs no timestamp or nonce): the age
	// bound holds even with de-duplication off; the poll reads ERPNext itself, so it needs none. Not for
	// on_trash: deleting stamps no new `modified` (frappe/frappe v15 frappe/model/delete_doc.py runs
	// on_trash on the document as loaded), so the deletion of an old document carries an old one.
	if (source === 'webhook' && payload.event !== 'on_trash') {
		const problem = ageProblem(
			payload,
			memory,
			config.maxAgeHours ?? DEFAULT_MAX_AGE_HOURS,
			mark !== undefined,
		);
		if (problem) return { kind: 'ignore', reason: 'too_old', message: `${what}: ${problem}` };
	}
	// The events of this version accepted so far: from the version memory, and from the document's mark
	// when it is this version (the mark outlives the version memory).
	const mask =
		(memory.seen.get(key) ?? 0) | (mark && mark.modified === payload.modified ? mark.mask : 0);
	// The poll always de-duplicates: re-reading its look-back window must never deliver a version again.
	if (config.dedupe || source === 'poll') {
		// Older than the newest version accepted for this document: a replay or a delivery overtaken by a
		// later save. Equal versions go through the event-mask rules (insert + update double fire).
		if (mark && payload.modified < mark.modified) {
			return {
				kind: 'ignore',
				reason: 'stale',
				message: `${what}: a newer version (${mark.modified}) was already received`,
			};
		}
		// A document is created once: when another version of it was accepted, an insert of this one is
		// no insert but a save after it, possibly the workflow's own (an audit Comment on a Frappe CRM
		// record bumps its `modified`: frappe/crm crm/utils/__init__.py on_comment_insert), which the poll,
		// seeing a document created after its cursor, would otherwise stand for After Insert again.
		if (payload.event === 'after_insert' && mark && mark.modified !== payload.modified) {
			return {
				kind: 'ignore',
				reason: 'double_fire',
				message: `${what}: an earlier version (${mark.modified}) was already received, so this one is no insert`,
			};
		}
		const repeat =
			source === 'poll' ? pollRepeatOf(mask, payload.event) : repeatOf(mask, payload.event);
		if (repeat) {
			return {
				kind: 'ignore',
				reason: repeat,
				message: `${what}: ${repeat === 'replay' ? 'already received' : 'same version already delivered by another event'}`,
			};
		}
	}
	let changedFields: string[] | null = null;
	if (config.watch.length > 0) {
		const change = changeOf(memory.snapshots.get(payload.name), payload, config.watch);
		memory.snapshots.delete(payload.name);
		memory.snapshots.set(payload.name, change.snapshot);
		if (change.kind === 'stale')
			return {
				kind: 'ignore',
				reason: 'stale',
				message: `${what}: a newer version was already received`,
			};
		if (change.kind === 'unchanged')
			return {
				kind: 'ignore',
				reason: 'unchanged',
				message: `${what}: ${config.watch.join(', ')} unchanged`,
			};
		changedFields = change.fields;
	}
	const bits = source === 'poll' ? CAUGHT_UP_MASK : eventBit(payload.event);
	memory.seen.delete(key);
	memory.seen.set(key, mask | bits);
	raiseMark(memory, payload, bits);
	return { kind: 'accept', changedFields };
}

/**
 * Records a delivery that was accepted (possibly in another process) in `memory`: its version with
 * its event, and the watched-field snapshot unless a newer version is already known. Idempotent, so
 * applying it again where the webhook call already did changes nothing.
 */
export function recordDelivery(
	memory: GateMemory,
	payload: Payload,
	watch: readonly string[],
): void {
	const key = versionKey(payload);
	const mask = memory.seen.get(key) ?? 0;
	memory.seen.delete(key);
	memory.seen.set(key, mask | eventBit(payload.event));
	raiseMark(memory, payload, eventBit(payload.event));
	if (watch.length === 0) return;
	const change = changeOf(memory.snapshots.get(payload.name), payload, watch);
	if (change.kind === 'stale') return;
	memory.snapshots.delete(payload.name);
	memory.snapshots.set(payload.name, change.snapshot);
}

/**
 * Adds what `from` knows to `into`: event masks are united, and of two snapshots of a document the
 * one of the newer version wins.
 */
export function mergeMemory(into: GateMemory, from: GateMemory): void {
	for (const [key, mask] of from.seen) into.seen.set(key, (into.seen.get(key) ?? 0) | mask);
	for (const [name, snapshot] of from.snapshots) {
		const current = into.snapshots.get(name);
		if (!current || snapshot.modified >= current.modified) into.snapshots.set(name, snapshot);
	}
	// A cursor only moves forward; its floor is fixed when the poll starts watching.
	for (const [doctype, cursor] of from.cursors) {
		const current = into.cursors.get(doctype);
		into.cursors.set(
			doctype,
			current
				? { modified: newer(current.modified, cursor.modified), floor: current.floor }
				: cursor,
		);
	}
	for (const [name, status] of from.docstatus)
		if (!into.docstatus.has(name)) into.docstatus.set(name, status);
	// Of two marks of a document the newer version wins; the same version unites its events.
	for (const [key, mark] of from.marks) {
		const current = into.marks.get(key);
		if (!current || mark.modified > current.modified) into.marks.set(key, mark);
		else if (mark.modified === current.modified)
			into.marks.set(key, { modified: mark.modified, mask: current.mask | mark.mask });
	}
	into.markFloor = newer(into.markFloor, from.markFloor);
	into.newest = newer(into.newest, from.newest);
}

/** Drops the oldest entries of a Map used in insertion order until it holds at most `limit`. */
export function trimOldest<K, V>(map: Map<K, V>, limit: number): void {
	for (const key of map.keys()) {
		if (map.size <= limit) return;
		map.delete(key);
	}
}
