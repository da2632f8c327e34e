// assessDeal: runs every deal-risk detector on one Opportunity snapshot at `now`, ranks the signals,
// scores them and proposes next actions. Pure and allocation-light (no zod parsing, no zone lookup per
// timestamp) so a whole pipeline is assessed in milliseconds; validate raw input once with
// `parseDealSnapshot`. Deals that are no longer open (Converted, Lost, Closed) are not scored.
import { amountReducedSignal, highValueSignal } from './amount';
import { noNextStepSignal, singleThreadedSignal, staleSignal, unansweredSignal } from './activity';
import { closeDateSignals } from './closeDate';
import { buildContext } from './context';
import { nextActions } from './nextActions';
import { quotationSignals } from './quotation';
import { compareSignals, riskLevel, riskScore } from './score';
import {
	DealSnapshotSchema,
	type DealAssessment,
	type DealSnapshot,
	type RiskConfig,
	type Signal,
} from './schemas';
import { slaSignals } from './sla';
import { lowProbabilitySignal, stuckInStageSignal } from './stage';

/** Validates raw Opportunity data (ERPNext field names, amounts in minor units) into a snapshot. */
export function parseDealSnapshot(raw: unknown): DealSnapshot {
	return DealSnapshotSchema.parse(raw);
}

function push(out: Signal[], signal: Signal | undefined): void {
	if (signal) out.push(signal);
}

/** The risk assessment of one deal at `now`. */
export function assessDeal(deal: DealSnapshot, config: RiskConfig, now: Date): DealAssessment {
	const summary: DealAssessment['deal'] = {
		name: deal.name,
		party_name: deal.party_name,
		sales_stage: deal.sales_stage ?? null,
		status: deal.status,
		opportunity_owner: deal.opportunity_owner ?? null,
		amount: { minor: deal.opportunity_amount, currency: deal.currency },
	};
	if (!config.openStatuses.includes(deal.status)) {
		return {
			deal: summary,
			open: false,
			riskScore: 0,
			level: 'low',
			reasons: [`${deal.name} is ${deal.status}; only open deals are assessed.`],
			signals: [],
			nextActions: [],
		};
	}
	const ctx = buildContext(deal, config, now);
	const signals: Signal[] = [];
	closeDateSignals(ctx, signals);
	quotationSignals(ctx, signals);
	push(signals, staleSignal(ctx));
	push(signals, unansweredSignal(ctx));
	push(signals, stuckInStageSignal(ctx));
	push(signals, singleThreadedSignal(ctx));
	push(signals, amountReducedSignal(ctx));
	push(signals, lowProbabilitySignal(ctx));
	push(signals, noNextStepSignal(ctx));
	slaSignals(ctx, signals);
	push(signals, highValueSignal(ctx, signals));
	signals.sort(compareSignals);
	const score = riskScore(signals, config);
	return {
		deal: summary,
		open: true,
		riskScore: score,
		level: riskLevel(score, config),
		reasons: signals.map((s) => `${s.severity}: ${s.evidence}`),
		signals,
		nextActions: nextActions(ctx, signals),
	};
}
