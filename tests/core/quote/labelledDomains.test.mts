// The domains hold-out of the labelled quote set (samples/quote-labelled-domains.json): 120 requests (N-001..120,
// written in session 12 by three writers, 40 each, each with an emphasis of style) over two catalogs of trades no
// other set covers, exported without keywords (samples/catalog-fluid.json, samples/catalog-safety.json), written
// blind to the engine (core/quote, nodes/ and tests/ unread, the engine not run while writing), frozen and never
// tuned on; the safety catalog has no tuning request at all. This file checks only the DATA (schema, SKUs, ids,
// quantities, kinds, mix); it runs no engine and asserts no accuracy: figures on this split are measured apart.
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
	readFileSync(new URL('../../../samples/quote-labelled-domains.json', import.meta.url), 'utf8'),
);
const DomainsFileSchema = z.strictObject({
	description: z.string().min(40),
	split: z.literal('domains'),
	requests: z.array(LabelledRequestSchema),
});

describe('domains labelled quote set (data only)', () => {
	const file = DomainsFileSchema.parse(raw);
	const requests = labelledSplit('domains');
	const catalogs = labelledCatalogs();
	const count = (f: (r: (typeof requests)[number]) => boolean) => requests.filter(f).length;

	it('parses with the labelled schema, through the runner too, every request of split "domains"', () => {
		expect(requests.length).toBe(file.requests.length);
		expect(requests.length).toBe(120);
		expect(requests.every((r) => r.split === 'domains')).toBe(true);
	});

	it('has unique ids N-001 … N-120, none shared with another split', () => {
		const ids = requests.map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort()).toEqual(
			Array.from({ length: 120 }, (_, i) => `N-${String(i + 1).padStart(3, '0')}`),
		);
		const others = new Set(
			(['tuning', 'holdout', 'blind', 'fresh'] as const).flatMap((s) =>
				labelledSplit(s).map((r) => r.id),
			),
		);
		expect(ids.filter((id) => others.has(id))).toEqual([]);
	});

	it('copies no text of another split and repeats none of its own', () => {
		const texts = requests.map((r) => r.text.trim());
		expect(new Set(texts).size).toBe(texts.length);
		const others = new Set(
			(['tuning', 'holdout', 'blind', 'fresh'] as const).flatMap((s) =>
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

	it('has the intended mix: two new catalogs, the safety one never tuned on, ≥8 languages, non-requests and reviews', () => {
		expect(count((r) => r.catalog === 'fluid')).toBe(40);
		expect(count((r) => r.catalog === 'safety')).toBe(80);
		expect(labelledSplit('tuning').filter((r) => r.catalog === 'safety')).toEqual([]);
		for (const c of ['fluid', 'safety'] as const)
			expect(catalogs[c].items.every((i) => i.keywords.length === 0)).toBe(true);
		expect(new Set(requests.map((r) => r.language)).size).toBeGreaterThanOrEqual(8);
		expect(count((r) => r.kind === 'no_quote')).toBe(21);
		expect(count((r) => r.kind === 'review')).toBe(21);
		expect(count((r) => r.kind === 'quote')).toBe(78);
		expect(new Set(requests.map((r) => r.style)).size).toBeGreaterThanOrEqual(8);
	});
});
