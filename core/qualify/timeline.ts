// Decides when the lead intends to buy, in whole months from a reference date passed in by the caller
// (the core has no clock): "ASAP" → 0, "within 6 weeks" → 1, "Q2 2027", "by September 2027",
// "next quarter", "im Sommer", "primer trimestre de 2027", "KW 3/2027". The first usable timing
// phrase wins; phrases about the past ("3 weeks ago", "outage of 3 weeks") or about a call or
// meeting ("call me next week") are not purchase timing and are skipped. This file holds the duration
// words (units; the numbers come from core/numberWords.ts) and the extraction; the other phrases are compiled in
// timelinePatterns.ts, the date arithmetic is timelinePeriods.ts.
import { CARDINALS } from '../numberWords';
import { fold } from './fold';
import type { TimelineEvidence } from './schema';
import {
	AMBIGUOUS_MONTHS,
	AMBIGUOUS_SEASONS,
	CALENDAR_WEEK,
	E,
	HALF,
	HOLIDAY,
	ISO_DATE,
	MEETING_BEFORE,
	MONTH_CONTEXT_BEFORE,
	MONTH_DATE,
	MONTH_INDEX,
	NEGATED,
	NUMERIC_DATE,
	ORDINAL_QUARTER,
	QUARTER,
	RELATIVE,
	RELATIVE_ROWS,
	SEASON,
	SEASON_BY_FOLDED,
	SEASON_CONTEXT_BEFORE,
	SEASON_START,
	SHORT_DATE,
	URGENT,
	YEAR,
	YEAR_LEAD_PATTERNS,
	anchorBefore,
	firstMatch,
	nextMatch,
} from './timelinePatterns';
import {
	DAY_MS,
	MONTH_DAYS,
	anchorOf,
	expandYear,
	isoWeekThursday,
	monthPeriod,
	monthsUntil,
	nextOccurrence,
	spanPeriod,
	type Period,
} from './timelinePeriods';

const MAX_MONTHS = 120;

// ---------------------------------------------------------------------------------------------
// Duration words: numbers and units ("within six weeks", "in a couple of months")
// ---------------------------------------------------------------------------------------------

// the cardinals up to twelve of core/numberWords.ts (the one number-word table; folded), and "one"
const SMALL_NUMBERS: Record<string, number> = {
	one: 1,
	...Object.fromEntries(
		Object.values(CARDINALS).flatMap((words) => Object.entries(words).filter(([, n]) => n <= 12)),
	),
};
/** Articles and vague counts: only meaningful after a preposition ("in a month", "within a few weeks"). */
const VAGUE_NUMBERS: Record<string, number> = {
	a: 1,
	an: 1,
	one: 1,
	ein: 1,
	eine: 1,
	einem: 1,
	einen: 1,
	einer: 1,
	un: 1,
	una: 1,
	uno: 1,
	une: 1,
	um: 1,
	uma: 1,
	'a couple of': 2,
	'couple of': 2,
	'a couple': 2,
	'un par de': 2,
	'ein paar': 3,
	'a few': 3,
	few: 3,
	several: 4,
	einige: 3,
	unos: 3,
	unas: 3,
	algunos: 3,
	algunas: 3,
	quelques: 3,
	qualche: 3,
	alcuni: 3,
	alcune: 3,
	alguns: 3,
	algumas: 3,
};
const SMALL_BY_FOLDED = new Map(Object.entries(SMALL_NUMBERS).map(([word, n]) => [fold(word), n]));
const VAGUE_BY_FOLDED = new Map(Object.entries(VAGUE_NUMBERS).map(([word, n]) => [fold(word), n]));
const NUMBER_WORD_ALTERNATION = [...new Set([...SMALL_BY_FOLDED.keys(), ...VAGUE_BY_FOLDED.keys()])]
	.sort((a, b) => b.length - a.length)
	.join('|');

