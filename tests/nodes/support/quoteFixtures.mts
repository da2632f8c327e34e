// Fixtures for the Quote Generator tests: the sample catalog (canonical, minor units) and the same rows
// the way a spreadsheet export reaches n8n through Extract From File (every cell a string, decimal
// prices, keywords in one cell, price breaks as a JSON cell, an empty stock cell for a service), the
// sample requests by id, and a one-call runner of the node in the in-process n8n engine.
import { readFileSync } from 'node:fs';
import type { IDataObject, INode } from 'n8n-workflow';

import { LeadToCloseAnthropicApi } from '../../../credentials/LeadToCloseAnthropicApi.credentials';
import { LeadToCloseErpNextApi } from '../../../credentials/LeadToCloseErpNextApi.credentials';
import { LeadToCloseInvenTreeApi } from '../../../credentials/LeadToCloseInvenTreeApi.credentials';
import { formatMinorUnits } from '../../../core/money';
import type { CatalogItem } from '../../../core/quote';
import { QuoteGenerator } from '../../../nodes/QuoteGenerator/QuoteGenerator.node';
import { chain, node, runWorkflow, type RunResult } from '../../workflow/harness.mts';

export const QUOTE_TYPE = 'n8n-nodes-lead-to-close.quoteGenerator';
export const NODE_NAME = 'Quote Generator';

export const SAMPLE_CATALOG = JSON.parse(readFileSync(new URL('../../../samples/catalog.json', import.meta.url), 'utf8')) as CatalogItem[];

const REQUESTS = JSON.parse(readFileSync(new URL('../../../samples/quote-requests.json', import.meta.url), 'utf8')) as Array<{
	id: string;
	text: string;
	expected: Array<{ sku: string; qty: number }>;
}>;

export function sampleRequest(id: string): { id: string; text: string; expected: Array<{ sku: string; qty: number }> } {
	const r = REQUESTS.find((q) => q.id === id);
	if (!r) throw new Error(`no sample request ${id}`);
	return r;
}

/** A catalog item as a CSV row read by Extract From File: strings only, decimal prices. */
export function csvRow(item: CatalogItem): Record<string, string> {
	return {
		sku: item.sku,
		name: item.name,
		description: item.description,
		category: item.category,
		manufacturer: item.manufacturer,
		keywords: item.keywords.join('; '),
		uom: item.uom,
		unit_price: formatMinorUnits(item.unit_price, item.currency),
		currency: item.currency,
		price_breaks: item.price_breaks.length
			? JSON.stringify(item.price_breaks.map((b) => ({ min_qty: b.min_qty, unit_price: formatMinorUnits(b.unit_price, item.currency) })))
			: '',
		stock: item.stock === null ? '' : String(item.stock),
		cost: item.cost === undefined ? '' : formatMinorUnits(item.cost, item.currency),
	};
}

export type Credentials = Record<string, IDataObject>;

/** Runs Start(items) → Quote Generator(params) in the in-process engine. */
export async function runQuote(items: Array<Record<string, unknown>>, params: INode['parameters'], extra: Partial<INode> = {}, credentials?: Credentials): Promise<RunResult> {
	return await runWorkflow({
		nodeTypes: { [QUOTE_TYPE]: new QuoteGenerator() },
		credentialTypes: [new LeadToCloseInvenTreeApi(), new LeadToCloseErpNextApi(), new LeadToCloseAnthropicApi()],
		credentials: credentials as never,
		nodes: [node('Start', 'test.start', { items: JSON.stringify(items) }), node(NODE_NAME, QUOTE_TYPE, { referenceDate: '2026-11-02T10:00:00Z', ...params }, extra)],
		connections: chain('Start', NODE_NAME),
	});
}

/** What the node puts in an output item's json. */
export interface QuoteJson {
	route: 'auto' | 'review';
	confidence: number;
	currency: string;
	summary: string;
	status: string;
	total: { amount: number; currency: string; display: string };
	total_minor: number;
	subtotal: { amount: number; currency: string; display: string };
	subtotal_minor: number;
	valid_till: string;
	amounts: { total: string; subtotal: string };
	lines: Array<{ sku: string; qty: number; unit_price: { amount: number; currency: string; display: string }; unit_price_minor: number; amount: { amount: number; currency: string; display: string }; amount_minor: number; uom: string; match: { score: number; evidence: string[]; requirement_ids: string[] } }>;
	review_reasons: string[];
	unmatched_requirements: Array<{ id: string; reason: string }>;
	warnings: string[];
	engine: string;
	model?: string;
	llm?: { asked: string[]; picks: Array<{ requirement: string; sku: string; qty: number; verdict: string; reason?: string }>; failure?: string };
	request: { text: string; party_type: string; party: string | null };
	catalog: { source: string; items: number; cached: boolean; warnings: number; warning_samples?: string[] };
	erpnext?: { quotation: string; created: boolean; docstatus: number; submitted: boolean; idempotency_key: string; comment?: { name: string; created: boolean } };
	error?: string;
	_ltcEvents: Array<Record<string, unknown>>;
}

export const DEMO_COMPANY = 'Lead-to-Close Demo GmbH';

/**
 * An ERPNext site set up for the Quote Generator: the Company (EUR; `company`, default DEMO_COMPANY) and,
 * when given, the catalog mirrored as Items (item_code = SKU, stock UOM = the catalog unit), as a company
 * that keeps both systems has it. The ERPNext fake validates a Quotation's links (Company, Party, Item,
 * UOM) the way a real site does, so every test that inserts a Quotation seeds these (and its Leads:
 * seedLeads). The InvenTree fake's default parts carry the sample SKUs as IPN, so SAMPLE_CATALOG mirrors
 * them too.
 */
export function mirrorCatalog(
	erp: { state: { seed(doctype: string, rows: Array<Record<string, unknown>>): unknown; get(doctype: string, name: string): unknown } },
	catalog: CatalogItem[] = [],
	company: string = DEMO_COMPANY,
): void {
	if (!erp.state.get('Company', company)) erp.state.seed('Company', [{ name: company, company_name: company, default_currency: 'EUR' }]);
	const missing = catalog.filter((c) => !erp.state.get('Item', c.sku));
	erp.state.seed(
		'Item',
		missing.map((c) => ({ item_code: c.sku, item_name: c.name, item_group: 'Products', stock_uom: c.uom, is_sales_item: 1, disabled: 0 })),
	);
}

/** Seeds the Leads a test quotes for (a Quotation's party_name must exist when links are validated). */
export function seedLeads(erp: { state: { seed(doctype: string, rows: Array<Record<string, unknown>>): unknown; get(doctype: string, name: string): unknown } }, names: string[]): void {
	const missing = names.filter((n) => !erp.state.get('Lead', n));
	erp.state.seed('Lead', missing.map((name) => ({ name, lead_name: `Buyer ${name.slice(-3)}`, status: 'Open' })));
}
