// The InvenTree client against the in-memory contract server (tests/contract/inventree-server.mts):
// version detection, limit/offset paging across pages, the bare-array fallback, filters, parts,
// categories, parameters (version-gated paths), sale price breaks, pricing, stock, exchange rates,
// the token endpoint and retries. Waits go to an injected sleep.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';

import { fetchAdapter } from '../../../connectors/http';
import type { HttpAdapter, HttpRequest, HttpResponse } from '../../../connectors/http';
import { InvenTreeClient, InvenTreeError, buildCategoryTree, categoryPaths } from '../../../connectors/inventree';
import { startInvenTreeServer } from '../../contract/inventree-server.mts';
import type { InvenTreeServer, InvenTreeServerOptions } from '../../contract/inventree-server.mts';

let server: InvenTreeServer | undefined;
let delays: number[] = [];

async function boot(options: InvenTreeServerOptions = {}): Promise<InvenTreeServer> {
	server = await startInvenTreeServer(options);
	return server;
}

afterEach(async () => {
	await server?.stop();
	server = undefined;
	delays = [];
});

const transport = {
	sleep: async (ms: number) => {
		delays.push(ms);
	},
	random: () => 0.5,
};

function client(s: InvenTreeServer, extra: { pageSize?: number; apiVersion?: number; token?: string } = {}): InvenTreeClient {
	return InvenTreeClient.withToken({ baseUrl: `${s.url}/api/`, token: extra.token ?? s.state.token, transport, pageSize: extra.pageSize, apiVersion: extra.apiVersion });
}

const listRequests = (s: InvenTreeServer, path: string) => s.requests.filter((r) => r.path === path && r.fault === undefined);

/** An adapter that answers from a function, for shapes the contract server does not produce. */
function scripted(answer: (request: HttpRequest, n: number) => HttpResponse): HttpAdapter & { sent: HttpRequest[] } {
	const sent: HttpRequest[] = [];
	return {
		sent,
		async send(request) {
			sent.push(request);
			return answer(request, sent.length);
		},
	};
}

const json = (body: unknown, status = 200): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body });

describe('server info and version detection (§2)', () => {
	it('reads GET /api/ once per client and reports apiVersion and server version', async () => {
		const s = await boot({ seed: 'empty', apiVersion: 501, version: '1.1.4' });
		const c = client(s);
		expect(await c.apiInfo()).toMatchObject({ server: 'InvenTree', apiVersion: 501, version: '1.1.4' });
		expect(await c.apiVersion()).toBe(501);
		await c.partParameters(1).catch(() => undefined);
		expect(s.requests.filter((r) => r.path === '/api/')).toHaveLength(1);
		expect(s.requests[0].headers.accept).toBe('application/json');
		expect(s.requests[0].headers.authorization).toBe(`Token ${s.state.token}`);
	});

	it('a known apiVersion skips detection', async () => {
		const s = await boot({ seed: 'small' });
		expect(await client(s, { apiVersion: 534 }).apiVersion()).toBe(534);
		expect(s.requests).toHaveLength(0);
	});

	it('refuses servers older than API 206', async () => {
		const s = await boot({ seed: 'empty', apiVersion: 150 });
		await expect(client(s).apiVersion()).rejects.toMatchObject({ name: 'InvenTreeError', code: 'UNSUPPORTED_VERSION' });
	});

	it('whoAmI needs the token (the credential test endpoint)', async () => {
		const s = await boot({ seed: 'empty' });
		expect(await client(s).whoAmI()).toMatchObject({ pk: 7, username: 'quote-bot' });
		await expect(client(s, { token: 'inv-wrong' }).whoAmI()).rejects.toMatchObject({ status: 401 });
	});
});

