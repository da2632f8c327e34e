// Extractor: the buyer's framing before the count (issue 15, ADR 0044). "For the Riverside pumping station
// project we need 2 x …", "für unser Labor in Freiburg bitten wir um ein Angebot über 5 Packungen …",
// "Kunnen jullie een prijs geven voor 3 stuks …": the words before the requirement's own count, when they
// ask for a quote (an asking or enquiry word of read/vocabulary.ts) and name no product, code, attribute
// or measure and no word that changes an item ("without", "stainless", "explosion-proof"), say who asks
// and for what project, not what is asked for. So do the proper names of a site of the buyer's ("para la
// planta de Querétaro", "at our Newport plant", "Pour l'atelier") and a closing with a name that the
// sentence split could not part from the item ("duas fontes QUINT4 10 A. Obrigada, Carla"). The accounting
// (accounting.ts) does not count them as words nobody knows; every other check still reads them.
import { numberWordsToDigits } from '../../numberWords';
import { normalizeText, textTerms } from '../tokenize';
import { analyze } from './analysis';
import type { Requirement } from './types';
import {
	ASKING_WORDS,
	ENQUIRY_WORDS,
	MODIFIER_WORDS,
	PURPOSE_WORDS,
	SITE_WORDS,
} from './vocabulary';
import { SIGN_OFF } from './words';

export interface Framing {
	/** The framing's words, as the accounting reads a requirement's words (textTerms). */
	words: ReadonlySet<string>;
	/** Numbers of the framing that label a thing of the project ("Bauabschnitt 2", "plot 7"). */
	labels: ReadonlySet<string>;
}

const NONE: Framing = { words: new Set(), labels: new Set() };
const fold = (w: string) => normalizeText(w).replace(/ł/g, 'l');

/** The framing of a requirement: before its count, a site's name, a closing (see the top of this module). */
export function framingOf(req: Requirement): Framing {
	const before = beforeTheCount(req);
	const words = new Set([...before.words, ...siteNames(req.text), ...closing(req.text)]);
	return words.size === 0 ? NONE : { words, labels: before.labels };
}

// "para la planta de Querétaro", "a site in Leeds": the site word and the capitalised names after it
const CONNECTOR = /^(?:de|del|of|in|di|du|des|van|w|em|do|da|at|en|a|à|im|bei|near|nahe)$/;

function siteNames(text: string): string[] {
	const ts = [...text.matchAll(/[^\s'’,.;:!?()«»"]+/gu)].map((m) => ({
		raw: m[0],
		word: fold(m[0]),
	}));
	const out: string[] = [];
	ts.forEach((t, i) => {
		const site = t.word.replace(/(?:e?s|en)$/, '');
		if (!SITE_WORDS.has(t.word) && !SITE_WORDS.has(site)) return;
		// the site is the buyer's: a "for"/"para"/"pour" or "our"/"unser"/"nuestra"/… before it
		const lead = ts.slice(Math.max(0, i - 3), i).map((x) => x.word);
		if (!lead.some((w) => PURPOSE_WORDS.has(w) || OWN.test(w) || w === 'l')) return;
		const names: string[] = [t.raw];
		for (let j = i - 1; j >= Math.max(0, i - 2) && /^\p{Lu}/u.test(ts[j].raw); j--)
			names.push(ts[j].raw);
		let j = i + 1;
		if (ts[j] && CONNECTOR.test(ts[j].word)) j += 1;
		while (j < ts.length && j <= i + 4 && /^\p{Lu}\p{Ll}/u.test(ts[j].raw)) names.push(ts[j++].raw);
		// "our Ex-zone plant", "the ATEX site": a word that changes the item is never a name
		const changes = (n: string) =>
			fold(n)
				.split(/[-/]/)
				.some((p) => MODIFIER_WORDS.has(p));
		if (names.some((n) => /\d/.test(n) || changes(n))) return;
		out.push(...textTerms(fold(names.join(' '))));
	});
	return out;
}
const OWN =
	/^(?:our|unser|unsere|unserer|unseren|nuestra|nuestro|notre|nostro|nostra|nossa|nosso|onze|ons|nasz|naszej|naszego|la|el|le|the|die|der|den|il|lo|o|a|de|het)$/;

// "… 10 A. Obrigada, Carla", "… Gracias, Toni": a sign-off and at most three names end the requirement
function closing(text: string): string[] {
	const norm = fold(text);
	for (const m of norm.matchAll(/(?:^|[.,!;]\s*|\s)(?=\p{L})/gu)) {
		const from = (m.index ?? 0) + m[0].length;
		const rest = norm.slice(from);
		const sign = SIGN_OFF.exec(rest);
		if (!sign) continue;
		const after = text.slice(from + sign[0].length).replace(/^[\s,!.]+|[\s,!.]+$/g, '');
		const names = after === '' ? [] : after.split(/\s+/);
		if (names.length > 3 || !names.every((n) => /^\p{Lu}\p{Ll}*\.?$/u.test(n))) continue;
		return textTerms(fold(`${sign[0]} ${after}`));
	}
	return [];
}

function beforeTheCount(req: Requirement): Framing {
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
	// "Ex-zone", "l'atelier": each part of a written word is read
	const parts = prefix.flatMap((w) => w.plain.split(/[^\p{L}\p{N}]+/u)).filter((w) => w !== '');
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
	// without a site or project word, only names (capitalised, not the first word: "Per i cavi schermati
	// ci servono 100 m …" names what is asked for) and asking words are framing
	// so are the buyer's own groups after a "for" ("para los 3 laboratorios necesitamos 9 …", "pour nos 2
	// salles blanches il faut 6 …", ADR 0051)
	const site =
		parts.some((w) => SITE_WORDS.has(w) || SITE_WORDS.has(w.replace(/(?:e?s|en)$/, ''))) ||
		parts.some(
			(w, i) => PURPOSE_WORDS.has(w) && parts.slice(i + 1, i + 3).some((x) => /^\d{1,3}$/.test(x)),
		);
	const named = req.text
		.split(/\s+/)
		.slice(1)
		.filter((w) => /^[«"'„“(]?\p{Lu}/u.test(w))
		.join(' ');
	const allowed = new Set([
		...textTerms(fold(named)),
		...textTerms(parts.filter((w) => ENQUIRY_WORDS.has(w) || ASKING_WORDS.has(w)).join(' ')),
	]);
	const framing = textTerms(prefixText).filter((w) => site || allowed.has(w));
	return { words: new Set(framing), labels };
}
