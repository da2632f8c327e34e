// What of a request a quoted line accounts for (ADR 0021, 0032): the checks that decide whether a line
// may go out alone or leaves part of the request unread. Each returns what it found unaccounted, named for
// the reviewer; none adds or changes a line. Used by buildQuote (quote.ts).
import { namesMoney } from '../moneyWords';
import { NUMBER_WORD_LIST } from '../numberWords';
import type { CatalogItem } from './catalog';
import type { RequirementCandidates } from './candidates';
import { blankDates, possibleCounts } from './read/business';
import { HEAD_CONCEPTS } from './synonyms';
import { itemChanges } from './read/changes';
import { framingOf } from './read/framing';
import { QUANTITY_WORDS } from './read/quantity';
import { FUNCTION_WORD_KINDS, FUNCTION_WORD_LIST, FUNCTION_WORDS } from './read/functionWords';
import { isProseWord, parseRequest, type ParsedRequest, type Requirement } from './requirements';
import type { Candidate, CatalogIndex } from './retrieval';
import {
	ASKING_WORDS,
	CONTAINER_WORDS,
	COUNT_WORDS,
	ENQUIRY_WORDS,
	ONE_WORD_JOINERS,
	ONE_WORDS,
	PIECE_WORDS,
	PURPOSE_WORDS,
	type ReaderLanguage,
} from './read/vocabulary';
import {
	codeSingular,
	compactCode,
	itemLanguages,
	normalizeText,
	prepareWords,
	spellsTheSame,
	stem,
	SYNONYMS,
	textTerms,
} from './tokenize';

// number words are counts, never product words (core/numberWords.ts, the one table)
export const NUMBER_WORD = new Set(['one', ...NUMBER_WORD_LIST].flatMap((w) => [w, stem(w)]));

/** Words of a text that the catalog has and that are not among its most common ones. */
export function catalogWords(
	text: string,
	index: CatalogIndex,
	languages?: ReadonlySet<ReaderLanguage>,
): string[] {
	return [...new Set(textTerms(normalizeText(text), languages))].filter((term) => {
		// "We are building 2 identical machines": a verb of the buyer's project is no product asked for
		// (a service the catalog sells stays a product word: "Installation please.")
		if (!/^[a-z]{3,}$/.test(term) || NUMBER_WORD.has(term)) return false;
		if (isProseWord(term) && !/^(?:install|montag|commission|program|train)/.test(term))
			return false;
		const id = index.vocab.get(term);
		return id !== undefined && index.df[id] <= index.size * COMMON_WORD_SHARE;
	});
}

const JOINER_SET: ReadonlySet<string> = new Set(ONE_WORD_JOINERS);

/**
 * A part shaped as one more item of the list: after a joiner ("and", "plus", "und", "y"), an article that is
 * a count of one ("a sun hat", "und einen Sonnenhut", "y un sombrero"). Prose ("Hi Sam", "Delivery to
 * Lyon") and headings are not shaped so.
 */
function opensAsOneItem(text: string): boolean {
	const words = normalizeText(text)
		.split(/[^\p{L}\d]+/u)
		.filter(Boolean);
	let i = 0;
	while (i < words.length && JOINER_SET.has(words[i])) i += 1;
	return i < words.length && ONE_WORDS.has(words[i]) && words.length - i >= 2;
}

/**
 * Words of a part of the request that neither the catalog nor the reader knows (not a catalog word, not a
 * word of the synonym table, not prose, not a reader or function word of the message's languages, not a
 * number word): "a sun hat", "one threading die" in a message the catalog has no word of (ADR 0079).
 */
export function strangeWords(
	text: string,
	index: CatalogIndex,
	languages?: ReadonlySet<ReaderLanguage>,
): string[] {
	if (!opensAsOneItem(text)) return [];
	return [...new Set(textTerms(normalizeText(text), languages))].filter(
		(term) =>
			/^[a-z]{3,}$/.test(term) &&
			!index.vocab.has(term) &&
			!SYNONYMS.lexicon.has(term) &&
			!NUMBER_WORD.has(term) &&
			!isReaderWordOf(term, languages) &&
			!isProseWord(term),
	);
}

/** Share of the catalog above which a word is too common to name a product of its own. */
const COMMON_WORD_SHARE = 0.35;

/**
 * The item's own words: its code, name, description, maker and keywords, read as the request is and as
 * written ("touch panel" is read as one concept, "panel" is still its word). Not its category, which
 * its neighbours share.
 */
