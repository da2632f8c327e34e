// Extractor: the business terms around the products (issue 15, ADR 0044). A sentence that opens with a
// word of delivery, address, payment, invoice, tax number, deadline or project (read/vocabulary.ts
// `business`: "Lieferadresse: Werk 2, Industriestraße 12, 74072 Heilbronn", "Forma de pago: transferencia
// a 60 días", "BTW NL001234567B01", "Obra: ETAR de Setúbal") asks for no product when it names none and
// every number in it is a date, a term, an address, a label or an id. It is blanked (same offsets) before
// the products are read, and listed apart: it is not a requirement, and its numbers are no counts that a
// line should use. A sentence of such words that names a product or states a count ("Delivery: 3 more
// to Leeds") is read as before.
import { MONTH_INDEX } from '../../qualify/timelinePatterns';
import { normalizeText } from '../tokenize';
import { analyze } from './analysis';
import { itemChanges } from './changes';
import { blank, sentenceBounds } from './text';
import { BUSINESS_WORDS, COUNT_WORDS } from './vocabulary';

/** A word as the vocabulary writes it: folded, "ł" as "l", no punctuation. */
export const foldWord = (word: string): string =>
	normalizeText(word)
		.replace(/ł/g, 'l')
		.replace(/[^\p{L}\p{N}]/gu, '');

// the words of a tax number, a company register number or an order reference: the code after them is an id,
// not a product code ("ABN 51 624 118 907", "CUI RO 28419375", "KvK 12345678", "UID ATU12345678")
export const ID_LABELS: ReadonlySet<string> = new Set(
	'vat tax ust ustidnr ustid mwst steuernummer cif nif iva tva siret btw nip cnpj abn acn cui kvk uid ref proyecto projekt project projet progetto projeto'.split(
		' ',
	),
);
// "30 days net", "60 gg", "sous 3 semaines": a payment term or a lead time
const PERIOD =
	/^(?:days?|tage?n?|d[ií]as|jours?|giorni|gg|dagen|dni|dias|weeks?|wochen|semaines?|semanas?|settimane|weken|tygodni|months?|monate?n?|mois|meses|mesi|maanden|miesiecy)$/;
// a street word next to a house number: "14 Harbour Road", "Via Roma 21", "12 rue des Lilas"
const STREET =
	/^(?:road|rd|street|st|avenue|ave|lane|way|drive|close|str|strasse|weg|platz|allee|gasse|rue|bd|boulevard|chemin|via|viale|piazza|corso|calle|avda|avenida|plaza|paseo|rua|travessa|largo|straat|laan|plein|ul|ulica|aleja)$/;
const COUNTS = new Set(COUNT_WORDS);

interface Token {
	raw: string;
	/** The punctuation written after it ("Alpha:" → ":"). */
	after: string;
	word: string;
	start: number;
}

