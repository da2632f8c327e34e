// The ERPNext Trigger's catch-up poll and the webhook model it complements. Tables: which webhooks a
// real Frappe sends for each controller action and business transition (frappeWebhookSender's model of
// frappe/model/document.py + webhook/__init__.py run_webhooks), the naive-datetime look-back, which event a
// polled version stands for, and the poll's repeat rule. Then one poll at a time against the ERPNext
// contract server: the first poll replays no history, a dropped delivery is caught up once, a version a
// webhook delivered is not, a late webhook of a caught-up version is refused, only the newest of two
// changes between polls is seen, and the poll's item equals the webhook's.
import { ObservableObject, type IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErpNextClient } from '../../connectors/erpnext';
import { lookback, planRow, polledEvent, type Cursor, type PolledRow } from '../../nodes/ErpNextTrigger/catchUp';
import { pollMissedChanges } from '../../nodes/ErpNextTrigger/catchUpPoll';
import { CAUGHT_UP_MASK, checkRequest, decideDelivery, emptyMemory as newMemory, eventBit, pollRepeatOf, type GateMemory, type Payload } from '../../nodes/ErpNextTrigger/deliveryGate';
import { memoryFromState, readState, stateFromMemory } from '../../nodes/ErpNextTrigger/triggerState';
import type { DocEvent, TriggerConfig } from '../../nodes/ErpNextTrigger/webhookDoc';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { QUOTATION_TRANSITIONS, prepareDeliveries, webhookEventsFor, type FrappeAction } from '../support/frappeWebhookSender.mts';

const emptyMemory = (): GateMemory => newMemory();

describe('which webhooks Frappe sends (frappe/model/document.py + run_webhooks event_list)', () => {
	const cases: Array<[string, FrappeAction[], 'v15' | 'develop', string[]]> = [
		['insert: after_insert and on_update, no on_change (in_insert)', ['insert'], 'v15', ['after_insert', 'on_update']],
		['save of a draft', ['save'], 'v15', ['on_update', 'on_change']],
		['submit', ['submit'], 'v15', ['on_update', 'on_submit', 'on_change']],
		['cancel', ['cancel'], 'v15', ['on_cancel', 'on_change']],
		['db_set: on_change only, never on_update', ['db_set'], 'v15', ['on_change']],
		['save of a submitted doc on v15: no on_update_after_submit', ['update_after_submit'], 'v15', ['before_update_after_submit', 'on_change']],
		['save of a submitted doc after PR #39164', ['update_after_submit'], 'develop', ['before_update_after_submit', 'on_update_after_submit', 'on_change']],
		['delete', ['delete'], 'v15', ['on_trash']],
	];
	it.each(cases)('%s', (_what, actions, line, events) => {
		expect(webhookEventsFor(actions, line)).toEqual(events);
	});

	it('Sales Order submitted sets the Quotation Ordered with db_set: only on_change is sent', () => {
		expect(webhookEventsFor(QUOTATION_TRANSITIONS.salesOrderSubmitted.actions)).toEqual(['on_change']);
		expect(QUOTATION_TRANSITIONS.salesOrderSubmitted.changes).toEqual({ status: 'Ordered' });
	});

	it('Declare Lost (db_set, then save after submit) sends on_change once per Webhook, never on_update', () => {
		const lost = QUOTATION_TRANSITIONS.declareLost(['Price'], 'Too expensive');
		expect(lost.actions).toEqual(['db_set', 'db_set', 'update_after_submit']);
		expect(webhookEventsFor(lost.actions)).toEqual(['before_update_after_submit', 'on_change']);
		expect(webhookEventsFor(lost.actions)).not.toContain('on_update');
	});
});

describe('look-back on naive Frappe datetimes (wall clock, no time zone)', () => {
	const cases: Array<[string, number, string]> = [
		['2026-01-05 09:02:00.000000', 120, '2026-01-05 09:00:00.000000'],
		['2026-01-01 00:01:00.123456', 120, '2025-12-31 23:59:00.123456'],
		['2026-03-29 02:30:00', 60, '2026-03-29 02:29:00'],
		['2024-03-01 00:00:30.5', 60, '2024-02-29 23:59:30.5'],
		['not a datetime', 60, 'not a datetime'],
		['', 60, ''],
	];
	it.each(cases)('%s minus %i s is %s', (value, seconds, expected) => {
		expect(lookback(value, seconds)).toBe(expected);
	});
});

