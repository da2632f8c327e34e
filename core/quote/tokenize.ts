// Text → index terms, the same way for catalog items and buyer requests, so that a term in one can only
// ever match the identical term in the other. Decides: case and diacritics are ignored ("Eingänge" =
// "eingange"), English-style plurals are folded ("cards" = "card"), stop words of the buyers' languages
// carry no weight, synonyms become one canonical token (synonyms.ts), German compounds are split into
// known parts ("Digitaleingangskarte" = digital + input + module), and model numbers survive: "3051CD"
// yields "3051cd", "3051" and "cd"; bare numbers below 100 are left to attributes and quantities.
import { lemmaOf } from './read/inflection';
import { buildSynonymTable, canonicalize, type SynonymTable } from './synonyms';

/** Lower case, no diacritics, one kind of quote, dash and multiplication sign. */
export function normalizeText(text: string): string {
	// plain ASCII (most catalog text) has nothing to decompose
	if (!/[\u0080-\uffff]/.test(text)) return text.toLowerCase().replace(/`/g, "'");
	return (
		text
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/ß/g, 'ss')
			// the Polish barred l has no decomposition: 'pudełek' is 'pudelek'
			.replace(/ł/g, 'l')
			.replace(/[″“”„]/g, '"')
			.replace(/[’‘`´]/g, "'")
			.replace(/[‐‑‒–—−]/g, '-')
			.replace(/×/g, 'x')
	);
}

/** Folds common plural endings of alphabetic tokens (English, Spanish, French): cards → card, switches → switch. */
export function stem(token: string): string {
	if (token.length <= 3 || !/^[a-z]+$/.test(token)) return token;
	// the plural of an acronym that ends in "u": CPUs, PSUs
	if (/^(?:cpu|psu|mcu|ups)s$/.test(token)) return token.slice(0, -1);
	if (token.endsWith('ies') && token.length > 4) return `${token.slice(0, -3)}y`;
	if (/(ss|sh|ch|x)es$/.test(token)) return token.slice(0, -2);
	if (token.endsWith('s') && !/(ss|us|is)$/.test(token)) return token.slice(0, -1);
	return token;
}

const STOPWORD_LIST = [
	// English
	'a an the and or of for to with in on at by from per via into as is are be been being am was were',
	'it its this that these those there here we i our us you your they their he she me my mine',
	'can could would should will shall may might must do does did done have has had having',
	'please need needs needed require required requires want wanted like looking look',
	'quote quotation quotes offer price prices pricing send sent provide request requested following',
	'item items also well plus some any new hi hello dear team thanks thank regards best kind cheers',
	'qty quantity pcs pc piece pieces unit units nos ea each approx approximately about around total',
	'etc urgent asp asap soon possible one ones same other another additional more less than',
	'just only both all not no yes if so too very what which who when where how why out re',
	// which of two variants: "12 of the 10 m version"
	'version versions variant variants variante varianten ausfuhrung versione versao wersja uitvoering',
	'add include including included get got make made use used using kindly could let know expect hope',
	'x ok okay via po ref re fw fwd subject attached attachment thx cheer br',
	// German
	'ein eine einen einem einer eines der die das den dem des und oder mit fur von vom zu zum zur im',
	'auf bitte wir benotigen brauchen brauche benotige angebot preis preise stuck stk st je pro sowie',
	'auch neue neuen neu hallo gruss grusse danke vielen freundlichen ca fuer unser unsere ihr ihre',
	'sie ich ist sind wird werden noch weitere weiteren zusatzlich als an bei konnen konnten insgesamt',
	// asking for a price in the buyers' languages
	'uber anbieten anbietet offerieren quotieren kalkulieren preventivo quotazione prezzi quotare cotacao orcamento',
	'prijsopgave offreren wycenic wyceny',
	// Spanish
	'un una unos unas el la los las y o de del para con en por favor necesitamos necesito cotizacion',
	'presupuesto precio unidades uds ud cada tambien nuevo nueva hola gracias saludos que se su sus',
	'nuestro nuestra al lo le cotizar solicitamos mas pueden puede podrian podria nos hay tienen',
	// French
	'une des le les et ou du pour avec par merci bonjour besoin nous avons devis prix chaque aussi',
	'nouveau nouvelle cordialement vous votre nos notre sur il faut au aux est sont coter chiffrer',
	'pourriez pouvez pourrais faire envoyer offre',
	// greetings
	'good morning afternoon evening guten tag morgen abend buenos buenas dia tarde salut buongiorno hey um',
	// Italian and Dutch, the little that appears in requests
	'il lo gli della dello delle per con e ci servono abbiamo bisogno grazie offerta avete disponibilita',
	'het een van voor en met graag offerte prijs stuks stuk per ook wij hebben nodig',
	// Polish
	'dzien dobry prosze o wycene wycena oferte oferta potrzebujemy dla i z na oraz do w szt sztuk sztuki',
	'sztuka pozdrawiam dziekuje pozdrowienia jednostek',
	// function words of lead enquiries (Spanish, Portuguese, Italian, French, German)
	'es son somos estamos esta este estos estas entre sobre desde hasta muy ya',
	'os as um uma uns umas do da dos das no na nos nas em ao pelo pela com nosso nossa nossos nossas',
	'di del dei degli da dal dalla nel nella sul sulla un una uno nostro nostra nostri nostre',
	'dans ce cette ces leur leurs',
	'dass wenn sind hat haben uns unserer unseren unserem dies diese dieser',
	// "another 3 of 22 kW" in the other languages: more of the product before, no word of a product
	'otro otra otros otras autre autres altro altra altri altre outro outra outros outras andere nog kolejne kolejnych dodatkowe jeszcze',
].join(' ');

