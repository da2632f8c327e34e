// Draft quotes from lead enquiries (samples/enquiry-quotes.json): free-text messages from
// samples/leads.json and leads-holdout.json, labelled with the catalog lines a sales engineer would quote
// (an entry accepts any of several SKUs when the buyer names only a family or alternatives). Reports line
// recall, line precision and quantity accuracy per split; asserts the floors reached on "dev" (the split
// the enquiry rules were tuned on); "holdout" was measured once at the end and is reported, with a lower
// bar. Also pins what a draft must never do: quote outside the catalog or at another price, or send an
// enquiry out automatically when it is not exactly right.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { buildQuote, parseRequest, unitPriceFor, type Quote } from '../../../core/quote';
import { bySku, catalogIndex } from './samples.mts';

const EntrySchema = z.object({
	any_of: z.array(z.string()).min(1),
	qty: z.number().positive().nullable(),
	optional: z.boolean().optional(),
	note: z.string().optional(),
});
const EnquirySetSchema = z.object({
	groups: z.record(z.string(), z.array(z.string())),
	enquiries: z.array(
		z.object({
			id: z.string(),
			source: z.string(),
			split: z.enum(['dev', 'holdout']),
			text: z.string(),
			expected: z.array(EntrySchema),
			note: z.string().optional(),
		}),
	),
});

const set = EnquirySetSchema.parse(
	JSON.parse(
		readFileSync(new URL('../../../samples/enquiry-quotes.json', import.meta.url), 'utf8'),
	),
);
const NOW = '2026-11-02T10:00:00Z';

function accepted(anyOf: readonly string[]): Set<string> {
	const out = new Set<string>();
	for (const a of anyOf) {
		const group = a.startsWith('@') ? set.groups[a.slice(1)] : [a];
		if (!group) throw new Error(`unknown group ${a}`);
		for (const sku of group) out.add(sku);
	}
	return out;
}

interface Tally {
	enquiries: number;
	required: number;
	found: number;
	lines: number;
	rightLines: number;
	qtyChecked: number;
	qtyRight: number;
	withLines: number;
	outsideCatalog: number;
	wrongPrice: number;
	auto: number;
	autoFullyRight: number;
}

const empty = (): Tally => ({
	enquiries: 0,
	required: 0,
	found: 0,
	lines: 0,
	rightLines: 0,
	qtyChecked: 0,
	qtyRight: 0,
	withLines: 0,
	outsideCatalog: 0,
	wrongPrice: 0,
	auto: 0,
	autoFullyRight: 0,
});

const tallies = new Map<string, Tally>([
	['dev', empty()],
	['holdout', empty()],
]);
const devMisses: string[] = [];
const quotes = new Map<string, Quote>();

