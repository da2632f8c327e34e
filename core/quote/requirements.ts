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
import { attributeTerm, scanAttributes, type Attribute, type Measure } from './attributes';
import { HEAD_CONCEPTS } from './synonyms';
import { compactCode, normalizeText, stem, STOPWORDS, SYNONYMS, textTerms } from './tokenize';

export interface QueryTerm {
	term: string;
	weight: number;
	/**
	 * Carried over from the requirement before ("… ACS580 7,5 kW and 2 of 15 kW"): it helps the ranking
	 * when an item has it, and does not count against an item that lacks it.
	 */
	context?: boolean;
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
}

export interface ParsedRequest {
	requirements: Requirement[];
	/** Parts of the request that were read as not asking for a product (greetings, delivery notes). */
	ignored: string[];
	/** A discount percentage the buyer asked for in the text, if any (never applied automatically). */
	requested_discount_pct: number | null;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
	seventeen: 17,
	eighteen: 18,
	nineteen: 19,
	twenty: 20,
	thirty: 30,
	forty: 40,
	fifty: 50,
	sixty: 60,
	seventy: 70,
	eighty: 80,
	ninety: 90,
	hundred: 100,
	dozen: 12,
	zwei: 2,
	drei: 3,
	vier: 4,
	funf: 5,
	sechs: 6,
	sieben: 7,
	acht: 8,
	neun: 9,
	zehn: 10,
	elf: 11,
	zwolf: 12,
	zwanzig: 20,
	dreissig: 30,
	vierzig: 40,
	funfzig: 50,
	hundert: 100,
	dutzend: 12,
	dos: 2,
	tres: 3,
	cuatro: 4,
	cinco: 5,
	seis: 6,
	siete: 7,
	ocho: 8,
	nueve: 9,
	diez: 10,
	doce: 12,
	quince: 15,
	veinte: 20,
	treinta: 30,
	cuarenta: 40,
	cincuenta: 50,
	cien: 100,
	docena: 12,
	deux: 2,
	trois: 3,
	quatre: 4,
	cinq: 5,
	huit: 8,
	dix: 10,
	douze: 12,
	quinze: 15,
	vingt: 20,
	trente: 30,
	quarante: 40,
	cinquante: 50,
	douzaine: 12,
	quattro: 4,
	dieci: 10,
};

const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const UNITS = 'one|two|three|four|five|six|seven|eight|nine';

function numberWordsToDigits(text: string): string {
	return text
		.replace(/\bhalf an? dozen\b/g, '6')
		.replace(/\b(?:an? )?(?:pair|couple) of\b/g, '2')
		.replace(/\ba dozen\b/g, '12')
		.replace(new RegExp(`\\b(${TENS})[- ](${UNITS})\\b`, 'g'), (_m, t: string, u: string) =>
			String(NUMBER_WORDS[t] + NUMBER_WORDS[u]),
		)
		.replace(/\b[a-z]+\b/g, (w) => (NUMBER_WORDS[w] === undefined ? w : String(NUMBER_WORDS[w])));
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
	).split(/\s+/),
);

const ARTICLES = new Set(['a', 'an', 'one', 'un', 'une', 'una', 'uno', 'ein', 'eine', 'einen']);

const SIGN_OFF =
	/^(?:thanks|thank you|many thanks|regards|best|kind regards|best regards|cheers|br|mfg|mit freundlichen|viele grusse|gruss|saludos|atentamente|cordialement|merci|grazie|distinti saluti)\b/;

const DISCOUNT_RES = [
	/(\d+(?:[.,]\d+)?)\s*%\s*(?:(?:de|of|von|di)\s+)?(?:discount|off|rabatt|nachlass|descuento|remise|sconto)/i,
	/(?:discount|rabatt|nachlass|descuento|remise|sconto)\s*(?:of|von|de|du|di)?\s*(\d+(?:[.,]\d+)?)\s*%/i,
];

const PURPOSE_MARKER = /\s(?:for|fur|fuer|para|pour|per la|per il|to be used|intended for)\s/g;

interface Fragment {
	start: number;
	end: number;
	/** The separator before it contained a line break (or it is the first fragment). */
	newLine: boolean;
	/** The separator before it was a comma / "and" / "+" (weak) rather than a line, ";" or sentence end. */
	weak: boolean;
}

interface Analysis {
	text: string;
	qty: number | null;
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
}

