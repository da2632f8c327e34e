// What the trigger keeps between calls, in the node's workflow static data (persisted by n8n with the
// workflow): the names of the Frappe Webhooks it registered, a fingerprint of their secret (never the
// secret: it is derived from the credential, signature.ts), the URL and config fingerprint they were
// made for, a bounded memory of received document versions, per-document high-water marks and
// watched-field digests, and a count of deliveries refused for their signature. Two facts of n8n 2.41 shape this: static data is read from the database per request, so
// racing deliveries (the insert+update double fire comes as two RQ jobs that several workers may send
// at once) would both miss each other's record; and a webhook call that starts an execution loses its
// static-data changes (the execution rebuilds the workflow over the same object, resetting its
// "changed" flag before the webhook's save). Hence an in-process memory per trigger node, decided on
// synchronously, and the node's execute() re-recording each accepted delivery inside the execution,
// whose static data n8n does save. Static data is readable by whoever can read the workflow (REST,
// exports, the database): nothing in it may let a reader sign a delivery (security review H4).
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { trimMarks, trimOldest, type GateMemory, type Snapshot } from './deliveryGate';

/** Versions remembered for de-duplication (about 19 bytes each in static data). */
export const SEEN_LIMIT = 2000;
/** Documents remembered for the field-change filter (about 115 bytes each with one watched field). */
export const SNAPSHOT_LIMIT = 1000;
/** Documents whose docstatus the catch-up poll remembers (to tell a submit from a later change). */
export const DOCSTATUS_LIMIT = 2000;
/** Trigger nodes the in-process memory holds at once. */
const SCOPE_LIMIT = 200;

const DigestsSchema = z.record(z.string(), z.string());

const StateSchema = z.object({
	webhookNames: z.array(z.string()).catch([]),
	/** Only in static data written before issue 14: the clear-text secret of that registration, honoured
	 * until the next registration removes it. */
	secret: z.string().catch(''),
	/** A fingerprint of the derived secret the Webhooks carry (signature.ts secretFingerprint). */
	secretId: z.string().catch(''),
	webhookUrl: z.string().catch(''),
	fingerprint: z.string().catch(''),
	/** "<version key>:<event mask>", oldest first. */
	seen: z.array(z.string()).catch([]),
	/** [name, modified, digests, previous digests | null], oldest first. */
	snapshots: z
		.array(z.tuple([z.string(), z.string(), DigestsSchema, DigestsSchema.nullable()]))
		.catch([]),
	/** Catch-up poll: doctype → [newest modified seen, floor] (catchUp.ts Cursor). */
	cursors: z.record(z.string(), z.tuple([z.string(), z.string()])).catch({}),
	/** Catch-up poll: [name, docstatus last seen], oldest first. */
	docstatus: z.array(z.tuple([z.string(), z.number()])).catch([]),
	/** Per document: [docKey, newest modified accepted, event mask of that version], oldest first. */
	marks: z.array(z.tuple([z.string(), z.string(), z.number()])).catch([]),
	/** [newest modified among forgotten marks, newest modified ever accepted]. */
	waterline: z.tuple([z.string(), z.string()]).catch(['', '']),
	/** Deliveries refused for a missing or wrong signature since the last good one: [count, first, last]
	 * (ISO instants of n8n's clock). */
	badSignatures: z.tuple([z.number(), z.string(), z.string()]).catch([0, '', '']),
});
export type TriggerState = z.infer<typeof StateSchema>;

export function readState(staticData: IDataObject): TriggerState {
	const candidate: Record<string, unknown> = {};
	// A plain JSON copy: n8n wraps loaded static data in observable proxies that give every nested object
	// a non-enumerable `__dataChanged` flag, which zod's record check reads as an entry (measured in n8n
	// 2.41: the cursors and field digests were dropped after a restart).
	for (const key of Object.keys(StateSchema.shape)) {
		const value = staticData[key];
		candidate[key] =
			value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
	}
	return StateSchema.parse(candidate);
}

/** Writes the given keys as top-level assignments, which n8n's observable static data notices. */
export function writeState(staticData: IDataObject, patch: Partial<TriggerState>): void {
	for (const [key, value] of Object.entries(patch))
		staticData[key] = value as IDataObject[keyof IDataObject];
}

