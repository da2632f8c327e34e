// The hand-labelled deals in samples/deals.json: each deal's label lists the signals its author meant
// it to show under the default thresholds; the engine must find exactly those.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { assessDeal, parseDealSnapshot, riskConfigWith } from '../../../core/dealRisk';

interface LabelledDeal {
	name: string;
	label: { signals: string[]; note: string };
}
const samples = JSON.parse(readFileSync(new URL('../../../samples/deals.json', import.meta.url), 'utf8')) as {
	asOf: string;
	timeZone: string;
	deals: LabelledDeal[];
};
const config = riskConfigWith({ timeZone: samples.timeZone });
const now = new Date(samples.asOf);

describe('samples/deals.json', () => {
	it('holds about fifty deals, open and closed, healthy and troubled', () => {
		expect(samples.deals.length).toBeGreaterThanOrEqual(50);
		const assessed = samples.deals.map((d) => assessDeal(parseDealSnapshot(d), config, now));
		expect(assessed.filter((a) => !a.open).length).toBeGreaterThanOrEqual(3);
		expect(assessed.filter((a) => a.open && a.signals.length === 0).length).toBeGreaterThanOrEqual(10);
		const levels = new Set(assessed.map((a) => a.level));
		expect([...levels].sort()).toEqual(['critical', 'high', 'low', 'medium']);
		const codes = new Set(assessed.flatMap((a) => a.signals.map((s) => s.code)));
		expect(codes.size).toBe(15);
	});

	it.each(samples.deals.map((d) => [d.name, d.label.note, d] as const))('%s: %s', (_name, _note, raw) => {
		const a = assessDeal(parseDealSnapshot(raw), config, now);
		expect(a.signals.map((s) => s.code).sort()).toEqual(raw.label.signals);
	});
});
