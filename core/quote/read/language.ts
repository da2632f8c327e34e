// Which of the reader languages a text is written in, and which of its words are stop words there (ADR 0079).
// Decides: a word is a stop word of a language, not of every language at once. "hat" is German "has" and an
// English hard hat, "die" a German article and a threading die, "tag" a German day and a cable tag, "con" an
// Italian "with": dropped from a text only when the text is in a language where the word is a stop word.
// The languages of a text are guessed from its stop words (`languagesOf`); English, the language of the
// synonym table's canonical words and of most catalogs' names, is always one of them (its stop words name no
// product of another language), so an English product word is never dropped for being a German function
// word unless the text is German too.
import { FUNCTION_WORDS, FUNCTION_WORD_KINDS } from './functionWords';
import type { ReaderLanguage } from './vocabulary';

/** The stop words of each language, as written folded (lower case, no diacritics), before stemming. */
const STOPWORD_LISTS: Readonly<Record<ReaderLanguage | 'any', string>> = {
	// notations of every language's requests: abbreviations, mail headers, "x" of "2 x"
	any: 'x ok okay via po ref re fw fwd subject attached attachment thx cheer br qty pcs pc nos ea etc asp asap approx hey um st',
	en: [
		'a an the and or of for to with in on at by from per via into as is are be been being am was were',
		'it its this that these those there here we i our us you your they their he she me my mine',
		'can could would should will shall may might must do does did done have has had having',
		'please need needs needed require required requires want wanted like looking look',
		'quote quotation quotes offer price prices pricing send sent provide request requested following',
		'item items also well plus some any new hi hello dear team thanks thank regards best kind cheers',
		'quantity piece pieces unit units each approximately about around total',
		'urgent soon possible one ones same other another additional more less than',
		'just only both all not no yes if so too very what which who when where how why out',
		// which of two variants: "12 of the 10 m version"
		'version versions variant variants',
		'add include including included get got make made use used using kindly let know expect hope',
		'good morning afternoon evening',
	].join(' '),
	de: [
		'ein eine einen einem einer eines der die das den dem des und oder mit fur von vom zu zum zur im',
		'auf bitte wir benotigen brauchen brauche benotige angebot preis preise stuck stk st je pro sowie',
		'auch neue neuen neu hallo gruss grusse danke vielen freundlichen ca fuer unser unsere ihr ihre',
		'sie ich ist sind wird werden noch weitere weiteren zusatzlich als an bei konnen konnten insgesamt',
		'uber anbieten anbietet offerieren quotieren kalkulieren variante varianten ausfuhrung',
		'guten tag morgen abend dass wenn hat haben uns unserer unseren unserem dies diese dieser andere',
		// the same words as other languages' stop words: German "in", "an", "so", "was", "es"
		'in am so was es total',
	].join(' '),
	es: [
		'un una unos unas el la los las y o de del para con en por favor necesitamos necesito cotizacion',
		'presupuesto precio unidades uds ud cada tambien nuevo nueva hola gracias saludos que se su sus',
		'nuestro nuestra al lo le cotizar solicitamos mas pueden puede podrian podria nos hay tienen',
		'buenos buenas dia tarde es son somos estamos esta este estos estas entre sobre desde hasta muy ya',
		'otro otra otros otras variante a no oferta total me',
	].join(' '),
	fr: [
		'une des le les et ou du pour avec par merci bonjour besoin nous avons devis prix chaque aussi',
		'nouveau nouvelle cordialement vous votre nos notre sur il faut au aux est sont coter chiffrer',
		'pourriez pouvez pourrais faire envoyer offre salut dans ce cette ces leur leurs autre autres',
		'un de la en variante a que se total me',
	].join(' '),
	it: [
		'il lo gli della dello delle per con e ci servono abbiamo bisogno grazie offerta avete disponibilita',
		'buongiorno preventivo quotazione prezzi quotare di del dei degli da dal dalla nel nella sul sulla',
		'un una uno nostro nostra nostri nostre altro altra altri altre versione la le i in variante',
		'a o no se me',
	].join(' '),
	pt: [
		'os as um uma uns umas do da dos das no na nos nas em ao pelo pela com nosso nossa nossos nossas',
		'cotacao orcamento versao outro outra outros outras o a e de para por dia variante',
		'se que mas oferta total me',
	].join(' '),
	nl: [
		'het een van voor en met graag offerte prijs stuks stuk per ook wij hebben nodig',
		'prijsopgave offreren uitvoering nog andere de in is die',
	].join(' '),
	pl: [
		'dzien dobry prosze o wycene wycena oferte oferta potrzebujemy dla i z na oraz do w szt sztuk sztuki',
		'sztuka pozdrawiam dziekuje pozdrowienia jednostek wycenic wyceny wersja kolejne kolejnych',
		'dodatkowe jeszcze a',
	].join(' '),
};

