// Numeric attributes: the numbers that tell one member of a product family from the next (a 16-point
// from an 8-point card, a 10" from a 15" panel, 55 kW from 45 kW, DN50 from DN80, 10 MB from 2 MB), and
// the measures that are really quantities (40 hours, 3 days, 100 m). Decides which number + unit spellings
// count (English, German, Spanish, French; volumes in µL/mL/L and garment sizes for lab supplies; "16-point", "16 DI", "DI 16x24VDC", "16 Eingänge", '10"',
// "0,75 kW", "DN 50"), and returns the text spans it used so the request parser does not read "16" of
// "16-point" as a quantity. Retrieval compares attributes dimension by dimension. Enquiries also write
// ranges ("DN100-DN300", "90 à 250 kW": any size in the range fits), horsepower ("15 CV", "150 HP": read
// as the nearest IEC motor size in kW) and old mains voltages ("380 V" is the 400 V nominal).

import { WORDS_OF_WHO_ASKS } from './read/functionWords';
import { NOTATION_LABEL, scanNotations, type NotationDim } from './read/notations';
import { freeMatches } from './read/text';
import {
	CROSS_SECTION_WORDS,
	DAY_WORDS,
	HOUR_WORDS,
	KILOMETRE_WORDS,
	METRE_WORDS,
} from './read/vocabulary';

export type AttributeDim =
	| 'pt'
	| 'in'
	| 'kw'
	| 'dn'
	| 'mb'
	| 'v'
	| 'a'
	| 'w'
	| 'port'
	| 'bar'
	| 'range'
	| 'm'
	| 'ul'
	| 'size'
	| 'mod'
	| 'place'
	| 'row'
	| 'way'
	| 'core'
	| 'mm2'
	| 'pole'
	| NotationDim;
export type MeasureUnit = 'h' | 'day' | 'm';

export interface Attribute {
	dim: AttributeDim;
	/** The value, or the low end of a range. */
	value: number;
	/** The high end of a range ("DN100-DN300", "90 à 250 kW"): any value from `value` to it fits. */
	upper?: number;
	/** The buyer's own unit when the value was converted ("15 CV", "150 HP" → kW). */
	from?: string;
	/** The text it was read from, for evidence. */
	text: string;
}

export interface Measure {
	unit: MeasureUnit;
	value: number;
	text: string;
}

export interface AttributeScan {
	attributes: Attribute[];
	measures: Measure[];
	/** [start, end) offsets in the scanned text that belong to an attribute or a measure. */
	spans: Array<[number, number]>;
	/** The spans of the attributes alone (not of the measures). */
	attributeSpans: Array<[number, number]>;
	/** Concept words implied by abbreviations ("16 DI" → digital, input). */
	terms: string[];
}

/** Dimensions where an item that does not state the dimension is not penalised (length is often a quantity). */
export const OPTIONAL_DIMS: ReadonlySet<AttributeDim> = new Set<AttributeDim>(['m']);

/** Human names for evidence and warnings. */
export const DIM_LABEL: Readonly<Record<AttributeDim, string>> = {
	pt: 'points',
	in: 'inch',
	kw: 'kW',
	dn: 'DN',
	mb: 'MB',
	v: 'V',
	a: 'A',
	w: 'W',
	port: 'ports',
	bar: 'bar',
	range: 'range code',
	m: 'm',
	ul: 'µL',
	size: 'size',
	mod: 'modules',
	place: 'places',
	row: 'rows',
	way: 'ways',
	core: 'cores',
	mm2: 'mm²',
	pole: 'poles',
	...NOTATION_LABEL,
};

// A number not glued to a preceding letter or digit ("x" allowed: "16x24VDC", "3x400V"), and not a
// segment of a code: "045A" in ACS580-01-045A-4 is part of a SKU, not 45 amperes.
const LEAD = '(?<![a-wyz0-9.,_])(?<![a-z0-9][-/])';
const NUM = '(\\d+(?:[.,]\\d+)?)';
const INT = '(\\d{1,4})';

