// Catalog retrieval: exact and partial SKU, synonyms, typos, and numeric attributes that must agree.
import { describe, expect, it } from 'vitest';
import {
	buildCatalogIndex,
	parseRequest,
	search,
	skuPrefixMatches,
	type SearchResult,
} from '../../../core/quote';
import { catalogIndex, item } from './samples.mts';

function top(text: string, k = 5): SearchResult {
	const [requirement] = parseRequest(text).requirements;
	return search(catalogIndex, requirement, k);
}

describe('search on the sample catalog', () => {
	it.each([
		// request, expected best SKU
		['1756-IB16', '1756-IB16'],
		['1756 IB16', '1756-IB16'],
		['6ES7 521-1BL10-0AA0', '6ES7521-1BL10-0AA0'],
		['SDR-240-24', 'SDR-240-24'],
		['Rosemount 3051CD range 3', '3051CD3A02A1AH2B4'],
		['ControlLogix 32-point input module', '1756-IB32'],
		['ControlLogix 8-point DC output module', '1756-OB8'],
		['S7-1500 DQ 32x24VDC BA', '6ES7522-1BL10-0AA0'],
		['KTP700 Basic', '6AV2123-2GB03-0AX0'],
		['Unified Comfort panel 15 inch', '6AV2128-3QB06-0AX1'],
		['ABB ACS580 55 kW', 'ACS580-01-106A-4'],
		['ACS580 0,75 kW', 'ACS580-01-02A6-4'],
		['Promag W DN100', '10W100-AA0A1AA0A4AA'],
		['vortex flowmeter DN80', 'DY080-EAD1A'],
		['SIMATIC memory card 24 MB', '6ES7954-8LF03-0AA0'],
		['program memory card 10 MB', 'IL-MC-10MB'],
		['QUINT4 power supply 40 A', '2904603'],
		['SCALANCE unmanaged switch 5 ports', '6GK5005-0BA00-1AB2'],
		['PROFIBUS cable', '6XV1830-0EH10'],
		['M12 sensor cable 10 m', 'SAC-4P-M12MS/10,0-PUR'],
		['PLC programming', 'SRV-PLC-PROG'],
	])('%j → %s', (text, sku) => {
		expect(top(text).candidates[0].item.sku).toBe(sku);
	});

	it('marks an exact SKU and a model-number prefix', () => {
		expect(top('1756-OB16E').candidates[0].sku_match).toBe('exact');
		const partial = top('Rosemount 3051CG');
		expect(partial.candidates[0].sku_match).toBe('partial');
		expect(partial.candidates.slice(0, 2).every((c) => c.item.sku.startsWith('3051CG'))).toBe(true);
	});

	it.each([
		['controller CompactLogix 5380 4 MB', 'PLC / Controllers'],
		['SPS Steuerung S7-1200 CPU 1214C', 'PLC / Controllers'],
		['operator panel 7 inch', 'HMI / Operator panels'],
		['Bedienpanel 12 Zoll', 'HMI / Operator panels'],
		['frequency converter 7.5 kW', 'Drives / VFD'],
		['variador de frecuencia 15 kW', 'Drives / VFD'],
		['Druckmessumformer', 'Instrumentation / Pressure'],
		['caudalímetro electromagnético DN50', 'Instrumentation / Flow'],
		['Netzteil 24 V 5 A', 'Power supplies'],
	])('synonyms: %j finds a %s item', (text, category) => {
		expect(top(text).candidates[0].item.category).toBe(category);
	});

	it('reads a one-letter typo as the word the catalog knows', () => {
		const result = top('comissioning onsite');
		expect(result.corrections).toContainEqual({ from: 'comissioning', to: 'commissioning' });
		expect(result.candidates[0].item.sku).toBe('SRV-COMM-ONSITE');
	});

	it('finds nothing for words the catalog does not have', () => {
		const result = top('hydraulic excavator');
		expect(result.candidates).toHaveLength(0);
		expect(result.unknown_terms).toEqual(['hydraulic', 'excavator']);
	});

	it('leaves its shared work space clean, so a search never depends on the one before', () => {
		const first = top('16-point digital input card ControlLogix');
		top('ACS580 55 kW');
		expect(catalogIndex.scratch.acc.every((x) => x === 0)).toBe(true);
		expect(catalogIndex.scratch.mask.every((x) => x === 0)).toBe(true);
		expect(top('16-point digital input card ControlLogix')).toEqual(first);
	});

	it('returns at most k candidates, best first', () => {
		const result = top('digital input module', 4);
		expect(result.candidates).toHaveLength(4);
		const scores = result.candidates.map((c) => c.score);
		expect([...scores].sort((a, b) => b - a)).toEqual(scores);
	});
});

describe('numeric attributes discriminate family members', () => {
	it.each([
		['16-point digital input card ControlLogix', 'pt', 16],
		['32-point digital input card ControlLogix', 'pt', 32],
		['8-channel digital output EtherCAT terminal', 'pt', 8],
		['PanelView 5310 10 inch', 'in', 10],
		['PanelView 5310 15"', 'in', 15],
		['ACS580 45 kW', 'kw', 45],
		['Danfoss FC302 2,2 kW', 'kw', 2.2],
		['Optiflux DN25', 'dn', 25],
		['memory card 2 MB', 'mb', 2],
		['SITOP 24 V 20 A', 'a', 20],
		['FL SWITCH 16 ports', 'port', 16],
	])('%j: the best candidate has %s = %s and no contradiction', (text, dim, value) => {
		const best = top(text).candidates[0];
		expect(best.attributes.conflicts).toEqual([]);
		expect(best.attributes.matched).toContainEqual(expect.objectContaining({ dim, value }));
	});

	it('flags, and ranks below, an 8-point card for a 16-point request when both exist', () => {
		const index = buildCatalogIndex([
			item({ sku: 'DI-8', name: 'Digital input card, 8-point, 24 V DC' }),
			item({ sku: 'DI-16', name: 'Digital input card, 16-point, 24 V DC' }),
			item({ sku: 'DI-32', name: 'Digital input card, 32-point, 24 V DC' }),
		]);
		const [r] = parseRequest('two 16-point digital input cards').requirements;
		const result = search(index, r, 3);
		expect(result.candidates[0].item.sku).toBe('DI-16');
		const eight = result.candidates.find((c) => c.item.sku === 'DI-8');
		expect(eight?.attributes.conflicts).toEqual([
			{ wanted: expect.objectContaining({ dim: 'pt', value: 16 }), found: [8] },
		]);
		expect(eight && eight.score < result.candidates[0].score / 2).toBe(true);
	});

	it('keeps a length that is really a quantity from penalising bulk cable', () => {
		const result = top('100 m PROFINET cable');
		expect(result.candidates[0].item.sku).toBe('6XV1840-2AH10');
		expect(result.candidates[0].attributes.missing).toEqual([]);
	});
});

describe('skuPrefixMatches', () => {
	const index = buildCatalogIndex([
		item({ sku: '6ES7521-1BH10-0AA0', name: 'a' }),
		item({ sku: '6ES7521-1BL10-0AA0', name: 'b' }),
		item({ sku: '6ES7522-1BH10-0AA0', name: 'c' }),
	]);
	it.each([
		['6es7521', [0, 1]],
		['6es752', [0, 1, 2]],
		['1bh10', [0, 2]], // a segment in the middle of the SKU
		['6es75211bl', [1]], // segments joined
		['0aa0', [0, 1, 2]],
		['9zz', []],
	])('%s → items %j', (prefix, docs) => {
		expect(skuPrefixMatches(index, prefix)).toEqual(docs);
	});
});
