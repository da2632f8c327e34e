// Saves a quote as a draft ERPNext Quotation, once (erpnext.md §4, §6, §7): the existing Quotation of
// its key is returned as it is (existing.ts); else every line is resolved first (lines.ts) and what
// ERPNext would refuse (an unresolved line, no exchange rate, no selling price list) becomes review
// reasons instead of a raw 417; the insert carries the AI fields and the key. A second process that
// loses the insert race (UniqueValidationError) takes the winner's Quotation and neither submits nor
// comments. After the insert a net total that ERPNext changed (Pricing Rules) keeps the Quotation a
// draft routed to review. Submitted only when the caller asks and the route is "auto"; the evidence
// comment is deduplicated by the same key.
import { ErpNextError, type ErpNextClient, type FrappeDoc } from '../../../connectors/erpnext';
import { formatMinorUnits, toMinorUnits } from '../../../core/money';
import type { Quote } from '../../../core/quote';
import { REQUEST_FIELD } from '../catalogLoad';
import { evidenceComment } from './comment';
import { companyCurrency, exchangeRate } from './currency';
import {
	exclusively,
	idempotencyKey,
	isDuplicate,
	keyHolders,
	resolveKey,
	type QuotationTarget,
} from './existing';
import { ensureQuotationFields } from './fields';
import type { UnresolvedLine } from './itemsAndUoms';
import { quotationItems, resolveLines, type LineOptions } from './lines';

export interface QuotationResult {
	quotation: string;
	/** False when a Quotation with the same idempotency key already existed. */
	created: boolean;
	docstatus: number;
	submitted: boolean;
	idempotency_key: string;
	/** The Quotation's AI route as it stands (an existing one keeps the route it was given). */
	route: string;
	comment?: { name: string; created: boolean };
	/** Set when ERPNext's own net total differs from the quote's total (e.g. Pricing Rules applied). */
	erpnext_total?: string;
	/** Why the quote needs a person after ERPNext's answer (a changed net total); the node routes it to review. */
	review_reasons?: string[];
}

/** No Quotation was inserted because ERPNext would refuse it; the reasons go to a person. */
export interface QuotationRefused {
	quotation: null;
	created: false;
	skipped: string;
	review_reasons: string[];
	unresolved?: Array<Omit<UnresolvedLine, 'missing'> & { missing: string }>;
}

export interface QuotationOptions extends LineOptions {
	date: string;
	generator: string;
	sellingPriceList?: string;
	ignorePricingRules: boolean;
	submitWhenAuto: boolean;
	addComment: boolean;
}

