// Issue 20: the backtest and the calibration against synthetic histories drawn from a known truth
// (bench/outcomeHistory.mts), at 50, 200 and 2,000 leads, with noise, imbalance, drift and missing
// fields. The calibrator must move weights toward the truth, help on the hold-out when the truth
// differs from the defaults, not hurt beyond noise when it does not, and refuse to be confident about
// a history too small or too one-sided.
import { describe, expect, it } from 'vitest';

import { defaultQualifyConfig, parseQualifyConfig } from '../../../../core/qualify';
import {
	BacktestReportSchema,
	WEIGHT_KEYS,
	applyProfile,
	runBacktest,
	scoreOfFactors,
	type BacktestReport,
} from '../../../../core/qualify/calibrate';
import { weightOf } from '../../../../core/qualify/calibrate/factors';
import { DEFAULT_WEIGHTS, FIT_FIRST_WEIGHTS, syntheticHistory, type Truth } from '../../../../bench/outcomeHistory.mts';

const DEFAULT_TRUTH: Truth = { weights: DEFAULT_WEIGHTS, slope: 5, intercept: -3.5 };
const FIT_FIRST: Truth = { weights: FIT_FIRST_WEIGHTS, slope: 5, intercept: -3.5 };
const SEEDS = [1, 2, 3, 4, 5];

function backtest(truth: Truth, leads: number, seed: number, extra: { missing?: number; driftTo?: Truth } = {}): BacktestReport {
	const report = runBacktest(syntheticHistory({ leads, seed, truth, ...extra }), defaultQualifyConfig);
	BacktestReportSchema.parse(report);
	return report;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function holdoutFigures(truth: Truth, leads: number, extra: { missing?: number; driftTo?: Truth } = {}) {
	const reports = SEEDS.map((seed) => backtest(truth, leads, seed, extra)).filter((r) => r.status === 'ok');
	const h = reports.map((r) => r.holdout!);
	return {
		runs: reports.length,
		auc: { current: mean(h.map((x) => x.current.auc!.value)), proposed: mean(h.map((x) => x.proposed.auc!.value)) },
		brier: { current: mean(h.map((x) => x.current.brier!)), proposed: mean(h.map((x) => x.proposed.brier!)) },
		ece: { current: mean(h.map((x) => x.current.ece!)), proposed: mean(h.map((x) => x.proposed.ece!)) },
		reports,
	};
}

describe('too small or too one-sided histories are reported as such', () => {
	it('30 leads: too small, rates with intervals, no AUC, no calibration, no profile', () => {
		const report = backtest(FIT_FIRST, 30, 7);
		expect(report.status).toBe('too_small');
		expect(report.summary).toMatch(/30 closed leads are too few/);
		expect(report.proposed).toBeNull();
		expect(report.holdout).toBeNull();
		expect(report.current.auc).toBeNull();
		expect(report.current.ece).toBeNull();
		const rows = report.current.byGrade.filter((row) => row.leads > 0);
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) expect(row.interval!.high - row.interval!.low).toBeGreaterThan(0.15);
	});

	it('200 leads with 2 % conversion: one-sided, no profile', () => {
		const report = backtest({ ...FIT_FIRST, intercept: -7 }, 200, 3);
		expect(report.counts.converted).toBeLessThan(10);
		expect(report.status).toBe('one_sided');
		expect(report.summary).toMatch(/too one-sided/);
		expect(report.proposed).toBeNull();
	});

	it('an empty history is too small, not an error', () => {
		const report = runBacktest([], defaultQualifyConfig);
		expect(report.status).toBe('too_small');
		expect(report.period).toBeNull();
		expect(report.current.byGrade.every((row) => row.rate === null && row.interval === null)).toBe(true);
	});
});

describe('50 outcomes move little, 2,000 move toward the truth', () => {
	it('at 50 leads the proposal stays near the defaults (mean change ≤ 3 points a weight)', () => {
		for (const seed of SEEDS) {
			const report = backtest(FIT_FIRST, 50, seed);
			if (report.status !== 'ok') continue;
			const moves = report.proposed!.reasons.map((r) => Math.abs(r.points - r.previous));
			expect(mean(moves)).toBeLessThanOrEqual(3);
		}
	});

	it('at 2,000 leads every weight the truth sets ≥ 10 points away from the default moves toward it, closer than the default', () => {
		for (const seed of [1, 2, 3]) {
			const report = backtest(FIT_FIRST, 2000, seed);
			expect(report.status).toBe('ok');
			const proposed = report.proposed!.weights;
			for (const key of WEIGHT_KEYS) {
				const truth = weightOf(FIT_FIRST_WEIGHTS, key);
				const before = weightOf(DEFAULT_WEIGHTS, key);
				if (Math.abs(truth - before) < 10) continue;
				const after = weightOf(proposed, key);
				expect(Math.sign(after - before), `${key} seed ${seed}: ${before} → ${after}, truth ${truth}`).toBe(Math.sign(truth - before));
				expect(Math.abs(after - truth), `${key} seed ${seed}`).toBeLessThan(Math.abs(before - truth));
			}
		}
	});

	it('every weight has a reason that names the history behind it', () => {
		const report = backtest(FIT_FIRST, 2000, 1);
		const industry = report.proposed!.reasons.find((r) => r.factor === 'industry')!;
		expect(industry.detail).toMatch(/^weight raised from 8 to \d+/);
		expect(industry.evidence).toMatch(/^\d+ of \d+ training leads with it converted \(\d+ %, 95 % \d+ %–\d+ %\)/);
		expect(report.proposed!.version).toBe(1);
		expect(report.proposed!.basis).toMatch(/^1400 closed leads from 2024-01-01/);
	});
});

