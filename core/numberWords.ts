// Number words of the buyers' languages, one table per language, and the one reader of them (issue 17:
// the quote reader and its multiplier reader used to keep their own tables). Words are folded: lower case,
// no diacritics ("fünf" is "funf", "três" is "tres", "sześć" is "szesc"). Decides:
// - Which words are numbers: the cardinals up to twenty, the tens up to a hundred and "dozen" in English,
//   German, Spanish, French, Italian, Portuguese, Dutch and Polish (with the Polish genitive and
//   instrumental forms: "dwóch wirówek", "trzech mieszadeł"), plus compounds written as one phrase
//   ("twenty-four", "vierundzwanzig", "veinticuatro", "vingt-quatre", "ventiquattro").
// - One (and its articles "a", "ein", "un", "uma") is not in the tables: whether an article is a count is
//   the caller's decision, not a word's.
// - A word that is a number in one language and an ordinary word in another is a number only in context:
//   "once" (Spanish 11, English "once"), "due" (Italian 2, English "due"), "sei" (Italian 6, German "be"),
//   "sept" (French 7, "Sept." for September), "elf" (German and Dutch 11), "dos" (Spanish 2, Portuguese
//   "of the"), "tre" and "nove" are safe. Such a word counts only when the word after it starts with a
//   letter and is not a function word ("due switch" is 2, "was due last week" and "due to" are not).
export type NumberLanguage = 'en' | 'de' | 'es' | 'fr' | 'it' | 'pt' | 'nl' | 'pl';

const table = (words: string): Readonly<Record<string, number>> =>
	Object.fromEntries(
		words
			.trim()
			.split(/\s+/)
			.map((pair) => {
				const [w, n] = pair.split('=');
				return [w, Number(n)];
			}),
	);

/** Folded cardinal words per language (see the module comment for what is left out). */
export const CARDINALS: Readonly<Record<NumberLanguage, Readonly<Record<string, number>>>> = {
	en: table(`two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 twelve=12
		thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 nineteen=19 twenty=20
		thirty=30 forty=40 fifty=50 sixty=60 seventy=70 eighty=80 ninety=90 hundred=100 dozen=12`),
	de: table(`zwei=2 drei=3 vier=4 funf=5 sechs=6 sieben=7 acht=8 neun=9 zehn=10 elf=11 zwolf=12
		dreizehn=13 vierzehn=14 funfzehn=15 sechzehn=16 siebzehn=17 achtzehn=18 neunzehn=19 zwanzig=20
		dreissig=30 vierzig=40 funfzig=50 sechzig=60 siebzig=70 achtzig=80 neunzig=90 hundert=100
		einhundert=100 zweihundert=200 dreihundert=300 vierhundert=400 funfhundert=500 dutzend=12`),
	es: table(`dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 diez=10 once=11 doce=12
		trece=13 catorce=14 quince=15 dieciseis=16 diecisiete=17 dieciocho=18 diecinueve=19 veinte=20
		treinta=30 cuarenta=40 cincuenta=50 sesenta=60 setenta=70 ochenta=80 noventa=90 cien=100
		doscientos=200 doscientas=200 trescientos=300 trescientas=300 cuatrocientos=400
		cuatrocientas=400 quinientos=500 quinientas=500 docena=12`),
	fr: table(`deux=2 trois=3 quatre=4 cinq=5 six=6 sept=7 huit=8 neuf=9 dix=10 onze=11 douze=12
		treize=13 quatorze=14 quinze=15 seize=16 vingt=20 trente=30 quarante=40 cinquante=50
		soixante=60 cent=100 douzaine=12`),
	it: table(`due=2 tre=3 quattro=4 cinque=5 sei=6 sette=7 otto=8 nove=9 dieci=10 undici=11 dodici=12
		tredici=13 quattordici=14 quindici=15 sedici=16 venti=20 trenta=30 quaranta=40 cinquanta=50
		cento=100 duecento=200 trecento=300 quattrocento=400 cinquecento=500 dozzina=12`),
	pt: table(`dois=2 duas=2 tres=3 quatro=4 cinco=5 seis=6 sete=7 oito=8 nove=9 dez=10 onze=11 doze=12
		quinze=15 vinte=20 trinta=30 quarenta=40 cinquenta=50 cem=100 duzentos=200 duzentas=200
		trezentos=300 trezentas=300 quatrocentos=400 quatrocentas=400 quinhentos=500 quinhentas=500
		duzia=12`),
	nl: table(`twee=2 drie=3 vier=4 vijf=5 zes=6 zeven=7 acht=8 negen=9 tien=10 elf=11 twaalf=12
		vijftien=15 twintig=20 dertig=30 veertig=40 vijftig=50 honderd=100 tweehonderd=200
		driehonderd=300 vierhonderd=400 vijfhonderd=500`),
	pl: table(`dwa=2 dwie=2 trzy=3 cztery=4 piec=5 szesc=6 siedem=7 osiem=8 dziewiec=9 dziesiec=10
		jedenascie=11 dwanascie=12 pietnascie=15 dwadziescia=20 trzydziesci=30 czterdziesci=40
		piecdziesiat=50 sto=100 dwiescie=200 trzysta=300 czterysta=400 piecset=500 tuzin=12 dwoch=2 dwom=2 dwoma=2 trzech=3 trzema=3 czterech=4 pieciu=5
		szesciu=6 siedmiu=7 osmiu=8 dziewieciu=9 dziesieciu=10 dwunastu=12 pietnastu=15 dwudziestu=20`),
};