function blank(text: string, start: number, end: number, fill = ' '): string {
	return text.slice(0, start) + fill.repeat(end - start) + text.slice(end);
}

// Attribute spans are masked with this, not spaces, so "SM 1222 DQ 16x24VDC x 4" cannot become "1222 x".
const MASK = '#';

interface QtyHit {
	qty: number;
	start: number;
	end: number;
}

const QTY_PATTERNS: RegExp[] = [
	/(?<![a-z0-9.,])(\d+(?:[.,]\d+)?)\s*x(?![a-z0-9])/,
	/(?:^|[\s(,])x\s*(\d+(?:[.,]\d+)?)(?![0-9a-z-])/,
	/\b(?:qty|quantity|menge|anzahl|cantidad|quantite|qte|qta|quantita|stuckzahl)\s*[:=.]?\s*(\d+(?:[.,]\d+)?)/,
	/(?<![a-z0-9.,])(\d+(?:[.,]\d+)?)\s*(?:pcs?|pieces?|units?|nos|no|ea|each|stk|stuck|st|uds?|unidades?|unites?|pz|pezzi|off|sets?|stks?)\b\.?/,
	/[:=]\s*(\d+)\s*$/,
	/\((\d+)\)\s*$/,
];

function toQty(text: string): number | null {
	const n = Number(text.replace(',', '.'));
	return Number.isFinite(n) && n > 0 && n < 100000 ? n : null;
}

function findExplicitQty(masked: string): QtyHit | null {
	for (const re of QTY_PATTERNS) {
		const m = re.exec(masked);
		if (!m) continue;
		const qty = toQty(m[1]);
		if (qty !== null) return { qty, start: m.index, end: m.index + m[0].length };
	}
	return null;
}

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
		if (token === '' || LEADING_FILLER.has(token) || STOPWORDS.has(word) || isTypoOfStopword(word))
			continue;
		if (/^\d+(?:[.,]\d+)?$/.test(token)) {
			const qty = toQty(token);
			const next = tokens[i + 1]?.token ?? '';
			// "7 2688022" (a numeric part number follows) is a count; "Plus 7 15 inch" is not
			if (qty === null || !(/[a-z]/.test(next) || /^\d{4,}$/.test(next))) return { kind: 'other' };
			return { kind: 'number', hit: { qty, start, end } };
		}
		if (ARTICLES.has(token)) return { kind: 'article' };
		return countBeforeProduct(tokens.slice(i));
	}
	return { kind: 'none' };
}

function namesHead(word: string): boolean {
	const w = stem(word);
	return isHead(w) || (SYNONYMS.phrases.get(w) ?? []).some((t) => isHead(t));
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
		if (namesHead(tokens[i + 1].token)) return { kind: 'number', hit: { qty, start, end } };
	}
	return { kind: 'other' };
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
		if (textTerms(before).some((t) => isHead(t)) || skuHints(before).length > 0) {
			main = before;
			secondary = masked.slice(marker.index);
			break;
		}
		PURPOSE_MARKER.lastIndex = marker.index + 1;
	}
	const weights = new Map<string, number>();
	const put = (term: string, weight: number) =>
		weights.set(term, Math.max(weights.get(term) ?? 0, weight));
	for (const t of textTerms(main)) if (!isTypoOfStopword(t)) put(t, 1);
	for (const t of textTerms(secondary)) if (!isTypoOfStopword(t)) put(t, 0.35);
	const words = weights.size;
	for (const t of extra) put(t, 1);
	for (const a of attributes) put(attributeTerm(a), 1);
	return { terms: [...weights].map(([term, weight]) => ({ term, weight })), words };
}

