// Keeps personal data out of what an AI-assisted node sends to Claude (issue 9, PII minimisation; issue
// 14, M5). A `Pseudonyms` replaces personal data in free text with stable placeholders (`[email 1]`,
// `[phone 1]`, `[name 1]`, `[iban 1]`, `[dob 1]`, `[address 1]`: the same text always gets the same
// placeholder within one item), and puts the values back where the model repeats a placeholder, so
// quotes the core verifies against the full record still match and text written for a person still
// reads naturally. What is recognised, and why only that:
// - e-mail addresses, also written out ("jana.roth(at)example(dot)com", "jana dot roth at example dot
//   com", "[at]", "{at}", spaced "@"), and the known contact's address local part on its own;
// - phone numbers (decided by shape and a phone word before them, so dates, amounts and part numbers stay);
// - IBANs: country code, check digits and the country's length, and the ISO 13616 mod-97 checksum, so an
//   order number that looks like one stays;
// - dates of birth: a date right after a birth word ("born", "DOB", "geb.", "fecha de nacimiento", "né
//   le", "nato il", "nascido em"); other dates are delivery dates and deadlines and stay;
// - postal addresses: a street with a house number (German compounds on -straße/-weg/…, "Calle/Via/Rua/
//   rue/Street …"), with the postcode and town that follow it; a town or postcode alone stays;
// - names: those the caller knows (the lead's contact, a deal's contacts), and other people's names where
//   the text marks them as names: after a title or salutation ("Mr.", "Frau", "Sra.", "Mme", "Dear",
//   "Hallo"), after "colleague"/"Kollege"/… and on the first line of a signature. A name written
//   anywhere else is not recognised (no NER model); the README says so. Pure and deterministic.
import { EMAIL_IN_TEXT } from './contact/address';
import { escapeRegex, fold } from './qualify/fold';
import { signatureZones } from './qualify/selfStatedRole';

export type PersonalDataKind = 'email' | 'phone' | 'name' | 'iban' | 'dob' | 'address';

const KINDS: readonly PersonalDataKind[] = ['email', 'phone', 'name', 'iban', 'dob', 'address'];

export interface Pseudonyms {
	/** `text` with the personal data listed above replaced by placeholders. */
	scrub(text: string): string;
	/** `text` with every placeholder this instance produced replaced by its original value. */
	restore(text: string): string;
	/** `restore` applied to every string inside a JSON-like value (objects and arrays are copied). */
	restoreDeep<T>(value: T): T;
	/** Distinct values replaced so far, per kind. */
	counts(): Record<PersonalDataKind, number>;
}

// The one e-mail rule's finder (core/contact/address.ts): the same addresses the draft and summary checks see.
const EMAIL = new RegExp(EMAIL_IN_TEXT.source, 'gu');

// A run of digits with the separators phone numbers are written with; which runs are phone numbers is
// decided in `isPhone` (a date, a part number, an amount or a quantity is not).
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}+])(?:\+|\(\+?)?\d[\d ()./-]{5,24}\d(?![\p{L}\p{N}])/gu;
const PHONE_WORD =
	/(?:tel|tél|phone|fon|mobile?|mob|cell|fax|call|ruf|anruf|handy|whats ?app|telefono|teléfono|móvil|movil|celular)(?:\s+(?:me|us|mich|uns))?\.?:?\s*(?:(?:at|on|unter)\s+)?$/i;
const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
// A calendar date inside a longer run ("01.03.2026-15.04", "2026-03-01 / 2026-04-15") is a date range.
const CONTAINS_DATE =
	/(?<!\d)(?:(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2])[./](?:19|20)\d{2}|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?!\d)/;
const NANP = /^\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}$/;
const NAME_PARTICLES = new Set([
	'von',
	'van',
	'der',
	'den',
	'de',
	'del',
	'della',
	'da',
	'di',
	'du',
	'la',
	'le',
	'dr',
	'prof',
	'herr',
	'frau',
	'mr',
	'mrs',
	'ms',
	'sr',
	'sra',
	'mme',
	'm.',
]);