export const READER_LANGUAGES: readonly ReaderLanguage[] = [
	'en',
	'de',
	'es',
	'fr',
	'it',
	'pt',
	'nl',
	'pl',
];

/** The language a text is read in when it shows none: that of the canonical words and most item names. */
export const BASE_LANGUAGE: ReaderLanguage = 'en';

const fold = (w: string) =>
	w
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.replace(/ł/g, 'l');

/**
 * The stop words of a language as the tokenizer compares them (stemmed by `fold`, the caller's stem): built
 * by `stopWordSets` so that this file needs nothing of the tokenizer.
 */
export function stopWordSets(
	stem: (w: string) => string,
): Readonly<Record<ReaderLanguage | 'any', ReadonlySet<string>>> {
	const out = {} as Record<ReaderLanguage | 'any', ReadonlySet<string>>;
	for (const [lang, list] of Object.entries(STOPWORD_LISTS))
		out[lang as ReaderLanguage | 'any'] = new Set(list.split(/\s+/).filter(Boolean).map(stem));
	return out;
}

// the words that show a language: its stop words and its function words (read/functionWords.ts), folded
const MARKERS: ReadonlyMap<string, readonly ReaderLanguage[]> = (() => {
	const m = new Map<string, ReaderLanguage[]>();
	for (const lang of READER_LANGUAGES) {
		const words = new Set([
			...STOPWORD_LISTS[lang].split(/\s+/),
			...FUNCTION_WORD_KINDS.flatMap((k) => FUNCTION_WORDS[lang][k].split(/\s+/)),
		]);
		for (const w of words) {
			const f = fold(w);
			if (f.length < 2 || /[^a-z]/.test(f)) continue;
			const list = m.get(f) ?? [];
			if (!list.includes(lang)) list.push(lang);
			m.set(f, list);
		}
	}
	return m;
})();

/**
 * The languages a folded text is written in: English always (the base language), and every language that
 * has at least two of the text's marker words (its stop and function words; one of six letters or more
 * counts two) and a quarter of them, or more of them than English has: one German "die" or "hat" in an
 * English request does not make it German, "Bitte 5 Packungen …" is German, and a German intro before an
 * English list makes it both. A phrase that shows one marker and no English ("20 hard hats") is read in
 * the marker's language: a text that short shows too little to keep the word.
 */
export function languagesOf(folded: string): ReadonlySet<ReaderLanguage> {
	const hits = new Map<ReaderLanguage, number>();
	let total = 0;
	for (const w of folded.split(/[^a-z]+/)) {
		const langs = MARKERS.get(w);
		if (!langs) continue;
		// a long function word ("potrzebujemy", "solicitamos", "benotigen") shows its language more than a
		// short one that other languages spell as a word of their own ("die", "hat", "con")
		const weight = w.length >= 6 ? 2 : 1;
		total += weight;
		for (const l of langs) hits.set(l, (hits.get(l) ?? 0) + weight);
	}
	const out = new Set<ReaderLanguage>();
	const english = hits.get(BASE_LANGUAGE) ?? 0;
	for (const [l, n] of hits) if ((n >= 2 && n * 4 >= total) || n > english) out.add(l);
	// English is always one: its stop words name no product of another language ("2 boxes of Kimwipes;
	// prosimy o ofertę …"), the other way round is what this file is for
	out.add(BASE_LANGUAGE);
	return out;
}
