// Reads one part of a request: its count, attributes, measure, terms and hints (the named extractors of
// read/count.ts, read/quantity.ts, read/terms.ts and attributes.ts, in that order).
import { numberWordsToDigits } from '../../numberWords';
import { scanAttributes, type Attribute, type Measure } from '../attributes';
import { normalizeText } from '../tokenize';
import { leadingToken } from './count';
import { countChoices } from './countChoice';
import { findExplicitQty, groupedBySpace, withoutCrossSections } from './quantity';
import { alternativesIn, MASK, skuHints, weightedTerms } from './terms';
import { blank } from './text';
import { DAY_WORDS, HOUR_WORDS, type ReaderLanguage } from './vocabulary';
import type { QueryTerm } from './types';
import { isHead, SIGN_OFF } from './words';

export interface Analysis {
	text: string;
	qty: number | null;
	loose: string[];
	/** The loose numbers written as words ("four"): never a number of an item's name, which writes digits. */
	looseWords: string[];
	startsWithQuantity: boolean;
	/** Has a count of its own ("5 de 0,75 kW", "2 of the 7 inch ones", "DN100 x 1"). */
	leadingCount: boolean;
	/** Distinct words and codes written (not implied by an abbreviation, not attributes). */
	words: number;
	/** Words implied by an I/O abbreviation ("DQ 8" → digital, output). */
	implied: string[];
	/** Names a product type or a code in its own words (not only through an abbreviation). */
	namesProduct: boolean;
	/** Names a product type or an alphanumeric code (a bare number such as a project number does not count). */
	namesProductWords: boolean;
	measure: Measure | null;
	attributes: Attribute[];
	terms: QueryTerm[];
	sku_hints: string[];
	has_head: boolean;
	signOff: boolean;
	/** Names a product type, a code with letters, an attribute or a measure (see `Requirement.prose`). */
	anchored: boolean;
	ambiguities: string[];
}

const SUPPLY_VERB =
	/(?<![a-z])(?:please|pls|kindly|can you|could you|would you|to|we|you)\s+(supply|provide)(?![a-z])/g;

// "3 days on site (8-hour days)", "2 Tage à 10 Stunden", "3 jornadas de 8 horas", "2 dni po 10 godzin": the
// hours are those of each day, the measure is the days times them
const HOURS_A_DAY = new RegExp(
	`(\\d{1,2})\\s*-?\\s*(?:${HOUR_WORDS.join('|')})\\s*-?\\s*(?:${DAY_WORDS.join('|')})\\b|(?:${DAY_WORDS.join('|')})\\s+(?:a|à|de|di|da|van|po|of|von|zu)\\s+(\\d{1,2})\\s*(?:${HOUR_WORDS.join('|')})\\b`,
);

/** The days of a request in hours when it says how long each day is; null otherwise. */
function hoursOfDays(measures: readonly Measure[], norm: string): Measure | null {
	const perDay = HOURS_A_DAY.exec(norm);
	if (!perDay) return null;
	const hours = Number(perDay[1] ?? perDay[2]);
	const days = measures.find((m) => m.unit === 'day' && !perDay[0].includes(m.text));
	if (!days || hours < 1 || hours > 24) return null;
	return { unit: 'h', value: days.value * hours, text: `${days.text} × ${perDay[0]}` };
}

