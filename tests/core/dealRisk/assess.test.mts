// assessDeal as a whole: closed deals, score and level, next actions, site time zone, purity.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
	assessDeal,
	DealAssessmentSchema,
	defaultRiskConfig,
	riskConfigWith,
	riskLevel,
	riskScore,
	type DealSnapshot,
	type Severity,
	type Signal,
} from '../../../core/dealRisk';
import { ADA, dealWith, healthy, NOW } from './healthyDeal.mts';

const signal = (severity: Severity): Signal => ({
	code: 'stale',
	severity,
	evidence: 'test',
	metric: { name: 'days_since_activity', value: 1, threshold: 1, unit: 'days' },
});

describe('open and closed deals', () => {
	it('a healthy deal scores 0 with one low-priority action on its planned step', () => {
		const a = assessDeal(dealWith(), defaultRiskConfig, NOW);
		expect(a).toMatchObject({ open: true, riskScore: 0, level: 'low', reasons: [], signals: [] });
		expect(a.nextActions).toEqual([
			{
				code: 'keep_cadence',
				action: 'Complete the planned step: Call Ada about the delivery schedule',
				priority: 'Low',
				due: '2026-11-24',
				rationale: 'No risk signal; the deal follows its plan.',
				signals: [],
			},
		]);
		expect(a.deal).toEqual({
			name: 'CRM-OPP-2026-00042',
			party_name: 'Lovelace Engineering GmbH',
			sales_stage: 'Proposal/Price Quote',
			status: 'Open',
			opportunity_owner: 'anna.schulz@ltc-demo.de',
			amount: { minor: 2_400_000, currency: 'EUR' },
		});
	});

	it('a healthy deal whose next step is an Event points at the Event', () => {
		const a = assessDeal(
			dealWith({ todos: [], events: [{ starts_on: '2026-11-25 14:00:00', subject: 'Site visit Aachen', contacts: [ADA] }, ...(healthy.events ?? [])] }),
			defaultRiskConfig,
			NOW,
		);
		expect(a.nextActions).toMatchObject([{ code: 'keep_cadence', action: 'Prepare for "Site visit Aachen" with Lovelace Engineering GmbH.', due: '2026-11-25' }]);
	});

	it.each(['Converted', 'Lost', 'Closed'] as const)('a %s deal is not scored even with a passed close date', (status) => {
		const a = assessDeal(dealWith({ status, expected_closing: '2026-10-01', quotations: [] }), defaultRiskConfig, NOW);
		expect(a).toMatchObject({ open: false, riskScore: 0, level: 'low', signals: [], nextActions: [] });
		expect(a.reasons).toEqual([`CRM-OPP-2026-00042 is ${status}; only open deals are assessed.`]);
	});

	it.each(['Open', 'Quotation', 'Replied'] as const)('a %s deal is assessed', (status) => {
		expect(assessDeal(dealWith({ status, expected_closing: '2026-10-01' }), defaultRiskConfig, NOW).open).toBe(true);
	});
});

describe('risk score and level', () => {
	const cases: Array<[string, Severity[], number, string]> = [
		['nothing', [], 0, 'low'],
		['one low', ['low'], 8, 'low'],
		['one medium', ['medium'], 20, 'low'],
		['two medium', ['medium', 'medium'], 36, 'medium'],
		['one high', ['high'], 35, 'medium'],
		['two high', ['high', 'high'], 58, 'high'],
		['three high', ['high', 'high', 'high'], 73, 'high'],
		['three high and a medium', ['high', 'high', 'high', 'medium'], 78, 'critical'],
		['many signals stay under 100', Array<Severity>(15).fill('high'), 100, 'critical'],
	];
	it.each(cases)('%s → %i (%s)', (_name, severities, score, level) => {
		const s = riskScore(severities.map(signal), defaultRiskConfig);
		expect(s).toBe(score);
		expect(riskLevel(s, defaultRiskConfig)).toBe(level);
	});

	it('never decreases when a signal is added, and stays within 0-100', () => {
		const sev = fc.constantFrom<Severity>('low', 'medium', 'high');
		fc.assert(
			fc.property(fc.array(sev, { maxLength: 20 }), sev, (list, extra) => {
				const before = riskScore(list.map(signal), defaultRiskConfig);
				const after = riskScore([...list, extra].map(signal), defaultRiskConfig);
				expect(after).toBeGreaterThanOrEqual(before);
				expect(after).toBeLessThanOrEqual(100);
			}),
		);
	});
});

