// The Deal Monitor node in the real n8n engine (in-process): snapshots in, at-risk deals out with one
// metric event each; the same hand-labelled deals stored as ERPNext records (samples/deals.json through
// tests/nodes/support/dealErpNext.mts) fetched, paged and batched (one list request per doctype per page)
// and assessed exactly as the core assesses the original snapshots; Opportunities as input items;
// per-item errors naming field and value; the digest; write-back (fields ensured once, written only on
// change, comment deduplicated); ToDos for critical deals never duplicated; the Claude summary
// (accepted, rejected for adding a signal or changing the score, misconfigured); and Version history
// the user may not read.
import { readFileSync } from 'node:fs';

import type { IDataObject, INode } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { LeadToCloseAnthropicApi } from '../../credentials/LeadToCloseAnthropicApi.credentials';
import { LeadToCloseErpNextApi } from '../../credentials/LeadToCloseErpNextApi.credentials';
import {
	assessDeal,
	parseDealSnapshot,
	riskConfigWith,
	type DealAssessment,
	type DealSnapshotInput,
} from '../../core/dealRisk/index.ts';
import { DealMonitor } from '../../nodes/DealMonitor/DealMonitor.node';
import { startAnthropicServer, type AnthropicServer } from '../contract/anthropic-server.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { chain, node, runWorkflow } from '../workflow/harness.mts';
import { seedDeals, startDealErpNext, type DealErpNext } from './support/dealErpNext.mts';

const TYPE = 'n8n-nodes-lead-to-close.dealMonitor';
const AUTH = { apiKey: 'deal-key', apiSecret: 'deal-secret-value' };
const samples = JSON.parse(
	readFileSync(new URL('../../samples/deals.json', import.meta.url), 'utf8'),
) as {
	asOf: string;
	timeZone: string;
	deals: Array<DealSnapshotInput & { label: { signals: string[] } }>;
};
const config = riskConfigWith({ timeZone: samples.timeZone });
const now = new Date(samples.asOf);
const snapshots = samples.deals.map(({ label: _label, ...deal }) => deal);
const expected = new Map(
	snapshots.map((d) => [d.name, assessDeal(parseDealSnapshot(d), config, now)]),
);
const BASE = { referenceDate: samples.asOf, timeZone: samples.timeZone };

type Out = IDataObject &
	DealAssessment & {
		summary: { text: string; source: string; rejected?: string[] };
		_ltcEvents: IDataObject[];
		erpnext?: IDataObject;
	};

async function monitor(
	items: unknown[],
	params: INode['parameters'] = {},
	extra: Partial<INode> = {},
	credentials?: Record<string, IDataObject>,
) {
	return await runWorkflow({
		nodeTypes: { [TYPE]: new DealMonitor() },
		credentialTypes: [new LeadToCloseErpNextApi(), new LeadToCloseAnthropicApi()],
		credentials: credentials as never,
		nodes: [
			node('Start', 'test.start', { items: JSON.stringify(items) }),
			node('Deal Monitor', TYPE, { ...BASE, ...params }, extra),
		],
		connections: chain('Start', 'Deal Monitor'),
	});
}

function sameAssessment(out: Out, want: DealAssessment) {
	expect({
		score: out.riskScore,
		level: out.level,
		signals: out.signals,
		next: out.nextActions,
		reasons: out.reasons,
	}).toEqual({
		score: want.riskScore,
		level: want.level,
		signals: want.signals,
		next: want.nextActions,
		reasons: want.reasons,
	});
}

