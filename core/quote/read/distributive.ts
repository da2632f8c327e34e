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
// "4 bottles each of", "3 each of the", "3 of each", "2 de chaque", "5 de cada", "3 x each:", "3 x chacun :",
// "3 de cada uno:", "3 ciascuno:" (ADR 0083: the word alone, a colon after "each")
const EACH = new RegExp(
	`(?<![\\p{L}\\d.,])(\\d{1,4})(?:\\s*[x×])?(?:\\s+${WORD})?\\s+(?:each\\s+of(?:\\s+the)?|of\\s+each|each(?=\\s*:[^\\S\\n]*\\S)|de\\s+chaque|chacune?|de\\s+cada(?:\\s+un[oa])?|di\\s+ciascuno|ciascuno|van\\s+elk|von\\s+jedem)(?![\\p{L}])\\s*:?`,
	'giu',
);
// "je 3 Stück: …", "jeweils 3 …", "elk 3 stuks: …": the word for each before the count (de, nl)
const EACH_BEFORE = /(?<![\p{L}\d])(?:je|jeweils|elk|telkens)\s+(\d{1,4})(?![\d.,]\d)/giu;
// where the words of "each" start in a match of EACH: what comes before them (the count) is kept
const EACH_WORDS = /\s+(?:each|of|de|di|van|von|chacune?|ciascuno)(?![\p{L}])/iu;

const sentenceEnd = (text: string, from: number): number => {
	const rest = text.slice(from).search(/[!?;\n]|\.(?!\d)/);
	return rest < 0 ? text.length : from + rest;
};

// "für 3 Schaltschränke … je 2 Netzteile", "For 6 substations, 4 each: …": a number earlier in the sentence counts
// groups, and the count after it is per group (multipliers.ts); the forms of ADR 0083 ("je 3", "3 each:") are
// then no count of each item of a list
function countedBefore(text: string, at: number): boolean {
	const from = Math.max(...['.', '!', '?', ';', '\n'].map((c) => text.lastIndexOf(c, at - 1))) + 1;
	return /\d/.test(text.slice(from, at));
}

/** The counts for each item of a list, and the text with their "each of" words blanked (same length). */
export function readEachCounts(text: string): { text: string; counts: EachCount[] } {
	const folded = foldSameLength(text);
	const counts: EachCount[] = [];
	let out = text;
	for (const m of folded.matchAll(EACH)) {
		const start = m.index ?? 0;
		const end = start + m[0].length;
		if (
			!/each\s+of|of\s+each|de\s+chaque|de\s+cada\s*$|di\s+ciascuno|van\s+elk|von\s+jedem/i.test(
				m[0],
			) &&
			countedBefore(folded, start)
		)
			continue;
		// keep "4 bottles", blank "each of"
		const keep = m[0].search(EACH_WORDS);
		const from = start + (keep < 0 ? m[0].length : keep);
		out = out.slice(0, from) + ' '.repeat(end - from) + out.slice(end);
		counts.push({ count: Number(m[1]), start, end: sentenceEnd(folded, end), listFrom: end });
	}
	for (const m of folded.matchAll(EACH_BEFORE)) {
		const start = m.index ?? 0;
		const end = start + m[0].length;
		if (countedBefore(folded, start)) continue;
		// blank "je", keep "3 Stück"
		const count = start + m[0].search(/\d/);
		out = out.slice(0, start) + ' '.repeat(count - start) + out.slice(count);
		counts.push({
			count: Number(m[1]),
			start: count,
			end: sentenceEnd(folded, end),
			listFrom: end,
		});
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
