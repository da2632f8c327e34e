// The at-risk rule and what follows from it: level order, riskVerdict (reported, or sent for review
// when hidden activity took signals out), todoDue, and whether the stored risk fields are rewritten.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
	LEVEL_ORDER,
	assessDeal,
	defaultRiskConfig,
	hasStoredRisk,
	isRiskLevel,
	levelAtLeast,
	mustWriteRisk,
	riskSignalList,
	riskVerdict,
	riskWorsened,
	storedRiskUnchanged,
	todoDue,
	type DealAssessment,
	type RiskLevel,
} from '../../../core/dealRisk';
import { dealWith, NOW } from './healthyDeal.mts';

const LEVELS: RiskLevel[] = ['low', 'medium', 'high', 'critical'];
const healthy = assessDeal(dealWith(), defaultRiskConfig, NOW);
// No activity at all: stale (high), single_threaded (medium), no_next_step (low) → high.
const silent = assessDeal(
	dealWith({ communications: [], events: [], todos: [] }),
	defaultRiskConfig,
	NOW,
);
// Only a passed close date → medium.
const slipped = assessDeal(dealWith({ expected_closing: '2026-11-01' }), defaultRiskConfig, NOW);
const lost = assessDeal(
	dealWith({ status: 'Lost', communications: [], events: [], todos: [] }),
	defaultRiskConfig,
	NOW,
);
const unknownStale = { unknown: [{ signal: 'stale' as const, reason: 'hidden' }] };

describe('risk levels', () => {
	it('orders low < medium < high < critical and compares with levelAtLeast', () => {
		expect(LEVELS.map((l) => LEVEL_ORDER[l])).toEqual([0, 1, 2, 3]);
		for (const a of LEVELS)
			for (const b of LEVELS)
				expect(levelAtLeast(a, b)).toBe(LEVELS.indexOf(a) >= LEVELS.indexOf(b));
	});

	it.each([...LEVELS])('accepts %s', (level) => expect(isRiskLevel(level)).toBe(true));

	it.each(['Low', 'severe', '', 'toString', 'constructor', 2, null, undefined])(
		'refuses %s',
		(value) => {
			expect(isRiskLevel(value)).toBe(false);
		},
	);
});

describe('riskVerdict', () => {
	it('the fixtures are what the table below assumes', () => {
		expect([healthy.level, healthy.signals.length]).toEqual(['low', 0]);
		expect([silent.level, silent.signals.map((s) => s.code)]).toEqual([
			'high',
			['stale', 'single_threaded', 'no_next_step'],
		]);
		expect([slipped.level, slipped.signals.map((s) => s.code)]).toEqual([
			'medium',
			['close_date_passed'],
		]);
		expect([lost.open, lost.signals.length]).toEqual([false, 0]);
	});

	it.each([
		{ label: 'a healthy deal', assessment: healthy, min: 'low', atRisk: false },
		{ label: 'a high deal', assessment: silent, min: 'medium', atRisk: true },
		{ label: 'a high deal', assessment: silent, min: 'high', atRisk: true },
		{ label: 'a high deal', assessment: silent, min: 'critical', atRisk: false },
		{ label: 'a medium deal', assessment: slipped, min: 'medium', atRisk: true },
		{ label: 'a medium deal', assessment: slipped, min: 'high', atRisk: false },
		{ label: 'a closed deal', assessment: lost, min: 'low', atRisk: false },
	] as const)('$label reported from $min: $atRisk', ({ assessment, min, atRisk }) => {
		expect(riskVerdict(assessment, min)).toEqual({ atRisk, review: false });
	});

	it('a low deal with a signal is reported from low, a deal without signals never', () => {
		const lowWithSignal: DealAssessment = { ...slipped, level: 'low', riskScore: 8 };
		expect(riskVerdict(lowWithSignal, 'low').atRisk).toBe(true);
		expect(riskVerdict({ ...silent, signals: [] }, 'low').atRisk).toBe(false);
	});

	it('an open deal whose signals may be hidden goes to review, whatever its level or signals left', () => {
		expect(riskVerdict(healthy, 'critical', unknownStale)).toEqual({ atRisk: true, review: true });
		expect(riskVerdict(silent, 'critical', unknownStale)).toEqual({ atRisk: true, review: true });
		expect(riskVerdict(silent, 'medium', { unknown: [] })).toEqual({ atRisk: true, review: false });
	});

	it('a closed deal never goes to review', () => {
		expect(riskVerdict(lost, 'low', unknownStale)).toEqual({ atRisk: false, review: false });
	});

	it('is monotone: raising the minimum level never reports more deals', () => {
		const level = fc.constantFrom(...LEVELS);
		fc.assert(
			fc.property(
				level,
				level,
				fc.constantFrom(healthy, silent, slipped, lost),
				(a, b, assessment) => {
					const [lo, hi] = LEVEL_ORDER[a] <= LEVEL_ORDER[b] ? [a, b] : [b, a];
					if (riskVerdict(assessment, hi).atRisk)
						expect(riskVerdict(assessment, lo).atRisk).toBe(true);
				},
			),
		);
	});
});

