// Decides whether an AI-written slot commits the sender to something nobody trusted gave it: an amount
// of money or a percentage that is not among the known values or the brief, discount wording when neither
// mentions a discount, or an e-mail address to reply to that is neither a known value nor on an allowed
// host. The lead's own text (where a prompt injection asks for "50% discount, price 1 EUR, reply to
// einkauf@evil-corp.example") is never trusted, so a model that obeys it is caught here, by code.
// Plain numbers (12 PLCs, 3 weeks, line 3) are not promises and are left alone. Addresses are found and
// compared by the one e-mail rule (core/contact/address.ts: IDN look-alikes, "at … dot …" forms).
import { addressRefusal, findEmailAddresses, trustedAddressKeys } from '../contact/address';
import { findLinks, normaliseForLinks } from '../contact/url';
import {
	CURRENCY_PREFIX_SOURCE,
	CURRENCY_SUFFIX_SOURCE,
	MAGNITUDE_SOURCE,
	magnitudeOf,
} from '../moneyWords';

export type PromiseCode = 'amount_not_in_inputs' | 'discount_not_in_inputs' | 'email_not_allowed';

export interface UnbackedPromise {
	code: PromiseCode;
	/** The words of the slot that make the promise. */
	text: string;
	/** What the slot does, completing `Slot "x" …`. */
	what: string;
}

// A number as people write amounts: 48.250,00 · 48,250.00 · 48 250 · 1 · 0,5 (thousands groups of three),
// with an optional scale word ("50k", "2 Mio.", "3 millones").
const NUMBER = String.raw`\d{1,3}(?:[.,'\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const AMOUNT = String.raw`(${NUMBER})((?:\s?(?:${MAGNITUDE_SOURCE})(?![a-z]))?)`;
// The package's one money vocabulary (core/moneyWords.ts), plus "francs" on its own, which a promise
// may name without saying which franc.
const CURRENCY = `(?:(?:${CURRENCY_PREFIX_SOURCE}|${CURRENCY_SUFFIX_SOURCE}|francs?)(?![a-z]))`;
const START = String.raw`(?<![\w.,])`;
const MONEY_BEFORE = new RegExp(`${START}${CURRENCY}\\s?${AMOUNT}`, 'giu');
// "3 millones de euros", "1,5 million d'euros", "2 milioni di euro": the currency may follow a linking word.
const MONEY_AFTER = new RegExp(
	`${START}${AMOUNT}\\s?(?:(?:de|di|of|de los)\\s|d['’])?${CURRENCY}`,
	'giu',
);
const PERCENT = new RegExp(
	`${START}${AMOUNT}\\s?(?:%|prozent(?![a-z])|percent(?![a-z])|per cent(?![a-z])|por ciento|pour cent|per cento|por cento)`,
	'giu',
);
const ANY_AMOUNT = new RegExp(`${START}${AMOUNT}`, 'giu');
// German compounds carry the word inside ("Mengenrabatt", "Sonderpreisnachlass").
const DISCOUNT =
	/rabatt|nachlass|skonto|(?<![a-z])(?:discount(?:ed|s)?|rebate|descuento|rebaja|remise|réduction|reduction|sconto|desconto|kostenlos|kostenfrei|gratis|free of charge|for free|free (?:shipping|delivery|installation|commissioning)|umsonst|% off|waive[ds]?|waiving|at no (?:extra |additional )?(?:cost|charge)|no (?:extra |additional )?(?:cost|charge)|complimentary|on the house|erlassen|gutschrift|credit note|refund|rückerstattung|sin coste|sin cargo|sans frais)(?![a-z])/iu;
// An amount in words ("for one euro", "zwei Euro"): as binding as digits, and never in the known values' digits.
const NUMBER_WORD =
	'(?:one|a single|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand|ein(?:en|em)?|eins|zwei|drei|vier|fünf|zehn|zwanzig|fünfzig|hundert|tausend|un|une|deux|trois|cinq|dix|cent|mille|uno|dos|tres|cinco|diez|cien|mil)';
const MONEY_WORDS = new RegExp(
	`(?<![\\p{L}])${NUMBER_WORD}\\s+(?:euros?|eur|dollars?|usd|pounds?|pfund|gbp|cents?|franken|francs?|chf)(?![\\p{L}])`,
	'giu',
);

/** Comparison key of a written amount: separators and zero decimals dropped, the scale kept ("50k" ≠ "50"). */
function amountKey(number: string, scale: string): string {
	const digits = number.replace(/[.,]0{1,2}$/, '').replace(/\D/g, '');
	const magnitude = scale.trim() === '' ? null : magnitudeOf(scale);
	return digits + (magnitude ? `e${magnitude.power}` : '');
}

/**
 * The promises in `text` (one cleaned slot) that `trusted` (token values and the brief) does not back.
 * `allowedHosts` are the sender's own hosts: an address there is a way to reach the sender, not a redirect.
 */
export function unbackedPromises(
	text: string,
	trusted: readonly string[],
	allowedHosts: readonly string[] = [],
): UnbackedPromise[] {
	const found: UnbackedPromise[] = [];
	const normalized = normaliseForLinks(text);
	// Links and addresses are judged by the allow-list; words inside them ("evil-discounts.com") are no promise.
	const addresses = findEmailAddresses(normalized);
	let slot = normalized;
	for (const span of [
		...addresses.map((a) => a.text),
		...findLinks(normalized).map((l) => l.text),
	]) {
		slot = slot.split(span).join(' ');
	}
	const known = normaliseForLinks(trusted.join('\n'));
	const knownAmounts = new Set([...known.matchAll(ANY_AMOUNT)].map((m) => amountKey(m[1], m[2])));
	const seen = new Set<string>();
	const add = (code: PromiseCode, words: string, what: string) => {
		const key = `${code}:${words.toLowerCase()}`;
		if (seen.has(key)) return;
		seen.add(key);
		found.push({ code, text: words, what });
	};

	for (const pattern of [MONEY_BEFORE, MONEY_AFTER]) {
		for (const m of slot.matchAll(pattern)) {
			if (!knownAmounts.has(amountKey(m[1], m[2]))) {
				add(
					'amount_not_in_inputs',
					m[0].trim(),
					`states the amount "${m[0].trim()}", which is not among the known values or the brief`,
				);
			}
		}
	}
	for (const m of slot.matchAll(PERCENT)) {
		if (!knownAmounts.has(amountKey(m[1], m[2]))) {
			add(
				'amount_not_in_inputs',
				m[0].trim(),
				`states the percentage "${m[0].trim()}", which is not among the known values or the brief`,
			);
		}
	}
	const knownLowerText = known.toLowerCase();
	for (const m of slot.matchAll(MONEY_WORDS)) {
		if (!knownLowerText.includes(m[0].toLowerCase())) {
			add(
				'amount_not_in_inputs',
				m[0].trim(),
				`states the amount "${m[0].trim()}", which is not among the known values or the brief`,
			);
		}
	}
	const discount = DISCOUNT.exec(slot);
	if (discount && !DISCOUNT.test(known)) {
		add(
			'discount_not_in_inputs',
			discount[0],
			`promises a discount ("${discount[0]}"), which neither the brief nor the known values mention`,
		);
	}
	const knownAddresses = trustedAddressKeys(trusted);
	for (const address of addresses) {
		const refusal = addressRefusal(address, knownAddresses, allowedHosts);
		if (refusal) add('email_not_allowed', address.text, refusal);
	}
	return found;
}