const IO_CONCEPT: Readonly<Record<string, string[]>> = {
	di: ['digital', 'input'],
	do: ['digital', 'output'],
	dq: ['digital', 'output'],
	ai: ['analog', 'input'],
	ao: ['analog', 'output'],
	aq: ['analog', 'output'],
};

interface Rule {
	re: RegExp;
	read: (m: RegExpExecArray) => {
		attribute?: Omit<Attribute, 'text' | 'from'> & { from?: boolean };
		/** A second dimension written in the same words (a cable's cross-section beside its cores). */
		extra?: Omit<Attribute, 'text' | 'from'>;
		/** Words that are also a code ("7G1.5"): read, but left in the text for the code and count readers. */
		code?: boolean;
		measure?: Omit<Measure, 'text'>;
		terms?: string[];
	} | null;
}

function num(text: string): number {
	return Number(text.replace(',', '.'));
}

// A length as written: "1.200 m" in German, Spanish or Italian and "1,200 m" in English are 1200 m; no buyer
// asks for a length to the millimetre with three decimals, so three digits after one separator are a
// thousands group (as read/quantity.ts toQty reads counts)
const LENGTH = '([1-9]\\d{0,2}[.,]\\d{3}(?![.,]?\\d)|\\d+(?:[.,]\\d+)?)';
function length(text: string): number {
	return /^[1-9]\d{0,2}[.,]\d{3}$/.test(text) ? Number(text.replace(/[.,]/, '')) : num(text);
}
const metres = (value: number) => ({
	attribute: { dim: 'm' as const, value },
	measure: { unit: 'm' as const, value },
});

// µL, mL and L as written (normalizeText folds "µ" to the Greek "μ")
const VOLUME_UNIT = '[uμµ]l|ml|l|litres?|liters?|litros?|litri|litr[oy]?|liter';
function microlitres(value: number, unit: string): number {
	const u = unit.toLowerCase();
	const factor = /^[uμµ]/.test(u) ? 1 : u === 'ml' ? 1000 : 1_000_000;
	return Math.round(value * factor * 1000) / 1000;
}
const GARMENT_SIZES = ['xxs', 'xs', 's', 'm', 'l', 'xl', 'xxl'];
// the module words of the eight languages (folded), and the words after which "N modules" is a count
const MODULE_WORDS =
	'modules?|module|moduli|modulos|modulen|modul(?:e|en|ow|y|owa|owy|owe)?|te|mod\\.?';
const MODULE_NOT_AFTER =
	'need|needs|want|order|quote|price|and|plus|brauchen|benotigen|und|necesitamos|y|et|besoin|servono|precisamos|nodig|en|oraz|potrzebujemy|of|de|di|van|von|voor|for|fur|para|pour|per|dla|with|mit|con|avec|com|met|the|a|an|die|der|la|le|el|il|o|een|ein|eine|un|une|una|um|uma';

// the inch of a screen or a box in the eight languages: Portuguese "10 pol.", Polish "2 cale", Dutch "9 duim"
const INCH_WORDS = 'inch|inches|zoll|pulgadas?|pouces?|pollici|polegadas?|pol|cal[aei]?|duim';
// the ports of a switch: "16 Ports", "16 porte", "16 poorten", "16 portas", "16-portowy", "16 portów"
const PORT_WORDS =
	'ports?|puertos?|anschlusse?|porte|poorten|portas|port(?:y|ow|owy|owa|owe|owych|ach)';
// the places of a freezer box or a rotor: "81-place", "81 Plätze", "81 posiciones", "81 posições", "81 posti",
// "81 plaatsen", "81 miejsc", "81 positions"
const PLACE_WORDS =
	'places?|platz|platze|platzen|posiciones|posicoes|posti|plaatsen|posities|positions?|miejsc(?:a|e|owe|owy|owa)?';