function isPhone(candidate: string, before: string): boolean {
	const text = candidate.trim();
	const digits = text.replace(/\D/g, '');
	if (digits.length < 7 || digits.length > 15) return false;
	if (DATE_LIKE.test(text) || CONTAINS_DATE.test(text)) return false;
	if (/^(?:\+|00|\()/.test(text)) return true;
	// A national number ("030 1234567", "01512345678"); a short run of digits with a leading zero and
	// no separator is more likely an article or order number.
	if (text.startsWith('0') && (/[ ()./-]/.test(text) || digits.length >= 10)) return true;
	if (NANP.test(text)) return true;
	return PHONE_WORD.test(before.slice(-24));
}

function wordPattern(words: readonly string[], flags: string): RegExp | null {
	if (words.length === 0) return null;
	const alternatives = [...words]
		.sort((a, b) => b.length - a.length)
		.map((w) => escapeRegex(w).replace(/\s+/g, '\\s+'));
	return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

// ---------------------------------------------------------------------------------------------
// IBAN (ISO 13616): country code, two check digits, the country's length, mod 97 = 1.
// ---------------------------------------------------------------------------------------------

// Lengths from the SWIFT IBAN registry; a code not listed (an RF creditor reference, a part number) is no IBAN.
const IBAN_LENGTH: Readonly<Record<string, number>> = {
	AD: 24,
	AE: 23,
	AL: 28,
	AT: 20,
	AZ: 28,
	BA: 20,
	BE: 16,
	BG: 22,
	BH: 22,
	BR: 29,
	BY: 28,
	CH: 21,
	CR: 22,
	CY: 28,
	CZ: 24,
	DE: 22,
	DK: 18,
	DO: 28,
	EE: 20,
	EG: 29,
	ES: 24,
	FI: 18,
	FO: 18,
	FR: 27,
	GB: 22,
	GE: 22,
	GI: 23,
	GL: 18,
	GR: 27,
	GT: 28,
	HR: 21,
	HU: 28,
	IE: 22,
	IL: 23,
	IQ: 23,
	IS: 26,
	IT: 27,
	JO: 30,
	KW: 30,
	KZ: 20,
	LB: 28,
	LC: 32,
	LI: 21,
	LT: 20,
	LU: 20,
	LV: 21,
	MC: 27,
	MD: 24,
	ME: 22,
	MK: 19,
	MR: 27,
	MT: 31,
	MU: 30,
	NL: 18,
	NO: 15,
	PK: 24,
	PL: 28,
	PS: 29,
	PT: 25,
	QA: 29,
	RO: 24,
	RS: 22,
	SA: 24,
	SC: 31,
	SE: 24,
	SI: 19,
	SK: 24,
	SM: 27,
	ST: 25,
	SV: 28,
	TL: 23,
	TN: 24,
	TR: 26,
	UA: 29,
	VA: 22,
	VG: 24,
	XK: 20,
};
const IBAN_START = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?=[ \u00a0-]?[A-Za-z0-9])/gu;

/** ISO 13616 check: the rearranged number, letters as 10–35, is 1 modulo 97. */
export function isIban(candidate: string): boolean {
	const compact = candidate.replace(/[\s\u00a0-]/g, '').toUpperCase();
	if (
		IBAN_LENGTH[compact.slice(0, 2)] !== compact.length ||
		!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)
	)
		return false;
	let rest = 0;
	for (const ch of compact.slice(4) + compact.slice(0, 4)) {
		const digits = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
		for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
	}
	return rest === 1;
}

