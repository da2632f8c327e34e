// Reads what the score saw in a lead (the level of every profile factor) from a qualification
// result, and turns factor levels back into points under any weights. The calibration learns over
// these levels, so a re-weighted profile scores the same evidence exactly as the Lead Qualifier
// would: `scoreOfFactors(factorsOfResult(r, c), c.weights) === r.score` (tests/core/qualify/
// calibrate/factors.test.mts holds this over the labelled sample leads).
import type { QualificationResult, QualifyConfig } from '../schema';
import { budgetBelowMinimum, timelineBand } from '../score';
import { WeightKeySchema, type ProfileFactors, type WeightKey } from './schema';

type Weights = QualifyConfig['weights'];

export function factorsOfResult(
	result: QualificationResult,
	config: QualifyConfig,
): ProfileFactors {
	const { budget, authority, need, timeline } = result.bant;
	return {
		budget: !budget ? 'none' : budgetBelowMinimum(budget, config) ? 'below_min' : 'stated',
		authority: authority.level,
		need: !need ? 'none' : need.categories.length > 1 ? 'several' : 'one',
		timeline: timeline ? timelineBand(timeline.months) : 'none',
		industry: result.fit.industry.status === 'match',
		size: result.fit.size.status === 'match',
		country: result.fit.country.status === 'match',
		freeEmail: result.flags.includes('free_email'),
	};
}

/** The weights in a fixed order, as the calibration's coefficients. */
export const WEIGHT_KEYS: readonly WeightKey[] = WeightKeySchema.options;

export function weightOf(weights: Weights, key: WeightKey): number {
	const [group, level] = key.split('.') as [string, string | undefined];
	if (level === undefined) return weights[group as 'budget'];
	return (weights[group as 'authority'] as Record<string, number>)[level];
}

export function withWeight(weights: Weights, key: WeightKey, points: number): Weights {
	const [group, level] = key.split('.') as [string, string | undefined];
	if (level === undefined) return { ...weights, [group]: points };
	const nested = weights[group as 'authority'] as Record<string, number>;
	return { ...weights, [group]: { ...nested, [level]: points } };
}

/**
 * How much of each weight a lead earns: 1 (full), 0.5 (a budget below the minimum deal size earns
 * half, rounded down by `scoreOfFactors`), -1 (the free-mail penalty) or 0.
 */
export function featureVector(factors: ProfileFactors): number[] {
	return WEIGHT_KEYS.map((key) => {
		switch (key) {
			case 'budget':
				return factors.budget === 'stated' ? 1 : factors.budget === 'below_min' ? 0.5 : 0;
			case 'freeEmailPenalty':
				return factors.freeEmail ? -1 : 0;
			case 'industry':
			case 'size':
			case 'country':
				return factors[key] ? 1 : 0;
			default: {
				const [group, level] = key.split('.') as ['authority' | 'need' | 'timeline', string];
				return factors[group] === level ? 1 : 0;
			}
		}
	});
}

/** The score (0–100) the Lead Qualifier gives a lead with these factors under `weights`. */
export function scoreOfFactors(factors: ProfileFactors, weights: Weights): number {
	const raw =
		(factors.budget === 'stated'
			? weights.budget
			: factors.budget === 'below_min'
				? Math.floor(weights.budget / 2)
				: 0) +
		(factors.authority === 'unknown' ? 0 : weights.authority[factors.authority]) +
		(factors.need === 'none' ? 0 : weights.need[factors.need]) +
		(factors.timeline === 'none' ? 0 : weights.timeline[factors.timeline]) +
		(factors.industry ? weights.industry : 0) +
		(factors.size ? weights.size : 0) +
		(factors.country ? weights.country : 0) -
		(factors.freeEmail ? weights.freeEmailPenalty : 0);
	return Math.min(100, Math.max(0, raw));
}

/** The highest score the weights can give (every factor at its best level). */
export function maxScore(weights: Weights): number {
	return (
		weights.budget +
		Math.max(...Object.values(weights.authority)) +
		Math.max(...Object.values(weights.need)) +
		Math.max(...Object.values(weights.timeline)) +
		weights.industry +
		weights.size +
		weights.country
	);
}
