// makeEvent: defaults, normalisation and the errors a node author sees; eventId stability.
import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
	METRIC_EVENT_FIELDS,
	MetricEventError,
	MetricEventSchema,
	eventId,
	isDecision,
	isHandoff,
	makeEvent,
	type MetricEventInput,
} from '../../../core/metrics';

const qualify: MetricEventInput = {
	workflow: 'Lead intake & qualification',
	execution_id: '48211',
	step: 'qualify',
	actor: 'ai',
	decision: 'qualified',
	lead_ref: 'CRM-LEAD-2026-00042',
	score: 81.5,
	confidence: 0.86,
	service: 'anthropic',
	tokens_in: 1840,
	tokens_out: 312,
	cost_usd: 0.010200,
	duration_ms: 3120,
};

describe('makeEvent', () => {
	it('fills every absent field with null and takes occurred_at from now, in UTC', () => {
		const event = makeEvent(
			{ workflow: 'Quote generation', execution_id: '48212', step: 'quote', actor: 'system' },
			'2026-11-20T10:15:00+01:00',
		);
		expect(event).toEqual({
			occurred_at: '2026-11-20T09:15:00.000Z',
			workflow: 'Quote generation',
			execution_id: '48212',
			step: 'quote',
			actor: 'system',
			decision: null,
			outcome: null,
			lead_ref: null,
			deal_ref: null,
			quote_ref: null,
			channel: null,
			service: null,
			score: null,
			confidence: null,
			amount: null,
			currency: null,
			duration_ms: null,
			tokens_in: null,
			tokens_out: null,
			cost_usd: null,
			error: null,
			decided_by: null,
			reason: null,
		});
		expect(MetricEventSchema.safeParse(event).success).toBe(true);
	});

	it.each([
		['an explicit occurred_at wins over now', { occurred_at: '2026-11-19T23:59:59.5-05:00' }, { occurred_at: '2026-11-20T04:59:59.500Z' }],
		['a Date occurred_at', { occurred_at: new Date(Date.UTC(2026, 10, 18, 8, 0)) }, { occurred_at: '2026-11-18T08:00:00.000Z' }],
		['cost is kept to micro-dollars', { cost_usd: 0.0123456789 }, { cost_usd: 0.012346 }],
		['a blank error is no error', { error: '   ' }, { error: null }],
		['an amount in minor units with its currency', { amount: 1_250_000, currency: 'EUR' }, { amount: 1_250_000, currency: 'EUR' }],
		['a negative amount (credit note) is allowed', { amount: -4_500, currency: 'USD' }, { amount: -4_500, currency: 'USD' }],
	])('%s', (_, extra, expected) => {
		const event = makeEvent({ ...qualify, ...extra }, '2026-11-20T09:00:00Z');
		expect(event).toMatchObject(expected);
	});

	it('cuts an over-long error message to 1000 characters', () => {
		const event = makeEvent({ ...qualify, error: `HTTP 417 ${'x'.repeat(5000)}` }, '2026-11-20T09:00:00Z');
		expect(event.error).toHaveLength(1000);
		expect(event.error!.endsWith('…')).toBe(true);
	});

	it.each([
		['a step that is not a token', { step: 'Qualify Lead' }, 'step'],
		['an unknown actor', { actor: 'bot' as 'ai' }, 'actor'],
		['an amount in major units with cents', { amount: 1999.5, currency: 'EUR' }, 'amount'],
		['an amount without its currency', { amount: 199_900 }, 'currency'],
		['a lower-case currency', { amount: 100, currency: 'eur' }, 'currency'],
		['confidence above 1', { confidence: 1.2 }, 'confidence'],
		['a score above 100', { score: 104 }, 'score'],
		['negative tokens', { tokens_in: -5 }, 'tokens_in'],
		['a fractional duration', { duration_ms: 12.5 }, 'duration_ms'],
		['an empty execution id', { execution_id: '' }, 'execution_id'],
		['an unknown field', { lead: 'CRM-LEAD-1' } as Partial<MetricEventInput>, ''],
	])('rejects %s and names the field', (_, extra, path) => {
		let caught: unknown;
		try {
			makeEvent({ ...qualify, ...extra } as MetricEventInput, '2026-11-20T09:00:00Z');
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(MetricEventError);
		const issues = (caught as MetricEventError).issues;
		expect(issues.map((issue) => issue.path)).toContain(path);
		expect((caught as Error).message).toContain('invalid metric event for step');
	});

	it.each([['yesterday'], ['2026-11-20 09:00'], ['2026-13-40T00:00:00Z']])('rejects the instant %j', (now) => {
		expect(() => makeEvent(qualify, now)).toThrow(/occurred_at: expected an ISO 8601 date-time with offset/);
	});
});

describe('MetricEventSchema', () => {
	it('has exactly the fields of the column list (the SQL table and toRows follow it)', () => {
		expect(Object.keys(MetricEventSchema.shape).sort()).toEqual([...METRIC_EVENT_FIELDS].sort());
	});
});

describe('decisions and hand-offs', () => {
	it.each([
		[{ decision: 'qualified' }, true, false],
		[{ decision: 'review' }, true, true],
		[{ decision: 'handoff', channel: 'call' }, true, true],
		[{ decision: null, outcome: 'sent', channel: 'email' }, false, false],
	])('%j → decision %s, hand-off %s', (extra, decision, handoff) => {
		const event = makeEvent({ ...qualify, ...extra }, '2026-11-20T09:00:00Z');
		expect(isDecision(event)).toBe(decision);
		expect(isHandoff(event)).toBe(handoff);
	});
});

describe('eventId', () => {
	const event = makeEvent(qualify, '2026-11-20T09:00:00Z');

	it('is a 32-hex-digit content hash, stable for the same event', () => {
		expect(eventId(event)).toMatch(/^[0-9a-f]{32}$/);
		expect(eventId({ ...event })).toBe(eventId(event));
	});

	it('does not depend on how the instant is written', () => {
		expect(eventId({ ...event, occurred_at: '2026-11-20T10:00:00+01:00' })).toBe(eventId(event));
	});

	it.each([
		['occurred_at', { occurred_at: '2026-11-20T09:00:00.001Z' }],
		['decision', { decision: 'nurture' }],
		['execution_id', { execution_id: '48299' }],
		['score', { score: 81.6 }],
		['decided_by', { decided_by: 'sales.lead@example.com' }],
		['reason', { reason: 'Price too high' }],
	])('changes when %s changes', (_, change) => {
		expect(eventId({ ...event, ...change })).not.toBe(eventId(event));
	});

	it('is the same as before decided_by and reason existed when both are null (issue 19)', () => {
		// The id this event had when the event had 21 fields: SHA-256 of the 21 values, 32 hex digits.
		const legacy = Object.entries(event)
			.filter(([key]) => key !== 'decided_by' && key !== 'reason')
			.map(([key, value]) => (key === 'occurred_at' ? new Date(value as string).toISOString() : value));
		expect(eventId(event)).toBe(createHash('sha256').update(JSON.stringify(legacy)).digest('hex').slice(0, 32));
	});
});