/** IBANs in `text`, as [start, end) spans: grouped ("DE89 3704 …") or compact. */
function ibanSpans(text: string): Array<[number, number]> {
	const spans: Array<[number, number]> = [];
	IBAN_START.lastIndex = 0;
	for (let m = IBAN_START.exec(text); m !== null; m = IBAN_START.exec(text)) {
		const length = IBAN_LENGTH[m[0].slice(0, 2).toUpperCase()];
		if (!length) continue;
		// Take the country's number of characters, single spaces or hyphens between groups allowed.
		let count = 0;
		let end = m.index;
		while (end < text.length && count < length) {
			const ch = text[end];
			if (/[A-Za-z0-9]/.test(ch)) count++;
			else if (!(/[ \u00a0-]/.test(ch) && count > 0 && /[A-Za-z0-9]/.test(text[end + 1] ?? '')))
				break;
			end++;
		}
		if (
			count === length &&
			!/[\p{L}\p{N}]/u.test(text[end] ?? '') &&
			isIban(text.slice(m.index, end))
		) {
			spans.push([m.index, end]);
			IBAN_START.lastIndex = end;
		}
	}
	return spans;
}

// ---------------------------------------------------------------------------------------------
// Dates of birth: a date right after a birth word.
// ---------------------------------------------------------------------------------------------

const MONTHS =
	'jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|f[eé]vrier|m[aä]r(?:ch|z)?|mars|apr(?:il)?|avril|may|mai|jun[ei]?|juin|jul[iy]?|juillet|' +
	'aug(?:ust)?|ao[uû]t|sep(?:t(?:ember)?)?|septembre|o[ck]t(?:ober|obre)?|nov(?:ember|embre)?|de[cz](?:ember|embre)?|d[eé]cembre|' +
	'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|' +
	'gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|' +
	'janeiro|fevereiro|mar[cç]o|maio|junho|julho|setembro|outubro|novembro|dezembro';
const DATE_SOURCE =
	'\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})|\\d{4}-\\d{1,2}-\\d{1,2}|' +
	`\\d{1,2}\\.?\\s*(?:de\\s+)?(?:${MONTHS})\\.?,?\\s*(?:de\\s+)?\\d{4}|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}`;
const BIRTH_WORDS =
	'born|date of birth|birth ?date|birthday|d\\.?o\\.?b\\.?|geb\\.|geboren|geburtsdatum|geburtstag|' +
	'fecha de nacimiento|f\\. de nac\\.|nacid[oa]|née?|nee|date de naissance|data di nascita|nat[oa]|data de nascimento|nascid[oa]';
// The birth word, then at most a few linking words ("on", "am", "le", "el", "il", "em", "in Ulm am").
const DOB = new RegExp(
	`(?<![\\p{L}\\p{N}])(?:${BIRTH_WORDS})(?![\\p{L}\\p{N}])[\\s:,(]{0,6}(?:(?:on|am|le|el|il|em|the|den|der|du|del)\\s+)?(?<date>${DATE_SOURCE})(?![\\p{N}])`,
	'giu',
);

// ---------------------------------------------------------------------------------------------
// E-mail addresses written out: "(at)", "[at]", "{at}", " at ", spaced "@"; "(dot)", " dot ", " punkt ".
// ---------------------------------------------------------------------------------------------