function analyze(original: string): Analysis {
	let norm = normalizeText(original).replace(/^\s*(?:[-*•·>]+|\(?\d{1,2}[.)]|\(?[a-z]\))\s+/, (m) =>
		' '.repeat(m.length),
	);
	norm = numberWordsToDigits(norm);
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
	const { terms, words } = weightedTerms(masked, scan.terms, attributes);
	const hints = skuHints(masked);
	return {
		text: original.trim(),
		qty: hit ? hit.qty : null,
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

// A full stop ends a sentence unless it ends an abbreviation ("3 Stk. Frequenzumrichter", "approx. 30").
const STRONG =
	/\r?\n|;|[•·\u2022]|(?<=[!?])\s+|(?<!\b(?:stk|st|pcs|pc|approx|ca|no|nr|qty|inkl|incl|fa|bzw|z\.b|e\.g|i\.e|max|min|ref|art|pos|uds|ud|std|hrs|hr|h|mtr|lfm|tlg)|\b[a-z])\.\s+(?=[\p{Lu}\d(-])/giu;
const WEAK = /,\s+|\s+(?:and|und|y|et|e|plus|sowie|as well as|along with)\s+|\s+[+&/]\s+/gi;

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
		WEAK.lastIndex = 0;
		let w: RegExpExecArray | null;
		while ((w = WEAK.exec(piece)) !== null) {
			out.push({ start: start + inner, end: start + w.index, newLine: nl, weak });
			inner = w.index + w[0].length;
			weak = true;
			nl = false;
		}
		out.push({ start: start + inner, end, newLine: nl, weak });
	};
	for (const s of strong) {
		pushPiece(cursor, s.start, newLine);
		cursor = s.end;
		newLine = s.newLine;
	}
	pushPiece(cursor, text.length, newLine);
	return out.filter((f) => text.slice(f.start, f.end).trim().length > 0);
}

/** The discount the buyer asks for, and the text with that phrase blanked out (same offsets). */
function readDiscount(text: string): { pct: number | null; rest: string } {
	for (const re of DISCOUNT_RES) {
		const m = re.exec(text);
		if (!m) continue;
		const pct = Number(m[1].replace(',', '.'));
		if (Number.isFinite(pct) && pct > 0 && pct <= 100) {
			return { pct, rest: blank(text, m.index, m.index + m[0].length) };
		}
	}
	return { pct: null, rest: text };
}

/** Reads a free-text request into requirements (see the rules at the top of this module). */
export function parseRequest(request: string): ParsedRequest {
	const { pct: requested_discount_pct, rest: text } = readDiscount(request);
	const frags = fragments(text);
	const merged: Array<{ start: number; end: number; a: Analysis }> = [];
	const ignored: string[] = [];
	let signedOff = false;
	let pending: { start: number } | null = null;
	for (const f of frags) {
		const start: number = pending ? pending.start : f.start;
		const a = analyze(text.slice(start, f.end));
		pending = null;
		if (a.signOff && !a.has_head && a.qty === null) signedOff = true;
		if (signedOff && !a.has_head) {
			ignored.push(a.text);
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
			if (last && (!f.newLine || a.qty !== null || a.measure !== null)) {
				last.end = f.end;
				last.a = analyze(text.slice(last.start, last.end));
			} else if (a.qty !== null) {
				pending = { start };
			} else {
				ignored.push(a.text);
			}
			continue;
		}
		if (
			last &&
			f.weak &&
			!a.startsWithQuantity &&
			!elliptical &&
			!(a.has_head && last.a.has_head)
		) {
			last.end = f.end;
			last.a = analyze(text.slice(last.start, last.end));
			continue;
		}
		merged.push({ start, end: f.end, a });
	}
	const requirements: Requirement[] = [];
	let previousImplied = new Set<string>();
	for (const { a } of merged) {
		if (a.terms.length === 0 && a.sku_hints.length === 0) {
			ignored.push(a.text);
			continue;
		}
		const previous = requirements[requirements.length - 1];
		if (previous && !a.namesProduct && a.attributes.length > 0 && a.words <= 1) {
			// an elliptical follow-up ("… 7,5 kW and 1 of 15 kW", "DN50 x 3 and DN100 x 1", "4 DQ 8x24VDC
			// ST" after an ET 200SP line) names only attributes: the family words of the requirement before it
			// (not its product type, not what its abbreviations implied) become context terms
			const own = new Set(a.terms.map((t) => t.term));
			for (const t of previous.terms) {
				if (t.weight < 0.5 || t.term.includes(':') || own.has(t.term)) continue;
				if (isHead(t.term) || previousImplied.has(t.term)) continue;
				a.terms.push({ term: t.term, weight: 0.5, context: true });
			}
		}
		previousImplied = new Set(a.implied);
		requirements.push({
			id: `R${requirements.length + 1}`,
			text: a.text,
			qty: a.qty ?? 1,
			qty_explicit: a.qty !== null,
			measure: a.measure,
			attributes: a.attributes,
			terms: a.terms,
			sku_hints: a.sku_hints,
			has_head: a.has_head,
		});
	}
	return { requirements, ignored, requested_discount_pct };
}
