// Backtest and calibration of the lead score on closed history (issue 20): the public surface.
export { applyProfile, runBacktest } from './backtest';
export { factorsOfResult, featureVector, maxScore, scoreOfFactors, WEIGHT_KEYS } from './factors';
export { brierScore, calibrationBins, rocAuc, wilson } from './outcomeStats';
export {
	BacktestOptionsSchema,
	BacktestReportSchema,
	HistoryLeadSchema,
	OutcomeSchema,
	ProfileFactorsSchema,
	ScoringProfileSchema,
	type BacktestOptions,
	type BacktestOptionsInput,
	type BacktestReport,
	type Evaluation,
	type HistoryLead,
	type Outcome,
	type ProfileFactors,
	type RateRow,
	type ScoringProfile,
	type WeightReason,
} from './schema';
export {
	EMPTY_PROFILE_STORE,
	ProfileStoreSchema,
	activeProfile,
	addProposal,
	applyVersion,
	latestVersion,
	readProfileStore,
	restoreVersion,
	type ProfileStore,
} from './profileStore';
