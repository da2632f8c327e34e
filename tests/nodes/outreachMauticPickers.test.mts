// Outreach's Mautic pickers (issue 16): version 2 offers emails, text messages and campaigns from
// searchable lists (nodes/shared/mauticLoadOptions.ts) filled from the Mautic contract server, takes the
// choice From List, By ID (also an expression) or By URL, and refuses an empty field by name; version 1
// nodes (the shipped workflows) keep their typed numbers. Metric events carry the time the step ran, not
// the "Now" parameter (issue 17).
import { NodeHelpers, type ILoadOptionsFunctions, type INode, type INodeListSearchResult, type INodeParameters } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { MauticClient, followUpCampaign } from '../../connectors/mautic';
import { Outreach } from '../../nodes/Outreach/Outreach.node';
import { getMauticSegments, searchMauticCampaigns, searchMauticEmails, searchMauticSegments, searchMauticSms } from '../../nodes/shared/mauticLoadOptions';
import { MAUTIC_DEFAULTS } from '../contract/mautic-server.mts';
import { sendAsN8n } from './support/httpBridge.mts';
import { LEADS, WED_MORNING, emailsTo, eventsOf, outreachOf, outreachWorld, runOutreach, type OutreachWorld } from './support/outreachFixtures.mts';

let world: OutreachWorld;
beforeEach(async () => {
	world = await outreachWorld();
});
afterEach(async () => world.stop());

const BASIC = `Basic ${Buffer.from(`${MAUTIC_DEFAULTS.username}:${MAUTIC_DEFAULTS.password}`).toString('base64')}`;

/** What n8n hands a list-search method: the node, its credential, the request helper that signs requests. */
function loadOptionsContext(credentials: Record<string, unknown> | undefined, authorization = BASIC): ILoadOptionsFunctions {
	const node: INode = { id: 'o', name: 'Outreach', type: 'n8n-nodes-lead-to-close.outreach', typeVersion: 2, position: [0, 0], parameters: {} };
	return {
		getNode: () => node,
		getCredentials: async () => {
			if (!credentials) throw new Error('Node "Outreach" does not have any credentials set');
			return credentials;
		},
		helpers: { httpRequestWithAuthentication: async (_type: string, options: Parameters<typeof sendAsN8n>[0]) => sendAsN8n(options, authorization) },
	} as unknown as ILoadOptionsFunctions;
}

const V2 = { typeVersion: 2 };
const creds = () => ({ baseUrl: `${world.mautic.url}/`, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password });

