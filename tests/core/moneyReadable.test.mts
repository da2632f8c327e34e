// The readable form of an amount in minor units (issue 16): major units as a number, a display string
// with the currency's ISO 4217 digits, formatted from the exact decimal (no float rounding in the text).
import { describe, expect, it } from 'vitest';

import { displayMinorUnits, readableMoney, readableRange } from '../../core/money';

describe('readableMoney', () => {
	it.each<[number, string, { amount: number; currency: string; display: string }]>([
		[45_000_000, 'USD', { amount: 450000, currency: 'USD', display: '$450,000.00' }],
		[4_000_000, 'eur', { amount: 40000, currency: 'EUR', display: '€40,000.00' }],
		[15_000_000, 'JPY', { amount: 15_000_000, currency: 'JPY', display: '¥15,000,000' }],
		[1500, 'KWD', { amount: 1.5, currency: 'KWD', display: 'KWD 1.500' }],
		[
			250_000_000_000,
			'COP',
			{ amount: 2_500_000_000, currency: 'COP', display: 'COP 2,500,000,000.00' },
		],
		[125_000, 'CAD', { amount: 1250, currency: 'CAD', display: 'CA$1,250.00' }],
		[-5, 'EUR', { amount: -0.05, currency: 'EUR', display: '-€0.05' }],
		[0, 'GBP', { amount: 0, currency: 'GBP', display: '£0.00' }],
	])('%i %s', (minor, currency, readable) => {
		expect(readableMoney(minor, currency)).toEqual(readable);
	});

	it('shows the last cent of the largest safe amount exactly', () => {
		expect(displayMinorUnits(Number.MAX_SAFE_INTEGER, 'EUR')).toBe('€90,071,992,547,409.91');
	});

	it('refuses what core/money refuses', () => {
		expect(() => readableMoney(1.5, 'EUR')).toThrow(/integer of minor units/);
		expect(() => readableMoney(100, 'XYZ')).toThrow(/not an ISO 4217 currency code/);
	});

	it('shows a range with both ends', () => {
		expect(readableRange(20_000_000, 30_000_000, 'USD')).toEqual({
			min: 200000,
			max: 300000,
			currency: 'USD',
			display: '$200,000.00–$300,000.00',
		});
	});
});
