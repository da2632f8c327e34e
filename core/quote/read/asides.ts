// Extractors of what a request says besides its products, blanked out (same offsets) before the products
// are read: a discount asked for (reported, never applied), a budget or a timing (core/qualify's
// readers), and what is replaced ("… instead of the 10\"").
import { namesMoney } from '../../moneyWords';
import { extractBudget, extractTimeline } from '../../qualify';
import { blank, sentenceBounds } from './text';
import { DAY_WORDS, HOUR_WORDS } from './vocabulary';

const DISCOUNT_RES = [
	/(\d+(?:[.,]\d+)?)\s*%\s*(?:(?:de|of|von|di)\s+)?(?:discount|off|rabatt|nachlass|descuento|remise|sconto)/i,
	/(?:discount|rabatt|nachlass|descuento|remise|sconto)\s*(?:of|von|de|du|di)?\s*(\d+(?:[.,]\d+)?)\s*%/i,
];

/** The discount the buyer asks for, and the text with that phrase blanked out (same offsets). */
export function readDiscount(text: string): { pct: number | null; rest: string } {
	for (const re of DISCOUNT_RES) {
		const m = re.exec(text);
		if (!m) continue;
		const pct = Number(m[1].replace(',', '.'));
		if (Number.isFinite(pct) && pct > 0 && pct <= 100) {
			return { pct, rest: blank(text, m.index, m.index + m[0].length) };
		}
	}
	return { pct: null, rest: text };
}

// Any fixed date: the timeline reader is asked only where a timing is, not when it falls.
const TIMING_REFERENCE = new Date(Date.UTC(2026, 0, 1));
// "3 days", "16 hours", "de 3 días", "di 2 giorni" on their own are a service's duration, not a timing (the
// hour and day words of every language, read/vocabulary.ts)
const BARE_DURATION = new RegExp(
	`^(?:(?:of|for|de|di|da|von|van|pour|para|por|per|voor|z|ze|na)\\s+)?(?:ca\\.?\\s*|approx\\.?\\s*)?\\d+(?:[.,]\\d+)?\\s*-?\\s*(?:${[...HOUR_WORDS, ...DAY_WORDS].join('|')})\\.?$`,
	'i',
);
const fold = (s: string) =>
	s
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
// an amount is a budget only with a currency or a budget word, never a bare number ("100 m", "2 x 22")
const BUDGET_WORD =
	/budget|presupuesto|or[cç]amento|haushalt|enveloppe|invest|capex|capital|funding|importe|valor aprovado|aprobados?|approved/i;
const MAX_TIMING_PHRASES = 4;

/** Budget and timing phrases (core/qualify's readers) blanked out, same offsets; and where they were. */
export function blankBudgetAndTiming(text: string): {
	text: string;
	spans: Array<[number, number]>;
} {
	// sentence by sentence: each reader call stays short however long the request is
	const bounds = sentenceBounds(text);
	let work = text;
	const spans: Array<[number, number]> = [];
	for (let b = 0; b + 1 < bounds.length; b++) {
		const from = bounds[b];
		const sentence = text.slice(from, bounds[b + 1]);
		if (!/\p{L}|\d/u.test(sentence)) continue;
		for (const [s, e] of budgetAndTimingIn(sentence)) {
			spans.push([from + s, from + e]);
			work = blank(work, from + s, from + e);
		}
	}
	return { text: work, spans };
}

function budgetAndTimingIn(sentence: string): Array<[number, number]> {
	let work = sentence;
	const spans: Array<[number, number]> = [];
	for (let i = 0; i < MAX_TIMING_PHRASES; i++) {
		const budget = extractBudget(work, 'EUR');
		const at = budget ? work.indexOf(budget.evidence) : -1;
		if (!budget || at < 0 || budget.evidence.length === 0) break;
		const end = at + budget.evidence.length;
		const around = work.slice(Math.max(0, at - 40), Math.min(work.length, end + 20));
		if (!namesMoney(budget.evidence) && !BUDGET_WORD.test(around)) break;
		spans.push([at, end]);
		work = blank(work, at, end);
	}
	// a duration that is not a timing is hidden from the reader (not blanked) so the next one is found
	let probe = work;
	for (let i = 0; i < MAX_TIMING_PHRASES; i++) {
		const timing = extractTimeline(probe, TIMING_REFERENCE);
		const at = timing ? probe.indexOf(timing.evidence) : -1;
		if (!timing || at < 0 || timing.evidence.length === 0) break;
		const end = at + timing.evidence.length;
		probe = blank(probe, at, end);
		if (BARE_DURATION.test(fold(timing.evidence.trim()))) continue;
		spans.push([at, end]);
	}
	return spans;
}

// "3 x PanelView Plus 7 15\" instead of the 10\"": what is replaced is not asked for
const INSTEAD_OF =
	/(?<![\p{L}])(?:instead of|rather than|in place of|statt|anstatt|anstelle (?:von|der|des)|en lugar de|en vez de|au lieu de|a la place de|invece di|al posto di|em vez de|em lugar de|in plaats van)(?![\p{L}])[^.;!?\n]*/giu;

export function blankReplaced(text: string): string {
	return text.replace(INSTEAD_OF, (m) => ' '.repeat(m.length));
}
