// The InvenTree contract server itself must behave like InvenTree as inventree.md and the v534 OpenAPI
// schema describe it, or every test built on it proves nothing. Raw fetch, no client code; every 200
// body is validated against the OpenAPI component its path declares.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hasPath, responseComponent, schemaErrors, specVersion } from '../connectors/inventree/openapi.mts';
import { startInvenTreeServer } from './inventree-server.mts';
import type { InvenTreeServer, InvenTreeServerOptions } from './inventree-server.mts';

let server: InvenTreeServer;
let auth: Record<string, string>;

async function call(target: InvenTreeServer, path: string, init: RequestInit & { token?: string | null } = {}) {
	const headers: Record<string, string> = { Accept: 'application/json', ...(init.headers as Record<string, string>) };
	const token = init.token === undefined ? target.state.token : init.token;
	if (token !== null && headers.Authorization === undefined) headers.Authorization = `Token ${token}`;
	const response = await fetch(`${target.url}${path}`, { ...init, headers, redirect: 'manual' });
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// HTML or empty
	}
	return { status: response.status, headers: response.headers, body };
}

async function withServer<T>(options: InvenTreeServerOptions, run: (s: InvenTreeServer) => Promise<T>): Promise<T> {
	const s = await startInvenTreeServer(options);
	try {
		return await run(s);
	} finally {
		await s.stop();
	}
}

beforeAll(async () => {
	server = await startInvenTreeServer();
	auth = { Authorization: `Token ${server.state.token}` };
});
afterAll(async () => {
	await server.stop();
});

describe('the OpenAPI schema is the v534 export and the validator catches violations', () => {
	it('reads the spec and rejects a Part whose money is a float or whose pk is missing', () => {
		expect(specVersion()).toBe('534');
		expect(schemaErrors('PartSalePrice', { pk: 1, part: 1, quantity: 1, price: '12.500000', price_currency: 'EUR' })).toEqual([]);
		expect(schemaErrors('PartSalePrice', { pk: 1, part: 1, quantity: 1, price: 12.5, price_currency: 'EUR' })).not.toEqual([]);
		expect(schemaErrors('PartSalePrice', { pk: 1, part: 1, quantity: 1, price: null })).toEqual([]);
		expect(schemaErrors('Category', { name: 'x', level: 0, pathstring: 'x', starred: false })).not.toEqual([]);
		expect(schemaErrors('PaginatedPartList', [])).not.toEqual([]);
	});
});

describe('authentication (inventree.md §1)', () => {
	const cases: Array<{ name: string; path: string; token: string | null; headers: Record<string, string>; detail: string }> = [
		{ name: 'no header on a list', path: '/api/part/?limit=1', token: null, headers: {}, detail: 'Authentication credentials were not provided.' },
		{ name: 'wrong token', path: '/api/part/?limit=1', token: 'inv-0000000000000000000000000000000000000000-20270101', headers: {}, detail: 'Invalid token.' },
		{ name: 'wrong token on /api/ too (authentication runs first)', path: '/api/', token: 'nope', headers: {}, detail: 'Invalid token.' },
		{ name: 'Bearer is not the prefix', path: '/api/user/me/', token: null, headers: { Authorization: `Bearer ${'x'.repeat(20)}` }, detail: 'Authentication credentials were not provided.' },
		{ name: 'token with spaces', path: '/api/user/me/', token: null, headers: { Authorization: 'Token a b' }, detail: 'Invalid token header. Token string should not contain spaces.' },
		{ name: 'wrong basic password', path: '/api/user/me/', token: null, headers: { Authorization: `Basic ${Buffer.from('quote-bot:wrong').toString('base64')}` }, detail: 'Invalid username/password.' },
	];
	it.each(cases)('$name → 401 {"detail"}', async ({ path, token, headers, detail }) => {
		const r = await call(server, path, { token, headers });
		expect(r.status).toBe(401);
		expect(r.body).toEqual({ detail });
		expect(r.headers.get('www-authenticate')).toBe('Token');
	});

	it('GET /api/ answers without credentials, staff-only fields null', async () => {
		const r = await call(server, '/api/', { token: null });
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ server: 'InvenTree', apiVersion: 534, database: null, system_health: null });
	});

	it.each([
		{ name: 'Token, any case', headers: (t: string) => ({ Authorization: `token ${t}` }) },
		{ name: 'Basic', headers: () => ({ Authorization: `Basic ${Buffer.from('quote-bot:correct horse battery staple').toString('base64')}` }) },
	])('$name is accepted', async ({ headers }) => {
		const r = await call(server, '/api/user/me/', { token: null, headers: headers(server.state.token) });
		expect(r).toMatchObject({ status: 200, body: { username: 'quote-bot' } });
	});

	it('an expired token is refused', async () => {
		await withServer({ tokenExpired: true, seed: 'empty' }, async (s) => {
			const r = await call(s, '/api/user/me/');
			expect(r).toMatchObject({ status: 401, body: { detail: 'Token has expired' } });
		});
	});
});

