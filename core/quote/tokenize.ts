// Text → index terms, the same way for catalog items and buyer requests, so that a term in one can only
// ever match the identical term in the other. Decides: case and diacritics are ignored ("Eingänge" =
// "eingange"), English-style plurals are folded ("cards" = "card"), stop words of the text's languages
// carry no weight (read/language.ts: "hat" in "hard hat" stays, in "er hat" it goes), synonyms become one canonical token (synonyms.ts), German compounds are split into
// known parts ("Digitaleingangskarte" = digital + input + module), and model numbers survive: "3051CD"
// yields "3051cd", "3051" and "cd"; bare numbers below 100 are left to attributes and quantities.
import { lemmaOf } from './read/inflection';
import { languagesOf, stopWordSets } from './read/language';
import type { ReaderLanguage } from './read/vocabulary';
import { buildSynonymTable, canonicalize, type SynonymTable } from './synonyms';

/** Lower case, no diacritics, one kind of quote, dash and multiplication sign. */
export function normalizeText(text: string): string {
	// plain ASCII (most catalog text) has nothing to decompose
	if (!/[\u0080-\uffff]/.test(text)) return text.toLowerCase().replace(/`/g, "'");
	return (
		text
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/ß/g, 'ss')
			// the Polish barred l has no decomposition: 'pudełek' is 'pudelek'
			.replace(/ł/g, 'l')
			.replace(/[″“”„]/g, '"')
			.replace(/[’‘`´]/g, "'")
			.replace(/[‐‑‒–—−]/g, '-')
			.replace(/×/g, 'x')
	);
}

/** Folds common plural endings of alphabetic tokens (English, Spanish, French): cards → card, switches → switch. */
export function stem(token: string): string {
	if (token.length <= 3 || !/^[a-z]+$/.test(token)) return token;
	// the plural of an acronym that ends in "u": CPUs, PSUs
	if (/^(?:cpu|psu|mcu|ups)s$/.test(token)) return token.slice(0, -1);
	if (token.endsWith('ies') && token.length > 4) return `${token.slice(0, -3)}y`;
	if (/(ss|sh|ch|x)es$/.test(token)) return token.slice(0, -2);
	if (token.endsWith('s') && !/(ss|us|is)$/.test(token)) return token.slice(0, -1);
	return token;
}

// The stop words of each buyer language are data in read/language.ts (ADR 0079): a word is a stop word of a
// language, dropped only from a text written in it ("hat" from "er hat", not from "hard hat").
const STOPWORDS_BY_LANGUAGE = stopWordSets(stem);

/** The stop words of every language at once: what the reader's structure words test (a run break, a count). */
export const STOPWORDS: ReadonlySet<string> = new Set(
	Object.values(STOPWORDS_BY_LANGUAGE).flatMap((set) => [...set]),
);

/**
 * A stop word of a text in `languages` (read/language.ts `languagesOf`): one of a language of the text or
 * of every language's notations. Without languages, of any language (the reader's structure words).
 */
export function isStopWord(term: string, languages?: ReadonlySet<ReaderLanguage>): boolean {
	if (!languages) return STOPWORDS.has(term);
	if (STOPWORDS_BY_LANGUAGE.any.has(term)) return true;
	for (const l of languages) if (STOPWORDS_BY_LANGUAGE[l].has(term)) return true;
	return false;
}

/**
 * The languages a catalog item is read in: those its name and description show (read/language.ts), English
 * when they show none. The index and the accounting read an item's words the same way.
 */
export function itemLanguages(item: {
	name: string;
	description?: string;
}): ReadonlySet<ReaderLanguage> {
	return languagesOf(normalizeText(`${item.name} ${item.description ?? ''}`));
}

/** Normalises a phrase and returns its stemmed alphabetic and numeric tokens (synonym keys use it). */
export function prepareWords(text: string): string[] {
	return normalizeText(text)
		.split(/[^a-z0-9]+/)
		.filter((t) => t.length > 0)
		.map(stem);
}

export const SYNONYMS: SynonymTable = buildSynonymTable(prepareWords);

