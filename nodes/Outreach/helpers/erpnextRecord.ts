// The ERPNext side of outreach: consent and the sent-message log. Before a send it reads the Lead's
// `unsubscribed` flag (and the "Do Not Contact" status), which Mautic does not know about, and the
// Communications this node logged on the Lead or Quotation — each carries the idempotency key in a
// marker, so ERPNext is a second system of record for "already sent" (a lost Mautic tag cannot cause
// a duplicate) and gives the send times for the frequency cap. After a send it logs one Communication
// (medium, recipient, text, marker) on the Quotation when one is given, else on the Lead.
// Frappe hides e-mail Communications from users without System Manager or Super Email User
// (frappe/frappe v15 frappe/core/doctype/communication/communication.py
// get_permission_query_conditions_for_communication), so for such a user the log would silently read
// "nothing sent" and a step could go out twice or past the cap: the send is refused with the role to
// grant instead. Datetimes are written and read in the site's time zone (connectors/erpnext siteTime).
import { EMAIL_READ_ROLES, ErpNextError, type ErpNextClient } from '../../../connectors/erpnext';
import { MARKER_PATTERNS } from '../../../core/markers';
import type { Channel, SentLogEntry } from '../../../core/outreach';
import { escapeHtml } from '../../../core/html';
import { DELIVERIES, DELIVERY, type Delivery } from './deliveries';

export interface ErpNextConsent {
	unsubscribed: boolean;
	note?: string;
}

/** One message this node logged, read back from its Communication marker. */
export interface LoggedMessage {
	key: string;
	delivery: Delivery | undefined;
	at: string | undefined;
	communication: string;
}

// Delivery names may hold digits (n8nEmail): [A-Za-z0-9], or an n8n e-mail would never be found again.
// "[<send marker> via <delivery>]": groups 1 the marker (core/markers.ts), 2 its channel, 3 the delivery.
const SEND = MARKER_PATTERNS.send.source.replace(/^\^|\$$/g, '');
const MARKER = new RegExp(`\\[(${SEND})(?: via ([A-Za-z0-9]+))?\\]`, 'g');

export function marker(key: string, delivery: Delivery): string {
	return `[${key} via ${delivery}]`;
}

/** ISO 8601 (UTC) of a Frappe datetime, which is naive in the site's zone. */
async function instantOf(erp: ErpNextClient, value: unknown): Promise<string | undefined> {
	const at = await erp.fromFrappeDatetime(value);
	return at ? at.toISOString().replace('.000Z', 'Z') : undefined;
}

/**
 * Refuses to read the send log when the permission filter would hide part of it: a user without
 * System Manager or Super Email User sees no e-mail Communication, so "nothing logged" could be
 * false. Holding the item with this reason is safer than a second send or a broken frequency cap.
 */
export async function requireCompleteLog(erp: ErpNextClient): Promise<void> {
	const roles = await erp.userRoles();
	if (EMAIL_READ_ROLES.some((r) => roles.includes(r))) return;
	const user = await erp.whoAmI();
	throw new Error(
		`ERPNext hides e-mail Communications from ${user} (it has neither ${EMAIL_READ_ROLES.join(' nor ')}), so the messages this node logged on the Lead cannot all be read; without them "already sent" and the frequency cap cannot be checked, so nothing was sent. Give the ERPNext API user the role Super Email User (or System Manager).`,
	);
}

export async function readLeadConsent(
	erp: ErpNextClient,
	leadRef: string,
): Promise<ErpNextConsent> {
	let lead: Record<string, unknown> | undefined;
	let failure: unknown;
	try {
		lead = await erp.get('Lead', leadRef);
	} catch (error) {
		failure = error;
	}
	if (lead === undefined) {
		if (failure instanceof ErpNextError && failure.status === 404) {
			throw new Error(
				`ERPNext has no Lead ${JSON.stringify(leadRef)} (parameter "Lead Reference"), so its unsubscribe flag cannot be checked`,
			);
		}
		throw failure;
	}
	if (Number(lead.unsubscribed) === 1 || lead.unsubscribed === true) {
		return { unsubscribed: true, note: `ERPNext Lead ${leadRef} has "Unsubscribed" set.` };
	}
	if (lead.status === 'Do Not Contact') {
		return { unsubscribed: true, note: `ERPNext Lead ${leadRef} has the status "Do Not Contact".` };
	}
	return { unsubscribed: false };
}