/** What ERPNext's refusal of an insert means for a person, for the refusals a setting (not the data) causes. */
function refusalReason(error: unknown, quote: Quote, date: string): string | undefined {
	if (!(error instanceof ErpNextError) || error.status !== 417) return undefined;
	const message = error.message;
	const rate =
		/Maybe Currency Exchange record is not created for (\S+) to (\S+?)\.?(?:\s|\(|$)/.exec(message);
	if (rate) {
		return `ERPNext has no exchange rate from ${rate[1]} to ${rate[2]} (the company currency) on or before ${date}: add a Currency Exchange record (selling) or quote in ${rate[2]}`;
	}
	if (error.code === 'MandatoryError' && /Price List/.test(message)) {
		return "ERPNext needs a Selling Price List for the Quotation: set the node's Selling Price List option, or a Default Price List in ERPNext's Selling Settings (or on the Customer)";
	}
	if (error.code === 'LinkValidationError' && /Item Code|UOM/.test(message)) {
		return `ERPNext refused the lines of the ${quote.currency} quote: ${message}`;
	}
	return undefined;
}

/**
 * Finds or creates the draft Quotation of `quote` for `target`, then submits and comments as asked. A
 * quote ERPNext would refuse (unresolved lines, no exchange rate, no price list) is not inserted: the
 * answer is a QuotationRefused with the reasons for a person.
 */
export async function saveQuotation(
	client: ErpNextClient,
	target: QuotationTarget,
	quote: Quote,
	options: QuotationOptions,
): Promise<QuotationResult | QuotationRefused> {
	await ensureQuotationFields(client);
	const key = idempotencyKey(target);
	return await exclusively(
		`${client.baseUrl}|${key}`,
		async (): Promise<QuotationResult | QuotationRefused> => {
			const resolved = resolveKey(key, await keyHolders(client, key));
			let existing = resolved.existing;
			let effectiveKey = resolved.key;
			/** Set when another process inserted this quote's Quotation first: that run submits and comments. */
			let lostRace = false;
			let inserted: FrappeDoc | undefined;
			if (!existing) {
				const lines = await resolveLines(client, quote, options);
				if (lines.unresolved.length > 0) {
					const n = lines.unresolved.length;
					return {
						quotation: null,
						created: false,
						skipped: `no Quotation: ${n} of ${quote.lines.length} line${quote.lines.length === 1 ? '' : 's'} could not be matched to an ERPNext Item and UOM`,
						review_reasons: lines.unresolved.map((u) => u.reason),
						unresolved: lines.unresolved,
					};
				}
				const home = await companyCurrency(client, target.company);
				const conversionRate =
					home && home !== quote.currency
						? await exchangeRate(client, quote.currency, home, options.date)
						: undefined;
				let refusal: string | undefined;
				let failure: unknown;
				try {
					inserted = await client.insert('Quotation', {
						quotation_to: target.quotationTo?.partyType ?? target.partyType,
						party_name: target.quotationTo?.party ?? target.party,
						...target.linkFields,
						company: target.company,
						transaction_date: options.date,
						valid_till: quote.valid_till,
						currency: quote.currency,
						...(conversionRate !== undefined ? { conversion_rate: conversionRate } : {}),
						order_type: 'Sales',
						...(options.sellingPriceList ? { selling_price_list: options.sellingPriceList } : {}),
						ignore_pricing_rule: options.ignorePricingRules ? 1 : 0,
						items: quotationItems(quote, lines.resolved),
						custom_ai_route: quote.route,
						custom_ai_confidence: Math.round(quote.confidence * 1000) / 10,
						custom_ai_generator: options.generator,
						[REQUEST_FIELD]: target.requestText,
						custom_ai_idempotency_key: resolved.key,
					});
				} catch (error) {
					failure = error;
				}
				if (inserted === undefined) {
					if (isDuplicate(failure)) {
						// Another process inserted this key first: its Quotation is the one.
						const winner = resolveKey(key, await keyHolders(client, key));
						if (!winner.existing) throw failure;
						existing = winner.existing;
						effectiveKey = winner.key;
						lostRace = true;
					} else {
						refusal = refusalReason(failure, quote, options.date);
						if (refusal === undefined) throw failure;
					}
				}
				if (!existing && inserted === undefined) {
					return {
						quotation: null,
						created: false,
						skipped: 'no Quotation: ERPNext would not accept it as configured',
						review_reasons: [refusal ?? 'ERPNext answered without the Quotation'],
					};
				}
			}
			let name: string;
			let docstatus: number;
			let route: string;
			let erpnextTotal: string | undefined;
			const reviewReasons: string[] = [];
			if (existing) {
				({ name, docstatus, route } = existing);
			} else {
				const doc = inserted as FrappeDoc;
				name = doc.name;
				docstatus = Number(doc.docstatus ?? 0);
				route = quote.route;
				const net = doc.net_total ?? doc.total;
				if (typeof net === 'number' || typeof net === 'string') {
					let theirs: number | undefined;
					try {
						theirs = toMinorUnits(String(net), quote.currency, { rounding: 'half-even' });
					} catch {
						theirs = undefined;
					}
					if (theirs !== quote.total) {
						erpnextTotal =
							theirs === undefined ? String(net) : formatMinorUnits(theirs, quote.currency);
						reviewReasons.push(
							`ERPNext computed a net total of ${erpnextTotal} ${quote.currency}, the quote ${formatMinorUnits(quote.total, quote.currency)} ${quote.currency} (Pricing Rules or rounding in ERPNext); the Quotation was left as a draft for a person to check`,
						);
						if (route === 'auto') {
							await client.update('Quotation', name, { custom_ai_route: 'review' });
							route = 'review';
						}
					}
				}
			}
			let submitted = false;
			if (!lostRace && options.submitWhenAuto && route === 'auto' && docstatus === 0) {
				const doc = await client.update('Quotation', name, { docstatus: 1 });
				docstatus = Number(doc.docstatus ?? 1);
				submitted = true;
			}
			const commented =
				reviewReasons.length > 0
					? {
							...quote,
							route: 'review' as const,
							review_reasons: [...quote.review_reasons, ...reviewReasons],
						}
					: quote;
			const comment =
				options.addComment && !lostRace
					? await client.addComment(
							'Quotation',
							name,
							evidenceComment(commented, options.generator),
							{ dedupeKey: effectiveKey },
						)
					: undefined;
			return {
				quotation: name,
				created: !existing,
				docstatus,
				submitted,
				idempotency_key: effectiveKey,
				route,
				...(comment ? { comment } : {}),
				...(erpnextTotal !== undefined ? { erpnext_total: erpnextTotal } : {}),
				...(reviewReasons.length > 0 ? { review_reasons: reviewReasons } : {}),
			};
		},
	);
}
