// Mautic contacts (mautic.md §3): upsert by email that never blanks a field (one or a batch of at most
// 200), reads, exact email lookup, tags, points and do-not-contact per channel. The rules for what is
// sent and what Mautic silently drops live in contact.ts; this file makes the requests.
import { z } from 'zod/v4';

import { chunks, requireId, whereParams } from './api';
import type { MauticApi, PageOptions, WhereClause } from './api';
import {
	doNotContactEntry,
	normaliseEmail,
	tagChanges,
	unwrittenFields,
	upsertPayload,
} from './contact';
import type { ContactInput, UnwrittenField } from './contact';
import { mauticFailure } from './errors';
import { ContactEnvelopeSchema, ContactSchema, DncRemoveSchema, SuccessSchema } from './schemas';
import type { DncEntry, DncReason, MauticChannel, MauticContact } from './schemas';

export interface ContactListOptions extends PageOptions {
	/** Mautic search syntax, e.g. `tag:quote-sent`, `segment:hot-leads` (email: is a LIKE match). */
	search?: string;
	where?: readonly WhereClause[];
	/** Column to order by; default `id` (stable for paging). */
	orderBy?: string;
	orderByDir?: 'ASC' | 'DESC';
}

export interface UpsertResult {
	contact: MauticContact;
	/** True for 201 (a new contact), false for 200 (an existing contact with that email was updated). */
	created: boolean;
	/**
	 * Fields sent but not stored: Mautic drops values whose integer part is 0 (0, "0", 0.5, false) from
	 * POST and PATCH (`droppedByMautic`), so such a field keeps its old value or stays empty.
	 */
	notWritten: UnwrittenField[];
}

export type BatchUpsertItem =
	| {
			index: number;
			ok: true;
			created: boolean;
			contact: MauticContact;
			notWritten: UnwrittenField[];
	  }
	| { index: number; ok: false; status?: number; code?: string; message: string };

export interface PointsOptions {
	eventName?: string;
	actionName?: string;
}

export type PointsOperation = 'plus' | 'minus' | 'times' | 'divide';

export interface DncAddOptions {
	/** 1 unsubscribed, 2 bounced, 3 manual (default). */
	reason?: DncReason;
	comments?: string;
	/** Id of the entity (email, SMS) the opt-out relates to. */
	channelId?: number;
}

function columnValue(contact: MauticContact, column: string): unknown {
	if (column === 'id') return contact.id;
	if (column in contact.fields) return contact.fields[column];
	return (contact as unknown as Record<string, unknown>)[column];
}

function compareValues(a: unknown, b: unknown): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const sa = a === undefined || a === null ? '' : String(a);
	const sb = b === undefined || b === null ? '' : String(b);
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Creates or updates the contact with this email (POST /api/contacts/new dedupes by email: 201
 * new, 200 updated). Only non-empty fields are sent, with overwriteWithBlank false, so nothing the
 * caller left empty is cleared. Safe to repeat (the repeat finds the same contact).
 */
export async function upsertContact(api: MauticApi, input: ContactInput): Promise<UpsertResult> {
	const payload = upsertPayload(input);
	const { status, body } = await api.call(
		{ method: 'POST', url: api.apiUrl('contacts/new'), body: payload, idempotent: true },
		ContactEnvelopeSchema,
	);
	return {
		contact: body.contact,
		created: status === 201,
		notWritten: unwrittenFields(payload, body.contact.fields),
	};
}

/**
 * Upserts many contacts through /api/contacts/batch/new in chunks of at most 200. Each input gets
 * a result at its index; a refused item does not fail the others (batch errors are per item).
 */
export async function upsertContacts(
	api: MauticApi,
	inputs: readonly ContactInput[],
): Promise<BatchUpsertItem[]> {
	const payloads = inputs.map((input) => upsertPayload(input));
	const results: BatchUpsertItem[] = [];
	let offset = 0;
	for (const chunk of chunks(payloads, api.batchSize)) {
		const { status, body } = await api.call(
			{ method: 'POST', url: api.apiUrl('contacts/batch/new'), body: chunk, idempotent: true },
			z.looseObject({
				contacts: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional(),
				statusCodes: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional(),
				errors: z.unknown().optional(),
			}),
			{ bodyErrors: 'return' },
		);
		const at = (list: unknown, i: number): unknown =>
			Array.isArray(list)
				? list[i]
				: list && typeof list === 'object'
					? (list as Record<string, unknown>)[String(i)]
					: undefined;
		for (let i = 0; i < chunk.length; i++) {
			const index = offset + i;
			const itemError = at(body.errors, i);
			const code = Number(at(body.statusCodes, i) ?? status);
			const rawContact = at(body.contacts, i);
			const failure = itemError !== undefined ? mauticFailure({ errors: [itemError] }) : undefined;
			if (failure || rawContact === undefined || rawContact === null || code >= 400) {
				results.push({
					index,
					ok: false,
					status: Number.isFinite(code) ? code : undefined,
					code: failure?.code,
					message: failure?.message ?? 'Mautic did not return this contact',
				});
				continue;
			}
			const contact = api.parse(
				rawContact,
				ContactSchema,
				{ method: 'POST', url: api.apiUrl('contacts/batch/new') },
				status,
			);
			results.push({
				index,
				ok: true,
				created: code === 201,
				contact,
				notWritten: unwrittenFields(chunk[i], contact.fields),
			});
		}
		offset += chunk.length;
	}
	return results;
}

export async function getContact(api: MauticApi, contactId: number): Promise<MauticContact> {
	const { body } = await api.call(
		{ method: 'GET', url: api.apiUrl(`contacts/${requireId(contactId, 'contactId')}`) },
		ContactEnvelopeSchema,
	);
	return body.contact;
}