function ownWords(item: CatalogItem): Set<string> {
	// its unit too: "6 bottles of Gibco PBS" is counted in the item's own bottles (ADR 0044)
	const text = `${item.sku} ${item.name} ${item.description} ${item.manufacturer} ${item.keywords.join(' ')} ${item.uom}`;
	return new Set([...textTerms(normalizeText(text), itemLanguages(item)), ...prepareWords(text)]);
}

/** The item's words but those of its description: what it is called (code, name, maker, keywords, unit). */
function namedWords(item: CatalogItem): Set<string> {
	const text = `${item.sku} ${item.name} ${item.manufacturer} ${item.keywords.join(' ')} ${item.uom}`;
	return new Set([...textTerms(normalizeText(text), itemLanguages(item)), ...prepareWords(text)]);
}

// the words of every item's name, per catalog index
const NAME_WORDS = new WeakMap<CatalogIndex, ReadonlySet<string>>();
function catalogNameWords(index: CatalogIndex): ReadonlySet<string> {
	let words = NAME_WORDS.get(index);
	if (!words) {
		words = new Set(index.items.flatMap((i) => textTerms(normalizeText(i.name), itemLanguages(i))));
		NAME_WORDS.set(index, words);
	}
	return words;
}

/**
 * Words of the requirement (its own, not a purpose clause, not a carried family) that the catalog has
 * but the chosen item does not ("1 wallbox 11 kW with installation": installation is sold on its own):
 * the request may ask for more than the line quotes.
 */
export function otherProductWords(
	r: RequirementCandidates,
	chosen: Candidate,
	index: CatalogIndex,
	languages?: ReadonlySet<ReaderLanguage>,
): string[] {
	const item = chosen.item;
	const itemWords = ownWords(item);
	// a word only the item's category has is its neighbours' word too: a rotor filed under "Centrifuges"
	// is no centrifuge ("2 centrifuges 5810 R with the A-4-62 rotor" quoted as 2 rotors)
	const categoryOnly = new Set(
		[...textTerms(normalizeText(item.category)), ...prepareWords(item.category)].filter(
			(w) => !itemWords.has(w),
		),
	);
	const own = new Set([
		...chosen.matched_terms.flatMap((l) => l.split(/[|→]/)).filter((w) => !categoryOnly.has(w)),
		...itemWords,
	]);
	const read = new Map(r.requirement.terms.map((t) => [t.term, t]));
	const out: string[] = [];
	// the group phrase of a multiplier ("for 3 measuring points") is accounted for by the count
	const grouped = new Set(textTerms(normalizeText(r.requirement.multiplier?.text ?? '')));
	// a word for pieces bound to a number is the count's unit, not a product ("4-off", "6 off", "2 off the")
	const units = countUnits(r.requirement.text);
	// the words of an attribute the item holds ("size XL", "Größe 43", "taille L") name the attribute, not a product
	const measured = new Set(
		chosen.attributes.matched.flatMap((a) => textTerms(normalizeText(a.text), languages)),
	);
	// "4 x V60A511A-A3000 with spare coils": after a joiner, a word only the item's description has ("…, including
	// coil, without connector") that another item's name has ("Coil 22mm 24VDC 2W") is that item, not the line's
	const joined = joinedTerms(r.requirement.text);
	const named = namedWords(item);
	const names = catalogNameWords(index);
	const another = (term: string) => joined.has(term) && !named.has(term) && names.has(term);
	// the words as written, also those the parser set aside as prose ("with installation")
	for (const term of new Set(textTerms(normalizeText(r.requirement.text), languages))) {
		if (
			(own.has(term) && !another(term)) ||
			grouped.has(term) ||
			units.has(term) ||
			measured.has(term) ||
			!/^[a-z]{3,}$/.test(term) ||
			NUMBER_WORD.has(term)
		)
			continue;
		const t = read.get(term);
		// a purpose clause ("for our ControlLogix rack") or an alternative says what it is for, not what
		if (t && (t.alternative || (t.weight < 1 && !t.context))) continue;
		const id = index.vocab.get(term);
		if (id === undefined || index.df[id] > index.size * COMMON_WORD_SHARE) continue;
		out.push(term);
	}
	return out;
}

