// Contacts against the Mautic contract server: upsert by email that never blanks a field, keyed
// lists read with Object.values (and put back in order), exact email lookup where `search=email:` is
// only a LIKE match, start/limit/total paging, batches chunked at 200, tags and points.
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

describe('upsertContact never blanks a field', () => {
	const seeded = { email: 'jana@nordwerk.de', firstname: 'Jana', lastname: 'Roth', company: 'Nordwerk', mobile: '+4915112345678', city: 'Kiel' };
	const cases = [
		{
			name: 'empty string, null, undefined and whitespace are not sent',
			fields: { firstname: '', lastname: null, mobile: undefined, city: '   ', company: 'Nordwerk GmbH' },
			sent: { company: 'Nordwerk GmbH' },
			stored: { firstname: 'Jana', lastname: 'Roth', mobile: '+4915112345678', city: 'Kiel', company: 'Nordwerk GmbH' },
			notWritten: [],
		},
		{
			// Sent, but Mautic drops numeric values whose integer part is 0 on POST/PATCH: reported, not lost silently.
			name: 'values are trimmed; 0 is sent, and reported when Mautic drops it',
			fields: { firstname: '  Jana-Marie ', quote_value: 0 },
			sent: { firstname: 'Jana-Marie', quote_value: 0 },
			stored: { firstname: 'Jana-Marie', quote_value: null, company: 'Nordwerk' },
			notWritten: [{ field: 'quote_value', value: 0, stored: null }],
		},
		{
			name: 'nothing but the email: nothing changes',
			fields: {},
			sent: {},
			stored: { firstname: 'Jana', lastname: 'Roth', company: 'Nordwerk', mobile: '+4915112345678', city: 'Kiel' },
			notWritten: [],
		},
	];
	it.each(cases)('$name', async ({ fields, sent, stored, notWritten }) => {
		const existing = h.server.state.seedContact(seeded);
		const result = await client.upsertContact({ email: ' JANA@nordwerk.de ', fields });

		expect(result.created).toBe(false);
		expect(result.contact.id).toBe(existing.id);
		expect(result.contact.fields).toMatchObject(stored);
		expect(h.server.state.contact(existing.id)?.fields).toMatchObject(stored);
		const request = apiRequests(h.server).at(-1);
		expect(request).toMatchObject({ method: 'POST', path: '/api/contacts/new', status: 200 });
		expect(request?.body).toEqual({ email: 'JANA@nordwerk.de', ...sent, overwriteWithBlank: false });
		expect(result.notWritten).toEqual(notWritten);
	});

	it('a value meant to become 0 (or 0.5) that Mautic keeps at its old value is reported; a 0 already stored is not', async () => {
		const existing = h.server.state.seedContact({ email: 'z@example.com', quote_value: 250, quote_number: 7 });
		const result = await client.upsertContact({ email: 'z@example.com', fields: { quote_value: '0.00', quote_number: 0.5, city: 'Kiel' } });
		expect(h.server.state.contact(existing.id)?.fields).toMatchObject({ quote_value: 250, quote_number: 7, city: 'Kiel' });
		expect(result.notWritten).toEqual([
			{ field: 'quote_value', value: '0.00', stored: 250 },
			{ field: 'quote_number', value: 0.5, stored: 7 },
		]);
		const zero = h.server.state.seedContact({ email: 'zero@example.com' });
		h.server.state.contact(zero.id)!.fields.quote_value = 0;
		expect((await client.upsertContact({ email: 'zero@example.com', fields: { quote_value: 0 } })).notWritten).toEqual([]);
	});

	it('proves the server would blank: the same empty firstname with overwriteWithBlank true clears it', async () => {
		// Control: what our client avoids. Sent raw, Mautic clears the field.
		const existing = h.server.state.seedContact(seeded);
		await fetch(`${h.server.url}/api/contacts/new`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from('api-user:api-password').toString('base64')}` },
			body: JSON.stringify({ email: seeded.email, firstname: '', overwriteWithBlank: true }),
		});
		expect(h.server.state.contact(existing.id)?.fields.firstname).toBeNull();
	});

	it('a new email is created (201) with tags, owner and stage; tags in modify syntax', async () => {
		const result = await client.upsertContact({
			email: 'ada@example.com',
			fields: { firstname: 'Ada', quote_number: 'Q-1042' },
			tags: ['quote-sent', ' quote-sent ', ''],
			removeTags: ['-cold'],
			owner: 1,
			stage: 'Quote',
		});
		expect(result).toMatchObject({ created: true, contact: { email: 'ada@example.com', tags: ['quote-sent'], ownerId: 1, stage: { name: 'Quote' } } });
		expect(apiRequests(h.server).at(-1)?.body).toMatchObject({ tags: ['quote-sent', '-cold'], owner: 1, stage: 'Quote' });
	});

	it.each([
		{ name: 'empty email', input: { email: '' } },
		{ name: 'not an email', input: { email: 'jana at nordwerk' } },
		{ name: 'email in fields', input: { email: 'a@b.de', fields: { email: 'c@d.de' } } },
		{ name: 'overwriteWithBlank in fields', input: { email: 'a@b.de', fields: { overwriteWithBlank: true } } },
	])('refuses $name before sending anything', async ({ input }) => {
		await expect(client.upsertContact(input)).rejects.toThrow(RangeError);
		expect(h.server.requests).toHaveLength(0);
	});

	it('a validation refusal names the field', async () => {
		h.server.fault({ kind: 'errors-200', path: '/api/contacts/new' });
		const error = await failure(client.upsertContact({ email: 'ok@example.com' }));
		expect(error).toMatchObject({ status: 200, code: 'unexpected_error' });
	});
});

describe('lists: keyed by id, string totals, paging', () => {
	it('reads the id-keyed object and the string total; `{}` is an empty list', async () => {
		expect(await collect(client.listContacts())).toEqual([]);
		h.server.state.seedContact({ email: 'a@example.com', firstname: 'A' }, { tags: ['x'], dnc: [{ channel: 'sms', reason: 1 }] });
		const [contact] = await collect(client.listContacts());
		expect(contact).toMatchObject({
			id: 1,
			email: 'a@example.com',
			tags: ['x'],
			points: 0,
			doNotContact: [{ channel: 'sms', reason: 1 }],
			fields: { firstname: 'A', lastname: null },
		});
	});

	const paging = [
		{ rows: 65, pageSize: 30, limit: undefined, expected: 65, starts: [[0, 30], [30, 30], [60, 30]] },
		{ rows: 60, pageSize: 30, limit: undefined, expected: 60, starts: [[0, 30], [30, 30]] },
		{ rows: 0, pageSize: 30, limit: undefined, expected: 0, starts: [[0, 30]] },
		{ rows: 65, pageSize: 30, limit: 40, expected: 40, starts: [[0, 30], [30, 10]] },
		{ rows: 5, pageSize: 100, limit: undefined, expected: 5, starts: [[0, 100]] },
	];
	it.each(paging)('$rows contacts, pageSize $pageSize, limit $limit → $expected in $starts.length requests', async ({ rows, pageSize, limit, expected, starts }) => {
		for (let i = 0; i < rows; i++) h.server.state.seedContact({ email: `c${i}@example.com` });
		const got = await collect(client.listContacts({ pageSize, limit }));
		expect(got.map((c) => c.id)).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
		expect(apiRequests(h.server).map((r) => [Number(r.query.start), Number(r.query.limit)])).toEqual(starts);
	});

	it('keeps paging by total when the server caps the page below what was asked', async () => {
		for (let i = 0; i < 12; i++) h.server.state.seedContact({ email: `c${i}@example.com` });
		// The client asks for 10 per page; something in between lets only 5 through.
		const capped = h.basic({ fetch: async (input, init) => fetch(String(input).replace(/limit=\d+/, 'limit=5'), init), pageSize: 10 });
		const got = await collect(capped.listContacts());
		expect(got).toHaveLength(12);
		expect(apiRequests(h.server).map((r) => r.query.start)).toEqual(['0', '5', '10']);
	});

	it('restores DESC order within a page (integer keys of a parsed JSON object sort ascending)', async () => {
		for (const name of ['ann', 'bob', 'cat', 'dan']) h.server.state.seedContact({ email: `${name}@example.com` });
		const got = await collect(client.listContacts({ orderBy: 'id', orderByDir: 'DESC', pageSize: 3 }));
		expect(got.map((c) => c.id)).toEqual([4, 3, 2, 1]);
	});

	it('sends search and where[] as Mautic query parameters', async () => {
		h.server.state.seedContact({ email: 'a@example.com' }, { tags: ['hot'] });
		h.server.state.seedContact({ email: 'b@example.com' });
		const got = await collect(client.listContacts({ search: 'tag:hot', where: [{ col: 'email', expr: 'like', val: '%@example.com' }] }));
		expect(got.map((c) => c.email)).toEqual(['a@example.com']);
		expect(apiRequests(h.server)[0].query).toMatchObject({ search: 'tag:hot', 'where[0][col]': 'email', 'where[0][expr]': 'like', orderBy: 'id', orderByDir: 'ASC' });
	});
});

describe('lookup by email', () => {
	it('is exact although search=email: matches a superstring', async () => {
		h.server.state.seedContact({ email: 'nada@example.com' });
		const ada = h.server.state.seedContact({ email: 'ada@example.com' });
		const found = await client.findContactByEmail('ADA@example.com');
		expect(found?.id).toBe(ada.id);
		const request = apiRequests(h.server)[0];
		expect(request.query).toMatchObject({ search: 'email:ADA@example.com', 'where[0][col]': 'email', 'where[0][expr]': 'eq', 'where[0][val]': 'ADA@example.com' });
	});

	it('filters exactly even when the server ignores where[] (alias handling is unconfirmed)', async () => {
		h.server.state.seedContact({ email: 'nada@example.com' });
		const ada = h.server.state.seedContact({ email: 'ada@example.com' });
		const noWhere = h.basic({ fetch: async (input, init) => fetch(String(input).replace(/&where%5B[^&]*/g, ''), init) });
		expect((await noWhere.findContactsByEmail('ada@example.com')).map((c) => c.id)).toEqual([ada.id]);
		expect(apiRequests(h.server)[0].query['where[0][col]']).toBeUndefined();
	});

	it('returns undefined when nobody has the email; getContact on a missing id is a 404 MauticError', async () => {
		expect(await client.findContactByEmail('nobody@example.com')).toBeUndefined();
		const error = await failure(client.getContact(404));
		expect(error).toMatchObject({ status: 404, kind: 'http' });
		expect(error.message).toBe('Mautic 404: Item was not found. (GET /api/contacts/404)');
	});
});

describe('batch upsert is chunked at the API limit', () => {
	it('450 contacts → 200 + 200 + 50, every input answered at its index', async () => {
		h.server.state.seedContact({ email: 'c7@example.com', firstname: 'Keep' });
		const inputs = Array.from({ length: 450 }, (_, i) => ({ email: `c${i}@example.com`, fields: { lastname: `L${i}`, firstname: '' } }));
		const results = await client.upsertContacts(inputs);

		const batches = apiRequests(h.server).filter((r) => r.path === '/api/contacts/batch/new');
		expect(batches.map((r) => (r.body as unknown[]).length)).toEqual([200, 200, 50]);
		expect(results).toHaveLength(450);
		expect(results.every((r, i) => r.index === i && r.ok)).toBe(true);
		expect(results.filter((r) => r.ok && r.created)).toHaveLength(449);
		expect(results[7]).toMatchObject({ ok: true, created: false, contact: { fields: { firstname: 'Keep', lastname: 'L7' } } });
		expect((batches[0].body as Array<Record<string, unknown>>)[0]).toEqual({ email: 'c0@example.com', lastname: 'L0', overwriteWithBlank: false });
	});

	it('a refused item does not fail its neighbours (errors and contacts keyed by index)', async () => {
		const mixed = h.basic({
			fetch: async (input, init) => {
				const body = JSON.parse(String(init?.body)) as Array<Record<string, unknown>>;
				body[1].email = 'broken';
				return fetch(input, { ...init, body: JSON.stringify(body) });
			},
		});
		const results = await mixed.upsertContacts([{ email: 'a@example.com' }, { email: 'b@example.com' }, { email: 'c@example.com' }]);
		expect(results).toEqual([
			expect.objectContaining({ index: 0, ok: true, created: true }),
			{ index: 1, ok: false, status: 400, code: '400', message: 'email: A valid email is required.' },
			expect.objectContaining({ index: 2, ok: true, created: true }),
		]);
	});

	it.each([0, 201, 1.5])('refuses batchSize %s', (batchSize) => {
		expect(() => h.basic({ batchSize })).toThrow(RangeError);
	});
});

describe('tags and points', () => {
	it('adds and removes tags, keeping the others and every field', async () => {
		const c = h.server.state.seedContact({ email: 't@example.com', firstname: 'T' }, { tags: ['cold', 'lead'] });
		expect((await client.addTags(c.id, ['quote-sent'])).tags).toEqual(['cold', 'lead', 'quote-sent']);
		const after = await client.editTags(c.id, { add: ['accepted'], remove: ['cold', 'quote-sent'] });
		expect(after.tags).toEqual(['lead', 'accepted']);
		expect(after.fields.firstname).toBe('T');
		expect(apiRequests(h.server).at(-1)).toMatchObject({ method: 'PATCH', body: { tags: ['accepted', '-cold', '-quote-sent'], overwriteWithBlank: false } });
		await expect(client.editTags(c.id, { add: [' '] })).rejects.toThrow(RangeError);
	});

	it.each([
		{ op: 'plus' as const, delta: 5, expected: 15 },
		{ op: 'minus' as const, delta: 3, expected: 7 },
		{ op: 'times' as const, delta: 2, expected: 20 },
		{ op: 'divide' as const, delta: 3, expected: 3 },
	])('points $op $delta: 10 → $expected', async ({ op, delta, expected }) => {
		const c = h.server.state.seedContact({ email: 'p@example.com' }, { points: 10 });
		await client.adjustPoints(c.id, op, delta, { eventName: 'Quote accepted' });
		expect(h.server.state.contact(c.id)?.points).toBe(expected);
		expect(apiRequests(h.server).at(-1)).toMatchObject({ path: `/api/contacts/${c.id}/points/${op}/${delta}`, body: { eventName: 'Quote accepted' } });
	});

	it.each([-1, 2.5, Number.NaN])('refuses points delta %s', async (delta) => {
		await expect(client.adjustPoints(1, 'plus', delta)).rejects.toThrow(RangeError);
	});
});
