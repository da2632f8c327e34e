// Quantity kinds the reader learnt in ADR 0060 (round 2 on the wrong quantities left on the tuning split):
// a table's quantity cell that holds its unit, a count set off after the item with a container or in words,
// a count per group times the groups the request names (else a person), a size "A x B mm" is no count, a
// bare count at a line's end after a comma, a number written as a word is never one of the item's name,
// "also" before a count, coils or drums of a cable with no length go to a person, Polish "po 100 m". Every
// sentence is written for the test, one row per kind and language.
import { describe, expect, it } from 'vitest';
import { rewriteTables } from '../../../core/quote/read/tables';
import { quoteOn, sortedLines } from './labelled.mts';

const quote = quoteOn;
const lines = sortedLines;
const reasons = (q: ReturnType<typeof quote>) => q.review_reasons.join(' | ');

describe('a table quantity cell that holds its unit (tables.ts)', () => {
	it.each([
		['en', '| Pos | Item | Qty |\n| 1 | OBO T60 junction box | 4 pcs |'],
		['de', '| Pos. | Artikel | Menge |\n| 1 | Abzweigdose OBO T60 | 4 Stk. |'],
		['fr', '| Ligne | Désignation | Quantité |\n| 1 | Boîte OBO T60 | 4 pces |'],
		['es', '| Pos | Descripción | Cantidad |\n| 1 | Caja OBO T60 | 4 uds |'],
		['it', '| Riga | Descrizione | Quantità |\n| 1 | Scatola OBO T60 | 4 pz |'],
		['pt', '| Linha | Descrição | Quantidade |\n| 1 | Caixa OBO T60 | 4 un |'],
		['nl', '| Regel | Omschrijving | Aantal |\n| 1 | Aftakdoos OBO T60 | 4 stuks |'],
		['pl', '| Lp. | Opis | Ilość |\n| 1 | Puszka OBO T60 | 4 szt. |'],
	])('%s: the count, not the line number', (_, table) => {
		expect(lines(quote('electrical', table))).toEqual(['OBO-T60 x4']);
	});

	it('reads a length in the quantity cell as the length, the line number left out', () => {
		const table = '| Lp. | Opis | Ilość |\n| 4 | Przewód H07RN-F 3G2,5 | 60 m |';
		// the measure before the item (ADR 0081: after it, "DN10 — 40 m" read as a range)
		expect(rewriteTables(table)).toBe('\n60 m Przewód H07RN-F 3G2,5');
		expect(lines(quote('electrical', table))).toEqual(['H07RN-F-3G2.5 x60']);
	});
});

describe('a count set off after the item with a container or in words (fragments.ts, quantity.ts)', () => {
	it.each([
		['en', '- Sarstedt Petri dishes 92 x 16 mm, with vents – 2 cases'],
		['de', '- Sarstedt Petrischalen 92 x 16 mm, mit Nocken – 2 Kartons'],
		['fr', '- Boîtes de Petri Sarstedt 92 x 16 mm, avec ergots – 2 cartons'],
		['es', '- Placas de Petri Sarstedt 92 x 16 mm, con levas – 2 cajas'],
		['it', '- Piastre Petri Sarstedt 92 x 16 mm, con camme – 2 casse'],
		['pt', '- Placas de Petri Sarstedt 92 x 16 mm, com ventilação – 2 caixas'],
		['nl', '- Petrischalen Sarstedt 92 x 16 mm, met nokken – 2 dozen'],
		['pl', '- Szalki Petriego Sarstedt 92 x 16 mm, z wentylacją – 2 kartony'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('lab', text))).toEqual(['82.1473.001 x2']);
	});

	it('reads "– three off" after a rating set off by a comma', () => {
		const text =
			'- Rosemount 3051CG gauge pressure transmitter, range 2, for the boiler feed – three off';
		expect(lines(quote('industrial', text))).toEqual(['3051CG2A02A1AH2B4 x3']);
	});
});

describe('a size "A x B mm" is no count (quantity.ts)', () => {
	it.each([
		['en', 'Sarstedt Petri dishes 92 x 16 mm with vents: 960 pcs'],
		['de', 'Petrischalen 92 × 16 mm mit Nocken, steril: 960 Stück'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('lab', text))).toEqual(['82.1473.001 x2']);
	});
});

describe('a bare count at the end of the line after a comma, in words (quantity.ts)', () => {
	it.each([
		['en', 'AQ 4xU/I ST, four'],
		['de', 'AQ 4xU/I ST, vier'],
		['fr', 'AQ 4xU/I ST, quatre'],
		['es', 'AQ 4xU/I ST, cuatro'],
		['it', 'AQ 4xU/I ST, quattro'],
		['pt', 'AQ 4xU/I ST, quatro'],
		['nl', 'AQ 4xU/I ST, vier stuks'],
		['pl', 'AQ 4xU/I ST, cztery'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('industrial', text))).toEqual(['6ES7532-5HD00-0AB0 x4']);
	});

	it('a number word the reader did not bind is never taken for a number of the item name', () => {
		const q = quote('industrial', 'AQ 4xU/I ST four');
		expect(q.route).toBe('review');
		expect(reasons(q)).toContain('"4" in "AQ 4xU/I ST four" is neither its count');
	});
});

