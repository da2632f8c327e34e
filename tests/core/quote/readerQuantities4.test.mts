// Quantity kinds the reader learnt in ADR 0058 (from the wrong quantities left on the tuning split once the
// G-* requests joined it): lengths in kilometres, with a thousands group, with the unit before the count or
// in a table's unit column, or set off by a comma after the item; hundreds in words; a cross-section or a
// size is no count; people times a duration; a count before a partitive; thousands grouped by a space;
// items sold by the litre; containers of cable and of lab goods; an item named again without a count; a
// listed product group keeps its count; "for each <noun>" without a count goes to a person. Every sentence
// is written for the test, one row per kind and language.
import { describe, expect, it } from 'vitest';
import { numberWordsToDigits } from '../../../core/numberWords';
import { rewriteTables } from '../../../core/quote/read/tables';
import { quoteOn, sortedLines } from './labelled.mts';

const quote = quoteOn;
const lines = sortedLines;

describe('a length in kilometres is read in metres (attributes.ts)', () => {
	it.each([
		['en', 'Please quote 0.5 km of PROFINET FC standard cable GP 2x2.'],
		['de', 'Bitte 0,5 km PROFINET-Leitung FC Standard Cable GP 2x2 anbieten.'],
		['es', 'Necesitamos 0,5 km de cable PROFINET FC Standard GP 2x2.'],
		['fr', 'Merci de chiffrer 0,5 km de câble PROFINET FC standard GP 2x2.'],
		['it', 'Ci serve 0,5 km di cavo PROFINET FC standard GP 2x2.'],
		['pt', 'Precisamos de 0,5 km de cabo PROFINET FC standard GP 2x2.'],
		['nl', 'Graag 0,5 km PROFINET kabel FC standard GP 2x2.'],
		['pl', 'Proszę o 0,5 km kabla PROFINET FC standard GP 2x2.'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('industrial', text))).toEqual(['6XV1840-2AH10 x500']);
	});

	it('reads a table whose unit column says "km"', () => {
		const table =
			'Pos;Beschreibung;Menge;Einheit\n1;PROFINET-Leitung FC Standard Cable GP 2x2;0,5;km';
		// the measure before the item (ADR 0081: after it, "DN10 — 40 m" read as a range)
		expect(rewriteTables(table)).toBe('\n0,5 km PROFINET-Leitung FC Standard Cable GP 2x2');
		expect(lines(quote('industrial', table))).toEqual(['6XV1840-2AH10 x500']);
	});
});

describe('a length with a thousands group, or its unit before the count at the line end (attributes.ts)', () => {
	it.each([
		['en', 'Please quote 1,200 m of ÖLFLEX CLASSIC 110 7G1.5 control cable.'],
		['de', 'Steuerleitung ÖLFLEX CLASSIC 110 7G1,5: 1.200 m'],
		['es', 'Manguera ÖLFLEX CLASSIC 110 7G1,5: 1.200 m'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('industrial', text))).toEqual(['1119307 x1200']);
	});

	it.each([
		['it', 'Cavo H07RN-F 5G4 — m 250'],
		['es', 'Cable H07RN-F 5G4 – metros 250'],
		['de', 'Gummikabel H07RN-F 5G4 | m 250'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual(['H07RN-F-5G4 x250']);
	});

	it('reads "in bars of 3 m — m 60" as 60 m of an item sold in 3 m lengths', () => {
		expect(lines(quote('electrical', 'Passerella OBO RKS 60x200 in barre da 3 m — m 60'))).toEqual([
			'OBO-RKS-200 x20',
		]);
	});
});

describe("a length or a time set off by a comma after a named item is that item's (requirements.ts)", () => {
	it.each([
		['en', 'Please quote:\n- PLC programming, estimated 40 hours'],
		['de', 'Bitte anbieten:\n- SPS-Programmierung, geschätzt 40 Stunden'],
		['es', 'Necesitamos:\n- Programación PLC, estimadas 40 horas'],
		['it', 'Vi chiediamo:\n- Programmazione PLC, stimate 40 ore'],
		['pl', 'Proszę o ofertę:\n- Programowanie PLC, szacunkowo 40 godzin'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('industrial', text))).toEqual(['SRV-PLC-PROG x40']);
	});

	it.each([
		['en', 'Please quote:\n- PROFIBUS bus cable violet, sold by the metre – 200 m'],
		['de', 'Bitte anbieten:\n- PROFIBUS-Buskabel violett, Meterware – 200 m'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('industrial', text))).toEqual(['6XV1830-0EH10 x200']);
	});
});

