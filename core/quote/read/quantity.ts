// Extractor: the count written next to an item ("x3", "3 pcs", "Qty: 3", "10 boîtes de", "- 2", "(3)").
// The unit and pack words are those of read/vocabulary.ts.
import { prepareWords, stem, STOPWORDS, SYNONYMS } from '../tokenize';
import { blank } from './text';
import {
	COUNT_PREFIXES,
	COUNT_WORDS,
	CROSS_SECTION_WORDS,
	DAY_WORDS,
	HOUR_WORDS,
	KILOMETRE_WORDS,
	METRE_WORDS,
} from './vocabulary';

/** The word for "quantity" of a form or a list, in the buyers' languages (folded). */
export const QUANTITY_WORDS = [
	'qty',
	'quantity',
	'menge',
	'anzahl',
	'stuckzahl',
	'cantidad',
	'quantite',
	'qte',
	'qta',
	'quantita',
	'aantal',
	'quantidade',
	'qtd',
	'qtde',
	'ilosc',
];

export interface QtyHit {
	qty: number;
	start: number;
	end: number;
}

// "3 pcs", "4 Stück", "12 sztuk", "10 boîtes de", "5 opakowań": the words of read/vocabulary.ts
// Not a segment of a code: "FX5-16EX/ES" holds no count of 16 "ex." (copies).
// Polish "para" (a pair) is Spanish and Portuguese "for", French "par" is "by": after a number such a word
// counts only when no article follows ("2 para rękawic", not "Fluke 117 para a nossa equipa")
const PREPOSITION_COUNT_WORDS = new Set(['para', 'par']);
const DETERMINER =
	'(?:a|o|as|os|el|la|los|las|le|les|l|the|our|un|una|uma|um|il|lo|gli|nuestr[oa]s?|noss[oa]s?|notre|nos|nostr[oia])';
const COUNTED = new RegExp(
	`(?<![a-z0-9.,])(?<![a-z0-9][-/])(\\d+(?:[.,]\\d+)?)\\s*-?\\s*(?:${COUNT_WORDS.map((w) =>
		PREPOSITION_COUNT_WORDS.has(w) ? `${w}(?!\\s+${DETERMINER}(?![a-z]))` : w,
	).join('|')})(?![a-z0-9])\\.?`,
);

/**
 * A count after the item, set off by a dash or a table bar, with or without a word for "number" or
 * "quantity": "KTP1200 Basic - 2", "SE-LC1D09BD | 6", "FC 302 7,5 kW — n. 3", "… – nr 4", "… — qty 2", a
 * request form's "… DN80 — Cantidad: 4 uds", "… 36 W, 4000 K — 48 st." (folded text); a line of a list may end
 * with the list's comma or semicolon ("– switch 16-portowy – dwa,", "- KTP700 Basic - 2;").
 */
// the words for pieces and containers of the eight languages ("off", "cases", "Flaschen", "szt.")
const TRAILING_UNITS = COUNT_WORDS.filter((w) => /^[a-z]+$/.test(w)).join('|');
export const TRAILING_COUNT = new RegExp(
	`\\s[-–—|]\\s*(?:(?:${[...COUNT_PREFIXES, 'no', 'qty', ...QUANTITY_WORDS].join('|')})\\.?\\s*:?\\s*)?(\\d{1,5})\\s*(?:pcs?|stk|st|uds?|units?|nos|x|stuks?|szt|sztuk[ia]?|einheit(?:en)?|${TRAILING_UNITS})?\\.?\\s*[|,;]?\\s*$`,
);