type Unit = 'day' | 'week' | 'month' | 'year';
const UNIT_WORDS: Array<[Unit, string]> = [
	['day', 'days|day|tagen|tage|tag|días|dias|día|dia|jours|jour|giorni|giorno'],
	['week', 'weeks|week|wochen|woche|semanas|semana|semaines|semaine|settimane|settimana'],
	['month', 'months|month|monaten|monate|monats|monat|meses|mes|mês|mois|mesi|mese'],
	['year', 'years|year|jahren|jahre|jahr|años|año|anos|ano|ans|an|anni|anno'],
];
const UNIT_BY_FOLDED = new Map<string, Unit>();
for (const [unit, words] of UNIT_WORDS)
	for (const word of words.split('|'))
		if (!UNIT_BY_FOLDED.has(fold(word))) UNIT_BY_FOLDED.set(fold(word), unit);
const UNIT_ALTERNATION = [...UNIT_BY_FOLDED.keys()].sort((a, b) => b.length - a.length).join('|');
function unitOf(word: string): Unit {
	return UNIT_BY_FOLDED.get(word.toLowerCase()) ?? 'month';
}

function numberValue(word: string, withPreposition: boolean): number | null {
	const lower = word.toLowerCase();
	if (/^\d/.test(lower)) return Number(lower.replace(',', '.'));
	const small = SMALL_BY_FOLDED.get(lower);
	if (small !== undefined) return small;
	if (withPreposition) return VAGUE_BY_FOLDED.get(lower) ?? null;
	return null;
}

// Prepositions that make a duration a deadline ("within 6 weeks", "innerhalb von 3 Monaten").
const DURATION_PREPOSITION =
	'(?:in the next|over the next|within the next|within|inside of|inside|in|next|innerhalb von|innerhalb der nächsten|innerhalb|binnen|in den nächsten|in den kommenden|' +
	"en los próximos|en las próximas|en un plazo de|en|dentro de|plazo de|plazo:|plazo|dans les|dans|d['’]ici|sous|entro|tra|fra|nei prossimi|nelle prossime|" +
	'nos próximos|nas próximas|no prazo de|prazo de|em até|até|em|timeline:?|timeframe:?|zeitrahmen:?|lead time:?)';

const DURATION = new RegExp(
	fold(
		`(?:(?<prep>${DURATION_PREPOSITION})\\s+(?:the\\s+|los\\s+|las\\s+|den\\s+|les\\s+|os\\s+|as\\s+)?)?` +
			`(?<num>\\d{1,3}(?:[.,]\\d)?|${NUMBER_WORD_ALTERNATION})` +
			`(?:\\s*(?:-|–|to|bis|a|à|o|or|oder|ou)\\s*(?<num2>\\d{1,3}|${NUMBER_WORD_ALTERNATION}))?` +
			`\\s*(?<unit>${UNIT_ALTERNATION})${E}`,
	),
	'g',
);
const DURATION_EXCLUDED_BEFORE =
	/(?:(?<![A-Za-z\u00c0-\u024f])(?:for|für|pour|per|por|durante|during|über|over|since|seit|desde|hace|depuis|da|every|alle|cada|ogni|tous les|todos los|warranty|garantie|garantía|garanzia|garantia|outage|ausfall|after|nach|después de|après|dopo|após|first|last|past|letzten|vergangenen|últimos|últimas|derniers|dernières|ultimi|ultime|of|about|ago|lead time of|stock for|running for|age of|old)\s+(?:[A-Za-z\u00c0-\u024f]+\s+)?)$/i;
const DURATION_EXCLUDED_AFTER =
	/^\s*(?:ago|her|atrás|fa|hace|of\b|de\b|des\b|di\b|von\b|del\b|last year|letztes jahr|el año pasado|old|alt|warranty|garantie|garantía|lang\b|long\b|delay|verzug|retraso)/i;

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

interface Candidate {
	index: number;
	end: number;
	months: number;
}

export interface TimelineOptions {
	/** Seasons are shifted by six months for buyers south of the equator. */
	southernHemisphere?: boolean;
	/** Read an ambiguous "3/4" as March 4 (United States) rather than 3 April. */
	monthFirst?: boolean;
	/** `fold(text)`, when the caller already has it (saves one pass). */
	folded?: string;
}

