// What past quotes say about a new one. Decides which past quotes are "similar" (shared request words,
// Jaccard, and shared items with the provisional picks) and how much an item that was co-quoted in a
// similar *won* quote is boosted among the already-retrieved candidates. A boost only re-orders
// candidates retrieval found; it never brings in an item retrieval did not, and lost quotes never boost.
import { z } from 'zod/v4';
import { CurrencySchema } from '../money';
import { normalizeText, textTerms } from './tokenize';

export const PastQuoteSchema = z.object({
	id: z.string().min(1),
	outcome: z.enum(['won', 'lost']),
	/** ISO date the quote was issued. */
	date: z.string(),
	customer: z.string().optional(),
	/** The buyer's request the quote answered. */
	request: z.string(),
	currency: CurrencySchema.optional(),
	lines: z.array(z.object({ sku: z.string().min(1), qty: z.number().positive() })),
});
export type PastQuote = z.infer<typeof PastQuoteSchema>;

/** A past quote at or above this similarity counts as precedent. */
export const SIMILARITY_THRESHOLD = 0.3;
/** Ranking multiplier for a candidate co-quoted in a similar won quote: 1 + BOOST × similarity. */
export const CO_QUOTE_BOOST = 0.3;

export interface SimilarQuote {
	quote: PastQuote;
	similarity: number;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	if (a.size === 0 && b.size === 0) return 0;
	let inter = 0;
	for (const x of a) if (b.has(x)) inter += 1;
	return inter / (a.size + b.size - inter);
}

/** Content terms of a text as a set (attributes and quantities excluded), for request similarity. */
export function requestTermSet(text: string): Set<string> {
	return new Set(textTerms(normalizeText(text)));
}

/**
 * Past quotes similar to a request: 0.5 × Jaccard of request terms + 0.5 × share of the provisional
 * SKUs the past quote contains. Sorted by similarity (then id), only those >= SIMILARITY_THRESHOLD.
 */
export function similarPastQuotes(
	requestTerms: ReadonlySet<string>,
	provisionalSkus: ReadonlySet<string>,
	past: readonly PastQuote[],
): SimilarQuote[] {
	const out: SimilarQuote[] = [];
	for (const quote of past) {
		const skus = new Set(quote.lines.map((l) => l.sku));
		let shared = 0;
		for (const s of provisionalSkus) if (skus.has(s)) shared += 1;
		const skuShare = provisionalSkus.size > 0 ? shared / provisionalSkus.size : 0;
		const similarity = 0.5 * jaccard(requestTerms, requestTermSet(quote.request)) + 0.5 * skuShare;
		if (similarity >= SIMILARITY_THRESHOLD)
			out.push({ quote, similarity: Math.round(similarity * 1000) / 1000 });
	}
	return out.sort((a, b) => b.similarity - a.similarity || (a.quote.id < b.quote.id ? -1 : 1));
}

/** The best similar won quote containing `sku`, if any. */
export function coQuotedIn(sku: string, similar: readonly SimilarQuote[]): SimilarQuote | null {
	for (const s of similar) {
		if (s.quote.outcome === 'won' && s.quote.lines.some((l) => l.sku === sku)) return s;
	}
	return null;
}
