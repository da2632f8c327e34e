// Letter sizes an item's name writes without the word "size" (ADR 0084): "harness 2-point, XL", "hi-vis
// vest C470 yellow M", "harness 2-point, M/L". The request's "size XL" / "Größe XL" / "taille L" / "talla
// XXL" meets them; a metre or a litre after a number is never a size. Sentences written for this file.
import { describe, expect, it } from 'vitest';
import { buildCatalogIndex, buildQuote } from '../../../core/quote';
import { nameLetterSizes } from '../../../core/quote/attributes';
import { normalizeText } from '../../../core/quote/tokenize';
import { quoteOn, sortedLines } from './labelled.mts';
import { item, NOW } from './samples.mts';

const sizes = (name: string) => nameLetterSizes(normalizeText(name)).map((a) => a.value);

describe('the letter size of an item name', () => {
	it.each([
		['Fall arrest harness 2-point, XL', [6]],
		['Fall arrest harness 2-point, M/L', [4, 5]],
		['Warnweste gelb M', [4]],
		['Chaleco reflectante naranja XXL', [7]],
		['Work jacket S, navy', [3]],
		['Half mask M', [4]],
	])('%s', (name, values) => {
		expect(sizes(name)).toEqual(values);
	});

	it.each([
		'Polyurethane tube 6x4 mm blue, roll 25 m',
		'Hydraulic oil drum 208 L',
		'Hydr. hose EN853 1SN DN10 per m',
		'Spill kit oil-only 50 L',
		'Safety shoe S3 SRC black, size 42',
		'Patch cable CAT6A, 5 m',
		'Sign M12 mounting plate',
	])('reads no size in %s', (name) => {
		expect(sizes(name)).toEqual([]);
	});
});

describe('requests naming a size against the safety catalog', () => {
	it.each([
		['We need 3 fall-arrest harnesses size XL please', ['1112947 x3']],
		['3 Auffanggurte Größe XL', ['1112947 x3']],
		['2 harnais antichute taille L', ['1112946 x2']],
		['8 Portwest C470 vests, size XL', ['C470YERXL x8']],
		['Bitte 4 Warnwesten C470 gelb Größe M', ['C470YERM x4']],
		['12 gilets haute visibilité C470 jaunes taille L', ['C470YERL x12']],
		['6 chalecos C470 amarillos talla XXL', ['C470YERXXL x6']],
		['5 hi-vis rain jackets orange size L', ['S460ORRL x5']],
		['3 boxes TouchNTuff 92-600, size S', ['TNT-92-600-S x3']],
		['6 pairs uvex 1 S3 safety shoes size 41', ['6848.41 x6']],
		['3 harnesses 2-point XL', ['1112947 x3']],
	])('%s', (text, lines) => {
		expect(sortedLines(quoteOn('safety', text))).toEqual(lines);
	});

	// the size word is the attribute's own word, not another product the item is not (accounting.ts
	// otherProductWords): a request whose size the item holds may go out without a person
	it.each([
		['3 harnesses size XL', '1112947 x3'],
		['3 Auffanggurte 2-Punkt Größe XL', '1112947 x3'],
		['4 gilets C470 taille L', 'C470YERL x4'],
	])('%s goes out automatically when the item holds the size', (text, line) => {
		const q = quoteOn('safety', text);
		expect(sortedLines(q)).toEqual([line]);
		expect(q.route).toBe('auto');
	});

	it('a size no harness has is not sent out as another size', () => {
		const q = quoteOn('safety', '2 harnesses size S');
		expect(q.lines.map((l) => l.sku)).not.toContain('1112947');
		expect(q.route).toBe('review');
	});

	it('lab gloves keep their sizes', () => {
		expect(sortedLines(quoteOn('lab', '4 boxes Kimtech purple nitrile gloves size M'))).toEqual([
			'90627 x4',
		]);
	});
});

describe('a range "M/L" beside an exact "M"', () => {
	const index = buildCatalogIndex([
		item({ sku: 'JK-ML', name: 'Softshell jacket navy, M/L', category: 'Workwear' }),
		item({ sku: 'JK-M', name: 'Softshell jacket navy, M', category: 'Workwear' }),
		item({ sku: 'JK-XL', name: 'Softshell jacket navy, XL', category: 'Workwear' }),
	]);
	const quote = (text: string) => buildQuote(text, index, { currency: 'EUR' }, { now: NOW });

	it('"size M" is never sent out automatically as the wrong one', () => {
		const q = quote('5 softshell jackets size M');
		const skus = q.lines.map((l) => l.sku);
		if (q.route === 'auto') expect(skus).toEqual(['JK-M']);
		expect(skus).not.toContain('JK-XL');
	});

	it('"size L" finds the M/L jacket only', () => {
		expect(quote('5 softshell jackets size L').lines.map((l) => l.sku)).toEqual(['JK-ML']);
	});

	it('"size XL" finds the XL jacket, not the M/L one', () => {
		expect(quote('5 softshell jackets size XL').lines.map((l) => l.sku)).toEqual(['JK-XL']);
	});
});