/** Words that are a number in one language and an ordinary word elsewhere: a number only in context. */
export const AMBIGUOUS_NUMBER_WORDS: ReadonlySet<string> = new Set([
	'once',
	'due',
	'sei',
	'sept',
	'elf',
	'dos',
	'cent',
	'sto',
	'otto',
	'dez',
]);

const ALL: ReadonlyMap<string, number> = (() => {
	const out = new Map<string, number>();
	for (const words of Object.values(CARDINALS))
		for (const [w, n] of Object.entries(words)) if (!out.has(w)) out.set(w, n);
	return out;
})();

/** Every folded number word, longest first (for regular-expression alternations). */
export const NUMBER_WORD_LIST: readonly string[] = [...ALL.keys()].sort(
	(a, b) => b.length - a.length || a.localeCompare(b),
);

// Function words after which an ambiguous word is not a count ("due to", "was due last week", "sept 2026").
const NOT_COUNTED_AFTER = new Set(
	(
		'to the a an on by in at for of from last next this that today tomorrow soon date and or is was ' +
		'de la le les el los las en et y e und der die das den im am zu'
	).split(' '),
);

/**
 * The value of a folded number word, or undefined. An ambiguous word (AMBIGUOUS_NUMBER_WORDS) counts only
 * when `next`, the word after it, starts with a letter and is not a function word.
 */
export function numberWordValue(word: string, next?: string): number | undefined {
	const n = ALL.get(word);
	if (n === undefined) return undefined;
	if (!AMBIGUOUS_NUMBER_WORDS.has(word)) return n;
	if (next === undefined || !/^\p{L}/u.test(next) || NOT_COUNTED_AFTER.has(next)) return undefined;
	return n;
}

const UNITS_EN = 'one|two|three|four|five|six|seven|eight|nine';
const COMPOUNDS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => number | undefined]> = [
	// "two hundred", "one hundred" (not "one 100"), French "deux cents" / "trois cent": hundreds written as two
	// words (the other languages write them as one: "zweihundert", "doscientos", "duecento", "tweehonderd")
	[
		new RegExp(`\\b(${UNITS_EN}) hundred\\b`, 'g'),
		(m) => 100 * (m[1] === 'one' ? 1 : (ALL.get(m[1]) ?? NaN)),
	],
	[/\b(deux|trois|quatre|cinq|six|sept|huit|neuf) cents?\b/g, (m) => 100 * (ALL.get(m[1]) ?? NaN)],
	// "twenty-four", "twenty four"
	[
		new RegExp(
			`\\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](${UNITS_EN})\\b`,
			'g',
		),
		(m) => tens(m[1]) + (m[2] === 'one' ? 1 : (ALL.get(m[2]) ?? NaN)),
	],
	// "vierundzwanzig", "einundzwanzig"
	[
		/\b(ein|zwei|drei|vier|funf|sechs|sieben|acht|neun)und(zwanzig|dreissig|vierzig|funfzig|sechzig|siebzig|achtzig|neunzig)\b/g,
		(m) => tens(m[2]) + (m[1] === 'ein' ? 1 : (ALL.get(m[1]) ?? NaN)),
	],
	// "veinticuatro", "veintidos"
	[
		/\bveinti(uno|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)\b/g,
		(m) => 20 + (m[1].startsWith('un') ? 1 : (ALL.get(m[1]) ?? NaN)),
	],
	// "treinta y dos", "trinta e dois"
	[
		/\b(treinta|cuarenta|cincuenta|trinta|quarenta) [ye] (dos|dois|duas|tres|cuatro|quatro|cinco|seis|siete|sete|ocho|oito|nueve|nove)\b/g,
		(m) => tens(m[1]) + (ALL.get(m[2]) ?? NaN),
	],
	// "vingt-quatre", "trente-deux"
	[
		/\b(vingt|trente|quarante|cinquante|soixante)-(deux|trois|quatre|cinq|six|sept|huit|neuf)\b/g,
		(m) => tens(m[1]) + (ALL.get(m[2]) ?? NaN),
	],
	// "ventiquattro", "trentadue"
	[
		/\b(venti|trenta|quaranta|cinquanta)(due|tre|quattro|cinque|sei|sette|otto|nove)\b/g,
		(m) => tens(m[1]) + (ALL.get(m[2]) ?? NaN),
	],
	// "dwadzieścia cztery"
	[
		/\b(dwadziescia|trzydziesci|czterdziesci) (dwa|dwie|trzy|cztery|piec|szesc|siedem|osiem|dziewiec)\b/g,
		(m) => tens(m[1]) + (ALL.get(m[2]) ?? NaN),
	],
];

