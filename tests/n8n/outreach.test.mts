// Outreach inside a real n8n (the packed package installed like Community Nodes does it): a webhook
// workflow whose Outreach node sends a Mautic template email with the imported Mautic and ERPNext
// credentials, pointed at the contract servers. Posting the same leads twice sends exactly one email
// to the normal lead (the Mautic tag and the ERPNext Communication are the record across executions)
// and none to the DNC contact; the dry-run workflow decides the same and sends nothing; a WhatsApp
// hand-off reaches the node wired to the second output once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sendMarker as idempotencyKey } from '../../core/markers';
import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer, type StoredContact } from '../contract/mautic-server.mts';

const MAUTIC_CRED = 'ltcMauticCred001';
const ERP_CRED = 'ltcErpCredOut001';
const NOW = '2026-11-18T09:00:00Z';

const LEADS = [
	{ name: 'CRM-LEAD-2026-00201', lead_name: 'Jana Roth', email_id: 'jana.roth@nordwerk-automation.de', mobile_no: '+4917612345678', country: 'Germany' },
	{ name: 'CRM-LEAD-2026-00202', lead_name: 'Dieter Nolte', email_id: 'd.nolte@nolte-industrie.de', country: 'Germany' },
];

function workflow(id: string, path: string, dryRun: boolean, emailId: number): WorkflowFixture & { nodes: Array<Record<string, unknown>>; connections: Record<string, unknown> } {
	return {
		id,
		name: `outreach ${id}`,
		nodes: [
			{ id: `${id}-1`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: `${id}-hook`, parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
			{ id: `${id}-2`, name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
			{
				id: `${id}-3`,
				name: 'Outreach',
				type: 'n8n-nodes-lead-to-close.outreach',
				typeVersion: 1,
				position: [400, 0],
				parameters: {
					resource: 'message',
					operation: 'send',
					channel: 'email',
					step: 'd0',
					sequence: 'quote-follow-up',
					emailId,
					tokens: { token: [{ name: 'quote_number', value: '={{ $json.quote }}' }] },
					subject: 'Quotation {{quote_number}}',
					useErpNext: true,
					dryRun,
					now: NOW,
					policy: {},
					options: { quoteRef: '={{ $json.quote }}' },
				},
				credentials: { leadToCloseMauticApi: { id: MAUTIC_CRED, name: 'Mautic contract server' }, leadToCloseErpNextApi: { id: ERP_CRED, name: 'ERPNext contract server' } },
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
let erp: ErpNextServer;
let ada: StoredContact;
let dnc: StoredContact;
let noMauticIds: string[] = [];

beforeAll(async () => {
	mautic = await startMauticServer();
	erp = await startErpNextServer({ apiKey: 'n8n-key', apiSecret: 'n8n-secret-value' });
	ada = mautic.state.seedContact({ email: LEADS[0].email_id, firstname: 'Jana', mobile: LEADS[0].mobile_no, country: 'Germany' });
	dnc = mautic.state.seedContact({ email: LEADS[1].email_id, firstname: 'Dieter', country: 'Germany' }, { dnc: [{ channel: 'email', reason: 1, comments: 'Unsubscribed' }] });
	erp.state.seed('Lead', LEADS.map((l) => ({ ...l, unsubscribed: 0, status: 'Quotation' })));
	const email = mautic.state.createEmail({ name: 'Quote D0', subject: 'Your quotation {quote_number}' });
	const live = workflow('ltcOutreachLive1', 'test/outreach-send', false, email.id);
	const dry = workflow('ltcOutreachDry01', 'test/outreach-dry', true, email.id);
	// WhatsApp hand-off: the second output feeds the node that would deliver it (a NoOp stands in).
	const handoff = workflow('ltcOutreachWa001', 'test/outreach-whatsapp', false, email.id);
	const outreach = handoff.nodes[2] as { parameters: Record<string, unknown> };
	outreach.parameters = { ...outreach.parameters, channel: 'whatsapp', step: 'wa1', message: 'Hallo {{first}}, Ihr Angebot {{quote_number}} ist da.', tokens: { token: [{ name: 'first', value: '={{ $json.lead_name.split(" ")[0] }}' }, { name: 'quote_number', value: '={{ $json.quote }}' }] } };
	handoff.nodes.push({ id: 'ltcOutreachWa001-4', name: 'Deliver', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [600, 100], parameters: {} });
	handoff.connections.Outreach = { main: [[], [{ node: 'Deliver', type: 'main', index: 0 }]] };
	// Issue 16: an e-mail hand-off in Dry Run with no Mautic (and no ERPNext) credential at all, and a
	// Mautic template send with no Mautic credential, which must say which credential it needs.
	const noMautic = workflow('ltcOutreachNoMt1', 'test/outreach-no-mautic', true, email.id);
	const noMauticNode = noMautic.nodes[2] as { parameters: Record<string, unknown>; credentials?: unknown };
	noMauticNode.parameters = { ...noMauticNode.parameters, channel: 'n8nEmail', step: 'h1', useErpNext: false, message: 'Hallo {{first}}, Ihr Angebot {{quote_number}} ist da.', tokens: { token: [{ name: 'first', value: '={{ $json.lead_name.split(" ")[0] }}' }, { name: 'quote_number', value: '={{ $json.quote }}' }] } };
	delete noMauticNode.credentials;
	const needsMautic = workflow('ltcOutreachNoMt2', 'test/outreach-needs-mautic', false, email.id);
	const needsMauticNode = needsMautic.nodes[2] as { parameters: Record<string, unknown>; credentials?: unknown };
	needsMauticNode.parameters = { ...needsMauticNode.parameters, useErpNext: false };
	delete needsMauticNode.credentials;
	noMauticIds = [noMautic.id, needsMautic.id];
	n8n = await startN8n({
		credentials: [
			{ id: MAUTIC_CRED, name: 'Mautic contract server', type: 'leadToCloseMauticApi', data: { baseUrl: mautic.url, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } },
			{ id: ERP_CRED, name: 'ERPNext contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, apiKey: 'n8n-key', apiSecret: 'n8n-secret-value' } },
		],
		workflows: [live, dry, handoff, noMautic, needsMautic],
		activate: [live.id, dry.id, handoff.id, noMautic.id, needsMautic.id],
	});
});

afterAll(async () => {
	await n8n?.stop();
	await mautic?.stop();
	await erp?.stop();
});

type Row = { name: string; outreach: { status: string; policy?: string; reason?: string; message?: Record<string, unknown> | null } };

async function post(path: string): Promise<Row[]> {
	const body = JSON.stringify({ leads: LEADS.map((l, i) => ({ ...l, quote: `SAL-QTN-2026-0030${i}` })) });
	const res = await n8n.waitForWebhook(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	expect(res.status).toBe(200);
	return (await res.json()) as Row[];
}

describe('Outreach Send in a real n8n', () => {
	it('dry run: decides and renders the email, sends and writes nothing', async () => {
		const rows = await post('test/outreach-dry');
		expect(rows.map((r) => r.outreach.status)).toEqual(['would_send', 'skipped']);
		expect(rows[0].outreach.message).toMatchObject({ mauticEmailId: expect.any(Number), mauticContactId: ada.id, tokens: { quote_number: 'SAL-QTN-2026-00300' } });
		expect(rows[1].outreach).toMatchObject({ policy: 'do_not_contact' });
		expect(mautic.sent.emails).toHaveLength(0);
		expect(erp.writes()).toHaveLength(0);
	});

	it('the same webhook run twice sends exactly one email to the lead and none to the DNC contact', async () => {
		const first = await post('test/outreach-send');
		expect(first.map((r) => r.outreach.status)).toEqual(['sent', 'skipped']);
		expect(first[1].outreach.reason).toMatch(/do-not-contact/);
		const second = await post('test/outreach-send');
		expect(second.map((r) => [r.outreach.status, r.outreach.policy])).toEqual([
			['skipped', 'already_sent'],
			['skipped', 'do_not_contact'],
		]);
		expect(mautic.sent.emails.filter((e) => e.contactId === ada.id)).toHaveLength(1);
		expect(mautic.sent.emails.filter((e) => e.contactId === dnc.id)).toHaveLength(0);
		expect(mautic.sent.emails[0]).toMatchObject({ tokens: { '{quote_number}': 'SAL-QTN-2026-00300' }, kind: 'transactional' });
		expect(mautic.state.contact(ada.id)?.tags).toContain(idempotencyKey(LEADS[0].name, 'd0', 'email'));
		expect(erp.state.all('Communication')).toEqual([expect.objectContaining({ reference_doctype: 'Quotation', reference_name: 'SAL-QTN-2026-00300', communication_medium: 'Email' })]);
		// n8n applied the imported credentials to every request.
		expect(mautic.requests.filter((r) => !String(r.headers.authorization).startsWith('Basic '))).toEqual([]);
		expect(erp.requests.filter((r) => !String(r.headers.authorization).startsWith('token n8n-key:'))).toEqual([]);
	});
});

describe('Outreach in n8n: node types and the hand-off output', () => {
	it('is listed with its AI-tool variant', async () => {
		const nodes = (await n8n.rest<Array<{ name: string; outputs: unknown }>>('GET', '/../types/nodes.json')).body;
		const names = nodes.map((n) => n.name);
		expect(names).toContain('n8n-nodes-lead-to-close.outreach');
		expect(names).toContain('n8n-nodes-lead-to-close.outreachTool');
	});

	it('hands a WhatsApp message to the next node through the second output, once', async () => {
		const rows = (await post('test/outreach-whatsapp')) as Array<Row & { outreach: { channel: string } }>;
		expect(rows).toHaveLength(1);
		expect(rows[0].outreach).toMatchObject({ status: 'handed_off', channel: 'whatsapp', message: { text: 'Hallo Jana, Ihr Angebot SAL-QTN-2026-00300 ist da.' } });
		const again = await n8n.waitForWebhook('test/outreach-whatsapp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads: [{ ...LEADS[0], quote: 'SAL-QTN-2026-00300' }] }) });
		// Nothing reaches the delivering node the second time: the step was already handed off.
		expect(await again.text()).not.toContain('handed_off');
		expect(mautic.state.contact(ada.id)?.tags).toContain(idempotencyKey(LEADS[0].name, 'wa1', 'sms'));
	});
});

describe('Outreach without a Mautic credential (issue 16)', () => {
	it('runs an e-mail hand-off in Dry Run with no Mautic credential, says what it did not check, and touches no Mautic', async () => {
		const before = mautic.requests.length;
		const rows = (await post('test/outreach-no-mautic')) as Array<Row & { outreach: { notes: string[]; dryRun: boolean } }>;
		expect(rows).toHaveLength(2);
		for (const row of rows) {
			expect(row.outreach.status).toBe('would_send');
			expect(row.outreach.dryRun).toBe(true);
			expect(row.outreach.notes).toContain(
				"No Mautic credential: Mautic's do-not-contact lists and sent e-mails were not consulted (consent and caps come from the item and ERPNext).",
			);
		}
		expect(rows[0].outreach.message).toMatchObject({ text: 'Hallo Jana, Ihr Angebot SAL-QTN-2026-00300 ist da.' });
		expect(mautic.requests.length).toBe(before);
	});

	it('names the node, the operation and the Mautic credential when a Mautic template send has none', async () => {
		const res = await n8n.waitForWebhook('test/outreach-needs-mautic', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads: [{ ...LEADS[0], quote: 'SAL-QTN-2026-00300' }] }) });
		expect(res.status).toBeGreaterThanOrEqual(500);
		const [run] = await n8n.executions(noMauticIds[1]);
		expect(run.status).toBe('error');
		const data = JSON.stringify((await n8n.execution(run.id)).data);
		expect(data).toContain('Outreach (Message › Send) needs a ');
		expect(data).toContain('Lead-to-Close Mautic API');
		expect(data).toContain(' credential to send through Mautic (Dry Run works without it), and none is selected');
		expect(data).not.toContain('Node does not have any credentials set');
	});
});