/** Contacts page by page (start/limit/total); the keyed list is read with Object.values. */
export function listContacts(
	api: MauticApi,
	options: ContactListOptions = {},
): AsyncGenerator<MauticContact> {
	const orderBy = options.orderBy ?? 'id';
	const desc = options.orderByDir === 'DESC';
	return api.paginate('contacts', 'contacts', ContactSchema, {
		pageSize: options.pageSize,
		limit: options.limit,
		qs: {
			...(options.search !== undefined && { search: options.search }),
			...whereParams(options.where),
			orderBy,
			orderByDir: options.orderByDir ?? 'ASC',
		},
		keyOf: (contact) => String(contact.id),
		// JSON objects keyed by id lose the server's order when parsed (integer keys sort
		// ascending), so each page is put back in the requested order.
		sortPage: (items) =>
			[...items].sort((a, b) => {
				const c = compareValues(columnValue(a, orderBy), columnValue(b, orderBy)) || a.id - b.id;
				return desc ? -c : c;
			}),
	});
}

/**
 * Every contact whose email is exactly `email` (case-insensitive), oldest first. `search=email:`
 * alone is a LIKE match (§3), so the exact `where … eq` filter is sent too and the result is
 * checked here as well.
 */
export async function findContactsByEmail(api: MauticApi, email: string): Promise<MauticContact[]> {
	const wanted = normaliseEmail(email);
	const out: MauticContact[] = [];
	for await (const contact of listContacts(api, {
		search: `email:${wanted}`,
		where: [{ col: 'email', expr: 'eq', val: wanted }],
		pageSize: 30,
		limit: 500,
	})) {
		if (contact.email !== null && contact.email.toLowerCase() === wanted.toLowerCase())
			out.push(contact);
	}
	return out.sort((a, b) => a.id - b.id);
}

/** The oldest contact with exactly this email, or undefined. */
export async function findContactByEmail(
	api: MauticApi,
	email: string,
): Promise<MauticContact | undefined> {
	return (await findContactsByEmail(api, email))[0];
}

/** Adds and removes tags (PATCH with `tag` / `-tag`; other tags and fields are kept). */
export async function editTags(
	api: MauticApi,
	contactId: number,
	changes: { add?: readonly string[]; remove?: readonly string[] },
): Promise<MauticContact> {
	const tags = tagChanges(changes.add, changes.remove);
	if (tags.length === 0) throw new RangeError('no tags to add or remove');
	const { body } = await api.call(
		{
			method: 'PATCH',
			url: api.apiUrl(`contacts/${requireId(contactId, 'contactId')}/edit`),
			body: { tags, overwriteWithBlank: false },
			// Adding or removing the same tag twice changes nothing.
			idempotent: true,
		},
		ContactEnvelopeSchema,
	);
	return body.contact;
}

/** POST /api/contacts/{id}/points/{op}/{delta}; not repeated after a failure that may have landed. */
export async function adjustPoints(
	api: MauticApi,
	contactId: number,
	operation: PointsOperation,
	delta: number,
	options: PointsOptions = {},
): Promise<void> {
	if (!Number.isInteger(delta) || delta < 0 || (delta === 0 && operation === 'divide')) {
		throw new RangeError(
			`points delta must be a non-negative integer (non-zero to divide), got ${delta}`,
		);
	}
	await api.call(
		{
			method: 'POST',
			url: api.apiUrl(`contacts/${requireId(contactId, 'contactId')}/points/${operation}/${delta}`),
			body: {
				...(options.eventName !== undefined && { eventName: options.eventName }),
				...(options.actionName !== undefined && { actionName: options.actionName }),
			},
		},
		SuccessSchema,
	);
}

// ---- do not contact -------------------------------------------------------------------------

/** The contact's DNC entry for `channel`, read fresh from Mautic (undefined = contactable). */
export async function getDoNotContact(
	api: MauticApi,
	contactId: number,
	channel: MauticChannel,
): Promise<DncEntry | undefined> {
	return doNotContactEntry(await getContact(api, contactId), channel);
}

/** Puts the contact on the channel's DNC list (reason 3 "manual" unless given). */
export async function addDoNotContact(
	api: MauticApi,
	contactId: number,
	channel: MauticChannel,
	options: DncAddOptions = {},
): Promise<MauticContact> {
	const reason = options.reason ?? 3;
	if (![1, 2, 3].includes(reason))
		throw new RangeError(
			`DNC reason must be 1 (unsubscribed), 2 (bounced) or 3 (manual), got ${String(reason)}`,
		);
	const { body } = await api.call(
		{
			method: 'POST',
			url: api.apiUrl(`contacts/${requireId(contactId, 'contactId')}/dnc/${channel}/add`),
			body: {
				reason,
				...(options.comments !== undefined && { comments: options.comments }),
				...(options.channelId !== undefined && { channelId: options.channelId }),
			},
			idempotent: true,
		},
		ContactEnvelopeSchema,
	);
	return body.contact;
}

/** Takes the contact off the channel's DNC list; `recordFound` is false when it was not on it. */
export async function removeDoNotContact(
	api: MauticApi,
	contactId: number,
	channel: MauticChannel,
): Promise<{ recordFound: boolean; contact: MauticContact }> {
	const { body } = await api.call(
		{
			method: 'POST',
			url: api.apiUrl(`contacts/${requireId(contactId, 'contactId')}/dnc/${channel}/remove`),
			idempotent: true,
		},
		DncRemoveSchema,
	);
	return { recordFound: body.recordFound ?? false, contact: body.contact };
}
