// Quantity kinds of ADR 0081, read on text nobody here wrote (the M- requests): a table pasted with columns
// aligned by spaces or exported as CSV, a tender's section numbers, a count written in words and again in
// digits, a roll that holds a length, and a rating on an item's line that is no count of groups. Every
// sentence is written for the test (several languages); the rows that must not change are near misses.
import { describe, expect, it } from 'vitest';
import { readMultipliers } from '../../../core/quote/multipliers';
import { packSize } from '../../../core/quote/packs';
import { readMessage } from '../../../core/quote/message';
import { blankLabels } from '../../../core/quote/read/labels';
import { rewriteTables } from '../../../core/quote/read/tables';
import { parseRequest } from '../../../core/quote/requirements';
import { quoteOn, sortedLines } from './labelled.mts';

const counts = (text: string) => parseRequest(text).requirements.map((r) => r.qty);

describe('a table pasted as text (read/tables.ts)', () => {
	it('de: columns aligned with spaces, a count aligned right under its header', () => {
		const text = [
			'Pos  Art. Nr.   Bezeichnung                        ME     Menge',
			'1    A-118      Schalldämpfer Sinterbronze M5      Stk       12',
			'2    A-207      Minizylinder ISO 6432 D20 Hub 100  Stk        3',
		].join('\n');
		const out = rewriteTables(text);
		expect(out).toContain('12 x A-118 Schalldämpfer Sinterbronze M5');
		expect(out).toContain('3 x A-207 Minizylinder ISO 6432 D20 Hub 100');
	});

	it('it: a description with a single space before the unit column stays in its column', () => {
		const text = [
			'Riga  Codice      Descrizione                  UM   Q.tà',
			'1     X-1         Silenziatore bronzo M5 PZ         20',
		].join('\n');
		expect(rewriteTables(text)).toContain('20 x X-1 Silenziatore bronzo M5');
	});

	it('es, en: a list exported as CSV, a measure in the unit column written first', () => {
		const es =
			'cantidad,unidad,referencia,descripcion\n5,ud,,Silenciador bronce M5\n30,m,,Manguera 1SN DN10';
		expect(rewriteTables(es)).toContain('5 x Silenciador bronce M5');
		expect(rewriteTables(es)).toContain('30 m Manguera 1SN DN10');
		const en = 'qty,uom,part,description\n4,pcs,,silencer M5, sintered bronze';
		expect(rewriteTables(en)).toContain('4 x silencer M5 sintered bronze');
	});

	it('pt, nl: the headers "Quant." / "Un" and "Aantal" / "Eenh."', () => {
		expect(rewriteTables('Quant. | Un | Descrição\n6 | pç | Silenciador bronze M5')).toContain(
			'6 x Silenciador bronze M5',
		);
		expect(
			rewriteTables(
				'Omschrijving                 Aantal  Eenh.\nHydr. slang 1SN DN10             15  m',
			),
		).toContain('15 m Hydr slang 1SN DN10');
	});

	it('a line of a table read as a message keeps its spaces (message.ts)', () => {
		const text =
			'Bitte anbieten:\n\nPos  Ref. int.   Bezeichnung                      Menge\n1    R-9         Schalldämpfer Sinterbronze M5       16\n';
		expect(readMessage(text).text).toContain('Pos  Ref. int.   Bezeichnung');
		expect(sortedLines(quoteOn('fluid', text))).toEqual(['U-M5 x16']);
	});

	it('near miss: a sentence with two spaces after a full stop is no table', () => {
		expect(rewriteTables('We need 4 silencers M5.  Thanks, 2 of them urgent.')).toBe(
			'We need 4 silencers M5.  Thanks, 2 of them urgent.',
		);
	});
});

describe("a tender's section numbers and a count written twice (read/labels.ts)", () => {
	it.each([
		[
			'en',
			'3.1 Silencer sintered bronze M5 – 10 pcs\n3.2 Silencer sintered bronze G1/8 – 4 pcs',
			[10, 4],
		],
		[
			'pt',
			'2.1 Silenciador bronze M5 ..... 6 un.\n2.2 Silenciador bronze G1/8 ..... 2 un.',
			[6, 2],
		],
	])('%s: "N.M" opening two lines of one section is no count', (_, text, want) => {
		expect(counts(text)).toEqual(want);
	});

	it('near miss: one line that opens with a decimal, or a rating after it, stays as written', () => {
		expect(blankLabels('2.5 m hose 1SN DN10 please')).toBe('2.5 m hose 1SN DN10 please');
		const two = '1.5 kW drive for the fan\n1.1 kW drive for the pump';
		expect(blankLabels(two)).toBe(two);
	});

	it.each([
		['en', 'Silencer sintered bronze M5. Quantity: five (5).', 5],
		['de', 'Schalldämpfer Sinterbronze M5, Menge: zwei (2) Stück.', 2],
		['es', 'Silenciador de bronce M5: cinco (5) unidades.', 5],
		['fr', 'Silencieux bronze M5 : trois (3) pièces.', 3],
	])('%s: a count in words and again in digits is one count', (_, text, want) => {
		expect(counts(text)).toEqual([want]);
		expect(parseRequest(text).requirements[0].loose_numbers).toEqual([]);
	});

	it('near miss: digits in brackets that disagree with the words stay a number of the request', () => {
		expect(blankLabels('Quantity: two (3)')).toBe('Quantity: two (3)');
	});
});

