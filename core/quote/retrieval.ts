// Lexical retrieval of catalog candidates for one requirement. Decides how a catalog item is found and
// ranked: BM25 over field-weighted terms (SKU and name count most, then keywords and manufacturer, then
// category and description), exact SKU (a large bonus, match score 1) and partial SKU / model-number
// prefixes ("3051" → 3051CD…, "1BH10" → 6ES7521-1BH10-0AA0), synonyms (already canonical in the terms),
// one-typo tolerance for words not in the catalog ("comissioning", "Rosemont"), and numeric attributes
// that must agree: an item whose stated value differs in a dimension the buyer gave (an 8-point card for a
// 16-point request) is kept only as a flagged, heavily penalised candidate, never a silent match.
// Lead enquiries add three rules: alternatives ("ControlLogix or CompactLogix") form one query group that
// either word satisfies; prose that names no product type, code or attribute is searched only when most
// of its words are catalog words (else it is company context and yields nothing); and a match for such
// prose, or for a requirement that left a choice open, has its coverage capped below certainty.
// The index is built once per catalog (postings in typed arrays, a sorted array of SKU suffixes for
// prefix search) so a query touches only the items sharing a term with it.
import {
	attributeTerm,
	nameLetterSizes,
	OPTIONAL_DIMS,
	scanAttributes,
	type Attribute,
	type AttributeDim,
} from './attributes';
import { uomKind, type CatalogItem } from './catalog';
import { isNoProductEvidence, numberKey, ownNumbers } from './accounting';
import { lengthSize, packWordsRead } from './packs';
import { CONTAINER_WORDS, type ReaderLanguage } from './read/vocabulary';
import type { Requirement } from './requirements';
import {
	codeSingular,
	cognateForm,
	compactCode,
	germanSingular,
	itemLanguages,
	normalizeText,
	sameRoot,
	sharedStart,
	SYNONYMS,
	textTerms,
} from './tokenize';

const K1 = 1.2;
const B = 0.75;
const FIELD_WEIGHTS = {
	sku: 3,
	name: 3,
	keywords: 2,
	manufacturer: 2,
	category: 1.5,
	description: 1,
	attribute: 2,
} as const;
/** How many items get the attribute and coverage re-ranking after the BM25 pass. */
const RERANK_POOL = 60;
/** Score factor for an item whose stated attribute contradicts the request. */
const CONFLICT_FACTOR = 0.15;
/** The same for a size in millimetres only: read without knowing which measure it is (bore, stroke, tube,
 * dial, length), a differing one is weaker evidence than a differing rating (read/notations.ts). */
const SIZE_CONFLICT_FACTOR = 0.5;
/** Score factor per unclaimed number of the request the item holds: enough to order near neighbours, not to outrank words. */
const NUMBER_AGREEMENT = 1.05;
/** Score factor per requested attribute the item does not state at all. */
const MISSING_FACTOR = 0.9;
/** The same for a size of read/notations.ts (inch, mm, displacement, numbered size): a variant family states
 * its sizes, so an item that states none of the asked size is less likely the one meant. */
const SIZE_MISSING_FACTOR = 0.6;
const SIZE_DIMS: ReadonlySet<string> = new Set(['in', 'mm', 'cc', 'sizeno', 'db']);
const EXACT_SKU_BONUS = 1000;
/** A code prefix matching more items than this says little about which one is meant. */
const MAX_PARTIAL_SKU_MATCHES = 400;
const FUZZY_WEIGHT = 0.8;
/** A catalog word of the same root as a word the catalog lacks ("cilindri" → cylinder) is weaker evidence still. */
const COGNATE_WEIGHT = 0.7;
/** The coverage weight of a word the catalog lacks, at most (ln(1 + 2N) for N ≈ 200 items). */
const UNKNOWN_MASS_CAP = 6;
const MAX_GROUPS = 31;
/** The highest coverage of a requirement that is prose without a product word, or left a choice open. */
const UNCERTAIN_COVERAGE = 0.8;

interface ItemAttribute {
	dim: AttributeDim;
	value: number;
}

export interface CatalogIndex {
	readonly items: readonly CatalogItem[];
	readonly size: number;
	readonly vocab: ReadonlyMap<string, number>;
	readonly df: Int32Array;
	/** Postings of term t are entries postingStart[t] … postingStart[t + 1] − 1, in item order. */
	readonly postingStart: Int32Array;
	readonly postingDocs: Int32Array;
	readonly postingTf: Float32Array;
	readonly docLen: Float32Array;
	readonly avgDocLen: number;
	readonly attributes: ReadonlyArray<readonly ItemAttribute[]>;
	/** Sorted compact SKU suffixes starting at segment boundaries, and the item of each. */
	readonly skuKeys: readonly string[];
	readonly skuKeyDocs: Int32Array;
	readonly skuExact: ReadonlyMap<string, readonly number[]>;
	readonly bySku: ReadonlyMap<string, number>;
	/** One-deletion variants of alphabetic vocabulary words and synonym words → the words. */
	readonly deletions: ReadonlyMap<string, readonly string[]>;
	/**
	 * The words of the items' names, descriptions and keywords as written (four letters or more), by the first
	 * three letters of their cognate form, each with the index terms it is read as ("Manometer" → pressure,
	 * gauge): what a word the catalog lacks may be another spelling, ending or abbreviation of.
	 */
	readonly cognates: ReadonlyMap<string, ReadonlyArray<{ form: string; terms: readonly string[] }>>;
	/** BM25 length normalisation of each item, k1 × (1 − b + b × len / avgLen). */
	readonly lengthNorm: Float32Array;
	/**
	 * Work space reused by every search (allocating 1.2 MB per query at 100k items costs more in garbage
	 * collection than the scoring itself). A search leaves it all zero again before it returns, so results
	 * never depend on earlier searches.
	 */
	readonly scratch: { acc: Float64Array; mask: Uint32Array; touched: Int32Array };
}