describe('Deal Monitor: snapshots in input items', () => {
	it('outputs only the deals at or above the level, as the core assesses them, paired, with one metric event each', async () => {
		const out = (await monitor(snapshots, { source: 'snapshots' })).output('Deal Monitor');
		const atRisk = snapshots.filter((d) => {
			const a = expected.get(d.name)!;
			return a.open && a.signals.length > 0 && a.level !== 'low';
		});
		expect(out.map((o) => (o.json as Out).deal.name)).toEqual(atRisk.map((d) => d.name));
		for (const o of out) {
			const json = o.json as Out;
			sameAssessment(json, expected.get(json.deal.name)!);
			expect(o.pairedItem).toEqual({ item: snapshots.findIndex((d) => d.name === json.deal.name) });
			expect(json._ltcEvents).toHaveLength(1);
			expect(json._ltcEvents[0]).toMatchObject({
				step: 'deal_risk',
				actor: 'system',
				decision: json.signals[0].code,
				outcome: json.signals[0].severity,
				deal_ref: json.deal.name,
				score: json.riskScore,
				amount: json.deal.amount.minor,
				currency: json.deal.amount.currency,
			});
			expect(json.summary.source).toBe('rules');
			expect(json.summary.text).toContain(json.deal.name);
		}
	});

	it.each([
		['low', (a: DealAssessment) => a.open && a.signals.length > 0],
		['critical', (a: DealAssessment) => a.level === 'critical'],
	])('reports from level %s', async (minLevel, keep) => {
		const out = (await monitor(snapshots, { source: 'snapshots', minLevel })).output(
			'Deal Monitor',
		);
		expect(out.map((o) => (o.json as Out).deal.name)).toEqual(
			snapshots.filter((d) => keep(expected.get(d.name)!)).map((d) => d.name),
		);
	});

	it('names the deal, field and value of a bad snapshot with Continue On Fail, and loses no other deal', async () => {
		const bad = { ...snapshots[1], name: 'CRM-OPP-BAD', currency: 'euro' };
		const out = (
			await monitor(
				[snapshots[1], bad],
				{ source: 'snapshots', minLevel: 'low' },
				{ onError: 'continueRegularOutput' },
			)
		).output('Deal Monitor');
		const error = out.find((o) => o.json.error);
		expect(error?.json.error).toMatch(/CRM-OPP-BAD.*"currency".*"euro"/);
		expect(error?.pairedItem).toEqual({ item: 1 });
		expect(out.filter((o) => !o.json.error).map((o) => (o.json as Out).deal.name)).toEqual([
			snapshots[1].name,
		]);
	});

	it('fails the execution on a bad deal without Continue On Fail', async () => {
		const r = await monitor([{ ...snapshots[1], probability: 'high' }], { source: 'snapshots' });
		expect(r.error('Deal Monitor')?.message).toMatch(/probability.*"high"/);
	});

	it('rejects risk settings the core refuses, naming the setting and value', async () => {
		const r = await monitor(snapshots, {
			source: 'snapshots',
			options: { riskSettings: '{"closeNearDays": -3}' },
		});
		expect(r.error('Deal Monitor')?.message).toMatch(/closeNearDays.*-3/);
		const zone = await monitor(snapshots, { source: 'snapshots', timeZone: 'Mars/Olympus' });
		expect(zone.error('Deal Monitor')?.message).toMatch(/Mars\/Olympus/);
	});

	it('applies per-stage overrides and keeps the other thresholds', async () => {
		const strict = (
			await monitor(snapshots, {
				source: 'snapshots',
				minLevel: 'low',
				options: { riskSettings: JSON.stringify({ levels: { medium: 5 } }) },
			})
		).output('Deal Monitor');
		const normal = (await monitor(snapshots, { source: 'snapshots', minLevel: 'low' })).output(
			'Deal Monitor',
		);
		expect(strict.length).toBe(normal.length);
		expect(strict.filter((o) => (o.json as Out).level === 'low')).toHaveLength(0);
	});

	it('gives one digest item: counts by level and signal, exact amounts at risk per currency, deals most severe first', async () => {
		const out = (await monitor(snapshots, { source: 'snapshots', outputMode: 'digest' })).output(
			'Deal Monitor',
		);
		expect(out).toHaveLength(1);
		const digest = out[0].json as IDataObject & {
			deals: Out[];
			byLevel: Record<string, number>;
			amountAtRisk: Array<{ currency: string; minor: number }>;
			_ltcEvents: IDataObject[];
		};
		const atRisk = [...expected.values()].filter(
			(a) => a.open && a.signals.length > 0 && a.level !== 'low',
		);
		expect(digest).toMatchObject({
			dealsAssessed: snapshots.length,
			openDeals: [...expected.values()].filter((a) => a.open).length,
			atRisk: atRisk.length,
		});
		expect(digest.byLevel.critical).toBe(atRisk.filter((a) => a.level === 'critical').length);
		const eur = atRisk
			.filter((a) => a.deal.amount.currency === 'EUR')
			.reduce((sum, a) => sum + a.deal.amount.minor, 0);
		expect(digest.amountAtRisk.find((x) => x.currency === 'EUR')?.minor).toBe(eur);
		// Readable first (issue 16): the decimal amount and a display string beside the exact minor units.
		expect(digest.amountAtRisk.find((x) => x.currency === 'EUR')).toMatchObject({ amount: eur / 100, display: expect.stringMatching(/^€[\d,]+\.\d\d$/) });
		for (const deal of digest.deals) expect(Object.keys((deal as unknown as { deal: { amount: object } }).deal.amount)).toEqual(['amount', 'currency', 'display', 'minor']);
		const scores = digest.deals.map((d) => d.riskScore);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		expect(digest._ltcEvents).toHaveLength(atRisk.length);
		expect(out[0].pairedItem).toHaveLength(snapshots.length);
	});
});