const LOCAL_WORD = "[\\p{L}\\p{N}_%+'-]{1,64}";
const DOMAIN_WORD = '[\\p{L}\\p{N}-]{1,63}';
const DOT_WORD = '(?:dot|punkt|punto|point|ponto)';
const DOT_BRACKETED = `\\s*[(\\[{<]\\s*${DOT_WORD}\\s*[)\\]}>]\\s*`;
const DOT_SPELLED = `\\s+${DOT_WORD}\\s+`;
// Repetitions are bounded and a plain dot takes no spaces in the local part, so a long text of "Mr. Mr. …"
// or "a.b.c…" costs linear time (no backtracking over the whole text from every position).
const DOT_ANY = `(?:${DOT_BRACKETED}|${DOT_SPELLED}|\\.)`;
const DOT_SPACED = `(?:${DOT_BRACKETED}|${DOT_SPELLED}|\\s*\\.\\s*)`;
const AT_BRACKETED = '\\s*[(\\[{<]\\s*(?:at|ät|@|＠)\\s*[)\\]}>]?\\s*';
const AT_SPACED = '\\s+[@＠﹫]\\s*|\\s*[@＠﹫]\\s+|[＠﹫]';
const TLD = '\\p{L}{2,6}';
const OBFUSCATED_EMAIL = new RegExp(
	'(?<![\\p{L}\\p{N}@.])(?:' +
		// "(at)" or a spaced "@": any dots after it.
		`${LOCAL_WORD}(?:${DOT_ANY}${LOCAL_WORD}){0,4}(?:${AT_BRACKETED}|${AT_SPACED})${DOMAIN_WORD}(?:${DOT_SPACED}${DOMAIN_WORD}){0,4}${DOT_SPACED}${TLD}` +
		// " at " spelled out: only with spelled or bracketed dots in the domain ("example dot com").
		`|${LOCAL_WORD}(?:${DOT_ANY}${LOCAL_WORD}){0,4}\\s+(?:at|ät)\\s+${DOMAIN_WORD}(?:(?:${DOT_BRACKETED}|${DOT_SPELLED})${DOMAIN_WORD}){0,4}(?:${DOT_BRACKETED}|${DOT_SPELLED})${TLD}` +
		// " at " with plain dots ("jana.roth at example.com"): only a local part that looks like one
		// (a dot, underscore, hyphen or digit inside), so "look at siemens.com" stays.
		`|[\\p{L}\\p{N}]{1,64}(?:[._-][\\p{L}\\p{N}]{1,64}){1,4}\\s+(?:at|ät)\\s+${DOMAIN_WORD}(?:\\.${DOMAIN_WORD}){0,4}\\.${TLD}` +
		')(?![\\p{L}\\p{N}])\\s*[)\\]}>]?',
	'giu',
);

/** The contact's local part ("jana.roth") on its own or spelled out ("jana dot roth"), when distinctive. */
function localPartPattern(emails: ReadonlyArray<string | null | undefined>): RegExp | null {
	const alternatives: string[] = [];
	for (const email of emails) {
		const local = typeof email === 'string' ? /^([^@\s]+)@/.exec(email.trim())?.[1] : undefined;
		// "info", "sales" or a lone first name are words, not an address: only a local part with a separator.
		if (!local || local.length < 5 || !/[._-]/.test(local)) continue;
		const parts = local
			.split(/[._-]+/)
			.filter(Boolean)
			.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
		alternatives.push(parts.join(`(?:${DOT_ANY}|\\s*[_-]\\s*)`));
	}
	return alternatives.length > 0
		? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu')
		: null;
}

// ---------------------------------------------------------------------------------------------
// Postal addresses: a street with a house number, and the postcode and town right after it.
// ---------------------------------------------------------------------------------------------

