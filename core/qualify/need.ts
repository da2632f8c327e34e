// Decides what the lead needs, as categories of a configurable taxonomy (control systems, drives,
// sensors, SCADA, services …), each with the words of the lead that show it. Matching is on whole
// words, case- and accent-insensitive; a `*` at either end of a keyword admits German-style
// compounds ("*umrichter" → "Frequenzumrichter"). Taxonomies are compiled once per object.
import type { NeedEvidence } from './schema';
import { escapeRegex, fold } from './fold';

// Folded text is lower case, so plain classes do (no Unicode-mode regex needed, which is faster).
const WORD_CHAR = '[a-z0-9\\u00df-\\u024f]';
// Bounded so a 1 MB run of letters cannot make a wildcard keyword quadratic.
const WILDCARD = '[a-z\\u00df-\\u024f]{0,24}';
const MAX_QUOTES_PER_CATEGORY = 3;
const WORD_CHAR_TEST = /[a-z0-9\u00df-\u024f]/;

interface KeywordSources {
	/** Keywords that must start a word. */
	whole: string[];
	/** Keywords with a leading `*`: matched as a word ending or middle, the word start found in code. */
	inner: string[];
}

/** Regex source for one keyword (already folded): `*` wildcards, flexible spaces, optional plural. */
function keywordSource(keyword: string): { source: string; inner: boolean } {
	const folded = fold(keyword.trim());
	const leading = folded.startsWith('*');
	const trailing = folded.endsWith('*');
	const core = folded.replace(/^\*|\*$/g, '');
	const body = core
		.split('*')
		.map((part) => escapeRegex(part).replace(/\s+/g, '[\\s\\-]+'))
		.join(WILDCARD);
	const plural = trailing || /[^a-z]$/.test(core) ? '' : '(?:s|es)?';
	return { source: `${body}${trailing ? WILDCARD : plural}`, inner: leading };
}

export interface CompiledTaxonomy {
	/** Category names, in taxonomy order; category i is capture group i + 1 of `pattern`. */
	names: string[];
	pattern: RegExp | null;
}

const compiledCache = new WeakMap<Record<string, string[]>, CompiledTaxonomy>();

function categorySource(keywords: string[]): string | null {
	const sources: KeywordSources = { whole: [], inner: [] };
	for (const keyword of keywords) {
		if (keyword.replace(/\*/g, '').trim().length === 0) continue;
		const { source, inner } = keywordSource(keyword);
		(inner ? sources.inner : sources.whole).push(source);
	}
	const byLength = (a: string, b: string) => b.length - a.length;
	const parts: string[] = [];
	// CJK keywords have no word boundaries; Latin ones must start a word.
	if (sources.whole.length > 0)
		parts.push(`(?<!${WORD_CHAR})(?:${sources.whole.sort(byLength).join('|')})`);
	if (sources.inner.length > 0) parts.push(`(?:${sources.inner.sort(byLength).join('|')})`);
	return parts.length > 0 ? parts.join('|') : null;
}

/**
 * Compiles (and caches per taxonomy object) one global regex for the whole taxonomy, one capture
 * group per category, so the message is scanned once whatever the number of categories.
 */
export function compileTaxonomy(taxonomy: Record<string, string[]>): CompiledTaxonomy {
	const cached = compiledCache.get(taxonomy);
	if (cached) return cached;
	const names: string[] = [];
	const groups: string[] = [];
	for (const [name, keywords] of Object.entries(taxonomy)) {
		const source = categorySource(keywords);
		if (source === null) continue;
		names.push(name);
		groups.push(`(${source})`);
	}
	const pattern =
		groups.length > 0 ? new RegExp(`(?:${groups.join('|')})(?!${WORD_CHAR})`, 'g') : null;
	const compiled = { names, pattern };
	compiledCache.set(taxonomy, compiled);
	return compiled;
}

/** Start of the word containing `index` in folded text (for keywords matched inside a compound). */
function wordStart(folded: string, index: number): number {
	let start = index;
	while (start > 0 && index - start < 48 && WORD_CHAR_TEST.test(folded[start - 1])) start--;
	return start;
}

/**
 * Need categories found in `text`, ordered by first mention, with up to three quoted words per
 * category; `null` when nothing matches. `folded` may be passed when the caller already has it.
 */
export function extractNeed(
	text: string,
	taxonomy: Record<string, string[]> | CompiledTaxonomy,
	folded?: string,
): NeedEvidence | null {
	if (!text) return null;
	const compiled = isCompiled(taxonomy) ? taxonomy : compileTaxonomy(taxonomy);
	const pattern = compiled.pattern;
	if (!pattern) return null;
	const haystack = folded ?? fold(text);
	const found = new Map<number, { first: number; quotes: string[]; seen: Set<string> }>();
	pattern.lastIndex = 0;
	for (let match = pattern.exec(haystack); match !== null; match = pattern.exec(haystack)) {
		// Rescan from the next character so overlapping keywords of other categories are found too
		// ("Sicherheitssteuerung": safety and control systems).
		pattern.lastIndex = match.index + 1;
		let category = 0;
		while (category < compiled.names.length && match[category + 1] === undefined) category++;
		const start = wordStart(haystack, match.index);
		const end = match.index + match[0].length;
		let entry = found.get(category);
		if (!entry) {
			entry = { first: start, quotes: [], seen: new Set() };
			found.set(category, entry);
		}
		const key = haystack.slice(start, end);
		if (entry.quotes.length < MAX_QUOTES_PER_CATEGORY && !entry.seen.has(key)) {
			entry.seen.add(key);
			entry.quotes.push(text.slice(start, end));
		}
	}
	if (found.size === 0) return null;
	const ordered = [...found.entries()].sort((a, b) => a[1].first - b[1].first || a[0] - b[0]);
	return {
		categories: ordered.map(([category]) => compiled.names[category]),
		evidence: ordered.flatMap(([category, entry]) =>
			entry.quotes.map((quote) => ({ category: compiled.names[category], quote })),
		),
	};
}

function isCompiled(
	taxonomy: Record<string, string[]> | CompiledTaxonomy,
): taxonomy is CompiledTaxonomy {
	return Array.isArray((taxonomy as CompiledTaxonomy).names) && 'pattern' in taxonomy;
}
