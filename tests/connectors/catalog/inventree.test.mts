// InvenTree part → canonical catalog item (connectors/catalog/inventree.ts): exact money, the lowest
// break as list price, per-break currency, stock, category path, parameters; and the loader against the
// contract server, which must give back samples/catalog.json exactly after a round trip through InvenTree.
import { readFileSync } from 'node:fs';

import { afterEach, describe, expect, it } from 'vitest';

import { inventreePartToCatalogItem, loadInvenTreeCatalog } from '../../../connectors/catalog';
import type { InvenTreeMappingOptions, StockInput } from '../../../connectors/catalog';
import type { HttpAdapter } from '../../../connectors/http';
import { fetchAdapter } from '../../../connectors/http';
import { InvenTreeClient } from '../../../connectors/inventree';
import type { InvenTreePart, InvenTreeSalePriceBreak } from '../../../connectors/inventree';
import { CatalogSchema, type CatalogItem } from '../../../core/quote/index.ts';
import { startInvenTreeServer } from '../../contract/inventree-server.mts';
import type { InvenTreeServer, InvenTreeServerOptions } from '../../contract/inventree-server.mts';

const SAMPLES = CatalogSchema.parse(JSON.parse(readFileSync(new URL('../../../samples/catalog.json', import.meta.url), 'utf8')));

const PART: InvenTreePart = {
	pk: 12,
	name: 'Safety relay 24 V',
	IPN: 'PNOZ-S4',
	description: 'Safety relay for E-stop and safety gates',
	keywords: 'safety, relay, e-stop',
	category: 4,
	category_path: [
		{ pk: 1, name: 'Safety' },
		{ pk: 4, name: 'Relays' },
	],
	units: '',
	virtual: false,
	in_stock: 40,
	total_in_stock: 40,
	unallocated_stock: 31,
	pricing_max: '104.500000',
	parameters: [
		{ pk: 1, template: 1, data: 'Pilz', template_detail: { pk: 1, name: 'Manufacturer' } },
		{ pk: 2, template: 2, data: '24', data_numeric: 24, template_detail: { pk: 2, name: 'Supply voltage', units: 'V' } },
		{ pk: 3, template: 3, data: '3 NO', template_detail: { pk: 3, name: 'Contacts', units: '' } },
	],
};

let pk = 100;
const brk = (quantity: number, price: string | number | null, currency = 'EUR', part = 12): InvenTreeSalePriceBreak => ({ pk: (pk += 1), part, quantity, price, price_currency: currency });

function map(breaks: InvenTreeSalePriceBreak[], stock: StockInput = undefined, options: InvenTreeMappingOptions = { pricingCurrency: 'EUR' }, part: Partial<InvenTreePart> = {}) {
	const { item, warnings } = inventreePartToCatalogItem({ ...PART, ...part }, breaks, stock, options);
	return { item, codes: warnings.map((w) => w.code), warnings };
}

