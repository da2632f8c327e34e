// Extractor: counts the buyer did not fix. A range of counts ("between 10 and 15 boxes", "10-15 Stück",
// "entre 10 y 15 cajas", "od 10 do 15 sztuk") is read as its lower bound, the rest of the range blanked
// (same offsets) so the reader does not take the upper bound for a count of its own; an approximate count
// ("approx. 20 bags", "ca. 12 Schränke", "environ 30 boîtes", "unos 12 despachos") is read as written.
// Either way the phrase is returned: the requirement it counts (or that a group count multiplies) goes to
// a person naming it, never out on its own with a count the buyer left open.
import { NUMBER_WORD_LIST, numberWordValue } from '../../numberWords';
import { foldSameLength } from '../multipliers';
import { UNIT } from './countChoice';
import { OR_WORD } from './terms';
import { COUNT_WORDS, DAY_WORDS, HOUR_WORDS, METRE_WORDS } from './vocabulary';

export interface UncertainCount {
	start: number;
	end: number;
	/** The count read (the lower bound of a range). */
	value: number;
	/** For the reviewer: "a range of counts \"between 10 and 15\"". */
	why: string;
}

const N = '(\\d{1,4})(?![\\d.,]\\d|[\\p{L}\\d])';
// "between 10 and 15", "zwischen 10 und 15", "entre 10 et 15", "tra 10 e 15", "tussen 10 en 15", "od 10 do 15"
const BETWEEN = new RegExp(
	`(?<![\\p{L}])(?:somewhere\\s+)?(?:between|zwischen|entre|tra|fra|tussen|od)\\s+${N}\\s+(?:and|und|et|y|e|en|do|to)\\s+${N}`,
	'giu',
);
// a range stands on one line: "IKA C-MAG HS 7" ending a list line and "- 10 boîtes …" opening the next one
// are a model number and the next item's count after its bullet, not "7-10"
const SAME_LINE = '[^\\S\\n]*';
// "10-15 boxes", "10 to 15 Stück", "10 bis 15", "10 à 15 boîtes": only before a word for pieces or packs
const SPAN = new RegExp(
	`(?<![\\p{L}\\d.,/-])${N}${SAME_LINE}(?:-|–|to|bis|a|tot|do)${SAME_LINE}${N}\\s*(?=(?:${COUNT_WORDS.join('|')})(?![\\p{L}]))`,
	'giu',
);
// a word after a range that makes it a range of measures, not of counts ("de 9 a 17 h", "2-3 Wochen",
// "2–20 µL", "10-20 mm")
const MEASURE_AFTER = `(?:${[...HOUR_WORDS, ...DAY_WORDS, ...METRE_WORDS].join('|')}|weeks?|wochen?|semanas?|semaines?|settimane|weken|tygodni\\w*|months?|monate?n?|mes(?:es)?|mois|mesi|maanden|miesi\\w*|mm|cm|km|kw|kva|v|a|ma|w|hz|l|ml|µl|ul|g|mg|kg|bar|mbar|°c|c|%|ports?|kanal\\w*|channels?|polig|pol\\w*)(?![\\p{L}\\d])`;
// "from 3 to 4", "von 3 bis 4", "de 3 a 4", "de 3 à 4", "dalle 20 alle 25", "van 3 tot 4", before a word
// that is no measure
const FROM_TO = new RegExp(
	`(?<![\\p{L}])(?:from|von|de|dalle|dai|dagli|da|van)\\s+${N}\\s+(?:to|bis|a|alle|ai|agli|tot)\\s+${N}(?=\\s+\\p{L})(?!\\s+${MEASURE_AFTER})`,
	'giu',
);
// "3-4 Eppendorf ThermoMixer C", "3–4 Stratix": a dash between two small counts before a name written with a
// capital (what the folded SPAN cannot see)
const DASH_BEFORE_NAME = new RegExp(
	`(?<![\\p{L}\\d.,/-])(\\d{1,3})${SAME_LINE}[-–]${SAME_LINE}(\\d{1,3})(?![\\d.,]\\d|[\\p{L}\\d-])(?=\\s+\\p{Lu})(?!\\s+${MEASURE_AFTER})`,
	'gu',
);
// "3 or 4 depending on the layout", "50 o 60 metros", "3 oder 4", "3 ou 4", "3 lub 4": a choice of two counts, or
// of two lengths, is the lower one (read/countChoice.ts lists it for a person); never two durations ("2 or 3
// weeks") nor a pair before a unit ("2 or 3 kW"). Dutch "of" is left out: "2 of 11 kW" is an English ellipsis.
const TIME_AFTER = `(?:${[...HOUR_WORDS, ...DAY_WORDS].join('|')}|weeks?|wochen?|semanas?|semaines?|settimane|weken|tygodni\\w*|months?|monate?n?|mes(?:es)?|mois|mesi|maanden|miesi\\w*)(?![\\p{L}\\d])`;
const EITHER = new RegExp(
	`(?<![\\p{L}\\d.,/-])${N}\\s+(?:${OR_WORD}|u|lub|albo)\\s+${N}(?![.,]\\d)(?!\\s+${TIME_AFTER})(?=\\s*([^\\s,.;:!?()]*))`,
	'giu',
);
const ABOUT_WORD = `(?:approx\\.?|approximately|about|around|roughly|some|circa|ca\\.?|~|ungefahr|etwa|rund|environ|a peu pres|aprox\\.?|aproximadamente|alrededor de|unos|unas|cerca de|piu o meno|ongeveer|zo'n|okolo)`;
const ABOUT = new RegExp(`(?<![\\p{L}])${ABOUT_WORD}\\s*${N}(?=\\s+[\\p{L}])`, 'giu');
// the same with the count written as a word, after an article where the word is a noun ("about twelve",
// "environ une douzaine", "etwa ein Dutzend", "unos doce", "okolo dwudziestu"); the word after it decides an
// ambiguous number word ("around once a week" is no count)
const ABOUT_IN_WORDS = new RegExp(
	`(?<![\\p{L}])${ABOUT_WORD}\\s+(?:(?:a|an|ein|eine|un|une|una|uno|um|uma|een)\\s+)?(${NUMBER_WORD_LIST.join('|')})(?![\\p{L}])\\s+([\\p{L}]+)`,
	'giu',
);

