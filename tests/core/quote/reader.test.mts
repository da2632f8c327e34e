// The request reader's named extractors, one table per extractor and per language (issue 15 point 2,
// ADR 0031): counts with the piece and pack words of each language, number words, joiners before a count,
// tables with bars, tabs and semicolons, accessories named by code after "with", signature blocks, order
// references, volumes and sizes, per-markers of each language. Each row is a kind of sentence, not a case.
import { describe, expect, it } from 'vitest';
import { parseRequest, scanAttributes, normalizeText } from '../../../core/quote';
import { rewriteTables } from '../../../core/quote/read/tables';
import { blankSignature } from '../../../core/quote/read/signature';
import { isReferenceOnly } from '../../../core/quote/read/references';
import { VOCABULARY } from '../../../core/quote/read/vocabulary';
import { numberWordsToDigits } from '../../../core/numberWords';

const counts = (text: string) => parseRequest(text).requirements.map((r) => r.qty);

describe('count words of every language (read/vocabulary.ts: pieces and packs)', () => {
	it.each([
		['en', 'Please supply 15 boxes Kimwipes', [15]],
		['en', '6 rolls Parafilm M', [6]],
		['en', '3-off Orion Star A211 pH meters', [3]],
		['de', '10 Packungen Whatman Filterpapier Grade 1 90 mm', [10]],
		['de', '2 Kartons Sarstedt Petrischalen 92 x 16 mm', [2]],
		['de', '6 Stück Sartorius Entris II BCE2202-1S', [6]],
		['fr', '10 boîtes de gants nitrile Kimtech', [10]],
		['fr', '4 unités de la centrifugeuse Eppendorf 5425', [4]],
		['es', '6 paquetes de bridas 200 mm', [6]],
		['es', '8 unidades de cajas congeladoras Nalgene', [8]],
		['it', '4 pezzi di Eppendorf Easypet 3', [4]],
		['it', '2 flaconi di tampone pH 7.01', [2]],
		['pt', '20 caixas de luvas Ansell TouchNTuff', [20]],
		['pt', '3 frascos de DMSO Sigma-Aldrich 100 mL', [3]],
		['nl', '3 stuks Hanna HI2211 pH-meter', [3]],
		['nl', '2 verpakkingen Optifit tips 1000 µL', [2]],
		['pl', '5 opakowań filtrów strzykawkowych Millex-GP 0,22 µm', [5]],
		['pl', '12 sztuk pipet Gilson PIPETMAN Classic P200', [12]],
	])('%s: "%s" → %j', (_, text, expected) => {
		expect(counts(text)).toEqual(expected);
	});

	it('every language has pieces, packs, words for one, asking words, joiners and "for" words', () => {
		for (const [lang, v] of Object.entries(VOCABULARY)) {
			expect([lang, v.pieces.length > 0, v.containers.length > 0, v.articles.length > 0]).toEqual([
				lang,
				true,
				true,
				true,
			]);
			expect([lang, v.asking.length > 0, v.joiners.length > 0, v.purpose.length > 0]).toEqual([
				lang,
				true,
				true,
				true,
			]);
		}
	});
});

describe('number words (core/numberWords.ts), Polish declined forms included', () => {
	it.each([
		['pl', 'dwoch wirowek', '2 wirowek'],
		['pl', 'trzech mieszadel', '3 mieszadel'],
		['pl', 'pieciu pipet', '5 pipet'],
		['nl', 'twee koelcentrifuges', '2 koelcentrifuges'],
		['de', 'zwolf panels', '12 panels'],
		['fr', 'dix projecteurs', '10 projecteurs'],
		['pt', 'duas fontes', '2 fontes'],
	])('%s: "%s" → "%s"', (_, text, expected) => {
		expect(numberWordsToDigits(text)).toBe(expected);
	});
});

describe('joiners before a count split two items (read/fragments.ts)', () => {
	it.each([
		[
			'nl',
			'Wij hebben twee koelcentrifuges Eppendorf 5424 R nodig en vier vortexmengers IKA Vortex 3.',
			[2, 4],
		],
		[
			'pl',
			'Potrzebujemy dwóch wirówek Thermo Scientific Sorvall ST 8 i trzech mieszadeł IKA RCT basic.',
			[2, 3],
		],
		['pl', '12 sztuk pipet Gilson P200 oraz 12 sztuk P1000', [12, 12]],
		['it', 'un pHmetro Hanna HI2211, più 2 flaconi di tampone pH 7.01', [1, 2]],
		['pt', 'quatro fontes Mean Well SDR-480-24 e duas fontes QUINT4 24 V 20 A', [4, 2]],
	])('%s: "%s" → %j', (_, text, expected) => {
		expect(counts(text)).toEqual(expected);
	});
});