describe('list pages with limit/offset (§3)', () => {
	const cases = [
		{ pageSize: 50, limit: undefined, expected: 212, offsets: [0, 50, 100, 150, 200] },
		{ pageSize: 100, limit: undefined, expected: 212, offsets: [0, 100, 200] },
		{ pageSize: 212, limit: undefined, expected: 212, offsets: [0] },
		{ pageSize: 50, limit: 120, expected: 120, offsets: [0, 50, 100] },
		{ pageSize: 50, limit: 0, expected: 0, offsets: [] },
	];
	it.each(cases)('pageSize $pageSize, limit $limit → $expected parts from offsets $offsets', async ({ pageSize, limit, expected, offsets }) => {
		const s = await boot();
		const parts: number[] = [];
		for await (const part of client(s, { pageSize, apiVersion: 534 }).parts({}, { limit })) parts.push(part.pk);
		expect(parts).toHaveLength(expected);
		expect(new Set(parts).size).toBe(expected);
		expect(parts).toEqual([...parts].sort((a, b) => a - b));
		const sent = listRequests(s, '/api/part/');
		expect(sent.map((r) => Number(r.query.offset))).toEqual(offsets);
		expect(sent.every((r) => r.query.limit !== undefined && r.query.ordering === 'id,name,IPN')).toBe(true);
		if (limit !== undefined && limit > 0) expect(Number(sent[sent.length - 1].query.limit)).toBe(limit - offsets[offsets.length - 1]);
	});

	it('a server that ignores limit and answers a bare array is read as the complete list', async () => {
		const adapter = scripted(() => json([{ pk: 1, name: 'A' }, { pk: 2, name: 'B' }, { pk: 2, name: 'B again' }]));
		const c = new InvenTreeClient({ baseUrl: 'http://inventree.test', adapter, apiVersion: 534, transport });
		const rows = await c.listAll('/api/part/category/', {}, z.looseObject({ pk: z.number(), name: z.string() }));
		expect(rows.map((r) => r.name)).toEqual(['A', 'B']);
		expect(adapter.sent).toHaveLength(1);
		expect(adapter.sent[0].qs).toMatchObject({ limit: 100, offset: 0 });
	});

	it('rows that reappear on later pages are yielded once; the missing ones come from one unpaged read', async () => {
		const pages = [
			{ count: 6, next: 'http://x/?offset=2', previous: null, results: [{ pk: 1 }, { pk: 2 }] },
			{ count: 6, next: 'http://x/?offset=4', previous: null, results: [{ pk: 2 }, { pk: 1 }] },
			{ count: 6, next: null, previous: null, results: [{ pk: 3 }, { pk: 1 }] },
		];
		const all = [1, 2, 3, 4, 5, 6].map((pk) => ({ pk }));
		const adapter = scripted((r, n) => json(r.qs?.limit === undefined ? all : pages[n - 1]));
		const c = new InvenTreeClient({ baseUrl: 'http://inventree.test', adapter, apiVersion: 534, transport, pageSize: 2 });
		const rows = await c.listAll('/api/part/', { active: 'true' }, z.looseObject({ pk: z.number() }));
		expect(rows.map((r) => r.pk)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(adapter.sent.map((r) => r.qs?.offset)).toEqual([0, 2, 4, undefined]);
		expect(adapter.sent[3].qs).toEqual({ active: 'true' });
	});

	it('a read that stays short after the unpaged read is an INCOMPLETE_LIST error naming the endpoint', async () => {
		const adapter = scripted((r, n) => json(n === 1 ? { count: 10, next: 'http://x/', previous: null, results: [{ pk: 1 }] } : { count: 10, next: null, previous: null, results: [] }));
		const c = new InvenTreeClient({ baseUrl: 'http://inventree.test', adapter, apiVersion: 534, transport, pageSize: 1 });
		const error = await c.listAll('/api/part/', {}, z.looseObject({ pk: z.number() })).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InvenTreeError);
		expect(error).toMatchObject({ code: 'INCOMPLETE_LIST', kind: 'schema', details: { path: '/api/part/', messages: ['1 of 10 rows'] } });
		expect((error as Error).message).toContain('/api/part/ to 1 distinct rows of 10');
		expect(adapter.sent).toHaveLength(3);
	});

	it('a row that breaks the schema is a schema error naming the row and field', async () => {
		const adapter = scripted(() => json({ count: 2, next: null, previous: null, results: [{ pk: 1, name: 'A', pathstring: 'A' }, { pk: 'two', name: 'B', pathstring: 'B' }] }));
		const c = new InvenTreeClient({ baseUrl: 'http://inventree.test', adapter, apiVersion: 534, transport });
		const error = await c.listAll('/api/part/category/', {}, z.looseObject({ pk: z.number() })).catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'InvenTreeError', kind: 'schema', code: 'SCHEMA_MISMATCH' });
		expect((error as Error).message).toContain('results[1].pk');
	});

	it.each([0, -1, 1.5])('refuses pageSize %s', async (pageSize) => {
		const c = new InvenTreeClient({ baseUrl: 'http://inventree.test', adapter: scripted(() => json([])), apiVersion: 534 });
		await expect(c.listAll('/api/part/', {}, z.unknown(), { pageSize })).rejects.toThrow(RangeError);
	});
});