// Parts that German compounds in this domain are made of, beyond the synonym table's own words.
const COMPOUND_PARTS = [
	'digital',
	'analog',
	'input',
	'output',
	'module',
	'profinet',
	'profibus',
	'ethernet',
	'ethercat',
	'sensor',
	'signal',
	'power',
	'supply',
	'pressure',
	'flow',
	'patch',
	'memory',
	'cable',
	'motor',
	'feld',
	'bus',
	'steuer',
	'hutschiene',
	'schiene',
	'schalt',
	'vor',
	'ort',
];

const LEXICON: ReadonlySet<string> = new Set([...SYNONYMS.lexicon, ...COMPOUND_PARTS]);

// Catalogs repeat the same words across thousands of items; splitting a word is the costly step, so its
// result is remembered (a pure function of the word; the memo is bounded and only saves time).
const MEMO_LIMIT = 50_000;
const decompoundMemo = new Map<string, string[] | null>();

/**
 * Splits a compound into known parts ("digitaleingangskarte" → digital, eingangs, karte), allowing a
 * linking "s" between parts; null when the word is not made entirely of known parts of >= 3 letters.
 */
export function decompound(token: string, lexicon: ReadonlySet<string> = LEXICON): string[] | null {
	if (token.length < 8 || lexicon.has(token) || !/^[a-z]+$/.test(token)) return null;
	if (lexicon !== LEXICON) return splitCompound(token, lexicon);
	const known = decompoundMemo.get(token);
	if (known !== undefined) return known;
	const parts = splitCompound(token, lexicon);
	if (decompoundMemo.size >= MEMO_LIMIT) decompoundMemo.clear();
	decompoundMemo.set(token, parts);
	return parts;
}

function splitCompound(token: string, lexicon: ReadonlySet<string>): string[] | null {
	// best[i] = fewest parts covering token[0..i)
	const best: Array<string[] | null> = new Array<string[] | null>(token.length + 1).fill(null);
	best[0] = [];
	for (let i = 0; i < token.length; i++) {
		const prefix = best[i];
		if (!prefix) continue;
		for (let j = i + 3; j <= token.length; j++) {
			// the last part may be declined or plural ("noodverlichtingsarmaturen": …armatuur)
			const written = token.slice(i, j);
			const part = j === token.length ? lemmaOf(written, (w) => lexicon.has(w)) : written;
			if (!lexicon.has(part)) continue;
			const candidate = [...prefix, part];
			const ends = [j];
			if (token[j] === 's' && j + 1 <= token.length) ends.push(j + 1);
			for (const end of ends) {
				const current = best[end];
				if (!current || current.length > candidate.length) best[end] = candidate;
			}
		}
	}
	const parts = best[token.length];
	return parts && parts.length >= 2 ? parts : null;
}

// Declined and plural forms the English rule does not fold ("Netzteile", "Hutschienen", "falowników",
// "trasmettitori", "automaten"), when the dictionary form is a word the synonym table knows: the endings
// of every buyer language are data in read/vocabulary.ts, read by read/inflection.ts.
export function germanSingular(word: string): string {
	const known = (w: string) => LEXICON.has(w);
	const s = stem(word);
	const lemma = lemmaOf(s, known);
	if (lemma !== s || known(s)) return lemma;
	// an ending the English rule cuts short ("balões" is "baloes", not "baloe"): the word as written
	const written = lemmaOf(word, known);
	return written !== word ? written : s;
}

/**
 * Canonical terms of a normalised text, in order, duplicates kept (term frequency matters for items).
 * Pure digits need three or more digits to be a term (model numbers such as 3051 or 1500). The stop words
 * dropped are those of `languages` (`isStopWord`); without them, those of every language.
 */
