// How trades the engine was not tuned on write the sizes that tell close variants apart (ADR 0070,
// core/quote/read/notations.ts): an inch thread or port ("G1/4", '1/2"', "3/8 BSP"), a size in millimetres
// ("Ø8", "OD 10", "bore 63 stroke 100", "D63 H250", "tube de 12", "10er Schlauch"), a displacement
// ("25 cm³/rev", "11 cc") and a numbered size ("size 9", "Gr. 42", "pointure 43"). The catalog side and the
// request side read them alike, so an equal value matches and a different one excludes the variant. Every
// sentence is written for the test; near misses must not change.
import { describe, expect, it } from 'vitest';
import {
	buildCatalogIndex,
	buildQuote,
	canonicalCatalogItem,
	RawCatalogItemSchema,
} from '../../../core/quote';
import { scanAttributes } from '../../../core/quote/attributes';
import { normalizeText } from '../../../core/quote/tokenize';
import { quoteOn, sortedLines } from './labelled.mts';

const dims = (text: string) =>
	scanAttributes(normalizeText(text)).attributes.map((a) => `${a.dim}:${a.value}`);

describe('an inch thread or port (notations.ts, dim in)', () => {
	it.each([
		['en', 'brass plug 3/8" BSP', 'in:0.375'],
		['en', 'a regulator with G 1/2 ports', 'in:0.5'],
		['de', 'Rückschlagventil R 3/4 Messing', 'in:0.75'],
		['de', 'Kugelhahn 1/2 Zoll', 'in:0.5'],
		['fr', 'un bouchon laiton G1/8 mâle', 'in:0.125'],
		['es', 'una válvula antirretorno de 1/4 pulgada', 'in:0.25'],
		['it', 'un tappo in ottone 3/8 gas, filetto G3/8', 'in:0.375'],
		['nl', 'een terugslagklep 1/2 BSP', 'in:0.5'],
		['pl', 'zawór zwrotny 3/4 cala', 'in:0.75'],
	])('%s: %s', (_, text, dim) => {
		expect(dims(text)).toContain(dim);
	});

	it.each([
		['fr', 'une vanne 1/4 de tour', 'a quarter turn'],
		['en', 'a 5/2 valve and a 3/2 valve', "a valve's ports and positions"],
		['en', 'delivery on 1/4/2027 please', 'a date'],
		['de', 'ein Gewinde M16x1,5', 'a metric thread'],
		['es', 'media jornada, 1/2 día', 'half a day'],
	])('%s: %s is no inch size (%s)', (_, text) => {
		expect(dims(text).filter((d) => d.startsWith('in:'))).toEqual([]);
	});
});

describe('a size in millimetres (notations.ts, dim mm)', () => {
	it.each([
		['en', 'cylinder 40 bore, 150 stroke', ['mm:40', 'mm:150']],
		['en', 'push-in elbow for Ø10 tube', ['mm:10']],
		['en', 'nylon tube OD 12', ['mm:12']],
		['de', 'Normzylinder Kolben-Ø 40, Hub 150', ['mm:40', 'mm:150']],
		['de', 'Winkelverschraubung für 12er Schlauch', ['mm:12']],
		['fr', 'vérin alésage 40 course 150', ['mm:40', 'mm:150']],
		['fr', 'coude instantané pour tube de 10', ['mm:10']],
		['es', 'cilindro Ø40 carrera 150 mm', ['mm:40', 'mm:150']],
		['it', 'cilindro alesaggio 40 corsa 150', ['mm:40', 'mm:150']],
		['it', 'minicilindro D10 c.40', ['mm:10', 'mm:40']],
		['pt', 'manómetro de 80 mm', ['mm:80']],
		['nl', 'cilinder D40 H150', ['mm:40', 'mm:150']],
		['pl', 'siłownik tłok 40, skok 150', ['mm:40', 'mm:150']],
		['en', 'tube 10x8 mm', ['mm:10', 'mm:8']],
	])('%s: %s', (_, text, expected) => {
		expect(dims(text).filter((d) => d.startsWith('mm:'))).toEqual(expected);
	});

	it.each([
		['en', '3x 80mm gauges', ['mm:80'], 'a count before x'],
		['fr', '30 tubes PVC de 3 m', [], 'a count of tubes'],
		['de', 'Kabel 5x1,5 mm² und 3x2,5', [], 'cores and cross-sections'],
		['en', 'cylinder bore 40 or 50, stroke 150', ['mm:150'], 'a bore not chosen yet'],
		['it', 'corsa 100 o 150', [], 'a stroke not chosen yet'],
		['en', '24 V DC, 16x24VDC outputs', [], 'ratings'],
	])('%s: %s (%s)', (_, text, expected) => {
		expect(dims(text).filter((d) => d.startsWith('mm:'))).toEqual(expected);
	});
});

describe('a displacement and a voltage as the trades write them', () => {
	it.each([
		['en', 'gear pump 19 cm³/rev', 'cc:19'],
		['de', 'Zahnradpumpe 19 ccm', 'cc:19'],
		['it', 'pompa a ingranaggi da 19 cc', 'cc:19'],
		['pl', 'pompa zębata 19 cm3/obr', 'cc:19'],
		['it', 'bobina 110 Vca', 'v:110'],
		['es', 'bobina 48 Vcc', 'v:48'],
		['fr', 'bobine 48 V cc', 'v:48'],
	])('%s: %s', (_, text, dim) => {
		expect(dims(text)).toContain(dim);
	});

	it('a pump numbered by its place is still a label, one with a displacement is a size', () => {
		expect(dims('pump 3 needs a seal kit')).toEqual([]);
		expect(dims('a spare for pump 19 cc')).toEqual(['cc:19']);
	});
});

