// The ERPNext contract server's list field picking (E5) and Quotation insert (E6, E7), pinned against the
// behaviours its comments cite: the list API drops child tables and fields the doctype does not have;
// a Quotation's Links are validated (opt-in), its price list defaulted, its foreign currency needs an
// exchange rate, Pricing Rules apply unless ignored, and totals are computed as ERPNext does.
import { afterEach, describe, expect, it } from 'vitest';

import { startErpNextServer, type ErpNextServer, type ErpNextServerOptions } from './erpnext-server.mts';

let server: ErpNextServer | undefined;
const AUTH = { Authorization: 'token test-api-key:test-api-secret', Accept: 'application/json' };

async function start(options: ErpNextServerOptions = {}): Promise<ErpNextServer> {
	server = await startErpNextServer(options);
	return server;
}
afterEach(async () => {
	await server?.stop();
	server = undefined;
});

async function list(s: ErpNextServer, doctype: string, fields: string[]): Promise<Array<Record<string, unknown>>> {
	const r = await fetch(`${s.url}/api/resource/${encodeURIComponent(doctype)}?fields=${encodeURIComponent(JSON.stringify(fields))}`, { headers: AUTH });
	expect(r.status).toBe(200);
	return ((await r.json()) as { data: Array<Record<string, unknown>> }).data;
}

