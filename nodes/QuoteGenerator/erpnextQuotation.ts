// The ERPNext side of a quote (erpnext.md §4, §6, §7): AI fields on Quotation (ensured once per site and
// process, as the Lead Qualifier does for Lead), a draft Quotation for the Lead or Customer whose item
// rates are core/money decimal strings, looked up by an idempotency key stored on the Quotation before
// anything is inserted (so an n8n retry of the same item finds the Quotation instead of making a second
// one), submitted only when the caller asks for it and the route is "auto", an Info comment listing the
// evidence (deduplicated by the same key), and the PDF.
// Across processes (issue 14, H3: two workers, a retried webhook) the lookup alone is a race, so
// ERPNext is the lock: the key's Custom Field is `unique`, which gives the column a UNIQUE index
// (frappe/frappe frappe/database/mariadb/schema.py MariaDBTable.alter), and the second insert of a
// key is refused with UniqueValidationError (417, frappe/model/base_document.py db_insert →
// show_unique_validation_message). That refusal is read as "exists": the Quotation that won is read
// back and returned, and the run that lost neither submits nor comments (the winner does). A key
// whose Quotation was cancelled moves on to `<key>-2`, `-3` …, the same for every process.
// Before the insert (issue 13, E6/E7): every line's ERPNext Item and UOM are resolved (erpnextLines.ts),
// a foreign-currency quote gets ERPNext's own exchange rate when it has one, and what ERPNext would
// refuse (an unresolved line, no exchange rate, no selling price list) becomes review reasons instead of
// a raw 417. After it: a net total that ERPNext changed (Pricing Rules) keeps the Quotation a draft.

import {
	ErpNextError,
	type CustomFieldSpec,
	type ErpNextClient,
	type FrappeDoc,
} from '../../connectors/erpnext';
import {
	divideHalfEven,
	formatMinorUnits,
	percentToBasisPoints,
	toMinorUnits,
} from '../../core/money';
import { quotationMarker } from '../../core/markers';
import type { Quote, QuoteLine } from '../../core/quote';
import { REQUEST_FIELD } from './catalogLoad';
import {
	checkLines,
	findItems,
	findUoms,
	planLines,
	type LineMapping,
	type PlannedLine,
	type UnresolvedLine,
} from './erpnextLines';