describe('a numbered size (notations.ts, dim sizeno)', () => {
	it.each([
		['en', 'gloves size 7', 'sizeno:7'],
		['de', 'Sicherheitsschuhe Gr. 45', 'sizeno:45'],
		['de', 'Handschuhe Größe 11', 'sizeno:11'],
		['fr', 'chaussures pointure 39', 'sizeno:39'],
		['fr', 'gants taille 10', 'sizeno:10'],
		['es', 'botas talla 41', 'sizeno:41'],
		['nl', 'schoenen maat 46', 'sizeno:46'],
		['pl', 'rękawice rozmiar 8', 'sizeno:8'],
		['en', 'glove, size M (8)', 'sizeno:8'],
	])('%s: %s', (_, text, dim) => {
		expect(dims(text)).toContain(dim);
	});

	it.each([
		['en', 'gloves in all sizes, sizes 6-11'],
		['de', 'Sicherheitsschuhe Gr. 39 bis 47'],
		['fr', 'chaussures taille 42/43'],
	])('%s: %s names no one size', (_, text) => {
		expect(dims(text)).toEqual([]);
	});

	it.each([
		['en', 'ear plugs SNR 37 dB', 'db:37'],
		['de', 'Kapselgehörschutz 30dB', 'db:30'],
		['fr', 'casque antibruit 31 dB', 'db:31'],
	])('%s: a sound level, %s', (_, text, dim) => {
		expect(dims(text)).toContain(dim);
	});

	it('a lettered size stays a lettered size', () => {
		expect(dims('gants taille XL')).toEqual(['size:6']);
	});
});

describe('the pick among close variants of the pneumatics catalog', () => {
	it.each([
		['en', 'Please quote 12 sintered bronze silencers 1/2" BSP.', 'U-G12 x12'],
		['fr', 'Merci de chiffrer 12 silencieux bronze fritté 1/2 BSP.', 'U-G12 x12'],
		[
			'en',
			'Price for 3 ISO 15552 cylinders, 63 bore, stroke 100, please',
			'DSBC-63-100-PPVA-N3 x3',
		],
		['en', 'We need 2 ISO 15552 cylinders D63 H250', 'DSBC-63-250-PPVA-N3 x2'],
		['it', 'Ci servono 2 cilindri ISO 15552 alesaggio 63 corsa 250', 'DSBC-63-250-PPVA-N3 x2'],
		['es', 'Necesitamos 2 cilindros ISO 15552 Ø63 carrera 250', 'DSBC-63-250-PPVA-N3 x2'],
		['it', 'una pompa ad ingranaggi AZPF 25 cc', 'AZPF-1X-025RRR20MB x1'],
		['en', 'one AZPF gear pump 25 cm3/rev clockwise', 'AZPF-1X-025RRR20MB x1'],
		['en', '40 m nylon tube OD 10', 'TIA-10X7-BL-M x40'],
		['en', '2 pressure gauges dial 100 mm', 'FL-50100400 x2'],
	])('%s: %s', (_, text, line) => {
		expect(sortedLines(quoteOn('fluid', text))).toEqual([line]);
	});

	it('a size no variant has goes to a person, naming it', () => {
		const q = quoteOn('electrical', '12 earth rods 1200mm');
		expect(q.route).toBe('review');
		expect(q.lines).toEqual([]);
		expect(q.unmatched_requirements[0].reason).toMatch(/asked 1200 mm, closest items have 1500 mm/);
	});
});

describe('a catalog of another trade, written for this test (numbered sizes)', () => {
	const raw = (sku: string, name: string) => ({
		sku,
		name,
		description: '',
		category: 'Workwear',
		manufacturer: 'Acme',
		keywords: [],
		uom: 'Pair',
		unit_price: '10.00',
		currency: 'EUR',
		price_breaks: [],
		stock: 50,
	});
	const index = buildCatalogIndex(
		[
			raw('GL-C-08', 'Cut-resistant glove level C, size 8'),
			raw('GL-C-09', 'Cut-resistant glove level C, size 9'),
			raw('GL-C-10', 'Cut-resistant glove level C, size 10'),
			raw('BT-S3-42', 'Safety boot S3 leather, size 42'),
			raw('BT-S3-43', 'Safety boot S3 leather, size 43'),
			raw('BT-S3-44', 'Safety boot S3 leather, size 44'),
		].map((r) => canonicalCatalogItem(RawCatalogItemSchema.parse(r))),
	);
	const quote = (text: string) =>
		buildQuote(text, index, { currency: 'EUR' }, { now: '2026-12-01T09:00:00Z' });

	it.each([
		['en', 'Please quote 20 pairs of cut-resistant gloves, size 9.', 'GL-C-09 x20'],
		['fr', 'Merci de chiffrer 6 paires de safety boot S3 pointure 43.', 'BT-S3-43 x6'],
		['es', 'Necesitamos 4 pares de safety boots S3 talla 44.', 'BT-S3-44 x4'],
	])('%s: %s', (_, text, line) => {
		expect(sortedLines(quote(text))).toEqual([line]);
	});

	it('a size the catalog does not have is no line', () => {
		const q = quote('Please quote 5 safety boots S3 size 47.');
		expect(q.lines).toEqual([]);
		expect(q.route).toBe('review');
	});
});
