// toRows (what n8n's Postgres node inserts) and the autonomy rule on decision points.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
	METRIC_EVENT_COLUMNS,
	autonomy,
	decisionPoints,
	eventId,
	makeEvent,
	toRows,
	type MetricEvent,
	type MetricEventInput,
} from '../../../core/metrics';

const ev = (at: string, input: Partial<MetricEventInput> & Pick<MetricEventInput, 'step' | 'actor'>): MetricEvent =>
	makeEvent({ workflow: 'Lead intake & qualification', execution_id: '48211', lead_ref: 'CRM-LEAD-2026-00042', ...input }, at);

describe('toRows', () => {
	const sent = ev('2026-11-20T09:05:00Z', { step: 'outreach', actor: 'system', outcome: 'sent', channel: 'email', service: 'mautic', duration_ms: 640 });

	it('gives one row per event with every ltc_events column, event_id first', () => {
		const [row] = toRows([sent]);
		expect(Object.keys(row)).toEqual([...METRIC_EVENT_COLUMNS]);
		expect(row).toMatchObject({ event_id: eventId(sent), occurred_at: '2026-11-20T09:05:00.000Z', channel: 'email', decision: null, amount: null });
	});

	it('drops an event that rode on several items (Split Out, Merge)', () => {
		const other = { ...sent, execution_id: '48212' };
		expect(toRows([sent, sent, other, { ...sent }]).map((row) => row.execution_id)).toEqual(['48211', '48212']);
	});
});

describe('autonomy', () => {
	const day = { from: '2026-11-20T00:00:00Z', to: '2026-11-20T23:59:59.999Z' };
	const q = (lead: string, extra: Partial<MetricEventInput>, at = '2026-11-20T09:00:00Z'): MetricEvent =>
		ev(at, { step: 'qualify', actor: 'ai', lead_ref: lead, ...extra });

	it.each([
		['an AI decision alone is autonomous', [q('L1', { decision: 'qualified' })], { decisions: 1, autonomous: 1, pct: 100 }],
		['actions are not decisions', [q('L1', { decision: null, outcome: 'sent' })], { decisions: 0, autonomous: 0, pct: null }],
		[
			'a review and its human answer are one non-autonomous decision',
			[q('L1', { decision: 'review' }), q('L1', { actor: 'human', decision: 'approve' }, '2026-11-20T09:40:00Z')],
			{ decisions: 1, autonomous: 0, pct: 0 },
		],
		['a review still waiting counts as not autonomous', [q('L1', { decision: 'review' })], { decisions: 1, autonomous: 0, pct: 0 }],
		[
			'a review that timed out is not autonomous either',
			[q('L1', { decision: 'review' }), q('L1', { actor: 'system', decision: 'timeout' }, '2026-11-21T09:00:00Z')],
			{ decisions: 1, autonomous: 0, pct: 0 },
		],
		['a hand-off to a call is not autonomous', [q('L1', { step: 'outreach', decision: 'handoff', channel: 'call' })], { decisions: 1, autonomous: 0, pct: 0 }],
		['a decision a person took alone', [q('L1', { actor: 'human', decision: 'disqualified' })], { decisions: 1, autonomous: 0, pct: 0 }],
		['a failed decision with no retry is not autonomous', [q('L1', { decision: 'qualified', error: 'HTTP 500 api_error' })], { decisions: 1, autonomous: 0, pct: 0 }],
		[
			'a failed attempt then a successful one in the same point is autonomous',
			[q('L1', { decision: 'qualified', error: 'HTTP 529 overloaded' }), q('L1', { decision: 'qualified' }, '2026-11-20T09:00:09Z')],
			{ decisions: 1, autonomous: 1, pct: 100 },
		],
		[
			'two leads in one execution are two decision points',
			[q('L1', { decision: 'qualified' }), q('L2', { decision: 'review' }), q('L3', { decision: 'nurture' })],
			{ decisions: 3, autonomous: 2, pct: 200 / 3 },
		],
		[
			'a quote decision is keyed by the quote, not the lead',
			[
				q('L1', { step: 'quote', quote_ref: 'SAL-QTN-2026-00031', decision: 'review' }),
				q('L1', { step: 'quote', quote_ref: 'SAL-QTN-2026-00032', decision: 'approve' }),
			],
			{ decisions: 2, autonomous: 1, pct: 50 },
		],
		[
			'a point belongs to the day of its first decision',
			[q('L1', { decision: 'review' }, '2026-11-19T17:55:00Z'), q('L1', { actor: 'human', decision: 'approve' }, '2026-11-20T08:10:00Z'), q('L2', { decision: 'qualified' })],
			{ decisions: 1, autonomous: 1, pct: 100 },
		],
	])('%s', (_, events, overall) => {
		expect(autonomy(events, day).overall).toEqual(overall);
	});

	it('reports per step, sorted by step', () => {
		const events = [
			q('L1', { decision: 'qualified' }),
			q('L2', { decision: 'review' }),
			q('L1', { step: 'outreach', actor: 'system', decision: 'send', channel: 'email' }),
			q('L1', { step: 'deal_risk', actor: 'system', decision: 'no_reply', outcome: 'medium' }),
		];
		expect(autonomy(events, day).byStep).toEqual([
			{ step: 'deal_risk', decisions: 1, autonomous: 1, pct: 100 },
			{ step: 'outreach', decisions: 1, autonomous: 1, pct: 100 },
			{ step: 'qualify', decisions: 2, autonomous: 1, pct: 50 },
		]);
	});

	const arbitraryEvent = fc
		.record({
			lead: fc.constantFrom('L1', 'L2', 'L3'),
			step: fc.constantFrom('qualify', 'quote', 'outreach'),
			actor: fc.constantFrom('ai', 'human', 'system') as fc.Arbitrary<'ai' | 'human' | 'system'>,
			decision: fc.constantFrom(null, 'qualified', 'review', 'handoff', 'approve', 'send'),
			failed: fc.boolean(),
			minute: fc.integer({ min: 0, max: 600 }),
		})
		.map(({ lead, step, actor, decision, failed, minute }) =>
			q(lead, { step, actor, decision, error: failed ? 'HTTP 503' : null }, new Date(Date.UTC(2026, 10, 20, 8, minute)).toISOString()),
		);

	it('is between 0 and 100 and never rises when a person joins a decision point', () => {
		fc.assert(
			fc.property(fc.array(arbitraryEvent, { maxLength: 30 }), (events) => {
				const before = autonomy(events, day).overall;
				if (before.pct !== null) expect(before.pct).toBeGreaterThanOrEqual(0);
				if (before.pct !== null) expect(before.pct).toBeLessThanOrEqual(100);
				const points = decisionPoints(events);
				if (points.length === 0) return;
				const target = points[0];
				const human = makeEvent(
					{ workflow: 'Lead intake & qualification', execution_id: target.execution_id, step: target.step, actor: 'human', decision: 'approve', lead_ref: target.subject_ref },
					'2026-11-20T23:00:00Z',
				);
				const after = autonomy([...events, human], day).overall;
				expect(after.decisions).toBe(before.decisions);
				expect(after.autonomous).toBeLessThanOrEqual(before.autonomous);
			}),
		);
	});
});
