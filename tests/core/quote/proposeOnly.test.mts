// Propose-only mode on a quote (issue 19, ADR 0040): an "auto" quote becomes a review quote with the
// mode's reason; a review quote and the mode off leave the quote as it is.
import { describe, expect, it } from 'vitest';

import { proposeOnlyMode } from '../../../core/approvals/proposeOnly.ts';
import { proposeOnlyQuote, type Quote } from '../../../core/quote/index.ts';

const quote = (route: Quote['route'], reasons: string[] = []) =>
	({
		route,
		review_reasons: reasons,
		total: 123_400,
		currency: 'EUR',
		lines: [],
	}) as unknown as Quote;

describe('proposeOnlyQuote', () => {
	it('routes an auto quote to review with the reason of the switch that is on', () => {
		const byNode = proposeOnlyQuote(quote('auto'), proposeOnlyMode(true, false));
		expect(byNode).toMatchObject({
			route: 'review',
			review_reasons: ['propose-only mode is on for this node (its Propose Only parameter)'],
			total: 123_400,
		});
		const bySite = proposeOnlyQuote(quote('auto'), proposeOnlyMode(false, true));
		expect(bySite.review_reasons).toEqual([
			"propose-only mode is on for this site (the credential's Propose Only switch)",
		]);
	});

	it('leaves a review quote alone (its reasons are the real ones) and changes nothing when the mode is off', () => {
		const review = quote('review', ['Total above the auto limit']);
		expect(proposeOnlyQuote(review, proposeOnlyMode(true, true))).toBe(review);
		const auto = quote('auto');
		expect(proposeOnlyQuote(auto, proposeOnlyMode(false, false))).toBe(auto);
	});
});
