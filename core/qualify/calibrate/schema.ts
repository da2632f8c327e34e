// The shapes of the backtest and the calibration (issue 20), declared once: one closed lead of the
// user's history (the profile factors it had when it came in, and how it ended), the options, the
// report a manager reads, and the scoring profile a calibration proposes (weights, thresholds and
// grades the Lead Qualifier reads, a version, and a reason for every weight).
import { z } from 'zod/v4';

import { QualifyConfigSchema } from '../schema';

/** What the score saw in a lead: one level per factor of the profile (the points come from weights). */
export const ProfileFactorsSchema = z.strictObject({
	budget: z.enum(['none', 'below_min', 'stated']),
	authority: z.enum(['unknown', 'user', 'influencer', 'decision_maker']),
	need: z.enum(['none', 'one', 'several']),
	timeline: z.enum(['none', 'within3Months', 'within6Months', 'within12Months', 'later']),
	industry: z.boolean(),
	size: z.boolean(),
	country: z.boolean(),
	freeEmail: z.boolean(),
});
export type ProfileFactors = z.infer<typeof ProfileFactorsSchema>;

export const OutcomeSchema = z.enum(['converted', 'lost']);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const HistoryLeadSchema = z.strictObject({
	id: z.string().min(1),
	/** ISO date-time the lead came in; the newest part of the history is the hold-out. */
	created: z.iso.datetime({ offset: true, local: true }).or(z.iso.date()),
	factors: ProfileFactorsSchema,
	outcome: OutcomeSchema,
});
export type HistoryLead = z.infer<typeof HistoryLeadSchema>;

export const BacktestOptionsSchema = z
	.strictObject({
		/** Share of the history, newest first, kept out of training to compare profiles on. */
		holdoutShare: z.number().min(0.1).max(0.5).default(0.3),
		/** How far, in points, one weight may move a priori (prior standard deviation): lower moves less. */
		priorPoints: z.number().min(0.5).max(50).default(6),
		/** Fewer closed leads than this: reported as too small, no AUC, no proposal. */
		minLeads: z.int().min(10).default(40),
		/** Fewer converted or fewer lost leads than this: reported as too one-sided. */
		minPerOutcome: z.int().min(3).default(10),
		/** Version of the profile the history was scored with (the proposal gets the next one). */
		currentVersion: z.int().min(0).default(0),
		/**
		 * Conversion probability that should auto-qualify / below which a lead is nurtured; by default
		 * the probability the current thresholds had on the training part.
		 */
		targetQualifiedRate: z.number().gt(0).lt(1).optional(),
		targetNurtureRate: z.number().gt(0).lt(1).optional(),
	})
	.prefault({});
export type BacktestOptions = z.output<typeof BacktestOptionsSchema>;
export type BacktestOptionsInput = z.input<typeof BacktestOptionsSchema>;

export const IntervalSchema = z.strictObject({ low: z.number(), high: z.number() });

export const RateRowSchema = z.strictObject({
	label: z.string(),
	leads: z.int().min(0),
	converted: z.int().min(0),
	/** converted ÷ leads; null for no leads. */
	rate: z.number().nullable(),
	/** Wilson 95 % interval of the rate; null for no leads. */
	interval: IntervalSchema.nullable(),
});
export type RateRow = z.infer<typeof RateRowSchema>;

export const CalibrationBinSchema = z.strictObject({
	from: z.number(),
	to: z.number(),
	leads: z.int().min(1),
	predicted: z.number(),
	observed: z.number(),
	interval: IntervalSchema,
});
export type CalibrationBin = z.infer<typeof CalibrationBinSchema>;

export const EvaluationSchema = z.strictObject({
	leads: z.int().min(0),
	converted: z.int().min(0),
	byGrade: z.array(RateRowSchema),
	byDecile: z.array(RateRowSchema),
	/** ROC AUC with a Hanley-McNeil 95 % interval; null when one outcome is missing. */
	auc: z.strictObject({ value: z.number(), low: z.number(), high: z.number() }).nullable(),
	calibration: z.array(CalibrationBinSchema),
	/** Expected calibration error over ten equal-width bins of predicted probability. */
	ece: z.number().nullable(),
	brier: z.number().nullable(),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

export const WeightKeySchema = z.enum([
	'budget',
	'authority.decision_maker',
	'authority.influencer',
	'authority.user',
	'need.one',
	'need.several',
	'timeline.within3Months',
	'timeline.within6Months',
	'timeline.within12Months',
	'timeline.later',
	'industry',
	'size',
	'country',
	'freeEmailPenalty',
]);
export type WeightKey = z.infer<typeof WeightKeySchema>;

export const WeightReasonSchema = z.strictObject({
	factor: WeightKeySchema,
	points: z.int(),
	previous: z.int(),
	/** The history behind the change: leads with the factor, their conversion, and without it. */
	evidence: z.string(),
	detail: z.string(),
});
export type WeightReason = z.infer<typeof WeightReasonSchema>;

const ProfileConfigSchema = QualifyConfigSchema.pick({
	weights: true,
	thresholds: true,
	grades: true,
});

export const ScoringProfileSchema = z.strictObject({
	version: z.int().min(0),
	/** What the profile was learnt from (leads, period) or "default". */
	basis: z.string(),
	weights: ProfileConfigSchema.shape.weights,
	thresholds: ProfileConfigSchema.shape.thresholds,
	grades: ProfileConfigSchema.shape.grades,
	reasons: z.array(WeightReasonSchema),
});
export type ScoringProfile = z.output<typeof ScoringProfileSchema>;

export const BacktestStatusSchema = z.enum(['ok', 'too_small', 'one_sided']);

export const BacktestReportSchema = z.strictObject({
	status: BacktestStatusSchema,
	/** One paragraph a manager can read: what the history says and how sure it is. */
	summary: z.string(),
	counts: z.strictObject({
		leads: z.int().min(0),
		converted: z.int().min(0),
		lost: z.int().min(0),
		training: z.int().min(0),
		holdout: z.int().min(0),
	}),
	period: z.strictObject({ from: z.string(), to: z.string(), holdoutFrom: z.string() }).nullable(),
	/** The current profile over the whole history. */
	current: EvaluationSchema,
	/** Current and proposed profile on the hold-out (newest leads, not trained on); null when not ok. */
	holdout: z.strictObject({ current: EvaluationSchema, proposed: EvaluationSchema }).nullable(),
	proposed: ScoringProfileSchema.nullable(),
});
export type BacktestReport = z.infer<typeof BacktestReportSchema>;
