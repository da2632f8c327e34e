// The Deal Monitor remembers a closed or cancelled risk ToDo (ADR 0046, amended), in the n8n engine
// (in-process) against the ERPNext contract server behind the Deal Monitor's front: the next scan makes
// no new ToDo for the same deal and signal while the deal is no worse and the period has not passed,
// and makes one when it gets a new signal or the period passed (read from the ToDos of every status,
// as the record holds them). Propose-only: a deal whose values wait in a new ToDo has a review /
// proposed event beside its signal's, and a deal no longer at risk has its AI fields cleared, once.
import { readFileSync } from 'node:fs';

import type { IDataObject, INode } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LeadToCloseErpNextApi } from '../../credentials/LeadToCloseErpNextApi.credentials';
import type { DealSnapshotInput } from '../../core/dealRisk/index.ts';
import { DealMonitor } from '../../nodes/DealMonitor/DealMonitor.node';
import { decideAssignment, startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { chain, node, runWorkflow } from '../workflow/harness.mts';
import { seedDeals, startDealErpNext, type DealErpNext } from './support/dealErpNext.mts';

const TYPE = 'n8n-nodes-lead-to-close.dealMonitor';
const AUTH = { apiKey: 'deal-answered-key', apiSecret: 'deal-answered-secret-5e1f' };
const samples = JSON.parse(readFileSync(new URL('../../samples/deals.json', import.meta.url), 'utf8')) as {
	asOf: string;
	timeZone: string;
	deals: Array<DealSnapshotInput & { label: unknown }>;
};
const BASE = { referenceDate: samples.asOf, timeZone: samples.timeZone };
// A critical sample deal (close date passed, stale, quotation expired…), copied without its ToDos.
const { label: _label, ...CRITICAL } = samples.deals.find((d) => d.name === 'CRM-OPP-2026-00125')!;
const OWNER = String(CRITICAL.opportunity_owner);
const deal = (suffix: string) => `${CRITICAL.name}-${suffix}`;

let erp: ErpNextServer;
let front: DealErpNext;
beforeAll(async () => {
	erp = await startErpNextServer(AUTH);
	front = await startDealErpNext(erp, AUTH);
	for (const s of ['D', 'C', 'P', 'Z']) seedDeals(front, [{ ...CRITICAL, name: deal(s), todos: [] }], { suffix: `-${s}` });
});
afterAll(async () => {
	await front?.stop();
	await erp?.stop();
});

async function scan(params: INode['parameters'], items: unknown[] = [{}]) {
	return await runWorkflow({
		nodeTypes: { [TYPE]: new DealMonitor() },
		credentialTypes: [new LeadToCloseErpNextApi()],
		credentials: { leadToCloseErpNextApi: { baseUrl: front.url, ...AUTH } } as never,
		nodes: [node('Start', 'test.start', { items: JSON.stringify(items) }), node('Deal Monitor', TYPE, { ...BASE, ...params })],
		connections: chain('Start', 'Deal Monitor'),
	});
}
const byDeal = (r: Awaited<ReturnType<typeof scan>>) =>
	new Map(r.output('Deal Monitor').map((o) => [String((o.json.deal as IDataObject).name), o.json]));
const todosOf = (name: string) => erp.state.all('ToDo').filter((t) => t.reference_type === 'Opportunity' && t.reference_name === name);
const TASKS = { assignTodos: true, minLevel: 'critical', source: 'items' };
/** D and C as input items: the first test's scans leave P and Z alone. */
const DC = () => ['D', 'C'].map((s) => erp.state.get('Opportunity', deal(s))!);

describe('Deal Monitor: a closed or cancelled risk ToDo is remembered', () => {
	it('no new ToDo for the same deal and signal until the deal gets a new signal or the period passed', async () => {
		const first = byDeal(await scan(TASKS, DC()));
		for (const s of ['D', 'C']) {
			expect(first.get(deal(s))!.erpnext).toMatchObject({ todo: { created: true, assignedTo: OWNER } });
			expect(todosOf(deal(s))).toHaveLength(1);
		}
		// The owner removes D's assignment and closes C's ToDo an hour before the next scan (Berlin time).
		const [dismissed, closed] = ['D', 'C'].map((s) => String(todosOf(deal(s))[0].name));
		decideAssignment(erp.state, dismissed, 'Cancelled', OWNER, '2026-11-20 10:00:00.000000');
		decideAssignment(erp.state, closed, 'Closed', OWNER, '2026-11-20 10:00:00.000000');

		const second = byDeal(await scan(TASKS, DC()));
		expect(second.get(deal('D'))!.erpnext).toMatchObject({
			todo: { created: false, reason: 'recently_answered', answeredTask: dismissed, answered: 'dismissed', askAgainAfter: '2026-12-04T09:00:00.000Z' },
		});
		expect(second.get(deal('C'))!.erpnext).toMatchObject({ todo: { created: false, reason: 'recently_answered', answered: 'closed' } });
		expect(todosOf(deal('D'))).toHaveLength(1);
		expect(todosOf(deal('C'))).toHaveLength(1);

		// C's answer was given 15 days ago: the period (14 days by default) passed.
		erp.state.get('ToDo', closed)!.modified = '2026-11-05 10:00:00.000000';
		// D gets worse: its probability drops far below what Negotiation/Review expects (a new signal).
		erp.state.dbSet('Opportunity', deal('D'), { probability: 5 });
		const third = byDeal(await scan(TASKS, DC()));
		expect((third.get(deal('D'))!.signals as IDataObject[]).map((s) => s.code)).toContain('probability_low_for_stage');
		expect(third.get(deal('D'))!.erpnext).toMatchObject({ todo: { created: true, askedAgain: 'new signal probability_low_for_stage' } });
		expect(third.get(deal('C'))!.erpnext).toMatchObject({ todo: { created: true, askedAgain: `14 days since ${closed} was answered` } });
		expect(todosOf(deal('D')).map((t) => t.status)).toEqual(['Cancelled', 'Open']);
		expect(todosOf(deal('C')).map((t) => t.status)).toEqual(['Closed', 'Open']);
	});

	it('names the option and its value when the period is not a whole number of days', async () => {
		const r = await scan({ ...TASKS, options: { askAgainDays: 1.5 } });
		expect(r.error('Deal Monitor')?.message).toBe(
			'Days Before a Closed or Cancelled ToDo Is Assigned Again must be a whole number from 0 to 365, got 1.5',
		);
	});
});

describe('Deal Monitor propose-only: the review queue and the reset', () => {
	it('a deal whose values wait in a new ToDo has a review / proposed event in its decision point; a waiting one does not again', async () => {
		const items = [erp.state.get('Opportunity', deal('P'))!];
		const params = { source: 'items', writeBack: true, proposeOnly: true };
		const [first] = (await scan(params, items)).output('Deal Monitor');
		const events = first.json._ltcEvents as IDataObject[];
		expect(events.map((e) => [e.decision, e.outcome])).toEqual([
			[expect.any(String), 'high'],
			[null, 'assigned'],
			['review', 'proposed'],
		]);
		expect(new Set(events.map((e) => `${e.execution_id} ${e.step} ${e.deal_ref}`)).size).toBe(1);
		expect(events[2]).toMatchObject({ actor: 'system', service: 'erpnext', score: first.json.riskScore });
		expect(erp.state.get('Opportunity', deal('P'))!.custom_ai_risk_level ?? null).toBeNull();
		const [again] = (await scan(params, items)).output('Deal Monitor');
		expect((again.json.erpnext as IDataObject).todo).toMatchObject({ created: false, reason: 'open_todo_exists' });
		expect((again.json._ltcEvents as IDataObject[]).map((e) => e.decision)).not.toContain('review');
	});

	it('a deal no longer at risk has its AI fields cleared, once; nothing new is proposed for it', async () => {
		erp.state.dbSet('Opportunity', deal('Z'), {
			status: 'Converted',
			custom_ai_risk_score: 91,
			custom_ai_risk_level: 'critical',
			custom_ai_risk_signals: 'close_date_passed, stale',
			custom_ai_risk_next_action: 'Agree a new close date (High, due 2026-11-21)',
			custom_ai_risk_summary: 'Everything is going wrong.',
		});
		const puts = () => erp.writes().filter((w) => w.method === 'PUT' && w.path === `/api/resource/Opportunity/${deal('Z')}`).length;
		const params = { source: 'items', writeBack: true, proposeOnly: true };
		const first = await scan(params, [erp.state.get('Opportunity', deal('Z'))!]);
		expect(first.output('Deal Monitor')).toEqual([]);
		expect(erp.state.get('Opportunity', deal('Z'))).toMatchObject({
			custom_ai_risk_score: 0,
			custom_ai_risk_level: '',
			custom_ai_risk_signals: '',
			custom_ai_risk_next_action: '',
			custom_ai_risk_summary: '',
		});
		expect(puts()).toBe(1);
		expect(todosOf(deal('Z'))).toEqual([]);
		await scan(params, [erp.state.get('Opportunity', deal('Z'))!]);
		expect(puts()).toBe(1);
	});
});