describe('inventreePartToCatalogItem: the item', () => {
	it('maps every field', () => {
		const { item, codes } = map([brk(1, '189.00'), brk(5, '179.550000'), brk(20, 170.1)]);
		expect(codes).toEqual([]);
		expect(item).toEqual({
			sku: 'PNOZ-S4',
			name: 'Safety relay 24 V',
			description: 'Safety relay for E-stop and safety gates. Supply voltage: 24 V; Contacts: 3 NO',
			category: 'Safety / Relays',
			manufacturer: 'Pilz',
			keywords: ['safety', 'relay', 'e-stop'],
			uom: 'Nos',
			unit_price: 18900,
			currency: 'EUR',
			price_breaks: [
				{ min_qty: 5, unit_price: 17955 },
				{ min_qty: 20, unit_price: 17010 },
			],
			stock: 31,
			cost: 10450,
		});
	});

	const fields = [
		{ name: 'no IPN → INV-<pk>', part: { IPN: '' }, expect: { sku: 'INV-12' } },
		{ name: 'IPN null → INV-<pk>', part: { IPN: null }, expect: { sku: 'INV-12' } },
		{ name: 'units become the uom', part: { units: 'm' }, expect: { uom: 'm' } },
		{ name: 'space-separated keywords, deduplicated, lower case', part: { keywords: 'Relay  SAFETY relay' }, expect: { keywords: ['relay', 'safety'] } },
		{ name: 'no keywords', part: { keywords: null }, expect: { keywords: [] } },
		{ name: 'category from pathstring when no path detail', part: { category_path: undefined, category_detail: { pk: 4, name: 'Relays', pathstring: 'Safety/Relays' } }, expect: { category: 'Safety/Relays' } },
		{ name: 'category name as last resort', part: { category_path: null, category_name: 'Relays' }, expect: { category: 'Relays' } },
		{ name: 'no parameters: description as is', part: { parameters: null }, expect: { description: 'Safety relay for E-stop and safety gates', manufacturer: '' } },
		{ name: 'description ending in a period', part: { description: 'Safety relay.', parameters: [{ pk: 9, template: 2, data: '24V', template_detail: { pk: 2, name: 'Supply voltage', units: 'V' } }] }, expect: { description: 'Safety relay. Supply voltage: 24V' } },
		{ name: 'only parameters', part: { description: '', parameters: [{ pk: 9, template: 2, data: '24', template_detail: { pk: 2, name: 'Supply voltage', units: 'V' } }] }, expect: { description: 'Supply voltage: 24 V' } },
	];
	it.each(fields)('$name', ({ part, expect: expected }) => {
		const { item } = map([brk(1, '189')], undefined, { pricingCurrency: 'EUR' }, part as Partial<InvenTreePart>);
		expect(item).toMatchObject(expected);
	});

	it('parameters given separately (client.partParameters) win over embedded ones', () => {
		const { item } = inventreePartToCatalogItem(PART, [brk(1, '1')], undefined, {
			parameters: [{ pk: 1, part: 12, template: 7, name: 'Brand', units: '', data: 'Pilz', data_numeric: null }],
			manufacturerParameter: 'Brand',
			parametersInDescription: false,
		});
		expect(item).toMatchObject({ manufacturer: 'Pilz', description: 'Safety relay for E-stop and safety gates' });
	});
});

describe('inventreePartToCatalogItem: prices', () => {
	const cases = [
		{ name: 'breaks out of order are sorted; the lowest quantity is the list price', breaks: () => [brk(10, '90'), brk(1, '100'), brk(5, '95')], unit: 10000, volume: [[5, 9500], [10, 9000]], codes: [] },
		{ name: 'a single break at 10 is still the list price', breaks: () => [brk(10, '90')], unit: 9000, volume: [], codes: [] },
		{ name: 'two breaks at one quantity: the lower price stays', breaks: () => [brk(1, '100'), brk(5, '96'), brk(5, '95')], unit: 10000, volume: [[5, 9500]], codes: ['duplicate_break'] },
		{ name: 'a break in USD on a EUR item is dropped', breaks: () => [brk(1, '100'), brk(10, '99', 'USD')], unit: 10000, volume: [], codes: ['currency_mismatch'] },
		{ name: 'a null price is dropped', breaks: () => [brk(1, '100'), brk(10, null)], unit: 10000, volume: [], codes: ['invalid_price'] },
		{ name: 'a zero quantity is dropped', breaks: () => [brk(0, '1'), brk(1, '100')], unit: 10000, volume: [], codes: ['invalid_price'] },
		{ name: 'sub-cent prices are rounded with a warning', breaks: () => [brk(1, '0.0125'), brk(1000, '0.0085')], unit: 1, volume: [[1000, 1]], codes: ['price_rounded', 'price_rounded'] },
		{ name: 'no breaks: unit_price 0, never quoted', breaks: () => [], unit: 0, volume: [], codes: ['no_price'] },
		{ name: 'another part’s break is ignored', breaks: () => [brk(1, '100'), brk(1, '1', 'EUR', 99)], unit: 10000, volume: [], codes: [] },
	];
	it.each(cases)('$name', ({ breaks, unit, volume, codes }) => {
		const { item, codes: got } = map(breaks());
		expect(item?.unit_price).toBe(unit);
		expect(item?.price_breaks.map((b) => [b.min_qty, b.unit_price])).toEqual(volume);
		expect(got).toEqual(codes);
	});

	it('the item currency is the lowest break’s unless one is given; other breaks follow it or go', () => {
		const breaks = [brk(1, '110.00', 'USD'), brk(10, '95.00', 'EUR')];
		expect(map(breaks, undefined, {})).toMatchObject({ item: { currency: 'USD', unit_price: 11000, price_breaks: [] }, codes: ['currency_mismatch', 'cost_dropped'] });
		const forced = map(breaks, undefined, { currency: 'EUR', pricingCurrency: 'EUR' });
		expect(forced.item).toMatchObject({ currency: 'EUR', unit_price: 9500, price_breaks: [] });
		expect(forced.codes).toEqual(['currency_mismatch']);
		const converted = map(breaks, undefined, { currency: 'EUR', pricingCurrency: 'EUR', rates: { base: 'EUR', rates: { USD: '1.1' } } });
		expect(converted.item).toMatchObject({ currency: 'EUR', unit_price: 10000, price_breaks: [{ min_qty: 10, unit_price: 9500 }] });
		expect(converted.codes).toEqual(['converted']);
	});

	it.each([
		{ name: 'pricing summary overall_max', options: { pricing: { overall_min: '80', overall_max: '91.20', currency: 'EUR' } }, cost: 9120, codes: [] },
		{ name: 'Part.pricing_max in the base currency', options: { pricingCurrency: 'EUR' }, cost: 10450, codes: [] },
		{ name: 'cost in another currency without rates', options: { pricingCurrency: 'USD' }, cost: undefined, codes: ['cost_dropped'] },
		{ name: 'cost without a known currency', options: {}, cost: undefined, codes: ['cost_dropped'] },
		{ name: 'empty pricing cache', options: { pricing: { overall_max: null, currency: 'EUR' } }, cost: undefined, codes: [] },
	])('cost: $name', ({ options, cost, codes }) => {
		const got = map([brk(1, '189')], undefined, options);
		expect(got.item?.cost).toBe(cost);
		expect(got.codes).toEqual(codes);
	});

	it('a part with no currency at all is skipped', () => {
		const got = map([], undefined, {});
		expect(got.item).toBeNull();
		expect(got.codes).toEqual(['skipped']);
	});
});

