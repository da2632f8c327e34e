// Every deal-risk signal, pinned with the clock under control: one fact of a healthy deal changes,
// and the test says which signal fires, how severe, with which metric, and where it stops firing.
import { describe, expect, it } from 'vitest';

import {
	assessDeal,
	defaultRiskConfig,
	riskConfigWith,
	SIGNAL_CODES,
	type DealSnapshotInput,
	type RiskConfig,
	type SignalCode,
} from '../../../core/dealRisk';
import { ADA, BOB, dealWith, healthy, NOW } from './healthyDeal.mts';

interface Case {
	name: string;
	patch?: Partial<DealSnapshotInput>;
	now?: string;
	config?: RiskConfig;
	code: SignalCode;
	/** Expected severity, or `null` when the signal must not fire. */
	severity: 'low' | 'medium' | 'high' | null;
	value?: number;
	threshold?: number;
	evidence?: RegExp;
}

const inComm = (date: string, contact: string, medium = 'Email') => ({ date, direction: 'in' as const, medium, contact });
const outComm = (date: string, contact: string, medium = 'Email') => ({ date, direction: 'out' as const, medium, contact });
const push = (at: string, from: string, to: string) => ({ at, field: 'expected_closing', from, to });
const quote = (patch: Partial<NonNullable<DealSnapshotInput['quotations']>[number]>) => ({
	name: 'SAL-QTN-2026-00101',
	status: 'Open' as const,
	valid_till: '2026-12-15',
	grand_total: 2_856_000,
	docstatus: 1 as const,
	...patch,
});
const quietDeal = { communications: [], events: [], todos: [] };

