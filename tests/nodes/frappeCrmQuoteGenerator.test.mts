// Quote Generator with System of Record "Frappe CRM" in the n8n engine (in-process) against the Frappe
// contract server hosting the Frappe CRM app (frappe/crm @ 8b7dfdde, docs/decisions/0035): an
// auto-approved quote for a CRM Deal becomes the deal's products (amounts and totals in the app's own
// arithmetic) with a comment in its activity; a replay writes nothing; a quote for review is only
// commented; products a person entered are never replaced; two runs at once write the products once.
// Where the site has ERPNext, the Quotation is linked to the deal as Frappe CRM's own integration makes
// it: to the CRM Deal on ERPNext develop/v16, to the deal's Customer or not at all on v15.
import type { IDataObject } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { formatMinorUnits, multiplyMinorUnits } from '../../core/money';
import { erpnextRelease, quotesCrmDeals } from '../../nodes/QuoteGenerator/crmDeal/quotation';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { DEMO_COMPANY, NODE_NAME, SAMPLE_CATALOG, csvRow, mirrorCatalog, runQuote, sampleRequest, type QuoteJson } from './support/quoteFixtures.mts';

const DEAL = 'CRM-DEAL-2026-00007';
const QR002 = sampleRequest('QR-002');
const ROWS = SAMPLE_CATALOG.map(csvRow);

type DealOut = QuoteJson & {
	frappe_crm?: { deal: string; idempotency_key: string; products?: { written: boolean; rows?: number; total?: string; net_total?: string; skipped?: string }; comment?: { name: string; created: boolean }; skipped?: string };
	erpnext?: QuoteJson['erpnext'] & { skipped?: string };
};
const out = (item: { json: IDataObject }) => item.json as unknown as DealOut;

let crm: ErpNextServer;
const creds = () => ({ leadToCloseErpNextApi: { baseUrl: crm.url, apiKey: 'k', apiSecret: 's3cret-value' } });

async function quote(params: Record<string, unknown> = {}, requestText = QR002.text) {
	const r = await runQuote(ROWS, { catalogSource: 'inputItems', systemOfRecord: 'frappeCrm', deal: DEAL, requestText, ...params }, { onError: 'continueRegularOutput' }, creds());
	return out(r.output(NODE_NAME)[0]);
}

const deal = () => crm.state.get('CRM Deal', DEAL) as Record<string, unknown> & { products?: Array<Record<string, unknown>> };
const dealWrites = () => crm.writes().filter((w) => w.method === 'PUT' && decodeURIComponent(w.path).includes(`CRM Deal/${DEAL}`));

async function start(options: Parameters<typeof startErpNextServer>[0] = {}) {
	crm = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value', apps: ['crm'], ...options });
	crm.state.seed('CRM Deal', [{ name: DEAL, naming_series: 'CRM-DEAL-.YYYY.-', organization: 'Nordwerk Automation GmbH', status: 'Proposal/Quotation', deal_owner: 'anna.berg@example.com' }]);
}

afterEach(async () => {
	await crm.stop();
});