describe('parts (§4, §5)', () => {
	it('sends the filters the way InvenTree reads them', async () => {
		const s = await boot({ seed: 'small' });
		const c = client(s);
		const plc = [...s.state.categories.values()].find((x) => x.name === 'Automation');
		const got: string[] = [];
		for await (const p of c.parts({ category: plc?.pk, active: true, salable: true, hasStock: true, search: 'module', categoryDetail: true, parameters: true, priceBreaks: true })) got.push(p.name);
		expect(got).toEqual(['Digital input module 16x24 V DC']);
		const sent = listRequests(s, '/api/part/')[0].query;
		expect(sent).toMatchObject({
			category: String(plc?.pk),
			active: 'true',
			salable: 'true',
			has_stock: 'true',
			search: 'module',
			category_detail: 'true',
			parameters: 'true',
			price_breaks: 'true',
			limit: '100',
			offset: '0',
		});
		expect(sent.cascade).toBeUndefined();
	});

	it('category null means "no category"; cascade=false stays in the category', async () => {
		const s = await boot({ seed: 'empty' });
		const root = s.state.addCategory({ name: 'Root' });
		const child = s.state.addCategory({ name: 'Child', parent: root.pk });
		s.state.addPart({ name: 'in root', category: root.pk });
		s.state.addPart({ name: 'in child', category: child.pk });
		s.state.addPart({ name: 'loose', category: null });
		const names = async (filters: Parameters<InvenTreeClient['parts']>[0]) => {
			const out: string[] = [];
			for await (const p of client(s).parts(filters)) out.push(p.name);
			return out;
		};
		expect(await names({ category: root.pk })).toEqual(['in root', 'in child']);
		expect(await names({ category: root.pk, cascade: false })).toEqual(['in root']);
		expect(await names({ category: null })).toEqual(['loose']);
	});

	it('price_breaks is only asked of servers with API ≥412', async () => {
		const s = await boot({ seed: 'small', apiVersion: 411 });
		const part = await client(s).part(1, { priceBreaks: true, parameters: true });
		expect(part.price_breaks).toBeUndefined();
		expect(s.requests.find((r) => r.path === '/api/part/1/')?.query.price_breaks).toBeUndefined();
	});

	it('reads one part with its annotations; money as strings or floats', async () => {
		for (const moneyAs of ['string', 'number'] as const) {
			const s = await boot({ seed: 'small', moneyAs });
			const part = await client(s).part(1, { priceBreaks: true, pathDetail: true });
			expect(part).toMatchObject({ pk: 1, IPN: 'PLC-1511', in_stock: 18, unallocated_stock: 18, units: '' });
			expect(part.pricing_max).toEqual(moneyAs === 'string' ? '831.730000' : 831.73);
			expect(part.price_breaks?.map((b) => [b.quantity, b.price, b.price_currency])).toEqual(
				moneyAs === 'string'
					? [
							[1, '1250.000000', 'EUR'],
							[3, '1212.500000', 'EUR'],
						]
					: [
							[1, 1250, 'EUR'],
							[3, 1212.5, 'EUR'],
						],
			);
			expect(part.category_path?.map((c) => c.name)).toEqual(['Automation', 'PLC']);
			await s.stop();
			server = undefined;
		}
	});

	it('a missing part is a 404 InvenTreeError with DRF’s detail', async () => {
		const s = await boot({ seed: 'empty' });
		await expect(client(s).part(42)).rejects.toMatchObject({ status: 404, code: 'NotFound', message: expect.stringContaining('No Part matches the given query.') });
	});
});

