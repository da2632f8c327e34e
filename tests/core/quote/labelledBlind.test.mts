// The blind hold-out of the labelled quote set (samples/quote-labelled-blind.json, with its own laboratory
// catalog samples/catalog-lab.json): written by an outside writer without looking at core/quote, frozen and
// never tuned on. This file checks only the DATA (schema, SKUs, ids, quantities, kinds, mix); it runs no
// engine and asserts no accuracy: the figures are measured apart, never turned into floors here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import {
	labelledCatalogs,
	labelledSplit,
	LabelledRequestSchema,
	labelledDataProblems,
} from './labelled.mts';

const raw: unknown = JSON.parse(
	readFileSync(new URL('../../../samples/quote-labelled-blind.json', import.meta.url), 'utf8'),
);
const BlindFileSchema = z.object({
	description: z.string().min(40),
	split: z.literal('holdout'),
	frozen_at: z.string().min(10),
	requests: z.array(LabelledRequestSchema),
});

describe('blind labelled quote set (data only)', () => {
	const file = BlindFileSchema.parse(raw);
	const requests = labelledSplit('blind');
	const catalogs = labelledCatalogs();

	it('parses with the labelled schema, through the runner too', () => {
		expect(requests.length).toBe(file.requests.length);
		expect(requests.length).toBe(90);
		expect(requests.every((r) => r.split === 'holdout')).toBe(true);
	});

	it('has unique ids B-001 … B-090', () => {
		const ids = requests.map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.every((id) => /^B-\d{3}$/.test(id))).toBe(true);
		expect([...ids].sort()).toEqual(
			Array.from({ length: 90 }, (_, i) => `B-${String(i + 1).padStart(3, '0')}`),
		);
	});

	it('the lab catalog parses and has unique SKUs', () => {
		const lab = catalogs.lab.items;
		expect(lab.length).toBeGreaterThanOrEqual(100);
		expect(new Set(lab.map((i) => i.sku)).size).toBe(lab.length);
	});

	it('names only SKUs of the request catalog, each once per request, with positive quantities', () => {
		expect(labelledDataProblems(requests, { whole: false }).lines).toEqual([]);
	});

	it('kinds are consistent: no_quote expects no line, quote and review expect at least one', () => {
		expect(labelledDataProblems(requests, { whole: false }).kinds).toEqual([]);
	});

	it('has the intended mix: three catalogs, ≥6 languages, ~20 % no_quote, ~10 % review', () => {
		const count = (f: (r: (typeof requests)[number]) => boolean) => requests.filter(f).length;
		for (const c of ['industrial', 'electrical', 'lab'] as const)
			expect(count((r) => r.catalog === c)).toBeGreaterThanOrEqual(25);
		expect(new Set(requests.map((r) => r.language)).size).toBeGreaterThanOrEqual(6);
		expect(count((r) => r.kind === 'no_quote')).toBeGreaterThanOrEqual(14);
		expect(count((r) => r.kind === 'no_quote')).toBeLessThanOrEqual(22);
		expect(count((r) => r.kind === 'review')).toBeGreaterThanOrEqual(7);
		expect(count((r) => r.kind === 'review')).toBeLessThanOrEqual(12);
		expect(new Set(requests.map((r) => r.style)).size).toBeGreaterThanOrEqual(6);
	});
});
