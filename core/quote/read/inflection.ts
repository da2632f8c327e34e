// Extractor: the dictionary form of a declined or plural product word ("falowników" → falownik,
// "zasilaczu" → zasilacz, "aardlekautomaten" → aardlekautomaat, "trasmettitori" → trasmettitore), by the
// form>lemma endings of read/vocabulary.ts. A lemma is kept only when `known` says the synonym table (or
// the compound lexicon) has it, so an unknown word is never bent into another one.
import { INFLECTIONS } from './vocabulary';

/** The shortest word an ending may be taken from, and the shortest lemma it may leave. */
const MIN_WORD = 5;
const MIN_LEMMA = 4;

export function lemmaOf(word: string, known: (w: string) => boolean): string {
	if (word.length < MIN_WORD || known(word) || !/^[a-z]+$/.test(word)) return word;
	for (const [form, lemma] of INFLECTIONS) {
		if (!word.endsWith(form) || word.length - form.length < MIN_LEMMA - lemma.length) continue;
		const candidate = word.slice(0, word.length - form.length) + lemma;
		if (candidate.length >= MIN_LEMMA && candidate !== word && known(candidate)) return candidate;
	}
	return word;
}