const QTY_PATTERNS: RegExp[] = [
	// "3x", "3 x" — not the last segment of a code ("221-413 x 5", "24DC/21 x 50"), nor the first side of a
	// size in millimetres or centimetres ("Petrischalen 92 x 16 mm", "600 x 600 mm")
	/(?<![a-z0-9.,/-])(\d+(?:[.,]\d+)?)\s*x(?![a-z0-9])(?!\s*\d+(?:[.,]\d+)?\s*(?:mm|cm)(?![a-z0-9]))/,
	// "x 3" — not a measure after "x", the second side of a rating or a size ("220 g x 0,1 mg", "600 x 900 mm")
	/(?:^|[\s(,])x\s*(\d+(?:[.,]\d+)?)(?![0-9a-z-])(?!\s*(?:mg|g|kg|µg|ug|mm|cm|m|ml|l|µl|ul|v|kv|a|ma|w|kw|bar|mbar|hz|°c|%)(?![a-z0-9]))/,
	new RegExp(`\\b(?:${QUANTITY_WORDS.join('|')})\\s*[:=.]?\\s*(\\d+(?:[.,]\\d+)?)`),
	COUNTED,
	/(\d+)\s*(?:台|个|個|套|件|只)/,
	/[:=]\s*(\d+)\s*$/,
	// "AQ 4xU/I ST, four": a bare count set off by a comma at the end of the item's line
	/(?<!\d),\s*(\d{1,3})\s*\.?\s*$/,
	TRAILING_COUNT,
	// "(3)" at the end of the item, before the sentence's own full stop too: "…, yellow helmets (9)." (ADR 0083)
	/\((\d+)\)\s*[.;,!]?\s*$/,
];

/**
 * "LED reflektor 50 W IP65 – 6 ks", "filtre de seringă … 33 mm – 150 bucăți", "pH test cihazı HI98103: 2
 * adet": a count and one word the reader does not know, set off by a dash or a colon at the end of the item's
 * line, after a rating or a code: the word is one for pieces or packs of a language the reader does not read
 * (read/vocabulary.ts lists those of the eight it reads). Never a word the reader knows (a product, a unit, a
 * function word) nor a time ("Lieferzeit – 2 Wochen"); the word stays unknown, so the line goes to a person.
 */
const FOREIGN_TRAILING_COUNT = /(?:\s[-–—]|:)\s*(\d{1,4})\s+(\p{L}{2,9})\.?\s*[,;]?\s*$/u;
const KNOWN_UNITS: ReadonlySet<string> = new Set([
	...HOUR_WORDS,
	...DAY_WORDS,
	...METRE_WORDS,
	...KILOMETRE_WORDS,
	...COUNT_WORDS,
]);
const TIME_OR_UNIT =
	/^(?:weeks?|wochen?|semanas?|semaines?|settimane|weken|tygodni\w*|months?|monate?n?|mes(?:es)?|mois|mesi|maanden|miesi\w*|[uμµ]l|ml|l|cl|dl|g|kg|mg|mm|cm|m|km|v|kv|a|ma|w|kw|va|kva|hz|bar|mbar|ohm|mm2)$/u;

function foreignTrailingCount(masked: string): QtyHit | null {
	const m = FOREIGN_TRAILING_COUNT.exec(masked);
	if (!m) return null;
	const word = m[2];
	const before = masked.slice(0, m.index);
	if (
		KNOWN_UNITS.has(word) ||
		TIME_OR_UNIT.test(word) ||
		STOPWORDS.has(stem(word)) ||
		SYNONYMS.lexicon.has(stem(word)) ||
		// the item's line names a rating or a code before the count
		!(/#/.test(before) || /\p{L}\d|\d\p{L}/u.test(before))
	)
		return null;
	const qty = toQty(m[1]);
	return qty === null ? null : { qty, start: m.index, end: m.index + m[0].length };
}

/**
 * A count as written: "3", "2,5" (a decimal comma), and a count grouped in thousands — "1,500" in English,
 * "1.500" in German, Spanish, Italian, Dutch or Portuguese: no buyer counts pieces to three decimals, so
 * three digits after one separator are a thousands group.
 */
export function toQty(text: string): number | null {
	const grouped = /^[1-9]\d{0,2}[.,]\d{3}$/.test(text);
	const n = Number(grouped ? text.replace(/[.,]/, '') : text.replace(',', '.'));
	return Number.isFinite(n) && n > 0 && n < 100000 ? n : null;
}

/**
 * "12 cajas de derivación", "25 scatole di derivazione", "OBO T 60 boîtes de dérivation : 15 pièces": a
 * container word that begins a product's name in the synonym table is that name, not the pack a count is
 * made of (ADR 0068); the span of the word, or null. "12 cajas de guantes" stays a count of boxes.
 */
function productNameAt(masked: string, hit: QtyHit): { start: number; end: number } | null {
	const word = /\d\s*-?\s*([a-z]+)/.exec(masked.slice(hit.start, hit.end));
	if (!word) return null;
	const start = hit.start + word.index + word[0].length - word[1].length;
	const words = prepareWords(masked.slice(start)).slice(0, SYNONYMS.longest);
	if (words.length < 2 || !SYNONYMS.starts.has(words[0])) return null;
	for (let len = words.length; len >= 2; len--)
		if (SYNONYMS.phrases.has(words.slice(0, len).join(' ')))
			return { start, end: start + word[1].length };
	return null;
}

export function findExplicitQty(masked: string): QtyHit | null {
	let text = masked;
	// the count is read as if the product's name held no word of a pack: another count, or the leading one
	for (let i = 0; i < 3; i++) {
		const hit = explicitQty(text);
		const name = hit ? productNameAt(text, hit) : null;
		if (!name) return hit;
		text = blank(text, name.start, name.end);
	}
	return null;
}

function explicitQty(masked: string): QtyHit | null {
	for (const re of QTY_PATTERNS) {
		const m = re.exec(masked);
		if (!m) continue;
		const qty = toQty(m[1]);
		if (qty === null) continue;
		const hit = { qty, start: m.index, end: m.index + m[0].length };
		// "rotor (4 x 250 mL)", "Flaschen (6 x 1 L)": a count of a volume or a weight in parentheses after the
		// item describes what it holds (the masked attribute follows), it counts no items
		if (
			re === QTY_PATTERNS[0] &&
			/\(\s*$/.test(masked.slice(0, m.index)) &&
			/^\s*#+\s*\)/.test(masked.slice(hit.end)) &&
			/\p{L}/u.test(masked.slice(0, m.index))
		)
			continue;
		// "TAE 50x biorad x 2", "PBS 10x … x 4": a strength glued to its "x" after the product's name, then a
		// count after an "x" at the end: the count is the last one
		if (
			re === QTY_PATTERNS[0] &&
			/^\d+(?:[.,]\d+)?x$/.test(m[0]) &&
			/\p{L}/u.test(masked.slice(0, m.index))
		) {
			const after = QTY_PATTERNS[1].exec(masked.slice(hit.end));
			const last = after ? toQty(after[1]) : null;
			if (
				after &&
				last !== null &&
				masked.slice(hit.end + after.index + after[0].length).trim() === ''
			)
				return {
					qty: last,
					start: hit.end + after.index,
					end: hit.end + after.index + after[0].length,
				};
			// "2 de tampão TAE 50x Bio-Rad": a count written first, the strength glued to its "x" is no count
			if (/^\s*(?:[-*•>]\s*)?\d{1,4}\s+\p{L}/u.test(masked.slice(0, m.index))) continue;
		}
		// "2 Kartons Petrischalen 92 x 16 mm": a count of pieces or packs written first is the count, not a
		// later "N x" (a dimension the attributes did not read)
		const counted = COUNTED.exec(masked);
		const countedQty = counted ? toQty(counted[1]) : null;
		if (counted && countedQty !== null && counted.index < hit.start)
			return { qty: countedQty, start: counted.index, end: counted.index + counted[0].length };
		return hit;
	}
	return foreignTrailingCount(masked);
}

// "6 mm² green/yellow wire – 100 m", "6 sq.mm earthing wire", "NYY 4 x 16 qmm": the number before a
// cross-section is the wire's size (read/vocabulary.ts), never the count of the line
const CROSS_SECTION = new RegExp(
	`(?<![\\d.,])\\d+(?:[.,]\\d+)?\\s*(?:${CROSS_SECTION_WORDS.map((w) => w.replace(/[.]/g, '\\.').replace(/ /g, '\\s*')).join('|')})(?![a-z0-9])\\.?`,
	'g',
);

/** The masked text with its cross-sections blanked: what a count may be read from. */
export function withoutCrossSections(masked: string): string {
	let out = masked;
	for (const m of masked.matchAll(CROSS_SECTION)) out = blank(out, m.index, m.index + m[0].length);
	return out;
}

// a unit of measure after a number: "2 500 mL" is two bottles of 500 mL, never 2500 of anything
const UNIT_AFTER =
	/^(?:[uμµ]l|ml|l|cl|dl|g|kg|mg|µg|ug|mm|cm|m|km|v|vdc|vac|kv|a|ma|w|kw|va|kva|hz|bar|mbar|ohm|°c|%|x|h|mm2)(?![\p{L}\d])/u;
// "5 000 cônes", "1 500 tubos": a count grouped in thousands with a space, as French, Polish, Portuguese and
// Spanish buyers write it (a no-break space is a space once folded)
const SPACE_GROUPED = /(?<![\p{L}\d.,/-]|\d\s)([1-9]\d{0,2}) (\d{3})(?![\d.,])(?=\s+(\S+))/gu;

/**
 * The folded text with a count grouped by a space written with a full stop ("5 000 cônes" → "5.000 cônes",
 * read by toQty as 5000; same length, so offsets carry over). Not before a unit ("2 500 mL", "4 250 W").
 */
export function groupedBySpace(norm: string): string {
	return norm.replace(SPACE_GROUPED, (whole, high: string, low: string, next: string) =>
		UNIT_AFTER.test(next) || /^\d/.test(next) ? whole : `${high}.${low}`,
	);
}
