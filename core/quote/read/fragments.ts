// Extractor: where one requirement ends. New lines, ";", bullets and sentences always split; commas and the
// joiners of read/vocabulary.ts split weakly (parseRequest decides whether the parts are one item);
// "with <service>" and "with <accessory code>" open a requirement counted per item before it.
import { NUMBER_WORD_LIST, numberWordsToDigits } from '../../numberWords';
import { foldSameLength } from '../multipliers';
import { findExplicitQty, TRAILING_COUNT } from './quantity';
import { STRONG } from './text';
import {
	CONTAINER_WORDS,
	COUNT_WORDS,
	SERVICE_ASKED,
	SERVICE_WORDS,
	MULTI_WORD_JOINERS,
	ONE_WORD_JOINERS,
	ONE_WORDS,
	PIECE_ABBREVIATIONS,
	PURPOSE_WORDS,
} from './vocabulary';

export interface Fragment {
	start: number;
	end: number;
	/** The separator before it contained a line break (or it is the first fragment). */
	newLine: boolean;
	/** The separator before it was a comma / "and" / "+" (weak) rather than a line, ";" or sentence end. */
	weak: boolean;
	/** An item of a list introduced by a colon ("… automatizar el proceso: autómata, SCADA y variadores"). */
	listItem?: boolean;
	/** The sentence before such a list's colon ("Beckhoff EtherCAT I/O for the new skid: …"). */
	heading?: boolean;
	/** A service joined to the item before by "with" ("2 wallboxes with installation"). */
	service?: boolean;
}

// "2 wallboxes with installation", "S7-1500 mit Inbetriebnahme": a service sold on its own, for the item;
// "2 centrifuges with the A-4-62 rotor": an accessory named by its code, one for each item (a rating or a
// size such as "M12", "IP65", "DN80" is no accessory); also after a comma, after a word for each and with a
// possessive ("…, each with the installation package", "…, cada una con su instalación", "…, jeweils mit
// Installation")
const EACH_BEFORE_WITH =
	'each|jeweils|je|cada una?|cada|ciascun[ao]?|chacune?|elk|elke|ka[żz]d[aey]|ognun[ao]';
const POSSESSIVES =
	'its |their |ihrer |seiner |su |sus |sa |son |ses |la sua |il suo |sua |seu |zijn |hun |jej |jego ';
export const WITH_SERVICE = new RegExp(
	`(?:\\s*,)?\\s+(?:(?:${EACH_BEFORE_WITH})\\s+)?(?:with|mit|con|avec|com|plus|incl\\.?|including|inkl\\.?|inklusive|inclusief|met|wraz z|z)\\s+(?:the |die |der |dem |den |la |le |el |l'|a |an |o |il |un |une |una |einem |einer |${POSSESSIVES})?(?=(?:${SERVICE_WORDS})(?![a-z])|(?!(?:ip|dn|pn|m|cat|ac|dc|pt|cpu)-?\\d)[a-z]{1,4}-?\\d[a-z0-9]*-\\d[a-z0-9-]*(?![a-z0-9]))`,
	'gi',
);
export { SERVICES } from './vocabulary';

// joiners of read/vocabulary.ts that split only before a count or a model code ("… en 4 vortexmengers",
// "i trzech …", "più 2 flaconi", "MBN110 (10x) en MBN116 (15x)"): elsewhere they are words of a name or
// of another language ("en" is Spanish "in"); number words are matched as written ("één", "pięciu"), and
// may follow a "per" word ("… i po jednym module UPS")
export const COUNTED_JOINERS = ONE_WORD_JOINERS.filter(
	(w) => !['and', 'und', 'y', 'et', 'e', 'plus', 'oraz'].includes(w),
)
	.map((w) => (w === 'piu' ? 'pi[uù]' : w === 'mas' ? 'm[aá]s' : w))
	.join('|');