describe('list search methods', () => {
	it('emails: published ones by name with subject, #id, the Mautic page as URL; search narrows', async () => {
		world.mautic.state.createEmail({ name: 'Angebot Tag 0', subject: 'Ihr Angebot' });
		world.mautic.state.createEmail({ name: 'Unfinished', subject: 'x', isPublished: false });
		const all = await searchMauticEmails.call(loadOptionsContext(creds()));
		expect(all.results).toEqual([
			{ name: `Angebot Tag 0 — Ihr Angebot (#${world.emailId + 1})`, value: String(world.emailId + 1), url: `${world.mautic.url}/s/emails/view/${world.emailId + 1}` },
			{ name: `Quote follow-up D2 — Your quotation {quote_number} (#${world.emailId})`, value: String(world.emailId), url: `${world.mautic.url}/s/emails/view/${world.emailId}` },
		]);
		expect(all.paginationToken).toBeUndefined();
		const found = await searchMauticEmails.call(loadOptionsContext(creds()), 'angebot');
		expect(found.results.map((r) => r.value)).toEqual([String(world.emailId + 1)]);
	});

	it('pages by 50 with the next start as the pagination token', async () => {
		for (let i = 1; i <= 60; i++) world.mautic.state.createSms({ name: `SMS ${String(i).padStart(2, '0')}`, message: 'm' });
		// 61 with the world's "Quote reminder SMS", which sorts first.
		const first: INodeListSearchResult = await searchMauticSms.call(loadOptionsContext(creds()), ' sms ');
		expect(first.results).toHaveLength(50);
		expect(first.results[0].name).toBe(`Quote reminder SMS (#${world.smsId})`);
		expect(first.paginationToken).toBe('50');
		const second = await searchMauticSms.call(loadOptionsContext(creds()), ' sms ', first.paginationToken);
		expect(second.results.map((r) => r.name)).toEqual(Array.from({ length: 11 }, (_, i) => `SMS ${50 + i} (#${world.smsId + 50 + i})`));
		expect(second.paginationToken).toBeUndefined();
	});

	it('campaigns include unpublished templates, marked; segments list by name', async () => {
		world.mautic.state.createCampaign({ name: 'Template: nurture', isPublished: false });
		world.mautic.state.createCampaign({ name: 'Live follow-up' });
		const campaigns = await searchMauticCampaigns.call(loadOptionsContext(creds()));
		expect(campaigns.results.map((r) => r.name)).toEqual(['Live follow-up (#2)', 'Template: nurture (unpublished) (#1)']);
		expect(campaigns.results[0].url).toBe(`${world.mautic.url}/s/campaigns/view/2`);
		world.mautic.state.createSegment({ name: 'Quotes sent' });
		const segments = await searchMauticSegments.call(loadOptionsContext(creds()), 'quotes');
		expect(segments.results).toEqual([{ name: 'Quotes sent (#1)', value: '1', url: `${world.mautic.url}/s/segments/view/1` }]);
	});

	it('without a credential says which one to choose; a refused login says what Mautic answered, no secret', async () => {
		await expect(searchMauticCampaigns.call(loadOptionsContext(undefined))).rejects.toThrow('Choose a "Lead-to-Close Mautic API" credential to list the Mautic campaigns');
		const wrong = `Basic ${Buffer.from(`${MAUTIC_DEFAULTS.username}:not-the-password`).toString('base64')}`;
		const error = await searchMauticEmails.call(loadOptionsContext({ ...creds(), password: 'not-the-password' }, wrong)).then(() => undefined, (e: Error) => e);
		expect(error?.message).toMatch(/401|not authorized|credential/i);
		expect(JSON.stringify(error)).not.toContain('not-the-password');
	});
});

describe('segments for a multi-select (Create From Template → Segment Names or IDs)', () => {
	it('lists every segment by name, paging through Mautic (the client reads 100 per request)', async () => {
		for (let i = 1; i <= 149; i++) world.mautic.state.createSegment({ name: `Segment ${String(150 - i).padStart(3, '0')}` });
		world.mautic.state.createSegment({ name: 'archive', isPublished: false });
		const options = await getMauticSegments.call(loadOptionsContext(creds()));
		expect(options).toHaveLength(150);
		expect(options.slice(0, 3)).toEqual([
			{ name: 'archive (unpublished) (#150)', value: 150 },
			{ name: 'Segment 001 (#149)', value: 149 },
			{ name: 'Segment 002 (#148)', value: 148 },
		]);
		expect(options.at(-1)).toEqual({ name: 'Segment 149 (#1)', value: 1 });
		const starts = world.mautic.requests.filter((r) => r.path === '/api/segments').map((r) => r.query.start);
		expect(starts).toEqual(['0', '100']);
	});

	it('a copy starts from the segments chosen instead of the template\'s; a form-only template refuses them', async () => {
		const client = MauticClient.connect({ baseUrl: world.mautic.url, auth: { type: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } });
		const quotes = world.mautic.state.createSegment({ name: 'Quotes sent' });
		const hot = world.mautic.state.createSegment({ name: 'Hot leads' });
		const dach = world.mautic.state.createSegment({ name: 'DACH' });
		const template = await client.createCampaign(followUpCampaign({ name: 'Template', segmentIds: [quotes.id], steps: [{ name: 'D0', day: 0, email: world.emailId }] }));
		const params = (segments: Array<string | number>) => ({ resource: 'sequence', operation: 'cloneTemplate', templateCampaignId: { __rl: true, mode: 'list', value: String(template.id) }, copyOptions: { segments } });
		const [copy] = (await runOutreach(world, [{}], params([String(hot.id), dach.id]), V2)).output('Outreach');
		const result = copy.json.sequence as { status: string; campaign: { id: number; segmentIds: number[] } };
		expect(result.status).toBe('created');
		expect([...result.campaign.segmentIds].sort()).toEqual([hot.id, dach.id].sort());
		expect(world.mautic.state.campaign(result.campaign.id)?.lists.sort()).toEqual([hot.id, dach.id].sort());
		expect(world.mautic.state.campaign(template.id)?.lists).toEqual([quotes.id]);
		// Empty keeps the template's.
		const [same] = (await runOutreach(world, [{}], params([]), V2)).output('Outreach');
		expect((same.json.sequence as { campaign: { segmentIds: number[] } }).campaign.segmentIds).toEqual([quotes.id]);
		const bad = await runOutreach(world, [{}], params(['x']), { ...V2, onError: 'continueRegularOutput' });
		expect(bad.output('Outreach')[0].json.error).toBe('Segment Names or IDs must be a positive whole number (the ID shown in Mautic), got "x"');
	});
});