const blank = (s: string) => ' '.repeat(s.length);

/** The uncertain counts of a text, and the text with the upper bounds of ranges blanked (same length). */
export function readUncertainCounts(text: string): { text: string; counts: UncertainCount[] } {
	const counts: UncertainCount[] = [];
	const folded = foldSameLength(text);
	let out = text;
	for (const re of [BETWEEN, SPAN, FROM_TO, DASH_BEFORE_NAME, EITHER]) {
		re.lastIndex = 0;
		// the dash before a name is read on the text as written (its capital), the rest folded
		for (const m of (re === DASH_BEFORE_NAME ? text : folded).matchAll(re)) {
			const low = Number(m[1]);
			const high = Number(m[2]);
			if (!(low > 0 && high > low)) continue;
			if (re === EITHER && UNIT.test(m[3] ?? '')) continue;
			const start = m.index ?? 0;
			const end = start + m[0].length;
			if (counts.some((c) => start < c.end && end > c.start)) continue;
			// keep the lower bound where it stands: "        10        boxes"
			const at = start + m[0].indexOf(m[1]);
			out =
				out.slice(0, start) +
				blank(text.slice(start, at)) +
				m[1] +
				blank(text.slice(at + m[1].length, end)) +
				out.slice(end);
			counts.push({
				start,
				end,
				value: low,
				why: `${re === EITHER ? 'a count left open' : 'a range of counts'} "${text.slice(start, end).trim()}", read as ${low}`,
			});
		}
	}
	for (const re of [ABOUT, ABOUT_IN_WORDS]) {
		re.lastIndex = 0;
		for (const m of folded.matchAll(re)) {
			const value = re === ABOUT ? Number(m[1]) : numberWordValue(m[1].toLowerCase(), m[2]);
			if (value === undefined) continue;
			const start = m.index ?? 0;
			// the word after the count is the item's, not the phrase's
			const end = start + m[0].length - (re === ABOUT ? 0 : m[2].length);
			if (counts.some((c) => start < c.end && end > c.start)) continue;
			counts.push({
				start,
				end,
				value,
				why: `an approximate count "${text.slice(start, end).trim()}"`,
			});
		}
	}
	return { text: out, counts };
}