describe('todoDue', () => {
	it('needs an at-risk verdict and the level at or above the ToDo level', () => {
		const reported = riskVerdict(silent, 'medium');
		expect(todoDue(silent, reported, 'high')).toBe(true);
		expect(todoDue(silent, reported, 'critical')).toBe(false);
		expect(todoDue(silent, { atRisk: false, review: false }, 'low')).toBe(false);
	});
});

describe('stored risk fields', () => {
	const stored = {
		riskScore: silent.riskScore,
		level: silent.level,
		signals: riskSignalList(silent),
	};

	it('lists the signal codes most severe first', () => {
		expect(riskSignalList(silent)).toBe('stale, single_threaded, no_next_step');
		expect(riskSignalList(healthy)).toBe('');
	});

	it('are unchanged only when score, level and signals all match (a stored score may be text)', () => {
		expect(storedRiskUnchanged(stored, silent)).toBe(true);
		expect(storedRiskUnchanged({ ...stored, riskScore: String(silent.riskScore) }, silent)).toBe(
			true,
		);
		expect(storedRiskUnchanged({ ...stored, riskScore: silent.riskScore + 1 }, silent)).toBe(false);
		expect(storedRiskUnchanged({ ...stored, level: 'critical' }, silent)).toBe(false);
		expect(storedRiskUnchanged({ ...stored, signals: 'stale' }, silent)).toBe(false);
		expect(storedRiskUnchanged({ riskScore: 0, level: 'low', signals: null }, healthy)).toBe(true);
	});

	it('exist when a level is stored', () => {
		expect(hasStoredRisk(stored)).toBe(true);
		expect(hasStoredRisk({ level: '' })).toBe(false);
		expect(hasStoredRisk({ level: null })).toBe(false);
		expect(hasStoredRisk({})).toBe(false);
	});

	it('are written for an at-risk deal that changed, cleared for a recovered one, and never rewritten unchanged', () => {
		const reported = riskVerdict(silent, 'medium');
		expect(mustWriteRisk({}, silent, reported)).toBe(true);
		expect(mustWriteRisk(stored, silent, reported)).toBe(false);
		const calm = riskVerdict(healthy, 'medium');
		expect(mustWriteRisk(stored, healthy, calm)).toBe(true);
		expect(mustWriteRisk({}, healthy, calm)).toBe(false);
		expect(mustWriteRisk({ riskScore: 0, level: 'low', signals: '' }, healthy, calm)).toBe(false);
	});
});

describe('riskWorsened: is the deal materially worse than the assessment a person answered?', () => {
	const codes = (a: DealAssessment) => a.signals.map((s) => s.code);
	it.each([
		['the same assessment', { level: silent.level, signals: codes(silent) }, silent, null],
		[
			'fewer signals now',
			{ level: 'high' as RiskLevel, signals: [...codes(silent), 'close_date_passed'] },
			silent,
			null,
		],
		['a lower level now', { level: 'critical' as RiskLevel, signals: codes(silent) }, silent, null],
		[
			'a higher level',
			{ level: 'medium' as RiskLevel, signals: codes(silent) },
			silent,
			'risk level medium → high',
		],
		[
			'a new signal at the same level',
			{ level: 'high' as RiskLevel, signals: ['stale', 'no_next_step'] },
			silent,
			'new signal single_threaded',
		],
		[
			'only the signal the task was for (a task made before the list was kept)',
			{ level: 'medium' as RiskLevel, signals: ['close_date_passed'] },
			slipped,
			null,
		],
	])('%s', (_name, answered, assessment, expected) => {
		expect(riskWorsened(answered, assessment)).toBe(expected);
	});

	it('the score alone never makes a deal worse', () => {
		const answered = { level: silent.level, signals: codes(silent) };
		expect(riskWorsened(answered, { ...silent, riskScore: silent.riskScore + 30 })).toBeNull();
	});
});
