// Price breaks and the discount / margin policy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDiscount, percentToBasisPoints } from '../../../core/money';
import {
	canonicalCatalogItem,
	lineDiscount,
	maxDiscountForMargin,
	QuoteConfigSchema,
	quoteConfidence,
	unitPriceFor,
	uomKind,
} from '../../../core/quote';

const drive = {
	unit_price: 115000,
	price_breaks: [
		{ min_qty: 5, unit_price: 110400 },
		{ min_qty: 10, unit_price: 106950 },
	],
};

describe('unitPriceFor', () => {
	it.each([
		[1, 115000, null],
		[4, 115000, null],
		[4.99, 115000, null],
		[5, 110400, 5],
		[9, 110400, 5],
		[10, 106950, 10],
		[250, 106950, 10],
	])('qty %s → %i (break %s)', (qty, price, breakQty) => {
		const applied = unitPriceFor(drive, qty);
		expect(applied.unit_price).toBe(price);
		expect(applied.price_break?.min_qty ?? null).toBe(breakQty);
	});

	it('reads breaks in any order and ignores one that would raise the price', () => {
		const item = {
			unit_price: 1000,
			price_breaks: [
				{ min_qty: 100, unit_price: 800 },
				{ min_qty: 50, unit_price: 1200 },
				{ min_qty: 10, unit_price: 900 },
			],
		};
		expect(unitPriceFor(item, 60).unit_price).toBe(900);
		expect(unitPriceFor(item, 100).unit_price).toBe(800);
	});
});

describe('canonicalCatalogItem (prices as InvenTree / ERPNext send them)', () => {
	const raw = {
		sku: 'SDR-240-24',
		name: 'Mean Well SDR-240-24',
		description: '',
		category: 'Power supplies',
		manufacturer: 'Mean Well',
		keywords: [],
		uom: 'Nos',
		currency: 'EUR',
		stock: 12,
	};
	it('converts decimal strings and numbers to minor units exactly', () => {
		const item = canonicalCatalogItem({
			...raw,
			unit_price: '98.00',
			price_breaks: [{ min_qty: 10, unit_price: 91.14 }],
			cost: '61.3',
		});
		expect(item).toMatchObject({
			unit_price: 9800,
			price_breaks: [{ min_qty: 10, unit_price: 9114 }],
			cost: 6130,
		});
	});
	it('refuses a price with more decimals than the currency and a thousands separator', () => {
		expect(() => canonicalCatalogItem({ ...raw, unit_price: '98.005', price_breaks: [] })).toThrow(
			/more decimal places/,
		);
		expect(() =>
			canonicalCatalogItem({ ...raw, unit_price: '1,098.00', price_breaks: [] }),
		).toThrow(/thousands/);
	});
	it('treats a null cost as unknown', () => {
		expect(
			canonicalCatalogItem({ ...raw, unit_price: 98, price_breaks: [], cost: null }).cost,
		).toBeUndefined();
	});
});

describe('uomKind', () => {
	it.each([
		['Nos', 'count'],
		['pcs', 'count'],
		['Hour', 'hour'],
		['h', 'hour'],
		['Stunde', 'hour'],
		['Day', 'day'],
		['Meter', 'meter'],
		['m', 'meter'],
	])('%s → %s', (uom, kind) => {
		expect(uomKind(uom)).toBe(kind);
	});
});

describe('lineDiscount', () => {
	const config = (over: Record<string, unknown> = {}) =>
		QuoteConfigSchema.parse({
			discount_pct: 10,
			max_discount_pct: 15,
			margin_floor_pct: 20,
			...over,
		});

	it.each([
		// gross, cost, config overrides, applied bp, capped by, below floor at list
		[100000, null, {}, 1000, null, false],
		[100000, 50000, {}, 1000, null, false],
		[100000, null, { discount_pct: 25 }, 1500, 'max_discount', false],
		[100000, 75000, {}, 625, 'margin_floor', false], // net 93750 × 0.8 = 75000
		[100000, 80000, {}, 0, 'margin_floor', false], // exactly at the floor with no discount
		[100000, 85000, {}, 0, 'margin_floor', true],
		[100000, 85000, { discount_pct: 0 }, 0, null, true],
		[100000, 70000, { discount_pct: 0 }, 0, null, false],
	])(
		'gross %i, cost %s, %j → %i bp (%s, below floor %s)',
		(gross, cost, over, bp, cappedBy, below) => {
			expect(lineDiscount(config(over), gross, cost)).toEqual({
				basis_points: bp,
				capped_by: cappedBy,
				below_floor_at_list: below,
			});
		},
	);

	it('never breaks the margin floor and gives the largest discount that keeps it (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 10_000_000 }),
				fc.integer({ min: 0, max: 10_000_000 }),
				fc.integer({ min: 0, max: 5000 }),
				fc.integer({ min: 0, max: 4000 }),
				(gross, cost, wantedBp, floorBp) => {
					const cfg = QuoteConfigSchema.parse({
						discount_pct: wantedBp / 100,
						max_discount_pct: 50,
						margin_floor_pct: floorBp / 100,
					});
					const d = lineDiscount(cfg, gross, cost);
					const net = (bp: number) => applyDiscount(gross, bp / 100).net;
					const keeps = (bp: number) =>
						BigInt(net(bp)) * BigInt(10000 - floorBp) >= BigInt(cost) * 10000n;
					if (d.below_floor_at_list) return d.basis_points === 0 && !keeps(0);
					if (!keeps(d.basis_points) || d.basis_points > wantedBp) return false;
					if (d.capped_by === 'margin_floor') return !keeps(d.basis_points + 1);
					return d.basis_points === wantedBp;
				},
			),
			{ numRuns: 3000 },
		);
	});

	it('maxDiscountForMargin is negative when the list price is below the floor', () => {
		expect(maxDiscountForMargin(100000, 90000, 2000)).toBeLessThan(0);
		expect(maxDiscountForMargin(100000, 50000, 2000)).toBe(3750);
	});

	it('config refuses percentages with more than two decimals', () => {
		expect(QuoteConfigSchema.safeParse({ discount_pct: 7.125 }).success).toBe(false);
		expect(percentToBasisPoints(QuoteConfigSchema.parse({ discount_pct: 7.25 }).discount_pct)).toBe(
			725,
		);
	});
});

describe('quoteConfidence', () => {
	const base = {
		lineScores: [1, 1],
		requirements: 2,
		unmatched: 0,
		history: false,
		precedent: false,
		pastAgreement: 0,
		rejectedPicks: 0,
	};
	it.each([
		[{}, 1],
		[{ lineScores: [1, 0.6] }, 0.7], // 0.5 × mean 0.8 + 0.5 × min 0.6
		[{ requirements: 3, unmatched: 1 }, 0.667],
		[{ history: true }, 0.95],
		[{ history: true, precedent: true, pastAgreement: 1 }, 1],
		[{ history: true, precedent: true, pastAgreement: 0.5 }, 0.95],
		[{ rejectedPicks: 1 }, 0.85],
		[{ lineScores: [] }, 0],
		// more unbound or unread parts than requirements (a pasted table with codes the items lack): 0, never below
		[{ requirements: 3, unmatched: 4 }, 0],
	])('%j → %s', (over, confidence) => {
		expect(quoteConfidence({ ...base, ...over }).confidence).toBe(confidence);
	});
});
