// Which ISO 4217 currency a written money token means ("$", "R$", "Fr.", "euros", "lakh" is not one)
// and how many minor units it has. "$", "pesos" and "kr" are ambiguous, so the buyer's country
// resolves them through `CurrencyHints`; three-letter codes that are also words ("TRY", "PEN", "COP")
// count only in capitals.

import { isIsoCurrency, minorUnitExponent as moneyExponent } from '../money';

/**
 * Digits after the decimal point in the currency's minor unit: core/money's ISO 4217 table (the one
 * money rule, so a budget and its readable form scale alike: JPY 0, KWD 3); 2 for a code it does not know.
 */
export function minorUnitExponent(currency: string): number {
	return isIsoCurrency(currency) ? moneyExponent(currency) : 2;
}

/** How the ambiguous tokens resolve for a given buyer. */
export interface CurrencyHints {
	/** "$", "dollars": USD unless the buyer's own currency is a dollar (CAD, AUD, …). */
	dollar: string;
	/** "pesos": the buyer's peso currency, MXN when unknown. */
	peso: string;
	/** "kr", "kronor", "kroner": the buyer's krona/krone, SEK when unknown. */
	krona: string;
}

export const DEFAULT_CURRENCY_HINTS: CurrencyHints = { dollar: 'USD', peso: 'MXN', krona: 'SEK' };

const DOLLAR_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'TWD']);
const PESO_CURRENCIES = new Set(['MXN', 'COP', 'CLP', 'ARS', 'UYU', 'PHP']);
const KRONA_CURRENCIES = new Set(['SEK', 'NOK', 'DKK', 'ISK']);

/** Hints for a buyer whose local currency is `localCurrency` (from the country), if known. */
export function currencyHintsFor(localCurrency: string | null | undefined): CurrencyHints {
	if (!localCurrency) return DEFAULT_CURRENCY_HINTS;
	return {
		dollar: DOLLAR_CURRENCIES.has(localCurrency) ? localCurrency : 'USD',
		peso: PESO_CURRENCIES.has(localCurrency) ? localCurrency : 'MXN',
		krona: KRONA_CURRENCIES.has(localCurrency) ? localCurrency : 'SEK',
	};
}

type Resolved = string | keyof CurrencyHints;

// Normalised token (lower case, single spaces) → ISO code, or the name of a hint.
const TOKENS: ReadonlyMap<string, Resolved> = new Map<string, Resolved>([
	['$', 'dollar'],
	['dollar', 'dollar'],
	['dollars', 'dollar'],
	['dólar', 'dollar'],
	['dólares', 'dollar'],
	['dolar', 'dollar'],
	['dolares', 'dollar'],
	['dollaro', 'dollar'],
	['dollari', 'dollar'],
	['us$', 'USD'],
	['u.s.$', 'USD'],
	['u.s. $', 'USD'],
	['usd', 'USD'],
	['us dollar', 'USD'],
	['us dollars', 'USD'],
	['us-dollar', 'USD'],
	['us-dollars', 'USD'],
	['u.s. dollars', 'USD'],
	['dólares estadounidenses', 'USD'],
	['dólares americanos', 'USD'],
	['dolares americanos', 'USD'],
	['c$', 'CAD'],
	['ca$', 'CAD'],
	['cad', 'CAD'],
	['canadian dollars', 'CAD'],
	['a$', 'AUD'],
	['au$', 'AUD'],
	['aud', 'AUD'],
	['australian dollars', 'AUD'],
	['nz$', 'NZD'],
	['nzd', 'NZD'],
	['s$', 'SGD'],
	['sgd', 'SGD'],
	['hk$', 'HKD'],
	['hkd', 'HKD'],
	['mx$', 'MXN'],
	['mxn', 'MXN'],
	['pesos mexicanos', 'MXN'],
	['r$', 'BRL'],
	['brl', 'BRL'],
	['reais', 'BRL'],
	['€', 'EUR'],
	['eur', 'EUR'],
	['euro', 'EUR'],
	['euros', 'EUR'],
	['£', 'GBP'],
	['gbp', 'GBP'],
	['pound', 'GBP'],
	['pounds', 'GBP'],
	['pounds sterling', 'GBP'],
	['sterling', 'GBP'],
	['pfund', 'GBP'],
	['libras', 'GBP'],
	['libras esterlinas', 'GBP'],
	['livres sterling', 'GBP'],
	['chf', 'CHF'],
	['fr.', 'CHF'],
	['sfr.', 'CHF'],
	['sfr', 'CHF'],
	['franken', 'CHF'],
	['schweizer franken', 'CHF'],
	['francs suisses', 'CHF'],
	['swiss francs', 'CHF'],
	['francos suizos', 'CHF'],
	['franchi svizzeri', 'CHF'],
	['inr', 'INR'],
	['rs', 'INR'],
	['rs.', 'INR'],
	['₹', 'INR'],
	['rupees', 'INR'],
	['rupias', 'INR'],
	['¥', 'JPY'],
	['jpy', 'JPY'],
	['yen', 'JPY'],
	['円', 'JPY'],
	['美元', 'USD'],
	['欧元', 'EUR'],
	['英镑', 'GBP'],
	['日元', 'JPY'],
	['cny', 'CNY'],
	['rmb', 'CNY'],
	['yuan', 'CNY'],
	['renminbi', 'CNY'],
	['元', 'CNY'],
	['人民币', 'CNY'],
	['sek', 'SEK'],
	['nok', 'NOK'],
	['dkk', 'DKK'],
	['kr', 'krona'],
	['kr.', 'krona'],
	['kronor', 'krona'],
	['kroner', 'krona'],
	['pln', 'PLN'],
	['zł', 'PLN'],
	['złotych', 'PLN'],
	['zloty', 'PLN'],
	['zlotys', 'PLN'],
	['czk', 'CZK'],
	['kč', 'CZK'],
	['huf', 'HUF'],
	['try', 'TRY'],
	['₺', 'TRY'],
	['aed', 'AED'],
	['sar', 'SAR'],
	['zar', 'ZAR'],
	['krw', 'KRW'],
	['₩', 'KRW'],
	['cop', 'COP'],
	['pesos colombianos', 'COP'],
	['clp', 'CLP'],
	['pesos chilenos', 'CLP'],
	['ars', 'ARS'],
	['pesos argentinos', 'ARS'],
	['pen', 'PEN'],
	['soles', 'PEN'],
	['rub', 'RUB'],
	['₽', 'RUB'],
	['pesos', 'peso'],
	['peso', 'peso'],
]);

