// The InvenTree node in the real n8n engine (in-process) against the InvenTree contract server seeded
// with samples/catalog.json: every resource and operation (part get/search/list with filters, stock
// items and availability, pricing summary and sale price breaks with exact minor units, categories),
// the three part locator modes, pairing across several input items, Return All paging, per-item errors
// naming the parameter and value, a wrong token, and the part/category pickers (methods.listSearch).
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeListSearchResult,
} from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LeadToCloseInvenTreeApi } from '../../credentials/LeadToCloseInvenTreeApi.credentials';
import { Inventree } from '../../nodes/InvenTree/Inventree.node';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import { chain, node, runWorkflow } from '../workflow/harness.mts';

const TYPE = 'n8n-nodes-lead-to-close.inventree';
let server: InvenTreeServer;
const creds = (token = server.state.token) => ({
	leadToCloseInvenTreeApi: { baseUrl: server.url, apiToken: token },
});

beforeAll(async () => {
	server = await startInvenTreeServer({ seed: 'samples' });
});
afterAll(async () => server.stop());

async function inventree(
	params: INode['parameters'],
	items: unknown[] = [{}],
	extra: Partial<INode> = {},
	credentials = creds(),
) {
	return await runWorkflow({
		nodeTypes: { [TYPE]: new Inventree() },
		credentialTypes: [new LeadToCloseInvenTreeApi()],
		credentials,
		nodes: [
			node('Start', 'test.start', { items: JSON.stringify(items) }),
			node('InvenTree', TYPE, params, extra),
		],
		connections: chain('Start', 'InvenTree'),
	});
}

const partByIpn = (ipn: string) => [...server.state.parts.values()].find((p) => p.IPN === ipn)!;
const cpu = () => partByIpn('6ES7511-1AK02-0AB0');
const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });

