// Counts that multiply other counts: "We have 4 pumping stations. For each station we need one drive and
// one transmitter", "2 identical machines. Each needs: …", "at 2 sites, 3 chargers per site", "for each of
// the two new conveyors", "5 Schaltschränke. Je Schrank: …", "2 lignes ; sur chaque ligne 3 variateurs",
// "pro Etage 24 Panels" after "(3 Etagen)", and "transmitters for 6 tanks" (a count only when the item has
// none of its own). Decides which counts are group counts (a number and a noun that is not a product word
// nor a unit, tied to a per-marker: each, every, per, je, pro, cada, por, chaque, par, ogni, elke), which
// requirements a marker reaches (those of its own sentence that follow it or hold it, or, when its
// sentence names nothing or ends with a colon, the lines after it up to a blank line), and blanks the
// group phrases and the markers so the requirement reader does not take the group count for a quantity
// or the groups for products. A breakdown that repeats a total ("6 modules … for 3 cabinets (2 of each per
// cabinet)") multiplies nothing. Offsets are those of the text given (the text is folded character by
// character, never re-spaced).
import { NUMBER_WORD_LIST, numberWordValue } from '../numberWords';
import { scanAttributes } from './attributes';
import { FUNCTION_WORDS } from './read/functionWords';
import {
	ASKING_WORDS,
	COUNT_WORDS,
	ONE_WORD_JOINERS,
	PIECE_ABBREVIATIONS,
	SERVICE_WORDS,
} from './read/vocabulary';
import { HEAD_CONCEPTS } from './synonyms';
import { stem, STOPWORDS, textTerms } from './tokenize';

export interface Multiplier {
	factor: number;
	/** Requirements starting in [start, end) are multiplied. */
	start: number;
	end: number;
	/** Only requirements without a count of their own ("for 6 tanks"). */
	onlyImplicit: boolean;
	/** Count written next to the marker ("2 de chaque par armoire"): a requirement already at count × factor is a total. */
	perGroupCount: number | null;
	/** As written, for evidence. */
	text: string;
}

// number words: the shared table (core/numberWords.ts); an ambiguous word ("due", "once") is a count only
// before a word that is not a function word
const NUMBER = `(\\d{1,4}|${NUMBER_WORD_LIST.join('|')})(?![a-z])`;

// Nouns after a number that are units, not groups.
const UNIT_WORDS = new Set(
	(
		'h hr hrs hour hours std stunde stunden hora horas heure heures ore uur day days tag tage tagen dia dias jour jours giorni ' +
		'm meter meters metre metres metro metros mtr mm cm km kw w v a va bar mb gb pcs pc piece pieces pz stk stuck st x off ' +
		'nos ea each set sets pack packs box boxes caja cajas boite boites lengths length week weeks month months year years ' +
		'minutes minute percent euro euros eur usd gbp participant participants person persons people pax'
	).split(' '),
);

const COUNTED: ReadonlySet<string> = new Set(COUNT_WORDS);

// Words that never are the noun of a group (articles and fillers between a number and its noun).
const SKIP = new Set(
	'of the our new identical similar same existing de des du la le les los las del di dei delle da do dos das der die das den unsere unserer nuestros nuestras nos nouvelles nouveaux nuovi nuove novos novas neue neuen identische identiques identicos identici gleiche'.split(
		' ',
	),
);

const PURPOSE_BEFORE =
	/(?:^|\s)(?:for|fur|für|pour|para|per|voor|dla)\s+(?:the\s+|die\s+|unsere\s+|our\s+)?$/;

// "(for) each of (the|our) N", "per ciascuno dei N", "para cada uno de los N", "pour chacun des N", "voor elk
// van onze N", "für jede der N", "dla każdej z N": the words before the count of groups, in each language
const EACH_OF =
	'(?:(?:for|per|para|pour|voor|fur|dla)\\s+)?(?:(?:each|every)\\s+of(?:\\s+(?:the|our|these|those))?|(?:ciascun[oa]|ognun[oa])\\s+(?:dei|delle|degli|di)(?:\\s+(?:nostri|nostre))?|cada\\s+(?:uno|una|um|uma)\\s+(?:de\\s+los|de\\s+las|de|dos|das)(?:\\s+(?:nuestros|nuestras|nossos|nossas))?|(?:chacun|chacune)\\s+(?:des|de\\s+nos)|(?:elk|elke|ieder|iedere)\\s+van(?:\\s+(?:de|onze|deze))?|jede[nrs]?\\s+(?:der|unserer)|(?:kazdej|kazdego)\\s+z(?:\\s+naszych)?)\\s+';

