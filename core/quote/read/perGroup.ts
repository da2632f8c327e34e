// Extractor: a count for each group, with the count of the groups elsewhere in the request. "Emergency exit
// signs: 3 per floor, building has 5 floors", "4 Stück pro Stiege … (3 Stiegen)", "2 par étage, l'immeuble a
// 4 étages", "pro Etage 24 Panels": the line is the count times the groups. Read only when the request names
// the groups' count once and the part holds no other count of pieces; otherwise a person says how many
// (the count per group is never quoted as the line's count, nor taken for a number of the item's name). The
// words between the count and the group are data (read/vocabulary.ts `perGroup`).
import { numberWordsToDigits } from '../../numberWords';
import { normalizeText } from '../tokenize';
import {
	COUNT_WORDS,
	DAY_WORDS,
	HOUR_WORDS,
	KILOMETRE_WORDS,
	METRE_WORDS,
	PER_GROUP_WORDS,
} from './vocabulary';

export interface PerGroupCount {
	/** As written (folded): "3 per floor". */
	phrase: string;
	/** The count for each group, as written ("3"). */
	each: string;
	/** The count of the groups the request names ("5" of "5 floors"), or null when it names none or several. */
	groups: string | null;
	/** each × groups, or null. */
	total: number | null;
	/** Why a person must say how many, or null. */
	why: string | null;
}

const COUNT_WORD = `(?:${COUNT_WORDS.join('|')})`;
const PER = `(?:${PER_GROUP_WORDS.join('|')})`;
// "signs: 3 per floor", "4 Stück pro Stiege", "Notleuchten 2 szt. na piętro": a count at the start of the
// part or after a colon or a comma, or one with its word for pieces; not the number of a name ("ein
// Vortex-Genie 2 par paillasse" is one for each bench)
const COUNT_FIRST = new RegExp(
	`(?:(?:^|[:;,(]|\\s-)\\s*(\\d{1,4})(?:\\s+${COUNT_WORD}\\.?)?|(?<![\\p{L}\\d.,/-])(\\d{1,4})\\s+${COUNT_WORD}\\.?)\\s+${PER}\\s+(\\p{L}{3,})`,
	'u',
);
// "pro Stiege 4 Stück", "per floor: 3"
const GROUP_FIRST = new RegExp(
	`(?<![\\p{L}])${PER}\\s+(\\p{L}{3,})\\s*:?\\s+(\\d{1,4})(?![\\d.,]\\d)(?!\\s*(?:${COUNT_WORD}\\s+)?${PER}\\s)`,
	'u',
);
// a group is no unit: "50 per box" is a pack's size, "8 per hour" a rate
const UNITS = new Set([
	...COUNT_WORDS,
	...HOUR_WORDS,
	...DAY_WORDS,
	...METRE_WORDS,
	...KILOMETRE_WORDS,
]);

const read = (text: string) => numberWordsToDigits(normalizeText(text));

/** "floor" and "floors", "stiege" and "stiegen", "etage" and "etages", "pietro" and "pieter": one noun. */
function sameNoun(a: string, b: string): boolean {
	let k = 0;
	while (k < a.length && k < b.length && a[k] === b[k]) k++;
	return k >= Math.max(4, Math.min(a.length, b.length) - 2);
}

/** The one count of the groups the text names ("5 floors", "(3 Stiegen)"), null when none or several. */
function countOfGroups(text: string, group: string, skip: number): string | null {
	const found = new Set<string>();
	for (const m of text.matchAll(/(?<![\p{L}\d.,/-])(\d{1,4})\s+(\p{L}{3,})/gu))
		if (m.index !== skip && sameNoun(m[2], group)) found.add(String(Number(m[1])));
	return found.size === 1 ? [...found][0] : null;
}

/**
 * The count for each group that `part` states, read with the count of the groups the part or, failing it,
 * the whole `request` names; null when the part states no count per group.
 */
export function perGroupCount(part: string, request: string): PerGroupCount | null {
	const t = read(part);
	const first = COUNT_FIRST.exec(t);
	const second = first ? null : GROUP_FIRST.exec(t);
	const hit = first ?? second;
	if (!hit) return null;
	const [each, group] = first ? [first[1] ?? first[2], first[3]] : [hit[2], hit[1]];
	if (UNITS.has(group)) return null;
	const phrase = hit[0].replace(/^[\s:;,(-]+/, '');
	const groups = countOfGroups(t, group, hit.index) ?? countOfGroups(read(request), group, -1);
	// "je Gruppenraum 2 Stück … dazu 4 Stück für den Flur": another count of pieces besides
	const rest = t.slice(0, hit.index) + ' ' + t.slice(hit.index + hit[0].length);
	const other = new RegExp(`(?<![\\p{L}\\d.,/-])\\d{1,4}\\s+${COUNT_WORD}(?![\\p{L}])`, 'u').exec(
		rest,
	);
	if (groups === null || other)
		return {
			phrase,
			each,
			groups,
			total: null,
			why: other
				? `"${phrase}" is a count per ${group} and "${other[0]}" another count besides: a person says how many`
				: `"${phrase}" is a count per ${group} and the request names no one count of them: a person says how many`,
		};
	return { phrase, each, groups, total: Number(each) * Number(groups), why: null };
}
