// Items named by what they do and their ratings, not by a code (ADR 0063): the ratings that pick a variant
// (inch, ports, places, rows, digital inputs) and the words of product types and features in the eight reader
// languages; a rating set off by a comma specifies the item before it; when two items fit the description
// alike, the quote goes to a person. Every sentence is written for the test, one row per language.
import { describe, expect, it } from 'vitest';
import { scanAttributes } from '../../../core/quote/attributes';
import { normalizeText } from '../../../core/quote/tokenize';
import { quoteOn, sortedLines } from './labelled.mts';

const quote = quoteOn;
const lines = sortedLines;
const dims = (text: string) =>
	scanAttributes(normalizeText(text)).attributes.map((a) => `${a.dim}:${a.value}`);

describe('a screen or a box in inches (attributes.ts INCH_WORDS)', () => {
	it.each([
		['en', 'a 7-inch operator panel', 'in:7'],
		['de', 'ein Bediengerät mit 10 Zoll', 'in:10'],
		['fr', 'un écran 7 pouces', 'in:7'],
		['es', 'una pantalla de 10 pulgadas', 'in:10'],
		['it', 'un pannello da 7 pollici', 'in:7'],
		['pt', 'uma IHM de 10 pol.', 'in:10'],
		['pt', 'uma IHM de 7 polegadas', 'in:7'],
		['nl', 'een paneel van 10 duim', 'in:10'],
		['pl', 'pudełko 3 cale', 'in:3'],
	])('%s: %s', (_, text, dim) => {
		expect(dims(text)).toContain(dim);
	});

	it.each([
		['pt', 'Bom dia, orçamento de 2 IHM Weintek de 7 pol, por favor.'],
		['pl', 'Proszę o wycenę: 2 panele HMI Weintek 7 cali.'],
		['nl', 'Graag een prijs voor 2 Weintek HMI panelen van 7 duim.'],
	])('%s: the 7" Weintek panel, %s', (_, text) => {
		expect(lines(quote('industrial', text))).toEqual(['cMT3072XH x2']);
	});
});

describe('the ports of a switch (attributes.ts PORT_WORDS) and managed or not (synonyms.ts)', () => {
	it.each([
		['en', 'Please quote 2 Phoenix Contact unmanaged switches with 16 ports.'],
		['de', 'Bitte 2 Phoenix Contact Switches, unmanaged, 16 Ports anbieten.'],
		['fr', 'Merci de chiffrer 2 switchs Phoenix Contact non manageables 16 ports.'],
		['es', 'Necesito precio de 2 switches Phoenix Contact no gestionables de 16 puertos.'],
		['it', 'Ci servono 2 switch Phoenix Contact non gestiti a 16 porte.'],
		['pt', 'Preciso de 2 switches Phoenix Contact unmanaged de 16 portas.'],
		['nl', 'Graag 2 onbeheerde Phoenix Contact switches met 16 poorten.'],
		['pl', 'Proszę o wycenę 2 switchy Phoenix Contact niezarządzalnych 16-portowych.'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('industrial', text))).toEqual(['1085256 x2']);
	});
});

describe('the places of a freezer box (attributes.ts PLACE_WORDS) and what it is made of (synonyms.ts)', () => {
	it.each([
		['en', 'a box with 81 places', 'place:81'],
		['en', 'a 100-place box', 'place:100'],
		['de', 'eine Box mit 81 Plätzen', 'place:81'],
		['fr', 'une boîte 81 places', 'place:81'],
		['es', 'una caja de 81 posiciones', 'place:81'],
		['it', 'una scatola da 81 posti', 'place:81'],
		['pt', 'uma caixa de 100 posições', 'place:100'],
		['nl', 'een doos met 81 plaatsen', 'place:81'],
		['pl', 'pudełko na 81 miejsc', 'place:81'],
	])('%s: %s', (_, text, dim) => {
		expect(dims(text)).toContain(dim);
	});

	it.each([
		['en', 'We need 2 packs of cardboard cryoboxes, 2 inch, 81 places.'],
		['de', 'Wir brauchen 2 Packungen Kryoboxen aus Pappe, 2 Zoll, 81 Plätze.'],
		['fr', 'Il nous faut 2 paquets de cryoboxes en carton, 2 pouces, 81 places.'],
		['es', 'Necesitamos 2 paquetes de cajas de carton para congelador, 2 pulgadas, 81 posiciones.'],
		['it', 'Ci servono 2 confezioni di criobox in cartone, 2 pollici, 81 posti.'],
		['pt', 'Precisamos de 2 pacotes de caixas de papelão para freezer, 2 polegadas, 81 posições.'],
		['nl', 'Wij hebben 2 pakken kartonnen cryoboxen nodig, 2 duim, 81 plaatsen.'],
		['pl', 'Potrzebujemy 2 opakowania pudełek kartonowych, 2 cale, 81 miejsc.'],
	])('%s: the 2" cardboard box, %s', (_, text) => {
		expect(lines(quote('lab', text))).toEqual(['LL-CB2-81 x2']);
	});

	it.each([
		['de', 'Bitte 3 Nalgene Boxen aus Polycarbonat mit 100 Plätzen.'],
		['es', 'Por favor 3 cajas Nalgene de policarbonato de 100 posiciones.'],
		['nl', 'Graag 3 Nalgene dozen van polycarbonaat met 100 plaatsen.'],
		['pl', 'Proszę 3 pudełka Nalgene poliwęglanowe na 100 miejsc.'],
	])('%s: the polycarbonate box, %s', (_, text) => {
		expect(lines(quote('lab', text))).toEqual(['5026-1010 x3']);
	});
});

