import { describe, expect, it } from 'vitest';

import type { FlagFinding } from '../../../core/qualify/flags';
import { QualifyConfigSchema, defaultQualifyConfig, type Evidence, type Flag, type LeadInput } from '../../../core/qualify/schema';
import { scoreLead } from '../../../core/qualify/score';

const fullEvidence: Evidence = {
	budget: { amount: 20_000_000, currency: 'USD', qualifier: 'exact', evidence: '$200K budget' },
	authority: { level: 'decision_maker', title: 'VP Operations', evidence: 'VP' },
	need: { categories: ['control_systems'], evidence: [{ category: 'control_systems', quote: 'PLC' }] },
	timeline: { months: 3, evidence: '3 months' },
};
const noEvidence: Evidence = {
	budget: null,
	authority: { level: 'unknown', title: null, evidence: '' },
	need: null,
	timeline: null,
};
const fittingLead: LeadInput = { industry: 'Food & Beverage', employees: '201-500', country: 'US' };
const finding = (flag: Flag, evidence = ''): FlagFinding => ({ flag, evidence, detail: flag });

describe('scoreLead', () => {
	it('gives every configured point to a complete, fitting lead and explains each one', () => {
		const outcome = scoreLead(fittingLead, fullEvidence, [], defaultQualifyConfig);
		// budget 25 + authority 20 + need(one) 15 + timeline(≤3 months) 15 + industry 8 + size 6 + country 6
		expect(outcome.score).toBe(95);
		expect(outcome.grade).toBe('A');
		expect(outcome.route).toBe('qualified');
		expect(outcome.reasons.map((r) => [r.factor, r.points])).toEqual([
			['budget', 25],
			['authority', 20],
			['need', 15],
			['timeline', 15],
			['fit.industry', 8],
			['fit.size', 6],
			['fit.country', 6],
		]);
		expect(outcome.reasons.find((r) => r.factor === 'budget')?.evidence).toBe('$200K budget');
	});

	it.each<[number, number]>([
		[0, 15],
		[3, 15],
		[4, 12],
		[6, 12],
		[9, 8],
		[12, 8],
		[18, 4],
	])('timeline of %i months earns %i points', (months, points) => {
		const evidence = { ...noEvidence, timeline: { months, evidence: 'x' } };
		expect(scoreLead({}, evidence, [], defaultQualifyConfig).reasons.find((r) => r.factor === 'timeline')?.points).toBe(points);
	});

	it.each<[Evidence['authority']['level'], number]>([
		['decision_maker', 20],
		['influencer', 12],
		['user', 5],
		['unknown', 0],
	])('authority %s earns %i points', (level, points) => {
		const evidence = { ...noEvidence, authority: { level, title: 't', evidence: level === 'unknown' ? '' : 't' } };
		expect(scoreLead({}, evidence, [], defaultQualifyConfig).score).toBe(points);
	});

	it('uses the configured weights and thresholds', () => {
		const config = QualifyConfigSchema.parse({
			weights: { budget: 50, authority: { decision_maker: 50 } },
			thresholds: { qualified: 90, nurture: 20 },
		});
		const outcome = scoreLead({}, { ...noEvidence, budget: fullEvidence.budget, authority: fullEvidence.authority }, [], config);
		expect(outcome.score).toBe(100);
		expect(outcome.route).toBe('qualified');
		const strict = QualifyConfigSchema.parse({ ...config, thresholds: { qualified: 100, nurture: 20 } });
		expect(scoreLead({}, { ...noEvidence, budget: fullEvidence.budget }, [], strict).route).toBe('review');
	});

	it('halves the budget points below the configured minimum deal size in the same currency', () => {
		const config = QualifyConfigSchema.parse({ icp: { minBudget: { amount: 50_000_000, currency: 'USD' } } });
		const budget = scoreLead({}, fullEvidence, [], config).reasons.find((r) => r.factor === 'budget');
		expect(budget?.points).toBe(12);
		const euroConfig = QualifyConfigSchema.parse({ icp: { minBudget: { amount: 50_000_000, currency: 'EUR' } } });
		expect(scoreLead({}, fullEvidence, [], euroConfig).reasons.find((r) => r.factor === 'budget')?.points).toBe(25);
	});

	it.each<[Flag, string]>([
		['junk', 'disqualified'],
		['invalid_email', 'disqualified'],
		['injection_suspected', 'review'],
		['duplicate', 'review'],
		['truncated', 'review'],
		['free_email', 'qualified'],
	])('a high-scoring lead flagged %s routes to %s', (flag, route) => {
		const outcome = scoreLead(fittingLead, fullEvidence, [finding(flag)], defaultQualifyConfig);
		expect(outcome.route).toBe(route);
		expect(outcome.flags).toEqual([flag]);
		// Every route the score alone does not give is a stated reason.
		if (route !== 'qualified') {
			expect(outcome.routeReason).toMatch(new RegExp(`^${route} instead of qualified \\(score \\d+\\): `));
			expect(outcome.reasons.find((r) => r.factor === 'route')).toMatchObject({ points: 0, detail: outcome.routeReason });
		} else {
			expect(outcome.routeReason).toBeNull();
		}
	});

	it('sends a suspected injection to a person with the phrase and the reason, whatever its score', () => {
		const low = scoreLead({}, noEvidence, [finding('injection_suspected', 'Ignore all previous instructions')], defaultQualifyConfig);
		expect(low.route).toBe('review');
		expect(low.routeReason).toBe(
			'review instead of nurture (score 0): the lead text contains an instruction aimed at an AI (suspected prompt injection); a person checks it before anything acts on it',
		);
		expect(low.reasons.at(-1)).toMatchObject({ factor: 'route', evidence: 'Ignore all previous instructions' });
		// Junk or an invalid address still disqualify, injection or not.
		const junk = scoreLead({}, noEvidence, [finding('injection_suspected'), finding('junk')], defaultQualifyConfig);
		expect(junk.route).toBe('disqualified');
	});

	it('subtracts the free-mail penalty and clamps at zero with an explaining reason', () => {
		const outcome = scoreLead({}, noEvidence, [finding('free_email', 'x@gmail.com')], defaultQualifyConfig);
		expect(outcome.score).toBe(0);
		expect(outcome.reasons.find((r) => r.factor === 'flag.free_email')).toMatchObject({ points: -10, evidence: 'x@gmail.com' });
		expect(outcome.reasons.find((r) => r.factor === 'clamp')?.points).toBe(10);
		expect(outcome.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(0);
	});

	it.each<[number, string, string]>([
		[80, 'A', 'qualified'],
		[79, 'B', 'review'],
		[60, 'B', 'review'],
		[40, 'C', 'review'],
		[39, 'D', 'nurture'],
	])('score %i → grade %s, route %s', (score, grade, route) => {
		// Weights chosen so a complete lead scores exactly `score` from budget alone.
		const config = QualifyConfigSchema.parse({
			weights: {
				budget: score,
				authority: { decision_maker: 0 },
				need: { one: 0 },
				timeline: { within3Months: 0 },
				industry: 0,
				size: 0,
				country: 0,
			},
		});
		const outcome = scoreLead({}, fullEvidence, [], config);
		expect([outcome.score, outcome.grade, outcome.route]).toEqual([score, grade, route]);
	});

	it('does not auto-qualify when confidence is below the configured minimum', () => {
		const config = QualifyConfigSchema.parse({ weights: { budget: 100 }, thresholds: { minConfidence: 0.6 } });
		const outcome = scoreLead({}, { ...noEvidence, budget: fullEvidence.budget }, [], config);
		expect(outcome.score).toBe(100);
		expect(outcome.confidence).toBe(0.5);
		expect(outcome.route).toBe('review');
	});
});
