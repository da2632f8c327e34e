// Generated messages that name real catalog items but ask for no quote (issue 15 point 5, ADR 0085): a technical
// question, a comparison, a compatibility, an order's status, a complaint, a return, an invoice, a thanks, a
// datasheet; in en, de, fr, es, it, nl, pt and pl, over all five catalogs. Beside them, near misses that do ask
// ("please quote 3 more", "what would 5 cost?", "is it in stock? then we take 4"). The property: the first kind
// gives no quote, or at least never goes out automatically; the second still quotes the item named. Seeded and
// deterministic: the same messages on every run.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../bench/seededRandom.mts';
import { messageIntent } from '../../../core/quote/read/intent';
import { quoteOn, type LabelledRequest } from './labelled.mts';

type Catalog = LabelledRequest['catalog'];
type Lang = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pt' | 'pl';
const LANGS: Lang[] = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl'];

// items as buyers name them by their code; two of a catalog, so a comparison names two
const ITEMS: Record<Catalog, string[]> = {
	industrial: ['EL2008', 'EL3068', 'SDR-240-24', 'ACS580-01-03A3-4'],
	electrical: ['WAGO-221-413', 'WALLBOX-22KW'],
	lab: ['LL-FT-1000', 'MS204TS/00', 'DWK-218014459'],
	fluid: ['DSBC-32-50-PPVA-N3', 'U-G12', 'KD4-1/4-I'],
	safety: ['GG501SGAF', 'GV938', 'HYF-11-800-7'],
};

/** The kinds that ask for no quote, and the near misses that ask for one. */
export const NO_QUOTE_KINDS = [
	'difference',
	'compatible',
	'orderStatus',
	'complaint',
	'return',
	'invoice',
	'thanks',
	'rating',
	'datasheet',
] as const;
export const ASK_KINDS = ['moreQuoted', 'whatCost', 'stockThenTake'] as const;
type Kind = (typeof NO_QUOTE_KINDS)[number] | (typeof ASK_KINDS)[number];

