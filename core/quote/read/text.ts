// Text helpers every extractor of the request reader shares: where a sentence ends, and blanking a span
// without moving the offsets of what follows.
import { PIECE_ABBREVIATIONS } from './vocabulary';

/** `text` with [start, end) replaced by `fill` (same length, so offsets carry over). */
export function blank(text: string, start: number, end: number, fill = ' '): string {
	return text.slice(0, start) + fill.repeat(end - start) + text.slice(end);
}

// A full stop ends a sentence unless it ends an abbreviation ("3 Stk. Frequenzumrichter", "approx. 30").
// The piece abbreviations of every language are those of read/vocabulary.ts ("2 szt. TP900", "4 pces. …").
export const STRONG = new RegExp(
	`\\r?\\n|;|[。！？；]|[•·\\u2022]|(?<=[!?])\\s+|(?<!\\b(?:${[...PIECE_ABBREVIATIONS, 'approx', 'ca', 'no', 'nr', 'qty', 'inkl', 'incl', 'fa', 'bzw', 'z\\.b', 'e\\.g', 'i\\.e', 'max', 'min', 'ref', 'art', 'pos', 'std', 'hrs', 'hr', 'h', 'mtr', 'lfm', 'tlg'].join('|')})|(?<![\\p{L}\\p{N}])[a-z])\\.\\s+(?=[\\p{Lu}\\d(-])`,
	'giu',
);
