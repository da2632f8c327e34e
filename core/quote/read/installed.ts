// Extractor: installed equipment ("Current PLC is …", "the centrifuge we bought … is making a noise") is
// not asked for; what replaces it is. And a clause that opens with a request verb is a new requirement.
import { NUMBER_WORD_LIST } from '../../numberWords';
import { normalizeText, textTerms } from '../tokenize';
import { blank, sentenceBounds } from './text';
import { sentenceAsks } from './intent';
import { END_USE_PHRASES, KEPT_PHRASES, NOT_NEEDED_PHRASES } from './vocabulary';
import { isHead } from './words';

// Installed equipment: "Current PLC is …", "die bestehende S5-Steuerung", "il vecchio PLC", "we can't get
// spare cards anymore". Only near the start of a part, so "S7-1500 to replace our old S5" still asks.
export const INSTALLED =
	/(?<![a-z])(?:current|existing|old|legacy|obsolete|end-of-life|end of life|discontinued|bestehenden?|bestehender|vorhandenen?|alten?|alter|bisherigen?|actual(?:es)?|existentes?|antigu[oa]s?|viej[oa]s?|actuel(?:le)?s?|existante?s?|ancien(?:ne)?s?|vecchi[oa]?|esistent[ei]|attual[ei]|atua(?:l|is)|antig[oa]s?|can'?t get|cannot get|no longer|nicht mehr|ya no|anymore)(?![a-z])/;
// "Our crusher plant controls are a mess of relays", "Unser Backofen-Steuerung ist kaputt": the state of
// what is installed
export const INSTALLED_STATE =
	/^(?:\S+\s+){0,2}(?:our|unser[ea]?|nuestr[oa]s?|notre|nos|il nostro|la nostra|nosso|nossa)\s+(?:\S+\s+){0,4}(?:is|are|was|were|ist|sind|war|es|son|est|sont|sono|sao)\s/;
// "the Centrifuge 5424 R we bought in March is making a noise": the state of what was bought, no request
export const BOUGHT_STATE =
	/(?<![a-z])(?:we|i|wir|ich|nous|je|abbiamo|hemos|we've|i've)\s+(?:have\s+|habe\s+|haben\s+|avons\s+|ai\s+)?(?:bought|purchased|received|gekauft|erhalten|achete|recu|acquistato|ricevuto|comprado|recibido)(?![a-z]).*(?<![a-z])(?:is|are|was|were|has|keeps|ist|sind|war|est|sont|e|es|esta)\s/;
// "the two 3051CD on the filters are fine, so leave those out", "le tableau Legrand reste en place", "die
// bleiben drin", "ya tenemos los mecanismos": what is kept, owned or left out is not asked for (a sentence
// that also asks for something is read)
// the phrases are plain folded words (read/vocabulary.ts `kept`)
const KEPT = new RegExp(`(?<![\\p{L}])(?:${KEPT_PHRASES.join('|')})`, 'u');
// "… calibración para las 2 balanzas nuevas y las 3 que ya tenemos": a relative clause says which items a
// line is for; the line is asked for
const KEPT_IN_RELATIVE = new RegExp(
	`(?<![\\p{L}])(?:that|which|welche|qui|que|che|ktore)\\s+(?:\\p{L}+\\s+)?(?:${KEPT_PHRASES.join('|')})`,
	'u',
);

/** Whether a part says that what it names is kept, already owned or left out, and asks for nothing. */
export function namesWhatIsKept(part: string): boolean {
	const folded = normalizeText(part);
	return KEPT.test(folded) && !KEPT_IN_RELATIVE.test(folded) && !sentenceAsks(folded);
}

// "- switcha SCALANCE nie potrzebujemy", "the patch leads we don't need": one part of a sentence, read apart
// from the rest of it, so "we don't need the cable, only 5 drives" still asks for the drives
const NOT_NEEDED = new RegExp(`(?<![\\p{L}])(?:${NOT_NEEDED_PHRASES.join('|')})(?![\\p{L}])`, 'u');

// words that point back at what was named before, in the eight languages
const BACK_POINTERS: ReadonlySet<string> = new Set(
	'those these them that this then also anymore more diese dieser dieses denen davon ceux celles cela ceci esos esas estos estas ellos ellas quelli quelle questi queste esses essas estes estas deze dieze daar hiervan tych tego tamte'.split(
		' ',
	),
);

/**
 * What a part says besides "not needed", folded, and whether that names something: "…, so we don't need
 * those" points back at what was named before, it names nothing itself. null: no "not needed" in it.
 */
function besidesNotNeeded(part: string): { rest: string; named: boolean } | null {
	const folded = normalizeText(part);
	if (!NOT_NEEDED.test(folded)) return null;
	const rest = folded.replace(NOT_NEEDED, ' ');
	return { rest, named: (rest.match(/\p{L}{4,}/gu) ?? []).some((w) => !BACK_POINTERS.has(w)) };
}

/** Whether a part (up to a comma or a joiner) says what it names is not needed, and asks for nothing else. */
export function namesWhatIsNotNeeded(part: string): boolean {
	const b = besidesNotNeeded(part);
	return b !== null && b.named && !sentenceAsks(b.rest);
}

/**
 * Whether a part only says "not needed" of what the part before it named ("la centrifugeuse Sorvall ST 8,
 * pas besoin", "the rotor, not needed", "den Rotor, brauchen wir nicht"): it names nothing of its own.
 */
export function onlySaysNotNeeded(part: string): boolean {
	const b = besidesNotNeeded(part);
	return b !== null && !b.named && !/\d/.test(b.rest);
}

// "goods are for research use": the end use of the goods, in a sentence with no number
const END_USE = new RegExp(`(?<![\\p{L}])(?:${END_USE_PHRASES.join('|')})(?![\\p{L}])`, 'u');

/** Whether a sentence only states what the goods are used for (no number, no ask). */
export function statesEndUse(sentence: string): boolean {
	const folded = normalizeText(sentence);
	return END_USE.test(folded) && !/\d/.test(folded) && !sentenceAsks(folded);
}

/**
 * Sentences that say what they name is kept, owned or left out, and ask for nothing, blanked (same offsets):
 * "The two 3051CD on the filters were replaced last year and are fine, so leave those out" is not read as
 * two requirements joined by "and". `kept` holds them as written.
 */
export function blankKept(text: string): { text: string; kept: string[] } {
	const bounds = sentenceBounds(text);
	let work = text;
	const kept: string[] = [];
	for (let b = 0; b + 1 < bounds.length; b++) {
		const sentence = text.slice(bounds[b], bounds[b + 1]);
		if (!namesWhatIsKept(sentence) && !statesEndUse(sentence)) continue;
		kept.push(sentence.trim());
		work = blank(work, bounds[b], bounds[b + 1]);
	}
	return { text: work, kept };
}

// "At the moment the three pumps run on old Danfoss drives", "Derzeit laufen die Pumpen mit …", "Actuellement
// …", "Obecnie …": a part that opens with "now" describes what is installed, when it asks for nothing
const CURRENTLY =
	/^\W*(?:at the moment|currently|right now|at present|derzeit|zurzeit|momentan|aktuell|actuellement|en ce moment|actualmente|en este momento|hoy en dia|attualmente|al momento|oggi|atualmente|neste momento|hoje em dia|momenteel|op dit moment|nu|obecnie|aktualnie|w tej chwili)(?![\p{L}])/u;

/** Whether a part describes what is there now ("At the moment the pumps run on …") and asks for nothing. */
export function describesWhatIsThereNow(part: string): boolean {
	const folded = normalizeText(part);
	return CURRENTLY.test(folded) && !sentenceAsks(folded);
}

const NUMBER_WORD = new RegExp(`(?<![\\p{L}])(?:${NUMBER_WORD_LIST.join('|')})(?![\\p{L}])`, 'u');

/** Whether a part states a number, in digits or in words ("the two 3051CD", "deux pupitres"). */
export function statesANumber(part: string): boolean {
	const folded = normalizeText(part);
	return /\d/.test(folded) || NUMBER_WORD.test(folded);
}

/** Whether a part is set aside as no item by what it says of the item (kept, not needed, there now). */
export function setAsideAsNoItem(part: string): boolean {
	return namesWhatIsKept(part) || namesWhatIsNotNeeded(part) || describesWhatIsThereNow(part);
}

export const REPLACED_BY =
	/(?<![a-z])(?:by|with|through|durch|gegen|por|par|con|com|avec)(?![a-z])/g;
export const INSTALLED_WITHIN_WORDS = 5;

/**
 * null: not about installed equipment. "ignore": it only describes what is installed. Otherwise the
 * offset where the replacement starts ("… durch eine S7-1500") and the product types named before it,
 * which the replacement inherits when it names none ("il vecchio PLC … con un sistema nuovo").
 */
export function installedBase(part: string): 'ignore' | { from: number; carry: string[] } | null {
	// same length as `part`, so offsets carry over
	const lower = part.toLowerCase().replace(/[’‘`´]/g, "'");
	if (BOUGHT_STATE.test(normalizeText(part))) return 'ignore';
	if (setAsideAsNoItem(part)) return 'ignore';
	if (!/\d/.test(part) && INSTALLED_STATE.test(normalizeText(part).trim())) return 'ignore';
	const m = INSTALLED.exec(lower);
	if (!m) return null;
	if (lower.slice(0, m.index).trim().split(/\s+/).filter(Boolean).length >= INSTALLED_WITHIN_WORDS)
		return null;
	REPLACED_BY.lastIndex = m.index + m[0].length;
	const by = REPLACED_BY.exec(lower);
	if (!by) return 'ignore';
	const from = by.index + by[0].length;
	const carry = [
		...new Set(textTerms(normalizeText(part.slice(0, by.index))).filter((t) => isHead(t))),
	];
	return { from, carry };
}

// "… e aggiungere la supervisione da remoto", "and need to replace …": a new clause, not more detail
export const CLAUSE_START =
	/^(?:(?:we|i|wir|ich|nous|je)\s+)?(?:add|adding|need|want|replace|upgrade|install|aggiungere|sostituire|hinzufugen|erganzen|ersetzen|agregar|anadir|reemplazar|cambiar|ajouter|remplacer|adicionar|trocar|substituir|queremos|necesitamos|precisamos|brauchen|benotigen|vorremmo|souhaitons)(?![a-z])/;

export function opensClause(part: string): boolean {
	return CLAUSE_START.test(normalizeText(part).trim());
}