const cases: Case[] = [
	// stale: last activity is Ada's email on 2026-11-18 11:00; Proposal/Price Quote allows 7 days.
	{ name: 'stale: 5 days quiet is fine', code: 'stale', now: '2026-11-24T10:00:00Z', severity: null },
	{ name: 'stale: one minute short of 7 days', code: 'stale', now: '2026-11-25T10:59:00Z', severity: null },
	{ name: 'stale: exactly 7 days', code: 'stale', now: '2026-11-25T11:00:00Z', severity: 'medium', value: 7, threshold: 7, evidence: /last was Email from ada\.koenig@lovelace-eng\.de on 2026-11-18/ },
	{ name: 'stale: 14 days is high', code: 'stale', now: '2026-12-02T11:00:00Z', severity: 'high', value: 14 },
	{ name: 'stale: no activity ever counts from creation', code: 'stale', patch: quietDeal, severity: 'high', value: 50, evidence: /since the deal was created on 2026-10-01/ },
	{
		name: 'stale: a closed ToDo is activity',
		code: 'stale',
		patch: { ...quietDeal, todos: [{ status: 'Closed', description: 'Sent samples', modified: '2026-11-19 12:00:00' }] },
		severity: null,
	},
	{
		name: 'stale: a cancelled Event is not activity',
		code: 'stale',
		patch: { ...quietDeal, events: [{ starts_on: '2026-11-19 10:00:00', subject: 'Demo', status: 'Cancelled' }] },
		severity: 'high',
	},
	{
		name: 'stale: a Communication dated in the future does not count',
		code: 'stale',
		patch: { ...quietDeal, communications: [inComm('2026-11-21 09:00:00', ADA)] },
		severity: 'high',
	},
	{
		name: 'stale: the stage sets the limit (Prospecting allows 21 days)',
		code: 'stale',
		now: '2026-12-02T11:00:00Z',
		patch: { sales_stage: 'Prospecting', probability: 10, quotations: [] },
		severity: null,
	},

	// stuck_in_stage: entered Proposal/Price Quote on 2026-11-10 16:00; 21 days allowed.
	{ name: 'stuck: 20 days in stage', code: 'stuck_in_stage', now: '2026-11-30T16:00:00Z', severity: null },
	{ name: 'stuck: 21 days in stage', code: 'stuck_in_stage', now: '2026-12-01T16:00:00Z', severity: 'medium', value: 21, threshold: 21, evidence: /since 2026-11-10 \(stage change\)/ },
	{ name: 'stuck: 42 days is high', code: 'stuck_in_stage', now: '2026-12-22T16:00:00Z', severity: 'high', value: 42 },
	{ name: 'stuck: no stage history counts from creation', code: 'stuck_in_stage', patch: { history: [] }, severity: 'high', value: 50, evidence: /\(creation\)/ },
	{
		name: 'stuck: the latest entry into the current stage counts (moved back and forth)',
		code: 'stuck_in_stage',
		patch: {
			history: [
				{ at: '2026-10-01 09:00:00', field: 'sales_stage', from: 'Perception Analysis', to: 'Proposal/Price Quote' },
				{ at: '2026-10-20 09:00:00', field: 'sales_stage', from: 'Proposal/Price Quote', to: 'Perception Analysis' },
				{ at: '2026-11-12 09:00:00', field: 'sales_stage', from: 'Perception Analysis', to: 'Proposal/Price Quote' },
			],
		},
		severity: null,
	},

	// probability_low_for_stage: Proposal/Price Quote expects 60%.
	{ name: 'probability: 60% meets the stage', code: 'probability_low_for_stage', patch: { probability: 60 }, severity: null },
	{ name: 'probability: 55% is a bit low', code: 'probability_low_for_stage', patch: { probability: 55 }, severity: 'low', value: 55, threshold: 60 },
	{ name: 'probability: 25% is far too low', code: 'probability_low_for_stage', patch: { probability: 25 }, severity: 'medium', value: 25 },
	{ name: 'probability: 25% is fine in Needs Analysis', code: 'probability_low_for_stage', patch: { probability: 25, sales_stage: 'Needs Analysis' }, severity: null },

	// close dates (today is 2026-11-20).
	{ name: 'close date yesterday: passed', code: 'close_date_passed', patch: { expected_closing: '2026-11-19' }, severity: 'high', value: 1, evidence: /2026-11-19 passed 1 days ago while the deal is still Open/ },
	{ name: 'close date today: not passed', code: 'close_date_passed', patch: { expected_closing: '2026-11-20' }, severity: null },
	{ name: 'close date passed, status Quotation', code: 'close_date_passed', patch: { expected_closing: '2026-10-31', status: 'Quotation' }, severity: 'high', value: 20, evidence: /still Quotation/ },
	{ name: 'close in 10 days at 45%', code: 'close_date_near_low_probability', patch: { expected_closing: '2026-11-30', probability: 45 }, severity: 'medium', value: 10, threshold: 14 },
	{ name: 'close in 10 days at 20% is high', code: 'close_date_near_low_probability', patch: { expected_closing: '2026-11-30', probability: 20 }, severity: 'high' },
	{ name: 'close in 14 days at 45% still near', code: 'close_date_near_low_probability', patch: { expected_closing: '2026-12-04', probability: 45 }, severity: 'medium', value: 14 },
	{ name: 'close in 15 days at 45% is not near', code: 'close_date_near_low_probability', patch: { expected_closing: '2026-12-05', probability: 45 }, severity: null },
	{ name: 'close in 10 days at 50% is fine', code: 'close_date_near_low_probability', patch: { expected_closing: '2026-11-30', probability: 50 }, severity: null },
	{ name: 'no close date', code: 'close_date_missing', patch: { expected_closing: null }, severity: 'low' },
	{
		name: 'close date pushed once: fine',
		code: 'close_date_pushed',
		patch: { history: [...(healthy.history ?? []), push('2026-11-01 10:00:00', '2026-11-30', '2026-12-18')] },
		severity: null,
	},
	{
		name: 'close date pushed twice',
		code: 'close_date_pushed',
		patch: {
			history: [push('2026-10-15 10:00:00', '2026-10-31', '2026-11-30'), push('2026-11-12 10:00:00', '2026-11-30', '2026-12-18'), ...(healthy.history ?? [])],
		},
		severity: 'medium',
		value: 2,
		threshold: 2,
		evidence: /moved out 2 times: 2026-10-31 → 2026-11-30 → 2026-12-18 \(\+48 days overall\)/,
	},
	{
		name: 'close date pushed four times is high',
		code: 'close_date_pushed',
		patch: {
			history: [
				push('2026-11-12 10:00:00', '2026-12-01', '2026-12-18'),
				push('2026-08-01 10:00:00', '2026-08-31', '2026-09-30'),
				push('2026-09-20 10:00:00', '2026-09-30', '2026-10-31'),
				push('2026-10-20 10:00:00', '2026-10-31', '2026-12-01'),
			],
		},
		severity: 'high',
		value: 4,
		evidence: /2026-08-31 → 2026-09-30 → 2026-10-31 → 2026-12-01 → 2026-12-18/,
	},
	{
		name: 'close date pulled in does not count as a push',
		code: 'close_date_pushed',
		patch: { history: [push('2026-10-15 10:00:00', '2026-10-31', '2026-12-31'), push('2026-11-12 10:00:00', '2026-12-31', '2026-12-18')] },
		severity: null,
	},

	// single_threaded: Proposal/Price Quote expects 2 engaged contacts (Ada and Bob in the healthy deal).
	{
		name: 'single-threaded: only Ada engaged',
		code: 'single_threaded',
		patch: { events: [], communications: [outComm('2026-11-17 09:00:00', ADA), inComm('2026-11-18 11:00:00', ADA)] },
		severity: 'medium',
		value: 1,
		threshold: 2,
		evidence: /Only ada\.koenig@lovelace-eng\.de engaged in the last 90 days/,
	},
	{
		name: 'single-threaded: the same address in different case counts once',
		code: 'single_threaded',
		patch: { events: [], communications: [inComm('2026-11-12 11:00:00', 'Ada.Koenig@Lovelace-Eng.de'), inComm('2026-11-18 11:00:00', ADA)] },
		severity: 'medium',
		value: 1,
	},
	{
		name: 'single-threaded: emails we sent do not engage anyone',
		code: 'single_threaded',
		patch: { events: [], communications: [outComm('2026-11-17 09:00:00', BOB), inComm('2026-11-18 11:00:00', ADA)] },
		severity: 'medium',
	},
	{
		name: 'single-threaded: a meeting we logged as outbound engages',
		code: 'single_threaded',
		patch: { events: [], communications: [outComm('2026-11-17 09:00:00', BOB, 'Meeting'), inComm('2026-11-18 11:00:00', ADA)] },
		severity: null,
	},
	{
		name: 'single-threaded: engagement older than 90 days does not count',
		code: 'single_threaded',
		patch: {
			events: [{ starts_on: '2026-08-01 10:00:00', subject: 'Kick-off', contacts: [ADA, BOB], status: 'Completed' }],
			communications: [inComm('2026-11-18 11:00:00', ADA)],
		},
		severity: 'medium',
		value: 1,
	},
	{
		name: 'single-threaded: nobody engaged',
		code: 'single_threaded',
		patch: { events: [], communications: [outComm('2026-11-17 09:00:00', ADA)] },
		severity: 'medium',
		value: 0,
		evidence: /No contact at Lovelace Engineering GmbH replied or met/,
	},
	{
		name: 'single-threaded: not expected while prospecting',
		code: 'single_threaded',
		patch: { sales_stage: 'Prospecting', probability: 10, events: [], communications: [] },
		severity: null,
	},

	// quotations (the healthy deal's quote is valid till 2026-12-15).
	{ name: 'quote valid 6 more days: fine', code: 'quotation_expiring', patch: { quotations: [quote({ valid_till: '2026-11-26' })] }, severity: null },
	{ name: 'quote valid 5 more days: expiring', code: 'quotation_expiring', patch: { quotations: [quote({ valid_till: '2026-11-25' })] }, severity: 'medium', value: 5, threshold: 5, evidence: /SAL-QTN-2026-00101 \(EUR 28,560\.00\) is valid till 2026-11-25/ },
	{ name: 'quote valid till tomorrow: high', code: 'quotation_expiring', patch: { quotations: [quote({ valid_till: '2026-11-21' })] }, severity: 'high', value: 1 },
	{ name: 'quote valid till today: still valid, high', code: 'quotation_expiring', patch: { quotations: [quote({ valid_till: '2026-11-20' })] }, severity: 'high', value: 0 },
	{ name: 'quote expired yesterday', code: 'quotation_expired', patch: { quotations: [quote({ valid_till: '2026-11-19' })] }, severity: 'high', value: 1, evidence: /expired on 2026-11-19, 1 days ago, with no Sales Order/ },
	{ name: 'quote with status Expired and no date', code: 'quotation_expired', patch: { quotations: [quote({ status: 'Expired', valid_till: null })] }, severity: 'high', value: 0 },
	{
		name: 'expired quote replaced by a live one',
		code: 'quotation_expired',
		patch: { quotations: [quote({ valid_till: '2026-11-01', status: 'Expired' }), quote({ name: 'SAL-QTN-2026-00140', valid_till: '2026-12-20' })] },
		severity: null,
	},
	{
		name: 'expired quote but the customer ordered',
		code: 'quotation_expired',
		patch: { quotations: [quote({ valid_till: '2026-11-10', status: 'Ordered' })] },
		severity: null,
	},
	{ name: 'expiring quote but partially ordered', code: 'quotation_expiring', patch: { quotations: [quote({ valid_till: '2026-11-22', status: 'Partially Ordered' })] }, severity: null },
	{ name: 'a quote without valid_till never expires', code: 'quotation_expiring', patch: { quotations: [quote({ valid_till: null })] }, severity: null },
	{ name: 'no quotation in Proposal/Price Quote', code: 'no_quotation', patch: { quotations: [] }, severity: 'medium', evidence: /expects a submitted Quotation and CRM-OPP-2026-00042 has none\./ },
	{ name: 'only a draft quotation', code: 'no_quotation', patch: { quotations: [quote({ status: 'Draft', docstatus: 0 })] }, severity: 'medium', evidence: /1 draft\(s\) not submitted/ },
	{ name: 'only a cancelled quotation', code: 'no_quotation', patch: { quotations: [quote({ status: 'Cancelled', docstatus: 2 })] }, severity: 'medium' },
	{ name: 'only a lost quotation', code: 'no_quotation', patch: { quotations: [quote({ status: 'Lost' })] }, severity: 'medium' },
	{ name: 'no quotation expected in Value Proposition', code: 'no_quotation', patch: { quotations: [], sales_stage: 'Value Proposition' }, severity: null },

	// amount_reduced: healthy amount is EUR 24,000.00 (2_400_000 minor).
	{ name: 'amount trimmed 7.69%: fine', code: 'amount_reduced', patch: { history: [{ at: '2026-11-15 10:00:00', field: 'opportunity_amount', from: 2_600_000, to: 2_400_000 }] }, severity: null },
	{ name: 'amount cut 11.11%: low', code: 'amount_reduced', patch: { history: [{ at: '2026-11-15 10:00:00', field: 'opportunity_amount', from: 2_700_000, to: 2_400_000 }] }, severity: 'low', value: 1111, threshold: 1000, evidence: /11\.11% from its peak EUR 27,000\.00 to EUR 24,000\.00/ },
	{ name: 'amount cut 25%: medium', code: 'amount_reduced', patch: { history: [{ at: '2026-11-15 10:00:00', field: 'opportunity_amount', from: 3_200_000, to: 2_400_000 }] }, severity: 'medium', value: 2500 },
	{
		name: 'amount measured from the peak, not the first value',
		code: 'amount_reduced',
		patch: {
			history: [
				{ at: '2026-10-10 10:00:00', field: 'opportunity_amount', from: 2_000_000, to: 3_000_000 },
				{ at: '2026-11-15 10:00:00', field: 'opportunity_amount', from: 3_000_000, to: 2_400_000 },
			],
		},
		severity: 'medium',
		value: 2000,
	},
	{ name: 'amount increased: fine', code: 'amount_reduced', patch: { history: [{ at: '2026-11-15 10:00:00', field: 'opportunity_amount', from: 1_800_000, to: 2_400_000 }] }, severity: null },

	// last_outbound_unanswered: 4 days allowed.
	{
		name: 'outbound 1 day ago: still fresh',
		code: 'last_outbound_unanswered',
		patch: { communications: [...(healthy.communications ?? []), outComm('2026-11-19 09:00:00', ADA)] },
		severity: null,
	},
	{
		name: 'outbound 4 days ago unanswered',
		code: 'last_outbound_unanswered',
		now: '2026-11-23T09:00:00Z',
		patch: { communications: [...(healthy.communications ?? []), outComm('2026-11-19 09:00:00', ADA)] },
		severity: 'medium',
		value: 4,
		threshold: 4,
		evidence: /1 outbound message\(s\) since the last reply on 2026-11-18/,
	},
	{
		name: 'three unanswered outbound messages (ghosting) is high',
		code: 'last_outbound_unanswered',
		now: '2026-11-24T09:00:00Z',
		patch: {
			communications: [
				...(healthy.communications ?? []),
				outComm('2026-11-19 09:00:00', ADA),
				outComm('2026-11-19 15:00:00', BOB, 'Phone'),
				outComm('2026-11-20 08:00:00', ADA),
			],
		},
		severity: 'high',
		value: 4,
		evidence: /^3 outbound message/,
	},
	{
		name: 'never answered at all',
		code: 'last_outbound_unanswered',
		patch: { communications: [outComm('2026-11-10 09:00:00', ADA)] },
		severity: 'medium',
		value: 10,
		evidence: /no reply was ever recorded/,
	},
	{
		name: 'a later reply answers',
		code: 'last_outbound_unanswered',
		now: '2026-11-30T09:00:00Z',
		patch: { communications: [outComm('2026-11-19 09:00:00', ADA), inComm('2026-11-19 10:00:00', ADA)] },
		severity: null,
	},

	// no_next_step: the healthy deal has an open ToDo due 2026-11-24.
	{ name: 'no ToDo and no upcoming Event', code: 'no_next_step', patch: { todos: [] }, severity: 'low', evidence: /No open ToDo and no upcoming Event/ },
	{ name: 'only an overdue ToDo', code: 'no_next_step', patch: { todos: [{ date: '2026-11-12', status: 'Open', description: 'Send spec sheet' }] }, severity: 'low', evidence: /1 open ToDo\(s\) overdue by up to 8 days/ },
	{ name: 'a ToDo due today is a next step', code: 'no_next_step', patch: { todos: [{ date: '2026-11-20', status: 'Open', description: 'Call' }] }, severity: null },
	{ name: 'an undated open ToDo is a next step', code: 'no_next_step', patch: { todos: [{ status: 'Open', description: 'Call' }] }, severity: null },
	{
		name: 'an upcoming Event is a next step',
		code: 'no_next_step',
		patch: { todos: [], events: [{ starts_on: '2026-11-26 14:00:00', subject: 'Site visit', contacts: [ADA] }] },
		severity: null,
	},
	{
		name: 'a cancelled upcoming Event is not',
		code: 'no_next_step',
		patch: { todos: [], events: [{ starts_on: '2026-11-26 14:00:00', subject: 'Site visit', contacts: [ADA], status: 'Cancelled' }] },
		severity: 'low',
	},

	// high_value_at_risk: EUR 50,000.00 and up, with another medium or high signal.
	{
		name: 'high value with an expired quote',
		code: 'high_value_at_risk',
		patch: { opportunity_amount: 6_000_000, quotations: [quote({ valid_till: '2026-11-10' })] },
		severity: 'high',
		value: 6_000_000,
		threshold: 5_000_000,
		evidence: /EUR 60,000\.00 is at or above the high-value mark EUR 50,000\.00 and shows 1 other medium or high risk signal\(s\): quotation_expired/,
	},
	{ name: 'high value and healthy', code: 'high_value_at_risk', patch: { opportunity_amount: 6_000_000 }, severity: null },
	{ name: 'high value with only a low signal', code: 'high_value_at_risk', patch: { opportunity_amount: 6_000_000, probability: 55 }, severity: null },
	{
		name: 'below the mark with an expired quote',
		code: 'high_value_at_risk',
		patch: { opportunity_amount: 4_999_999, quotations: [quote({ valid_till: '2026-11-10' })] },
		severity: null,
	},
	{
		name: 'a currency without a mark is never high value',
		code: 'high_value_at_risk',
		patch: { opportunity_amount: 90_000_000, currency: 'PLN', quotations: [quote({ valid_till: '2026-11-10' })] },
		severity: null,
	},
	{
		name: 'the mark is configurable',
		code: 'high_value_at_risk',
		config: riskConfigWith({ highValueMinor: { EUR: 2_000_000 } }),
		patch: { quotations: [quote({ valid_till: '2026-11-10' })] },
		severity: 'high',
	},

	// Frappe CRM's SLA (core/dealRisk/sla.ts): ERPNext snapshots carry none.
	{ name: 'a failed SLA', code: 'sla_breached', patch: { sla: { status: 'Failed', response_by: '2026-11-10 12:00:00' } }, severity: 'high', evidence: /failed the SLA .* no response is recorded/ },
	{ name: 'a fulfilled SLA', code: 'sla_breached', patch: { sla: { status: 'Fulfilled', response_by: '2026-11-10 12:00:00' } }, severity: null },
	{ name: 'a due response past its deadline', code: 'response_overdue', patch: { sla: { name: 'Default', status: 'First Response Due', response_by: '2026-11-10 12:00:00' } }, severity: 'high', evidence: /under SLA "Default"/ },
	{ name: 'a due response before its deadline', code: 'response_overdue', patch: { sla: { status: 'First Response Due', response_by: '2099-01-01 00:00:00' } }, severity: null },
];