/** Static data → the gate's working memory. */
export function memoryFromState(state: TriggerState): GateMemory {
	const seen = new Map<string, number>();
	for (const entry of state.seen) {
		const [key, mask] = entry.split(':');
		const bits = Number(mask);
		if (key && Number.isInteger(bits)) seen.set(key, bits);
	}
	const snapshots = new Map<string, Snapshot>();
	for (const [name, modified, digests, previous] of state.snapshots)
		snapshots.set(name, { modified, digests, previous });
	const cursors = new Map(
		Object.entries(state.cursors).map(([doctype, [modified, floor]]) => [
			doctype,
			{ modified, floor },
		]),
	);
	const docstatus = new Map(state.docstatus);
	const marks = new Map(state.marks.map(([key, modified, mask]) => [key, { modified, mask }]));
	return {
		seen,
		snapshots,
		cursors,
		docstatus,
		marks,
		markFloor: state.waterline[0],
		newest: state.waterline[1],
	};
}

/** The gate's memory → static data, oldest entries beyond the limits dropped. */
export function stateFromMemory(
	memory: GateMemory,
): Pick<TriggerState, 'seen' | 'snapshots' | 'cursors' | 'docstatus' | 'marks' | 'waterline'> {
	trimMarks(memory);
	trimOldest(memory.seen, SEEN_LIMIT);
	trimOldest(memory.snapshots, SNAPSHOT_LIMIT);
	trimOldest(memory.docstatus, DOCSTATUS_LIMIT);
	return {
		seen: [...memory.seen].map(([key, mask]) => `${key}:${mask}`),
		snapshots: [...memory.snapshots].map(
			([name, s]) =>
				[name, s.modified, s.digests, s.previous] as [
					string,
					string,
					Record<string, string>,
					Record<string, string> | null,
				],
		),
		cursors: Object.fromEntries(
			[...memory.cursors].map(([doctype, c]) => [
				doctype,
				[c.modified, c.floor] as [string, string],
			]),
		),
		docstatus: [...memory.docstatus],
		marks: [...memory.marks].map(
			([key, m]) => [key, m.modified, m.mask] as [string, string, number],
		),
		waterline: [memory.markFloor, memory.newest],
	};
}

// ---------------------------------------------------------------------------------------------------
// In-process memory, per trigger node (workflow id + node id)

const processMemory = new Map<string, GateMemory>();

export function nodeScope(workflowId: string | undefined, nodeId: string): string {
	return `${workflowId ?? '-'}:${nodeId}`;
}

/** What this process last knew for the node (a live object: decide on it without awaiting). */
export function recall(scope: string): GateMemory | undefined {
	return processMemory.get(scope);
}

/** Keeps `memory` as this process's knowledge for the node, bounded like static data. */
export function keep(scope: string, memory: GateMemory): void {
	trimMarks(memory);
	trimOldest(memory.seen, SEEN_LIMIT);
	trimOldest(memory.snapshots, SNAPSHOT_LIMIT);
	trimOldest(memory.docstatus, DOCSTATUS_LIMIT);
	processMemory.delete(scope);
	processMemory.set(scope, memory);
	trimOldest(processMemory, SCOPE_LIMIT);
}

// ---------------------------------------------------------------------------------------------------
// Deliveries refused for their signature, per trigger node in this process (the webhook call's own
// static data is saved too, but a process may answer many before another one reads it)

export interface SignatureFailures {
	count: number;
	first: string;
	last: string;
	/** The count the poll last reported as an error (process memory only). */
	reported: number;
	/** When this process last saw a good signature (ISO; process memory only): older stored failures are over. */
	resetAt?: string;
}

const signatureFailures = new Map<string, SignatureFailures>();

/** The failures this process knows for a node, merged with what static data holds. */
export function failuresOf(
	scope: string,
	stored: TriggerState['badSignatures'],
): SignatureFailures {
	const live = signatureFailures.get(scope);
	const [count, first, last] = stored;
	// Static data may still hold failures this process already saw end (a webhook call that starts an
	// execution cannot save its reset; execute() saves it later, or not at all on a queue worker).
	if (live?.resetAt !== undefined && last <= live.resetAt) return live;
	if (!live || count > live.count) return { count, first, last, reported: live?.reported ?? 0 };
	return live;
}

export function rememberFailures(scope: string, failures: SignatureFailures): void {
	signatureFailures.delete(scope);
	signatureFailures.set(scope, failures);
	trimOldest(signatureFailures, SCOPE_LIMIT);
}
