// Value signals: the amount was cut from its peak (scope or budget shrinking, from the Version history
// of `opportunity_amount`), and a high-value deal shows other medium-or-worse risk, which is where a
// manager's attention pays most. Amounts are integer minor units; the reduction is integer basis points.
import { amountText } from './amountText';
import { buildSignal } from './signal';
import type { DealContext } from './context';
import type { Signal } from './schemas';

export function amountReducedSignal(ctx: DealContext): Signal | undefined {
	const { deal, config } = ctx;
	const current = deal.opportunity_amount;
	let peak = current;
	for (const h of deal.history) {
		if (h.field !== 'opportunity_amount') continue;
		if (typeof h.from === 'number' && h.from > peak) peak = h.from;
		if (typeof h.to === 'number' && h.to > peak) peak = h.to;
	}
	if (peak <= current) return undefined;
	const bps = Math.floor(((peak - current) * 10_000) / peak);
	if (bps < config.amountReductionBps) return undefined;
	const percent = `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, '0')}%`;
	const evidence = `Amount cut by ${percent} from its peak ${amountText(peak, deal.currency)} to ${amountText(current, deal.currency)}.`;
	return buildSignal(
		'amount_reduced',
		bps >= 2 * config.amountReductionBps ? 'medium' : 'low',
		evidence,
		'reduction_from_peak',
		bps,
		config.amountReductionBps,
		'bps',
	);
}

export function highValueSignal(ctx: DealContext, others: readonly Signal[]): Signal | undefined {
	const { deal, config } = ctx;
	const mark = config.highValueMinor[deal.currency];
	if (mark === undefined || deal.opportunity_amount < mark) return undefined;
	const serious = others.filter((s) => s.severity !== 'low');
	if (serious.length === 0) return undefined;
	const evidence = `${amountText(deal.opportunity_amount, deal.currency)} is at or above the high-value mark ${amountText(mark, deal.currency)} and shows ${serious.length} other medium or high risk signal(s): ${serious.map((s) => s.code).join(', ')}.`;
	return buildSignal(
		'high_value_at_risk',
		'high',
		evidence,
		'amount',
		deal.opportunity_amount,
		mark,
		'minor',
	);
}