// "with the installation", "con su instalación" (folded text)
const WITH_A_SERVICE = `(?:with|mit|con|avec|com|met|wraz\\s+z)\\s+(?:[a-z']{1,5}\\s+)?(?:${SERVICE_WORDS})(?![a-z])`;

// a marker is a word of its own: "na" of "tripsina edta" is no Polish "per"
const MARKER = new RegExp(
	`(?<![a-z])(?:${[
		// "for each of (the|our) N nouns", "each of the N nouns" and the same in the other languages
		`${EACH_OF}${NUMBER}(?:\\s+[a-z-]+){1,3}`,
		// (not "…, each with the installation": a service joined to the item, counted per item by
		// read/context.ts countServiceFor)
		`(?:for\\s+each|for\\s+every|each|every|apiece|jeweils|pour\\s+chaque|sur\\s+chaque|chaque|per\\s+ogni|ogni|ciascun[oa]?|elke|iedere|cada|für\\s+jede[nrs]?|fur\\s+jede[nrs]?|jede[nrsm]?|kazd(?:ego|ej|emu|ym|y|a|e)(?![a-z]))(?!\\s+${WITH_A_SERVICE})(?:\\s+(?:one|[a-z-]+))?`,
		`(?:per|pro|je|por|par|na)\\s+[a-z-]{3,}`,
		// "je 2 Netzteile": German "je" before a count
		`je\\s+\\d{1,3}(?=\\s)`,
	].join('|')})`,
	'g',
);
const FOR_N = new RegExp(
	`(?:for|fur|für|para|pour|per|voor|dla)\\s+(?:the\\s+|our\\s+|die\\s+|unsere\\s+|los\\s+|las\\s+|les\\s+|nos\\s+|i\\s+|le\\s+)?${NUMBER}\\s+((?:[a-z-]+\\s+){0,2}[a-z-]+)`,
	'g',
);
const NOT_GROUP_AFTER_PER = new RegExp(
	`^(?:${[...UNIT_WORDS].join('|')}|favor|exemple|ejemplo|esempio|mail|e-mail|email|post|hand|telefon|phone|stuck|unidad|unite|unit|einheit|meter|metre|metro|pezzo|piece)$`,
);

// Nouns of places and machines that a count is made for ("For 4 lines …", "Für 3 Standorte …").
const GROUP_NOUNS =
	/^(?:lines?|linien?|lineas?|lignes?|linee|linhas?|lijnen|linie|linii|sites?|standorte?n?|sitios?|sedi|locaties|tanks?|tanques?|reservoirs?|serbatoi|zbiornik\w*|stations?|stationen|estaciones|stazioni|machines?|maschinen|maquinas|macchine|maszyn\w*|cabinets?|schranke?n?|armarios?|armoires?|quadri|kasten|szaf\w*|floors?|etagen?|plantas|pisos|etages|piani|verdiepingen|pietr\w*|rooms?|raume|salas|salles|stanze|pumps?|pumpen|bombas|pompes|pompe|skids?|buildings?|gebaude|edificios?|batiments|edifici|points?|punkte|puntos|punti|pontos|pads?|masten|masts?|zones?|zonen|zonas|halls?|hallen|naves|cells?|zellen|celdas|celle|stanowisk\w*|obiekt\w*)$/;

// "per una nuova linea", "por el cliente": a preposition before an article is not a per-marker
const ARTICLE =
	/^(?:a|an|the|un|una|uno|une|la|il|le|lo|les|los|las|el|i|gli|des|die|der|das|den|dem|ein|eine|einen|o|os|as|um|uma|favore|esempio|exemplo)$/;