describe('hundreds in words are one number (core/numberWords.ts)', () => {
	it.each([
		['en', 'one hundred metres', '100 metres'],
		['en', 'two hundred cables', '200 cables'],
		['de', 'zweihundert kabel', '200 kabel'],
		['es', 'doscientos metros', '200 metros'],
		['fr', 'deux cents metres', '200 metres'],
		['it', 'duecento metri', '200 metri'],
		['pt', 'duzentos metros', '200 metros'],
		['nl', 'tweehonderd meter', '200 meter'],
		['pl', 'dwiescie metrow', '200 metrow'],
	])('%s: %s', (_, written, digits) => {
		expect(numberWordsToDigits(written, ['one'])).toBe(digits);
	});

	it.each([
		['en', 'Please quote two hundred metres of flexible conduit 20 mm.'],
		['de', 'Bitte zweihundert Meter flexibles Wellrohr 20 mm.'],
		['es', 'Necesitamos doscientos metros de tubo flexible de 20 mm.'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual(['FLEX-CONDUIT-20 x200']);
	});
});

describe('a cross-section or a size before the product is no count (quantity.ts, count.ts)', () => {
	it.each([
		['mm²', 'Please quote 6 mm² green/yellow single core wire – 100 m'],
		['sq.mm', 'Please quote 6 sq.mm green/yellow single core wire, 100 metres'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual(['H07V-K-6-GNYE x100']);
	});

	it.each([
		'We need 20 mm flexible conduit, 50 m',
		'Please quote 50 metres of the 20 mm flexible conduit.',
	])('%s', (text) => {
		const q = quote('electrical', text);
		expect(lines(q)).toEqual(['FLEX-CONDUIT-20 x50']);
	});
});

describe('people times a duration for a course per participant-day (read/people.ts)', () => {
	it.each([
		['en', 'TIA Portal course | 3 engineers x 2 days'],
		['de', 'TIA-Portal-Kurs: 3 Mitarbeiter x 2 Tage'],
		['es', 'Curso TIA Portal: 3 técnicos x 2 días'],
		['fr', 'Formation TIA Portal : 3 techniciens x 2 jours'],
		['it', 'Corso TIA Portal: 3 tecnici x 2 giorni'],
		['pt', 'Curso TIA Portal: 3 técnicos x 2 dias'],
		['nl', 'TIA Portal cursus: 3 monteurs x 2 dagen'],
		['pl', 'Szkolenie TIA Portal: 3 techników x 2 dni'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('industrial', text))).toEqual(['SRV-TIA-COURSE x6']);
	});

	it('does not count the people twice when "for N people" already multiplied the days', () => {
		expect(
			lines(
				quote('industrial', 'Please quote the 2-day TIA Portal course for 4 of our technicians.'),
			),
		).toEqual(['SRV-TIA-COURSE x8']);
	});
});

describe('a count before a partitive (count.ts)', () => {
	it.each([
		['en', 'can u price 2 of the stratix 8 port unmanaged switches'],
		['de', 'bitte 2 von den Stratix 8-Port Switches'],
		['es', 'cotízame 2 de los switches Stratix 2000 de 8 puertos'],
		['fr', 'chiffrez-moi 2 des switchs Stratix 2000 8 ports'],
		['it', 'quotatemi 2 dei switch Stratix 2000 a 8 porte'],
		['pt', 'orçamento para 2 dos switches Stratix 2000 de 8 portas'],
		['nl', 'graag 2 van de Stratix 8 port unmanaged switches'],
		['pl', 'wycena: 2 z tych Stratix 8 port unmanaged switch'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('industrial', text))).toEqual(['1783-US8T x2']);
	});
});

describe('a count grouped in thousands with a space (quantity.ts)', () => {
	it.each([
		['fr', 'Il nous faut 5 000 cônes epT.I.P.S. 2–200 µL.', '0030000889 x5'],
		['es', 'Necesitamos 3 000 puntas epT.I.P.S. 2–200 µL.', '0030000889 x3'],
		['pl', 'Proszę 3 000 końcówek epT.I.P.S. 2–200 µl.', '0030000889 x3'],
		['nl', 'Graag 5 000 tips epT.I.P.S. 2–200 µL.', '0030000889 x5'],
	])('%s: %s → %s, pieces or packs for a person', (_, text, line) => {
		const q = quote('lab', text);
		expect(lines(q)).toEqual([line]);
		expect(q.route).toBe('review');
	});

	it('reads "2 500 mL" as two of 500 mL, never 2500', () => {
		expect(lines(quote('lab', 'Please quote 2 500 mL of ultrapure water.'))).toEqual([
			'H2O-UP-BULK x1',
		]);
	});
});

