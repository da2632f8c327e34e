// Outreach → Send with System of Record "Frappe CRM" in the n8n engine (in-process) against the Mautic
// fake and the Frappe fake hosting the Frappe CRM app (apps: ['crm'], frappe/crm @ 8b7dfdde): the CRM
// Lead's e-mail, mobile, name and organization are read from the record (a Mautic contact is created
// from them), opt-outs come from its Contacts (Unsubscribed) and Frappe's Email Unsubscribe, each send
// is an "Automated Message" Communication that the lead's (or deal's) activity lists, and a replay
// sends and logs nothing twice, even when the Mautic tag is gone. ERPNext stays the default
// (tests/nodes/outreachSend.test.mts).
import type { INode } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { LeadToCloseErpNextApi } from '../../credentials/LeadToCloseErpNextApi.credentials';
import { LeadToCloseMauticApi } from '../../credentials/LeadToCloseMauticApi.credentials';
import { sendMarker } from '../../core/markers';
import { Outreach } from '../../nodes/Outreach/Outreach.node';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer } from '../contract/mautic-server.mts';
import { chain, node, runWorkflow } from '../workflow/harness.mts';
import { WED_MORNING, eventsOf, outreachOf } from './support/outreachFixtures.mts';

const TYPE = 'n8n-nodes-lead-to-close.outreach';

let mautic: MauticServer;
let crm: ErpNextServer;
let emailId: number;
let smsId: number;
const LEAD = 'CRM-LEAD-2026-00101';
const UNSUBSCRIBED = 'CRM-LEAD-2026-00102';
const OPTED_OUT = 'CRM-LEAD-2026-00103';
const DEAL = 'CRM-DEAL-2026-00007';

async function start(roles?: string[]) {
	mautic = await startMauticServer();
	crm = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value', apps: ['crm'], ...(roles ? { roles } : {}) });
	emailId = mautic.state.createEmail({ name: 'Quote follow-up D2', subject: 'Your quotation' }).id;
	smsId = mautic.state.createSms({ name: 'Reminder', message: 'Your quotation is waiting.' }).id;
	crm.state.seed('CRM Lead', [
		{ name: LEAD, first_name: 'Jana', last_name: 'Roth', lead_name: 'Jana Roth', organization: 'Nordwerk Automation GmbH', email: 'jana.roth@nordwerk-automation.de', mobile_no: '+4915112345678', status: 'Contacted' },
		{ name: UNSUBSCRIBED, first_name: 'Uwe', last_name: 'Sommer', lead_name: 'Uwe Sommer', organization: 'Sommer Fördertechnik', email: 'uwe@sommer-foerdertechnik.de', status: 'Contacted' },
		{ name: OPTED_OUT, first_name: 'Olga', last_name: 'Ott', lead_name: 'Olga Ott', organization: 'Ott Hydraulik', email: 'olga@ott-hydraulik.de', mobile_no: '+4917012345678', status: 'Contacted' },
	]);
	// A converted lead's Contact (crm_lead.py create_contact) with "Unsubscribed" set.
	crm.state.seed('Contact', [
		{ name: 'Uwe Sommer', first_name: 'Uwe', last_name: 'Sommer', email_id: 'uwe@sommer-foerdertechnik.de', unsubscribed: 1 },
		{ name: 'Petra Brandt', first_name: 'Petra', last_name: 'Brandt', email_id: 'petra.brandt@lovelace-engineering.de', mobile_no: '+4916098765432', company_name: 'Lovelace Engineering GmbH', unsubscribed: 0 },
	]);
	crm.state.seed('Email Unsubscribe', [{ name: 'a1b2c3d4e5', email: 'olga@ott-hydraulik.de', reference_doctype: 'CRM Lead', reference_name: OPTED_OUT, global_unsubscribe: 0 }]);
	crm.state.seed('CRM Deal', [
		{ name: DEAL, organization: 'Lovelace Engineering GmbH', status: 'Proposal/Quotation', deal_owner: 'sales@example.com', contacts: [{ contact: 'Petra Brandt', is_primary: 1 }] },
	]);
}

beforeEach(async () => start());
afterEach(async () => Promise.all([mautic.stop(), crm.stop()]));

const credentials = () => ({
	leadToCloseMauticApi: { baseUrl: mautic.url, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password },
	leadToCloseErpNextApi: { baseUrl: crm.url, apiKey: 'k', apiSecret: 's3cret-value' },
});

async function send(items: Array<Record<string, unknown>>, params: INode['parameters'] = {}, extra: Partial<INode> = {}) {
	const run = await runWorkflow({
		nodeTypes: { [TYPE]: new Outreach() },
		credentialTypes: [new LeadToCloseMauticApi(), new LeadToCloseErpNextApi()],
		credentials: credentials() as never,
		nodes: [
			node('Start', 'test.start', { items: JSON.stringify(items) }),
			node('Outreach', TYPE, { resource: 'message', operation: 'send', systemOfRecord: 'frappeCrm', useErpNext: true, channel: 'email', step: 'd2', emailId, smsId, subject: 'Your quotation', now: WED_MORNING, ...params }, extra),
		],
		connections: chain('Start', 'Outreach'),
	});
	return run;
}