describe('categories', () => {
	it('lists categories and nests the tree with full paths', async () => {
		const s = await boot();
		const c = client(s, { pageSize: 5 });
		const flat: string[] = [];
		for await (const cat of c.categories()) flat.push(cat.pathstring);
		expect(flat.length).toBe(s.state.categories.size);
		const rows = await c.categoryTree();
		expect(rows).toHaveLength(s.state.categories.size);
		const tree = buildCategoryTree(rows);
		const io = tree.find((n) => n.name === 'I/O Modules');
		// CategoryTree orders by level, then name (part/api.py ordering_field_aliases).
		expect(io?.children.map((n) => n.path.join(' / '))).toEqual(['I/O Modules / Analog', 'I/O Modules / Digital']);
		expect(listRequests(s, '/api/part/category/').every((r) => r.query.ordering === 'tree_id,lft')).toBe(true);
		const paths = categoryPaths(rows);
		expect([...paths.values()]).toContain('Instrumentation / Pressure');
	});

	it('buildCategoryTree: orphans become roots, a cycle is broken', () => {
		const tree = buildCategoryTree([
			{ pk: 1, name: 'A', parent: 2 },
			{ pk: 2, name: 'B', parent: 1 },
			{ pk: 3, name: 'C', parent: 99 },
			{ pk: 4, name: 'D', parent: 3 },
		]);
		const paths = (nodes: typeof tree): string[] => nodes.flatMap((n) => [n.path.join('/'), ...paths(n.children)]);
		expect(paths(tree).sort()).toEqual(['B', 'B/A', 'C', 'C/D']);
	});
});

describe('parameters: version-gated path (§2, §4)', () => {
	it.each([
		{ apiVersion: 534, path: '/api/parameter/', query: { model_type: 'part', model_id: '1' } },
		{ apiVersion: 430, path: '/api/parameter/', query: { model_type: 'part', model_id: '1' } },
		{ apiVersion: 429, path: '/api/part/parameter/', query: { part: '1' } },
		{ apiVersion: 300, path: '/api/part/parameter/', query: { part: '1' } },
	])('API $apiVersion → $path', async ({ apiVersion, path, query }) => {
		const s = await boot({ seed: 'small', apiVersion });
		s.state.addParameter(1, 'Supply voltage', '24', 'V');
		const params = await client(s).partParameters(1);
		expect(params.map((p) => [p.name, p.data, p.units, p.data_numeric, p.part])).toEqual([
			['Manufacturer', 'Siemens', '', null, 1],
			['Supply voltage', '24', 'V', 24, 1],
		]);
		const sent = s.requests.filter((r) => r.path.includes('parameter'));
		expect(sent.map((r) => r.path)).toEqual([path]);
		expect(sent[0].query).toMatchObject(query);
	});

	it('falls back to the other endpoint when the gate guessed wrong (404)', async () => {
		const s = await boot({ seed: 'small', apiVersion: 429 });
		const params = await client(s, { apiVersion: 534 }).partParameters(1);
		expect(params.map((p) => p.name)).toEqual(['Manufacturer']);
		expect(s.requests.map((r) => [r.path, r.status])).toEqual([
			['/api/parameter/', 404],
			['/api/part/parameter/', 200],
		]);
	});
});