for (const enquiry of set.enquiries) {
	const q = buildQuote(enquiry.text, catalogIndex, {}, { now: NOW });
	quotes.set(enquiry.id, q);
	const t = tallies.get(enquiry.split) as Tally;
	const note = (s: string) => {
		if (enquiry.split === 'dev') devMisses.push(`${enquiry.id}: ${s}`);
	};
	const entries = enquiry.expected.map((e) => ({ ...e, skus: accepted(e.any_of), line: -1 }));
	t.enquiries += 1;
	t.required += entries.filter((e) => !e.optional).length;
	t.lines += q.lines.length;
	if (q.lines.length > 0) t.withLines += 1;
	let fullyRight = true;
	q.lines.forEach((line, li) => {
		const item = bySku.get(line.sku);
		if (!item) t.outsideCatalog += 1;
		else if (line.unit_price !== unitPriceFor(item, line.qty).unit_price) t.wrongPrice += 1;
		// a required entry first, then an optional one; each entry takes one line
		const entry =
			entries.find((e) => e.line < 0 && !e.optional && e.skus.has(line.sku)) ??
			entries.find((e) => e.line < 0 && e.optional === true && e.skus.has(line.sku));
		if (!entry) {
			fullyRight = false;
			note(`extra ${line.sku} x${line.qty} (from "${line.match.requirement.slice(0, 60)}")`);
			return;
		}
		entry.line = li;
		t.rightLines += 1;
		if (entry.optional || entry.qty === null) return;
		t.qtyChecked += 1;
		if (line.qty === entry.qty) t.qtyRight += 1;
		else {
			fullyRight = false;
			note(`${line.sku} qty ${line.qty}, expected ${entry.qty}`);
		}
	});
	for (const e of entries) {
		if (e.optional) continue;
		if (e.line >= 0) t.found += 1;
		else {
			fullyRight = false;
			note(`missing one of ${e.any_of.join(', ')}`);
		}
	}
	if (q.route === 'auto') {
		t.auto += 1;
		if (fullyRight) t.autoFullyRight += 1;
	}
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const dev = tallies.get('dev') as Tally;
const holdout = tallies.get('holdout') as Tally;
const summary = (t: Tally) => ({
	line_recall: Number(ratio(t.found, t.required).toFixed(3)),
	line_precision: Number(ratio(t.rightLines, t.lines).toFixed(3)),
	qty_accuracy: Number(ratio(t.qtyRight, t.qtyChecked).toFixed(3)),
});

describe('draft quotes from lead enquiries (samples/enquiry-quotes.json)', () => {
	const report = [...tallies].map(([split, t]) => ({
		split,
		enquiries: t.enquiries,
		with_lines: t.withLines,
		required_lines: t.required,
		quoted_lines: t.lines,
		...summary(t),
		auto_routed: t.auto,
	}));
	// printed on purpose: the measured accuracy is what this test reports (misses of the dev split only;
	// the hold-out is not tuned on)
	console.log(
		`enquiry quote accuracy\n${JSON.stringify(report, null, 1)}${devMisses.length ? `\ndev misses:\n${devMisses.join('\n')}` : ''}`,
	);

	it('has about 30 labelled enquiries, 10 of them held out, some that the catalog cannot serve', () => {
		expect(set.enquiries.length).toBeGreaterThanOrEqual(30);
		expect(holdout.enquiries).toBe(10);
		expect(set.enquiries.filter((e) => e.expected.length === 0).length).toBeGreaterThanOrEqual(5);
	});

	it('labels only real catalog items', () => {
		for (const e of set.enquiries)
			for (const entry of e.expected)
				for (const sku of accepted(entry.any_of)) expect(bySku.has(sku)).toBe(true);
	});

	it('finds at least 90% of the expected lines on the dev split', () => {
		expect(summary(dev).line_recall).toBeGreaterThanOrEqual(0.9);
	});

	it('at least 90% of the lines it quotes on the dev split are expected', () => {
		expect(summary(dev).line_precision).toBeGreaterThanOrEqual(0.9);
	});

	it('gets the stated quantity right on at least 95% of the found dev lines', () => {
		expect(summary(dev).qty_accuracy).toBeGreaterThanOrEqual(0.95);
	});

	it('keeps the hold-out above a lower bar (measured once, not tuned on)', () => {
		expect(summary(holdout).line_recall).toBeGreaterThanOrEqual(0.6);
		expect(summary(holdout).line_precision).toBeGreaterThanOrEqual(0.8);
	});

	it('never quotes outside the catalog or at a price other than the catalog or its break', () => {
		for (const t of tallies.values()) {
			expect(t.outsideCatalog).toBe(0);
			expect(t.wrongPrice).toBe(0);
		}
	});

	it('sends no enquiry out automatically unless every line and quantity is right', () => {
		for (const t of tallies.values()) expect(t.autoFullyRight).toBe(t.auto);
	});
});

describe('reading a lead enquiry', () => {
	const req = (text: string) => parseRequest(text).requirements;

	it.each([
		['Budget is around $180K including install.'],
		['Presupuesto aproximado: 60.000 €. La compra está prevista para el primer trimestre de 2027.'],
		['Current PLC is an SLC 500 that’s end-of-life and we can’t get spare cards anymore.'],
		['Our crusher plant controls are a mess of relays.'],
		['Guten Tag, Mit freundlichen Grüßen, M. Feldmann'],
	])('asks for nothing in %j', (text) => {
		expect(req(text)).toEqual([]);
	});

	it('drops the budget and the timing of a short enquiry, not the product', () => {
		const r = req('Need PLC system, Allen-Bradley, $200K budget, 3 months');
		expect(r).toHaveLength(1);
		expect(r[0].qty).toBe(1);
		expect(r[0].terms.map((t) => t.term)).toEqual(
			expect.arrayContaining(['plc', 'allen', 'bradley']),
		);
	});

	it('asks for what replaces the installed equipment, with its product type', () => {
		const [r, ...rest] = req('Die bestehende S5-Steuerung soll durch eine S7-1500 ersetzt werden');
		expect(rest).toEqual([]);
		const terms = r.terms.map((t) => t.term);
		expect(terms).toEqual(expect.arrayContaining(['plc', 's7', '1500']));
		expect(terms).not.toContain('s5');
	});

	it('keeps "X or Y" as alternatives and names the ambiguity', () => {
		const r = req('Looking at ControlLogix or CompactLogix plus a new PanelView');
		expect(r).toHaveLength(2);
		expect(r[0].ambiguities).toEqual(['alternatives "controllogix or compactlogix"']);
		const alternatives = r[0].terms.filter((t) => t.alternative !== undefined);
		expect(alternatives.map((t) => t.term).sort()).toEqual(['compactlogix', 'controllogix']);
		expect(r[1].terms.map((t) => t.term)).toEqual(['panelview']);
	});

	it('reads a size range, horsepower and an old mains voltage, and names what it assumed', () => {
		const [flow] = req(
			'Necesitamos 24 caudalímetros electromagnéticos DN100-DN300 con salida 4-20 mA',
		);
		expect(flow.qty).toBe(24);
		expect(flow.attributes).toEqual([{ dim: 'dn', value: 100, upper: 300, text: 'dn100-dn300' }]);
		expect(flow.ambiguities).toEqual(['a range "dn100-dn300"']);
		const [drive] = req('solicito cotação de 20 inversores de frequência 15 CV, 380 V');
		expect(drive.qty).toBe(20);
		expect(drive.attributes.map((a) => [a.dim, a.value])).toEqual([
			['kw', 11],
			['v', 400],
		]);
		expect(drive.ambiguities).toEqual(['"15 cv" read as 11 kW']);
	});

	it('quotes a reasonable candidate for an open choice and sends it to review', () => {
		const q = quotes.get('L001') as Quote;
		expect(q.lines.map((l) => l.sku)).toEqual([
			expect.stringMatching(/^(1756-L8|5069-L3|1769-L3)/),
			expect.stringMatching(/^2711P-|^2713P-/),
		]);
		expect(q.route).toBe('review');
		const flow = quotes.get('L004') as Quote;
		expect(flow.lines).toHaveLength(1);
		expect(flow.lines[0]).toMatchObject({ qty: 24 });
		expect(['10W100-AA0A1AA0A4AA', 'OPTIFLUX2300C-DN100']).toContain(flow.lines[0].sku);
		expect(flow.route).toBe('review');
	});

	it('does not turn company context into a requirement', () => {
		const q = buildQuote(
			'Hello - we run a bottling line in Toledo and need to replace the controls on our palletizer.',
			catalogIndex,
			{},
			{ now: NOW },
		);
		expect(q.lines).toEqual([]);
		expect(q.unmatched_requirements).toEqual([]);
	});
});
