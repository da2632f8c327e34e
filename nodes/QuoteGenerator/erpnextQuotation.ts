// The ERPNext side of a quote (erpnext.md §4, §6, §7): AI fields on Quotation (ensured once per site and
// process, as the Lead Qualifier does for Lead), a draft Quotation for the Lead or Customer whose item
// rates are core/money decimal strings, looked up by an idempotency key stored on the Quotation before
// anything is inserted (so an n8n retry of the same item finds the Quotation instead of making a second
// one), submitted only when the caller asks for it and the route is "auto", an Info comment listing the
// evidence (deduplicated by the same key), and the PDF.
import { createHash } from 'crypto';

import type { CustomFieldSpec, ErpNextClient } from '../../connectors/erpnext';
import { divideHalfEven, formatMinorUnits, percentToBasisPoints } from '../../core/money';
import type { Quote, QuoteLine } from '../../core/quote';
import { REQUEST_FIELD } from './catalogLoad';

export const QUOTATION_AI_FIELDS: CustomFieldSpec[] = [
	{ fieldname: 'custom_ai_section', label: 'AI Quote', fieldtype: 'Section Break', insert_after: 'valid_till' },
	{ fieldname: 'custom_ai_route', label: 'AI Route', fieldtype: 'Select', options: '\nauto\nreview', read_only: true, no_copy: true, print_hide: true, in_standard_filter: true },
	{ fieldname: 'custom_ai_confidence', label: 'AI Confidence', fieldtype: 'Percent', read_only: true, no_copy: true, print_hide: true },
	{ fieldname: 'custom_ai_generator', label: 'AI Generator', fieldtype: 'Data', read_only: true, no_copy: true, print_hide: true },
	{ fieldname: 'custom_ai_column', label: 'AI Column', fieldtype: 'Column Break' },
	{ fieldname: REQUEST_FIELD, label: 'AI Request', fieldtype: 'Long Text', read_only: true, no_copy: true, print_hide: true },
	// no_copy: a duplicated or amended Quotation must not inherit the key and hide its original.
	{ fieldname: 'custom_ai_idempotency_key', label: 'AI Idempotency Key', fieldtype: 'Data', read_only: true, no_copy: true, print_hide: true, search_index: true },
];

const ensuredSites = new Map<string, Promise<unknown>>();

/** Ensures the Quotation AI fields once per site and process; a failure is not cached. */
export async function ensureQuotationFields(client: ErpNextClient): Promise<void> {
	let pending = ensuredSites.get(client.baseUrl);
	if (!pending) {
		pending = client.ensureCustomFields('Quotation', QUOTATION_AI_FIELDS);
		ensuredSites.set(client.baseUrl, pending);
		pending.catch(() => ensuredSites.delete(client.baseUrl));
	}
	await pending;
}

export interface QuotationTarget {
	partyType: 'Lead' | 'Customer';
	party: string;
	company: string;
	requestText: string;
	/** The user's own key (option), else one derived from the quote. */
	userKey?: string;
}

