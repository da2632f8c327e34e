// The fresh hold-out of the labelled quote set (samples/quote-labelled-fresh.json): 270 requests (K-001..270,
// written in session 11 by six writers, 45 each, each with an emphasis of style) over the three catalogs,
// written blind to the engine (core/quote, nodes/ and tests/ unread, the engine not run while writing), frozen
// and never tuned on. The earlier fresh splits (F-001..105, G-001..135) are tuning data since then. This file checks only the DATA (schema, SKUs,
// ids, quantities, kinds, mix); it runs no engine and asserts no accuracy: figures on this split are measured apart, never floors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { labelledSplit, LabelledRequestSchema, labelledDataProblems } from './labelled.mts';

const raw: unknown = JSON.parse(
	readFileSync(new URL('../../../samples/quote-labelled-fresh.json', import.meta.url), 'utf8'),
);
const FreshFileSchema = z.strictObject({
	description: z.string().min(40),
	split: z.literal('fresh'),
	requests: z.array(LabelledRequestSchema),
});

describe('fresh labelled quote set (data only)', () => {
	const file = FreshFileSchema.parse(raw);
	const requests = labelledSplit('fresh');
	const count = (f: (r: (typeof requests)[number]) => boolean) => requests.filter(f).length;

	it('parses with the labelled schema, through the runner too, every request of split "fresh"', () => {
		expect(requests.length).toBe(file.requests.length);
		expect(requests.length).toBe(270);
		expect(requests.every((r) => r.split === 'fresh')).toBe(true);
	});

	it('has unique ids K-001 … K-270, none shared with another split', () => {
		const ids = requests.map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort()).toEqual(
			Array.from({ length: 270 }, (_, i) => `K-${String(i + 1).padStart(3, '0')}`),
		);
		const others = new Set(
			(['tuning', 'holdout', 'blind'] as const).flatMap((s) => labelledSplit(s).map((r) => r.id)),
		);
		expect(ids.filter((id) => others.has(id))).toEqual([]);
	});

	it('copies no text of another split and repeats none of its own', () => {
		const texts = requests.map((r) => r.text.trim());
		expect(new Set(texts).size).toBe(texts.length);
		const others = new Set(
			(['tuning', 'holdout', 'blind'] as const).flatMap((s) =>
				labelledSplit(s).map((r) => r.text.trim()),
			),
		);
		expect(requests.filter((r) => others.has(r.text.trim())).map((r) => r.id)).toEqual([]);
	});

	it('names only SKUs of the request catalog, each once per request, with positive whole quantities', () => {
		expect(labelledDataProblems(requests, { whole: true }).lines).toEqual([]);
	});

	it('kinds are consistent: no_quote expects no line, quote and review expect at least one', () => {
		expect(labelledDataProblems(requests, { whole: true }).kinds).toEqual([]);
	});

	it('has the intended mix: three catalogs, ≥8 languages, non-requests, reviews and varied styles', () => {
		for (const c of ['industrial', 'electrical', 'lab'] as const)
			expect(count((r) => r.catalog === c)).toBe(90);
		expect(new Set(requests.map((r) => r.language)).size).toBeGreaterThanOrEqual(8);
		expect(count((r) => r.kind === 'no_quote')).toBe(42);
		expect(count((r) => r.kind === 'review')).toBe(42);
		expect(count((r) => r.kind === 'quote')).toBe(186);
		expect(new Set(requests.map((r) => r.style)).size).toBeGreaterThanOrEqual(12);
	});
});
