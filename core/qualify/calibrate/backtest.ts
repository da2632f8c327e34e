// Backtest and calibration of the lead score on the user's own closed leads (issue 20, ADR 0037).
// The history is split by date: the older part trains, the newest part (the hold-out) judges. The
// current profile's score gets a conversion probability by a two-number logistic fit on the
// training part; the calibration is a logistic regression over the profile's factors whose prior is
// the current weights (L2 toward them, `priorPoints` wide), so fifty outcomes move a weight a little
// and thousands move it to what the history says. The result is the same explainable profile the
// Lead Qualifier reads (integer points per factor, thresholds, grades) with a reason per weight and
// a version; thresholds keep their meaning as conversion probabilities learnt on the training part.
// A history too small or too one-sided is reported as such, with rates and intervals but no AUC,
// no calibration and no proposal.
import { z } from 'zod/v4';

import type { QualifyConfig } from '../schema';
import {
	WEIGHT_KEYS,
	featureVector,
	maxScore,
	scoreOfFactors,
	weightOf,
	withWeight,
} from './factors';
import { fitLogistic, logit, sigmoid } from './logistic';
import { brierScore, calibrationBins, rocAuc, wilson } from './outcomeStats';
import {
	BacktestOptionsSchema,
	HistoryLeadSchema,
	type BacktestOptionsInput,
	type BacktestReport,
	type Evaluation,
	type HistoryLead,
	type RateRow,
	type ScoringProfile,
	type WeightReason,
} from './schema';

const HistorySchema = z.array(HistoryLeadSchema);

type Weights = QualifyConfig['weights'];
type Grades = QualifyConfig['grades'];

/** score ↦ P(converted) = sigmoid(intercept + slope · score / 100). */
interface ScoreMapping {
	intercept: number;
	slope: number;
}

const probability = (mapping: ScoreMapping, score: number) =>
	sigmoid(mapping.intercept + (mapping.slope * score) / 100);

const pct = (x: number) => `${Math.round(x * 100)} %`;

function fitScoreMapping(scores: readonly number[], converted: readonly boolean[]): ScoreMapping {
	const rate = converted.filter(Boolean).length / converted.length;
	const [intercept, slope] = fitLogistic(
		scores.map((s) => [s / 100]),
		converted,
		// The slope is held lightly at zero (σ = 10 logits per 100 points): a history where the score
		// separates perfectly still gets a finite slope.
		{ mean: [logit(rate), 0], precision: [0, 0.01] },
	);
	return { intercept, slope };
}

function rateRow(label: string, rows: ReadonlyArray<{ converted: boolean }>): RateRow {
	const converted = rows.filter((row) => row.converted).length;
	return {
		label,
		leads: rows.length,
		converted,
		rate: rows.length ? Math.round((converted / rows.length) * 10_000) / 10_000 : null,
		interval: wilson(converted, rows.length),
	};
}

function gradeOf(score: number, grades: Grades): 'A' | 'B' | 'C' | 'D' {
	return score >= grades.A ? 'A' : score >= grades.B ? 'B' : score >= grades.C ? 'C' : 'D';
}

function evaluate(
	leads: readonly HistoryLead[],
	weights: Weights,
	grades: Grades,
	mapping: ScoreMapping | null,
): Evaluation {
	const rows = leads.map((lead) => ({
		id: lead.id,
		score: scoreOfFactors(lead.factors, weights),
		converted: lead.outcome === 'converted',
	}));
	const byGrade = (['A', 'B', 'C', 'D'] as const).map((grade) =>
		rateRow(
			grade,
			rows.filter((row) => gradeOf(row.score, grades) === grade),
		),
	);
	const ranked = [...rows].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
	const byDecile: RateRow[] = [];
	for (let d = 0; d < 10 && ranked.length > 0; d++) {
		const part = ranked.slice(
			Math.floor((d * ranked.length) / 10),
			Math.floor(((d + 1) * ranked.length) / 10),
		);
		if (part.length === 0) continue;
		const label = `${d + 1}${d === 0 ? ' (top)' : ''}: score ${part[part.length - 1].score}–${part[0].score}`;
		byDecile.push(rateRow(label, part));
	}
	const positive = rows.map((row) => row.converted);
	const predicted = mapping ? rows.map((row) => probability(mapping, row.score)) : [];
	const calibration = mapping ? calibrationBins(predicted, positive) : { bins: [], ece: null };
	return {
		leads: rows.length,
		converted: positive.filter(Boolean).length,
		byGrade,
		byDecile,
		auc: mapping
			? rocAuc(
					rows.map((row) => row.score),
					positive,
				)
			: null,
		calibration: calibration.bins,
		ece: calibration.ece,
		brier: mapping ? brierScore(predicted, positive) : null,
	};
}