describe('prices, pricing, stock, exchange rates (§4-6)', () => {
	it('sale price breaks of one part, ordered by quantity, each with its currency', async () => {
		const s = await boot({ seed: 'small' });
		s.state.addSalePrice(2, 100, '180.00', 'USD');
		const breaks = await client(s).salePriceBreaks(2);
		expect(breaks.map((b) => [b.quantity, b.price, b.price_currency])).toEqual([
			[1, '219.000000', 'EUR'],
			[10, '208.050000', 'EUR'],
			[50, '197.100000', 'EUR'],
			[100, '180.000000', 'USD'],
		]);
		expect(s.requests.at(-1)?.query).toMatchObject({ part: '2', ordering: 'quantity', limit: '100' });
	});

	it('all sale price breaks in one paged read', async () => {
		const s = await boot();
		const all = await client(s, { pageSize: 200 }).salePriceBreaks();
		expect(all).toHaveLength(s.state.salePrices.size);
		expect(listRequests(s, '/api/part/sale-price/').map((r) => r.query.offset)).toEqual(['0', '200', '400']);
	});

	it('the pricing summary may be empty (null) or filled', async () => {
		const s = await boot({ seed: 'small' });
		expect(await client(s).pricing(1)).toMatchObject({ currency: 'EUR', overall_min: '831.730000', overall_max: '831.730000', sale_price_min: null });
		expect(await client(s).pricing(2)).toMatchObject({ overall_max: null, scheduled_for_update: false });
	});

	it('partStock: unallocated_stock nets out sales and build order allocations; items on request', async () => {
		const s = await boot({ seed: 'empty' });
		const part = s.state.addPart({ name: 'Relay', allocatedToSalesOrders: 7, allocatedToBuildOrders: 2 });
		s.state.addStock(part.pk, 10);
		s.state.addStock(part.pk, 5, { allocated: 5 });
		s.state.addStock(part.pk, 3, { inStock: false });
		expect(await client(s).partStock(part.pk)).toEqual({ part: part.pk, in_stock: 15, total_in_stock: 15, unallocated_stock: 6 });
		const withItems = await client(s).partStock(part.pk, { items: true });
		// StockList sorts by part name, then quantity (stock/api.py); `ordering=part` is no field before v534.
		expect(withItems.items?.map((i) => [i.quantity, i.allocated, i.in_stock])).toEqual([
			[5, 5, true],
			[10, 0, true],
		]);
		const sent = listRequests(s, '/api/stock/')[0].query;
		expect(sent).toMatchObject({ part: String(part.pk), in_stock: 'true', part_detail: 'false', ordering: 'part__name,quantity' });
	});

	it('exchange rates: base currency and rates per code', async () => {
		const s = await boot({ seed: 'empty', baseCurrency: 'EUR', rates: { EUR: 1, USD: 1.0843 } });
		expect(await client(s).currencyExchange()).toMatchObject({ base_currency: 'EUR', exchange_rates: { EUR: 1, USD: 1.0843 } });
	});
});

describe('obtaining a token with Basic auth (§1)', () => {
	it.each([
		{ apiVersion: 489, path: '/api/user/token/' },
		{ apiVersion: 490, path: '/api/user/me/token/' },
	])('API $apiVersion → $path', async ({ apiVersion, path }) => {
		const s = await boot({ seed: 'empty', apiVersion });
		const token = await InvenTreeClient.obtainToken({ baseUrl: s.url, username: 'quote-bot', password: 'correct horse battery staple', name: 'n8n', transport });
		expect(token).toMatchObject({ token: s.state.token, name: 'n8n', expiry: '2027-01-01' });
		expect(s.requests.map((r) => r.path)).toEqual(['/api/', path]);
		expect(s.requests[1].headers.authorization).toMatch(/^Basic /);
	});

	it('a wrong password is a 401 that shows neither the password nor the Basic credential', async () => {
		const s = await boot({ seed: 'empty' });
		const password = 'hunter2-but-longer';
		const error = await InvenTreeClient.obtainToken({ baseUrl: s.url, username: 'quote-bot', password, transport }).catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'InvenTreeError', status: 401 });
		const basic = Buffer.from(`quote-bot:${password}`).toString('base64');
		for (const text of [(error as Error).message, JSON.stringify(error), (error as Error).stack ?? '']) {
			expect(text).not.toContain(password);
			expect(text).not.toContain(basic);
		}
	});
});

