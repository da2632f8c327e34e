// Loads the labelled samples (samples/*.json) once for the quote tests, validated by the same schemas
// the engine uses, plus a few small hand-made catalog items for tests that must not depend on them.
import { readFileSync } from 'node:fs';
import { z } from 'zod/v4';
import {
	buildCatalogIndex,
	CatalogSchema,
	PastQuoteSchema,
	type CatalogItem,
} from '../../../core/quote';

const read = (name: string): unknown =>
	JSON.parse(readFileSync(new URL(`../../../samples/${name}`, import.meta.url), 'utf8'));

export const catalog = CatalogSchema.parse(read('catalog.json'));
export const catalogIndex = buildCatalogIndex(catalog);
export const bySku = new Map(catalog.map((item) => [item.sku, item]));
export const pastQuotes = z.array(PastQuoteSchema).parse(read('past-quotes.json'));

export const SampleRequestSchema = z.object({
	id: z.string(),
	language: z.string(),
	split: z.enum(['dev', 'holdout', 'blind']),
	text: z.string(),
	expected: z.array(z.object({ sku: z.string(), qty: z.number().positive() })),
	note: z.string().optional(),
});
export const sampleRequests = z.array(SampleRequestSchema).parse(read('quote-requests.json'));

/** A small catalog item with sensible defaults. */
export function item(
	overrides: Partial<CatalogItem> & Pick<CatalogItem, 'sku' | 'name'>,
): CatalogItem {
	return {
		description: '',
		category: 'Test',
		manufacturer: 'Test',
		keywords: [],
		uom: 'Nos',
		unit_price: 10000,
		currency: 'EUR',
		price_breaks: [],
		stock: 100,
		...overrides,
	};
}

export const NOW = '2025-11-22T10:00:00Z';