/** Lower case without diacritics, one character for one character, so offsets stay those of the text. */
export function foldSameLength(text: string): string {
	let out = '';
	for (const ch of text) {
		const folded = ch
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase();
		const one =
			folded.length === ch.length
				? folded
				: ch.toLowerCase().length === ch.length
					? ch.toLowerCase()
					: ch;
		out += one;
	}
	return out;
}

function toNumber(s: string, after: string): number {
	const next = /^\s*([^\s]+)/.exec(after)?.[1];
	return /^\d+$/.test(s) ? Number(s) : (numberWordValue(s, next) ?? NaN);
}

interface Group {
	n: number;
	noun: string;
	start: number;
	end: number;
	/** The noun names a product type ("5 Schaltschränke"): a group only where a marker names it again ("Je Schrank"). */
	product: boolean;
}

function namesProductType(text: string): boolean {
	return textTerms(text).some((t) => HEAD_CONCEPTS.has(t));
}

/** A word that may be a noun: no verb of asking, function word or joiner ("4 kilns and need", "3 laboratorios necesitamos"). */
function canBeNoun(word: string): boolean {
	return !ASKING_WORDS.has(word) && !STOPWORDS.has(stem(word)) && !ONE_WORD_JOINERS.includes(word);
}

// "per domani", "per morgen", "for tomorrow": a time word (read/functionWords.ts) is no place or machine
const TIME_WORDS: ReadonlySet<string> = new Set(
	Object.values(FUNCTION_WORDS).flatMap((kinds) => foldSameLength(kinds.time).split(/\s+/)),
);

function isGroupNoun(word: string): boolean {
	const w = word.replace(/-/g, '');
	if (TIME_WORDS.has(w)) return false;
	// "4 bottles each of …": a count of pieces or packs (read/vocabulary.ts) is no group
	if (w.length < 3 || UNIT_WORDS.has(w) || COUNTED.has(w) || !/^[a-z]+$/.test(w)) return false;
	return !namesProductType(word.replace(/-/g, ' '));
}

/**
 * "- trois CPU S7-1500 …" above "- une carte mémoire pour chaque CPU": a product group that is itself an item of
 * the list is asked for, and keeps its count (ADR 0058); "Wir bauen 5 Schaltschränke. Je Schrank: …" is no item.
 */
function listedProduct(folded: string, group: Group): boolean {
	if (!group.product) return false;
	const lineStart = folded.lastIndexOf('\n', group.start - 1) + 1;
	return /^\s*(?:[-*•·–]|\d{1,2}[.)])\s+\S*\s*$/.test(folded.slice(lineStart, group.start));
}

// "for each CPU", "pour chaque CPU", "für jede CPU", "para cada CPU", "per ogni CPU", "voor elke CPU", "dla
// każdego CPU": a per-marker before a noun, not a count ("for each of the 3 …" is read by EACH_OF)
const FOR_EACH_NOUN =
	/(?<![a-z])(?:for\s+(?:each|every)|pour\s+chaque|fur\s+jede[nrsm]?|para\s+cada|por\s+cada|per\s+(?:ogni|ciascun[oa]?)|voor\s+(?:elke|iedere?)|dla\s+kazd[a-z]*|na\s+kazd[a-z]*)\s+(?!of\s|\d)([a-z][a-z0-9-]+)/;

/**
 * The "for each CPU" of a part that no multiplier reached: the noun whose count the reader did not find
 * (ADR 0058), or null. Its count is a person's to say, never 1.
 */
export function forEachWithoutCount(text: string): string | null {
	const m = FOR_EACH_NOUN.exec(foldSameLength(text));
	return m ? text.slice(m.index, m.index + m[0].length).trim() : null;
}

/** "4 pumping stations", "3 Etagen", "two production halls": a count of places or machines. */
/**
 * "60 morsetti da 5 fili … per domani", "motors are 11 kW each": a number the attribute reader claims
 * (`claimed`: "5 fili", "3 vías", "11 kW") tells one item from another; it counts no groups, unless its noun
 * names places or machines ("for 4 points" of measure).
 */
