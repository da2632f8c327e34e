// core/outreach crmRecipient: who a Frappe CRM record says the recipient is and which opt-outs apply,
// as a table of realistic records (frappe/crm @ 8b7dfdde field names; Frappe Contact and Email
// Unsubscribe as frappe/frappe defines them).
import { describe, expect, it } from 'vitest';

import { crmRecipient, decideOutreach, type CrmRecipientInput } from '../../../core/outreach';

const lead = { name: 'CRM-LEAD-2026-00101', first_name: 'Jana', last_name: 'Roth', organization: 'Nordwerk Automation GmbH', email: 'jana.roth@nordwerk-automation.de', mobile_no: '+4915112345678' };
const deal = { name: 'CRM-DEAL-2026-00007', lead: 'CRM-LEAD-2026-00050', organization: 'Lovelace Engineering GmbH', email: 'info@lovelace-engineering.de' };
const petra = { name: 'Petra Brandt', first_name: 'Petra', last_name: 'Brandt', email_id: 'petra.brandt@lovelace-engineering.de', mobile_no: '+4916098765432', company_name: 'Lovelace Engineering GmbH', unsubscribed: 0 };

const cases: Array<[string, CrmRecipientInput, Record<string, unknown>, RegExp?]> = [
	['a CRM Lead without a Contact: its own fields', { doctype: 'CRM Lead', record: lead, contacts: [], unsubscribes: [] }, { email: lead.email, phone: lead.mobile_no, firstName: 'Jana', lastName: 'Roth', organization: 'Nordwerk Automation GmbH', unsubscribed: false, emailOptOut: false }],
	['a CRM Deal: the primary Contact wins for address and mobile', { doctype: 'CRM Deal', record: deal, contacts: [petra], unsubscribes: [] }, { email: petra.email_id, phone: petra.mobile_no, firstName: 'Petra', organization: 'Lovelace Engineering GmbH', contact: 'Petra Brandt', unsubscribed: false }],
	['a Contact with Unsubscribed set blocks every channel', { doctype: 'CRM Lead', record: lead, contacts: [{ name: 'Jana Roth', email_id: lead.email, unsubscribed: 1 }], unsubscribes: [] }, { unsubscribed: true, emailOptOut: false }, /Frappe Contact Jana Roth of CRM Lead CRM-LEAD-2026-00101 has "Unsubscribed" set/],
	['a global Email Unsubscribe of the address blocks e-mail', { doctype: 'CRM Lead', record: lead, contacts: [], unsubscribes: [{ name: 'u1', email: 'Jana.Roth@nordwerk-automation.de', global_unsubscribe: 1 }] }, { unsubscribed: false, emailOptOut: true }, /unsubscribed from all e-mail \(Frappe Email Unsubscribe u1\)/],
	["an Email Unsubscribe for the deal's lead blocks e-mail for the deal", { doctype: 'CRM Deal', record: { ...deal, email: petra.email_id }, contacts: [petra], unsubscribes: [{ name: 'u2', email: petra.email_id, reference_doctype: 'CRM Lead', reference_name: 'CRM-LEAD-2026-00050', global_unsubscribe: 0 }] }, { emailOptOut: true }, /about CRM Lead CRM-LEAD-2026-00050/],
	['an Email Unsubscribe for another document does not apply', { doctype: 'CRM Lead', record: lead, contacts: [], unsubscribes: [{ name: 'u3', email: lead.email, reference_doctype: 'Newsletter', reference_name: 'November', global_unsubscribe: 0 }] }, { emailOptOut: false, notes: [] }],
	['an Email Unsubscribe of another address does not apply', { doctype: 'CRM Lead', record: lead, contacts: [], unsubscribes: [{ name: 'u4', email: 'someone@else.de', global_unsubscribe: 1 }] }, { emailOptOut: false }],
];

describe('crmRecipient', () => {
	it.each(cases)('%s', (_name, input, expected, note) => {
		const out = crmRecipient(input);
		expect(out).toMatchObject(expected);
		if (note) expect(out.notes.join(' ')).toMatch(note);
	});

	it('the decision names the system of record that holds the opt-out', () => {
		const request = { leadRef: lead.name, step: 'd2', sequence: 'quote-follow-up', channels: ['email' as const] };
		const now = new Date('2026-11-18T09:00:00Z');
		const crm = decideOutreach(request, { email: lead.email, unsubscribed: true, consentSource: 'Frappe CRM' }, {}, now);
		const erp = decideOutreach(request, { email: lead.email, unsubscribed: true }, {}, now);
		expect(crm).toMatchObject({ decision: 'skip', policy: 'unsubscribed', reason: `${lead.name} is unsubscribed in Frappe CRM; no channel may be used.` });
		expect(erp).toMatchObject({ reason: `${lead.name} is unsubscribed in ERPNext; no channel may be used.` });
	});
});
