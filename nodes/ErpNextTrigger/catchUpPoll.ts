// One catch-up poll against ERPNext: lists the doctype by `modified` from a little before the cursor
// (keyset paging, "modified asc, name asc"), fetches each candidate whole with GET /api/resource
// (the list API drops child tables, so only the document itself equals what a webhook with the same
// fields carries), and passes it through the webhook's own gate (deliveryGate.decideDelivery). On its
// first run for a doctype it only notes the newest existing `modified`: history is not replayed.
// The list and filter behaviour it relies on: frappe/frappe frappe/model/db_query.py (order_by used as
// given; `>=` on `modified` compared as a datetime); frappe/frappe frappe/api (v1 `GET /api/resource/
// <doctype>` with fields/filters/order_by/limit_start/limit_page_length, `GET .../<name>` the full doc).
import { z } from 'zod/v4';

import { ErpNextError, type ErpNextClient } from '../../connectors/erpnext';
import {
	LOOKBACK_SECONDS,
	MAX_PER_POLL,
	PAGE_SIZE,
	bodyDoc,
	lookback,
	newer,
	planRow,
	type PolledRow,
} from './catchUp';
import { versionKey, type DeliveryVerdict, type GateMemory, type Payload } from './deliveryGate';
import { bodyFields, type TriggerConfig } from './webhookDoc';

const RowSchema = z.looseObject({
	name: z.string(),
	modified: z.string(),
	creation: z.string().catch(''),
	docstatus: z.coerce.number().catch(0),
});

export interface CaughtUp {
	payload: Payload;
	verdict: Extract<DeliveryVerdict, { kind: 'accept' }>;
}

export interface PollOutcome {
	delivered: CaughtUp[];
	/** True on the first poll of a doctype: only the cursor was set. */
	started: boolean;
	/** Rows listed, documents fetched (for logs). */
	listed: number;
	fetched: number;
}

function remember(memory: GateMemory, name: string, docstatus: number): void {
	memory.docstatus.delete(name);
	memory.docstatus.set(name, docstatus);
}

/** The gate's decision for a polled payload, made synchronously on the trigger's live memory. */
export type PollDecider = (payload: Payload) => DeliveryVerdict;

/**
 * Runs one poll for `config` and records what it learns in `memory` (cursor, docstatus seen); each
 * candidate is decided by `decide` (the webhook's gate, source "poll"), which records accepted
 * versions. The caller persists the memory and starts one execution per delivered payload.
 */
export async function pollMissedChanges(
	client: ErpNextClient,
	config: TriggerConfig,
	memory: GateMemory,
	decide: PollDecider,
): Promise<PollOutcome> {
	const outcome: PollOutcome = { delivered: [], started: false, listed: 0, fetched: 0 };
	const cursor = memory.cursors.get(config.doctype);
	if (!cursor) {
		const [newest] = await client.listAll(
			config.doctype,
			{ fields: ['name', 'modified'], orderBy: 'modified desc, name desc', pageSize: 1, limit: 1 },
			RowSchema,
		);
		const start = newest?.modified ?? '';
		memory.cursors.set(config.doctype, { modified: start, floor: start });
		outcome.started = true;
		return outcome;
	}
	const fields = bodyFields(config);
	let boundary = lookback(cursor.modified, LOOKBACK_SECONDS);
	let newest = cursor.modified;
	const processed = new Set<string>();
	for (;;) {
		// Rows sharing the boundary's `modified` that were already processed come back first; asking for
		// that many more keeps a page of new rows even when many documents share one timestamp.
		const ties = [...processed].filter((k) => k.endsWith(`\n${boundary}`)).length;
		const want = PAGE_SIZE + ties;
		const rows = await client.listAll(
			config.doctype,
			{
				fields: ['name', 'modified', 'creation', 'docstatus'],
				filters: [['modified', '>=', boundary]],
				orderBy: 'modified asc, name asc',
				pageSize: want,
				limit: want,
			},
			RowSchema,
		);
		outcome.listed += rows.length;
		let fresh = 0;
		for (const row of rows) {
			const key = `${row.name}\n${row.modified}`;
			if (processed.has(key)) continue;
			processed.add(key);
			fresh += 1;
			if (outcome.delivered.length >= MAX_PER_POLL) break;
			const polled: PolledRow = {
				name: row.name,
				modified: row.modified,
				creation: row.creation,
				docstatus: row.docstatus,
			};
			const seen = memory.seen.has(
				versionKey({ doctype: config.doctype, name: row.name, modified: row.modified }),
			);
			const plan = planRow(polled, config.events, cursor, memory.docstatus.get(row.name), seen);
			if (plan.kind === 'fetch') {
				const doc = await fetchDoc(client, config.doctype, row.name);
				outcome.fetched += 1;
				// Deleted, or changed again since it was listed: its newer version comes later in this scan
				// or in the next poll.
				if (doc === undefined || String(doc.modified) !== row.modified) continue;
				const payload: Payload = {
					doctype: config.doctype,
					name: row.name,
					modified: row.modified,
					event: plan.event,
					doc: bodyDoc(doc, fields),
				};
				const verdict = decide(payload);
				if (verdict.kind === 'accept') outcome.delivered.push({ payload, verdict });
			}
			remember(memory, row.name, row.docstatus);
			newest = newer(newest, row.modified);
		}
		// A short page is the end; a page with nothing new (a server ignoring the order) would loop.
		if (outcome.delivered.length >= MAX_PER_POLL || rows.length < want || fresh === 0) break;
		boundary = rows[rows.length - 1].modified;
	}
	memory.cursors.set(config.doctype, { modified: newest, floor: cursor.floor });
	return outcome;
}

async function fetchDoc(
	client: ErpNextClient,
	doctype: string,
	name: string,
): Promise<Record<string, unknown> | undefined> {
	const result = await client.get(doctype, name).then(
		(doc) => ({ doc, error: undefined }),
		(error: unknown) => ({ doc: undefined, error }),
	);
	if (result.error === undefined) return result.doc;
	if (result.error instanceof ErpNextError && result.error.status === 404) return undefined;
	throw result.error;
}

/** The newest document of the doctype as a webhook body would carry it (the editor's test event). */
export async function newestDocument(
	client: ErpNextClient,
	config: TriggerConfig,
): Promise<Payload | undefined> {
	const [row] = await client.listAll(
		config.doctype,
		{ fields: ['name', 'modified'], orderBy: 'modified desc, name desc', pageSize: 1, limit: 1 },
		RowSchema,
	);
	if (!row) return undefined;
	const doc = await fetchDoc(client, config.doctype, row.name);
	if (!doc) return undefined;
	return {
		doctype: config.doctype,
		name: row.name,
		modified: String(doc.modified ?? row.modified),
		event: config.events[0],
		doc: bodyDoc(doc, bodyFields(config)),
	};
}
