// How well a score predicts won and lost leads, with intervals that say how much the data can tell:
// Wilson intervals for conversion rates, ROC AUC with the Hanley-McNeil interval, calibration by bin
// (predicted vs observed) and the expected calibration error, the Brier score. Pure and deterministic.

const Z95 = 1.959964;

export interface Interval {
	low: number;
	high: number;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Wilson score interval (95 %) of `successes` out of `trials`; null for no trials. */
export function wilson(successes: number, trials: number): Interval | null {
	if (trials <= 0) return null;
	const p = successes / trials;
	const z2 = Z95 * Z95;
	const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
	const half =
		(Z95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
	return { low: round4(Math.max(0, centre - half)), high: round4(Math.min(1, centre + half)) };
}

/**
 * ROC AUC (the chance a converted lead scores above a lost one, ties half) by rank sums, with the
 * Hanley & McNeil (1982) standard error; null when either outcome is missing.
 */
export function rocAuc(
	scores: readonly number[],
	positive: readonly boolean[],
): { value: number; low: number; high: number } | null {
	const n1 = positive.filter(Boolean).length;
	const n0 = positive.length - n1;
	if (n1 === 0 || n0 === 0) return null;
	const order = scores
		.map((score, i) => ({ score, pos: positive[i] }))
		.sort((a, b) => a.score - b.score);
	let rankSum = 0;
	for (let i = 0; i < order.length; ) {
		let j = i;
		while (j < order.length && order[j].score === order[i].score) j++;
		const meanRank = (i + 1 + j) / 2;
		for (let k = i; k < j; k++) if (order[k].pos) rankSum += meanRank;
		i = j;
	}
	const a = (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0);
	const q1 = a / (2 - a);
	const q2 = (2 * a * a) / (1 + a);
	const variance = (a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n0 - 1) * (q2 - a * a)) / (n1 * n0);
	const se = Math.sqrt(Math.max(0, variance));
	return {
		value: round4(a),
		low: round4(Math.max(0, a - Z95 * se)),
		high: round4(Math.min(1, a + Z95 * se)),
	};
}

export interface Bin {
	from: number;
	to: number;
	leads: number;
	predicted: number;
	observed: number;
	interval: Interval;
}

/** Ten equal-width bins of predicted probability (empty ones left out) and the expected calibration error. */
export function calibrationBins(
	predicted: readonly number[],
	positive: readonly boolean[],
	bins = 10,
): { bins: Bin[]; ece: number | null } {
	if (predicted.length === 0) return { bins: [], ece: null };
	const sums = Array.from({ length: bins }, () => ({ n: 0, p: 0, y: 0 }));
	predicted.forEach((p, i) => {
		const b = sums[Math.min(bins - 1, Math.floor(p * bins))];
		b.n++;
		b.p += p;
		b.y += positive[i] ? 1 : 0;
	});
	let ece = 0;
	const out: Bin[] = [];
	sums.forEach((b, i) => {
		if (b.n === 0) return;
		ece += (b.n / predicted.length) * Math.abs(b.p / b.n - b.y / b.n);
		out.push({
			from: i / bins,
			to: (i + 1) / bins,
			leads: b.n,
			predicted: round4(b.p / b.n),
			observed: round4(b.y / b.n),
			interval: wilson(b.y, b.n) as Interval,
		});
	});
	return { bins: out, ece: round4(ece) };
}

/** Mean squared error of the predicted probabilities; null for no leads. */
export function brierScore(
	predicted: readonly number[],
	positive: readonly boolean[],
): number | null {
	if (predicted.length === 0) return null;
	const sum = predicted.reduce((acc, p, i) => acc + (p - (positive[i] ? 1 : 0)) ** 2, 0);
	return round4(sum / predicted.length);
}