describe('the healthy deal', () => {
	it('raises no signal at all', () => {
		expect(assessDeal(dealWith(), defaultRiskConfig, NOW).signals).toEqual([]);
	});
});

describe('signals with the clock under control', () => {
	it.each(cases)('$name', (c) => {
		const deal = dealWith(c.patch);
		const now = c.now ? new Date(c.now) : NOW;
		const found = assessDeal(deal, c.config ?? defaultRiskConfig, now).signals.find((s) => s.code === c.code);
		if (c.severity === null) {
			expect(found).toBeUndefined();
			return;
		}
		expect(found?.severity).toBe(c.severity);
		if (c.value !== undefined) expect(found?.metric.value).toBe(c.value);
		if (c.threshold !== undefined) expect(found?.metric.threshold).toBe(c.threshold);
		if (c.evidence) expect(found?.evidence).toMatch(c.evidence);
	});

	it('covers every signal code, fired and not fired', () => {
		const fired = new Set(cases.filter((c) => c.severity !== null).map((c) => c.code));
		const quiet = new Set(cases.filter((c) => c.severity === null).map((c) => c.code));
		expect([...fired].sort()).toEqual([...SIGNAL_CODES].sort());
		expect(SIGNAL_CODES.length).toBeGreaterThanOrEqual(11);
		for (const code of SIGNAL_CODES) {
			if (code !== 'close_date_missing') expect(quiet.has(code), code).toBe(true);
		}
	});
});