describe('InvenTree: parts', () => {
	it('searches parts by text, one output item per part, paired with its query item', async () => {
		const out = (
			await inventree(
				{ resource: 'part', operation: 'search', query: '={{ $json.q }}', returnAll: true },
				[{ q: 'S7-1500 CPU' }, { q: 'no-such-thing-xyz' }, { q: 'profinet switch' }],
			)
		).output('InvenTree');
		const first = out
			.filter((o) => (o.pairedItem as { item: number }).item === 0)
			.map((o) => o.json as Record<string, string>);
		expect(first.length).toBeGreaterThan(1);
		// Every word must match one of the searched fields (DRF search).
		const text = (p: Record<string, string>) =>
			[p.name, p.IPN, p.description, p.keywords].join(' ').toLowerCase();
		expect(first.every((p) => text(p).includes('s7-1500') && text(p).includes('cpu'))).toBe(true);
		expect(out.filter((o) => (o.pairedItem as { item: number }).item === 1)).toEqual([]);
		expect(out.filter((o) => (o.pairedItem as { item: number }).item === 2).length).toBeGreaterThan(
			0,
		);
		const search = server.requests
			.filter((r) => r.path === '/api/part/' && r.query.search === 'S7-1500 CPU')
			.at(-1)!;
		expect(search.query).toMatchObject({ active: 'true', limit: expect.any(String) });
	});

	it('stops at Limit, and pages through everything with Return All', async () => {
		const limited = (await inventree({ resource: 'part', operation: 'getMany', limit: 7 })).output(
			'InvenTree',
		);
		expect(limited).toHaveLength(7);
		const before = server.requests.length;
		const all = (
			await inventree({ resource: 'part', operation: 'getMany', returnAll: true })
		).output('InvenTree');
		expect(all).toHaveLength(server.state.parts.size);
		expect(new Set(all.map((o) => o.json.pk)).size).toBe(server.state.parts.size);
		expect(server.requests.slice(before).filter((r) => r.path === '/api/part/').length).toBe(
			Math.ceil(server.state.parts.size / 100),
		);
	});

	it('lists parts of a category with or without its sub-categories, and by exact IPN', async () => {
		const plc = [...server.state.categories.values()].find(
			(c) => c.name === 'PLC' && c.parent === null,
		)!;
		const withSubs = (
			await inventree({
				resource: 'part',
				operation: 'getMany',
				returnAll: true,
				category: byId(plc.pk),
			})
		).output('InvenTree');
		const direct = (
			await inventree({
				resource: 'part',
				operation: 'getMany',
				returnAll: true,
				category: byId(plc.pk),
				filters: { cascade: false },
			})
		).output('InvenTree');
		expect(withSubs.length).toBeGreaterThan(0);
		expect(direct).toHaveLength(0);
		const ipn = (
			await inventree({
				resource: 'part',
				operation: 'getMany',
				returnAll: true,
				filters: { ipn: '6es7511-1ak02-0ab0' },
			})
		).output('InvenTree');
		expect(ipn.map((o) => o.json.pk)).toEqual([cpu().pk]);
	});

	it.each([
		['an ID', () => byId(cpu().pk)],
		[
			'a list pick',
			() => ({ __rl: true, mode: 'list', value: String(cpu().pk), cachedResultName: 'CPU' }),
		],
		[
			'a URL of the web UI',
			() => ({ __rl: true, mode: 'url', value: `${server.url}/platform/part/${cpu().pk}/details` }),
		],
	])(
		'gets a part by %s, with parameters and sale price breaks embedded',
		async (_mode, locator) => {
			const out = (
				await inventree({
					resource: 'part',
					operation: 'get',
					part: locator(),
					options: { parameters: true, priceBreaks: true, pathDetail: true },
				})
			).output('InvenTree');
			expect(out).toHaveLength(1);
			const part = out[0].json as IDataObject & {
				parameters: Array<{ data: string }>;
				price_breaks: Array<{ quantity: number }>;
				category_path: Array<{ name: string }>;
			};
			expect(part).toMatchObject({ pk: cpu().pk, IPN: '6ES7511-1AK02-0AB0' });
			expect(part.parameters.map((p) => p.data)).toContain('Siemens');
			expect(part.price_breaks.map((b) => b.quantity)).toEqual([1, 3]);
			expect(part.category_path.map((c) => c.name)).toEqual(['PLC', 'Controllers']);
		},
	);

	it('names the parameter and value of a bad part ID per item with Continue On Fail, and goes on', async () => {
		const out = (
			await inventree(
				{
					resource: 'part',
					operation: 'get',
					part: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				},
				[{ id: 'abc' }, { id: cpu().pk }, { id: 999999 }],
				{ onError: 'continueRegularOutput' },
			)
		).output('InvenTree');
		expect(out).toHaveLength(3);
		expect(out[0].json.error).toMatch(/"Part".*"abc"/);
		expect(out[1].json.pk).toBe(cpu().pk);
		expect(out[2].json.error).toMatch(/InvenTree.*404/);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('fails the run on a bad item without Continue On Fail', async () => {
		const r = await inventree({ resource: 'part', operation: 'get', part: byId(999999) });
		expect(r.error('InvenTree')?.message).toMatch(/404/);
	});

	it('fails clearly, without the token, when the token is wrong', async () => {
		const r = await inventree(
			{ resource: 'part', operation: 'search', query: 'plc' },
			[{}],
			{ onError: 'continueRegularOutput' },
			creds('inv-wrong-token-4242'),
		);
		const err = r.output('InvenTree')[0].json.error as string;
		expect(err).toMatch(/401/);
		expect(JSON.stringify(r.output('InvenTree')[0].json)).not.toContain('inv-wrong-token-4242');
	});
});

describe('InvenTree: stock', () => {
	it('reports the quantity that can be promised and whether it covers the required quantity', async () => {
		const part = cpu();
		part.allocated_to_sales_orders = 5;
		try {
			const out = (
				await inventree(
					{
						resource: 'stock',
						operation: 'getAvailability',
						part: byId(part.pk),
						requiredQuantity: '={{ $json.qty }}',
					},
					[{ qty: 10 }, { qty: 20 }, { qty: 0 }],
				)
			).output('InvenTree');
			expect(out.map((o) => o.json)).toEqual([
				{
					part: part.pk,
					in_stock: 18,
					total_in_stock: 18,
					unallocated_stock: 13,
					available: 13,
					required: 10,
					sufficient: true,
					shortfall: 0,
				},
				{
					part: part.pk,
					in_stock: 18,
					total_in_stock: 18,
					unallocated_stock: 13,
					available: 13,
					required: 20,
					sufficient: false,
					shortfall: 7,
				},
				{ part: part.pk, in_stock: 18, total_in_stock: 18, unallocated_stock: 13, available: 13 },
			]);
		} finally {
			part.allocated_to_sales_orders = 0;
		}
	});

	it('lists the in-stock items of a part with their unallocated quantity', async () => {
		const part = cpu();
		server.state.addStock(part.pk, 4, { allocated: 3 });
		server.state.addStock(part.pk, 9, { inStock: false });
		const out = (
			await inventree({
				resource: 'stock',
				operation: 'getItems',
				part: byId(part.pk),
				returnAll: true,
			})
		).output('InvenTree');
		// StockList's default order: part name, then quantity (stock/api.py).
		expect(out.map((o) => [o.json.quantity, o.json.unallocated])).toEqual([
			[4, 1],
			[18, 18],
		]);
		const req = server.requests.filter((r) => r.path === '/api/stock/').at(-1)!;
		expect(req.query).toMatchObject({
			part: String(part.pk),
			in_stock: 'true',
			part_detail: 'false',
		});
	});
});

describe('InvenTree: pricing', () => {
	it('returns the pricing summary with exact minor units', async () => {
		const out = (
			await inventree({ resource: 'pricing', operation: 'getSummary', part: byId(cpu().pk) })
		).output('InvenTree');
		expect(out[0].json).toMatchObject({
			part: cpu().pk,
			currency: 'EUR',
			overall_min: { amount: '831.730000', minor: 83173, value: '831.73', currency: 'EUR', display: '€831.73' },
			overall_max: { minor: 83173 },
			sale_price_min: null,
		});
	});

	it('returns every sale price break, or the one that applies to a quantity with its line total', async () => {
		const all = (
			await inventree({
				resource: 'pricing',
				operation: 'getSalePriceBreaks',
				part: byId(cpu().pk),
			})
		).output('InvenTree');
		expect(all.map((o) => [o.json.quantity, (o.json.price as { minor: number }).minor])).toEqual([
			[1, 125000],
			[3, 121250],
		]);
		const out = (
			await inventree(
				{
					resource: 'pricing',
					operation: 'getSalePriceBreaks',
					part: byId(cpu().pk),
					quantity: '={{ $json.qty }}',
				},
				[{ qty: 2 }, { qty: 7 }, { qty: 0.5 }],
			)
		).output('InvenTree');
		expect(out.map((o) => o.json)).toEqual([
			{
				part: cpu().pk,
				quantity: 2,
				priceBreak: expect.objectContaining({ quantity: 1 }),
				unitPrice: expect.objectContaining({ minor: 125000 }),
				lineTotal: expect.objectContaining({ minor: 250000, value: '2500.00' }),
			},
			{
				part: cpu().pk,
				quantity: 7,
				priceBreak: expect.objectContaining({ quantity: 3 }),
				unitPrice: expect.objectContaining({ minor: 121250 }),
				lineTotal: expect.objectContaining({ minor: 848750, value: '8487.50' }),
			},
			{ part: cpu().pk, quantity: 0.5, priceBreak: null, unitPrice: null, lineTotal: null },
		]);
	});
});

describe('InvenTree: categories', () => {
	it('lists top-level categories, the children of a parent, and every descendant', async () => {
		const top = (
			await inventree({
				resource: 'category',
				operation: 'getMany',
				returnAll: true,
				filters: { topLevel: true },
			})
		).output('InvenTree');
		expect(top.every((o) => o.json.parent === null)).toBe(true);
		const io = [...server.state.categories.values()].find((c) => c.name === 'I/O Modules')!;
		const children = (
			await inventree({
				resource: 'category',
				operation: 'getMany',
				returnAll: true,
				parent: byId(io.pk),
				filters: { cascade: false },
			})
		).output('InvenTree');
		expect(children.map((o) => o.json.pathstring).sort()).toEqual([
			'I/O Modules/Analog',
			'I/O Modules/Digital',
		]);
	});
});

describe('InvenTree: pickers (methods.listSearch)', () => {
	/** Just enough of ILoadOptionsFunctions: the credential and n8n's authenticated request helper. */
	function loadOptionsContext(token = server.state.token): ILoadOptionsFunctions {
		const ctx = {
			getNode: () => ({
				id: 'inv',
				name: 'InvenTree',
				type: TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			}),
			getCredentials: async () => ({ baseUrl: server.url, apiToken: token }),
			helpers: {
				async httpRequestWithAuthentication(
					_type: string,
					options: {
						url: string;
						method: string;
						qs?: Record<string, unknown>;
						headers?: Record<string, string>;
					},
				) {
					const url = new URL(options.url);
					for (const [k, v] of Object.entries(options.qs ?? {}))
						if (v !== undefined) url.searchParams.set(k, String(v));
					const r = await fetch(url, {
						method: options.method,
						headers: { ...options.headers, Authorization: `Token ${token}` },
					});
					const headers: Record<string, string> = {};
					r.headers.forEach((v, k) => (headers[k] = v));
					return { statusCode: r.status, headers, body: await r.json() };
				},
			},
		};
		return ctx as unknown as ILoadOptionsFunctions;
	}
	const node = new Inventree();

	it('finds parts page by page and continues with the pagination token', async () => {
		const first = (await node.methods.listSearch.searchParts.call(
			loadOptionsContext(),
			'',
		)) as INodeListSearchResult;
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		const second = await node.methods.listSearch.searchParts.call(
			loadOptionsContext(),
			'',
			first.paginationToken,
		);
		expect(second.results[0]).not.toEqual(first.results[0]);
		const plc = await node.methods.listSearch.searchParts.call(loadOptionsContext(), '1511-1');
		expect(plc.results).toEqual([
			{ name: `6ES7511-1AK02-0AB0 | ${cpu().name}`, value: String(cpu().pk) },
		]);
		expect(plc.paginationToken).toBeUndefined();
	});

	it('finds categories by their path', async () => {
		const found = await node.methods.listSearch.searchCategories.call(
			loadOptionsContext(),
			'analog',
		);
		expect(found.results.map((r) => r.name)).toEqual(['I/O Modules/Analog']);
	});

	it('reports a wrong token as a node error without the token', async () => {
		await expect(
			node.methods.listSearch.searchParts.call(loadOptionsContext('inv-bad-5150'), 'x'),
		).rejects.toThrow(/401/);
	});
});
