// Outreach against Frappe CRM inside a real n8n (issue 18): a webhook workflow whose Outreach node (v2,
// Send, System of Record "Frappe CRM") uses imported Mautic and ERPNext/Frappe credentials pointed at
// the Mautic fake and the Frappe fake hosting the Frappe CRM app (apps: ['crm'], frappe/crm @ 8b7dfdde).
// Leads are posted by reference only: the e-mail, name and organization come from the CRM Lead. The
// normal lead gets one Mautic e-mail, shown as an Automated Message in the lead's activity; the lead
// whose Contact is unsubscribed is refused with the reason; posting both again sends and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sendMarker } from '../../core/markers';
import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer } from '../contract/mautic-server.mts';

const MAUTIC_CRED = 'ltcMauticCrmOut1';
const CRM_CRED = 'ltcFrappeCrmOut1';
const WF_ID = 'ltcTestCrmOutreach1';
const PATH = 'test/outreach-frappe-crm';
const AUTH = { Authorization: 'token n8n-key:n8n-secret-value' };

function workflow(emailId: number): WorkflowFixture {
	return {
		id: WF_ID,
		name: 'test frappe crm outreach',
		nodes: [
			{ id: `${WF_ID}-1`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: `${WF_ID}-hook`, parameters: { httpMethod: 'POST', path: PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
			{ id: `${WF_ID}-2`, name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
			{
				id: `${WF_ID}-3`,
				name: 'Outreach',
				type: 'n8n-nodes-lead-to-close.outreach',
				typeVersion: 2,
				position: [400, 0],
				parameters: {
					resource: 'message',
					operation: 'send',
					channel: 'email',
					step: 'd0',
					sequence: 'quote-follow-up',
					emailId: { __rl: true, mode: 'id', value: String(emailId) },
					subject: 'Your quotation',
					systemOfRecord: 'frappeCrm',
					crmDoctype: 'CRM Lead',
					useErpNext: true,
					policy: {},
					options: { now: '2026-11-18T09:00:00Z' },
				},
				credentials: { leadToCloseMauticApi: { id: MAUTIC_CRED, name: 'Mautic contract server' }, leadToCloseErpNextApi: { id: CRM_CRED, name: 'Frappe CRM contract server' } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: 'Outreach', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

let n8n: N8nInstance;
let mautic: MauticServer;
let crm: ErpNextServer;
let jana: string;
let uwe: string;

async function createLead(fields: Record<string, unknown>): Promise<string> {
	const res = await fetch(`${crm.url}/api/resource/CRM%20Lead`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(fields) });
	expect(res.status).toBe(200);
	return ((await res.json()) as { data: { name: string } }).data.name;
}

beforeAll(async () => {
	mautic = await startMauticServer();
	crm = await startErpNextServer({ apiKey: 'n8n-key', apiSecret: 'n8n-secret-value', apps: ['crm'] });
	const email = mautic.state.createEmail({ name: 'Quote D0', subject: 'Your quotation' });
	n8n = await startN8n({
		credentials: [
			{ id: MAUTIC_CRED, name: 'Mautic contract server', type: 'leadToCloseMauticApi', data: { baseUrl: mautic.url, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } },
			{ id: CRM_CRED, name: 'Frappe CRM contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: crm.url, apiKey: 'n8n-key', apiSecret: 'n8n-secret-value' } },
		],
		workflows: [workflow(email.id)],
		activate: [WF_ID],
	});
	jana = await createLead({ first_name: 'Jana', last_name: 'Roth', organization: 'Nordwerk Automation GmbH', email: 'jana.roth@nordwerk-automation.de', mobile_no: '+4915112345678' });
	uwe = await createLead({ first_name: 'Uwe', last_name: 'Sommer', organization: 'Sommer Fördertechnik', email: 'uwe@sommer-foerdertechnik.de' });
	// Uwe's Contact (a converted lead's, crm_lead.py create_contact) says "Unsubscribed".
	crm.state.seed('Contact', [{ name: 'Uwe Sommer', first_name: 'Uwe', last_name: 'Sommer', email_id: 'uwe@sommer-foerdertechnik.de', unsubscribed: 1 }]);
});

afterAll(async () => {
	await n8n?.stop();
	await mautic?.stop();
	await crm?.stop();
});

type Result = { name: string; outreach: { status: string; policy?: string; reason?: string; idempotencyKey?: string; recipient?: { email: string | null }; frappeCrm?: { doctype: string; name: string; communication: string } } };

describe('Outreach against Frappe CRM in a real n8n', () => {
	it('sends to a CRM Lead from its record, shows the send in its activity, refuses an unsubscribed Contact, and sends nothing twice on a replay', async () => {
		const post = () => n8n.waitForWebhook(PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads: [{ name: jana }, { name: uwe }] }) });
		const first = await post();
		expect(first.status).toBe(200);
		const [sent, refused] = (await first.json()) as Result[];
		expect(sent.outreach).toMatchObject({ status: 'sent', idempotencyKey: sendMarker(jana, 'd0', 'email'), recipient: { email: 'jana.roth@nordwerk-automation.de' }, frappeCrm: { doctype: 'CRM Lead', name: jana } });
		expect(refused.outreach).toMatchObject({ status: 'skipped', policy: 'unsubscribed', reason: `${uwe} is unsubscribed in Frappe CRM; no channel may be used.` });
		expect(mautic.sent.emails.map((e) => e.to)).toEqual(['jana.roth@nordwerk-automation.de']);
		const contact = mautic.state.contacts().find((c) => c.id === mautic.sent.emails[0].contactId);
		expect(contact?.fields).toMatchObject({ firstname: 'Jana', lastname: 'Roth', company: 'Nordwerk Automation GmbH' });

		// The lead's page: the send is a communication activity (crm/api/activities.py get_lead_activities).
		const activity = await fetch(`${crm.url}/api/method/crm.api.activities.get_activities?name=${jana}`, { headers: AUTH });
		const [activities] = ((await activity.json()) as { message: Array<Array<{ activity_type: string; communication_type?: string; data?: { subject?: string; content?: string } }>> }).message;
		const shown = activities.filter((a) => a.activity_type === 'communication');
		expect(shown).toHaveLength(1);
		expect(shown[0]).toMatchObject({ communication_type: 'Automated Message', data: { subject: 'Your quotation' } });
		expect(shown[0].data?.content).toContain(`[${sendMarker(jana, 'd0', 'email')} via mauticEmail]`);
		expect(crm.state.all('Communication').filter((c) => c.reference_name === uwe)).toEqual([]);

		const writes = crm.writes().length;
		const second = await post();
		expect(second.status).toBe(200);
		const [again, stillRefused] = (await second.json()) as Result[];
		expect(again.outreach).toMatchObject({ status: 'skipped', policy: 'already_sent' });
		expect(stillRefused.outreach).toMatchObject({ status: 'skipped', policy: 'unsubscribed' });
		expect(mautic.sent.emails).toHaveLength(1);
		expect(crm.writes().slice(writes)).toEqual([]);
		expect(crm.state.all('Communication')).toHaveLength(1);
	});
});
