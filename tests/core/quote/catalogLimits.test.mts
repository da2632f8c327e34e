// A catalog SKU is bounded (140 characters): suffix indexing grows with the square of its length, and
// one 1 MB SKU used to exhaust the heap (tests/reliability/badInput.test.mts expects the row refused).
import { describe, expect, it } from 'vitest';
import { CatalogItemSchema } from '../../../core/quote';

const item = {
	sku: 'PLC-1',
	name: 'PLC',
	description: '',
	category: 'PLC',
	manufacturer: 'X',
	keywords: [],
	uom: 'Nos',
	unit_price: 100,
	currency: 'EUR',
	price_breaks: [],
	stock: 1,
};

describe('catalog SKU length', () => {
	it.each([
		['140 characters', 'A'.repeat(140), true],
		['141 characters', 'A'.repeat(141), false],
		['1 MB', 'A'.repeat(1_000_000), false],
	])('%s → accepted %s', (_label, sku, ok) => {
		expect(CatalogItemSchema.safeParse({ ...item, sku }).success).toBe(ok);
	});
});