// a word for one after such a joiner is a count too ("i jednym switchu", "en een …"); not the English
// articles, which are no Polish or Dutch words
const COUNTED_ONE = [...ONE_WORDS].filter((w) => !['a', 'an', 'one', 'n'].includes(w));
// a folded word as written, with or without its diacritics ("a takze" is also "a także")
const ACCENTED: Readonly<Record<string, string>> = {
	a: '[aàáâãą]',
	c: '[cçć]',
	e: '[eèéêę]',
	i: '[iìíî]',
	l: '[lł]',
	n: '[nñń]',
	o: '[oòóôõ]',
	s: '[sś]',
	u: '[uùúû]',
	z: '[zźż]',
};
const asWritten = (word: string): string => word.replace(/[aceilnosuz]/g, (c) => ACCENTED[c]);
// the joiners of two words or more of read/vocabulary.ts ("ainsi que", "a także", "oltre a"); a final
// "que" may be elided before a vowel ("… ainsi qu'un automate")
const MULTI_JOINERS = MULTI_WORD_JOINERS.flatMap((j) => {
	const written = (w: string) => asWritten(w).replace(/\s+/g, '\\s+');
	return j.endsWith(' que')
		? [`${written(j)}\\s+`, `${written(j.slice(0, -1))}['’]`]
		: [`${written(j)}\\s+`];
}).join('|');
// "caixa com 50 placas", "box with 100 wipes": a pack and what it holds, not two items (ADR 0051)
const PACK_WORDS = [...CONTAINER_WORDS].map(asWritten).join('|');
// the number words are those of core/numberWords.ts ("con due moduli", "with two cards")
export const WEAK = new RegExp(
	`,\\s+|[，、]|\\s+(?:${MULTI_JOINERS})|\\s+(?:and|und|y|et(?!\\s+200)|e|oraz|(?:${COUNTED_JOINERS})(?=\\s+(?:(?:${[...PURPOSE_WORDS].join('|')})\\s+)?(?:\\d|(?:${[...NUMBER_WORD_LIST, ...COUNTED_ONE].map(asWritten).join('|')})\\s|[a-z]{1,6}-?\\d))|en(?=\\s+${asWritten('een')}\\s)|plus(?!\\s+\\d+\\s+\\d+(?![\\d]*[-a-z]))|(?<!(?<![a-z])(?:${PACK_WORDS})\\s+)(?:with|mit|con|avec|com)(?=\\s+(?:\\d+|${NUMBER_WORD_LIST.join('|')})\\s+(?!(?:mb|gb|kb|kw|kva|v|vdc|vac|a|ma|w|m|mm|cm|bar|ports?|points?|pt|channels?|ch|inch|zoll|hp|cv|ps|inputs?|outputs?|eing[aä]nge|eing[aä]ngen|ausg[aä]nge|ausg[aä]ngen|entr[eé]es|sorties|entradas|salidas|ingressi|uscite|ingangen|uitgangen|kanalen|kan[aä]le|canales|canali|voies|di|do|dq|ai|ao|aq)\\b)[a-z(\\d])|sowie|as well as|along with|inkl\\.?|incl\\.?|including|inklusive|inclusief|incluyendo|incluido|inclus|compreso|incluindo)\\s+|\\s+(?:[+&]|\\/(?!\\s*\\d+(?:[.,]\\d+)?\\s*(?:a|ma|v|vdc|vac|w|kw|hz|mm|bar)(?![a-z0-9])))\\s+`,
	'gi',
);

// "Danfoss FC 302, 15 kW – 2 Stück", "Costar pipettes, individually wrapped – 3 cases": a count with its word for
// pieces or packs at the end of a line, after a dash, closes one item too (the count words of every language)
const COUNT_WORD_AT_END = new RegExp(
	`\\s[-–—|]\\s*\\d{1,5}\\s*(?:${COUNT_WORDS.join('|')})\\.?\\s*$`,
);

const COUNT_CLOSES = /[-–—]\s*\d{1,5}\s*(\p{L}+)\.(\s+)(?=\p{Lu}\p{Ll})/gu;
const ABBREVIATIONS: ReadonlySet<string> = new Set(PIECE_ABBREVIATIONS);

export const LIST_COLON = /:\s+(?=\S)|\s\((?=[^)0-9]*[,/][^)0-9]*\))/;

