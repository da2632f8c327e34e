// ERPNext Item + Item Price → canonical catalog item, the catalog loader and the past-quote loader,
// against the ERPNext contract server (tests/contract/erpnext-server.mts), seeded through its state.
// The server has no Bin doctype, so Bin reads are answered by a wrapping adapter in this file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { erpnextItemToCatalogItem, erpnextQuotationToPastQuote, loadErpNextCatalog, loadErpNextPastQuotes } from '../../../connectors/catalog';
import type { ErpNextItemPriceRow, ErpNextItemRow, ErpNextMappingOptions } from '../../../connectors/catalog';
import { ErpNextClient } from '../../../connectors/erpnext';
import { fetchAdapter } from '../../../connectors/http';
import type { HttpAdapter } from '../../../connectors/http';
import { PastQuoteSchema } from '../../../core/quote/index.ts';
import { startErpNextServer } from '../../contract/erpnext-server.mts';
import type { ErpNextServer } from '../../contract/erpnext-server.mts';

const ITEM: ErpNextItemRow = {
	item_code: 'VFD-G120C-2.2',
	item_name: 'SINAMICS G120C 2.2 kW',
	item_group: 'Drives',
	stock_uom: 'Nos',
	description: '<div><p>Compact frequency inverter, <strong>2.2 kW</strong>, 3AC 400 V &amp; PROFINET</p></div>',
	brand: 'Siemens',
	is_stock_item: 1,
	is_sales_item: 1,
	disabled: 0,
	valuation_rate: 512.4,
	last_purchase_rate: 530,
};

const price = (extra: Partial<ErpNextItemPriceRow>): ErpNextItemPriceRow => ({
	name: 'IP-1',
	item_code: ITEM.item_code,
	price_list: 'Standard Selling',
	price_list_rate: 780,
	currency: 'EUR',
	uom: 'Nos',
	valid_from: null,
	valid_upto: null,
	customer: null,
	selling: 1,
	...extra,
});

function map(prices: ErpNextItemPriceRow[], options: ErpNextMappingOptions = {}, item: Partial<ErpNextItemRow> = {}) {
	const { item: mapped, warnings } = erpnextItemToCatalogItem({ ...ITEM, ...item }, prices, options);
	return { item: mapped, codes: warnings.map((w) => w.code) };
}