function groupsIn(folded: string, claimed: ReadonlyArray<[number, number]>): Group[] {
	const out: Group[] = [];
	// a word cut from a code is no noun ("2 pannelli KTP700": the words are "pannelli", not "ktp")
	const re = new RegExp(`(?<![a-z0-9.,/-])${NUMBER}((?:\\s+[a-z-]+(?![a-z0-9])){1,3})`, 'g');
	let m: RegExpExecArray | null;
	while ((m = re.exec(folded)) !== null) {
		const n = toNumber(m[1], m[2]);
		if (!(n >= 2 && n <= 500)) continue;
		const words = m[2].trim().split(/\s+/);
		const at = m.index;
		if (!GROUP_NOUNS.test(words[0]) && claimed.some(([s, e]) => at >= s && at < e)) continue;
		// "8 x Normzylinder … Hub 160 doppeltwirkend", "- 1 x compact cylinder, 50 bore, 30 stroke": on a line
		// that opens with its item's count, a later number is the item's rating, no count of groups
		const lineStart = folded.lastIndexOf('\n', at - 1) + 1;
		if (
			!GROUP_NOUNS.test(words[0]) &&
			/^[^\S\n]*(?:[-*•·][^\S\n]*)?\d{1,4}[^\S\n]*x[^\S\n]+\S/.test(folded.slice(lineStart, at))
		)
			continue;
		let end = m.index + m[1].length;
		let noun: string | null = null;
		let product = false;
		for (const w of words) {
			end = folded.indexOf(w, end) + w.length;
			if (SKIP.has(w)) continue;
			if (!isGroupNoun(w)) {
				const plain = w.replace(/-/g, '');
				if (
					noun === null &&
					plain.length >= 3 &&
					/^[a-z]+$/.test(plain) &&
					!UNIT_WORDS.has(plain)
				) {
					noun = w;
					product = true;
				}
				break;
			}
			noun = w;
			// up to two modifiers before the noun: "pumping stations", "production halls", "retail units"
			const next = words[words.indexOf(w) + 1];
			// "para 5 obras necesitamos …", "per 3 linee servono …": a verb of asking after the noun is no noun
			if (
				!next ||
				SKIP.has(next) ||
				!isGroupNoun(next) ||
				!canBeNoun(next) ||
				words.indexOf(w) >= 1
			)
				break;
		}
		// "6 control cabinets … Per cabinet:": a product word right after the modifier is the noun, a group
		// only where a marker names it again
		const following = words[words.indexOf(noun ?? '') + 1];
		if (
			noun &&
			!product &&
			following &&
			/^[a-z]{3,}$/.test(following) &&
			!UNIT_WORDS.has(following) &&
			namesProductType(following)
		) {
			end = folded.indexOf(following, end) + following.length;
			noun = following;
			product = true;
		}
		// "6 Yokogawa digitalYEWFLO vortex meters", "2 Hager MCB": a count of products, not of places
		const after = folded
			.slice(end)
			.split(/[.,;:!?()\n]/)[0]
			.trim()
			.split(/\s+/)
			.slice(0, 3)
			.join(' ');
		// ("para 5 obras necesitamos 2 …": a verb of asking after the noun ends the group, what follows is asked)
		const asked = after !== '' && !canBeNoun(after.split(' ')[0]);
		if (noun && !product && !asked && (namesProductType(after) || /[a-z]\d|\d[a-z]/.test(after)))
			continue;
		if (noun) out.push({ n, noun, start: m.index, end, product });
		re.lastIndex = m.index + m[1].length;
	}
	// the count after its noun: "the machines are 3", "le macchine sono 3", "las bombas son 6"
	COUNT_AFTER.lastIndex = 0;
	while ((m = COUNT_AFTER.exec(folded)) !== null) {
		// "pipettes that are due for calibration": an ambiguous number word ("due", "once") is a count only
		// where the word after it allows (core/numberWords.ts), and a function word ("that", "which") is no
		// noun of places or machines ("le macchine sono due." ends its sentence: a count)
		const next = /^[^\S\n]*([a-z]+)/.exec(folded.slice(m.index + m[0].length))?.[1] ?? 'x';
		const n = toNumber(m[2], next);
		if (!(n >= 2 && n <= 500) || !isGroupNoun(m[1]) || !canBeNoun(m[1])) continue;
		// "the motors are 11 kW each": a rating, not a count of motors
		const at = m.index + m[0].length - m[2].length;
		if (claimed.some(([s, e]) => at >= s && at < e)) continue;
		out.push({ n, noun: m[1], start: m.index, end: m.index + m[0].length, product: false });
	}
	return out.sort((a, b) => a.start - b.start);
}