// {A}, {B}: items; {n}: a count; {o}: an order number; {i}: an invoice number; {p}: a pressure in bar
const TEMPLATES: Record<Kind, Record<Lang, string[]>> = {
	difference: {
		en: [
			'Hi, what exactly is the difference between {A} and {B}?',
			'Could you explain how {A} differs from {B}?',
		],
		de: [
			'Hallo, was ist der Unterschied zwischen {A} und {B}?',
			'Worin unterscheidet sich {A} von {B}?',
		],
		fr: [
			'Bonjour, quelle est la différence entre {A} et {B} ?',
			'En quoi le {A} se distingue-t-il du {B} ?',
		],
		es: ['Hola, ¿qué diferencia hay entre {A} y {B}?', '¿En qué se diferencia el {A} del {B}?'],
		it: ['Buongiorno, qual è la differenza tra {A} e {B}?', 'In cosa differisce il {A} dal {B}?'],
		nl: ['Hallo, wat is het verschil tussen {A} en {B}?', 'Waarin verschilt de {A} van de {B}?'],
		pt: ['Olá, qual é a diferença entre {A} e {B}?', 'Em que difere o {A} do {B}?'],
		pl: ['Dzień dobry, jaka jest różnica między {A} a {B}?', 'Czym różni się {A} od {B}?'],
	},
	compatible: {
		en: ['Is {A} compatible with {B}?', 'Will {A} work together with our {B}?'],
		de: ['Ist {A} mit {B} kompatibel?', 'Passt {A} zu unserem {B}?'],
		fr: ['Le {A} est-il compatible avec le {B} ?', 'Est-ce que {A} fonctionne avec {B} ?'],
		es: ['¿Es {A} compatible con {B}?', '¿El {A} funciona con el {B}?'],
		it: ['Il {A} è compatibile con il {B}?', '{A} funziona con {B}?'],
		nl: ['Is {A} compatibel met {B}?', 'Past {A} bij onze {B}?'],
		pt: ['O {A} é compatível com o {B}?', 'O {A} funciona com o {B}?'],
		pl: ['Czy {A} jest kompatybilny z {B}?', 'Czy {A} współpracuje z {B}?'],
	},
	orderStatus: {
		en: [
			'Where is our order {o} for {n} x {A}?',
			'Any news on order {o} ({n} x {A})? It has not arrived.',
		],
		de: [
			'Wo bleibt unsere Bestellung {o} über {n} x {A}?',
			'Wann kommt die Bestellung {o} mit {n} Stück {A}?',
		],
		fr: [
			'Où en est notre commande {o} de {n} x {A} ?',
			'Notre commande {o} ({n} x {A}) n’est toujours pas arrivée.',
		],
		es: [
			'¿Dónde está nuestro pedido {o} de {n} x {A}?',
			'El pedido {o} con {n} x {A} todavía no ha llegado.',
		],
		it: [
			'A che punto è il nostro ordine {o} di {n} x {A}?',
			"L'ordine {o} con {n} x {A} non è ancora arrivato.",
		],
		nl: [
			'Waar blijft onze bestelling {o} van {n} x {A}?',
			'Bestelling {o} met {n} x {A} is nog niet binnen.',
		],
		pt: [
			'Onde está a nossa encomenda {o} de {n} x {A}?',
			'A encomenda {o} com {n} x {A} ainda não chegou.',
		],
		pl: [
			'Gdzie jest nasze zamówienie {o} na {n} x {A}?',
			'Zamówienie {o} ({n} x {A}) jeszcze nie dotarło.',
		],
	},
	complaint: {
		en: [
			'The {n} {A} you delivered last week leak.',
			'Two of the {n} {A} we received are damaged.',
		],
		de: [
			'Die {n} {A}, die Sie letzte Woche geliefert haben, sind undicht.',
			'Von den {n} gelieferten {A} sind zwei beschädigt.',
		],
		fr: [
			'Les {n} {A} livrés la semaine dernière fuient.',
			'Sur les {n} {A} reçus, deux sont abîmés.',
		],
		es: [
			'Los {n} {A} que nos entregaron la semana pasada pierden.',
			'De los {n} {A} recibidos, dos llegaron dañados.',
		],
		it: [
			'I {n} {A} consegnati la settimana scorsa perdono.',
			'Dei {n} {A} ricevuti, due sono danneggiati.',
		],
		nl: [
			'De {n} {A} die u vorige week leverde lekken.',
			'Van de {n} ontvangen {A} zijn er twee beschadigd.',
		],
		pt: [
			'Os {n} {A} entregues na semana passada estão com fuga.',
			'Dos {n} {A} recebidos, dois chegaram danificados.',
		],
		pl: [
			'{n} szt. {A} dostarczonych w zeszłym tygodniu cieknie.',
			'Z {n} otrzymanych {A} dwa są uszkodzone.',
		],
	},
	return: {
		en: [
			'We would like to return {n} {A}.',
			'We are sending back {n} x {A}, they were not needed.',
		],
		de: ['Wir möchten {n} {A} zurückschicken.', 'Wir senden {n} x {A} zurück.'],
		fr: ['Nous souhaitons retourner {n} {A}.', 'Nous vous renvoyons {n} x {A}.'],
		es: ['Queremos devolver {n} {A}.', 'Les devolvemos {n} x {A}.'],
		it: ['Vorremmo restituire {n} {A}.', 'Vi rimandiamo indietro {n} x {A}.'],
		nl: ['Wij willen {n} {A} retourneren.', 'We sturen {n} x {A} terug.'],
		pt: ['Queremos devolver {n} {A}.', 'Vamos devolver {n} x {A}.'],
		pl: ['Chcemy zwrócić {n} szt. {A}.', 'Odsyłamy {n} x {A}.'],
	},
	invoice: {
		en: ['Invoice {i} for {n} {A} is wrong.', 'Your invoice {i} charges {n} x {A} twice.'],
		de: [
			'Die Rechnung {i} über {n} {A} ist falsch.',
			'Auf Rechnung {i} sind {n} x {A} doppelt berechnet.',
		],
		fr: [
			'La facture {i} pour {n} {A} est erronée.',
			'Votre facture {i} compte deux fois {n} x {A}.',
		],
		es: [
			'La factura {i} de {n} {A} es incorrecta.',
			'En la factura {i} aparecen {n} x {A} dos veces.',
		],
		it: [
			'La fattura {i} per {n} {A} è sbagliata.',
			'Nella fattura {i} {n} x {A} sono addebitati due volte.',
		],
		nl: ['Factuur {i} voor {n} {A} klopt niet.', 'Op factuur {i} staan {n} x {A} dubbel.'],
		pt: ['A fatura {i} de {n} {A} está errada.', 'Na fatura {i} os {n} x {A} aparecem duas vezes.'],
		pl: [
			'Faktura {i} na {n} szt. {A} jest błędna.',
			'Na fakturze {i} {n} x {A} policzono dwa razy.',
		],
	},
	thanks: {
		en: [
			'Thanks, the {n} {A} arrived today.',
			'Many thanks, we received the {n} x {A} in good order.',
		],
		de: [
			'Danke, die {n} {A} sind heute angekommen.',
			'Vielen Dank, die {n} x {A} haben wir erhalten.',
		],
		fr: [
			'Merci, les {n} {A} sont arrivés aujourd’hui.',
			'Merci, nous avons bien reçu les {n} x {A}.',
		],
		es: ['Gracias, los {n} {A} llegaron hoy.', 'Muchas gracias, hemos recibido los {n} x {A}.'],
		it: ['Grazie, i {n} {A} sono arrivati oggi.', 'Grazie mille, abbiamo ricevuto i {n} x {A}.'],
		nl: [
			'Bedankt, de {n} {A} zijn vandaag aangekomen.',
			'Dank u, we hebben de {n} x {A} ontvangen.',
		],
		pt: ['Obrigado, os {n} {A} chegaram hoje.', 'Muito obrigado, recebemos os {n} x {A}.'],
		pl: ['Dziękujemy, {n} szt. {A} dotarło dzisiaj.', 'Dziękuję, otrzymaliśmy {n} x {A}.'],
	},
	rating: {
		en: ['Can {A} run at {p} bar?', 'What is the maximum temperature for {A}?'],
		de: ['Kann {A} mit {p} bar betrieben werden?', 'Welche maximale Temperatur verträgt {A}?'],
		fr: ['Le {A} peut-il fonctionner à {p} bar ?', 'Quelle est la température maximale du {A} ?'],
		es: ['¿Puede el {A} trabajar a {p} bar?', '¿Cuál es la temperatura máxima del {A}?'],
		it: ['Il {A} può lavorare a {p} bar?', 'Qual è la temperatura massima del {A}?'],
		nl: ['Kan de {A} op {p} bar werken?', 'Wat is de maximale temperatuur van de {A}?'],
		pt: ['O {A} pode trabalhar a {p} bar?', 'Qual é a temperatura máxima do {A}?'],
		pl: ['Czy {A} może pracować przy {p} bar?', 'Jaka jest maksymalna temperatura dla {A}?'],
	},
	datasheet: {
		en: [
			'Could you send us the datasheet of {A}?',
			'Please send the technical data sheet for {A}.',
		],
		de: [
			'Können Sie uns das Datenblatt von {A} schicken?',
			'Bitte senden Sie uns das Datenblatt zu {A}.',
		],
		fr: [
			'Pourriez-vous nous envoyer la fiche technique du {A} ?',
			'Merci de nous transmettre la fiche technique de {A}.',
		],
		es: [
			'¿Nos pueden enviar la ficha técnica del {A}?',
			'Por favor, envíen la hoja de datos de {A}.',
		],
		it: [
			'Potete inviarci la scheda tecnica del {A}?',
			'Vi prego di inviare la scheda tecnica di {A}.',
		],
		nl: ['Kunt u ons het datablad van {A} sturen?', 'Graag het technische datablad van {A}.'],
		pt: ['Podem enviar-nos a ficha técnica do {A}?', 'Por favor enviem a ficha técnica de {A}.'],
		pl: ['Czy mogą Państwo przesłać kartę katalogową {A}?', 'Proszę o kartę techniczną {A}.'],
	},
	moreQuoted: {
		en: ['We want {n} more {A}, please quote.', 'Please quote {n} x {A} again.'],
		de: ['Wir brauchen noch {n} Stück {A}, bitte um Angebot.', 'Bitte bieten Sie {n} x {A} an.'],
		fr: [
			'Il nous faut {n} {A} de plus, merci de nous faire un devis.',
			'Merci de chiffrer {n} x {A}.',
		],
		es: ['Necesitamos {n} {A} más, por favor envíen presupuesto.', 'Por favor coticen {n} x {A}.'],
		it: ['Ci servono altri {n} {A}, inviateci un preventivo.', 'Per favore quotate {n} x {A}.'],
		nl: ['We hebben nog {n} {A} nodig, graag een offerte.', 'Graag een offerte voor {n} x {A}.'],
		pt: [
			'Precisamos de mais {n} {A}, enviem orçamento por favor.',
			'Por favor, orçamento para {n} x {A}.',
		],
		pl: ['Potrzebujemy jeszcze {n} szt. {A}, proszę o wycenę.', 'Proszę o ofertę na {n} x {A}.'],
	},
	whatCost: {
		en: ['What would {n} {A} cost?', 'How much are {n} x {A}?'],
		de: ['Was kosten {n} Stück {A}?', 'Was würden {n} x {A} kosten?'],
		fr: ['Combien coûtent {n} {A} ?', 'Quel serait le prix pour {n} x {A} ?'],
		es: ['¿Cuánto cuestan {n} {A}?', '¿Qué precio tienen {n} x {A}?'],
		it: ['Quanto costano {n} {A}?', 'Che prezzo per {n} x {A}?'],
		nl: ['Wat kosten {n} {A}?', 'Wat is de prijs voor {n} x {A}?'],
		pt: ['Quanto custam {n} {A}?', 'Qual o preço de {n} x {A}?'],
		pl: ['Ile kosztuje {n} szt. {A}?', 'Jaka jest cena za {n} x {A}?'],
	},
	stockThenTake: {
		en: ['Is {A} in stock? If so we take {n}.', 'Do you have {A} on stock? Then we order {n}.'],
		de: [
			'Ist {A} auf Lager? Dann nehmen wir {n} Stück.',
			'Haben Sie {A} vorrätig? Wenn ja, bestellen wir {n} Stück.',
		],
		fr: [
			'Avez-vous le {A} en stock ? Si oui, nous en prenons {n}.',
			'Le {A} est-il disponible ? Alors il nous en faut {n}.',
		],
		es: [
			'¿Tienen {A} en stock? Si es así, compramos {n}.',
			'¿Hay {A} disponible? Entonces pedimos {n}.',
		],
		it: [
			'Avete {A} a magazzino? Se sì, ne prendiamo {n}.',
			'Il {A} è disponibile? Allora ce ne servono {n}.',
		],
		nl: [
			'Is {A} op voorraad? Dan nemen we er {n}.',
			'Heeft u {A} op voorraad? Dan bestellen we {n} stuks.',
		],
		pt: [
			'Têm {A} em stock? Se sim, levamos {n}.',
			'O {A} está disponível? Então encomendamos {n}.',
		],
		pl: [
			'Czy {A} jest na stanie? Jeśli tak, bierzemy {n} szt.',
			'Czy mają Państwo {A} na stanie? To zamawiamy {n} szt.',
		],
	},
};

