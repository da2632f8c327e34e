// Signals only Frappe CRM has the data for: its service level agreement on the deal. Frappe CRM sets
// `sla_status` when the deal is saved (crm/fcrm/doctype/crm_service_level_agreement/
// crm_service_level_agreement.py handle_sla_status / handle_rolling_sla_status: "Failed" when the
// response came after `response_by`, or none came and `response_by` has passed), so a deal nobody
// saved since its deadline still says "First Response Due" or "Rolling Response Due" although the
// deadline is gone. Both are read here: a failed SLA is `sla_breached`, a due response whose deadline
// has passed is `response_overdue` (the deal would show "Failed" on its next save). ERPNext deals carry
// no SLA, so neither signal is raised for them.
import { daysSince, instant, localDate, type DealContext } from './context';
import type { Signal } from './schemas';
import { buildSignal } from './signal';

const HOUR_MS = 3_600_000;

export function slaSignals(ctx: DealContext, out: Signal[]): void {
	const sla = ctx.deal.sla;
	if (!sla || !sla.status) return;
	const label = sla.name ? `SLA "${sla.name}"` : 'the SLA';
	const dueMs = sla.response_by ? instant(ctx, sla.response_by) : undefined;
	if (sla.status === 'Failed') {
		const responded = sla.first_responded_on ?? sla.last_responded_on;
		const when = dueMs === undefined ? '' : ` (response due by ${localDate(ctx, dueMs)})`;
		const evidence = responded
			? `${ctx.deal.name} failed ${label}${when}; the response came on ${localDate(ctx, instant(ctx, responded))}.`
			: `${ctx.deal.name} failed ${label}${when}; no response is recorded.`;
		out.push(
			buildSignal(
				'sla_breached',
				'high',
				evidence,
				'days_past_response_by',
				dueMs === undefined ? 0 : Math.max(0, daysSince(ctx, dueMs)),
				0,
				'days',
			),
		);
		return;
	}
	if (sla.status !== 'First Response Due' && sla.status !== 'Rolling Response Due') return;
	if (dueMs === undefined || dueMs >= ctx.nowMs) return;
	const hours = Math.floor((ctx.nowMs - dueMs) / HOUR_MS);
	const what = sla.status === 'First Response Due' ? 'The first response' : 'The next response';
	out.push(
		buildSignal(
			'response_overdue',
			'high',
			`${what} to ${ctx.party} on ${ctx.deal.name} was due by ${localDate(ctx, dueMs)} under ${label} and is ${hours} hour(s) overdue.`,
			'days_past_response_by',
			daysSince(ctx, dueMs),
			0,
			'days',
		),
	);
}