describe('an item sold by the litre is the count times the volume (quote.ts)', () => {
	it.each([
		['We need 20 litres of ultrapure water.', 'H2O-UP-BULK x20'],
		['Please quote two 20 L drums of ultrapure water.', 'H2O-UP-BULK x40'],
		['Please quote 3 x 10 L ultrapure water', 'H2O-UP-BULK x30'],
	])('%s', (text, line) => {
		expect(lines(quote('lab', text))).toEqual([line]);
	});
});

describe('containers of cable and of lab goods count what they hold (vocabulary.ts)', () => {
	it.each([
		['en', 'Please quote 3 reels of 100 m NYM-J 3x1.5.', 'NYM-J-3X1.5 x300'],
		['de', 'Bitte 2 Ringe NYM-J 3x1,5 à 100 m.', 'NYM-J-3X1.5 x200'],
		['es', 'Necesitamos 2 bobinas de 100 m de NYM-J 3x1,5.', 'NYM-J-3X1.5 x200'],
		['fr', 'Il nous faut 2 couronnes de 100 m de câble NYM-J 3x1,5.', 'NYM-J-3X1.5 x200'],
		['it', 'Ci servono 2 matasse da 100 m di cavo NYM-J 3x1,5.', 'NYM-J-3X1.5 x200'],
		['pt', 'Precisamos de 2 bobinas de 100 m de cabo NYM-J 3x1,5.', 'NYM-J-3X1.5 x200'],
		['nl', 'Graag 2 haspels van 100 m NYM-J 3x1,5.', 'NYM-J-3X1.5 x200'],
		['pl', 'Proszę 2 kręgi NYM-J 3x1,5 (100 m).', 'NYM-J-3X1.5 x200'],
	])('%s: %s', (_, text, line) => {
		expect(lines(quote('electrical', text))).toEqual([line]);
	});

	it.each([
		['it', 'Ci servono 2 casse di piastre 96 pozzetti Costar.', '3596 x2'],
		['es', 'Necesitamos 4 paq. filtros de jeringa Millex-GP 0,22 µm.', 'SLGP033RS x4'],
	])('%s: %s', (_, text, line) => {
		expect(lines(quote('lab', text))).toEqual([line]);
	});
});

describe('an item named again without a count repeats it (quote.ts)', () => {
	it.each([
		[
			'en',
			'Please quote 12 Schneider LC1D18 contactors with 230 V coil.\nAnother supplier offers the LC1D18 at 41 €, can you match it?',
		],
		[
			'de',
			'Wir brauchen 12 Schütze Schneider LC1D18, Spule 230 V.\nDas LC1D18 bitte zum Preis von 41 €, den uns ein anderer Händler macht.',
		],
		[
			'es',
			'Necesitamos 12 contactores Schneider LC1D18 bobina 230 V.\nOtro distribuidor nos deja el LC1D18 a 41 €.',
		],
		[
			'fr',
			'Il nous faut 12 contacteurs Schneider LC1D18 bobine 230 V.\nUn autre grossiste nous fait le LC1D18 à 41 €.',
		],
		[
			'it',
			'Ci servono 12 contattori Schneider LC1D18 bobina 230 V.\nUn altro grossista ci fa il LC1D18 a 41 €.',
		],
		[
			'pt',
			'Precisamos de 12 contactores Schneider LC1D18 bobina 230 V.\nOutro fornecedor faz o LC1D18 a 41 €.',
		],
		[
			'nl',
			'Graag 12 magneetschakelaars Schneider LC1D18 spoel 230 V.\nEen andere groothandel doet de LC1D18 voor 41 €.',
		],
		[
			'pl',
			'Potrzebujemy 12 styczników Schneider LC1D18 cewka 230 V.\nInna hurtownia daje LC1D18 za 41 €.',
		],
	])('%s: quotes the stated count, not the sum, and a person confirms', (_, text) => {
		const q = quote('electrical', text);
		expect(q.lines.find((l) => l.sku === 'SE-LC1D18P7')?.qty).toBe(12);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(/SE-LC1D18P7 is named again without a count/);
	});
});

describe('a product group of the list keeps its count; "for each <noun>" without one goes to a person', () => {
	it('quotes "trois CPU" and one memory card for each', () => {
		expect(
			lines(
				quote(
					'industrial',
					'Merci de chiffrer :\n- trois CPU S7-1500 1513-1 PN\n- une carte mémoire SIMATIC 24 Mo pour chaque CPU',
				),
			),
		).toEqual(['6ES7513-1AL02-0AB0 x3', '6ES7954-8LF03-0AA0 x3']);
	});

	it('sends "a memory card for each CPU" to a person when no count of the CPUs was read', () => {
		const q = quote(
			'industrial',
			'Please quote:\n- 3 S7-1500 CPU 1513-1 PN\n- a SIMATIC memory card 24 MB for each CPU',
		);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(/names no count of what it is for/);
	});
});