describe('the rows of a consumer unit (attributes.ts ROW_WORDS)', () => {
	it.each([
		['en', 'a consumer unit with 3 rows', 'row:3'],
		['de', 'ein Kleinverteiler, 3-reihig', 'row:3'],
		['de', 'ein dreireihiger Kleinverteiler', 'row:3'],
		['fr', 'un coffret 3 rangées', 'row:3'],
		['es', 'un cuadro de 3 filas', 'row:3'],
		['it', 'un centralino a 3 file', 'row:3'],
		['pt', 'um quadro de 3 fileiras', 'row:3'],
		['nl', 'een groepenkast met 3 rijen', 'row:3'],
		['pl', 'rozdzielnica 3-rzędowa', 'row:3'],
	])('%s: %s', (_, text, dim) => {
		expect(dims(text)).toContain(dim);
	});

	it.each([
		['en', 'Please quote 2 Hager Volta consumer units, 3 rows.'],
		['de', 'Bitte 2 Kleinverteiler Hager Volta, 3-reihig, anbieten.'],
		['fr', 'Merci de chiffrer 2 coffrets Hager Volta, 3 rangées.'],
		['nl', 'Graag 2 Hager Volta groepenkasten met 3 rijen.'],
	])('%s: the 36-module unit, %s', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual(['HAG-VU36 x2']);
	});
});

describe('a wiring device named by what it is (synonyms.ts)', () => {
	it.each([
		['en', 'Please quote 14 Legrand Niloe double sockets, white.'],
		['de', 'Bitte 14 Doppelsteckdosen Legrand Niloe in weiß.'],
		['fr', 'Merci de chiffrer 14 prises doubles Legrand Niloe blanches.'],
		['es', 'Necesito 14 enchufes dobles Legrand Niloe blancos.'],
		['it', 'Ci servono 14 prese doppie Legrand Niloe bianche.'],
		['pt', 'Preciso de 14 tomadas duplas Legrand Niloe brancas.'],
		['nl', 'Graag 14 dubbele stopcontacten Legrand Niloe, wit.'],
		['pl', 'Proszę o 14 gniazda podwójne Legrand Niloe, białe.'],
	])('%s: the double socket, %s', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual(['LEG-SCHUKO-2W x14']);
	});

	it.each([
		['de', '9 Wippschalter Legrand Niloe weiß, bitte.'],
		['nl', 'Graag 9 wipschakelaars Legrand Niloe, wit.'],
	])('%s: the rocker switch, %s', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual(['LEG-SWITCH-W x9']);
	});
});

describe('an earth conductor by its colour and kind (synonyms.ts)', () => {
	it.each([
		['en', 'Please quote 40 m of green/yellow single core wire, 6 mm².'],
		['de', 'Bitte 40 m Einzelader grüngelb 6 qmm.'],
		['fr', 'Merci de chiffrer 40 m de fil vert/jaune 6 mm².'],
		['es', 'Necesito 40 m de cable unipolar verde-amarillo de 6 mm².'],
		['it', 'Ci servono 40 m di cavo unipolare giallo-verde da 6 mm².'],
		['pt', 'Preciso de 40 m de fio verde/amarelo de 6 mm².'],
		['nl', 'Graag 40 m draad groen/geel 6 mm².'],
		['pl', 'Proszę o 40 m linki żółto-zielonej 6 mm².'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual(['H07V-K-6-GNYE x40']);
	});
});

describe('a rating set off by a comma specifies the item before it (requirements.ts isSpecificationOf)', () => {
	it.each([
		['en', 'We need 5 Axioline F modules, 16 digital inputs.'],
		['de', 'Wir brauchen 5 Axioline F Module, 16 digitale Eingänge.'],
		['fr', 'Il nous faut 5 modules Axioline F, 16 entrées numériques.'],
		['es', 'Necesitamos 5 módulos Axioline F, 16 entradas digitales.'],
		['it', 'Ci servono 5 moduli Axioline F, 16 ingressi digitali.'],
		['pt', 'Precisamos de 5 módulos Axioline F, 16 entradas digitais.'],
		['nl', 'Wij hebben 5 Axioline F modules nodig, 16 digitale ingangen.'],
		['pl', 'Potrzebujemy 5 modułów Axioline F, 16 wejść cyfrowych.'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('industrial', text))).toEqual(['2688310 x5']);
	});

	it('a part with a count of its own stays a requirement of its own', () => {
		expect(
			lines(
				quote(
					'industrial',
					'We need 5 Axioline F modules 16 digital inputs, 2 x 16 digital outputs.',
				),
			),
		).toEqual(['2688310 x5', '2688323 x2']);
	});
});

describe('two items that fit the description alike: a person chooses', () => {
	it.each([
		['en', 'Please quote 3 Siemens HMI panels, 7 inch.'],
		['de', 'Bitte 3 Siemens HMI Panels mit 7 Zoll anbieten.'],
		['es', 'Necesito 3 paneles HMI Siemens de 7 pulgadas.'],
		['it', 'Ci servono 3 pannelli HMI Siemens da 7 pollici.'],
		['pt', 'Preciso de 3 IHM Siemens de 7 polegadas.'],
		['nl', 'Graag 3 Siemens HMI panelen van 7 duim.'],
		['pl', 'Proszę o 3 panele HMI Siemens 7 cali.'],
	])('%s: %s', (_, text) => {
		const q = quote('industrial', text);
		expect(q.route).toBe('review');
		expect([...q.review_reasons, ...q.warnings].some((r) => / alike /.test(r))).toBe(true);
	});
});
