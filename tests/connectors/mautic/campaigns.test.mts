// Campaigns, segments, stats and engagement against the Mautic contract server, plus the pure
// campaign builder: a follow-up sequence whose email steps are marketing (DNC respected) and whose
// parents come from canvas connections, as Mautic requires (mautic.md §6, §7).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ENGAGEMENT_EVENTS, copyCampaignSpec, copyDifferences, followUpCampaign, prepareCampaign } from '../../../connectors/mautic';
import type { CampaignSpec, MauticClient } from '../../../connectors/mautic';
import { MAUTIC_DEFAULTS, apiRequests, collect, failure, harness } from './support.mts';
import type { Harness } from './support.mts';

let h: Harness;
let client: MauticClient;

beforeEach(async () => {
	h = await harness();
	client = h.basic();
});
afterEach(async () => {
	await h.server.stop();
});

describe('followUpCampaign (pure)', () => {
	it('day 0/2/5/7/14 becomes chained actions 0, 2, 3, 2, 7 days apart, as in §6', () => {
		const spec = followUpCampaign({
			name: 'Quote follow-up',
			segmentIds: [9],
			steps: [
				{ name: 'D2 reminder', day: 2, email: 12 },
				{ name: 'D0 quote', day: 0, email: 11 },
				{ name: 'D5 SMS', day: 5, sms: 3 },
				{ name: 'D7', day: 7, email: 13 },
				{ name: 'D14 last call', day: 14, email: 14 },
			],
		});
		expect(spec.events.map((e) => [e.id, e.name, e.type, e.triggerMode, e.triggerInterval, e.properties])).toEqual([
			['new1', 'D0 quote', 'email.send', 'immediate', 0, { email: 11, email_type: 'marketing' }],
			['new2', 'D2 reminder', 'email.send', 'interval', 2, { email: 12, email_type: 'marketing' }],
			['new3', 'D5 SMS', 'sms.send_text_sms', 'interval', 3, { sms: 3 }],
			['new4', 'D7', 'email.send', 'interval', 2, { email: 13, email_type: 'marketing' }],
			['new5', 'D14 last call', 'email.send', 'interval', 7, { email: 14, email_type: 'marketing' }],
		]);
		expect(spec.canvasSettings.connections.map((c) => `${c.sourceId}-${c.anchors.source}->${c.targetId}`)).toEqual([
			'lists-leadsource->new1',
			'new1-bottom->new2',
			'new2-bottom->new3',
			'new3-bottom->new4',
			'new4-bottom->new5',
		]);
		expect(spec).toMatchObject({ isPublished: true, lists: [{ id: 9 }], forms: [] });
	});

	it.each([
		{ name: 'no segment', input: { name: 'X', segmentIds: [], steps: [{ name: 'a', day: 0, email: 1 }] } },
		{ name: 'no steps', input: { name: 'X', segmentIds: [1], steps: [] } },
		{ name: 'both email and sms', input: { name: 'X', segmentIds: [1], steps: [{ name: 'a', day: 0, email: 1, sms: 2 }] } },
		{ name: 'negative day', input: { name: 'X', segmentIds: [1], steps: [{ name: 'a', day: -1, email: 1 }] } },
		{ name: 'id 0', input: { name: 'X', segmentIds: [1], steps: [{ name: 'a', day: 0, email: 0 }] } },
	])('refuses $name', ({ input }) => {
		expect(() => followUpCampaign(input)).toThrow(RangeError);
	});
});

describe('prepareCampaign (pure)', () => {
	const base = (): CampaignSpec =>
		followUpCampaign({ name: 'Q', segmentIds: [1], steps: [{ name: 'a', day: 0, email: 1 }, { name: 'b', day: 2, email: 2 }] });

	it('an email.send without email_type becomes marketing (transactional would ignore DNC); an explicit type is kept', () => {
		const spec = base();
		delete spec.events[0].properties.email_type;
		spec.events[1].properties.email_type = 'transactional';
		const prepared = prepareCampaign(spec);
		expect(prepared.events.map((e) => e.properties.email_type)).toEqual(['marketing', 'transactional']);
		expect(spec.events[0].properties.email_type).toBeUndefined();
	});

	const refusals: Array<{ name: string; change: (s: CampaignSpec) => void; message: RegExp }> = [
		{ name: 'no source', change: (s) => { s.lists = []; }, message: /segment \(lists\) or a form/ },
		{ name: 'no events', change: (s) => { s.events = []; }, message: /at least one event/ },
		{ name: 'no canvas', change: (s) => { delete (s as Partial<CampaignSpec>).canvasSettings; }, message: /builds no events without it/ },
		{ name: 'temp id without "new"', change: (s) => { s.events[0].id = 'e1'; }, message: /must start with "new"/ },
		{ name: 'dangling connection', change: (s) => { s.canvasSettings.connections[1].sourceId = 'new9'; }, message: /unknown event new9/ },
	];
	it.each(refusals)('refuses $name', ({ change, message }) => {
		const spec = base();
		change(spec);
		expect(() => prepareCampaign(spec)).toThrow(message);
	});
});