export interface AttributeCheck {
	matched: Attribute[];
	missing: Attribute[];
	conflicts: Array<{ wanted: Attribute; found: number[] }>;
}

export interface Candidate {
	item: CatalogItem;
	/** Position of the item in the index. */
	doc: number;
	/** Ranking score (BM25 + SKU evidence, times attribute factors); comparable within one requirement. */
	score: number;
	/** Share (0..1) of the requirement's term weight this item matches, IDF-weighted. */
	coverage: number;
	/**
	 * The same share of the words that are product evidence: words of asking, courtesy, time and number
	 * words the catalog lacks ("il nous faudrait", "cotícenme", "po jednym") and codes the accounting checks
	 * against the quoted item ("20mm", "gp0" of "Millex-GP 0,22") left out (`noEvidence`, ADR 0061). Whether
	 * a requirement is matched is read from `coverage`; how certain its line is, from this.
	 */
	evidence_coverage: number;
	sku_match: 'exact' | 'partial' | null;
	attributes: AttributeCheck;
	matched_terms: string[];
	/** Context terms (a family carried from the requirement before) the item has. */
	context_matches: number;
	/** Numbers of the requirement no count or attribute claimed ("36 moduli", "taille 9", "25mm") that the item's code, name or keywords hold. */
	number_matches: number;
	/** The message names the item's maker (candidates.ts makerNamed), in this requirement or another. */
	maker_named?: boolean;
}

export interface SearchResult {
	candidates: Candidate[];
	/** Requirement terms present in the catalog vocabulary (directly or after a typo correction). */
	known_terms: number;
	unknown_terms: string[];
	corrections: Array<{ from: string; to: string }>;
}

function deletionsOf(word: string): string[] {
	const out: string[] = [];
	for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
	return out;
}

function skuSuffixes(sku: string): string[] {
	const norm = normalizeText(sku);
	const segments = norm.split(/[^a-z0-9]+/).filter((s) => s.length > 0);
	const out: string[] = [];
	for (let i = 0; i < segments.length; i++) out.push(segments.slice(i).join(''));
	return out;
}

function itemAttributes(
	item: CatalogItem,
	memo: Map<string, ReturnType<typeof scanAttributes>>,
): { attrs: ItemAttribute[]; terms: string[] } {
	// the name is scanned on its own, description and keywords together (often shared between items)
	const rest = normalizeText(`${item.description} . ${item.keywords.join(', ')}`);
	let restScan = memo.get(rest);
	if (!restScan) {
		restScan = scanAttributes(rest);
		memo.set(rest, restScan);
	}
	const name = normalizeText(item.name);
	const nameScan = scanAttributes(name);
	const scan = {
		// "harness 2-point, XL", "vest yellow M": the name's letter size without the word "size" (ADR 0084)
		attributes: [...nameScan.attributes, ...nameLetterSizes(name), ...restScan.attributes],
		terms: [...nameScan.terms, ...restScan.terms],
	};
	const seen = new Set<string>();
	const attrs: ItemAttribute[] = [];
	for (const a of scan.attributes) {
		const key = attributeTerm(a);
		if (seen.has(key)) continue;
		seen.add(key);
		attrs.push({ dim: a.dim, value: a.value });
	}
	return { attrs, terms: scan.terms };
}