describe('a count per group times the one count of the groups (read/perGroup.ts)', () => {
	it.each([
		['en', 'Junction boxes OBO T60: 4 per floor, the building has 3 floors.'],
		['de', 'Abzweigdosen OBO T60: 4 Stück pro Etage, das Gebäude hat 3 Etagen.'],
		['fr', 'Boîtes de dérivation OBO T60 : 4 par étage, le bâtiment a 3 étages.'],
		['es', 'Cajas de derivación OBO T60: 4 por planta, el edificio tiene 3 plantas.'],
		['it', "Scatole di derivazione OBO T60: 4 per piano, l'edificio ha 3 piani."],
		['pt', 'Caixas de derivação OBO T60: 4 por andar, o edifício tem 3 andares.'],
		['nl', 'Aftakdozen OBO T60: 4 per verdieping, het gebouw heeft 3 verdiepingen.'],
		['pl', 'Puszka OBO T60: 4 szt. na piętro (3 piętra).'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual(['OBO-T60 x12']);
	});

	it.each([
		['en', 'Junction boxes OBO T60: 4 per floor.'],
		['de', 'Abzweigdosen OBO T60: 4 Stück pro Etage.'],
		['pl', 'Puszki OBO T60: 4 szt. na piętro.'],
	])('%s: no count of the groups: a person says how many (%s)', (_, text) => {
		const q = quote('electrical', text);
		expect(q.route).toBe('review');
		expect(reasons(q)).toContain('is a count per');
	});

	it('a total that disagrees with the count per group goes to a person', () => {
		const agree =
			'We run 3 sites and order 12 Rosemount 3051CG range 2 gauge transmitters in all (4 per site).';
		expect(lines(quote('industrial', agree))).toEqual(['3051CG2A02A1AH2B4 x12']);
		const q = quote('industrial', agree.replace('4 per site', '5 per site'));
		expect(q.route).toBe('review');
		expect(reasons(q)).toContain('"5 per site" for 3 gives 15, the request states 12');
	});

	it('a model number before "par <group>" is no count for each group', () => {
		const text = 'Pour 6 paillasses il nous faut un agitateur Vortex-Genie 2 par paillasse.';
		expect(lines(quote('lab', text))).toEqual(['SI-0236 x6']);
	});
});

describe('"also" before a count (vocabulary `also`, read/count.ts)', () => {
	it.each([
		['en', 'We would also like two Pipetman Classic P200.'],
		['de', 'Wir hätten außerdem gerne zwei Pipetman Classic P200.'],
		['fr', 'Nous voudrions également deux Pipetman Classic P200.'],
		['es', 'Quisiéramos además dos Pipetman Classic P200.'],
		['it', 'Vorremmo anche due Pipetman Classic P200.'],
		['pt', 'Queremos também duas Pipetman Classic P200.'],
		['nl', 'Wij willen eveneens twee Pipetman Classic P200.'],
		['pl', 'Potrzebujemy również dwie Pipetman Classic P200.'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('lab', text))).toEqual(['F123601 x2']);
	});
});

describe('coils or drums of a cable sold per metre with no length go to a person (read/containers.ts)', () => {
	it.each([
		['en', 'NYM-J 3x1.5 cable: 2 coils'],
		['de', 'NYM-J 3x1,5 Leitung: 2 Ringe'],
		['fr', 'Câble NYM-J 3x1,5 : 2 couronnes'],
		['es', 'Cable NYM-J 3x1,5: 2 bobinas'],
		['it', 'Cavo NYM-J 3x1,5: 2 matasse'],
		['pt', 'Cabo NYM-J 3x1,5: 2 bobinas'],
		['nl', 'Kabel NYM-J 3x1,5: 2 haspels'],
		['pl', 'Przewód NYM-J 3x1,5: 2 kręgi'],
	])('%s: %s', (_, text) => {
		const q = quote('electrical', text);
		expect(q.route).toBe('review');
		expect(reasons(q)).toContain('states no length: a person says how many metres');
	});
});

describe('Polish "po 100 m" is a length each, no purchase order (message.ts)', () => {
	it.each([['Przewód NYM-J 3x1,5 – 2 kręgi po 100 m'], ['Przewód NYM-J 3x1,5: 4 bębny po 50 m.']])(
		'%s',
		(text) => {
			expect(lines(quote('electrical', text))).toEqual(['NYM-J-3X1.5 x200']);
		},
	);
});

describe('a strength glued to its "x" is no count (quantity.ts, quote.ts)', () => {
	it.each([
		['en', '2 TAE buffer 50x Bio-Rad'],
		['de', '2 TAE-Puffer 50x Bio-Rad'],
		['fr', '2 de tampon TAE 50x Bio-Rad'],
		['es', '2 de tampón TAE 50x Bio-Rad'],
		['it', '2 tampone TAE 50x Bio-Rad'],
		['pt', '2 de tampão TAE 50x Bio-Rad'],
		['nl', '2 TAE-buffer 50x Bio-Rad'],
		['pl', '2 bufor TAE 50x Bio-Rad'],
	])('%s: the count written first (%s)', (_, text) => {
		expect(lines(quote('lab', text))).toEqual(['1610743 x2']);
	});

	it.each([['TAE buffer 50x Bio-Rad'], ['TAE-Puffer 50x Bio-Rad, bitte anbieten']])(
		'no other count: a person says how many (%s)',
		(text) => {
			const q = quote('lab', text);
			expect(q.route).toBe('review');
			expect(reasons(q)).toContain('"50x"');
			expect(reasons(q)).toContain('is the strength of 1610743, not a count');
		},
	);
});