// the rows of a consumer unit: "3 rows", "3-reihig", "3 rangées", "3 filas", "3 file", "3 rijen", "3-rzędowa",
// "3 fileiras"
const ROW_WORDS =
	'rows?|reihig(?:e|er|en|es)?|reihen|rangees?|filas?|file|rijen|fileiras?|rzed(?:y|ow|owa|owy|owe)';
// the conductors or ways of a splicing connector, a terminal or a rack: "3-conductor", "5 way", "3 vías",
// "5 fili", "3 vie", "5 conducteurs", "5-Leiter", "3 condutores", "3-draads", "5 przewodów" (French "voies"
// are channels); not the ways of a consumer unit or a board ("a 12 way consumer unit": its modules)
const WAY_WORDS =
	'conductors?|ways?|vias|conductores|fili|vie|conduttori|conducteurs|leiter|condutores|draads|geleiders|przewod(?:ow|y|owa|owy|owe)?';
const WAY_NOT_BEFORE = 'consumer|board|distribution|enclosure|db|cu';
// the cores and cross-section of a cable: "3G1.5", "5G 4" (not "5 g 4": grams), "5 x 1.5 mm²", "5x2,5 mm2" (with "x" only before
// the unit: "6 x 2.5" may be six bottles of 2.5 L, "range 3 x 4" four of range 3); a section of the IEC series only,
// so "2x2" of a bus cable, "60x200 mm" of a tray or "4x16" of I/O cards are no cables. The compact form
// without a unit ("NYM-J 5x1,5") is a code the item's name holds and stays one.
const CABLE_SECTIONS = new Set([0.5, 0.75, 1, 1.5, 2.5, 4, 6, 10, 16, 25, 35, 50, 70, 95, 120]);
const SECTION = '(\\d{1,3}(?:[.,]\\d{1,2})?)';
const MM2 = `(?:${[...CROSS_SECTION_WORDS, 'mm'].map((w) => w.replace(/[.]/g, '\\.').replace(/ /g, '\\s*')).join('|')})`;
function cable(cores: string, section: string) {
	const n = num(cores);
	const mm2 = num(section);
	if (!(n >= 1 && n <= 12) || !CABLE_SECTIONS.has(mm2)) return null;
	return {
		attribute: { dim: 'core' as const, value: n },
		extra: { dim: 'mm2' as const, value: mm2 },
	};
}
// the poles of a breaker, an RCD or a switch: "3P", "1P+N", "3-pole", "4 polos", "3 poli", "3-polig", "4 pôles";
// as one word: "three-pole", "tripolaire", "tripolar", "tripolari", "dreipolig", "driepolig", "trójbiegunowy"
const POLE_WORDS =
	'poles?|polos|polig(?:e|er|en|es)?|poli|polaires?|polares|polen|biegunow(?:y|a|e|ych)';
const POLE_PREFIX: Readonly<Record<string, number>> = {
	single: 1,
	double: 2,
	two: 2,
	three: 3,
	triple: 3,
	four: 4,
	uni: 1,
	bi: 2,
	tri: 3,
	tetra: 4,
	ein: 1,
	zwei: 2,
	drei: 3,
	vier: 4,
	een: 1,
	twee: 2,
	drie: 3,
	jedno: 1,
	dwu: 2,
	troj: 3,
	cztero: 4,
};
const GERMAN_ROWS: Readonly<Record<string, number>> = { ein: 1, zwei: 2, drei: 3, vier: 4 };

// the words of who asks and how (read/functionWords.ts), as folded text writes them
const ASKING_BEFORE = [
	...new Set(
		WORDS_OF_WHO_ASKS.map((w) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).filter(
			(w) => /^[a-z]{3,}$/.test(w),
		),
	),
].join('|');

// digital or analog, written before or after the inputs or outputs ("16 entradas digitales", "16 wejść cyfrowych")
const IO_TYPES =
	'digital|analog|digitale|analoge|digitales|analogicas|analogicos|analogiques|numeriques|digitali|analogici|analogiche|digitais|cyfrowych|cyfrowe|analogowych|analogowe';

