// The request parser: how free text becomes requirements with quantities, measures, attributes and codes.
import { describe, expect, it } from 'vitest';
import { parseRequest, type Requirement } from '../../../core/quote';

const attrs = (r: Requirement) => r.attributes.map((a) => `${a.dim}:${a.value}`).sort();
const terms = (r: Requirement) => r.terms.map((t) => t.term);

describe('parseRequest: one requirement, its quantity and attributes', () => {
	it.each([
		// text, qty, explicit, measure, attributes
		['two 16-point digital input cards', 2, true, null, ['pt:16']],
		['40 hours of programming', 1, false, '40h', []],
		['programming 40h', 1, false, '40h', []],
		['3 days of on-site commissioning', 1, false, '3day', []],
		['2,5 Stunden Schulung', 1, false, '2.5h', []],
		['x3 1756-IB16', 3, true, null, []],
		['1756-IB16 x3', 3, true, null, []],
		['4 x 5069-IB16', 4, true, null, []],
		['30 Rosemount 3051', 30, true, null, []],
		['2x DQ 32x24VDC BA', 2, true, null, ['pt:32', 'v:24']],
		['4 DQ 8x24VDC ST', 4, true, null, ['pt:8', 'v:24']],
		['- SM 1222 DQ 16x24VDC x 4', 4, true, null, ['pt:16', 'v:24']],
		['a dozen 1756-OB16E', 12, true, null, []],
		['half a dozen SDR-240-24', 6, true, null, []],
		['SDR-480-24 (3)', 3, true, null, []],
		['PLC S7-1500, qty: 3', 3, true, null, []],
		['12 pcs power supply 24 V 10 A', 12, true, null, ['a:10', 'v:24']],
		['3 Stk. Frequenzumrichter ABB ACS580 7,5 kW', 3, true, null, ['kw:7.5']],
		['Merci de coter 3 variateurs Danfoss FC302', 3, true, null, []],
		['Need qoute for 2 Rosemont 3051CD range 3', 2, true, null, ['range:3']],
		["We'd need 5 Stratix 2000 unmanaged 8 port switches", 5, true, null, ['port:8']],
		['PanelView Plus 7 15 inch', 1, false, null, ['in:15']],
		['100 m PROFINET cable', 1, false, '100m', ['m:100']],
		['three 5 m M12 sensor cables', 3, true, '5m', ['m:5']],
		['Weintek 10" HMI', 1, false, null, ['in:10']],
		['Promag flowmeter DN 80', 1, false, null, ['dn:80']],
		['memory card 2 MB', 1, false, null, ['mb:2']],
		['SIMATIC memory card 2 GB', 1, false, null, ['mb:2048']],
		['0,75 kW drive', 1, false, null, ['kw:0.75']],
		['pressure transmitter 0-16 bar', 1, false, null, ['bar:16']],
	])(
		'%j → qty %s (explicit %s), measure %s, attributes %j',
		(text, qty, explicit, measure, attributes) => {
			const { requirements } = parseRequest(text);
			expect(requirements).toHaveLength(1);
			const [r] = requirements;
			expect(r.qty).toBe(qty);
			expect(r.qty_explicit).toBe(explicit);
			expect(r.measure ? `${r.measure.value}${r.measure.unit}` : null).toBe(measure);
			expect(attrs(r)).toEqual(attributes);
		},
	);

	it('reads a model number as a code, not a quantity', () => {
		const [r] = parseRequest('Rosemount 3051 transmitters x 30').requirements;
		expect(r.qty).toBe(30);
		expect(r.sku_hints).toContain('3051');
		expect(terms(r)).toContain('3051');
	});

	it('never reads the points of an I/O card as its quantity', () => {
		const [r] = parseRequest('16-point digital input card').requirements;
		expect(r.qty).toBe(1);
		expect(r.qty_explicit).toBe(false);
	});

	it('turns synonyms and German compounds into canonical terms', () => {
		expect(terms(parseRequest('Frequenzumrichter').requirements[0])).toContain('vfd');
		expect(terms(parseRequest('operator panel').requirements[0])).toContain('hmi');
		expect(terms(parseRequest('Steuerung').requirements[0])).toContain('plc');
		expect(terms(parseRequest('Digitaleingangskarte').requirements[0])).toEqual(
			expect.arrayContaining(['digital', 'input', 'module']),
		);
	});

	it('gives purpose words less weight than product words', () => {
		const [r] = parseRequest('Rosemount 3051 for the boiler house').requirements;
		const weight = (t: string) => r.terms.find((x) => x.term === t)?.weight;
		expect(weight('rosemount')).toBe(1);
		expect(weight('boiler')).toBe(0.35);
	});
});

