// Regularised logistic regression by Newton's method: each coefficient has a prior mean and a
// precision (L2 toward the prior), so a few outcomes move the coefficients little and many move them
// to what the data says. Deterministic: fixed start, fixed iteration cap, no randomness.

export interface LogisticPrior {
	/** Prior mean of each coefficient, intercept first. */
	mean: readonly number[];
	/** Prior precision (1 / variance) of each coefficient, intercept first; 0 = unpenalised. */
	precision: readonly number[];
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
export { sigmoid };

export function logit(p: number): number {
	const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
	return Math.log(q / (1 - q));
}

/** Solves `a x = b` for a symmetric positive-definite `a` (Cholesky); `a` is not modified. */
function solve(a: number[][], b: number[]): number[] {
	const n = b.length;
	const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
	for (let i = 0; i < n; i++) {
		for (let j = 0; j <= i; j++) {
			let sum = a[i][j];
			for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
			l[i][j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j][j];
		}
	}
	const y = new Array<number>(n).fill(0);
	for (let i = 0; i < n; i++) {
		let sum = b[i];
		for (let k = 0; k < i; k++) sum -= l[i][k] * y[k];
		y[i] = sum / l[i][i];
	}
	const x = new Array<number>(n).fill(0);
	for (let i = n - 1; i >= 0; i--) {
		let sum = y[i];
		for (let k = i + 1; k < n; k++) sum -= l[k][i] * x[k];
		x[i] = sum / l[i][i];
	}
	return x;
}

/**
 * Maximum a posteriori coefficients (intercept first) of P(y) = sigmoid(b0 + Σ b_k x_k) under the
 * Gaussian prior. Rows of `x` hold the features without the intercept.
 */
export function fitLogistic(
	x: readonly (readonly number[])[],
	y: readonly boolean[],
	prior: LogisticPrior,
): number[] {
	const dims = prior.mean.length;
	// A whisper of precision on every coefficient keeps the Hessian invertible (separable data,
	// a feature nobody had) without moving anything the data speaks about.
	const precision = prior.precision.map((p) => Math.max(p, 1e-6));
	const beta = [...prior.mean];
	for (let iteration = 0; iteration < 50; iteration++) {
		const gradient = beta.map((b, k) => -precision[k] * (b - prior.mean[k]));
		const hessian = Array.from({ length: dims }, (_, i) =>
			Array.from({ length: dims }, (_, j) => (i === j ? precision[i] : 0)),
		);
		x.forEach((row, n) => {
			const features = [1, ...row];
			const p = sigmoid(features.reduce((sum, f, k) => sum + f * beta[k], 0));
			const w = p * (1 - p);
			const residual = (y[n] ? 1 : 0) - p;
			for (let i = 0; i < dims; i++) {
				if (features[i] === 0) continue;
				gradient[i] += features[i] * residual;
				for (let j = 0; j < dims; j++) hessian[i][j] += w * features[i] * features[j];
			}
		});
		const step = solve(hessian, gradient);
		let largest = 0;
		for (let k = 0; k < dims; k++) {
			// Damped: a step never moves a coefficient by more than 5 logits (separable histories).
			const move = Math.max(-5, Math.min(5, step[k]));
			beta[k] += move;
			largest = Math.max(largest, Math.abs(move));
		}
		if (largest < 1e-8) break;
	}
	return beta;
}
