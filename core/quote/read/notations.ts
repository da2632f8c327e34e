// How trades write the sizes that tell close variants apart, read the same way on the catalog side and
// on the request side so that equal values match and different values exclude a variant (ADR 0070).
// These notations belong to no one catalog: a pipe thread or a port as an inch fraction ("G1/4", "R 3/8",
// '1/4"', "1/2 BSP"), a size in millimetres ("Ø8", "OD 8", "8 mm", "8x6", "D32 H50", "bore 50 stroke
// 100", "tube de 12", "10er Schlauch", "NG 63"), a displacement ("16 cm³/rev", "11 cc", "ccm") and a
// numbered size ("size 9", "Gr. 42", "taille 43"). attributes.ts scanAttributes runs these first; their
// spans keep the other rules (and the quantity reader) off the same digits.
import { freeMatches } from './text';

export type NotationDim = 'mm' | 'cc' | 'sizeno' | 'db';

export const NOTATION_LABEL: Readonly<Record<NotationDim, string>> = {
	mm: 'mm',
	cc: 'cm³/rev',
	sizeno: 'size',
	db: 'dB',
};

export interface NotationAttribute {
	dim: NotationDim | 'in';
	value: number;
}

interface NotationRule {
	re: RegExp;
	read: (m: RegExpExecArray) => NotationAttribute[] | null;
}

// a number not glued to a letter, a digit or a code segment before it ("M16x1.5", "KD4-1/4", "SDE1-D10")
const LEAD = '(?<![a-z0-9.,_/])(?<![a-z0-9]-)';
const DEC = '(\\d{1,4}(?:[.,]\\d{1,2})?)(?![.,]?\\d)';

function num(text: string): number {
	return Number(text.replace(',', '.'));
}

const mm = (...values: string[]): NotationAttribute[] =>
	values.filter((v) => v !== undefined).map((v) => ({ dim: 'mm' as const, value: num(v) }));

// the inch of a thread or a port, written before ("G", "R", "Rp", "BSP", "NPT") or after ('"', "BSP",
// "Zoll", "pouce", "cala"…)
const THREAD_BEFORE = 'g|r|rp|rc|bsp|bspp|bspt|npt';
const INCH_AFTER =
	"\"|''|inch(?:es)?|zoll|pouces?|pollici|pulgadas?|polegadas?|cal[aei]?|duim|bspp?|bspt|npt";
// after a bare fraction these make it no size: "1/4 de tour" is a quarter turn, "1/2 day" half a day
const NOT_A_SIZE_AFTER =
	'de\\s+tour|turn|giro|vuelta|volta|obrot|slag|drehung|day|days|jour|dia|tag|dag|dzien|hour|h|std|heure|ora|hora|uur|godz|m|l|kg|mm|cm';

// the words after which a number is a tube's outer diameter: "tube 8", "tubo da 4", "Schlauch 6 mm",
// "pour tube de 12", "na wąż 8"
const TUBE_WORDS =
	'tubes?|tubing|tubos?|tuyaux?|tuyau|schlauch|schlauche|slang|slangen|waz|weza|weze|mangueiras?|mangueras?|rohr';
const TUBE_LINK = "de|da|di|du|d'|of|for|fur|voor|na|para|pour|per|od|o";
// bore and stroke in the eight languages
const BORE_WORDS =
	'bore|alesage|alesaggio|kolben(?:-?\\s*ø)?|kolbendurchmesser|diametro|diametre|diameter|durchmesser|embolo|tlok|zuiger|boring';
const STROKE_WORDS = 'stroke|hub|course|carrera|corsa|curso|skok|slag|c\\.';
// a numbered size: "size 9", "Gr. 42", "Größe 10", "taille 43", "talla 38", "maat 44", "rozmiar 9", a shoe's
// "pointure 43", "EU 42"
const SIZE_WORDS =
	'size|sizes|taille|tailles|talla|tallas|tamanho|taglia|grosse|groesse|gr\\.|rozmiar|rozm\\.|maat|pointure|eu';

