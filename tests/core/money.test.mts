// Exact money: parsing rules, ISO 4217 exponents, half-even rounding, discounts and sums.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	applyDiscount,
	CurrencySchema,
	divideHalfEven,
	formatMinorUnits,
	formatMoney,
	isIsoCurrency,
	minorUnitExponent,
	money,
	MoneyError,
	MoneySchema,
	multiplyMinorUnits,
	percentToBasisPoints,
	sumMinorUnits,
	sumMoney,
	toMinorUnits,
} from '../../core/money';

describe('minorUnitExponent', () => {
	it.each([
		['EUR', 2],
		['USD', 2],
		['JPY', 0],
		['KRW', 0],
		['KWD', 3],
		['BHD', 3],
		['TND', 3],
		['CLF', 4],
		['chf', 2],
	])('%s has %i minor-unit digits', (code, exp) => {
		expect(minorUnitExponent(code)).toBe(exp);
	});

	it('refuses something that is not a currency code', () => {
		expect(() => minorUnitExponent('EURO')).toThrow(MoneyError);
		expect(() => minorUnitExponent('€')).toThrow(MoneyError);
	});

	it.each(['NaN', 'abc', 'XYZ', 'DEM', 'HRK', 'XAU', 'XXX'])('refuses %s: three letters that are no active ISO 4217 currency', (code) => {
		expect(() => minorUnitExponent(code)).toThrow(/is not an ISO 4217 currency code/);
		expect(isIsoCurrency(code.toUpperCase())).toBe(false);
		expect(CurrencySchema.safeParse(code.toUpperCase()).success).toBe(false);
	});

	it.each([
		['EUR', 2],
		['CHF', 2],
		['XCG', 2],
		['SLE', 2],
		['VES', 2],
		['ZWG', 2],
		['UYW', 4],
		['XOF', 0],
	])('knows the active code %s', (code, exp) => {
		expect(isIsoCurrency(code)).toBe(true);
		expect(CurrencySchema.safeParse(code).success).toBe(true);
		expect(minorUnitExponent(code)).toBe(exp);
	});

	it('takes upper case only in the schema (callers normalise)', () => {
		expect(CurrencySchema.safeParse('eur').success).toBe(false);
		expect(isIsoCurrency('eur')).toBe(false);
	});
});

describe('toMinorUnits: accepted input', () => {
	it.each([
		['1234.50', 'EUR', 123450],
		['1234.5', 'EUR', 123450],
		[1234.5, 'EUR', 123450],
		['0.1', 'EUR', 10],
		[0.29, 'EUR', 29], // 0.29 * 100 = 28.999999999999996 in floats
		[1.15, 'EUR', 115], // 1.15 * 100 = 114.99999999999999
		['19.99', 'USD', 1999],
		['-0.05', 'EUR', -5],
		['7', 'EUR', 700],
		['  42.00 ', 'EUR', 4200],
		['12.500', 'EUR', 1250], // trailing zeros beyond the exponent are exact
		['1500', 'JPY', 1500],
		['1.234', 'KWD', 1234],
		['1.2', 'KWD', 1200],
		['0.0001', 'CLF', 1],
		[5e-3, 'KWD', 5], // String(0.005) = "0.005"
	] as Array<[string | number, string, number]>)('%j %s → %i', (input, currency, expected) => {
		expect(toMinorUnits(input, currency)).toBe(expected);
	});

	it('reads numbers through their shortest decimal form, never float multiplication', () => {
		// 4.35 * 100 = 434.99999999999994 and 1.005 * 1000 = 1004.9999999999999 in floats
		expect(toMinorUnits(4.35, 'EUR')).toBe(435);
		expect(toMinorUnits(1.005, 'KWD')).toBe(1005);
		expect(toMinorUnits(1e-7, 'EUR', { rounding: 'half-even' })).toBe(0);
	});
});

