// The connector's listings behind the editor's dropdowns (issue 16) against the Mautic contract server:
// one page at a time for a searchable picker, or every row page by page, always by name (id for equal
// names) although Mautic's lists arrive as objects keyed by id.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { MauticClient } from '../../../connectors/mautic';
import { apiRequests, collect, failure, harness } from './support.mts';
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

describe('catalogPage', () => {
	it('asks for one page by name with minimal rows and reads the keyed list back in name order', async () => {
		// Ids ascending are NOT name order: a client that kept JSON's key order would answer 1, 2, 3.
		h.server.state.createEmail({ name: 'Zeta reminder', subject: 'z' });
		h.server.state.createEmail({ name: 'alpha offer', subject: 'a' });
		h.server.state.createEmail({ name: 'Beta quote', subject: 'Your quotation' });
		const page = await client.catalogPage('emails', { limit: 2 });
		expect(page).toEqual({
			total: 3,
			nextStart: 2,
			items: [
				{ id: 2, name: 'alpha offer', isPublished: true, subject: 'a', alias: null },
				{ id: 3, name: 'Beta quote', isPublished: true, subject: 'Your quotation', alias: null },
			],
		});
		const last = await client.catalogPage('emails', { start: 2, limit: 2 });
		expect(last.items.map((e) => e.id)).toEqual([1]);
		expect(last.nextStart).toBeUndefined();
		const [first] = apiRequests(h.server).filter((r) => r.path === '/api/emails');
		expect(first.query).toMatchObject({ orderBy: 'name,id', orderByDir: 'ASC', minimal: '1', start: '0', limit: '2' });
		expect(first.query).not.toHaveProperty('published');
	});

	it('passes the search and the published filter; segments come from the `lists` key', async () => {
		h.server.state.createSms({ name: 'Quote reminder SMS', message: 'm' });
		h.server.state.createSms({ name: 'Quote draft SMS', message: 'm', isPublished: false });
		const sms = await client.catalogPage('smses', { search: ' quote ', publishedOnly: true });
		expect(sms.items.map((s) => s.name)).toEqual(['Quote reminder SMS']);
		expect(apiRequests(h.server).at(-1)?.query).toMatchObject({ search: 'quote', published: '1' });
		h.server.state.createSegment({ name: 'Hot leads', alias: 'hot-leads' });
		const segments = await client.catalogPage('segments', {});
		expect(segments.items).toEqual([{ id: 1, name: 'Hot leads', isPublished: true, subject: null, alias: 'hot-leads' }]);
	});

	it('says what went wrong when Mautic refuses the list', async () => {
		const denied = h.basic({}, 'wrong password');
		const error = await failure(denied.catalogPage('campaigns'));
		expect(error.status).toBe(401);
		expect(error.message).toContain('GET /api/campaigns');
	});
});

describe('listCatalog', () => {
	it('pages through every campaign with start/limit until total, by name then id', async () => {
		for (let i = 0; i < 7; i++) h.server.state.createCampaign({ name: `Campaign ${7 - i}` });
		h.server.state.createCampaign({ name: 'Campaign 3' });
		const all = await collect(client.listCatalog('campaigns', { pageSize: 3 }));
		expect(all.map((c) => [c.name, c.id])).toEqual([
			['Campaign 1', 7],
			['Campaign 2', 6],
			['Campaign 3', 5],
			['Campaign 3', 8],
			['Campaign 4', 4],
			['Campaign 5', 3],
			['Campaign 6', 2],
			['Campaign 7', 1],
		]);
		const starts = apiRequests(h.server)
			.filter((r) => r.path === '/api/campaigns')
			.map((r) => r.query.start);
		expect(starts).toEqual(['0', '3', '6']);
	});

	it('stops at `limit` rows', async () => {
		for (let i = 1; i <= 5; i++) h.server.state.createSegment({ name: `Segment ${i}` });
		const some = await collect(client.listCatalog('segments', { pageSize: 2, limit: 3 }));
		expect(some.map((s) => s.name)).toEqual(['Segment 1', 'Segment 2', 'Segment 3']);
	});
});