function tens(word: string): number {
	return ALL.get(word) ?? NaN;
}

/** Phrases that mean a number in any of the languages ("a dozen", "a pair of", "una docena de"). */
const PHRASES: ReadonlyArray<[RegExp, string]> = [
	[/\bhalf an? dozen\b/g, '6'],
	[/\b(?:an? )?(?:pair|couple) of\b/g, '2'],
	[/\ba dozen\b/g, '12'],
	[/\b(?:ein|eine|einem|einen) (?:paar|dutzend)\b/g, ''],
	[/\buna docena(?: de)?\b/g, '12'],
	[/\bune douzaine(?: de| d')?\b/g, '12'],
	[/\buna dozzina(?: di)?\b/g, '12'],
	[/\buma duzia(?: de)?\b/g, '12'],
];

// month abbreviations are no count even at a line's end ("Lieferung – Dez.", "delivery – sept.")
const MONTHS = new Set(['sept', 'dez']);

/**
 * "- agitatore IKA RCT basic – due,", "- agitador … – dos.", "- wirówka … – sto;": an ambiguous number word
 * set off by a spaced dash before it and ending its line (a list's comma, semicolon or full stop allowed)
 * is the line's count ("due to", "was due" never stand so).
 */
function endsLineAfterDash(text: string, offset: number, word: string): boolean {
	return (
		AMBIGUOUS_NUMBER_WORDS.has(word) &&
		!MONTHS.has(word) &&
		/\s[-–—]\s+$/.test(text.slice(Math.max(0, offset - 4), offset)) &&
		/^\s*[.,;]?[ \t]*(?:\n|$)/.test(text.slice(offset + word.length))
	);
}

/**
 * A folded text with its number words written as digits ("two 16-point cards" → "2 16-point cards",
 * "veinticuatro sensores" → "24 sensores"). `one`: the words for one the caller reads as a count ("one
 * S7-1500 CPU"). Offsets are not kept.
 */
export function numberWordsToDigits(folded: string, one: readonly string[] = []): string {
	let text = folded;
	for (const [re, value] of PHRASES) {
		// "ein paar" is "a few", not a count: left as written
		if (value === '') continue;
		text = text.replace(re, value);
	}
	for (const [re, value] of COMPOUNDS) {
		text = text.replace(re, (...args: unknown[]) => {
			const m = args.slice(0, -2) as unknown as RegExpExecArray;
			const n = value(m);
			return n !== undefined && Number.isFinite(n) ? String(n) : String(args[0]);
		});
	}
	const words = /\b[a-z]+\b/g;
	// where the last number word read as digits ended: a count written as a word is a count too
	let countEnd = -1;
	return text.replace(words, (w, offset: number) => {
		if (one.includes(w)) return '1';
		if (!ALL.has(w)) return w;
		// right after a count a word is its unit, not a second count: "8 dozen" and "drie dozen" are boxes in
		// Dutch
		const afterCount =
			/\d\s+$/.test(text.slice(Math.max(0, offset - 3), offset)) ||
			(countEnd >= 0 && /^\s+$/.test(text.slice(countEnd, offset)));
		if (ALL.get(w) !== 100 && afterCount) return w;
		const next = /^\s+([\p{L}\d]\S*)/u.exec(text.slice(offset + w.length))?.[1];
		const n = endsLineAfterDash(text, offset, w) ? ALL.get(w) : numberWordValue(w, next);
		if (n !== undefined) countEnd = offset + w.length;
		return n === undefined ? w : String(n);
	});
}