const COUNT_AFTER = new RegExp(
	`(?<![a-z])([a-z-]{3,})\\s+(?:are|were|sono|son|sont|sind|zijn|sao|jest|sa)\\s+${NUMBER}(?![0-9a-z]|[.,]\\d)`,
	'g',
);

const sameNoun = (a: string, b: string) => {
	const x = a.replace(/-/g, '');
	const y = b.replace(/-/g, '');
	const k = Math.min(4, x.length, y.length);
	return k >= 3 && (x.slice(0, k) === y.slice(0, k) || x.includes(y) || y.includes(x));
};

// a full stop between digits ("5.5 kW") ends no sentence, nor that of a word for pieces after a count
// ("Pro Maschine brauchen wir 2 Stk. SY5120 … und 1 Stk. SY5220": both are the marker's)
const ABBREVIATED = new RegExp(`\\d\\s*(?:${PIECE_ABBREVIATIONS.join('|')})$`);
const endsSentence = (text: string, i: number) =>
	/[!?;\n]/.test(text[i]) ||
	(text[i] === '.' &&
		!(/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) &&
		!ABBREVIATED.test(text.slice(Math.max(0, i - 12), i)));

function sentenceAround(text: string, at: number): { start: number; end: number } {
	let start = at;
	while (start > 0 && !endsSentence(text, start - 1)) start--;
	let end = at;
	while (end < text.length && !endsSentence(text, end)) end++;
	return { start, end };
}

function paragraphEnd(text: string, from: number): number {
	const blank = text.slice(from).search(/\n\s*\n/);
	return blank < 0 ? text.length : from + blank;
}

/**
 * Where the list a marker opens starts: "Every flat gets the same kit:" and "Per panel the BOM is:" may stand
 * a blank line above their list; after a line ending with a colon, the blank lines are skipped.
 */
function listStart(text: string, from: number): number {
	const line = /^[^\n]*:[^\S\n]*\n(?:[^\S\n]*\n)+/.exec(text.slice(from));
	return line ? from + line[0].length : from;
}

/**
 * Where another heading of the same paragraph ends a marker's list: "Per bench: one pipette …, plus a
 * vortex. For the lab as a whole: one balance …" — a sentence after a full stop that ends with a colon
 * and holds no number opens a list of its own.
 */
function nextHeading(text: string, from: number, end: number): number {
	const m = /[.!?]\s+[^.!?:\n\d]{3,60}:\s+(?=\S)/u.exec(text.slice(from, end));
	return m ? from + m.index + 1 : end;
}

/**
 * The multipliers of a request and the text with group phrases and markers blanked (same length). See
 * the module comment.
 */