describe('an accessory named by its code after "with" is one per item (read/fragments.ts)', () => {
	it('"2 centrifuges with the A-4-62 rotor": two requirements, two of each', () => {
		const { requirements } = parseRequest(
			'2 Eppendorf 5810 R centrifuges with the A-4-62 swing-bucket rotor',
		);
		expect(requirements.map((r) => [r.qty, r.sku_hints])).toEqual([
			[2, ['5810']],
			[2, ['a462']],
		]);
		expect(requirements[1].service_for).toBe('R1');
	});

	it.each([
		'2 sensors with M12 connector',
		'3 enclosures with IP65 rating',
		'2 flowmeters with DN80 flanges',
	])('a rating or size is no accessory: "%s" stays one requirement', (text) => {
		expect(parseRequest(text).requirements).toHaveLength(1);
	});
});

describe('tables pasted as text (read/tables.ts)', () => {
	it.each([
		[
			'semicolons (fr)',
			'Référence;Désignation;Quantité\n352070;Tubes Falcon 50 mL;4',
			'\n4 x 352070 Tubes Falcon 50 mL',
		],
		[
			'semicolons (nl)',
			'Artikelnr;Omschrijving;Aantal\n4488;Costar pipetten 10 mL;3',
			'\n3 x 4488 Costar pipetten 10 mL',
		],
		[
			'bars, "Item" names the product (en)',
			'Item | Qty\nSchneider GV2ME14 | 4',
			'\n4 x Schneider GV2ME14',
		],
		['bars, a line-number column (es)', 'Pos | Ref | Cant.\n1 | F171203 | 5', '\n5 x F171203'],
		[
			'bars, "Q.tà" (it)',
			'Codice | Descrizione | Q.tà\n1756-IB16 | Modulo ingressi | 8',
			'\n8 x 1756-IB16 Modulo ingressi',
		],
		[
			'tabs (de)',
			'Pos\tArtikel\tMenge\n2\tLabLine Minizentrifuge\t3',
			'\n3 x LabLine Minizentrifuge',
		],
	])('%s', (_, table, expected) => {
		expect(rewriteTables(table)).toBe(expected);
	});

	it('a sentence with one semicolon is no table', () => {
		const text = 'Need 2 drives; urgent';
		expect(rewriteTables(text)).toBe(text);
	});
});

describe('signature blocks and order references (read/signature.ts, read/references.ts)', () => {
	it.each([
		[
			'en',
			'Please supply 6 rolls Parafilm M.\n\nDr. Emma Hart\nLab Manager\nPhone +44 1223 555 019\nCambridge CB2 1TN',
		],
		[
			'pl',
			'Prosimy o ofertę na 4 x Parafilm M.\nAnna Kowalska\nLaboratorium Analityczne\ntel. +48 22 555 12 34\nul. Lipowa 7, 00-123 Warszawa',
		],
		[
			'de',
			'Bitte Angebot für 3 Stück Danfoss FC 302 15 kW.\nKlaus Weber\nTel. +49 711 123456\n70173 Stuttgart',
		],
		['pt', 'Quantidades: 3 frascos de DMSO.\nJoão Silva\nTel: +351 21 123 4567\n1000-001 Lisboa'],
	])('%s: the block is blanked, the request kept, offsets unchanged', (_, text) => {
		const out = blankSignature(text);
		expect(out).toHaveLength(text.length);
		expect(out.split('\n')[0]).toBe(text.split('\n')[0]);
		expect(out.slice(text.indexOf('\n') + 1).trim()).toBe('');
	});

	it.each([
		'Benötige:\n2 Stk. S7-1200 CPU 1215C\n4 Stk. SM 1221 DI 16x24VDC\n4 Stk. SM 1222 DQ 16x24VDC',
		'Need:\nHager MBN116\nLegrand Niloe Schuko',
		'2 x Parafilm M\nAnna Kowalska',
	])('no block without a contact line, and product lines are never one: %j', (text) => {
		expect(blankSignature(text)).toBe(text);
	});

	it.each([
		'PO ref LAB-2026-118',
		'Our ref: Q-2291',
		'Bestellnummer 4500-118',
		'nº pedido 8812',
		'numer zamówienia 55/2026',
	])('"%s" is only a reference', (text) => {
		expect(isReferenceOnly(text)).toBe(true);
	});

	it.each(['PO for 2 x 1756-IB16', 'order 3 HI1131B electrodes'])(
		'"%s" is more than a reference',
		(text) => {
			expect(isReferenceOnly(text)).toBe(false);
		},
	);
});