describe('retries through the shared transport', () => {
	it.each([
		{ kind: 'rate-limit' as const, times: 2, retryAfterSeconds: 3, waits: [3000, 3000] },
		{ kind: 'unavailable' as const, times: 1, retryAfterSeconds: undefined, waits: [375] },
		{ kind: 'server-error' as const, times: 2, retryAfterSeconds: undefined, waits: [375, 750] },
		{ kind: 'html-502' as const, times: 1, retryAfterSeconds: undefined, waits: [375] },
		{ kind: 'reset' as const, times: 1, retryAfterSeconds: undefined, waits: [375] },
	])('$kind ×$times on a GET is retried, then succeeds', async ({ kind, times, retryAfterSeconds, waits }) => {
		const s = await boot({ seed: 'small' });
		s.fault({ kind, times, path: '/api/part/', retryAfterSeconds });
		const parts: number[] = [];
		for await (const p of client(s, { apiVersion: 534 }).parts()) parts.push(p.pk);
		expect(parts).toEqual([1, 2, 3, 4]);
		expect(delays).toEqual(waits);
	});

	it('a 503 that outlasts the attempts is an InvenTreeError with the attempts', async () => {
		const s = await boot({ seed: 'small' });
		s.fault({ kind: 'unavailable', times: 10 });
		const error = await client(s, { apiVersion: 534 }).pricing(1).catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'InvenTreeError', status: 503, attempts: 4, retryable: true });
		expect((error as Error).message).toContain('Service temporarily unavailable');
	});

	it('a 500 from InvenTree’s exception handler that outlasts the attempts names the exception after 4 attempts', async () => {
		const s = await boot({ seed: 'small' });
		s.fault({ kind: 'server-error', times: 10 });
		const error = await client(s, { apiVersion: 534 }).pricing(1).catch((e: unknown) => e);
		expect(error).toMatchObject({ status: 500, code: 'OperationalError', attempts: 4, retryable: true });
		expect((error as Error).message).toContain('server closed the connection unexpectedly');
		expect(s.requests.filter((r) => r.path === '/api/part/1/pricing/')).toHaveLength(4);
	});

	it('a 400 is not retried (InvenTree refused the request itself)', async () => {
		const s = await boot({ seed: 'small' });
		const error = await client(s, { apiVersion: 534 }).request('/api/part/', { category: 99999, limit: 10 }).catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'InvenTreeError', status: 400, attempts: 1, retryable: false });
		expect(delays).toEqual([]);
	});

	it('fetchAdapter from outside: a connection refused is a network InvenTreeError', async () => {
		const s = await boot({ seed: 'empty' });
		const url = s.url;
		await s.stop();
		server = undefined;
		const c = new InvenTreeClient({ baseUrl: url, adapter: fetchAdapter(), transport: { ...transport, maxAttempts: 2 } });
		await expect(c.apiInfo()).rejects.toMatchObject({ name: 'InvenTreeError', kind: 'network', code: 'ECONNREFUSED', attempts: 2 });
	});
});