export const STOPWORDS: ReadonlySet<string> = new Set(STOPWORD_LIST.split(/\s+/).map(stem));

/** Normalises a phrase and returns its stemmed alphabetic and numeric tokens (synonym keys use it). */
export function prepareWords(text: string): string[] {
	return normalizeText(text)
		.split(/[^a-z0-9]+/)
		.filter((t) => t.length > 0)
		.map(stem);
}

export const SYNONYMS: SynonymTable = buildSynonymTable(prepareWords);

// Parts that German compounds in this domain are made of, beyond the synonym table's own words.
const COMPOUND_PARTS = [
	'digital',
	'analog',
	'input',
	'output',
	'module',
	'profinet',
	'profibus',
	'ethernet',
	'ethercat',
	'sensor',
	'signal',
	'power',
	'supply',
	'pressure',
	'flow',
	'patch',
	'memory',
	'cable',
	'motor',
	'feld',
	'bus',
	'steuer',
	'hutschiene',
	'schiene',
	'schalt',
	'vor',
	'ort',
];

const LEXICON: ReadonlySet<string> = new Set([...SYNONYMS.lexicon, ...COMPOUND_PARTS]);

// Catalogs repeat the same words across thousands of items; splitting a word is the costly step, so its
// result is remembered (a pure function of the word; the memo is bounded and only saves time).
const MEMO_LIMIT = 50_000;
const decompoundMemo = new Map<string, string[] | null>();

/**
 * Splits a compound into known parts ("digitaleingangskarte" → digital, eingangs, karte), allowing a
 * linking "s" between parts; null when the word is not made entirely of known parts of >= 3 letters.
 */
export function decompound(token: string, lexicon: ReadonlySet<string> = LEXICON): string[] | null {
	if (token.length < 8 || lexicon.has(token) || !/^[a-z]+$/.test(token)) return null;
	if (lexicon !== LEXICON) return splitCompound(token, lexicon);
	const known = decompoundMemo.get(token);
	if (known !== undefined) return known;
	const parts = splitCompound(token, lexicon);
	if (decompoundMemo.size >= MEMO_LIMIT) decompoundMemo.clear();
	decompoundMemo.set(token, parts);
	return parts;
}

