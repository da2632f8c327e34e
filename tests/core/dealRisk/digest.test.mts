// buildDigest: counts by level and signal, exact amounts at risk per currency, the caller's outputs
// highest risk first, and errors and warnings only when there are any.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { assessDeal, buildDigest, defaultRiskConfig, type DealAssessment } from '../../../core/dealRisk';
import { sumMinorUnits } from '../../../core/money';
import { dealWith, NOW } from './healthyDeal.mts';

const silent = (name: string, amount: number, currency = 'EUR') =>
	assessDeal(dealWith({ name, opportunity_amount: amount, currency, communications: [], events: [], todos: [] }), defaultRiskConfig, NOW);
const slipped = (name: string, amount: number, currency = 'EUR') =>
	assessDeal(dealWith({ name, opportunity_amount: amount, currency, expected_closing: '2026-11-01' }), defaultRiskConfig, NOW);
const entry = (assessment: DealAssessment) => ({ assessment, output: { deal: assessment.deal.name } });

describe('buildDigest', () => {
	it('counts by level and signal, sums each currency exactly, and lists the outputs highest score first', () => {
		const a = silent('OPP-A', 1_000_010); // 10,000.10 EUR
		const b = slipped('OPP-B', 20_005); // 200.05 EUR
		const c = slipped('OPP-C', 30_000, 'USD');
		const d = slipped('OPP-0', 10, 'USD'); // same score as C: name order
		const digest = buildDigest({
			assessedAt: NOW,
			assessed: 6,
			open: 5,
			atRisk: [b, c, a, d].map(entry),
			errors: [],
			warnings: [],
		});
		expect(digest).toMatchObject({ assessedAt: '2026-11-20T10:00:00.000Z', dealsAssessed: 6, openDeals: 5, atRisk: 4 });
		expect(digest.byLevel).toEqual({ critical: 0, high: 1, medium: 3, low: 0 });
		expect(digest.bySignal).toEqual({ stale: 1, single_threaded: 1, no_next_step: 1, close_date_passed: 3 });
		expect(digest.amountAtRisk.map((m) => [m.currency, m.minor, m.amount, m.text])).toEqual([
			['EUR', 1_020_015, 10_200.15, expect.stringContaining('10,200.15')],
			['USD', 30_010, 300.1, expect.stringContaining('300.10')],
		]);
		expect(digest.deals).toEqual([{ deal: 'OPP-A' }, { deal: 'OPP-0' }, { deal: 'OPP-B' }, { deal: 'OPP-C' }]);
		expect(digest).not.toHaveProperty('errors');
		expect(digest).not.toHaveProperty('warnings');
	});

	it('an empty scan has zero counts and no amounts; errors and warnings are carried', () => {
		const digest = buildDigest({
			assessedAt: NOW,
			assessed: 0,
			open: 0,
			atRisk: [],
			errors: [{ deal: 'OPP-X', error: 'field "currency" …' }],
			warnings: ['roles hidden'],
		});
		expect(digest).toMatchObject({ atRisk: 0, byLevel: { critical: 0, high: 0, medium: 0, low: 0 }, bySignal: {}, amountAtRisk: [], deals: [] });
		expect(digest.errors).toEqual([{ deal: 'OPP-X', error: 'field "currency" …' }]);
		expect(digest.warnings).toEqual(['roles hidden']);
	});

	it('the amount at risk per currency is the exact sum of the deals, in any order', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 8 }), (amounts) => {
				const deals = amounts.map((m, i) => entry(slipped(`OPP-${i}`, m)));
				const forward = buildDigest({ assessedAt: NOW, assessed: deals.length, open: deals.length, atRisk: deals, errors: [], warnings: [] });
				const backward = buildDigest({ assessedAt: NOW, assessed: deals.length, open: deals.length, atRisk: [...deals].reverse(), errors: [], warnings: [] });
				expect(forward.amountAtRisk.map((m) => m.minor)).toEqual([sumMinorUnits(amounts)]);
				expect(backward).toEqual(forward);
			}),
			{ numRuns: 40 },
		);
	});
});
