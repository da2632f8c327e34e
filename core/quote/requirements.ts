// Splits a buyer's free-text request into requirements, each with a quantity, numeric attributes, query
// terms and SKU hints. Decides:
// - Where one requirement ends: new lines, ";", bullets and sentences always split; commas, "and"/"und"/
//   "y"/"et", "+" and "&" split only when the next part starts with a quantity ("…, 3 HMIs") or when both
//   parts name a product type ("PLC, HMI and VFD"), so "VFD, 55 kW, 400 V" stays one requirement.
// - The quantity: "x3", "3x", "qty: 3", "3 pcs/Stk/uds", a number leading the requirement ("30 Rosemount
//   3051", "two 16-point cards", "a dozen"), "(3)" at the end; otherwise 1. A measure (40 hours, 3 days,
//   100 m) is kept apart: it becomes the quantity only if the chosen item is sold per hour/day/metre.
//   Numbers that belong to an attribute ("16" of "16-point") or a model ("3051") are never quantities.
// - What is not a requirement: greetings, sign-offs and sentences without a product word ("Thanks,",
//   "Please send your best price") are ignored. A discount the buyer asks for is reported, not applied.
// - Words after a purpose marker ("for the boiler house", "für Linie 3") weigh less than the product words.
// - Lead enquiries are prose. A budget ("Budget ca. 250.000 EUR", read by core/qualify's budget reader), a
//   timing ("Umsetzung im Sommer 2027", its timeline reader), a greeting or company context ("we run a
//   bottling line in Toledo") is not a requirement unless the same part names a product. Installed
//   equipment ("Current PLC is an SLC 500 that's end-of-life") is not asked for; what replaces it is ("die
//   bestehende S5-Steuerung soll durch eine S7-1500 ersetzt werden" asks for an S7-1500, a PLC). Filler
//   words of the buyers' languages are dropped, and in a long sentence words far from the product words
//   only help the ranking (they do not count against an item), so the product terms are not diluted.
// - Ambiguity is kept, not resolved: "ControlLogix or CompactLogix" becomes one requirement whose terms
//   are alternatives, a range ("DN100-DN300", "90 à 250 kW") accepts any size in it, horsepower is read
//   as the nearest motor size in kW; each is listed in `ambiguities` for the reviewer.
import { NUMBER_WORD_LIST, numberWordsToDigits } from '../numberWords';
import { attributeTerm, scanAttributes, type Attribute, type Measure } from './attributes';
import { readMultipliers, type Multiplier } from './multipliers';
import { blankBudgetAndTiming, blankReplaced, readDiscount } from './read/asides';
import { findExplicitQty, toQty, type QtyHit } from './read/quantity';
import { rewriteTables } from './read/tables';
import { blank, STRONG } from './read/text';
import { ASKING_WORDS, ONE_WORDS, ONE_WORD_JOINERS } from './read/vocabulary';
import { canonicalize, HEAD_CONCEPTS } from './synonyms';
import {
	compactCode,
	germanSingular,
	normalizeText,
	stem,
	STOPWORDS,
	SYNONYMS,
	textTerms,
} from './tokenize';

export interface QueryTerm {
	term: string;
	weight: number;
	/**
	 * Carried over from the requirement before ("… ACS580 7,5 kW and 2 of 15 kW"): it helps the ranking
	 * when an item has it, and does not count against an item that lacks it.
	 */
	context?: boolean;
	/**
	 * Terms sharing a key are alternatives ("ControlLogix or CompactLogix"): an item that has one of them
	 * matches the group.
	 */
	alternative?: string;
}

export interface Requirement {
	/** "R1", "R2", … in request order; LLM picks refer to requirements by this id. */
	id: string;
	/** The part of the request this requirement was read from. */
	text: string;
	/** The count asked for (1 when none was given); see `measure` for hours, days and metres. */
	qty: number;
	qty_explicit: boolean;
	measure: Measure | null;
	attributes: Attribute[];
	terms: QueryTerm[];
	/** Compact SKU / model-number candidates ("1756ib16", "3051"). */
	sku_hints: string[];
	/** True when the text names a product type or a code (a PLC, a card, a 1756-IB16). */
	has_head: boolean;
	/**
	 * Prose that names no product type, code, attribute, measure or count ("Looking at ControlLogix or
	 * CompactLogix"): retrieval keeps it only when most of its words are catalog words.
	 */
	prose?: boolean;
	/** What the buyer left open (alternatives, a size range, horsepower read as kW), for the reviewer. */
	ambiguities?: string[];
	/**
	 * A count of places or machines this requirement is for ("4 pumping stations. For each station …"):
	 * `qty` already includes it; hours, days and metres are multiplied by it when the item is sold so.
	 */
	multiplier?: { factor: number; text: string };
	/**
	 * Numbers of the text that are neither the count, an attribute, a measure nor part of a code ("7" of
	 * "PanelView Plus 7", "2" of "quick 1 - 3 …"): the engine binds each to the chosen item's own name or
	 * code, or sends the quote to review naming it.
	 */
	loose_numbers: string[];
	/**
	 * A service joined to the requirement with this id ("2 wallboxes with installation"): its count is
	 * that requirement's; a service sold per hour or day gets no count from it (the quote asks a person).
	 */
	service_for?: string;
}

export interface ParsedRequest {
	requirements: Requirement[];
	/** Dropped parts that still state a count ("… and 4 of them"): nothing of the quote accounts for them. */
	leftovers: string[];
	/**
	 * Parts with no product word the parser knows ("And the installation."): the engine checks them
	 * against the catalog's words.
	 */
	unread: string[];
	/** Parts of the request that were read as not asking for a product (greetings, delivery notes). */
	ignored: string[];
	/** A discount percentage the buyer asked for in the text, if any (never applied automatically). */
	requested_discount_pct: number | null;
}

