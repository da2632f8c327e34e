// Events riding on n8n items: attach (append, idempotent, immutable), collect (validated, with the
// failing path), merge after an n8n Merge node.
import { describe, expect, it } from 'vitest';

import { EVENTS_KEY, MetricEventError, attachEvents, collectEvents, makeEvent, mergeEvents } from '../../../core/metrics';

const at = '2026-11-20T09:00:00Z';
const intake = makeEvent(
	{ workflow: 'Lead intake & qualification', execution_id: '48211', step: 'lead_intake', actor: 'system', outcome: 'created', lead_ref: 'CRM-LEAD-2026-00042', channel: 'web' },
	at,
);
const scored = makeEvent(
	{ workflow: 'Lead intake & qualification', execution_id: '48211', step: 'qualify', actor: 'ai', decision: 'qualified', lead_ref: 'CRM-LEAD-2026-00042', score: 78 },
	'2026-11-20T09:00:04Z',
);
const item = { lead: { name: 'CRM-LEAD-2026-00042', company_name: 'Lovelace Engineering GmbH' }, score: 78 };

describe('attachEvents', () => {
	it('puts the events under the reserved key and keeps the rest of the item', () => {
		const json = attachEvents(item, [intake]);
		expect(EVENTS_KEY).toBe('_ltcEvents');
		expect(json).toEqual({ ...item, _ltcEvents: [intake] });
	});

	it('appends to what the item already carries, in order', () => {
		const json = attachEvents(attachEvents(item, [intake]), [scored]);
		expect(json._ltcEvents).toEqual([intake, scored]);
	});

	it('does not add an event twice (a retried node, a re-attached list)', () => {
		const once = attachEvents(item, [intake, scored]);
		const twice = attachEvents(once, [scored, intake, { ...scored }]);
		expect(twice._ltcEvents).toEqual([intake, scored]);
	});

	it('does not modify the input object', () => {
		const input = { ...item };
		attachEvents(input, [intake]);
		expect(input).toEqual(item);
		expect(EVENTS_KEY in input).toBe(false);
	});

	it('refuses an invalid event, naming its index and field', () => {
		expect(() => attachEvents(item, [intake, { ...scored, actor: 'robot' as 'ai' }])).toThrow(/events\.1\.actor/);
	});
});

describe('collectEvents', () => {
	it('reads an event made before decided_by and reason existed (a paused execution resumed after the upgrade) with both null', () => {
		const { decided_by: _d, reason: _r, ...legacy } = scored;
		expect(collectEvents({ [EVENTS_KEY]: [legacy] })).toEqual([{ ...legacy, decided_by: null, reason: null }]);
	});

	it.each([
		['an item without the key', item, []],
		['an item with null under the key', { ...item, _ltcEvents: null }, []],
		['an item that went through JSON (n8n stores items as JSON)', JSON.parse(JSON.stringify(attachEvents(item, [intake, scored]))), [intake, scored]],
	])('reads %s', (_, json, expected) => {
		expect(collectEvents(json as Record<string, unknown>)).toEqual(expected);
	});

	it.each([
		['not an array', { _ltcEvents: { step: 'qualify' } }, /is not an array/],
		['a hand-edited event with a bad score', { _ltcEvents: [intake, { ...scored, score: '78' }] }, /_ltcEvents\.1\.score/],
		['an event missing its workflow', { _ltcEvents: [{ ...intake, workflow: undefined }] }, /_ltcEvents\.0\.workflow/],
	])('rejects %s with the failing path', (_, json, message) => {
		expect(() => collectEvents(json)).toThrow(MetricEventError);
		expect(() => collectEvents(json)).toThrow(message);
	});
});

describe('mergeEvents', () => {
	it('unions the lists of two branches, first-seen order, no duplicates', () => {
		const approved = makeEvent(
			{ workflow: 'Lead intake & qualification', execution_id: '48211', step: 'qualify', actor: 'human', decision: 'approve', lead_ref: 'CRM-LEAD-2026-00042' },
			'2026-11-20T09:40:00Z',
		);
		expect(mergeEvents([intake, scored], [intake, approved], [])).toEqual([intake, scored, approved]);
	});
});