describe('Deal Monitor: reading ERPNext', () => {
	let erp: ErpNextServer;
	let front: DealErpNext;
	const creds = () => ({ leadToCloseErpNextApi: { baseUrl: front.url, ...AUTH } });

	beforeAll(async () => {
		erp = await startErpNextServer(AUTH);
		front = await startDealErpNext(erp, AUTH);
		seedDeals(front, snapshots);
	});
	afterAll(async () => {
		await front.stop();
		await erp.stop();
	});
	beforeEach(() => {
		front.denyVersions = false;
	});

	it('assesses the stored deals exactly as the core assesses the original snapshots', async () => {
		const out = (await monitor([{}], { minLevel: 'low' }, {}, creds())).output('Deal Monitor');
		const want = snapshots.filter((d) => {
			const a = expected.get(d.name)!;
			return a.open && a.signals.length > 0;
		});
		// ERPNext answers in creation order.
		expect(out.map((o) => (o.json as Out).deal.name).sort()).toEqual(
			want.map((d) => d.name).sort(),
		);
		for (const o of out) sameAssessment(o.json as Out, expected.get((o.json as Out).deal.name)!);
		expect(out.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
		// Every label of the samples is found through ERPNext too.
		for (const d of samples.deals.filter((x) => expected.get(x.name)!.open)) {
			const found = out.find((o) => (o.json as Out).deal.name === d.name);
			expect(((found?.json as Out | undefined)?.signals ?? []).map((s) => s.code).sort()).toEqual(
				d.label.signals,
			);
		}
	});

	it.each([
		{ pageSize: 100, pages: 1 },
		{ pageSize: 10, pages: 5 },
	])(
		'reads activity with one list request per doctype per page ($pageSize deals per page)',
		async ({ pageSize, pages }) => {
			const from = front.requests.length;
			await monitor([{}], { options: { pageSize } }, {}, creds());
			const counts = front.listCounts(from);
			// 47 open deals. Events: which Events name a deal of the page, then (only when there are some)
			// those Events and who took part.
			const { Event: events, 'Event Participants': participants, ...perPage } = counts;
			expect(perPage).toEqual({
				Opportunity: pages,
				Communication: pages,
				ToDo: pages,
				Quotation: pages,
				Version: pages,
			});
			expect(events).toBeLessThanOrEqual(pages);
			expect(participants).toBe(pages + events);
			const opp = front.requests.slice(from).find((r) => r.listOf === 'Opportunity')!;
			expect(JSON.parse(opp.query.filters)).toEqual([
				['status', 'in', ['Open', 'Quotation', 'Replied']],
			]);
			const comm = front.requests.slice(from).find((r) => r.listOf === 'Communication')!;
			expect(JSON.parse(comm.query.filters)[1][1]).toBe('in');
		},
	);

	it('passes owner, stage and extra filters to ERPNext and stops at Max Deals', async () => {
		const from = front.requests.length;
		await monitor(
			[{}],
			{
				filters: {
					owner: 'anna.schulz@ltc-demo.de',
					salesStage: 'Proposal/Price Quote',
					extraFilters: '[["territory", "!=", "Mars"]]',
					maxDeals: 3,
				},
			},
			{},
			creds(),
		);
		const opp = front.requests.slice(from).find((r) => r.listOf === 'Opportunity')!;
		expect(JSON.parse(opp.query.filters)).toEqual([
			['status', 'in', ['Open', 'Quotation', 'Replied']],
			['opportunity_owner', '=', 'anna.schulz@ltc-demo.de'],
			['sales_stage', '=', 'Proposal/Price Quote'],
			['territory', '!=', 'Mars'],
		]);
		expect(opp.query.limit_page_length).toBe('3');
	});

	it('takes Opportunities from input items, pairs each output with its item, and names an item without a name', async () => {
		const docs = ['CRM-OPP-2026-00102', 'CRM-OPP-2026-00101', 'CRM-OPP-2026-00107'].map(
			(n) => erp.state.get('Opportunity', n)!,
		);
		const items = [
			docs[0],
			{ party_name: 'No Name GmbH' },
			docs[1],
			{ doctype: 'Lead', name: 'CRM-LEAD-2026-00001' },
			docs[2],
		];
		const out = (
			await monitor(
				items,
				{ source: 'items', minLevel: 'low' },
				{ onError: 'continueRegularOutput' },
				creds(),
			)
		).output('Deal Monitor');
		const errors = out.filter((o) => o.json.error);
		expect(errors.map((e) => [e.pairedItem, e.json.error])).toEqual([
			[{ item: 1 }, expect.stringMatching(/no Opportunity "name"/)],
			[{ item: 3 }, expect.stringMatching(/is a Lead \(CRM-LEAD-2026-00001\), not an Opportunity/)],
		]);
		for (const o of out.filter((x) => !x.json.error)) {
			const json = o.json as Out;
			expect(o.pairedItem).toEqual({
				item: items.indexOf(docs.find((d) => d.name === json.deal.name)!),
			});
			sameAssessment(json, expected.get(json.deal.name)!);
		}
	});

	it('reads the rest of an Opportunity given only by name, in one request per page', async () => {
		const names = ['CRM-OPP-2026-00102', 'CRM-OPP-2026-00125', 'CRM-OPP-2026-00107'];
		const from = front.requests.length;
		const out = (
			await monitor(
				names.map((name) => ({ name })),
				{ source: 'items', minLevel: 'low' },
				{},
				creds(),
			)
		).output('Deal Monitor');
		expect(out.map((o) => (o.json as Out).deal.name)).toEqual(
			names.filter((n) => expected.get(n)!.signals.length > 0),
		);
		for (const o of out) sameAssessment(o.json as Out, expected.get((o.json as Out).deal.name)!);
		expect(front.listCounts(from).Opportunity).toBe(1);
	});

	it('leaves out Version history the user may not read, and says so', async () => {
		front.denyVersions = true;
		const out = (await monitor([{}], { minLevel: 'low' }, {}, creds())).output('Deal Monitor');
		expect(out.length).toBeGreaterThan(0);
		expect((out[0].json as Out).warnings).toEqual([expect.stringMatching(/Version/)]);
		expect(out.flatMap((o) => (o.json as Out).signals.map((s) => s.code))).not.toContain(
			'close_date_pushed',
		);
	});

	it('fails clearly, without the secret, when the credential is wrong', async () => {
		const r = await monitor(
			[{}],
			{},
			{ onError: 'continueRegularOutput' },
			{
				leadToCloseErpNextApi: {
					baseUrl: front.url,
					apiKey: 'deal-key',
					apiSecret: 'Wr0ng-secret-9',
				},
			},
		);
		const out = r.output('Deal Monitor');
		expect(out).toHaveLength(1);
		expect(out[0].json.error).toMatch(/401/);
		expect(JSON.stringify(out[0].json)).not.toContain('Wr0ng-secret-9');
	});
});

describe('Deal Monitor: write-back and ToDos', () => {
	let erp: ErpNextServer;
	let front: DealErpNext;
	const creds = () => ({ leadToCloseErpNextApi: { baseUrl: front.url, ...AUTH } });

	beforeAll(async () => {
		erp = await startErpNextServer(AUTH);
		front = await startDealErpNext(erp, AUTH);
		seedDeals(front, snapshots);
		// Copies of the critical deals whose owner has no open ToDo yet (the samples' owners all have one).
		seedDeals(
			front,
			critical.map((d) => ({ ...d, name: `${d.name}-B`, todos: [] })),
			{ suffix: '-B' },
		);
	});
	afterAll(async () => {
		await front.stop();
		await erp.stop();
	});
	const critical = snapshots.filter((d) => expected.get(d.name)!.level === 'critical');

	it('ensures the AI fields, writes them and one comment per at-risk deal, and writes nothing on a re-run', async () => {
		const first = (await monitor([{}], { writeBack: true }, {}, creds())).output('Deal Monitor');
		expect(first.length).toBeGreaterThan(5);
		for (const o of first) {
			const json = o.json as Out;
			const stored = erp.state.get('Opportunity', json.deal.name)!;
			expect(stored).toMatchObject({
				custom_ai_risk_score: json.riskScore,
				custom_ai_risk_level: json.level,
				custom_ai_risk_signals: json.signals.map((s) => s.code).join(', '),
			});
			expect(String(stored.custom_ai_risk_summary)).toBe(json.summary.text);
			expect(json.erpnext).toMatchObject({ fieldsWritten: true, comment: { created: true } });
		}
		const fields = erp.state
			.all('Custom Field')
			.filter((f) => f.dt === 'Opportunity')
			.map((f) => f.fieldname);
		expect(fields).toEqual(
			expect.arrayContaining([
				'custom_ai_risk_section',
				'custom_ai_risk_score',
				'custom_ai_risk_level',
				'custom_ai_risk_signals',
				'custom_ai_risk_summary',
				'custom_ai_risk_updated_at',
			]),
		);
		const comments = erp.state.all('Comment').filter((c) => c.reference_doctype === 'Opportunity');
		expect(comments).toHaveLength(first.length);
		// Posted through add_comment (type Comment, key first so the _comments cache holds it).
		expect(comments.every((c) => c.comment_type === 'Comment')).toBe(true);
		expect(comments.every((c) => String(c.content).startsWith('<p>[ltc-deal-risk-'))).toBe(true);

		const writes = erp.writes().length;
		const again = (await monitor([{}], { writeBack: true }, {}, creds())).output('Deal Monitor');
		expect(again.length).toBe(first.length);
		expect(erp.writes().slice(writes)).toEqual([]);
		expect(
			again.every(
				(o) =>
					(o.json as Out).erpnext?.fieldsWritten === false &&
					((o.json as Out).erpnext?.comment as IDataObject).created === false,
			),
		).toBe(true);
	});

	it('rewrites a deal whose assessment changed and clears a deal that recovered', async () => {
		const [a, b] = (await monitor([{}], { writeBack: true }, {}, creds()))
			.output('Deal Monitor')
			.map((o) => o.json as Out)
			.filter((json) => json.level !== 'critical')
			.map((json) => json.deal.name);
		erp.state.get('Opportunity', a)!.custom_ai_risk_score = 1;
		erp.state.get('Opportunity', b)!.status = 'Converted';
		const writes = erp.writes().length;
		// b is no longer open: fetched through the input items it is rewritten as no longer at risk.
		const docs = [a, b].map((n) => erp.state.get('Opportunity', n)!);
		await monitor(docs, { source: 'items', writeBack: true }, {}, creds());
		const puts = erp
			.writes()
			.slice(writes)
			.filter((w) => w.method === 'PUT');
		expect(puts.map((w) => w.path).sort()).toEqual(
			[`/api/resource/Opportunity/${a}`, `/api/resource/Opportunity/${b}`].sort(),
		);
		expect(erp.state.get('Opportunity', b)).toMatchObject({
			custom_ai_risk_level: 'low',
			custom_ai_risk_score: 0,
			custom_ai_risk_signals: '',
		});
	});

	it('assigns one ToDo per critical deal to its owner, never a second one on the next run', async () => {
		const first = (
			await monitor([{}], { assignTodos: true, minLevel: 'critical' }, {}, creds())
		).output('Deal Monitor');
		expect(first.length).toBeGreaterThan(0);
		const created = first.filter((o) => ((o.json as Out).erpnext?.todo as IDataObject).created);
		expect(created.map((o) => (o.json as Out).deal.name).sort()).toEqual(
			critical.map((d) => `${d.name}-B`).sort(),
		);
		// assign_to.add skips a user who already has an open ToDo on the deal, so the node does not ask.
		for (const d of critical) {
			const o = first.find((x) => (x.json as Out).deal.name === d.name);
			expect((o?.json as Out).erpnext?.todo).toMatchObject({
				created: false,
				reason: 'owner_has_open_todo',
				assignedTo: d.opportunity_owner,
			});
		}
		for (const o of created) {
			const json = o.json as Out;
			const todo = erp.state
				.all('ToDo')
				.find(
					(t) =>
						t.reference_name === json.deal.name &&
						String(t.description).includes(`[ltc-risk ${json.deal.name} `),
				);
			expect(todo).toMatchObject({
				status: 'Open',
				allocated_to: json.deal.opportunity_owner,
				reference_type: 'Opportunity',
				priority: json.nextActions[0].priority,
				date: json.nextActions[0].due,
			});
			expect(json._ltcEvents.map((e) => e.outcome)).toEqual([json.signals[0].severity, 'assigned']);
		}
		const assignCalls = () =>
			front.requests.filter((r) => r.path.endsWith('frappe.desk.form.assign_to.add')).length;
		const todos = erp.state.all('ToDo').length;
		const calls = assignCalls();
		const again = (
			await monitor([{}], { assignTodos: true, minLevel: 'critical' }, {}, creds())
		).output('Deal Monitor');
		expect(erp.state.all('ToDo').length).toBe(todos);
		expect(assignCalls()).toBe(calls);
		for (const o of again)
			expect(((o.json as Out).erpnext?.todo as IDataObject).created).toBe(false);
	});

	it('does not assign a ToDo to nobody', async () => {
		const deal = {
			...snapshots.find((d) => expected.get(d.name)!.level === 'critical')!,
			name: 'CRM-OPP-2026-09001',
			opportunity_owner: null,
		};
		seedDeals(front, [deal], { suffix: '-X' });
		const out = (
			await monitor(
				[erp.state.get('Opportunity', 'CRM-OPP-2026-09001')!],
				{ source: 'items', assignTodos: true, minLevel: 'critical' },
				{},
				creds(),
			)
		).output('Deal Monitor');
		expect((out[0].json as Out).erpnext?.todo).toMatchObject({
			created: false,
			reason: 'no_owner',
		});
	});

	it('says which role is missing when the user may not create the fields, without the secret', async () => {
		const limited = await startErpNextServer({ ...AUTH, roles: ['Sales User'] });
		const limitedFront = await startDealErpNext(limited, AUTH);
		try {
			const r = await monitor(
				[{}],
				{ writeBack: true },
				{ onError: 'continueRegularOutput' },
				{ leadToCloseErpNextApi: { baseUrl: limitedFront.url, ...AUTH } },
			);
			const err = r.output('Deal Monitor')[0].json.error as string;
			expect(err).toMatch(/System Manager/);
			expect(err).not.toContain(AUTH.apiSecret);
		} finally {
			await limitedFront.stop();
			await limited.stop();
		}
	});
});

describe('Deal Monitor: Claude summary', () => {
	let anthropic: AnthropicServer;
	const creds = () => ({
		leadToCloseAnthropicApi: { apiKey: 'sk-ant-test-key', baseUrl: anthropic.url },
	});
	const critical = snapshots.filter((d) => expected.get(d.name)!.level === 'critical').slice(0, 2);

	function assessmentIn(body: Record<string, unknown>): DealAssessment {
		const text = JSON.stringify(body.messages);
		const data = /<deal_assessment>\\n([\s\S]*?)\\n<\/deal_assessment>/.exec(text)?.[1] ?? '';
		return JSON.parse(JSON.parse(`"${data}"`)) as DealAssessment;
	}
	const faithful = (body: Record<string, unknown>) => {
		const a = assessmentIn(body);
		return {
			json: {
				summary: `The deal went quiet; ${a.nextActions[0]?.action ?? ''}`,
				restated: {
					riskScore: a.riskScore,
					level: a.level,
					signals: a.signals.map((s) => ({ code: s.code, severity: s.severity })),
				},
			},
		};
	};

	beforeAll(async () => {
		anthropic = await startAnthropicServer({ apiKey: 'sk-ant-test-key' });
	});
	afterAll(async () => anthropic.stop());

	it('uses a summary that only restates the assessment, sends the assessment as delimited data, and records usage', async () => {
		anthropic.state.replies.length = 0;
		anthropic.state.responder = faithful;
		const before = anthropic.requests.length;
		const out = (
			await monitor(
				critical,
				{ source: 'snapshots', minLevel: 'critical', useLlm: true, model: 'claude-haiku-5-5' },
				{},
				creds(),
			)
		).output('Deal Monitor');
		expect(out).toHaveLength(2);
		for (const o of out) {
			const json = o.json as Out;
			expect(json.summary).toMatchObject({ source: 'claude', model: 'claude-haiku-5-5' });
			expect(json.summary.text).toMatch(/^The deal went quiet/);
			sameAssessment(json, expected.get(json.deal.name)!);
			expect(json._ltcEvents.map((e) => [e.actor, e.outcome])).toEqual([
				['system', json.signals[0].severity],
				['ai', 'summarized'],
			]);
			expect(json._ltcEvents[1].tokens_in).toBeGreaterThan(0);
		}
		const body = anthropic.requests[before].body as {
			system: Array<{ cache_control?: unknown }>;
			messages: unknown;
		};
		expect(body.system.some((b) => b.cache_control)).toBe(true);
		expect(JSON.stringify(body.messages)).toMatch(/<deal_assessment>/);
	});

	it.each([
		[
			'adds a signal',
			(r: ReturnType<typeof faithful>) =>
				r.json.restated.signals.push({ code: 'no_quotation', severity: 'medium' }),
			/adds the signal no_quotation/,
		],
		[
			'changes the score',
			(r: ReturnType<typeof faithful>) => (r.json.restated.riskScore = 3),
			/risk score to 3/,
		],
		[
			'states another score in its text',
			(r: ReturnType<typeof faithful>) => (r.json.summary = 'Risk score of 12 only.'),
			/score of 12/,
		],
	])(
		'rejects a summary that %s, retries once, then the rules write it',
		async (_what, corrupt, reason) => {
			anthropic.state.replies.length = 0;
			anthropic.state.responder = (body) => {
				const reply = faithful(body);
				corrupt(reply);
				return reply;
			};
			const before = anthropic.requests.length;
			const out = (
				await monitor(
					critical.slice(0, 1),
					{ source: 'snapshots', minLevel: 'critical', useLlm: true },
					{},
					creds(),
				)
			).output('Deal Monitor');
			expect(anthropic.requests.length - before).toBe(2);
			const json = out[0].json as Out;
			expect(json.summary.source).toBe('rules');
			expect(json.summary.rejected).toHaveLength(2);
			expect(json.summary.rejected?.[0]).toMatch(reason);
			expect(json.summary.text).toContain(`score ${json.riskScore}/100`);
			sameAssessment(json, expected.get(json.deal.name)!);
			expect(json._ltcEvents[1]).toMatchObject({ actor: 'ai', outcome: 'summary_rejected' });
		},
	);

	it('fails the deal with a clear error (and no key in it) when the API key is wrong', async () => {
		const r = await monitor(
			critical.slice(0, 1),
			{ source: 'snapshots', minLevel: 'critical', useLlm: true },
			{ onError: 'continueRegularOutput' },
			{
				leadToCloseAnthropicApi: { apiKey: 'sk-ant-WRONG-777', baseUrl: anthropic.url },
			},
		);
		const err = r.output('Deal Monitor')[0].json.error as string;
		expect(err).toMatch(/Anthropic.*401/);
		expect(err).not.toContain('sk-ant-WRONG-777');
	});
});

describe('Deal Monitor: what the ERPNext user cannot see (E3) and the site time zone (E8)', () => {
	const ACTIVITY = ['stale', 'last_outbound_unanswered', 'single_threaded', 'no_next_step'];
	type Visible = Out & {
		needsReview?: boolean;
		reviewReason?: string;
		visibility?: { complete: boolean; gaps: string[]; unknown: Array<{ signal: string; reason: string }> };
		warnings?: string[];
	};

	async function withSite(
		options: Parameters<typeof startErpNextServer>[0],
		deals: DealSnapshotInput[],
		seed: Parameters<typeof seedDeals>[2],
		run: (url: string, erp: ErpNextServer) => Promise<void>,
	): Promise<void> {
		const site = await startErpNextServer({ ...AUTH, ...options });
		const front = await startDealErpNext(site, AUTH);
		try {
			seedDeals(front, deals, seed);
			await run(front.url, site);
		} finally {
			await front.stop();
			await site.stop();
		}
	}

	/** Activity signals the core raises when `strip` empties part of a deal's activity. */
	function falseSignals(d: DealSnapshotInput, strip: (d: DealSnapshotInput) => DealSnapshotInput): string[] {
		const real = new Set(expected.get(d.name)!.signals.map((s) => s.code));
		return assessDeal(parseDealSnapshot(strip(d)), config, now)
			.signals.map((s) => s.code)
			.filter((c) => ACTIVITY.includes(c) && !real.has(c));
	}

	it('never raises a signal from private Events it cannot see: names them and sends the deal for review', async () => {
		const withoutEvents = (d: DealSnapshotInput) => ({ ...d, events: [] });
		const deal = snapshots.find((d) => (d.events?.length ?? 0) > 0 && falseSignals(d, withoutEvents).length > 0)!;
		expect(deal).toBeDefined();
		const wouldBeFalse = falseSignals(deal, withoutEvents);
		await withSite({}, [deal], { events: { eventType: 'Private', owner: 'rep@ltc-demo.de' } }, async (url) => {
			const out = (
				await monitor([{}], { minLevel: 'low' }, {}, { leadToCloseErpNextApi: { baseUrl: url, ...AUTH } })
			).output('Deal Monitor');
			const json = out.find((o) => (o.json as Out).deal?.name === deal.name)?.json as Visible;
			expect(json).toBeDefined();
			for (const code of wouldBeFalse) expect(json.signals.map((s) => s.code)).not.toContain(code);
			expect(json.visibility?.complete).toBe(false);
			expect(json.visibility?.unknown.map((u) => u.signal)).toEqual(expect.arrayContaining(wouldBeFalse));
			expect(json.visibility?.gaps.join(' ')).toMatch(/private to other users/);
			expect(json.needsReview).toBe(true);
			// A hand-off in the autonomy metrics, not an autonomous decision.
			expect(json._ltcEvents[0]).toMatchObject({ step: 'deal_risk', decision: 'review', outcome: 'activity_unknown', deal_ref: deal.name });
		});
	});

	it('a user without System Manager or Super Email User: e-mail activity is unknown, not missing, and the run says which role to grant', async () => {
		const withoutEmail = (d: DealSnapshotInput) => ({
			...d,
			communications: (d.communications ?? []).filter((c) => (c.medium ?? 'Email') !== 'Email'),
		});
		const deals = snapshots.filter((d) => falseSignals(d, withoutEmail).length > 0).slice(0, 3);
		expect(deals.length).toBeGreaterThan(0);
		await withSite({ roles: ['Sales User'] }, deals, {}, async (url) => {
			const out = (
				await monitor([{}], { minLevel: 'low' }, {}, { leadToCloseErpNextApi: { baseUrl: url, ...AUTH } })
			).output('Deal Monitor');
			for (const d of deals) {
				const json = out.find((o) => (o.json as Out).deal?.name === d.name)?.json as Visible;
				expect(json, d.name).toBeDefined();
				for (const code of falseSignals(d, withoutEmail)) {
					expect(json.signals.map((s) => s.code)).not.toContain(code);
					expect(json.visibility?.unknown.find((u) => u.signal === code)?.reason).toMatch(/Super Email User/);
				}
				expect(json.needsReview).toBe(true);
				expect(json.warnings?.join(' ')).toMatch(/Super Email User/);
			}
		});
	});

	it('with the roles to see everything, nothing is unknown and the output is the core assessment', async () => {
		const deal = snapshots.find((d) => expected.get(d.name)!.level === 'critical')!;
		await withSite({ roles: ['Sales User', 'System Manager'] }, [deal], {}, async (url) => {
			const [o] = (
				await monitor([{}], { minLevel: 'low' }, {}, { leadToCloseErpNextApi: { baseUrl: url, ...AUTH } })
			).output('Deal Monitor');
			const json = o.json as Visible;
			sameAssessment(json, expected.get(deal.name)!);
			expect(json.visibility).toBeUndefined();
			expect(json.needsReview).toBeUndefined();
		});
	});

	it('reads dates and writes the risk time stamp in the site time zone when none is set on the node', async () => {
		const deal = snapshots.find((d) => expected.get(d.name)!.level === 'critical')!;
		await withSite({ timeZone: 'Europe/Berlin' }, [deal], {}, async (url, site) => {
			const [o] = (
				await monitor(
					[{}],
					{ writeBack: true, minLevel: 'low', timeZone: '' },
					{},
					{ leadToCloseErpNextApi: { baseUrl: url, ...AUTH } },
				)
			).output('Deal Monitor');
			sameAssessment(o.json as Out, expected.get(deal.name)!);
			// samples.asOf is 2026-11-20 10:00 UTC = 11:00 in Berlin.
			expect(site.state.get('Opportunity', deal.name)?.custom_ai_risk_updated_at).toBe('2026-11-20 11:00:00');
		});
	});
});