function tokens(sentence: string): Token[] {
	const out: Token[] = [];
	for (const m of sentence.matchAll(/\S+/g)) {
		const raw = m[0].replace(/^[([{«"'„“¿¡]+|[)\]}»"'”,.;:!?]+$/gu, '');
		if (raw === '') continue;
		const start = (m.index ?? 0) + m[0].indexOf(raw);
		const after = m[0].slice(m[0].indexOf(raw) + raw.length);
		out.push({ raw, after, word: foldWord(raw), start });
	}
	return out;
}

const isNumber = (t: Token | undefined): boolean =>
	t !== undefined && /^\d+(?:[.,]\d+)*$/.test(t.raw);
// "3 may come later", "Maja": not a month
const isMonth = (t: Token | undefined): boolean =>
	t !== undefined &&
	t.word.length >= 3 &&
	MONTH_INDEX.has(t.word) &&
	!(t.word === 'may' && t.raw === 'may') &&
	t.word !== 'maja';
// a name ("Werk 2", "Via Roma 21"): capitalised, not a count word, not the business word itself
// ("Lieferung: 3 Geräte" states a count)
const capitalised = (t: Token | undefined): boolean =>
	t !== undefined && /^\p{Lu}/u.test(t.raw) && !COUNTS.has(t.word) && !BUSINESS_WORDS.has(t.word);
// a name that labels the number after it ("Werk 2", "Via Roma 21"), not a heading ("Project Alpha: 2 more")
const labels = (t: Token | undefined): boolean => capitalised(t) && t?.after === '';
// "2 more", "3 weitere": a count, whatever is around it
const MORE =
	/^(?:more|additional|extra|further|weitere|zusatzliche|mas|adicionales|autres|supplementaires|altri|altre|mais|meer|extra|wiecej|dodatkowe)$/;

/**
 * A number that is no count: a date ("15 février", "20/01", "KW 6"), a term ("30 Tage"), a house number
 * or postcode ("Industriestraße 12", "14 Harbour Road", "74072 Heilbronn"), a label ("Werk 2",
 * "Raum 104") or a long id.
 */
function notACount(ts: readonly Token[], i: number): boolean {
	const t = ts[i];
	const prev = ts[i - 1];
	const next = ts[i + 1];
	if (
		/^\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?$/.test(t.raw) ||
		/^\d{5,}$/.test(t.raw.replace(/[.,]/g, ''))
	)
		return true;
	if (isMonth(prev) || isMonth(next) || (next?.raw === 'de' && isMonth(ts[i + 2]))) return true;
	if (next && (MORE.test(next.word) || COUNTS.has(next.word))) return false;
	if (next && PERIOD.test(next.word)) return true;
	if (prev && /^(?:kw|cw|wk|week|woche|semana|semaine|settimana|week)$/.test(prev.word))
		return true;
	if (labels(prev)) return true;
	if ((next && STREET.test(next.word)) || (ts[i + 2] && STREET.test(ts[i + 2].word))) return true;
	return /^\d{4}$/.test(t.raw) && capitalised(next);
}

/**
 * The numbers of a sentence that may count something, each with the word written right after it: not a date, a
 * term, a house number, a postcode or a label ("12 Pump Street", "Raum 104"). Used on the lines after the
 * sign-off (accounting.ts, ADR 0083), where no requirement is read.
 */
export function possibleCounts(sentence: string): Array<{ raw: string; next: string | undefined }> {
	const ts = tokens(sentence);
	return ts.flatMap((t, i) =>
		/^\d{1,4}$/.test(t.raw) && !notACount(ts, i) ? [{ raw: t.raw, next: ts[i + 1]?.raw }] : [],
	);
}

/** Whether a business word is among the sentence's first five ("As last time, please deliver to …"). */
function opensWithBusiness(ts: readonly Token[]): boolean {
	return ts
		.slice(0, 5)
		.some((t) => t.raw.split(/[-.]/).some((p) => BUSINESS_WORDS.has(foldWord(p))));
}

/** Whether `sentence` is business terms only (see the top of this module). */
export function isBusinessTerms(sentence: string): boolean {
	const ts = tokens(sentence);
	// "Delivery: the stainless version" says what is asked for
	if (ts.length === 0 || !opensWithBusiness(ts) || itemChanges(sentence).length > 0) return false;
	// the id after a tax or reference word ("CIF Q1818002F", "BTW BE0248015142") is no product code
	let plain = sentence;
	for (let i = 0; i < ts.length; i++) {
		const label = ts[i].raw.split(/[-.]/).some((p) => ID_LABELS.has(foldWord(p)));
		if (!label) continue;
		for (let j = i + 1; j < Math.min(ts.length, i + 6) && /\d/.test(ts[j].raw); j++)
			plain = blank(plain, ts[j].start, ts[j].start + ts[j].raw.length);
		for (let j = i + 1; j < Math.min(ts.length, i + 3); j++) {
			if (!/^[A-Z]{1,3}$|^n[°º]$/i.test(ts[j].raw)) continue;
			for (let k = j + 1; k < Math.min(ts.length, j + 6) && /\d/.test(ts[k].raw); k++)
				plain = blank(plain, ts[k].start, ts[k].start + ts[k].raw.length);
		}
	}
	// a building or room code after a name ("Campus Sterre S2", "Gebäude B1") is part of the address
	const named = tokens(plain);
	named.forEach((t, i) => {
		if (/^\p{Lu}\d{1,2}$/u.test(t.raw) && capitalised(named[i - 1]))
			plain = blank(plain, t.start, t.start + t.raw.length);
		// a British postcode ("LS2 9JT")
		if (/^[A-Z]{1,2}\d[A-Z\d]?$/.test(t.raw) && /^\d[A-Z]{2}$/.test(named[i + 1]?.raw ?? ''))
			plain = blank(plain, t.start, named[i + 1].start + named[i + 1].raw.length);
	});
	// a product word or a code with letters: the sentence asks for something (numbers are checked below)
	if (analyze(plain).namesProductWords) return false;
	const rest = tokens(plain);
	return rest.every((t, i) => !/\d/.test(t.raw) || !isNumber(t) || notACount(rest, i));
}

/** The request with its sentences of business terms blanked (same offsets), and those sentences. */
export function blankBusiness(text: string): { text: string; business: string[] } {
	const bounds = sentenceBounds(text);
	let work = text;
	const business: string[] = [];
	for (let b = 0; b + 1 < bounds.length; b++) {
		const sentence = text.slice(bounds[b], bounds[b + 1]);
		if (!/\p{L}/u.test(sentence) || !isBusinessTerms(sentence)) continue;
		work = blank(work, bounds[b], bounds[b + 1] - (/\n$/.test(sentence) ? 1 : 0));
		business.push(sentence.trim());
	}
	return { text: work, business };
}

/**
 * `part` with its dates blanked ("before our audit on 12 January", "avant le 15 février", "até 20/01",
 * "KW 6"): a date is no count (used for the counts of the parts the reader set aside).
 */
export function blankDates(part: string): string {
	const ts = tokens(part);
	let out = part;
	ts.forEach((t, i) => {
		const date =
			/^\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?$/.test(t.raw) ||
			(isNumber(t) && !/[.,]/.test(t.raw) && Number(t.raw) <= 31 && isMonth(ts[i - 1])) ||
			(isNumber(t) && !/[.,]/.test(t.raw) && Number(t.raw) <= 31 && isMonth(ts[i + 1])) ||
			(isNumber(t) && ts[i + 1]?.raw === 'de' && isMonth(ts[i + 2])) ||
			(isNumber(t) &&
				/^(?:kw|cw|wk|week|woche|semana|semaine|settimana)$/.test(ts[i - 1]?.word ?? ''));
		if (date) out = blank(out, t.start, t.start + t.raw.length);
	});
	return out;
}
