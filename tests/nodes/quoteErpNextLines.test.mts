// The Quote Generator's ERPNext Quotation against a contract server that behaves like ERPNext on insert
// (E6, E7 of issue 13): Link validation of every line's Item and UOM, the Selling Settings price list,
// exchange rates for a foreign currency and Pricing Rules that change the net total. Before a Quotation
// is inserted every line is resolved (SKU → Item Code, catalog unit → UOM) and checked against ERPNext in
// one Item and one UOM request; what cannot be resolved sends the quote to review with a reason naming
// the line, and no insert ends in a 417.
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import { DEMO_COMPANY, NODE_NAME, SAMPLE_CATALOG, csvRow, mirrorCatalog, runQuote, sampleRequest, seedLeads, type Credentials, type QuoteJson } from './support/quoteFixtures.mts';

interface ErpOut {
	quotation: string | null;
	created: boolean;
	submitted?: boolean;
	docstatus?: number;
	skipped?: string;
	unresolved?: Array<{ line: number; sku: string; unit: string; item_code: string; uom: string; reason: string }>;
	erpnext_total?: string;
}
const out = (item: { json: IDataObject }) => item.json as unknown as QuoteJson & { erpnext: ErpOut; error?: string };

const QR002 = sampleRequest('QR-002');
const QR002_SKUS = QR002.expected.map((e) => e.sku);
const CABLE = { name: 'ÖLFLEX CLASSIC 110 CY 4G1.5 shielded control cable', keywords: 'olflex, control cable, shielded, 4g1.5' };

