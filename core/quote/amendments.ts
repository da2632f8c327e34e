// A reply that amends an older request of its thread (message.ts decides which part is the newest and which
// the older request): "make it 8 of the 1.5 kW drives instead of 5, the rest stays the same", "bitte 10
// statt 6 Stück der MBN116", "can you also add 2 Fluke 117 meters", "Bitte zusätzlich 2 Vortex-Genie",
// "on ne prend pas le switch". The newest message alone is not the request, nor is the older one: the older
// request is read with the change applied (a count replaced, a line dropped) or with the addition after it.
// A change is applied only where it is certain (one count of the older request is the one replaced, one
// piece names the dropped product); otherwise the older request is read as written. Either way the phrase
// is returned so the quote goes to a person naming it: an amended thread never goes out on its own.

import { numberWordsToDigits } from '../numberWords';
import {
	REPLY_COUNT_TO,
	REPLY_DROPS,
	REPLY_DROPS_AFTER,
	REPLY_KEEP,
	REPLY_SAME_COUNT,
	ASKING_WORDS,
	ENQUIRY_WORDS,
} from './read/vocabulary';
import { FUNCTION_WORD_LIST } from './read/functionWords';

export interface Amendment {
	/** The request to read: the older request with the change, or with the newest message's addition. */
	text: string;
	/** The phrase of the newest message that amends, as written. */
	phrase: string;
	/** Whether the change could be applied to one place of the older request. */
	applied: boolean;
	/** The phrases of changes that name no one piece of the older request, as read (for the person). */
	unplaced: string[];
}

const INSTEAD =
	'instead of|rather than|in place of|statt|anstatt|anstelle von|au lieu de|au lieu des|au lieu du|a la place de|a la place des|a la place du|en lugar de|en lugar del|en vez de|en vez del|invece di|invece dei|invece del|al posto di|al posto dei|al posto del|em vez de|em vez dos|em vez do|em lugar de|em lugar dos|em lugar do|in plaats van|zamiast';
// "8 of the 1.5 kW drives instead of 5", "10 statt 6 Stück", "with 3 units instead of 2"
const CHANGE = new RegExp(
	`(?<![\\d.,])(\\d{1,5})(?![\\d.,])(?!\\s*(?:"|''|inch|zoll|kw|w|v|a|ma|mm|cm|m|meters?|metres?|ml|l|g|kg|mb|gb|bar|hz|%)(?![\\p{L}]))((?:(?!\\s(?:${INSTEAD})\\s)(?:[^.;!?\\n]|(?<=\\d)\\.(?=\\d))){0,60}?)\\s(?:${INSTEAD})\\s+(?:the\\s+|der\\s+|des\\s+|die\\s+|les\\s+|los\\s+|las\\s+|i\\s+|gli\\s+|le\\s+|os\\s+|as\\s+|de\\s+)?(\\d{1,5})(?!\\d|[.,]\\d)(?!\\s*(?:"|''|inch|zoll|pouces|pulgadas|kw|w|v|a|ma|mm|cm|m|ml|l|µl|ul|g|kg|mb|gb|bar|hz|%)(?![\\p{L}]))`,
	'iu',
);
// "also add", "zusätzlich", "en plus": the newest message adds to the older request
const ADD =
	/(?<![\p{L}])(?:also add|also need|also quote|add(?:ing)?|as well|in addition|additionally|further to|zusatzlich|dazu (?:bitte )?noch|(?:zet|doe) (?:er|daar) (?:ook )?|erbij|ausserdem|auch noch|noch dazu|dazu noch|en plus|ajouter|ajoutez|aussi|ademas|anadir|anadid|agregar|tambien|aggiungere|aggiungete|anche|inoltre|tambem|adicionar|acrescentar|ook nog|daarnaast|toevoegen|dodatkowo|rowniez|takze)(?![\p{L}])/iu;