describe('toMinorUnits: refused input (never guessed)', () => {
	it.each([
		['1,234.50', /thousands separators/],
		['12,50', /decimal commas/],
		['1 234.50', /not a plain decimal/],
		['€12.50', /not a plain decimal/],
		['12.50 EUR', /not a plain decimal/],
		['+12', /not a plain decimal/],
		['.5', /not a plain decimal/],
		['5.', /not a plain decimal/],
		['1e3', /not a plain decimal/],
		['', /not a plain decimal/],
		['abc', /not a plain decimal/],
	])('%j is refused', (input, message) => {
		expect(() => toMinorUnits(input, 'EUR')).toThrow(message);
	});

	it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
		'%s is refused',
		(input) => {
			expect(() => toMinorUnits(input, 'EUR')).toThrow(/not a finite amount/);
		},
	);

	it('refuses more decimals than the currency has, unless rounding is asked for', () => {
		expect(() => toMinorUnits('12.345', 'EUR')).toThrow(
			/more decimal places than EUR allows \(2\)/,
		);
		expect(() => toMinorUnits('100.5', 'JPY')).toThrow(/JPY allows \(0\)/);
		expect(() => toMinorUnits(0.1 + 0.2, 'EUR')).toThrow(MoneyError);
		expect(toMinorUnits('12.345', 'EUR', { rounding: 'half-even' })).toBe(1234);
		expect(toMinorUnits('12.355', 'EUR', { rounding: 'half-even' })).toBe(1236);
		expect(toMinorUnits('12.3451', 'EUR', { rounding: 'half-even' })).toBe(1235);
		expect(toMinorUnits(0.1 + 0.2, 'EUR', { rounding: 'half-even' })).toBe(30);
	});

	it('refuses amounts beyond the safe integer range of minor units', () => {
		expect(() => toMinorUnits('90071992547409.92', 'EUR')).toThrow(/safe integer range/);
		expect(toMinorUnits('90071992547409.91', 'EUR')).toBe(Number.MAX_SAFE_INTEGER);
	});
});

describe('formatMinorUnits', () => {
	it.each([
		[123450, 'EUR', '1234.50'],
		[5, 'EUR', '0.05'],
		[-5, 'EUR', '-0.05'],
		[-123456, 'EUR', '-1234.56'],
		[0, 'EUR', '0.00'],
		[1500, 'JPY', '1500'],
		[1234, 'KWD', '1.234'],
		[7, 'KWD', '0.007'],
	])('%i %s → %s', (minor, currency, text) => {
		expect(formatMinorUnits(minor, currency)).toBe(text);
	});

	it('refuses fractional minor units', () => {
		expect(() => formatMinorUnits(12.5, 'EUR')).toThrow(MoneyError);
	});

	it('round-trips with toMinorUnits for every safe amount (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -1e15, max: 1e15 }),
				fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF'),
				(minor, currency) => toMinorUnits(formatMinorUnits(minor, currency), currency) === minor,
			),
		);
	});

	it('formats Money with its code', () => {
		expect(formatMoney(money('99.9', 'eur'))).toBe('99.90 EUR');
	});
});

describe('divideHalfEven', () => {
	it.each([
		[25n, 10n, 2n],
		[35n, 10n, 4n],
		[26n, 10n, 3n],
		[24n, 10n, 2n],
		[-25n, 10n, -2n],
		[-35n, 10n, -4n],
		[-26n, 10n, -3n],
		[0n, 7n, 0n],
	])('%s / %s → %s', (num, den, q) => {
		expect(divideHalfEven(num, den)).toBe(q);
	});
});

