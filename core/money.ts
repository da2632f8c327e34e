// Exact money. Decides how a decimal amount (a number or a string, as ERPNext and InvenTree send them)
// becomes integer minor units of an ISO 4217 currency and back, and does the few operations a quote needs
// (unit price × quantity, a percentage discount, sums) in integer arithmetic, so totals reconcile to the
// cent. Parsing is string-based: 0.1 + 0.2 drift never enters a price.
//
// Rules, pinned by tests/core/money.test.mts:
// - Accepted input: an optional "-", digits, optionally "." and more digits ("1234.50", "-0.5", "7"),
//   surrounding white space ignored. Numbers are read through their shortest round-trip form
//   (String(1234.5) = "1234.5"), never through float multiplication.
// - Refused with MoneyError (never guessed): thousands separators ("1,234.50"), decimal commas
//   ("12,50"), currency symbols, "+", ".5", "5.", exponents in strings, NaN and Infinity, and anything
//   beyond Number.MAX_SAFE_INTEGER minor units. "1,234" is ambiguous between a US thousands separator and
//   a European decimal comma, so the caller must normalise it knowingly.
// - More fraction digits than the currency has: zeros are fine ("12.500" EUR = 1250); non-zero digits are
//   refused unless the caller asks for rounding ({ rounding: 'half-even' }).
// - Rounding, wherever a result falls between two minor units (decimal quantities such as 2.5 hours, a
//   percentage discount, opt-in parsing), is half-even ("banker's rounding"), the default rounding method
//   of ERPNext/Frappe, so our figures agree with the Quotation ERPNext computes. A discount's amount is
//   rounded and the net is gross − discount, so net + discount = gross exactly.
import { z } from 'zod/v4';

/** A refused amount: says what was given and why, never a silent NaN. */
export class MoneyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MoneyError';
	}
}

// ISO 4217 minor-unit exponents that differ from the default of 2 (ISO 4217 list one, "Minor unit").
const EXPONENTS: Readonly<Record<string, number>> = {
	BIF: 0,
	CLP: 0,
	DJF: 0,
	GNF: 0,
	ISK: 0,
	JPY: 0,
	KMF: 0,
	KRW: 0,
	PYG: 0,
	RWF: 0,
	UGX: 0,
	UYI: 0,
	VND: 0,
	VUV: 0,
	XAF: 0,
	XOF: 0,
	XPF: 0,
	BHD: 3,
	IQD: 3,
	JOD: 3,
	KWD: 3,
	LYD: 3,
	OMR: 3,
	TND: 3,
	CLF: 4,
	UYW: 4,
};

// The active ISO 4217 codes of currencies and funds (list one), without the codes that have no minor
// unit (precious metals XAU/XAG/XPT/XPD, bond-market units XBA–XBD, XDR, XSU, XUA) or are not money
// (XTS for testing, XXX for "no currency"). Withdrawn codes (DEM, HRK, VEF, ZWL …) are refused: an
// amount in them cannot be quoted today. ANG and SLL stay beside their successors XCG and SLE while
// both circulate.
const ISO_4217: ReadonlySet<string> = new Set([
	'AED',
	'AFN',
	'ALL',
	'AMD',
	'ANG',
	'AOA',
	'ARS',
	'AUD',
	'AWG',
	'AZN',
	'BAM',
	'BBD',
	'BDT',
	'BGN',
	'BHD',
	'BIF',
	'BMD',
	'BND',
	'BOB',
	'BOV',
	'BRL',
	'BSD',
	'BTN',
	'BWP',
	'BYN',
	'BZD',
	'CAD',
	'CDF',
	'CHE',
	'CHF',
	'CHW',
	'CLF',
	'CLP',
	'CNY',
	'COP',
	'COU',
	'CRC',
	'CUP',
	'CVE',
	'CZK',
	'DJF',
	'DKK',
	'DOP',
	'DZD',
	'EGP',
	'ERN',
	'ETB',
	'EUR',
	'FJD',
	'FKP',
	'GBP',
	'GEL',
	'GHS',
	'GIP',
	'GMD',
	'GNF',
	'GTQ',
	'GYD',
	'HKD',
	'HNL',
	'HTG',
	'HUF',
	'IDR',
	'ILS',
	'INR',
	'IQD',
	'IRR',
	'ISK',
	'JMD',
	'JOD',
	'JPY',
	'KES',
	'KGS',
	'KHR',
	'KMF',
	'KPW',
	'KRW',
	'KWD',
	'KYD',
	'KZT',
	'LAK',
	'LBP',
	'LKR',
	'LRD',
	'LSL',
	'LYD',
	'MAD',
	'MDL',
	'MGA',
	'MKD',
	'MMK',
	'MNT',
	'MOP',
	'MRU',
	'MUR',
	'MVR',
	'MWK',
	'MXN',
	'MXV',
	'MYR',
	'MZN',
	'NAD',
	'NGN',
	'NIO',
	'NOK',
	'NPR',
	'NZD',
	'OMR',
	'PAB',
	'PEN',
	'PGK',
	'PHP',
	'PKR',
	'PLN',
	'PYG',
	'QAR',
	'RON',
	'RSD',
	'RUB',
	'RWF',
	'SAR',
	'SBD',
	'SCR',
	'SDG',
	'SEK',
	'SGD',
	'SHP',
	'SLE',
	'SLL',
	'SOS',
	'SRD',
	'SSP',
	'STN',
	'SVC',
	'SYP',
	'SZL',
	'THB',
	'TJS',
	'TMT',
	'TND',
	'TOP',
	'TRY',
	'TTD',
	'TWD',
	'TZS',
	'UAH',
	'UGX',
	'USD',
	'USN',
	'UYI',
	'UYU',
	'UYW',
	'UZS',
	'VED',
	'VES',
	'VND',
	'VUV',
	'WST',
	'XAF',
	'XCD',
	'XCG',
	'XOF',
	'XPF',
	'YER',
	'ZAR',
	'ZMW',
	'ZWG',
]);