function splitCompound(token: string, lexicon: ReadonlySet<string>): string[] | null {
	// best[i] = fewest parts covering token[0..i)
	const best: Array<string[] | null> = new Array<string[] | null>(token.length + 1).fill(null);
	best[0] = [];
	for (let i = 0; i < token.length; i++) {
		const prefix = best[i];
		if (!prefix) continue;
		for (let j = i + 3; j <= token.length; j++) {
			// the last part may be declined or plural ("noodverlichtingsarmaturen": …armatuur)
			const written = token.slice(i, j);
			const part = j === token.length ? lemmaOf(written, (w) => lexicon.has(w)) : written;
			if (!lexicon.has(part)) continue;
			const candidate = [...prefix, part];
			const ends = [j];
			if (token[j] === 's' && j + 1 <= token.length) ends.push(j + 1);
			for (const end of ends) {
				const current = best[end];
				if (!current || current.length > candidate.length) best[end] = candidate;
			}
		}
	}
	const parts = best[token.length];
	return parts && parts.length >= 2 ? parts : null;
}

// Declined and plural forms the English rule does not fold ("Netzteile", "Hutschienen", "falowników",
// "trasmettitori", "automaten"), when the dictionary form is a word the synonym table knows: the endings
// of every buyer language are data in read/vocabulary.ts, read by read/inflection.ts.
export function germanSingular(word: string): string {
	const known = (w: string) => LEXICON.has(w);
	const s = stem(word);
	const lemma = lemmaOf(s, known);
	if (lemma !== s || known(s)) return lemma;
	// an ending the English rule cuts short ("balões" is "baloes", not "baloe"): the word as written
	const written = lemmaOf(word, known);
	return written !== word ? written : s;
}

/**
 * Canonical terms of a normalised text, in order, duplicates kept (term frequency matters for items).
 * Pure digits need three or more digits to be a term (model numbers such as 3051 or 1500).
 */
export function textTerms(normalized: string): string[] {
	const words = normalized.split(/[^a-z0-9]+/).filter((t) => t.length > 0);
	const stems = words.map(germanSingular);
	// a short series code written apart from its number ("UT 4", "FC 302", "TP 1500") also yields the
	// joined form, so it matches however the catalog or the buyer spaced it
	const joined: string[] = [];
	for (let i = 0; i + 1 < words.length; i++) {
		const [a, b] = [words[i], words[i + 1]];
		if (/^[a-z]{2,3}$/.test(a) && !STOPWORDS.has(a) && /^[0-9]{1,4}$/.test(b)) joined.push(a + b);
	}
	const { tokens, fromTable } = canonicalize(stems, SYNONYMS);
	const out: string[] = [];
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i];
		if (fromTable[i]) {
			out.push(t);
			continue;
		}
		if (/^[0-9]+$/.test(t)) {
			if (t.length >= 3) out.push(t);
			continue;
		}
		if (/^[a-z]+$/.test(t)) {
			if (t.length < 2 || STOPWORDS.has(t)) continue;
			const parts = decompound(t);
			if (parts) out.push(...canonicalize(parts, SYNONYMS).tokens.filter((p) => !STOPWORDS.has(p)));
			else out.push(t);
			continue;
		}
		// mixed letters and digits: a model or part number
		out.push(t);
		for (const run of t.match(/[a-z]+|[0-9]+/g) ?? []) {
			if ((/^[a-z]/.test(run) && run.length >= 2) || run.length >= 3) out.push(run);
		}
	}
	out.push(...joined);
	return out;
}

/** A SKU or model number reduced to lower-case letters and digits: "6ES7 521-1BH10" → "6es75211bh10". */
export function compactCode(text: string): string {
	return normalizeText(text).replace(/[^a-z0-9]/g, '');
}

/**
 * A model number with an English plural glued on ("the 221-413s", "two 1756-IB16s", "KTP700s") is the
 * model: the "s" after its last digit is dropped when the code as written is unknown and the code
 * without it is known. Codes that really end in "S" ("3051S", "224-1S") are known as written and stay.
 */
export function codeSingular(code: string, known: (c: string) => boolean): string {
	if (!/\ds$/.test(code) || known(code)) return code;
	const singular = code.slice(0, -1);
	return known(singular) ? singular : code;
}
