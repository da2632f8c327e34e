// The generated red team of the automatic route (ADR 0083): a few hundred requests, seeded, over the safety and
// fluid catalogs (tests/core/quote/redTeamGenerated.mts). Every one either comes out exactly right or goes to a
// person; none goes out alone with a line missing, a wrong count or an extra line, nor with an item the catalog
// lacks asked for.
import { describe, expect, it } from 'vitest';
import { breaksProperty, generateRequests, SHAPES } from './redTeamGenerated.mts';

describe('generated red team of the automatic route (ADR 0083)', () => {
	const requests = [...generateRequests(330, 83), ...generateRequests(330, 1)];

	it('is deterministic and covers every shape, language and both catalogs', () => {
		expect(generateRequests(20, 83)).toEqual(generateRequests(20, 83));
		expect(new Set(requests.map((r) => r.shape))).toEqual(new Set(SHAPES));
		expect(new Set(requests.map((r) => r.lang)).size).toBe(6);
		expect(new Set(requests.map((r) => r.catalog))).toEqual(new Set(['safety', 'fluid']));
	});

	it('no generated request goes out automatically unless its quote is exactly right', () => {
		const findings = requests.flatMap((r) => {
			const f = breaksProperty(r);
			return f ? [`${r.id}: ${f.why.join('; ')} | ${JSON.stringify(r.text)}`] : [];
		});
		expect(findings).toEqual([]);
	}, 60_000);

	// the kinds found and fixed, written anew: each reads right or goes to a person naming the phrase
	it('a length and the count after it belong to the item before them ("PU tube 8x6, 25 m: 3")', async () => {
		const { quoteOn, sortedLines } = await import('./labelled.mts');
		const q = quoteOn('fluid', 'Hi,\nrolls of blue PU tube 8x6, 25 m: 4\nThanks');
		expect(sortedLines(q)).toEqual(['PUN-H-8X6-BL-25 x4']);
	});

	it('"N x each:", "je N Stück:", "elk N stuks:" give every item of the list the count', async () => {
		const { quoteOn, sortedLines } = await import('./labelled.mts');
		const q = quoteOn(
			'fluid',
			'Please send 6 x each: CQ2 compact cylinders bore 32 stroke 50 and G1/4 bronze silencers.',
		);
		expect(sortedLines(q)).toEqual(['CDQ2B32-50DZ x6', 'U-G14 x6']);
		// in German and Dutch the count is read; what else the reader does not read there goes to a person
		for (const t of [
			'Bitte je 6 Stück: CQ2 Kompaktzylinder 32 x 50 und Schalldämpfer Bronze G1/4.',
			'Graag elk 6 stuks: CQ2 compact cylinders 32 x 50 en bronze silencers G1/4.',
		]) {
			const other = quoteOn('fluid', t);
			expect(other.lines.find((l) => l.sku === 'CDQ2B32-50DZ')?.qty).toBe(6);
			expect(other.route).toBe('review');
		}
		// a count of groups before it ("for 3 presses, 2 each:") stays a multiplier's
		const groups = quoteOn('fluid', 'For 3 presses, 2 each: G1/4 bronze silencers.');
		expect(sortedLines(groups)).toEqual(['U-G14 x6']);
	});

	it('an item after the sign-off with a count the reader does not take goes to a person, named', async () => {
		const { quoteOn } = await import('./labelled.mts');
		const q = quoteOn(
			'safety',
			'Hello,\n10 x anchor slings 1.5 m\nBest regards, Kim\n\nP.S. aggiungete 4 Dräger X-am 2500 please',
		);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toContain('X-am 2500');
		const unknown = quoteOn(
			'safety',
			'Hello,\n10 x anchor slings 1.5 m\nRegards, Kim\n\nPS: ook 3 blusdekens.',
		);
		expect(unknown.route).toBe('review');
		expect(unknown.review_reasons.join(' ')).toContain('blusdeken');
		// a signature with a number and no thing counted still lets the quote go out
		const signed = quoteOn(
			'safety',
			'Hello,\n10 x anchor slings 1.5 m\nRegards, Kim\n\nKim Lee, Building 4',
		);
		expect(signed.route).toBe('auto');
	});

	it('"(N)." ends an item with its count; "size L (N)" without a count is a question for a person', async () => {
		const { quoteOn, sortedLines } = await import('./labelled.mts');
		const q = quoteOn('safety', 'We need: anchor slings 1.5 m (3), GoggleGear 500 goggles (7).');
		expect(sortedLines(q)).toEqual(['AN150 x3', 'GG501SGAF x7']);
		const sized = quoteOn(
			'safety',
			'We need: Portwest C470 vests size L (12), GoggleGear 500 goggles (7).',
		);
		expect(sized.route).toBe('review');
		expect(sized.lines.find((l) => l.sku === 'C470YERL')?.qty).not.toBe(12);
	});
});
