// Text helpers every extractor of the request reader shares: where a sentence ends, and blanking a span
// without moving the offsets of what follows; and how a phrase of the request is quoted in a reason.
import { PIECE_ABBREVIATIONS } from './vocabulary';

/**
 * Each match of each rule's pattern in `text`, rule by rule, that overlaps none of `spans`: the one scan of the
 * attribute readers (attributes.ts, read/notations.ts). The caller pushes what it keeps onto `spans`, and the
 * matches after it are checked against that too.
 */
export function* freeMatches<R extends { re: RegExp }>(
	text: string,
	rules: readonly R[],
	spans: ReadonlyArray<readonly [number, number]>,
): Generator<{ rule: R; m: RegExpExecArray; start: number; end: number }> {
	for (const rule of rules) {
		rule.re.lastIndex = 0;
		let m: RegExpExecArray | null;
		while ((m = rule.re.exec(text)) !== null) {
			const start = m.index;
			const end = start + m[0].length;
			if (spans.some(([s, e]) => start < e && end > s)) continue;
			yield { rule, m, start, end };
		}
	}
}

/** `text` with [start, end) replaced by `fill` (same length, so offsets carry over). */
export function blank(text: string, start: number, end: number, fill = ' '): string {
	return text.slice(0, start) + fill.repeat(end - start) + text.slice(end);
}

// A full stop ends a sentence unless it ends an abbreviation ("3 Stk. Frequenzumrichter", "approx. 30").
// The piece abbreviations of every language are those of read/vocabulary.ts ("2 szt. TP900", "4 pces. …");
// "ul. Kwiatowa 5", "Dr. Anna Schulz", "Prof. Luís Almeida", "Ing. Carlos Méndez" end no sentence either.
export const STRONG = new RegExp(
	`\\r?\\n|;|[。！？；]|[•·\\u2022]|(?<=[!?])\\s+|(?<!\\b(?:${[...PIECE_ABBREVIATIONS, 'approx', 'ca', 'no', 'nr', 'qty', 'inkl', 'incl', 'fa', 'bzw', 'z\\.b', 'e\\.g', 'i\\.e', 'max', 'min', 'ref', 'art', 'pos', 'std', 'hrs', 'hr', 'h', 'mtr', 'lfm', 'tlg', 'ul', 'dr', 'prof', 'ing'].join('|')})|(?<![\\p{L}\\p{N}])[a-z])\\.\\s+(?=[\\p{Lu}\\d(-])`,
	'giu',
);

/** Where the request's sentences start and end: 0, the end of each sentence break, and the text's length. */
export function sentenceBounds(text: string): number[] {
	const bounds: number[] = [0];
	STRONG.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = STRONG.exec(text)) !== null) {
		bounds.push(m.index + m[0].length);
		if (m[0].length === 0) STRONG.lastIndex += 1;
	}
	bounds.push(text.length);
	return bounds;
}

/** A phrase of the request as a reason quotes it: one line, in quotes, clipped to `max` characters. */
export function quoted(text: string, max = 100): string {
	const t = text.replace(/\s+/g, ' ').trim();
	return `"${t.length > max ? `${t.slice(0, max - 1)}…` : t}"`;
}
