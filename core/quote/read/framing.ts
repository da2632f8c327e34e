// Extractor: the buyer's framing before the count (issue 15, ADR 0044). "For the Riverside pumping station
// project we need 2 x …", "für unser Labor in Freiburg bitten wir um ein Angebot über 5 Packungen …",
// "Kunnen jullie een prijs geven voor 3 stuks …": the words before the requirement's own count, when they
// ask for a quote (an asking or enquiry word of read/vocabulary.ts) and name no product, code, attribute
// or measure and no word that changes an item ("without", "stainless", "explosion-proof"), say who asks
// and for what project, not what is asked for. The accounting (accounting.ts) does not count them as words
// nobody knows; every other check still reads them.
import { numberWordsToDigits } from '../../numberWords';
import { normalizeText, textTerms } from '../tokenize';
import { analyze } from './analysis';
import type { Requirement } from './types';
import { ASKING_WORDS, ENQUIRY_WORDS, MODIFIER_WORDS } from './vocabulary';

export interface Framing {
	/** The framing's words, as the accounting reads a requirement's words (textTerms). */
	words: ReadonlySet<string>;
	/** Numbers of the framing that label a thing of the project ("Bauabschnitt 2", "plot 7"). */
	labels: ReadonlySet<string>;
}

const NONE: Framing = { words: new Set(), labels: new Set() };
const fold = (w: string) => normalizeText(w).replace(/ł/g, 'l');

/** The framing before the requirement's count, or none (see the top of this module). */
export function framingOf(req: Requirement): Framing {
	// a count of places ("for 3 measuring points") moves the count: no framing is read
	if (req.multiplier) return NONE;
	const count = req.qty_explicit ? req.qty : req.measure ? req.measure.value : null;
	if (count === null) return NONE;
	const text = numberWordsToDigits(fold(req.text), ['one']);
	const words = [...text.matchAll(/\S+/g)].map((m) => ({
		raw: m[0],
		at: m.index ?? 0,
		plain: m[0].replace(/^[([{«"'„“¿¡]+|[)\]}»"'”,.;:!?]+$/gu, ''),
	}));
	const at = words.findIndex(
		(w) => /^\d+(?:[.,]\d+)?$/.test(w.plain) && Number(w.plain.replace(',', '.')) === count,
	);
	if (at <= 0) return NONE;
	const prefix = words.slice(0, at);
	const plain = prefix.map((w) => w.plain.replace(/[^\p{L}\p{N}']/gu, ''));
	const parts = plain.flatMap((w) => w.split(/'/));
	if (!parts.some((w) => ENQUIRY_WORDS.has(w) || ASKING_WORDS.has(w))) return NONE;
	if (parts.some((w) => MODIFIER_WORDS.has(w))) return NONE;
	const prefixText = text.slice(0, words[at].at);
	const a = analyze(prefixText);
	if (a.namesProductWords || a.attributes.length > 0 || a.measure !== null) return NONE;
	const labels = new Set<string>();
	prefix.forEach((w, i) => {
		if (/^\d{1,4}$/.test(w.plain) && i > 0 && /^\p{L}{3,}$/u.test(plain[i - 1]))
			labels.add(w.plain);
	});
	return { words: new Set(textTerms(prefixText)), labels };
}