/** Whether `code` is an active ISO 4217 currency code, exactly as written (upper case). */
export function isIsoCurrency(code: unknown): code is string {
	return typeof code === 'string' && ISO_4217.has(code);
}

export const CurrencySchema = z
	.string()
	.regex(/^[A-Z]{3}$/, 'an ISO 4217 code in upper case, e.g. EUR')
	.refine(isIsoCurrency, 'an ISO 4217 code in upper case, e.g. EUR');

/** An amount in integer minor units (cents for EUR, yen for JPY, fils for KWD). */
export const MinorUnitsSchema = z
	.number()
	.int()
	.refine((n) => Number.isSafeInteger(n), 'within ±2^53 − 1 minor units');

/** Money as it crosses a boundary: integer minor units plus the ISO 4217 currency. */
export const MoneySchema = z.object({
	minor: MinorUnitsSchema,
	currency: CurrencySchema,
});
export type Money = z.infer<typeof MoneySchema>;

/** A decimal as APIs send it: a JSON number or a decimal string. */
export const DecimalInputSchema = z.union([z.number(), z.string()]);
export type DecimalInput = z.infer<typeof DecimalInputSchema>;

export type Rounding = 'exact' | 'half-even';

/** Number of minor-unit digits of an ISO 4217 currency (JPY 0, KWD 3, default 2). */
export function minorUnitExponent(currency: string): number {
	const code = currency.toUpperCase();
	if (!ISO_4217.has(code)) throw new MoneyError(`"${currency}" is not an ISO 4217 currency code`);
	return EXPONENTS[code] ?? 2;
}

interface Decimal {
	negative: boolean;
	/** All significant digits, integer part then fraction, no sign, no point. */
	digits: string;
	/** How many of `digits` are after the decimal point. */
	scale: number;
}

const DECIMAL_RE = /^(-?)(\d+)(?:\.(\d+))?$/;

// Expands the exponent form String() gives very large or very small numbers ("1e+21", "5e-7").
function expandExponent(text: string): string {
	const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
	if (!m) return text;
	const [, sign, int, frac = '', expText] = m;
	const exp = Number(expText);
	const digits = int + frac;
	const point = int.length + exp;
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Reads a decimal number or string exactly, by the rules at the top of this module. */
export function parseDecimal(value: DecimalInput): Decimal {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new MoneyError(`${String(value)} is not a finite amount`);
		text = expandExponent(String(value));
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		throw new MoneyError(`expected a number or a decimal string, got ${typeof value}`);
	}
	const m = DECIMAL_RE.exec(text);
	if (!m) {
		const hint = /\d,\d/.test(text)
			? ' (thousands separators and decimal commas are refused: send "1234.50")'
			: '';
		throw new MoneyError(`"${text}" is not a plain decimal like "1234.50"${hint}`);
	}
	const [, sign, int, frac = ''] = m;
	return { negative: sign === '-', digits: int + frac, scale: frac.length };
}