export function fragments(text: string): Fragment[] {
	const strong: Array<{ start: number; end: number; newLine: boolean }> = [];
	STRONG.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = STRONG.exec(text)) !== null) {
		strong.push({ start: m.index, end: m.index + m[0].length, newLine: /\n/.test(m[0]) });
		if (m[0].length === 0) STRONG.lastIndex += 1;
	}
	// "TP700 – 3 szt. Do tego …": a count after a dash closes its item; the abbreviation's full stop ends the
	// sentence when a capitalised word follows (case-sensitive, so apart from STRONG)
	for (const c of text.matchAll(COUNT_CLOSES)) {
		if (!ABBREVIATIONS.has(c[1].toLowerCase())) continue;
		const at = (c.index ?? 0) + c[0].length - c[2].length;
		if (!strong.some((x) => x.start <= at && x.end > at))
			strong.push({ start: at, end: at + c[2].length, newLine: false });
	}
	strong.sort((a, b) => a.start - b.start);
	const out: Fragment[] = [];
	let cursor = 0;
	let newLine = true;
	const pushPiece = (start: number, end: number, firstNewLine: boolean) => {
		const piece = text.slice(start, end);
		let inner = 0;
		let weak = false;
		let nl = firstNewLine;
		// a sentence that introduces a list after a colon: its items are separate even without a product
		// word or a count of their own
		const colon = LIST_COLON.exec(piece);
		let listFrom = Infinity;
		if (colon && colon.index > 0) {
			const before = piece.slice(0, colon.index).trim().split(/\s+/).length;
			// "Emergency exit signs: 3 per floor, 5 floors": a count alone after the colon (its per-marker
			// blanked) is the count of the words before it, not the first item of a list
			const after = piece.slice(colon.index + colon[0].length);
			WEAK.lastIndex = 0;
			const sep = WEAK.exec(after);
			const countOnly = sep !== null && !/\p{L}{2,}/u.test(after.slice(0, sep.index));
			WEAK.lastIndex = 0;
			if (before >= 3 && sep !== null && !countOnly) {
				out.push({ start, end: start + colon.index, newLine: nl, weak: false, heading: true });
				inner = colon.index + colon[0].length;
				listFrom = inner;
				nl = false;
			}
		}
		WEAK.lastIndex = inner;
		let service = false;
		// "LED paneel 600x600, 36 W, 4000 K — 48 st.": a line whose count stands at its end after a dash is one
		// item; its commas set off the item's ratings, not items
		// (not "MBN116 B16 - 20 sztuk, MBN332 B32 - 4 sztuki", "SM 1221 x 3, SM 1231 – 1 szt.": each part has
		// a count of its own)
		// (the comma or semicolon that ends a line of a list ends no part: "– switch 16-portowy – dwa,")
		const parts = foldSameLength(piece)
			.replace(/[,;]\s*$/, '')
			.split(',');
		const last = parts[parts.length - 1];
		const countAtEnd =
			(TRAILING_COUNT.test(numberWordsToDigits(last)) || COUNT_WORD_AT_END.test(last)) &&
			!parts.slice(0, -1).some((p) => findExplicitQty(p) !== null);
		const asked = SERVICE_ASKED.exec(piece);
		const next = () => {
			// the earlier of the next weak separator and the next "with <service>"
			const at = WEAK.lastIndex;
			let weakHit = WEAK.exec(piece);
			while (countAtEnd && weakHit && /^,/.test(weakHit[0])) weakHit = WEAK.exec(piece);
			// one scan from the same place (a loop over every position would be quadratic on long text)
			WITH_SERVICE.lastIndex = at;
			let svc = WITH_SERVICE.exec(piece);
			if (svc && weakHit && svc.index > weakHit.index) svc = null;
			// "…, installed please": the participle asks for the service of the item before
			if (!svc && asked && asked.index >= at && (!weakHit || asked.index <= weakHit.index))
				svc = asked;
			if (svc) {
				WEAK.lastIndex = svc.index + svc[0].length;
				return { index: svc.index, length: svc[0].length, service: true };
			}
			return weakHit ? { index: weakHit.index, length: weakHit[0].length, service: false } : null;
		};
		let w: { index: number; length: number; service: boolean } | null;
		while ((w = next()) !== null) {
			out.push({
				start: start + inner,
				end: start + w.index,
				newLine: nl,
				weak,
				...(inner >= listFrom ? { listItem: true } : {}),
				...(service ? { service: true } : {}),
			});
			service = w.service;
			inner = w.index + w.length;
			weak = true;
			nl = false;
		}
		out.push({
			start: start + inner,
			end,
			newLine: nl,
			weak,
			...(inner >= listFrom ? { listItem: true } : {}),
			...(service ? { service: true } : {}),
		});
	};
	for (const s of strong) {
		pushPiece(cursor, s.start, newLine);
		cursor = s.end;
		newLine = s.newLine;
	}
	pushPiece(cursor, text.length, newLine);
	return out.filter((f) => text.slice(f.start, f.end).trim().length > 0);
}