function collect(
	text: string,
	folded: string,
	now: number,
	options: TimelineOptions,
	out: Candidate[],
): void {
	const nowDate = new Date(now);
	const nowYear = nowDate.getUTCFullYear();
	const nowMonth = nowDate.getUTCMonth();

	const push = (index: number, end: number, months: number | null, anchorLength = 0) => {
		if (months === null || !Number.isFinite(months) || months < 0 || months > MAX_MONTHS) return;
		out.push({ index: index - anchorLength, end, months });
	};

	for (let m = firstMatch(URGENT, folded); m !== null; m = nextMatch(URGENT, folded)) {
		if (NEGATED.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
		push(m.index, m.index + m[0].length, 0);
	}

	for (let m = firstMatch(DURATION, folded); m !== null; m = nextMatch(DURATION, folded)) {
		const g = m.groups ?? {};
		const withPreposition = g.prep !== undefined;
		const before = text.slice(Math.max(0, m.index - 30), m.index);
		const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
		if (
			!withPreposition &&
			(DURATION_EXCLUDED_BEFORE.test(before) || DURATION_EXCLUDED_AFTER.test(after))
		)
			continue;
		if (withPreposition && DURATION_EXCLUDED_AFTER.test(after)) continue;
		const first = numberValue(g.num ?? '', withPreposition);
		const second = g.num2 !== undefined ? numberValue(g.num2, withPreposition) : null;
		if (first === null || first <= 0) continue;
		const count = second !== null && second > first ? (first + second) / 2 : first;
		const unit = unitOf(g.unit ?? '');
		const months =
			unit === 'month'
				? count
				: unit === 'year'
					? count * 12
					: (count * (unit === 'week' ? 7 : 1)) / MONTH_DAYS;
		push(m.index, m.index + m[0].length, Math.round(months));
	}

	for (let m = firstMatch(MONTH_DATE, folded); m !== null; m = nextMatch(MONTH_DATE, folded)) {
		const g = m.groups ?? {};
		const name = (g.month ?? '').toLowerCase();
		const month = MONTH_INDEX.get(name);
		if (month === undefined) continue;
		const dayText = g.day ?? g.day2;
		const year = expandYear(g.year);
		if (AMBIGUOUS_MONTHS.has(name) && !year && !dayText) {
			if (!MONTH_CONTEXT_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
		}
		const { anchor, length } = anchorBefore(text, m.index);
		if (dayText) {
			const day = Number(dayText);
			if (day < 1 || day > 31) continue;
			const make = (y: number): Period => {
				const at = Date.UTC(y, month, day);
				return { start: at, end: at + DAY_MS - 1 };
			};
			const period = year ? make(year) : nextOccurrence(make, now, nowYear);
			push(m.index, m.index + m[0].length, monthsUntil(period, 'mid', now), length);
		} else {
			const make = (y: number) => monthPeriod(y, month);
			const period = year ? make(year) : month >= nowMonth ? make(nowYear) : make(nowYear + 1);
			push(m.index, m.index + m[0].length, monthsUntil(period, anchor, now), length);
		}
	}

	for (let m = firstMatch(SEASON, folded); m !== null; m = nextMatch(SEASON, folded)) {
		const g = m.groups ?? {};
		const word = (g.season ?? '').toLowerCase();
		const season = SEASON_BY_FOLDED.get(word);
		if (!season) continue;
		const year = expandYear(g.year);
		if (
			AMBIGUOUS_SEASONS.has(word) &&
			!year &&
			!SEASON_CONTEXT_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))
		) {
			continue;
		}
		const firstMonth = (SEASON_START[season] + (options.southernHemisphere ? 6 : 0)) % 12;
		const make = (y: number) => spanPeriod(y, firstMonth, 3);
		const { anchor, length } = anchorBefore(text, m.index);
		// A season already past its middle ("im Herbst" in late November) means next year's.
		let period = year ? make(year) : nextOccurrence(make, now, nowYear);
		if (!year && period.start < now && anchorOf(period, 'mid') < now)
			period = make(new Date(period.start).getUTCFullYear() + 1);
		push(m.index, m.index + m[0].length, monthsUntil(period, anchor, now), length);
	}

	for (let m = firstMatch(QUARTER, text); m !== null; m = nextMatch(QUARTER, text)) {
		const g = m.groups ?? {};
		const quarter = Number(
			g.q ?? g.q2 ?? g.q3 ?? ORDINAL_QUARTER[(g.ord ?? '').toLowerCase()] ?? 0,
		);
		if (quarter < 1 || quarter > 4) continue;
		const year = expandYear(g.year ?? g.yy);
		const make = (y: number) => spanPeriod(y, (quarter - 1) * 3, 3);
		const { anchor, length } = anchorBefore(text, m.index);
		const period = year ? make(year) : nextOccurrence(make, now, nowYear);
		push(m.index, m.index + m[0].length, monthsUntil(period, anchor, now), length);
	}

	for (let m = firstMatch(HALF, text); m !== null; m = nextMatch(HALF, text)) {
		const g = m.groups ?? {};
		if (g.h && m[0].startsWith('h')) continue; // "<h1>" in HTML, not "H1"
		const ord = (g.ord ?? '').toLowerCase();
		const half = g.h
			? Number(g.h)
			: /^(?:first|1st|erste|1\.|primer|premier|primo|primeiro)/.test(ord)
				? 1
				: 2;
		const year = g.next ? nowYear + 1 : expandYear(g.year);
		const make = (y: number) => spanPeriod(y, (half - 1) * 6, 6);
		const { anchor, length } = anchorBefore(text, m.index);
		const period = year ? make(year) : nextOccurrence(make, now, nowYear);
		push(m.index, m.index + m[0].length, monthsUntil(period, anchor, now), length);
	}

	for (let m = firstMatch(RELATIVE, folded); m !== null; m = nextMatch(RELATIVE, folded)) {
		const g = m.groups ?? {};
		const kind = RELATIVE_ROWS.find(([name]) => g[name] !== undefined)?.[0];
		if (!kind) continue;
		const { anchor, length } = anchorBefore(text, m.index);
		const quarterStart = Math.floor(nowMonth / 3) * 3;
		let period: Period | null = null;
		let fixedMonths: number | null = null;
		switch (kind) {
			case 'month_end':
				period = {
					start: Date.UTC(nowYear, nowMonth + 1, 0),
					end: Date.UTC(nowYear, nowMonth + 1, 1) - 1,
				};
				break;
			case 'new_year':
				period = spanPeriod(nowYear + 1, 0, 2);
				break;
			case 'next_quarter':
				period = spanPeriod(nowYear, quarterStart + 3, 3);
				break;
			case 'this_quarter':
				period = spanPeriod(nowYear, quarterStart, 3);
				break;
			case 'next_month':
				period = monthPeriod(nowYear, nowMonth + 1);
				break;
			case 'this_month':
				period = monthPeriod(nowYear, nowMonth);
				break;
			case 'next_week':
				fixedMonths = 0;
				break;
			case 'next_year':
				period = spanPeriod(nowYear + 1, 0, 12);
				break;
			case 'this_year':
				period = spanPeriod(nowYear, 0, 12);
				break;
			case 'year_end':
				period = { start: Date.UTC(nowYear, 11, 31), end: Date.UTC(nowYear + 1, 0, 1) - 1 };
				break;
			case 'coming_months':
				fixedMonths = 3;
				break;
			case 'short_term':
				fixedMonths = 2;
				break;
		}
		const months = fixedMonths ?? (period ? monthsUntil(period, anchor, now) : null);
		push(m.index, m.index + m[0].length, months, fixedMonths === null ? length : 0);
	}

	for (let m = firstMatch(YEAR, folded); m !== null; m = nextMatch(YEAR, folded)) {
		const g = m.groups ?? {};
		const year = Number(g.year);
		const lead = (g.lead ?? '').toLowerCase();
		const anchor = YEAR_LEAD_PATTERNS.find(([, pattern]) => pattern.test(lead))?.[0] ?? 'mid';
		push(m.index, m.index + m[0].length, monthsUntil(spanPeriod(year, 0, 12), anchor, now));
	}

	for (let m = firstMatch(ISO_DATE, text); m !== null; m = nextMatch(ISO_DATE, text)) {
		const g = m.groups ?? {};
		const at = Date.UTC(Number(g.y), Number(g.m) - 1, Number(g.d));
		if (Number(g.m) < 1 || Number(g.m) > 12 || Number(g.d) < 1 || Number(g.d) > 31) continue;
		push(
			m.index,
			m.index + m[0].length,
			monthsUntil({ start: at, end: at + DAY_MS - 1 }, 'mid', now),
		);
	}

	for (let m = firstMatch(NUMERIC_DATE, text); m !== null; m = nextMatch(NUMERIC_DATE, text)) {
		const g = m.groups ?? {};
		let day = Number(g.d);
		let month = Number(g.m);
		// Month first when day-first is impossible, or when the buyer writes that way and it is possible.
		if ((month > 12 && day <= 12) || (options.monthFirst === true && day <= 12 && month <= 31))
			[day, month] = [month, day];
		if (month < 1 || month > 12 || day < 1 || day > 31) continue;
		const at = Date.UTC(Number(g.y), month - 1, day);
		const { length } = anchorBefore(text, m.index);
		push(
			m.index,
			m.index + m[0].length,
			monthsUntil({ start: at, end: at + DAY_MS - 1 }, 'mid', now),
			length,
		);
	}

	for (let m = firstMatch(HOLIDAY, folded); m !== null; m = nextMatch(HOLIDAY, folded)) {
		const g = m.groups ?? {};
		const [month, day] = g.christmas !== undefined ? [11, 25] : [11, 31];
		const make = (y: number): Period => {
			const at = Date.UTC(y, month, day);
			return { start: at, end: at + DAY_MS - 1 };
		};
		const { length } = anchorBefore(text, m.index);
		push(
			m.index,
			m.index + m[0].length,
			monthsUntil(nextOccurrence(make, now, nowYear), 'mid', now),
			length,
		);
	}

	for (let m = firstMatch(SHORT_DATE, text); m !== null; m = nextMatch(SHORT_DATE, text)) {
		const g = m.groups ?? {};
		const a = Number(g.a);
		const b = Number(g.b ?? g.b2);
		// Day first unless that is impossible or the buyer writes month first.
		const monthFirst = b > 12 || (options.monthFirst === true && a <= 12);
		const [day, month] = monthFirst ? [b, a] : [a, b];
		if (month < 1 || month > 12 || day < 1 || day > 31) continue;
		const make = (y: number): Period => {
			const at = Date.UTC(y, month - 1, day);
			return { start: at, end: at + DAY_MS - 1 };
		};
		push(
			m.index,
			m.index + m[0].length,
			monthsUntil(nextOccurrence(make, now, nowYear), 'mid', now),
		);
	}

	for (let m = firstMatch(CALENDAR_WEEK, text); m !== null; m = nextMatch(CALENDAR_WEEK, text)) {
		const g = m.groups ?? {};
		const week = Number(g.w);
		if (week < 1 || week > 53) continue;
		const year = expandYear(g.y ?? g.y2);
		const make = (y: number): Period => {
			const at = isoWeekThursday(y, week);
			return { start: at, end: at + DAY_MS - 1 };
		};
		const period = year ? make(year) : nextOccurrence(make, now, nowYear);
		const { length } = anchorBefore(text, m.index);
		push(m.index, m.index + m[0].length, monthsUntil(period, 'mid', now), length);
	}
}

/**
 * Months from `now` until the purchase timing stated in `text`, with the verbatim phrase, or `null`
 * when the text states none. Only the reference date `now` is used as "today".
 */
export function extractTimeline(
	text: string,
	now: Date,
	options: TimelineOptions = {},
): TimelineEvidence | null {
	if (!text) return null;
	const nowMs = now.getTime();
	if (!Number.isFinite(nowMs)) return null;
	const candidates: Candidate[] = [];
	collect(text, options.folded ?? fold(text), nowMs, options, candidates);
	if (candidates.length === 0) return null;
	candidates.sort((a, b) => a.index - b.index || b.end - a.end);
	for (const candidate of candidates) {
		const before = text.slice(Math.max(0, candidate.index - 60), candidate.index);
		if (MEETING_BEFORE.test(before)) continue;
		const evidence = text.slice(candidate.index, candidate.end).trim();
		if (evidence.length === 0) continue;
		return { months: candidate.months, evidence: evidence.slice(0, 300) };
	}
	return null;
}