async function insertQuotation(s: ErpNextServer, doc: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
	const r = await fetch(`${s.url}/api/resource/Quotation`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
	return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const message = (body: Record<string, unknown>) => (JSON.parse(JSON.parse(String(body._server_messages))[0]) as { message: string }).message;

const LEAD = { lead_name: 'Ana Ruiz', company_name: 'Aceros Norte', notes: [{ note: '<p>Need 3 drives</p>' }] };
const QUOTATION = {
	quotation_to: 'Lead',
	party_name: 'CRM-LEAD-2026-00001',
	company: 'Demo GmbH',
	transaction_date: '2026-11-02',
	currency: 'EUR',
	items: [
		{ item_code: 'DRIVE-7', qty: 3, uom: 'Nos', price_list_rate: '1000.00', discount_percentage: 5, rate: '950.00' },
		{ item_code: 'CABLE-M', qty: 2.5, uom: 'Meter', price_list_rate: '3.99', discount_percentage: 0, rate: 0 },
	],
};

describe('list API field picking (E5)', () => {
	it.each([
		['v15', { source: 'Website' }, ['source'], ['utm_source']],
		['v16', { utm_source: 'Website' }, ['utm_source'], ['source']],
	] as const)('answers only value columns of a %s Lead: no notes, no field the layout lacks', async (layout, fields, present, absent) => {
		const s = await start({ leadLayout: layout });
		s.state.seed('Lead', [{ ...LEAD, ...fields }]);
		const [row] = await list(s, 'Lead', ['name', 'lead_name', 'notes', 'source', 'utm_source']);
		expect(Object.keys(row).sort()).toEqual(['lead_name', 'name', ...present].sort());
		expect(absent.every((f) => !(f in row))).toBe(true);
	});

	it('drops table fields of any doctype, also from "*"', async () => {
		const s = await start();
		s.state.seed('Quotation', [{ party_name: 'X', items: [{ item_code: 'A' }] }]);
		const [row] = await list(s, 'Quotation', ['name', 'items']);
		expect(row).toEqual({ name: expect.any(String) });
		const [all] = await list(s, 'Quotation', ['*']);
		expect('items' in all).toBe(false);
		expect(all.party_name).toBe('X');
	});
});

describe('Quotation insert (E6, E7)', () => {
	const site = async (options: ErpNextServerOptions = {}) => {
		const s = await start({ validateLinks: true, ...options });
		s.state.seed('Company', [{ name: 'Demo GmbH', default_currency: 'EUR' }]);
		s.state.seed('Lead', [{ name: 'CRM-LEAD-2026-00001', lead_name: 'Ana Ruiz' }]);
		s.state.seed('Item', [
			{ item_code: 'DRIVE-7', stock_uom: 'Nos' },
			{ item_code: 'CABLE-M', stock_uom: 'Meter' },
		]);
		return s;
	};

	it('refuses unknown Items and UOMs with one LinkValidationError naming every row', async () => {
		const s = await site();
		const r = await insertQuotation(s, { ...QUOTATION, items: [{ ...QUOTATION.items[0], item_code: 'INV-12' }, { ...QUOTATION.items[1], uom: 'm' }] });
		expect(r.status).toBe(417);
		expect(r.body.exc_type).toBe('LinkValidationError');
		expect(message(r.body)).toBe('Could not find Row #1: Item Code: INV-12, Row #2: UOM: m');
	});

	it('keeps a non-zero rate, derives a zero one from price list rate and discount, and totals in minor units', async () => {
		const s = await site();
		const r = await insertQuotation(s, QUOTATION);
		expect(r.status).toBe(200);
		const doc = r.body.data as Record<string, unknown> & { items: Array<Record<string, unknown>> };
		expect(doc.items.map((i) => [i.rate, i.amount])).toEqual([
			[950, 2850],
			[3.99, 9.98],
		]);
		expect(doc).toMatchObject({ net_total: 2859.98, grand_total: 2859.98, base_net_total: 2859.98, conversion_rate: 1, selling_price_list: 'Standard Selling', price_list_currency: 'EUR' });
	});

	it('applies a selling Pricing Rule unless ignore_pricing_rule is set', async () => {
		const s = await site();
		s.state.seed('Pricing Rule', [{ name: 'PRLE-1', apply_on: 'Item Code', items: [{ item_code: 'DRIVE-7' }], selling: 1, rate_or_discount: 'Discount Percentage', discount_percentage: 10, min_qty: 2 }]);
		const applied = (await insertQuotation(s, QUOTATION)).body.data as { items: Array<Record<string, unknown>>; net_total: number };
		expect(applied.items[0]).toMatchObject({ discount_percentage: 10, rate: 900, pricing_rules: 'PRLE-1' });
		expect(applied.net_total).toBe(2709.98);
		const ignored = (await insertQuotation(s, { ...QUOTATION, ignore_pricing_rule: 1 })).body.data as { net_total: number };
		expect(ignored.net_total).toBe(2859.98);
	});

	it('needs an exchange rate for a foreign currency: sent, or the newest Currency Exchange on or before the date', async () => {
		const s = await site();
		const none = await insertQuotation(s, { ...QUOTATION, currency: 'USD' });
		expect(none.status).toBe(417);
		expect(message(none.body)).toBe('Exchange Rate is mandatory. Maybe Currency Exchange record is not created for USD to EUR.');
		s.state.seed('Currency Exchange', [
			{ from_currency: 'USD', to_currency: 'EUR', exchange_rate: 0.9, date: '2026-10-01', for_selling: 1 },
			{ from_currency: 'USD', to_currency: 'EUR', exchange_rate: 0.92, date: '2026-11-01', for_selling: 1 },
			{ from_currency: 'USD', to_currency: 'EUR', exchange_rate: 0.95, date: '2026-12-01', for_selling: 1 },
		]);
		const found = (await insertQuotation(s, { ...QUOTATION, currency: 'USD' })).body.data as Record<string, unknown>;
		expect(found).toMatchObject({ conversion_rate: 0.92, base_net_total: 2631.18 });
		const sent = (await insertQuotation(s, { ...QUOTATION, currency: 'USD', conversion_rate: 0.5 })).body.data as Record<string, unknown>;
		expect(sent.conversion_rate).toBe(0.5);
	});

	it('fails MandatoryError without a price list on a site with no Selling Settings default', async () => {
		const s = await site({ sellingPriceList: '' });
		const r = await insertQuotation(s, QUOTATION);
		expect(r.status).toBe(417);
		expect(r.body.exc_type).toBe('MandatoryError');
		expect(message(r.body)).toBe('Error: Value missing for Quotation: Price List');
		expect((await insertQuotation(s, { ...QUOTATION, selling_price_list: 'Standard Selling' })).status).toBe(200);
	});
});
