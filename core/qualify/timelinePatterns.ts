// The phrases the purchase timeline (timeline.ts) reads, compiled once: month and season words, quarters,
// halves, relative periods ("next quarter"), years, dates, holidays and calendar weeks; urgency and its
// negation; the modifiers read just before a match ("by", "end of", "before", "early", "late") and the
// call-or-meeting context that is not purchase timing; and the word-start scan over shared patterns.
// Word patterns are folded at load and run on the folded text (lower case, no accents, same offsets
// as the original), which is faster than case-insensitive matching. The duration words (numbers,
// units) live in timeline.ts with the number-word table.
import { fold } from './fold';
import type { Anchor } from './timelinePeriods';

// Word starts are checked in code (`nextMatch`): a leading look-behind would stop the regex engine
// from skipping ahead on the first characters of an alternation, which costs several times more.
export const E = '(?![A-Za-z0-9\\u00c0-\\u024f])'; // word end

// (Dutch and Polish, genitive and nominative, since issue 15: "vóór 1 maart", "do 15 marca")
const MONTH_NAMES: string[][] = [
	[
		'january',
		'januar',
		'jänner',
		'enero',
		'janvier',
		'gennaio',
		'janeiro',
		'jan',
		'januari',
		'stycznia',
		'styczen',
	],
	[
		'february',
		'februar',
		'feber',
		'febrero',
		'février',
		'fevrier',
		'febbraio',
		'fevereiro',
		'feb',
		'februari',
		'lutego',
		'luty',
	],
	['march', 'märz', 'maerz', 'marzo', 'mars', 'março', 'mar', 'maart', 'marca', 'marzec'],
	['april', 'abril', 'avril', 'aprile', 'apr', 'kwietnia', 'kwiecien'],
	['may', 'mai', 'mayo', 'maggio', 'maio', 'mei', 'maja'],
	['june', 'juni', 'junio', 'juin', 'giugno', 'junho', 'jun', 'czerwca', 'czerwiec'],
	['july', 'juli', 'julio', 'juillet', 'luglio', 'julho', 'jul', 'lipca', 'lipiec'],
	['august', 'agosto', 'août', 'aout', 'aug', 'augustus', 'sierpnia', 'sierpien'],
	[
		'september',
		'septiembre',
		'setiembre',
		'septembre',
		'settembre',
		'setembro',
		'sept',
		'sep',
		'wrzesnia',
		'wrzesien',
	],
	[
		'october',
		'oktober',
		'octubre',
		'octobre',
		'ottobre',
		'outubro',
		'oct',
		'okt',
		'pazdziernika',
		'pazdziernik',
	],
	['november', 'noviembre', 'novembre', 'novembro', 'nov', 'listopada', 'listopad'],
	[
		'december',
		'dezember',
		'diciembre',
		'décembre',
		'decembre',
		'dicembre',
		'dezembro',
		'dec',
		'dez',
		'dic',
		'grudnia',
		'grudzien',
	],
];
export const MONTH_INDEX = new Map<string, number>();
// Keys are folded ("märz" → "marz") because the word patterns run on the folded text.
MONTH_NAMES.forEach((names, index) => names.forEach((name) => MONTH_INDEX.set(fold(name), index)));
/** Month words that are also ordinary words ("may", "mars", "mar") or abbreviations: need context. */
export const AMBIGUOUS_MONTHS = new Set([
	'may',
	'mei',
	'maja',
	'mai',
	'march',
	'mars',
	'mar',
	'jan',
	'feb',
	'apr',
	'jun',
	'jul',
	'aug',
	'sep',
	'sept',
	'oct',
	'okt',
	'nov',
	'dec',
	'dez',
	'dic',
]);
const MONTH_ALTERNATION = [...MONTH_INDEX.keys()].sort((a, b) => b.length - a.length).join('|');

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';
const SEASON_WORDS: Record<string, Season> = {
	spring: 'spring',
	frühjahr: 'spring',
	frühling: 'spring',
	primavera: 'spring',
	printemps: 'spring',
	summer: 'summer',
	sommer: 'summer',
	verano: 'summer',
	été: 'summer',
	estate: 'summer',
	verão: 'summer',
	autumn: 'autumn',
	fall: 'autumn',
	herbst: 'autumn',
	otoño: 'autumn',
	automne: 'autumn',
	autunno: 'autumn',
	outono: 'autumn',
	winter: 'winter',
	invierno: 'winter',
	hiver: 'winter',
	inverno: 'winter',
};
/** Season words that are also ordinary words ("fall", "été" = "been", "estate"): need context. */
export const AMBIGUOUS_SEASONS = new Set(['fall', 'ete', 'estate']);
export const SEASON_BY_FOLDED = new Map(
	Object.entries(SEASON_WORDS).map(([word, season]) => [fold(word), season]),
);
const SEASON_ALTERNATION = [...SEASON_BY_FOLDED.keys()]
	.sort((a, b) => b.length - a.length)
	.join('|');
