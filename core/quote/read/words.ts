// Which words of a request are request words, prose, stop words or typos of them, and which are product
// types (head concepts, one typo allowed). The per-language vocabularies are in read/vocabulary.ts.
import { HEAD_CONCEPTS } from '../synonyms';
import { germanSingular, normalizeText, stem, STOPWORDS, SYNONYMS } from '../tokenize';
import { WORDS_OF_WHO_ASKS } from './functionWords';
import { ALSO_WORDS, ASKING_WORDS, ONE_WORDS, PURPOSE_WORDS } from './vocabulary';

// Words a requirement may start with before its quantity ("we need 2 …", "bitte 3 …", "plus 40 h …").
export const LEADING_FILLER = new Set(
	(
		'we i need needed require requires required please pls kindly quote quotation send us for pricing ' +
		'price prices request requesting looking want would like to have get offer on of about approx ' +
		// "we're after 3 …", "procuramos 3 …", "szukamy 3 …": looking for
		'after procuramos procuro szukamy szukam ' +
		'approximately ca circa around another additional further extra also add plus and include including ' +
		'the some following with our new qty: wir brauchen benotigen bitte um angebot uber fur noch ' +
		'zusatzlich weitere necesitamos necesito cotizar favor por cotizacion de nous avons besoin il faut ' +
		'merci chiffrer ci servono abbiamo bisogno di y und et e en - * > : ' +
		// "another 3", "otros 3", "altri 3", "outros 3", "nog 3", "kolejne 3": more of the product before
		'otros otras mas adicionales autres altri altre ancora outros outras mais andere kolejne kolejnych dodatkowe jeszcze'
	)
		.split(/\s+/)
		.concat([...ASKING_WORDS, ...PURPOSE_WORDS, ...ALSO_WORDS])
		// "Necesitaríamos 3 …", "Ci servirebbero 3 …", "Potrzebowalibyśmy 3 …", "cotícenme 3 …": the verbs of
		// asking, the modal verbs and the polite words of read/functionWords.ts, in every reader language
		.concat(normalizeText(WORDS_OF_WHO_ASKS.join(' ')).split(/\s+/)),
);

// the words for one of every language (read/vocabulary.ts): before the product, a count of one
export const ARTICLES: ReadonlySet<string> = ONE_WORDS;

// Words of enquiry prose that never name a product (verbs of wanting, planning and replacing, greetings,
// project and company context, budget and timing nouns) in English, German, Spanish, French, Italian,
// Portuguese, Dutch and Polish. They are dropped from a requirement's terms so that "we need to replace …" does not dilute
// the product words; the catalog side is not affected.
export const PROSE_WORDS: ReadonlySet<string> = new Set(
	[
		// English
		'run running operate operating replace replacing replacement replaced upgrade upgrading retrofit',
		'retrofitting install installing installation installed plan planning planned project projects plant',
		'plants site sites facility facilities company factory complete completely current currently existing',
		'old legacy spare spares defective faulty broken anymore longer today evaluate evaluating considering',
		'consider thinking interested interest information info regarding share call contact soon happy',
		'budget budgeted cost costs funding capex spend estimated estimate rough roughly allocated approved',
		'timeline schedule delivery deliver order ordering purchase purchasing lead time week weeks month months',
		'year years quarter next last few couple several system systems solution solutions compatible',
		'large big good best hi hello dear sir madam mr mrs ms team stock supplier partner tender',
		'build building builds equip equipping refurbish refurbishing refurbishment fit fitting maintain manage',
		'bauen bauen ausstatten construir construimos equipar equipons equipamos costruire costruiamo attrezzare',
		// German
		'brauchen brauche benotigen suchen suche planen plane mochten mochte hatten gerne gern moin servus',
		'gruezi sehr geehrte damen herren ersatz defekt defekte defekten kaputt soll sollen werden wird ersetzt',
		'ersetzen erneuern erneuerung modernisierung modernisieren umbau anlage anlagen gibt noch klappt ware',
		'gut etwa rund liegt schicken jemanden senden anfrage kosten budget bestehend bestehende vorhanden',
		'vorhandene alte alten inkl inklusive kompletten komplette nachfolgemodell nachfolger',
		'umsetzung idealerweise liefertermin lieferung bestellung geplant eilt dringend haushaltsmittel',
		'orcamento presupuesto preventivo enveloppe budgetaire investimento inversion investissement',
		// what a whole project is about, not a product: "the complete automation package (…, instrumentation)"
		'instrumentation instrumentacion instrumentierung instrumentacao strumentazione automation',
		'automatisierung automatizacion automazione automacao package paket paquete pacote',
		// Spanish
		'necesitamos necesito queremos quiero buscamos buscando tenemos contamos nuestro nuestra nuestros',
		'nuestras reemplazar reemplazo cambiar sustituir renovar modernizar automatizar instalar nuevo nueva',
		'nuevos nuevas gustaria informacion hola buenas buenos tardes dias dia estimados cotizar favor idea',
		'planta proyecto todavia aproximado aproximadamente alrededor compra prevista entrega',
		'urge parada linea',
		// French
		'souhaitons voudrions cherchons recherchons avons besoin remplacer remplacement nouveau nouvelle',
		'nouveaux nouvelles ancien ancienne actuel actuelle existant projet environ bonjour',
		'cordialement livraison souhaitee equipement parvenir aurait transfere atelier salut',
		// Italian
		'servono abbiamo bisogno vorremmo cerchiamo sostituire sostituzione nuovo nuova nuovi vecchio vecchia',
		'sistema buongiorno buonasera salve grazie circa impianto linea aggiungere',
		// Portuguese
		'precisamos queremos gostariamos pretendemos temos somos trocar substituir modernizar automatizar',
		'novo nova novos novas ola bom boa tarde prezados solicito cotacao obrigado atenciosamente sistema',
		'fazer obra',
		// function words and courtesy inside a requirement ("Prüfung nach DGUV V3", "según ISO 8655", "são 7
		// tanques", "s'il vous plaît", "Obrigada")
		'nach segun sao plait obrigada obrigado',
		// Dutch
		'kunnen jullie sturen daarnaast nog zoek zoeken vervanger vervangen oude ons onze alvast bedankt',
		'renovatie kantoorpand bedrijfsterrein inclusief levertijd hoi beste',
		// Polish
		'cene cena planujemy modernizacje modernizacja rozbudowa rozbudowe pracowni zwiazku przygotowanie',
		'serdecznie szanowni panstwo',
	]
		.join(' ')
		.split(/\s+/)
		.map((w) => stem(w)),
);

