// Extractor: a place named by its number ("pour la ligne 3", "for line 2", "Linie 4", "hal 2") names where
// the items go; its number is no count and its noun no product. The span is blanked (same length), like
// the budget and timing asides. The place words are those of read/vocabulary.ts; "3 lines" (a count
// before the noun) is a group count for core/quote/multipliers.ts and is left alone.
import { normalizeText, stem, STOPWORDS } from '../tokenize';
import { blank } from './text';
import { PLACE_WORDS } from './vocabulary';
import { LEADING_FILLER } from './words';

// the noun, then a number of one to three digits, then a clause boundary or a word (checked below)
const PLACE_NUMBER = new RegExp(
	`(?<![\\p{L}\\d])(?:${PLACE_WORDS.join('|')})\\s+(?:n[°o.]\\s*|nr\\.?\\s*|#\\s*)?\\d{1,3}(?=\\s*(?:[:;,)]|\\.(?!\\d)|$)|\\s+([\\p{L}]+))`,
	'gu',
);

export function blankPlaceNumbers(text: string): string {
	// folding keeps the length of these words (no "ß" or ligature in them)
	const folded = normalizeText(text);
	if (folded.length !== text.length) return text;
	let out = text;
	PLACE_NUMBER.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = PLACE_NUMBER.exec(folded)) !== null) {
		// "sur chaque ligne 3 variateurs" counts the drives: only a clause boundary or a function word
		// ("ligne 3 : …", "line 3 we need …", "ligne 3 on aurait …") may follow the place's number
		const next = m[1];
		if (next !== undefined && !STOPWORDS.has(stem(next)) && !LEADING_FILLER.has(next)) continue;
		out = blank(out, m.index, m.index + m[0].length);
	}
	return out;
}
