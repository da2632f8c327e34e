// Outreach's Mautic dropdowns (issue 16) asked through n8n's own editor endpoint for resource locators
// (/rest/dynamic-node-parameters/resource-locator-results), the way the parameter panel fills "From
// List": published emails and text messages, campaigns (unpublished templates marked), searched and
// paged, from the Mautic contract server with the saved credential; Create From Template's segments
// through the options endpoint (/rest/dynamic-node-parameters/options). Then a version 2 workflow whose
// picker holds the chosen email sends it, and a version 1 node with a typed ID still does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer } from '../contract/mautic-server.mts';

const NODE_TYPE = 'n8n-nodes-lead-to-close.outreach';
const MAUTIC_CRED = { leadToCloseMauticApi: { id: 'ltcDropMautic001', name: 'Mautic contract server' } };
const LEAD = { name: 'CRM-LEAD-2026-00301', lead_name: 'Jana Roth', email_id: 'jana.roth@nordwerk-automation.de', country: 'Germany' };

let n8n: N8nInstance;
let mautic: MauticServer;
let quoteEmail: number;
let reminderEmail: number;

function sendWorkflow(id: string, path: string, typeVersion: number, emailId: unknown): WorkflowFixture {
	return {
		id,
		name: `outreach picker ${id}`,
		nodes: [
			{ id: `${id}-1`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: `${id}-hook`, parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
			{
				id: `${id}-2`,
				name: 'Outreach',
				type: NODE_TYPE,
				typeVersion,
				position: [200, 0],
				parameters: { resource: 'message', operation: 'send', channel: 'email', step: `${id}-d0`, emailId, email: '={{ $json.body.email_id }}', leadRef: '={{ $json.body.name }}', policy: {}, options: { now: '2026-11-18T09:00:00Z' } },
				credentials: MAUTIC_CRED,
			},
		],
		connections: { Webhook: { main: [[{ node: 'Outreach', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as WorkflowFixture;
}

beforeAll(async () => {
	mautic = await startMauticServer();
	mautic.state.seedContact({ email: LEAD.email_id, firstname: 'Jana', country: 'Germany' });
	quoteEmail = mautic.state.createEmail({ name: 'Quote D0', subject: 'Your quotation' }).id;
	reminderEmail = mautic.state.createEmail({ name: 'Quote reminder', subject: 'Still interested?' }).id;
	mautic.state.createEmail({ name: 'Draft, not published', subject: 'x', isPublished: false });
	for (let i = 1; i <= 55; i++) mautic.state.createSms({ name: `Reminder SMS ${String(i).padStart(2, '0')}`, message: 'm' });
	mautic.state.createCampaign({ name: 'Template: quote follow-up', isPublished: false });
	mautic.state.createCampaign({ name: 'Nurture' });
	mautic.state.createSegment({ name: 'Quotes sent', alias: 'quotes-sent' });
	mautic.state.createSegment({ name: 'Hot leads', alias: 'hot-leads' });
	const v2 = sendWorkflow('ltcDropSendV2001', 'test/outreach-picker-v2', 2, { __rl: true, mode: 'list', value: String(reminderEmail), cachedResultName: 'Quote reminder' });
	const v1 = sendWorkflow('ltcDropSendV1001', 'test/outreach-picker-v1', 1, quoteEmail);
	n8n = await startN8n({
		credentials: [{ ...MAUTIC_CRED.leadToCloseMauticApi, type: 'leadToCloseMauticApi', data: { baseUrl: mautic.url, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } }],
		workflows: [v2, v1],
		activate: [v2.id, v1.id],
	});
}, 240_000);

afterAll(async () => {
	await n8n?.stop();
	await mautic?.stop();
});

type Page = { results: Array<{ name: string; value: string; url?: string }>; paginationToken?: string };

async function listSearch(methodName: string, parameter: string, currentNodeParameters: Record<string, unknown>, extra: { filter?: string; paginationToken?: string } = {}): Promise<Page> {
	const r = await n8n.rest<{ data: Page }>('POST', '/dynamic-node-parameters/resource-locator-results', {
		path: `parameters.${parameter}`,
		nodeTypeAndVersion: { name: NODE_TYPE, version: 2 },
		currentNodeParameters,
		methodName,
		credentials: MAUTIC_CRED,
		...extra,
	});
	expect(r.status, JSON.stringify(r.body)).toBe(200);
	return r.body.data;
}

describe('Outreach Mautic dropdowns in n8n', () => {
	it('Mautic Email lists the published emails by name with subject and ID; the search narrows it', async () => {
		const params = { resource: 'message', operation: 'send', channel: 'email' };
		const all = await listSearch('searchMauticEmails', 'emailId', params);
		expect(all.results.map((r) => [r.name, r.value])).toEqual([
			[`Quote D0 — Your quotation (#${quoteEmail})`, String(quoteEmail)],
			[`Quote reminder — Still interested? (#${reminderEmail})`, String(reminderEmail)],
		]);
		expect(all.results[0].url).toBe(`${mautic.url}/s/emails/view/${quoteEmail}`);
		const found = await listSearch('searchMauticEmails', 'emailId', params, { filter: 'still' });
		expect(found.results.map((r) => r.value)).toEqual([String(reminderEmail)]);
	});

	it('Mautic SMS pages through 55 text messages 50 at a time', async () => {
		const params = { resource: 'message', operation: 'send', channel: 'sms' };
		const first = await listSearch('searchMauticSms', 'smsId', params);
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		const rest = await listSearch('searchMauticSms', 'smsId', params, { paginationToken: first.paginationToken });
		expect(rest.results.map((r) => r.name.replace(/ \(#\d+\)$/, ''))).toEqual(['Reminder SMS 51', 'Reminder SMS 52', 'Reminder SMS 53', 'Reminder SMS 54', 'Reminder SMS 55']);
		expect(rest.paginationToken).toBeUndefined();
	});

	it('Campaign and Template Campaign list every campaign, unpublished ones marked', async () => {
		const enroll = await listSearch('searchMauticCampaigns', 'campaignId', { resource: 'sequence', operation: 'enroll' });
		expect(enroll.results.map((r) => r.name)).toEqual(['Nurture (#2)', 'Template: quote follow-up (unpublished) (#1)']);
		const template = await listSearch('searchMauticCampaigns', 'templateCampaignId', { resource: 'sequence', operation: 'cloneTemplate' }, { filter: 'template' });
		expect(template.results.map((r) => r.value)).toEqual(['1']);
	});

	it("Create From Template's Segment Names or IDs lists every segment by name, with its ID as the value", async () => {
		const r = await n8n.rest<{ data: Array<{ name: string; value: unknown }> }>('POST', '/dynamic-node-parameters/options', {
			path: 'parameters.copyOptions.segments',
			nodeTypeAndVersion: { name: NODE_TYPE, version: 2 },
			currentNodeParameters: { resource: 'sequence', operation: 'cloneTemplate', copyOptions: {} },
			methodName: 'getMauticSegments',
			credentials: MAUTIC_CRED,
		});
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		expect(r.body.data).toEqual([
			{ name: 'Hot leads (#2)', value: 2 },
			{ name: 'Quotes sent (#1)', value: 1 },
		]);
	});

	it('a version 2 node sends the email picked from the list; a version 1 node its typed ID', async () => {
		for (const [path, expected] of [
			['test/outreach-picker-v2', reminderEmail],
			['test/outreach-picker-v1', quoteEmail],
		] as const) {
			const res = await n8n.waitForWebhook(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(LEAD) });
			expect(res.status).toBe(200);
			const [row] = (await res.json()) as Array<{ outreach: { status: string; message?: { mauticEmailId?: number } } }>;
			expect(row.outreach.status, path).toBe('sent');
			expect(row.outreach.message?.mauticEmailId).toBe(expected);
		}
		expect(mautic.sent.emails.map((e) => e.emailId)).toEqual([reminderEmail, quoteEmail]);
	});
});
