// Stage signals: the deal has sat in its sales stage longer than the stage allows (stage entry read
// from the Version history of `sales_stage`, else the deal's creation), and the probability is lower
// than the stage implies (a forecast that contradicts the pipeline position).
import { buildSignal } from './signal';
import { daysSince, instant, localDate, stageLabel, type DealContext } from './context';
import type { Signal } from './schemas';

export function stuckInStageSignal(ctx: DealContext): Signal | undefined {
	const { deal, stage } = ctx;
	let enteredMs = Number.NEGATIVE_INFINITY;
	let anyChangeMs = Number.NEGATIVE_INFINITY;
	for (const h of deal.history) {
		if (h.field !== 'sales_stage') continue;
		const t = instant(ctx, h.at);
		if (t > anyChangeMs) anyChangeMs = t;
		if (h.to === ctx.stageName && t > enteredMs) enteredMs = t;
	}
	const fromHistory =
		enteredMs !== Number.NEGATIVE_INFINITY || anyChangeMs !== Number.NEGATIVE_INFINITY;
	const since =
		enteredMs !== Number.NEGATIVE_INFINITY
			? enteredMs
			: fromHistory
				? anyChangeMs
				: instant(ctx, deal.creation);
	const days = daysSince(ctx, since);
	if (days < stage.maxDaysInStage) return undefined;
	const source = fromHistory ? 'stage change' : 'creation';
	const evidence = `In ${stageLabel(ctx)} for ${days} days since ${localDate(ctx, since)} (${source}); the stage allows ${stage.maxDaysInStage}.`;
	return buildSignal(
		'stuck_in_stage',
		days >= 2 * stage.maxDaysInStage ? 'high' : 'medium',
		evidence,
		'days_in_stage',
		days,
		stage.maxDaysInStage,
		'days',
	);
}

export function lowProbabilitySignal(ctx: DealContext): Signal | undefined {
	const { deal, stage } = ctx;
	if (deal.probability >= stage.minProbability) return undefined;
	const evidence = `Probability ${deal.probability}% is below the ${stage.minProbability}% expected at ${stageLabel(ctx)}.`;
	return buildSignal(
		'probability_low_for_stage',
		deal.probability < stage.minProbability / 2 ? 'medium' : 'low',
		evidence,
		'probability',
		deal.probability,
		stage.minProbability,
		'percent',
	);
}