export function analyze(
	original: string,
	carry: readonly string[] = [],
	display = original,
	languages?: ReadonlySet<ReaderLanguage>,
): Analysis {
	const written = normalizeText(original);
	let norm = written.replace(/^\s*(?:[-*•·>]+|\(?\d{1,2}[.)]|\(?[a-z]\))\s+/, (m) =>
		' '.repeat(m.length),
	);
	norm = groupedBySpace(numberWordsToDigits(norm, ['one']));
	const scan = scanAttributes(norm);
	let masked = norm;
	for (const [s, e] of scan.spans) masked = blank(masked, s, e, MASK);
	// "please supply 15 boxes …", "could you provide 2 …": the verb, not the power supply
	masked = masked.replace(
		SUPPLY_VERB,
		(m, verb: string) => m.slice(0, m.length - verb.length) + ' '.repeat(verb.length),
	);
	const countable = withoutCrossSections(masked);
	const lead = leadingToken(countable);
	const explicit = findExplicitQty(countable);
	const hit = explicit ?? (lead.kind === 'number' ? lead.hit : undefined);
	if (hit) masked = blank(masked, hit.start, hit.end);
	const measure =
		hoursOfDays(scan.measures, norm) ??
		scan.measures.find((m) => m.unit !== 'm') ??
		scan.measures[0] ??
		null;
	const measureLeads =
		measure !== null &&
		/^[\s\-*>:]*(?:\S+\s+){0,3}$/.test(norm.slice(0, norm.indexOf(measure.text)));
	const attributes = scan.attributes;
	const { terms, words } = weightedTerms(masked, [...scan.terms, ...carry], attributes, languages);
	const hints = skuHints(masked);
	const loose = masked
		.split(/\s+/)
		.map((t) => t.replace(/^[([{'"¿¡]+|[)\]}'",.;:!?]+$/g, ''))
		.filter((t) => /^\d+(?:[.,]\d+)?$/.test(t));
	const looseWords = writtenAsWords(loose, written);
	const ambiguities = alternativesIn(masked).map(([, , text]) => `alternatives "${text}"`);
	// "50 o 60 metros", "3 or 4 switches": the count is the buyer's to choose (read/countChoice.ts)
	ambiguities.push(...countChoices(written, norm));
	for (const a of attributes) {
		if (a.upper !== undefined) ambiguities.push(`a range "${a.text}"`);
		else if (a.from) ambiguities.push(`"${a.from}" read as ${a.value} kW`);
	}
	const letterHints = hints.some((h) => /[a-z]/.test(h));
	return {
		text: display.trim(),
		anchored:
			letterHints ||
			attributes.length > 0 ||
			measure !== null ||
			scan.terms.length > 0 ||
			terms.some((t) => t.weight === 1 && isHead(t.term)),
		ambiguities,
		qty: hit ? hit.qty : null,
		loose,
		looseWords,
		startsWithQuantity:
			lead.kind === 'number' ||
			lead.kind === 'article' ||
			measureLeads ||
			(explicit !== null && explicit.start < 4),
		measure,
		attributes,
		terms,
		sku_hints: hints,
		// "DI 16", "AQ 4" name the product type (an I/O module) as much as "card" does
		has_head:
			hints.length > 0 ||
			scan.terms.length > 0 ||
			terms.some((t) => t.weight === 1 && isHead(t.term)),
		leadingCount: lead.kind === 'number' || explicit !== null,
		words: words + hints.length,
		implied: scan.terms,
		namesProduct:
			hints.length > 0 ||
			terms.some((t) => t.weight === 1 && !scan.terms.includes(t.term) && isHead(t.term)),
		namesProductWords:
			hints.some((h) => /[a-z]/.test(h)) ||
			scan.terms.length > 0 ||
			terms.some((t) => isHead(t.term)),
		signOff: SIGN_OFF.test(norm.trim()),
	};
}

export function contentTerms(a: Analysis): number {
	return a.terms.filter((t) => !t.term.includes(':')).length + a.sku_hints.length;
}

/** The numbers of `loose` that stand more often in the text read than as digits in the text written. */
function writtenAsWords(loose: readonly string[], written: string): string[] {
	const digits = written.split(/\s+/).map((t) => t.replace(/^[([{'"¿¡]+|[)\]}'",.;:!?]+$/g, ''));
	return [...new Set(loose)].filter(
		(n) => loose.filter((x) => x === n).length > digits.filter((x) => x === n).length,
	);
}
