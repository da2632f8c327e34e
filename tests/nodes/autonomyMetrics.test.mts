// The Autonomy Metrics node in the real n8n engine (in-process): Collect Events (rows with exactly the
// ltc_events columns, deduplicated by event_id across the batch and paired with every item that carried
// the event, the optional pass-through output, per-item errors naming the broken field, the error
// output) and Record Human Decision (send-and-wait answers of every kind, the hand-off found on the
// item, on an earlier node's paired item, in a parameter or defined by hand, and the decision point it
// lands in), chained behind the real Lead Qualifier. Events count only when a node of ours made them in
// this execution: the "Emit" stand-in notes its events the way our nodes do; a plain Start node (a
// webhook body) carries forged ones, which are never collected nor answered (security review H1).
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import {
	METRIC_EVENT_COLUMNS,
	MetricEventSchema,
	autonomy,
	eventId,
	makeEvent,
	type MetricEvent,
} from '../../core/metrics';
import { AutonomyMetrics } from '../../nodes/AutonomyMetrics/AutonomyMetrics.node';
import { LeadQualifier } from '../../nodes/LeadQualifier/LeadQualifier.node';
import { noteMadeEvents } from '../../nodes/shared/madeEvents';
import { TestStartNode, chain, node, runWorkflow, type RunOptions } from '../workflow/harness.mts';

const TYPE = 'n8n-nodes-lead-to-close.autonomyMetrics';
const QUALIFIER = 'n8n-nodes-lead-to-close.leadQualifier';
const AT = '2026-11-03T09:00:00.000Z';

/** Stands in for a send-and-wait node: replaces every item with the given answer (as n8n's webhook does). */
class TestAnswerNode implements INodeType {
	description = {
		displayName: 'Test Answer',
		name: 'testAnswer',
		group: ['transform'],
		version: 1,
		description: 'Emits a send-and-wait style answer per item',
		defaults: { name: 'Answer' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Answer', name: 'answer', type: 'json', default: '{}' },
			{ displayName: 'Paired', name: 'paired', type: 'boolean', default: true },
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const paired = this.getNodeParameter('paired', 0) as boolean;
		return [
			this.getInputData().map((_, i) => {
				const raw = this.getNodeParameter('answer', i) as string | IDataObject;
				const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject;
				return paired ? { json, pairedItem: { item: i } } : { json };
			}),
		];
	}
}

/** Emits fixed items like a trigger and notes their events as made in this execution, as our nodes do. */
class TestEmitNode extends TestStartNode {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [items] = await TestStartNode.prototype.execute.call(this);
		for (const item of items) {
			const events = item.json._ltcEvents;
			if (!Array.isArray(events)) continue;
			// Only well-formed events: broken ones are the Collect Events tests' business.
			noteMadeEvents(this, events.filter((e) => MetricEventSchema.safeParse(e).success) as MetricEvent[]);
		}
		return [items];
	}
}

const nodeTypes = {
	'test.emit': new TestEmitNode(),
	[TYPE]: new AutonomyMetrics(),
	[QUALIFIER]: new LeadQualifier(),
	'test.answer': new TestAnswerNode(),
};

function event(partial: Partial<MetricEvent> & Pick<MetricEvent, 'step' | 'actor'>): MetricEvent {
	return makeEvent(
		{ workflow: 'lead intake', execution_id: '981', occurred_at: AT, ...partial },
		AT,
	);
}

const REVIEW = event({
	step: 'qualify',
	actor: 'ai',
	decision: 'review',
	lead_ref: 'CRM-LEAD-2026-00042',
	score: 63,
	confidence: 0.7,
});
const QUOTE_REVIEW = event({
	step: 'quote',
	actor: 'ai',
	decision: 'review',
	quote_ref: 'SAL-QTN-2026-00007',
	lead_ref: 'CRM-LEAD-2026-00042',
	amount: 1_250_000,
	currency: 'EUR',
	occurred_at: '2026-11-03T09:05:00Z',
});
const SENT = event({
	step: 'outreach',
	actor: 'system',
	decision: null,
	outcome: 'sent',
	channel: 'email',
	service: 'mautic',
	lead_ref: 'CRM-LEAD-2026-00042',
});
const QUALIFIED = event({
	step: 'qualify',
	actor: 'system',
	decision: 'qualified',
	lead_ref: 'CRM-LEAD-2026-00043',
	score: 88,
});

