// Floors on the tuning split of the labelled set of issue 15 (samples/quote-labelled-tuning.json: 624
// requests over the industrial, the electrical and the lab catalog), and the invariants that hold on every split:
// no invented SKU, no price that is not the catalog's, and no quote sent out automatically that is wrong.
// The hold-out (samples/quote-labelled-holdout.json) is frozen and never tuned on: only the invariants
// are asserted on it; its figures are reported by `npm run bench` in docs/performance.md.
import { describe, expect, it } from 'vitest';
import { QuoteSchema } from '../../../core/quote';
import { labelledSplit, runLabelled } from './labelled.mts';

const tuning = runLabelled(labelledSplit('tuning'));
const holdout = runLabelled(labelledSplit('holdout'));
const blind = runLabelled(labelledSplit('blind'));
const fresh = runLabelled(labelledSplit('fresh'));
const domains = runLabelled(labelledSplit('domains'));

describe('labelled quote set, tuning split (issue 15)', () => {
	// the hold-out was frozen at 50 requests, 31 % of the set then; tuning requests written later of the
	// kinds issue 15 lists (samples/quote-labelled-tuning.json, T-111 on) grow the tuning split only. What
	// tuning never looks at is the frozen hold-out and the blind set (written outside, a third catalog):
	// together at least 30 % of all labelled requests, as issue 15 asks.
	it('is a set worth the name: ≥150 requests with the hold-out, ≥2 catalogs, ≥5 languages, hold-out ≥50 requests, unseen ≥30 %', () => {
		const all = [...labelledSplit('tuning'), ...labelledSplit('holdout')];
		// the fresh and the domains hold-outs (samples/quote-labelled-fresh.json, quote-labelled-domains.json) are
		// never tuned on either: counted, not scored
		const fresh = labelledSplit('fresh').length + domains.requests;
		const unseen = holdout.requests + blind.requests + fresh;
		expect(all.length).toBeGreaterThanOrEqual(150);
		expect(new Set(all.map((r) => r.catalog)).size).toBeGreaterThanOrEqual(2);
		expect(new Set(all.map((r) => r.language)).size).toBeGreaterThanOrEqual(5);
		expect(holdout.requests).toBeGreaterThanOrEqual(50);
		expect(unseen / (all.length + blind.requests + fresh)).toBeGreaterThanOrEqual(0.3);
		expect(new Set([...all, ...labelledSplit('blind')].map((r) => r.id)).size).toBe(
			all.length + blind.requests,
		);
	});

	// 0.942 before weak lines (ADR 0049), 0.951 with them: six lines, all right, none wrong; 0.914 when the
	// former fresh hold-out G-001..135 joined the tuning split (session 11, G alone 0.782), 0.916 after ADR 0058
	// 0.895 when M-001..080 (session 12, a pneumatics catalog without keywords, written blind: M alone 0.566) joined,
	// 0.929 after ADRs 0066-0076 (M alone 0.789); 0.939 after ADRs 0078-0084 (session 13: the trade glossary, the
	// catalog's own words, stop words by language; M alone 0.846)
	it('finds at least 93 % of the expected lines', () => {
		expect(tuning.lineRecall).toBeGreaterThanOrEqual(0.93);
	});

	// 0.969 with the 60 quantity-kind requests T-360..419 written before the reader changed, 0.983 after
	// the kinds of ADR 0050; 0.947 when the former fresh hold-out F-001..105 joined the tuning split
	// (session 10), 0.974 after the kinds of ADR 0054; 0.934 when the former fresh hold-out G-001..135
	// joined the tuning split (session 11, G alone 0.776), 0.954 after the quantity kinds of ADR 0058; 0.947 when
	// M-001..080 joined (session 12, M alone 0.697), 0.954 after ADRs 0066-0076 (M alone 0.768), 0.961 after
	// ADRs 0078-0084 (session 13, M alone 0.878)
	it('gets the quantity right on at least 95.5 % of the lines it finds', () => {
		expect(tuning.qtyAccuracy).toBeGreaterThanOrEqual(0.955);
	});

	it('sends at least half of the exactly-right quotes out automatically', () => {
		expect(tuning.autonomy).toBeGreaterThanOrEqual(0.5);
	});

	it('gives no quote to at least 90 % of the messages that ask for none or match nothing', () => {
		expect(tuning.noQuoteRight).toBeGreaterThanOrEqual(0.9);
	});
});

// Invariants hold on every set, the blind and the fresh one included (no accuracy floor is set on them).

describe.each([
	['tuning', tuning],
	['hold-out', holdout],
	['blind', blind],
	['fresh', fresh],
	['domains', domains],
])('labelled quote set, %s split: invariants', (_, scores) => {
	it('every quote is a valid Quote (confidence in [0, 1], money in minor units, …)', () => {
		for (const o of scores.outcomes) {
			const parsed = QuoteSchema.safeParse(o.quote);
			expect(
				parsed.success
					? []
					: parsed.error.issues.map((i) => `${o.request.id} ${i.path.join('.')}: ${i.message}`),
			).toEqual([]);
		}
	});

	it('quotes only catalog SKUs at catalog prices', () => {
		expect(scores.invented).toBe(0);
		expect(scores.offCatalogPrices).toBe(0);
	});

	it('never sends a line quoted with low certainty out alone (ADR 0049)', () => {
		for (const o of scores.outcomes)
			if (o.quote.lines.some((l) => !l.certain)) expect(o.quote.route).toBe('review');
	});

	it('never prints a 0.00 quote: a quote without lines is "no_quote" and routed to review', () => {
		for (const o of scores.outcomes) {
			if (o.quote.lines.length === 0)
				expect([o.quote.status, o.quote.route]).toEqual(['no_quote', 'review']);
			else expect(o.quote.status).toBe('quoted');
		}
	});
});

it('tuning split: no quote goes out automatically with a wrong or missing line, or for a message that asked for none', () => {
	expect(tuning.outcomes.filter((o) => o.wrongAuto).map((o) => o.request.id)).toEqual([]);
});