describe('inventreePartToCatalogItem: stock', () => {
	const cases: Array<{ name: string; stock: StockInput; part?: Partial<InvenTreePart>; expected: number | null }> = [
		{ name: 'the part’s unallocated_stock', stock: undefined, expected: 31 },
		{ name: 'over-allocated parts promise 0, not a negative', stock: undefined, part: { unallocated_stock: -4 }, expected: 0 },
		{ name: 'total_in_stock when unallocated is missing', stock: undefined, part: { unallocated_stock: null }, expected: 40 },
		{ name: 'no annotations at all', stock: undefined, part: { unallocated_stock: undefined, total_in_stock: undefined, in_stock: undefined }, expected: 0 },
		{ name: 'a virtual part (service) is not stock-tracked', stock: undefined, part: { virtual: true }, expected: null },
		{ name: 'a PartStock from client.partStock', stock: { part: 12, in_stock: 10, total_in_stock: 10, unallocated_stock: 7 }, expected: 7 },
		{ name: 'a number', stock: 2.5, expected: 2.5 },
		{ name: 'null: not tracked', stock: null, expected: null },
	];
	it.each(cases)('$name → $expected', ({ stock, part, expected }) => {
		expect(map([brk(1, '1')], stock, { pricingCurrency: 'EUR' }, part).item?.stock).toBe(expected);
	});
});