export function textTerms(normalized: string, languages?: ReadonlySet<ReaderLanguage>): string[] {
	const words = normalized.split(/[^a-z0-9]+/).filter((t) => t.length > 0);
	const stems = words.map(germanSingular);
	// a short series code written apart from its number ("UT 4", "FC 302", "TP 1500") also yields the
	// joined form, so it matches however the catalog or the buyer spaced it
	const joined: string[] = [];
	for (let i = 0; i + 1 < words.length; i++) {
		const [a, b] = [words[i], words[i + 1]];
		if (/^[a-z]{2,3}$/.test(a) && !STOPWORDS.has(a) && /^[0-9]{1,4}$/.test(b)) joined.push(a + b);
	}
	const { tokens, fromTable } = canonicalize(stems, SYNONYMS);
	const out: string[] = [];
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i];
		if (fromTable[i]) {
			out.push(t);
			continue;
		}
		if (/^[0-9]+$/.test(t)) {
			if (t.length >= 3) out.push(t);
			continue;
		}
		if (/^[a-z]+$/.test(t)) {
			if (t.length < 2 || isStopWord(t, languages)) continue;
			const parts = decompound(t);
			if (parts)
				out.push(...canonicalize(parts, SYNONYMS).tokens.filter((p) => !isStopWord(p, languages)));
			else out.push(t);
			continue;
		}
		// mixed letters and digits: a model or part number
		out.push(t);
		for (const run of t.match(/[a-z]+|[0-9]+/g) ?? []) {
			if ((/^[a-z]/.test(run) && run.length >= 2) || run.length >= 3) out.push(run);
		}
	}
	out.push(...joined);
	return out;
}

/** A SKU or model number reduced to lower-case letters and digits: "6ES7 521-1BH10" → "6es75211bh10". */
export function compactCode(text: string): string {
	return normalizeText(text).replace(/[^a-z0-9]/g, '');
}

/**
 * A model number with an English plural glued on ("the 221-413s", "two 1756-IB16s", "KTP700s") is the
 * model: the "s" after its last digit is dropped when the code as written is unknown and the code
 * without it is known. Codes that really end in "S" ("3051S", "224-1S") are known as written and stay.
 */
export function codeSingular(code: string, known: (c: string) => boolean): string {
	if (!/\ds$/.test(code) || known(code)) return code;
	const singular = code.slice(0, -1);
	return known(singular) ? singular : code;
}

/**
 * A word in the spelling its cognates share across the buyers' languages, so that a word and its twin in
 * another language compare letter by letter: "Zylinder", "cilindro" and "cylinder" are "cilind…", "pneumatik"
 * and "neumático" are "neumati…", "elettronico" and "electronic" are "eletroni…", "poliuretano" and
 * "polyurethane" are "poliuretan…". Folds: ph → f, th → t, y → i, k → c, z → c, w → v, ct → t, a silent p
 * before n or s at the start, doubled letters once. Applied to both words, never to a term itself.
 */
export function cognateForm(word: string): string {
	return word
		.replace(/^p([ns])/, '$1')
		.replace(/ph/g, 'f')
		.replace(/th/g, 't')
		.replace(/y/g, 'i')
		.replace(/[kz]/g, 'c')
		.replace(/w/g, 'v')
		.replace(/ct/g, 't')
		.replace(/(.)\1+/g, '$1');
}

/** Letters `a` and `b` share from their start. */
export function sharedStart(a: string, b: string): number {
	let n = 0;
	while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
	return n;
}

/**
 * The same word in another language's spelling or with another ending: "centrifugeuse" / "centrifuge",
 * "pipeta" / "pipette", "calibración" / "calibration" share their first five letters (four when both are
 * short). Accounting excuses such a word from being unknown when the chosen item has its twin.
 */
export function spellsTheSame(a: string, b: string): boolean {
	if (!/^[a-z]{4,}$/.test(b)) return false;
	const n = sharedStart(a, b);
	return n >= 5 || (n >= 4 && Math.max(a.length, b.length) <= 7);
}

/**
 * Two words of the same root, compared in their cognate forms (`cognateForm`; ADR 0069): they share their
 * first five letters or more and the shorter one goes on for at most three letters more ("cilindri" /
 * "cylinder", "regulateur" / "regulator", "magnetici" / "magnetic", "Kondensatableiter" / "condensate"). Not
 * "comprimido" / "compressor" (five more letters), not "quindi" / "Quintix" (four letters shared).
 */
export function sameRoot(form: string, otherForm: string): boolean {
	const n = sharedStart(form, otherForm);
	return n >= 5 && Math.min(form.length, otherForm.length) - n <= 3;
}
