// humanDecisionEvent: the outputs of n8n's send-and-wait nodes (shapes from n8n-nodes-base 2.41:
// utils/sendAndWait/utils.js and Slack/V2/SlackHitlWebhook.js) become human decision events in the
// same decision point as the hand-off they answer.
import { describe, expect, it } from 'vitest';

import { autonomy, humanDecisionEvent, makeEvent, MetricEventError } from '../../../core/metrics';

const handoff = makeEvent(
	{
		workflow: 'Quote generation',
		execution_id: '48230',
		step: 'quote',
		actor: 'ai',
		decision: 'review',
		outcome: 'drafted',
		lead_ref: 'CRM-LEAD-2026-00042',
		deal_ref: 'CRM-OPP-2026-00017',
		quote_ref: 'SAL-QTN-2026-00031',
		confidence: 0.71,
		amount: 6_480_000,
		currency: 'EUR',
	},
	'2026-11-20T09:12:00Z',
);
const now = '2026-11-20T11:00:00Z';

describe('humanDecisionEvent', () => {
	it.each([
		[
			'an approval link (Gmail, Send Email, Teams…)',
			{ data: { approved: true, respondedAt: '2026-11-20T09:52:30.000Z' } },
			{ actor: 'human', decision: 'approve', outcome: 'approved', occurred_at: '2026-11-20T09:52:30.000Z', duration_ms: 2_430_000, channel: null },
		],
		[
			'a decline link',
			{ data: { approved: false, respondedAt: '2026-11-20T10:12:00.000Z' } },
			{ actor: 'human', decision: 'decline', outcome: 'declined', duration_ms: 3_600_000 },
		],
		[
			'a Slack button click (responder, channel, messageId)',
			{
				data: {
					approved: true,
					responder: { id: 'U024BE7LH', name: 'ada', username: 'ada.l', source: 'slack', email: 'ada@lovelace-engineering.de' },
					respondedAt: '2026-11-20T09:20:00.000Z',
					channel: 'C0SALES',
					messageId: '1763629920.000200',
				},
			},
			{ actor: 'human', decision: 'approve', outcome: 'approved', channel: 'slack', duration_ms: 480_000 },
		],
		[
			'approved as the query-string text "true"',
			{ data: { approved: 'true', respondedAt: '2026-11-20T09:13:00.000Z' } },
			{ decision: 'approve', duration_ms: 60_000 },
		],
		[
			'a free-text answer',
			{ data: { text: 'Ok, but cap the discount at 8%', respondedAt: '2026-11-20T09:30:00.000Z' } },
			{ actor: 'human', decision: 'respond', outcome: 'responded', duration_ms: 1_080_000 },
		],
		[
			'a custom form',
			{ data: { 'Discount %': 8, Approve: 'Yes', respondedAt: '2026-11-20T09:40:00.000Z' } },
			{ actor: 'human', decision: 'respond', outcome: 'responded' },
		],
		[
			'no answer before the wait limit (the input item passes through)',
			{ quote: { name: 'SAL-QTN-2026-00031' } },
			{ actor: 'system', decision: 'timeout', outcome: 'timeout', occurred_at: '2026-11-20T11:00:00.000Z', duration_ms: 6_480_000 },
		],
	])('records %s', (_, result, expected) => {
		const event = humanDecisionEvent(result, { now, handoff });
		expect(event).toMatchObject({
			workflow: 'Quote generation',
			execution_id: '48230',
			step: 'quote',
			quote_ref: 'SAL-QTN-2026-00031',
			deal_ref: 'CRM-OPP-2026-00017',
			lead_ref: 'CRM-LEAD-2026-00042',
			amount: 6_480_000,
			currency: 'EUR',
			...expected,
		});
	});

	it('does not record who answered (the chat keeps that)', () => {
		const event = humanDecisionEvent(
			{ data: { approved: true, responder: { id: 'U024BE7LH', name: 'ada', email: 'ada@lovelace-engineering.de', source: 'slack' }, respondedAt: '2026-11-20T09:20:00Z' } },
			{ now, handoff },
		);
		expect(JSON.stringify(event)).not.toMatch(/ada|U024BE7LH/);
	});

	it('works without a hand-off event when the context names the decision point', () => {
		const event = humanDecisionEvent(
			{ data: { approved: false, respondedAt: '2026-11-20T14:05:00Z' } },
			{ now, workflow: 'Lead intake & qualification', execution_id: '48211', step: 'qualify', lead_ref: 'CRM-LEAD-2026-00042', requestedAt: '2026-11-20T14:00:00Z', channel: 'email' },
		);
		expect(event).toMatchObject({ step: 'qualify', decision: 'decline', channel: 'email', duration_ms: 300_000, quote_ref: null });
	});

	it('leaves duration_ms empty when the request time is unknown or after the answer', () => {
		const context = { now, workflow: 'Lead intake & qualification', execution_id: '48211', step: 'qualify' };
		expect(humanDecisionEvent({ data: { approved: true, respondedAt: '2026-11-20T09:00:00Z' } }, context).duration_ms).toBeNull();
		expect(
			humanDecisionEvent({ data: { approved: true, respondedAt: '2026-11-20T09:00:00Z' } }, { ...context, requestedAt: '2026-11-20T10:00:00Z' }).duration_ms,
		).toBeNull();
	});

	it.each([['yes'], [42], [{}], [null], [['true']]])('names a mistyped data.approved = %j next to an answer time instead of recording a timeout', (approved) => {
		expect(() => humanDecisionEvent({ data: { approved, respondedAt: '2026-11-20T09:52:30Z' } }, { now, handoff })).toThrow(
			/data\.approved: expected true or false, got /,
		);
	});

	it('reads the answer when an unrelated field is mistyped (a form field "text" that is a number)', () => {
		const event = humanDecisionEvent({ data: { text: 42, respondedAt: '2026-11-20T09:52:30Z', responder: 'slack' } }, { now, handoff });
		expect(event).toMatchObject({ actor: 'human', decision: 'respond', occurred_at: '2026-11-20T09:52:30.000Z' });
	});

	it('fails clearly when neither the context nor a hand-off names the step', () => {
		expect(() => humanDecisionEvent({ data: { approved: true, respondedAt: now } }, { now })).toThrow(MetricEventError);
	});

	it('makes the answered hand-off a non-autonomous decision point', () => {
		const answer = humanDecisionEvent({ data: { approved: true, respondedAt: '2026-11-20T09:52:30Z' } }, { now, handoff });
		const report = autonomy([handoff, answer], { from: '2026-11-20T00:00:00Z', to: now });
		expect(report.overall).toEqual({ decisions: 1, autonomous: 0, pct: 0 });
	});
});