describe('Quote Generator × Frappe CRM deal products', () => {
	beforeEach(async () => {
		await start();
		// One line's SKU is a CRM Product: its row links it (product_code), the others carry only the name.
		crm.state.seed('CRM Product', [{ name: '1756-IB16', product_code: '1756-IB16', product_name: '1756-IB16 input card', disabled: 0 }]);
	});

	it("writes an auto-approved quote as the deal's products with Frappe CRM's amounts and totals, comments it in the activity, and a replay writes nothing", async () => {
		const q = await quote();
		expect(q.route).toBe('auto');
		expect(q.frappe_crm).toMatchObject({ deal: DEAL, products: { written: true, rows: q.lines.length }, comment: { created: true } });
		const stored = deal();
		expect(stored.products).toHaveLength(q.lines.length);
		q.lines.forEach((line, i) => {
			const row = stored.products![i];
			const gross = multiplyMinorUnits(line.unit_price_minor, line.qty);
			expect(row).toMatchObject({
				product_name: SAMPLE_CATALOG.find((c) => c.sku === line.sku)!.name.slice(0, 140),
				qty: line.qty,
				rate: formatMinorUnits(line.unit_price_minor, 'EUR'),
				amount: formatMinorUnits(gross, 'EUR'),
				net_amount: formatMinorUnits(line.amount_minor, 'EUR'),
				discount_amount: formatMinorUnits(gross - line.amount_minor, 'EUR'),
				parenttype: 'CRM Deal',
				parentfield: 'products',
			});
			if (line.sku === '1756-IB16') expect(row.product_code).toBe('1756-IB16');
			else expect(row.product_code).toBeUndefined();
		});
		expect(stored).toMatchObject({
			total: formatMinorUnits(q.subtotal_minor, 'EUR'),
			net_total: formatMinorUnits(q.total_minor, 'EUR'),
			currency: 'EUR',
			custom_ai_quote_route: 'auto',
			custom_ai_quote_key: q.frappe_crm!.idempotency_key,
		});
		// The AI Quote section is on the deal page's side panel; the comment is in the deal's activity.
		const panel = crm.state.get('CRM Fields Layout', 'CRM Deal-Side Panel') as unknown as { layout: string };
		expect(panel.layout).toContain('custom_ai_quote_route');
		const activity = await fetch(`${crm.url}/api/method/crm.api.activities.get_activities?name=${DEAL}`, { headers: { Authorization: 'token k:s3cret-value' } }).then((r) => r.json() as Promise<{ message: [Array<{ activity_type: string; content?: string }>] }>);
		const comments = activity.message[0].filter((a) => a.activity_type === 'comment');
		expect(comments).toHaveLength(1);
		expect(comments[0].content).toContain('AI quote: route auto');
		expect(q._ltcEvents.map((e) => [e.outcome, e.quote_ref])).toEqual([['drafted', DEAL], ['created', DEAL]]);

		const writes = crm.writes().length;
		const replay = await quote();
		expect(replay.frappe_crm).toMatchObject({ products: { written: false }, comment: { created: false } });
		expect(crm.writes().slice(writes)).toEqual([]);
	});

	it('does not write a quote routed to review as the deal products: the proposed lines are a comment, once', async () => {
		const q = await quote({ autoMaxTotal: 1 });
		expect(q.route).toBe('review');
		expect(q.lines.length).toBeGreaterThan(0);
		expect(q.frappe_crm!.products).toMatchObject({ written: false, skipped: expect.stringContaining('routed to review') });
		expect(deal().products ?? []).toEqual([]);
		expect(deal().custom_ai_quote_key).toBeUndefined();
		expect(dealWrites()).toEqual([]);
		const comment = crm.state.all('Comment').filter((c) => c.reference_name === DEAL);
		expect(comment).toHaveLength(1);
		expect(String(comment[0].content)).toContain('Needs review because');
		const writes = crm.writes().length;
		await quote({ autoMaxTotal: 1 });
		expect(crm.writes().slice(writes)).toEqual([]);
	});

	it("never replaces products a person entered: the quote goes to review with the reason", async () => {
		crm.state.dbSet('CRM Deal', DEAL, { products: [{ name: 'row1', product_name: 'Site survey', qty: 1, rate: 900, amount: 900, net_amount: 900 }] });
		const q = await quote();
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(/products were not replaced: it already has 1 product row entered or changed by a person/);
		expect(deal().products).toEqual([{ name: 'row1', product_name: 'Site survey', qty: 1, rate: 900, amount: 900, net_amount: 900 }]);
	});

	it('replaces its own earlier products for a new request, but not once a person changed them', async () => {
		await quote();
		const second = await quote({}, sampleRequest('QR-006').text);
		expect(second.route).toBe('auto');
		expect(second.frappe_crm!.products).toMatchObject({ written: true, rows: second.lines.length });
		expect(deal().products!.map((r) => r.product_name)).toEqual(second.lines.map((l) => SAMPLE_CATALOG.find((c) => c.sku === l.sku)!.name));
		const edited = deal().products!.map((r, i) => (i === 0 ? { ...r, qty: Number(r.qty) + 1 } : r));
		crm.state.dbSet('CRM Deal', DEAL, { products: edited });
		const third = await quote();
		expect(third.route).toBe('review');
		expect(deal().products).toEqual(edited);
	});

	it('refuses a deal kept in another currency', async () => {
		crm.state.dbSet('CRM Deal', DEAL, { currency: 'USD' });
		const q = await quote();
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toContain('the deal is in USD, the quote in EUR');
		expect(dealWrites()).toEqual([]);
	});

	it('writes the products once when two runs quote the same deal at the same moment (the deal is the lock)', async () => {
		crm.setDelay(150);
		const [a, b] = await Promise.all([quote(), quote()]);
		crm.setDelay(0);
		expect([a.frappe_crm!.products!.written, b.frappe_crm!.products!.written].sort()).toEqual([false, true]);
		const accepted = crm.writes().filter((w) => w.method === 'PUT' && decodeURIComponent(w.path).includes(`CRM Deal/${DEAL}`) && w.status === 200);
		expect(accepted).toHaveLength(1);
		expect(crm.state.all('Comment').filter((c) => c.reference_name === DEAL)).toHaveLength(1);
	});

	it('names the empty Deal of the item', async () => {
		const q = await quote({ deal: '' });
		expect(q.error).toMatch(/Deal is empty \(got ""\): the quote needs the Frappe CRM deal it is for/);
	});
});

