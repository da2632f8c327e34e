// Decides when the lead intends to buy, in whole months from a reference date passed in by the caller
// (the core has no clock): "ASAP" → 0, "within 6 weeks" → 1, "Q2 2027", "by September 2027",
// "next quarter", "im Sommer", "primer trimestre de 2027", "KW 3/2027". The first usable timing
// phrase wins; phrases about the past ("3 weeks ago", "outage of 3 weeks") or about a call or
// meeting ("call me next week") are not purchase timing and are skipped.
import { CARDINALS } from '../numberWords';
import { fold } from './fold';
import type { TimelineEvidence } from './schema';

const DAY_MS = 86_400_000;
const MONTH_DAYS = 30.4375;
const MAX_MONTHS = 120;

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

// Word starts are checked in code (`nextMatch`): a leading look-behind would stop the regex engine
// from skipping ahead on the first characters of an alternation, which costs several times more.
const E = '(?![A-Za-z0-9\\u00c0-\\u024f])'; // word end

const MONTH_NAMES: string[][] = [
	['january', 'januar', 'jänner', 'enero', 'janvier', 'gennaio', 'janeiro', 'jan'],
	['february', 'februar', 'feber', 'febrero', 'février', 'fevrier', 'febbraio', 'fevereiro', 'feb'],
	['march', 'märz', 'maerz', 'marzo', 'mars', 'março', 'mar'],
	['april', 'abril', 'avril', 'aprile', 'apr'],
	['may', 'mai', 'mayo', 'maggio', 'maio'],
	['june', 'juni', 'junio', 'juin', 'giugno', 'junho', 'jun'],
	['july', 'juli', 'julio', 'juillet', 'luglio', 'julho', 'jul'],
	['august', 'agosto', 'août', 'aout', 'aug'],
	['september', 'septiembre', 'setiembre', 'septembre', 'settembre', 'setembro', 'sept', 'sep'],
	['october', 'oktober', 'octubre', 'octobre', 'ottobre', 'outubro', 'oct', 'okt'],
	['november', 'noviembre', 'novembre', 'novembro', 'nov'],
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
	],
];
const MONTH_INDEX = new Map<string, number>();
// Keys are folded ("märz" → "marz") because the word patterns run on the folded text.
MONTH_NAMES.forEach((names, index) => names.forEach((name) => MONTH_INDEX.set(fold(name), index)));
/** Month words that are also ordinary words ("may", "mars", "mar") or abbreviations: need context. */
const AMBIGUOUS_MONTHS = new Set([
	'may',
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

type Season = 'spring' | 'summer' | 'autumn' | 'winter';
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
const AMBIGUOUS_SEASONS = new Set(['fall', 'ete', 'estate']);
const SEASON_BY_FOLDED = new Map(
	Object.entries(SEASON_WORDS).map(([word, season]) => [fold(word), season]),
);
const SEASON_ALTERNATION = [...SEASON_BY_FOLDED.keys()]
	.sort((a, b) => b.length - a.length)
	.join('|');
// First month (0-based) of each season in the northern hemisphere.
const SEASON_START: Record<Season, number> = { spring: 2, summer: 5, autumn: 8, winter: 11 };

// the cardinals up to twelve of core/numberWords.ts (the one number-word table; folded), and "one"
const SMALL_NUMBERS: Record<string, number> = {
	one: 1,
	...Object.fromEntries(
		Object.values(CARDINALS).flatMap((words) => Object.entries(words).filter(([, n]) => n <= 12)),
	),
};
/** Articles and vague counts: only meaningful after a preposition ("in a month", "within a few weeks"). */
const VAGUE_NUMBERS: Record<string, number> = {
	a: 1,
	an: 1,
	one: 1,
	ein: 1,
	eine: 1,
	einem: 1,
	einen: 1,
	einer: 1,
	un: 1,
	una: 1,
	uno: 1,
	une: 1,
	um: 1,
	uma: 1,
	'a couple of': 2,
	'couple of': 2,
	'a couple': 2,
	'un par de': 2,
	'ein paar': 3,
	'a few': 3,
	few: 3,
	several: 4,
	einige: 3,
	unos: 3,
	unas: 3,
	algunos: 3,
	algunas: 3,
	quelques: 3,
	qualche: 3,
	alcuni: 3,
	alcune: 3,
	alguns: 3,
	algumas: 3,
};
const SMALL_BY_FOLDED = new Map(Object.entries(SMALL_NUMBERS).map(([word, n]) => [fold(word), n]));
const VAGUE_BY_FOLDED = new Map(Object.entries(VAGUE_NUMBERS).map(([word, n]) => [fold(word), n]));
const NUMBER_WORD_ALTERNATION = [...new Set([...SMALL_BY_FOLDED.keys(), ...VAGUE_BY_FOLDED.keys()])]
	.sort((a, b) => b.length - a.length)
	.join('|');

type Unit = 'day' | 'week' | 'month' | 'year';
const UNIT_WORDS: Array<[Unit, string]> = [
	['day', 'days|day|tagen|tage|tag|días|dias|día|dia|jours|jour|giorni|giorno'],
	['week', 'weeks|week|wochen|woche|semanas|semana|semaines|semaine|settimane|settimana'],
	['month', 'months|month|monaten|monate|monats|monat|meses|mes|mês|mois|mesi|mese'],
	['year', 'years|year|jahren|jahre|jahr|años|año|anos|ano|ans|an|anni|anno'],
];
const UNIT_BY_FOLDED = new Map<string, Unit>();
for (const [unit, words] of UNIT_WORDS)
	for (const word of words.split('|'))
		if (!UNIT_BY_FOLDED.has(fold(word))) UNIT_BY_FOLDED.set(fold(word), unit);
const UNIT_ALTERNATION = [...UNIT_BY_FOLDED.keys()].sort((a, b) => b.length - a.length).join('|');
function unitOf(word: string): Unit {
	return UNIT_BY_FOLDED.get(word.toLowerCase()) ?? 'month';
}

// Prepositions that make a duration a deadline ("within 6 weeks", "innerhalb von 3 Monaten").
const DURATION_PREPOSITION =
	'(?:in the next|over the next|within the next|within|inside of|inside|in|next|innerhalb von|innerhalb der nächsten|innerhalb|binnen|in den nächsten|in den kommenden|' +
	"en los próximos|en las próximas|en un plazo de|en|dentro de|plazo de|plazo:|plazo|dans les|dans|d['’]ici|sous|entro|tra|fra|nei prossimi|nelle prossime|" +
	'nos próximos|nas próximas|no prazo de|prazo de|em até|até|em|timeline:?|timeframe:?|zeitrahmen:?|lead time:?)';

// ---------------------------------------------------------------------------------------------
// Patterns (compiled once). Word patterns are folded at load and run on the folded text (lower
// case, no accents, same offsets as the original), which is faster than case-insensitive matching.
// ---------------------------------------------------------------------------------------------

const URGENT = new RegExp(
	fold(
		`(?:asap|a\\.s\\.a\\.p\\.?|as soon as possible|as fast as possible|fastest (?:possible )?(?:lead time|delivery)|at the earliest|earliest possible|urgent(?:ly)?|immediately|right away|sofort|dringend|eilt|umgehend|` +
			'schnellstmöglich|so schnell wie möglich|baldmöglichst|cuanto antes|lo antes posible|lo más pronto posible|urgente(?:mente)?|urge|' +
			'de inmediato|inmediatamente|dès que possible|au plus vite|au plus tôt|il prima possibile|al più presto|subito|' +
			`o mais rápido possível|o quanto antes|o mais breve possível|imediatamente)${E}|尽快|紧急|马上`,
	),
	'g',
);
const NEGATED =
	/(?<![A-Za-z\u00c0-\u024f])(?:not|no|nicht|kein|keine|sin|pas|non|não|nada|nie)\s+(?:[A-Za-z\u00c0-\u024f]+\s+)?$/i;

const DURATION = new RegExp(
	fold(
		`(?:(?<prep>${DURATION_PREPOSITION})\\s+(?:the\\s+|los\\s+|las\\s+|den\\s+|les\\s+|os\\s+|as\\s+)?)?` +
			`(?<num>\\d{1,3}(?:[.,]\\d)?|${NUMBER_WORD_ALTERNATION})` +
			`(?:\\s*(?:-|–|to|bis|a|à|o|or|oder|ou)\\s*(?<num2>\\d{1,3}|${NUMBER_WORD_ALTERNATION}))?` +
			`\\s*(?<unit>${UNIT_ALTERNATION})${E}`,
	),
	'g',
);
const DURATION_EXCLUDED_BEFORE =
	/(?:(?<![A-Za-z\u00c0-\u024f])(?:for|für|pour|per|por|durante|during|über|over|since|seit|desde|hace|depuis|da|every|alle|cada|ogni|tous les|todos los|warranty|garantie|garantía|garanzia|garantia|outage|ausfall|after|nach|después de|après|dopo|após|first|last|past|letzten|vergangenen|últimos|últimas|derniers|dernières|ultimi|ultime|of|about|ago|lead time of|stock for|running for|age of|old)\s+(?:[A-Za-z\u00c0-\u024f]+\s+)?)$/i;
const DURATION_EXCLUDED_AFTER =
	/^\s*(?:ago|her|atrás|fa|hace|of\b|de\b|des\b|di\b|von\b|del\b|last year|letztes jahr|el año pasado|old|alt|warranty|garantie|garantía|lang\b|long\b|delay|verzug|retraso)/i;

const MONTH_DATE = new RegExp(
	fold(
		`(?:(?<day>\\d{1,2})(?:st|nd|rd|th|\\.|º|er)?\\s*(?:de\\s+|of\\s+)?)?(?<month>${MONTH_ALTERNATION})${E}` +
			`(?:\\s+(?<day2>\\d{1,2})(?:st|nd|rd|th)?(?![0-9]))?(?:\\.?,?\\s*(?:de\\s+|del\\s+|of\\s+)?(?<year>20\\d\\d)(?!\\d))?`,
	),
	'g',
);
const MONTH_CONTEXT_BEFORE =
	/(?:(?<![A-Za-z\u00c0-\u024f])(?:in|by|until|till|before|early|mid|late|end of|from|for|next|this|im|bis|ende|anfang|mitte|vor|zum|ab|en|fin|début|avant|d['’]ici|de|à|a|entro|di|em|até|antes de|hasta|desde|the)\s+|-)$/i;

const SEASON = new RegExp(
	fold(
		`(?<season>${SEASON_ALTERNATION})${E}(?:\\s+(?:de\\s+|of\\s+|del\\s+)?(?<year>20\\d\\d)(?!\\d))?`,
	),
	'g',
);
const SEASON_CONTEXT_BEFORE =
	/(?:(?<![A-Za-z\u00c0-\u024f])(?:in the|in|by|this|next|until|before|early|late|the|en|l['’]|cet|d['’]|avant l['’]|d['’]ici l['’]|pour l['’]|quest['’]|prossima|entro l['’]|nell['’]|dell['’]|in)\s*)$/i;

const ORDINAL_QUARTER: Record<string, number> = {
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
const QUARTER = new RegExp(
	`(?:[Qq](?<q>[1-4])|(?<q2>[1-4])[Qq]|[T](?<q3>[1-4])(?=\\s+20\\d\\d)|(?<ord>${ORDINAL_ALTERNATION})\\s*(?:quarter|quartal|trimestre|trim\\.))${E}${YEAR_TAIL}`,
	'gi',
);
const HALF = new RegExp(
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
const RELATIVE_ROWS: Array<[Relative, string]> = [
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
const RELATIVE = new RegExp(
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
const YEAR_LEAD_PATTERNS: Array<[Anchor, RegExp]> = YEAR_LEAD.map(([anchor, words]) => [
	anchor,
	new RegExp(`^(?:${fold(words)})$`),
]);
const YEAR = new RegExp(
	fold(
		`(?<lead>${YEAR_LEAD.map(([, words]) => words).join('|')})\\s+(?<year>20\\d\\d)(?![0-9/\\-]|\\.\\d)`,
	),
	'g',
);

const ISO_DATE = /(?<![0-9])(?<y>20\d\d)-(?<m>\d{1,2})-(?<d>\d{1,2})(?![0-9])/g;
const NUMERIC_DATE = /(?<![0-9./])(?<d>\d{1,2})[./](?<m>\d{1,2})[./](?<y>20\d\d)(?![0-9])/g;
// Fixed-date holidays that buyers use as deadlines ("before Christmas", "vor Weihnachten").
const HOLIDAY = new RegExp(
	fold(
		"(?<christmas>christmas|xmas|weihnachten|navidad|noël|natale|natal|kerst|jul(?=\\s|$))|(?<newyear>new year's eve|silvester|nochevieja|saint-sylvestre)",
	),
	'g',
);
// "Need by 12/15", "bis 15.3.": day and month without a year, only after a deadline word.
const SHORT_DATE =
	/(?<![A-Za-z\u00c0-\u024f])(?:by|until|before|on|due|bis|zum|am|antes del?|para el|avant le|entro il|até)\s+(?<a>\d{1,2})(?:\/(?<b>\d{1,2})|\.(?<b2>\d{1,2})\.?)(?![0-9/%A-Za-z\u00c0-\u024f]|\.\d|\s*(?:%|mio|mill|[kKmM](?![A-Za-z])))/gi;
const CALENDAR_WEEK = new RegExp(
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
const MEETING_BEFORE =
	/(?<![A-Za-z\u00c0-\u024f])(?:call|meeting|demo|visit|talk|chat|webinar|rückruf|anruf|gespräch|besuch|llamada|reunión|visita|appel|rendez-vous|réunion|chiamata|riunione|ligação|reunião)\b(?!\s*(?:d['’]offres|for (?:tenders?|bids|proposals|quotations)|-?off))[^.!?\n]{0,40}$/i;

// ---------------------------------------------------------------------------------------------
// Date arithmetic (UTC calendar days; no clock)
// ---------------------------------------------------------------------------------------------

interface Period {
	start: number; // epoch ms
	end: number; // epoch ms (inclusive day end)
}

type Anchor = 'mid' | 'by' | 'before' | 'early' | 'late';

function monthPeriod(year: number, month: number): Period {
	return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) - 1 };
}

function spanPeriod(year: number, firstMonth: number, months: number): Period {
	return { start: Date.UTC(year, firstMonth, 1), end: Date.UTC(year, firstMonth + months, 1) - 1 };
}

function anchorOf(period: Period, anchor: Anchor): number {
	const span = period.end - period.start;
	switch (anchor) {
		case 'by':
			return period.end;
		case 'before':
			return period.start;
		case 'early':
			return period.start + span / 6;
		case 'late':
			return period.end - span / 6;
		default:
			return period.start + span / 2;
	}
}

/** Whole months from `now` to the anchor of `period`, or null if the period is already over. */
function monthsUntil(period: Period, anchor: Anchor, now: number): number | null {
	if (period.end < now) return null;
	let target = anchorOf(period, anchor);
	if (target < now) target = now + (period.end - now) / 2;
	return Math.round((target - now) / DAY_MS / MONTH_DAYS);
}

function expandYear(text: string | undefined): number | null {
	if (!text) return null;
	const value = Number(text);
	return text.length === 2 ? 2000 + value : value;
}

/** The next period (this year's if it has not ended, else next year's) built by `make(year)`. */
function nextOccurrence(make: (year: number) => Period, now: number, nowYear: number): Period {
	const thisYear = make(nowYear);
	return thisYear.end >= now ? thisYear : make(nowYear + 1);
}

function isoWeekThursday(year: number, week: number): number {
	const jan4 = Date.UTC(year, 0, 4);
	const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
	return jan4 - dow * DAY_MS + (week - 1) * 7 * DAY_MS + 3 * DAY_MS;
}

// One scan of the window for all modifiers; at the leftmost match the first group listed wins.
const ANCHOR_BEFORE = new RegExp(
	`(?:(?<by>${BY_BEFORE.source.replace(/\$$/, '')})|(?<end>${END_BEFORE.source.replace(/\$$/, '')})|` +
		`(?<before>${BEFORE_BEFORE.source.replace(/\$$/, '')})|(?<early>${EARLY_BEFORE.source.replace(/\$$/, '')})|` +
		`(?<late>${LATE_BEFORE.source.replace(/\$$/, '')}))$`,
	'i',
);

function anchorBefore(text: string, index: number): { anchor: Anchor; length: number } {
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

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

interface Candidate {
	index: number;
	end: number;
	months: number;
}

export interface TimelineOptions {
	/** Seasons are shifted by six months for buyers south of the equator. */
	southernHemisphere?: boolean;
	/** Read an ambiguous "3/4" as March 4 (United States) rather than 3 April. */
	monthFirst?: boolean;
	/** `fold(text)`, when the caller already has it (saves one pass). */
	folded?: string;
}

function numberValue(word: string, withPreposition: boolean): number | null {
	const lower = word.toLowerCase();
	if (/^\d/.test(lower)) return Number(lower.replace(',', '.'));
	const small = SMALL_BY_FOLDED.get(lower);
	if (small !== undefined) return small;
	if (withPreposition) return VAGUE_BY_FOLDED.get(lower) ?? null;
	return null;
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
function nextMatch(pattern: RegExp, text: string): RegExpExecArray | null {
	for (let m = pattern.exec(text); m !== null; m = nextMatch(pattern, text)) {
		if (m.index === 0 || !isWordChar(text.charCodeAt(m.index - 1))) return m;
		pattern.lastIndex = m.index + 1;
	}
	return null;
}

/** Restarts a shared global pattern on `text` (exec loops avoid matchAll's per-call regex copies). */
function firstMatch(pattern: RegExp, text: string): RegExpExecArray | null {
	pattern.lastIndex = 0;
	return nextMatch(pattern, text);
}

function collect(
	text: string,
	folded: string,
	now: number,
	options: TimelineOptions,
	out: Candidate[],
): void {
	const nowDate = new Date(now);
	const nowYear = nowDate.getUTCFullYear();
	const nowMonth = nowDate.getUTCMonth();

	const push = (index: number, end: number, months: number | null, anchorLength = 0) => {
		if (months === null || !Number.isFinite(months) || months < 0 || months > MAX_MONTHS) return;
		out.push({ index: index - anchorLength, end, months });
	};

	for (let m = firstMatch(URGENT, folded); m !== null; m = nextMatch(URGENT, folded)) {
		if (NEGATED.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
		push(m.index, m.index + m[0].length, 0);
	}

	for (let m = firstMatch(DURATION, folded); m !== null; m = nextMatch(DURATION, folded)) {
		const g = m.groups ?? {};
		const withPreposition = g.prep !== undefined;
		const before = text.slice(Math.max(0, m.index - 30), m.index);
		const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
		if (
			!withPreposition &&
			(DURATION_EXCLUDED_BEFORE.test(before) || DURATION_EXCLUDED_AFTER.test(after))
		)
			continue;
		if (withPreposition && DURATION_EXCLUDED_AFTER.test(after)) continue;
		const first = numberValue(g.num ?? '', withPreposition);
		const second = g.num2 !== undefined ? numberValue(g.num2, withPreposition) : null;
		if (first === null || first <= 0) continue;
		const count = second !== null && second > first ? (first + second) / 2 : first;
		const unit = unitOf(g.unit ?? '');
		const months =
			unit === 'month'
				? count
				: unit === 'year'
					? count * 12
					: (count * (unit === 'week' ? 7 : 1)) / MONTH_DAYS;
		push(m.index, m.index + m[0].length, Math.round(months));
	}

	for (let m = firstMatch(MONTH_DATE, folded); m !== null; m = nextMatch(MONTH_DATE, folded)) {
		const g = m.groups ?? {};
		const name = (g.month ?? '').toLowerCase();
		const month = MONTH_INDEX.get(name);
		if (month === undefined) continue;
		const dayText = g.day ?? g.day2;
		const year = expandYear(g.year);
		if (AMBIGUOUS_MONTHS.has(name) && !year && !dayText) {
			if (!MONTH_CONTEXT_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
		}
		const { anchor, length } = anchorBefore(text, m.index);
		if (dayText) {
			const day = Number(dayText);
			if (day < 1 || day > 31) continue;
			const make = (y: number): Period => {
				const at = Date.UTC(y, month, day);
				return { start: at, end: at + DAY_MS - 1 };
			};
			const period = year ? make(year) : nextOccurrence(make, now, nowYear);
			push(m.index, m.index + m[0].length, monthsUntil(period, 'mid', now), length);
		} else {
			const make = (y: number) => monthPeriod(y, month);
			const period = year ? make(year) : month >= nowMonth ? make(nowYear) : make(nowYear + 1);
			push(m.index, m.index + m[0].length, monthsUntil(period, anchor, now), length);
		}
	}

	for (let m = firstMatch(SEASON, folded); m !== null; m = nextMatch(SEASON, folded)) {
		const g = m.groups ?? {};
		const word = (g.season ?? '').toLowerCase();
		const season = SEASON_BY_FOLDED.get(word);
		if (!season) continue;
		const year = expandYear(g.year);
		if (
			AMBIGUOUS_SEASONS.has(word) &&
			!year &&
			!SEASON_CONTEXT_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))
		) {
			continue;
		}
		const firstMonth = (SEASON_START[season] + (options.southernHemisphere ? 6 : 0)) % 12;
		const make = (y: number) => spanPeriod(y, firstMonth, 3);
		const { anchor, length } = anchorBefore(text, m.index);
		// A season already past its middle ("im Herbst" in late November) means next year's.
		let period = year ? make(year) : nextOccurrence(make, now, nowYear);
		if (!year && period.start < now && anchorOf(period, 'mid') < now)
			period = make(new Date(period.start).getUTCFullYear() + 1);
		push(m.index, m.index + m[0].length, monthsUntil(period, anchor, now), length);
	}

	for (let m = firstMatch(QUARTER, text); m !== null; m = nextMatch(QUARTER, text)) {
		const g = m.groups ?? {};
		const quarter = Number(
			g.q ?? g.q2 ?? g.q3 ?? ORDINAL_QUARTER[(g.ord ?? '').toLowerCase()] ?? 0,
		);
		if (quarter < 1 || quarter > 4) continue;
		const year = expandYear(g.year ?? g.yy);
		const make = (y: number) => spanPeriod(y, (quarter - 1) * 3, 3);
		const { anchor, length } = anchorBefore(text, m.index);
		const period = year ? make(year) : nextOccurrence(make, now, nowYear);
		push(m.index, m.index + m[0].length, monthsUntil(period, anchor, now), length);
	}

	for (let m = firstMatch(HALF, text); m !== null; m = nextMatch(HALF, text)) {
		const g = m.groups ?? {};
		if (g.h && m[0].startsWith('h')) continue; // "<h1>" in HTML, not "H1"
		const ord = (g.ord ?? '').toLowerCase();
		const half = g.h
			? Number(g.h)
			: /^(?:first|1st|erste|1\.|primer|premier|primo|primeiro)/.test(ord)
				? 1
				: 2;
		const year = g.next ? nowYear + 1 : expandYear(g.year);
		const make = (y: number) => spanPeriod(y, (half - 1) * 6, 6);
		const { anchor, length } = anchorBefore(text, m.index);
		const period = year ? make(year) : nextOccurrence(make, now, nowYear);
		push(m.index, m.index + m[0].length, monthsUntil(period, anchor, now), length);
	}

	for (let m = firstMatch(RELATIVE, folded); m !== null; m = nextMatch(RELATIVE, folded)) {
		const g = m.groups ?? {};
		const kind = RELATIVE_ROWS.find(([name]) => g[name] !== undefined)?.[0];
		if (!kind) continue;
		const { anchor, length } = anchorBefore(text, m.index);
		const quarterStart = Math.floor(nowMonth / 3) * 3;
		let period: Period | null = null;
		let fixedMonths: number | null = null;
		switch (kind) {
			case 'month_end':
				period = {
					start: Date.UTC(nowYear, nowMonth + 1, 0),
					end: Date.UTC(nowYear, nowMonth + 1, 1) - 1,
				};
				break;
			case 'new_year':
				period = spanPeriod(nowYear + 1, 0, 2);
				break;
			case 'next_quarter':
				period = spanPeriod(nowYear, quarterStart + 3, 3);
				break;
			case 'this_quarter':
				period = spanPeriod(nowYear, quarterStart, 3);
				break;
			case 'next_month':
				period = monthPeriod(nowYear, nowMonth + 1);
				break;
			case 'this_month':
				period = monthPeriod(nowYear, nowMonth);
				break;
			case 'next_week':
				fixedMonths = 0;
				break;
			case 'next_year':
				period = spanPeriod(nowYear + 1, 0, 12);
				break;
			case 'this_year':
				period = spanPeriod(nowYear, 0, 12);
				break;
			case 'year_end':
				period = { start: Date.UTC(nowYear, 11, 31), end: Date.UTC(nowYear + 1, 0, 1) - 1 };
				break;
			case 'coming_months':
				fixedMonths = 3;
				break;
			case 'short_term':
				fixedMonths = 2;
				break;
		}
		const months = fixedMonths ?? (period ? monthsUntil(period, anchor, now) : null);
		push(m.index, m.index + m[0].length, months, fixedMonths === null ? length : 0);
	}

	for (let m = firstMatch(YEAR, folded); m !== null; m = nextMatch(YEAR, folded)) {
		const g = m.groups ?? {};
		const year = Number(g.year);
		const lead = (g.lead ?? '').toLowerCase();
		const anchor = YEAR_LEAD_PATTERNS.find(([, pattern]) => pattern.test(lead))?.[0] ?? 'mid';
		push(m.index, m.index + m[0].length, monthsUntil(spanPeriod(year, 0, 12), anchor, now));
	}

	for (let m = firstMatch(ISO_DATE, text); m !== null; m = nextMatch(ISO_DATE, text)) {
		const g = m.groups ?? {};
		const at = Date.UTC(Number(g.y), Number(g.m) - 1, Number(g.d));
		if (Number(g.m) < 1 || Number(g.m) > 12 || Number(g.d) < 1 || Number(g.d) > 31) continue;
		push(
			m.index,
			m.index + m[0].length,
			monthsUntil({ start: at, end: at + DAY_MS - 1 }, 'mid', now),
		);
	}

	for (let m = firstMatch(NUMERIC_DATE, text); m !== null; m = nextMatch(NUMERIC_DATE, text)) {
		const g = m.groups ?? {};
		let day = Number(g.d);
		let month = Number(g.m);
		// Month first when day-first is impossible, or when the buyer writes that way and it is possible.
		if ((month > 12 && day <= 12) || (options.monthFirst === true && day <= 12 && month <= 31))
			[day, month] = [month, day];
		if (month < 1 || month > 12 || day < 1 || day > 31) continue;
		const at = Date.UTC(Number(g.y), month - 1, day);
		const { length } = anchorBefore(text, m.index);
		push(
			m.index,
			m.index + m[0].length,
			monthsUntil({ start: at, end: at + DAY_MS - 1 }, 'mid', now),
			length,
		);
	}

	for (let m = firstMatch(HOLIDAY, folded); m !== null; m = nextMatch(HOLIDAY, folded)) {
		const g = m.groups ?? {};
		const [month, day] = g.christmas !== undefined ? [11, 25] : [11, 31];
		const make = (y: number): Period => {
			const at = Date.UTC(y, month, day);
			return { start: at, end: at + DAY_MS - 1 };
		};
		const { length } = anchorBefore(text, m.index);
		push(
			m.index,
			m.index + m[0].length,
			monthsUntil(nextOccurrence(make, now, nowYear), 'mid', now),
			length,
		);
	}

	for (let m = firstMatch(SHORT_DATE, text); m !== null; m = nextMatch(SHORT_DATE, text)) {
		const g = m.groups ?? {};
		const a = Number(g.a);
		const b = Number(g.b ?? g.b2);
		// Day first unless that is impossible or the buyer writes month first.
		const monthFirst = b > 12 || (options.monthFirst === true && a <= 12);
		const [day, month] = monthFirst ? [b, a] : [a, b];
		if (month < 1 || month > 12 || day < 1 || day > 31) continue;
		const make = (y: number): Period => {
			const at = Date.UTC(y, month - 1, day);
			return { start: at, end: at + DAY_MS - 1 };
		};
		push(
			m.index,
			m.index + m[0].length,
			monthsUntil(nextOccurrence(make, now, nowYear), 'mid', now),
		);
	}

	for (let m = firstMatch(CALENDAR_WEEK, text); m !== null; m = nextMatch(CALENDAR_WEEK, text)) {
		const g = m.groups ?? {};
		const week = Number(g.w);
		if (week < 1 || week > 53) continue;
		const year = expandYear(g.y ?? g.y2);
		const make = (y: number): Period => {
			const at = isoWeekThursday(y, week);
			return { start: at, end: at + DAY_MS - 1 };
		};
		const period = year ? make(year) : nextOccurrence(make, now, nowYear);
		const { length } = anchorBefore(text, m.index);
		push(m.index, m.index + m[0].length, monthsUntil(period, 'mid', now), length);
	}
}

/**
 * Months from `now` until the purchase timing stated in `text`, with the verbatim phrase, or `null`
 * when the text states none. Only the reference date `now` is used as "today".
 */
export function extractTimeline(
	text: string,
	now: Date,
	options: TimelineOptions = {},
): TimelineEvidence | null {
	if (!text) return null;
	const nowMs = now.getTime();
	if (!Number.isFinite(nowMs)) return null;
	const candidates: Candidate[] = [];
	collect(text, options.folded ?? fold(text), nowMs, options, candidates);
	if (candidates.length === 0) return null;
	candidates.sort((a, b) => a.index - b.index || b.end - a.end);
	for (const candidate of candidates) {
		const before = text.slice(Math.max(0, candidate.index - 60), candidate.index);
		if (MEETING_BEFORE.test(before)) continue;
		const evidence = text.slice(candidate.index, candidate.end).trim();
		if (evidence.length === 0) continue;
		return { months: candidate.months, evidence: evidence.slice(0, 300) };
	}
	return null;
}