describe('loadInvenTreeCatalog against the contract server', () => {
	let server: InvenTreeServer | undefined;
	afterEach(async () => {
		await server?.stop();
		server = undefined;
	});
	const boot = async (options: InvenTreeServerOptions = {}) => (server = await startInvenTreeServer(options));
	const clientOf = (s: InvenTreeServer, pageSize = 100) => InvenTreeClient.withToken({ baseUrl: s.url, token: s.state.token, pageSize });
	const bySku = (items: CatalogItem[]) => [...items].sort((a, b) => (a.sku < b.sku ? -1 : 1));

	// API 411 (< 412, no inline price breaks; < 534, no pk tiebreak): the 562 sale price breaks of all
	// parts are paged by quantity, where the 212 quantity-1 breaks tie and move between pages (I1).
	// Before the completeness check 6 parts came back as "no usable sale price"; now the short paged
	// read (10 pages) is repaired by one unpaged read.
	it.each([
		{ apiVersion: 534, saleRequests: 0 },
		{ apiVersion: 411, saleRequests: 11 },
	])('API $apiVersion: samples/catalog.json survives the round trip exactly', async ({ apiVersion, saleRequests }) => {
		const s = await boot({ apiVersion });
		const catalog = await loadInvenTreeCatalog(clientOf(s, 60));
		expect(catalog.warnings).toEqual([]);
		expect(bySku(catalog.items)).toEqual(bySku(SAMPLES));
		expect(CatalogSchema.parse(catalog.items)).toHaveLength(SAMPLES.length);
		expect(catalog).toMatchObject({ apiVersion, baseCurrency: 'EUR' });
		expect(catalog.refs['6ES7511-1AK02-0AB0']).toBe(1);
		const partRequests = s.requests.filter((r) => r.path === '/api/part/');
		expect(partRequests.map((r) => r.query.offset)).toEqual(['0', '60', '120', '180']);
		expect(partRequests[0].query).toMatchObject({ active: 'true', salable: 'true', parameters: 'true', path_detail: 'true', limit: '60' });
		expect(partRequests[0].query.price_breaks).toBe(apiVersion >= 412 ? 'true' : undefined);
		const sale = s.requests.filter((r) => r.path === '/api/part/sale-price/');
		expect(sale).toHaveLength(saleRequests);
		if (saleRequests > 0) expect(sale.at(-1)?.query).toEqual({ ordering: 'quantity' });
	});

	it('API 411 with more breaks than one unpaged read may hold: one read per part, every part priced', async () => {
		const s = await boot({ apiVersion: 411, tieSeed: 5 });
		const client = InvenTreeClient.withToken({ baseUrl: s.url, token: s.state.token, pageSize: 60, unpagedReadMax: 100 });
		const catalog = await loadInvenTreeCatalog(client);
		expect(catalog.warnings).toEqual([]);
		expect(bySku(catalog.items)).toEqual(bySku(SAMPLES));
		const perPart = s.requests.filter((r) => r.path === '/api/part/sale-price/' && r.query.part !== undefined);
		expect(perPart).toHaveLength(SAMPLES.length);
	});

	it('API 400: a part list that cannot be read completely fails the load, naming the endpoint', async () => {
		const s = await boot({ apiVersion: 400, seed: 'empty', tieSeed: 2 });
		for (let i = 0; i < 30; i++) s.state.addSalePrice(s.state.addPart({ name: 'Fuse 2 A' }).pk, 1, '1.00');
		const client = InvenTreeClient.withToken({ baseUrl: s.url, token: s.state.token, pageSize: 7, unpagedReadMax: 20 });
		await expect(loadInvenTreeCatalog(client)).rejects.toMatchObject({ code: 'INCOMPLETE_LIST', details: { path: '/api/part/' } });
	});

	it('categoryIds include sub-categories; limit caps the total; a part in two requested trees comes once', async () => {
		const s = await boot();
		const io = [...s.state.categories.values()].find((c) => c.name === 'I/O Modules' && c.parent === null);
		const digital = [...s.state.categories.values()].find((c) => c.name === 'Digital' && c.parent === io?.pk);
		const all = await loadInvenTreeCatalog(clientOf(s), { categoryIds: [io?.pk as number, digital?.pk as number] });
		const expected = SAMPLES.filter((i) => i.category.startsWith('I/O Modules / '));
		expect(all.items.map((i) => i.sku).sort()).toEqual(expected.map((i) => i.sku).sort());
		const capped = await loadInvenTreeCatalog(clientOf(s), { categoryIds: [io?.pk as number], limit: 3 });
		expect(capped.items).toHaveLength(3);
	});

	it('inactive and non-salable parts stay out unless asked for', async () => {
		const s = await boot({ seed: 'small' });
		s.state.addPart({ name: 'Old PLC', IPN: 'OLD', active: false });
		s.state.addPart({ name: 'Internal jig', IPN: 'JIG', salable: false });
		for (const p of [5, 6]) s.state.addSalePrice(p, 1, '10');
		expect((await loadInvenTreeCatalog(clientOf(s))).items.map((i) => i.sku)).toEqual(['PLC-1511', 'IO-DI16', 'CAB-ETH-CAT6', 'SRV-COMM']);
		const everything = await loadInvenTreeCatalog(clientOf(s), { activeOnly: false, salableOnly: false });
		expect(everything.items.map((i) => i.sku)).toContain('OLD');
		expect(everything.items.map((i) => i.sku)).toContain('JIG');
	});

	it('a catalog currency with convert uses the server’s rates; without convert other-currency breaks are dropped', async () => {
		const s = await boot({ seed: 'small', rates: { EUR: 1, USD: 1.25 } });
		const part = s.state.addPart({ name: 'US relay', IPN: 'US-1' });
		s.state.addSalePrice(part.pk, 1, '125.00', 'USD');
		s.state.addSalePrice(part.pk, 10, '100.00', 'EUR');
		const dropped = await loadInvenTreeCatalog(clientOf(s), { currency: 'EUR' });
		expect(dropped.items.find((i) => i.sku === 'US-1')).toMatchObject({ unit_price: 10000, price_breaks: [] });
		expect(dropped.warnings.map((w) => [w.ref, w.code])).toEqual([[String(part.pk), 'currency_mismatch']]);
		const converted = await loadInvenTreeCatalog(clientOf(s), { currency: 'EUR', convert: true });
		expect(converted.items.find((i) => i.sku === 'US-1')).toMatchObject({ unit_price: 10000, price_breaks: [{ min_qty: 10, unit_price: 10000 }] });
		expect(converted.warnings.map((w) => w.code)).toEqual(['converted']);
	});

	it('a duplicate IPN keeps the first part and warns about the second', async () => {
		const s = await boot({ seed: 'small' });
		const twin = s.state.addPart({ name: 'Twin', IPN: 'PLC-1511' });
		s.state.addSalePrice(twin.pk, 1, '1');
		const catalog = await loadInvenTreeCatalog(clientOf(s));
		expect(catalog.items.filter((i) => i.sku === 'PLC-1511')).toHaveLength(1);
		expect(catalog.refs['PLC-1511']).toBe(1);
		expect(catalog.warnings).toEqual([expect.objectContaining({ code: 'duplicate_sku', ref: String(twin.pk) })]);
	});

	it('pricingSummary reads each part’s pricing for the cost', async () => {
		const s = await boot({ seed: 'small' });
		s.state.parts.get(2)!.pricing = { overall_min: '150.00', overall_max: '160.00' };
		const catalog = await loadInvenTreeCatalog(clientOf(s), { pricingSummary: true });
		expect(catalog.items.map((i) => [i.sku, i.cost])).toEqual([
			['PLC-1511', 83173],
			['IO-DI16', 16000],
			['CAB-ETH-CAT6', undefined],
			['SRV-COMM', undefined],
		]);
		expect(s.requests.filter((r) => r.path.endsWith('/pricing/'))).toHaveLength(4);
	});

	it('without permission for exchange rates the catalog still loads, costs dropped with a warning', async () => {
		const s = await boot({ seed: 'small' });
		const inner = fetchAdapter({ headers: () => ({ Authorization: `Token ${s.state.token}` }) });
		const adapter: HttpAdapter = {
			send: async (request) =>
				request.url.includes('/api/currency/exchange/')
					? { status: 403, headers: { 'content-type': 'application/json' }, body: { detail: 'You do not have permission to perform this action.' } }
					: await inner.send(request),
		};
		const catalog = await loadInvenTreeCatalog(new InvenTreeClient({ baseUrl: s.url, adapter }));
		expect(catalog.items).toHaveLength(4);
		expect(catalog.baseCurrency).toBeUndefined();
		expect(catalog.warnings.map((w) => [w.ref, w.code])).toEqual([['1', 'cost_dropped']]);
	});

	it('a wrong token fails the load instead of returning an empty catalog', async () => {
		const s = await boot({ seed: 'small' });
		const client = InvenTreeClient.withToken({ baseUrl: s.url, token: 'inv-wrong-token-000', apiVersion: 534 });
		await expect(loadInvenTreeCatalog(client)).rejects.toMatchObject({ name: 'InvenTreeError', status: 401 });
	});
});
