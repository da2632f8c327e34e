// Extractor: a count the buyer left open (issue 15, ADR 0044). "50 o 60 metros", "3 or 4 switches",
// "5 to 6 Hager MBN116", "2-3 Stück", "50-60 m": two counts, either of which may be meant; the reader
// reads one of them, or their product, as the quantity. The choice is listed as an ambiguity, so the
// quote goes to a person naming it. A range of a rating or a size ("4-20 mA", "0.5–10 µL", "DN100-DN300")
// is an attribute (attributes.ts), not a count.
import { OR_WORD } from './terms';

// a unit after the second number makes the pair a range of a rating or a size
export const UNIT =
	/^(?:[µμ]l|ul|ml|l|v|vac|vdc|a|ma|ka|kw|kva|w|mm|cm|mm2|bar|mbar|kg|g|mg|mb|gb|hz|khz|rpm|°c|c|k|%|nm|mol|mmol|[µμ]m|um|kda|ports?|points?|pt|channels?|ch|inch|zoll|bit|x)$/;
// "3 or 4", "5 to 6", "50 o 60" (number words read as digits: "three or four")
const WORDED = new RegExp(
	`(?<![\\p{L}\\d.,/-])(\\d{1,4})\\s+(?:${OR_WORD}|to|bis|a|à|tot|do|lub|albo)\\s+(\\d{1,4})(?![\\d.,/-]|\\p{L})\\s*([^\\s,.;:!?()]*)`,
	'gu',
);
// "50-60 m", "2 - 3 Stück" as written (a number word before a dash is no range: "quick one - 3 …")
const DASHED =
	/(?<![\p{L}\d.,/-])(\d{1,2})\s*[-–]\s*(\d{1,4})(?![\d.,/-]|\p{L})\s*([^\s,.;:!?()]*)/gu;

/**
 * The open counts of a part: `written` folded as written, `read` with its number words as digits
 * ("50 o 60 metros" → ['a count left open "50 o 60 metros"']). An ascending pair only: "1515-2" is a
 * model, "221-413" a code.
 */
export function countChoices(written: string, read: string): string[] {
	const out: string[] = [];
	for (const m of [...read.matchAll(WORDED), ...written.matchAll(DASHED)]) {
		const [a, b] = [Number(m[1]), Number(m[2])];
		if (a >= b || UNIT.test(m[3])) continue;
		out.push(`a count left open "${m[0].trim()}"`);
	}
	return out;
}
