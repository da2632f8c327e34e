// Keeps personal data out of what an AI-assisted node sends to Claude (issue 9, PII minimisation). A
// `Pseudonyms` replaces e-mail addresses, phone numbers and the person names it is given with stable
// placeholders (`[email 1]`, `[phone 1]`, `[name 1]`: the same text always gets the same placeholder
// within one item), and puts the values back where the model repeats a placeholder, so quotes the core
// verifies against the full record still match and text written for a person still reads naturally.
// Names are only those the caller knows (the lead's contact, a deal's contacts): other names in free
// text are not detected. Pure and deterministic.

export type PersonalDataKind = 'email' | 'phone' | 'name';

export interface Pseudonyms {
	/** `text` with e-mail addresses, phone numbers and the known names replaced by placeholders. */
	scrub(text: string): string;
	/** `text` with every placeholder this instance produced replaced by its original value. */
	restore(text: string): string;
	/** `restore` applied to every string inside a JSON-like value (objects and arrays are copied). */
	restoreDeep<T>(value: T): T;
	/** Distinct values replaced so far, per kind. */
	counts(): Record<PersonalDataKind, number>;
}

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

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
const NAME_PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'del', 'della', 'da', 'di', 'du', 'la', 'le', 'dr', 'prof', 'herr', 'frau', 'mr', 'mrs', 'ms', 'sr', 'sra', 'mme', 'm.']);

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

function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wordPattern(words: readonly string[], flags: string): RegExp | null {
	if (words.length === 0) return null;
	const alternatives = [...words].sort((a, b) => b.length - a.length).map((w) => escapeRegex(w).replace(/\s+/g, '\\s+'));
	return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

/**
 * Placeholders for one item. `names` are the person names to hide (the full name is matched in any
 * letter case; its parts of three letters or more, such as a first name alone, only as written).
 */
export function pseudonyms(names: ReadonlyArray<string | null | undefined> = []): Pseudonyms {
	const byKey = new Map<string, string>();
	const originals = new Map<string, string>();
	const counts: Record<PersonalDataKind, number> = { email: 0, phone: 0, name: 0 };

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

	const fullNames = [...new Set(names.map((n) => (typeof n === 'string' ? n.trim().replace(/\s+/g, ' ') : '')).filter((n) => n.length >= 2))];
	const parts = [
		...new Set(
			fullNames.flatMap((n) => n.split(/[\s,]+/)).filter((p) => p.length >= 3 && !NAME_PARTICLES.has(p.toLowerCase()) && /^\p{L}/u.test(p)),
		),
	].filter((p) => !fullNames.some((n) => n.toLowerCase() === p.toLowerCase()));
	const fullPattern = wordPattern(fullNames, 'giu');
	const partPattern = wordPattern(parts, 'gu');

	const scrub = (text: string): string => {
		let out = text.replace(EMAIL, (email) => placeholder('email', email));
		out = out.replace(PHONE_CANDIDATE, (candidate: string, offset: number, whole: string) =>
			isPhone(candidate, whole.slice(Math.max(0, offset - 24), offset)) ? placeholder('phone', candidate) : candidate,
		);
		if (fullPattern) out = out.replace(fullPattern, (name) => placeholder('name', name));
		if (partPattern) out = out.replace(partPattern, (name) => placeholder('name', name));
		return out;
	};

	const restore = (text: string): string =>
		originals.size === 0 ? text : text.replace(/\[(?:email|phone|name) \d+\]/gi, (token) => originals.get(token.toLowerCase()) ?? token);

	const restoreDeep = <T>(value: T): T => {
		if (typeof value === 'string') return restore(value) as T;
		if (Array.isArray(value)) return value.map((v: unknown) => restoreDeep(v)) as T;
		if (value !== null && typeof value === 'object') {
			const copy: Record<string, unknown> = {};
			for (const [k, v] of Object.entries(value as Record<string, unknown>)) copy[k] = restoreDeep(v);
			return copy as T;
		}
		return value;
	};

	return { scrub, restore, restoreDeep, counts: () => ({ ...counts }) };
}
