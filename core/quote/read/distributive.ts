// Extractor: one count for each item of a list. "4 bottles each of Hanna pH 4.01 and pH 7.01 buffer",
// "3 of each: …", "2 de chaque : …", "jeweils 3 Stück …", "5 de cada: …": the count is each item's, not a
// number of places the items are for (multipliers.ts) nor the first item's only. The words "each of" /
// "of each" are blanked (same offsets), the count stays where it stands so the first item keeps it, and
// the items after it in the same sentence that state no count of their own get it.
import { foldSameLength } from '../multipliers';
import { normalizeText } from '../tokenize';
import { COUNT_WORDS, EACH_WITH_PHRASES } from './vocabulary';

export interface EachCount {
	count: number;
	/** Requirements starting in [start, end) without a count of their own get `count`. */
	start: number;
	end: number;
	/** Where the list after "each of" begins: a part joined there by "and" or a comma is an item of it. */
	listFrom: number;
}

const WORD = `(?:${COUNT_WORDS.join('|')})`;
// "4 bottles each of", "3 each of the", "3 of each", "2 de chaque", "5 de cada", "je 3 von", "jeweils 3"
const EACH = new RegExp(
	`(?<![\\p{L}\\d.,])(\\d{1,4})(?:\\s+${WORD})?\\s+(?:each\\s+of(?:\\s+the)?|of\\s+each|de\\s+chaque|de\\s+cada|di\\s+ciascuno|van\\s+elk|von\\s+jedem)(?![\\p{L}])\\s*:?`,
	'giu',
);

const sentenceEnd = (text: string, from: number): number => {
	const rest = text.slice(from).search(/[!?;\n]|\.(?!\d)/);
	return rest < 0 ? text.length : from + rest;
};

/** The counts for each item of a list, and the text with their "each of" words blanked (same length). */
export function readEachCounts(text: string): { text: string; counts: EachCount[] } {
	const folded = foldSameLength(text);
	const counts: EachCount[] = [];
	let out = text;
	for (const m of folded.matchAll(EACH)) {
		const start = m.index ?? 0;
		const end = start + m[0].length;
		// keep "4 bottles", blank "each of"
		const keep = m[0].search(/\s+(?:each|of|de|di|van|von)\s/i);
		const from = start + (keep < 0 ? m[0].length : keep);
		out = out.slice(0, from) + ' '.repeat(end - from) + out.slice(end);
		counts.push({ count: Number(m[1]), start, end: sentenceEnd(folded, end), listFrom: end });
	}
	return { text: out, counts };
}

// "…, each with a memory card", "…, jeweils mit einer Speicherkarte": a part that opens so is an accessory
// for each item before it (ADR 0053)
const EACH_WITH = new RegExp(
	`^[\\s\\-–,;:]*(?:${EACH_WITH_PHRASES.map((p) => p.replace(/ /g, '\\s+')).join('|')})\\s`,
);

/** True when the part opens with "each with" or its like: its count is the item's before it. */
export function opensEachWith(part: string): boolean {
	return EACH_WITH.test(normalizeText(part));
}
