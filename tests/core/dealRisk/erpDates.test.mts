// Reading ERPNext dates and datetimes, business-day arithmetic and amount text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { addBusinessDays, amountText, dateOfDay, dayOf, instantOf } from '../../../core/dealRisk';

const H = 3_600_000;

describe('instantOf', () => {
	const cases: Array<[string, number, string]> = [
		['2026-11-20', 0, '2026-11-20T00:00:00.000Z'],
		['2026-11-20 10:15:30', H, '2026-11-20T09:15:30.000Z'],
		['2026-11-20 10:15:30.123456', 0, '2026-11-20T10:15:30.123Z'],
		['2026-11-20 10:15', -5 * H, '2026-11-20T15:15:00.000Z'],
		['2026-11-20T10:15:30Z', H, '2026-11-20T10:15:30.000Z'],
		['2026-11-20T10:15:30.5Z', 0, '2026-11-20T10:15:30.500Z'],
		['2026-11-20T10:15Z', 9 * H, '2026-11-20T10:15:00.000Z'],
		['2026-11-20T10:15:30+02:00', 0, '2026-11-20T08:15:30.000Z'],
		['2026-11-20T10:15:30-0500', 0, '2026-11-20T15:15:30.000Z'],
		['2026-03-29 02:30:00', 2 * H, '2026-03-29T00:30:00.000Z'],
	];
	it.each(cases)('%s (site offset %i ms) → %s', (value, offset, iso) => {
		expect(new Date(instantOf(value, offset)).toISOString()).toBe(iso);
	});

	it('agrees with Date for every ISO instant', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }),
				fc.integer({ min: -14, max: 14 }),
				(d, offsetHours) => {
					expect(instantOf(d.toISOString(), offsetHours * H)).toBe(d.getTime());
				},
			),
		);
	});
});

describe('days', () => {
	it('round-trips dates through day numbers', () => {
		expect(dayOf('1970-01-01')).toBe(0);
		expect(dateOfDay(dayOf('2026-11-20'))).toBe('2026-11-20');
		expect(dayOf('2028-03-01') - dayOf('2028-02-28')).toBe(2);
	});

	it('formats every day number like Date#toISOString', () => {
		fc.assert(
			fc.property(fc.integer({ min: dayOf('1900-01-01'), max: dayOf('2400-12-31') }), (day) => {
				const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
				expect(dateOfDay(day)).toBe(iso);
				expect(dayOf(iso)).toBe(day);
			}),
			{ numRuns: 2000 },
		);
		for (const date of ['2000-02-29', '2100-02-28', '2100-03-01', '2024-12-31', '1999-12-31', '1970-01-01']) {
			expect(dateOfDay(dayOf(date))).toBe(date);
		}
	});

	const business: Array<[string, number, string]> = [
		['2026-11-20', 0, '2026-11-20'], // Friday stays
		['2026-11-21', 0, '2026-11-23'], // Saturday → Monday
		['2026-11-22', 0, '2026-11-23'], // Sunday → Monday
		['2026-11-20', 2, '2026-11-24'], // Friday + 2 → Tuesday
		['2026-11-19', 5, '2026-11-26'], // Thursday + 5 → Thursday
		['2026-12-31', 1, '2027-01-01'],
	];
	it.each(business)('%s + %i business days → %s', (from, n, to) => {
		expect(dateOfDay(addBusinessDays(dayOf(from), n))).toBe(to);
	});
});

describe('amountText', () => {
	const cases: Array<[number, string, string]> = [
		[4_800_000, 'EUR', 'EUR 48,000.00'],
		[5, 'USD', 'USD 0.05'],
		[0, 'GBP', 'GBP 0.00'],
		[123_456_789, 'CHF', 'CHF 1,234,567.89'],
		[1_200_000, 'JPY', 'JPY 1,200,000'],
		[1_234_567, 'KWD', 'KWD 1,234.567'],
		[-250, 'eur', 'EUR -2.50'],
	];
	it.each(cases)('%i %s → %s', (minor, currency, text) => {
		expect(amountText(minor, currency)).toBe(text);
	});
});
