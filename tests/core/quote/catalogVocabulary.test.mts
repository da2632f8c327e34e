// Vocabulary a catalog exported without keywords teaches by itself (ADR 0082): its own abbreviations ("Cab."
// read as the buyer's "Kab"), the parts of the compounds in its names ("Minitorch" → mini, torch;
// "Schweißerhandschuh" → glove), what an item is for ("Feed roll … for MIG 250" is no MIG 250), the codes it
// writes that the tokenizer keeps no term of ("3/2", "Z-Lite"). The catalog below (a welding supplier) and
// every sentence are written for this test; none is from the labelled sets.
import { describe, expect, it } from 'vitest';
import { buildCatalogIndex, buildQuote, parseRequest, search } from '../../../core/quote';
import { hyphenCodes, nameParts, wayCodes } from '../../../core/quote/retrieval';
import { item, NOW } from './samples.mts';

const welding = buildCatalogIndex([
	item({ sku: 'CD-50', name: 'Cab. drum 50 m H07RN-F 3G2.5', category: 'Cables / Drums' }),
	item({ sku: 'CD-25', name: 'Cab. drum 25 m H07RN-F 3G1.5', category: 'Cables / Drums' }),
	item({ sku: 'MT-15', name: 'Minitorch 15 gas cooled', category: 'Welding / Torches' }),
	item({ sku: 'TO-25', name: 'Torch MB 25, 4 m', category: 'Welding / Torches' }),
	item({ sku: 'MG-115', name: 'Mini grinder 115 mm', category: 'Tools / Grinders' }),
	item({
		sku: 'WG-10',
		name: 'Schweißerhandschuh Gr. 10',
		description: 'Leder, fünffinger',
		category: 'Protection / Welding gloves',
	}),
	item({ sku: 'MIG-250', name: 'MIG 250 welder, 230 V', category: 'Welding / Machines' }),
	item({ sku: 'FR-250', name: 'Feed roll 1.0 mm for MIG 250', category: 'Welding / Spares' }),
	item({ sku: 'GV-32', name: 'Gas valve 3/2 24 V', category: 'Welding / Valves' }),
	item({ sku: 'GV-22', name: 'Gas valve 2/2 24 V', category: 'Welding / Valves' }),
	item({ sku: 'ZL-BK', name: 'Helmet Z-Lite black', category: 'Protection / Helmets' }),
	item({ sku: 'ZL-WH', name: 'Helmet Z-Lite white', category: 'Protection / Helmets' }),
	item({ sku: 'HP-BK', name: 'Helmet Pro black', category: 'Protection / Helmets' }),
]);

const top = (text: string) => {
	const [requirement] = parseRequest(text).requirements;
	return search(welding, requirement, 3).candidates[0]?.item.sku;
};
const lines = (text: string) =>
	buildQuote(text, welding, { currency: 'EUR' }, { now: NOW }).lines.map(
		(l) => `${l.sku} x${l.qty}`,
	);

describe("the catalog's own abbreviations and compounds", () => {
	it.each([
		// a short word spelled as cognates spell the catalog's abbreviation (k → c)
		['de', 'bitte 2 Kab drum 50 m', 'CD-50'],
		// a compound of the catalog's names written apart: its head and its last part are catalog words
		['en', 'we need 3 mini torch 15, gas cooled', 'MT-15'],
		// its last part is a word of the synonym table
		['en', '10 pairs of welding gloves size 10', 'WG-10'],
		['fr', '10 paires de gants de soudeur taille 10', 'WG-10'],
	])('%s: %j → %s', (_l, text, sku) => {
		expect(top(text)).toBe(sku);
	});

	it('a short word that is no spelling of a catalog word stays unknown', () => {
		const [requirement] = parseRequest('2 Kob drum 50 m').requirements;
		const result = search(welding, requirement, 3);
		expect(result.corrections.map((c) => c.from)).not.toContain('kob');
	});

	it('a catalog word of three letters is no part of a compound after a head the catalog lacks', () => {
		// "Manometer" does not end in "meter" (five letters) nor in a stray "ter"
		const index = buildCatalogIndex([
			item({ sku: 'PG-1', name: 'Manometer 63 mm' }),
			item({ sku: 'FM-1', name: 'Flow meter DN25' }),
		]);
		const [requirement] = parseRequest('3 flow meters DN25').requirements;
		expect(search(index, requirement, 2).candidates.map((c) => c.item.sku)).toEqual(['FM-1']);
	});
});

describe('what an item is for is not what it is', () => {
	it('cuts the name where it says what the item is for', () => {
		expect(nameParts('Feed roll 1.0 mm for MIG 250')).toEqual(['Feed roll 1.0 mm', ' for MIG 250']);
		expect(nameParts('Schlauchtülle für PU-Schlauch 8 mm')).toEqual([
			'Schlauchtülle',
			' für PU-Schlauch 8 mm',
		]);
		// "per" says how the item is sold
		expect(nameParts('Hose 1SN DN10 per m')).toEqual(['Hose 1SN DN10 per m', '']);
	});

	it.each([
		// both names hold "MIG 250"; the feed roll's only after "for"
		['1 MIG 250 please', 'MIG-250'],
		['2 feed rolls 1.0 mm, MIG 250', 'FR-250'],
	])('%j → %s', (text, sku) => {
		expect(top(text)).toBe(sku);
	});
});

describe('codes the catalog writes that the tokenizer keeps no term of', () => {
	it('reads ways and positions, not inch fractions', () => {
		expect(wayCodes('valve 5/2 and 3/2 NC, 1/8 and 3/4" ports, G1/4')).toEqual(['5/2', '3/2']);
		expect(hyphenCodes('Helmet Z-Lite, X-am 2500, i-3, 11-800, EN-ISO')).toEqual([
			'zlite',
			'xam',
			'i3',
			'eniso',
		]);
	});

	it.each([
		['2 gas valves 3/2, 24V', 'GV-32'],
		['2 x 2/2 gas valve 24 V', 'GV-22'],
		['3 Z-Lite helmets black', 'ZL-BK'],
		['3 zlite helmets black', 'ZL-BK'],
	])('%j → %s', (text, sku) => {
		expect(top(text)).toBe(sku);
	});

	it('a number before a one-letter family code is the count, not volts', () => {
		expect(lines('4 V-Lite helmets')).not.toContain('GV-32 x1');
		const [requirement] = parseRequest('4 V-Lite helmets').requirements;
		expect(requirement.qty).toBe(4);
		expect(requirement.attributes).toEqual([]);
		const [volts] = parseRequest('6 gas valves 3/2 24 V-DC').requirements;
		expect(volts.attributes.map((a) => a.dim)).toContain('v');
	});
});