// Words a requirement may start with before its quantity ("we need 2 …", "bitte 3 …", "plus 40 h …").
const LEADING_FILLER = new Set(
	(
		'we i need needed require requires required please pls kindly quote quotation send us for pricing ' +
		'price prices request requesting looking want would like to have get offer on of about approx ' +
		'approximately ca circa around another additional further extra also add plus and include including ' +
		'the some following with our new qty: wir brauchen benotigen bitte um angebot uber fur noch ' +
		'zusatzlich weitere necesitamos necesito cotizar favor por cotizacion de nous avons besoin il faut ' +
		'merci chiffrer ci servono abbiamo bisogno di y und et e en - * > :'
	)
		.split(/\s+/)
		.concat([...ASKING_WORDS]),
);

// the words for one of every language (read/vocabulary.ts): before the product, a count of one
const ARTICLES: ReadonlySet<string> = ONE_WORDS;

// Words of enquiry prose that never name a product (verbs of wanting, planning and replacing, greetings,
// project and company context, budget and timing nouns) in English, German, Spanish, French, Italian and
// Portuguese. They are dropped from a requirement's terms so that "we need to replace …" does not dilute
// the product words; the catalog side is not affected.
const PROSE_WORDS: ReadonlySet<string> = new Set(
	[
		// English
		'run running operate operating replace replacing replacement replaced upgrade upgrading retrofit',
		'retrofitting install installing installation installed plan planning planned project projects plant',
		'plants site sites facility facilities company factory complete completely current currently existing',
		'old legacy spare spares defective faulty broken anymore longer today evaluate evaluating considering',
		'consider thinking interested interest information info regarding share call contact soon happy',
		'budget budgeted cost costs funding capex spend estimated estimate rough roughly allocated approved',
		'timeline schedule delivery deliver order ordering purchase purchasing lead time week weeks month months',
		'year years quarter next last few couple several system systems solution solutions compatible',
		'large big good best hi hello dear sir madam mr mrs ms team stock supplier partner tender',
		'build building builds equip equipping refurbish refurbishing refurbishment fit fitting maintain manage',
		'bauen bauen ausstatten construir construimos equipar equipons equipamos costruire costruiamo attrezzare',
		// German
		'brauchen brauche benotigen suchen suche planen plane mochten mochte hatten gerne gern moin servus',
		'gruezi sehr geehrte damen herren ersatz defekt defekte defekten kaputt soll sollen werden wird ersetzt',
		'ersetzen erneuern erneuerung modernisierung modernisieren umbau anlage anlagen gibt noch klappt ware',
		'gut etwa rund liegt schicken jemanden senden anfrage kosten budget bestehend bestehende vorhanden',
		'vorhandene alte alten inkl inklusive kompletten komplette nachfolgemodell nachfolger',
		'umsetzung idealerweise liefertermin lieferung bestellung geplant eilt dringend haushaltsmittel',
		'orcamento presupuesto preventivo enveloppe budgetaire investimento inversion investissement',
		// what a whole project is about, not a product: "the complete automation package (…, instrumentation)"
		'instrumentation instrumentacion instrumentierung instrumentacao strumentazione automation',
		'automatisierung automatizacion automazione automacao package paket paquete pacote',
		// Spanish
		'necesitamos necesito queremos quiero buscamos buscando tenemos contamos nuestro nuestra nuestros',
		'nuestras reemplazar reemplazo cambiar sustituir renovar modernizar automatizar instalar nuevo nueva',
		'nuevos nuevas gustaria informacion hola buenas buenos tardes dias dia estimados cotizar favor idea',
		'planta proyecto todavia aproximado aproximadamente alrededor compra prevista entrega',
		'urge parada linea',
		// French
		'souhaitons voudrions cherchons recherchons avons besoin remplacer remplacement nouveau nouvelle',
		'nouveaux nouvelles ancien ancienne actuel actuelle existant projet environ bonjour',
		'cordialement livraison souhaitee',
		// Italian
		'servono abbiamo bisogno vorremmo cerchiamo sostituire sostituzione nuovo nuova nuovi vecchio vecchia',
		'sistema buongiorno buonasera salve grazie circa impianto linea aggiungere',
		// Portuguese
		'precisamos queremos gostariamos pretendemos temos somos trocar substituir modernizar automatizar',
		'novo nova novos novas ola bom boa tarde prezados solicito cotacao obrigado atenciosamente sistema',
		'fazer obra',
	]
		.join(' ')
		.split(/\s+/)
		.map((w) => stem(w)),
);

/** A word of enquiry prose (wanting, planning, building, greeting), never a product word. */
export function isProseWord(term: string): boolean {
	return PROSE_WORDS.has(term) || PROSE_WORDS.has(germanSingular(term));
}

const SIGN_OFF =
	/^(?:thanks|thank you|many thanks|regards|best|kind regards|best regards|cheers|br|mfg|mit freundlichen|viele grusse|gruss|saludos|atentamente|cordialement|merci|grazie|distinti saluti)\b/;

const PURPOSE_MARKER =
	/\s(?:for|fur|fuer|para|pour|per la|per il|per una|per un|per i|per le|per lo|per gli|to be used|intended for)\s/g;

interface Fragment {
	start: number;
	end: number;
	/** The separator before it contained a line break (or it is the first fragment). */
	newLine: boolean;
	/** The separator before it was a comma / "and" / "+" (weak) rather than a line, ";" or sentence end. */
	weak: boolean;
	/** An item of a list introduced by a colon ("… automatizar el proceso: autómata, SCADA y variadores"). */
	listItem?: boolean;
	/** The sentence before such a list's colon ("Beckhoff EtherCAT I/O for the new skid: …"). */
	heading?: boolean;
	/** A service joined to the item before by "with" ("2 wallboxes with installation"). */
	service?: boolean;
}

