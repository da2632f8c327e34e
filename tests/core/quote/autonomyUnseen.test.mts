// Autonomy on text nobody here wrote (ADR 0080): kinds of sentence whose exactly right quote waited for a person
// though nothing of the request was left unread, and, beside each, adversarial near misses: a request with a
// missing item, an unbound product phrase or an uncertain quantity still goes to a person, the reason named.
// Every sentence is written for this test (new wording, not taken from the labelled sets).
import { describe, expect, it } from 'vitest';
import { runsAsPositions } from '../../../core/quote/read/tables';
import { quoteOn, sortedLines } from './labelled.mts';

const reasons = (q: { review_reasons: string[] }) => q.review_reasons.join(' | ');

describe('a first table column that runs as positions is no count and no part of a code (read/tables.ts)', () => {
	it.each([
		[['1', '2', '3'], true],
		[['10', '20', '30', '40'], true],
		[['3.1', '3.2', '3.3'], true],
		[['1.', '2.', '3.'], true],
		[['5', '2', '8'], false],
		[['1', '1', '1'], false],
		[['2'], false],
		[['1', '2', 'A'], false],
		[['3.1', '4.2'], false],
	] as const)('%j runs as positions: %s', (cells, runs) => {
		expect(runsAsPositions(cells)).toBe(runs);
	});

	it.each([
		[
			'pt, "Lin." numbered 10, 20, 30',
			'Pedido de cotação\nLin. | Código | Descrição | Qtd\n10 | 31750613 | Conector reto G1/4 tubo 6 | 3\n20 | U-G14 | Silenciador bronze | 12\n30 | SS5Y5-20-08 | Manifold 8 posições | 1',
			['31750613 x3', 'SS5Y5-20-08 x1', 'U-G14 x12'],
		],
		[
			'fr, "Réf." numbered 1, 2',
			'Bonjour, merci de chiffrer :\nRéf. | Désignation | Qté\n1 | Silencieux U-G14 | 20\n2 | SS5Y5-20-08 embase manifold 8 postes | 2\nCordialement',
			['SS5Y5-20-08 x2', 'U-G14 x20'],
		],
	] as const)('%s: quoted as read, nothing left over', (_, text, lines) => {
		const q = quoteOn('fluid', text);
		expect(sortedLines(q)).toEqual([...lines].sort());
		expect(q.unaccounted).toEqual([]);
	});

	it('a first column of another header ("Length") still describes the item: it stays in the row', () => {
		const q = quoteOn(
			'fluid',
			'Length | Item | Qty\n25 | PU tube 6x4 blue roll | 2\n100 | PU tube 6x4 blue roll | 1',
		);
		// the lengths tell the two rolls apart: they are read, not dropped as positions
		expect(q.lines.every((l) => /100|25/.test(l.match.requirement))).toBe(true);
	});

	it('a position column whose rows do not run (1, 3, 2) stays a number a person looks at', () => {
		const q = quoteOn(
			'fluid',
			'Ref. | Description | Qty\n1 | silencer U-G14 | 20\n3 | manifold SS5Y5-20-08 | 2\n2 | silencer U-G14 | 4',
		);
		expect(q.route).toBe('review');
	});
});

describe('after an exact catalog code, the buyer’s own words describe the item it names when they also name it (accounting describedAfterCode)', () => {
	it.each([
		['nl', '6 x U-G14 geluiddemper brons G1/4', 'U-G14 x6'],
		['pl', 'Proszę o wycenę: 2 x SS5Y5-20-08 listwa zaworowa SY5000, G1/4', 'SS5Y5-20-08 x2'],
		['sv', '3 st SY5120-5DZ-01 magnetventil 24VDC G1/8', 'SY5120-5DZ-01 x3'],
	] as const)('%s: %s', (_, text, line) => {
		const q = quoteOn('fluid', text);
		expect(sortedLines(q)).toEqual([line]);
		expect(q.unaccounted).toEqual([]);
	});

	it.each([
		[
			'words before the code (an uncertain quantity)',
			'We will need somewhere near 30 x U-G14, final figure later',
			/"somewhere".* is not a word the catalog or the reader knows/,
		],
		[
			'a clause after the code that is about the count, not the item',
			'30 x U-G14 sintered bronze G1/4, final figure later',
			/"figure".* is not a word the catalog or the reader knows/,
		],
		[
			'a lone word after the code that says nothing else of the item (it may ask for a variant)',
			'4 x U-G14 verchromt',
			/"verchromt" .* is not a word the catalog or the reader knows/,
		],
		[
			'a second item after a joiner in a language the catalog does not write',
			'6 x U-G14 und Schalldämpferhalter',
			/schalldampferhalter/,
		],
		[
			'a word before the code that may be what is bought',
			'4 Ersatzspulen für SY5120-5DZ-01',
			/"ersatzspulen" .* is not a word the catalog or the reader knows/,
		],
		[
			'a word before the code in a table row',
			'Réf. | Désignation | Qté\n1 | Embase SS5Y5-20-08 | 2\n2 | Silencieux U-G14 | 20',
			/"embase"/,
		],
	] as const)('%s still goes to a person: %s', (_, text, named) => {
		const q = quoteOn('fluid', text);
		expect(q.route).toBe('review');
		expect(reasons(q)).toMatch(named);
	});
});

describe('a chat "thx" closes the message like "thanks" (message.ts sign-off)', () => {
	it('the name and company after "thx," are no requirement', () => {
		const q = quoteOn(
			'fluid',
			'pls price asap:\n4x U-G14\n2x SS5Y5-20-08\nthx, Rui – Pneumática Norte Lda',
		);
		expect(sortedLines(q)).toEqual(['SS5Y5-20-08 x2', 'U-G14 x4']);
		expect(q.unaccounted).toEqual([]);
		expect(q.route).toBe('auto');
	});

	it('a product line after "thx" is still accounted for and named', () => {
		const q = quoteOn('fluid', 'pls price: 4x U-G14\nthx\nPS also 3 coils 22mm 230V');
		expect(q.route).toBe('review');
		expect(reasons(q)).toMatch(/coil/i);
	});
});

describe('a request with an item missing, an unbound product phrase or an uncertain quantity never goes out alone', () => {
	it.each([
		[
			'an item the catalog lacks beside one it has',
			'Please quote 4 x U-G14 and 2 hydraulic accumulators 1 litre.',
			/requirement\(s\) unmatched: R2/,
		],
		[
			'an unread product phrase after the sign-off',
			'Need 4 x U-G14.\nBest regards, Ana\nPS: plus 6 silencers G3/8',
			/"plus 6 silencers G3\/8" asks for "silencer"/,
		],
		[
			'a range for the count',
			'Between 10 and 20 x SS5Y5-20-08 please, not sure yet.',
			/a range of counts/,
		],
		[
			'a count to be confirmed',
			'Approx. 40 U-G14 silencers, exact number next week.',
			/an approximate count/,
		],
		[
			'a table row whose count is not a number',
			'Pos | Part | Qty\n1 | U-G14 | 4\n2 | SS5Y5-20-08 | tbc',
			/"2" in "2 \| SS5Y5-20-08 \| tbc" is neither its count/,
		],
	] as const)('%s: %s', (_, text, named) => {
		const q = quoteOn('fluid', text);
		expect(q.route).toBe('review');
		expect(reasons(q)).toMatch(named);
	});
});