/** Words for pieces written next to a number of `text`: "4-off", "6 off", "2pcs", "- 3 szt". */
function countUnits(text: string): Set<string> {
	const out = new Set<string>();
	for (const m of normalizeText(text).matchAll(/\d\s*-?\s*(\p{L}+)/gu))
		if (PIECE_WORDS.has(m[1])) out.add(m[1]);
	return out;
}

/**
 * Words of the requirement that neither the chosen item, the catalog nor the reader knows (not a product
 * word of the synonym table, not enquiry prose, not a stop word, count or unit): a word in a language or
 * trade the rules cannot read may name what the buyer asks for ("3 cavi schermati" read as a cable the
 * catalog has), so the line is one reading and a person looks before it goes out.
 */
export function unknownWords(
	r: RequirementCandidates,
	chosen: Candidate,
	index: CatalogIndex,
	languages?: ReadonlySet<ReaderLanguage>,
): string[] {
	return unreadTerms(r, chosen, index, false, languages);
}

/**
 * Product words of the synonym table that the requirement names and that neither the chosen item nor any
 * catalog item has: a product type (HEAD_CONCEPTS: "2 x ISE20-N-M-01-W with cable", "mit Kabel", "avec câble")
 * or a word no phrase of which means a word of the item or the catalog ("mit Netzteil", "con alimentatore",
 * "with a contactor"). Not unknown words, the reader knows them as products of other trades, but nothing of this
 * catalog is them, so the line does not account for them and a person looks (a purpose clause, a multiplier's
 * group or the framing are left out, as for unknownWords).
 */
export function unsoldProductTypes(
	r: RequirementCandidates,
	chosen: Candidate,
	index: CatalogIndex,
	languages?: ReadonlySet<ReaderLanguage>,
): string[] {
	return unreadTerms(r, chosen, index, true, languages);
}

function unreadTerms(
	r: RequirementCandidates,
	chosen: Candidate,
	index: CatalogIndex,
	types: boolean,
	languages?: ReadonlySet<ReaderLanguage>,
): string[] {
	const own = ownWords(chosen.item);
	// what the reader read as a multiplier, an attribute or a measure ("gamme 3", "16 Stunden") it knows
	const req = r.requirement;
	const read = [req.multiplier?.text, req.measure?.text, ...req.attributes.map((a) => a.text)];
	const understood = new Set(textTerms(normalizeText(read.filter(Boolean).join(' '))));
	// the buyer's framing before the count ("For the Riverside pumping station project we need 2 x …")
	const framing = framingOf(req).words;
	// "Menge 5", "quantità: 2": the word for quantity labels the count the line quotes (ADR 0061)
	const labels = countLabels(req);
	// a purpose clause ("für die Lüfter", "pour le poste de relevage", "for the wort lines") says what the
	// item is for, not which item: the reader weighs it below 1 (ADR 0055; as otherProductWords reads it)
	// item is for, not which item. Only up to a comma or a joiner: "für die Pumpen, mit Bremswiderstand"
	// may ask for more
	const clause = purposeClause(req.text);
	const purpose = new Set(
		req.terms
			.filter((t) => t.weight < 1 && !t.context && !t.alternative && clause.has(t.term))
			.map((t) => t.term),
	);
	const out: string[] = [];
	// the stop words and function words of the message's languages only (ADR 0079): "hat" of "sun hats" in
	// an English request is a word to read, not German "has"
	for (const term of new Set(textTerms(normalizeText(req.text), languages))) {
		if (
			!/^[a-z]{3,}$/.test(term) ||
			own.has(term) ||
			understood.has(term) ||
			framing.has(term) ||
			purpose.has(term) ||
			labels.has(term)
		)
			continue;
		if (NUMBER_WORD.has(term) || isReaderWordOf(term, languages) || isProseWord(term)) continue;
		if (SYNONYMS.lexicon.has(term)) {
			// a word of the synonym table is known to the reader; it is a product no item of this catalog is when it
			// is a product type or when no phrase it is part of means a word of the item or of the catalog
			// ("Netzteil", "alimentatore", "contactor" beside a pressure switch)
			if (
				types &&
				!index.vocab.has(term) &&
				![...own].some((w) => spellsTheSame(term, w)) &&
				(HEAD_CONCEPTS.has(term) ||
					!phraseMeanings(term).some((m) => own.has(m) || index.vocab.has(m)))
			)
				out.push(term);
			continue;
		}
		if (types) continue;
		if (index.vocab.has(term) || [...own].some((w) => spellsTheSame(term, w))) continue;
		out.push(term);
	}
	return out;
}