/** The score at which the mapping reaches probability `target` (the lowest whole score), 0–100. */
function scoreFor(mapping: ScoreMapping, target: number): number {
	const exact = ((logit(target) - mapping.intercept) / mapping.slope) * 100;
	return Math.min(100, Math.max(0, Math.ceil(exact - 1e-9)));
}

/** Mapped thresholds and grades keep the conversion probability they had under the current profile. */
function mapCutPoints(
	config: QualifyConfig,
	current: ScoreMapping,
	proposed: ScoreMapping,
	targets: { qualified?: number; nurture?: number },
): { thresholds: QualifyConfig['thresholds']; grades: Grades } | null {
	if (!(proposed.slope > 0.5) || !(current.slope > 0.5)) return null;
	const at = (score: number) => probability(current, score);
	const qualified = Math.max(
		1,
		scoreFor(proposed, targets.qualified ?? at(config.thresholds.qualified)),
	);
	const nurture = Math.min(
		qualified - 1,
		scoreFor(proposed, targets.nurture ?? at(config.thresholds.nurture)),
	);
	const A = scoreFor(proposed, at(config.grades.A));
	const B = Math.min(A, scoreFor(proposed, at(config.grades.B)));
	const C = Math.min(B, scoreFor(proposed, at(config.grades.C)));
	return {
		thresholds: { ...config.thresholds, qualified, nurture },
		grades: { A, B, C },
	};
}

function weightReason(
	key: (typeof WEIGHT_KEYS)[number],
	index: number,
	previous: number,
	points: number,
	learnt: number,
	training: readonly HistoryLead[],
	vectors: readonly number[][],
): WeightReason {
	const withIt = training.filter((_, n) => vectors[n][index] !== 0);
	const without = training.filter((_, n) => vectors[n][index] === 0);
	const rate = (rows: readonly HistoryLead[]) =>
		rows.filter((r) => r.outcome === 'converted').length;
	const interval = wilson(rate(withIt), withIt.length);
	const evidence =
		withIt.length === 0
			? 'no training lead had it'
			: `${rate(withIt)} of ${withIt.length} training leads with it converted (${pct(rate(withIt) / withIt.length)}, 95 % ${pct(interval?.low ?? 0)}–${pct(interval?.high ?? 0)}); ${without.length ? pct(rate(without) / without.length) : 'n/a'} of the ${without.length} without`;
	const subject = key === 'freeEmailPenalty' ? 'penalty' : 'weight';
	const detail =
		withIt.length < 5 || without.length < 5
			? `kept near ${previous} (${points}): too few training leads ${withIt.length < 5 ? 'with' : 'without'} it to learn from; the change is the rescaling that keeps the best possible score`
			: learnt < 0
				? 'set to 0: in this history leads with it converted less often than the rest of their score implies, and a profile gives no negative points'
				: Math.abs(learnt - previous) < 1.5
					? `${subject} kept near ${previous} (${points}): the history agrees with it; any change is the rescaling that keeps the best possible score`
					: points > previous
						? `${subject} raised from ${previous} to ${points}: leads with it converted more often than the current ${subject} implies`
						: `${subject} lowered from ${previous} to ${points}: leads with it converted less often than the current ${subject} implies`;
	return { factor: key, points, previous, evidence, detail };
}

interface Calibrated {
	profile: ScoringProfile;
	current: ScoreMapping;
	proposed: ScoreMapping;
}

interface LearntWeights {
	weights: Weights;
	/** Each weight as the regression learnt it, in current points, before scaling and rounding. */
	learnt: number[];
	current: ScoreMapping;
}

