// Who receives a Send item and what the policy may know about them: the system of record first
// (ERPNext's Lead "Unsubscribed" / "Do Not Contact", or Frappe CRM's record, Contacts and Email
// Unsubscribes, which also give the address and name), then the Mautic contact (found, created, or
// absent without a Mautic credential) with its do-not-contact entries and idempotency tags, the
// messages the system of record logged and Mautic's recent e-mails for the frequency cap, and this
// execution's own sends to the same lead or recipient. Everything core/outreach decideOutreach reads.
import type { MauticContact } from '../../../connectors/mautic';
import type { ContactStateInput, SentLogEntry } from '../../../core/outreach';
import { DELIVERY } from './deliveries';
import { capEntries, type LoggedMessage } from './erpnextRecord';
import {
	dncOf,
	fieldText,
	keysFromTags,
	recentMauticEmails,
	resolveContact,
} from './mauticContact';
import type { SendDeps, SendItem } from './sendContext';

export interface Recipient {
	contact: MauticContact | undefined;
	email: string | undefined;
	phone: string | undefined;
	state: ContactStateInput;
}

function dedupe(entries: readonly SentLogEntry[]): SentLogEntry[] {
	const seen = new Set<string>();
	return entries.filter((e) => (seen.has(e.key) ? false : (seen.add(e.key), true)));
}

/** Addresses the core validates (at least 3 characters); shorter ones count as missing. */
function address(value: string | undefined): string | undefined {
	return value !== undefined && value.trim().length >= 3 ? value.trim() : undefined;
}

/** The record's address wins over the item's (it is what the lead's page shows); a difference is noted. */
function fromRecord(
	label: string,
	what: string,
	recorded: string | undefined,
	given: string | undefined,
	notes: string[],
): string | undefined {
	if (recorded === undefined) return given;
	if (given !== undefined && given.toLowerCase() !== recorded.toLowerCase())
		notes.push(
			`The item's ${what} ${given} differs from ${label}'s ${recorded}; ${label}'s is used.`,
		);
	return recorded;
}

export async function readRecipient(
	deps: SendDeps,
	item: SendItem,
	found: MauticContact | undefined,
): Promise<Recipient> {
	const { mautic, record } = deps;
	const { req, notes, ledger } = item;
	let unsubscribed = req.unsubscribed;
	if (unsubscribed) notes.push('The item marks the lead as unsubscribed.');
	let emailOptOut = false;
	let logged: LoggedMessage[] = [];
	let email = req.email;
	let phone = req.phone;
	let fields = req.contactFields;
	if (record) {
		const said = await record.recipient(req);
		notes.push(...said.notes);
		if (said.unsubscribed) unsubscribed = true;
		emailOptOut = said.emailOptOut;
		email = fromRecord(record.label, 'email', said.email, email, notes);
		if (req.deliveries.some((d) => DELIVERY[d].basis === 'sms'))
			phone = fromRecord(record.label, 'phone', said.phone, phone, notes);
		// A contact created from the record gets its mobile too, so a later SMS step can reach it.
		const mobile = phone ?? said.phone;
		fields = { ...said.fields, ...(mobile ? { mobile } : {}), ...req.contactFields };
		logged = await record.logged(req, said);
	}

	let contact = found;
	if (!mautic) {
		notes.push(
			`No Mautic credential: Mautic's do-not-contact lists and sent e-mails were not consulted (consent and caps come from the item and ${record?.label ?? 'ERPNext'}).`,
		);
	} else if (!contact) {
		const resolved = await resolveContact(
			mautic,
			{ contactId: req.contactId, email, fields },
			{ create: req.createContact, dryRun: req.dryRun },
		);
		notes.push(...resolved.notes);
		contact = resolved.contact;
	}
	email = email ?? contact?.email ?? undefined;
	phone = phone ?? fieldText(contact, 'mobile') ?? fieldText(contact, 'phone');
	const country = req.country ?? fieldText(contact, 'country');
	const timeZone = req.timeZone ?? fieldText(contact, 'timezone');

	const dncEmail = dncOf(contact, 'email');
	const dncSms = dncOf(contact, 'sms');
	for (const dnc of [dncEmail, dncSms]) if (dnc.note) notes.push(dnc.note);
	if (req.deliveries.includes('slack'))
		notes.push('Slack follows the email consent: Mautic keeps no Slack do-not-contact list.');

	const windowStart = new Date(req.now.getTime() - req.policy.cap.windowHours * 3_600_000);
	const mauticEmails =
		contact && mautic ? await recentMauticEmails(mautic, contact.id, windowStart) : [];
	// Mautic's email_stats already holds this run's live Mautic emails; a dry run sent none.
	const fromLedger = ledger.filter((e) => req.dryRun || e.delivery !== 'mauticEmail');
	const state: ContactStateInput = {
		email: req.deliveries.includes('slack') ? `slack:${req.slackRecipient}` : address(email),
		phone: address(phone),
		country: country && country.length >= 2 ? country : undefined,
		timeZone,
		dnc: { email: dncEmail.blocked || emailOptOut, sms: dncSms.blocked },
		unsubscribed,
		...(record ? { consentSource: record.label } : {}),
		sentLog: dedupe([
			...mauticEmails,
			...capEntries(logged),
			...fromLedger.map(({ at, channel, key }) => ({ at, channel, key })),
		]),
		existingKeys: [
			...keysFromTags(contact),
			...logged.map((m) => m.key),
			...ledger.map((e) => e.key),
		],
	};
	return { contact, email, phone, state };
}
