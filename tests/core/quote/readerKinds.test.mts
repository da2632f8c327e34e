// Kinds of sentence the reader learnt from the fresh labelled set (ADR 0054): request forms, numbers that
// name rather than count, per-group lists, thread changes in every order, container words that are the
// product, plural endings, wall switches and colours, small talk, and a variant the buyer leaves open. Every
// sentence here is written for the test, one row per kind and language.
import { describe, expect, it } from 'vitest';
import { normalizeText, parseRequest, readMultipliers, textTerms } from '../../../core/quote';
import { readAmendment } from '../../../core/quote/amendments';
import { toQty } from '../../../core/quote/read/quantity';
import { quoteOn, sortedLines } from './labelled.mts';

const counts = (text: string) => parseRequest(text).requirements.map((r) => r.qty);
const texts = (text: string) => parseRequest(text).requirements.map((r) => r.text);
const quote = quoteOn;
const lines = sortedLines;

describe('a count grouped in thousands (read/quantity.ts toQty)', () => {
	it.each([
		['1,200', 1200],
		['3.000', 3000],
		['12,500', 12500],
		['2,5', 2.5],
		['0,250', 0.25],
		['7', 7],
	])('%s is %d', (written, value) => {
		expect(toQty(written)).toBe(value);
	});

	it('reads the count of a sentence in English and in German', () => {
		expect(counts('Please send 2,000 nitrile gloves')).toEqual([2000]);
		expect(counts('Bitte 1.500 Kabelbinder 200 mm anbieten')).toEqual([1500]);
	});
});

describe('request forms: position labels and a count at the end of the line', () => {
	it.each([
		['en', 'Item 4: Siemens motor 7.5 kW, 400 V, IE3 — Qty: 3 pcs', [3]],
		['de', 'Pos. 2: Frequenzumrichter 5,5 kW, 400 V — Menge: 2 Stk.', [2]],
		['es', 'Partida 5: Transmisor de presión, rango 2, 4-20 mA — Cantidad: 6 uds', [6]],
		['nl', 'Positie 3: LED paneel 600x600, 40 W, 3000 K — 12 st.', [12]],
		['pl', 'Poz. 1: Zasilacz 24 V, 10 A — 4 szt.', [4]],
		['it', 'Voce 2: pressacavo M20, ottone — Quantità: 50', [50]],
	])('%s: %s', (_, text, expected) => {
		expect(counts(text)).toEqual(expected);
	});

	it('still reads one count per item when every item of a line has its own', () => {
		expect(counts('Hager MBN116 - 12 szt., Hager MBN110 - 3 szt.')).toEqual([12, 3]);
		expect(counts('Moduły: SM 1223 DI 8x24VDC x 2, SM 1232 AQ 2 bit – 1 szt.')).toEqual([2, 1]);
	});

	it.each([
		['de', 'KTP700 Basic – 2 Stk. Dazu bitte ein TP1200 Comfort – 1 Stk.', [2, 1]],
		['pl', 'Zasilacz SITOP 24 V – 3 szt. Oprócz tego switch XB005 – 2 szt.', [3, 2]],
	])('%s: a count after a dash closes its item before a new sentence: %s', (_, text, expected) => {
		expect(counts(text)).toEqual(expected);
	});
});

describe('numbers that name, not count', () => {
	it.each([
		// a model number after the maker, then "para" (Spanish and Portuguese "for", Polish "a pair")
		['pt', '3 multímetros Fluke 115 para o laboratório', [3]],
		['es', '2 pinzas Fluke 376 para la nave', [2]],
		// the second side of a rating after "x"
		['de', 'Feinwaage (120 g x 0,01 mg) — 1 Stk.', [1]],
		['en', 'Analytical balance 320 g x 0.1 mg, 2 off', [2]],
		// a number glued to a count word inside a code
		['pt', '4 módulos de entrada FX5-8EX/ES', [4]],
		// what an item holds, in parentheses after it
		['en', '2 swing-bucket rotors (4 x 750 mL)', [2]],
		['de', 'Bitte 3 Kanister Ethanol (4 x 2,5 L) anbieten', [3]],
		// a strength glued to "x" after the product's name, the count after the last "x"
		['en', 'TBE buffer 10x x 3', [3]],
	])('%s: %s', (_, text, expected) => {
		expect(counts(text)).toEqual(expected);
	});
});

