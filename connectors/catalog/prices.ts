// How a price from InvenTree or ERPNext becomes integer minor units of the catalog item's currency, and
// what happens when it cannot. Decisions (pinned by tests/connectors/catalog/prices.test.mts):
// - Same currency: read exactly with core/money. InvenTree stores up to 6 decimals, so a resistor at
//   0.0125 EUR has more digits than EUR; by default it is rounded half-even (ERPNext's rounding) with a
//   `price_rounded` warning, because dropping it would leave the part unquotable. `rounding: 'exact'`
//   drops such prices instead.
// - Another currency (InvenTree price breaks each carry their own): dropped with a `currency_mismatch`
//   warning, unless exchange rates are given, then converted exactly (bigint arithmetic, one half-even
//   rounding at the end) with a `converted` warning naming the rate. Conversion is opt-in because a
//   quoted price that silently follows a nightly exchange-rate refresh is a price nobody approved.
// - Unreadable, negative or null prices are dropped with an `invalid_price` warning, never guessed.
import {
	MoneyError,
	divideHalfEven,
	minorUnitExponent,
	parseDecimal,
	toMinorUnits,
} from '../../core/money';
import type { DecimalInput } from '../../core/money';
import type { CatalogWarning, CatalogWarningCode, CatalogSource } from './warnings';

/** Rates as InvenTree's `/api/currency/exchange/` gives them: 1 `base` = `rates[CODE]` units of CODE. */
export interface ExchangeRates {
	base: string;
	rates: Readonly<Record<string, DecimalInput>>;
}

export type PriceRounding = 'half-even' | 'exact';

export interface PriceContext {
	source: CatalogSource;
	/** The record the price belongs to (InvenTree part pk, ERPNext item_code), for warnings. */
	ref: string;
	/** The catalog item's currency. */
	currency: string;
	rates?: ExchangeRates;
	rounding?: PriceRounding;
	warnings: CatalogWarning[];
}

function rateOf(rates: ExchangeRates, code: string): DecimalInput | undefined {
	if (code === rates.base.toUpperCase()) return 1;
	return rates.rates[code] ?? rates.rates[code.toLowerCase()];
}

function positiveDecimal(
	value: DecimalInput | undefined,
): { digits: bigint; scale: number } | undefined {
	if (value === undefined) return undefined;
	try {
		const d = parseDecimal(value);
		const digits = BigInt(d.digits);
		if (d.negative || digits === 0n) return undefined;
		return { digits, scale: d.scale };
	} catch {
		return undefined;
	}
}

/**
 * `amount` in `from` converted to minor units of `to` at `rates`, rounded half-even once; undefined
 * when a rate is missing or not a positive number. Exact: amount × rate(to) / rate(from) in bigint.
 */
export function convertToMinorUnits(
	amount: DecimalInput,
	from: string,
	to: string,
	rates: ExchangeRates,
): number | undefined {
	const fromCode = from.toUpperCase();
	const toCode = to.toUpperCase();
	if (fromCode === toCode) return toMinorUnits(amount, toCode, { rounding: 'half-even' });
	const rFrom = positiveDecimal(rateOf(rates, fromCode));
	const rTo = positiveDecimal(rateOf(rates, toCode));
	if (!rFrom || !rTo) return undefined;
	const a = parseDecimal(amount);
	const exponent = minorUnitExponent(toCode);
	// (A / 10^sa) × (RT / 10^st) / (RF / 10^sf) × 10^e
	const num = BigInt(a.digits) * rTo.digits * 10n ** BigInt(rFrom.scale + exponent);
	const den = 10n ** BigInt(a.scale + rTo.scale) * rFrom.digits;
	const minor = divideHalfEven(num, den);
	const signed = a.negative ? -minor : minor;
	if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < -BigInt(Number.MAX_SAFE_INTEGER))
		return undefined;
	return Number(signed);
}

function warn(ctx: PriceContext, code: CatalogWarningCode, message: string): void {
	ctx.warnings.push({ source: ctx.source, ref: ctx.ref, code, message });
}

function display(value: DecimalInput): string {
	return typeof value === 'number' ? String(value) : `"${value}"`;
}

/**
 * A price in `currency` as minor units of the item's currency, or undefined (with a warning) when it
 * must be dropped. `what` names the price in warnings, e.g. "sale price break at 10".
 */
export function readPrice(
	value: DecimalInput | null | undefined,
	currency: string | null | undefined,
	what: string,
	ctx: PriceContext,
): number | undefined {
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
		warn(ctx, 'invalid_price', `${what} has no price`);
		return undefined;
	}
	const code = (currency ?? '').trim().toUpperCase();
	if (!/^[A-Z]{3}$/.test(code)) {
		warn(
			ctx,
			'invalid_price',
			`${what} has no valid currency (${JSON.stringify(currency ?? null)})`,
		);
		return undefined;
	}
	let exact: number | undefined;
	try {
		parseDecimal(value);
		if (code === ctx.currency) exact = toMinorUnits(value, code);
	} catch (error) {
		if (!(error instanceof MoneyError) || !/more decimal places/.test(error.message)) {
			warn(
				ctx,
				'invalid_price',
				`${what}: ${error instanceof Error ? error.message : String(error)}`,
			);
			return undefined;
		}
		if ((ctx.rounding ?? 'half-even') === 'exact') {
			warn(
				ctx,
				'invalid_price',
				`${what} ${display(value)} ${code} has more decimals than ${code} allows; dropped (rounding: exact)`,
			);
			return undefined;
		}
		exact = toMinorUnits(value, code, { rounding: 'half-even' });
		warn(ctx, 'price_rounded', `${what} ${display(value)} ${code} rounded to ${exact} minor units`);
	}
	if (code !== ctx.currency) {
		const converted = ctx.rates
			? convertToMinorUnits(value, code, ctx.currency, ctx.rates)
			: undefined;
		if (converted === undefined) {
			warn(
				ctx,
				'currency_mismatch',
				`${what} is in ${code}, the item is in ${ctx.currency}; dropped (${ctx.rates ? `no usable ${code}/${ctx.currency} rate` : 'no exchange rates given'})`,
			);
			return undefined;
		}
		exact = converted;
		warn(
			ctx,
			'converted',
			`${what} ${display(value)} ${code} converted to ${exact} minor units of ${ctx.currency} (rates based on ${ctx.rates?.base})`,
		);
	}
	if (exact === undefined || exact < 0) {
		warn(ctx, 'invalid_price', `${what} ${display(value)} ${code} is negative`);
		return undefined;
	}
	return exact;
}
