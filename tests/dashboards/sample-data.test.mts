// The sample-data generator: deterministic, valid, and shaped like a working pipeline (so the
// dashboards have something true to show and the query tests something to bite on).
import { describe, expect, it } from 'vitest';

import { MetricEventSchema, autonomy, eventId } from '../../core/metrics';
import { SAMPLE_END, WORKFLOWS, generateSampleEvents, insertStatements } from '../../dashboards/sample-data.mts';

const events = generateSampleEvents();
const count = (predicate: (e: (typeof events)[number]) => boolean): number => events.filter(predicate).length;

describe('generateSampleEvents', () => {
	it('is deterministic: same options, same events', () => {
		const again = generateSampleEvents();
		expect(again.map(eventId)).toEqual(events.map(eventId));
	});

	it('changes with the seed', () => {
		const other = generateSampleEvents({ seed: 7 });
		expect(other.map(eventId)).not.toEqual(events.map(eventId));
	});

	it('emits only valid, distinct events, in time order, none after the end', () => {
		for (const event of events) expect(MetricEventSchema.safeParse(event).success).toBe(true);
		expect(new Set(events.map(eventId)).size).toBe(events.length);
		const times = events.map((event) => event.occurred_at);
		expect([...times].sort()).toEqual(times);
		expect(times.at(-1)! <= SAMPLE_END).toBe(true);
		expect(times[0] >= '2026-10-24').toBe(true);
	});

	it('covers four weeks of every step and workflow', () => {
		const steps = new Set(events.map((event) => event.step));
		expect([...steps].sort()).toEqual(['close', 'deal_risk', 'engagement', 'lead_intake', 'outreach', 'qualify', 'quote', 'sequence']);
		expect(new Set(events.map((event) => event.workflow))).toEqual(new Set(Object.values(WORKFLOWS)));
		expect(count((e) => e.step === 'lead_intake')).toBeGreaterThan(400);
	});

	it('has today in it (the "today" panels need data)', () => {
		expect(count((e) => e.step === 'lead_intake' && e.occurred_at >= '2026-11-20')).toBeGreaterThan(5);
		expect(count((e) => e.step === 'outreach' && e.outcome === 'sent' && e.occurred_at >= '2026-11-20')).toBeGreaterThan(5);
	});

	it('has reviews answered by people and reviews still pending at the end', () => {
		expect(count((e) => e.actor === 'human')).toBeGreaterThan(50);
		const requested = new Set(events.filter((e) => e.decision === 'review').map((e) => `${e.execution_id}/${e.step}/${e.quote_ref ?? e.lead_ref}`));
		const answered = new Set(events.filter((e) => e.actor === 'human' || e.decision === 'timeout').map((e) => `${e.execution_id}/${e.step}/${e.quote_ref ?? e.lead_ref}`));
		const pending = [...requested].filter((key) => !answered.has(key));
		expect(pending.length).toBeGreaterThan(0);
		expect(pending.length).toBeLessThan(requested.size / 5);
	});

	it('keeps money in minor units with a currency, and realistic rates', () => {
		const quotes = events.filter((e) => e.step === 'quote' && e.outcome === 'created');
		expect(quotes.every((e) => Number.isInteger(e.amount) && (e.currency === 'EUR' || e.currency === 'USD'))).toBe(true);
		const sent = count((e) => e.channel === 'email' && e.outcome === 'sent');
		const opened = count((e) => e.channel === 'email' && e.outcome === 'opened');
		expect(opened / sent).toBeGreaterThan(0.2);
		expect(opened / sent).toBeLessThan(0.6);
		expect(count((e) => e.outcome === 'retry')).toBeGreaterThan(10);
		expect(count((e) => e.decision === 'handoff')).toBeGreaterThan(5);
	});

	it('gets more autonomous week by week, between 70 and 98 %', () => {
		const weekly = [0, 1, 2, 3].map((week) => {
			const from = new Date(Date.parse('2026-10-24T00:00:00Z') + week * 7 * 86_400_000);
			return autonomy(events, { from, to: new Date(from.getTime() + 7 * 86_400_000 - 1) }).overall.pct!;
		});
		expect(weekly[3]).toBeGreaterThan(weekly[0]);
		for (const pct of weekly) {
			expect(pct).toBeGreaterThan(70);
			expect(pct).toBeLessThan(98);
		}
	});
});

describe('insertStatements', () => {
	it('batches rows into INSERT … ON CONFLICT (event_id) DO NOTHING with escaped literals', () => {
		const statements = insertStatements(events, 1000);
		expect(statements).toHaveLength(Math.ceil(events.length / 1000));
		expect(statements[0]).toMatch(/^INSERT INTO ltc_events \(event_id, occurred_at, workflow, execution_id, step, actor, /);
		expect(statements[0]).toMatch(/ON CONFLICT \(event_id\) DO NOTHING$/);
		expect(statements.join('\n')).toContain("'Lead intake & qualification'");
		const tricky = { ...events[0], error: "it's a 'quoted' message" };
		expect(insertStatements([tricky])[0]).toContain("'it''s a ''quoted'' message'");
	});
});