describe('every response conforms to the OpenAPI schema of its path', () => {
	const cases = [
		{ path: '/api/', url: '/api/' },
		{ path: '/api/user/me/', url: '/api/user/me/' },
		{ path: '/api/part/', url: '/api/part/?limit=5&parameters=true&category_detail=true&path_detail=true&price_breaks=true' },
		{ path: '/api/part/', url: '/api/part/?limit=5&offset=200' },
		{ path: '/api/part/{id}/', url: '/api/part/1/?parameters=true&category_detail=true&price_breaks=true' },
		{ path: '/api/part/{id}/pricing/', url: '/api/part/1/pricing/' },
		{ path: '/api/part/{id}/pricing/', url: '/api/part/2/pricing/' },
		{ path: '/api/part/category/', url: '/api/part/category/?limit=50&path_detail=true' },
		{ path: '/api/part/category/tree/', url: '/api/part/category/tree/?limit=50' },
		{ path: '/api/part/sale-price/', url: '/api/part/sale-price/?limit=50&part=1' },
		{ path: '/api/stock/', url: '/api/stock/?limit=20' },
		{ path: '/api/stock/', url: '/api/stock/?limit=20&part_detail=false&in_stock=true' },
		{ path: '/api/parameter/', url: '/api/parameter/?limit=20&model_type=part&model_id=1' },
		{ path: '/api/currency/exchange/', url: '/api/currency/exchange/' },
	];
	it.each(cases)('$url → $path', async ({ path, url }) => {
		expect(hasPath(path)).toBe(true);
		const r = await call(server, url);
		expect(r.status).toBe(200);
		expect(schemaErrors(responseComponent(path), r.body)).toEqual([]);
	});

	it('the token endpoint (≥490) answers GetAuthToken to Basic auth', async () => {
		const r = await call(server, '/api/user/me/token/?name=n8n', {
			token: null,
			headers: { Authorization: `Basic ${Buffer.from('quote-bot:correct horse battery staple').toString('base64')}` },
		});
		expect(r.status).toBe(200);
		expect(schemaErrors(responseComponent('/api/user/me/token/'), r.body)).toEqual([]);
		expect(r.body).toMatchObject({ token: server.state.token, name: 'n8n' });
	});

	it('money as floats (newer serializers) differs from the spec only in the money fields', async () => {
		await withServer({ moneyAs: 'number', seed: 'small' }, async (s) => {
			const r = await call(s, '/api/part/sale-price/?limit=2');
			const errors = schemaErrors('PaginatedPartSalePriceList', r.body);
			expect(errors.length).toBeGreaterThan(0);
			expect(errors.every((e) => e.includes('/price'))).toBe(true);
			expect((r.body as { results: Array<{ price: unknown }> }).results[0].price).toBe(1250);
		});
	});
});