/**
 * Words for quantity ("Menge 5", "quantità: 2", "cantidad 4", "Qty = 6", "Quantidades: 3"), singular or plural, written right before the number that
 * is the requirement's own count: the label of the count the line quotes (ADR 0061). Not before any other
 * number ("Menge wie letztes Mal", "insgesamt 8 (4 pro Standort)" stay unknown words) and not when the
 * quoted count is not the number written (a multiplier or a pack reading changed it).
 */
function countLabels(req: Requirement): Set<string> {
	const out = new Set<string>();
	if (!req.qty_explicit) return out;
	for (const m of normalizeText(req.text).matchAll(
		/(\p{L}+)\s*[:=.]?\s*(\d+(?:[.,]\d+)?)(?![\d\p{L}])/gu,
	))
		if (Number(m[2].replace(',', '.')) === req.qty && isQuantityWord(m[1]))
			for (const w of [m[1], ...textTerms(m[1])]) out.add(w);
	return out;
}

/** A word for quantity, or its plural ("Quantities", "Quantidades", "cantidades", "Mengen", "Aantallen", "Ilości"). */
function isQuantityWord(word: string): boolean {
	return QUANTITY_WORDS.some(
		(q) =>
			word === q ||
			(word.startsWith(q) && /^(?:s|es|n|en|len|i)$/.test(word.slice(q.length))) ||
			(q.endsWith('y') && word === `${q.slice(0, -1)}ies`),
	);
}

// what ends a purpose clause: a joiner of items or a word of an accessory ("with", "mit", "inkl.")
const CLAUSE_END = new Set([
	...ONE_WORD_JOINERS,
	...'with including incl mit inkl inklusive avec con com met z oraz plus'.split(' '),
]);

/**
 * Terms written after the first joiner of `text` ("and", "und", "et", "y", "plus", "with", "mit", "+", "&":
 * CLAUSE_END, the words that end a purpose clause): where a second item of the same requirement starts
 * ("4 x FL-41025 and pressure gauges 0-250 bar"). The words before it, or after a comma, describe the first
 * item ("Borne EtherCAT 8 entrées", "balances de précision … STX622", "1769-IQ32, 32pt 24VDC input").
 */
export function joinedTerms(text: string): Set<string> {
	const words = normalizeText(text).split(/(?=[+&])|(?<=[+&])|\s+/u);
	const at = words.findIndex((w) => w === '+' || w === '&' || CLAUSE_END.has(w));
	return new Set(at < 0 ? [] : textTerms(words.slice(at + 1).join(' ')));
}

/**
 * Terms of the words written right after the catalog code the requirement names exactly, up to the first
 * joiner, when they also name the item in its own words or attributes ("50 x 31750613 insteekkoppeling recht G1/4", "1 x 51344102 pH-elektrod InLab Expert Pro-ISM",
 * "2 x SS5Y5-20-08 SY5000 manifold 8 stn"): the buyer's own description of the item the code names, in
 * words of a language or a shop the catalog does not write, so no word of another item (ADR 0080). Words
 * before the code ("roughly 30 x …", "Ersatz für …") and after a joiner ("… and pressure gauges") are not.
 */
export function describedAfterCode(
	req: Requirement,
	chosen: Candidate,
	index: CatalogIndex,
): Set<string> {
	const out = new Set<string>();
	if (chosen.sku_match !== 'exact') return out;
	const names = (compact: string) =>
		compact.length >= 4 &&
		[compact, compact.replace(/s$/, '')].some((c) => index.skuExact.get(c)?.includes(chosen.doc));
	const words = normalizeText(req.text).split(/(?=[+&])|(?<=[+&])|\s+/u);
	const at = words.findIndex((w) => names(compactCode(w)));
	if (at < 0) return out;
	// the code's own row or phrase: up to a joiner, a bracket or the end of a clause ("30 x U-G14, final figure
	// later" describes nothing of the item)
	for (const w of words.slice(at + 1)) {
		if (w === '+' || w === '&' || CLAUSE_END.has(w) || /^[([]/.test(w)) break;
		for (const t of textTerms(w)) out.add(t);
		if (/[,;:!?.)\]]$/.test(w)) break;
	}
	// only a description that also says something of the item (a word of its name or description, not its
	// maker; or an attribute it holds, "G1/4") is the buyer's description of it: a lone word after the code
	// ("3 x 1756-IB16 zorbulated") may ask for a variant, and stays an unknown word (ADR 0032)
	const item = chosen.item;
	const maker = new Set(textTerms(normalizeText(item.manufacturer)));
	const itemWords = new Set(textTerms(normalizeText(`${item.name} ${item.description}`)));
	const agrees =
		chosen.attributes.matched.length > 0 ||
		[...out].some((t) => /^[a-z]{3,}$/.test(t) && itemWords.has(t) && !maker.has(t));
	return agrees ? out : new Set();
}

