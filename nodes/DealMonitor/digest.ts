// The digest: one item that summarises a whole scan for a manager or a chat message — how many deals
// were assessed, how many are at risk by level and by signal, the amount at risk per currency (exact
// sums of minor units), the at-risk deals most severe first, and any deal that could not be assessed.
import type { IDataObject } from 'n8n-workflow';

import { amountText, type DealAssessment } from '../../core/dealRisk';
import { readableMoney, sumMinorUnits } from '../../core/money';

export interface DigestInput {
	assessedAt: Date;
	/** Deals that were assessed (open or not). */
	assessed: number;
	/** Deals that are still open. */
	open: number;
	/** The per-deal output of every at-risk deal, with its assessment. */
	atRisk: Array<{ assessment: DealAssessment; json: IDataObject }>;
	errors: Array<{ deal: string; error: string }>;
	warnings: string[];
}

export function buildDigest(input: DigestInput): IDataObject {
	const byLevel: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0 };
	const bySignal: Record<string, number> = {};
	const amounts = new Map<string, number[]>();
	for (const { assessment } of input.atRisk) {
		byLevel[assessment.level] += 1;
		for (const s of assessment.signals) bySignal[s.code] = (bySignal[s.code] ?? 0) + 1;
		const { minor, currency } = assessment.deal.amount;
		amounts.set(currency, [...(amounts.get(currency) ?? []), minor]);
	}
	const amountAtRisk = [...amounts.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([currency, values]) => {
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
		.map((d) => d.json);
	return {
		assessedAt: input.assessedAt.toISOString(),
		dealsAssessed: input.assessed,
		openDeals: input.open,
		atRisk: input.atRisk.length,
		byLevel,
		bySignal,
		amountAtRisk,
		deals,
		...(input.errors.length ? { errors: input.errors } : {}),
		...(input.warnings.length ? { warnings: input.warnings } : {}),
	};
}