const GREETING: Record<Lang, string> = {
	en: 'Hello,',
	de: 'Guten Tag,',
	fr: 'Bonjour,',
	es: 'Buenos días,',
	it: 'Buongiorno,',
	nl: 'Goedemiddag,',
	pt: 'Bom dia,',
	pl: 'Dzień dobry,',
};
const SIGN_OFF: Record<Lang, string> = {
	en: 'Regards, Sam',
	de: 'Mit freundlichen Grüßen\nSam',
	fr: 'Cordialement,\nSam',
	es: 'Saludos,\nSam',
	it: 'Cordiali saluti,\nSam',
	nl: 'Met vriendelijke groet,\nSam',
	pt: 'Atenciosamente,\nSam',
	pl: 'Pozdrawiam,\nSam',
};

export interface GeneratedMessage {
	id: string;
	kind: Kind;
	asks: boolean;
	lang: Lang;
	catalog: Catalog;
	sku: string;
	text: string;
}

/** `count` messages from `seed`: a kind, a language, a catalog, its items and numbers, drawn in turn. */
export function generateMessages(count: number, seed: number): GeneratedMessage[] {
	const random = mulberry32(seed);
	const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
	const kinds: Kind[] = [...NO_QUOTE_KINDS, ...ASK_KINDS];
	const catalogs = Object.keys(ITEMS) as Catalog[];
	return Array.from({ length: count }, (_, k) => {
		const kind = kinds[k % kinds.length];
		const lang = LANGS[Math.floor(k / kinds.length) % LANGS.length];
		const catalog = pick(catalogs);
		const a = pick(ITEMS[catalog]);
		const b = pick(ITEMS[catalog].filter((s) => s !== a));
		const body = pick(TEMPLATES[kind][lang])
			.replaceAll('{A}', a)
			.replaceAll('{B}', b)
			.replaceAll('{n}', String(2 + Math.floor(random() * 9)))
			.replaceAll('{o}', String(4000 + Math.floor(random() * 5000)))
			.replaceAll('{i}', `2026-${100 + Math.floor(random() * 800)}`)
			.replaceAll('{p}', String(6 + Math.floor(random() * 10)));
		return {
			id: `NQ-${seed}-${k}`,
			kind,
			asks: (ASK_KINDS as readonly string[]).includes(kind),
			lang,
			catalog,
			sku: a,
			text: `${GREETING[lang]}\n${body}\n${SIGN_OFF[lang]}`,
		};
	});
}

