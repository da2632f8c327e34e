// What goes into a contact upsert and what a contact's do-not-contact list says. Mautic's POST
// /api/contacts/new dedupes by email and, with overwriteWithBlank false, leaves fields it is not sent
// alone; so the payload carries only non-empty values and says `overwriteWithBlank: false` outright
// (mautic.md §3). Mautic also drops values whose integer part is 0 from POST and PATCH
// (`droppedByMautic`); `unwrittenFields` finds them in the answer so they are reported, not lost
// silently. The DNC reader exists because the single-contact send ignores DNC (§4): the node
// must ask before it sends. This module decides nothing about consent itself.
import { isEmailAddress } from '../../core/contact';
import type { MauticChannel } from './schemas';

/** A contact field value; empty ones (undefined, null, '', whitespace, [], NaN) are never sent. */
export type ContactFieldValue =
	| string
	| number
	| boolean
	| null
	| undefined
	| ReadonlyArray<string | number>;

export interface ContactInput {
	/** The unique identifier Mautic dedupes on; required so an upsert can never create an anonymous contact. */
	email: string;
	/** Field aliases → values (`firstname`, `mobile`, `company`, custom aliases like `quote_value`). */
	fields?: Record<string, ContactFieldValue>;
	/** Tags to add; existing tags are kept (§3). */
	tags?: readonly string[];
	/** Tags to remove (sent as `-tag`). */
	removeTags?: readonly string[];
	/** Owner user id; left unchanged when omitted. */
	owner?: number;
	/** Stage id or name; left unchanged when omitted. */
	stage?: number | string;
}

/** Keys with a meaning of their own in the upsert body; they are set by the client, not through `fields`. */
const RESERVED = new Set([
	'overwriteWithBlank',
	'doNotContact',
	'tags',
	'owner',
	'stage',
	'email',
	'id',
]);

export function isEmptyValue(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (typeof value === 'number') return Number.isNaN(value);
	if (Array.isArray(value)) return value.length === 0;
	return false;
}

function cleanTags(tags: readonly string[] | undefined, prefix: string): string[] {
	if (!tags) return [];
	return tags
		.map((tag) => tag.trim().replace(/^-+/, ''))
		.filter((tag) => tag !== '')
		.map((tag) => `${prefix}${tag}`);
}

/** Tags in Mautic's modify syntax: `x` adds, `-x` removes; duplicates dropped, first wins. */
export function tagChanges(
	add: readonly string[] | undefined,
	remove: readonly string[] | undefined,
): string[] {
	return [...new Set([...cleanTags(add, ''), ...cleanTags(remove, '-')])];
}

/** An e-mail address by the one e-mail rule (core/contact/address.ts); Mautic validates it again. */
export function normaliseEmail(email: string): string {
	const trimmed = typeof email === 'string' ? email.trim() : '';
	if (!isEmailAddress(trimmed)) {
		throw new RangeError(
			'a contact upsert needs a valid email address (Mautic dedupes contacts by email)',
		);
	}
	return trimmed;
}

/**
 * The body of POST /api/contacts/new (or one item of /contacts/batch/new) for `input`: only non-empty
 * fields, tags in modify syntax, and `overwriteWithBlank: false` so nothing that was not sent is
 * cleared.
 */
export function upsertPayload(input: ContactInput): Record<string, unknown> {
	const body: Record<string, unknown> = { email: normaliseEmail(input.email) };
	for (const [alias, value] of Object.entries(input.fields ?? {})) {
		if (RESERVED.has(alias)) {
			throw new RangeError(
				`"${alias}" cannot be set through fields; use the dedicated option of the upsert`,
			);
		}
		if (isEmptyValue(value)) continue;
		body[alias] = typeof value === 'string' ? value.trim() : value;
	}
	const tags = tagChanges(input.tags, input.removeTags);
	if (tags.length > 0) body.tags = tags;
	if (input.owner !== undefined) body.owner = input.owner;
	if (input.stage !== undefined && !isEmptyValue(input.stage)) body.stage = input.stage;
	body.overwriteWithBlank = false;
	return body;
}

/** What `isDoNotContact` needs of a contact: its DNC entries (a parsed `MauticContact` has them). */
export interface HasDoNotContact {
	doNotContact?: ReadonlyArray<{ channel: string; reason: number | string }> | null;
}

/** The contact's DNC entry for `channel` (any reason but 0 "contactable"), if there is one. */
export function doNotContactEntry<T extends { channel: string; reason: number | string }>(
	contact: { doNotContact?: ReadonlyArray<T> | null },
	channel: MauticChannel,
): T | undefined {
	return (contact.doNotContact ?? []).find(
		(entry) => entry.channel === channel && Number(entry.reason) !== 0,
	);
}

/**
 * True when the contact is on Mautic's do-not-contact list for `channel` (unsubscribed, bounced or
 * manual). The single-contact email send ignores this list (mautic.md §4), so call it before sending.
 */
export function isDoNotContact(contact: HasDoNotContact, channel: MauticChannel): boolean {
	return doNotContactEntry(contact, channel) !== undefined;
}

/**
 * True for a value Mautic drops from POST /contacts/new and PATCH /contacts/{id}/edit: mautic/mautic
 * 5.1.0 CustomFieldsApiControllerTrait::setCustomFieldValues removes every is_numeric value whose
 * (int) is 0 ("we have to assume 0 was not meant to overwrite an existing value"), i.e. 0, "0",
 * "0.00", but also 0.5 or -0.3, and false (a 0 in the form). PUT keeps them, but a PUT replaces the
 * whole contact (every field it does not name is cleared), so the connector does not use it.
 */
export function droppedByMautic(value: unknown): boolean {
	if (value === false) return true;
	if (typeof value === 'number') return Number.isFinite(value) && Math.trunc(value) === 0;
	// PHP 8 is_numeric: optional surrounding whitespace, sign, digits with a decimal point, exponent.
	if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value))
		return Math.trunc(Number(value)) === 0;
	return false;
}

/** A field the caller set that Mautic did not store. */
export interface UnwrittenField {
	field: string;
	/** What was sent. */
	value: unknown;
	/** What the contact holds instead (its old value, or null). */
	stored: unknown;
}

function sameNumber(a: unknown, b: unknown): boolean {
	if (a === null || a === undefined || b === null || b === undefined || a === '' || b === '')
		return false;
	const na = typeof a === 'boolean' ? Number(a) : Number(a);
	const nb = typeof b === 'boolean' ? Number(b) : Number(b);
	return Number.isFinite(na) && na === nb;
}

/**
 * The fields of an upsert/edit body that Mautic dropped (see `droppedByMautic`) and that the returned
 * contact does not already hold: what the caller meant to write but Mautic kept.
 */
export function unwrittenFields(
	body: Record<string, unknown>,
	stored: Record<string, unknown>,
): UnwrittenField[] {
	const out: UnwrittenField[] = [];
	for (const [field, value] of Object.entries(body)) {
		if (RESERVED.has(field) || field === 'overwriteWithBlank' || !droppedByMautic(value)) continue;
		const now = stored[field];
		if (sameNumber(now, value)) continue;
		out.push({ field, value, stored: now ?? null });
	}
	return out;
}