describe('Quote Generator × ERPNext Items and UOMs (E6)', () => {
	let inventree: InvenTreeServer;
	let erp: ErpNextServer;
	let cablePk: number;
	let lead = 0;
	const nextLead = () => `CRM-LEAD-2026-${String(600 + ++lead).padStart(5, '0')}`;
	const creds = (): Credentials => ({
		leadToCloseInvenTreeApi: { baseUrl: inventree.url, apiToken: inventree.state.token },
		leadToCloseErpNextApi: { baseUrl: erp.url, apiKey: 'k', apiSecret: 's3cret-value' },
	});
	const base = { catalogSource: 'inventree', createQuotation: true, company: DEMO_COMPANY, party: '={{ $json.lead }}' };
	const quote = async (text: string, params: Record<string, unknown> = {}) => {
		const party = nextLead();
		seedLeads(erp, [party]);
		const r = await runQuote([{ text, lead: party }], { ...base, ...params }, { onError: 'continueRegularOutput' }, creds());
		return { party, q: out(r.output(NODE_NAME)[0]) };
	};
	const quotationPosts = () => erp.requests.filter((r) => r.method === 'POST' && r.path === '/api/resource/Quotation');

	beforeAll(async () => {
		inventree = await startInvenTreeServer();
		// A part the way InvenTree usually has it: no IPN (SKU INV-<pk>) and its units in InvenTree's own
		// notation ("m").
		const category = inventree.state.addCategoryPath('Cables / Control');
		const part = inventree.state.addPart({ name: CABLE.name, IPN: '', description: 'Shielded PVC control cable, 4 cores 1.5 mm², per meter', keywords: CABLE.keywords, category: category.pk, units: 'm' });
		cablePk = part.pk;
		inventree.state.addSalePrice(part.pk, 1, '4.20', 'EUR');
		inventree.state.addStock(part.pk, 5000);
		erp = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value', validateLinks: true });
		mirrorCatalog(erp);
	});
	afterAll(async () => {
		await inventree.stop();
		await erp.stop();
	});

	it('sends a quote whose SKUs have no ERPNext Item to review, naming each line, and inserts nothing (no 417)', async () => {
		const before = quotationPosts().length;
		const { party, q } = await quote(QR002.text);
		expect(q.error).toBeUndefined();
		expect(q.route).toBe('review');
		expect(q.erpnext).toMatchObject({ quotation: null, created: false });
		expect(q.erpnext.skipped).toBe('no Quotation: 3 of 3 lines could not be matched to an ERPNext Item and UOM');
		expect(q.erpnext.unresolved!.map((u) => [u.line, u.sku, u.item_code])).toEqual(QR002_SKUS.map((sku, i) => [i + 1, sku, sku]));
		for (const [i, sku] of QR002_SKUS.entries()) {
			expect(q.review_reasons).toContain(`ERPNext line ${i + 1} (SKU ${sku}, unit Nos): no ERPNext Item ${sku}; map the SKU under Item Code Mapping, create the Item, or turn on Create Missing ERPNext Items`);
		}
		expect(quotationPosts()).toHaveLength(before);
		expect(erp.state.all('Quotation').filter((d) => d.party_name === party)).toEqual([]);
		expect(q._ltcEvents[0]).toMatchObject({ decision: 'review' });
	});

	it('checks all lines in one Item and one UOM request, then creates the Quotation when they exist', async () => {
		mirrorCatalog(erp, SAMPLE_CATALOG.filter((c) => QR002_SKUS.includes(c.sku)));
		const from = erp.requests.length;
		const { party, q } = await quote(QR002.text);
		expect(q.erpnext).toMatchObject({ created: true, docstatus: 0 });
		const requests = erp.requests.slice(from);
		expect(requests.filter((r) => r.method === 'GET' && r.path === '/api/resource/Item')).toHaveLength(1);
		expect(requests.filter((r) => r.method === 'GET' && r.path === '/api/resource/UOM')).toHaveLength(1);
		const [doc] = erp.state.all('Quotation').filter((d) => d.party_name === party);
		expect((doc.items as Array<Record<string, unknown>>).map((r) => [r.item_code, r.uom])).toEqual(QR002_SKUS.map((sku) => [sku, 'Nos']));
	});

	it('maps INV-<pk> to the ERPNext Item Code and InvenTree "m" to the ERPNext UOM Meter', async () => {
		const text = `Please quote 100 m ${CABLE.name}`;
		const sku = `INV-${cablePk}`;
		const unmapped = await quote(text);
		expect(unmapped.q.lines.map((l) => [l.sku, l.uom])).toEqual([[sku, 'm']]);
		expect(unmapped.q.route).toBe('review');
		expect(unmapped.q.review_reasons).toContain(`ERPNext line 1 (SKU ${sku}, unit m): no ERPNext Item ${sku}; map the SKU under Item Code Mapping, create the Item, or turn on Create Missing ERPNext Items`);

		erp.state.seed('Item', [{ item_code: 'OLFLEX-110CY-4G1.5', item_name: CABLE.name, item_group: 'Products', stock_uom: 'Meter', is_sales_item: 1, disabled: 0 }]);
		const mapped = await quote(text, { itemMapping: { mappings: [{ sku, itemCode: 'OLFLEX-110CY-4G1.5' }] } });
		expect(mapped.q.erpnext).toMatchObject({ created: true });
		const [doc] = erp.state.all('Quotation').filter((d) => d.party_name === mapped.party);
		expect((doc.items as Array<Record<string, unknown>>).map((r) => [r.item_code, r.uom, r.qty, r.rate])).toEqual([['OLFLEX-110CY-4G1.5', 'Meter', 100, 4.2]]);
	});

	it('names a unit that has no ERPNext UOM and a unit that differs from the Item\'s stock UOM; a Unit Mapping row fixes it', async () => {
		const text = `Please quote 100 m ${CABLE.name}`;
		const sku = `INV-${cablePk}`;
		const itemMapping = { mappings: [{ sku, itemCode: 'OLFLEX-110CY-4G1.5' }] };
		const spool = await quote(text, { itemMapping, uomMapping: { mappings: [{ unit: 'm', uom: 'Spool' }] } });
		expect(spool.q.route).toBe('review');
		expect(spool.q.review_reasons).toContain(`ERPNext line 1 (SKU ${sku}, unit m): no ERPNext UOM Spool; map the unit under Unit Mapping or create the UOM`);
		const feet = await quote(text, { itemMapping, uomMapping: { mappings: [{ unit: 'm', uom: 'Foot' }] } });
		expect(feet.q.review_reasons).toContain(
			`ERPNext line 1 (SKU ${sku}, unit m): ERPNext Item OLFLEX-110CY-4G1.5 is kept in Meter, not Foot; map the unit to Meter or quote in the Item's unit`,
		);
		expect(erp.state.all('Quotation').filter((d) => d.party_name === spool.party || d.party_name === feet.party)).toEqual([]);
	});

	it('creates the missing Items only when Create Missing ERPNext Items is on', async () => {
		const text = sampleRequest('QR-014').text;
		const skus = sampleRequest('QR-014').expected.map((e) => e.sku);
		expect(skus.every((s) => !erp.state.get('Item', s))).toBe(true);
		const { party, q } = await quote(text, { createMissingItems: true, newItemGroup: 'Products' });
		expect(q.erpnext).toMatchObject({ created: true });
		for (const sku of skus) {
			expect(erp.state.get('Item', sku)).toMatchObject({ item_code: sku, item_group: 'Products', stock_uom: 'Nos', is_sales_item: 1 });
		}
		const [doc] = erp.state.all('Quotation').filter((d) => d.party_name === party);
		expect((doc.items as Array<Record<string, unknown>>).map((r) => r.item_code)).toEqual(skus);
	});
});

