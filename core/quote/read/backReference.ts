// Extractor: a count that points back to the one product named before it, in the same part ("Stratix 5700
// switch – we need three of these") or in a sentence of its own that names no product ("Does the
// 1756-IB16 work with 24 V sensors? If so, please send a price for 4 of them", "ce ne servono 4",
// "proszę o wycenę 3 sztuk"). The words for it are data (read/vocabulary.ts `pointers`).
import { numberWordsToDigits } from '../../numberWords';
import { normalizeText } from '../tokenize';
import { PIECE_WORDS, POINTERS, POINTERS_BEFORE } from './vocabulary';

const phrase = (p: string) => p.replace(/\s+/g, "[\\s']+");
const PIECE = `(?:${[...PIECE_WORDS].join('|')})`;
const COUNT = '(?<![\\d.,/-])(\\d{1,4})(?![\\d.,]\\d)';
// "4 of them", "4 Stück davon", "três deles"
const AFTER = new RegExp(
	`${COUNT}\\s+(?:${PIECE}\\s+)?(?:${POINTERS.map(phrase).join('|')})(?![a-z])`,
);
// "ce ne servono 4", "il nous en faut 4": the pointer, up to three words, the count ending the sentence
const BEFORE = new RegExp(
	`(?<![a-z])(?:${POINTERS_BEFORE.join('|')})\\s+(?:[a-z']+\\s+){1,3}?${COUNT}(?:\\s+${PIECE})?\\s*[.!?]*\\s*$`,
);
// a sentence of its own that ends with a count of pieces ("Jeśli tak, proszę o wycenę 3 sztuk.")
const PIECES_AT_END = new RegExp(`${COUNT}\\s+${PIECE}\\s*[.!?]*\\s*$`);

const read = (text: string) => numberWordsToDigits(normalizeText(text));

/** The count of a part that points back with a pronoun ("three of these"), or null. */
export function countOfThose(text: string): number | null {
	const t = read(text);
	const m = AFTER.exec(t) ?? BEFORE.exec(t);
	return m ? Number(m[1]) : null;
}

/** The count of a sentence that names no product and ends with it or points back with it, or null. */
export function countOfSentenceAfter(text: string): number | null {
	const n = countOfThose(text);
	if (n !== null) return n;
	const m = PIECES_AT_END.exec(read(text));
	return m ? Number(m[1]) : null;
}