const HOUSE_NUMBER = '\\d{1,5}\\s?[a-zA-Z]?(?:\\s?[-/]\\s?\\d{1,4}[a-zA-Z]?)?';
const CAP = "\\p{Lu}[\\p{L}'’.-]{0,40}";
const STREET_SOURCE = [
	// German: "Industriestraße 12", "Berliner Str. 5", "Karl-Marx-Straße 3a", "Am Lindenweg 4".
	`(?:${CAP}\\s)?\\p{Lu}[\\p{L}-]{0,40}(?:straße|strasse|str\\.|weg|gasse|allee|platz|ufer|chaussee|damm)\\s?${HOUSE_NUMBER}`,
	`(?:${CAP}\\s)?(?:Straße|Strasse|Str\\.|Weg|Gasse|Allee|Platz)\\s${HOUSE_NUMBER}`,
	// Street word first: "Calle Mayor 23", "Via Roma 45", "Rua Augusta, 120", "Avenida de la Paz 4".
	`(?:Calle|C/|Avenida|Avda\\.|Av\\.|Paseo|Plaza|Carrer|Camino|Via|Viale|Piazza|Corso|Largo|Rua|Travessa|Praça|Alameda)\\s+` +
		`(?:(?:de|del|la|las|los|da|do|dos|das|di|della|dei|degli)\\s+){0,3}${CAP}(?:\\s+${CAP}){0,3},?\\s+(?:n[º°o.]\\s*)?${HOUSE_NUMBER}`,
	// French: "12 rue de la Paix", "3 bis avenue Victor Hugo".
	`\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:rue|avenue|av\\.|boulevard|bd|chemin|place|allée|impasse|quai|route|cours)\\s+(?:(?:de|du|des|la|le|l'|d')\\s*){0,3}${CAP}(?:[\\s-]+(?:(?:de|du|des|la|le)\\s+)?${CAP}){0,3}`,
	// English: "1200 Main Street", "5 Baker St.".
	// (Not "Drive", "Way" or "Place": "3 Allen Bradley Drive units" is a product.)
	`\\d{1,5}\\s+(?:\\p{Lu}\\p{Ll}[\\p{L}'’.-]{0,40}\\s+){1,3}(?:Street|St\\.|Avenue|Ave\\.?|Road|Rd\\.?|Boulevard|Blvd\\.?|Lane|Ln\\.?)`,
].join('|');
// "An der Mühle 4", "Am Hafen 7", "Im Gewerbepark 2" only count with a postcode and town after them
// ("Im Werk 2" alone is a plant, not an address).
const PREPOSITION_STREET = `(?:Am|An der|An den|Auf der|Auf dem|Im|In der|Zum|Zur)\\s${CAP}(?:\\s${CAP})?\\s${HOUSE_NUMBER}`;
const TOWN = "\\p{Lu}[\\p{L}'’-]{0,40}";
const POSTCODE_TOWN = `(?:[A-Z]{1,2}-)?\\d{4,5}\\s+${TOWN}(?:[\\s-]+(?:am|an der|im|bei|sur|sous)\\s+${TOWN})?|[A-Z]{2}\\s\\d{5}(?:-\\d{4})?`;
const ADDRESS = new RegExp(
	`(?<![\\p{L}\\p{N}])(?:(?:${STREET_SOURCE})(?:,?\\s+(?:(?:${TOWN}\\s?){1,2},\\s+)?(?:${POSTCODE_TOWN}))?|(?:${PREPOSITION_STREET}),?\\s+(?:${POSTCODE_TOWN}))(?![\\p{L}\\p{N}])`,
	'gu',
);

// ---------------------------------------------------------------------------------------------
// Names of other people, where the text marks them as names.
// ---------------------------------------------------------------------------------------------

const NAME_WORD = "\\p{Lu}[\\p{Ll}'’-]{1,40}";
const NAME = `${NAME_WORD}(?:\\s+(?:(?:von|van|de|del|della|da|di|du|le|la|der|den|dos|das)\\s+)?${NAME_WORD}){0,2}`;
const HONORIFIC =
	'(?:Mr|Mrs|Ms|Miss|Dr|Prof|Herr|Herrn|Frau|Sr|Sra|Srta|Señor|Señora|Don|Doña|Dña|Mme|Mlle|Monsieur|Madame|Sig|Sig\\.ra|Signor|Signora|Dott|Dott\\.ssa|Ing|Eng)\\.?';
const SALUTATION =
	'(?:Dear|Hi|Hello|Hallo|Liebe|Lieber|Sehr geehrter?|Hola|Estimad[oa]|Bonjour|Cher|Chère|Ciao|Gentile|Gentil(?:e|issim[oa])|Caro|Cara|Olá|Prezad[oa])';