describe('the parameters', () => {
	const description = new Outreach().description;
	function shown(values: INodeParameters, typeVersion: number): INodeParameters {
		const n: INode = { id: 'n', name: 'n', type: description.name, typeVersion, position: [0, 0], parameters: values };
		return NodeHelpers.getNodeParameters(description.properties, values, true, false, n, description) ?? {};
	}

	it('version 2 (the default) shows empty pickers, version 1 the typed numbers it saved', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		const v2 = shown({ resource: 'message', operation: 'send', channel: 'emailOrSms' }, 2);
		expect(v2.emailId).toEqual({ __rl: true, mode: 'list', value: '' });
		expect(v2.smsId).toEqual({ __rl: true, mode: 'list', value: '' });
		expect(shown({ resource: 'sequence', operation: 'enroll' }, 2).campaignId).toEqual({ __rl: true, mode: 'list', value: '' });
		expect(shown({ resource: 'sequence', operation: 'cloneTemplate' }, 2).templateCampaignId).toEqual({ __rl: true, mode: 'list', value: '' });
		const v1 = shown({ resource: 'message', operation: 'send', channel: 'email', emailId: 12 }, 1);
		expect(v1.emailId).toBe(12);
		expect(shown({ resource: 'sequence', operation: 'stop', campaignId: 3 }, 1).campaignId).toBe(3);
		const pickers = description.properties.filter((p) => p.type === 'resourceLocator');
		expect(pickers.map((p) => [p.name, p.modes?.map((m) => m.name)])).toEqual([
			['emailId', ['list', 'id', 'url']],
			['smsId', ['list', 'id', 'url']],
			['campaignId', ['list', 'id', 'url']],
			['campaignId', ['list', 'id', 'url']],
			['templateCampaignId', ['list', 'id', 'url']],
		]);
	});
});