describe('which selected event a polled version stands for', () => {
	const cursor: Cursor = { modified: '2026-01-05 09:00:10.000000', floor: '2026-01-05 09:00:00.000000' };
	const row = (over: Partial<PolledRow>): PolledRow => ({ name: 'SAL-QTN-2026-00001', creation: '2026-01-05 08:00:00.000000', modified: '2026-01-05 09:00:20.000000', docstatus: 0, ...over });
	const created = { creation: '2026-01-05 09:00:15.000000' };
	const cases: Array<[string, PolledRow, DocEvent[], number | undefined, DocEvent | undefined]> = [
		['a new document, after_insert selected', row(created), ['after_insert', 'on_update'], undefined, 'after_insert'],
		['a changed old document, after_insert only', row({}), ['after_insert'], undefined, undefined],
		['a changed old document, on_update', row({}), ['after_insert', 'on_update'], 0, 'on_update'],
		['the insert itself is no on_change', row({ ...created, modified: created.creation }), ['on_change'], undefined, undefined],
		['a new document saved again is an on_change', row(created), ['on_change'], undefined, 'on_change'],
		['a db_set status change of a submitted quotation', row({ docstatus: 1 }), ['on_change'], 1, 'on_change'],
		['submitted since the draft was seen', row({ docstatus: 1 }), ['on_submit', 'on_change'], 0, 'on_submit'],
		['created and submitted between two polls', row({ ...created, docstatus: 1 }), ['on_submit'], undefined, 'on_submit'],
		['changed after submit (Ordered): no second on_submit', row({ docstatus: 1 }), ['on_submit'], 1, undefined],
		['submitted before the trigger knew it: not told apart, not delivered as on_submit', row({ docstatus: 1 }), ['on_submit'], undefined, undefined],
		['cancelled', row({ docstatus: 2 }), ['on_cancel', 'on_change'], 1, 'on_cancel'],
		['changed while cancelled', row({ docstatus: 2 }), ['on_cancel'], 2, undefined],
		['update after submit', row({ docstatus: 1 }), ['on_update_after_submit'], 1, 'on_update_after_submit'],
		['on_trash is never polled', row({}), ['on_trash'], 0, undefined],
	];
	it.each(cases)('%s', (_what, r, selected, known, expected) => {
		expect(polledEvent(r, selected, cursor, known)).toBe(expected);
	});

	it('skips history at or before the floor and versions already accepted, without fetching', () => {
		expect(planRow(row({ modified: cursor.floor }), ['on_update'], cursor, undefined, false)).toEqual({ kind: 'skip', reason: 'history' });
		expect(planRow(row({}), ['on_update'], cursor, undefined, true)).toEqual({ kind: 'skip', reason: 'known_version' });
		expect(planRow(row({}), ['after_insert'], cursor, undefined, false)).toEqual({ kind: 'skip', reason: 'no_event' });
		expect(planRow(row({}), ['on_update'], cursor, undefined, false)).toEqual({ kind: 'fetch', event: 'on_update' });
	});
});

