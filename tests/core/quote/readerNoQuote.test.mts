// Messages that ask for no quote though they name items (core/quote/read/intent.ts, ADR 0074): a need of
// the items of an order already placed said by a pronoun, an order named with its contents in brackets, a
// document sent back, a service named by a fault word, a question whether another choice is better, thanks
// for our quote. Invented wordings, with the near misses that must still ask.
import { describe, expect, it } from 'vitest';
import { messageIntent } from '../../../core/quote/read/intent';

const asks = (text: string) => messageIntent(text).asks;

describe('a need of the items named before, by a pronoun, asks nothing new', () => {
	it.each([
		'Where is order 88123? It was the two gearboxes, we need them by Monday at the latest.',
		'¿Cuándo llega el pedido 77120? Eran los filtros de 10 micras, los necesitamos el lunes.',
		"Notre commande 55321 n'est toujours pas arrivée. Le chantier en a besoin avant vendredi.",
		'Wo bleibt die Bestellung 66410? Es waren die Ventile, wir brauchen sie bis Mittwoch.',
		'Come mai l’ordine 44021 non è ancora arrivato? Erano i sensori, ne abbiamo bisogno martedì.',
		'Onde está a encomenda 33019? Eram os filtros, precisamos deles na quinta.',
	])('%s', (text) => expect(asks(text)).toBe(false));

	it.each([
		// a count that points back still asks
		'Where is order 88123? Also, il nous en faut 4 de plus.',
		'Wo bleibt die Bestellung 66410? Außerdem brauchen wir 3 Stück davon zusätzlich.',
		// a need of new items beside a status still asks
		'Where is order 88123? We also need 6 more gearboxes of the same size.',
		// a real ask before the need of them
		'Please quote 4 gearboxes R47. We need them by the end of the month.',
		'Bitte um Angebot für 2 Ventile. Wir brauchen sie bis Mittwoch.',
		// no order placed is named: the need of them restates the request
		'Necesitamos dos bombas de 8 cc compatibles con el grupo actual. Las necesitamos en 2 semanas.',
		'Wir benötigen zwei Ventile passend zum Block. Wir brauchen sie in einer Woche.',
		'We are after two gearboxes suitable for the mixer. We need them within a month.',
	])('still asks: %s', (text) => expect(asks(text)).toBe(true));
});

describe('an order named by its number with its contents in brackets', () => {
	it.each([
		'Could you tell me when our PO 4471-203 (2 pumps and 1 motor) leaves your warehouse.',
		'Nous n’avons toujours pas reçu la commande n° BX-40512 (vannes et raccords).',
		'Bitte teilen Sie mir mit, wann die Bestellung 718822 (4 Schütze) geliefert wird.',
		'Vă rog, când pleacă PO 4500-91234 (2 buc. motoare)? Mulțumesc.',
	])('%s', (text) => expect(asks(text)).toBe(false));

	it.each([
		// the same again is a request
		'Please send the same as order 5521 (6 drives) again, delivery to site B.',
		// a need beside it is a request
		'We need 4 more like on PO 4711 (ACS580 drives).',
	])('still asks: %s', (text) => expect(asks(text)).toBe(true));
});

describe('a document sent back or a service named by a fault word is no complaint', () => {
	it.each([
		"Bon de commande 2231\n3 vannes DN25\nMerci de nous retourner l'accusé de réception.",
		'Purchase order 7781\n2 pressure switches\nPlease return the signed order confirmation.',
		'Please include a leak detection survey of hall 2 and two condensate drains.',
	])('%s', (text) => expect(messageIntent(text).why).toBeNull());

	it.each([
		'The pressure switch you sent is leaking, we want to return it.',
		'Nous souhaitons retourner les deux vannes reçues.',
		'La válvula tiene una fuga, queremos devolver la válvula.',
	])('still a fix: %s', (text) => expect(asks(text)).toBe(false));
});

describe('a question whether another choice is better, or a use has a problem', () => {
	it.each([
		'Our press runs in a cold hall. Would it be better to use the ISO 32 oil?',
		'Wäre es besser, die Pumpe mit 16 cc zu nehmen? Wir haben bisher die 8 cc.',
		'Sarebbe meglio usare il cavo da 6 mm² per questa linea?',
		'Is there any problem mixing the two greases during the change-over?',
		'Há algum problema em usar os dois filtros juntos?',
	])('%s', (text) => expect(asks(text)).toBe(false));

	it.each([
		// an ask beside the question still asks
		'Would it be better to use the ISO 32 oil? If so, please quote 4 drums of it.',
		'Sarebbe meglio il cavo da 6 mm²? In tal caso ci servono 200 m.',
	])('still asks: %s', (text) => expect(asks(text)).toBe(true));
});

describe('thanks for our quote asks nothing new', () => {
	it.each([
		'Thanks for the quotation 2026-77. We will discuss it internally next week.',
		'Danke für das Angebot, wir melden uns nach der Sitzung.',
		'Gracias por el presupuesto, lo revisamos y os decimos algo.',
		'Bedankt voor de offerte, we laten volgende week iets weten.',
	])('%s', (text) => expect(asks(text)).toBe(false));

	it.each([
		'Thanks for the quote. Please add 3 more contactors to it.',
		'Danke für das Angebot. Wir brauchen zusätzlich 2 Schütze.',
		'Merci pour le devis, pouvez-vous aussi chiffrer 5 disjoncteurs ?',
	])('still asks: %s', (text) => expect(asks(text)).toBe(true));
});

describe('thanks for our quote beside a change of it is read', () => {
	it.each([
		'Thanks for the offer. Can you do 10 instead of 6?',
		'Danke für das Angebot. Geht es auch mit 12 Stück?',
		'Gracias por la oferta. ¿Sería posible con entrega en 2 semanas?',
		'Thanks for your quote for 4 relays, please add 2 sockets as well.',
	])('%s', (text) => expect(asks(text)).toBe(true));
});