const RULES: Rule[] = [
	{
		// "3G1.5" is also the code the item's name holds: read, and left for the code and count readers
		re: new RegExp(`${LEAD}(\\d{1,2})g\\s?${SECTION}(?:\\s*${MM2})?(?![a-z0-9])`, 'g'),
		read: (m) => {
			const found = cable(m[1], m[2]);
			return found && { ...found, code: true };
		},
	},
	{
		// "5 x 1.5 mm²": not a count of five
		re: new RegExp(`${LEAD}(\\d{1,2})\\s*[x×]\\s*${SECTION}\\s*${MM2}(?![a-z0-9])`, 'g'),
		read: (m) => cable(m[1], m[2]),
	},
	// "DQ 8" before "8 DQ": in "4 DQ 8x24VDC" the 4 is a quantity
	{
		// not Italian "di 2 giorni", Polish "do 5 m": a preposition before a duration or a length; nor "il
		// prezzo di 2 agitatori", "un preventivo di 4 …": Italian "of" after a word of asking (ADR 0068; Polish
		// "do 3" after one may be "up to 3", a count left open, and stays as read)
		re: new RegExp(
			`\\b((?<!\\b(?:${ASKING_BEFORE})\\s+)di|do|dq|ai|ao|aq)\\s*-?\\s*(\\d{1,3})(?![0-9])(?!\\s*(?:${[...DAY_WORDS, ...HOUR_WORDS, ...METRE_WORDS].join('|')})\\b)`,
			'g',
		),
		read: (m) => ({ attribute: { dim: 'pt', value: num(m[2]) }, terms: IO_CONCEPT[m[1]] }),
	},
	{
		re: new RegExp(`${LEAD}(\\d{1,3})\\s*-?\\s*(di|do|dq|ai|ao|aq)\\b`, 'g'),
		read: (m) => ({ attribute: { dim: 'pt', value: num(m[1]) }, terms: IO_CONCEPT[m[2]] }),
	},
	{
		re: new RegExp(
			`${LEAD}(\\d{1,3})\\s*-?\\s*(?:points?|pts?|channels?|chs?|kanale?n?|kanaal|kanal(?:ow|y)|canal(?:es)?|canais|voies?|punkte?|puntos?|canali)\\b`,
			'g',
		),
		read: (m) => ({ attribute: { dim: 'pt', value: num(m[1]) } }),
	},
	{
		re: new RegExp(
			`${LEAD}(\\d{1,3})\\s*-?\\s*(?:(${IO_TYPES})\\s+)?(inputs|outputs|eingangen?|ausgangen?|entradas|salidas|entrees|sorties|ingressi|uscite|wejsc|wyjsc|ingangen|uitgangen|(?<=-)(?:input|output|eingang|ausgang|entrada|salida|entree|sortie|ingresso|uscita))\\b(?:\\s+(${IO_TYPES}|tor))?`,
			'g',
		),
		// "16 entrées TOR", "8 salidas digitales", "4 analog inputs", "32-input": the count, the direction
		// and the type ("2 digital output modules" is a count: the singular only after a hyphen)
		read: (m) => ({
			attribute: { dim: 'pt', value: num(m[1]) },
			terms: [
				/^(?:inputs?|eingange?n?|entradas?|entrees?|ingress[oi]|wejsc|ingangen)$/.test(m[3])
					? 'input'
					: 'output',
				...[m[2], m[4]]
					.filter((w): w is string => w !== undefined)
					.map((w) => (/^anal/.test(w) ? 'analog' : 'digital')),
			],
		}),
	},
	{
		re: new RegExp(
			`${LEAD}(\\d{1,2}(?:[.,]\\d{1,2})?)(?:\\s*"|\\s*''|\\s*-?\\s*(?:${INCH_WORDS})\\b|in\\b)`,
			'g',
		),
		read: (m) => ({ attribute: { dim: 'in', value: num(m[1]) } }),
	},
	{
		// a range of sizes: "DN100-DN300", "DN 50 bis DN 80", "90 à 250 kW", "7,5 to 15 kW"
		re: /\bdn\s*-?\s*(\d{2,4})\s*(?:-|to|bis|a|au|al|ate)\s*(?:dn\s*-?\s*)?(\d{2,4})\b/g,
		read: (m) => range('dn', num(m[1]), num(m[2])),
	},
	{
		re: new RegExp(
			`${LEAD}${NUM}\\s*(?:kw\\s*)?(?:-|to|bis|a|au|al|ate)\\s*${NUM}\\s*-?\\s*kw\\b`,
			'g',
		),
		read: (m) => range('kw', num(m[1]), num(m[2])),
	},
	{
		// horsepower (hp, CV, PS) is read as the nearest IEC motor size in kW: "15 CV" → 11 kW
		re: new RegExp(`${LEAD}${NUM}\\s*-?\\s*(?:hp|cv|ps)\\b`, 'g'),
		read: (m) => {
			const kw = motorKw(num(m[1]) * HP_KW);
			return kw === null ? null : { attribute: { dim: 'kw', value: kw, from: true } };
		},
	},
	{
		re: new RegExp(`${LEAD}${NUM}\\s*-?\\s*kw\\b`, 'g'),
		read: (m) => ({ attribute: { dim: 'kw', value: num(m[1]) } }),
	},
	{
		re: /\bdn\s*-?\s*(\d{2,4})\b/g,
		read: (m) => ({ attribute: { dim: 'dn', value: num(m[1]) } }),
	},
	{
		re: new RegExp(
			`${LEAD}${INT}\\s*-?\\s*(mb|mbyte|mbytes|megabytes?|mo|gb|gbyte|gbytes|gigabytes?|go)\\b`,
			'g',
		),
		read: (m) => ({
			attribute: { dim: 'mb', value: m[2].startsWith('g') ? num(m[1]) * 1024 : num(m[1]) },
		}),
	},
	{
		re: new RegExp(`${LEAD}(\\d{1,2})\\s*-?\\s*(?:${PORT_WORDS})\\b`, 'g'),
		read: (m) => ({ attribute: { dim: 'port', value: num(m[1]) } }),
	},
	{
		re: new RegExp(
			`${LEAD}(?:-?\\d+(?:[.,]\\d+)?\\s*(?:-|to|bis|a|\\.\\.\\.?)\\s*)?${NUM}\\s*bar\\b`,
			'g',
		),
		read: (m) => ({ attribute: { dim: 'bar', value: num(m[1]) } }),
	},
	{
		// a volume range names the item's own range ("a 20–200 µL pipette" is not any pipette in it): both
		// ends are attributes the item must state, the low end read here (up to the dash), the high end by
		// the next rule
		re: new RegExp(
			`${LEAD}${NUM}\\s*(?:-|to|bis|a|au|al)(?=\\s*${NUM}\\s*(${VOLUME_UNIT})(?![a-z0-9-]))`,
			'g',
		),
		read: (m) => ({ attribute: { dim: 'ul', value: microlitres(num(m[1]), m[3]) } }),
	},
	{
		// a volume, in microlitres: "50 mL", "2.5 L", "10 µL" (lab supplies tell sizes apart by it); after a
		// dash too, as the high end of a range
		re: new RegExp(`(?<![a-wyz0-9.,_])${NUM}\\s*(${VOLUME_UNIT})(?![a-z0-9-])`, 'g'),
		read: (m) => ({ attribute: { dim: 'ul', value: microlitres(num(m[1]), m[2]) } }),
	},
	{
		re: new RegExp(`${LEAD}(\\d{1,3})\\s*-?\\s*(?:${PLACE_WORDS})(?![a-z])`, 'g'),
		read: (m) => ({ attribute: { dim: 'place', value: num(m[1]) } }),
	},
	{
		re: new RegExp(`${LEAD}([1-6])\\s*-?\\s*(?:${ROW_WORDS})(?![a-z])`, 'g'),
		read: (m) => ({ attribute: { dim: 'row', value: num(m[1]) } }),
	},
	{
		re: new RegExp(
			`${LEAD}(\\d{1,2})\\s*-?\\s*(?:${WAY_WORDS})(?![a-z])(?!\\s*(?:${WAY_NOT_BEFORE})\\b)`,
			'g',
		),
		read: (m) => ({ attribute: { dim: 'way', value: num(m[1]) } }),
	},
	{
		re: new RegExp(
			`${LEAD}([1-4])(?:p(?:\\s?\\+\\s?n)?|\\s*-?\\s*(?:${POLE_WORDS}))(?![a-z0-9])`,
			'g',
		),
		read: (m) => ({ attribute: { dim: 'pole', value: num(m[1]) } }),
	},
	{
		re: new RegExp(
			`\\b(${Object.keys(POLE_PREFIX).join('|')})[\\s-]?(?:pole|polaires?|polar(?:es)?|polari|polare|polig(?:e|er|en|es)?|biegunow(?:y|a|e|ych))(?![a-z])`,
			'g',
		),
		read: (m) => ({ attribute: { dim: 'pole', value: POLE_PREFIX[m[1]] } }),
	},
	{
		// German writes the rows as one word: "dreireihig", "zweireihiger Kleinverteiler"
		re: /\b(ein|zwei|drei|vier)reihig(?:e|er|en|es)?\b/g,
		read: (m) => ({ attribute: { dim: 'row', value: GERMAN_ROWS[m[1]] } }),
	},
	{
		// a garment size: "size M", "taille L", "talla XL", "Größe S", "rozmiar M", "maat L"
		re: /\b(?:size|sizes|taille|talla|tamanho|taglia|grosse|rozmiar|rozm\.|maat)(?:\s*:\s*|\s+|(?<=\.))(xxs|xs|s|m|l|xl|xxl)(?![a-z0-9])/g,
		read: (m) => ({ attribute: { dim: 'size', value: GARMENT_SIZES.indexOf(m[1]) + 1 } }),
	},
	{
		// the size of a consumer unit or an enclosure in modules: "36-module", "24-Module", "a 24-modułowa";
		// written apart ("groepenkast 24 modules", "unit, 36 modules") only after a word and where the part
		// ends, not as a count of I/O modules ("4 moduli SM 1221", "2 módulos de 8 salidas", "need 2 modules")
		re: new RegExp(
			`${LEAD}(\\d{1,2})\\s*-\\s*(?:${MODULE_WORDS})(?![a-z])|(?<=[a-z]{3,},?\\s)(?<!(?:${MODULE_NOT_AFTER}),?\\s)(\\d{1,2})\\s+(?:${MODULE_WORDS})(?=\\s*(?:$|[.,;)\\n]|\\s(?:and|und|y|et|e|en|i|oraz|plus)\\s))`,
			'g',
		),
		read: (m) => ({ attribute: { dim: 'mod', value: num(m[1] ?? m[2]) } }),
	},
	{
		// "6 boxes in M and 3 in L", "6 Boxen in M", "6 boîtes en M", "6 caixas em M", "6 pudełek w M": a size
		// after "in" where a sentence or a list item ends, not a unit ("in m²", "in mm")
		re: /\b(?:in|en|em|w|im)\s+(xxs|xs|s|m|l|xl|xxl)(?=\s*(?:$|[.,;:!?)\n]|\s(?:and|und|et|y|e|en|i|oraz|plus)\s))/g,
		read: (m) => ({ attribute: { dim: 'size', value: GARMENT_SIZES.indexOf(m[1]) + 1 } }),
	},
	{
		// a sensor's range code ("range 2", "range code 4", "Messbereich 3", "gamme 3")
		re: /\b(?:range|rango|gamme|plage|messbereich|bereich|campo|faixa|intervallo|zakres|bereik)\s*(?:code|codigo|de mesure|di misura)?\s*(\d{1,2})(?!\d|[.,]\d)/g,
		read: (m) => ({ attribute: { dim: 'range', value: num(m[1]) } }),
	},
	{
		re: new RegExp(`${LEAD}${NUM}\\s*-?\\s*(?:${HOUR_WORDS.join('|')})\\b`, 'g'),
		read: (m) => ({ measure: { unit: 'h', value: num(m[1]) } }),
	},
	{
		re: new RegExp(`${LEAD}${NUM}\\s*-?\\s*(?:${DAY_WORDS.join('|')})\\b`, 'g'),
		read: (m) => ({ measure: { unit: 'day', value: num(m[1]) } }),
	},
	{
		re: new RegExp(
			// not the first letter of a family code ("4 V-Gard helmets": ADR 0082); "24 V-DC" is a voltage
			`${LEAD}${INT}\\s*-?\\s*(?:v|vdc|vac|vcc|vca|volts?|v\\s*dc|v\\s*ac|v\\s*cc|v\\s*ca)\\b(?!-(?!(?:dc|ac)\\b)[a-z])`,
			'g',
		),
		read: (m) => ({ attribute: { dim: 'v', value: nominalVoltage(num(m[1])) } }),
	},
	{
		re: new RegExp(
			`${LEAD}${NUM}\\s*-?\\s*(?:a|amps?|amperes?)\\b(?!\\s*(?:\\d|(?:la|las|los|el)\\b))`,
			'g',
		),
		read: (m) => (num(m[1]) > 0 ? { attribute: { dim: 'a', value: num(m[1]) } } : null),
	},
	{
		re: new RegExp(`${LEAD}${INT}\\s*-?\\s*(?:w|watts?)\\b`, 'g'),
		read: (m) => ({ attribute: { dim: 'w', value: num(m[1]) } }),
	},
	{
		// the length a line ends with, the unit written before it: "Cavo H07RN-F 5G4 — m 250", "…: mtr 40",
		// "… – metros 60" (a table's unit column before its count); read before a length that describes the
		// item ("in barre da 3 m — m 60" asks for 60 m of 3 m bars)
		re: new RegExp(
			`(?<=[-–—:|]\\s{0,3})(?:${METRE_WORDS.join('|')})\\.?\\s*${LENGTH}\\s*[.;,]?\\s*$`,
			'g',
		),
		read: (m) => metres(length(m[1])),
	},
	{
		// "0,5 km", "2 Kilometer", "1 chilometro" of a cable sold per metre: the length in metres
		re: new RegExp(`${LEAD}${NUM}\\s*-?\\s*(?:${KILOMETRE_WORDS.join('|')})\\b(?!\\s*[0-9])`, 'g'),
		read: (m) => metres(Math.round(num(m[1]) * 1000 * 1000) / 1000),
	},
	{
		re: new RegExp(`${LEAD}${LENGTH}\\s*-?\\s*(?:${METRE_WORDS.join('|')})\\b(?!\\s*[0-9])`, 'g'),
		read: (m) => metres(length(m[1])),
	},
];