describe('volumes and sizes (attributes.ts)', () => {
	const read = (text: string) =>
		scanAttributes(normalizeText(text)).attributes.map((a) =>
			a.upper === undefined ? `${a.dim}:${a.value}` : `${a.dim}:${a.value}-${a.upper}`,
		);
	it.each([
		['Falcon 50 mL tubes', ['ul:50000']],
		['Ethanol 2.5 L bottle', ['ul:2500000']],
		['Optifit tips 10 µL', ['ul:10']],
		['Research plus 20–200 µL', ['ul:20', 'ul:200']],
		['gants nitrile taille M', ['size:4']],
		['luvas tamanho L', ['size:5']],
		['batas talla XL', ['size:6']],
		['ControlLogix 1756-L83E', []],
	])('"%s" → %j', (text, expected) => {
		expect(read(text)).toEqual(expected);
	});
});

describe('per-markers and group counts of each language (multipliers.ts)', () => {
	it.each([
		['de', 'Je Raum 2 Downlights Philips 8W 3000K, insgesamt 9 Räume.', [18]],
		[
			'pl',
			'oprawy Philips CoreLine LED panel 36W dla 12 pomieszczeń, po 4 sztuki na pomieszczenie.',
			[48],
		],
		[
			'it',
			'Vorremmo un preventivo per tre agitatori magnetici IKA C-MAG HS 7 e due Eppendorf ThermoMixer C.',
			[3, 2],
		],
		[
			'nl',
			'Voor 8 werkplekken: per werkplek een Sartorius Tacta pipet en een doos Optifit tips.',
			[8, 8],
		],
	])('%s: "%s" → %j', (_, text, expected) => {
		expect(counts(text)).toEqual(expected);
	});

	it('"Prosimy o ofertę na 4 x Parafilm": Polish "na" before no counted group is no per-marker', () => {
		expect(counts('Prosimy o ofertę na 4 x Parafilm M.')).toEqual([4]);
	});
});

describe('what was bought is no request (read/installed.ts)', () => {
	it('"the centrifuge we bought in March is making a noise" asks for nothing', () => {
		expect(
			parseRequest('Hi, the Centrifuge 5424 R we bought in March is making a grinding noise.')
				.requirements,
		).toEqual([]);
	});
});

// Quantity kinds of issue 15 (ADR 0050): a count after the item with a word for number, a count before a
// marker that opens a list, "for each of the N groups" in each language, and a count the request calls a
// total (never multiplied again); a total of the groups still multiplies.
describe('quantity kinds: counts after the item, per-group counts, totals (ADR 0050)', () => {
	it.each([
		['it', 'Hager MCN116 — n. 4', [4]],
		['pl', 'SCALANCE XB008 – nr 2', [2]],
		['en', 'Rosemount 3051CD range 2 — qty 5', [5]],
		['en', 'For 5 kiosks, 3 each: Legrand Niloe sockets', [15]],
		['es', 'Para 3 naves, 2 cada una: Philips floodlight 50W', [6]],
		['it', 'Per ciascuno dei 4 quadri servono 2 interruttori Hager MBN116', [8]],
		['fr', 'Pour chacun des 3 ateliers, 2 variateurs ATV320 4 kW', [6]],
		['nl', 'Voor elk van de 5 lokalen: 1 Steinel bewegingsmelder', [5]],
		['fr', 'Au total 10 disjoncteurs Hager MBN116 (2 par armoire), pour 5 armoires.', [10]],
		['nl', 'We hebben 6 pompen; in totaal 6 ATV320 4 kW, dus één per pomp.', [6]],
		['en', '1 KTP700 Basic per line, 4 lines in total.', [4]],
	])('%s: "%s" → %j', (_, text, expected) => {
		expect(counts(text)).toEqual(expected);
	});

	it.each([
		[
			'columns aligned with spaces',
			'Tag     Description              Qty\nPS-01   Mean Well SDR-240-24 24V   4\nSW-01   Stratix 2000 5 port        2',
			['4 x PS-01 Mean Well SDR-240-24 24V', '2 x SW-01 Stratix 2000 5 port'],
		],
		[
			'a pack-size column and a quantity header with its unit in brackets',
			'Cat. no. | Description | Pack | Qty (packs)\n1001-125 | Whatman Grade 1, 125 mm | 100 | 3',
			['3 x 1001-125 Whatman Grade 1 125 mm'],
		],
	])('a table: %s', (_, text, rows) => {
		expect(
			rewriteTables(text)
				.split('\n')
				.map((l) => l.trim())
				.filter(Boolean),
		).toEqual(rows);
	});
});
