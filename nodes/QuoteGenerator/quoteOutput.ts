// How a quote reads in the Quote Generator's output item (issue 16): a one-line summary first, then every
// amount as a person reads it, `total: { amount: 1250, currency: "EUR", display: "€1,250.00" }`, with
// the exact integer minor units beside it under a name that says so (`total_minor`, and per line
// `unit_price_minor`, `amount_minor`). The quote itself (core/quote) stays in minor units; only the
// item is shaped here. `amounts` (decimal strings) is kept for the expressions that read it.
import type { IDataObject } from 'n8n-workflow';

import { formatMinorUnits, readableMoney } from '../../core/money';
import type { CheckedRequirement, Quote } from '../../core/quote';

/** "auto · 2 line(s) · total €1,250.00 · confidence 0.9" (and the first review reason when in review). */
export function quoteSummary(quote: Quote): string {
	const parts = [
		quote.route,
		quote.status === 'no_quote' ? 'nothing to quote' : `${quote.lines.length} line(s)`,
		`total ${readableMoney(quote.total, quote.currency).display}`,
		`confidence ${quote.confidence}`,
	];
	if (quote.route === 'review' && quote.review_reasons.length > 0) {
		parts.push(
			`review: ${quote.review_reasons[0]}${quote.review_reasons.length > 1 ? ` (+${quote.review_reasons.length - 1} more)` : ''}`,
		);
	}
	return parts.join(' · ');
}

/** The quote's fields for the output item, readable ones first. */
export function presentQuote(quote: Quote): IDataObject {
	const { status, route, lines, subtotal, discount_total, total, currency, confidence, ...others } =
		quote;
	// the verdicts on the model's picks are shown with the rest of the Claude step (`llm.picks`)
	const rest: Partial<typeof others> = { ...others };
	delete rest.llm_picks;
	return {
		summary: quoteSummary(quote),
		route,
		status,
		total: { ...readableMoney(total, currency) },
		total_minor: total,
		subtotal: { ...readableMoney(subtotal, currency) },
		subtotal_minor: subtotal,
		discount_total: { ...readableMoney(discount_total, currency) },
		discount_total_minor: discount_total,
		currency,
		confidence,
		lines: lines.map(({ sku, name, qty, uom, unit_price, amount, ...line }) => ({
			sku,
			name,
			qty,
			uom,
			unit_price: { ...readableMoney(unit_price, line.currency) },
			unit_price_minor: unit_price,
			amount: { ...readableMoney(amount, line.currency) },
			amount_minor: amount,
			...line,
		})),
		amounts: {
			subtotal: formatMinorUnits(subtotal, currency),
			discount_total: formatMinorUnits(discount_total, currency),
			total: formatMinorUnits(total, currency),
		},
		...rest,
	};
}

/** Claude's reading of the request for the output item: each listed requirement with code's verdict. */
export function presentReading(listed: readonly CheckedRequirement[]): IDataObject[] {
	return listed.map(({ phrase, qty, brand, product, verdict }) => ({
		phrase,
		qty,
		brand,
		product,
		verdict: verdict.kind,
		...(verdict.kind === 'covers' ? { requirement_ids: verdict.requirement_ids } : {}),
		...(verdict.kind === 'extra' ? { id: verdict.id } : {}),
		...(verdict.kind === 'refused' ? { reason: verdict.reason } : {}),
	}));
}
