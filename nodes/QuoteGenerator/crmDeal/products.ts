// The quote as the CRM Deal's products table (frappe/crm @ 8b7dfdde crm/fcrm/doctype/crm_products/
// crm_products.json): one row per line with product_name, qty, rate, discount_percentage and the
// amounts, the deal's total and net_total. Frappe CRM computes those amounts only in the browser
// (crm_products.py get_product_details_script: amount = qty × rate, discount_amount = discount % ×
// amount, net_amount = amount − discount_amount; total = Σ amount, net_total = Σ net_amount), so they are
// sent, computed here in integer minor units by core/money exactly as the quote was (subtotal, total).
// A line whose SKU is a CRM Product (name = product_code, crm_product.json autoname) links it.
//
// Exactly once (docs/decisions/0019, 0035): the deal itself is the lock. The write carries the deal's
// `modified` as read, so Frappe refuses it when anyone saved the deal in between (frappe/model/
// document.py check_if_latest, 417 TimestampMismatchError); the node then reads the deal again and
// finds the quote's key when another process wrote it. A deal holding this quote's key is a replay:
// nothing is written. Products a person entered or changed since the last AI quote are never replaced.
import { createHash } from 'crypto';

import { ErpNextError, type ErpNextClient, type FrappeDoc } from '../../../connectors/erpnext';
import { formatMinorUnits, multiplyMinorUnits, toMinorUnits } from '../../../core/money';
import type { Quote, QuoteLine } from '../../../core/quote';
import { CRM_DEAL, ensureDealQuoteFields } from './fields';

/** CRM Products `product_name` is a Data field (140 characters). */
const NAME_LENGTH = 140;
/** How often a write refused for a changed deal is tried again after reading the deal anew. */
const ATTEMPTS = 3;

/**
 * What the products writer needs of a quote: a Quote, or a quote a person approved in Frappe CRM (the
 * Desk Approval node, docs/decisions/0041), which carries its lines without their evidence.
 */
export type DealProductsQuote = Pick<
	Quote,
	'subtotal' | 'total' | 'currency' | 'confidence' | 'route'
> & {
	lines: ReadonlyArray<
		Pick<QuoteLine, 'sku' | 'name' | 'qty' | 'unit_price' | 'discount_pct' | 'amount' | 'currency'>
	>;
};

export interface ProductRow {
	product_code?: string;
	product_name: string;
	qty: number;
	rate: string;
	discount_percentage: number;
	discount_amount: string;
	amount: string;
	net_amount: string;
}

/** The deal's products rows of `quote`; `products` maps a SKU to its CRM Product name. */
export function productRows(
	quote: Pick<DealProductsQuote, 'lines'>,
	products: ReadonlyMap<string, string>,
): ProductRow[] {
	return quote.lines.map((line) => {
		const gross = multiplyMinorUnits(line.unit_price, line.qty);
		const code = products.get(line.sku);
		return {
			...(code ? { product_code: code } : {}),
			product_name: line.name.slice(0, NAME_LENGTH),
			qty: line.qty,
			rate: formatMinorUnits(line.unit_price, line.currency),
			discount_percentage: line.discount_pct,
			discount_amount: formatMinorUnits(gross - line.amount, line.currency),
			amount: formatMinorUnits(gross, line.currency),
			net_amount: formatMinorUnits(line.amount, line.currency),
		};
	});
}

/** A products table as the node compares it: name, quantity, rate and discount of each row, in order. */
export function productsFingerprint(
	rows: ReadonlyArray<Record<string, unknown>>,
	currency: string,
): string {
	const minor = (v: unknown) => {
		try {
			return toMinorUnits(String(v ?? 0), currency, { rounding: 'half-even' });
		} catch {
			return String(v);
		}
	};
	const shape = rows.map((r) => [
		String(r.product_code ?? ''),
		String(r.product_name ?? ''),
		Number(r.qty ?? 0),
		minor(r.rate),
		Number(r.discount_percentage ?? 0),
	]);
	return createHash('sha256').update(JSON.stringify(shape), 'utf8').digest('hex').slice(0, 24);
}

export interface DealProductsResult {
	deal: string;
	/** True when this run wrote the products; false for a replay or a refusal. */
	written: boolean;
	/** Another process wrote this quote's products while this run tried: that run comments, not this one. */
	lost_race?: boolean;
	idempotency_key: string;
	rows?: number;
	total?: string;
	net_total?: string;
	/** Why nothing was written, for a person (the node routes the quote to review). */
	skipped?: string;
	review_reasons?: string[];
}

