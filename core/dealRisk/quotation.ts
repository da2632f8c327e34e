// Quotation signals: the live quotation is about to expire or has expired with no Sales Order, or the
// stage expects a submitted quotation and there is none. Any Ordered / Partially Ordered quotation
// means the buyer has committed, so none of these fire then. Drafts (docstatus 0) were never sent;
// Lost, Cancelled and Superseded quotations no longer count.
import { amountText } from './amountText';
import { buildSignal } from './signal';
import { stageLabel, type DealContext } from './context';
import { dayOf } from './erpDates';
import type { Quotation, Signal } from './schemas';

const COUNTS_AS_SENT = new Set<Quotation['status']>(['Open', 'Replied', 'Expired']);

function quoteText(q: Quotation, fallbackCurrency: string): string {
	return `${q.name} (${amountText(q.grand_total, q.currency ?? fallbackCurrency)})`;
}

export function quotationSignals(ctx: DealContext, out: Signal[]): void {
	const { deal, config, stage } = ctx;
	let sent = 0;
	let drafts = 0;
	let live: Quotation | undefined;
	let liveDay = Number.NEGATIVE_INFINITY;
	let expired: Quotation | undefined;
	let expiredDay = Number.NEGATIVE_INFINITY;
	for (const q of deal.quotations) {
		if (q.docstatus === 1 && (q.status === 'Ordered' || q.status === 'Partially Ordered')) return;
		if (q.docstatus === 0 && q.status !== 'Cancelled') drafts++;
		if (q.docstatus !== 1 || !COUNTS_AS_SENT.has(q.status)) continue;
		sent++;
		const validDay = q.valid_till ? dayOf(q.valid_till) : Number.POSITIVE_INFINITY;
		if (q.status === 'Expired' || validDay < ctx.today) {
			const day = q.valid_till ? validDay : ctx.today;
			if (day > expiredDay) {
				expired = q;
				expiredDay = day;
			}
		} else if (validDay > liveDay) {
			live = q;
			liveDay = validDay;
		}
	}

	if (sent === 0) {
		if (!stage.quotationExpected) return;
		const draftNote = drafts > 0 ? `; ${drafts} draft(s) not submitted` : '';
		out.push(
			buildSignal(
				'no_quotation',
				'medium',
				`${stageLabel(ctx)} expects a submitted Quotation and ${deal.name} has none${draftNote}.`,
				'submitted_quotations',
				0,
				1,
				'count',
			),
		);
		return;
	}
	if (live) {
		if (liveDay === Number.POSITIVE_INFINITY) return;
		const left = liveDay - ctx.today;
		if (left > config.quoteExpiryWarnDays) return;
		out.push(
			buildSignal(
				'quotation_expiring',
				left <= 1 ? 'high' : 'medium',
				`Quotation ${quoteText(live, deal.currency)} is valid till ${live.valid_till} (${left} days left) and has no Sales Order.`,
				'days_to_quote_expiry',
				left,
				config.quoteExpiryWarnDays,
				'days',
			),
		);
		return;
	}
	if (expired) {
		const ago = ctx.today - expiredDay;
		const when = expired.valid_till
			? `on ${expired.valid_till}, ${ago} days ago,`
			: '(status Expired)';
		out.push(
			buildSignal(
				'quotation_expired',
				'high',
				`Quotation ${quoteText(expired, deal.currency)} expired ${when} with no Sales Order and no newer quotation.`,
				'days_since_quote_expiry',
				ago,
				0,
				'days',
			),
		);
	}
}
