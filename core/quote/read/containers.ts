// Extractor: a count of containers ("2 coils", "3 Trommeln", "2 kręgi", "4 bobinas") in a requirement. For an
// item sold per metre a count of coils or drums with no length is no number of metres: the quote asks a
// person (quote.ts), it never goes out as "2 m".
import { numberWordsToDigits } from '../../numberWords';
import { normalizeText } from '../tokenize';
import { CONTAINER_WORDS } from './vocabulary';

const CONTAINERS = [...CONTAINER_WORDS].sort((a, b) => b.length - a.length).join('|');
const COUNTED = new RegExp(`(?<![\\p{L}\\d.,/-])(\\d{1,4})\\s+(?:${CONTAINERS})(?![\\p{L}])`, 'u');

/** The count of containers the text states, as written ("2 kregi"), or null. */
export function containerCount(text: string): string | null {
	return COUNTED.exec(numberWordsToDigits(normalizeText(text)))?.[0] ?? null;
}
