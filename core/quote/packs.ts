// The count of an item sold in packs (ADR 0051). "300 cable glands M20" for "OBO V-TEC cable gland M20, pack
// of 10", "1000 Falcon tubes" for a "case of 500", "4 cajas de 50 guantes" for a "box of 100": the catalog
// sells packs, and whether the buyer counted pieces or packs is bound from the words next to the count:
// - packs: a word for a pack after the count ("3 boxes", "2 Kartons", "x 5 boxes", "10 x WAGO 221-413
//   boxes"), unless it is the product itself ("24 freezer boxes" of a "pack of 12" of freezer boxes), a
//   function word of another language ("para", "par") or the pack of a "per pack" phrase ("500 tubes par
//   carton"); or the item's own catalog number with a count below a pack's worth ("352070;Tubes;4");
// - pieces: a word for a piece right after the count ("1500 Stück", "3000 szt.") or the count leading the
//   words of the product ("200 Kimtech gloves", "5 Falcon buizen");
// - nothing binds it (a bare count: "Cable ties x 250", "rękawice … – 10"): pieces or packs, a person asks.
// Pieces become whole packs, rounded up; a pack the buyer sizes otherwise ("4 cajas de 50" of a box of 100)
// is counted in pieces first. Only a pack count of the catalog's pack, or pieces and packs stated that agree
// ("1000 provette (2 confezioni da 500)"), goes out as read; every other reading goes to a person, told the
// phrase and the reading made.
import { numberWordsToDigits } from '../numberWords';
import type { CatalogItem } from './catalog';
import type { Requirement } from './requirements';
import { CONTAINER_WORDS, ONE_WORDS, PIECE_WORDS } from './read/vocabulary';
import { normalizeText, stem, STOPWORDS } from './tokenize';

const PACK_OF =
	/(?<![\p{L}])(?:(?:pack|box|case|bag|rack|roll|carton|tub|tube|bottle|set)\s+of\s+(\d{2,5})(?![\d.,])|(?:pack|box|case|bag|carton)\s+(\d{2,5})(?:\s+(pairs?|paar|paires?|pares|paia|pary|pcs|pieces|st|stk|stück|szt|stuks)\.?)?\s*(?:[,;)]|$))/iu;
// "racked, 10 × 96", "10 racks × 96": racks of tips in a box
const RACKS_OF = /(?:racked,?\s+(\d{1,3})|(\d{1,3})\s+racks?)\s*[×x]\s*(\d{2,4})(?![\d.,])/iu;

/** How many pieces one unit of the item holds, or null when it is sold by the piece. */
export function packSize(item: CatalogItem): number | null {
	const text = `${item.name} ${item.description}`;
	// "pack 10", "box 200 pairs" (an export without "of") ends the name or a clause of it (ADR 0073); the
	// word it counts in the catalog's language too: "Box 200 Paar", "Box 20 St." (ADR 0079)
	const m = PACK_OF.exec(item.name) ?? PACK_OF.exec(text);
	const racks = RACKS_OF.exec(text);
	const n = m
		? Number(m[1] ?? m[2])
		: racks
			? Number(racks[1] ?? racks[2]) * Number(racks[3])
			: NaN;
	return Number.isFinite(n) && n > 1 ? n : null;
}

// words that tie a number to the pack it fills: "boxes of 50", "cajas de 50", "à 50 stuks", "je 25 Stück",
// "caixa com 50", "da 500", "po 10 szt."; and those that make a pack word a rate ("par carton", "/case")
const OF = new Set([
	'of',
	'de',
	'da',
	'di',
	'a',
	'je',
	'com',
	'con',
	'met',
	'mit',
	'van',
	'po',
	'zu',
]);
const PER = new Set(['per', 'par', 'pro', 'por', 'each', 'je', 'na']);

type Unit = 'packs' | 'pieces' | 'unbound';

interface Token {
	word: string;
	raw: string;
}