const RELATION =
	'(?:[cC]olleague|[cC]oworker|[cC]o-worker|[eE]ngineer|[tT]echnician|[bB]uyer|[mM]anager|[bB]oss|[cC]ontact person|' +
	'Kollege|Kollegin|Ansprechpartner(?:in)?|Techniker(?:in)?|Ingenieur(?:in)?|Einkäufer(?:in)?|Chef(?:in)?|' +
	'[cC]ompañer[oa]|[cC]olega|[iI]ngenier[oa]|[tT]écnico|[cC]ollègue|[iI]ngénieur|[tT]echnicien|[cC]ollega|[iI]ngegnere|[tT]ecnico|[eE]ngenheir[oa])';
// Capitalised words after a salutation that are not a person ("Dear Sir", "Hallo Team").
const NOT_A_NAME = new Set(
	(
		'sir madam madame sirs team all support sales service damen herren kollegen kolleginnen señores señoras senores monsieur messieurs ' +
		'mesdames signori signore senhores senhoras colleagues friends customer kunde engineer manager director technician process project ' +
		'purchasing buyer consultant developer vice president senior head chief lead operations maintenance'
	).split(' '),
);
const NAME_AFTER_MARKER = new RegExp(
	`(?<![\\p{L}\\p{N}])(?:(?<honorific>${HONORIFIC})\\s+(?:${HONORIFIC}\\s+)*|${SALUTATION}\\s+(?:${HONORIFIC}\\s+)*|${RELATION}\\s+(?:${HONORIFIC}\\s+)*)(?<name>${NAME})`,
	'gu',
);
const SIGNATURE_NAME = new RegExp(
	`^[\\s,]*(?<name>${NAME_WORD}(?:[ \\t]+${NAME_WORD}){1,2})[ \\t]*(?:\\n|,|$)`,
	'u',
);

/** Spans of third-party names the text marks as names: [start, end). */
function markedNameSpans(text: string): Array<[number, number]> {
	const spans: Array<[number, number]> = [];
	NAME_AFTER_MARKER.lastIndex = 0;
	for (let m = NAME_AFTER_MARKER.exec(text); m !== null; m = NAME_AFTER_MARKER.exec(text)) {
		const name = m.groups?.name ?? '';
		const words = name.split(/\s+/);
		// A relation word ("my colleague Peter Maier") needs a first and a last name; a title or salutation one.
		const single =
			m.groups?.honorific !== undefined ||
			/^(?:Dear|Hi|Hello|Hallo|Liebe|Lieber|Sehr|Hola|Estimad|Bonjour|Cher|Ciao|Gentil|Car[oa]|Olá|Prezad)/u.test(
				m[0],
			);
		if ((!single && words.length < 2) || words.every((w) => NOT_A_NAME.has(w.toLowerCase()))) {
			// Not a name here; a title may still start one a word later ("colleague Mr. Maier").
			NAME_AFTER_MARKER.lastIndex = m.index + 1;
			continue;
		}
		const kept = words.findIndex((w) => NOT_A_NAME.has(w.toLowerCase()));
		const text0 = kept >= 0 ? words.slice(0, kept).join(' ') : name;
		if (text0.length === 0) continue;
		const start = m.index + m[0].length - name.length;
		spans.push([start, start + text0.length]);
	}
	for (const zone of signatureZones(fold(text))) {
		const m = SIGNATURE_NAME.exec(text.slice(zone.start, zone.end));
		const name = m?.groups?.name;
		if (m && name && !name.split(/\s+/).some((w) => NOT_A_NAME.has(w.toLowerCase()))) {
			const start = zone.start + m[0].indexOf(name);
			spans.push([start, start + name.length]);
		}
	}
	return spans;
}

/** `text` with the given spans (possibly overlapping, any order) replaced by `replace(span text)`. */
function replaceSpans(
	text: string,
	spans: Array<[number, number]>,
	replace: (original: string) => string,
): string {
	if (spans.length === 0) return text;
	const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
	let out = '';
	let at = 0;
	for (const [start, end] of sorted) {
		if (start < at) continue;
		out += text.slice(at, start) + replace(text.slice(start, end));
		at = end;
	}
	return out + text.slice(at);
}

