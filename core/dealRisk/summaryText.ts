// What a model-written deal summary may not say (security review L2). The summary restates a risk
// assessment for the deal owner and is written into ERPNext (custom_ai_risk_summary, the risk comment);
// the evidence it reads comes from customer-written Communications, the classic business-e-mail-compromise
// channel. So besides restating score, level and signals (checked in the node), its prose may not carry:
// - payment-redirect instructions ("pay the deposit to …", "new bank details", IBAN/BIC, "Bankverbindung"),
//   whatever the evidence says: a risk summary never needs them;
// - links of any kind (core/contact/url.ts, the one URL rule, with an empty allow-list);
// - an e-mail address or a phone number the assessment does not contain (core/contact/address.ts; phone
//   numbers as core/personalData recognises them);
// - an amount, a percentage or discount wording the assessment does not contain (the draft slot rule,
//   core/outreach/draftPromises.ts, with the assessment as the only known text).
// Pure; returns one phrase per problem, completing "Claude's summary was rejected because …".
import { addressRefusal, findEmailAddresses, trustedAddressKeys } from '../contact/address';
import { findLinks, normaliseForLinks } from '../contact/url';
import { unbackedPromises } from '../outreach/draftPromises';
import { pseudonyms } from '../personalData';

// English, German, French, Spanish and Italian wording that tells someone where or how to pay.
const PAYMENT_INSTRUCTION = new RegExp(
	[
		String.raw`\b(?:iban|bic|swift(?: code)?|sort code|routing number|account (?:number|details|no\.?)|bank(?:ing)? (?:details|account|information|info|data|coordinates)|remittance|beneficiary)\b`,
		String.raw`\bwire\b|\btransfer (?:the |it |funds|payment|money|deposit|amount)|\b(?:pay|payment|payments|deposit|remit|send (?:the )?(?:payment|deposit|money|funds|amount))\b[^.\n]{0,40}?\b(?:to|into|via|at)\b`,
		String.raw`\b(?:new|changed|updated|different|correct(?:ed)?) (?:bank|account|payment|remittance|invoice) (?:details|account|address|instructions|information)`,
		String.raw`bankverbindung|kontoverbindung|bankdaten|kontodaten|kontonummer|überweis|\bzahlung (?:an|auf)\b|\beinzahl`,
		String.raw`coordonnées bancaires|\bvirement|\brib\b|datos bancarios|transferencia|cuenta bancaria|coordinate bancarie|\bbonifico`,
	].join('|'),
	'iu',
);
const IBAN_SHAPE = /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?\b/u;

const digits = (text: string) => text.replace(/\D/g, '');

/** The problems of a summary's prose, given the assessment it restates as `known` text. */
export function summaryTextProblems(summary: string, known: string): string[] {
	const problems: string[] = [];
	const text = normaliseForLinks(summary);
	const instruction = PAYMENT_INSTRUCTION.exec(text);
	if (instruction)
		problems.push(
			`its text gives payment instructions ("${instruction[0].trim()}"), which a risk summary never does`,
		);
	const iban = IBAN_SHAPE.exec(text);
	if (iban) problems.push(`its text gives an account number (${iban[0]})`);
	for (const link of findLinks(text))
		problems.push(`its text gives a link (${link.text}); a risk summary carries none`);
	const knownAddresses = trustedAddressKeys([known]);
	for (const address of findEmailAddresses(text)) {
		const refusal = addressRefusal(address, knownAddresses, []);
		if (refusal)
			problems.push(
				`its text ${refusal.replace('neither a known value nor on an allowed host', 'not in the assessment')}`,
			);
	}
	const phones = pseudonyms([]);
	const knownDigits = digits(known);
	for (const m of phones.scrub(text).matchAll(/\[phone \d+\]/g)) {
		const phone = phones.restore(m[0]);
		if (!knownDigits.includes(digits(phone)))
			problems.push(`its text gives the phone number ${phone}, which is not in the assessment`);
	}
	for (const promise of unbackedPromises(text, [known], [])) {
		if (promise.code === 'email_not_allowed') continue;
		problems.push(
			`its text ${promise.what.replace('which is not among the known values or the brief', 'which is not in the assessment').replace('neither the brief nor the known values mention', 'the assessment does not mention')}`,
		);
	}
	return [...new Set(problems)];
}