describe('copyCampaignSpec / copyDifferences (pure)', () => {
	// A builder-made template: a decision with a yes and a no branch, plus an event deleted in the
	// builder (soft-deleted: still in `events`, no longer on the canvas).
	const template = {
		id: 4,
		name: 'Template',
		description: 'Quote follow-up',
		allowRestart: false,
		category: { id: 2 },
		lists: [{ id: 9 }],
		forms: [],
		events: [
			{ id: 10, name: 'Send quote', type: 'email.send', eventType: 'action', order: 1, properties: { email: '11', email_type: 'marketing' }, triggerMode: 'immediate', parent: null, children: [{ id: 11 }], decisionPath: null },
			{ id: 11, name: 'Opened?', type: 'email.open', eventType: 'decision', order: 2, properties: {}, triggerMode: null, parent: { id: 10 }, decisionPath: null },
			{ id: 12, name: 'Reminder', type: 'email.send', eventType: 'action', order: 3, properties: { email: '12', email_type: 'marketing' }, triggerMode: 'interval', triggerInterval: '3', triggerIntervalUnit: 'd', parent: { id: 11 }, decisionPath: 'no' },
			{ id: 13, name: 'Deleted step', type: 'lead.changetags', eventType: 'action', order: 4, properties: {}, parent: null },
		],
		canvasSettings: {
			nodes: [{ id: 'lists', positionX: '600', positionY: '50' }, { id: '10', positionX: '600', positionY: '150' }, { id: '11', positionX: '600', positionY: '250' }, { id: '12', positionX: '700', positionY: '350' }],
			connections: [
				{ sourceId: 'lists', targetId: '10', anchors: { source: 'leadsource', target: 'top' } },
				{ sourceId: '10', targetId: '11', anchors: { source: 'bottom', target: 'top' } },
				{ sourceId: '11', targetId: '12', anchors: { source: 'no', target: 'top' } },
			],
		},
	};

	it('copies the live events with temp ids, the canvas remapped, the sources and settings', () => {
		const spec = copyCampaignSpec(template, { name: 'Copy', isPublished: false });
		expect(spec).toMatchObject({ name: 'Copy', description: 'Quote follow-up', category: 2, allowRestart: false, isPublished: false, lists: [{ id: 9 }], forms: [] });
		expect(spec.events.map((e) => [e.id, e.name, e.triggerInterval ?? null])).toEqual([
			['new10', 'Send quote', null],
			['new11', 'Opened?', null],
			['new12', 'Reminder', '3'],
		]);
		expect(spec.events.every((e) => !('parent' in e) && !('children' in e) && !('decisionPath' in e))).toBe(true);
		expect(spec.canvasSettings.connections.map((c) => `${c.sourceId}-${c.anchors.source}->${c.targetId}`)).toEqual(['lists-leadsource->new10', 'new10-bottom->new11', 'new11-no->new12']);
		expect(spec.canvasSettings.nodes.map((n) => n.id)).toEqual(['lists', 'new10', 'new11', 'new12']);
		expect(() => prepareCampaign(spec)).not.toThrow();
	});

	it('finds a copy without a step, on another segment, or with a step moved to the other branch', () => {
		const live = template.events.slice(0, 3);
		const copy = { ...template, id: 5, events: live.map((e) => ({ ...e, id: e.id + 100, parent: e.parent ? { id: e.parent.id + 100 } : null })) };
		expect(copyDifferences(template, copy)).toEqual([]);
		expect(copyDifferences(template, { ...copy, events: copy.events.slice(0, 2) })).toEqual(["2 of the template's 3 steps"]);
		expect(copyDifferences(template, { ...copy, lists: [] })).toEqual(['segments [] instead of [9]']);
		const moved = copy.events.map((e) => (e.id === 112 ? { ...e, decisionPath: 'yes' } : e));
		expect(copyDifferences(template, { ...copy, events: moved })).toEqual(['steps whose settings or order differ from the template']);
	});
});