describe('erpnextItemToCatalogItem', () => {
	it('maps every field', () => {
		expect(map([price({})], { stock: 6 })).toEqual({
			item: {
				sku: 'VFD-G120C-2.2',
				name: 'SINAMICS G120C 2.2 kW',
				description: 'Compact frequency inverter, 2.2 kW, 3AC 400 V & PROFINET',
				category: 'Drives',
				manufacturer: 'Siemens',
				keywords: [],
				uom: 'Nos',
				unit_price: 78000,
				currency: 'EUR',
				price_breaks: [],
				stock: 6,
				cost: 51240,
			},
			codes: [],
		});
	});

	const choice = [
		{ name: 'a customer-specific price is not the list price', prices: [price({ name: 'A', customer: 'ACME', price_list_rate: 700 }), price({ name: 'B' })], options: {}, unit: 78000, codes: [] },
		{ name: 'an expired price is skipped on `today`', prices: [price({ name: 'A', price_list_rate: 750, valid_upto: '2026-06-30' }), price({ name: 'B', valid_from: '2026-07-01' })], options: { today: '2026-11-03' }, unit: 78000, codes: [] },
		{ name: 'a future price is skipped on `today`', prices: [price({ name: 'A', valid_from: '2027-01-01', price_list_rate: 820 }), price({ name: 'B' })], options: { today: '2026-11-03' }, unit: 78000, codes: [] },
		{ name: 'without `today` the newest valid_from wins', prices: [price({ name: 'A', valid_from: '2025-01-01', price_list_rate: 700 }), price({ name: 'B', valid_from: '2026-01-01' })], options: {}, unit: 78000, codes: [] },
		{ name: 'a price per Box is not a unit price', prices: [price({ name: 'BOX', uom: 'Box', price_list_rate: 7000 }), price({ name: 'B' })], options: {}, unit: 78000, codes: ['uom_mismatch'] },
		{ name: 'a price without UOM counts as the stock UOM', prices: [price({ uom: null })], options: {}, unit: 78000, codes: [] },
		{ name: 'the catalog currency is preferred among several', prices: [price({ name: 'USD', currency: 'USD', price_list_rate: 850 }), price({ name: 'EUR' })], options: { currency: 'EUR' }, unit: 78000, codes: [] },
		{ name: 'only another currency: dropped without rates', prices: [price({ currency: 'USD', price_list_rate: 850 })], options: { currency: 'EUR' }, unit: 0, codes: ['currency_mismatch', 'no_price'] },
		{ name: 'only another currency: converted with rates', prices: [price({ currency: 'USD', price_list_rate: 850 })], options: { currency: 'EUR', rates: { base: 'EUR', rates: { USD: '1.0625' } } }, unit: 80000, codes: ['converted'] },
		{ name: 'a rate string from Frappe', prices: [price({ price_list_rate: '780.000000000' })], options: {}, unit: 78000, codes: [] },
	];
	it.each(choice)('$name', ({ prices, options, unit, codes }) => {
		const got = map(prices, options);
		expect(got.item?.unit_price).toBe(unit);
		expect(got.codes).toEqual(codes);
	});

	it('no price and no catalog currency: skipped; with a catalog currency: kept at 0', () => {
		expect(map([])).toEqual({ item: null, codes: ['skipped'] });
		expect(map([], { currency: 'EUR' })).toMatchObject({ item: { unit_price: 0, currency: 'EUR' }, codes: ['no_price'] });
	});

	it.each([
		{ name: 'valuation rate first', item: {}, options: {}, cost: 51240, codes: [] },
		{ name: 'last purchase rate when there is no valuation', item: { valuation_rate: 0 }, options: {}, cost: 53000, codes: [] },
		{ name: 'no cost at all', item: { valuation_rate: null, last_purchase_rate: 0 }, options: {}, cost: undefined, codes: [] },
		{ name: 'company currency differs, no rate', item: {}, options: { costCurrency: 'CHF' }, cost: undefined, codes: ['cost_dropped'] },
	])('cost: $name', ({ item, options, cost, codes }) => {
		const got = map([price({})], options, item);
		expect(got.item?.cost).toBe(cost);
		expect(got.codes).toEqual(codes);
	});

	it.each([
		{ name: 'a service (not a stock item) is not tracked', item: { is_stock_item: 0 }, stock: 5, expected: null },
		{ name: 'unknown stock is not checked', item: {}, stock: undefined, expected: null },
		{ name: 'negative availability promises 0', item: {}, stock: -3, expected: 0 },
	])('stock: $name', ({ item, stock, expected }) => {
		expect(map([price({})], { stock }, item).item?.stock).toBe(expected);
	});

	it('item_name falls back to item_code; an empty stock UOM to Nos', () => {
		expect(map([price({ uom: null })], {}, { item_name: '', stock_uom: null }).item).toMatchObject({ name: 'VFD-G120C-2.2', uom: 'Nos' });
	});
});

