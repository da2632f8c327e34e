// Small statistics for the load bench, kept apart from bench/load.mts so they can be tested without
// starting n8n (tests/bench/stats.test.mts).

/** The p-th percentile (0–100) of `xs` by the nearest-rank method; NaN for no values. */
export function percentile(xs: readonly number[], p: number): number {
	if (xs.length === 0) return Number.NaN;
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Net change across evenly spaced samples along their least-squares line, in % of the line's value at the
 * first sample (one decimal). Garbage-collection saw-teeth average out, a steady leak does not: unlike
 * last ÷ first, one sample taken just before or after a collection cannot make a flat series look like
 * ±20 %. 0 for fewer than three samples.
 */
export function driftPct(xs: readonly number[]): number {
	const n = xs.length;
	if (n < 3) return 0;
	const meanX = (n - 1) / 2;
	const meanY = xs.reduce((a, b) => a + b, 0) / n;
	let sxy = 0;
	let sxx = 0;
	xs.forEach((y, x) => {
		sxy += (x - meanX) * (y - meanY);
		sxx += (x - meanX) ** 2;
	});
	const slope = sxy / sxx;
	const start = meanY - slope * meanX;
	return start > 0 ? Math.round(((slope * (n - 1)) / start) * 1000) / 10 : 0;
}