const communications = () => crm.state.all('Communication');

async function activities(name: string): Promise<Array<Record<string, unknown>>> {
	const response = await fetch(`${crm.url}/api/method/crm.api.activities.get_activities?name=${encodeURIComponent(name)}`, { headers: { Authorization: 'token k:s3cret-value' } });
	const body = (await response.json()) as { message: [Array<Record<string, unknown>>] };
	return body.message[0];
}

describe('Send on Frappe CRM: contact data and consent from the CRM Lead, the send in its activity', () => {
	it('sends to the address on the CRM Lead, creates the Mautic contact from the record and logs an Automated Message the lead page lists', async () => {
		// The item carries only the record's name: everything else comes from Frappe CRM.
		const run = await send([{ name: LEAD }], { email: '', options: { firstName: '', lastName: '', company: '' } });
		const [item] = run.output('Outreach');
		const result = outreachOf(item);
		const key = sendMarker(LEAD, 'd2', 'email');
		expect(result).toMatchObject({ status: 'sent', channel: 'mauticEmail', idempotencyKey: key, recipient: { email: 'jana.roth@nordwerk-automation.de' } });
		expect(mautic.sent.emails).toHaveLength(1);
		const contact = mautic.state.contacts().find((c) => c.id === mautic.sent.emails[0].contactId);
		expect(contact?.fields).toMatchObject({ email: 'jana.roth@nordwerk-automation.de', firstname: 'Jana', lastname: 'Roth', company: 'Nordwerk Automation GmbH' });
		const [comm] = communications();
		expect(comm).toMatchObject({ reference_doctype: 'CRM Lead', reference_name: LEAD, communication_type: 'Automated Message', communication_medium: 'Email', sent_or_received: 'Sent', recipients: 'jana.roth@nordwerk-automation.de' });
		expect(String(comm.content)).toContain(`[${key} via mauticEmail]`);
		expect(item.json.outreach).toMatchObject({ frappeCrm: { doctype: 'CRM Lead', name: LEAD, communication: comm.name } });
		const shown = (await activities(LEAD)).filter((a) => a.activity_type === 'communication');
		expect(shown).toEqual([expect.objectContaining({ communication_type: 'Automated Message', is_lead: true, data: expect.objectContaining({ subject: 'Your quotation', recipients: 'jana.roth@nordwerk-automation.de' }) })]);
		expect(eventsOf(item)).toEqual([expect.objectContaining({ decision: 'send', outcome: 'sent', service: 'mautic', lead_ref: LEAD })]);
	});

	it('a replay sends and logs nothing twice, even when the Mautic tag was removed (the CRM Lead\'s Communication remembers it)', async () => {
		await send([{ name: LEAD }]);
		const again = outreachOf((await send([{ name: LEAD }])).output('Outreach')[0]);
		expect(again).toMatchObject({ status: 'skipped', policy: 'already_sent' });
		const contact = mautic.state.contacts().find((c) => c.id === mautic.sent.emails[0].contactId);
		mautic.state.contact(contact!.id)!.tags = [];
		const third = outreachOf((await send([{ name: LEAD }])).output('Outreach')[0]);
		expect(third).toMatchObject({ status: 'skipped', policy: 'already_sent' });
		expect(mautic.sent.emails).toHaveLength(1);
		expect(communications()).toHaveLength(1);
	});

	it('refuses a lead whose Contact is unsubscribed, naming Frappe CRM and the Contact; nothing sent or logged', async () => {
		const [item] = (await send([{ name: UNSUBSCRIBED }])).output('Outreach');
		const result = outreachOf(item);
		expect(result).toMatchObject({ status: 'skipped', policy: 'unsubscribed' });
		expect(result.reason).toBe(`${UNSUBSCRIBED} is unsubscribed in Frappe CRM; no channel may be used.`);
		expect(result.notes?.join(' ')).toMatch(/Frappe Contact Uwe Sommer of CRM Lead CRM-LEAD-2026-00102 has "Unsubscribed" set/);
		expect(mautic.sent.emails).toHaveLength(0);
		expect(communications()).toHaveLength(0);
	});

	it('an Email Unsubscribe for the lead blocks e-mail; with "Email, Fall Back to SMS" the text message goes to the mobile on the record', async () => {
		const [email] = (await send([{ name: OPTED_OUT }])).output('Outreach');
		expect(outreachOf(email)).toMatchObject({ status: 'skipped', policy: 'do_not_contact' });
		expect(outreachOf(email).notes?.join(' ')).toMatch(/olga@ott-hydraulik\.de unsubscribed from e-mail about CRM Lead CRM-LEAD-2026-00103 \(Frappe Email Unsubscribe a1b2c3d4e5\)/);
		const [sms] = (await send([{ name: OPTED_OUT }], { channel: 'emailOrSms', phone: '' })).output('Outreach');
		expect(outreachOf(sms)).toMatchObject({ status: 'sent', channel: 'mauticSms', recipient: { phone: '+4917012345678' } });
		expect(mautic.sent.emails).toHaveLength(0);
		expect(mautic.sent.sms.map((s) => s.to)).toEqual(['+4917012345678']);
		expect(communications()).toEqual([expect.objectContaining({ reference_name: OPTED_OUT, communication_medium: 'SMS' })]);
	});

	it('a CRM Deal: the primary Contact is the recipient and the send shows in the deal\'s activity', async () => {
		const [item] = (await send([{ name: DEAL }], { crmDoctype: 'CRM Deal', email: '' })).output('Outreach');
		expect(outreachOf(item)).toMatchObject({ status: 'sent', recipient: { email: 'petra.brandt@lovelace-engineering.de' }, frappeCrm: { doctype: 'CRM Deal', name: DEAL } });
		expect(communications()).toEqual([expect.objectContaining({ reference_doctype: 'CRM Deal', reference_name: DEAL })]);
		expect((await activities(DEAL)).some((a) => a.activity_type === 'communication' && a.is_lead === false)).toBe(true);
	});

	it('a dry run reads the record and decides, and writes nothing to Frappe CRM or Mautic', async () => {
		const [item] = (await send([{ name: LEAD }], { dryRun: true })).output('Outreach');
		expect(outreachOf(item)).toMatchObject({ status: 'would_send', recipient: { email: 'jana.roth@nordwerk-automation.de' } });
		expect(crm.writes()).toEqual([]);
		expect(mautic.sent.emails).toHaveLength(0);
		expect(mautic.state.contacts()).toEqual([]);
	});

	it('a WhatsApp hand-off without a Mautic credential goes to the mobile on the record and is logged in its activity, once', async () => {
		const handoff = async () => {
			const run = await runWorkflow({
				nodeTypes: { [TYPE]: new Outreach() },
				credentialTypes: [new LeadToCloseMauticApi(), new LeadToCloseErpNextApi()],
				credentials: { leadToCloseErpNextApi: credentials().leadToCloseErpNextApi } as never,
				nodes: [
					node('Start', 'test.start', { items: JSON.stringify([{ name: LEAD }]) }),
					node('Outreach', TYPE, { resource: 'message', operation: 'send', systemOfRecord: 'frappeCrm', useErpNext: true, channel: 'whatsapp', phone: '', step: 'd5', message: 'Hallo Jana, kurze Erinnerung an unser Angebot.', now: WED_MORNING }),
				],
				connections: chain('Start', 'Outreach'),
			});
			return [run.output('Outreach', 0), run.output('Outreach', 1)];
		};
		const [result, handedOff] = await handoff();
		expect(result).toHaveLength(0);
		expect(handedOff).toHaveLength(1);
		expect(outreachOf(handedOff[0])).toMatchObject({ status: 'handed_off', message: { to: '+4915112345678' }, frappeCrm: { doctype: 'CRM Lead', name: LEAD } });
		expect(communications()).toEqual([expect.objectContaining({ reference_name: LEAD, communication_medium: 'Chat', recipients: '+4915112345678' })]);
		const [again, none] = await handoff();
		expect(outreachOf(again[0])).toMatchObject({ status: 'skipped', policy: 'already_sent' });
		expect(none).toHaveLength(0);
		expect(communications()).toHaveLength(1);
	});

	it('names the parameter for a record Frappe CRM does not have, and the role for opt-outs it cannot read', async () => {
		const [missing] = (await send([{ name: 'CRM-LEAD-2026-09999' }], {}, { onError: 'continueRegularOutput' })).output('Outreach');
		expect(String(missing.json.error)).toMatch(/Frappe CRM has no CRM Lead "CRM-LEAD-2026-09999" \(parameter "Lead Reference"\)/);
		await Promise.all([mautic.stop(), crm.stop()]);
		await start(['Sales User', 'Super Email User']);
		const [refused] = (await send([{ name: LEAD }], {}, { onError: 'continueRegularOutput' })).output('Outreach');
		expect(String(refused.json.error)).toMatch(/Email Unsubscribe/);
		expect(String(refused.json.error)).toMatch(/System Manager/);
		expect(mautic.sent.emails).toHaveLength(0);
	});

	it('ERPNext stays the default: without the parameter the ERPNext Lead is read', async () => {
		const run = await send([{ name: LEAD }], { systemOfRecord: undefined } as unknown as INode['parameters'], { onError: 'continueRegularOutput' });
		expect(String(run.output('Outreach')[0].json.error)).toMatch(/ERPNext has no Lead|DocType Lead not found/);
		expect(mautic.sent.emails).toHaveLength(0);
	});
});