function digest(parts: unknown[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}

/**
 * The key that identifies one quote for one party: the party, the company and the request as written.
 * Only inputs count, never the quote itself: a retried item must find its Quotation even when Claude
 * picks differently the second time or a catalog price changed in between. The same request from the
 * same party is therefore one Quotation; a user-given key (e.g. the inbound message id) tells repeated
 * requests apart and replaces the derivation.
 */
export function idempotencyKey(target: QuotationTarget): string {
	if (target.userKey) return `ltc-quote-${digest(['user', target.userKey])}`;
	return `ltc-quote-${digest([target.partyType, target.party, target.company, target.requestText.replace(/\s+/g, ' ').trim()])}`;
}

/** The unit rate after the line discount, as ERPNext computes it: price_list_rate × (1 − discount). */
function netUnitRate(line: QuoteLine): number {
	const bp = percentToBasisPoints(line.discount_pct);
	return line.unit_price - Number(divideHalfEven(BigInt(line.unit_price) * BigInt(bp), 10000n));
}

export function quotationItems(quote: Quote): Array<Record<string, unknown>> {
	return quote.lines.map((line) => ({
		item_code: line.sku,
		item_name: line.name,
		qty: line.qty,
		uom: line.uom,
		conversion_factor: 1,
		price_list_rate: formatMinorUnits(line.unit_price, line.currency),
		discount_percentage: line.discount_pct,
		rate: formatMinorUnits(netUnitRate(line), line.currency),
	}));
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The Info comment: every line with its evidence, then review reasons, unmatched requirements, warnings. */
export function evidenceComment(quote: Quote, generator: string): string {
	const money = (minor: number) => `${formatMinorUnits(minor, quote.currency)} ${quote.currency}`;
	const list = (title: string, rows: string[]) => (rows.length ? `<p><b>${title}</b></p><ul>${rows.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '');
	return [
		`<p><b>AI quote: route ${escapeHtml(quote.route)}, confidence ${Math.round(quote.confidence * 100)}%, total ${escapeHtml(money(quote.total))}</b> (${escapeHtml(generator)})</p>`,
		list(
			'Lines and evidence',
			quote.lines.map(
				(l) =>
					`${l.sku} × ${l.qty} ${l.uom} at ${formatMinorUnits(l.unit_price, l.currency)}${l.discount_pct ? ` less ${l.discount_pct}%` : ''} = ${formatMinorUnits(l.amount, l.currency)} ${l.currency} — for "${l.match.requirement.slice(0, 160)}" (match ${l.match.score}): ${l.match.evidence.join('; ')}`,
			),
		),
		list('Needs review because', quote.review_reasons),
		list(
			'Not quoted',
			quote.unmatched_requirements.map((u) => `${u.id} "${u.requirement.slice(0, 160)}": ${u.reason}${u.closest.length ? ` (closest: ${u.closest.map((c) => c.sku).join(', ')})` : ''}`),
		),
		list('Warnings', quote.warnings),
	].join('');
}

export interface QuotationResult {
	quotation: string;
	/** False when a Quotation with the same idempotency key already existed. */
	created: boolean;
	docstatus: number;
	submitted: boolean;
	idempotency_key: string;
	comment?: { name: string; created: boolean };
	/** Set when ERPNext's own net total differs from the quote's total (e.g. Pricing Rules applied). */
	erpnext_total?: string;
}

export interface QuotationOptions {
	date: string;
	generator: string;
	sellingPriceList?: string;
	ignorePricingRules: boolean;
	submitWhenAuto: boolean;
	addComment: boolean;
}

interface ExistingQuotation {
	name: string;
	docstatus: number;
	route: string;
}

async function findByKey(client: ErpNextClient, key: string): Promise<ExistingQuotation | undefined> {
	const rows = await client.listAll('Quotation', {
		fields: ['name', 'docstatus', 'custom_ai_route'],
		filters: [
			['custom_ai_idempotency_key', '=', key],
			['docstatus', '<', 2],
		],
		orderBy: 'creation asc, name asc',
		pageSize: 1,
		limit: 1,
	});
	const row = rows[0];
	if (!row || typeof row.name !== 'string') return undefined;
	return { name: row.name, docstatus: Number(row.docstatus ?? 0), route: String(row.custom_ai_route ?? '') };
}

// Two items of one execution with the same key wait for each other instead of both inserting.
const inFlight = new Map<string, Promise<unknown>>();

async function exclusively<T>(key: string, work: () => Promise<T>): Promise<T> {
	const before = inFlight.get(key) ?? Promise.resolve();
	const mine = before.catch(() => undefined).then(work);
	inFlight.set(key, mine);
	try {
		return await mine;
	} finally {
		if (inFlight.get(key) === mine) inFlight.delete(key);
	}
}

/** Finds or creates the draft Quotation of `quote` for `target`, then submits and comments as asked. */
export async function saveQuotation(client: ErpNextClient, target: QuotationTarget, quote: Quote, options: QuotationOptions): Promise<QuotationResult> {
	await ensureQuotationFields(client);
	const key = idempotencyKey(target);
	return await exclusively(`${client.baseUrl}|${key}`, async () => {
		const existing = await findByKey(client, key);
		let name: string;
		let docstatus: number;
		let route: string;
		let erpnextTotal: string | undefined;
		if (existing) {
			({ name, docstatus, route } = existing);
		} else {
			const doc = await client.insert('Quotation', {
				quotation_to: target.partyType,
				party_name: target.party,
				company: target.company,
				transaction_date: options.date,
				valid_till: quote.valid_till,
				currency: quote.currency,
				order_type: 'Sales',
				...(options.sellingPriceList ? { selling_price_list: options.sellingPriceList } : {}),
				ignore_pricing_rule: options.ignorePricingRules ? 1 : 0,
				items: quotationItems(quote),
				custom_ai_route: quote.route,
				custom_ai_confidence: Math.round(quote.confidence * 1000) / 10,
				custom_ai_generator: options.generator,
				[REQUEST_FIELD]: target.requestText,
				custom_ai_idempotency_key: key,
			});
			name = doc.name;
			docstatus = Number(doc.docstatus ?? 0);
			route = quote.route;
			const net = doc.net_total ?? doc.total;
			if (typeof net === 'number' || typeof net === 'string') {
				const ours = formatMinorUnits(quote.total, quote.currency);
				if (Number(net) !== Number(ours)) erpnextTotal = String(net);
			}
		}
		let submitted = false;
		if (options.submitWhenAuto && route === 'auto' && docstatus === 0) {
			const doc = await client.update('Quotation', name, { docstatus: 1 });
			docstatus = Number(doc.docstatus ?? 1);
			submitted = true;
		}
		const comment = options.addComment ? await client.addComment('Quotation', name, evidenceComment(quote, options.generator), { dedupeKey: key }) : undefined;
		return {
			quotation: name,
			created: !existing,
			docstatus,
			submitted,
			idempotency_key: key,
			...(comment ? { comment } : {}),
			...(erpnextTotal !== undefined ? { erpnext_total: erpnextTotal } : {}),
		};
	});
}

export async function quotationPdf(client: ErpNextClient, name: string, printFormat?: string) {
	return await client.downloadPdf('Quotation', name, printFormat ? { format: printFormat } : {});
}
