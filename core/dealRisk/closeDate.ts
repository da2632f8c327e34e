// Close-date signals on `expected_closing`: passed while the deal is open, near with a low
// probability, pushed out repeatedly (from the Version history), or never set. A date that keeps
// moving is the strongest forecast-slippage sign the CRM scoring products list.
import { buildSignal } from './signal';
import { instant, type DealContext } from './context';
import { dayOf } from './erpDates';
import type { Signal } from './schemas';

export function closeDateSignals(ctx: DealContext, out: Signal[]): void {
	const { deal, config } = ctx;
	if (!deal.expected_closing) {
		out.push(
			buildSignal(
				'close_date_missing',
				'low',
				`No expected closing date is set on ${deal.name}.`,
				'expected_closing_set',
				0,
				1,
				'count',
			),
		);
	} else {
		const delta = dayOf(deal.expected_closing) - ctx.today;
		if (delta < 0) {
			out.push(
				buildSignal(
					'close_date_passed',
					'high',
					`Expected closing ${deal.expected_closing} passed ${-delta} days ago while the deal is still ${deal.status}.`,
					'days_past_close',
					-delta,
					0,
					'days',
				),
			);
		} else if (delta <= config.closeNearDays && deal.probability < config.closeNearMinProbability) {
			out.push(
				buildSignal(
					'close_date_near_low_probability',
					deal.probability < config.closeNearMinProbability / 2 ? 'high' : 'medium',
					`Expected closing ${deal.expected_closing} is ${delta} days away at only ${deal.probability}% probability (below ${config.closeNearMinProbability}%).`,
					'days_to_close',
					delta,
					config.closeNearDays,
					'days',
				),
			);
		}
	}

	let pushes = 0;
	for (const h of deal.history) {
		if (
			h.field === 'expected_closing' &&
			typeof h.from === 'string' &&
			typeof h.to === 'string' &&
			dayOf(h.to) > dayOf(h.from)
		) {
			pushes++;
		}
	}
	if (pushes < config.closePushLimit) return;
	const moves = deal.history
		.filter(
			(h) =>
				h.field === 'expected_closing' && typeof h.from === 'string' && typeof h.to === 'string',
		)
		.sort((a, b) => instant(ctx, a.at) - instant(ctx, b.at));
	const firstFrom = String(moves[0].from);
	const lastTo = String(moves[moves.length - 1].to);
	const chain = [firstFrom, ...moves.map((m) => String(m.to))].join(' → ');
	const net = dayOf(lastTo) - dayOf(firstFrom);
	out.push(
		buildSignal(
			'close_date_pushed',
			pushes >= config.closePushLimit + 2 ? 'high' : 'medium',
			`Expected closing moved out ${pushes} times: ${chain} (${net >= 0 ? '+' : ''}${net} days overall).`,
			'close_date_pushes',
			pushes,
			config.closePushLimit,
			'count',
		),
	);
}
