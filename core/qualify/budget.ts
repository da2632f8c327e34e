// Decides the budget a lead states: an amount or a range, in exact integer minor units of an ISO
// currency, with the verbatim span it came from. Money has many written forms across the languages
// our buyers use ("$200K", "€ 95.000", "CHF 2,5 Mio.", "INR 50 lakh", "entre 200 y 300 mil euros",
// "30万元"), and most numbers in a lead are not money (part numbers, kW, quantities, years), so a
// candidate counts only with a currency, a large-magnitude word, or budget wording next to it.
import type { BudgetEvidence } from './schema';
import {
	CURRENCY_PREFIX_SOURCE,
	CURRENCY_SUFFIX_SOURCE,
	DEFAULT_CURRENCY_HINTS,
	caseInsensitive,
	currencyFromToken,
	minorUnitExponent,
	magnitudeOf,
	MAGNITUDE_SOURCE,
	type CurrencyHints,
	type Magnitude,
} from '../moneyWords';

// ---------------------------------------------------------------------------------------------
// Multipliers and number words
// ---------------------------------------------------------------------------------------------

const NUMBER_WORDS = new Map<string, [bigint, number]>([
	['half a', [5n, 1]],
	['a', [1n, 0]],
	['one', [1n, 0]],
	['two', [2n, 0]],
	['three', [3n, 0]],
	['four', [4n, 0]],
	['five', [5n, 0]],
	['six', [6n, 0]],
	['seven', [7n, 0]],
	['eight', [8n, 0]],
	['nine', [9n, 0]],
	['ten', [10n, 0]],
	['twenty', [20n, 0]],
	['fifty', [50n, 0]],
	['hundred', [100n, 0]],
	['a hundred', [100n, 0]],
	['medio', [5n, 1]],
	['un', [1n, 0]],
	['dos', [2n, 0]],
	['tres', [3n, 0]],
	['cuatro', [4n, 0]],
	['cinco', [5n, 0]],
	['diez', [10n, 0]],
	['eine halbe', [5n, 1]],
	['eine', [1n, 0]],
	['ein', [1n, 0]],
	['zwei', [2n, 0]],
	['drei', [3n, 0]],
	['vier', [4n, 0]],
	['fünf', [5n, 0]],
	['zehn', [10n, 0]],
	['deux', [2n, 0]],
	['trois', [3n, 0]],
	['due', [2n, 0]],
	['tre', [3n, 0]],
	['dois', [2n, 0]],
	['três', [3n, 0]],
	['meio', [5n, 1]],
]);
// Longest first so "half a" wins over "a".
const NUMBER_WORD_SOURCE = [...NUMBER_WORDS.keys()]
	.sort((a, b) => b.length - a.length)
	.map(caseInsensitive)
	.join('|');

// ---------------------------------------------------------------------------------------------
// The money pattern (compiled once)
// ---------------------------------------------------------------------------------------------

// Grouped thousands ("1.500.000,50", "1'200'000", "120 000") or a plain/decimal number ("2,5").
const NUMBER_SOURCE =
	"\\d{1,3}(?:[.,'’\\u00a0\\u202f ]\\d{3})+(?:[.,]\\d{1,2})?(?!\\d)|\\d+(?:[.,]\\d+)?";
const SP = '[ \\u00a0]';

function amountSource(n: 1 | 2): string {
	return (
		`(?:(?<p${n}>${CURRENCY_PREFIX_SOURCE})${SP}?)?` +
		`(?:(?<n${n}>${NUMBER_SOURCE})|(?<w${n}>${NUMBER_WORD_SOURCE})(?=${SP}(?:${MAGNITUDE_SOURCE})))` +
		`(?:${SP}?(?<m${n}>${MAGNITUDE_SOURCE}))?` +
		`(?:${SP}?(?:(?:de|di|of|${caseInsensitive('de los')})${SP}|d['’])?(?<s${n}>${CURRENCY_SUFFIX_SOURCE}))?`
	);
}

const RANGE_CONNECTOR = `${SP}*(?:-|–|—|~|${['to', 'bis', 'and', 'und', 'y', 'a', 'à', 'et', 'e', 'till', 'hasta', 'au'].map(caseInsensitive).join('|')})${SP}*`;

const MONEY_PATTERN = new RegExp(
	'(?<![A-Za-z0-9\\u00c0-\\u024f_+#/\\-])(?<!\\d[.,])' +
		amountSource(1) +
		`(?:${RANGE_CONNECTOR}${amountSource(2)})?` +
		"(?![A-Za-z0-9\\u00c0-\\u024f]|[.,\\-/][A-Za-z0-9\\u00c0-\\u024f]|[ \\u00a0]?%|['’]\\d)",
	'g',
);