describe('campaigns and segments', () => {
	it('createCampaign builds events whose parents follow the connections', async () => {
		const segment = h.server.state.createSegment({ name: 'Quoted leads' });
		const campaign = await client.createCampaign(
			followUpCampaign({ name: 'Quote follow-up', segmentIds: [segment.id], steps: [{ name: 'D0', day: 0, email: 11 }, { name: 'D2', day: 2, email: 12 }] }),
		);
		expect(campaign).toMatchObject({ name: 'Quote follow-up', isPublished: true });
		expect(campaign.events.map((e) => [e.name, e.type, e.parent])).toEqual([
			['D0', 'email.send', null],
			['D2', 'email.send', { id: campaign.events[0].id }],
		]);
		expect(h.server.state.campaign(campaign.id)?.events).toHaveLength(2);
	});

	it('copyCampaign rebuilds the template (steps, parents, segments, settings) through /campaigns/new, unpublished', async () => {
		const segment = h.server.state.createSegment({ name: 'Quoted leads' });
		const template = await client.createCampaign(
			followUpCampaign({ name: 'Follow-up template', segmentIds: [segment.id], steps: [{ name: 'D0', day: 0, email: 11 }, { name: 'D3', day: 3, email: 12 }] }),
		);
		const { campaign } = await client.copyCampaign(template.id);
		expect(campaign).toMatchObject({ name: 'Follow-up template (copy)', isPublished: false, lists: [{ id: segment.id }] });
		expect(campaign.events.map((e) => [e.name, e.triggerInterval, e.parent === null ? null : campaign.events.findIndex((p) => p.id === (e.parent as { id: number }).id)])).toEqual([
			['D0', 0, null],
			['D3', 3, 0],
		]);
		expect(campaign.events.map((e) => e.id)).not.toContain(template.events[0].id);
		expect(apiRequests(h.server).map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /api/campaigns/new',
			`GET /api/campaigns/${template.id}`,
			'POST /api/campaigns/new',
			`GET /api/campaigns/${campaign.id}`,
		]);
	});

	it("Mautic's own clone endpoint copies no steps, segments or forms (why copyCampaign does not use it)", async () => {
		const segment = h.server.state.createSegment({ name: 'S' });
		const template = await client.createCampaign(followUpCampaign({ name: 'T', segmentIds: [segment.id], steps: [{ name: 'D0', day: 0, email: 11 }] }));
		const response = await fetch(`${h.server.url}/api/campaigns/clone/${template.id}`, {
			method: 'POST',
			headers: { Authorization: `Basic ${Buffer.from(`${MAUTIC_DEFAULTS.username}:${MAUTIC_DEFAULTS.password}`).toString('base64')}` },
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ campaign: { name: 'T', isPublished: false, events: [], lists: [], forms: [] } });
	});

	it('a copy that comes back without its steps is deleted again and reported', async () => {
		const segment = h.server.state.createSegment({ name: 'S' });
		const template = await client.createCampaign(followUpCampaign({ name: 'T', segmentIds: [segment.id], steps: [{ name: 'D0', day: 0, email: 11 }] }));
		// A Mautic that drops the events of a new campaign (e.g. a plugin or version that ignores them).
		const dropping: typeof fetch = async (input, init) => {
			const response = await fetch(input, init);
			const url = String(input instanceof Request ? input.url : input);
			if (init?.method !== 'GET' && init?.method !== undefined) return response;
			if (!new RegExp(`/api/campaigns/(?!${template.id}$)\\d+$`).test(new URL(url).pathname)) return response;
			const body = (await response.json()) as { campaign: Record<string, unknown> };
			return new Response(JSON.stringify({ campaign: { ...body.campaign, events: [] } }), { status: 200, headers: { 'Content-Type': 'application/json' } });
		};
		const leaky = h.basic({ fetch: dropping });
		const error = await failure(leaky.copyCampaign(template.id));
		expect(error.code).toBe('copy_incomplete');
		expect(error.message).toMatch(/copy of campaign \d+ is not faithful: it has 0 of the template's 1 steps\. Campaign (\d+) was deleted again\./);
		const copyId = Number(/Campaign (\d+) was deleted/.exec(error.message)?.[1]);
		expect(h.server.state.campaign(copyId)).toBeUndefined();
		expect(apiRequests(h.server).at(-1)).toMatchObject({ method: 'DELETE', path: `/api/campaigns/${copyId}/delete` });
	});

	it('copyCampaign refuses a template without a canvas or without a source, before creating anything', async () => {
		const bare = h.server.state.createCampaign({ name: 'No canvas', lists: [1] });
		bare.events.push({ id: 900, parentId: null, name: 'x', type: 'email.send', eventType: 'action', properties: { email: 1, email_type: 'marketing' } });
		await expect(client.copyCampaign(bare.id)).rejects.toThrow(/has no campaign builder canvas/);
		expect(apiRequests(h.server).filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	it('adds and removes a contact; a removed contact is flagged manually removed', async () => {
		const campaign = h.server.state.createCampaign({ name: 'C' });
		const c = h.server.state.seedContact({ email: 'a@example.com' });
		await client.addToCampaign(campaign.id, c.id);
		expect(h.server.state.campaign(campaign.id)?.members.get(c.id)).toBe(false);
		await client.removeFromCampaign(campaign.id, c.id);
		expect(h.server.state.campaign(campaign.id)?.members.get(c.id)).toBe(true);
		const missing = await failure(client.addToCampaign(999, c.id));
		expect(missing).toMatchObject({ status: 404 });
	});

	it('segment membership one by one, and in chunks of 200', async () => {
		const segment = h.server.state.createSegment({ name: 'Hot' });
		const c = h.server.state.seedContact({ email: 'a@example.com' });
		await client.addToSegment(segment.id, c.id);
		expect(h.server.state.segment(segment.id)?.members.has(c.id)).toBe(true);
		await client.removeFromSegment(segment.id, c.id);
		expect(h.server.state.segment(segment.id)?.members.has(c.id)).toBe(false);

		for (let i = 0; i < 450; i++) h.server.state.seedContact({ email: `s${i}@example.com` });
		const ids = Array.from({ length: 450 }, (_, i) => i + 2);
		const result = await client.addContactsToSegment(segment.id, [...ids, ids[0]]);
		expect(result).toMatchObject({ requests: 3, failed: [] });
		expect(result.added).toHaveLength(450);
		const bodies = apiRequests(h.server).filter((r) => r.path.endsWith('/contacts/add')).map((r) => (r.body as { ids: number[] }).ids.length);
		expect(bodies).toEqual([200, 200, 50]);
		expect(h.server.state.segment(segment.id)?.members.size).toBe(450);
	});

	it('addContactsToSegment reports the contacts Mautic did not add (HTTP 200 with per-contact success false)', async () => {
		const segment = h.server.state.createSegment({ name: 'Hot' });
		const a = h.server.state.seedContact({ email: 'a@example.com' });
		const b = h.server.state.seedContact({ email: 'b@example.com' });
		expect(await client.addContactsToSegment(segment.id, [a.id, 999, b.id])).toEqual({ requests: 1, added: [a.id, b.id], failed: [999] });
		expect([...(h.server.state.segment(segment.id)?.members ?? [])]).toEqual([a.id, b.id]);
	});
});

describe('stats and engagement', () => {
	it('getEmail reads the per-email counters', async () => {
		const email = h.server.state.createEmail({ name: 'Quote', subject: 'Your quote' });
		const c = h.server.state.seedContact({ email: 'a@example.com' });
		await client.sendEmail(email.id, c.id);
		h.server.state.recordOpen(c.id, email.id);
		expect(await client.getEmail(email.id)).toMatchObject({ id: email.id, sentCount: 1, readCount: 1, emailType: 'template', isPublished: true });
	});

	it('emailStats pages the email_stats table for one contact, newest first', async () => {
		const email = h.server.state.createEmail({ name: 'Quote', subject: 'Q' });
		const a = h.server.state.seedContact({ email: 'a@example.com' });
		const b = h.server.state.seedContact({ email: 'b@example.com' });
		for (let i = 0; i < 5; i++) await client.sendEmail(email.id, a.id);
		await client.sendEmail(email.id, b.id);
		h.server.state.recordOpen(a.id, email.id);
		const rows = await collect(client.emailStats({ contactId: a.id, pageSize: 2 }));
		expect(rows).toHaveLength(5);
		expect(rows.map((r) => r.is_read)).toEqual([1, 0, 0, 0, 0]);
		const pages = apiRequests(h.server).filter((r) => r.path === '/api/stats/email_stats');
		expect(pages.map((r) => r.query.start)).toEqual(['0', '2', '4']);
		expect(pages[0].query).toMatchObject({ 'where[0][col]': 'lead_id', 'where[0][expr]': 'eq', 'where[0][val]': String(a.id), 'order[0][col]': 'date_sent', 'order[0][dir]': 'DESC' });
		// date_sent is DATETIME text in UTC on the wire ("2026-11-20 10:00:00"); the connector gives an instant.
		const raw = (await (await fetch(`${h.server.url}/api/stats/email_stats?where[0][col]=id&where[0][expr]=eq&where[0][val]=${String(rows[0].id)}`, { headers: { Authorization: `Basic ${Buffer.from(`${MAUTIC_DEFAULTS.username}:${MAUTIC_DEFAULTS.password}`).toString('base64')}` } })).json()) as { stats: Array<{ date_sent: string }> };
		expect(raw.stats[0].date_sent).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(rows[0].date_sent).toBe(`${raw.stats[0].date_sent.replace(' ', 'T')}Z`);
		// sentSince (an instant) goes out as UTC database time.
		await collect(client.emailStats({ contactId: a.id, sentSince: new Date('2026-11-20T11:00:00+01:00') }));
		expect(apiRequests(h.server).at(-1)?.query).toMatchObject({ 'where[1][col]': 'date_sent', 'where[1][expr]': 'gte', 'where[1][val]': '2026-11-20 10:00:00' });
	});

	it('engagement counts sends, opens, clicks and replies since an instant, paging the timeline', async () => {
		const c = h.server.state.seedContact({ email: 'a@example.com' });
		h.server.state.addActivity(c.id, { event: 'email.sent', timestamp: '2026-11-01T09:00:00+00:00' });
		h.server.state.addActivity(c.id, { event: 'email.read', timestamp: '2026-11-01T10:00:00+00:00' });
		for (let day = 10; day < 40; day++) {
			const stamp = `2026-11-${String(Math.min(day, 28)).padStart(2, '0')}T${String(day % 24).padStart(2, '0')}:00:00+00:00`;
			h.server.state.addActivity(c.id, { event: day % 3 === 0 ? 'email.sent' : 'email.read', timestamp: stamp });
		}
		h.server.state.addActivity(c.id, { event: 'page.hit', timestamp: '2026-11-28T23:30:00+00:00' });
		h.server.state.addActivity(c.id, { event: 'email.replied', timestamp: '2026-11-28T23:45:00+00:00' });
		h.server.state.addActivity(c.id, { event: 'form.submitted', timestamp: '2026-11-28T23:50:00+00:00' });

		const summary = await client.engagement(c.id, { since: '2026-11-05T00:00:00Z' });
		expect(summary).toMatchObject({ sent: 10, opened: 20, clicked: 1, replied: 1, failed: 0, lastRepliedAt: '2026-11-28T23:45:00Z', lastClickedAt: '2026-11-28T23:30:00Z' });
		expect(summary.events).toHaveLength(32);
		const pages = apiRequests(h.server).filter((r) => r.path.endsWith('/activity'));
		// 32 events, but no type has more than 25 in the window: one page (Mautic pages per type).
		expect(pages.map((r) => r.query.page)).toEqual(['1']);
		expect(pages[0].query).toMatchObject({ 'filters[includeEvents][0]': ENGAGEMENT_EVENTS.sent, 'filters[dateFrom]': '2026-11-05T00:00:00Z', 'order[0]': 'timestamp', 'order[1]': 'DESC', limit: '25' });
	});

	it('engagement reads every type to the end although the timeline pages per type (an old event of one type is no stop)', async () => {
		const c = h.server.state.seedContact({ email: 'a@example.com' });
		h.server.state.addActivity(c.id, { event: 'email.sent', timestamp: '2026-10-01T09:00:00+00:00' }); // before the window
		h.server.state.addActivity(c.id, { event: 'email.sent', timestamp: '2026-11-10T09:00:00+00:00' });
		for (let i = 0; i < 30; i++) h.server.state.addActivity(c.id, { event: 'email.read', timestamp: `2026-11-${String(11 + (i % 15)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00+00:00` });
		const summary = await client.engagement(c.id, { since: '2026-11-05T00:00:00Z' });
		expect(summary).toMatchObject({ sent: 1, opened: 30 });
		const pages = apiRequests(h.server).filter((r) => r.path.endsWith('/activity'));
		expect(pages[0].query).toMatchObject({ 'filters[dateFrom]': '2026-11-05T00:00:00Z' });
	});

	it('clicked counts clicks on links of our emails, not website visits', async () => {
		const c = h.server.state.seedContact({ email: 'a@example.com' });
		h.server.state.recordPageVisit(c.id, { url: 'https://example.com/pricing', title: 'Pricing', timestamp: '2026-11-20T10:10:00+00:00' });
		h.server.state.recordClick(c.id, 7, { url: 'https://example.com/quote/42', timestamp: '2026-11-20T10:20:00+00:00' });
		h.server.state.recordPageVisit(c.id, { url: 'https://example.com/blog', timestamp: '2026-11-20T10:30:00+00:00' });
		const summary = await client.engagement(c.id, { since: '2026-11-20T00:00:00Z' });
		expect(summary).toMatchObject({ clicked: 1, lastClickedAt: '2026-11-20T10:20:00Z' });
		expect(summary.events.map((e) => e.event)).toEqual(['page.hit']);
	});

	it('contactActivity without since reads every page', async () => {
		const c = h.server.state.seedContact({ email: 'a@example.com' });
		for (let i = 0; i < 30; i++) h.server.state.addActivity(c.id, { event: 'email.sent' });
		for (let i = 0; i < 12; i++) h.server.state.addActivity(c.id, { event: 'email.replied' });
		// email.replied reports no total of its own (maxPages follows email.sent: 3), yet all 12 are read.
		expect(await collect(client.contactActivity(c.id, { pageSize: 10 }))).toHaveLength(42);
		h.server.requests.length = 0;
		for (let i = 0; i < 30; i++) h.server.state.addActivity(c.id, { event: 'email.replied' });
		expect(await collect(client.contactActivity(c.id, { pageSize: 10, includeEvents: ['email.replied'] }))).toHaveLength(42);
		expect(apiRequests(h.server).map((r) => r.query.page)).toEqual(['1', '2', '3', '4', '5']);
		await expect(collect(client.contactActivity(c.id, { since: 'yesterday' }))).rejects.toThrow(RangeError);
	});

	it('statsTable refuses a table name that is not one, and a table Mautic does not serve (it answers the list of tables)', async () => {
		expect(() => client.statsTable('email_stats;drop')).toThrow(RangeError);
		const error = await failure(collect(client.statsTable('no_such_table')));
		expect(error).toMatchObject({ code: 'stats_table_unavailable' });
		expect(error.message).toMatch(/no_such_table.*email_stats/);
	});
});

describe('copyCampaign with other segments', () => {
	it('builds the copy on the segments given and checks it against them; a template without segments refuses', async () => {
		const email = h.server.state.createEmail({ name: 'Quote', subject: 'Q' });
		const a = h.server.state.createSegment({ name: 'A' });
		const b = h.server.state.createSegment({ name: 'B' });
		const template = await client.createCampaign(followUpCampaign({ name: 'T', segmentIds: [a.id], steps: [{ name: 'D0', day: 0, email: email.id }] }));
		const { campaign } = await client.copyCampaign(template.id, { segmentIds: [b.id] });
		expect(campaign.lists.map((l) => l.id)).toEqual([b.id]);
		expect(copyDifferences(template, campaign, [b.id])).toEqual([]);
		expect(copyDifferences(template, template, [b.id])).toEqual([`segments [${a.id}] instead of [${b.id}]`]);
		expect(() => copyCampaignSpec({ ...template, lists: [], forms: [{ id: 3 }] }, { name: 'x', isPublished: false, segmentIds: [b.id] })).toThrow(/starts from a form, not from segments/);
	});
});