describe('a joiner that opens an item, and verbs of quoting before the count', () => {
	it.each([
		['it', 'due inverter da 4 kW più sei cavi sensore M12 da 2 metri', [2, 6]],
		['fr', 'Pourriez-vous nous coter 3 pH-mètres de paillasse ?', [3]],
		['es', 'Por favor cotizad 5 contactores de 25 A', [5]],
	])('%s: %s', (_, text, expected) => {
		expect(counts(text)).toEqual(expected);
	});
});

describe('per-group lists', () => {
	it('reaches the list of a heading ending with a colon across a blank line', () => {
		const text =
			'We are fitting out 4 kiosks. Every kiosk gets the same:\n\n- 2 LED panels 600x600\n- 1 motion detector\n\nThanks';
		expect(counts(text)).toEqual([8, 4]);
	});

	it('ends a per-group list where another heading of the paragraph begins', () => {
		const text =
			'We have 3 classrooms. Per classroom: 2 LED panels and 1 motion detector. For the corridor: 1 floodlight.';
		expect(counts(text)).toEqual([6, 3, 1]);
	});

	it('reads the items after a thank-you for something past', () => {
		const text =
			'Thanks again for the quick delivery last week, much appreciated.\n\n- 6 Hager B16 MCBs\n- 2 Legrand Niloe double sockets';
		const asked = parseRequest(text).requirements.filter((r) => r.qty_explicit);
		expect(asked.map((r) => r.qty)).toEqual([6, 2]);
	});

	it('takes "per unit" as the group the request made of its units with "each"', () => {
		const grouped = parseRequest(
			'Office fit-out, 3 units in total. Each unit gets 2 double sockets. Add 4 hours of electrician labour per unit.',
		).requirements.filter((r) => r.qty_explicit);
		expect(grouped.map((r) => r.multiplier?.factor)).toEqual([3, 3]);
		const priced = parseRequest('Please quote 4 units of the ACS580 drive, price per unit.');
		expect(priced.requirements.map((r) => [r.qty, r.multiplier?.factor])).toEqual([[4, undefined]]);
	});

	it('takes a per-marker only as a word of its own ("tripsina edta" holds no Polish "na")', () => {
		expect(readMultipliers('mi servono 4 fbs e 6 tripsina edta').multipliers).toEqual([]);
		expect(counts('mi servono 4 fbs e 6 tripsina edta')).toEqual([4, 6]);
	});
});

describe('a slash between two ratings joins them', () => {
	it.each([
		['en', '1 DIN rail power supply 24 V / 5 A'],
		['de', '2 Netzteile 24 V / 20 A für den Schaltschrank'],
	])('%s: %s', (_, text) => {
		expect(texts(text)).toHaveLength(1);
	});
});

describe('threads: count changes in every order (amendments.ts)', () => {
	const older = 'Buenos días, cotizar 3 bombas Grundfos CR 10 y 2 variadores Altivar.';
	it.each([
		['es', 'Perdón: en vez de 3 bombas Grundfos necesitamos 5.', '5 bombas Grundfos'],
		['es', 'De las bombas necesitamos 4, no 3.', '4 bombas Grundfos'],
		['de', 'Bitte statt drei nun vier Pumpen anbieten.', '4 bombas Grundfos'],
	])('%s: %s', (_, newest, changed) => {
		const a = readAmendment(newest, older);
		expect(a?.applied).toBe(true);
		expect(a?.text).toContain(changed);
		expect(a?.text).toContain('2 variadores');
	});

	it('changes the count whose own item is named when two items on a line share it', () => {
		const a = readAmendment(
			'Bitte 5 statt 2 Stück der KTP700 Basic.',
			'Angebot über 2 KTP700 Basic und 2 SCALANCE XB005.',
		);
		expect(a?.text).toContain('5 KTP700 Basic und 2 SCALANCE XB005');
	});

	it('applies every change of the message, a measure is no count', () => {
		const a = readAmendment(
			'Toch de kabels van 3 meter in plaats van 5 m, en 8 stuks in plaats van 6.',
			'Graag een prijs voor:\n- 6x patchkabel 5 m\n- 2x switch',
		);
		expect(a?.text).toContain('8x patchkabel');
		expect(a?.text).toContain('2x switch');
	});
});