interface Analysis {
	text: string;
	qty: number | null;
	loose: string[];
	startsWithQuantity: boolean;
	/** Has a count of its own ("5 de 0,75 kW", "2 of the 7 inch ones", "DN100 x 1"). */
	leadingCount: boolean;
	/** Distinct words and codes written (not implied by an abbreviation, not attributes). */
	words: number;
	/** Words implied by an I/O abbreviation ("DQ 8" → digital, output). */
	implied: string[];
	/** Names a product type or a code in its own words (not only through an abbreviation). */
	namesProduct: boolean;
	/** Names a product type or an alphanumeric code (a bare number such as a project number does not count). */
	namesProductWords: boolean;
	measure: Measure | null;
	attributes: Attribute[];
	terms: QueryTerm[];
	sku_hints: string[];
	has_head: boolean;
	signOff: boolean;
	/** Names a product type, a code with letters, an attribute or a measure (see `Requirement.prose`). */
	anchored: boolean;
	ambiguities: string[];
}

// Attribute spans are masked with this, not spaces, so "SM 1222 DQ 16x24VDC x 4" cannot become "1222 x".
const MASK = '#';

/**
 * The first token after filler words, stop words and misspelt stop words ("Need qoute for 2 …"): a number
 * (the quantity), an article, or something else. A number counts only when a word or a code follows it
 * ("3 variateurs", "12 1756-OB16E", "7 2688022"), not a short bare number ("PanelView Plus 7 15 inch").
 */
