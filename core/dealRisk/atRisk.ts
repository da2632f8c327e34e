// When a deal is reported as at risk, and what follows from that: the level order, the at-risk rule
// (an open deal with at least one signal at or above the run's level, or an open deal whose activity
// may be hidden from the ERPNext user, which goes to a human for review instead), whether a ToDo is
// due, and whether the stored risk fields must be written again (only when they would change, so a
// re-run writes nothing; a deal that recovered gets its stored fields cleared down).
import type { DealAssessment, RiskLevel } from './schemas';
import type { Visibility } from './visibility';

export const LEVEL_ORDER: Readonly<Record<RiskLevel, number>> = {
	low: 0,
	medium: 1,
	high: 2,
	critical: 3,
};

export function isRiskLevel(value: unknown): value is RiskLevel {
	return typeof value === 'string' && Object.hasOwn(LEVEL_ORDER, value);
}

/** True when `level` is `min` or more severe. */
export function levelAtLeast(level: RiskLevel, min: RiskLevel): boolean {
	return LEVEL_ORDER[level] >= LEVEL_ORDER[min];
}

export interface RiskVerdict {
	/** The deal is reported: it is at risk, or it goes to review. */
	atRisk: boolean;
	/** Activity the user cannot see may change the assessment: a human looks at the deal. */
	review: boolean;
}

/**
 * The at-risk rule. A deal whose assessment lost signals because their evidence may be hidden
 * (`visibility.unknown`) is never reported on the remaining signals alone: it is sent for review.
 */
export function riskVerdict(
	assessment: DealAssessment,
	minLevel: RiskLevel,
	visibility?: Pick<Visibility, 'unknown'>,
): RiskVerdict {
	const review = assessment.open && (visibility?.unknown.length ?? 0) > 0;
	const reported =
		assessment.open && assessment.signals.length > 0 && levelAtLeast(assessment.level, minLevel);
	return { atRisk: reported || review, review };
}

/** Whether an at-risk deal gets a ToDo: its level reaches the ToDo level. */
export function todoDue(
	assessment: DealAssessment,
	verdict: RiskVerdict,
	todoLevel: RiskLevel,
): boolean {
	return verdict.atRisk && levelAtLeast(assessment.level, todoLevel);
}

/** What the system of record holds from the last assessment, as read (absent: undefined or null). */
export interface StoredRisk {
	riskScore?: unknown;
	level?: unknown;
	/** Signal codes joined by ", " (riskSignalList). */
	signals?: unknown;
}

/** The signal codes of an assessment as one stored text, most severe first. */
export function riskSignalList(assessment: DealAssessment): string {
	return assessment.signals.map((s) => s.code).join(', ');
}

/** True when the stored fields already say what this assessment says. */
export function storedRiskUnchanged(stored: StoredRisk, assessment: DealAssessment): boolean {
	return (
		Number(stored.riskScore) === assessment.riskScore &&
		stored.level === assessment.level &&
		(stored.signals ?? '') === riskSignalList(assessment)
	);
}

/** Whether anything is stored on the deal at all. */
export function hasStoredRisk(stored: StoredRisk): boolean {
	return typeof stored.level === 'string' && stored.level !== '';
}

/**
 * Whether the stored risk fields are written: an at-risk deal, or a deal that carries a stored risk
 * (so a recovered deal is cleared down), and only when the stored fields would change.
 */
export function mustWriteRisk(
	stored: StoredRisk,
	assessment: DealAssessment,
	verdict: RiskVerdict,
): boolean {
	return (verdict.atRisk || hasStoredRisk(stored)) && !storedRiskUnchanged(stored, assessment);
}

/** What a person already answered (ADR 0046): the level and signal codes of an earlier assessment. */
export interface AnsweredRisk {
	level: RiskLevel;
	signals: readonly string[];
}

/**
 * How the assessment is materially worse than one a person already answered, in words, or null: a
 * higher level, or a signal the answered assessment did not have. The score alone is not a change (it
 * drifts with every day a deal stays stale), and a signal that went away makes the deal no worse.
 */
export function riskWorsened(answered: AnsweredRisk, assessment: DealAssessment): string | null {
	if (LEVEL_ORDER[assessment.level] > LEVEL_ORDER[answered.level])
		return `risk level ${answered.level} → ${assessment.level}`;
	const fresh = assessment.signals
		.map((s) => s.code)
		.filter((code) => !answered.signals.includes(code));
	return fresh.length > 0 ? `new signal ${fresh.join(', ')}` : null;
}