/** Terms of the words after a "for" word of `text` up to a comma, a bracket or a joiner. */
function purposeClause(text: string): Set<string> {
	const out = new Set<string>();
	let open = false;
	for (const piece of normalizeText(text).split(/(?=[,;:()[\]])|\s+/u)) {
		if (/^[,;:()[\]]/.test(piece)) open = false;
		const word = piece.replace(/^[,;:()[\]]+/, '');
		if (PURPOSE_WORDS.has(word)) open = true;
		else if (CLAUSE_END.has(word)) open = false;
		else if (open) for (const t of textTerms(word)) out.add(t);
	}
	return out;
}

// the terms of a list of words, and the words as written, since a word the terms drop as a stop word comes
// back glued to its count ("2pcs", "2szt": ADR 0055)
function wordSet(words: readonly string[]): ReadonlySet<string> {
	const text = normalizeText(words.join(' '));
	return new Set([...textTerms(text), ...text.split(/[^\p{L}]+/u).filter((w) => w.length >= 3)]);
}

// the reader's words that are no kind of pack or piece: "2 bobinas para contactor" may ask for a coil
const ASKING_LIST = [
	...ONE_WORDS,
	...ASKING_WORDS,
	...ENQUIRY_WORDS,
	...ONE_WORD_JOINERS,
	...PURPOSE_WORDS,
	...FUNCTION_WORD_LIST,
];
const WORDS_OF_ASKING = wordSet(ASKING_LIST);
const FUNCTION_WORD_SET: ReadonlySet<string> = new Set(FUNCTION_WORD_LIST);
// the reader's own words of every language (read/vocabulary.ts): counts, packs, articles, asking for a
// thing or a quote, joiners; and the function words of the languages (read/functionWords.ts: who asks,
// when and how politely, never what or how many: ADR 0057)
const READER_WORDS = wordSet([...COUNT_WORDS, ...ASKING_LIST]);
// the same without the function words, and the function words of each language apart: a message's words
// are excused as function words of its own languages only (ADR 0079: "hat" is German "has", not in "sun hats")
const READER_WORDS_BUT_FUNCTION = wordSet(
	[...COUNT_WORDS, ...ASKING_LIST].filter((w) => !FUNCTION_WORD_SET.has(w)),
);
const FUNCTION_WORDS_OF = Object.fromEntries(
	Object.entries(FUNCTION_WORDS).map(([lang, kinds]) => [
		lang,
		wordSet(FUNCTION_WORD_KINDS.flatMap((k) => kinds[k].split(' ').filter(Boolean))),
	]),
) as Record<ReaderLanguage, ReadonlySet<string>>;

/** A reader word (`isReaderWord`) of a message in `languages`: its function words are those of its languages. */
function isReaderWordOf(term: string, languages?: ReadonlySet<ReaderLanguage>): boolean {
	if (!languages) return READER_WORDS.has(term);
	if (READER_WORDS_BUT_FUNCTION.has(term)) return true;
	for (const l of languages) if (FUNCTION_WORDS_OF[l].has(term)) return true;
	return false;
}

/**
 * A word of the reader's own (read/vocabulary.ts) or a function word of the languages (read/functionWords.ts):
 * who asks, when and how politely, counts and packs; never a product's own name (ADR 0068 reads the catalog
 * words of a requirement without them).
 */
export function isReaderWord(term: string): boolean {
	return READER_WORDS.has(term);
}

/**
 * A word the catalog lacks that says who asks, when and how politely ("faudrait", "cotícenme", "bestellen",
 * "zamawiamy") or is a number word ("po jednym"): no evidence for or against any item, so retrieval gives it
 * no weight in an item's coverage (ADR 0061). Read as written and as terms, of three letters or more, never
 * a word of the synonym table (a product word) and never a word for a pack or a piece ("bobina", "caixa"), which
 * may be the product itself; whether the line leaves a word unread is still accounting's to say.
 */