/** ISO code for a money token matched in text, or `null` if the token is not a currency. */
export function currencyFromToken(token: string, hints: CurrencyHints): string | null {
	const key = token.trim().toLowerCase().replace(/\s+/g, ' ');
	const resolved = TOKENS.get(key);
	if (resolved === undefined) return null;
	if (resolved === 'dollar' || resolved === 'peso' || resolved === 'krona') return hints[resolved];
	return resolved;
}

/** Case-insensitive regex source for a literal word without the `i` flag (keeps codes case-sensitive). */
export function caseInsensitive(word: string): string {
	let out = '';
	for (const ch of word) {
		const lower = ch.toLowerCase();
		const upper = ch.toUpperCase();
		if (lower !== upper && lower.length === 1 && upper.length === 1) out += `[${lower}${upper}]`;
		else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	}
	return out;
}

// Regex sources (no `i` flag: words are made case-insensitive here, ambiguous codes stay capitals).
const SAFE_CODES = [
	'USD',
	'EUR',
	'GBP',
	'CHF',
	'INR',
	'CAD',
	'AUD',
	'NZD',
	'SGD',
	'HKD',
	'BRL',
	'MXN',
	'JPY',
	'CNY',
	'RMB',
	'SEK',
	'NOK',
	'DKK',
	'PLN',
	'CZK',
	'HUF',
	'AED',
	'SAR',
	'ZAR',
	'KRW',
	'CLP',
	'ARS',
	'RUB',
];
const CAPITAL_ONLY_CODES = ['TRY', 'PEN', 'COP'];
const CODES = [...SAFE_CODES.map(caseInsensitive), ...CAPITAL_ONLY_CODES].join('|');

/** Currency written before the number: "US$ 5", "€95.000", "CHF 2,5 Mio.", "Rs. 4.5 crore". */
export const CURRENCY_PREFIX_SOURCE = [
	'US\\$',
	'U\\.S\\.\\s?\\$',
	'CA\\$',
	'C\\$',
	'AU\\$',
	'A\\$',
	'NZ\\$',
	'S\\$',
	'HK\\$',
	'MX\\$',
	'R\\$',
	'\\$',
	'€',
	'£',
	'¥',
	'₹',
	'₺',
	'₩',
	'₽',
	'人民币',
	CODES,
	'Rs\\.?',
	'SFr\\.?',
	'Fr\\.',
].join('|');

const SUFFIX_WORDS = [
	'(?:US[- ]?|U\\.S\\. )?' + caseInsensitive('dollars'),
	caseInsensitive('dollar'),
	caseInsensitive('dólares') +
		'(?: ' +
		caseInsensitive('estadounidenses') +
		'| ' +
		caseInsensitive('americanos') +
		')?',
	caseInsensitive('dolares'),
	caseInsensitive('dollari'),
	caseInsensitive('dollaro'),
	caseInsensitive('dólar'),
	caseInsensitive('euros'),
	caseInsensitive('euro'),
	caseInsensitive('pounds') + '(?: ' + caseInsensitive('sterling') + ')?',
	caseInsensitive('pound'),
	caseInsensitive('pfund'),
	caseInsensitive('libras') + '(?: ' + caseInsensitive('esterlinas') + ')?',
	caseInsensitive('livres sterling'),
	caseInsensitive('schweizer franken'),
	caseInsensitive('franken'),
	caseInsensitive('francs suisses'),
	caseInsensitive('swiss francs'),
	caseInsensitive('francos suizos'),
	caseInsensitive('franchi svizzeri'),
	caseInsensitive('rupees'),
	caseInsensitive('rupias'),
	caseInsensitive('reais'),
	caseInsensitive('pesos') +
		'(?: (?:' +
		['mexicanos', 'colombianos', 'chilenos', 'argentinos'].map(caseInsensitive).join('|') +
		'))?',
	caseInsensitive('yen'),
	caseInsensitive('yuan'),
	caseInsensitive('renminbi'),
	caseInsensitive('złotych'),
	caseInsensitive('zlotys'),
	caseInsensitive('zloty'),
	caseInsensitive('kronor'),
	caseInsensitive('kroner'),
	caseInsensitive('soles'),
];

/** Currency written after the number (and multiplier): "250k USD", "1,5 million d'euros", "30万元". */
export const CURRENCY_SUFFIX_SOURCE = [
	...SUFFIX_WORDS,
	CODES,
	'€',
	'\\$',
	'£',
	'¥',
	'₹',
	'美元',
	'欧元',
	'英镑',
	'日元',
	'元',
	'円',
	'₽',
	'kr\\.?',
	'zł',
	'Kč',
].join('|');