describe('the poll repeat rule (one event per version)', () => {
	const bit = eventBit;
	const cases: Array<[string, number, DocEvent, string | undefined]> = [
		['nothing delivered yet', 0, 'on_change', undefined],
		['the webhook delivered the same event', bit('on_change'), 'on_change', 'replay'],
		['the webhook delivered another event of the version', bit('after_insert'), 'on_update', 'double_fire'],
		['the save arrived, the submit webhook was lost', bit('on_update'), 'on_submit', undefined],
		['the save and on_change arrived, the cancel webhook was lost', bit('on_change'), 'on_cancel', undefined],
		['the submit arrived', bit('on_update') | bit('on_submit'), 'on_submit', 'replay'],
		['the poll delivered it before', CAUGHT_UP_MASK, 'on_update', 'replay'],
	];
	it.each(cases)('%s', (_what, mask, event, expected) => {
		expect(pollRepeatOf(mask, event)).toBe(expected);
	});

	it('a version the poll delivered refuses every later webhook of it, even with de-duplication off', () => {
		const memory = emptyMemory();
		const config = { doctype: 'Quotation', events: ['on_change', 'on_submit'] as DocEvent[], watch: [], dedupe: false };
		const p: Payload = { doctype: 'Quotation', name: 'SAL-QTN-2026-00007', modified: '2026-01-05 09:01:00.000000', event: 'on_change', doc: {} };
		expect(decideDelivery(p, config, memory, 'poll').kind).toBe('accept');
		expect(decideDelivery(p, config, memory, 'poll')).toMatchObject({ kind: 'ignore', reason: 'replay' });
		expect(decideDelivery(p, { ...config, dedupe: true }, memory, 'webhook')).toMatchObject({ kind: 'ignore', reason: 'replay' });
		expect(decideDelivery({ ...p, event: 'on_submit' }, { ...config, dedupe: true }, memory, 'webhook')).toMatchObject({ kind: 'ignore', reason: 'replay' });
	});

	it('reads cursors and field digests back from static data as n8n loads it (observable proxies)', () => {
		const memory = emptyMemory();
		memory.cursors.set('Quotation', { modified: '2026-01-05 09:01:00.000000', floor: '2026-01-05 09:00:00.000000' });
		memory.snapshots.set('SAL-QTN-2026-00007', { modified: '2026-01-05 09:01:00.000000', digests: { status: 'a1b2c3d4e5f6' }, previous: null });
		// As n8n 2.41 builds a Workflow from the database: every nested object gets a hidden __dataChanged.
		const loaded = ObservableObject.create(JSON.parse(JSON.stringify({ 'node:ERPNext Trigger': stateFromMemory(memory) })) as IDataObject);
		const back = memoryFromState(readState(loaded['node:ERPNext Trigger'] as IDataObject));
		expect(back.cursors.get('Quotation')?.modified).toBe('2026-01-05 09:01:00.000000');
		expect(back.snapshots.get('SAL-QTN-2026-00007')?.digests).toEqual({ status: 'a1b2c3d4e5f6' });
	});

	it('keeps cursors and docstatus through static data', () => {
		const memory = emptyMemory();
		memory.cursors.set('Quotation', { modified: '2026-01-05 09:01:00.000000', floor: '2026-01-05 09:00:00.000000' });
		memory.docstatus.set('SAL-QTN-2026-00007', 1);
		const back = memoryFromState(readState(JSON.parse(JSON.stringify(stateFromMemory(memory)))));
		expect(back.cursors.get('Quotation')).toEqual({ modified: '2026-01-05 09:01:00.000000', floor: '2026-01-05 09:00:00.000000' });
		expect(back.docstatus.get('SAL-QTN-2026-00007')).toBe(1);
	});
});

