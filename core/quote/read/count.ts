// Extractor: the count that leads an item ("we need 3 …", "two 16-point cards", "een Hager …"), read past
// request words, stop words and typos of them; a number right after a short name is a model number.
import { germanSingular, stem, STOPWORDS, SYNONYMS } from '../tokenize';
import { toQty, type QtyHit } from './quantity';
import {
	ASKING_ENDINGS,
	COUNT_PREFIXES,
	ELIDED_WORDS,
	ONE_WORD_JOINERS,
	PARTITIVES,
	PIECE_WORDS,
} from './vocabulary';
import { ARTICLES, isHead, isProseWord, isTypoOfStopword, LEADING_FILLER } from './words';

const JOINERS: ReadonlySet<string> = new Set(ONE_WORD_JOINERS);

/**
 * The first token after filler words, stop words and misspelt stop words ("Need qoute for 2 …"): a number
 * (the quantity), an article, or something else. A number counts only when a word or a code follows it
 * ("3 variateurs", "12 1756-OB16E", "7 2688022"), not a short bare number ("PanelView Plus 7 15 inch").
 */
export function leadingToken(masked: string): {
	kind: 'number' | 'article' | 'other' | 'none';
	hit?: QtyHit;
} {
	const tokens: Array<{ token: string; start: number; end: number }> = [];
	const re = /\S+/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(masked)) !== null) {
		let token = m[0].replace(/^[("'[¿¡#]+|[)"',.:;!?\]#]+$/g, '');
		let start = m.index;
		// "d'un interrupteur", "qu'une centrifugeuse": the word after an elided one
		const elided = /^([a-z]+)'(?=[a-z0-9])/.exec(token);
		if (elided && ELIDED_WORDS.has(elided[1])) {
			start += m[0].indexOf(token) + elided[0].length;
			token = token.slice(elided[0].length);
		}
		if (token !== '') tokens.push({ token, start, end: m.index + m[0].length });
	}
	for (let i = 0; i < tokens.length; i++) {
		const { token, start, end } = tokens[i];
		const word = stem(token.replace(/'.*$/, ''));
		// "nr. 4 trasmettitori", "n. 4 moduli" (not the Dutch "'n", one, which no number follows): the word
		// before the count, like a "No."
		if (COUNT_PREFIXES.has(token) && /^\d+$/.test(tokens[i + 1]?.token ?? '')) continue;
		if (i === 0 && ARTICLES.has(token)) return { kind: 'article' };
		// "più dodici cavi …", "plus 6 stuks …", "oraz 2 …": the joiner that opened this item
		if (i === 0 && JOINERS.has(word) && tokens.length > 1) continue;
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
			// "… and 3 in L": a count before an attribute that ends the part is the count of that attribute's
			// item (an ellipsis)
			const beforeAttributeOnly = next === '' && /^\s+#+[\s.,;:!?]*$/.test(masked.slice(end));
			// "pH 4.01, 7.01 and 10.01 buffers": a number written to hundredths is a rating, no count of pieces
			if (
				qty === null ||
				/^\d+[.,]\d{2}$/.test(token) ||
				SIZE_UNIT.test(next) ||
				!(/[a-z]/.test(next) || /^\d{4,}$/.test(next) || beforeAttributeOnly)
			)
				return { kind: 'other' };
			return { kind: 'number', hit: { qty, start, end } };
		}
		// "please quote a Danfoss FC 302 …": an article after request words is the count (one)
		if (ARTICLES.has(token)) return { kind: 'article' };
		return countBeforeProduct(tokens.slice(i));
	}
	return { kind: 'none' };
}

export function namesHead(word: string): boolean {
	for (const w of new Set([stem(word), germanSingular(word)])) {
		if (isHead(w) || (SYNONYMS.phrases.get(w) ?? []).some((t) => isHead(t))) return true;
	}
	return false;
}

// units of a size or a rating written after a number ("20 mm", "50 cm", "12 inch", a filter's "40 micron"):
// the number is no count
const SIZE_UNIT =
	/^(?:mm|cm|dm|in|inch|inches|zoll|pulgadas?|pouces?|pollici|polegadas?|cali|duim|microns?|mikron|micron[es]?|[µμ]m|um)$/;

/**
 * After words the parser does not know ("pourriez-vous nous faire une offre pour 2 alimentations"), a
 * number below 1000 directly before a product word is the quantity, unless a code precedes it
 * ("S7 1500 CPU").
 */
export function countBeforeProduct(
	tokens: ReadonlyArray<{ token: string; start: number; end: number }>,
): {
	kind: 'number' | 'other';
	hit?: QtyHit;
} {
	const afterVerb = countAfterAskingVerb(tokens);
	if (afterVerb) return { kind: 'number', hit: afterVerb };
	for (let i = 0; i + 1 < tokens.length; i++) {
		const { token, start, end } = tokens[i];
		if (!/^\d+$/.test(token)) continue;
		const qty = toQty(token);
		if (qty === null || qty >= 1000 || /\d/.test(tokens[i - 1]?.token ?? '')) continue;
		// "can u price 2 of the stratix switches", "price up 250 of the wago 221-413s": a count, "of the" and a
		// word (no model number is followed by "of the")
		if (isPartitive(tokens.slice(i + 1).map((t) => t.token)))
			return { kind: 'number', hit: { qty, start, end } };
		// "FC 302", "CPU 1511", "KTP 700": a number right after a short name is its model number
		const name = tokens[i - 1]?.token ?? '';
		if (
			/^[a-z]{2,4}$/.test(name) &&
			!COUNT_PREFIXES.has(name) &&
			!STOPWORDS.has(stem(name)) &&
			!LEADING_FILLER.has(name) &&
			!isProseWord(stem(name))
		)
			continue;
		// "pasar precio de 10 downlights", "offerte voor 2 Hager Golf kasten": after a function word, a
		// number followed by a word is the count ("Plus 7" is a name, not a count)
		const prev = tokens[i - 1]?.token ?? '';
		if (namesModel(prev, tokens[i - 2]?.token ?? '')) continue;
		if (
			prev !== '' &&
			prev !== 'plus' &&
			(STOPWORDS.has(stem(prev)) || LEADING_FILLER.has(prev)) &&
			// a word, or a hyphenated one ("coter 2 pH-mètres")
			/^\p{L}{3,}|^\p{L}{2}-\p{L}{3,}/u.test(tokens[i + 1].token) &&
			!/^(?:x|of|de|di|da|von|mal)$/.test(tokens[i + 1].token)
		)
			return { kind: 'number', hit: { qty, start, end } };
		// "2 defekte Umrichter", "24 caudalímetros electromagnéticos": up to one word between, not a unit of
		// size ("200 m of 20 mm flexible conduit": 20 is the conduit's size)
		const next = tokens.slice(i + 1, i + 3).map((t) => t.token);
		if (SIZE_UNIT.test(next[0] ?? '')) continue;
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
 * "Ordineremmo 3 pompe …", "Zamówilibyśmy 3 …", "Cotizadme 3 …", "Nous commanderions 3 …": a verb the reader
 * does not know opens the part, shaped as a verb of asking of a reader language (read/vocabulary.ts
 * askingEndings), and a count below 1000 stands right after it, before a word: the count is the item's. A
 * product's name before its model number ("Fluke 117 …", "Sorvall ST 8") has no such ending.
 */
export function countAfterAskingVerb(
	tokens: ReadonlyArray<{ token: string; start: number; end: number }>,
): QtyHit | null {
	const [verb, count, next] = tokens;
	if (!verb || !count || !next || !/^\d+$/.test(count.token) || !/^\p{L}+$/u.test(verb.token))
		return null;
	if (!ASKING_ENDINGS.some((e) => verb.token.endsWith(e) && verb.token.length >= e.length + 3))
		return null;
	const qty = toQty(count.token);
	if (qty === null || qty >= 1000 || namesHead(verb.token) || isHead(stem(verb.token))) return null;
	if (SIZE_UNIT.test(next.token) || !/^\p{L}{2,}/u.test(next.token)) return null;
	return { qty, start: count.start, end: count.end };
}

/**
 * "Sorvall ST 8 centrifuge": a name, then a short word that is also a word for pieces ("st", "set", "pz"),
 * then a number: the word and the number are the model's name, not "8 pieces" (a word for pieces follows
 * its count). After a function word or a "No." it stays a count ("per nr 4 moduli").
 */
function namesModel(word: string, before: string): boolean {
	return (
		PIECE_WORDS.has(word) &&
		!COUNT_PREFIXES.has(word) &&
		/^\p{L}{3,}$/u.test(before) &&
		!STOPWORDS.has(stem(before)) &&
		!LEADING_FILLER.has(before)
	);
}

/** "of the Stratix …", "von den Stratix …": a partitive (read/vocabulary.ts), then a word, not a number. */
function isPartitive(after: readonly string[]): boolean {
	return PARTITIVES.some(
		(p) => p.every((w, k) => after[k] === w) && /^\p{L}{2,}/u.test(after[p.length] ?? ''),
	);
}

/**
 * Brand and model-code words right after a count ("3 ABB ACS580 …"): the first word or the one after it
 * is a code with letters and digits, and no bare number stands among the next words.
 */
export function countsModel(after: readonly string[]): boolean {
	const codeAt = after
		.slice(0, 2)
		.findIndex((t) => /\p{L}/u.test(t) && /\d/.test(t) && !/^\d/.test(t));
	if (codeAt < 0) return false;
	if (codeAt === 1 && !/^[\p{L}\p{M}-]+$/u.test(after[0])) return false;
	return !after.some((t) => /^\d+(?:[.,]\d+)?$/.test(t));
}
