// Propose-only mode for a quote (issue 19, ADR 0040): a quote that would go out automatically (route
// "auto") is routed to review instead, with the mode's reason as its last review reason. It then stays a
// draft Quotation (the node submits only an "auto" quote), goes through the desk approval like any
// review quote, and its metric event is a review, not an automatic step. A quote already routed to
// review, or the mode off, is returned unchanged. Whether the mode is on is core/approvals/proposeOnly.ts.
import type { ProposeOnlyMode } from '../approvals/proposeOnly';
import type { Quote } from './quote';

export function proposeOnlyQuote(quote: Quote, mode: ProposeOnlyMode): Quote {
	if (!mode.on || quote.route !== 'auto') return quote;
	return {
		...quote,
		route: 'review',
		review_reasons: [...quote.review_reasons, mode.reason ?? 'propose-only mode is on'],
	};
}