describe('one poll at a time against the ERPNext contract server', () => {
	let erp: ErpNextServer;
	let client: ErpNextClient;
	const config: TriggerConfig = { doctype: 'Quotation', events: ['on_change'], fields: 'all', watch: ['status'], condition: '', dedupe: true, maxBodyBytes: 1024 * 1024, maxAgeHours: 24 };
	const memory = emptyMemory();
	const poll = async () => await pollMissedChanges(client, config, memory, (p) => decideDelivery(p, config, memory, 'poll'));
	const HOOK = 'http://127.0.0.1:9/webhook/quotes/webhook';

	beforeAll(async () => {
		erp = await startErpNextServer({ apiKey: 'k', apiSecret: 's' });
		client = ErpNextClient.withToken({ baseUrl: erp.url, apiKey: 'k', apiSecret: 's' });
		erp.state.seed('Quotation', [
			{ name: 'SAL-QTN-2026-00001', status: 'Open', docstatus: 1, party_name: 'CRM-LEAD-2026-00001', items: [{ item_code: 'PUMP-01', qty: 2 }] },
			{ name: 'SAL-QTN-2026-00002', status: 'Open', docstatus: 1, party_name: 'CRM-LEAD-2026-00002' },
		]);
		// The trigger's registered Webhook (what the webhook of a transition would carry is compared below).
		erp.state.seed('Webhook', [
			{ webhook_doctype: 'Quotation', webhook_docevent: 'on_change', enabled: 1, request_url: HOOK, request_structure: 'JSON', enable_security: 1, webhook_secret: 'x', webhook_json: '{"doctype": {{ doc.doctype | tojson }}, "name": {{ doc.name | tojson }}, "modified": {{ doc.modified | tojson }}, "event": "on_change", "doc": {{ doc | tojson }}}' },
		]);
	});
	afterAll(async () => await erp?.stop());

	it('first poll: notes the newest modified and delivers no history', async () => {
		const first = await poll();
		expect(first).toMatchObject({ started: true, delivered: [] });
		expect(memory.cursors.get('Quotation')?.modified).toBe(erp.state.get('Quotation', 'SAL-QTN-2026-00002')!.modified);
		expect((await poll()).delivered).toEqual([]);
	});

	it('a dropped delivery is caught up once, with the child table the list API would drop, equal to the webhook body', async () => {
		erp.state.dbSet('Quotation', 'SAL-QTN-2026-00001', QUOTATION_TRANSITIONS.salesOrderSubmitted.changes);
		const caught = await poll();
		expect(caught.delivered.map((d) => [d.payload.name, d.payload.event, d.payload.doc.status])).toEqual([['SAL-QTN-2026-00001', 'on_change', 'Ordered']]);
		const [webhook] = prepareDeliveries(erp, 'Quotation', 'SAL-QTN-2026-00001', 'on_change');
		expect(JSON.parse(webhook.body)).toEqual(JSON.parse(JSON.stringify(caught.delivered[0].payload)));
		expect((await poll()).delivered).toEqual([]);
		// The late webhook of the caught-up version is a replay.
		const late = checkRequest({ body: Buffer.from(webhook.body), signature: webhook.headers['X-Frappe-Webhook-Signature'], secret: 'x', maxBodyBytes: 1 << 20 });
		expect(late.ok && decideDelivery(late.payload, config, memory, 'webhook')).toMatchObject({ kind: 'ignore', reason: 'replay' });
	});

	it('a version a webhook already delivered is not delivered again by the poll', async () => {
		erp.state.dbSet('Quotation', 'SAL-QTN-2026-00002', { status: 'Lost' });
		const [webhook] = prepareDeliveries(erp, 'Quotation', 'SAL-QTN-2026-00002', 'on_change');
		const checked = checkRequest({ body: Buffer.from(webhook.body), signature: webhook.headers['X-Frappe-Webhook-Signature'], secret: 'x', maxBodyBytes: 1 << 20 });
		expect(checked.ok && decideDelivery(checked.payload, config, memory, 'webhook')).toMatchObject({ kind: 'accept' });
		const gets = erp.requests.length;
		expect((await poll()).delivered).toEqual([]);
		// Known versions are not even fetched.
		expect(erp.requests.slice(gets).filter((r) => r.path.startsWith('/api/resource/Quotation/'))).toEqual([]);
	});

	it('of two changes between polls only the newest version is delivered; unchanged status is filtered', async () => {
		erp.state.dbSet('Quotation', 'SAL-QTN-2026-00001', { status: 'Open' });
		erp.state.dbSet('Quotation', 'SAL-QTN-2026-00001', { status: 'Lost' });
		erp.state.dbSet('Quotation', 'SAL-QTN-2026-00002', { terms: 'net 30' });
		const caught = await poll();
		expect(caught.delivered.map((d) => [d.payload.name, d.payload.doc.status, d.verdict.changedFields])).toEqual([['SAL-QTN-2026-00001', 'Lost', ['status']]]);
	});

	it('pages with ties on one modified value without losing or repeating a document', async () => {
		const many = erp.state.seed('Quotation', Array.from({ length: 130 }, (_, i) => ({ name: `SAL-QTN-2026-1${String(i).padStart(4, '0')}`, status: 'Open', docstatus: 1 })));
		// 130 documents changed in one instant (a bulk db_set): more than a page share one `modified`.
		const stamp = erp.state.dbSet('Quotation', many[0].name, { status: 'Ordered' }).modified;
		for (const d of many) Object.assign(erp.state.get('Quotation', d.name)!, { modified: stamp, status: 'Ordered' });
		const caught = await poll();
		expect(caught.delivered).toHaveLength(130);
		expect(new Set(caught.delivered.map((d) => d.payload.name)).size).toBe(130);
		expect((await poll()).delivered).toEqual([]);
	});
});
