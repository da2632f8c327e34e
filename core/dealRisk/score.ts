// The risk score: each signal contributes its severity's weight, combined as independent chances
// (score = 100 × (1 − Π(1 − w))), so the score rises with every signal but never passes 100 and a pile
// of low signals cannot outweigh a few high ones. Signals are ranked most severe first, ties broken
// by the fixed order of SIGNAL_CODES (close date passed before a missing close date).
import {
	SIGNAL_CODES,
	type RiskConfig,
	type RiskLevel,
	type Severity,
	type Signal,
	type SignalCode,
} from './schemas';

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
const CODE_RANK = new Map<SignalCode, number>(SIGNAL_CODES.map((code, i) => [code, i]));

export function compareSignals(a: Signal, b: Signal): number {
	return (
		SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
		(CODE_RANK.get(a.code) ?? 0) - (CODE_RANK.get(b.code) ?? 0)
	);
}

export function riskScore(signals: readonly Signal[], config: RiskConfig): number {
	let clear = 1;
	for (const s of signals) clear *= 1 - config.severityWeights[s.severity] / 100;
	return Math.min(100, Math.max(0, Math.round(100 * (1 - clear))));
}

export function riskLevel(score: number, config: RiskConfig): RiskLevel {
	if (score >= config.levels.critical) return 'critical';
	if (score >= config.levels.high) return 'high';
	if (score >= config.levels.medium) return 'medium';
	return 'low';
}
