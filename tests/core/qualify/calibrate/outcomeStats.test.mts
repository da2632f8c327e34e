// The statistics the backtest reports, against values worked by hand or published.
import { describe, expect, it } from 'vitest';

import { brierScore, calibrationBins, rocAuc, wilson } from '../../../../core/qualify/calibrate';

describe('wilson', () => {
	it.each([
		[5, 10, 0.2366, 0.7634],
		[0, 10, 0, 0.2775],
		[10, 10, 0.7225, 1],
		[81, 263, 0.2553, 0.3662],
	])('%i of %i → %f–%f', (k, n, low, high) => {
		const interval = wilson(k, n)!;
		expect(interval.low).toBeCloseTo(low, 3);
		expect(interval.high).toBeCloseTo(high, 3);
	});
	it('no trials: no interval', () => expect(wilson(0, 0)).toBeNull());
});

describe('rocAuc', () => {
	it('perfect, reversed, all tied', () => {
		expect(rocAuc([1, 2, 3, 4], [false, false, true, true])!.value).toBe(1);
		expect(rocAuc([1, 2, 3, 4], [true, true, false, false])!.value).toBe(0);
		expect(rocAuc([5, 5, 5, 5], [true, false, true, false])!.value).toBe(0.5);
	});
	it('Hanley-McNeil interval: positives 5–24 against negatives 0–19 (AUC 0.7188, SE 0.0814 by hand)', () => {
		const scores = [...Array.from({ length: 20 }, (_, i) => i + 5), ...Array.from({ length: 20 }, (_, i) => i)];
		const positive = [...Array(20).fill(true), ...Array(20).fill(false)];
		let ordered = 0;
		for (let p = 0; p < 20; p++) for (let q = 20; q < 40; q++) ordered += scores[p] > scores[q] ? 1 : scores[p] === scores[q] ? 0.5 : 0;
		const auc = rocAuc(scores, positive)!;
		expect(auc.value).toBeCloseTo(ordered / 400, 4);
		expect((auc.high - auc.low) / (2 * 1.959964)).toBeCloseTo(0.0814, 3);
	});
	it('one outcome only: not measurable', () => expect(rocAuc([1, 2], [true, true])).toBeNull());
});

describe('calibrationBins and brierScore', () => {
	it('bins by predicted probability and weighs the error by bin size', () => {
		const { bins, ece } = calibrationBins([0.05, 0.05, 0.95, 0.95], [false, true, true, true]);
		expect(bins.map((b) => [b.from, b.leads, b.observed])).toEqual([
			[0, 2, 0.5],
			[0.9, 2, 1],
		]);
		expect(ece).toBeCloseTo(0.5 * 0.45 + 0.5 * 0.05, 6);
		expect(brierScore([0.05, 0.05, 0.95, 0.95], [false, true, true, true])).toBeCloseTo((0.0025 + 0.9025 + 0.0025 + 0.0025) / 4, 4);
	});
});
