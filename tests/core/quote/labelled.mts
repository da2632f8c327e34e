// The labelled quote set of issue 15 (samples/quote-labelled-tuning.json and the frozen
// samples/quote-labelled-holdout.json, two catalogs; the blind hold-out samples/quote-labelled-blind.json adds a
// third, samples/catalog-lab.json; the fresh hold-out samples/quote-labelled-fresh.json, written blind to the
// engine like the blind set and never tuned on, spans the three) and how a run of the engine over it is scored. Shared
// by tests/core/quote/labelled.test.mts (floors on the tuning split) and bench/quote.bench.mts (the
// figures of docs/performance.md, tuning and hold-out apart). Scoring:
// - line recall: expected lines whose SKU is on the quote, over all expected lines;
// - quantity accuracy: of those found, the share with the expected quantity;
// - extra lines: quoted SKUs that were not asked for;
// - invented SKUs / prices not from the catalog: a line whose SKU is not a catalog item, or whose unit
//   price is neither the item's list price nor one of its price breaks;
// - wrong auto-approvals: a quote routed "auto" that is not exactly right (a line missing, extra or with
//   another quantity), or that should have gone to review (an injected instruction), or that answers a
//   message asking for no quote;
// - review rate: share of the quotes that came out (status "quoted") routed to review;
// - autonomy: share of the exactly-right quotes (kind "quote") that went out automatically.
import { readFileSync } from 'node:fs';
import { z } from 'zod/v4';
import {
	buildCatalogIndex,
	buildQuote,
	canonicalCatalogItem,
	CatalogSchema,
	RawCatalogItemSchema,
	type CatalogIndex,
	type CatalogItem,
	type Quote,
} from '../../../core/quote';

const read = (name: string): unknown =>
	JSON.parse(readFileSync(new URL(`../../../samples/${name}`, import.meta.url), 'utf8'));

export const LabelledRequestSchema = z.object({
	id: z.string(),
	split: z.enum(['tuning', 'holdout', 'fresh', 'domains']),
	catalog: z.enum(['industrial', 'electrical', 'lab', 'fluid', 'safety']),
	language: z.string(),
	style: z.string(),
	/** quote: the lines may go out automatically; review: the lines, but a person must look; no_quote: none. */
	kind: z.enum(['quote', 'review', 'no_quote']),
	text: z.string(),
	expected: z.array(z.object({ sku: z.string(), qty: z.number().positive() })),
	note: z.string().optional(),
});
export type LabelledRequest = z.infer<typeof LabelledRequestSchema>;

const FileSchema = z.object({ requests: z.array(LabelledRequestSchema) });

export type LabelledSplitName = 'tuning' | 'holdout' | 'blind' | 'fresh' | 'domains';

/** tuning and holdout: issue 15's sets; blind: the hold-out written blind to the engine (never tuned on, no floors);
 * fresh: a second hold-out written blind to the engine, frozen, never tuned on and never looked at for tuning;
 * domains: a hold-out over two catalogs of other trades (pneumatics and safety gear) exported without keywords,
 * the safety one never tuned on at all. */
export function labelledSplit(split: LabelledSplitName): LabelledRequest[] {
	return FileSchema.parse(read(`quote-labelled-${split}.json`)).requests;
}

export interface LabelledCatalog {
	items: CatalogItem[];
	index: CatalogIndex;
	bySku: Map<string, CatalogItem>;
}

function makeCatalog(items: CatalogItem[]): LabelledCatalog {
	return { items, index: buildCatalogIndex(items), bySku: new Map(items.map((i) => [i.sku, i])) };
}

let catalogs: Record<LabelledRequest['catalog'], LabelledCatalog> | undefined;

const rawCatalog = (name: string): LabelledCatalog =>
	makeCatalog(z.array(RawCatalogItemSchema).parse(read(name)).map(canonicalCatalogItem));

/** The five catalogs: the 212-item industrial sample, the electrical wholesale one (decimal prices), the
 * laboratory-supplies one of the blind set (decimal prices, packs/cases/bags as units), and two exported from
 * an ERP without keywords (session 12): pneumatics and hydraulics (fluid) and safety gear (safety). */
export function labelledCatalogs(): Record<LabelledRequest['catalog'], LabelledCatalog> {
	catalogs ??= {
		industrial: makeCatalog(CatalogSchema.parse(read('catalog.json'))),
		electrical: rawCatalog('catalog-electrical.json'),
		lab: rawCatalog('catalog-lab.json'),
		fluid: rawCatalog('catalog-fluid.json'),
		safety: rawCatalog('catalog-safety.json'),
	};
	return catalogs;
}

export const LABELLED_NOW = '2026-12-01T09:00:00Z';

/** A quote of `text` against one of the labelled catalogs, rules only, as the labelled runs make it. */
export function quoteOn(catalog: LabelledRequest['catalog'], text: string): Quote {
	return buildQuote(
		text,
		labelledCatalogs()[catalog].index,
		{ currency: 'EUR' },
		{ now: LABELLED_NOW },
	);
}

/** A quote's lines as "SKU xQTY", sorted: what a test compares. */
export const sortedLines = (q: Quote): string[] => q.lines.map((l) => `${l.sku} x${l.qty}`).sort();

export interface RequestOutcome {
	request: LabelledRequest;
	quote: Quote;
	quoted: boolean;
	found: number;
	rightQty: number;
	extra: string[];
	missing: string[];
	wrongQty: string[];
	invented: number;
	offCatalogPrices: number;
	exact: boolean;
	wrongAuto: boolean;
}

