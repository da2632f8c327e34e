// ERPNext Quotations with an outcome → core/quote's PastQuote (pastQuotes.ts), for co-quote boosting.
// Decisions:
// - Outcome: `Ordered` and `Partially Ordered` are won, `Lost` is lost; every other status (Draft, Open,
//   Replied, Expired, Cancelled) has no outcome yet or none worth learning from, and is not loaded.
// - Lines: the non-alternative Quotation Items, quantities of the same item_code added up.
// - Request: the text the quote answered is not a standard Quotation field; `requestField` names the
//   (custom) field that holds it. Without it, or when it is empty, the item names stand in, which still
//   lets request-term similarity find quotes about the same products.
// - date: transaction_date; customer: customer_name, else party_name; currency when it is a valid code.
import { z } from 'zod/v4';

import type { PastQuote } from '../../core/quote/pastQuotes';
import { PastQuoteSchema } from '../../core/quote/pastQuotes';
import type { ErpNextClient, Filters } from '../erpnext';
import { stripHtml } from '../http';
import type { CatalogWarning } from './warnings';

export const WON_STATUSES = ['Ordered', 'Partially Ordered'] as const;
export const LOST_STATUSES = ['Lost'] as const;

const QuotationItemSchema = z.looseObject({
	item_code: z.string().nullish(),
	item_name: z.string().nullish(),
	qty: z.union([z.number(), z.string()]).nullish(),
	is_alternative: z.union([z.number(), z.boolean()]).nullish(),
});

export const ErpNextQuotationSchema = z.looseObject({
	name: z.string().min(1),
	status: z.string().nullish(),
	docstatus: z.number().nullish(),
	transaction_date: z.string().nullish(),
	customer_name: z.string().nullish(),
	party_name: z.string().nullish(),
	currency: z.string().nullish(),
	items: z.array(QuotationItemSchema).nullish(),
});
export type ErpNextQuotation = z.infer<typeof ErpNextQuotationSchema>;

export interface PastQuoteMappingOptions {
	/** The Quotation field that holds the buyer's request text (e.g. a custom field). */
	requestField?: string;
}

export type PastQuoteMapping =
	| { quote: PastQuote; warnings: CatalogWarning[] }
	| { quote: null; warnings: CatalogWarning[] };

function outcomeOf(status: string | null | undefined): PastQuote['outcome'] | undefined {
	if ((WON_STATUSES as readonly string[]).includes(status ?? '')) return 'won';
	if ((LOST_STATUSES as readonly string[]).includes(status ?? '')) return 'lost';
	return undefined;
}

/** One Quotation document (with its items) as a PastQuote, or null with the reason (pure). */
export function erpnextQuotationToPastQuote(
	doc: ErpNextQuotation,
	options: PastQuoteMappingOptions = {},
): PastQuoteMapping {
	const warnings: CatalogWarning[] = [];
	const skip = (message: string): PastQuoteMapping => {
		warnings.push({
			source: 'ERPNext',
			ref: doc.name,
			code: 'skipped',
			message: `Quotation ${doc.name}: ${message}`,
		});
		return { quote: null, warnings };
	};
	const outcome = outcomeOf(doc.status);
	if (!outcome) return skip(`status ${JSON.stringify(doc.status ?? null)} is neither won nor lost`);

	const quantities = new Map<string, number>();
	const names: string[] = [];
	for (const row of doc.items ?? []) {
		if (row.is_alternative === true || row.is_alternative === 1) continue;
		const sku = (row.item_code ?? '').trim();
		const qty = Number(row.qty ?? 0);
		if (sku === '' || !Number.isFinite(qty) || qty <= 0) continue;
		quantities.set(sku, (quantities.get(sku) ?? 0) + qty);
		const name = (row.item_name ?? '').trim();
		if (name !== '' && !names.includes(name)) names.push(name);
	}
	if (quantities.size === 0) return skip('no item lines');

	const rawRequest = options.requestField
		? (doc as Record<string, unknown>)[options.requestField]
		: undefined;
	const requestText = typeof rawRequest === 'string' ? stripHtml(rawRequest) : '';
	const currency = (doc.currency ?? '').trim().toUpperCase();
	const customer = (doc.customer_name ?? doc.party_name ?? '').trim();
	const candidate = {
		id: doc.name,
		outcome,
		date: (doc.transaction_date ?? '').trim(),
		...(customer !== '' && { customer }),
		request: requestText !== '' ? requestText : names.join(', '),
		...(/^[A-Z]{3}$/.test(currency) && { currency }),
		lines: [...quantities].map(([sku, qty]) => ({ sku, qty })),
	};
	const parsed = PastQuoteSchema.safeParse(candidate);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return skip(`${issue.path.join('.') || 'quote'}: ${issue.message}`);
	}
	return { quote: parsed.data, warnings };
}

export interface PastQuotesOptions {
	/** Only quotations dated on or after this ISO date (transaction_date). */
	since?: string;
	/** At most this many quotations. */
	limit?: number;
	requestField?: string;
	/** Documents read at a time (each Quotation is one GET, for its items); default 4. */
	concurrency?: number;
	pageSize?: number;
}

export interface LoadedPastQuotes {
	quotes: PastQuote[];
	warnings: CatalogWarning[];
}

/**
 * Reads submitted Quotations that were won (Ordered, Partially Ordered) or Lost, optionally since a
 * date, then each document for its items (v1 lists cannot return child rows), and maps them with
 * erpnextQuotationToPastQuote.
 */
export async function loadErpNextPastQuotes(
	client: ErpNextClient,
	options: PastQuotesOptions = {},
): Promise<LoadedPastQuotes> {
	if (options.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.since)) {
		throw new RangeError(
			`since must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(options.since)}`,
		);
	}
	const concurrency = options.concurrency ?? 4;
	if (!Number.isInteger(concurrency) || concurrency < 1)
		throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
	const filters: Filters = [
		['docstatus', '=', 1],
		['status', 'in', [...WON_STATUSES, ...LOST_STATUSES]],
		...(options.since !== undefined
			? [['transaction_date', '>=', options.since] as [string, '>=', string]]
			: []),
	];
	const rows = await client.listAll(
		'Quotation',
		{ fields: ['name'], filters, limit: options.limit, pageSize: options.pageSize },
		z.looseObject({ name: z.string().min(1) }),
	);
	const out: LoadedPastQuotes = { quotes: [], warnings: [] };
	for (let i = 0; i < rows.length; i += concurrency) {
		const docs = await Promise.all(
			rows
				.slice(i, i + concurrency)
				.map(async (row) => await client.get('Quotation', row.name, ErpNextQuotationSchema)),
		);
		for (const doc of docs) {
			const mapping = erpnextQuotationToPastQuote(doc, { requestField: options.requestField });
			out.warnings.push(...mapping.warnings);
			if (mapping.quote) out.quotes.push(mapping.quote);
		}
	}
	return out;
}