describe('words of the buyers languages', () => {
	it.each([
		['pt', 'balões volumétricos', ['volumetric', 'flask']],
		['it', 'interruttori bianchi', ['switch', 'white']],
		['es', 'interruptor blanco', ['switch', 'white']],
		['de', 'Lichtschalter reinweiß', ['switch', 'white']],
		['nl', 'witte stopcontacten', ['socket', 'white']],
	])('%s: %s', (_, text, terms) => {
		const read = textTerms(normalizeText(text));
		for (const t of terms) expect(read).toContain(t);
	});
});

describe('a course counted in participant-days, its length written as an adjective', () => {
	it.each([
		['de', 'Bitte eine 2-tägige TIA Portal Schulung für 3 Personen anbieten.', 6],
		['nl', 'Graag een 2-daagse TIA Portal cursus voor 3 monteurs.', 6],
		['pl', 'Prosimy o ofertę: kurs TIA Portal 2-dniowy dla 3 osób.', 6],
		// a duration after a preposition is no timing, and Italian "di 2" is no digital input
		['es', 'Necesitamos un curso TIA Portal de 2 días para 3 técnicos.', 6],
		['it', 'Vorremmo un corso TIA Portal di 2 giorni per 3 tecnici.', 6],
	])('%s: %s', (_, text, days) => {
		expect(lines(quote('industrial', text))).toEqual([`SRV-TIA-COURSE x${days}`]);
	});
});

describe('days of a given length are hours', () => {
	it.each([
		['en', 'We need 2 days of on-site commissioning (10-hour days).', 20],
		['de', 'Bitte Inbetriebnahme vor Ort anbieten: 2 Tage à 9 Stunden.', 18],
		['es', 'Necesitamos puesta en marcha in situ: 3 jornadas de 8 horas.', 24],
		['fr', 'Merci de chiffrer la mise en service sur site : 2 journées de 10 heures.', 20],
	])('%s: %s', (_, text, hours) => {
		expect(lines(quote('industrial', text))).toEqual([`SRV-COMM-ONSITE x${hours}`]);
	});
});

describe('small talk of the opening names nothing', () => {
	it.each([
		['en', "Hope you're keeping well.\nPlease quote 2 PLCs."],
		['de', 'Ich hoffe, es geht Ihnen gut.\nBitte 2 SPS anbieten.'],
		['es', 'Espero que estés bien.\nNecesitamos 2 PLC.'],
		['fr', "J'espère que vous allez bien.\nMerci de chiffrer 2 automates."],
		['nl', 'Ik hoop dat alles goed gaat.\nGraag 2 PLCs.'],
	])('%s', (_, text) => {
		expect(texts(text)).toHaveLength(1);
		expect(counts(text)).toEqual([2]);
	});
});

describe('quoted end to end', () => {
	it('counts bottles of a bottle sold in packs as pieces, in Spanish too', () => {
		const q = quote('lab', 'Necesitamos 40 frascos DURAN GL45 de 1000 mL.');
		expect(lines(q)).toEqual(['DWK-218015459 x4']);
		expect(q.route).toBe('review');
	});

	it('sends a line whose size the buyer left open to a person', () => {
		const q = quote('lab', 'Please quote 6 boxes of Kimtech purple nitrile gloves.');
		expect(q.route).toBe('review');
		expect(q.review_reasons.some((r) => /size is not stated/.test(r))).toBe(true);
		const sized = quote('lab', 'Please quote 6 boxes of Kimtech purple nitrile gloves, size M.');
		expect(sized.review_reasons.some((r) => /is not stated/.test(r))).toBe(false);
		expect(lines(sized)).toEqual(['90627 x6']);
	});

	it('multiplies a per-panel list below a blank line', () => {
		const q = quote(
			'industrial',
			'We are building 3 identical control cabinets. Per cabinet the parts are:\n\n- 12 x UT 4 terminals\n- 2 x 2966171 relay modules',
		);
		expect(lines(q)).toEqual(['2966171 x6', '3044102 x36']);
	});
});
