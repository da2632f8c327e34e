// The Frappe CRM side of a Send (issue 18, docs/decisions/0034): the CRM Lead or CRM Deal named by
// "Lead Reference", its Frappe Contacts and the Email Unsubscribe records of their addresses are read
// before anything is decided (core/outreach crmRecipient says who the recipient is and whether they may
// be contacted), and each sent message is logged as an "Automated Message" Communication on the
// record, which is what Frappe CRM's lead and deal pages list in their activity and Emails tab
// (frappe/crm crm/api/activities.py get_lead_activities / get_deal_activities @ 8b7dfdde: docinfo
// communications + automated_messages as `communication` activities). A deal's page shows its lead's
// activity too, so a deal's send log is read from the deal and its lead.
import { ErpNextError, type ErpNextClient } from '../../../connectors/erpnext';
import { crmRecipient, type CrmDoctype } from '../../../core/outreach';
import {
	insertCommunication,
	readLoggedOn,
	type LoggedMessage,
	type SentMessage,
} from './erpnextRecord';
import type { RecordRecipient } from './sendRecord';

const CONTACT_FIELDS = [
	'name',
	'email_id',
	'mobile_no',
	'phone',
	'first_name',
	'last_name',
	'company_name',
	'unsubscribed',
];

/** The CRM record named by the item, or an error naming the parameter. */
export async function readCrmRecord(
	erp: ErpNextClient,
	doctype: CrmDoctype,
	name: string,
): Promise<Record<string, unknown>> {
	let failure: unknown;
	try {
		return await erp.get(doctype, name);
	} catch (error) {
		failure = error;
	}
	if (failure instanceof ErpNextError && failure.status === 404) {
		throw new Error(
			`Frappe CRM has no ${doctype} ${JSON.stringify(name)} (parameter "Lead Reference"), so its contact data and consent cannot be read`,
		);
	}
	throw failure;
}

/**
 * The Contacts of the record, primary first: a deal's `contacts` rows (CRM Contacts, is_primary), a
 * lead's Contact by its e-mail (crm_lead.py contact_exists matches Contact Email on the address).
 */
async function contactsOf(
	erp: ErpNextClient,
	doctype: CrmDoctype,
	record: Record<string, unknown>,
): Promise<Array<Record<string, unknown>>> {
	if (doctype === 'CRM Deal') {
		const rows = Array.isArray(record.contacts)
			? (record.contacts as Array<Record<string, unknown>>)
			: [];
		const names = [...rows]
			.sort((a, b) => Number(b.is_primary ?? 0) - Number(a.is_primary ?? 0))
			.map((r) => r.contact)
			.filter((c): c is string => typeof c === 'string' && c !== '');
		if (names.length === 0) return [];
		const found = await erp.listAll('Contact', {
			fields: CONTACT_FIELDS,
			filters: [['name', 'in', names]],
			limit: 50,
		});
		return names.flatMap((n) => found.filter((c) => c.name === n));
	}
	const email = typeof record.email === 'string' ? record.email.trim() : '';
	if (email === '') return [];
	return await erp.listAll('Contact', {
		fields: CONTACT_FIELDS,
		filters: [['email_id', '=', email]],
		orderBy: 'creation asc',
		limit: 10,
	});
}

/** Who the record says the recipient is, and whether they may be contacted. */
export async function readCrmRecipient(
	erp: ErpNextClient,
	doctype: CrmDoctype,
	name: string,
): Promise<RecordRecipient> {
	const record = await readCrmRecord(erp, doctype, name);
	const contacts = await contactsOf(erp, doctype, record);
	const addresses = [
		...new Set(
			[record.email, ...contacts.map((c) => c.email_id)].filter(
				(a): a is string => typeof a === 'string' && a.trim() !== '',
			),
		),
	];
	// Email Unsubscribe is readable by System Manager only (email_unsubscribe.json): without it the
	// opt-outs are unknown, and the send is refused naming the role rather than made blind.
	const unsubscribes =
		addresses.length === 0
			? []
			: await erp.listAll('Email Unsubscribe', {
					fields: ['name', 'email', 'reference_doctype', 'reference_name', 'global_unsubscribe'],
					filters: [['email', 'in', addresses]],
					limit: 100,
					requiredRole: 'System Manager',
				});
	const recipient = crmRecipient({ doctype, record, contacts, unsubscribes });
	const fields: Record<string, string> = {};
	if (recipient.firstName) fields.firstname = recipient.firstName;
	if (recipient.lastName) fields.lastname = recipient.lastName;
	if (recipient.organization) fields.company = recipient.organization;
	return {
		unsubscribed: recipient.unsubscribed,
		emailOptOut: recipient.emailOptOut,
		notes: recipient.notes,
		...(recipient.email ? { email: recipient.email } : {}),
		...(recipient.phone ? { phone: recipient.phone } : {}),
		fields,
		refs: [
			{ doctype, name },
			...(doctype === 'CRM Deal' && typeof record.lead === 'string' && record.lead !== ''
				? [{ doctype: 'CRM Lead', name: record.lead }]
				: []),
		],
	};
}

/** Messages this node logged on the record (and a deal's lead), newest first. */
export async function readCrmLogged(
	erp: ErpNextClient,
	refs: ReadonlyArray<{ doctype: string; name: string }>,
): Promise<LoggedMessage[]> {
	return await readLoggedOn(
		erp,
		[...new Set(refs.map((r) => r.doctype))],
		refs.map((r) => r.name),
	);
}

/** Logs one sent message in the record's activity. */
export async function logOnCrmRecord(
	erp: ErpNextClient,
	doctype: CrmDoctype,
	name: string,
	message: SentMessage,
): Promise<string> {
	return await insertCommunication(erp, { doctype, name }, message);
}