describe('Quote Generator × ERPNext totals, pricing rules, currency and price list (E7)', () => {
	let erp: ErpNextServer;
	let lead = 0;
	const nextLead = () => `CRM-LEAD-2026-${String(700 + ++lead).padStart(5, '0')}`;
	const creds = (): Credentials => ({ leadToCloseErpNextApi: { baseUrl: erp.url, apiKey: 'k', apiSecret: 's3cret-value' } });
	const rows = SAMPLE_CATALOG.map(csvRow);
	const usdRows = rows.map((r) => ({ ...r, currency: 'USD' }));
	const quote = async (catalog: Array<Record<string, string>>, request: string, params: Record<string, unknown> = {}) => {
		const party = nextLead();
		seedLeads(erp, [party]);
		const r = await runQuote(catalog, { catalogSource: 'inputItems', requestText: request, createQuotation: true, company: DEMO_COMPANY, party, ...params }, { onError: 'continueRegularOutput' }, creds());
		return { party, q: out(r.output(NODE_NAME)[0]) };
	};

	beforeAll(async () => {
		erp = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value', validateLinks: true });
		mirrorCatalog(erp, SAMPLE_CATALOG);
	});
	afterAll(async () => erp.stop());

	it('keeps its rates when pricing rules are ignored: ERPNext\'s net total equals the quote, no erpnext_total', async () => {
		const { party, q } = await quote(rows, QR002.text, { submitWhenAutoApproved: true });
		expect(q.route).toBe('auto');
		expect(q.erpnext).toMatchObject({ created: true, submitted: true });
		expect(q.erpnext.erpnext_total).toBeUndefined();
		const [doc] = erp.state.all('Quotation').filter((d) => d.party_name === party);
		expect(doc.net_total).toBe(Number(q.amounts.total));
		expect(doc).toMatchObject({ selling_price_list: 'Standard Selling', conversion_rate: 1, ignore_pricing_rule: 1 });
	});

	it('does not submit, and sends to review, a Quotation whose net total ERPNext changed with a Pricing Rule', async () => {
		erp.state.seed('Pricing Rule', [{ name: 'PRLE-0001', title: 'IB16 promo', apply_on: 'Item Code', items: [{ item_code: '1756-IB16' }], selling: 1, rate_or_discount: 'Discount Percentage', discount_percentage: 10, priority: 1 }]);
		const { party, q } = await quote(rows, QR002.text, { submitWhenAutoApproved: true, options: { ignorePricingRules: false } });
		const [doc] = erp.state.all('Quotation').filter((d) => d.party_name === party);
		// 3 × 520.00 less 10 % = 1404.00 instead of 1560.00: 156.00 less than the quote.
		expect(doc.net_total).toBe(Number(q.amounts.total) - 156);
		expect(q.erpnext).toMatchObject({ created: true, submitted: false, docstatus: 0, erpnext_total: (Number(q.amounts.total) - 156).toFixed(2) });
		expect(q.route).toBe('review');
		expect(q.review_reasons).toContain(
			`ERPNext computed a net total of ${(Number(q.amounts.total) - 156).toFixed(2)} EUR, the quote ${q.amounts.total} EUR (Pricing Rules or rounding in ERPNext); the Quotation was left as a draft for a person to check`,
		);
		expect(doc.docstatus).toBe(0);
		expect(doc.custom_ai_route).toBe('review');
		expect(q._ltcEvents[0]).toMatchObject({ decision: 'review' });
	});

	it('sends the conversion rate of a foreign-currency quote when ERPNext has one', async () => {
		erp.state.seed('Currency Exchange', [{ from_currency: 'USD', to_currency: 'EUR', exchange_rate: 0.92, date: '2026-10-01', for_selling: 1 }]);
		const from = erp.requests.length;
		const { party, q } = await quote(usdRows, QR002.text, { options: { currency: 'USD' } });
		expect(q.currency).toBe('USD');
		expect(q.erpnext).toMatchObject({ created: true });
		const post = erp.requests.slice(from).find((r) => r.method === 'POST' && r.path === '/api/resource/Quotation');
		expect(post?.body).toMatchObject({ currency: 'USD', conversion_rate: 0.92 });
		const [doc] = erp.state.all('Quotation').filter((d) => d.party_name === party);
		expect(doc).toMatchObject({ currency: 'USD', conversion_rate: 0.92, net_total: Number(q.amounts.total), base_net_total: Number((Number(q.amounts.total) * 0.92).toFixed(2)) });
	});

	it('sends a foreign-currency quote to review with a clear reason when ERPNext has no exchange rate (no raw 417)', async () => {
		const { party, q } = await quote(rows.map((r) => ({ ...r, currency: 'CHF' })), QR002.text, { options: { currency: 'CHF' } });
		expect(q.error).toBeUndefined();
		expect(q.route).toBe('review');
		expect(q.erpnext).toMatchObject({ quotation: null, created: false });
		expect(q.review_reasons).toContain(
			'ERPNext has no exchange rate from CHF to EUR (the company currency) on or before 2026-11-02: add a Currency Exchange record (selling) or quote in EUR',
		);
		expect(erp.state.all('Quotation').filter((d) => d.party_name === party)).toEqual([]);
	});
});