describe('hold-out: better when the truth differs, not worse than noise when it does not', () => {
	it('truth ≠ defaults, 2,000 leads: AUC and Brier better on the hold-out, calibration error not worse than noise', () => {
		const f = holdoutFigures(FIT_FIRST, 2000);
		expect(f.runs).toBe(5);
		expect(f.auc.proposed).toBeGreaterThan(f.auc.current + 0.03);
		expect(f.brier.proposed).toBeLessThan(f.brier.current);
		expect(f.ece.proposed).toBeLessThan(f.ece.current + 0.02);
	});

	it('truth ≠ defaults, 200 leads: AUC not worse on average', () => {
		const f = holdoutFigures(FIT_FIRST, 200);
		expect(f.runs).toBeGreaterThanOrEqual(4);
		expect(f.auc.proposed).toBeGreaterThanOrEqual(f.auc.current - 0.01);
	});

	it('truth = defaults: within noise of the defaults at 200 and 2,000 leads, thresholds about where they were', () => {
		for (const leads of [200, 2000]) {
			const f = holdoutFigures(DEFAULT_TRUTH, leads);
			expect(Math.abs(f.auc.proposed - f.auc.current), `${leads}`).toBeLessThan(0.03);
			expect(f.brier.proposed, `${leads}`).toBeLessThan(f.brier.current + 0.01);
			if (leads === 2000) {
				for (const r of f.reports) {
					expect(Math.abs(r.proposed!.thresholds.qualified - 80)).toBeLessThanOrEqual(8);
					expect(Math.abs(r.proposed!.thresholds.nurture - 40)).toBeLessThanOrEqual(8);
				}
			}
		}
	});

	it('drift, imbalance and missing fields: still a valid report, not worse than noise', () => {
		const drifting = { missing: 0.2, driftTo: { ...FIT_FIRST, intercept: -4.5 } };
		const f = holdoutFigures({ ...DEFAULT_TRUTH, intercept: -3 }, 2000, drifting);
		expect(f.runs).toBe(5);
		expect(f.auc.proposed).toBeGreaterThanOrEqual(f.auc.current - 0.01);
		expect(f.brier.proposed).toBeLessThan(f.brier.current + 0.005);
	});
});

describe('the proposal is what the Lead Qualifier will score with', () => {
	it('applying it gives the configuration that scores the history as the report says, and it parses as a config', () => {
		const history = syntheticHistory({ leads: 400, seed: 9, truth: FIT_FIRST });
		const report = runBacktest(history, defaultQualifyConfig);
		const applied = applyProfile(defaultQualifyConfig, report.proposed!);
		const reparsed = parseQualifyConfig({ weights: applied.weights, thresholds: applied.thresholds, grades: applied.grades });
		expect(reparsed.ok).toBe(true);
		const holdout = [...history].sort((a, b) => (a.created < b.created ? -1 : 1)).slice(280);
		const grades = { A: 0, B: 0, C: 0, D: 0 };
		for (const lead of holdout) {
			const score = scoreOfFactors(lead.factors, applied.weights);
			grades[score >= applied.grades.A ? 'A' : score >= applied.grades.B ? 'B' : score >= applied.grades.C ? 'C' : 'D']++;
		}
		expect(report.holdout!.proposed.byGrade.map((row) => row.leads)).toEqual([grades.A, grades.B, grades.C, grades.D]);
	});

	it('a malformed history lead is refused naming its place and field', () => {
		const history = syntheticHistory({ leads: 3, seed: 1, truth: FIT_FIRST });
		const broken = [history[0], { ...history[1], outcome: 'won' }] as unknown as typeof history;
		expect(() => runBacktest(broken, defaultQualifyConfig)).toThrow(/^history lead 1\.outcome: /);
	});

	it('is deterministic', () => {
		const history = syntheticHistory({ leads: 300, seed: 4, truth: FIT_FIRST, missing: 0.1 });
		expect(runBacktest(history, defaultQualifyConfig)).toEqual(runBacktest([...history].reverse(), defaultQualifyConfig));
	});
});