// Context, matched on the text just before / after a candidate (case-insensitive).
// Strong wording names a budget; weak wording only makes an amount that already has a currency
// more likely to be the budget ("we have roughly $150k set aside").
const BUDGET_STRONG = new RegExp(
	'(?:budget|presupuest|orçament|orcament|bilancio|stanziat|etat\\b|kostenrahmen|investition|inversi[oó]n|' +
		'investimento|investissement|enveloppe|capex|capital|funding|预算|投资|plafond|spend)',
	'i',
);
const BUDGET_WEAK = new RegExp(
	'(?:invest|funded|financ|allocated|approved|aprobad|aprovad|genehmigt|freigegeben|vorgesehen|eingeplant|' +
		'set aside|volumen|volume|rough number|price range|willing to|afford|montant|importe|importo|ceiling|' +
		'rechnen mit|estimated|estimate|estimamos|estimado|estimé|referencial|tenemos|contamos|temos|abbiamo|' +
		'we have|wir haben|haben wir|nous avons|capped)',
	'i',
);
const BUDGET_AFTER =
	/^[\s.,:;!?()-]{0,3}(?:budget|presupuesto|orçamento|set aside|vorgesehen|eingeplant|approved|budgeted|to spend|zur verfügung|disponibles? para|a disposizione|disponível)/i;
const NEGATIVE_BEFORE = new RegExp(
	'(?:revenue|turnover|umsatz|facturaci|fatturato|faturamento|chiffre d.affaires|annual sales|salary|gehalt|' +
		'salario|last order|previous order|letzte bestellung|paid|bezahlt|pagamos|spent|ausgegeben|gastamos|cost us|' +
		'kostet uns|losses|loss of|lost|verlust|pérdida|downtime|stillstand|valuation|market cap|penalt|fine of)',
	'i',
);
// A number right after a phone prefix or "call me on" is a phone number, whatever the budget words.
const PHONE_BEFORE =
	/(?:\+\s?\d[\d\s().-]*|(?:tel|phone|call|mobile|cell|fax|whatsapp|telefon|teléfono|móvil|celular|numéro|ruf)\w*\.?(?:\s+\w+){0,2}[\s:]*)$/i;