describe('Quote Generator × a site without a default Selling Price List (E7)', () => {
	let erp: ErpNextServer;
	beforeAll(async () => {
		erp = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value', validateLinks: true, sellingPriceList: '' });
		mirrorCatalog(erp, SAMPLE_CATALOG);
		seedLeads(erp, ['CRM-LEAD-2026-00801', 'CRM-LEAD-2026-00802']);
	});
	afterAll(async () => erp.stop());
	const creds = (): Credentials => ({ leadToCloseErpNextApi: { baseUrl: erp.url, apiKey: 'k', apiSecret: 's3cret-value' } });
	const params = { catalogSource: 'inputItems', requestText: QR002.text, createQuotation: true, company: DEMO_COMPANY };

	it('sends the quote to review naming the missing price list instead of failing with MandatoryError', async () => {
		const r = await runQuote(SAMPLE_CATALOG.map(csvRow), { ...params, party: 'CRM-LEAD-2026-00801' }, { onError: 'continueRegularOutput' }, creds());
		const q = out(r.output(NODE_NAME)[0]);
		expect(q.error).toBeUndefined();
		expect(q.route).toBe('review');
		expect(q.erpnext).toMatchObject({ quotation: null, created: false });
		expect(q.review_reasons).toContain(
			"ERPNext needs a Selling Price List for the Quotation: set the node's Selling Price List option, or a Default Price List in ERPNext's Selling Settings (or on the Customer)",
		);
	});

	it('creates the Quotation when the node names the price list', async () => {
		const r = await runQuote(SAMPLE_CATALOG.map(csvRow), { ...params, party: 'CRM-LEAD-2026-00802', options: { sellingPriceList: 'Standard Selling' } }, {}, creds());
		expect(out(r.output(NODE_NAME)[0]).erpnext).toMatchObject({ created: true });
	});
});
