// Issue 20: how the calibrated profile compares with the current (default) one on the hold-out of
// synthetic histories drawn from a known truth (bench/outcomeHistory.mts), at 50, 200 and 2,000
// closed leads: mean hold-out AUC, expected calibration error and Brier score over 5 seeds, the
// calibrated profile as value and the default as baseline. Two truths: the defaults themselves
// (the calibration should change nothing beyond noise) and a fit-first truth that values industry,
// size and urgency far more and budget and titles far less (it should help). No timing.
import { defaultQualifyConfig } from '../core/qualify/index.ts';
import { runBacktest } from '../core/qualify/calibrate/index.ts';
import { DEFAULT_WEIGHTS, FIT_FIRST_WEIGHTS, syntheticHistory, type Truth } from './outcomeHistory.mts';

const SEEDS = [1, 2, 3, 4, 5];
const truths: Array<[string, Truth]> = [
	['truth=defaults', { weights: DEFAULT_WEIGHTS, slope: 5, intercept: -3.5 }],
	['truth=fit-first', { weights: FIT_FIRST_WEIGHTS, slope: 5, intercept: -3.5 }],
];
const round = (x: number) => Math.round(x * 10_000) / 10_000;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

for (const [name, truth] of truths) {
	for (const leads of [50, 200, 2000]) {
		const reports = SEEDS.map((seed) => runBacktest(syntheticHistory({ leads, seed, truth, missing: 0.1 }), defaultQualifyConfig));
		const ok = reports.filter((r) => r.status === 'ok' && r.holdout?.current.auc && r.holdout.proposed.auc);
		const note = `${name}, ${leads} leads (10 % of fields missing), 30 % newest as hold-out; mean of ${ok.length}/${SEEDS.length} seeds with both outcomes (the others reported as ${[...new Set(reports.filter((r) => !ok.includes(r)).map((r) => r.status))].join('/') || '—'}); value = calibrated, baseline = default`;
		if (ok.length === 0) continue;
		const figure = (metric: string, pick: (h: NonNullable<(typeof ok)[number]['holdout']>['current']) => number, lowerIsBetter: boolean) => {
			const value = round(mean(ok.map((r) => pick(r.holdout!.proposed))));
			const baseline = round(mean(ok.map((r) => pick(r.holdout!.current))));
			console.log(JSON.stringify({ bench: 'calibration', metric: `holdout_${metric}_${name.replace('truth=', '')}_${leads}`, value, baseline, ratio: round(value / baseline), unit: lowerIsBetter ? 'lower is better' : 'higher is better', note }));
		};
		figure('auc', (h) => h.auc!.value, false);
		figure('ece', (h) => h.ece!, true);
		figure('brier', (h) => h.brier!, true);
	}
}