/** Integer division rounded half-even (banker's rounding); `den` must be positive. */
export function divideHalfEven(num: bigint, den: bigint): bigint {
	if (den <= 0n) throw new MoneyError('division by a non-positive amount');
	const negative = num < 0n;
	const abs = negative ? -num : num;
	let q = abs / den;
	const twiceRemainder = (abs % den) * 2n;
	if (twiceRemainder > den || (twiceRemainder === den && q % 2n === 1n)) q += 1n;
	return negative ? -q : q;
}

function toSafeNumber(value: bigint, what: string): number {
	if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
		throw new MoneyError(`${what} exceeds the safe integer range of minor units`);
	}
	const n = Number(value);
	return Object.is(n, -0) ? 0 : n;
}

function assertMinor(minor: number, what: string): void {
	if (!Number.isSafeInteger(minor))
		throw new MoneyError(`${what} must be an integer of minor units, got ${minor}`);
}

/**
 * A decimal amount in major units ("1234.50", 1234.5) to integer minor units of `currency`.
 * Throws MoneyError for anything the rules above refuse.
 */
export function toMinorUnits(
	value: DecimalInput,
	currency: string,
	options: { rounding?: Rounding } = {},
): number {
	const exponent = minorUnitExponent(currency);
	const dec = parseDecimal(value);
	const scaled = BigInt(dec.digits);
	let minor: bigint;
	if (dec.scale <= exponent) {
		minor = scaled * 10n ** BigInt(exponent - dec.scale);
	} else {
		const excess = dec.digits.slice(dec.digits.length - (dec.scale - exponent));
		if (/[1-9]/.test(excess) && (options.rounding ?? 'exact') === 'exact') {
			throw new MoneyError(
				`"${String(value)}" has more decimal places than ${currency.toUpperCase()} allows (${exponent})`,
			);
		}
		minor = divideHalfEven(scaled, 10n ** BigInt(dec.scale - exponent));
	}
	return toSafeNumber(dec.negative ? -minor : minor, `"${String(value)}" ${currency}`);
}

/** Integer minor units back to a plain decimal string with the currency's digits ("1234.50", "-0.05", "1500"). */
export function formatMinorUnits(minor: number, currency: string): string {
	assertMinor(minor, 'amount');
	const exponent = minorUnitExponent(currency);
	const negative = minor < 0;
	const digits = String(Math.abs(minor));
	if (exponent === 0) return `${negative ? '-' : ''}${digits}`;
	const padded = digits.padStart(exponent + 1, '0');
	const int = padded.slice(0, padded.length - exponent);
	return `${negative ? '-' : ''}${int}.${padded.slice(padded.length - exponent)}`;
}

/** Parses into a Money value. */
export function money(
	value: DecimalInput,
	currency: string,
	options?: { rounding?: Rounding },
): Money {
	const code = currency.toUpperCase();
	return { minor: toMinorUnits(value, code, options), currency: code };
}

/** "1234.50 EUR". */
export function formatMoney(value: Money): string {
	return `${formatMinorUnits(value.minor, value.currency)} ${value.currency}`;
}

/** A non-negative decimal quantity (2, 2.5, "0.75") as an exact fraction units / 10^scale. */
export function parseQuantity(qty: DecimalInput): { units: bigint; scale: number } {
	const dec = parseDecimal(qty);
	if (dec.negative) throw new MoneyError(`quantity ${String(qty)} is negative`);
	return { units: BigInt(dec.digits), scale: dec.scale };
}

/**
 * Unit price (minor units) × quantity, rounded half-even to a whole minor unit.
 * 1999 × 2.5 = 4997.5 → 4998; 1001 × 2.5 = 2502.5 → 2502.
 */
export function multiplyMinorUnits(unitMinor: number, qty: DecimalInput): number {
	assertMinor(unitMinor, 'unit price');
	const { units, scale } = parseQuantity(qty);
	const product = divideHalfEven(BigInt(unitMinor) * units, 10n ** BigInt(scale));
	return toSafeNumber(product, 'line amount');
}