describe('multiplyMinorUnits: unit price × decimal quantity, half-even', () => {
	it.each([
		[9500, 40, 380000], // 40 engineering hours at 95.00
		[9500, 2.5, 23750], // 2.5 hours
		[1999, 2.5, 4998], // 4997.5 → 4998 (7 is odd, round up)
		[1001, 2.5, 2502], // 2502.5 → 2502 (2 is even, stays)
		[215, '0.5', 108], // 107.5 → 108
		[333, '0.75', 250], // 249.75 → 250
		[185, 3, 555],
		[0, 1000, 0],
	])('%i × %s → %i', (unit, qty, amount) => {
		expect(multiplyMinorUnits(unit, qty)).toBe(amount);
	});

	it('refuses negative quantities and fractional unit prices', () => {
		expect(() => multiplyMinorUnits(100, -1)).toThrow(/negative/);
		expect(() => multiplyMinorUnits(10.5, 1)).toThrow(MoneyError);
	});

	it('matches exact rational arithmetic for any price and quantity with up to 3 decimals (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10_000_000 }),
				fc.integer({ min: 0, max: 100_000 }),
				(unit, qtyMilli) => {
					const qty = qtyMilli / 1000;
					const exact = BigInt(unit) * BigInt(qtyMilli); // in 1/1000 minor units
					const got = BigInt(multiplyMinorUnits(unit, qty)) * 1000n;
					return got - exact <= 500n && exact - got <= 500n;
				},
			),
		);
	});
});

describe('percentages and discounts', () => {
	it.each([
		[0, 0],
		[7.5, 750],
		['12.25', 1225],
		[100, 10000],
		['10.50', 1050],
	])('%s %% → %i basis points', (pct, bp) => {
		expect(percentToBasisPoints(pct)).toBe(bp);
	});

	it.each([[-1], [100.01], ['12.345'], ['5,5']])('%j is refused as a percentage', (pct) => {
		expect(() => percentToBasisPoints(pct)).toThrow(MoneyError);
	});

	it.each([
		[380000, 10, 38000, 342000],
		[4998, 7.5, 375, 4623], // 374.85 → 375
		[1001, 5, 50, 951], // 50.05 → 50
		[1010, 5, 50, 960], // 50.5 → 50 (half-even)
		[1030, 5, 52, 978], // 51.5 → 52 (half-even)
		[123, 0, 0, 123],
		[123, 100, 123, 0],
	])('%i minus %s %% → discount %i, net %i', (gross, pct, discount, net) => {
		expect(applyDiscount(gross, pct)).toMatchObject({ discount, net });
	});

	it('net + discount always equals the gross amount (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 1e12 }),
				fc.integer({ min: 0, max: 10000 }),
				(gross, bp) => {
					const { discount, net } = applyDiscount(gross, bp / 100);
					return net + discount === gross && discount >= 0 && net >= 0;
				},
			),
		);
	});
});

describe('sums', () => {
	it('adds minor units exactly where float addition of major units drifts', () => {
		const major = [0.1, 0.2, 0.3];
		expect(major.reduce((a, b) => a + b, 0)).not.toBe(0.6);
		expect(sumMinorUnits(major.map((m) => toMinorUnits(m, 'EUR')))).toBe(60);
	});

	it('refuses a total beyond the safe range and non-integer parts', () => {
		expect(() => sumMinorUnits([Number.MAX_SAFE_INTEGER, 1])).toThrow(/safe integer range/);
		expect(() => sumMinorUnits([1.5])).toThrow(MoneyError);
	});

	it('sums Money of one currency and refuses to mix currencies', () => {
		expect(sumMoney([money('1.10', 'EUR'), money('2.20', 'EUR')], 'EUR')).toEqual({
			minor: 330,
			currency: 'EUR',
		});
		expect(() => sumMoney([money('1', 'EUR'), money('1', 'USD')], 'EUR')).toThrow(
			/without a conversion/,
		);
	});
});

describe('MoneySchema', () => {
	it.each([
		[{ minor: 123450, currency: 'EUR' }, true],
		[{ minor: -5, currency: 'JPY' }, true],
		[{ minor: 12.5, currency: 'EUR' }, false],
		[{ minor: 100, currency: 'eur' }, false],
		[{ minor: 100, currency: 'EURO' }, false],
		[{ minor: 2 ** 53, currency: 'EUR' }, false],
		[{ minor: '100', currency: 'EUR' }, false],
	])('%j valid: %s', (value, valid) => {
		expect(MoneySchema.safeParse(value).success).toBe(valid);
	});
});
