// The Info comment a quote leaves on its ERPNext Quotation and in a Frappe CRM deal's activity
// (nodes/QuoteGenerator/quotation/comment.ts): a line quoted with low certainty (ADR 0049) says so before
// its SKU, and its requirement's alternatives are listed as such, not as a requirement nothing quotes.
import { describe, expect, it } from 'vitest';

import { buildCatalogIndex, buildQuote } from '../../core/quote';
import { evidenceComment } from '../../nodes/QuoteGenerator/quotation';
import { item, NOW } from '../core/quote/samples.mts';

const lab = buildCatalogIndex([
	item({
		sku: 'PM996',
		name: 'Parafilm M laboratory film, 4 in × 125 ft roll',
		keywords: ['parafilm'],
	}),
	item({ sku: '34155', name: 'Kimtech Science Kimwipes delicate task wipers, box of 280' }),
	item({ sku: 'LL-COAT-L', name: 'LabLine laboratory coat, size L' }),
	item({ sku: 'TIP-200', name: 'Pipette tips 200 µl, rack of 96' }),
]);
const comment = (text: string) =>
	evidenceComment(buildQuote(text, lab, { currency: 'EUR' }, { now: NOW }), 'rules');

describe('the evidence comment of a quote', () => {
	it('flags the uncertain line and lists its alternatives apart from what nothing quotes', () => {
		const html = comment('2 boxes of Kimwipes; prosimy o ofertę na 4 x Parafilm M.');
		expect(html).toContain('<li>34155 × 2 Nos');
		expect(html).toContain('<li>LOW CERTAINTY, confirm or replace: PM996 × 4 Nos');
		expect(html).toMatch(
			/<p><b>Quoted with low certainty<\/b><\/p><ul><li>R2 &quot;prosimy o ofertę na 4 x Parafilm M\.?&quot;: .*quoted as PM996 with low certainty \(closest: PM996/,
		);
		expect(html).not.toContain('Not quoted');
	});

	it('a certain quote reads as before: no flag, no low-certainty list', () => {
		const html = comment('2 boxes of Kimwipes');
		expect(html).toContain('<li>34155 × 2 Nos');
		expect(html).not.toMatch(/LOW CERTAINTY|low certainty/);
	});
});