const PER_UNIT_AFTER = new RegExp(
	'^\\s*(?:/\\s*(?:unit|pc|pcs|piece|h|hr|hour|day|week|stk|st|stück|pz|pza)\\b|per (?:unit|piece|pc|hour|day|week|sensor|device|item|meter|metre|drive|month per unit)|' +
		'each\\b|ea\\b|apiece|a piece|an hour|a day|a week|pro (?:stück|stunde|tag|woche|einheit)|je (?:stück|einheit)|' +
		'por (?:unidad|hora|d[ií]a|semana|pieza|equipo)|cada uno|c/u|par (?:heure|jour|pièce|unité|semaine)|' +
		"l['’]unité|la pièce|al (?:giorno|pezzo)|cadauno|cad\\.|a settimana|por (?:mês|dia)|/\\s*pcs?)",
	'i',
);
const QUALIFIER_UP_TO =
	/(?:up to|upto|max(?:imum|\.)?|maximal|höchstens|no more than|not more than|under|below|capped at|cap of|bis zu|bis|hasta|como máximo|máximo|jusqu['’]à|au maximum|fino a|massimo|al massimo|até|no máximo)\s*$/i;
const QUALIFIER_AT_LEAST =
	/(?:at least|min(?:imum|\.)?|more than|over|above|mindestens|über|al menos|más de|au moins|plus de|almeno|più di|pelo menos|mais de)\s*$/i;
const QUALIFIER_APPROX =
	/(?:around|about|approx(?:imately|\.)?|roughly|circa|ca\.|c\.|~|≈|some|estimated|est\.|etwa|ungefähr|rund|aprox(?:imadamente|\.)?|alrededor de|unos|unas|cerca de|environ|près de|intorno a|aproximadamente|cerca de|uns|in the region of|ballpark|more like|maybe|perhaps|possibly|vielleicht|quizás|quizas|tal vez|peut-être|forse|talvez)\s*$/i;

// A word right after a magnitude without currency that is not one of these linking words names what is
// counted ("units", "bottles", "Flaschen", "piezas"): then the number is a quantity, not money.
const COUNTED_AFTER = new RegExp(
	'^[ \\u00a0]+(?!(?:for|to|in|of|on|at|and|or|is|are|was|were|will|would|as|the|this|that|we|i|with|from|available|approved|' +
		'allocated|budgeted|set|max|maximum|total|plus|net|gross|' +
		'fur|für|zur|zum|ist|sind|und|oder|bis|als|im|in|mit|vom|von|netto|brutto|' +
		'de|del|para|por|y|o|es|está|esta|en|con|como|' +
		'pour|et|ou|est|sur|avec|hors|' +
		'per|e|è|o|di|da|con|' +
		'em|com|no|na|ou|é)(?![\\p{L}\\p{N}]))\\p{L}{3,}',
	'iu',
);

/** A currency written as an ISO code or a word (not a bare symbol). */
const SPECIFIC_CURRENCY = /^[A-Z]{3}$|\p{L}{3,}/u;

// Words right after an amount that take it back ("maybe 5 million? lol no, more like 50 grand",
// "$200k, sorry, I mean $250k", "50.000 EUR, nein, 60.000"): the next amount is the correction and
// wins; without one, the amount taken back is at most approximate, never exact. Fillers ("lol", "well",
// "äh") may come first; "no more", "no later" and the like are limits, not retractions.
const RETRACTION = new RegExp(
	'^[\\s?!.,;:)\\-]*(?:(?:lol|haha|lmao|hmm+|erm|uh+|oh|well|ok|okay|äh|ähm|eh)[\\s,!.]+)*' +
		'(?:no(?![ \\u00a0]+(?:more|less|later|sooner|earlier|problem|worries|need|rush))|nope|nah|actually|sorry|i mean|scratch that|' +
		'correction|make that|or rather|wait|nein|ich meine|korrektur|perd[oó]n|digo|quiero decir|je veux dire|anzi|quer dizer)(?![\\p{L}])',
	'iu',
);
const RETRACTION_WINDOW = 40;

const CONTEXT_BEFORE = 60;
const CONTEXT_AFTER = 25;
const QUALIFIER_WINDOW = 24;

// ---------------------------------------------------------------------------------------------
// Exact arithmetic
// ---------------------------------------------------------------------------------------------

interface Decimal {
	digits: bigint;
	/** Number of digits after the decimal point. */
	scale: number;
}

/**
 * Reads "1.500.000,50", "1,500,000.50", "95.000", "2,5", "1'200'000". Grouping is decided from the
 * separators themselves: both kinds → the last is decimal; one kind repeated → grouping; a single
 * separator followed by exactly three digits → grouping; otherwise decimal.
 */
export function parseDecimal(raw: string): Decimal | null {
	const text = raw.replace(/['’\u00a0\u202f ]/g, '');
	const lastDot = text.lastIndexOf('.');
	const lastComma = text.lastIndexOf(',');
	let decimalAt = -1;
	if (lastDot >= 0 && lastComma >= 0) {
		decimalAt = Math.max(lastDot, lastComma);
	} else if (lastDot >= 0 || lastComma >= 0) {
		const sep = lastDot >= 0 ? '.' : ',';
		const at = Math.max(lastDot, lastComma);
		const repeated = text.indexOf(sep) !== at;
		const after = text.length - at - 1;
		if (!repeated && after !== 3) decimalAt = at;
	}
	const intPart = (decimalAt >= 0 ? text.slice(0, decimalAt) : text).replace(/[.,]/g, '');
	const fracPart = decimalAt >= 0 ? text.slice(decimalAt + 1) : '';
	if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return null;
	if (intPart.length + fracPart.length > 30) return null;
	return { digits: BigInt(intPart + fracPart), scale: fracPart.length };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** value × 10^power in minor units of `currency`, rounded half-up; null if not a safe integer. */
function toMinorUnits(value: Decimal, power: number, currency: string): number | null {
	const shift = power + minorUnitExponent(currency) - value.scale;
	let minor: bigint;
	if (shift >= 0) {
		minor = value.digits * 10n ** BigInt(shift);
	} else {
		const divisor = 10n ** BigInt(-shift);
		minor = (value.digits * 2n + divisor) / (divisor * 2n);
	}
	return minor <= MAX_SAFE ? Number(minor) : null;
}

/** Major-unit magnitude used only for plausibility checks (never for money arithmetic). */
function magnitude(value: Decimal, power: number): bigint {
	const shift = power - value.scale;
	return shift >= 0 ? value.digits * 10n ** BigInt(shift) : value.digits / 10n ** BigInt(-shift);
}

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

interface AmountParts {
	value: Decimal;
	multiplier: Magnitude | null;
	currencyToken: string | null;
	fromWord: boolean;
	plainYear: boolean;
}

function readAmount(groups: Record<string, string | undefined>, n: 1 | 2): AmountParts | null {
	const numberText = groups[`n${n}`];
	const wordText = groups[`w${n}`];
	const multText = groups[`m${n}`];
	const multiplier = multText ? magnitudeOf(multText) : null;
	let value: Decimal | null;
	if (numberText !== undefined) {
		if (/^0\d/.test(numberText)) return null; // phone/part numbers, never money
		value = parseDecimal(numberText);
	} else if (wordText !== undefined) {
		const word = NUMBER_WORDS.get(wordText.toLowerCase());
		value = word ? { digits: word[0], scale: word[1] } : null;
	} else {
		value = null;
	}
	if (!value) return null;
	const currencyToken = groups[`p${n}`] ?? groups[`s${n}`] ?? null;
	return {
		value,
		multiplier,
		currencyToken,
		fromWord: wordText !== undefined,
		plainYear: numberText !== undefined && /^(?:19|20|21)\d\d$/.test(numberText) && !multiplier,
	};
}

interface Candidate {
	evidenceStart: number;
	end: number;
	score: number;
	result: BudgetEvidence;
}

/**
 * One money candidate, or null. `correcting` is the currency of an amount the writer just took back:
 * the amount after it is read as its correction, in that currency unless it names its own.
 */
function evaluate(
	text: string,
	match: RegExpExecArray,
	defaultCurrency: string,
	hints: CurrencyHints,
	correcting?: string,
): Candidate | null {
	const groups = match.groups ?? {};
	let first = readAmount(groups, 1);
	const second = groups.n2 !== undefined || groups.w2 !== undefined ? readAmount(groups, 2) : null;
	if (!first) return null;
	// A spelled number ("two") is money only with a magnitude after it ("two million").
	if (first.fromWord && !first.multiplier) return null;
	if (second && second.fromWord && !second.multiplier) return null;

	// "$400,000 MXN": a written code or name is more specific than a symbol, so it wins.
	const tokens = [groups.s1, groups.s2, groups.p1, groups.p2].filter(
		(t): t is string => t !== undefined,
	);
	const specific = tokens.find((t) => SPECIFIC_CURRENCY.test(t));
	const token = specific ?? first.currencyToken ?? second?.currencyToken ?? null;
	const explicitCurrency = token ? currencyFromToken(token, hints) : null;
	const currency = explicitCurrency ?? correcting ?? defaultCurrency;

	// Ranges share the right-hand multiplier: "between 200 and 300 thousand", "250-300k".
	let isRange = false;
	if (second) {
		if (
			!first.multiplier &&
			second.multiplier &&
			first.value.digits * 10n ** BigInt(second.value.scale) <=
				second.value.digits * 10n ** BigInt(first.value.scale)
		) {
			first = { ...first, multiplier: second.multiplier };
		}
		isRange = true;
	}

	// Cheap rejection first: a bare small number or year without currency or magnitude is never money.
	if (!explicitCurrency && !first.multiplier && !second?.multiplier) {
		if (first.plainYear || magnitude(first.value, 0) < 1000n) return null;
	}

	const start = match.index;
	const before = text.slice(Math.max(0, start - CONTEXT_BEFORE), start);
	const after = text.slice(start + match[0].length, start + match[0].length + CONTEXT_AFTER);
	if (PER_UNIT_AFTER.test(after)) return null;

	const strongBudget = BUDGET_STRONG.test(before) || BUDGET_AFTER.test(after);
	const weakBudget = !strongBudget && BUDGET_WEAK.test(before);
	const negative = NEGATIVE_BEFORE.test(before.slice(-40));
	const multipliers = [first.multiplier, second?.multiplier].filter(
		(m): m is Magnitude => m !== null && m !== undefined,
	);
	const spelledMagnitude = multipliers.some((m) => m.word);

	if (negative && !strongBudget) return null;
	if (!explicitCurrency) {
		if (first.plainYear || negative || PHONE_BEFORE.test(before.slice(-30))) return null;
		const major = magnitude(first.value, first.multiplier?.power ?? 0);
		const plausible = multipliers.length > 0 || major >= 1000n;
		if (!(spelledMagnitude || ((strongBudget || correcting !== undefined) && plausible)))
			return null;
		// "5 million units", "2 Mio. Flaschen": a magnitude that counts things is no money (issue 14, H2).
		if (!strongBudget && COUNTED_AFTER.test(after)) return null;
	}

	const lowMinor = toMinorUnits(first.value, first.multiplier?.power ?? 0, currency);
	if (lowMinor === null || lowMinor === 0) return null;

	let score =
		(explicitCurrency ? 3 : 0) +
		(multipliers.length > 0 ? 1 : 0) +
		(strongBudget ? 4 : weakBudget ? 2 : 0) -
		(negative ? 6 : 0);
	if (spelledMagnitude && !explicitCurrency) score += 1;

	let evidenceStart = start;
	const qualifierWindow = text.slice(Math.max(0, start - QUALIFIER_WINDOW), start);
	let qualifier: 'exact' | 'approx' | 'up_to' | 'at_least' = 'exact';
	for (const [name, pattern] of QUALIFIERS) {
		const q = pattern.exec(qualifierWindow);
		if (q) {
			qualifier = name;
			evidenceStart = start - qualifierWindow.length + q.index;
			break;
		}
	}
	const end = start + match[0].length;
	const evidence = text.slice(evidenceStart, end).trim();

	if (isRange && second) {
		const highMinor = toMinorUnits(second.value, second.multiplier?.power ?? 0, currency);
		if (highMinor !== null && highMinor > lowMinor) {
			return {
				evidenceStart,
				end,
				score,
				result: { min: lowMinor, max: highMinor, currency, evidence },
			};
		}
		if (highMinor === lowMinor) {
			return {
				evidenceStart,
				end,
				score,
				result: { amount: lowMinor, currency, qualifier, evidence },
			};
		}
		// Not a real range ("$200k - 3 months"): keep the left amount only.
		const leftEnd = start + leftAmountLength(match[0]);
		return {
			evidenceStart,
			end: leftEnd,
			score,
			result: {
				amount: lowMinor,
				currency,
				qualifier,
				evidence: text.slice(evidenceStart, leftEnd).trim(),
			},
		};
	}
	return { evidenceStart, end, score, result: { amount: lowMinor, currency, qualifier, evidence } };
}

const QUALIFIERS: Array<['up_to' | 'at_least' | 'approx', RegExp]> = [
	['up_to', QUALIFIER_UP_TO],
	['at_least', QUALIFIER_AT_LEAST],
	['approx', QUALIFIER_APPROX],
];

const LEFT_AMOUNT = new RegExp(`^${amountSource(1)}`);
function leftAmountLength(matched: string): number {
	const left = LEFT_AMOUNT.exec(matched);
	return left ? left[0].length : matched.length;
}

/**
 * The budget stated in `text`, or `null`. Amounts are integer minor units of `currency`; a number
 * without a currency is read in `defaultCurrency`; "$", "pesos" and "kr" resolve through `hints`
 * (derived from the buyer's country). When several amounts appear, the one next to budget wording
 * with an explicit currency wins, then the earliest; an amount the writer takes back ("5 million? lol
 * no, more like 50 grand") is never the budget, and the amount that corrects it wins.
 */
export function extractBudget(
	text: string,
	defaultCurrency: string,
	hints: CurrencyHints = DEFAULT_CURRENCY_HINTS,
): BudgetEvidence | null {
	if (!text) return null;
	let best: Candidate | null = null;
	let retracted: Candidate | null = null;
	MONEY_PATTERN.lastIndex = 0;
	for (let match = MONEY_PATTERN.exec(text); match !== null; match = MONEY_PATTERN.exec(text)) {
		const candidate = evaluate(text, match, defaultCurrency, hints, retracted?.result.currency);
		if (!candidate) continue;
		if (retracted !== null) {
			best = candidate; // the correction wins over everything said before it
			retracted = null;
		}
		if (RETRACTION.test(text.slice(candidate.end, candidate.end + RETRACTION_WINDOW))) {
			// Taken back: the next amount corrects it.
			if (best === candidate) best = null;
			retracted = candidate;
			continue;
		}
		if (best === null || candidate.score > best.score) best = candidate;
	}
	// Taken back and never corrected: at most an approximate budget, never an exact one.
	if (retracted !== null) {
		const hedged: Candidate =
			'amount' in retracted.result
				? { ...retracted, result: { ...retracted.result, qualifier: 'approx' } }
				: retracted;
		if (best === null || hedged.score > best.score) best = hedged;
	}
	return best ? best.result : null;
}
