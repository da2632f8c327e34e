// A quote for a Frappe CRM deal lands where Frappe CRM users look (docs/decisions/0035): the ERPNext
// Quotation linked to the deal first (when asked), because what ERPNext refuses or changes sends the
// quote to review; then the deal's products, written only for a quote still routed "auto" (a quote for
// review must not stand on the deal as its products and totals); then one comment in the deal's
// activity with the lines and their evidence (crm/api/activities.py lists docinfo.comments), which for a
// quote routed to review is where a person finds the proposed lines. Every write is once: the Quotation
// by its unique key, the products by the key on the deal, the comment by its key in `_comments`.
import type { ErpNextClient } from '../../../connectors/erpnext';
import { quotationMarker } from '../../../core/markers';
import type { Quote } from '../../../core/quote';
import {
	evidenceComment,
	type QuotationOptions,
	type QuotationRefused,
	type QuotationResult,
} from '../quotation';
import { CRM_DEAL } from './fields';
import { readCrmProducts, writeDealProducts, type DealProductsResult } from './products';
import { saveDealQuotation } from './quotation';

export interface DealSaveOptions {
	writeProducts: boolean;
	/** The Quotation's options; unset = no Quotation. */
	quotation?: QuotationOptions & { company: string };
	addComment: boolean;
	generator: string;
	requestText: string;
	userKey?: string;
}

export interface DealSaveResult {
	deal: string;
	idempotency_key: string;
	products?: DealProductsResult;
	quotation?: QuotationResult | QuotationRefused;
	comment?: { name: string; created: boolean };
	/** What ERPNext or the deal refused or changed: the node routes the quote to review. */
	review_reasons: string[];
}

/** The deal's key: the deal and the request (or the user's key), not the company, which products do not have. */
export function dealQuoteKey(deal: string, requestText: string, userKey?: string): string {
	return quotationMarker({ partyType: CRM_DEAL, party: deal, company: '', requestText }, userKey);
}

export async function saveToDeal(
	client: ErpNextClient,
	dealName: string,
	quote: Quote,
	options: DealSaveOptions,
): Promise<DealSaveResult> {
	const key = dealQuoteKey(dealName, options.requestText, options.userKey);
	// Read first: a missing deal or a deal the user may not read fails here, before anything is written.
	const deal = await client.get(CRM_DEAL, dealName);
	const reasons: string[] = [];
	const products = await readCrmProducts(client, quote);
	let quotation: QuotationResult | QuotationRefused | undefined;
	if (options.quotation) {
		const { company, ...quotationOptions } = options.quotation;
		// prefill_quotation_items: a mirrored CRM Product's Item Code, unless the user mapped the SKU.
		const itemCodes = new Map(quotationOptions.mapping.itemCodes);
		for (const [sku, product] of products)
			if (product.itemCode && !itemCodes.has(sku)) itemCodes.set(sku, product.itemCode);
		quotation = await saveDealQuotation(
			client,
			{ deal, company, requestText: options.requestText, userKey: options.userKey },
			quote,
			{ ...quotationOptions, mapping: { ...quotationOptions.mapping, itemCodes } },
		);
		reasons.push(...(quotation.review_reasons ?? []));
		// A replay finds the Quotation as the first run left it: one routed to review stays so.
		if (
			quote.route === 'auto' &&
			quotation.quotation !== null &&
			quotation.route === 'review' &&
			reasons.length === 0
		)
			reasons.push(
				`The deal's Quotation ${quotation.quotation} was routed to review when it was made; a person decides`,
			);
	}
	const routed: Quote =
		reasons.length > 0
			? { ...quote, route: 'review', review_reasons: [...quote.review_reasons, ...reasons] }
			: quote;
	let written: DealProductsResult | undefined;
	if (options.writeProducts) {
		written =
			routed.route === 'auto'
				? await writeDealProducts(client, dealName, key, routed, products)
				: {
						deal: dealName,
						written: false,
						idempotency_key: key,
						skipped:
							"products not written: the quote is routed to review; its lines are in the deal's activity",
					};
		reasons.push(...(written.review_reasons ?? []));
	}
	const final: Quote =
		reasons.length > 0
			? { ...quote, route: 'review', review_reasons: [...quote.review_reasons, ...reasons] }
			: quote;
	// A quote for review and the same quote approved later are two comments, each once.
	const comment =
		options.addComment && !written?.lost_race
			? await client.addComment(CRM_DEAL, dealName, evidenceComment(final, options.generator), {
					dedupeKey: final.route === 'auto' ? key : `${key}-review`,
				})
			: undefined;
	return {
		deal: dealName,
		idempotency_key: key,
		...(written ? { products: written } : {}),
		...(quotation ? { quotation } : {}),
		...(comment ? { comment } : {}),
		review_reasons: reasons,
	};
}