function learnWeights(
	training: readonly HistoryLead[],
	config: QualifyConfig,
	priorPoints: number,
): LearntWeights {
	const converted = training.map((lead) => lead.outcome === 'converted');
	const current = fitScoreMapping(
		training.map((lead) => scoreOfFactors(lead.factors, config.weights)),
		converted,
	);
	// Points → logits at the rate the current score showed on this history, within 1–8 logits per 100
	// points so a flat or inverted history does not erase the prior or blow it up.
	const perPoint = Math.min(8, Math.max(1, current.slope)) / 100;
	const priorPrecision = 1 / (perPoint * priorPoints) ** 2;
	const beta = fitLogistic(
		training.map((lead) => featureVector(lead.factors)),
		converted,
		{
			mean: [
				current.intercept,
				...WEIGHT_KEYS.map((key) => perPoint * weightOf(config.weights, key)),
			],
			precision: [0, ...WEIGHT_KEYS.map(() => priorPrecision)],
		},
	);
	const learnt = WEIGHT_KEYS.map((_, k) => beta[k + 1] / perPoint);
	let raw: Weights = config.weights;
	WEIGHT_KEYS.forEach((key, k) => {
		raw = withWeight(raw, key, Math.max(0, learnt[k]));
	});
	// The best possible lead keeps the best possible score of the current profile, so 0–100 and the
	// grades stay comparable; what changes is how the points are shared between factors.
	const scale = maxScore(raw) > 0 ? maxScore(config.weights) / maxScore(raw) : 1;
	let weights: Weights = config.weights;
	WEIGHT_KEYS.forEach((key, k) => {
		weights = withWeight(weights, key, Math.min(100, Math.round(Math.max(0, learnt[k]) * scale)));
	});
	return { weights, learnt, current };
}

const FOLDS = 5;

function calibrate(
	training: readonly HistoryLead[],
	config: QualifyConfig,
	options: ReturnType<typeof BacktestOptionsSchema.parse>,
	basis: string,
): Calibrated {
	const { weights, learnt, current } = learnWeights(training, config, options.priorPoints);
	// The new score's conversion probability is fitted on scores each lead got from weights learnt
	// without it (5 folds): weights scored on the leads they were learnt from look sharper than they
	// are, and the hold-out then finds the top bins over-confident.
	const outOfFold = new Array<number>(training.length);
	for (let fold = 0; fold < FOLDS; fold++) {
		const rest = training.filter((_, n) => n % FOLDS !== fold);
		const foldWeights = learnWeights(rest, config, options.priorPoints).weights;
		training.forEach((lead, n) => {
			if (n % FOLDS === fold) outOfFold[n] = scoreOfFactors(lead.factors, foldWeights);
		});
	}
	const proposed = fitScoreMapping(
		outOfFold,
		training.map((lead) => lead.outcome === 'converted'),
	);
	const cuts = mapCutPoints(config, current, proposed, {
		qualified: options.targetQualifiedRate,
		nurture: options.targetNurtureRate,
	});
	const vectors = training.map((lead) => featureVector(lead.factors));
	const reasons = WEIGHT_KEYS.map((key, k) =>
		weightReason(
			key,
			k,
			weightOf(config.weights, key),
			weightOf(weights, key),
			learnt[k],
			training,
			vectors,
		),
	);
	return {
		profile: {
			version: options.currentVersion + 1,
			basis,
			weights,
			thresholds: cuts?.thresholds ?? config.thresholds,
			grades: cuts?.grades ?? config.grades,
			reasons,
		},
		current,
		proposed,
	};
}

function describeAuc(evaluation: Evaluation): string {
	return evaluation.auc
		? `AUC ${evaluation.auc.value} (95 % ${evaluation.auc.low}–${evaluation.auc.high})`
		: 'AUC not measurable';
}

/**
 * Scores the closed history with the current profile, reports how well the score predicts the
 * outcome, and proposes a calibrated profile judged on the newest part of the history.
 */