describe('lists (§3): bare array without limit, paginated with it', () => {
	it('without limit: every row as a bare array', async () => {
		const r = await call(server, '/api/part/');
		expect(Array.isArray(r.body)).toBe(true);
		expect((r.body as unknown[]).length).toBe(server.state.parts.size);
		expect(schemaErrors('Part', (r.body as unknown[])[0])).toEqual([]);
	});

	it.each(['0', 'abc', '-3'])('an invalid limit (%s) also means no pagination', async (limit) => {
		const r = await call(server, `/api/part/category/?limit=${limit}`);
		expect(Array.isArray(r.body)).toBe(true);
	});

	it('with limit/offset: count, next and previous as DRF builds them', async () => {
		const total = server.state.parts.size;
		const first = await call(server, '/api/part/?limit=100&ordering=id');
		const body = first.body as { count: number; next: string | null; previous: string | null; results: Array<{ pk: number }> };
		expect(body.count).toBe(total);
		expect(body.results).toHaveLength(100);
		expect(body.previous).toBeNull();
		expect(new URL(body.next as string).searchParams.get('offset')).toBe('100');
		expect(new URL(body.next as string).searchParams.get('ordering')).toBe('id');

		const second = (await call(server, '/api/part/?limit=100&offset=100&ordering=id')).body as typeof body;
		expect(new URL(second.previous as string).searchParams.has('offset')).toBe(false);
		const last = (await call(server, `/api/part/?limit=100&offset=200&ordering=id`)).body as typeof body;
		expect(last.next).toBeNull();
		expect(last.results).toHaveLength(total - 200);
		const pks = [...body.results, ...second.results, ...last.results].map((p) => p.pk);
		expect(new Set(pks).size).toBe(total);
	});
});

describe('a page is its slice of the whole list (pages serialize only their own rows)', () => {
	// The catalog loader's query (connectors/catalog/inventree.ts): the filters, the detail flags and the
	// client's ordering with its tiebreaks.
	const query = 'active=true&salable=true&parameters=true&path_detail=true&price_breaks=true&ordering=id,name,IPN';

	it('every page, concatenated, is the bare list field for field', async () => {
		const whole = (await call(server, `/api/part/?${query}`)).body as unknown[];
		const paged: unknown[] = [];
		for (let offset = 0; offset < whole.length; offset += 37) {
			const page = (await call(server, `/api/part/?${query}&limit=37&offset=${offset}`)).body as { count: number; results: unknown[] };
			expect(page.count).toBe(whole.length);
			paged.push(...page.results);
		}
		expect(whole.length).toBeGreaterThan(100);
		expect(paged).toEqual(whole);
	});

	it('filters are read on every request: a part changed in place between two pages is answered as it now is', async () => {
		await withServer({ seed: 'samples' }, async (s) => {
			const first = (await call(s, `/api/part/?${query}&limit=10`)).body as { count: number; results: Array<{ pk: number }> };
			const part = s.state.parts.get(first.results[0].pk)!;
			part.active = false;
			part.name = 'Zzz renamed part';
			const again = (await call(s, `/api/part/?${query}&limit=10`)).body as typeof first;
			expect(again.count).toBe(first.count - 1);
			expect(again.results.map((p) => p.pk)).not.toContain(part.pk);
			part.active = true;
			const named = (await call(s, `/api/part/?${query.replace('ordering=id,name,IPN', 'ordering=-name')}&limit=1`)).body as { results: Array<{ pk: number; name: string }> };
			expect(named.results[0]).toMatchObject({ pk: part.pk, name: 'Zzz renamed part' });
		});
	});
});