describe('runs', () => {
	const send = (emailId: unknown, extra: INodeParameters = {}): INodeParameters => ({
		resource: 'message',
		operation: 'send',
		channel: 'email',
		step: 'd2',
		emailId: emailId as INodeParameters[string],
		options: { now: WED_MORNING },
		...extra,
	});

	it('sends the email chosen from the list, by ID, by expression and by URL', async () => {
		const other = world.mautic.state.createEmail({ name: 'Other', subject: 'Other' });
		const cases: Array<[string, unknown, number]> = [
			['list', { __rl: true, mode: 'list', value: String(world.emailId) }, world.emailId],
			['id', { __rl: true, mode: 'id', value: ` ${other.id} ` }, other.id],
			['expression', { __rl: true, mode: 'id', value: '={{ $json.mauticEmail }}' }, other.id],
			['url', { __rl: true, mode: 'url', value: `${world.mautic.url}/s/emails/view/${world.emailId}` }, world.emailId],
		];
		for (const [mode, value, expected] of cases) {
			const before = world.mautic.sent.emails.length;
			const [item] = (await runOutreach(world, [{ ...LEADS.ada, mauticEmail: other.id }], send(value, { step: `d-${mode}` }), V2)).output('Outreach');
			expect(outreachOf(item).status, mode).toBe('sent');
			expect(world.mautic.sent.emails.slice(before).map((e) => e.emailId), mode).toEqual([expected]);
		}
	});

	it('an empty picker fails the item naming the field; version 1 keeps its numbers and names', async () => {
		// Left empty in the editor, n8n itself refuses to run the workflow (a required parameter).
		await expect(runOutreach(world, [LEADS.ada], send({ __rl: true, mode: 'list', value: '' }), V2)).rejects.toThrow(/issues/);
		// Empty for one item (an expression), that item fails by name.
		const r = await runOutreach(world, [{ ...LEADS.ada, mauticEmail: '' }, { ...LEADS.tokyo, mauticEmail: world.emailId }], send({ __rl: true, mode: 'id', value: '={{ $json.mauticEmail }}' }), { ...V2, onError: 'continueRegularOutput' });
		expect(r.output('Outreach')[0].json.error).toBe('Mautic Email is empty: choose one from the list or give its ID');
		expect(outreachOf(r.output('Outreach')[1]).status).not.toBe(undefined);
		expect(emailsTo(world, world.contacts.ada)).toBe(0);
		// "By ID" typed as "abc" is flagged by n8n in the editor (the mode's validation); from an expression, per item.
		await expect(runOutreach(world, [LEADS.ada], { resource: 'sequence', operation: 'stop', campaignId: { __rl: true, mode: 'id', value: 'abc' } }, V2)).rejects.toThrow(/issues/);
		const stop = await runOutreach(world, [{ ...LEADS.ada, campaign: 'abc' }], { resource: 'sequence', operation: 'stop', campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' } }, { ...V2, onError: 'continueRegularOutput' });
		expect(stop.output('Outreach')[0].json.error).toBe('Campaign must be a positive whole number (the ID shown in Mautic), got "abc"');
		const v1 = await runOutreach(world, [LEADS.ada], send(world.emailId));
		expect(outreachOf(v1.output('Outreach')[0]).status).toBe('sent');
		const v1Bad = await runOutreach(world, [LEADS.ada], send(0, { step: 'd5' }), { onError: 'continueRegularOutput' });
		expect(v1Bad.output('Outreach')[0].json.error).toBe('Mautic Email ID must be a positive whole number (the ID shown in Mautic), got "0"');
	});

	it('enrolls into the campaign picked from the list; the metric event carries the real time, not "Now"', async () => {
		const client = MauticClient.connect({ baseUrl: world.mautic.url, auth: { type: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } });
		const segment = world.mautic.state.createSegment({ name: 'Quotes sent' });
		const campaign = await client.createCampaign(followUpCampaign({ name: 'Follow-up', segmentIds: [segment.id], steps: [{ name: 'D0', day: 0, email: world.emailId }] }));
		const before = Date.now();
		const [item] = (await runOutreach(world, [LEADS.ada], { resource: 'sequence', operation: 'enroll', campaignId: { __rl: true, mode: 'list', value: String(campaign.id) } }, V2)).output('Outreach');
		expect((item.json.sequence as { status: string }).status).toBe('enrolled');
		expect(world.mautic.state.campaign(campaign.id)?.members.get(world.contacts.ada.id)).toBe(false);
		// A send decided at a fixed "Now" (2026-11-18) is still recorded when it ran.
		const [sent] = (await runOutreach(world, [LEADS.tokyo], send({ __rl: true, mode: 'id', value: String(world.emailId) }, { options: { now: '2026-11-18T02:00:00Z' } }), V2)).output('Outreach');
		for (const e of [...eventsOf(item), ...eventsOf(sent)]) {
			expect(Date.parse(e.occurred_at)).toBeGreaterThanOrEqual(before - 1000);
			expect(Date.parse(e.occurred_at)).toBeLessThanOrEqual(Date.now() + 1000);
		}
		expect(eventsOf(sent).length).toBeGreaterThan(0);
	});
});