/** Builds the retrieval index of a catalog; items keep their order (doc i = items[i]). */
export function buildCatalogIndex(items: readonly CatalogItem[]): CatalogIndex {
	const vocab = new Map<string, number>();
	// postings are first written item by item (term id, weight), then regrouped by term into one flat
	// array: millions of small per-term arrays cost more in allocation and garbage collection than scoring
	let entryTerm = new Int32Array(Math.max(1024, items.length * 48));
	let entryTf = new Float32Array(entryTerm.length);
	let entries = 0;
	let dfCount = new Int32Array(1024);
	const docStart = new Int32Array(items.length + 1);
	const docLen = new Float32Array(items.length);
	const attributes: ItemAttribute[][] = [];
	const skuPairs: Array<[string, number]> = [];
	const skuExact = new Map<string, number[]>();
	const bySku = new Map<string, number>();

	// fields such as category, manufacturer, keywords and description repeat across items: each distinct
	// text is tokenised once per build
	const termMemo = new Map<string, string[]>();
	const attributeMemo = new Map<string, ReturnType<typeof scanAttributes>>();
	const termsOf = (text: string, languages: ReadonlySet<ReaderLanguage>): string[] => {
		const key = `${[...languages].join(',')}\u0000${text}`;
		let terms = termMemo.get(key);
		if (!terms) {
			terms = textTerms(normalizeText(text), languages);
			termMemo.set(key, terms);
		}
		return terms;
	};
	const catalogWords = writtenWords(items);
	const byForm = new Map<string, string>();
	for (const [word, form] of catalogWords) if (!byForm.has(form)) byForm.set(form, word);
	const partsMemo = new Map<string, readonly string[]>();
	const codesMemo = new Map<string, string[]>();
	items.forEach((item, doc) => {
		const tf = new Map<string, number>();
		const add = (terms: readonly string[], weight: number) => {
			for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + weight);
		};
		const compact = compactCode(item.sku);
		add([compact], FIELD_WEIGHTS.sku);
		add(
			textTerms(normalizeText(item.sku)).filter((t) => t !== compact),
			FIELD_WEIGHTS.sku * 0.5,
		);
		// an item is read in the languages its name and description show, English when they show none: "Hard
		// hat, white" keeps "hat", "Schutzhelm mit Kinnriemen, für die Baustelle" drops "mit" and "die" (ADR 0079)
		const languages = itemLanguages(item);
		const [what, fitsWhat] = nameParts(item.name);
		add(textTerms(normalizeText(what), languages), FIELD_WEIGHTS.name);
		add(textTerms(normalizeText(fitsWhat), languages), FIELD_WEIGHTS.description);
		add(writtenCodes(what), FIELD_WEIGHTS.name);
		const rest = `${fitsWhat} ${item.description}`;
		let restCodes = codesMemo.get(rest);
		if (!restCodes) {
			restCodes = writtenCodes(rest);
			codesMemo.set(rest, restCodes);
		}
		add(restCodes, FIELD_WEIGHTS.description);
		add(termsOf(item.keywords.join(' , '), languages), FIELD_WEIGHTS.keywords);
		add(termsOf(item.manufacturer, languages), FIELD_WEIGHTS.manufacturer);
		add(termsOf(item.category, languages), FIELD_WEIGHTS.category);
		add(termsOf(item.description, languages), FIELD_WEIGHTS.description);
		add(compoundParts(item, catalogWords, byForm, partsMemo), FIELD_WEIGHTS.description);
		const { attrs, terms } = itemAttributes(item, attributeMemo);
		attributes.push(attrs);
		add(
			attrs.map((a) => attributeTerm(a)),
			FIELD_WEIGHTS.attribute,
		);
		add(terms, FIELD_WEIGHTS.description);
		let len = 0;
		docStart[doc] = entries;
		if (entries + tf.size > entryTerm.length) {
			const size = Math.max(entryTerm.length * 2, entries + tf.size);
			const terms2 = new Int32Array(size);
			terms2.set(entryTerm);
			const tfs2 = new Float32Array(size);
			tfs2.set(entryTf);
			entryTerm = terms2;
			entryTf = tfs2;
		}
		for (const [term, weight] of tf) {
			let id = vocab.get(term);
			if (id === undefined) {
				id = vocab.size;
				vocab.set(term, id);
				if (id >= dfCount.length) {
					const grown = new Int32Array(dfCount.length * 2);
					grown.set(dfCount);
					dfCount = grown;
				}
			}
			entryTerm[entries] = id;
			entryTf[entries] = weight;
			entries += 1;
			dfCount[id] += 1;
			len += weight;
		}
		docLen[doc] = len;
		for (const key of skuSuffixes(item.sku)) if (key.length >= 2) skuPairs.push([key, doc]);
		const exact = skuExact.get(compact);
		if (exact) exact.push(doc);
		else skuExact.set(compact, [doc]);
		if (!bySku.has(item.sku)) bySku.set(item.sku, doc);
	});

	docStart[items.length] = entries;
	const df = dfCount.slice(0, vocab.size);
	const postingStart = new Int32Array(vocab.size + 1);
	for (let t = 0; t < vocab.size; t++) postingStart[t + 1] = postingStart[t] + df[t];
	const postingDocs = new Int32Array(entries);
	const postingTf = new Float32Array(entries);
	const cursor = postingStart.slice(0, vocab.size);
	for (let doc = 0; doc < items.length; doc++) {
		for (let e = docStart[doc]; e < docStart[doc + 1]; e++) {
			const at = cursor[entryTerm[e]]++;
			postingDocs[at] = doc;
			postingTf[at] = entryTf[e];
		}
	}

	skuPairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
	const deletions = new Map<string, string[]>();
	const addDeletions = (word: string) => {
		if (word.length < 5 || !/^[a-z]+$/.test(word)) return;
		for (const d of deletionsOf(word)) {
			const list = deletions.get(d);
			if (!list) deletions.set(d, [word]);
			else if (!list.includes(word)) list.push(word);
		}
	};
	for (const term of vocab.keys()) addDeletions(term);
	for (const word of SYNONYMS.lexicon) addDeletions(word);
	const cognates = new Map<string, Array<{ form: string; terms: string[] }>>();
	for (const word of catalogWords.keys()) {
		const terms = [...new Set(textTerms(word))].filter((t) => /^[a-z]+$/.test(t) && vocab.has(t));
		if (terms.length === 0) continue;
		const form = cognateForm(word);
		const key = form.slice(0, 3);
		const list = cognates.get(key);
		if (list) list.push({ form, terms });
		else cognates.set(key, [{ form, terms }]);
	}

	let total = 0;
	for (let i = 0; i < docLen.length; i++) total += docLen[i];
	const avgDocLen = items.length > 0 ? total / items.length : 1;
	const lengthNorm = new Float32Array(items.length);
	for (let i = 0; i < docLen.length; i++)
		lengthNorm[i] = K1 * (1 - B + (B * docLen[i]) / avgDocLen);
	return {
		items,
		size: items.length,
		vocab,
		df,
		postingStart,
		postingDocs,
		postingTf,
		docLen,
		avgDocLen,
		attributes,
		skuKeys: skuPairs.map((p) => p[0]),
		skuKeyDocs: Int32Array.from(skuPairs.map((p) => p[1])),
		skuExact,
		bySku,
		deletions,
		cognates,
		lengthNorm,
		scratch: {
			acc: new Float64Array(items.length),
			mask: new Uint32Array(items.length),
			touched: new Int32Array(items.length),
		},
	};
}