/** What a `pseudonyms` instance knows about the item beyond the text. */
export interface PseudonymOptions {
	/** The contact's own e-mail addresses: their local part ("jana.roth") is hidden wherever it appears. */
	emails?: ReadonlyArray<string | null | undefined>;
}

/**
 * Placeholders for one item. `names` are the person names to hide (the full name is matched in any
 * letter case; its parts of three letters or more, such as a first name alone, only as written).
 */
export function pseudonyms(
	names: ReadonlyArray<string | null | undefined> = [],
	options: PseudonymOptions = {},
): Pseudonyms {
	const byKey = new Map<string, string>();
	const originals = new Map<string, string>();
	const counts = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<
		PersonalDataKind,
		number
	>;

	// Keyed by the exact text, so restoring gives back exactly what was replaced.
	const placeholder = (kind: PersonalDataKind, original: string): string => {
		const mapKey = `${kind}:${original}`;
		const known = byKey.get(mapKey);
		if (known) return known;
		counts[kind] += 1;
		const token = `[${kind} ${counts[kind]}]`;
		byKey.set(mapKey, token);
		originals.set(token.toLowerCase(), original);
		return token;
	};

	const fullNames = [
		...new Set(
			names
				.map((n) => (typeof n === 'string' ? n.trim().replace(/\s+/g, ' ') : ''))
				.filter((n) => n.length >= 2),
		),
	];
	const parts = [
		...new Set(
			fullNames
				.flatMap((n) => n.split(/[\s,]+/))
				.filter((p) => p.length >= 3 && !NAME_PARTICLES.has(p.toLowerCase()) && /^\p{L}/u.test(p)),
		),
	].filter((p) => !fullNames.some((n) => n.toLowerCase() === p.toLowerCase()));
	const fullPattern = wordPattern(fullNames, 'giu');
	const partPattern = wordPattern(parts, 'gu');
	const localPart = localPartPattern(options.emails ?? []);

	const scrub = (text: string): string => {
		// Most specific first: an IBAN's digit groups or a birth date would otherwise look like a phone number.
		let out = replaceSpans(text, ibanSpans(text), (iban) => placeholder('iban', iban));
		out = out.replace(DOB, (whole: string, ...args: unknown[]) => {
			const date = (args.at(-1) as { date: string }).date;
			return whole.slice(0, whole.length - date.length) + placeholder('dob', date);
		});
		out = out.replace(EMAIL, (email) => placeholder('email', email));
		out = out.replace(OBFUSCATED_EMAIL, (email) => placeholder('email', email));
		if (localPart) out = out.replace(localPart, (local) => placeholder('email', local));
		out = out.replace(PHONE_CANDIDATE, (candidate: string, offset: number, whole: string) =>
			isPhone(candidate, whole.slice(Math.max(0, offset - 24), offset))
				? placeholder('phone', candidate)
				: candidate,
		);
		out = out.replace(ADDRESS, (address) => placeholder('address', address));
		if (fullPattern) out = out.replace(fullPattern, (name) => placeholder('name', name));
		if (partPattern) out = out.replace(partPattern, (name) => placeholder('name', name));
		out = replaceSpans(out, markedNameSpans(out), (name) => placeholder('name', name));
		return out;
	};

	const restore = (text: string): string =>
		originals.size === 0
			? text
			: text.replace(
					/\[(?:email|phone|name|iban|dob|address) \d+\]/gi,
					(token) => originals.get(token.toLowerCase()) ?? token,
				);

	const restoreDeep = <T>(value: T): T => {
		if (typeof value === 'string') return restore(value) as T;
		if (Array.isArray(value)) return value.map((v: unknown) => restoreDeep(v)) as T;
		if (value !== null && typeof value === 'object') {
			const copy: Record<string, unknown> = {};
			for (const [k, v] of Object.entries(value as Record<string, unknown>))
				copy[k] = restoreDeep(v);
			return copy as T;
		}
		return value;
	};

	return { scrub, restore, restoreDeep, counts: () => ({ ...counts }) };
}