// Mains voltages written by their old or regional names are one nominal value (IEC 60038): a drive for
// "380 V" or "415 V" is a 400 V drive, "220 V" or "240 V" is 230 V. 480 V (North America) stays apart.
function nominalVoltage(v: number): number {
	if (v === 380 || v === 415) return 400;
	if (v === 220 || v === 240) return 230;
	return v;
}

/** kW per mechanical horsepower. */
const HP_KW = 0.7457;
// IEC motor sizes in kW; a converted rating snaps to the nearest one within 12%
const MOTOR_KW = [
	0.37, 0.55, 0.75, 1.1, 1.5, 2.2, 3, 4, 5.5, 7.5, 11, 15, 18.5, 22, 30, 37, 45, 55, 75, 90, 110,
	132, 160, 200, 250, 315, 355, 400, 450, 500, 560, 630, 710, 800, 900, 1000,
];

function motorKw(kw: number): number | null {
	let best: number | null = null;
	for (const size of MOTOR_KW) {
		if (best === null || Math.abs(size - kw) < Math.abs(best - kw)) best = size;
	}
	return best !== null && Math.abs(best - kw) <= kw * 0.12 ? best : null;
}

function range(dim: AttributeDim, low: number, high: number) {
	if (!(high > low)) return null;
	return { attribute: { dim, value: low, upper: high } };
}