describe('next actions', () => {
	// Expired quote (high), passed close date (high), stale (high after 14 days), single contact (medium).
	const troubled = (): DealSnapshot =>
		dealWith({
			expected_closing: '2026-11-13',
			quotations: [{ name: 'SAL-QTN-2026-00101', status: 'Open', valid_till: '2026-11-16', grand_total: 2_856_000, docstatus: 1 }],
			communications: [{ date: '2026-11-02 09:00:00', direction: 'in', medium: 'Email', contact: ADA }],
			events: [],
		});

	it('gives at most three, most severe first, each with a due date and the evidence as rationale', () => {
		const a = assessDeal(troubled(), defaultRiskConfig, NOW);
		expect(a.signals.map((s) => `${s.severity}:${s.code}`)).toEqual([
			'high:close_date_passed',
			'high:quotation_expired',
			'high:stale',
			'medium:single_threaded',
		]);
		expect(a.nextActions.map((x) => [x.code, x.priority, x.due])).toEqual([
			['update_close_date', 'High', '2026-11-20'],
			['renew_quotation', 'High', '2026-11-20'],
			['re_engage', 'High', '2026-11-20'],
		]);
		expect(a.nextActions[1].rationale).toBe(a.signals[1].evidence);
		expect(a.level).toBe('critical');
	});

	it('rolls due dates over the weekend (Saturday: High → Monday, Medium → Wednesday, Low → next Monday)', () => {
		const saturday = new Date('2026-11-21T10:00:00Z');
		const a = assessDeal(
			dealWith({ expected_closing: '2026-11-13', probability: 25, todos: [] }),
			defaultRiskConfig,
			saturday,
		);
		const due = Object.fromEntries(a.nextActions.map((x) => [x.priority, x.due]));
		expect(due).toEqual({ High: '2026-11-23', Medium: '2026-11-25', Low: '2026-11-30' });
	});

	it('merges signals that call for the same action', () => {
		const config = riskConfigWith({ maxNextActions: 3 });
		const a = assessDeal(troubled(), config, NOW);
		const codes = a.nextActions.map((x) => x.code);
		expect(new Set(codes).size).toBe(codes.length);
	});

	it('respects maxNextActions', () => {
		const a = assessDeal(troubled(), riskConfigWith({ maxNextActions: 1 }), NOW);
		expect(a.nextActions).toHaveLength(1);
		expect(a.nextActions[0].code).toBe('update_close_date');
	});
});

describe('site time zone', () => {
	it('reads "today" in the ERPNext site zone (Tokyo is already on the 21st)', () => {
		const at = new Date('2026-11-20T16:00:00Z');
		const deal = dealWith({ expected_closing: '2026-11-20' });
		const utc = assessDeal(deal, defaultRiskConfig, at).signals.map((s) => s.code);
		const tokyo = assessDeal(deal, riskConfigWith({ timeZone: 'Asia/Tokyo' }), at).signals;
		expect(utc).not.toContain('close_date_passed');
		expect(tokyo.find((s) => s.code === 'close_date_passed')?.metric.value).toBe(1);
	});

	it('reads naive ERPNext datetimes in the site zone', () => {
		// Ada's last email "2026-11-18 11:00:00" is 02:00 UTC in Tokyo, 11:00 UTC in UTC: 7 days pass at different instants.
		const at = new Date('2026-11-25T05:00:00Z');
		const stale = (timeZone: string) =>
			assessDeal(dealWith(), riskConfigWith({ timeZone }), at).signals.some((s) => s.code === 'stale');
		expect(stale('UTC')).toBe(false);
		expect(stale('Asia/Tokyo')).toBe(true);
	});

	it('rejects an unknown zone with a clear message', () => {
		expect(() => assessDeal(dealWith(), riskConfigWith({ timeZone: 'Mars/Olympus' }), NOW)).toThrow(/Unknown time zone "Mars\/Olympus"/);
	});
});

describe('purity', () => {
	function deepFreeze<T>(value: T): T {
		if (value && typeof value === 'object') {
			for (const v of Object.values(value)) deepFreeze(v);
			Object.freeze(value);
		}
		return value;
	}

	it('does not modify its input and gives the same answer twice', () => {
		const deal = deepFreeze(
			dealWith({
				expected_closing: '2026-11-13',
				history: [
					{ at: '2026-11-12 10:00:00', field: 'expected_closing', from: '2026-11-01', to: '2026-11-13' },
					{ at: '2026-10-12 10:00:00', field: 'expected_closing', from: '2026-10-15', to: '2026-11-01' },
				],
			}),
		);
		const first = assessDeal(deal, defaultRiskConfig, NOW);
		const second = assessDeal(deal, defaultRiskConfig, NOW);
		expect(second).toEqual(first);
	});

	it('always returns a schema-valid assessment with consistent score, level and actions', () => {
		const patch = fc.record({
			probability: fc.integer({ min: 0, max: 100 }),
			opportunity_amount: fc.integer({ min: 0, max: 50_000_000 }),
			closeOffset: fc.option(fc.integer({ min: -60, max: 120 }), { nil: null }),
			validOffset: fc.integer({ min: -30, max: 60 }),
			daysAhead: fc.integer({ min: 0, max: 60 }),
			stage: fc.constantFrom('Prospecting', 'Qualification', 'Negotiation/Review', 'Proposal/Price Quote', 'Custom', null),
			dropComms: fc.boolean(),
		});
		const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
		fc.assert(
			fc.property(patch, (p) => {
				const deal = dealWith({
					probability: p.probability,
					opportunity_amount: p.opportunity_amount,
					expected_closing: p.closeOffset === null ? null : day(p.closeOffset),
					sales_stage: p.stage,
					communications: p.dropComms ? [] : healthy.communications,
					quotations: [{ name: 'SAL-QTN-2026-00101', status: 'Open', valid_till: day(p.validOffset), grand_total: 100, docstatus: 1 }],
				});
				const a = assessDeal(deal, defaultRiskConfig, new Date(NOW.getTime() + p.daysAhead * 86_400_000));
				DealAssessmentSchema.parse(a);
				expect(a.level).toBe(riskLevel(a.riskScore, defaultRiskConfig));
				expect(a.riskScore).toBe(riskScore(a.signals, defaultRiskConfig));
				expect(a.nextActions.length).toBeGreaterThanOrEqual(1);
				expect(a.nextActions.length).toBeLessThanOrEqual(3);
				expect(new Set(a.signals.map((s) => s.code)).size).toBe(a.signals.length);
				expect(a.reasons).toHaveLength(a.signals.length);
			}),
			{ numRuns: 300 },
		);
	});
});