const RULES: NotationRule[] = [
	{
		// an inch fraction: "G1/4", "R 3/8", '1/2"', "1/4 BSP", "BSP 3/4", "3/8 Zoll", a bare "1/8" (not a
		// quarter turn, a half day, a date "1/4/2025", "5/2" of a valve's ports: the numerator is below the
		// denominator)
		re: new RegExp(
			`(?<![a-z0-9./_-])(?:(${THREAD_BEFORE})\\s?)?([1-9])\\/(2|4|8|16|32)(?![0-9/.,])(\\s?(?:${INCH_AFTER})(?![a-z]))?`,
			'g',
		),
		read: (m) => {
			const n = Number(m[2]);
			const d = Number(m[3]);
			if (n >= d || n % 2 === 0) return null;
			if (m[1] === undefined && m[4] === undefined) {
				const after = m.input.slice(m.index + m[0].length);
				if (new RegExp(`^\\s*(?:${NOT_A_SIZE_AFTER})(?![a-z])`).test(after)) return null;
			}
			return [{ dim: 'in', value: n / d }];
		},
	},
	{
		// two sizes in millimetres with the unit written: "4x2,5 mm", "12 x 9 mm", "200x4.8 mm" (not a count
		// "2x 63mm"; without the unit "8x6" is a word of its own, and "3x2,5" a cable's cores and cross-section; not "3x2.5 mm²")
		re: new RegExp(`${LEAD}${DEC}(?:x|\\s+x\\s+)${DEC}\\s*mm(?![0-9a-z²/])`, 'g'),
		read: (m) => mm(m[1], m[2]),
	},
	{
		// a cylinder as its catalog name writes it: "D32 H50", "D16 c.50"
		re: /\bd(\d{1,3})\s*[,/]?\s*(?:h|c\.)\s?(\d{1,4})\b/g,
		read: (m) => mm(m[1], m[2]),
	},
	{
		// a diameter sign or an outer diameter: "Ø8", "Ø 63 mm", "OD 8", "NG 63" (a gauge's nominal size)
		re: /(?:ø|\bod|\bng|\bdia\.?)\s*:?\s*(\d{1,4}(?:[.,]\d{1,2})?)(?:\s*mm)?(?![0-9a-z])/g,
		read: (m) => mm(m[1]),
	},
	{
		// bore or stroke written before the number: "bore 50", "alésage 50", "Kolben-Ø 32", "Hub 100",
		// "course 100", "corsa 50", "carrera 250 mm"
		re: new RegExp(
			`\\b(?:${BORE_WORDS}|${STROKE_WORDS})\\s*:?\\s*${DEC}(?:\\s*mm)?(?![0-9a-z])`,
			'g',
		),
		read: (m) => mm(m[1]),
	},
	{
		// bore or stroke written after it: "50 bore", "30 mm stroke", "100 Hub"
		re: new RegExp(`${LEAD}${DEC}\\s*(?:mm\\s*)?(?:bore|stroke)\\b`, 'g'),
		read: (m) => mm(m[1]),
	},
	{
		// the tube a fitting is for: "tube 8", "pour tube de 12", "tubo da 4", "Schlauch 6 mm", "10er Schlauch"
		re: new RegExp(
			`(?<=\\b(?:${TUBE_WORDS})\\s+(?:(?:${TUBE_LINK})\\s+)?)(?:ø\\s*)?(\\d{1,2}(?:[.,]\\d)?)(?:\\s*mm)?(?![0-9a-z.,x])|(?:${LEAD}(\\d{1,2})(?:er|\\s*mm)|(?<=\\b(?:${TUBE_LINK})\\s)(\\d{1,2}))(?=\\s+(?:${TUBE_WORDS})\\b)`,
			'g',
		),
		read: (m) => mm(m[1] ?? m[2] ?? m[3]),
	},
	{
		// a size in millimetres: "8 mm", "63mm" (not mm², mm/s)
		re: new RegExp(`${LEAD}${DEC}\\s*mm(?![0-9a-z²/])`, 'g'),
		read: (m) => mm(m[1]),
	},
	{
		// a displacement: "16 cm³/rev", "11 cc", "8 ccm", "4 cm3/obr"
		re: new RegExp(
			`${LEAD}${DEC}\\s*(?:cm3|ccm|cc)(?:\\s*\\/\\s*(?:rev|obr|u|tr|giro|rot|umdr|omw)\\.?)?(?![0-9a-z])`,
			'g',
		),
		read: (m) => [{ dim: 'cc', value: num(m[1]) }],
	},
	{
		// an attenuation or a sound level: "SNR 33 dB", "33dB" (hearing protection, any noisy machine)
		re: new RegExp(`${LEAD}${DEC}\\s*-?\\s*db(?:\\(a\\)|a)?(?![0-9a-z])`, 'g'),
		read: (m) => [{ dim: 'db', value: num(m[1]) }],
	},
	{
		// a numbered size (gloves, shoes, garments): "size 9", "Gr. 42", "taille 43", "talla 9,5"; not a span
		// of sizes ("sizes 6-11", "Gr. 39 bis 47", "42/43"), which names no one size
		re: new RegExp(
			`\\b(?:${SIZE_WORDS})\\s*:?\\s*(\\d{1,2}(?:[.,]5)?)(?![0-9a-z]|[.,]\\d)(?!\\s*(?:[-/]|to|bis|a|au|al|tot|do)\\s*\\d)`,
			'g',
		),
		read: (m) => [{ dim: 'sizeno', value: num(m[1]) }],
	},
	{
		// the number a catalog gives after a lettered size: "size L (9)", "taille M (8)"
		re: new RegExp(
			`(?<=\\b(?:${SIZE_WORDS})\\s*:?\\s*(?:xxs|xs|s|m|l|xl|xxl)\\s*)\\((\\d{1,2}(?:[.,]5)?)\\)`,
			'g',
		),
		read: (m) => [{ dim: 'sizeno', value: num(m[1]) }],
	},
];

// the words of "or" in the eight languages, before a second value
const ALTERNATIVE_AFTER = /^\s*(?:or|ou|oder|bzw\.?|o|of|lub|albo)\s+[^\s\d]{0,6}\s?\d/;
const ALTERNATIVE_BEFORE = /\d[^\s\d]{0,3}\s+(?:or|ou|oder|bzw\.?|o|of|lub|albo)\s+$/;

export interface NotationScan {
	attributes: Array<NotationAttribute & { text: string }>;
	spans: Array<[number, number]>;
}

/** The size notations of a normalised text (see tokenize.normalizeText), with the spans they used. */
export function scanNotations(text: string): NotationScan {
	const scan: NotationScan = { attributes: [], spans: [] };
	for (const { rule, m, start, end } of freeMatches(text, RULES, scan.spans)) {
		// "course 20 ou 50", "Hub 100 oder 200": the buyer has not chosen; the size is left to the
		// reader of alternatives (read/analysis.ts alternativesIn), not read as the one asked for
		if (ALTERNATIVE_AFTER.test(text.slice(end)) || ALTERNATIVE_BEFORE.test(text.slice(0, start)))
			continue;
		const found = rule.read(m);
		if (!found || found.length === 0) continue;
		const written = m[0].trim();
		for (const a of found) scan.attributes.push({ ...a, text: written });
		scan.spans.push([start, end]);
	}
	return scan;
}
