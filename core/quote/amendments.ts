// A reply that amends an older request of its thread (message.ts decides which part is the newest and which
// the older request): "make it 8 of the 1.5 kW drives instead of 5, the rest stays the same", "bitte 10
// statt 6 Stück der MBN116", "can you also add 2 Fluke 117 meters", "Bitte zusätzlich 2 Vortex-Genie",
// "on ne prend pas le switch". The newest message alone is not the request, nor is the older one: the older
// request is read with the change applied (a count replaced, a line dropped) or with the addition after it.
// A change is applied only where it is certain (one count of the older request is the one replaced, one
// piece names the dropped product); otherwise the older request is read as written. Either way the phrase
// is returned so the quote goes to a person naming it: an amended thread never goes out on its own.

import { numberWordsToDigits } from '../numberWords';

export interface Amendment {
	/** The request to read: the older request with the change, or with the newest message's addition. */
	text: string;
	/** The phrase of the newest message that amends, as written. */
	phrase: string;
	/** Whether the change could be applied to one place of the older request. */
	applied: boolean;
}

const INSTEAD =
	'instead of|rather than|in place of|statt|anstatt|anstelle von|au lieu de|a la place de|en lugar de|en vez de|invece di|al posto di|em vez de|em lugar de|in plaats van|zamiast';
// "8 of the 1.5 kW drives instead of 5", "10 statt 6 Stück", "with 3 units instead of 2"
const CHANGE = new RegExp(
	`(?<![\\d.,])(\\d{1,5})(?![\\d.,])(?!\\s*(?:"|''|inch|zoll|kw|w|v|a|ma|mm|cm|m|meters?|metres?|ml|l|g|kg|mb|gb|bar|hz|%)(?![\\p{L}]))((?:(?!\\s(?:${INSTEAD})\\s)(?:[^.;!?\\n]|(?<=\\d)\\.(?=\\d))){0,60}?)\\s(?:${INSTEAD})\\s+(?:the\\s+|der\\s+|des\\s+|die\\s+|les\\s+|los\\s+|las\\s+|i\\s+|gli\\s+|le\\s+|os\\s+|as\\s+|de\\s+)?(\\d{1,5})(?!\\d|[.,]\\d)(?!\\s*(?:"|''|inch|zoll|pouces|pulgadas|kw|w|v|a|ma|mm|cm|m|ml|l|µl|ul|g|kg|mb|gb|bar|hz|%)(?![\\p{L}]))`,
	'iu',
);
// "also add", "zusätzlich", "en plus": the newest message adds to the older request
const ADD =
	/(?<![\p{L}])(?:also add|also need|also quote|add(?:ing)?|as well|in addition|additionally|further to|zusatzlich|ausserdem|auch noch|noch dazu|dazu noch|en plus|ajouter|ajoutez|aussi|ademas|anadir|anadid|agregar|tambien|aggiungere|aggiungete|anche|inoltre|tambem|adicionar|acrescentar|ook nog|daarnaast|toevoegen|dodatkowo|rowniez|takze)(?![\p{L}])/iu;
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

/** Drops the one piece of the older request that names `word`; null when not certain. */
function dropPiece(older: string, word: string): string | null {
	const target = fold(word);
	const lines = older.split('\n');
	const where = lines.flatMap((l, i) => (wordsOf(l).includes(target) ? [i] : []));
	if (where.length !== 1) return null;
	const line = lines[where[0]];
	const pieces = line.split(
		/(,\s+|\s+(?:and|et|und|y|e|en|i|oraz|plus|sowie|as well as)\s+|\s*;\s*)/i,
	);
	// pieces at even indexes, separators at odd ones
	const holding = pieces.flatMap((p, i) => (i % 2 === 0 && wordsOf(p).includes(target) ? [i] : []));
	if (holding.length !== 1) return null;
	const at = holding[0];
	if (pieces.filter((_, i) => i % 2 === 0).length === 1) lines.splice(where[0], 1);
	else {
		// the piece and the separator before it (or after it, for the first piece)
		const from = at === 0 ? 0 : at - 1;
		pieces.splice(from, 2);
		lines[where[0]] = pieces.join('');
	}
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

/**
 * The amendment the newest message makes to the older request, or null when it makes none (it is a
 * request of its own, or restates the whole request: "Korrektur: wir brauchen 8 Stück ATV320 …").
 */
export function readAmendment(
	newest: string,
	older: string,
	kinds: ReadonlySet<'change' | 'drop' | 'add'> = ALL_KINDS,
): Amendment | null {
	// "statt zwei nun drei Stück": number words read as counts
	const plain = numberWordsToDigits(fold(newest));
	const changes = kinds.has('change') ? countChanges(plain) : [];
	if (changes.length > 0) {
		// every change of the message ("5 meter in plaats van 10 m, en 20 stuks in plaats van 12"), each
		// applied only where it is certain
		let text: string | null = older;
		for (const c of changes)
			text = text === null ? null : replaceCount(text, c.from, c.to, c.about);
		return {
			text: text ?? older,
			phrase: changes.map((c) => c.phrase).join('; '),
			applied: text !== null,
		};
	}
	const drop = DROP.exec(plain);
	if (drop && kinds.has('drop') && !NOT_A_PRODUCT.test(drop[1])) {
		const text = dropPiece(older, drop[1]);
		return { text: text ?? older, phrase: drop[0].trim(), applied: text !== null };
	}
	const add = ADD.exec(plain);
	if (add && kinds.has('add'))
		return { text: `${older}\n\n${newest}`, phrase: add[0].trim(), applied: true };
	return null;
}