export function readMultipliers(text: string): {
	text: string;
	multipliers: Multiplier[];
	totals: Array<[number, number]>;
} {
	const folded = foldSameLength(text);
	const claimed = scanAttributes(folded).attributeSpans;
	const groups = groupsIn(folded, claimed);
	const multipliers: Multiplier[] = [];
	const blanks: Array<[number, number]> = [];
	// the group phrases a multiplier counts ("3 cabinets", "4 Linien"), for the totals that are theirs
	const groupSpans: Array<[number, number]> = [];
	const german =
		/(?<![a-z])(?:und|wir|bitte|brauchen|benotigen|fur|pro|insgesamt|gesamt|stuck)(?![a-z])/.test(
			folded,
		);
	// the noun may stand before its adjectives ("4 szaf sterowniczych … na szafę", "3 lignes neuves")
	const namesGroup = (g: Group, word: string) =>
		sameNoun(g.noun, word) ||
		folded
			.slice(g.start, g.end)
			.split(/\s+/)
			.slice(1)
			.some((w) => sameNoun(w, word));
	MARKER.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = MARKER.exec(folded)) !== null) {
		const phrase = m[0];
		const start = m.index;
		const end = start + phrase.length;
		const words = phrase.split(/\s+/);
		const head = words[0];
		// "motors are 11 kW each", "16 A jeweils": a rating of each item, not a count per group ("2,2 kW por
		// bomba" is one per pump)
		if (
			/^(?:each|apiece|jeweils|chacun|chacune|ciascuno|ciascuna|cada|elke|iedere)$/.test(phrase) &&
			claimed.some(([, e]) => e <= start && /^\s*$/.test(folded.slice(e, start)))
		)
			continue;
		if (/^(?:per|pro|je|por|par|na)$/.test(head)) {
			// Polish "na" is a per-marker only before a noun counted in the request ("dla 12 pomieszczeń, po 4
			// sztuki na pomieszczenie"): elsewhere it is "on", "for" ("oferta na …")
			if (head === 'na' && !groups.some((g) => namesGroup(g, words[1] ?? ''))) continue;
			// "per cabinet … 3 cabinets in total": a product noun is a group where a count of it is given
			const counted = groups.some(
				(g) => g.product && namesGroup(g, words[1] ?? '') && Math.abs(g.start - start) < 160,
			);
			// "4 units in total. Each unit gets: … 6 hours of labour per unit": a noun the request made a group
			// of with "each" is that group after "per" too, a unit word or not
			const noun = words[1] ?? '';
			const established =
				/^[a-z]{3,}$/.test(noun) &&
				groups.some((g) => namesGroup(g, noun)) &&
				new RegExp(
					`(?<![a-z])(?:each|every|jede[nrsm]?|cada|chaque|ogni|elke|iedere|kazd[a-z]*)\\s+${noun}(?![a-z])`,
				).test(folded);
			if (
				!established &&
				(NOT_GROUP_AFTER_PER.test(words[1] ?? '') ||
					// "500 tubes par carton", "125 strips per pack": the content of a pack, not a group (ADR 0051)
					COUNTED.has(words[1] ?? '') ||
					// "per tre agitatori" is Italian "for three stirrers", not a per-marker
					numberWordValue(words[1] ?? '', 'x') !== undefined ||
					(ARTICLE.test(words[1] ?? '') && head !== 'je') ||
					(!isGroupNoun(words[1] ?? '') &&
						!counted &&
						!(head === 'je' && /^\d+$/.test(words[1] ?? ''))))
			)
				continue;
			if (head === 'je' && !german) continue;
			// "für 4 Linien … je einen ACS580": one each, of the group named before in the sentence
			if (head === 'je' && (ARTICLE.test(words[1] ?? '') || /^\d+$/.test(words[1] ?? ''))) {
				const sentence = sentenceAround(folded, start);
				// a product noun is the group when a purpose word introduces it ("für 3 Schaltschränke")
				const group = groups
					.filter(
						(g) =>
							g.start >= sentence.start &&
							g.end <= start &&
							(!g.product || PURPOSE_BEFORE.test(folded.slice(sentence.start, g.start))),
					)
					.pop();
				if (group) {
					multipliers.push({
						factor: group.n,
						start: sentence.start,
						end: sentence.end,
						onlyImplicit: false,
						perGroupCount: null,
						text: `${text.slice(group.start, group.end)} / ${text.slice(start, start + 2)}`,
					});
					blanks.push([start, start + 2], [group.start, group.end]);
					groupSpans.push([group.start, group.end]);
				}
				continue;
			}
			if (
				head === 'par' &&
				/^(?:le|la|les|un|une|mail|exemple|rapport|semaine)$/.test(words[1] ?? '')
			)
				continue;
		}
		let group: Group | undefined;
		const ofN = new RegExp(`^${EACH_OF}${NUMBER}`).exec(phrase);
		if (ofN) {
			const n = toNumber(ofN[1], phrase.slice(ofN.index + ofN[0].length));
			if (n >= 2) group = { n, noun: words[words.length - 1], start, end, product: false };
		} else {
			const noun = words.length > 1 ? words[words.length - 1] : '';
			const before = groups.filter((g) => g.end <= start && start - g.end < 400);
			// "In jedem Labor …", "Do każdego laboratorium …": German "jede" and Polish "każdy" without a
			// preposition of their own count only the groups they name again (the noun of a count before them)
			const namedOnly = /^(?:jede[nrsm]?|kazd[a-z]*)$/.test(head);
			const named = before.filter((g) => noun && sameNoun(g.noun, noun)).pop();
			const namedAgain = before.filter((g) => noun && namesGroup(g, noun)).pop();
			// "… per cabinet, 3 cabinets in total", "por bomba; son 6 bombas", "insgesamt 4 Linien"
			const namedAfter = groups.find(
				(g) =>
					noun !== '' &&
					sameNoun(g.noun, noun) &&
					g.start >= end &&
					g.start < paragraphEnd(folded, end) &&
					g.start - end < 160,
			);
			group = namedOnly
				? namedAgain
				: (named ??
					// the groups the marker names, written after it ("one set per machine …, so 6 machines'
					// worth"), before any other count of the paragraph ("50 bore, 30 stroke" counts no machines)
					namedAfter ??
					before.filter((g) => !g.product).pop() ??
					groups.find(
						(g) =>
							!g.product &&
							g.start >= end &&
							g.start - end < 40 &&
							sentenceAround(folded, start).end >= g.start,
					));
		}
		if (!group) continue;
		const sentence = sentenceAround(folded, start);
		const rest = folded.slice(end, sentence.end);
		// the count written next to the marker: "2 de chaque par armoire", "3 chargers per site"
		const nearBefore = /(?<![a-z0-9.,/-])(\d{1,4})\s+\S*\s*$/.exec(
			folded.slice(sentence.start, start),
		);
		const near = nearBefore ?? /^[^a-z0-9]*(\d{1,4})(?![0-9a-z])/.exec(rest);
		const perGroupCount = near ? Number(near[1]) : null;
		// "12 pipettes across our 3 labs … and the balance in each lab": a count written before the groups, the
		// groups before the marker, in the marker's sentence, is a count over all the groups, not one for
		// each; the marker reaches what follows the groups
		const countedOver =
			!ofN &&
			group.start >= sentence.start &&
			group.end <= start &&
			/(?<![a-z0-9.,/-])\d{1,4}\s+[a-z]/.test(folded.slice(sentence.start, group.start));
		let scopeStart = countedOver ? group.end : sentence.start;
		let scopeEnd = sentence.end;
		// "Each needs: …", "Je Schrank: …", or a marker sentence that names nothing itself
		const before = folded.slice(sentence.start, start);
		const opensList =
			/^\s*:/.test(rest) ||
			/:\s*$/.test(rest) ||
			(rest.trim() === '' && !namesProductType(before) && !/[a-z]\d|\d[a-z]/.test(before));
		if (opensList) {
			// "For 6 substations, 4 each: …", "Para 4 obras, 2 cada una: …": the count before the marker is the
			// first item's, its requirement starts there; a marker that opens its sentence ("Voor elk van onze 4
			// practicumzalen: 2 dozen …") reaches the requirement read from that sentence
			const namesNothing = !namesProductType(before) && !/[a-z]\d|\d[a-z]/.test(before);
			scopeStart = nearBefore
				? sentence.start + nearBefore.index
				: namesNothing
					? sentence.start
					: end;
			scopeEnd = nextHeading(folded, end, paragraphEnd(folded, listStart(folded, end)));
		}
		multipliers.push({
			factor: group.n,
			start: scopeStart,
			end: scopeEnd,
			onlyImplicit: false,
			perGroupCount,
			text: (ofN
				? text.slice(start, end)
				: `${text.slice(group.start, group.end)} / ${text.slice(start, end)}`
			).trim(),
		});
		blanks.push([start, end]);
		if (!ofN && !listedProduct(folded, group)) blanks.push([group.start, group.end]);
		groupSpans.push([group.start, group.end]);
	}
	FOR_N.lastIndex = 0;
	while ((m = FOR_N.exec(folded)) !== null) {
		const n = toNumber(m[1], m[2]);
		// "para los 3 laboratorios necesitamos 9 …", "pour nos 2 salles blanches il faut 6 …": the group
		// ends where a word that is no noun begins (a verb of asking, a function word, a joiner)
		const written = m[2].trim().split(/\s+/);
		const stop = written.findIndex((w, i) => i > 0 && !SKIP.has(w) && !canBeNoun(w));
		const nouns = stop < 0 ? written : written.slice(0, stop);
		const noun = nouns[nouns.length - 1];
		if (!(n >= 2) || !isGroupNoun(noun) || nouns.some((w) => !isGroupNoun(w) && !SKIP.has(w)))
			continue;
		const phraseEnd =
			stop < 0
				? m.index + m[0].length
				: m.index +
					m[0].length -
					m[2].length +
					m[2].search(new RegExp(`(?:\\s+\\S+){${written.length - stop}}$`));
		if (blanks.some(([s, e]) => m!.index < e && phraseEnd > s)) continue;
		const sentence = sentenceAround(folded, m.index);
		// "transmitters for 6 tanks": a product must come before; "Angebot für 4 Durchflussmesser" is the count
		const before = folded.slice(sentence.start, m.index);
		const after = folded.slice(phraseEnd, sentence.end);
		const namesBefore = namesProductType(before) || /[a-z]\d|\d[a-z]/.test(before);
		// "For 4 lines we need …": a known group noun opening the sentence, a product after it
		const opens =
			!namesBefore &&
			before.trim().split(/\s+/).filter(Boolean).length <= 2 &&
			(nouns.some((w) => GROUP_NOUNS.test(w)) ||
				after
					.trim()
					.split(/\s+/)
					.slice(0, 2)
					.some((w) => ASKING_WORDS.has(w))) &&
			(namesProductType(after) || /[a-z]\d|\d[a-z]/.test(after));
		if (!namesBefore && !opens) continue;
		multipliers.push({
			factor: n,
			// what comes before the phrase is for the groups ("transmitters for 6 tanks"), not what is
			// added after it ("…, plus one RCD"); an opening phrase reaches the rest of its sentence
			start: opens ? phraseEnd : sentence.start,
			end: opens ? sentence.end : phraseEnd,
			onlyImplicit: true,
			perGroupCount: null,
			text: text.slice(m.index, phraseEnd),
		});
		blanks.push([m.index, phraseEnd]);
		groupSpans.push([m.index, phraseEnd]);
	}
	let out = text;
	for (const [s, e] of blanks) out = out.slice(0, s) + ' '.repeat(e - s) + out.slice(e);
	return { text: out, multipliers, totals: statedTotals(folded, groupSpans) };
}

