// Deal-risk signals for ERPNext Opportunities: schemas, default per-stage thresholds and assessDeal.
export * from './schemas';
export { defaultRiskConfig, riskConfigWith, SALES_STAGES } from './config';
export { assessDeal, parseDealSnapshot } from './assess';
export { riskLevel, riskScore } from './score';
export { amountText } from './amountText';
export { summaryTextProblems } from './summaryText';
export { addBusinessDays, dateOfDay, dayOf, instantOf } from './erpDates';
export {
	LEVEL_ORDER,
	hasStoredRisk,
	isRiskLevel,
	levelAtLeast,
	mustWriteRisk,
	riskSignalList,
	riskVerdict,
	riskWorsened,
	storedRiskUnchanged,
	todoDue,
} from './atRisk';
export type { AnsweredRisk, RiskVerdict, StoredRisk } from './atRisk';
export { withVisibility } from './visibility';
export type { ActivityView, UnknownSignal, Visibility } from './visibility';
export { buildDigest } from './digest';
export type { AmountAtRisk, DealDigest, DigestInput } from './digest';
export {
	SummarySchema,
	checkSummary,
	dealContactNames,
	rulesSummary,
	summaryData,
} from './summary';
export type { SummaryReply } from './summary';
export { crmDealSnapshot, crmDealStatus, crmTaskOpen } from './crmDeal';
export { DealFieldError, fieldText, minorAmount, preview } from './dealFields';
export {
	OPPORTUNITY_FIELDS,
	TRACKED_FIELDS,
	emptyRows,
	historyOf,
	snapshotFromErpNext,
	snapshotFromItem,
	validateSnapshot,
	type DealRows,
} from './erpNextDeal';
export type { CrmDealRecords } from './crmDeal';