describe('Quote Generator × Frappe CRM deal and ERPNext Quotation', () => {
	const withQuotation = { createQuotation: true, company: DEMO_COMPANY };

	it('makes the Quotation to the CRM Deal on ERPNext develop, linked to it, items from mirrored CRM Products; a replay makes no second one', async () => {
		await start({ apps: ['erpnext', 'crm'], erpnextVersion: '16.0.0-dev' });
		mirrorCatalog(crm, SAMPLE_CATALOG.map((c) => (c.sku === '1756-IB16' ? { ...c, sku: 'AB-1756-IB16' } : c)));
		crm.state.seed('CRM Product', [{ name: '1756-IB16', product_code: '1756-IB16', product_name: '1756-IB16', disabled: 0, erpnext_item_code: 'AB-1756-IB16' }]);
		const q = await quote(withQuotation);
		expect(q.route).toBe('auto');
		expect(q.erpnext).toMatchObject({ created: true });
		const quotation = crm.state.get('Quotation', q.erpnext!.quotation) as unknown as Record<string, unknown> & { items: Array<Record<string, unknown>> };
		expect(quotation).toMatchObject({ quotation_to: 'CRM Deal', party_name: DEAL, crm_deal: DEAL, customer_name: 'Nordwerk Automation GmbH', docstatus: 0 });
		expect(quotation.items.map((r) => r.item_code)).toContain('AB-1756-IB16');
		expect(q.frappe_crm!.products).toMatchObject({ written: true });
		expect(q._ltcEvents.map((e) => [e.outcome, e.quote_ref])).toEqual([['drafted', q.erpnext!.quotation], ['created', q.erpnext!.quotation]]);

		const writes = crm.writes().length;
		const replay = await quote(withQuotation);
		expect(replay.erpnext).toMatchObject({ quotation: q.erpnext!.quotation, created: false });
		expect(crm.writes().slice(writes)).toEqual([]);
		expect(crm.state.all('Quotation')).toHaveLength(1);
	});

	it('on ERPNext v15 makes no Quotation for a deal without a Customer: the quote goes to review and no products are written', async () => {
		await start({ apps: ['erpnext', 'crm'], erpnextVersion: '15.64.1' });
		mirrorCatalog(crm, SAMPLE_CATALOG);
		const q = await quote(withQuotation);
		expect(q.route).toBe('review');
		expect(q.erpnext).toMatchObject({ quotation: null, skipped: expect.stringContaining('ERPNext 15.64.1 cannot make a Quotation to a CRM Deal') });
		expect(crm.state.all('Quotation')).toHaveLength(0);
		expect(deal().products ?? []).toEqual([]);
	});

	it("on ERPNext v15 quotes the deal's ERPNext Customer (Customer.crm_deal, Frappe CRM's get_local_customer)", async () => {
		await start({ apps: ['erpnext', 'crm'], erpnextVersion: '15.64.1' });
		mirrorCatalog(crm, SAMPLE_CATALOG);
		crm.state.seed('Custom Field', [{ name: 'Customer-crm_deal', dt: 'Customer', fieldname: 'crm_deal', fieldtype: 'Data', label: 'Frappe CRM Deal', insert_after: 'prospect_name' }]);
		crm.state.seed('Customer', [{ name: 'Nordwerk Automation GmbH', customer_name: 'Nordwerk Automation GmbH', crm_deal: DEAL }]);
		const q = await quote(withQuotation);
		expect(q.route).toBe('auto');
		const quotation = crm.state.get('Quotation', q.erpnext!.quotation) as Record<string, unknown>;
		expect(quotation).toMatchObject({ quotation_to: 'Customer', party_name: 'Nordwerk Automation GmbH', crm_deal: DEAL });
	});

	it('a site without ERPNext: no Quotation, the reason for a person', async () => {
		await start();
		const q = await quote(withQuotation);
		expect(q.route).toBe('review');
		expect(q.erpnext).toMatchObject({ quotation: null, skipped: 'no Quotation: ERPNext is not installed on this Frappe site' });
	});
});

describe('which ERPNext may quote a CRM Deal (frappe.utils.change_log.get_versions)', () => {
	it.each([
		[{ erpnext: { version: '15.64.1', branch: 'version-15' } }, false],
		[{ erpnext: { version: '14.80.0', branch: 'version-14' } }, false],
		[{ erpnext: { version: '16.2.0', branch: 'version-16' } }, true],
		[{ erpnext: { version: '16.0.0-dev', branch: 'develop' } }, true],
		[{ erpnext: { version: '15.0.0-dev' } }, true],
		[{ erpnext: { version: '15.30.0', branch: 'develop' } }, true],
		[{ erpnext: { branch: 'version-15' } }, false],
	])('%j → %s', (versions, expected) => {
		expect(quotesCrmDeals(erpnextRelease(versions)!)).toBe(expected);
	});

	it('a site without ERPNext has no release', () => {
		expect(erpnextRelease({ frappe: { version: '15.0.0' }, crm: { version: '1.0.0' } })).toBeUndefined();
	});
});