// "in total", "insgesamt", "au total", "en total", "in totaal", "in totale", "no total", "łącznie", "w sumie"
const TOTAL =
	/(?<![\p{L}])(?:in\s+total|in\s+all|altogether|a\s+total\s+of|in\s+totaal|totaal|insgesamt|gesamt|au\s+total|en\s+total|in\s+totale|no\s+total|em\s+total|[lł]acznie|w\s+sumie|razem)(?![\p{L}])/gu;

/**
 * Where the request says a count is a total ("12 transmitters in total (4 per site)", "au total 8
 * variateurs (2 par station)", "in totaal 4 …, dus één per pomp"): the spans of those words, except those
 * that total the groups ("3 cabinets in total", "insgesamt 4 Linien"). A requirement holding one states its
 * count already multiplied (ADR 0050).
 */
function statedTotals(
	folded: string,
	groupSpans: ReadonlyArray<[number, number]>,
): Array<[number, number]> {
	const out: Array<[number, number]> = [];
	for (const m of folded.matchAll(TOTAL)) {
		const start = m.index ?? 0;
		const end = start + m[0].length;
		// next to a group phrase, nothing but spaces between ("3 cabinets in total", "insgesamt 4 Linien")
		const ofGroups = groupSpans.some(
			([s, e]) =>
				(start >= e && /^\s{0,3}$/.test(folded.slice(e, start))) ||
				(s >= end && /^\s{0,3}$/.test(folded.slice(end, s))),
		);
		if (!ofGroups) out.push([start, end]);
	}
	return out;
}
