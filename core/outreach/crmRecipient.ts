// Who a Frappe CRM record says the recipient of a message is, and whether they may be contacted
// (issue 18, docs/decisions/0034). A CRM Lead holds the person itself (email, mobile_no, first_name,
// last_name, organization); a CRM Deal holds the same "primary" fields plus its `contacts` table of
// Frappe Contacts, and a lead that was converted has a Contact with its e-mail (frappe/crm
// crm/fcrm/doctype/crm_lead/crm_lead.py create_contact, contact_exists @ 8b7dfdde). Frappe CRM has no
// unsubscribe field of its own; the opt-outs it keeps are Frappe's: a Contact's `unsubscribed` check
// (frappe/contacts/doctype/contact/contact.json), which blocks every channel, and Email Unsubscribe
// records (frappe/email/doctype/email_unsubscribe: an address unsubscribed from one document or, with
// `global_unsubscribe`, from everything), which block e-mail. Pure: the node reads the records, this
// decides.

export type CrmDoctype = 'CRM Lead' | 'CRM Deal';

export interface CrmRecipientInput {
	doctype: CrmDoctype;
	/** The CRM Lead or CRM Deal as GET answers it. */
	record: Record<string, unknown>;
	/** The record's Frappe Contacts, the primary one first. */
	contacts: ReadonlyArray<Record<string, unknown>>;
	/** Email Unsubscribe rows of the recipient's addresses. */
	unsubscribes: ReadonlyArray<Record<string, unknown>>;
}

export interface CrmRecipient {
	email?: string;
	phone?: string;
	firstName?: string;
	lastName?: string;
	organization?: string;
	/** A Contact of the record has "Unsubscribed" set: no channel may be used. */
	unsubscribed: boolean;
	/** An Email Unsubscribe covers the address for this record or globally: no e-mail. */
	emailOptOut: boolean;
	/** The Contact the data came from, when one did. */
	contact?: string;
	notes: string[];
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function checked(value: unknown): boolean {
	return value === 1 || value === true || value === '1';
}

/** The record's references an Email Unsubscribe can name: the record, and a deal's lead. */
function references(input: CrmRecipientInput): Array<[string, string]> {
	const own: Array<[string, string]> = [[input.doctype, String(input.record.name ?? '')]];
	const lead = text(input.record.lead);
	return input.doctype === 'CRM Deal' && lead ? [...own, ['CRM Lead', lead]] : own;
}

export function crmRecipient(input: CrmRecipientInput): CrmRecipient {
	const { record, doctype } = input;
	const name = String(record.name ?? '');
	const primary = input.contacts[0];
	const notes: string[] = [];
	const email = text(primary?.email_id) ?? text(record.email);
	const phone =
		text(primary?.mobile_no) ??
		text(record.mobile_no) ??
		text(primary?.phone) ??
		text(record.phone);
	const out: CrmRecipient = {
		email,
		phone,
		firstName: text(record.first_name) ?? text(primary?.first_name),
		lastName: text(record.last_name) ?? text(primary?.last_name),
		organization:
			text(record.organization) ?? text(record.organization_name) ?? text(primary?.company_name),
		unsubscribed: false,
		emailOptOut: false,
		...(primary && text(primary.name) ? { contact: text(primary.name) } : {}),
		notes,
	};
	for (const contact of input.contacts) {
		if (checked(contact.unsubscribed)) {
			out.unsubscribed = true;
			notes.push(
				`Frappe Contact ${String(contact.name)} of ${doctype} ${name} has "Unsubscribed" set.`,
			);
		}
	}
	const addresses = new Set(
		[email, ...input.contacts.map((c) => text(c.email_id))]
			.filter((a): a is string => a !== undefined)
			.map((a) => a.toLowerCase()),
	);
	const refs = references(input);
	for (const row of input.unsubscribes) {
		const address = text(row.email)?.toLowerCase();
		if (!address || !addresses.has(address)) continue;
		const global = checked(row.global_unsubscribe);
		const forRecord = refs.some(
			([dt, dn]) => row.reference_doctype === dt && row.reference_name === dn,
		);
		if (!global && !forRecord) continue;
		out.emailOptOut = true;
		notes.push(
			global
				? `${address} unsubscribed from all e-mail (Frappe Email Unsubscribe ${String(row.name)}).`
				: `${address} unsubscribed from e-mail about ${String(row.reference_doctype)} ${String(row.reference_name)} (Frappe Email Unsubscribe ${String(row.name)}).`,
		);
	}
	return out;
}
