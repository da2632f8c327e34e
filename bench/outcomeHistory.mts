// Synthetic closed-lead histories drawn from a known ground-truth model (issue 20), for the honest
// tests of the backtest and calibration and for the bench section: each lead's factor levels are
// drawn from fixed shares, its conversion from sigmoid(intercept + slope · truth points / 100); the
// recorded factors can lose fields (missing data) and the truth can drift from one profile to another
// over the period. Seeded (mulberry32): the same seed gives the same history.
import { defaultQualifyConfig, type QualifyConfig } from '../core/qualify/index.ts';
import { scoreOfFactors, type HistoryLead, type ProfileFactors } from '../core/qualify/calibrate/index.ts';
import { mulberry32 } from './seededRandom.mts';

export { mulberry32 };

export type Weights = QualifyConfig['weights'];


export interface Truth {
	weights: Weights;
	/** Logits per 100 points of the truth's score. */
	slope: number;
	intercept: number;
}

export interface HistoryOptions {
	leads: number;
	seed: number;
	truth: Truth;
	/** The truth at the end of the period (linear drift from `truth`); none = no drift. */
	driftTo?: Truth;
	/** Chance that a present factor was not recorded (the score saw "unknown"). */
	missing?: number;
}

export const DEFAULT_WEIGHTS: Weights = defaultQualifyConfig.weights;

/** A truth that values company fit and urgency far more, and budget and titles far less, than the defaults. */
export const FIT_FIRST_WEIGHTS: Weights = {
	budget: 4,
	authority: { decision_maker: 4, influencer: 3, user: 2 },
	need: { one: 10, several: 14 },
	timeline: { within3Months: 26, within6Months: 16, within12Months: 6, later: 0 },
	industry: 26,
	size: 14,
	country: 2,
	freeEmailPenalty: 20,
};

function pick<T>(rand: () => number, options: ReadonlyArray<readonly [T, number]>): T {
	let u = rand();
	for (const [value, share] of options) {
		if ((u -= share) < 0) return value;
	}
	return options[options.length - 1][0];
}

function drawFactors(rand: () => number): ProfileFactors {
	return {
		budget: pick(rand, [['none', 0.5], ['below_min', 0.1], ['stated', 0.4]] as const),
		authority: pick(rand, [['unknown', 0.3], ['user', 0.2], ['influencer', 0.3], ['decision_maker', 0.2]] as const),
		need: pick(rand, [['none', 0.25], ['one', 0.5], ['several', 0.25]] as const),
		timeline: pick(rand, [['none', 0.35], ['within3Months', 0.2], ['within6Months', 0.2], ['within12Months', 0.15], ['later', 0.1]] as const),
		industry: rand() < 0.5,
		size: rand() < 0.55,
		country: rand() < 0.7,
		freeEmail: rand() < 0.2,
	};
}

function blend(a: Weights, b: Weights, t: number): Weights {
	const mix = (x: number, y: number) => Math.round(x + (y - x) * t);
	return {
		budget: mix(a.budget, b.budget),
		authority: { decision_maker: mix(a.authority.decision_maker, b.authority.decision_maker), influencer: mix(a.authority.influencer, b.authority.influencer), user: mix(a.authority.user, b.authority.user) },
		need: { one: mix(a.need.one, b.need.one), several: mix(a.need.several, b.need.several) },
		timeline: { within3Months: mix(a.timeline.within3Months, b.timeline.within3Months), within6Months: mix(a.timeline.within6Months, b.timeline.within6Months), within12Months: mix(a.timeline.within12Months, b.timeline.within12Months), later: mix(a.timeline.later, b.timeline.later) },
		industry: mix(a.industry, b.industry),
		size: mix(a.size, b.size),
		country: mix(a.country, b.country),
		freeEmailPenalty: mix(a.freeEmailPenalty, b.freeEmailPenalty),
	};
}

/** The truth's linear score (not clamped) of a lead's real factors. */
function truthPoints(factors: ProfileFactors, weights: Weights): number {
	// scoreOfFactors clamps to 0–100; the truth is linear, so add back what the clamp took.
	const wide: Weights = { ...weights, freeEmailPenalty: 0 };
	return scoreOfFactors(factors, wide) - (factors.freeEmail ? weights.freeEmailPenalty : 0);
}

function hide(rand: () => number, factors: ProfileFactors, missing: number): ProfileFactors {
	if (missing <= 0) return factors;
	const gone = () => rand() < missing;
	return {
		budget: factors.budget !== 'none' && gone() ? 'none' : factors.budget,
		authority: factors.authority !== 'unknown' && gone() ? 'unknown' : factors.authority,
		need: factors.need !== 'none' && gone() ? 'none' : factors.need,
		timeline: factors.timeline !== 'none' && gone() ? 'none' : factors.timeline,
		industry: factors.industry && !gone(),
		size: factors.size && !gone(),
		country: factors.country && !gone(),
		freeEmail: factors.freeEmail,
	};
}

export function syntheticHistory(options: HistoryOptions): HistoryLead[] {
	const rand = mulberry32(options.seed);
	const start = Date.UTC(2024, 0, 1);
	const day = 86_400_000;
	return Array.from({ length: options.leads }, (_, i) => {
		const t = options.leads > 1 ? i / (options.leads - 1) : 0;
		const truth = options.driftTo
			? {
					weights: blend(options.truth.weights, options.driftTo.weights, t),
					slope: options.truth.slope + (options.driftTo.slope - options.truth.slope) * t,
					intercept: options.truth.intercept + (options.driftTo.intercept - options.truth.intercept) * t,
				}
			: options.truth;
		const real = drawFactors(rand);
		const z = truth.intercept + (truth.slope * truthPoints(real, truth.weights)) / 100;
		const converted = rand() < 1 / (1 + Math.exp(-z));
		return {
			id: `H-${String(i).padStart(5, '0')}`,
			created: new Date(start + Math.floor((i * 700 * day) / Math.max(1, options.leads))).toISOString(),
			factors: hide(rand, real, options.missing ?? 0),
			outcome: converted ? 'converted' : 'lost',
		};
	});
}
