// The digest: one summary of a whole scan for a manager or a chat message — how many deals were
// assessed, how many are at risk by level and by signal, the amount at risk per currency (exact sums
// of minor units), the at-risk deals most severe first (as the caller shaped each one), and any deal
// that could not be assessed.
import { readableMoney, sumMinorUnits, type ReadableMoney } from '../money';
import { amountText } from './amountText';
import type { DealAssessment, RiskLevel, SignalCode } from './schemas';

export interface DigestInput<T> {
	assessedAt: Date;
	/** Deals that were assessed (open or not). */
	assessed: number;
	/** Deals that are still open. */
	open: number;
	/** Every at-risk deal: its assessment and the output the caller shows for it. */
	atRisk: ReadonlyArray<{ assessment: DealAssessment; output: T }>;
	errors: ReadonlyArray<{ deal: string; error: string }>;
	warnings: readonly string[];
}

export type AmountAtRisk = ReadableMoney & { minor: number; text: string };

export interface DealDigest<T> {
	assessedAt: string;
	dealsAssessed: number;
	openDeals: number;
	atRisk: number;
	byLevel: Record<RiskLevel, number>;
	bySignal: Partial<Record<SignalCode, number>>;
	/** Per currency, in currency-code order. */
	amountAtRisk: AmountAtRisk[];
	/** The outputs, highest risk score first, then by deal name. */
	deals: T[];
	errors?: Array<{ deal: string; error: string }>;
	warnings?: string[];
}

export function buildDigest<T>(input: DigestInput<T>): DealDigest<T> {
	const byLevel: Record<RiskLevel, number> = { critical: 0, high: 0, medium: 0, low: 0 };
	const bySignal: Partial<Record<SignalCode, number>> = {};
	const amounts = new Map<string, number[]>();
	for (const { assessment } of input.atRisk) {
		byLevel[assessment.level] += 1;
		for (const s of assessment.signals) bySignal[s.code] = (bySignal[s.code] ?? 0) + 1;
		const { minor, currency } = assessment.deal.amount;
		amounts.set(currency, [...(amounts.get(currency) ?? []), minor]);
	}
	const amountAtRisk = [...amounts.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([currency, values]): AmountAtRisk => {
			const minor = sumMinorUnits(values);
			// Readable first (issue 16): amount in major units and display, the exact minor units beside.
			return { ...readableMoney(minor, currency), minor, text: amountText(minor, currency) };
		});
	const deals = [...input.atRisk]
		.sort(
			(a, b) =>
				b.assessment.riskScore - a.assessment.riskScore ||
				a.assessment.deal.name.localeCompare(b.assessment.deal.name),
		)
		.map((d) => d.output);
	return {
		assessedAt: input.assessedAt.toISOString(),
		dealsAssessed: input.assessed,
		openDeals: input.open,
		atRisk: input.atRisk.length,
		byLevel,
		bySignal,
		amountAtRisk,
		deals,
		...(input.errors.length ? { errors: [...input.errors] } : {}),
		...(input.warnings.length ? { warnings: [...input.warnings] } : {}),
	};
}
