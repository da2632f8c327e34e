// The one money vocabulary of the package: how amounts are written in the languages our buyers use.
// Currency tokens ("$", "R$", "Fr.", "euros") resolve to an ISO 4217 code with its minor units; "$",
// "pesos" and "kr" are ambiguous, so the buyer's country resolves them through `CurrencyHints`;
// three-letter codes that are also words ("TRY", "PEN", "COP") count only in capitals. Magnitude words
// ("k", "Mio.", "millones", "lakh", "万") scale a number. Read by the lead's budget (core/qualify), the
// draft guard's money promises (core/outreach) and the quote reader's budget blanking (core/quote).

import { isIsoCurrency, minorUnitExponent as moneyExponent } from './money';

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

// ---------------------------------------------------------------------------------------------
// Magnitude words: "k", "Mio.", "millones", "lakh", "万" (power of ten; `word` = spelled out)
// ---------------------------------------------------------------------------------------------

export interface Magnitude {
	power: number;
	/** Spelled-out magnitudes ("million", "Mio.", "lakh") mark money even without a currency. */
	word: boolean;
}

// Longest first where one is a prefix of another (the regex takes the first alternative that fits).
export const MAGNITUDE_ROWS: Array<[string, number, boolean]> = [
	['mil millones', 9, true],
	['milliarden', 9, true],
	['milliarde', 9, true],
	['milliards', 9, true],
	['milliard', 9, true],
	['miliardi', 9, true],
	['miliardo', 9, true],
	['bilhões', 9, true],
	['bilhão', 9, true],
	['billions', 9, true],
	['billion', 9, true],
	['mrd.', 9, true],
	['mrd', 9, true],
	['bn', 9, false],
	['millones', 6, true],
	['millón', 6, true],
	['millon', 6, true],
	['millionen', 6, true],
	['millions', 6, true],
	['million', 6, true],
	['milioni', 6, true],
	['milione', 6, true],
	['milhões', 6, true],
	['milhão', 6, true],
	['milhoes', 6, true],
	['milhao', 6, true],
	['mio.', 6, true],
	['mio', 6, true],
	['mill.', 6, true],
	['mn', 6, false],
	['mm', 6, false],
	['m', 6, false],
	['thousand', 3, true],
	['tausend', 3, true],
	['tsd.', 3, true],
	['tsd', 3, true],
	['mila', 3, true],
	['mille', 3, true],
	['mil', 3, true],
	['grand', 3, false],
	['k', 3, false],
	['lakhs', 5, true],
	['lakh', 5, true],
	['lacs', 5, true],
	['lac', 5, true],
	['crores', 7, true],
	['crore', 7, true],
	['万', 4, true],
	['亿', 8, true],
];

export const MAGNITUDES: ReadonlyMap<string, Magnitude> = new Map<string, Magnitude>(
	MAGNITUDE_ROWS.map(([token, power, word]) => [token, { power, word }]),
);

export const MAGNITUDE_SOURCE = [
	...MAGNITUDE_ROWS.map(([token]) => caseInsensitive(token)),
	// German "T€" / "TEUR" = thousand euros.
	'[tT](?=[ \\u00a0]?(?:€|EUR))',
].join('|');

/** The magnitude a matched word means ("Mio." → 10⁶, "T" before € → 10³), or null when it is none. */
export function magnitudeOf(token: string): Magnitude | null {
	const key = token.trim().toLowerCase();
	if (key === 't') return { power: 3, word: false };
	return MAGNITUDES.get(key) ?? MAGNITUDES.get(key.replace(/\.$/, '')) ?? null;
}

const SPELLED_MAGNITUDES = MAGNITUDE_ROWS.filter(([, , word]) => word)
	.map(([token]) => caseInsensitive(token))
	.join('|');
const NAMES_MONEY = new RegExp(
	`(?<![A-Za-z])(?:${CURRENCY_PREFIX_SOURCE}|${CURRENCY_SUFFIX_SOURCE}|${SPELLED_MAGNITUDES})(?![A-Za-z])`,
	'u',
);

/** Whether `text` names money: a currency ("€", "USD", "reais") or a spelled-out magnitude ("Mio.", "lakh"). */
export function namesMoney(text: string): boolean {
	return NAMES_MONEY.test(text);
}