describe('per-stage thresholds', () => {
	it('uses each stage row of the default config', () => {
		// 12 quiet days: stale in Value Proposition (10), not in Needs Analysis (14).
		const now = new Date('2026-11-30T11:00:00Z');
		const stale = (stage: string) =>
			assessDeal(dealWith({ sales_stage: stage, probability: 70 }), defaultRiskConfig, now).signals.some((s) => s.code === 'stale');
		expect(stale('Value Proposition')).toBe(true);
		expect(stale('Needs Analysis')).toBe(false);
	});

	it('falls back to defaultStage for a custom stage', () => {
		const config = riskConfigWith({ defaultStage: { staleDays: 3, maxDaysInStage: 7, minProbability: 10, minContacts: 1, quotationExpected: false } });
		const pilot = assessDeal(dealWith({ sales_stage: 'Pilot' }), config, NOW).signals;
		// No history into "Pilot": the stage is dated from the last stage change (2026-11-10 16:00), 9 whole days > 7.
		expect(pilot.find((s) => s.code === 'stuck_in_stage')?.evidence).toBe(
			'In Pilot for 9 days since 2026-11-10 (stage change); the stage allows 7.',
		);
		expect(pilot.map((s) => s.code)).not.toContain('no_quotation');
		const later = assessDeal(dealWith({ sales_stage: 'Pilot' }), config, new Date('2026-11-21T12:00:00Z')).signals;
		expect(later.map((s) => s.code)).toContain('stale');
		// With no stage at all the sentences say so.
		const none = assessDeal(dealWith({ sales_stage: null }), config, NOW).signals;
		expect(none.find((s) => s.code === 'stuck_in_stage')?.evidence).toMatch(/^In a deal without a sales stage for 9 days/);
	});
});