function leadingToken(masked: string): {
	kind: 'number' | 'article' | 'other' | 'none';
	hit?: QtyHit;
} {
	const tokens: Array<{ token: string; start: number; end: number }> = [];
	const re = /\S+/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(masked)) !== null) {
		const token = m[0].replace(/^[("'[¿¡#]+|[)"',.:;!?\]#]+$/g, '');
		if (token !== '') tokens.push({ token, start: m.index, end: m.index + m[0].length });
	}
	for (let i = 0; i < tokens.length; i++) {
		const { token, start, end } = tokens[i];
		const word = stem(token.replace(/'.*$/, ''));
		if (i === 0 && ARTICLES.has(token)) return { kind: 'article' };
		if (
			token === '' ||
			LEADING_FILLER.has(token) ||
			STOPWORDS.has(word) ||
			isTypoOfStopword(word) ||
			(isProseWord(word) && !isHead(word))
		)
			continue;
		if (/^\d+(?:[.,]\d+)?$/.test(token)) {
			const qty = toQty(token);
			const next = tokens[i + 1]?.token ?? '';
			// "7 2688022" (a numeric part number follows) is a count; "Plus 7 15 inch" is not
			if (qty === null || !(/[a-z]/.test(next) || /^\d{4,}$/.test(next))) return { kind: 'other' };
			return { kind: 'number', hit: { qty, start, end } };
		}
		// "please quote a Danfoss FC 302 …": an article after request words is the count (one)
		if (ARTICLES.has(token)) return { kind: 'article' };
		return countBeforeProduct(tokens.slice(i));
	}
	return { kind: 'none' };
}

function namesHead(word: string): boolean {
	for (const w of new Set([stem(word), germanSingular(word)])) {
		if (isHead(w) || (SYNONYMS.phrases.get(w) ?? []).some((t) => isHead(t))) return true;
	}
	return false;
}

/**
 * After words the parser does not know ("pourriez-vous nous faire une offre pour 2 alimentations"), a
 * number below 1000 directly before a product word is the quantity, unless a code precedes it
 * ("S7 1500 CPU").
 */
function countBeforeProduct(tokens: ReadonlyArray<{ token: string; start: number; end: number }>): {
	kind: 'number' | 'other';
	hit?: QtyHit;
} {
	for (let i = 0; i + 1 < tokens.length; i++) {
		const { token, start, end } = tokens[i];
		if (!/^\d+$/.test(token)) continue;
		const qty = toQty(token);
		if (qty === null || qty >= 1000 || /\d/.test(tokens[i - 1]?.token ?? '')) continue;
		// "FC 302", "CPU 1511", "KTP 700": a number right after a short name is its model number
		const name = tokens[i - 1]?.token ?? '';
		if (
			/^[a-z]{2,4}$/.test(name) &&
			!STOPWORDS.has(stem(name)) &&
			!LEADING_FILLER.has(name) &&
			!isProseWord(stem(name))
		)
			continue;
		// "pasar precio de 10 downlights", "offerte voor 2 Hager Golf kasten": after a function word, a
		// number followed by a word is the count ("Plus 7" is a name, not a count)
		const prev = tokens[i - 1]?.token ?? '';
		if (
			prev !== '' &&
			prev !== 'plus' &&
			(STOPWORDS.has(stem(prev)) || LEADING_FILLER.has(prev)) &&
			/^\p{L}{3,}/u.test(tokens[i + 1].token) &&
			!/^(?:x|of|de|di|da|von|mal)$/.test(tokens[i + 1].token)
		)
			return { kind: 'number', hit: { qty, start, end } };
		// "2 defekte Umrichter", "24 caudalímetros electromagnéticos": up to one word between
		const next = tokens.slice(i + 1, i + 3).map((t) => t.token);
		if (namesHead(next[0]) || (next[1] !== undefined && !/\d/.test(next[0]) && namesHead(next[1])))
			return { kind: 'number', hit: { qty, start, end } };
		// "we need 3 ABB ACS580 7.5 kW frequency converters": a brand, a model code and masked ratings
		// may stand between the count and the product word, but no other bare number
		if (countsModel(tokens.slice(i + 1, i + 7).map((t) => t.token)))
			return { kind: 'number', hit: { qty, start, end } };
	}
	return { kind: 'other' };
}

/**
 * Brand and model-code words right after a count ("3 ABB ACS580 …"): the first word or the one after it
 * is a code with letters and digits, and no bare number stands among the next words.
 */
function countsModel(after: readonly string[]): boolean {
	const codeAt = after
		.slice(0, 2)
		.findIndex((t) => /\p{L}/u.test(t) && /\d/.test(t) && !/^\d/.test(t));
	if (codeAt < 0) return false;
	if (codeAt === 1 && !/^[\p{L}\p{M}-]+$/u.test(after[0])) return false;
	return !after.some((t) => /^\d+(?:[.,]\d+)?$/.test(t));
}

function skuHints(masked: string): string[] {
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

const isProductWord = (t: string) => isHead(t) || /\d/.test(t) || t.includes(':');
// "servo motors with drives", "thermocouples with transmitters": one product phrase, not two runs
// "sensores de temperatura", "variadores de media tensión": Romance modifiers follow "de"
const JOINING = new Set([
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
function productRunTerms(
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

function weightedTerms(
	masked: string,
	extra: string[],
	attributes: Attribute[],
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
	for (const t of textTerms(main).filter(keep)) {
		if (runs && !runs.inProduct.has(t) && runs.elsewhere.has(t)) put(t, 0.35, true);
		else put(t, 1);
	}
	for (const t of textTerms(secondary).filter(keep)) put(t, 0.35);
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

const OR_WORD = '(?:or|oder|bzw|o|ou|oppure|ovvero)';
const ALTERNATIVE = new RegExp(
	`(?<![a-z0-9])([a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9])\\s+${OR_WORD}\\s+([a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9])(?![a-z0-9])`,
	'g',
);

/** "controllogix or compactlogix" → one key for both words' terms, when both are product words. */
function alternativesIn(masked: string): Array<[string, string[], string]> {
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

function analyze(original: string, carry: readonly string[] = [], display = original): Analysis {
	let norm = normalizeText(original).replace(/^\s*(?:[-*•·>]+|\(?\d{1,2}[.)]|\(?[a-z]\))\s+/, (m) =>
		' '.repeat(m.length),
	);
	norm = numberWordsToDigits(norm, ['one']);
	const scan = scanAttributes(norm);
	let masked = norm;
	for (const [s, e] of scan.spans) masked = blank(masked, s, e, MASK);
	const lead = leadingToken(masked);
	const explicit = findExplicitQty(masked);
	const hit = explicit ?? (lead.kind === 'number' ? lead.hit : undefined);
	if (hit) masked = blank(masked, hit.start, hit.end);
	const measure = scan.measures.find((m) => m.unit !== 'm') ?? scan.measures[0] ?? null;
	const measureLeads =
		measure !== null &&
		/^[\s\-*>:]*(?:\S+\s+){0,3}$/.test(norm.slice(0, norm.indexOf(measure.text)));
	const attributes = scan.attributes;
	const { terms, words } = weightedTerms(masked, [...scan.terms, ...carry], attributes);
	const hints = skuHints(masked);
	const loose = masked
		.split(/\s+/)
		.map((t) => t.replace(/^[([{'"¿¡]+|[)\]}'",.;:!?]+$/g, ''))
		.filter((t) => /^\d+(?:[.,]\d+)?$/.test(t));
	const ambiguities = alternativesIn(masked).map(([, , text]) => `alternatives "${text}"`);
	for (const a of attributes) {
		if (a.upper !== undefined) ambiguities.push(`a range "${a.text}"`);
		else if (a.from) ambiguities.push(`"${a.from}" read as ${a.value} kW`);
	}
	const letterHints = hints.some((h) => /[a-z]/.test(h));
	return {
		text: display.trim(),
		anchored:
			letterHints ||
			attributes.length > 0 ||
			measure !== null ||
			scan.terms.length > 0 ||
			terms.some((t) => t.weight === 1 && isHead(t.term)),
		ambiguities,
		qty: hit ? hit.qty : null,
		loose,
		startsWithQuantity:
			lead.kind === 'number' ||
			lead.kind === 'article' ||
			measureLeads ||
			(explicit !== null && explicit.start < 4),
		measure,
		attributes,
		terms,
		sku_hints: hints,
		// "DI 16", "AQ 4" name the product type (an I/O module) as much as "card" does
		has_head:
			hints.length > 0 ||
			scan.terms.length > 0 ||
			terms.some((t) => t.weight === 1 && isHead(t.term)),
		leadingCount: lead.kind === 'number' || explicit !== null,
		words: words + hints.length,
		implied: scan.terms,
		namesProduct:
			hints.length > 0 ||
			terms.some((t) => t.weight === 1 && !scan.terms.includes(t.term) && isHead(t.term)),
		namesProductWords:
			hints.some((h) => /[a-z]/.test(h)) ||
			scan.terms.length > 0 ||
			terms.some((t) => isHead(t.term)),
		signOff: SIGN_OFF.test(norm.trim()),
	};
}

// True when `word` is a head concept or one typo away from one ("trainning", "comissioning").
function isHead(word: string): boolean {
	if (HEAD_CONCEPTS.has(word)) return true;
	if (word.length < 5) return false;
	for (const head of HEAD_CONCEPTS) {
		if (head.length >= 5 && Math.abs(head.length - word.length) <= 1 && withinOneEdit(word, head))
			return true;
	}
	return false;
}

function withinOneEdit(a: string, b: string): boolean {
	if (a === b) return true;
	if (a.length === b.length) {
		let diff = -1;
		for (let i = 0; i < a.length; i++) {
			if (a[i] === b[i]) continue;
			if (diff >= 0) {
				// a single swap of neighbours counts as one edit
				return (
					diff === i - 1 &&
					a[diff] === b[i] &&
					a[i] === b[diff] &&
					a.slice(i + 1) === b.slice(i + 1)
				);
			}
			diff = i;
		}
		return true;
	}
	const [short, long] = a.length < b.length ? [a, b] : [b, a];
	for (let i = 0; i < long.length; i++) {
		if (long.slice(0, i) + long.slice(i + 1) === short) return true;
	}
	return false;
}

/**
 * An elliptical follow-up names a count and an attribute but no product of its own ("and 5 of 0,75 kW",
 * "DN100 x 1", "4 DQ 8x24VDC"): it refers to the product of the requirement before it.
 */
function isElliptical(a: Analysis): boolean {
	return !a.has_head && a.attributes.length > 0 && a.leadingCount && a.words <= 1;
}

/** Weight of a family carried to a later requirement: enough to break a tie, never to outrank its own words. */
const FAMILY_WEIGHT = 0.1;
const SERVICE_HEADS = new Set([
	'programming',
	'commissioning',
	'training',
	'engineering',
	'support',
]);

/** A hardware product named without a code of its own, after a requirement that named a code. */
function carriesFamily(a: Analysis, previous: Requirement): boolean {
	const family =
		previous.sku_hints.length > 0 ||
		previous.terms.some((t) => t.context && t.weight === FAMILY_WEIGHT);
	if (!a.has_head || a.sku_hints.length > 0 || !family) return false;
	const heads = a.terms.filter((t) => t.weight === 1 && isHead(t.term)).map((t) => t.term);
	return heads.length > 0 && !heads.some((h) => SERVICE_HEADS.has(h));
}

const LONG_STOPWORDS = [...STOPWORDS].filter((w) => w.length >= 5);

// "qoute", "pleaes": a misspelt request word is still not a product word
function isTypoOfStopword(term: string): boolean {
	if (term.length < 5 || !/^[a-z]+$/.test(term) || isHead(term) || SYNONYMS.lexicon.has(term))
		return false;
	return LONG_STOPWORDS.some(
		(w) => Math.abs(w.length - term.length) <= 1 && withinOneEdit(term, w),
	);
}

function contentTerms(a: Analysis): number {
	return a.terms.filter((t) => !t.term.includes(':')).length + a.sku_hints.length;
}

/** Services sold on their own, as written (diacritics kept as they may come), to their concept. */
const SERVICES: ReadonlyArray<[RegExp, string]> = [
	[
		/^(?:installation|installazione|instalaci[oó]n|instala[cç][aã]o|installierung|montage|montaje)/i,
		'installation',
	],
	[
		/^(?:commissioning|inbetriebnahme|puesta en marcha|mise en service|messa in servizio|comissionamento)/i,
		'commissioning',
	],
	[
		/^(?:programming|programmierung|programaci[oó]n|programmation|programmazione|programa[cç][aã]o)/i,
		'programming',
	],
	[/^(?:training|schulung|formaci[oó]n|formation|formazione|treinamento)/i, 'training'],
];
const SERVICE_WORDS = SERVICES.map(([re]) => re.source.replace(/^\^/, '')).join('|');

// "2 wallboxes with installation", "S7-1500 mit Inbetriebnahme": a service sold on its own, for the item;
// "2 centrifuges with the A-4-62 rotor": an accessory named by its code, one for each item (a rating or a
// size such as "M12", "IP65", "DN80" is no accessory)
const WITH_SERVICE = new RegExp(
	`\\s+(?:with|mit|con|avec|com|plus|incl\\.?|including|inkl\\.?|inklusive)\\s+(?:the |die |der |dem |den |la |le |el |l'|a |an |o |il |un |une |una |einem |einer )?(?=(?:${SERVICE_WORDS})(?![a-z])|(?!(?:ip|dn|pn|m|cat|ac|dc|pt|cpu)-?\\d)[a-z]{1,4}-?\\d[a-z0-9]*-\\d[a-z0-9-]*(?![a-z0-9]))`,
	'gi',
);
// joiners of read/vocabulary.ts that split only before a count ("… en 4 vortexmengers", "i trzech …",
// "più 2 flaconi"): elsewhere they are words of a name or of another language ("en" is Spanish "in")
const COUNTED_JOINERS = ONE_WORD_JOINERS.filter(
	(w) => !['and', 'und', 'y', 'et', 'e', 'plus', 'oraz'].includes(w),
)
	.map((w) => (w === 'piu' ? 'pi[uù]' : w === 'mas' ? 'm[aá]s' : w))
	.join('|');
// the number words are those of core/numberWords.ts ("con due moduli", "with two cards")
const WEAK = new RegExp(
	`,\\s+|[，、]|\\s+(?:and|und|y|et(?!\\s+200)|e|oraz|(?:${COUNTED_JOINERS})(?=\\s+(?:\\d|(?:${NUMBER_WORD_LIST.join('|')})\\s))|en(?=\\s+een\\s)|plus(?!\\s+\\d+\\s+\\d+(?![\\d]*[-a-z]))|(?:with|mit|con|avec|com)(?=\\s+(?:\\d+|${NUMBER_WORD_LIST.join('|')})\\s+(?!(?:mb|gb|kb|kw|kva|v|vdc|vac|a|ma|w|m|mm|cm|bar|ports?|points?|pt|channels?|ch|inch|zoll|hp|cv|ps)\\b)[a-z(\\d])|sowie|as well as|along with|inkl\\.?|incl\\.?|including|inklusive|incluyendo|incluido|inclus|compreso|incluindo)\\s+|\\s+[+&/]\\s+`,
	'gi',
);

const LIST_COLON = /:\s+(?=\S)|\s\((?=[^)0-9]*[,/][^)0-9]*\))/;

function fragments(text: string): Fragment[] {
	const strong: Array<{ start: number; end: number; newLine: boolean }> = [];
	STRONG.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = STRONG.exec(text)) !== null) {
		strong.push({ start: m.index, end: m.index + m[0].length, newLine: /\n/.test(m[0]) });
		if (m[0].length === 0) STRONG.lastIndex += 1;
	}
	const out: Fragment[] = [];
	let cursor = 0;
	let newLine = true;
	const pushPiece = (start: number, end: number, firstNewLine: boolean) => {
		const piece = text.slice(start, end);
		let inner = 0;
		let weak = false;
		let nl = firstNewLine;
		// a sentence that introduces a list after a colon: its items are separate even without a product
		// word or a count of their own
		const colon = LIST_COLON.exec(piece);
		let listFrom = Infinity;
		if (colon && colon.index > 0) {
			const before = piece.slice(0, colon.index).trim().split(/\s+/).length;
			WEAK.lastIndex = 0;
			if (before >= 3 && WEAK.test(piece.slice(colon.index + colon[0].length))) {
				out.push({ start, end: start + colon.index, newLine: nl, weak: false, heading: true });
				inner = colon.index + colon[0].length;
				listFrom = inner;
				nl = false;
			}
		}
		WEAK.lastIndex = inner;
		let service = false;
		const next = () => {
			// the earlier of the next weak separator and the next "with <service>"
			const at = WEAK.lastIndex;
			const weakHit = WEAK.exec(piece);
			// one scan from the same place (a loop over every position would be quadratic on long text)
			WITH_SERVICE.lastIndex = at;
			let svc = WITH_SERVICE.exec(piece);
			if (svc && weakHit && svc.index > weakHit.index) svc = null;
			if (svc) {
				WEAK.lastIndex = svc.index + svc[0].length;
				return { index: svc.index, length: svc[0].length, service: true };
			}
			return weakHit ? { index: weakHit.index, length: weakHit[0].length, service: false } : null;
		};
		let w: { index: number; length: number; service: boolean } | null;
		while ((w = next()) !== null) {
			out.push({
				start: start + inner,
				end: start + w.index,
				newLine: nl,
				weak,
				...(inner >= listFrom ? { listItem: true } : {}),
				...(service ? { service: true } : {}),
			});
			service = w.service;
			inner = w.index + w.length;
			weak = true;
			nl = false;
		}
		out.push({
			start: start + inner,
			end,
			newLine: nl,
			weak,
			...(inner >= listFrom ? { listItem: true } : {}),
			...(service ? { service: true } : {}),
		});
	};
	for (const s of strong) {
		pushPiece(cursor, s.start, newLine);
		cursor = s.end;
		newLine = s.newLine;
	}
	pushPiece(cursor, text.length, newLine);
	return out.filter((f) => text.slice(f.start, f.end).trim().length > 0);
}

// Installed equipment: "Current PLC is …", "die bestehende S5-Steuerung", "il vecchio PLC", "we can't get
// spare cards anymore". Only near the start of a part, so "S7-1500 to replace our old S5" still asks.
const INSTALLED =
	/(?<![a-z])(?:current|existing|old|legacy|obsolete|end-of-life|end of life|discontinued|bestehenden?|bestehender|vorhandenen?|alten?|alter|bisherigen?|actual(?:es)?|existentes?|antigu[oa]s?|viej[oa]s?|actuel(?:le)?s?|existante?s?|ancien(?:ne)?s?|vecchi[oa]?|esistent[ei]|attual[ei]|atua(?:l|is)|antig[oa]s?|can'?t get|cannot get|no longer|nicht mehr|ya no|anymore)(?![a-z])/;
// "Our crusher plant controls are a mess of relays", "Unser Backofen-Steuerung ist kaputt": the state of
// what is installed
const INSTALLED_STATE =
	/^(?:\S+\s+){0,2}(?:our|unser[ea]?|nuestr[oa]s?|notre|nos|il nostro|la nostra|nosso|nossa)\s+(?:\S+\s+){0,4}(?:is|are|was|were|ist|sind|war|es|son|est|sont|sono|sao)\s/;
// "the Centrifuge 5424 R we bought in March is making a noise": the state of what was bought, no request
const BOUGHT_STATE =
	/(?<![a-z])(?:we|i|wir|ich|nous|je|abbiamo|hemos|we've|i've)\s+(?:have\s+|habe\s+|haben\s+|avons\s+|ai\s+)?(?:bought|purchased|received|gekauft|erhalten|achete|recu|acquistato|ricevuto|comprado|recibido)(?![a-z]).*(?<![a-z])(?:is|are|was|were|has|keeps|ist|sind|war|est|sont|e|es|esta)\s/;
const REPLACED_BY = /(?<![a-z])(?:by|with|through|durch|gegen|por|par|con|com|avec)(?![a-z])/g;
const INSTALLED_WITHIN_WORDS = 5;

/**
 * null: not about installed equipment. "ignore": it only describes what is installed. Otherwise the
 * offset where the replacement starts ("… durch eine S7-1500") and the product types named before it,
 * which the replacement inherits when it names none ("il vecchio PLC … con un sistema nuovo").
 */
function installedBase(part: string): 'ignore' | { from: number; carry: string[] } | null {
	// same length as `part`, so offsets carry over
	const lower = part.toLowerCase().replace(/[’‘`´]/g, "'");
	if (BOUGHT_STATE.test(normalizeText(part))) return 'ignore';
	if (!/\d/.test(part) && INSTALLED_STATE.test(normalizeText(part).trim())) return 'ignore';
	const m = INSTALLED.exec(lower);
	if (!m) return null;
	if (lower.slice(0, m.index).trim().split(/\s+/).filter(Boolean).length >= INSTALLED_WITHIN_WORDS)
		return null;
	REPLACED_BY.lastIndex = m.index + m[0].length;
	const by = REPLACED_BY.exec(lower);
	if (!by) return 'ignore';
	const from = by.index + by[0].length;
	const carry = [
		...new Set(textTerms(normalizeText(part.slice(0, by.index))).filter((t) => isHead(t))),
	];
	return { from, carry };
}

// "… e aggiungere la supervisione da remoto", "and need to replace …": a new clause, not more detail
const CLAUSE_START =
	/^(?:(?:we|i|wir|ich|nous|je)\s+)?(?:add|adding|need|want|replace|upgrade|install|aggiungere|sostituire|hinzufugen|erganzen|ersetzen|agregar|anadir|reemplazar|cambiar|ajouter|remplacer|adicionar|trocar|substituir|queremos|necesitamos|precisamos|brauchen|benotigen|vorremmo|souhaitons)(?![a-z])/;

function opensClause(part: string): boolean {
	return CLAUSE_START.test(normalizeText(part).trim());
}

const overlaps = (spans: ReadonlyArray<[number, number]>, start: number, end: number) =>
	spans.some(([s, e]) => start < e && end > s);

// The named extractors that complete a requirement from its neighbours (parseRequest calls them in order).

/**
 * An elliptical follow-up ("… 7,5 kW and 1 of 15 kW", "DN50 x 3 and DN100 x 1", "4 DQ 8x24VDC ST" after
 * an ET 200SP line) names only attributes: the family words of the requirement before it (not its product
 * type, not what its abbreviations implied) become context terms.
 */
function carryToEllipsis(a: Analysis, previous: Requirement, previousImplied: Set<string>): void {
	const own = new Set(a.terms.map((t) => t.term));
	for (const t of previous.terms) {
		if (t.weight < 0.5 || t.term.includes(':') || own.has(t.term)) continue;
		if (isHead(t.term) || previousImplied.has(t.term)) continue;
		a.terms.push({ term: t.term, weight: 0.5, context: true });
	}
}

/**
 * "S7-1500 CPU 1515, 2 DI 16 cards and a 24 MB memory card": a product named without brand or code after
 * one that named them is read in that family first (context: an item of another family is not penalised,
 * it only ranks below). A family carried to the requirement before is carried on ("…, 3 analog cards and
 * 2 output cards").
 */
function carryFamily(a: Analysis, previous: Requirement, previousImplied: Set<string>): void {
	const own = new Set(a.terms.map((t) => t.term));
	for (const t of previous.terms) {
		if ((t.weight < 0.5 && t.weight !== FAMILY_WEIGHT) || t.term.includes(':') || own.has(t.term))
			continue;
		if (isHead(t.term) || previousImplied.has(t.term)) continue;
		a.terms.push({ term: t.term, weight: FAMILY_WEIGHT, context: true });
	}
}

/**
 * "2 Stück Promag W DN25" after a Cerabar line names a family of its own (a word of four letters or more
 * that is not implied by an abbreviation), so it is no ellipsis of the line before; "… ST", "… BA" are.
 */
function namesOwnFamily(a: Analysis): boolean {
	return a.terms.some(
		(t) =>
			t.weight === 1 &&
			!t.context &&
			!t.term.includes(':') &&
			!a.implied.includes(t.term) &&
			/^[a-z]{4,}$/.test(t.term),
	);
}

/** A list heading's family ("Beckhoff EtherCAT I/O: …"): context that ranks it first, never against. */
function carryListHeading(a: Analysis, family: readonly QueryTerm[]): void {
	const own = new Set(a.terms.map((t) => t.term));
	for (const t of family)
		if (!own.has(t.term)) a.terms.push({ term: t.term, weight: 0.5, context: true });
}

/**
 * "2 wallboxes with installation": one service for each item it comes with (the item's count, multiplier
 * included), and what the service is for ranks that product's service first ("wallbox installation").
 */
function countServiceFor(requirement: Requirement, previous: Requirement): void {
	requirement.qty = previous.qty;
	requirement.qty_explicit = previous.qty_explicit;
	requirement.service_for = previous.id;
	const own = new Set(requirement.terms.map((t) => t.term));
	for (const t of previous.terms)
		if (t.weight === 1 && isHead(t.term) && !own.has(t.term))
			requirement.terms.push({ term: t.term, weight: FAMILY_WEIGHT, context: true });
}

/**
 * The count of places or machines the requirement is for ("for each of the 4 stations", "3 cabinets in
 * total"), unless the requirement has a count of its own where only an implicit one is multiplied ("for 6
 * tanks") or its count already is the total ("2 de chaque par armoire" … 6).
 */
function multiply(requirement: Requirement, own: number | null, mu: Multiplier | undefined): void {
	if (
		!mu ||
		(mu.onlyImplicit && own !== null) ||
		(mu.perGroupCount !== null && own === mu.perGroupCount * mu.factor)
	)
		return;
	requirement.qty = (own ?? 1) * mu.factor;
	requirement.qty_explicit = true;
	requirement.multiplier = { factor: mu.factor, text: mu.text };
}

/** Reads a free-text request into requirements (see the rules at the top of this module). */
export function parseRequest(request: string): ParsedRequest {
	const { pct: requested_discount_pct, rest } = readDiscount(blankReplaced(rewriteTables(request)));
	const { text: unmultiplied, spans: timing } = blankBudgetAndTiming(rest);
	const { text, multipliers } = readMultipliers(unmultiplied);
	const frags = fragments(text);
	const merged: Array<{
		start: number;
		end: number;
		a: Analysis;
		carry: string[];
		family?: QueryTerm[];
		service?: boolean;
	}> = [];
	// the brand, family or product type a list heading names, for the items of its list
	let listFamily: QueryTerm[] | null = null;
	const ignored: string[] = [];
	const unread: string[] = [];
	let signedOff = false;
	let pending: { start: number } | null = null;
	// something was left out since the last requirement began: what follows does not continue it
	let gap = false;
	const reanalyze = (m: { start: number; end: number; a: Analysis; carry: string[] }) => {
		m.a = analyze(text.slice(m.start, m.end), m.carry, rest.slice(m.start, m.end));
	};
	for (const f of frags) {
		let start: number = pending ? pending.start : f.start;
		let carry: string[] = [];
		const base = installedBase(text.slice(start, f.end));
		if (base === 'ignore') {
			ignored.push(rest.slice(start, f.end).trim());
			pending = null;
			gap = true;
			continue;
		}
		if (base) {
			start += base.from;
			carry = base.carry;
		}
		if (f.service) {
			// the service word is prose elsewhere ("the installation is done by our staff"), here it is asked
			const said = text.slice(start, f.end).trim();
			const concept = SERVICES.find(([re]) => re.test(said))?.[1];
			if (concept) carry = [...carry, concept];
		}
		const a = analyze(text.slice(start, f.end), carry, rest.slice(start, f.end));
		pending = null;
		if (!f.listItem) listFamily = null;
		if (f.heading && a.qty === null && a.measure === null && contentTerms(a) > 0) {
			// "Beckhoff EtherCAT I/O for the new skid: 4 x 8-channel input terminals, 2 x …": the heading
			// asks for nothing itself; its words name the family of every item of the list
			listFamily = a.terms.filter((t) => t.weight === 1 && !t.term.includes(':'));
			for (const h of a.sku_hints)
				if (!listFamily.some((t) => t.term === h)) listFamily.push({ term: h, weight: 1 });
			ignored.push(a.text);
			gap = true;
			continue;
		}
		if (a.signOff && !a.has_head && a.qty === null) signedOff = true;
		if (signedOff && !a.has_head) {
			ignored.push(a.text);
			continue;
		}
		if (!a.anchored && overlaps(timing, start, f.end)) {
			// what is left of a budget or timing sentence ("Budget is around … including install")
			ignored.push(rest.slice(start, f.end).trim());
			gap = true;
			continue;
		}
		const last = merged[merged.length - 1];
		if (/:\s*$/.test(a.text) && !a.namesProductWords && a.qty === null) {
			// a heading that introduces a list ("For the Line 4 retrofit we'd like pricing on:")
			ignored.push(a.text);
			continue;
		}
		const elliptical = isElliptical(a);
		if (contentTerms(a) === 0 && !elliptical) {
			if (last && !gap && (!f.newLine || a.qty !== null || a.measure !== null)) {
				last.end = f.end;
				reanalyze(last);
			} else if (a.qty !== null) {
				pending = { start };
			} else {
				ignored.push(a.text);
				// as read: without the group counts and markers of a multiplier ("2 identical machines")
				unread.push(text.slice(start, f.end).replace(/\s+/g, ' ').trim());
			}
			continue;
		}
		if (
			last &&
			!gap &&
			f.weak &&
			!f.listItem &&
			!f.service &&
			!opensClause(a.text) &&
			!a.startsWithQuantity &&
			!elliptical &&
			!(a.has_head && last.a.has_head)
		) {
			last.end = f.end;
			reanalyze(last);
			continue;
		}
		merged.push({
			start,
			end: f.end,
			a,
			carry,
			...(listFamily ? { family: listFamily } : {}),
			...(f.service ? { service: true } : {}),
		});
		gap = false;
	}
	const requirements: Requirement[] = [];
	const leftovers: string[] = [];
	if (pending) leftovers.push(rest.slice(pending.start).trim());
	let previousImplied = new Set<string>();
	for (const { a, start, family, service } of merged) {
		if (a.terms.length === 0 && a.sku_hints.length === 0) {
			ignored.push(a.text);
			if (a.qty !== null) leftovers.push(a.text);
			continue;
		}
		const previous = requirements[requirements.length - 1];
		if (
			previous &&
			!a.namesProduct &&
			a.attributes.length > 0 &&
			a.words <= 1 &&
			!namesOwnFamily(a)
		)
			carryToEllipsis(a, previous, previousImplied);
		else if (previous && carriesFamily(a, previous)) carryFamily(a, previous, previousImplied);
		if (family) carryListHeading(a, family);
		previousImplied = new Set(a.implied);
		const requirement: Requirement = {
			id: `R${requirements.length + 1}`,
			text: a.text,
			qty: a.qty ?? 1,
			qty_explicit: a.qty !== null,
			measure: a.measure,
			attributes: a.attributes,
			terms: a.terms,
			sku_hints: a.sku_hints,
			has_head: a.has_head,
			loose_numbers: a.loose,
		};
		if (service && a.qty === null && a.measure === null && previous)
			countServiceFor(requirement, previous);
		else
			multiply(
				requirement,
				a.qty,
				multipliers.find((x) => start >= x.start && start < x.end),
			);
		if (!a.anchored && a.qty === null) requirement.prose = true;
		if (a.ambiguities.length > 0) requirement.ambiguities = a.ambiguities;
		requirements.push(requirement);
	}
	return { requirements, leftovers, unread, ignored, requested_discount_pct };
}
