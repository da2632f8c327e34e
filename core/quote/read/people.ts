// Extractor: a count of people beside a duration ("4 técnicos x 3 días", "2 Mitarbeiter, 3-tägiger Kurs",
// "3 x 8 h"): a course sold per participant-day, or labour sold per hour or day, is the people times the
// days or hours (ADR 0058). The words for people are those of read/vocabulary.ts.
import { numberWordsToDigits } from '../../numberWords';
import { normalizeText } from '../tokenize';
import { PEOPLE_WORDS } from './vocabulary';

const PEOPLE = PEOPLE_WORDS.join('|');
// the count, up to three words ("of our maintenance"), then a word for people
const COUNT_OF_PEOPLE = new RegExp(
	`(?<![\\d.,])(\\d{1,3})\\s+(?:[\\p{L}'-]+\\s+){0,3}?(?:${PEOPLE})(?![\\p{L}])`,
	'gu',
);

const folded = (text: string) => numberWordsToDigits(normalizeText(text));

/** True when the requirement's count `qty` counts people ("4 technicians") or times a duration ("3 x 8 h"). */
export function countsPeople(text: string, qty: number): boolean {
	if (!Number.isInteger(qty) || qty < 2) return false;
	const t = folded(text);
	// "4 x 3 días", "3 × 8 h": a count times a duration
	const times = new RegExp(`(?<![\\d.,])${qty}\\s*(?:\\p{L}+\\s*)?[x×*]\\s*\\d`, 'u');
	return peopleCounts(t).includes(qty) || times.test(t);
}

/**
 * The one count of people a requirement without a count of its own names ("| Curso TIA Portal | 4 técnicos x
 * 3 días |"), when it is one of its loose numbers; null when it names none or several.
 */
export function peopleCount(text: string, loose: readonly string[]): number | null {
	const counts = [...new Set(peopleCounts(folded(text)))].filter(
		(n) => n >= 2 && loose.includes(String(n)),
	);
	return counts.length === 1 ? counts[0] : null;
}

function peopleCounts(t: string): number[] {
	return [...t.matchAll(COUNT_OF_PEOPLE)].map((m) => Number(m[1]));
}