/** What breaks the property for one message, or null. */
export function breaksProperty(m: GeneratedMessage): string | null {
	const q = quoteOn(m.catalog, m.text);
	if (m.asks) {
		if (q.status !== 'quoted') return 'asks for a quote and got none';
		if (!q.lines.some((l) => l.sku === m.sku)) return `asks for ${m.sku}, not on the quote`;
		return null;
	}
	if (q.status === 'quoted' && q.route === 'auto')
		return 'asks for no quote and a quote went out automatically';
	if (q.status === 'quoted') return 'asks for no quote and got one (to review)';
	return null;
}

describe('generated messages that name items and ask for no quote (ADR 0085)', () => {
	const messages = [...generateMessages(192, 85), ...generateMessages(192, 7)];

	it('is deterministic and covers every kind, language and catalog', () => {
		expect(generateMessages(24, 85)).toEqual(generateMessages(24, 85));
		expect(new Set(messages.map((m) => m.kind)).size).toBe(
			NO_QUOTE_KINDS.length + ASK_KINDS.length,
		);
		expect(new Set(messages.map((m) => m.lang)).size).toBe(8);
		expect(new Set(messages.map((m) => m.catalog)).size).toBe(5);
	});

	it('a message that asks for no quote gets none; one that asks still quotes the item', () => {
		const findings = messages.flatMap((m) => {
			const f = breaksProperty(m);
			return f ? [`${m.id} ${m.kind}/${m.lang}: ${f} | ${JSON.stringify(m.text)}`] : [];
		});
		expect(findings).toEqual([]);
	}, 120_000);

	// the concepts read, in sentences of their own (not the generator's): each asks for nothing, and the
	// same words beside an ask still ask
	it('goods sent back, damaged, received; how items differ, what they are rated for, a document', () => {
		for (const t of [
			'Morgen schicken wir die 4 x EL2008 an Sie zurück.',
			'On vous a renvoyé hier les 2 x U-G12.',
			'Las 3 unidades de GV938 llegaron dañadas.',
			'Ze zijn beschadigd aangekomen: 2 x KD4-1/4-I.',
			'We have received the 12 x LL-FT-1000, all fine.',
			'Gisteren hebben we de 5 x SDR-240-24 ontvangen.',
			'Does the EL3068 differ from the EL3064 in resolution?',
			'Qual é a pressão máxima do DSBC-32-50-PPVA-N3?',
			'Can the U-G12 operate at 12 bar?',
			'Możecie przesłać karty katalogowe do GV938 i GG501SGAF?',
		])
			expect(messageIntent(t).asks, t).toBe(false);
		for (const t of [
			'We received your catalogue and need 5 x EL2008.',
			'Do you have the GV938 in a different colour? We need 6.',
			'Please quote 4 x U-G12, max pressure 10 bar?',
			'Bitte um Angebot: 3 x EL2008, Datenblatt bitte mitschicken.',
			'The 2 KD4-1/4-I we got are damaged, we need 2 new ones.',
			'We need 5 x DSBC-32-50-PPVA-N3, what is their maximum pressure?',
			'3 x KD4-1/4-I und welcher Schalldämpfer passt dazu?',
		])
			expect(messageIntent(t).asks, t).toBe(true);
	});
});