/**
 * An item's name cut where it says what the item is for ("Press fitting DKOL M16x1.5 | for 1SN DN10",
 * "freezer box, 100-place, | for 1.5/2 mL tubes", "Gehäuse | für …"): the words after it name another item
 * the catalog may sell (the hose, the tubes), so they weigh as the description does, not as the name (ADR 0082).
 * "per" is not such a word: "per metre", "per pipette" say how the item is sold.
 */
export function nameParts(name: string): [string, string] {
	const at = /(?:^|[\s,(])(?:for|für|fuer|pour|para)\s/i.exec(name);
	return at === null ? [name, ''] : [name.slice(0, at.index), name.slice(at.index)];
}

/**
 * Codes of two digits around a slash whose first is not the smaller ("5/2", "5/3", "3/2" of a valve's ways and
 * positions), written apart: the tokenizer reads them as nothing, an inch fraction ("1/8", "3/4") always has the
 * smaller number first. A request's such code is a term only when the catalog writes it (ADR 0082).
 */
export function wayCodes(text: string): string[] {
	return [...text.matchAll(/(?<![\w/.,])([1-9])\/([1-9])(?![\w/"″']|[.,]\d)/g)]
		.filter((m) => Number(m[1]) >= Number(m[2]))
		.map((m) => `${m[1]}/${m[2]}`);
}

/**
 * A family code with a part of one or two characters before a hyphen ("X-am 2500", "pheos B-WR", "V-Gard",
 * "i-3", "X-plore") as one word: the tokenizer drops or splits the short part ("am" is a stop word), so the
 * code alone would name nothing. Read the same way in a request, matched only when the catalog writes it.
 */
export function hyphenCodes(text: string): string[] {
	return [
		...normalizeText(text).matchAll(
			/(?<![a-z0-9-])([a-z0-9]{1,2})-([a-z0-9]{1,10})(?![a-z0-9]|-[a-z0-9])/g,
		),
	]
		.filter((m) => /[a-z]/.test(m[1] + m[2]))
		.map((m) => m[1] + m[2]);
}

/** The codes the catalog writes that the tokenizer does not keep as terms (ADR 0082). */
export function writtenCodes(text: string): string[] {
	return [...wayCodes(text), ...hyphenCodes(text)];
}

/**
 * The words of the items' names, descriptions, keywords and category paths as written (three letters or more,
 * "Cyl" of "Cyl ISO15552 D50"), with their cognate form: what the catalog's own abbreviations and compounds are read
 * against (ADR 0082).
 */
function writtenWords(items: readonly CatalogItem[]): Map<string, string> {
	const words = new Map<string, string>();
	for (const item of items)
		for (const word of normalizeText(
			`${item.name} ${item.description} ${item.keywords.join(' ')} ${item.category}`,
		).split(/[^a-z]+/))
			if (word.length >= 3 && !words.has(word)) words.set(word, cognateForm(word));
	return words;
}

/** The shortest end of a catalog compound read as a part (the catalog's own "Cyl" in "Minizyl."). */
const MIN_CATALOG_PART = 3;
/** The shortest end read as a word of the synonym table ("handschuh" in "Schnittschutzhandschuh"). */
const MIN_TABLE_PART = 6;

/**
 * The parts of the compounds of an item's name that are words of their own (ADR 0082), so a buyer who writes
 * them apart finds the item: "Minizyl." ends in the catalog's own "Cyl" (the same word as cognates spell it)
 * after "mini", a catalog word too → mini, cyl; "Schnittschutzhandschuh" ends in "Handschuh", a word of the
 * synonym table → glove. The end is the longest such part; a catalog word of three letters counts only after a
 * head that is a catalog word itself (so "Manometer" does not end in a stray "ter"), a table word needs six
 * letters (not "meter" of "Manometer").
 */
function compoundParts(
	item: CatalogItem,
	words: ReadonlyMap<string, string>,
	byForm: ReadonlyMap<string, string>,
	memo: Map<string, readonly string[]>,
): string[] {
	const out: string[] = [];
	for (const word of new Set(normalizeText(item.name).split(/[^a-z]+/))) {
		if (word.length < 7) continue;
		let parts = memo.get(word);
		if (!parts) {
			parts = wordParts(word, words, byForm);
			memo.set(word, parts);
		}
		out.push(...parts);
	}
	return out;
}

/** The parts of one compound of a name (`compoundParts`), longest end first; none when it is no compound. */
function wordParts(
	word: string,
	words: ReadonlyMap<string, string>,
	byForm: ReadonlyMap<string, string>,
): string[] {
	for (let start = 3; start <= word.length - MIN_CATALOG_PART; start++) {
		const head = word.slice(0, start);
		const part = word.slice(start);
		const headIsWord = words.has(head);
		const table =
			part.length >= MIN_TABLE_PART
				? (SYNONYMS.phrases.get(part) ?? SYNONYMS.phrases.get(germanSingular(part)))
				: undefined;
		const own = words.has(part) ? part : headIsWord ? byForm.get(cognateForm(part)) : undefined;
		const parts =
			table ?? (own && (headIsWord || part.length >= MIN_TABLE_PART) ? textTerms(own) : []);
		if (parts.length === 0) continue;
		return headIsWord ? [...parts, ...textTerms(head)] : [...parts];
	}
	return [];
}

function idf(index: CatalogIndex, df: number): number {
	return Math.log(1 + (index.size - df + 0.5) / (df + 0.5));
}

/** Words at edit distance 1 from `word` that the index or the synonym table knows, most frequent first. */
function corrections(index: CatalogIndex, word: string): string[] {
	if (word.length < 5 || !/^[a-z]+$/.test(word)) return [];
	const found = new Set<string>();
	for (const w of index.deletions.get(word) ?? []) found.add(w);
	for (const d of deletionsOf(word)) {
		if (index.vocab.has(d) || SYNONYMS.lexicon.has(d)) found.add(d);
		for (const w of index.deletions.get(d) ?? []) found.add(w);
	}
	found.delete(word);
	const resolved = new Set<string>();
	for (const w of found) {
		// a synonym word stands for its canonical tokens; keep those the catalog has
		const canonical = SYNONYMS.phrases.get(w) ?? [w];
		for (const c of canonical) if (index.vocab.has(c)) resolved.add(c);
	}
	return [...resolved]
		.sort(
			(a, b) =>
				index.df[index.vocab.get(b) ?? 0] - index.df[index.vocab.get(a) ?? 0] || (a < b ? -1 : 1),
		)
		.slice(0, 3);
}

/**
 * Catalog words of the same root as a word the catalog lacks and no typo explains (ADR 0069): its cognate
 * or another ending of it ("cilindri", "Zylinder" → cylinder; "regulateur" → regulator; `sameRoot`), the
 * last part of a compound that is one ("Normzylinder" → cylinder, "Magnetventil" → valve; the part before
 * it has three letters or more and is not read), or, when the buyer wrote it with a full stop, the start of
 * a catalog word ("Mano." → the item's "Manometer", "Zyl." → cylinder). Longest shared root first, then the
 * most frequent; at most three.
 */
function cognates(index: CatalogIndex, word: string, abbreviated: boolean): string[] {
	if (!/^[a-z]+$/.test(word) || word.length < 3) return [];
	// a short word is read only as the same word as cognates spell it ("Zyl" → the catalog's "Cyl") or, cut
	// short with a full stop, as the start of one
	const short = word.length < 5 && !abbreviated;
	const found = new Map<string, number>();
	const take = (terms: readonly string[], shared: number) => {
		for (const t of terms) if (shared > (found.get(t) ?? 0)) found.set(t, shared);
	};
	// the last part of a compound may be a word of the synonym table the catalog has ("elettrovalvola")
	for (let start = 3; !short && start <= word.length - 5; start++) {
		const part = word.slice(start);
		for (const written of new Set([part, germanSingular(part)])) {
			const canonical = written.length >= 5 ? SYNONYMS.phrases.get(written) : undefined;
			take(
				(canonical ?? []).filter((c) => index.vocab.has(c)),
				written.length,
			);
		}
	}
	const form = cognateForm(word);
	for (
		let start = 0;
		start === 0 || start <= form.length - 5;
		start = start === 0 ? 3 : start + 1
	) {
		const part = form.slice(start);
		for (const entry of index.cognates.get(part.slice(0, 3)) ?? []) {
			const shared = sharedStart(part, entry.form);
			const alike = sameRoot(part, entry.form);
			if (short) {
				if (start === 0 && entry.form === part) take(entry.terms, shared);
			} else if (start === 0 && (alike || (abbreviated && shared === part.length)))
				take(entry.terms, shared);
			// a part inside a compound ends it, give or take an ending
			else if (start > 0 && alike && part.length - shared <= 3) take(entry.terms, shared);
		}
	}
	return [...found]
		.sort(
			(a, b) =>
				b[1] - a[1] ||
				index.df[index.vocab.get(b[0]) ?? 0] - index.df[index.vocab.get(a[0]) ?? 0] ||
				(a[0] < b[0] ? -1 : 1),
		)
		.slice(0, 3)
		.map(([term]) => term);
}

function lowerBound(keys: readonly string[], prefix: string): number {
	let lo = 0;
	let hi = keys.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (keys[mid] < prefix) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Items whose SKU has a segment-aligned part starting with `prefix`, or null when there are too many. */
export function skuPrefixMatches(index: CatalogIndex, prefix: string): number[] | null {
	const docs = new Set<number>();
	for (let i = lowerBound(index.skuKeys, prefix); i < index.skuKeys.length; i++) {
		if (!index.skuKeys[i].startsWith(prefix)) break;
		docs.add(index.skuKeyDocs[i]);
		if (docs.size > MAX_PARTIAL_SKU_MATCHES) return null;
	}
	return [...docs].sort((a, b) => a - b);
}

interface Group {
	label: string;
	alternatives: Array<{ id: number; weight: number }>;
	/** Weight of the group in the coverage denominator. */
	mass: number;
	/** A context term counts in the coverage only for items that have it. */
	context: boolean;
}

export function checkAttributes(
	wanted: readonly Attribute[],
	stated: readonly ItemAttribute[],
): AttributeCheck {
	const check: AttributeCheck = { matched: [], missing: [], conflicts: [] };
	for (const w of wanted) {
		const same = stated.filter((s) => s.dim === w.dim);
		if (same.length === 0) {
			if (!OPTIONAL_DIMS.has(w.dim)) check.missing.push(w);
		} else if (
			same.some(
				(s) =>
					s.value === w.value ||
					(w.upper !== undefined && s.value >= w.value && s.value <= w.upper),
			)
		) {
			check.matched.push(w);
		} else {
			check.conflicts.push({ wanted: w, found: same.map((s) => s.value) });
		}
	}
	return check;
}

/** Ranks catalog items for one requirement; returns at most `k` candidates, best first. */
export function search(index: CatalogIndex, requirement: Requirement, k = 5): SearchResult {
	const n = index.size;
	const result: SearchResult = {
		candidates: [],
		known_terms: 0,
		unknown_terms: [],
		corrections: [],
	};
	if (n === 0) return result;

	// 1. Query groups: one per requirement term, with typo alternatives when the term is unknown.
	// a word the catalog does not know weighs like a very rare term (it may be what the buyer asked for
	// and nothing here has it), but not more as the catalog grows: BM25's ln(1 + 2N) would make a stray
	// word like "preferred" outweigh the product words twice as much in a 100k-item catalog as in 200
	const unknownMass = Math.min(Math.log(1 + (n + 0.5) / 0.5), UNKNOWN_MASS_CAP);
	const twins = sameRootReader(index, requirement);
	if (requirement.prose && !mostlyCatalogWords(index, requirement, twins)) {
		// prose that names no product type, code or attribute is a requirement only when most of its words
		// are catalog words ("ControlLogix or CompactLogix"), not company context ("a bottling line in Toledo")
		for (const t of requirement.terms)
			if (!t.context && !t.term.includes(':') && !index.vocab.has(t.term))
				result.unknown_terms.push(t.term);
		return result;
	}
	const groups: Group[] = [];
	let unknownTotal = 0;
	let noEvidenceTotal = 0;
	const packTerms = new Map<string, number>();
	const alternativeGroups = new Map<string, Group>();
	for (const { term: written, weight, context = false, alternative } of requirement.terms) {
		const term = codeSingular(written, (t) => index.vocab.has(t));
		const id = index.vocab.get(term);
		if (id !== undefined && alternative !== undefined && !context) {
			// "ControlLogix or CompactLogix": one group, an item with either word matches it
			const mass = weight * idf(index, index.df[id]);
			const group = alternativeGroups.get(alternative);
			if (group) {
				group.alternatives.push({ id, weight });
				group.label = `${group.label}|${term}`;
				group.mass = Math.max(group.mass, mass);
			} else {
				result.known_terms += 1;
				const created: Group = { label: term, alternatives: [{ id, weight }], mass, context };
				alternativeGroups.set(alternative, created);
				groups.push(created);
			}
			continue;
		}
		if (id !== undefined) {
			if (!context) result.known_terms += 1;
			groups.push({
				label: term,
				alternatives: [{ id, weight }],
				mass: weight * idf(index, index.df[id]),
				context,
			});
			continue;
		}
		if (context) continue;
		const typos = alternative === undefined ? corrections(index, term) : [];
		// a word of the same root is read only beside a word or code the catalog has as written, and
		// only for the requirement's own words (not a purpose clause): alone it never names an item
		const fixes =
			typos.length > 0 || alternative !== undefined || term.includes(':') || weight < 1
				? typos
				: twins(term);
		if (fixes.length > 0) {
			result.known_terms += 1;
			for (const f of fixes) result.corrections.push({ from: term, to: f });
			const alternatives = fixes.map((f) => ({
				id: index.vocab.get(f) as number,
				weight: weight * (typos.length > 0 ? FUZZY_WEIGHT : COGNATE_WEIGHT),
			}));
			const mass = Math.max(...alternatives.map((a) => a.weight * idf(index, index.df[a.id])));
			groups.push({ label: `${term}→${fixes.join('|')}`, alternatives, mass, context: false });
			continue;
		}
		if (alternative !== undefined) continue;
		if (!term.includes(':')) {
			result.unknown_terms.push(term);
			// a product word the catalog lacks counts against every item; an unknown word from a purpose
			// clause ("for the second filler line") says nothing about the product and does not
			if (weight >= 1) unknownTotal += weight * unknownMass;
			// a word of asking ("il nous faudrait") or a code the accounting checks against the line itself
			// still keeps a vague part from being matched, but does not make a line less certain (ADR 0061)
			if (weight >= 1 && noEvidence(term, requirement)) noEvidenceTotal += weight * unknownMass;
			// "2 cajas de placas", "een doos tips": a word for a pack the catalog lacks may be the item's own pack
			else if (weight >= 1 && CONTAINER_TERMS.has(term))
				packTerms.set(term, (packTerms.get(term) ?? 0) + weight * unknownMass);
		}
	}
	// "festo 5/3 ventiel", "one X-am 2500": a code the catalog writes as the buyer does
	const read = new Set(requirement.terms.map((t) => t.term));
	for (const code of new Set(writtenCodes(requirement.text))) {
		const id = index.vocab.get(code);
		if (id === undefined || read.has(code)) continue;
		result.known_terms += 1;
		groups.push({
			label: code,
			alternatives: [{ id, weight: 1 }],
			mass: idf(index, index.df[id]),
			context: false,
		});
	}
	groups.sort((a, b) => b.mass - a.mass);
	const used = groups.slice(0, MAX_GROUPS);

	const { acc, mask, touched } = index.scratch;
	const work = { touched: 0 };
	try {
		result.candidates = rank(
			index,
			requirement,
			used,
			{ unknownTotal, noEvidenceTotal, packTerms },
			k,
			work,
		);
	} finally {
		// leave the shared work space as it was found
		for (let i = 0; i < work.touched; i++) {
			acc[touched[i]] = 0;
			mask[touched[i]] = 0;
		}
	}
	return result;
}

/**
 * A term the catalog lacks that is no evidence against an item (ADR 0061): a word of asking, courtesy or
 * time ("il nous faudrait", "cotícenme"; accounting.ts isNoProductEvidence), or a code that the accounting
 * checks against the quoted item itself: one of the requirement's SKU hints ("20mm", "1500mm": foreignCodes
 * binds it to the item's own texts or names it for a person), or a short series code joined to a number the
 * requirement leaves loose ("Millex-GP 0,22" → "gp0", "PVC 20 mm" → "pvc20": unboundNumbers binds the number
 * to the item's name, code or keywords, or names it).
 */
function noEvidence(term: string, requirement: Requirement): boolean {
	if (isNoProductEvidence(term)) return true;
	if (/[a-z]/.test(term) && /\d/.test(term) && requirement.sku_hints.includes(term)) return true;
	const joined = /^([a-z]{2,3})(\d{1,4})$/.exec(term);
	return (
		joined !== null &&
		requirement.terms.some((t) => t.term === joined[1]) &&
		requirement.loose_numbers.some((n) => n.split(/[.,]/)[0] === joined[2])
	);
}

/** The words for a pack of read/vocabulary.ts as the terms of a requirement ("doos" → "doo"). */
const CONTAINER_TERMS: ReadonlySet<string> = new Set(
	[...CONTAINER_WORDS].flatMap((w) => [w, ...textTerms(normalizeText(w))]),
);

/**
 * The weight of the words for a pack the catalog lacks that count the item's own packs ("2 cajas de placas
 * PCR" of plates sold per box of 50, "una botella de DMEM" of a medium sold per bottle): how many of it is
 * bought, not which item (packs.ts `packWordsRead`, the reading `packCount` quotes). A pack word before a
 * "for" word ("2 bobinas para el contactor") still sends the line to a person (accounting.ts `containerFor`).
 */
function packMass(
	requirement: Requirement,
	item: CatalogItem,
	packTerms: ReadonlyMap<string, number>,
): number {
	if (packTerms.size === 0) return 0;
	const read = new Set(packWordsRead(requirement, item).flatMap((w) => [w, ...textTerms(w)]));
	let mass = 0;
	for (const [term, m] of packTerms) if (read.has(term)) mass += m;
	return mass;
}

/**
 * The requirement's numbers that neither its count nor an attribute claimed: loose numbers ("3 quadri
 * Hager 36 moduli", "taille 9") and a number with a unit the attribute reader does not know glued on
 * ("25mm"). Neighbours of one family often differ by one such number alone; the item that holds it
 * agrees with the request (ADR 0053).
 */
function agreementNumbers(requirement: Requirement): string[] {
	const glued = requirement.sku_hints
		.map((h) => /^(\d+(?:[.,]\d+)?)[a-z]{1,3}$/.exec(h)?.[1])
		.filter((n): n is string => n !== undefined);
	return [...new Set([...requirement.loose_numbers, ...glued].map(numberKey))];
}

/** More than half of the requirement's own words (not context, not attributes) are catalog words. */
function mostlyCatalogWords(
	index: CatalogIndex,
	requirement: Requirement,
	twins: (term: string) => string[],
): boolean {
	let words = 0;
	let known = 0;
	for (const t of requirement.terms) {
		if (t.context || t.weight < 1 || t.term.includes(':')) continue;
		words += 1;
		if (index.vocab.has(t.term) || twins(t.term).length > 0) known += 1;
	}
	return known * 2 > words;
}

/**
 * The catalog words a word of the requirement the catalog lacks is read as (`cognates`, ADR 0069): only
 * beside a word, code or stated value ("24 V") the catalog has as written, so a word of the same root alone never names an item
 * ("saludos desde el laboratorio").
 */
function sameRootReader(index: CatalogIndex, requirement: Requirement): (term: string) => string[] {
	const anchored =
		requirement.sku_hints.length > 0 ||
		requirement.terms.some((t) => !t.context && t.weight >= 1 && index.vocab.has(t.term));
	if (!anchored) return () => [];
	// words the buyer wrote with a full stop after them ("Zyl.", "Mano."): perhaps cut short
	const abbreviations = new Set(
		[...normalizeText(requirement.text).matchAll(/(?<![a-z])([a-z]{3,})\.(?![a-z0-9])/g)].map(
			(m) => m[1],
		),
	);
	const memo = new Map<string, string[]>();
	return (term) => {
		if (index.vocab.has(term)) return [];
		let found = memo.get(term);
		if (!found) {
			found = cognates(index, term, abbreviations.has(term));
			memo.set(term, found);
		}
		return found;
	};
}

/** Steps 2-4 of `search`; `work.touched` counts the items written in the scratch space. */
function rank(
	index: CatalogIndex,
	requirement: Requirement,
	used: readonly Group[],
	unknown: { unknownTotal: number; noEvidenceTotal: number; packTerms: Map<string, number> },
	k: number,
	work: { touched: number },
): Candidate[] {
	const { acc, mask, touched } = index.scratch;
	const touch = (doc: number) => {
		if (mask[doc] === 0 && acc[doc] === 0) touched[work.touched++] = doc;
	};
	const lengthNorm = index.lengthNorm;

	// 2. BM25 accumulation over the postings of each group.
	used.forEach((g, gi) => {
		const bit = 1 << gi;
		if (g.alternatives.length === 1) {
			const { id, weight } = g.alternatives[0];
			const w = weight * idf(index, index.df[id]);
			const docs = index.postingDocs;
			const tfs = index.postingTf;
			for (let p = index.postingStart[id]; p < index.postingStart[id + 1]; p++) {
				const doc = docs[p];
				const tf = tfs[p];
				touch(doc);
				acc[doc] += (w * tf * (K1 + 1)) / (tf + lengthNorm[doc]);
				mask[doc] |= bit;
			}
			return;
		}
		const best = new Map<number, number>();
		for (const { id, weight } of g.alternatives) {
			const w = weight * idf(index, index.df[id]);
			const docs = index.postingDocs;
			const tfs = index.postingTf;
			for (let p = index.postingStart[id]; p < index.postingStart[id + 1]; p++) {
				const s = (w * tfs[p] * (K1 + 1)) / (tfs[p] + lengthNorm[docs[p]]);
				if (s > (best.get(docs[p]) ?? 0)) best.set(docs[p], s);
			}
		}
		for (const [doc, s] of best) {
			touch(doc);
			acc[doc] += s;
			mask[doc] |= bit;
		}
	});

	// 3. SKU evidence: exact codes and segment-aligned prefixes.
	const exactDocs = new Set<number>();
	const partialDocs = new Set<number>();
	for (const written of requirement.sku_hints) {
		const hint = codeSingular(
			written,
			(h) => index.skuExact.has(h) || (skuPrefixMatches(index, h)?.length ?? 0) > 0,
		);
		const exact = index.skuExact.get(hint);
		if (exact) {
			for (const doc of exact) {
				touch(doc);
				acc[doc] += EXACT_SKU_BONUS;
				exactDocs.add(doc);
			}
			continue;
		}
		if (hint.length < 4) continue;
		const docs = skuPrefixMatches(index, hint);
		if (!docs || docs.length === 0) continue;
		const bonus = 1.5 * idf(index, docs.length);
		for (const doc of docs) {
			touch(doc);
			acc[doc] += bonus;
			partialDocs.add(doc);
		}
	}

	// 4. Keep the best RERANK_POOL by BM25, then check attributes and coverage.
	const pool: number[] = [];
	for (let t = 0; t < work.touched; t++) {
		const doc = touched[t];
		const s = acc[doc];
		if (pool.length < RERANK_POOL) {
			pool.push(doc);
			if (pool.length === RERANK_POOL) pool.sort((a, b) => acc[b] - acc[a] || a - b);
			continue;
		}
		const worst = pool[pool.length - 1];
		if (s < acc[worst] || (s === acc[worst] && doc > worst)) continue;
		let lo = 0;
		let hi = pool.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (acc[pool[mid]] > s || (acc[pool[mid]] === s && pool[mid] < doc)) lo = mid + 1;
			else hi = mid;
		}
		pool.splice(lo, 0, doc);
		pool.pop();
	}

	let totalMass = unknown.unknownTotal;
	for (const g of used) if (!g.context) totalMass += g.mass;
	// a family name in prose ("evaluating Ignition") or a request that leaves a choice open ("ControlLogix
	// or CompactLogix", "DN100-DN300") is never a certain match, however well the words are covered
	const coverageCap =
		requirement.prose || (requirement.ambiguities?.length ?? 0) > 0 ? UNCERTAIN_COVERAGE : 1;
	const numbers = agreementNumbers(requirement);
	// "50 m of OLFLEX 7G1.5", "30 m of cable tray": the length is how much is bought of an item sold by the
	// metre or in fixed lengths (quote.ts resolveQty reads it as the quantity), not a word about which item
	const lengthBought =
		requirement.measure?.unit === 'm'
			? used.find(
					(g) =>
						!g.context &&
						g.label === attributeTerm({ dim: 'm', value: requirement.measure!.value }),
				)
			: undefined;
	const candidates: Candidate[] = pool.map((doc) => {
		// "30 m of cable tray" of a tray sold in 3 m lengths asks for 10 lengths of it (packs.ts lengthCount;
		// a length that is no whole number of pieces goes to a person)
		const size =
			requirement.measure?.unit === 'm' && !requirement.qty_explicit
				? lengthSize(index.items[doc])
				: null;
		const wanted =
			size === null
				? requirement.attributes
				: requirement.attributes.filter((a) => !(a.dim === 'm' && a.value > size));
		const attributes = checkAttributes(wanted, index.attributes[doc]);
		let factor =
			attributes.conflicts.length === 0
				? 1
				: attributes.conflicts.every((c) => c.wanted.dim === 'mm')
					? SIZE_CONFLICT_FACTOR
					: CONFLICT_FACTOR;
		for (const w of attributes.missing)
			factor *= SIZE_DIMS.has(w.dim) ? SIZE_MISSING_FACTOR : MISSING_FACTOR;
		let number_matches = 0;
		if (numbers.length > 0) {
			const own = ownNumbers(index.items[doc]);
			number_matches = numbers.filter((n) => own.has(n)).length;
			factor *= NUMBER_AGREEMENT ** number_matches;
		}
		let matchedMass = 0;
		let contextMass = 0;
		let context_matches = 0;
		const matched_terms: string[] = [];
		used.forEach((g, gi) => {
			if (mask[doc] & (1 << gi)) {
				matchedMass += g.mass;
				if (g.context) {
					contextMass += g.mass;
					context_matches += 1;
				}
				matched_terms.push(g.label);
			}
		});
		const denominator = totalMass + contextMass;
		const lengthIsCount =
			lengthBought !== undefined &&
			!matched_terms.includes(lengthBought.label) &&
			(uomKind(index.items[doc].uom) === 'meter' || size !== null);
		const evidenceDenominator =
			denominator -
			unknown.noEvidenceTotal -
			(lengthIsCount ? lengthBought.mass : 0) -
			packMass(requirement, index.items[doc], unknown.packTerms);
		return {
			item: index.items[doc],
			doc,
			score: acc[doc] * factor,
			coverage: denominator > 0 ? Math.min(coverageCap, matchedMass / denominator) : 0,
			evidence_coverage:
				evidenceDenominator > 0 ? Math.min(coverageCap, matchedMass / evidenceDenominator) : 0,
			sku_match: exactDocs.has(doc) ? 'exact' : partialDocs.has(doc) ? 'partial' : null,
			attributes,
			matched_terms,
			context_matches,
			number_matches,
		};
	});
	candidates.sort(
		(a, b) =>
			b.score - a.score ||
			(a.item.sku < b.item.sku ? -1 : a.item.sku > b.item.sku ? 1 : a.doc - b.doc),
	);
	return candidates.slice(0, Math.max(1, k));
}
