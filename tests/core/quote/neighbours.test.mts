// Picks among near neighbours (ADR 0053): items of one family that differ by one model number, size,
// rating, channel count or maker. The request's own numbers, codes and makers decide; a named code that
// contradicts a stated attribute, or two makers' equivalents, go to a person.
import { describe, expect, it } from 'vitest';
import { codeSingular, parseRequest } from '../../../core/quote';
import { quoteOn } from './labelled.mts';

const quote = quoteOn;
const lines = (q: ReturnType<typeof quote>) => q.lines.map((l) => `${l.sku} x${l.qty}`);

describe('near neighbours', () => {
	it.each([
		// a model with a plural glued on is the model
		['electrical', 'Kindly price 4 boxes of the 221-413s.', ['WAGO-221-413 x4']],
		// a number no count or attribute claimed agrees with one neighbour's name
		['electrical', 'Preventivo: 2 quadri Hager Volta da 36 moduli.', ['HAG-VU36 x2']],
		['electrical', 'We need 8 lengths of rigid PVC conduit 25 mm.', ['PVC-CONDUIT-25 x8']],
		// two ratings written with a slash
		['industrial', 'Bitte 2 Netzteile QUINT4 24V/20A anbieten.', ['2904602 x2']],
		// channel counts in Dutch and German, "mit 32 Eingängen" an attribute of the module
		['industrial', 'Twee Axioline F ingangsmodules met 16 kanalen graag.', ['2688310 x2']],
		['industrial', '3x Modicon TM3 Eingangsmodul mit 32 Eingängen', ['TM3DI32K x3']],
		// an accessory for each item takes the item's count
		[
			'industrial',
			'Please quote three S7-1500 CPU 1511-1 PN, each with a 12 MB SIMATIC memory card.',
			['6ES7511-1AK02-0AB0 x3', '6ES7954-8LE03-0AA0 x3'],
		],
	] as const)('%s: %s', (catalog, text, expected) => {
		expect(lines(quote(catalog, text)).sort()).toEqual([...expected].sort());
	});

	it('keeps a code that really ends in S ("QUINTIX224-1S") and drops only a glued plural', () => {
		const known = new Set(['2214131', '221413', '22411s']);
		expect(codeSingular('221413s', (c) => known.has(c))).toBe('221413');
		expect(codeSingular('22411s', (c) => known.has(c))).toBe('22411s');
		expect(codeSingular('1990s', (c) => known.has(c))).toBe('1990s');
		expect(parseRequest('2 Sartorius Quintix 224-1S').requirements[0].sku_hints).toContain('2241s');
	});

	it('sends a named code that contradicts a stated attribute to a person, naming the neighbour that has it', () => {
		const q = quote('industrial', 'Could you quote 2 Mean Well SDR-120-24, 24 V 10 A?');
		expect(lines(q)).toEqual(['SDR-120-24 x2']);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(
			/SDR-120-24 was named but contradicts the requested 10 A; SDR-240-24/,
		);
	});

	// ADR 0053 kept this tie for a person; ADR 0072: the maker the message names is the buyer's choice, the
	// tie ends (both makers named, or none, it stays: autonomyCalibration.test.mts)
	it("quotes the maker the message names elsewhere among makers' equivalents", () => {
		const q = quote(
			'electrical',
			'Para a obra: 3 quadros Hager de 24 módulos e 12 disjuntores B16.',
		);
		expect(lines(q)).toContain('HAG-MBN116 x12');
		expect(lines(q)).not.toContain('ABB-S201-B16 x12');
		expect(q.review_reasons.join(' ')).not.toMatch(/alike/);
	});
});
