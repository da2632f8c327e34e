// A request far longer than any enquiry (a pasted spec sheet, an attack) is read only up to
// MAX_REQUEST_CHARS: one item cannot hold a worker for minutes, and the quote goes to review saying what
// was left unread.
import { describe, expect, it } from 'vitest';

import { MAX_REQUEST_CHARS, buildQuote } from '../../../core/quote';
import { labelledCatalogs } from './labelled.mts';

describe('long requests', () => {
	const index = labelledCatalogs().industrial.index;
	const filler =
		'Spec sheet line: 24 VDC supply, IP65 housing, PROFINET, ambient -20…+60 °C, see appendix. ';

	it('reads the start of a request longer than the bound and routes it to review, saying so', () => {
		const text = `Please quote 2 x 1756-OB16E.\n${filler.repeat(Math.ceil((MAX_REQUEST_CHARS * 2) / filler.length))}`;
		const quote = buildQuote(text, index, { currency: 'EUR' }, { now: '2026-12-01T09:00:00Z' });
		expect(quote.lines.map((l) => [l.sku, l.qty])).toContainEqual(['1756-OB16E', 2]);
		expect(quote.route).toBe('review');
		expect(quote.review_reasons).toContain(
			`the request is ${text.length} characters long; only its first ${MAX_REQUEST_CHARS} were read`,
		);
	});

	it('a request within the bound is read whole, with no such reason', () => {
		const quote = buildQuote(
			'Please quote 2 x 1756-OB16E.',
			index,
			{ currency: 'EUR' },
			{ now: '2026-12-01T09:00:00Z' },
		);
		expect(quote.review_reasons.join(' ')).not.toMatch(/characters long/);
	});
});
