// Review reasons and confidence factors made precise for autonomy, round two (ADR 0075): a kind of sentence
// whose exactly right quote waited for a person for a reason that fires on right quotes far more than on wrong
// ones goes out alone, while the near misses of the same kind still go to a person. Every sentence is written
// for the test, one row per kind and language.
import { describe, expect, it } from 'vitest';
import { quoteOn, sortedLines } from './labelled.mts';

describe('a word for a pack the catalog lacks that counts the item’s own packs makes no line less certain (packs.ts packWordsRead)', () => {
	it.each([
		['de', 'Bitte um ein Angebot über eine Schachtel Optifit Tips 1000 µL.', '791000 x1'],
		['nl', 'Graag een offerte voor een doos Sartorius Optifit tips 1000 µL.', '791000 x1'],
		[
			'fr',
			'Pour le labo : une boîte de plaques PCR Bio-Rad Hard-Shell 96 puits, boîte de 50.',
			'HSP9601 x1',
		],
		['it', 'Vorremmo una scatola di piastre PCR Hard-Shell Bio-Rad, scatola da 50.', 'HSP9601 x1'],
		[
			'pt',
			'Queremos 2 caixas de placas PCR Bio-Rad Hard-Shell (caixa com 50 unidades).',
			'HSP9601 x2',
		],
	] as const)('%s: %s', (_, text, line) => {
		const q = quoteOn('lab', text);
		expect(sortedLines(q)).toEqual([line]);
		expect(q.route).toBe('auto');
	});

	it.each([
		[
			'a pack the buyer sizes otherwise than the catalog',
			'lab',
			'Quiero 2 cajas de placas PCR Bio-Rad Hard-Shell (caja de 100 placas).',
		],
		[
			'a pack the buyer sizes otherwise than the catalog (de)',
			'lab',
			'Wir brauchen 2 Schachteln Bio-Rad Hard-Shell PCR-Platten, Schachtel zu 25.',
		],
		['a pack of an item sold by the piece', 'electrical', 'Graag een doos Hager MCN320.'],
		[
			'a pack of an item sold by the piece (es)',
			'electrical',
			'Necesitamos una caja de Hager MCN320.',
		],
		[
			'a pack before "for": the pack may be what is bought',
			'electrical',
			'Necesitamos 2 bobinas para el contactor LC1D18P7.',
		],
	] as const)('%s still goes to a person: %s', (_, catalog, text) => {
		expect(quoteOn(catalog, text).route).toBe('review');
	});
});