describe('filters and version gates (§2, §4)', () => {
	it('category cascades into sub-categories by default, not with cascade=false', async () => {
		await withServer({ seed: 'empty' }, async (s) => {
			const root = s.state.addCategory({ name: 'Automation' });
			const child = s.state.addCategory({ name: 'PLC', parent: root.pk });
			s.state.addPart({ name: 'A', category: root.pk });
			s.state.addPart({ name: 'B', category: child.pk });
			s.state.addPart({ name: 'C', category: null });
			const names = async (q: string) => ((await call(s, `/api/part/?${q}`)).body as Array<{ name: string }>).map((p) => p.name);
			expect(await names(`category=${root.pk}`)).toEqual(['A', 'B']);
			expect(await names(`category=${root.pk}&cascade=false`)).toEqual(['A']);
			expect(await names('category=null')).toEqual(['C']);
		});
	});

	it('search needs every term to match some field; booleans accept true/false and 1/0', async () => {
		type Row = { name: string; description: string; keywords: string; IPN: string };
		const parts = (await call(server, '/api/part/?search=s7-1500%20cpu&salable=1&active=true')).body as Row[];
		const text = (p: Row) => [p.name, p.description, p.keywords, p.IPN].join(' ').toLowerCase();
		expect(parts.length).toBeGreaterThan(3);
		expect(parts.every((p) => text(p).includes('s7-1500') && text(p).includes('cpu'))).toBe(true);
		expect((await call(server, '/api/part/?search=s7-1500%20zzzz')).body).toEqual([]);
		const inactive = (await call(server, '/api/part/?active=0')).body as Row[];
		expect(inactive).toEqual([]);
	});

	it.each([
		{ version: 429, present: '/api/part/parameter/?part=1', absent: '/api/parameter/?model_type=part&model_id=1' },
		{ version: 430, present: '/api/parameter/?model_type=part&model_id=1', absent: '/api/part/parameter/?part=1' },
	])('API $version: $present exists, $absent is "API endpoint not found"', async ({ version, present, absent }) => {
		await withServer({ apiVersion: version, seed: 'small' }, async (s) => {
			const ok = await call(s, present);
			expect(ok.status).toBe(200);
			expect((ok.body as Array<{ data: string }>)[0].data).toBe('Siemens');
			const missing = await call(s, absent);
			expect(missing.status).toBe(404);
			expect(missing.body).toMatchObject({ detail: 'API endpoint not found' });
		});
	});

	it('price_breaks=true is honoured from API 412 only', async () => {
		for (const [version, expected] of [
			[411, false],
			[412, true],
		] as const) {
			await withServer({ apiVersion: version, seed: 'small' }, async (s) => {
				const part = (await call(s, '/api/part/1/?price_breaks=true')).body as Record<string, unknown>;
				expect('price_breaks' in part).toBe(expected);
			});
		}
	});

	it.each([
		{ version: 489, path: '/api/user/token/', other: '/api/user/me/token/' },
		{ version: 490, path: '/api/user/me/token/', other: '/api/user/token/' },
	])('API $version: the token endpoint is $path', async ({ version, path, other }) => {
		await withServer({ apiVersion: version, seed: 'empty' }, async (s) => {
			expect((await call(s, path)).status).toBe(200);
			expect((await call(s, other)).status).toBe(404);
		});
	});
});

describe('errors (§7)', () => {
	it.each([
		{ url: '/api/part/sale-price/?part=99999', field: 'part' },
		{ url: '/api/part/?category=abc', field: 'category' },
		{ url: '/api/stock/?part=0', field: 'part' },
	])('$url → 400 {"$field": ["Select a valid choice…"]}', async ({ url, field }) => {
		const r = await call(server, url);
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ [field]: ['Select a valid choice. That choice is not one of the available choices.'] });
	});

	it('a refused write lists every field, then non_field_errors for a duplicate', async () => {
		const bad = await call(server, '/api/part/sale-price/', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ quantity: 0, price: '1.1234567', price_currency: 'XXX' }),
		});
		expect(bad.status).toBe(400);
		expect(bad.body).toEqual({
			part: ['This field is required.'],
			quantity: ['Quantity must be greater than zero'],
			price: ['Ensure that there are no more than 6 decimal places.'],
			price_currency: ['"XXX" is not a valid choice.'],
		});
		const dup = await call(server, '/api/part/sale-price/', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ part: 1, quantity: 1, price: '9.99' }),
		});
		expect(dup).toMatchObject({ status: 400, body: { non_field_errors: ['The fields part, quantity must make a unique set.'] } });
	});

	it('a missing part is 404 {"detail"}, an unknown endpoint names its URL, a missing slash redirects', async () => {
		expect(await call(server, '/api/part/99999/')).toMatchObject({ status: 404, body: { detail: 'No Part matches the given query.' } });
		const unknown = await call(server, '/api/nothing/here/');
		expect(unknown).toMatchObject({ status: 404, body: { detail: 'API endpoint not found' } });
		expect((unknown.body as { url: string }).url).toContain('/api/nothing/here/');
		const redirect = await call(server, '/api/part?limit=1');
		expect(redirect.status).toBe(301);
		expect(redirect.headers.get('location')).toBe('/api/part/?limit=1');
	});
});

