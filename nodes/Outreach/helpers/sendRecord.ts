// The system of record a Send checks consent in and logs to (docs/decisions/0034): ERPNext's Lead and
// Quotation (the default, "Check Consent and Log in ERPNext") or Frappe CRM's CRM Lead / CRM Deal
// (System of Record = Frappe CRM). Both are Frappe sites reached with the one ERPNext / Frappe
// credential, and both answer the same three questions: who is the recipient and may they be
// contacted, which messages did this node already log (a second record of "already sent" beside the
// Mautic tag, and the send times for the frequency cap), and where does a sent message go.
import type { ErpNextClient } from '../../../connectors/erpnext';
import type { CrmDoctype } from '../../../core/outreach';
import {
	logCommunication,
	readLeadConsent,
	readLoggedMessages,
	type LoggedMessage,
	type SentMessage,
} from './erpnextRecord';
import { logOnCrmRecord, readCrmLogged, readCrmRecipient } from './frappeCrmRecord';
import type { SendRequest } from './sendRequest';

export interface RecordRecipient {
	/** The record says the lead opted out: no channel may be used. */
	unsubscribed: boolean;
	/** The record holds an e-mail opt-out (Frappe Email Unsubscribe): no e-mail. */
	emailOptOut: boolean;
	notes: string[];
	/** Contact data the record holds (Frappe CRM); ERPNext's Lead is not read for it. */
	email?: string;
	phone?: string;
	/** Mautic contact fields (firstname, lastname, company) for a contact created from the record. */
	fields: Record<string, string>;
	/** The records whose logged messages count (Frappe CRM: a deal and its lead). */
	refs?: Array<{ doctype: string; name: string }>;
}

export interface SendRecord {
	/** The output key and metric service: `erpnext` or `frappe_crm`. */
	service: 'erpnext' | 'frappe_crm';
	/** How reasons and warnings name it. */
	label: 'ERPNext' | 'Frappe CRM';
	recipient(req: SendRequest): Promise<RecordRecipient>;
	logged(req: SendRequest, recipient: RecordRecipient): Promise<LoggedMessage[]>;
	/** Logs a sent message; answers where it went. */
	log(req: SendRequest, message: SentMessage): Promise<{ doctype: string; communication: string }>;
}

export function erpNextRecord(erp: ErpNextClient): SendRecord {
	return {
		service: 'erpnext',
		label: 'ERPNext',
		recipient: async (req) => {
			const consent = await readLeadConsent(erp, req.leadRef);
			return {
				unsubscribed: consent.unsubscribed,
				emailOptOut: false,
				notes: consent.note ? [consent.note] : [],
				fields: {},
			};
		},
		logged: async (req) => await readLoggedMessages(erp, req.leadRef, req.quoteRef),
		log: async (req, message) => ({
			doctype: req.quoteRef ? 'Quotation' : 'Lead',
			communication: await logCommunication(erp, {
				...message,
				leadRef: req.leadRef,
				quoteRef: req.quoteRef,
			}),
		}),
	};
}

export function frappeCrmRecord(erp: ErpNextClient, doctype: CrmDoctype): SendRecord {
	return {
		service: 'frappe_crm',
		label: 'Frappe CRM',
		recipient: async (req) => await readCrmRecipient(erp, doctype, req.leadRef),
		logged: async (req, recipient) =>
			await readCrmLogged(erp, recipient.refs ?? [{ doctype, name: req.leadRef }]),
		log: async (req, message) => ({
			doctype,
			communication: await logOnCrmRecord(erp, doctype, req.leadRef, message),
		}),
	};
}