describe('a roll that holds a length is no pack of pieces (packs.ts)', () => {
	const item = (name: string) => ({
		sku: 'X',
		name,
		description: '',
		category: '',
		manufacturer: '',
		keywords: [],
		uom: 'Roll',
		unit_price: '1',
		currency: 'EUR',
		price_breaks: [],
		stock: null,
	});

	it('packSize: "roll of 50 m" holds metres, "pack of 10" pieces', () => {
		expect(packSize(item('PU tube 8x6, roll of 50 m') as never)).toBeNull();
		expect(packSize(item('Silencer M5, pack of 10') as never)).toBe(10);
	});

	it.each([
		['de', 'Bitte 3 Rollen PU-Schlauch 10x7 blau à 25 m anbieten.', 'PUN-H-10X7-BL-25 x3'],
		['en', 'Please add 2 rolls of blue PU tube 10x7, 25 m each.', 'PUN-H-10X7-BL-25 x2'],
		['fr', 'Merci de chiffrer 4 rouleaux de tube PU 10x7 bleu de 25 m.', 'PUN-H-10X7-BL-25 x4'],
	])('%s: rolls of the catalog roll are counted as rolls', (_, text, line) => {
		expect(sortedLines(quoteOn('fluid', text))).toEqual([line]);
	});
});

describe("a rating on an item's line is no count of groups (multipliers.ts)", () => {
	it('en: one set per machine, the machines named after the marker', () => {
		const text =
			'Each press uses:\n- 1 x compact cylinder, 40 bore, 25 stroke\n- 2 x speed controller G1/8\nWe want one set per press, so 4 presses in all.';
		const factors = readMultipliers(text).multipliers.map((m) => m.factor);
		expect(factors).not.toContain(25);
		expect(factors).not.toContain(40);
	});

	it('de: a breakdown in brackets after a count of its own multiplies nothing by the stroke', () => {
		const text =
			'6 x Normzylinder ISO 15552 Kolben 40 Hub 200 doppeltwirkend\n12 x Drosselrückschlagventil G1/4 (2 je Zylinder)';
		expect(readMultipliers(text).multipliers.map((m) => m.factor)).not.toContain(200);
		expect(counts(text)).toEqual([6, 12]);
	});

	it('near miss: places counted before "each" still multiply', () => {
		const text = 'We run four plants; each needs two Altivar ATV320 0.75 kW drives.';
		expect(readMultipliers(text).multipliers.map((m) => m.factor)).toEqual([4]);
	});
});

describe("a word for pieces with its full stop ends no marker's sentence (multipliers.ts)", () => {
	it.each([
		[
			'de',
			'Wir haben 3 Abfüllmaschinen. Pro Maschine brauchen wir 2 Stk. Schalldämpfer M5 und 1 Stk. Schalldämpfer G1/8.',
		],
		['en', 'We run 5 presses. Per press we need 2 pcs. silencer M5 and 1 pc. silencer G1/8.'],
		['pl', 'Mamy 4 maszyny. Na maszynę potrzebujemy 2 szt. tłumik M5 oraz 1 szt. tłumik G1/8.'],
	])('%s: both items of the sentence are counted per group', (_, text) => {
		// (the sentence naming the groups may stand as a part of its own: the two items are the last)
		const got = counts(text).slice(-2);
		const groups = Number(/(\d) (?:Abf|presses|maszyny)/.exec(text)?.[1]);
		expect(got).toEqual([2 * groups, groups]);
	});
});

describe("a filter's rating in microns is no count (read/count.ts)", () => {
	it.each([
		['en', 'Please price 3 filter regulators G1/4 with gauge, 40 micron.'],
		['de', 'Bitte 3 Filterregler G1/4 mit Manometer, 40 µm, anbieten.'],
		['fr', 'Merci de chiffrer 3 filtres-régulateurs G1/4 avec manomètre, 40 microns.'],
	])('%s: one item counted 3', (_, text) => {
		expect(counts(text)).toEqual([3]);
	});
});