const RATING_SLASH = /(\d\s?(?:vdc|vac|kw|v|a|w))\/(?=\s?\d)/g;

/** Finds attributes and measures in a normalised text (see tokenize.normalizeText). */
export function scanAttributes(normalized: string): AttributeScan {
	const scan: AttributeScan = {
		attributes: [],
		measures: [],
		spans: [],
		attributeSpans: [],
		terms: [],
	};
	// "24V/10A", "24VDC/5A": two ratings written with a slash, not a code segment; same offsets
	const text = normalized.replace(RATING_SLASH, '$1 ');
	// the size notations of trades (read/notations.ts) first: "G1/4", "Ø8", "8x6", "bore 50 stroke 100"
	const notations = scanNotations(text);
	for (const a of notations.attributes) scan.attributes.push(a);
	scan.spans.push(...notations.spans);
	for (const { rule, m, start, end } of freeMatches(text, RULES, scan.spans)) {
		const found = rule.read(m);
		if (!found) continue;
		const written = m[0].trim();
		if (found.attribute) {
			const { from, ...attribute } = found.attribute;
			scan.attributes.push(
				from ? { ...attribute, text: written, from: written } : { ...attribute, text: written },
			);
			if (!found.measure) scan.attributeSpans.push([start, end]);
		}
		if (found.extra) scan.attributes.push({ ...found.extra, text: written });
		if (found.code) continue;
		if (found.measure) scan.measures.push({ ...found.measure, text: written });
		if (found.terms) scan.terms.push(...found.terms);
		scan.spans.push([start, end]);
	}
	return scan;
}

