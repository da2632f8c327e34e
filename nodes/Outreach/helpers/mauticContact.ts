// The Mautic side of one recipient: finds the contact (by ID, else by exact email, creating it only
// when asked and never in a dry run) and reads what the outreach policy needs from it — the
// do-not-contact entry per channel with its reason (Mautic's single-contact send ignores DNC, so we
// must), the idempotency keys kept as contact tags (the system of record for "already sent"), the
// stop marks of sequences, the address and zone fields that fill in for missing item fields, and the
// recent email sends from Mautic's email_stats (campaign sends included) for the frequency cap.

import { MauticError } from '../../../connectors/http';
import {
	doNotContactEntry,
	type ContactFieldValue,
	type MauticClient,
	type MauticContact,
} from '../../../connectors/mautic';
import { MARKER_PATTERNS, sequenceStopMarker } from '../../../core/markers';
import { mauticFieldValue, type SentLogEntry } from '../../../core/outreach';

export interface ContactLookup {
	contactId?: number;
	email?: string;
	/** Fields for a contact created here (never used to overwrite an existing one). */
	fields?: Record<string, ContactFieldValue>;
}

export interface ResolvedContact {
	/** Undefined only in a dry run for a contact that a live run would create. */
	contact: MauticContact | undefined;
	created: boolean;
	notes: string[];
}

const DNC_REASONS: Record<number, string> = {
	1: 'unsubscribed',
	2: 'bounced',
	3: 'added manually',
};

export async function resolveContact(
	mautic: MauticClient,
	lookup: ContactLookup,
	mode: { create: boolean; dryRun: boolean },
): Promise<ResolvedContact> {
	if (lookup.contactId !== undefined) {
		let failure: unknown;
		try {
			return { contact: await mautic.getContact(lookup.contactId), created: false, notes: [] };
		} catch (error) {
			failure = error;
		}
		if (failure instanceof MauticError && failure.status === 404) {
			throw new Error(
				`Mautic has no contact with ID ${lookup.contactId} (option "Mautic Contact ID")`,
			);
		}
		throw failure;
	}
	if (!lookup.email) {
		throw new Error(
			'The item has neither an Email nor a Mautic Contact ID, so its do-not-contact entries cannot be checked and nothing may be sent',
		);
	}
	const found = await mautic.findContactByEmail(lookup.email);
	if (found) return { contact: found, created: false, notes: [] };
	if (!mode.create) {
		throw new Error(
			`Mautic has no contact with the email ${JSON.stringify(lookup.email)}; turn on the option "Create Missing Contact" or create it first`,
		);
	}
	if (mode.dryRun) {
		return {
			contact: undefined,
			created: false,
			notes: [`Mautic has no contact with the email ${lookup.email}; a live run creates it.`],
		};
	}
	// Lead text (a name or company typed into a form) is stored as plain text: no markup, no Mautic token
	// syntax, no line breaks (M4; core/outreach leadText), whichever operation creates the contact.
	const fields = lookup.fields
		? Object.fromEntries(
				Object.entries(lookup.fields).map(([alias, value]) => [
					alias,
					typeof value === 'string' ? mauticFieldValue(value) : value,
				]),
			)
		: undefined;
	const upserted = await mautic.upsertContact({ email: lookup.email, fields });
	const notes = upserted.created ? [`Created Mautic contact ${upserted.contact.id}.`] : [];
	for (const field of upserted.notWritten) {
		notes.push(
			`Mautic did not store ${field.field} = ${JSON.stringify(field.value)} (its API drops values whose integer part is 0 when creating or updating a contact); the field holds ${JSON.stringify(field.stored)}: set it in Mautic if it matters.`,
		);
	}
	return { contact: upserted.contact, created: upserted.created, notes };
}

/** The existing contact, or undefined when no contact has the email (a wrong ID is still an error). */
export async function findExistingContact(
	mautic: MauticClient,
	lookup: ContactLookup,
): Promise<MauticContact | undefined> {
	if (lookup.contactId === undefined && lookup.email)
		return await mautic.findContactByEmail(lookup.email);
	return (await resolveContact(mautic, lookup, { create: false, dryRun: true })).contact;
}

/** Idempotency keys stored as tags on the contact. */
export function keysFromTags(contact: MauticContact | undefined): string[] {
	return (contact?.tags ?? []).filter((tag) => MARKER_PATTERNS.send.test(tag));
}

/** Whether the channel is on the contact's DNC list, and a note saying why when it is. */
export function dncOf(
	contact: MauticContact | undefined,
	channel: 'email' | 'sms',
): { blocked: boolean; note?: string } {
	if (!contact) return { blocked: false };
	const entry = doNotContactEntry(contact, channel);
	if (!entry) return { blocked: false };
	const why = DNC_REASONS[Number(entry.reason)] ?? `reason ${String(entry.reason)}`;
	return {
		blocked: true,
		note: `Mautic do-not-contact (${channel}): ${why}${entry.comments ? ` — ${entry.comments}` : ''}.`,
	};
}

export function fieldText(contact: MauticContact | undefined, alias: string): string | undefined {
	const value = contact?.fields[alias];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Stop mark left on the contact by "Stop Sequence", so a re-run does not enroll it again. */
export function stopTag(campaignId: number): string {
	return sequenceStopMarker(campaignId);
}

/** Emails Mautic sent to the contact since `since` (any source: API, segment, campaign). */
export async function recentMauticEmails(
	mautic: MauticClient,
	contactId: number,
	since: Date,
): Promise<SentLogEntry[]> {
	const entries: SentLogEntry[] = [];
	for await (const row of mautic.emailStats({
		contactId,
		sentSince: since,
		limit: 100,
		pageSize: 100,
	})) {
		// The connector gives date_sent as an instant (ISO 8601 UTC, connectors/mautic/dates.ts).
		const at = row.date_sent;
		if (typeof at === 'string')
			entries.push({
				at,
				channel: 'email',
				key: `mautic-email-stat-${String(row.id ?? entries.length)}`,
			});
	}
	return entries;
}