describe('faults and recording', () => {
	it.each([
		{ kind: 'rate-limit' as const, status: 429, body: { detail: 'Request was throttled. Expected available in 2 seconds.' }, retryAfter: '2' },
		{ kind: 'unavailable' as const, status: 503, body: { detail: 'Service temporarily unavailable, try again later.' }, retryAfter: null },
		{ kind: 'server-error' as const, status: 500, body: { error: 'OperationalError', status_code: 500, path: '/api/part/' }, retryAfter: null },
	])('$kind answers $status once, then the endpoint works again', async ({ kind, status, body, retryAfter }) => {
		await withServer({ seed: 'small' }, async (s) => {
			s.fault({ kind, path: '/api/part/', retryAfterSeconds: kind === 'rate-limit' ? 2 : undefined });
			const failed = await call(s, '/api/part/?limit=1');
			expect(failed.status).toBe(status);
			expect(failed.body).toMatchObject(body);
			expect(failed.headers.get('retry-after')).toBe(retryAfter);
			expect((await call(s, '/api/part/?limit=1')).status).toBe(200);
			expect(s.requests.map((r) => [r.status, r.fault])).toEqual([
				[status, kind],
				[200, undefined],
			]);
			expect(s.requests[1].query).toEqual({ limit: '1' });
			expect(s.requests[1].headers.authorization).toBe(`Token ${s.state.token}`);
		});
	});

	it('html-502 is the proxy page', async () => {
		await withServer({ seed: 'empty' }, async (s) => {
			s.fault({ kind: 'html-502' });
			const r = await call(s, '/api/');
			expect(r.status).toBe(502);
			expect(String(r.body)).toContain('<title>502 Bad Gateway</title>');
		});
	});
});

describe('seed', () => {
	it('samples/catalog.json becomes categories, parts, sale price breaks, stock and a Manufacturer parameter', async () => {
		const part = (await call(server, '/api/part/?IPN=6ES7511-1AK02-0AB0&path_detail=true&parameters=true&price_breaks=true')).body as Array<Record<string, unknown>>;
		expect(part).toHaveLength(1);
		expect(part[0]).toMatchObject({
			name: 'SIMATIC S7-1500 CPU 1511-1 PN',
			unallocated_stock: 18,
			pricing_max: '831.730000',
			category_path: [
				{ name: 'PLC', icon: null },
				{ name: 'Controllers', icon: null },
			].map((c) => expect.objectContaining(c)),
			price_breaks: [
				expect.objectContaining({ quantity: 1, price: '1250.000000', price_currency: 'EUR' }),
				expect.objectContaining({ quantity: 3, price: '1212.500000', price_currency: 'EUR' }),
			],
		});
		expect((part[0].parameters as Array<{ data: string }>)[0].data).toBe('Siemens');
		expect(auth.Authorization).toContain('inv-');
	});
});

// I1: DRF OrderingFilter as InvenTree configures it, per version (part/api.py @ 002cd31e, the v534
// schema's ordering enums, InvenTree/filters.py @ 005f4862 after PR #11446).
describe('ordering and the pk tiebreak (I1)', () => {
	const pagesOf = async (s: InvenTreeServer, path: string, limit: number) => {
		const pks: number[] = [];
		for (let offset = 0; ; offset += limit) {
			const body = (await call(s, `${path}${path.includes('?') ? '&' : '?'}limit=${limit}&offset=${offset}`)).body as { count: number; results: Array<{ pk: number }> };
			pks.push(...body.results.map((r) => r.pk));
			if (offset + limit >= body.count) return pks;
		}
	};
	const sameName = (s: InvenTreeServer) => {
		for (let i = 0; i < 30; i++) s.state.addPart({ name: 'Fuse 2 A' });
	};

	it('API 400: ordering=id is no Part ordering field (dropped, default name); ties move between pages', async () => {
		await withServer({ seed: 'empty', apiVersion: 400 }, async (s) => {
			s.state.addPart({ name: 'Zener diode' });
			s.state.addPart({ name: 'Amplifier' });
			const names = ((await call(s, '/api/part/?ordering=-id')).body as Array<{ name: string }>).map((p) => p.name);
			expect(names).toEqual(['Amplifier', 'Zener diode']);
			sameName(s);
			const pks = await pagesOf(s, '/api/part/?ordering=name', 7);
			expect(pks).toHaveLength(32);
			expect(new Set(pks).size).toBeLessThan(32);
		});
	});

	it('API 534: id sorts, and the pk ends every ordering, so pages never overlap', async () => {
		await withServer({ seed: 'empty', apiVersion: 534 }, async (s) => {
			sameName(s);
			const pks = await pagesOf(s, '/api/part/?ordering=name', 7);
			expect(pks).toEqual([...s.state.parts.keys()]);
			const desc = ((await call(s, '/api/part/?ordering=-name')).body as Array<{ pk: number }>).map((p) => p.pk);
			expect(desc).toEqual([...s.state.parts.keys()].reverse());
		});
	});

	it('an unknown ordering term is dropped, valid ones kept (name,bogus,IPN → name, IPN)', async () => {
		await withServer({ seed: 'empty' }, async (s) => {
			s.state.addPart({ name: 'B', IPN: '1' });
			s.state.addPart({ name: 'A', IPN: '2' });
			s.state.addPart({ name: 'A', IPN: '1' });
			const rows = ((await call(s, '/api/part/?ordering=name,bogus,-IPN')).body as Array<{ name: string; IPN: string }>).map((p) => `${p.name}${p.IPN}`);
			expect(rows).toEqual(['A2', 'A1', 'B1']);
		});
	});

	it('categories default to tree order (tree_id, lft), unique on every version', async () => {
		await withServer({ seed: 'empty', apiVersion: 400 }, async (s) => {
			s.state.addCategoryPath('Cables / Power');
			s.state.addCategoryPath('Automation / PLC');
			s.state.addCategoryPath('Automation / HMI');
			const rows = ((await call(s, '/api/part/category/')).body as Array<{ pathstring: string }>).map((c) => c.pathstring);
			expect(rows).toEqual(['Automation', 'Automation/HMI', 'Automation/PLC', 'Cables', 'Cables/Power']);
			expect(await pagesOf(s, '/api/part/category/?ordering=tree_id,lft', 2)).toHaveLength(5);
		});
	});
});