// First month (0-based) of each season in the northern hemisphere.
export const SEASON_START: Record<Season, number> = { spring: 2, summer: 5, autumn: 8, winter: 11 };

export const URGENT = new RegExp(
	fold(
		`(?:asap|a\\.s\\.a\\.p\\.?|as soon as possible|as fast as possible|fastest (?:possible )?(?:lead time|delivery)|at the earliest|earliest possible|urgent(?:ly)?|immediately|right away|sofort|dringend|eilt|umgehend|` +
			'schnellstmöglich|so schnell wie möglich|baldmöglichst|cuanto antes|lo antes posible|lo más pronto posible|urgente(?:mente)?|urge|' +
			'de inmediato|inmediatamente|dès que possible|au plus vite|au plus tôt|il prima possibile|al più presto|subito|' +
			`o mais rápido possível|o quanto antes|o mais breve possível|imediatamente)${E}|尽快|紧急|马上`,
	),
	'g',
);
export const NEGATED =
	/(?<![A-Za-z\u00c0-\u024f])(?:not|no|nicht|kein|keine|sin|pas|non|não|nada|nie)\s+(?:[A-Za-z\u00c0-\u024f]+\s+)?$/i;

export const MONTH_DATE = new RegExp(
	fold(
		`(?:(?<day>\\d{1,2})(?:st|nd|rd|th|\\.|º|er)?\\s*(?:de\\s+|of\\s+)?)?(?<month>${MONTH_ALTERNATION})${E}` +
			`(?:\\s+(?<day2>\\d{1,2})(?:st|nd|rd|th)?(?![0-9]))?(?:\\.?,?\\s*(?:de\\s+|del\\s+|of\\s+)?(?<year>20\\d\\d)(?!\\d))?`,
	),
	'g',
);
export const MONTH_CONTEXT_BEFORE =
	/(?:(?<![A-Za-z\u00c0-\u024f])(?:in|by|until|till|before|early|mid|late|end of|from|for|next|this|im|bis|ende|anfang|mitte|vor|zum|ab|en|fin|début|avant|d['’]ici|de|à|a|entro|di|em|até|antes de|hasta|desde|the)\s+|-)$/i;

export const SEASON = new RegExp(
	fold(
		`(?<season>${SEASON_ALTERNATION})${E}(?:\\s+(?:de\\s+|of\\s+|del\\s+)?(?<year>20\\d\\d)(?!\\d))?`,
	),
	'g',
);
export const SEASON_CONTEXT_BEFORE =
	/(?:(?<![A-Za-z\u00c0-\u024f])(?:in the|in|by|this|next|until|before|early|late|the|en|l['’]|cet|d['’]|avant l['’]|d['’]ici l['’]|pour l['’]|quest['’]|prossima|entro l['’]|nell['’]|dell['’]|in)\s*)$/i;

export const ORDINAL_QUARTER: Record<string, number> = {
	first: 1,
	second: 2,
	third: 3,
	fourth: 4,
	'1st': 1,
	'2nd': 2,
	'3rd': 3,
	'4th': 4,
	erste: 1,
	ersten: 1,
	erstes: 1,
	zweite: 2,
	zweiten: 2,
	dritte: 3,
	dritten: 3,
	vierte: 4,
	vierten: 4,
	primer: 1,
	primero: 1,
	segundo: 2,
	tercer: 3,
	tercero: 3,
	cuarto: 4,
	premier: 1,
	deuxième: 2,
	troisième: 3,
	quatrième: 4,
	'1er': 1,
	'2e': 2,
	'3e': 3,
	'4e': 4,
	'2ème': 2,
	'3ème': 3,
	'4ème': 4,
	primo: 1,
	secondo: 2,
	terzo: 3,
	quarto: 4,
	primeiro: 1,
	terceiro: 3,
	'1.': 1,
	'2.': 2,
	'3.': 3,
	'4.': 4,
	'1º': 1,
	'2º': 2,
	'3º': 3,
	'4º': 4,
	'1°': 1,
	'2°': 2,
	'3°': 3,
	'4°': 4,
};
const ORDINAL_ALTERNATION = Object.keys(ORDINAL_QUARTER)
	.sort((a, b) => b.length - a.length)
	.map((word) => word.replace('.', '\\.'))
	.join('|');
const YEAR_TAIL =
	"(?:\\s*(?:of|de|del|des|du|di)?\\s*(?<year>20\\d\\d)(?![0-9/\\-])|\\s*[/'’\\-]\\s*(?<yy>\\d\\d)(?![0-9/\\-]))?";
export const QUARTER = new RegExp(
	`(?:[Qq](?<q>[1-4])|(?<q2>[1-4])[Qq]|[T](?<q3>[1-4])(?=\\s+20\\d\\d)|(?<ord>${ORDINAL_ALTERNATION})\\s*(?:quarter|quartal|trimestre|trim\\.))${E}${YEAR_TAIL}`,
	'gi',
);
export const HALF = new RegExp(
	`(?:[Hh](?<h>[12])|(?<ord>first|second|1st|2nd|erste[nsr]?|zweite[nsr]?|1\\.|2\\.|primer|segundo|premier|second|primo|secondo|primeiro)\\s*` +
		'(?:half|halbjahr|hälfte|jahreshälfte|semestre|semester))' +
		`${E}(?:\\s+(?:of\\s+the\\s+|of\\s+|de\\s+|del\\s+|des\\s+|du\\s+|di\\s+|do\\s+)?(?:(?<year>20\\d\\d)(?!\\d)|(?<next>next year|nächsten jahres|des nächsten jahres|del próximo año|del año que viene|de l['’]année prochaine|del prossimo anno|do próximo ano)))?`,
	'gi',
);

type Relative =
	| 'new_year'
	| 'month_end'
	| 'next_quarter'
	| 'this_quarter'
	| 'next_month'
	| 'this_month'
	| 'next_week'
	| 'next_year'
	| 'this_year'
	| 'year_end'
	| 'coming_months'
	| 'short_term';
export const RELATIVE_ROWS: Array<[Relative, string]> = [
	[
		'next_quarter',
		'next quarter|nächste[nms]? quartal|kommende[nms]? quartal|(?:el )?próximo trimestre|siguiente trimestre|prochain trimestre|trimestre prochain|prossimo trimestre',
	],
	[
		'this_quarter',
		'this quarter|dieses quartal|laufende[nms]? quartal|este trimestre|ce trimestre|questo trimestre',
	],
	[
		'next_month',
		'next month|nächste[nm]? monat|kommende[nm]? monat|(?:el )?próximo mes|el mes que viene|le mois prochain|(?:il )?mese prossimo|il prossimo mese|(?:o |no )?próximo mês|mês que vem|下个月|下月',
	],
	[
		'this_month',
		'this month|diesen monat|in diesem monat|este mes|ce mois(?:-ci)?|questo mese|este mês|本月',
	],
	[
		'next_week',
		'next week|nächste woche|kommende woche|la próxima semana|la semana que viene|la semaine prochaine|la prossima settimana|próxima semana|下周',
	],
	[
		'new_year',
		"(?:in |into |after )?the new year|im neuen jahr|nach dem jahreswechsel|en el año nuevo|a principios de año|début d['’]année prochaine|a inizio anno prossimo|no ano novo",
	],
	[
		'month_end',
		'end of (?:the |this )?month|monatsende|ende des monats|ende dieses monats|fin de mes|finales de mes|fin del mes|fin du mois|fine mese|fine del mese|final do mês|fim do mês|月底',
	],
	[
		'year_end',
		"end of (?:the |this )?year|year[- ]end|jahresende|ende des jahres|fin de año|finales de año|fin del año|fin d['’]année|fin de l['’]année|fine anno|fine dell['’]anno|final do ano|fim do ano|年底",
	],
	[
		'next_year',
		"next year|nächste[ns]? jahr(?:es)?|kommende[ns]? jahr(?:es)?|(?:el )?próximo año|el año que viene|l['’]année prochaine|l['’]an prochain|l['’]anno prossimo|il prossimo anno|(?:o |no )?próximo ano|ano que vem|明年",
	],
	[
		'this_year',
		"this year|dieses jahr|in diesem jahr|noch in diesem jahr|este año|cette année|quest['’]anno|este ano|今年",
	],
	[
		'coming_months',
		'coming months|kommenden monaten|nächsten monaten|próximos meses|prochains mois|prossimi mesi',
	],
	[
		'short_term',
		'short[- ]term|kurzfristig|a corto plazo|à court terme|a breve termine|a curto prazo',
	],
];
export const RELATIVE = new RegExp(
	fold(RELATIVE_ROWS.map(([name, words]) => `(?<${name}>${words})`).join('|')),
	'g',
);

const YEAR_LEAD: Array<['by' | 'before' | 'early' | 'late' | 'mid', string]> = [
	[
		'by',
		"by|until|till|bis|bis spätestens|spätestens|hasta|d['’]ici|entro il|entro|até|no later than|end of|ende|finales de|a finales de|fin de|fin|fine|fine del|final de|no final de|fim de",
	],
	['before', 'before|vor|antes de|avant|prima del|prima di'],
	['early', 'early|anfang|principios de|inicios de|début|debut|inizio|início de|beginning of'],
	['late', 'late|later in'],
	[
		'mid',
		'in|for|during|im jahr|im jahre|im|für|ab|en|para|durante|dans|pour|en el|nel|per il|em|no ano de|in fy|fy|mid|mitte|mediados de|planen|planned for|plan for|geplant für|prevista para|previsto para|prévu en|previsto nel|planejado para',
	],
];
export const YEAR_LEAD_PATTERNS: Array<[Anchor, RegExp]> = YEAR_LEAD.map(([anchor, words]) => [
	anchor,
	new RegExp(`^(?:${fold(words)})$`),
]);
export const YEAR = new RegExp(
	fold(
		`(?<lead>${YEAR_LEAD.map(([, words]) => words).join('|')})\\s+(?<year>20\\d\\d)(?![0-9/\\-]|\\.\\d)`,
	),
	'g',
);

export const ISO_DATE = /(?<![0-9])(?<y>20\d\d)-(?<m>\d{1,2})-(?<d>\d{1,2})(?![0-9])/g;
export const NUMERIC_DATE = /(?<![0-9./])(?<d>\d{1,2})[./](?<m>\d{1,2})[./](?<y>20\d\d)(?![0-9])/g;
// Fixed-date holidays that buyers use as deadlines ("before Christmas", "vor Weihnachten").
export const HOLIDAY = new RegExp(
	fold(
		"(?<christmas>christmas|xmas|weihnachten|navidad|noël|natale|natal|kerst|jul(?=\\s|$))|(?<newyear>new year's eve|silvester|nochevieja|saint-sylvestre)",
	),
	'g',
);
// "Need by 12/15", "bis 15.3.": day and month without a year, only after a deadline word.
export const SHORT_DATE =
	/(?<![A-Za-z\u00c0-\u024f])(?:by|until|before|on|due|bis|zum|am|antes del?|para el|avant le|entro il|até)\s+(?<a>\d{1,2})(?:\/(?<b>\d{1,2})|\.(?<b2>\d{1,2})\.?)(?![0-9/%A-Za-z\u00c0-\u024f]|\.\d|\s*(?:%|mio|mill|[kKmM](?![A-Za-z])))/gi;
export const CALENDAR_WEEK = new RegExp(
	`(?:KW|CW|WK|[Ww]eek|[Ww]oche|[Ss]emana|[Ss]emaine|[Ss]ettimana)\\.?\\s*(?<w>\\d{1,2})(?![0-9])(?:\\s*[/\\-]\\s*(?<y>(?:20)?\\d\\d)|\\s+(?<y2>20\\d\\d))?(?![0-9])`,
	'g',
);

// Modifiers read from the text just before a match.
const BY_BEFORE =
	/(?:(?<![A-Za-z\u00c0-\u024f])(?:by|until|till|no later than|not later than|bis|spätestens|hasta|entro|d['’]ici|até)\s+(?:(?:the|el|la|le|il|o|a|zum|zur|spätestens)\s+)?(?:(?:end of|ende|fin de|finales de|fine di|final de)\s+)?(?:(?:the|el|la|il|o)\s+)?)$/i;
const END_BEFORE =
	/(?:(?<![A-Za-z\u00c0-\u024f])(?:end of(?: the)?|ende|zum ende|finales de|a finales de|al final de|fin de|fin|fine|alla fine di|final de|no final de|fim de|no fim de)\s+)$/i;
const BEFORE_BEFORE =
	/(?:(?<![A-Za-z\u00c0-\u024f])(?:before|prior to|ahead of|vor|antes de|antes del|antes da|antes do|avant|prima di|prima del|prima della)\s+(?:(?:the|dem|der|den|el|la|le|l['’]|il|o|a)\s*)?)$/i;
const EARLY_BEFORE =
	/(?:(?<![A-Za-z\u00c0-\u024f])(?:early|beginning of|start of|anfang|zu beginn|principios de|a principios de|inicios de|comienzos de|début|en début d['’]|au début d[eu'’]?|inizio|all['’]inizio di|início de|no início de|começo de)\s*(?:(?:the)\s+)?)$/i;
const LATE_BEFORE = /(?:(?<![A-Za-z\u00c0-\u024f])(?:late|later in|ende|spät)\s+)$/i;
export const MEETING_BEFORE =
	/(?<![A-Za-z\u00c0-\u024f])(?:call|meeting|demo|visit|talk|chat|webinar|rückruf|anruf|gespräch|besuch|llamada|reunión|visita|appel|rendez-vous|réunion|chiamata|riunione|ligação|reunião)\b(?!\s*(?:d['’]offres|for (?:tenders?|bids|proposals|quotations)|-?off))[^.!?\n]{0,40}$/i;

// One scan of the window for all modifiers; at the leftmost match the first group listed wins.
const ANCHOR_BEFORE = new RegExp(
	`(?:(?<by>${BY_BEFORE.source.replace(/\$$/, '')})|(?<end>${END_BEFORE.source.replace(/\$$/, '')})|` +
		`(?<before>${BEFORE_BEFORE.source.replace(/\$$/, '')})|(?<early>${EARLY_BEFORE.source.replace(/\$$/, '')})|` +
		`(?<late>${LATE_BEFORE.source.replace(/\$$/, '')}))$`,
	'i',
);

export function anchorBefore(text: string, index: number): { anchor: Anchor; length: number } {
	const found = ANCHOR_BEFORE.exec(text.slice(Math.max(0, index - 40), index));
	if (!found?.groups) return { anchor: 'mid', length: 0 };
	const g = found.groups;
	const anchor: Anchor =
		g.by !== undefined || g.end !== undefined
			? 'by'
			: g.before !== undefined
				? 'before'
				: g.early !== undefined
					? 'early'
					: 'late';
	return { anchor, length: found[0].length };
}

function isWordChar(code: number): boolean {
	return (
		(code >= 48 && code <= 57) ||
		(code >= 65 && code <= 90) ||
		(code >= 97 && code <= 122) ||
		(code >= 0xc0 && code <= 0x24f)
	);
}

/** Next match of a shared global pattern that starts a word (Latin letters/digits only; CJK has no spaces). */
export function nextMatch(pattern: RegExp, text: string): RegExpExecArray | null {
	for (let m = pattern.exec(text); m !== null; m = nextMatch(pattern, text)) {
		if (m.index === 0 || !isWordChar(text.charCodeAt(m.index - 1))) return m;
		pattern.lastIndex = m.index + 1;
	}
	return null;
}

/** Restarts a shared global pattern on `text` (exec loops avoid matchAll's per-call regex copies). */
export function firstMatch(pattern: RegExp, text: string): RegExpExecArray | null {
	pattern.lastIndex = 0;
	return nextMatch(pattern, text);
}
