// What the engine reads of a request and what it retrieves for it: the buyer's new request of the message
// (message.ts), its requirements (requirements.ts), and the catalog candidates of each (retrieval.ts),
// re-ordered by co-occurrence in similar won past quotes (pastQuotes.ts). This is what a node shows an LLM
// before asking for picks; buildQuote (quote.ts) decides on it.
import { readMessage, type ReadMessage } from './message';
import { openVariant } from './openVariant';
import {
	coQuotedIn,
	CO_QUOTE_BOOST,
	requestTermSet,
	similarPastQuotes,
	type PastQuote,
	type SimilarQuote,
} from './pastQuotes';
import { QuoteConfigSchema, type QuoteConfigInput } from './policy';
import { parseRequest, type ParsedRequest, type Requirement } from './requirements';
import { search, type Candidate, type CatalogIndex, type SearchResult } from './retrieval';
import { normalizeText, textTerms } from './tokenize';

export type QuoteRequest = string | { text: string };

export interface RequirementCandidates {
	requirement: Requirement;
	search: SearchResult;
	/** Candidates after the past-quote boost, best first, at most `candidates_per_requirement`. */
	candidates: Candidate[];
	/** Similar won quote that co-quoted each candidate (by SKU), for evidence. */
	precedent: ReadonlyMap<string, SimilarQuote>;
}

export interface Retrieval {
	/** What of the message was read as the buyer's request (message.ts). */
	message: ReadMessage;
	/** The request's length when it was longer than MAX_REQUEST_CHARS and only its start was read. */
	clippedFrom: number | null;
	parsed: ParsedRequest;
	requirements: RequirementCandidates[];
	similar: SimilarQuote[];
}

const requestText = (r: QuoteRequest) => (typeof r === 'string' ? r : r.text);
/**
 * Characters of a request the reader reads: far beyond any enquiry (a long e-mail with a forwarded thread
 * is a few thousand), and a bound on the work one item can cause. The newest message is at the top, so
 * the start is what is read; a longer request goes to review saying so.
 */
export const MAX_REQUEST_CHARS = 50_000;

function isSubstantive(r: RequirementCandidates): boolean {
	const q = r.requirement;
	return q.qty_explicit || q.measure !== null || q.has_head || r.search.known_terms > 0;
}

/**
 * Ranking factor for a candidate whose maker the message names, in its requirement or another ("2 quadros
 * Hager de 24 módulos, 20 disjuntores B16": the Hager breaker, not the ABB one): it orders makers' equivalent
 * items, and a tie between the named maker's item and an unnamed maker's one is no tie (quote.ts matchScore,
 * ADR 0072; ADR 0053 had kept it): the buyer chose the maker. Both makers named, the tie stays.
 */
const MAKER_AGREEMENT = 1.05;

/** The maker's first name word ("hager" of "Hager", "schneider" of "Schneider Electric") is a word of the message. */
function makerNamed(manufacturer: string, words: ReadonlySet<string>): boolean {
	const first = textTerms(normalizeText(manufacturer)).find((t) => /^[a-z]{3,}$/.test(t));
	return first !== undefined && words.has(first);
}

/**
 * Parses the request and retrieves candidates for every requirement, boosted by similar won quotes.
 * This is what a node shows an LLM before asking for picks; `buildQuote` runs the same steps.
 */
export function retrieveCandidates(
	request: QuoteRequest,
	index: CatalogIndex,
	configInput: QuoteConfigInput = {},
	pastQuotes: readonly PastQuote[] = [],
): Retrieval {
	const config = QuoteConfigSchema.parse(configInput);
	const full = requestText(request);
	const clippedFrom = full.length > MAX_REQUEST_CHARS ? full.length : null;
	const message = readMessage(clippedFrom === null ? full : full.slice(0, MAX_REQUEST_CHARS));
	const text = message.text;
	const parsed = message.asks_for_quote
		? parseRequest(text)
		: {
				requirements: [],
				leftovers: [],
				unread: [],
				ignored: [text],
				requested_discount_pct: null,
			};
	const pool = Math.max(config.candidates_per_requirement, 10);
	const found = parsed.requirements
		.map((requirement) => ({ requirement, search: search(index, requirement, pool) }))
		.map((r) => ({
			...r,
			candidates: r.search.candidates,
			precedent: new Map<string, SimilarQuote>(),
		}))
		.filter(isSubstantive);

	const provisional = new Set<string>();
	for (const r of found) {
		const top = r.candidates.find((c) => c.attributes.conflicts.length === 0);
		if (top) provisional.add(top.item.sku);
	}
	const words = requestTermSet(text);
	const similar = pastQuotes.length > 0 ? similarPastQuotes(words, provisional, pastQuotes) : [];
	const requirements = found.map((r) => {
		const precedent = new Map<string, SimilarQuote>();
		const boosted = r.candidates
			.map((c) =>
				makerNamed(c.item.manufacturer, words)
					? { ...c, score: c.score * MAKER_AGREEMENT, maker_named: true }
					: c,
			)
			.map((c) => {
				const s = coQuotedIn(c.item.sku, similar);
				if (!s) return c;
				precedent.set(c.item.sku, s);
				return { ...c, score: c.score * (1 + CO_QUOTE_BOOST * s.similarity) };
			})
			.sort(
				(a, b) =>
					b.score - a.score || (a.item.sku < b.item.sku ? -1 : a.item.sku > b.item.sku ? 1 : 0),
			);
		// a requirement already ambiguous goes to a person naming that; the open variant is said only alone
		const open = r.requirement.ambiguities?.length
			? null
			: openVariant(r.requirement, boosted, index);
		const requirement = open
			? { ...r.requirement, ambiguities: [...(r.requirement.ambiguities ?? []), open] }
			: r.requirement;
		return {
			...r,
			requirement,
			candidates: boosted.slice(0, config.candidates_per_requirement),
			precedent,
		};
	});
	return { message, clippedFrom, parsed, requirements, similar };
}