describe('loaders against the ERPNext contract server', () => {
	const API_KEY = 'erp-key-1234';
	const API_SECRET = 'erp-secret-5678';
	let server: ErpNextServer;
	const client = (adapter?: HttpAdapter) =>
		adapter
			? new ErpNextClient({ baseUrl: server.url, adapter, secrets: [API_KEY, API_SECRET] })
			: ErpNextClient.withToken({ baseUrl: server.url, apiKey: API_KEY, apiSecret: API_SECRET });

	beforeEach(async () => {
		server = await startErpNextServer({ apiKey: API_KEY, apiSecret: API_SECRET });
	});
	afterEach(async () => {
		await server.stop();
	});

	function seedCatalog() {
		server.state.seed('Item', [
			{ item_code: 'PLC-1511', item_name: 'Compact PLC CPU 1511', item_group: 'PLC', stock_uom: 'Nos', description: '<p>PLC CPU</p>', brand: 'Siemens', is_stock_item: 1, is_sales_item: 1, disabled: 0, valuation_rate: 831.73 },
			{ item_code: 'CAB-CAT6', item_name: 'Ethernet cable CAT6', item_group: 'Cables', stock_uom: 'Meter', description: 'per meter', is_stock_item: 1, is_sales_item: 1, disabled: 0 },
			{ item_code: 'SRV-COMM', item_name: 'Commissioning, per day', item_group: 'Services', stock_uom: 'Day', is_stock_item: 0, is_sales_item: 1, disabled: 0 },
			{ item_code: 'OLD-PLC', item_name: 'Discontinued PLC', item_group: 'PLC', stock_uom: 'Nos', is_stock_item: 1, is_sales_item: 1, disabled: 1 },
			{ item_code: 'RAW-STEEL', item_name: 'Steel sheet', item_group: 'Raw Material', stock_uom: 'Kg', is_stock_item: 1, is_sales_item: 0, disabled: 0 },
			{ item_code: 'NO-PRICE', item_name: 'Unpriced part', item_group: 'PLC', stock_uom: 'Nos', is_stock_item: 1, is_sales_item: 1, disabled: 0 },
		]);
		server.state.seed('Item Price', [
			{ item_code: 'PLC-1511', price_list: 'Standard Selling', price_list_rate: 1250, currency: 'EUR', uom: 'Nos', selling: 1 },
			{ item_code: 'PLC-1511', price_list: 'Standard Buying', price_list_rate: 900, currency: 'EUR', uom: 'Nos', selling: 0, buying: 1 },
			{ item_code: 'PLC-1511', price_list: 'Standard Selling', price_list_rate: 1100, currency: 'EUR', uom: 'Nos', selling: 1, customer: 'ACME GmbH' },
			{ item_code: 'CAB-CAT6', price_list: 'Standard Selling', price_list_rate: 3.95, currency: 'EUR', uom: 'Meter', selling: 1 },
			{ item_code: 'CAB-CAT6', price_list: 'Standard Selling', price_list_rate: 3.5, currency: 'EUR', uom: 'Meter', selling: 1, valid_upto: '2025-12-31' },
			{ item_code: 'SRV-COMM', price_list: 'Standard Selling', price_list_rate: 980, currency: 'EUR', uom: 'Day', selling: 1 },
			{ item_code: 'SRV-COMM', price_list: 'Export USD', price_list_rate: 1100, currency: 'USD', uom: 'Day', selling: 1 },
		]);
	}

	it('loads sales items that are not disabled, with the selling price list’s prices', async () => {
		seedCatalog();
		const catalog = await loadErpNextCatalog(client(), { priceList: 'Standard Selling', today: '2026-11-03', currency: 'EUR', pageSize: 2 });
		expect(catalog.items.map((i) => [i.sku, i.unit_price, i.currency, i.uom, i.stock, i.cost])).toEqual([
			['PLC-1511', 125000, 'EUR', 'Nos', null, 83173],
			['CAB-CAT6', 395, 'EUR', 'Meter', null, undefined],
			['SRV-COMM', 98000, 'EUR', 'Day', null, undefined],
			['NO-PRICE', 0, 'EUR', 'Nos', null, undefined],
		]);
		expect(catalog.items[0]).toMatchObject({ description: 'PLC CPU', category: 'PLC', manufacturer: 'Siemens' });
		expect(catalog.refs).toEqual({ 'PLC-1511': 'PLC-1511', 'CAB-CAT6': 'CAB-CAT6', 'SRV-COMM': 'SRV-COMM', 'NO-PRICE': 'NO-PRICE' });
		expect(catalog.warnings.map((w) => [w.ref, w.code])).toEqual([['NO-PRICE', 'no_price']]);

		const itemRequests = server.requests.filter((r) => r.path === '/api/resource/Item');
		expect(JSON.parse(itemRequests[0].query.filters)).toEqual([
			['is_sales_item', '=', 1],
			['disabled', '=', 0],
		]);
		expect(itemRequests.map((r) => r.query.limit_start)).toEqual(['0', '2', '4']);
		const priceRequests = server.requests.filter((r) => r.path === '/api/resource/Item Price');
		expect(JSON.parse(priceRequests[0].query.filters)).toEqual([
			['price_list', '=', 'Standard Selling'],
			['selling', '=', 1],
		]);
	});

	it('itemGroup narrows the items; one group is =, several are in', async () => {
		seedCatalog();
		const one = await loadErpNextCatalog(client(), { priceList: 'Standard Selling', itemGroup: 'Cables', today: null });
		expect(one.items.map((i) => i.sku)).toEqual(['CAB-CAT6']);
		// today: null → validity not checked, so the newest valid_from (both null) → first seeded price
		expect(one.items[0].unit_price).toBe(395);
		const several = await loadErpNextCatalog(client(), { priceList: 'Standard Selling', itemGroup: ['Cables', 'Services'], today: '2026-11-03' });
		expect(several.items.map((i) => i.sku)).toEqual(['CAB-CAT6', 'SRV-COMM']);
		const filters = server.requests.filter((r) => r.path === '/api/resource/Item').map((r) => JSON.parse(r.query.filters).at(-1));
		expect(filters).toEqual([
			['item_group', '=', 'Cables'],
			['item_group', 'in', ['Cables', 'Services']],
		]);
	});

	it('stock from Bins: actual_qty − reserved_qty summed over the chosen warehouses', async () => {
		seedCatalog();
		const bins = [
			{ name: 'b1', item_code: 'PLC-1511', warehouse: 'Stores - LC', actual_qty: 20, reserved_qty: 4 },
			{ name: 'b2', item_code: 'PLC-1511', warehouse: 'Transit - LC', actual_qty: 5, reserved_qty: 0 },
			{ name: 'b3', item_code: 'CAB-CAT6', warehouse: 'Stores - LC', actual_qty: 300, reserved_qty: 320 },
		];
		const inner = fetchAdapter({ headers: () => ({ Authorization: `token ${API_KEY}:${API_SECRET}` }) });
		const binQueries: Array<Record<string, unknown>> = [];
		const adapter: HttpAdapter = {
			async send(request) {
				if (!decodeURIComponent(request.url).endsWith('/api/resource/Bin')) return await inner.send(request);
				binQueries.push(request.qs ?? {});
				const filters = JSON.parse(String(request.qs?.filters ?? '[]')) as Array<[string, string, string[]]>;
				const allowed = filters.find((f) => f[0] === 'warehouse')?.[2];
				const rows = bins.filter((b) => !allowed || allowed.includes(b.warehouse));
				const start = Number(request.qs?.limit_start ?? 0);
				return { status: 200, headers: { 'content-type': 'application/json' }, body: { data: rows.slice(start, start + Number(request.qs?.limit_page_length)) } };
			},
		};
		const all = await loadErpNextCatalog(client(adapter), { priceList: 'Standard Selling', stock: 'bins', today: '2026-11-03' });
		expect(all.items.map((i) => [i.sku, i.stock])).toEqual([
			['PLC-1511', 21],
			['CAB-CAT6', 0],
			['SRV-COMM', null],
		]);
		// Without a catalog currency an unpriced item has no currency at all: skipped.
		expect(all.warnings.map((w) => [w.ref, w.code])).toEqual([['NO-PRICE', 'skipped']]);
		const stores = await loadErpNextCatalog(client(adapter), { priceList: 'Standard Selling', stock: 'bins', warehouses: ['Stores - LC'], today: '2026-11-03' });
		expect(stores.items[0].stock).toBe(16);
		expect(JSON.parse(String(binQueries[1].filters))).toEqual([['warehouse', 'in', ['Stores - LC']]]);
	});

	it('an empty price list name is refused before any request', async () => {
		await expect(loadErpNextCatalog(client(), { priceList: ' ' })).rejects.toThrow(RangeError);
		expect(server.requests).toHaveLength(0);
	});

	describe('past quotes', () => {
		function seedQuotes() {
			server.state.seed('Quotation', [
				{
					status: 'Ordered',
					docstatus: 1,
					transaction_date: '2026-03-02',
					customer_name: 'Nordwerk GmbH',
					party_name: 'CUST-0001',
					currency: 'EUR',
					custom_ltc_request: '<p>Need 2 PLCs and 100 m CAT6 for line 3</p>',
					items: [
						{ item_code: 'PLC-1511', item_name: 'Compact PLC CPU 1511', qty: 1 },
						{ item_code: 'PLC-1511', item_name: 'Compact PLC CPU 1511', qty: 1 },
						{ item_code: 'CAB-CAT6', item_name: 'Ethernet cable CAT6', qty: 100 },
						{ item_code: 'PLC-1513', item_name: 'PLC CPU 1513', qty: 2, is_alternative: 1 },
					],
				},
				{
					status: 'Lost',
					docstatus: 1,
					transaction_date: '2026-05-14',
					party_name: 'CRM-LEAD-2026-00007',
					currency: 'EUR',
					items: [{ item_code: 'SRV-COMM', item_name: 'Commissioning, per day', qty: 3 }],
				},
				{ status: 'Open', docstatus: 1, transaction_date: '2026-06-01', currency: 'EUR', items: [{ item_code: 'PLC-1511', qty: 1 }] },
				{ status: 'Draft', docstatus: 0, transaction_date: '2026-06-02', currency: 'EUR', items: [{ item_code: 'PLC-1511', qty: 1 }] },
				{ status: 'Partially Ordered', docstatus: 1, transaction_date: '2025-12-20', currency: 'EUR', items: [{ item_code: 'CAB-CAT6', item_name: 'Ethernet cable CAT6', qty: 50 }] },
				{ status: 'Ordered', docstatus: 1, transaction_date: '2026-07-01', currency: 'EUR', items: [] },
			]);
		}

		it('loads won and lost quotations with their lines, mapped into core/quote’s PastQuote', async () => {
			seedQuotes();
			const { quotes, warnings } = await loadErpNextPastQuotes(client(), { requestField: 'custom_ltc_request' });
			expect(quotes).toEqual([
				{
					id: 'SAL-QTN-2026-00001',
					outcome: 'won',
					date: '2026-03-02',
					customer: 'Nordwerk GmbH',
					request: 'Need 2 PLCs and 100 m CAT6 for line 3',
					currency: 'EUR',
					lines: [
						{ sku: 'PLC-1511', qty: 2 },
						{ sku: 'CAB-CAT6', qty: 100 },
					],
				},
				{
					id: 'SAL-QTN-2026-00002',
					outcome: 'lost',
					date: '2026-05-14',
					customer: 'CRM-LEAD-2026-00007',
					request: 'Commissioning, per day',
					currency: 'EUR',
					lines: [{ sku: 'SRV-COMM', qty: 3 }],
				},
				{
					id: 'SAL-QTN-2026-00005',
					outcome: 'won',
					date: '2025-12-20',
					request: 'Ethernet cable CAT6',
					currency: 'EUR',
					lines: [{ sku: 'CAB-CAT6', qty: 50 }],
				},
			]);
			for (const q of quotes) expect(PastQuoteSchema.parse(q)).toEqual(q);
			expect(warnings.map((w) => [w.ref, w.code])).toEqual([['SAL-QTN-2026-00006', 'skipped']]);
			const list = server.requests.find((r) => r.path === '/api/resource/Quotation');
			expect(JSON.parse(list?.query.filters ?? '')).toEqual([
				['docstatus', '=', 1],
				['status', 'in', ['Ordered', 'Partially Ordered', 'Lost']],
			]);
			expect(server.requests.filter((r) => r.path.startsWith('/api/resource/Quotation/'))).toHaveLength(4);
		});

		it('since filters on transaction_date; limit caps the count', async () => {
			seedQuotes();
			const since = await loadErpNextPastQuotes(client(), { since: '2026-01-01' });
			expect(since.quotes.map((q) => q.id)).toEqual(['SAL-QTN-2026-00001', 'SAL-QTN-2026-00002']);
			expect(since.quotes[0].request).toBe('Compact PLC CPU 1511, Ethernet cable CAT6');
			const limited = await loadErpNextPastQuotes(client(), { limit: 1 });
			expect(limited.quotes).toHaveLength(1);
			await expect(loadErpNextPastQuotes(client(), { since: '03/01/2026' })).rejects.toThrow(RangeError);
		});
	});
});

describe('erpnextQuotationToPastQuote', () => {
	it.each([
		{ status: 'Ordered', outcome: 'won' },
		{ status: 'Partially Ordered', outcome: 'won' },
		{ status: 'Lost', outcome: 'lost' },
		{ status: 'Expired', outcome: null },
		{ status: 'Cancelled', outcome: null },
		{ status: 'Open', outcome: null },
	])('$status → $outcome', ({ status, outcome }) => {
		const { quote } = erpnextQuotationToPastQuote({ name: 'Q1', status, transaction_date: '2026-01-01', items: [{ item_code: 'A', qty: 1 }] });
		expect(quote?.outcome ?? null).toBe(outcome);
	});

	it('drops lines without item_code or with a non-positive qty; an odd currency is left out', () => {
		const { quote } = erpnextQuotationToPastQuote({
			name: 'Q2',
			status: 'Ordered',
			transaction_date: '2026-01-01',
			currency: 'euro',
			items: [{ item_code: '', qty: 1 }, { item_code: 'A', qty: 0 }, { item_code: 'B', qty: '2.5' }],
		});
		expect(quote).toEqual({ id: 'Q2', outcome: 'won', date: '2026-01-01', request: '', lines: [{ sku: 'B', qty: 2.5 }] });
	});
});