/** Messages this node logged on the Lead (and the Quotation, when given), newest first. */
export async function readLoggedMessages(
	erp: ErpNextClient,
	leadRef: string,
	quoteRef: string | undefined,
): Promise<LoggedMessage[]> {
	return await readLoggedOn(erp, ['Lead', 'Quotation'], quoteRef ? [leadRef, quoteRef] : [leadRef]);
}

/**
 * Messages this node logged on records of `doctypes` named `names` (ERPNext's Lead and Quotation, or
 * Frappe CRM's CRM Lead and CRM Deal), newest first, read from their Communication markers.
 */
export async function readLoggedOn(
	erp: ErpNextClient,
	doctypes: readonly string[],
	names: readonly string[],
): Promise<LoggedMessage[]> {
	await requireCompleteLog(erp);
	const rows = await erp.listAll('Communication', {
		fields: ['name', 'content', 'communication_date', 'creation'],
		filters: [
			['reference_doctype', 'in', [...doctypes]],
			['reference_name', 'in', [...names]],
			['content', 'like', '%[ltc-%'],
		],
		orderBy: 'creation desc, name desc',
		pageSize: 100,
		limit: 500,
	});
	const out: LoggedMessage[] = [];
	for (const row of rows) {
		const content = typeof row.content === 'string' ? row.content : '';
		for (const match of content.matchAll(MARKER)) {
			const delivery = (DELIVERIES as readonly string[]).includes(match[3] ?? '')
				? (match[3] as Delivery)
				: undefined;
			const at =
				(await instantOf(erp, row.communication_date)) ?? (await instantOf(erp, row.creation));
			out.push({ key: match[1], delivery, at, communication: String(row.name) });
		}
	}
	return out;
}

/**
 * Send-log entries for the frequency cap from logged messages. Mautic emails are left out: they are
 * counted from Mautic's own email_stats, which also holds campaign sends.
 */
export function capEntries(logged: readonly LoggedMessage[]): SentLogEntry[] {
	const out: SentLogEntry[] = [];
	for (const message of logged) {
		if (!message.at || message.delivery === 'mauticEmail') continue;
		const channel: Channel = message.key.includes('-sms-') ? 'sms' : 'email';
		out.push({ at: message.at, channel, key: message.key });
	}
	return out;
}

/** One sent message as the log records it. */
export interface SentMessage {
	delivery: Delivery;
	key: string;
	recipient: string | null;
	subject: string;
	text: string;
	sentAt: Date;
}

export interface CommunicationInput extends SentMessage {
	leadRef: string;
	quoteRef?: string;
}

export async function logCommunication(
	erp: ErpNextClient,
	input: CommunicationInput,
): Promise<string> {
	const reference = input.quoteRef
		? { doctype: 'Quotation', name: input.quoteRef }
		: { doctype: 'Lead', name: input.leadRef };
	return await insertCommunication(erp, reference, input);
}

/**
 * Logs one sent message as an "Automated Message" Communication on `reference` (medium, recipient,
 * text and the marker that finds it again); answers the Communication's name.
 */
export async function insertCommunication(
	erp: ErpNextClient,
	reference: { doctype: string; name: string },
	input: SentMessage,
): Promise<string> {
	const spec = DELIVERY[input.delivery];
	const paragraphs = input.text
		.split(/\n{2,}/)
		.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
		.join('');
	const doc = await erp.insert('Communication', {
		communication_type: 'Automated Message',
		communication_medium: spec.medium,
		subject: input.subject.slice(0, 140),
		content: `${paragraphs}<p>${escapeHtml(`Sent by ${spec.label} (n8n Lead-to-Close Outreach).`)} ${marker(input.key, input.delivery)}</p>`,
		...(input.recipient ? { recipients: input.recipient } : {}),
		sent_or_received: 'Sent',
		reference_doctype: reference.doctype,
		reference_name: reference.name,
		communication_date: await erp.toFrappeDatetime(input.sentAt),
	});
	return doc.name;
}