export function runBacktest(
	history: readonly HistoryLead[],
	config: QualifyConfig,
	optionsInput: BacktestOptionsInput = {},
): BacktestReport {
	const options = BacktestOptionsSchema.parse(optionsInput);
	const checked = HistorySchema.safeParse(history);
	if (!checked.success) {
		const issue = checked.error.issues[0];
		throw new Error(`history lead ${issue?.path.join('.')}: ${issue?.message}`);
	}
	const leads = [...checked.data].sort((a, b) =>
		a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1,
	);
	const converted = leads.filter((lead) => lead.outcome === 'converted').length;
	const lost = leads.length - converted;
	const cut = Math.ceil(leads.length * (1 - options.holdoutShare));
	const training = leads.slice(0, cut);
	const holdout = leads.slice(cut);
	const trainingConverted = training.filter((lead) => lead.outcome === 'converted').length;
	const minTrain = Math.ceil(options.minPerOutcome / 2);
	const status: BacktestReport['status'] =
		leads.length < options.minLeads
			? 'too_small'
			: Math.min(converted, lost) < options.minPerOutcome ||
				  Math.min(trainingConverted, training.length - trainingConverted) < minTrain
				? 'one_sided'
				: 'ok';
	const counts = {
		leads: leads.length,
		converted,
		lost,
		training: training.length,
		holdout: holdout.length,
	};
	const period =
		leads.length > 0
			? {
					from: leads[0].created,
					to: leads[leads.length - 1].created,
					holdoutFrom: (holdout[0] ?? leads[leads.length - 1]).created,
				}
			: null;
	if (status !== 'ok') {
		const why =
			status === 'too_small'
				? `${leads.length} closed leads are too few (at least ${options.minLeads} are needed)`
				: `${converted} converted and ${lost} lost leads are too one-sided (at least ${options.minPerOutcome} of each are needed, half of them in the older ${Math.round((1 - options.holdoutShare) * 100)} %)`;
		return {
			status,
			summary: `${why}: conversion by grade and decile is shown with its intervals, but no AUC, no calibration and no new profile, because this history cannot tell them apart from chance.`,
			counts,
			period,
			current: evaluate(leads, config.weights, config.grades, null),
			holdout: null,
			proposed: null,
		};
	}
	const basis = `${training.length} closed leads from ${training[0].created.slice(0, 10)} to ${training[training.length - 1].created.slice(0, 10)} (${trainingConverted} converted)`;
	const calibrated = calibrate(training, config, options, basis);
	const { profile } = calibrated;
	const current = evaluate(leads, config.weights, config.grades, calibrated.current);
	const holdoutCurrent = evaluate(holdout, config.weights, config.grades, calibrated.current);
	const holdoutProposed = evaluate(holdout, profile.weights, profile.grades, calibrated.proposed);
	const changed = profile.reasons.filter((reason) => reason.points !== reason.previous);
	const top = current.byGrade.find((row) => row.label === 'A');
	const bottom = current.byGrade.find((row) => row.label === 'D');
	const gradeLine =
		top?.rate !== null &&
		top?.rate !== undefined &&
		bottom?.rate !== null &&
		bottom?.rate !== undefined
			? `Grade A leads converted ${pct(top.rate)} (${top.leads}), grade D ${pct(bottom.rate)} (${bottom.leads}). `
			: '';
	const summary =
		`${leads.length} closed leads, ${converted} converted. ${gradeLine}` +
		`Current profile: ${describeAuc(current)} over the whole history. ` +
		`On the newest ${holdout.length} leads (not trained on) the current profile has ${describeAuc(holdoutCurrent)}, calibration error ${holdoutCurrent.ece}; ` +
		`the proposed version ${profile.version} has ${describeAuc(holdoutProposed)}, calibration error ${holdoutProposed.ece}. ` +
		(changed.length
			? `It changes ${changed.length} weight(s): ${changed.map((r) => `${r.factor} ${r.previous}→${r.points}`).join(', ')}.`
			: 'It changes no weight.') +
		` Thresholds: qualified ${profile.thresholds.qualified}, nurture below ${profile.thresholds.nurture}.`;
	return {
		status,
		summary,
		counts,
		period,
		current,
		holdout: { current: holdoutCurrent, proposed: holdoutProposed },
		proposed: profile,
	};
}

/** The Lead Qualifier configuration with a profile's weights, thresholds and grades in place. */
export function applyProfile(config: QualifyConfig, profile: ScoringProfile): QualifyConfig {
	return {
		...config,
		weights: profile.weights,
		thresholds: profile.thresholds,
		grades: profile.grades,
	};
}
