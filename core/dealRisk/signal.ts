// One constructor for risk signals, so every detector returns the same shape.
import type { Severity, Signal, SignalCode } from './schemas';

export function buildSignal(
	code: SignalCode,
	severity: Severity,
	evidence: string,
	metricName: string,
	value: number,
	threshold: number,
	unit: Signal['metric']['unit'],
): Signal {
	return { code, severity, evidence, metric: { name: metricName, value, threshold, unit } };
}
