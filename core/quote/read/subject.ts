// Extractor: the subject line of a message ("Subject: Pump station 3 – drives and flowmeters", "Betreff:
// Sanierung MFH – Materialanfrage", "Objet : Rétrofit ligne n°2 – demande de prix") is the title of the
// request, not an item of it: its product words ("drives", "flowmeters") name what the body lists, and
// read as a line of their own they are an item nobody asked for. Blanked (same offsets) when it names no
// count and no code; a subject that does ("Subject: 5 x 1756-IB16") is read like any line.
import { normalizeText } from '../tokenize';
import { blank } from './text';
import { COUNT_WORDS } from './vocabulary';

// the header word of a subject line in the eight reader languages
const SUBJECT =
	/^[ \t]*(?:subject|subj|sub|re|fw|fwd|betreff|aw|wg|objet|tr|asunto|oggetto|assunto|onderwerp|temat|tytul)[ \t]*:[^\n]*/gimu;
// a count ("5 x", "3 pcs", "2 Stück") or a code ("1756-IB16", "ACS580", "KT-2") in the subject
const COUNT = new RegExp(
	`(?<![\\p{L}\\d])\\d{1,5}\\s*(?:x|×|${COUNT_WORDS.join('|')})(?![\\p{L}])`,
	'u',
);
const CODE = /(?<![\p{L}\d])(?=[\p{L}\d-]*\p{L})(?=[\p{L}\d-]*\d)[\p{L}\d][\p{L}\d-]{2,}/u;

/** The subject lines that name no count and no code, blanked; `subjects` holds them as written. */
export function blankSubject(text: string): { text: string; subjects: string[] } {
	let work = text;
	const subjects: string[] = [];
	for (const m of text.matchAll(SUBJECT)) {
		const folded = normalizeText(m[0].replace(/^[^:]*:/, ''));
		if (COUNT.test(folded) || CODE.test(folded)) continue;
		subjects.push(m[0].trim());
		const at = m.index ?? 0;
		work = blank(work, at, at + m[0].length);
	}
	return { text: work, subjects };
}