// "on ne prend pas le switch", "we don't need the switch", "ohne den Switch": a product dropped
const DROP =
	/(?<![\p{L}])(?:(?:we )?(?:do not|don'?t|no longer) need (?:the )?|(?:please )?(?:drop|remove|delete|cancel) (?:the )?|without (?:the )?|ne (?:prend|prenons|prends|voulons|veut) (?:pas|plus) (?:le |la |les |l')?|sans (?:le |la |les |l')?|ohne (?:den |die |das )?|(?:ya )?no (?:necesitamos|queremos) (?:el |la |los |las )?|sin (?:el |la |los |las )?|senza (?:il |la |lo |i |le )?|non (?:ci )?serve (?:piu )?(?:il |la |lo )?|sem (?:o |a |os |as )?|zonder (?:de |het )?)(\p{L}[\p{L}\d-]{2,})/iu;
// a word after "without" that names nothing ("sans." ends a sentence, "without delay")
const NOT_A_PRODUCT = /^(?:delay|it|them|this|that|these|ca|cela|retard|frais|verzug|demora)$/i;

const UNIT_AFTER =
	"(?!\\s*(?:\"|''|inch|zoll|pouces|pulgadas|kw|w|v|a|ma|mm|cm|m|ml|l|µl|ul|g|kg|mb|gb|bar|hz|%)(?![\\p{L}]))";
// "en lugar de 4 switches SCALANCE XC208 necesitamos 6", "statt 2 nun 3 Stück MTP1000": the replaced count
// first; between the two counts words and codes, no other number
const CHANGE_AFTER = new RegExp(
	`(?:${INSTEAD})\\s+(?:the\\s+|der\\s+|des\\s+|die\\s+|les\\s+|los\\s+|las\\s+|i\\s+|gli\\s+|le\\s+|os\\s+|as\\s+|de\\s+)?(\\d{1,5})(?!\\d|[.,]\\d)${UNIT_AFTER}((?:\\s+[\\p{L}][\\p{L}\\d/-]*){0,8}?)\\s+(\\d{1,5})(?!\\d|[.,]\\d)${UNIT_AFTER}`,
	'iu',
);
// "del suero necesitamos 8 botellas, no 4", "bitte 10 Stück, nicht 6": the new count, then the old one after
// a "not"
const CHANGE_NOT = new RegExp(
	`(?<![\\d.,])(\\d{1,5})(?!\\d|[.,]\\d)${UNIT_AFTER}((?:\\s+[\\p{L}][\\p{L}\\d/-]*){0,3}),?\\s+(?:not|no|nicht|pas|non|nao|niet|nie)\\s+(\\d{1,5})(?!\\d|[.,]\\d|\\p{L})${UNIT_AFTER}`,
	'iu',
);

const ALL_KINDS: ReadonlySet<'change' | 'drop' | 'add'> = new Set(['change', 'drop', 'add']);

const fold = (s: string) =>
	s
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();

/** Words of three letters or more, and codes, of a phrase (folded). */
function wordsOf(s: string): string[] {
	return (fold(s).match(/[\p{L}\d][\p{L}\d.-]*[\p{L}\d]/gu) ?? []).filter(
		(w) => w.length >= 3 && /\p{L}/u.test(w),
	);
}

// a count in the older request: a number followed by "x", a count word or a word (not a unit of measure)
const countAt = (m: string) =>
	new RegExp(
		`(?<![\\d.,\\p{L}-])${m}(?!\\d|[.,]\\d)(?=\\s*(?:x(?![\\p{L}])|×|[\\p{L}]{2,}))(?!\\s*(?:kw|mm|cm|ml|mb|gb|bar|hz|inch|zoll|ports?|points?|channels?|kanal|polig)(?![\\p{L}]))`,
		'giu',
	);

// where the item a count leads ends on its line: a comma, a joiner, a semicolon
const ITEM_END = /,\s|;|\s(?:and|und|y|et|e|en|i|oraz|plus|sowie)\s/i;

/** Replaces the one count `from` of the older request that the change names; null when not certain. */
function replaceCount(older: string, from: string, to: string, about: string): string | null {
	const lines = older.split('\n');
	const hits: Array<{ line: number; index: number }> = [];
	lines.forEach((line, i) => {
		for (const m of line.matchAll(countAt(from))) hits.push({ line: i, index: m.index ?? 0 });
	});
	let chosen = hits;
	if (chosen.length > 1) {
		const named = new Set(wordsOf(about));
		chosen = hits.filter((h) => wordsOf(lines[h.line]).some((w) => named.has(w)));
		// "2 MTP1000 Unified Comfort und 2 SCALANCE XB005" on one line: the count whose own item is named
		if (chosen.length > 1) {
			const item = (h: { line: number; index: number }) =>
				lines[h.line].slice(h.index).split(ITEM_END)[0];
			const own = chosen.filter((h) => wordsOf(item(h)).some((w) => named.has(w)));
			if (own.length === 1) chosen = own;
		}
	}
	if (chosen.length !== 1) return null;
	const { line, index } = chosen[0];
	lines[line] = lines[line].slice(0, index) + to + lines[line].slice(index + from.length);
	return lines.join('\n');
}

interface CountChange {
	phrase: string;
	from: string;
	to: string;
	/** Words near the change that name the product it is about. */
	about: string;
}

/** The count changes of a message: "8 … instead of 5", "instead of 4 … 6", "8 bottles, not 4". */
function countChanges(plain: string): CountChange[] {
	const found: Array<CountChange & { at: number; end: number }> = [];
	const forms: ReadonlyArray<readonly [RegExp, boolean]> = [
		[CHANGE, true],
		[CHANGE_AFTER, false],
		[CHANGE_NOT, true],
	];
	for (const [re, newFirst] of forms) {
		for (const m of plain.matchAll(new RegExp(re.source, `${re.flags}g`))) {
			const at = m.index ?? 0;
			const end = at + m[0].length;
			if (found.some((f) => at < f.end && end > f.at)) continue;
			const [phrase, first, words, second] = m;
			const [to, from] = newFirst ? [first, second] : [second, first];
			if (to === from) continue;
			const about = `${words} ${plain.slice(end, end + 40)}`;
			found.push({ phrase: phrase.trim(), from, to, about, at, end });
		}
	}
	return found
		.sort((a, b) => a.at - b.at)
		.map(({ phrase, from, to, about }) => ({ phrase, from, to, about }));
}

// "gli inverter diventano 8 (non più 5)", "make it 8 (not 5)": the new count, the old one in brackets
const CHANGE_BRACKET = new RegExp(
	`(?<![\\d.,])(\\d{1,5})(?!\\d|[.,]\\d)${UNIT_AFTER}((?:\\s+[\\p{L}][\\p{L}\\d/-]*){0,3})\\s*\\(\\s*(?:not|no longer|non piu|non|nicht mehr|nicht|plus|pas|no mas|no|nao mais|nao|niet meer|niet|nie)\\s+(\\d{1,5})(?!\\d|[.,]\\d)\\s*\\)`,
	'iu',
);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const alternation = (words: readonly string[]) => words.map(escape).join('|');
const ARTICLES =
	"(?:the|those|these|all|der|die|das|den|le|la|les|l'|des|el|los|las|il|lo|i|gli|o|a|os|as|de|het|ta|te)";
const NAMED =
	'(\\p{L}[\\p{L}\\d/-]*(?:\\s+(?!(?:and|und|y|et|e|en|i|oraz|but|aber|pero|mais|ma|mas|maar|ale|so|that|which|weil|car|porque|perche|omdat|bo)\\b)[\\p{L}\\d][\\p{L}\\d/,.-]*){0,4})';
// "drop the battens altogether", "quitad los latiguillos de 10 m", "annulez la ligne Falcon"
const DROP_BEFORE = new RegExp(
	`(?<![\\p{L}])(?:${alternation(REPLY_DROPS)})\\s+(?:(?:also|auch|aussi|tambien|anche|tambem|ook|tez|pure|bitte|please|svp|por favor)\\s+)?(?:${ARTICLES}\\s+)?(?:(?:line|linie|ligne|linea|linha|regel|pozycje|pozycja)\\s+(?:${ARTICLES}\\s+)?)?${NAMED}`,
	'iu',
);
// "las pantallas fuera", "gli switch SCALANCE toglieteli pure", "die Schalter entfallen"
const DROP_AFTER = new RegExp(
	`(?:^|[\\s(])(?:${ARTICLES}\\s+)?${NAMED}\\s+(?:${alternation(REPLY_DROPS_AFTER)})(?![\\p{L}])`,
	'iu',
);
// "floods down to 6", "gli inverter diventano 8", "les câbles passent à 20"
const COUNT_TO = new RegExp(
	`(?:^|\\s)(?:${ARTICLES}\\s+)?${NAMED}\\s+(?:${alternation(REPLY_COUNT_TO)})\\s+(\\d{1,5})(?!\\d|[.,]\\d)${UNIT_AFTER}(?!\\s*(?:%|percent|prozent|pour cent|por ciento|per cento|procent))`,
	'iu',
);
const KEEP = new RegExp(`(?<![\\p{L}])(?:${alternation(REPLY_KEEP)})(?![\\p{L}])`, 'iu');
const SAME_COUNT = new RegExp(
	`(?<![\\p{L}])(?:${alternation(REPLY_SAME_COUNT)})(?![\\p{L}])`,
	'iu',
);
// "cables of 5 m instead of 10 m", "de 10 m en vez de 2 m": a measure of an item changed
const MEASURE_UNITS: ReadonlyArray<readonly [RegExp, string]> = [
	[/^(?:m|meters?|metres?|metros?|metri|metro|metr|metry|meter)$/, 'm'],
	[/^mm$/, 'mm'],
	[/^cm$/, 'cm'],
	[/^kw$/, 'kw'],
	[/^ml$/, 'ml'],
	[/^(?:l|litres?|liters?|litros?|litri)$/, 'l'],
	[/^a$/, 'a'],
	[/^v$/, 'v'],
	[/^w$/, 'w'],
];
const MEASURE =
	'(\\d{1,4}(?:[.,]\\d{1,2})?)\\s*(m|mm|cm|kw|ml|l|a|v|w|meters?|metres?|metros?|metri|metro|metr|metry|meter|litres?|liters?|litros?|litri)(?![\\p{L}])';
const MEASURE_CHANGE = new RegExp(
	`${MEASURE}\\s+(?:${INSTEAD})\\s+(?:de\\s+|of\\s+|van\\s+|von\\s+|da\\s+|di\\s+|z\\s+)?${MEASURE}`,
	'iu',
);
// "het worden toch de 7,5 kW-uitvoeringen", "make it the 5.5 kW ones": a new measure, no count, no old one
const MEASURE_TO = new RegExp(
	`(?<![\\p{L}])(?:${alternation(REPLY_COUNT_TO)})\\s+(?:\\p{L}+\\s+){0,2}${MEASURE}`,
	'iu',
);
// "Research plus statt Gilson", "zamiast Mettlera poproszę Sartorius Quintix 224-1S": a product replaced
const PRODUCT_INSTEAD = new RegExp(
	`^(.*?)\\s*(?<![\\p{L}])(?:${INSTEAD})\\s+(?:${ARTICLES}\\s+)?(.+)$`,
	'iu',
);

// a count of something in a clause of the reply ("25 of the battens", "6 LED exit signs"), not a measure
const OWN_COUNT = new RegExp(
	`(?<![\\d.,/-])\\d{1,5}(?![\\d.,]|\\s*(?:°|º)|\\s*(?:${MEASURE.slice(MEASURE.indexOf('(m|') + 1, MEASURE.indexOf(')(?!'))})(?![\\p{L}]))\\s*(?:x\\s*)?(?:of\\s+)?\\p{L}{2,}`,
	'iu',
);

const unitOf = (u: string) => MEASURE_UNITS.find(([re]) => re.test(u.toLowerCase()))?.[1] ?? u;

/** A clause of the newest message (folded, number words as digits) and where it starts in the message. */
interface Clause {
	text: string;
	at: number;
	/** The line of the message the clause is on. */
	line: number;
}

/** The clauses of a message: split at sentence ends, semicolons, commas and dashes, line by line. */
function clausesOf(plain: string): Clause[] {
	const out: Clause[] = [];
	let offset = 0;
	plain.split('\n').forEach((line, i) => {
		const re = /(?<=[!?;:])\s+|(?<=[\p{L}\d)]{2}[.])\s+|,\s+|\s+[–-]\s+/gu;
		let start = 0;
		for (const m of [...line.matchAll(re), null]) {
			const end = m ? (m.index ?? 0) : line.length;
			const text = line.slice(start, end).trim();
			if (text) out.push({ text, at: offset + start, line: i });
			if (m) start = end + m[0].length;
		}
		offset += line.length + 1;
	});
	return out;
}

/** Folded words of four letters or more and measures ("10 m", "11 kw") of a phrase, to name an item by. */
function namesOf(s: string): string[] {
	const f = fold(s);
	const words = (
		f.match(/[\p{L}][\p{L}\d-]{3,}|[\p{L}\d]*\d[\p{L}\d-]*[\p{L}][\p{L}\d-]*/gu) ?? []
	).filter(
		(w) =>
			!/^(?:with|from|that|this|those|these|dass|mit|pour|avec|para|como|della|delle|degli|voor|zijn|oder|plus|also|auch|aussi|ook)$/.test(
				w,
			),
	);
	const measures = [...f.matchAll(new RegExp(MEASURE, 'giu'))].map((m) => `${m[1]}${unitOf(m[2])}`);
	return [...words, ...measures];
}

/** Whether a named word is in a piece: the word or its first five letters ("Mettlera", "METTLER"). */
function named(word: string, piece: string[]): boolean {
	if (/\d/.test(word) || word.length < 6) return piece.includes(word);
	return piece.some((p) => p.length >= 5 && p.slice(0, 5) === word.slice(0, 5));
}

interface Piece {
	line: number;
	/** Index of the piece among the line's parts (pieces at even indexes, separators at odd ones). */
	index: number;
	parts: string[];
}

const PIECE_SEPARATOR = /(,\s+|\s+(?:and|et|und|y|e|en|i|oraz|plus|sowie|as well as)\s+|\s*;\s*)/i;

/** The one piece of the older request that the words name best; null when none or not one. */
function pieceNamed(lines: string[], words: string[]): Piece | null {
	let best: Piece[] = [];
	let bestScore = 0;
	lines.forEach((text, line) => {
		const parts = text.split(PIECE_SEPARATOR);
		parts.forEach((part, index) => {
			if (index % 2 === 1) return;
			const own = namesOf(part);
			// a measure ("10 m") tells pieces of one product apart: it weighs two
			const score = words
				.filter((w) => named(w, own))
				.reduce((n, w) => n + (/^\d[\d.,]*\p{L}+$/u.test(w) ? 2 : 1), 0);
			if (score === 0 || score < bestScore) return;
			if (score > bestScore) best = [];
			bestScore = score;
			best.push({ line, index, parts });
		});
	});
	return best.length === 1 ? best[0] : null;
}

/** Removes a piece from the older request's lines (the line, when it is the only piece on it). */
function removePiece(lines: string[], p: Piece): void {
	if (p.parts.filter((_, i) => i % 2 === 0).length === 1) {
		lines[p.line] = '';
		return;
	}
	const parts = [...p.parts];
	parts.splice(p.index === 0 ? 0 : p.index - 1, 2);
	lines[p.line] = parts.join('');
}

// the count of a piece: "5 x …", "10 Stück …", "… – 1 szt.", "… x2"
const PIECE_COUNT =
	/(?<![\d.,\p{L}/-])(\d{1,5})(?![\d.,]|\s*(?:kw|mm|cm|ml|mb|gb|bar|hz|m|a|v|w|l|g|kg|µl|ul|%|"|inch|zoll|ports?)(?![\p{L}]))/giu;

/** The piece with its count replaced; null when it holds not one count. */
function withCount(piece: string, to: string): string | null {
	const counts = [...piece.matchAll(PIECE_COUNT)].filter(
		(m) => !/[\p{L}-]$/u.test(piece.slice(0, m.index ?? 0)),
	);
	if (counts.length !== 1) return null;
	const at = counts[0].index ?? 0;
	return piece.slice(0, at) + to + piece.slice(at + counts[0][1].length);
}

function replacePiece(lines: string[], p: Piece, text: string): void {
	const parts = [...p.parts];
	parts[p.index] = text;
	lines[p.line] = parts.join('');
}

// a code written for the item ("(6XV1870-3QN10)") names the old measure once the measure changes
const CODE = /\(?\b(?=[\p{L}\d-]*\d)(?=[\p{L}\d-]*\p{L})[\p{L}\d]+-[\p{L}\d-]{3,}\)?/gu;

type Step = (clause: string, lines: string[]) => boolean | null;

/** "drop the battens", "las pantallas fuera": the piece named is removed. */
const dropStep: Step = (clause, lines) => {
	const m = DROP_BEFORE.exec(clause) ?? DROP_AFTER.exec(clause) ?? DROP.exec(clause);
	if (!m || NOT_A_PRODUCT.test(m[1].split(/\s+/)[0])) return null;
	const p = pieceNamed(lines, namesOf(m[1]));
	if (!p) return false;
	removePiece(lines, p);
	return true;
};

/** "floods down to 6", "gli inverter diventano 8": the count of the piece named is replaced. */
const countToStep: Step = (clause, lines) => {
	const m = COUNT_TO.exec(clause);
	if (!m) return null;
	const p = pieceNamed(lines, namesOf(m[1]));
	const text = p && withCount(p.parts[p.index], m[2]);
	if (!p || text === null) return false;
	replacePiece(lines, p, text);
	return true;
};

/** "cables of 5 m instead of 10 m": the measure of the one piece that has the old one is replaced. */
const measureStep: Step = (clause, lines) => {
	const m = MEASURE_CHANGE.exec(clause);
	if (!m || unitOf(m[2]) !== unitOf(m[4])) return null;
	const from = `${m[3]}${unitOf(m[4])}`;
	const about = namesOf(clause.slice(0, m.index)).filter((w) => !/\d/.test(w));
	const p = pieceNamed(lines, [from, ...about]);
	if (!p || !namesOf(p.parts[p.index]).includes(from)) return false;
	const old = new RegExp(
		`(?<![\\d.,])${m[3].replace('.', '\\.')}\\s*(?=${m[4].length > 2 ? '\\p{L}' : ''}[\\p{L}"])`,
		'iu',
	);
	const piece = p.parts[p.index].replace(CODE, '').replace(old, `${m[1]} `);
	replacePiece(lines, p, piece.replace(/\s{2,}/g, ' '));
	return true;
};

// words that are not the product a reply names: asking, enquiry and function words
const NOT_PRODUCT: ReadonlySet<string> = new Set([
	...ASKING_WORDS,
	...ENQUIRY_WORDS,
	...FUNCTION_WORD_LIST.map(fold),
]);

/** The product a side of "A instead of B" names: its words but those of asking and function, before a "(". */
function productNamed(side: string): string {
	const words = side.split('(')[0].trim().split(/\s+/);
	return words.filter((w) => w !== '' && !NOT_PRODUCT.has(w)).join(' ');
}

/** "it becomes the 7.5 kW versions": the one piece with a measure of that unit takes the new one. */
const measureToStep: Step = (clause, lines) => {
	const m = MEASURE_TO.exec(clause);
	if (!m || MEASURE_CHANGE.test(clause) || OWN_COUNT.test(clause)) return null;
	const unit = unitOf(m[2]);
	const withUnit = new RegExp(`${MEASURE.replace('(\\d', '(?<![\\d.,])(\\d')}`, 'giu');
	const holding = lines.flatMap((l, i) =>
		[...l.matchAll(withUnit)].filter((x) => unitOf(x[2]) === unit).map((x) => ({ i, x })),
	);
	if (holding.length !== 1) return false;
	const { i, x } = holding[0];
	const at = x.index ?? 0;
	const line = lines[i].slice(0, at) + m[1] + lines[i].slice(at + x[1].length);
	lines[i] = line.replace(CODE, '').replace(/\s{2,}/g, ' ');
	return true;
};

/** "Research plus statt Gilson": the piece named by one side is replaced by the other, its count kept. */
const productStep: Step = (clause, lines) => {
	const m = PRODUCT_INSTEAD.exec(clause);
	if (!m || MEASURE_CHANGE.test(clause) || /^\d/.test(m[2])) return null;
	const [before, after] = [m[1], m[2]];
	const rest = after.split(/\s+/);
	// "A statt B" (B is the older piece), or "zamiast B poproszę A"
	for (const [oldSide, newSide] of [
		[after, productNamed(before)],
		[rest[0], productNamed(rest.slice(1).join(' '))],
	] as const) {
		const p = pieceNamed(lines, namesOf(oldSide));
		if (!p || namesOf(newSide).length === 0) continue;
		const count = [...p.parts[p.index].matchAll(PIECE_COUNT)];
		if (count.length !== 1) return false;
		replacePiece(lines, p, `${count[0][1]} x ${newSide}`);
		return true;
	}
	return false;
};

const STEPS: readonly Step[] = [dropStep, countToStep, measureStep, measureToStep, productStep];

/**
 * The amendment the newest message makes to the older request, or null when it makes none (it is a
 * request of its own, or restates the whole request: "Korrektur: wir brauchen 8 Stück ATV320 …"). One
 * reader of every change of the reply, in any order and several at once (ADR 0062): count changes ("8 …
 * instead of 5", "8 (non più 5)"), drops ("drop the battens", "las pantallas fuera"), counts set ("floods
 * down to 6"), measures changed ("5 m instead of 10 m"), products replaced ("Sartorius instead of the
 * Mettler"), what stays ("rest as it was") and additions ("also add 2 …"), each against the older request's
 * pieces. A change that names no one piece is not applied, and the phrase is named for the person.
 */
export function readAmendment(
	newest: string,
	older: string,
	kinds: ReadonlySet<'change' | 'drop' | 'add'> = ALL_KINDS,
): Amendment | null {
	// "statt zwei nun drei Stück": number words read as counts
	// Portuguese "em vez dos" is "em vez de os", not "em vez 2"
	const plain = numberWordsToDigits(
		fold(newest).replace(/(?<![\p{L}])(em (?:vez|lugar)) dos(?![\p{L}])/gu, '$1 de os'),
	);
	const clauses = clausesOf(plain);
	const lines = older.split('\n');
	const phrases: string[] = [];
	const unplaced: string[] = [];
	const consumed = new Set<Clause>();
	if (kinds.has('change')) {
		const changes = [...countChanges(plain), ...bracketChanges(plain)];
		for (const c of changes) {
			const text = replaceCount(lines.join('\n'), c.from, c.to, c.about);
			if (text === null) unplaced.push(c.phrase);
			else lines.splice(0, lines.length, ...text.split('\n'));
			phrases.push(c.phrase);
			for (const k of clauses)
				if (k.text.includes(c.phrase) || c.phrase.includes(k.text)) consumed.add(k);
			for (const k of clauses) if (overlaps(k, plain, c.phrase)) consumed.add(k);
		}
	}
	const added: Clause[] = [];
	let listing = -1;
	for (const k of clauses) {
		if (consumed.has(k)) continue;
		if (KEEP.test(k.text) || SAME_COUNT.test(k.text)) {
			if (kinds.has('change') || KEEP.test(k.text)) consumed.add(k);
			continue;
		}
		const steps = kinds.has('change') ? STEPS : kinds.has('drop') ? [dropStep] : [];
		// every change the clause makes ("las pantallas fuera … y los latiguillos de 10 m en vez de 2 m")
		const done = steps
			.map((step) => step(k.text, lines))
			.reduce<boolean | null>((r, d) => (d === null ? r : (r ?? true) && d), null);
		if (done !== null) {
			phrases.push(k.text);
			if (!done) unplaced.push(k.text);
			consumed.add(k);
			continue;
		}
		// "also add 2 …", the lines of a list after "please add:", and what the reply asks for in its own words
		// ("What I do need is 25 of the battens")
		const own = kinds.has('add') && OWN_COUNT.test(k.text);
		if (own || (kinds.has('add') && (ADD.test(k.text) || (listing >= 0 && k.line > listing)))) {
			added.push(k);
			if (k.text.endsWith(':')) listing = k.line;
			if (ADD.test(k.text)) phrases.push(ADD.exec(k.text)?.[0] ?? k.text);
		}
	}
	if (phrases.length === 0) return null;
	// every piece of the older request dropped ("scrap the panels … what I need is 25 battens"): the reply
	// is a request of its own
	const left = lines.filter((l, i) => l !== '' || older.split('\n')[i] === '');
	const counted = (ls: string[]) => ls.some((l) => OWN_COUNT.test(fold(l)));
	if (added.length > 0 && counted(older.split('\n')) && !counted(left)) return null;
	const amended = left.join('\n');
	// the clauses added, as written (number words and all) where the message splits the same way
	const written = clausesOf(newest);
	const asWritten = (k: Clause) =>
		written.length === clauses.length ? written[clauses.indexOf(k)].text : k.text;
	const text = added.length > 0 ? `${amended}\n\n${added.map(asWritten).join('\n')}` : amended;
	return { text, phrase: phrases.join('; '), applied: unplaced.length === 0, unplaced };
}

/** Whether a clause lies within the span of a phrase of the message. */
function overlaps(k: Clause, plain: string, phrase: string): boolean {
	const at = plain.indexOf(phrase);
	return at >= 0 && k.at < at + phrase.length && k.at + k.text.length > at;
}

/** "8 (non più 5)": count changes with the old count in brackets. */
function bracketChanges(plain: string): CountChange[] {
	return [...plain.matchAll(new RegExp(CHANGE_BRACKET.source, 'giu'))].map((m) => ({
		phrase: m[0].trim(),
		to: m[1],
		from: m[3],
		about: `${m[2]} ${plain.slice(Math.max(0, (m.index ?? 0) - 40), m.index)}`,
	}));
}
