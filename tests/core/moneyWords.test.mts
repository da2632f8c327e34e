// The one money vocabulary (core/moneyWords.ts) read the same way by the lead's budget and by the AI
// draft guard: a magnitude word scales a budget, and the same word makes a drafted amount a different
// promise from the bare number ("50 Mio. €" is not backed by a trusted "50 €").
import { describe, expect, it } from 'vitest';

import { MAGNITUDE_ROWS, magnitudeOf, namesMoney } from '../../core/moneyWords';
import { unbackedPromises } from '../../core/outreach';
import { extractBudget } from '../../core/qualify/budget';

describe('magnitude words', () => {
	it.each(MAGNITUDE_ROWS.map(([token, power]) => [token, power] as const))(
		'%s is 10^%i',
		(token, power) => {
			expect(magnitudeOf(token)?.power).toBe(power);
			expect(magnitudeOf(token.toUpperCase())?.power).toBe(power);
		},
	);

	it('a word that is no magnitude is none', () => {
		expect(magnitudeOf('units')).toBeNull();
		expect(magnitudeOf('')).toBeNull();
	});
});

describe('budget and draft guard agree on the words', () => {
	// lead text, the drafted amount, the budget in minor units and currency
	const cases: Array<[string, string, number, string]> = [
		['a budget of 2 Mio. €', '2 Mio. €', 2e6 * 100, 'EUR'],
		['around 50 lakh rupees', '50 lakh rupees', 50e5 * 100, 'INR'],
		['presupuesto: 3 millones de euros', '3 millones de euros', 3e6 * 100, 'EUR'],
		['orçamento R$ 40 mil', 'R$ 40 mil', 40e3 * 100, 'BRL'],
		['Budget CHF 1,5 Mrd.', 'CHF 1,5 Mrd.', 1.5e9 * 100, 'CHF'],
	];
	it.each(cases)('%s', (lead, amount, minor, currency) => {
		expect(extractBudget(lead, 'EUR')).toMatchObject({ amount: minor, currency });
		// the drafted amount is refused when only the bare number is trusted, accepted when the amount is
		const bare = amount.replace(/[^\d,.]/g, '').replace(/[.,]$/, '');
		expect(
			unbackedPromises(`We can offer ${amount}.`, [bare]).map((p) => p.code),
			`${amount} vs ${bare}`,
		).not.toEqual([]);
		expect(unbackedPromises(`We can offer ${amount}.`, [amount])).toEqual([]);
	});
});

describe('namesMoney (the quote reader tells a budget from a quantity with it)', () => {
	it.each(['€ 5.000', '5000 EUR', '2 Mio.', '50 lakh', 'R$ 40 mil', '3 millones', '1,5 Mrd. CHF', '200 reais'])('%s names money', (t) => {
		expect(namesMoney(t)).toBe(true);
	});
	it.each(['100 m', '2 x 22', '24 VDC', '16 Stück', 'Profinet 100k'])('%s does not', (t) => {
		expect(namesMoney(t)).toBe(false);
	});
});