function tokensOf(text: string): Token[] {
	const raw = text.split(/\s+/).filter(Boolean);
	const folded = numberWordsToDigits(normalizeText(text), ['one']).split(/\s+/).filter(Boolean);
	const same = raw.length === folded.length;
	return folded.map((f, i) => ({
		word: f.replace(/^[([{'"¿¡#]+|[)\]}'",.;:!?#]+$/g, ''),
		raw: same ? raw[i] : f,
	}));
}

const numberOf = (word: string): number | null =>
	/^\d+(?:[.,]\d+)?$/.test(word) ? Number(word.replace(',', '.')) : null;

/** The item's name without its "pack of N": the words of the product ("freezer box", "biohazard bags"). */
function productWords(item: CatalogItem): Set<string> {
	return new Set(
		normalizeText(item.name.replace(PACK_OF, ' '))
			.split(/[^\p{L}]+/u)
			.filter(Boolean)
			.map(stem),
	);
}

// The container words of read/vocabulary.ts that name a thing the catalog also sells by its English name: "30
// frascos" of a "laboratory bottle, pack of 10" count bottles, like "30 bottles" does ("24 freezer boxes")
const CONTAINER_THINGS: ReadonlyArray<readonly [string, readonly string[]]> = [
	[
		'bottle',
		'flasche flaschen botella botellas frasco frascos flacon flacons bouteille bouteilles flacone flaconi bottiglia bottiglie garrafa garrafas fles flessen butelka butelki butelek'.split(
			' ',
		),
	],
	[
		'bag',
		'beutel bolsa bolsas sachet sachets sacchetto sacchetti busta buste saco sacos zak zakken zakje zakjes worek worki workow'.split(
			' ',
		),
	],
	[
		'box',
		'schachtel schachteln kiste kisten caja cajas boite boites scatola scatole caixa caixas doos dozen doosje doosjes pudelko pudelka pudelek'.split(
			' ',
		),
	],
	[
		'roll',
		'rolle rollen rollo rollos rouleau rouleaux rotolo rotoli rolo rolos rol rollen rolka rolki rolek'.split(
			' ',
		),
	],
];
const THING_OF = new Map(
	CONTAINER_THINGS.flatMap(([thing, words]) => words.map((w) => [w, thing])),
);

/** A word for a pack that counts packs here: not the product, not a function word, not a rate. */
function isPackWord(tokens: readonly Token[], i: number, product: ReadonlySet<string>): boolean {
	const w = tokens[i].word;
	const [word, rate] = w.split('/');
	if (rate !== undefined) return false;
	if (
		!CONTAINER_WORDS.has(word) ||
		STOPWORDS.has(stem(word)) ||
		product.has(stem(word)) ||
		product.has(THING_OF.get(word) ?? '')
	)
		return false;
	return !PER.has(tokens[i - 1]?.word ?? '') || /^\d/.test(tokens[i - 2]?.word ?? '');
}

/** A number of the request that sizes a pack ("boxes of 50", "à 50 stuks", "(500 tubes par carton)"). */
function sizesPack(tokens: readonly Token[], i: number, product: ReadonlySet<string>): boolean {
	const prev = tokens[i - 1]?.word ?? '';
	const next = tokens.slice(i + 1, i + 4).map((t) => t.word);
	if (OF.has(prev) && i >= 2 && CONTAINER_WORDS.has(tokens[i - 2].word)) return true;
	if (PIECE_WORDS.has(next[0] ?? '') || (next[0] ?? '').startsWith('/')) return true;
	if (OF.has(prev) && next.some((w) => PER.has(w))) return true;
	return next.some(
		(w, k) => PER.has(w) && CONTAINER_WORDS.has(next[k + 1] ?? '') && !product.has(stem(w)),
	);
}

/** Where the count written is among the tokens, or -1. */
function countAt(tokens: readonly Token[], written: number): number {
	const at = tokens.findIndex((t) => numberOf(t.word.replace(/x$/, '')) === written);
	if (at >= 0 || written !== 1) return at;
	// "a box of …", "een doos …": the article is the count, the one before a pack first ("een offerte voor
	// een doos …")
	const article = (i: number) =>
		ONE_WORDS.has(tokens[i].word) && numberOf(tokens[i + 1]?.word ?? '') === null;
	const beforePack = tokens.findIndex(
		(_, i) => article(i) && CONTAINER_WORDS.has(tokens[i + 1]?.word ?? ''),
	);
	return beforePack >= 0 ? beforePack : tokens.findIndex((_, i) => article(i));
}

/** The item is sold in packs: a "pack of N" in its texts, or a unit that is a word for a pack ("Box", "Bottle"). */
export function soldInPacks(item: CatalogItem): boolean {
	return packSize(item) !== null || CONTAINER_WORDS.has(normalizeText(item.uom).trim());
}

/**
 * The words for a pack that `packCount` reads for `item` and that agree with it: the count's own pack, right
 * after it ("2 cajas de placas", "een doos Optifit tips"), or a pack of the item's own size ("(caixa com 50
 * placas)" of a box of 50, "(2 confezioni da 500)" of a case of 500); not the product itself, not a rate
 * ("par carton"), not a pack the buyer sizes otherwise ("caja de 96"). Empty when the item is sold by the
 * piece or no count or article is found.
 */
export function packWordsRead(req: Requirement, item: CatalogItem): string[] {
	// no count written is one; "een doos …", "eine Schachtel …": the article is the count
	if ((!req.qty_explicit && req.qty !== 1) || !soldInPacks(item)) return [];
	const tokens = tokensOf(req.text);
	const at = countAt(tokens, req.qty / (req.multiplier?.factor ?? 1));
	if (at < 0) return [];
	const product = productWords(item);
	const size = packSize(item);
	let next = at + 1;
	while (/^[x×*–—-]$/.test(tokens[next]?.word ?? '')) next++;
	const packs = tokens.flatMap((t, i) => {
		if (i <= at || !isPackWord(tokens, i, product)) return [];
		const sized = OF.has(tokens[i + 1]?.word ?? '') ? numberOf(tokens[i + 2]?.word ?? '') : null;
		return [{ word: t.word, own: i === next, sized }];
	});
	// a pack the buyer sizes otherwise ("(caja de 96 placas)" of a box of 50): none is the item's own
	if (packs.some((p) => p.sized !== null && p.sized !== size)) return [];
	// the count's own pack ("2 cajas de placas"), or a pack of the catalog's size ("caixa com 50")
	return packs.filter((p) => p.own || p.sized !== null).map((p) => p.word);
}

export interface PackReading {
	/** The count quoted, in the catalog's packs. */
	qty: number;
	/** Why a person confirms it; null when the count goes out as read. */
	review: string | null;
	/** Numbers of the request this reading explains (a pack size, a piece count that agrees). */
	bound: string[];
}

/**
 * How a counted requirement is quoted for an item sold in packs (see the module comment); null when the
 * item is sold by the piece or the request states no count.
 */
export function packCount(
	req: Requirement,
	item: CatalogItem,
	qty: number,
	namedExactly: boolean,
): PackReading | null {
	const size = packSize(item);
	if (size === null || !req.qty_explicit) return null;
	const factor = req.multiplier?.factor ?? 1;
	const written = qty / factor;
	const tokens = tokensOf(req.text);
	const at = countAt(tokens, written);
	const product = productWords(item);
	// what a pack of the item counts ("box 200 pairs"): that word after the request's count is pieces
	const counted = (PACK_OF.exec(item.name) ??
		PACK_OF.exec(`${item.name} ${item.description}`))?.[3];
	if (counted) product.add(stem(counted.toLowerCase()));
	let unit: Unit = 'unbound';
	let next = at + 1;
	if (at >= 0) {
		while (/^[x×*–—-]$/.test(tokens[next]?.word ?? '')) next++;
		const timesWritten = next > at + 1 || tokens[at].word.endsWith('x');
		if (tokens.slice(at + 1).some((_, k) => isPackWord(tokens, at + 1 + k, product)))
			unit = 'packs';
		else if (PIECE_WORDS.has(tokens[next]?.word ?? '')) unit = 'pieces';
		// (a function word names no unit: "… and 3 in L" counts what the item before counted)
		else if (
			!timesWritten &&
			/^\p{L}/u.test(tokens[next]?.word ?? '') &&
			!STOPWORDS.has(stem(tokens[next].word))
		)
			unit = 'pieces';
	} else if (tokens.some((_, i) => isPackWord(tokens, i, product))) unit = 'packs';
	// the catalog's own number names the unit it sells
	if (unit !== 'packs' && unit !== 'pieces' && namedExactly && written < size) unit = 'packs';
	const unitName = item.uom.toLowerCase();
	const sold = `${item.sku} is sold per ${unitName} of ${size}`;
	// the count and the word after it, or the "x" or dash before a count that ends the line
	const from = at > 0 && /^[x×*–—-]$/.test(tokens[at - 1].word) ? at - 1 : at;
	const phrase =
		at >= 0
			? tokens
					.slice(from, Math.min(tokens.length, next + 1))
					.map((t) => t.raw)
					.join(' ')
					.replace(/[,.;:!?]+$/, '')
			: req.text;
	const numbers = tokens
		.map((t, i) => ({ n: numberOf(t.word), i, word: t.word }))
		.filter((x) => x.n !== null && x.i !== at && req.loose_numbers.includes(x.word));
	if (unit === 'packs') {
		// "boxes of 100" of a box of 100 is the catalog's pack; "cajas de 50" of a box of 100 is not
		// "scatole di piastre … da 96 pozzetti" of "96-well PCR plates, box of 50": a number the item's own name
		// states is what the product is, not the size of a pack
		const named = new Set((item.name.match(/\d+/g) ?? []).map(Number));
		const sizing = numbers.filter(
			(x) => sizesPack(tokens, x.i, product) && !(x.n !== size && named.has(x.n ?? NaN)),
		);
		const bound = numbers.filter((x) => x.n === size || x.n === qty * size).map((x) => x.word);
		const other = sizing.find((x) => x.n !== size && x.n !== qty * size);
		if (!other || other.n === null) return { qty, review: null, bound };
		const pieces = qty * other.n;
		const packs = Math.ceil(pieces / size);
		return {
			qty: packs,
			review: `${req.id}: "${phrase}" of ${other.n} in "${req.text}": ${pieces} pieces, ${sold}: quoted as ${packs}`,
			bound: [...bound, other.word],
		};
	}
	const packs = unit === 'pieces' || qty >= size ? Math.ceil(qty / size) : qty;
	// "1000 provette (2 confezioni da 500)": the pieces and the packs are both written, and agree
	const agrees = numbers.some((x) => x.n === packs) && packs * size === qty;
	if (agrees)
		return {
			qty: packs,
			review: null,
			bound: numbers.filter((x) => x.n === packs || x.n === size).map((x) => x.word),
		};
	if (unit === 'pieces')
		return {
			qty: packs,
			review: `${req.id}: "${phrase}" in "${req.text}" counts pieces, ${sold}: quoted as ${packs}`,
			bound: [],
		};
	return {
		qty: packs,
		review: `${req.id}: "${phrase}" in "${req.text}": pieces or packs of ${size}? ${sold}: quoted as ${packs}`,
		bound: [],
	};
}

// "Rigid PVC conduit 20 mm, 3 m length", "Kabelrinne, 3 m lang", "longueur 3 m": an item sold by the piece
// that is a fixed length of something buyers ask for in metres
const LENGTH_OF =
	/(\d+(?:[.,]\d+)?)\s*m\s+(?:length|lengths|long|lang|lange|langen|lange|de long|de largo|de comprimento|di lunghezza|lengte|dlugosci)(?![\p{L}])|(?:length|lange|longueur|longitud|comprimento|lunghezza|lengte|dlugosc)\s*:?\s*(\d+(?:[.,]\d+)?)\s*m(?![\p{L}])/u;

/** The length in metres of one unit of an item sold by the piece in fixed lengths, or null. */
export function lengthSize(item: CatalogItem): number | null {
	const m = LENGTH_OF.exec(normalizeText(`${item.name} ${item.description}`));
	const n = m ? Number((m[1] ?? m[2]).replace(',', '.')) : NaN;
	return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * "30 m of cable tray" of a tray sold in 3 m lengths: 10 lengths. A length that is no whole number of
 * pieces ("100 m" of 3 m lengths) is rounded up and goes to a person, told the reading.
 */
export function lengthCount(
	metres: number,
	item: CatalogItem,
): { qty: number; note: string; review: string | null } | null {
	const size = lengthSize(item);
	if (size === null || metres <= size) return null;
	const exact = metres / size;
	const qty = Math.ceil(exact - 1e-9);
	const note = `${metres} m in lengths of ${size} m`;
	return Math.abs(exact - qty) < 1e-9
		? { qty, note, review: null }
		: {
				qty,
				note,
				review: `${metres} m is no whole number of ${item.sku} (${size} m lengths): ${qty} lengths, rounded up`,
			};
}
