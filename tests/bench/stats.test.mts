// The load bench's statistics: percentiles by nearest rank, and memory drift along a fitted line
// rather than last ÷ first (a single sample after a collection used to read as +18 % on a flat series).
import { describe, expect, it } from 'vitest';
import { driftPct, percentile } from '../../bench/stats.mts';

describe('percentile (nearest rank)', () => {
	const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100, unsorted
	it.each([
		[50, 50],
		[95, 95],
		[99, 99],
		[100, 100],
		[0, 1],
	])('p%d of 1..100 is %d', (p, want) => expect(percentile(xs, p)).toBe(want));
	it('a single value is every percentile; no values is NaN', () => {
		expect(percentile([7], 99)).toBe(7);
		expect(percentile([], 50)).toBeNaN();
	});
	it('does not reorder its input', () => {
		const input = [3, 1, 2];
		percentile(input, 50);
		expect(input).toEqual([3, 1, 2]);
	});
});

describe('driftPct', () => {
	it('is 0 for a flat series and fewer than three samples', () => {
		expect(driftPct(Array(50).fill(1000))).toBe(0);
		expect(driftPct([1000, 2000])).toBe(0);
	});
	it('reads a steady rise from 1000 to 1100 as +10 %', () => {
		expect(driftPct(Array.from({ length: 101 }, (_, i) => 1000 + i))).toBe(10);
	});
	it('reads a steady fall as negative', () => {
		expect(driftPct(Array.from({ length: 11 }, (_, i) => 1000 - 10 * i))).toBe(-10);
	});
	it('keeps a saw-tooth around a flat level near 0 where last ÷ first would say +18 %', () => {
		// Rises 18 % between collections, then drops back; the series starts just after a collection
		// and ends at a peak.
		const saw = Array.from({ length: 100 }, (_, i) => 1000 + (180 * (i % 10)) / 9);
		expect((saw.at(-1)! - saw[0]) / saw[0]).toBeCloseTo(0.18, 2);
		expect(Math.abs(driftPct(saw))).toBeLessThan(2);
	});
	it('still sees a leak under the saw-tooth', () => {
		const leaky = Array.from({ length: 100 }, (_, i) => 1000 + (180 * (i % 10)) / 9 + 3 * i);
		expect(driftPct(leaky)).toBeGreaterThan(25);
	});
});