export interface CrmProductRow {
	name: string;
	/** The mirrored ERPNext Item (Custom Field of the ERPNext integration), when there is one. */
	itemCode?: string;
}

/**
 * The enabled CRM Products named by the quote's SKUs (one list request), by SKU. A site without the
 * ERPNext integration has no `erpnext_item_code`; the list API leaves out a field the doctype lacks.
 */
export async function readCrmProducts(
	client: ErpNextClient,
	quote: { lines: ReadonlyArray<{ sku: string }> },
): Promise<Map<string, CrmProductRow>> {
	const skus = [...new Set(quote.lines.map((l) => l.sku))];
	if (skus.length === 0) return new Map();
	const rows = await client.listAll('CRM Product', {
		fields: ['name', 'disabled', 'erpnext_item_code'],
		filters: [['name', 'in', skus]],
		pageSize: 100,
		limit: skus.length,
	});
	return new Map(
		rows
			.filter((r) => typeof r.name === 'string' && !Number(r.disabled ?? 0))
			.map((r) => [
				String(r.name),
				{
					name: String(r.name),
					...(typeof r.erpnext_item_code === 'string' && r.erpnext_item_code
						? { itemCode: r.erpnext_item_code }
						: {}),
				},
			]),
	);
}

function isStale(error: unknown): boolean {
	return (
		error instanceof ErpNextError && error.status === 417 && error.code === 'TimestampMismatchError'
	);
}

/**
 * Writes `quote` as the products of `deal` unless the deal already holds this quote (`key`). Never
 * for a quote routed to review unless a person `approved` it: that is the caller's rule, checked again here.
 */
export async function writeDealProducts(
	client: ErpNextClient,
	deal: string,
	key: string,
	quote: DealProductsQuote,
	products: ReadonlyMap<string, CrmProductRow>,
	approved = false,
): Promise<DealProductsResult> {
	if (quote.route !== 'auto' && !approved)
		throw new Error('A quote routed to review is not written as the deal products');
	await ensureDealQuoteFields(client);
	const rows = productRows(quote, new Map([...products].map(([sku, p]) => [sku, p.name])));
	const mine = productsFingerprint(
		rows as unknown as Array<Record<string, unknown>>,
		quote.currency,
	);
	const totals = {
		total: formatMinorUnits(quote.subtotal, quote.currency),
		net_total: formatMinorUnits(quote.total, quote.currency),
	};
	for (let attempt = 1; ; attempt++) {
		const doc: FrappeDoc = await client.get(CRM_DEAL, deal);
		const held = typeof doc.custom_ai_quote_key === 'string' ? doc.custom_ai_quote_key : '';
		if (held === key)
			return {
				deal,
				written: false,
				...(attempt > 1 ? { lost_race: true } : {}),
				idempotency_key: key,
				rows: rows.length,
			};
		const current = Array.isArray(doc.products)
			? (doc.products as Array<Record<string, unknown>>)
			: [];
		const dealCurrency = typeof doc.currency === 'string' ? doc.currency : '';
		const refuse = (reason: string): DealProductsResult => ({
			deal,
			written: false,
			idempotency_key: key,
			skipped: `products not written: ${reason}`,
			review_reasons: [`The deal ${deal}'s products were not replaced: ${reason}`],
		});
		if (dealCurrency && dealCurrency !== quote.currency)
			return refuse(`the deal is in ${dealCurrency}, the quote in ${quote.currency}`);
		if (current.length > 0) {
			const stored =
				typeof doc.custom_ai_quote_products === 'string' ? doc.custom_ai_quote_products : '';
			const theirs = productsFingerprint(current, dealCurrency || quote.currency);
			if (!stored || stored !== theirs)
				return refuse(
					`it already has ${current.length} product row${current.length === 1 ? '' : 's'} entered or changed by a person`,
				);
		}
		let failure: unknown;
		try {
			await client.update(
				CRM_DEAL,
				deal,
				{
					products: rows,
					...totals,
					...(dealCurrency ? {} : { currency: quote.currency }),
					custom_ai_quote_key: key,
					custom_ai_quote_route: quote.route,
					custom_ai_quote_confidence: Math.round(quote.confidence * 1000) / 10,
					custom_ai_quote_products: mine,
				},
				{ modified: String(doc.modified) },
			);
			return { deal, written: true, idempotency_key: key, rows: rows.length, ...totals };
		} catch (error) {
			failure = error;
		}
		// Someone saved the deal after it was read: read it again (it may now hold this quote).
		if (!isStale(failure) || attempt >= ATTEMPTS) throw failure;
	}
}
