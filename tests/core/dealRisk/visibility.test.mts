// withVisibility: signals whose evidence a permission filter may have emptied are taken out, named as
// unknown with the reason, and the assessment is rescored with the core's own score and level.
import { describe, expect, it } from 'vitest';

import {
	assessDeal,
	defaultRiskConfig,
	riskLevel,
	riskScore,
	withVisibility,
	type ActivityView,
} from '../../../core/dealRisk';
import { dealWith, NOW } from './healthyDeal.mts';

const seesAll: ActivityView = { emailHidden: false, todosHidden: false };
const silent = assessDeal(dealWith({ communications: [], events: [], todos: [] }), defaultRiskConfig, NOW);
const slipped = assessDeal(dealWith({ expected_closing: '2026-11-01' }), defaultRiskConfig, NOW);
const bigSilent = assessDeal(
	dealWith({ opportunity_amount: 90_000_000, communications: [], events: [], todos: [] }),
	defaultRiskConfig,
	NOW,
);

describe('withVisibility', () => {
	it('a user who sees everything gets the assessment back unchanged and complete', () => {
		const out = withVisibility(silent, seesAll, [], defaultRiskConfig);
		expect(out.assessment).toBe(silent);
		expect(out.visibility).toEqual({ complete: true, gaps: [], unknown: [] });
	});

	it('hidden e-mail takes out stale and single_threaded, keeps no_next_step, rescoring with the core', () => {
		const out = withVisibility(silent, { emailHidden: true, todosHidden: false }, [], defaultRiskConfig);
		expect(out.assessment.signals.map((s) => s.code)).toEqual(['no_next_step']);
		expect(out.visibility.unknown.map((u) => u.signal)).toEqual(['stale', 'single_threaded']);
		expect(out.visibility.complete).toBe(false);
		expect(out.visibility.gaps).toEqual([expect.stringContaining('neither System Manager nor Super Email User')]);
		const score = riskScore(out.assessment.signals, defaultRiskConfig);
		expect(out.assessment.riskScore).toBe(score);
		expect(out.assessment.level).toBe(riskLevel(score, defaultRiskConfig));
		expect(out.assessment.riskScore).toBeLessThan(silent.riskScore);
		expect(out.assessment.nextActions.map((a) => a.code)).toEqual(['schedule_next_step']);
		expect(out.assessment.reasons.filter((r) => r.startsWith('unknown: '))).toHaveLength(2);
	});

	it('private Events of others are named, and the deal-level signals that do not read activity stay', () => {
		const out = withVisibility(slipped, seesAll, ['EV-0001', 'EV-0002'], defaultRiskConfig);
		expect(out.assessment).toBe(slipped);
		expect(out.visibility).toEqual({
			complete: false,
			gaps: ['2 Event(s) linked to the deal are private to other users and could not be read (EV-0001, EV-0002)'],
			unknown: [],
		});
	});

	it('unreadable roles say why in every gap', () => {
		const out = withVisibility(silent, { emailHidden: true, todosHidden: true, rolesUnknown: 'HTTP 500' }, [], defaultRiskConfig);
		expect(out.visibility.gaps).toHaveLength(2);
		for (const gap of out.visibility.gaps) expect(gap).toContain("the user's roles could not be read: HTTP 500");
		expect(out.assessment.signals).toEqual([]);
	});

	it('high value alone says nothing once the signals it amplified are unknown', () => {
		expect(bigSilent.signals.map((s) => s.code)).toContain('high_value_at_risk');
		const out = withVisibility(bigSilent, { emailHidden: true, todosHidden: true }, [], defaultRiskConfig);
		expect(out.assessment.signals).toEqual([]);
		expect(out.assessment.riskScore).toBe(0);
		expect(out.assessment.level).toBe('low');
	});
});