export function isNoProductEvidence(term: string): boolean {
	return (
		/^[a-z]{3,}$/.test(term) &&
		!SYNONYMS.lexicon.has(term) &&
		(WORDS_OF_ASKING.has(term) || NUMBER_WORD.has(term))
	);
}

let MEANINGS: Map<string, string[]> | undefined;
/** The canonical tokens of the synonym phrases a word is part of (as a key or a value). */
function phraseMeanings(term: string): string[] {
	if (!MEANINGS) {
		MEANINGS = new Map();
		for (const [key, value] of SYNONYMS.phrases)
			for (const k of [...key.split(' '), ...value]) {
				const list = MEANINGS.get(k) ?? [];
				// a word of a glossary concept's English name means itself (ADR 0078): "welding" of "welding glove"
				// or "extension" of "extension cable" is no word of a catalog that sells gloves or cables
				if (SYNONYMS.glossary.has(key) && value.includes(k)) list.push(k);
				else list.push(...value);
				MEANINGS.set(k, list);
			}
	}
	return MEANINGS.get(term) ?? [];
}

/** "for" before what a thing is for, in the eight languages (folded). */
const FOR_WORDS = new Set(['for', 'fur', 'fuer', 'pour', 'para', 'per', 'voor', 'dla']);

/** The words of what an item is sold in: its unit, and the pack its texts name ("box of 100", "coil of 100 m"). */
function soldIn(item: CatalogItem): Set<string> {
	const text = normalizeText(`${item.name} ${item.description}`);
	const packs = [...text.matchAll(/(\p{L}+)\s+of\s+\d/gu)].map((m) => m[1]);
	const words = [...normalizeText(item.uom).split(/[^\p{L}]+/u), ...packs].filter(Boolean);
	return new Set([...words, ...words.flatMap((w) => textTerms(w))]);
}

/**
 * A word for a pack written right before a "for" word ("2 coils for contactor LC1D18", "2 bobinas para el
 * contactor …", "3 Rollen für den Etikettendrucker") when the chosen item is not sold in it (its unit, or the
 * pack its texts name): the container may be what is bought (a spare coil, a roll of labels) and the item after
 * "for" only what it is for, so the line goes to a person (ADR 0061).
 */
export function containerFor(req: Requirement, item: CatalogItem): string[] {
	const own = soldIn(item);
	// "6 packs of freezer boxes per freezer": the group a multiplier counted is what "per" names
	const group = new Set(textTerms(normalizeText(req.multiplier?.text ?? '')));
	const words = normalizeText(req.text).split(/[^\p{L}\d]+/u);
	const out: string[] = [];
	for (let i = 0; i + 1 < words.length; i++) {
		const w = words[i];
		if (!CONTAINER_WORDS.has(w) || !FOR_WORDS.has(words[i + 1])) continue;
		if (own.has(w) || textTerms(w).some((t) => own.has(t))) continue;
		if (textTerms(words[i + 2] ?? '').some((t) => group.has(t))) continue;
		out.push(w);
	}
	return out;
}

/**
 * Words of the requirement that change the item (read/changes.ts: "without the control panel", "in
 * stainless", "Ex-zone", "no keypad") and that the chosen item does not have itself: the line is the item
 * as the catalog sells it, not as the buyer asked for it.
 */
export function changedItem(req: Requirement, item: CatalogItem): string[] {
	const own = normalizeText(
		`${item.sku} ${item.name} ${item.description} ${item.keywords.join(' ')}`,
	);
	return itemChanges(req.text).filter((w) => !own.includes(w));
}

// "without chin strap", "ohne Kinnriemen", "sans visière": what an item's name says it lacks (folded)
const ITEM_LACKS =
	/(?<![\p{L}])(?:without|w\/o|ohne|sans|sin|senza|sem|zonder|bez)\s+([\p{L}-]+(?:\s+[\p{L}-]+)?)/gu;
const ASKS_WITHOUT =
	/(?<![\p{L}])(?:without|w\/o|no|ohne|kein|keine|keinen|sans|sin|senza|sem|zonder|geen|bez)(?![\p{L}])/u;

/**
 * What the chosen item's name says it is without and the requirement asks for ("3M G3000 helmet without chin
 * strap" for "helmets with chin strap"): the line is another item than the one asked for (ADR 0079). A
 * request that says "without" itself is changedItem's to read.
 */
