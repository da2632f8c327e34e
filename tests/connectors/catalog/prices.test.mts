// How a source price becomes minor units of the catalog item's currency (connectors/catalog/prices.ts):
// exact when it can be, rounded half-even with a warning when it has sub-minor-unit digits, dropped or
// converted (exactly, with the given rates) when it is in another currency, refused when unreadable.
import { describe, expect, it } from 'vitest';

import { convertToMinorUnits, readPrice } from '../../../connectors/catalog';
import type { CatalogWarning, ExchangeRates, PriceRounding } from '../../../connectors/catalog';

const RATES: ExchangeRates = { base: 'EUR', rates: { EUR: 1, USD: 1.0843, GBP: '0.8571', JPY: 162.35, CHF: 0 } };

function read(value: string | number | null, currency: string | null, itemCurrency: string, options: { rates?: ExchangeRates; rounding?: PriceRounding } = {}) {
	const warnings: CatalogWarning[] = [];
	const minor = readPrice(value, currency, 'price', { source: 'InvenTree', ref: '1', currency: itemCurrency, warnings, ...options });
	return { minor, codes: warnings.map((w) => w.code), messages: warnings.map((w) => w.message) };
}

describe('readPrice', () => {
	const cases = [
		{ name: 'decimal string, 6 places (spec)', value: '1250.000000', currency: 'EUR', item: 'EUR', minor: 125000, codes: [] },
		{ name: 'float (newer servers)', value: 1212.5, currency: 'EUR', item: 'EUR', minor: 121250, codes: [] },
		{ name: 'a float that is not exact in binary', value: 19.99, currency: 'EUR', item: 'EUR', minor: 1999, codes: [] },
		{ name: 'zero is a price', value: '0.000000', currency: 'EUR', item: 'EUR', minor: 0, codes: [] },
		{ name: 'currency code in lower case', value: '5', currency: 'eur', item: 'EUR', minor: 500, codes: [] },
		{ name: 'JPY has no minor unit', value: '1500.000000', currency: 'JPY', item: 'JPY', minor: 1500, codes: [] },
		{ name: 'KWD has three', value: '12.345000', currency: 'KWD', item: 'KWD', minor: 12345, codes: [] },
		{ name: 'sub-cent price rounded half-even (1.25 → 1)', value: '0.012500', currency: 'EUR', item: 'EUR', minor: 1, codes: ['price_rounded'] },
		{ name: 'sub-cent price rounded half-even (1.5 → 2)', value: 0.015, currency: 'EUR', item: 'EUR', minor: 2, codes: ['price_rounded'] },
		{ name: 'sub-cent price rounded half-even (2.5 → 2)', value: '0.025', currency: 'EUR', item: 'EUR', minor: 2, codes: ['price_rounded'] },
		{ name: 'another currency without rates is dropped', value: '180.00', currency: 'USD', item: 'EUR', minor: undefined, codes: ['currency_mismatch'] },
		{ name: 'null price', value: null, currency: 'EUR', item: 'EUR', minor: undefined, codes: ['invalid_price'] },
		{ name: 'thousands separator refused', value: '1,234.50', currency: 'EUR', item: 'EUR', minor: undefined, codes: ['invalid_price'] },
		{ name: 'negative refused', value: '-5.00', currency: 'EUR', item: 'EUR', minor: undefined, codes: ['invalid_price'] },
		{ name: 'no currency', value: '5.00', currency: null, item: 'EUR', minor: undefined, codes: ['invalid_price'] },
		{ name: 'not a currency code', value: '5.00', currency: 'EURO', item: 'EUR', minor: undefined, codes: ['invalid_price'] },
	];
	it.each(cases)('$name: $value $currency → $minor', ({ value, currency, item, minor, codes }) => {
		const got = read(value, currency, item);
		expect(got.minor).toBe(minor);
		expect(got.codes).toEqual(codes);
	});

	it('rounding "exact" drops a sub-cent price instead', () => {
		expect(read('0.0125', 'EUR', 'EUR', { rounding: 'exact' })).toMatchObject({ minor: undefined, codes: ['invalid_price'] });
	});

	const converted = [
		{ name: 'USD → EUR', value: '108.43', from: 'USD', to: 'EUR', minor: 10000 },
		{ name: 'EUR → JPY (1623.5 → 1624, half-even)', value: '10', from: 'EUR', to: 'JPY', minor: 1624 },
		{ name: 'USD → GBP through the base', value: '100', from: 'USD', to: 'GBP', minor: 7905 },
		{ name: 'GBP → EUR', value: '85.71', from: 'GBP', to: 'EUR', minor: 10000 },
	];
	it.each(converted)('with rates: $name = $minor', ({ value, from, to, minor }) => {
		const got = read(value, from, to, { rates: RATES });
		expect(got.minor).toBe(minor);
		expect(got.codes).toEqual(['converted']);
		expect(convertToMinorUnits(value, from, to, RATES)).toBe(minor);
	});

	it.each([
		{ from: 'SEK', reason: 'no rate' },
		{ from: 'CHF', reason: 'a zero rate' },
	])('with rates but $reason for $from: dropped', ({ from }) => {
		const got = read('10', from, 'EUR', { rates: RATES });
		expect(got).toMatchObject({ minor: undefined, codes: ['currency_mismatch'] });
		expect(got.messages[0]).toContain(`no usable ${from}/EUR rate`);
	});

	it('conversion is exact: 100 × 1/3-ish rates do not drift', () => {
		const rates: ExchangeRates = { base: 'USD', rates: { EUR: '0.3', GBP: '0.1' } };
		// 0.1 / 0.3 in floats is 0.33333333333333337; exact: 1000.00 GBP → 3000.00 EUR
		expect(convertToMinorUnits('1000', 'GBP', 'EUR', rates)).toBe(300000);
		expect(convertToMinorUnits('0.01', 'GBP', 'EUR', rates)).toBe(3);
	});
});
