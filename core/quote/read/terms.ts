// Extractor: the query terms of one part of a request (product runs, purpose words weighed down,
// alternatives "A or B"), and its SKU / model-number hints.
import { attributeTerm, type Attribute } from '../attributes';
import { canonicalize } from '../synonyms';
import { compactCode, germanSingular, STOPWORDS, SYNONYMS, textTerms } from '../tokenize';
import type { ReaderLanguage } from './vocabulary';
import type { QueryTerm } from './types';
import { isHead, isProseWord, isTypoOfStopword } from './words';

export const PURPOSE_MARKER =
	/\s(?:for|fur|fuer|para|pour|per la|per il|per una|per un|per i|per le|per lo|per gli|to be used|intended for)\s/g;

// Attribute spans are masked with this, not spaces, so "SM 1222 DQ 16x24VDC x 4" cannot become "1222 x".
export const MASK = '#';

export function skuHints(masked: string): string[] {
	const chunks = masked
		.split(/\s+/)
		.map((c) => c.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, ''))
		.filter((c) => c.length > 0);
	const hints: string[] = [];
	const isCode = (c: string) => /\d/.test(c) && compactCode(c).length >= 4;
	for (let i = 0; i < chunks.length; i++) {
		if (isCode(chunks[i])) hints.push(compactCode(chunks[i]));
		if (i + 1 < chunks.length && /\d/.test(chunks[i]) && /\d/.test(chunks[i + 1])) {
			const pair = compactCode(chunks[i] + chunks[i + 1]);
			if (pair.length >= 6 && /[a-z]/.test(pair)) hints.push(pair);
		}
	}
	return [...new Set(hints)];
}

export const isProductWord = (t: string) => isHead(t) || /\d/.test(t) || t.includes(':');
// "servo motors with drives", "thermocouples with transmitters": one product phrase, not two runs
// "sensores de temperatura", "variadores de media tensión": Romance modifiers follow "de"
export const JOINING = new Set([
	'with',
	'mit',
	'con',
	'avec',
	'com',
	'w',
	'of',
	'de',
	'di',
	'da',
	'do',
	'du',
	'des',
	'del',
	'della',
	'dei',
	'delle',
	'dos',
	'das',
]);

/**
 * The terms of the runs of words that hold a product word, a code or an attribute. Runs are broken by
 * stop words, prose words and sentence punctuation, so in "controlar riego y clima con un PLC pequeño"
 * the run is "PLC pequeño", and in "Umrichter (Danfoss VLT) an unseren Umspannwerken" it is "Umrichter
 * (Danfoss VLT)". Null when no run holds one (then every word counts).
 */
export function productRunTerms(
	masked: string,
): { inProduct: Set<string>; elsewhere: Set<string> } | null {
	const runs: Array<{ terms: string[]; product: boolean }> = [];
	let current = { terms: [] as string[], product: false };
	const close = () => {
		if (current.terms.length > 0 || current.product) runs.push(current);
		current = { terms: [], product: false };
	};
	for (const segment of masked.split(/[;:!?()]|\.(?=\s|$)/)) {
		// synonym phrases first, so "fuente de alimentación" is one product word, not a run break at "de"
		const words = segment
			.split(/[^a-z0-9#]+/)
			.filter((w) => w.length > 0)
			.map((w) => (w.includes(MASK) ? MASK : germanSingular(w)));
		const { tokens, fromTable } = canonicalize(words, SYNONYMS);
		tokens.forEach((t, i) => {
			if (t === MASK) current.product = true;
			else if (fromTable[i]) {
				current.terms.push(t);
				if (isProductWord(t)) current.product = true;
			} else if (JOINING.has(t)) return;
			else if (STOPWORDS.has(t) || isProseWord(t)) close();
			else {
				for (const term of textTerms(t)) {
					current.terms.push(term);
					if (isProductWord(term)) current.product = true;
				}
			}
		});
		close();
	}
	if (!runs.some((r) => r.product)) return null;
	const inProduct = new Set<string>();
	const elsewhere = new Set<string>();
	for (const r of runs) for (const t of r.terms) (r.product ? inProduct : elsewhere).add(t);
	return { inProduct, elsewhere };
}

export function weightedTerms(
	masked: string,
	extra: string[],
	attributes: Attribute[],
	languages?: ReadonlySet<ReaderLanguage>,
): { terms: QueryTerm[]; words: number } {
	let main = masked;
	let secondary = '';
	const padded = ` ${masked} `;
	PURPOSE_MARKER.lastIndex = 0;
	let marker: RegExpExecArray | null;
	while ((marker = PURPOSE_MARKER.exec(padded)) !== null) {
		const before = masked.slice(0, marker.index);
		// a carried word ("Installation für unser Autohaus": the service) names what the rest is for
		if (
			textTerms(before).some((t) => isHead(t) || extra.includes(t)) ||
			skuHints(before).length > 0
		) {
			main = before;
			secondary = masked.slice(marker.index);
			break;
		}
		PURPOSE_MARKER.lastIndex = marker.index + 1;
	}
	const weights = new Map<string, { weight: number; context: boolean; alternative?: string }>();
	const put = (term: string, weight: number, context = false, alternative?: string) => {
		const had = weights.get(term);
		if (!had || (had.context && !context) || (had.context === context && had.weight < weight))
			weights.set(term, { weight, context, alternative: alternative ?? had?.alternative });
		else if (alternative && !had.alternative) had.alternative = alternative;
	};
	const keep = (t: string) => !isTypoOfStopword(t) && !isProseWord(t);
	// words outside every run that holds a product word ("tenemos 6 invernaderos", "an unseren
	// Umspannwerken") only help the ranking; a word of a synonym phrase that spans runs counts
	const runs = productRunTerms(main);
	// the stop words of the request's languages only: "hard hat" keeps "hat" in an English request (ADR 0079)
	for (const t of textTerms(main, languages).filter(keep)) {
		if (runs && !runs.inProduct.has(t) && runs.elsewhere.has(t)) put(t, 0.35, true);
		else put(t, 1);
	}
	for (const t of textTerms(secondary, languages).filter(keep)) put(t, 0.35);
	for (const [key, words] of alternativesIn(main)) for (const t of words) put(t, 1, false, key);
	const words = weights.size;
	for (const t of extra) put(t, 1);
	for (const a of attributes) put(attributeTerm(a), 1);
	return {
		terms: [...weights].map(([term, w]) => ({
			term,
			weight: w.weight,
			...(w.context ? { context: true } : {}),
			...(w.alternative ? { alternative: w.alternative } : {}),
		})),
		words,
	};
}

export const OR_WORD = '(?:or|oder|bzw|o|ou|oppure|ovvero)';
export const ALTERNATIVE = new RegExp(
	`(?<![a-z0-9])([a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9])\\s+${OR_WORD}\\s+([a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9])(?![a-z0-9])`,
	'g',
);

/** "controllogix or compactlogix" → one key for both words' terms, when both are product words. */
export function alternativesIn(masked: string): Array<[string, string[], string]> {
	const out: Array<[string, string[], string]> = [];
	ALTERNATIVE.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = ALTERNATIVE.exec(masked)) !== null) {
		const left = textTerms(m[1]).filter((t) => !STOPWORDS.has(t) && !isProseWord(t));
		const right = textTerms(m[2]).filter((t) => !STOPWORDS.has(t) && !isProseWord(t));
		if (left.length === 0 || right.length === 0) continue;
		out.push([`${m[1]} ${m[2]}`, [...new Set([...left, ...right])], m[0]]);
		ALTERNATIVE.lastIndex = m.index + m[1].length + 1;
	}
	return out;
}