export function lacksWhatIsAsked(req: Requirement, item: CatalogItem): string[] {
	const asked = normalizeText(req.text);
	if (ASKS_WITHOUT.test(asked)) return [];
	const words = new Set([...textTerms(asked), ...prepareWords(asked)]);
	const out: string[] = [];
	for (const m of normalizeText(item.name).matchAll(ITEM_LACKS)) {
		const lacked = textTerms(m[1]).filter((t) => /^[a-z]{3,}$/.test(t));
		if (lacked.length > 0 && lacked.every((t) => words.has(t))) out.push(m[0]);
	}
	return out;
}

/**
 * Counts stated in the parts of the request that became no requirement (a sentence the reader set aside,
 * a part it could not read), other than a multiplier's group count that a line used: "… and 3 of the
 * stainless ones" dropped by the reader is a count nothing quotes. Dates, times, percentages, codes,
 * amounts of money and long numbers (orders, phones, postcodes) are not counts.
 */
export function residueCounts(
	parsed: ParsedRequest,
	requirements: readonly Requirement[],
): string[] {
	const used = new Set<string>();
	for (const r of requirements) {
		if (!r.multiplier) continue;
		used.add(String(r.multiplier.factor));
		for (const n of r.multiplier.text.match(/\d+/g) ?? []) used.add(numberKey(n));
	}
	const out: string[] = [];
	for (const part of [...parsed.ignored, ...parsed.unread]) {
		if (namesMoney(part)) continue;
		// a date ("before our audit on 12 January", "até 20/01") is no count (read/business.ts)
		const plain = blankDates(part).replace(NOT_A_COUNT, ' ');
		for (const n of plain.match(/(?<![\p{L}\d.,])\d{1,4}(?:[.,]\d+)?(?![\p{L}\d])/gu) ?? [])
			if (!used.has(numberKey(n)))
				out.push(`"${n}" in "${part.length > 100 ? `${part.slice(0, 99)}…` : part}"`);
	}
	return out;
}

/**
 * Sentences and lines of the request read, and those after its sign-off ("Regards, Tom" then "PS: 2 more
 * hoses"), that read alone state a count or a measure of something the catalog sells (a requirement with a
 * stated count whose words the catalog has, catalogWords) while no requirement of the whole request reads those
 * words: a product phrase the reading in context let fall (a second item the splitter kept in a part it set
 * aside, a line after a heading or a sign-off, a sentence it merged away). Each is named with its words; the
 * parts already named (`reported`: unread parts, leftovers, set-aside parts) are not named twice. Read alone,
 * the sentence passes through every reader of the request (negations, what is kept or owned, business terms,
 * orders already placed), so "we already have 4 of the pumps" states no count here either.
 */
export function unreadProductPhrases(
	text: string,
	tail: readonly string[],
	requirements: readonly Requirement[],
	reported: readonly string[],
	index: CatalogIndex,
): Array<{ part: string; words: string[] }> {
	const read = new Set<string>();
	for (const r of requirements) {
		// the group a multiplier counted ("We are building 2 identical machines") is read by the count
		for (const t of textTerms(normalizeText(`${r.text} ${r.multiplier?.text ?? ''}`))) read.add(t);
		for (const t of r.terms) read.add(t.term);
	}
	const squash = (t: string) => normalizeText(t).replace(/[^\p{L}\d]+/gu, '');
	const named = reported.map(squash).filter((t) => t.length > 0);
	const out: Array<{ part: string; words: string[] }> = [];
	const split = (l: string) => l.split(/(?<=[.!?;])\s+/);
	const afterSignOff = new Set(tail.flatMap(split).map((p) => p.trim()));
	for (const part of [...text.split('\n'), ...tail].flatMap(split)) {
		const said = part.trim();
		const key = squash(said);
		if (key.length === 0 || named.some((n) => n.includes(key) || key.includes(n))) continue;
		// after the sign-off nothing is read, so a bare number counts there even when the reader took it for no
		// count ("P.S. aggiungete 12 MSA V-TEC lifelines": a verb it does not know before the count, ADR 0083)
		const bare =
			afterSignOff.has(said) && possibleCounts(said.replace(NOT_A_COUNT, ' ')).length > 0;
		const counted = parseRequest(said).requirements.filter(
			(r) => r.qty_explicit || r.measure !== null || bare,
		);
		const words = [...new Set(counted.flatMap((r) => catalogWords(r.text, index)))].filter(
			(w) => !read.has(w),
		);
		// after the sign-off, a count and right after it a word no requirement reads ("PS: graag ook 22
		// blusdekens", "P.S. aggiungete 13 occhiali uvex i-3"): the thing counted may be one the catalog sells
		// under another name (ADR 0083); read in what the reader kept a requirement of, so "we already have the
		// 4 silencers" counts nothing here either
		if (words.length === 0 && afterSignOff.has(said))
			words.push(...new Set(counted.flatMap((r) => countedWord(r.text, read))));
		if (words.length > 0) out.push({ part: said, words });
	}
	return out;
}