/** Runs Start → nodes; Start is the Emit stand-in unless `start` is 'test.start' (outside data). */
async function run(
	items: IDataObject[],
	nodes: INode[],
	connections?: RunOptions['connections'],
	start: 'test.emit' | 'test.start' = 'test.emit',
) {
	const all = [node('Start', start, { items: JSON.stringify(items) }), ...nodes];
	return await runWorkflow({
		nodeTypes,
		nodes: all,
		connections: connections ?? chain(...all.map((n) => n.name)),
	});
}

const collect = (params: INode['parameters'] = {}, extra: Partial<INode> = {}) =>
	node('Metrics', TYPE, { mode: 'collect', ...params }, extra);
const record = (params: INode['parameters'] = {}, extra: Partial<INode> = {}) =>
	node('Record', TYPE, { mode: 'recordHumanDecision', ...params }, extra);
const answer = (json: IDataObject, paired = true) =>
	node('Answer', 'test.answer', { answer: JSON.stringify(json), paired });
const eventsOf = (item: INodeExecutionData) =>
	(item.json as { _ltcEvents: MetricEvent[] })._ltcEvents;

describe('Autonomy Metrics: Collect Events', () => {
	it('emits one row per distinct event with exactly the ltc_events columns, paired with every item that carried it', async () => {
		const out = (
			await run(
				[{ _ltcEvents: [REVIEW, SENT] }, { _ltcEvents: [SENT, QUALIFIED] }, { note: 'no events' }],
				[collect()],
			)
		).output('Metrics');
		expect(out.map((row) => row.json.event_id)).toEqual([
			eventId(REVIEW),
			eventId(SENT),
			eventId(QUALIFIED),
		]);
		for (const row of out) expect(Object.keys(row.json)).toEqual([...METRIC_EVENT_COLUMNS]);
		expect(out[1].json).toEqual({ event_id: eventId(SENT), ...SENT });
		expect(out.map((row) => row.pairedItem)).toEqual([
			{ item: 0 },
			[{ item: 0 }, { item: 1 }],
			{ item: 1 },
		]);
	});

	it('passes the incoming items on unchanged on a second output when asked', async () => {
		const items = [{ lead: 'a', _ltcEvents: [REVIEW] }, { lead: 'b' }];
		const r = await run(items, [collect({ output: 'rowsAndItems' })]);
		expect(r.output('Metrics', 0).map((row) => row.json.event_id)).toEqual([eventId(REVIEW)]);
		const passed = r.output('Metrics', 1);
		expect(passed.map((item) => item.json)).toEqual(items);
		expect(passed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('gives no rows (not an error) when no item carries events', async () => {
		expect(
			(await run([{ a: 1 }, { _ltcEvents: [] }, { _ltcEvents: null }], [collect()])).output(
				'Metrics',
			),
		).toEqual([]);
	});

	it.each([
		['a score above 100', { ...REVIEW, score: 120 }, /_ltcEvents\.1\.score/],
		['an unknown actor', { ...REVIEW, actor: 'robot' }, /_ltcEvents\.1\.actor/],
		['an amount without currency', { ...QUOTE_REVIEW, currency: null }, /_ltcEvents\.1\.currency/],
		['an extra key', { ...REVIEW, lead: 'x' }, /_ltcEvents\.1/],
	])('fails the execution on %s, naming the field', async (_, broken, field) => {
		const r = await run([{ _ltcEvents: [SENT] }, { _ltcEvents: [SENT, broken] }], [collect()]);
		expect(r.error('Metrics')?.message).toMatch(field);
	});

	it('fails on _ltcEvents that is not an array', async () => {
		const r = await run([{ _ltcEvents: { step: 'qualify' } }], [collect()]);
		expect(r.error('Metrics')?.message).toMatch(/_ltcEvents.*not an array/);
	});

	it('with Continue On Fail puts an error item in place of the broken item and keeps every other row', async () => {
		const items = [
			{ _ltcEvents: [REVIEW] },
			{ _ltcEvents: [{ ...SENT, channel: 'E-Mail' }] },
			{ _ltcEvents: [QUALIFIED] },
		];
		const out = (await run(items, [collect({}, { onError: 'continueRegularOutput' })])).output(
			'Metrics',
		);
		expect(out).toHaveLength(3);
		expect(out[0].json.event_id).toBe(eventId(REVIEW));
		expect(out[1].json.error).toMatch(/_ltcEvents\.0\.channel/);
		expect(out[1].pairedItem).toEqual({ item: 1 });
		expect(out[2].json.event_id).toBe(eventId(QUALIFIED));
	});

	it('routes broken items to the error output (On Error: continue using error output), so only rows reach the database', async () => {
		const items = [{ _ltcEvents: [REVIEW] }, { _ltcEvents: [{ ...SENT, tokens_in: -1 }] }];
		const r = await run(items, [
			collect({ output: 'rowsAndItems' }, { onError: 'continueErrorOutput' }),
		]);
		expect(r.output('Metrics', 0).map((row) => row.json.event_id)).toEqual([eventId(REVIEW)]);
		expect(r.output('Metrics', 1)).toHaveLength(2);
		const errors = r.output('Metrics', 2);
		expect(errors).toHaveLength(1);
		expect(String(errors[0].json.error)).toMatch(/tokens_in/);
	});

	it('stores what the Lead Qualifier decided: one row per lead', async () => {
		const leads = [
			{
				id: 'L-1',
				company: 'Nordwerk Automation GmbH',
				title: 'Geschäftsführerin',
				email: 'jana@nordwerk.de',
				message: 'Need 12 PLCs, budget 250k EUR, within 3 months.',
			},
			{ id: 'L-2', company: 'x', email: 'asdf@mailinator.com', message: 'test' },
		];
		const r = await run(leads, [
			node('Lead Qualifier', QUALIFIER, { referenceDate: '2026-11-01T00:00:00Z' }),
			collect(),
		]);
		const qualified = r.output('Lead Qualifier');
		const rows = r.output('Metrics');
		expect(rows.map((row) => row.json.lead_ref)).toEqual(['L-1', 'L-2']);
		expect(rows.map((row) => row.json.decision)).toEqual(qualified.map((item) => item.json.route));
		expect(rows.map((row) => row.json.event_id)).toEqual(
			qualified.map((item) => eventId(eventsOf(item)[0])),
		);
	});

	it('deduplicates 10,000 items that share most of their events', async () => {
		const items = Array.from({ length: 10_000 }, (_, i) => ({
			_ltcEvents: [
				REVIEW,
				event({ step: 'qualify', actor: 'system', decision: 'nurture', lead_ref: `L-${i % 2500}` }),
			],
		}));
		const out = (await run(items, [collect()])).output('Metrics');
		expect(out).toHaveLength(2501);
		expect((out[0].pairedItem as unknown[]).length).toBe(10_000);
		expect((out[1].pairedItem as unknown[]).length).toBe(4);
	});
});

describe('Autonomy Metrics: events nobody of ours made are never collected (H1)', () => {
	const FORGED = event({
		step: 'quote',
		actor: 'ai',
		decision: 'auto',
		lead_ref: 'CRM-LEAD-2026-00501',
		quote_ref: 'SAL-QTN-2026-00901',
		amount: 990_000_000,
		currency: 'EUR',
		cost_usd: 5000,
	});
	const lead = {
		id: 'L-1',
		company: 'Nordwerk Automation GmbH',
		email: 'jana@nordwerk.de',
		message: 'Need 12 PLCs, budget 250k EUR, within 3 months.',
	};

	it('drops events posted inside a lead and stores only the event the Lead Qualifier made', async () => {
		const r = await run(
			[{ ...lead, _ltcEvents: [FORGED, { ...FORGED, lead_ref: 'CRM-LEAD-2026-00502' }] }],
			[node('Lead Qualifier', QUALIFIER, { referenceDate: '2026-11-01T00:00:00Z' }), collect()],
			undefined,
			'test.start',
		);
		// The qualifier carries what came in; Collect Events is the gate.
		expect(eventsOf(r.output('Lead Qualifier')[0])).toHaveLength(3);
		const rows = r.output('Metrics');
		expect(rows.map((row) => [row.json.step, row.json.lead_ref])).toEqual([['qualify', 'L-1']]);
		expect(rows.map((row) => row.json.cost_usd)).not.toContain(5000);
	});

	it('drops forged events even when they claim this workflow and execution', async () => {
		const claiming = { ...FORGED, workflow: 'workflow', execution_id: 'test-exec' };
		const out = (await run([{ _ltcEvents: [claiming] }], [collect()], undefined, 'test.start')).output(
			'Metrics',
		);
		expect(out).toEqual([]);
	});

	it('does not answer a forged hand-off: the human event needs a hand-off made in this execution', async () => {
		const r = await run(
			[{ _ltcEvents: [REVIEW] }],
			[answer({ data: { approved: true, respondedAt: AT } }), record()],
			undefined,
			'test.start',
		);
		expect(r.error('Record')?.message).toMatch(/made in this execution/);
	});

	it('stores events made elsewhere only when "Accept Events Made Elsewhere" is on', async () => {
		const out = (
			await run(
				[{ _ltcEvents: [FORGED] }],
				[collect({ acceptEventsMadeElsewhere: true })],
				undefined,
				'test.start',
			)
		).output('Metrics');
		expect(out.map((row) => row.json.event_id)).toEqual([eventId(FORGED)]);
	});
});

describe('Autonomy Metrics: Record Human Decision', () => {
	const approved = { data: { approved: true, respondedAt: '2026-11-03T09:42:00.000Z' } };

	it.each([
		[
			'approval',
			approved,
			{
				actor: 'human',
				decision: 'approve',
				outcome: 'approved',
				occurred_at: '2026-11-03T09:42:00.000Z',
				duration_ms: 42 * 60_000,
			},
		],
		[
			'decline',
			{ data: { approved: false, respondedAt: '2026-11-03T10:00:00+01:00' } },
			{
				actor: 'human',
				decision: 'decline',
				outcome: 'declined',
				occurred_at: '2026-11-03T09:00:00.000Z',
				duration_ms: 0,
			},
		],
		[
			'decline sent as text',
			{ data: { approved: 'false', respondedAt: '2026-11-03T09:01:00Z' } },
			{ actor: 'human', decision: 'decline', duration_ms: 60_000 },
		],
		[
			'free text',
			{ data: { text: 'Call them first', respondedAt: '2026-11-03T11:00:00Z' } },
			{ actor: 'human', decision: 'respond', outcome: 'responded' },
		],
		[
			'custom form',
			{ data: { discount: 5, respondedAt: '2026-11-03T11:00:00Z' } },
			{ actor: 'human', decision: 'respond', outcome: 'responded' },
		],
		[
			'Slack approval',
			{
				data: {
					approved: true,
					respondedAt: '2026-11-03T09:10:00Z',
					responder: { source: 'Slack', id: 'U1' },
				},
			},
			{ actor: 'human', decision: 'approve', channel: 'slack' },
		],
	])(
		'turns a send-and-wait %s into the answer of the hand-off on the earlier item',
		async (_, reply, expected) => {
			const r = await run(
				[{ lead: 'CRM-LEAD-2026-00042', _ltcEvents: [SENT, REVIEW] }],
				[answer(reply), record()],
			);
			const [out] = r.output('Record');
			expect(out.pairedItem).toEqual({ item: 0 });
			expect((out.json as IDataObject).data).toEqual(reply.data);
			const events = eventsOf(out);
			expect(events.slice(0, 2)).toEqual([SENT, REVIEW]);
			expect(events[2]).toMatchObject({
				workflow: 'lead intake',
				execution_id: '981',
				step: 'qualify',
				lead_ref: 'CRM-LEAD-2026-00042',
				...expected,
			});
		},
	);

	it('finds the hand-off through an answer item that n8n paired by itself (one input item, no pairedItem set)', async () => {
		const r = await run([{ _ltcEvents: [REVIEW] }], [answer(approved, false), record()]);
		expect(r.output('Answer')[0].pairedItem).toEqual({ item: 0 });
		expect(eventsOf(r.output('Record')[0]).map((e) => e.decision)).toEqual(['review', 'approve']);
	});

	it('records a timeout (system, at now) when the wait expired and the item came back unchanged', async () => {
		const before = Date.now();
		const [out] = (await run([{ lead: 'x', _ltcEvents: [REVIEW] }], [record()])).output('Record');
		const timeout = eventsOf(out)[1];
		expect(timeout).toMatchObject({
			actor: 'system',
			decision: 'timeout',
			outcome: 'timeout',
			step: 'qualify',
			lead_ref: REVIEW.lead_ref,
		});
		expect(Date.parse(timeout.occurred_at)).toBeGreaterThanOrEqual(before - 1);
		expect(timeout.duration_ms).toBe(Date.parse(timeout.occurred_at) - Date.parse(AT));
	});

	it('answers the last hand-off, or the one of the step given', async () => {
		const items = [{ _ltcEvents: [REVIEW, QUOTE_REVIEW] }];
		const [last] = (await run(items, [answer(approved), record()])).output('Record');
		expect(eventsOf(last)[2]).toMatchObject({
			step: 'quote',
			quote_ref: 'SAL-QTN-2026-00007',
			amount: 1_250_000,
			currency: 'EUR',
		});
		const [byStep] = (
			await run(items, [answer(approved), record({ options: { handoffStep: 'qualify' } })])
		).output('Record');
		expect(eventsOf(byStep)[2]).toMatchObject({ step: 'qualify', quote_ref: null, amount: null });
	});

	it('takes the hand-off from events given as a parameter', async () => {
		const r = await run(
			[{ _ltcEvents: [REVIEW] }],
			[
				answer(approved, false),
				record({ handoff: 'events', handoffEvents: "={{ $('Start').first().json._ltcEvents }}" }),
			],
		);
		expect(eventsOf(r.output('Record')[0]).map((e) => e.decision)).toEqual(['review', 'approve']);
		const asJson = await run(
			[{ _ltcEvents: [QUOTE_REVIEW] }],
			[
				record({
					handoff: 'events',
					handoffEvents: JSON.stringify({ _ltcEvents: [QUOTE_REVIEW] }),
				}),
			],
		);
		expect(eventsOf(asJson.output('Record')[0]).map((e) => [e.step, e.decision])).toEqual([
			['quote', 'review'],
			['quote', 'timeout'],
		]);
	});

	it('builds the event from the step and references defined by hand, in the current workflow and execution', async () => {
		const r = await run(
			[approved],
			[
				record({
					handoff: 'define',
					step: 'quote',
					refs: { quoteRef: 'SAL-QTN-2026-00009', leadRef: '' },
					options: { channel: 'Email', requestedAt: '2026-11-03T08:42:00Z' },
				}),
			],
		);
		expect(eventsOf(r.output('Record')[0])).toEqual([
			expect.objectContaining({
				workflow: 'workflow',
				execution_id: 'test-exec',
				step: 'quote',
				quote_ref: 'SAL-QTN-2026-00009',
				lead_ref: null,
				channel: 'email',
				decision: 'approve',
				duration_ms: 3_600_000,
			}),
		]);
	});

	it('reads Requested At without an offset in the workflow time zone', async () => {
		// The harness workflow has no time zone setting: n8n's default, America/New_York (UTC-5 in November).
		const r = await run(
			[approved],
			[
				record({
					handoff: 'define',
					step: 'qualify',
					options: { requestedAt: '2026-11-03T04:12:00' },
				}),
			],
		);
		expect(eventsOf(r.output('Record')[0])[0].duration_ms).toBe(30 * 60_000);
	});

	it.each([
		['no hand-off anywhere', [{ _ltcEvents: [SENT] }], {}, /No hand-off event/],
		['an empty step', [approved], { handoff: 'define', step: ' ' }, /step/],
		[
			'a channel that is not a token',
			[{ _ltcEvents: [REVIEW] }],
			{ options: { channel: 'e mail' } },
			/channel/,
		],
		[
			'a bad Requested At',
			[{ _ltcEvents: [REVIEW] }],
			{ options: { requestedAt: 'yesterday' } },
			/Requested At/,
		],
		[
			'hand-off events that are not events',
			[{}],
			{ handoff: 'events', handoffEvents: '[{"step":"qualify"}]' },
			/Hand-Off Events holds a broken event.*workflow/,
		],
		[
			'hand-off events without a hand-off',
			[{}],
			{ handoff: 'events', handoffEvents: JSON.stringify([SENT]) },
			/Hand-Off Events holds no hand-off/,
		],
	])('fails with a message naming the problem: %s', async (_, items, params, message) => {
		const r = await run(items as IDataObject[], [record(params)]);
		expect(r.error('Record')?.message).toMatch(message);
	});

	it('with Continue On Fail gives a per-item error and records the other items', async () => {
		const out = (
			await run(
				[{ _ltcEvents: [REVIEW] }, { _ltcEvents: [SENT] }],
				[record({}, { onError: 'continueRegularOutput' })],
			)
		).output('Record');
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(eventsOf(out[0])[1].decision).toBe('timeout');
		expect(out[1].json.error).toMatch(/No hand-off event/);
	});
});

describe('Autonomy Metrics: a reviewed lead from qualification to rows', () => {
	it('stores the AI review and the human approval as one non-autonomous decision point', async () => {
		const lead = {
			id: 'CRM-LEAD-2026-00077',
			company: 'Nordwerk Automation GmbH',
			title: 'Geschäftsführerin',
			email: 'jana@nordwerk.de',
			message: 'Need 12 PLCs, budget 250k EUR, within 3 months.',
		};
		const r = await run(
			[lead],
			[
				node('Lead Qualifier', QUALIFIER, {
					referenceDate: '2026-11-01T00:00:00Z',
					qualifiedThreshold: 100,
					nurtureThreshold: 1,
				}),
				answer({
					data: { approved: true, respondedAt: new Date(Date.now() + 60_000).toISOString() },
				}),
				record(),
				collect(),
			],
		);
		expect(r.output('Lead Qualifier')[0].json.route).toBe('review');
		const rows = r
			.output('Metrics')
			.map((row) => row.json as unknown as MetricEvent & { event_id: string });
		expect(
			rows.map((row) => [row.step, row.actor, row.decision, row.lead_ref, row.execution_id]),
		).toEqual([
			['qualify', 'system', 'review', lead.id, 'test-exec'],
			['qualify', 'human', 'approve', lead.id, 'test-exec'],
		]);
		const events = rows.map(({ event_id: _id, ...rest }) => rest as MetricEvent);
		const report = autonomy(events, { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' });
		expect(report.overall).toEqual({ decisions: 1, autonomous: 0, pct: 0 });
		expect(rows[1].duration_ms).toBeGreaterThan(0);
	});
});