// I2: PartSerializer.annotate_queryset unallocated_stock: Greatest(total − SO − BO, 0) now; unclamped
// in part/serializers.py @ 000b06c0 (before API 379).
describe('unallocated_stock (I2)', () => {
	it.each([
		{ apiVersion: 534, expected: 0 },
		{ apiVersion: 400, expected: -5 },
	])('API $apiVersion: an over-allocated part reads $expected', async ({ apiVersion, expected }) => {
		await withServer({ seed: 'empty', apiVersion }, async (s) => {
			const part = s.state.addPart({ name: 'Relay', allocatedToSalesOrders: 6, allocatedToBuildOrders: 2 });
			s.state.addStock(part.pk, 3);
			expect((await call(s, `/api/part/${part.pk}/`)).body).toMatchObject({ in_stock: 3, unallocated_stock: expected });
		});
	});
});

// I3: PartList.search_fields (part/api.py @ 002cd31e; the v534 schema names the same fields).
describe('part search fields (I3)', () => {
	it.each([
		{ field: 'revision', search: 'rev-b' },
		{ field: 'manufacturer_parts__MPN', search: '3RT2015' },
		{ field: 'supplier_parts__SKU', search: 'RS-123-456' },
		{ field: 'tags__name', search: 'Spare Part' },
		{ field: 'tags__slug', search: 'spare-part' },
		{ field: 'category__name', search: 'contactors' },
	])('finds a part by $field', async ({ search }) => {
		await withServer({ seed: 'empty' }, async (s) => {
			const category = s.state.addCategory({ name: 'Contactors' });
			s.state.addPart({ name: 'Contactor', category: category.pk, revision: 'Rev-B', mpns: ['3RT2015-1BB41'], skus: ['RS-123-456'], tags: ['Spare Part'] });
			s.state.addPart({ name: 'Other' });
			const found = ((await call(s, `/api/part/?search=${encodeURIComponent(search)}`)).body as Array<{ name: string }>).map((p) => p.name);
			expect(found).toEqual(['Contactor']);
		});
	});
});

// PartFilter.filter_has_pricing (part/api.py @ 002cd31e): a part is priced when overall_min or
// overall_max is set.
describe('has_pricing', () => {
	it('counts a part with only overall_max as priced', async () => {
		await withServer({ seed: 'empty' }, async (s) => {
			s.state.addPart({ name: 'Max only', pricing: { overall_max: '12.00' } });
			s.state.addPart({ name: 'None' });
			const names = async (q: string) => ((await call(s, `/api/part/?${q}`)).body as Array<{ name: string }>).map((p) => p.name);
			expect(await names('has_pricing=true')).toEqual(['Max only']);
			expect(await names('has_pricing=false')).toEqual(['None']);
		});
	});
});