/**
 * The word right after a count ("22 blusdekens", "13 occhiali …") that no requirement reads and that is no
 * function, prose or number word: what is counted there, whether the catalog or a glossary knows the word.
 */
function countedWord(part: string, read: ReadonlySet<string>): string[] {
	return possibleCounts(normalizeText(part).replace(NOT_A_COUNT, ' ')).flatMap(({ next }) => {
		const term = next && /^\p{L}{3,}$/u.test(next) ? textTerms(next)[0] : undefined;
		return term !== undefined &&
			/^[a-z]{3,}$/.test(term) &&
			!read.has(term) &&
			!NUMBER_WORD.has(term) &&
			!isReaderWordOf(term, undefined) &&
			!isProseWord(term)
			? [term]
			: [];
	});
}

// dates, times, percentages, codes with letters, long numbers and phone numbers
const NOT_A_COUNT =
	/\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}|\d+(?:[.,]\d+)?\s*%|[\p{L}]+[-/]?\d[\p{L}\d/-]*|\d[\d/-]*[\p{L}][\p{L}\d/-]*|\d{5,}|\+?\d[\d ()-]{7,}\d/gu;

/**
 * The requirement's codes with letters and digits ("xb005") that the item's own texts do not hold; a code
 * glued from two written pieces ("5370" + "l33er", "vx25" + "800x2000x600") is the item's when its
 * pieces (three characters or more each) are.
 */
export function foreignCodes(req: Requirement, item: CatalogItem): string[] {
	const own = compactCode(
		`${item.sku} ${item.name} ${item.description} ${item.keywords.join(' ')}`,
	);
	const codes = req.sku_hints.filter((h) => /[a-z]/.test(h) && /\d/.test(h));
	const bound = (written: string): boolean => {
		// "the 221-413s": the item's code with a plural glued on (retrieval.ts codeSingular)
		const h = codeSingular(written, (c) => own.includes(c));
		if (own.includes(h)) return true;
		for (let i = 3; i + 3 <= h.length; i++)
			if (own.includes(h.slice(0, i)) && own.includes(h.slice(i))) return true;
		return false;
	};
	return codes.filter((h) => !bound(h));
}

export const numberKey = (n: string) => String(Number(n.replace(',', '.')));

/** The numbers of an item's code, name and keywords ("7" of "Plus 7", "36" of "36 modules", "9" of "size L (9)"). */
export function ownNumbers(item: CatalogItem): Set<string> {
	return new Set(
		`${item.sku} ${item.name} ${item.keywords.join(' ')}`
			.match(/\d+(?:[.,]\d+)?/g)
			?.map(numberKey) ?? [],
	);
}

/**
 * The requirement's loose numbers that the item's name, code and keywords do not contain ("7" of "Plus 7",
 * "302" of "FC 302" are bound) and that label nothing of the buyer's framing. Not its description: a "3"
 * the buyer wrote after "FC 302 7,5 kW — n." is no "3-phase" of the description, it is a count the reader
 * did not bind (ADR 0050).
 */
export function unboundNumbers(req: Requirement, item: CatalogItem): string[] {
	if (req.loose_numbers.length === 0) return [];
	const own = ownNumbers(item);
	// a number that labels a thing of the buyer's project in the framing ("(Bauabschnitt 2) brauchen wir 40")
	const labels = framingOf(req).labels;
	// a number the buyer wrote as a word ("…, four") is no number of the item's name
	const words = new Set(req.loose_number_words ?? []);
	return req.loose_numbers.filter(
		(n) => (words.has(n) || !own.has(numberKey(n))) && !labels.has(n),
	);
}