export const QUOTATION_AI_FIELDS: CustomFieldSpec[] = [
	{
		fieldname: 'custom_ai_section',
		label: 'AI Quote',
		fieldtype: 'Section Break',
		insert_after: 'valid_till',
	},
	{
		fieldname: 'custom_ai_route',
		label: 'AI Route',
		fieldtype: 'Select',
		options: '\nauto\nreview',
		read_only: true,
		no_copy: true,
		print_hide: true,
		in_standard_filter: true,
	},
	{
		fieldname: 'custom_ai_confidence',
		label: 'AI Confidence',
		fieldtype: 'Percent',
		read_only: true,
		no_copy: true,
		print_hide: true,
	},
	{
		fieldname: 'custom_ai_generator',
		label: 'AI Generator',
		fieldtype: 'Data',
		read_only: true,
		no_copy: true,
		print_hide: true,
	},
	{ fieldname: 'custom_ai_column', label: 'AI Column', fieldtype: 'Column Break' },
	{
		fieldname: REQUEST_FIELD,
		label: 'AI Request',
		fieldtype: 'Long Text',
		read_only: true,
		no_copy: true,
		print_hide: true,
	},
	// no_copy: a duplicated or amended Quotation must not inherit the key and hide its original.
	// unique: ERPNext's UNIQUE index is the lock that keeps two processes from inserting the same quote.
	{
		fieldname: 'custom_ai_idempotency_key',
		label: 'AI Idempotency Key',
		fieldtype: 'Data',
		read_only: true,
		no_copy: true,
		print_hide: true,
		search_index: true,
		unique: true,
	},
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

/**
 * The key that identifies one quote for one party (core/markers.ts `quotationMarker`): the inputs, never
 * the quote itself; a user-given key (e.g. the inbound message id) replaces the derivation.
 */
export function idempotencyKey(target: QuotationTarget): string {
	return quotationMarker(target, target.userKey);
}

/** The unit rate after the line discount, as ERPNext computes it: price_list_rate × (1 − discount). */
function netUnitRate(line: QuoteLine): number {
	const bp = percentToBasisPoints(line.discount_pct);
	return line.unit_price - Number(divideHalfEven(BigInt(line.unit_price) * BigInt(bp), 10000n));
}

/** The Quotation Item rows; `resolved` gives each line's ERPNext Item Code and UOM (default: SKU and catalog unit). */
export function quotationItems(
	quote: Quote,
	resolved?: PlannedLine[],
): Array<Record<string, unknown>> {
	return quote.lines.map((line, i) => ({
		item_code: resolved?.[i]?.item_code ?? line.sku,
		item_name: line.name,
		qty: line.qty,
		uom: resolved?.[i]?.uom ?? line.uom,
		conversion_factor: 1,
		price_list_rate: formatMinorUnits(line.unit_price, line.currency),
		discount_percentage: line.discount_pct,
		rate: formatMinorUnits(netUnitRate(line), line.currency),
	}));
}

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** The Info comment: every line with its evidence, then review reasons, unmatched requirements, warnings. */
export function evidenceComment(quote: Quote, generator: string): string {
	const money = (minor: number) => `${formatMinorUnits(minor, quote.currency)} ${quote.currency}`;
	const list = (title: string, rows: string[]) =>
		rows.length
			? `<p><b>${title}</b></p><ul>${rows.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`
			: '';
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
			quote.unmatched_requirements.map(
				(u) =>
					`${u.id} "${u.requirement.slice(0, 160)}": ${u.reason}${u.closest.length ? ` (closest: ${u.closest.map((c) => c.sku).join(', ')})` : ''}`,
			),
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

export interface QuotationOptions {
	date: string;
	generator: string;
	sellingPriceList?: string;
	ignorePricingRules: boolean;
	submitWhenAuto: boolean;
	addComment: boolean;
	/** SKU → Item Code and unit → UOM (erpnextLines.ts). */
	mapping: LineMapping;
	/** Whether a missing Item may be created (explicit option, off by default). */
	createMissingItems: boolean;
	/** Item Group of a created Item. */
	newItemGroup: string;
}

interface ExistingQuotation {
	name: string;
	docstatus: number;
	route: string;
}

interface KeyHolder extends ExistingQuotation {
	key: string;
}

/** How many cancelled Quotations of one quote are stepped over (`<key>-2` … `<key>-20`). */
const MAX_KEY_GENERATIONS = 20;

/** Every Quotation holding `key` or one of its successors (`<key>-2` …), oldest first. */
async function keyHolders(client: ErpNextClient, key: string): Promise<KeyHolder[]> {
	const rows = await client.listAll('Quotation', {
		fields: ['name', 'docstatus', 'custom_ai_route', 'custom_ai_idempotency_key'],
		filters: [['custom_ai_idempotency_key', 'like', `${key}%`]],
		orderBy: 'creation asc, name asc',
		pageSize: 100,
		limit: 100,
	});
	return rows.flatMap((row) =>
		typeof row.name === 'string' && typeof row.custom_ai_idempotency_key === 'string'
			? [
					{
						name: row.name,
						docstatus: Number(row.docstatus ?? 0),
						route: String(row.custom_ai_route ?? ''),
						key: row.custom_ai_idempotency_key,
					},
				]
			: [],
	);
}

/**
 * The live Quotation of `key`, or the key a new one must carry: `key` itself, or after a cancelled
 * Quotation (which keeps its key, and the UNIQUE index with it) the next of `<key>-2`, `<key>-3` ….
 * Every process derives the same next key, so the index still lets only one of them insert it.
 */
export function resolveKey(
	key: string,
	holders: ReadonlyArray<KeyHolder>,
): { key: string; existing?: ExistingQuotation } {
	for (let n = 1; n <= MAX_KEY_GENERATIONS; n++) {
		const candidate = n === 1 ? key : `${key}-${n}`;
		const held = holders.filter((h) => h.key.toLowerCase() === candidate.toLowerCase());
		const live = held.find((h) => h.docstatus < 2);
		if (live)
			return {
				key: candidate,
				existing: { name: live.name, docstatus: live.docstatus, route: live.route },
			};
		if (held.length === 0) return { key: candidate };
	}
	throw new Error(
		`Idempotency key ${key}: ${MAX_KEY_GENERATIONS} Quotations of this quote were cancelled; give the quote a new key (option "Idempotency Key") to make another one`,
	);
}

/** ERPNext's refusal of a second row with the same value in a unique column (or of the same name). */
function isDuplicate(error: unknown): boolean {
	return (
		error instanceof ErpNextError &&
		((error.status === 417 && error.code === 'UniqueValidationError') ||
			(error.status === 409 && error.code === 'DuplicateEntryError'))
	);
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

const companyCurrencies = new Map<string, Promise<string | undefined>>();

/**
 * The Company and Currency Exchange reads only help (a conversion_rate sent up front): a user whose roles
 * cannot read them gets undefined, and ERPNext's own lookup at insert decides.
 */
function unlessForbidden(error: unknown): undefined {
	if (error instanceof ErpNextError && error.status === 403) return undefined;
	throw error;
}

/** The Company's default currency (once per site, company and process); undefined when the Company cannot be read. */
async function companyCurrency(
	client: ErpNextClient,
	company: string,
): Promise<string | undefined> {
	const key = `${client.baseUrl}|${company}`;
	let pending = companyCurrencies.get(key);
	if (!pending) {
		pending = client
			.listAll('Company', {
				fields: ['name', 'default_currency'],
				filters: [['name', '=', company]],
				pageSize: 1,
				limit: 1,
			})
			.then(
				(rows) =>
					typeof rows[0]?.default_currency === 'string' && rows[0].default_currency
						? rows[0].default_currency
						: undefined,
				unlessForbidden,
			);
		companyCurrencies.set(key, pending);
		pending.catch(() => companyCurrencies.delete(key));
	}
	return await pending;
}

/**
 * ERPNext's own selling rate from → to on `date`: the newest Currency Exchange record on or before it, as
 * frappe/erpnext erpnext/setup/utils.py get_exchange_rate reads it. Undefined when there is none (ERPNext
 * may still find one through its exchange-rate API; its answer decides).
 */
async function exchangeRate(
	client: ErpNextClient,
	from: string,
	to: string,
	date: string,
): Promise<number | undefined> {
	const rows = await client
		.listAll('Currency Exchange', {
			fields: ['name', 'exchange_rate', 'date'],
			filters: [
				['from_currency', '=', from],
				['to_currency', '=', to],
				['date', '<=', date],
				['for_selling', '=', 1],
			],
			orderBy: 'date desc, name desc',
			pageSize: 1,
			limit: 1,
		})
		.then((found) => found, unlessForbidden);
	const rate = Number(rows?.[0]?.exchange_rate);
	return Number.isFinite(rate) && rate > 0 ? rate : undefined;
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

/** Each line's ERPNext Item and UOM, creating missing Items only when asked; unresolved lines are reasons. */
async function resolveLines(
	client: ErpNextClient,
	quote: Quote,
	options: QuotationOptions,
): Promise<{ resolved: PlannedLine[]; unresolved: UnresolvedLine[] }> {
	const planned = planLines(quote, options.mapping);
	const uoms = await findUoms(
		client,
		planned.map((p) => p.uom),
	);
	const items = await findItems(
		client,
		planned.map((p) => p.item_code),
	);
	if (options.createMissingItems) {
		for (const p of planned) {
			const uom = uoms.get(p.uom.toLowerCase());
			if (items.has(p.item_code.toLowerCase()) || !uom) continue;
			const line = quote.lines[p.line - 1];
			let doc: FrappeDoc | undefined;
			let failure: unknown;
			try {
				doc = await client.insert('Item', {
					item_code: p.item_code,
					item_name: line.name.slice(0, 140),
					description: line.name,
					item_group: options.newItemGroup,
					stock_uom: uom,
					is_sales_item: 1,
				});
			} catch (error) {
				failure = error;
			}
			if (doc === undefined) {
				// Another process created the Item in between (its name is the Item Code: 409
				// DuplicateEntryError, frappe/model/base_document.py db_insert): use that one.
				const theirs = isDuplicate(failure)
					? (await findItems(client, [p.item_code])).get(p.item_code.toLowerCase())
					: undefined;
				if (!theirs) throw failure;
				items.set(theirs.item_code.toLowerCase(), theirs);
				items.set(theirs.name.toLowerCase(), theirs);
				continue;
			}
			const row = {
				name: String(doc.name),
				item_code: String(doc.item_code ?? p.item_code),
				stock_uom: uom,
				disabled: false,
			};
			items.set(row.item_code.toLowerCase(), row);
			items.set(row.name.toLowerCase(), row);
		}
	}
	return checkLines(planned, items, uoms);
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
						quotation_to: target.partyType,
						party_name: target.party,
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
				...(comment ? { comment } : {}),
				...(erpnextTotal !== undefined ? { erpnext_total: erpnextTotal } : {}),
				...(reviewReasons.length > 0 ? { review_reasons: reviewReasons } : {}),
			};
		},
	);
}

export async function quotationPdf(client: ErpNextClient, name: string, printFormat?: string) {
	return await client.downloadPdf('Quotation', name, printFormat ? { format: printFormat } : {});
}