/** A word of enquiry prose (wanting, planning, building, greeting), never a product word. */
export function isProseWord(term: string): boolean {
	return PROSE_WORDS.has(term) || PROSE_WORDS.has(germanSingular(term));
}

export const SIGN_OFF =
	/^(?:thanks|thank you|many thanks|regards|best|kind regards|best regards|cheers|br|mfg|mit freundlichen|viele grusse|gruss|saludos|atentamente|cordialement|merci|grazie|distinti saluti|cordiali saluti|un saluto|saluti|pozdrawiam|z powazaniem|met vriendelijke groet|vriendelijke groet|groeten|groet|atenciosamente|cumprimentos|obrigad[oa]|beste grusse|besten dank|danke)\b/;

// True when `word` is a head concept or one typo away from one ("trainning", "comissioning").
export function isHead(word: string): boolean {
	if (HEAD_CONCEPTS.has(word)) return true;
	if (word.length < 5) return false;
	for (const head of HEAD_CONCEPTS) {
		if (head.length >= 5 && Math.abs(head.length - word.length) <= 1 && withinOneEdit(word, head))
			return true;
	}
	return false;
}

export function withinOneEdit(a: string, b: string): boolean {
	if (a === b) return true;
	if (a.length === b.length) {
		let diff = -1;
		for (let i = 0; i < a.length; i++) {
			if (a[i] === b[i]) continue;
			if (diff >= 0) {
				// a single swap of neighbours counts as one edit
				return (
					diff === i - 1 &&
					a[diff] === b[i] &&
					a[i] === b[diff] &&
					a.slice(i + 1) === b.slice(i + 1)
				);
			}
			diff = i;
		}
		return true;
	}
	const [short, long] = a.length < b.length ? [a, b] : [b, a];
	for (let i = 0; i < long.length; i++) {
		if (long.slice(0, i) + long.slice(i + 1) === short) return true;
	}
	return false;
}

export const LONG_STOPWORDS = [...STOPWORDS].filter((w) => w.length >= 5);

// "qoute", "pleaes": a misspelt request word is still not a product word
export function isTypoOfStopword(term: string): boolean {
	if (term.length < 5 || !/^[a-z]+$/.test(term) || isHead(term) || SYNONYMS.lexicon.has(term))
		return false;
	return LONG_STOPWORDS.some(
		(w) => Math.abs(w.length - term.length) <= 1 && withinOneEdit(term, w),
	);
}