/** A percentage (0 to 100, at most two decimals: 7.5, "12.25") as integer basis points (750, 1225). */
export function percentToBasisPoints(pct: DecimalInput): number {
	const dec = parseDecimal(pct);
	if (dec.negative) throw new MoneyError(`percentage ${String(pct)} is negative`);
	if (dec.scale > 2 && /[1-9]/.test(dec.digits.slice(dec.digits.length - (dec.scale - 2)))) {
		throw new MoneyError(`percentage ${String(pct)} has more than two decimals`);
	}
	const bp =
		dec.scale <= 2
			? BigInt(dec.digits) * 10n ** BigInt(2 - dec.scale)
			: BigInt(dec.digits) / 10n ** BigInt(dec.scale - 2);
	if (bp > 10000n) throw new MoneyError(`percentage ${String(pct)} is above 100`);
	return Number(bp);
}

/** Basis points back to a percentage number (750 → 7.5). Display only; arithmetic stays in basis points. */
export function basisPointsToPercent(bp: number): number {
	return bp / 100;
}

/**
 * A percentage discount on an amount: the discount is rounded half-even, the net is the remainder,
 * so `net + discount === gross` always holds.
 */
export function applyDiscount(
	grossMinor: number,
	pct: DecimalInput,
): { discount: number; net: number; basisPoints: number } {
	assertMinor(grossMinor, 'amount');
	const basisPoints = percentToBasisPoints(pct);
	const discount = toSafeNumber(
		divideHalfEven(BigInt(grossMinor) * BigInt(basisPoints), 10000n),
		'discount',
	);
	return { discount, net: grossMinor - discount, basisPoints };
}

/** Sum of minor-unit amounts, refusing non-integers and results beyond the safe range. */
export function sumMinorUnits(values: readonly number[]): number {
	let total = 0n;
	for (const v of values) {
		assertMinor(v, 'amount');
		total += BigInt(v);
	}
	return toSafeNumber(total, 'sum');
}

/** Sum of Money values of one currency; mixing currencies is an error, never an implicit conversion. */
export function sumMoney(values: readonly Money[], currency: string): Money {
	const code = currency.toUpperCase();
	for (const v of values) {
		if (v.currency !== code)
			throw new MoneyError(`cannot add ${v.currency} to ${code} without a conversion`);
	}
	return { minor: sumMinorUnits(values.map((v) => v.minor)), currency: code };
}

// ---------------------------------------------------------------------------------------------
// Readable amounts for output items (issue 16). Every amount a node outputs is shown as a readable
// object first, `{ amount: 450000, currency: "USD", display: "$450,000.00" }` (amount in major units,
// for people, IF nodes and sheets), with the exact integer minor units beside it under a name that
// says so (`budgetMinor`, `total_minor`). The readable amount is for reading and comparing, never for
// arithmetic: sums and prices stay in minor units.
// ---------------------------------------------------------------------------------------------

/** An amount as a person reads it: major units (JPY 15000000, USD 450000.5), the currency, and a display string. */
export interface ReadableMoney {
	amount: number;
	currency: string;
	display: string;
}

const displayFormats = new Map<string, Intl.NumberFormat>();

/**
 * "$450,000.00", "€40,000.00", "¥15,000,000", "KWD 1.500", "CA$1,250.00" (English symbols, ISO 4217
 * digits). Formatted from the exact decimal string, so no float rounding enters the text.
 */
export function displayMinorUnits(minor: number, currency: string): string {
	const code = currency.toUpperCase();
	const text = formatMinorUnits(minor, code);
	let format = displayFormats.get(code);
	if (!format) {
		const digits = minorUnitExponent(code);
		format = new Intl.NumberFormat('en-US', {
			style: 'currency',
			currency: code,
			minimumFractionDigits: digits,
			maximumFractionDigits: digits,
		});
		displayFormats.set(code, format);
	}
	// Intl formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3"); the cast is for older lib types.
	// ICU puts a no-break space after a currency code ("KWD 1.500"): a plain space is what people type.
	return format.format(text as unknown as number).replace(/\u00a0/g, ' ');
}

/** The readable form of an amount in minor units: `{ amount, currency, display }`. */
export function readableMoney(minor: number, currency: string): ReadableMoney {
	const code = currency.toUpperCase();
	return {
		amount: Number(formatMinorUnits(minor, code)),
		currency: code,
		display: displayMinorUnits(minor, code),
	};
}

/** A readable range: `{ min, max, currency, display: "$200,000.00–$300,000.00" }`. */
export function readableRange(
	minMinor: number,
	maxMinor: number,
	currency: string,
): { min: number; max: number; currency: string; display: string } {
	const low = readableMoney(minMinor, currency);
	const high = readableMoney(maxMinor, currency);
	return {
		min: low.amount,
		max: high.amount,
		currency: low.currency,
		display: `${low.display}–${high.display}`,
	};
}