// A letter size an item's NAME writes without the word "size" (keyword-less catalogs): "harness 2-point,
// XL", "hi-vis vest C470 yellow M", "half mask M", "harness 2-point, M/L" (M or L: both sizes fit). Decided:
// only at the end of the name or of a comma-separated part, right after a word (letters, or a comma), so a
// metre or a litre after a number ("roll 25 m", "Fass 208 L") and "per m" are never read as a size. Read for
// catalog names only: a request that writes "vests M" already meets it token by token, and its "size M",
// "Größe M", "taille M" (the garment-size rule) is then compared with these values as usual.
const NAME_LETTER_SIZE = new RegExp(
	`(?<=[a-z]{2},?\\s)(?<!\\b(?:per|pro|je|por|par|a|al|the|by|x)\\s)(${GARMENT_SIZES.join('|')})(?:\\s?\\/\\s?(${GARMENT_SIZES.join('|')}))?(?=\\s*(?:$|,))`,
	'g',
);

/** The letter sizes written in an item's normalised name without the word "size" (none when it has one). */
export function nameLetterSizes(normalizedName: string): Attribute[] {
	const out: Attribute[] = [];
	NAME_LETTER_SIZE.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = NAME_LETTER_SIZE.exec(normalizedName)) !== null) {
		for (const letter of [m[1], m[2]]) {
			if (letter === undefined) continue;
			out.push({ dim: 'size', value: GARMENT_SIZES.indexOf(letter) + 1, text: m[0] });
		}
	}
	return out;
}

/** The index term for an attribute value ("pt:16", "kw:0.75"), shared by catalog and requests. */
export function attributeTerm(a: Pick<Attribute, 'dim' | 'value'>): string {
	return `${a.dim}:${a.value}`;
}