describe('parseRequest: splitting a request into requirements', () => {
	it.each([
		['PLC, HMI and VFD', 3],
		['VFD, 55 kW, 400 V', 1],
		['Rosemount 3051, range 2, gauge', 1],
		['2 PLCs, 3 HMIs and 40 hours of programming', 3],
		['digital input and output module', 1],
		['Profinet cable, 100 m', 1],
		['S7-1500 CPU 1516 and memory card 12 MB', 2],
		['Krohne Optiflux DN50 x 3 and DN100 x 1', 2],
		['Necesito 10 fuentes de alimentación 24V 10A y 10 de 5A', 2],
		['3 x Beckhoff EL1809 and 3 x EL2809, plus 1 EL3068', 3],
		['1. 2x PLC\n2. 3x HMI', 2],
		[
			'Guten Tag,\nwir benötigen ein Angebot für:\n- 3 Stk. ACS580 7,5 kW\n- 2 Stk. ACS580 15 kW\nMit freundlichen Grüßen\nM. Becker',
			2,
		],
	])('%j → %i requirement(s)', (text, count) => {
		expect(parseRequest(text).requirements).toHaveLength(count);
	});

	it('carries the product of the line before into an elliptical follow-up, as context only', () => {
		const { requirements } = parseRequest('5 variadores Altivar ATV320 de 2,2 kW y 5 de 0,75 kW');
		expect(requirements.map((r) => r.qty)).toEqual([5, 5]);
		expect(attrs(requirements[1])).toEqual(['kw:0.75']);
		const carried = requirements[1].terms.filter((t) => t.context);
		expect(carried.map((t) => t.term)).toEqual(expect.arrayContaining(['altivar', 'atv320']));
		expect(carried.every((t) => t.weight === 0.5)).toBe(true);
	});

	it('ignores greetings, list headings and sign-offs', () => {
		const parsed = parseRequest(
			'Hi team,\nplease quote the following:\n- 2 PLCs\nThanks,\nJan Novak',
		);
		expect(parsed.requirements.map((r) => r.text)).toEqual(['- 2 PLCs']);
		expect(parsed.ignored).toEqual(expect.arrayContaining(['Hi team,', 'Jan Novak']));
	});

	it('numbers requirements in order', () => {
		expect(parseRequest('2 PLCs; 3 HMIs; 1 VFD').requirements.map((r) => r.id)).toEqual([
			'R1',
			'R2',
			'R3',
		]);
	});

	it('returns no requirement for text made only of request words', () => {
		expect(
			parseRequest('Could you please send us a quotation for the following?').requirements,
		).toHaveLength(0);
		expect(parseRequest('').requirements).toHaveLength(0);
	});

	it('leaves a sentence without product type, code or count to the catalog to judge', () => {
		const [r] = parseRequest('Can you send me your company brochure?').requirements;
		expect(r).toMatchObject({ has_head: false, qty_explicit: false, sku_hints: [] });
	});
});

describe('parseRequest: discounts the buyer asks for', () => {
	it.each([
		['2 PLCs, we expect a 10% discount', 10],
		['2 PLCs. Rabatt 12,5 % bitte', 12.5],
		['2 PLCs con un 8% de descuento', 8],
		['2 PLCs, 5 % off please', 5],
		['2 PLCs', null],
	])('%j → %s', (text, pct) => {
		const parsed = parseRequest(text);
		expect(parsed.requested_discount_pct).toBe(pct);
		// the discount phrase is not a product requirement
		expect(parsed.requirements.flatMap((r) => r.terms.map((t) => t.term))).toEqual(['plc']);
	});
});