// I1 (real-api-audit.md): before InvenTree PR #11446 (2026-03-02) no pk is appended to the ordering,
// so rows that tie on every sort key can move between LIMIT/OFFSET queries; the contract server
// reshuffles ties on each request for versions below 534 (pkTiebreak off).
describe('complete reads on servers before the pk tiebreak (I1)', () => {
	async function sameNameParts(apiVersion: number, n = 40): Promise<{ s: InvenTreeServer; pks: number[] }> {
		const s = await boot({ seed: 'empty', apiVersion, tieSeed: 7 });
		const pks: number[] = [];
		for (let i = 0; i < n; i++) pks.push(s.state.addPart({ name: 'Terminal block 2.5 mm²', description: `variant ${i}` }).pk);
		return { s, pks };
	}

	it('API 400: 40 parts with the same name and no IPN are all read, the missing ones by one unpaged read', async () => {
		const { s, pks } = await sameNameParts(400);
		const got: number[] = [];
		for await (const p of client(s, { pageSize: 7 }).parts()) got.push(p.pk);
		expect([...got].sort((a, b) => a - b)).toEqual(pks);
		const sent = listRequests(s, '/api/part/');
		expect(sent.at(-1)?.query.limit).toBeUndefined();
		expect(sent.at(-1)?.query.ordering).toBe('id,name,IPN');
	});

	it('API 534 (pk tiebreak): the same parts page completely without the unpaged read', async () => {
		const { s, pks } = await sameNameParts(534);
		const got: number[] = [];
		for await (const p of client(s, { pageSize: 7 }).parts()) got.push(p.pk);
		expect(got).toEqual(pks);
		expect(listRequests(s, '/api/part/').every((r) => r.query.limit === '7')).toBe(true);
	});

	it('API 400, limit 20: twenty distinct parts', async () => {
		const { s } = await sameNameParts(400);
		const got: number[] = [];
		for await (const p of client(s, { pageSize: 7 }).parts({}, { limit: 20 })) got.push(p.pk);
		expect(new Set(got).size).toBe(20);
	});

	it('API 400: sale price breaks of all parts (every quantity-1 break ties) come back complete', async () => {
		const s = await boot({ seed: 'empty', apiVersion: 400, tieSeed: 3 });
		for (let i = 0; i < 60; i++) s.state.addSalePrice(s.state.addPart({ name: `Relay ${i}` }).pk, 1, '10.00');
		const all = await client(s, { pageSize: 9 }).salePriceBreaks();
		expect(new Set(all.map((b) => b.pk)).size).toBe(60);
	});

	it('more rows than unpagedReadMax: INCOMPLETE_LIST instead of a silently short list', async () => {
		const { s } = await sameNameParts(400);
		const c = InvenTreeClient.withToken({ baseUrl: s.url, token: s.state.token, transport, pageSize: 7, unpagedReadMax: 30 });
		const error = await c.listAll('/api/part/', {}, z.looseObject({ pk: z.number() })).catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'InvenTreeError', code: 'INCOMPLETE_LIST', details: { path: '/api/part/' } });
		expect((error as Error).message).toMatch(/of 40 .*more than 30/);
		expect(listRequests(s, '/api/part/').every((r) => r.query.limit === '7')).toBe(true);
	});

	it('an ordering InvenTree cannot sort parts by is refused, naming it', async () => {
		const s = await boot({ seed: 'small' });
		const read = async () => {
			for await (const p of client(s).parts({ ordering: 'pk' })) void p;
		};
		await expect(read()).rejects.toThrow(/ordering "pk" is not a field InvenTree sorts parts by/);
		expect(listRequests(s, '/api/part/')).toHaveLength(0);
	});
});

// I2: older servers report an over-allocated part with a negative unallocated_stock
// (part/serializers.py @ 000b06c0); current ones clamp it at 0 (Greatest(…, 0)).
describe('unallocated stock never below 0 (I2)', () => {
	it.each([400, 534])('API %i: an over-allocated part has 0 available', async (apiVersion) => {
		const s = await boot({ seed: 'empty', apiVersion });
		const part = s.state.addPart({ name: 'Relay', allocatedToSalesOrders: 9 });
		s.state.addStock(part.pk, 4);
		expect(await client(s).partStock(part.pk)).toMatchObject({ in_stock: 4, unallocated_stock: 0 });
	});
});

// Beyond the audit: null filters. part/api.py @ 002cd31e filters `category=null` only with
// cascade=false, and CategoryFilter.parent is a ModelChoiceFilter (`parent=null` is a 400) with
// top-level categories selected by cascade=false without a parent; `top_level` arrives with v534.
describe('null category and parent filters on every version', () => {
	it.each([400, 534])('API %i: category null lists only parts without a category', async (apiVersion) => {
		const s = await boot({ seed: 'empty', apiVersion });
		const cat = s.state.addCategory({ name: 'Relays' });
		s.state.addPart({ name: 'Filed', category: cat.pk });
		s.state.addPart({ name: 'Loose', category: null });
		const names: string[] = [];
		for await (const p of client(s).parts({ category: null })) names.push(p.name);
		expect(names).toEqual(['Loose']);
	});

	it.each([400, 534])('API %i: parent null and topLevel list the top-level categories', async (apiVersion) => {
		const s = await boot({ seed: 'empty', apiVersion });
		s.state.addCategoryPath('Automation / PLC');
		s.state.addCategoryPath('Cables');
		for (const filters of [{ parent: null }, { topLevel: true }]) {
			const names: string[] = [];
			for await (const c of client(s).categories(filters)) names.push(c.name);
			expect(names).toEqual(['Automation', 'Cables']);
		}
	});
});