export interface Scores {
	requests: number;
	expectedLines: number;
	lineRecall: number;
	qtyAccuracy: number;
	extraLines: number;
	invented: number;
	offCatalogPrices: number;
	autoQuotes: number;
	wrongAuto: number;
	reviewRate: number;
	/** Exactly-right quotes of kind "quote" that went out automatically, over all exactly-right ones. */
	autonomy: number;
	/** Messages that should give no quote and gave none, over those messages. */
	noQuoteRight: number;
	outcomes: RequestOutcome[];
}

export function scoreRequest(
	r: LabelledRequest,
	quote: Quote,
	catalog: LabelledCatalog,
): RequestOutcome {
	const quoted = quote.status === 'quoted';
	const lines = quoted ? quote.lines : [];
	const bySkuQty = new Map(lines.map((l) => [l.sku, l.qty]));
	const expected = new Set(r.expected.map((e) => e.sku));
	const missing = r.expected.filter((e) => !bySkuQty.has(e.sku)).map((e) => e.sku);
	const wrongQty = r.expected
		.filter((e) => bySkuQty.has(e.sku) && bySkuQty.get(e.sku) !== e.qty)
		.map((e) => `${e.sku} ${bySkuQty.get(e.sku)}≠${e.qty}`);
	const found = r.expected.length - missing.length;
	const extra = lines.filter((l) => !expected.has(l.sku)).map((l) => l.sku);
	let invented = 0;
	let offCatalogPrices = 0;
	for (const l of lines) {
		const item = catalog.bySku.get(l.sku);
		if (!item) {
			invented += 1;
			continue;
		}
		if (
			l.unit_price !== item.unit_price &&
			!item.price_breaks.some((b) => b.unit_price === l.unit_price)
		)
			offCatalogPrices += 1;
	}
	const exact =
		r.kind !== 'no_quote'
			? quoted && missing.length === 0 && wrongQty.length === 0 && extra.length === 0
			: !quoted;
	const wrongAuto = quoted && quote.route === 'auto' && (r.kind !== 'quote' || !exact);
	return {
		request: r,
		quote,
		quoted,
		found,
		rightQty: found - wrongQty.length,
		extra,
		missing,
		wrongQty,
		invented,
		offCatalogPrices,
		exact,
		wrongAuto,
	};
}

export function runLabelled(requests: readonly LabelledRequest[]): Scores {
	const cats = labelledCatalogs();
	const outcomes = requests.map((r) => {
		const catalog = cats[r.catalog];
		const quote = quoteOn(r.catalog, r.text);
		return scoreRequest(r, quote, catalog);
	});
	const sum = (f: (o: RequestOutcome) => number) => outcomes.reduce((s, o) => s + f(o), 0);
	const expectedLines = sum((o) => o.request.expected.length);
	const found = sum((o) => o.found);
	const quoted = outcomes.filter((o) => o.quoted);
	const exactQuotes = outcomes.filter((o) => o.exact && o.request.kind === 'quote');
	const noQuote = outcomes.filter((o) => o.request.kind === 'no_quote');
	const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : 1);
	return {
		requests: outcomes.length,
		expectedLines,
		lineRecall: ratio(found, expectedLines),
		qtyAccuracy: ratio(
			sum((o) => o.rightQty),
			found,
		),
		extraLines: sum((o) => o.extra.length),
		invented: sum((o) => o.invented),
		offCatalogPrices: sum((o) => o.offCatalogPrices),
		autoQuotes: quoted.filter((o) => o.quote.route === 'auto').length,
		wrongAuto: outcomes.filter((o) => o.wrongAuto).length,
		reviewRate: ratio(quoted.filter((o) => o.quote.route === 'review').length, quoted.length),
		autonomy: ratio(exactQuotes.filter((o) => o.quote.route === 'auto').length, exactQuotes.length),
		noQuoteRight: ratio(noQuote.filter((o) => !o.quoted).length, noQuote.length),
		outcomes,
	};
}

/**
 * What the data checks of the unseen splits (labelledBlind/Fresh/Domains.test.mts) look for in the expected
 * lines: an SKU not in the request's catalog or named twice, a quantity that is not positive (or, with
 * `whole`, not a whole number); and a kind that contradicts them (no_quote with lines, quote or review
 * without).
 */
export function labelledDataProblems(
	requests: readonly LabelledRequest[],
	{ whole }: { whole: boolean },
): { lines: string[]; kinds: string[] } {
	const cats = labelledCatalogs();
	const lines: string[] = [];
	for (const r of requests) {
		const bySku = cats[r.catalog].bySku;
		const seen = new Set<string>();
		for (const e of r.expected) {
			if (!bySku.has(e.sku)) lines.push(`${r.id}: ${e.sku} is not in the ${r.catalog} catalog`);
			if (seen.has(e.sku)) lines.push(`${r.id}: ${e.sku} twice`);
			seen.add(e.sku);
			const bad = whole
				? !Number.isInteger(e.qty) || e.qty <= 0
				: !(e.qty > 0) || !Number.isFinite(e.qty);
			if (bad) lines.push(`${r.id}: ${e.sku} qty ${e.qty}`);
		}
	}
	const kinds = requests
		.filter((r) => (r.kind === 'no_quote') !== (r.expected.length === 0))
		.map((r) => `${r.id} ${r.kind} ${r.expected.length}`);
	return { lines, kinds };
}
