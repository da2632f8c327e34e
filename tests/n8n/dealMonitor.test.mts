// The Deal Monitor inside a real n8n: a webhook workflow whose Deal Monitor scans the ERPNext contract
// server (through tests/nodes/support/dealErpNext.mts, which adds Event, Version and assign_to) seeded
// with the hand-labelled samples/deals.json, with write-back and ToDo assignment on, using an imported
// Lead-to-Close ERPNext credential. Asserts what n8n answered, what reached ERPNext (AI fields, one
// comment per at-risk deal, one ToDo per critical deal), that a second scan writes and assigns nothing
// new, and that activity was read with one list request per doctype per page.
import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DealSnapshotInput } from '../../core/dealRisk/index.ts';
import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { seedDeals, startDealErpNext, type DealErpNext } from '../nodes/support/dealErpNext.mts';

const CRED_ID = 'ltcDealErpCred01';
const AUTH = { apiKey: 'n8n-deal-key', apiSecret: 'n8n-deal-secret-value' };
const samples = JSON.parse(
	readFileSync(new URL('../../samples/deals.json', import.meta.url), 'utf8'),
) as {
	asOf: string;
	timeZone: string;
	deals: Array<DealSnapshotInput & { label: unknown }>;
};
const snapshots = samples.deals.map(({ label: _label, ...deal }) => deal);
// The two critical sample deals, copied without ToDos so their owners have none open yet.
const CRITICAL = ['CRM-OPP-2026-00125', 'CRM-OPP-2026-00152'];

function workflow(id: string, path: string, parameters: Record<string, unknown>): WorkflowFixture {
	return {
		id,
		name: `test ${id}`,
		nodes: [
			{
				id: `${id}-1`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: `${id}-hook`,
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: `${id}-2`,
				name: 'Deal Monitor',
				type: 'n8n-nodes-lead-to-close.dealMonitor',
				typeVersion: 1,
				position: [200, 0],
				parameters: { referenceDate: samples.asOf, timeZone: samples.timeZone, ...parameters },
				credentials: { leadToCloseErpNextApi: { id: CRED_ID, name: 'ERPNext contract server' } },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Deal Monitor', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const scan = workflow('ltcTestDealScan01', 'test/deal-scan', {
	writeBack: true,
	assignTodos: true,
	options: { pageSize: 20 },
});
const digest = workflow('ltcTestDealDigest', 'test/deal-digest', { outputMode: 'digest' });

let n8n: N8nInstance;
let erp: ErpNextServer;
let front: DealErpNext;

beforeAll(async () => {
	erp = await startErpNextServer(AUTH);
	front = await startDealErpNext(erp, AUTH);
	seedDeals(front, snapshots);
	seedDeals(
		front,
		snapshots
			.filter((d) => CRITICAL.includes(d.name))
			.map((d) => ({ ...d, name: `${d.name}-B`, todos: [] })),
		{ suffix: '-B' },
	);
	n8n = await startN8n({
		credentials: [
			{
				id: CRED_ID,
				name: 'ERPNext contract server',
				type: 'leadToCloseErpNextApi',
				data: { baseUrl: front.url, ...AUTH },
			},
		],
		workflows: [scan, digest],
		activate: [scan.id, digest.id],
	});
});

afterAll(async () => {
	await n8n?.stop();
	await front?.stop();
	await erp?.stop();
});

interface DealItem {
	deal: { name: string; opportunity_owner: string | null };
	level: string;
	riskScore: number;
	signals: Array<{ code: string; severity: string }>;
	erpnext: {
		fieldsWritten: boolean;
		comment: { created: boolean };
		todo: { created: boolean; reason?: string } | null;
	};
	_ltcEvents: Array<{
		step: string;
		decision: string | null;
		outcome: string | null;
		deal_ref: string;
	}>;
}

const post = async (path: string) =>
	await n8n.waitForWebhook(
		path,
		{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
		120_000,
	);

describe('Deal Monitor in a real n8n', () => {
	it('scans ERPNext, writes back, assigns one ToDo per critical deal, never a second, and writes nothing once nothing changed', async () => {
		const from = front.requests.length;
		const first = await post('test/deal-scan');
		expect(first.status).toBe(200);
		const deals = (await first.json()) as DealItem[];
		expect(deals.length).toBeGreaterThan(10);
		for (const d of deals) {
			expect(['medium', 'high', 'critical']).toContain(d.level);
			expect(erp.state.get('Opportunity', d.deal.name)).toMatchObject({
				custom_ai_risk_score: d.riskScore,
				custom_ai_risk_level: d.level,
			});
			expect(d._ltcEvents[0]).toMatchObject({
				step: 'deal_risk',
				decision: d.signals[0].code,
				outcome: d.signals[0].severity,
				deal_ref: d.deal.name,
			});
		}
		const assigned = deals.filter((d) => d.erpnext.todo?.created).map((d) => d.deal.name);
		expect(assigned.sort()).toEqual(CRITICAL.map((n) => `${n}-B`));
		const riskTodos = () =>
			erp.state.all('ToDo').filter((t) => String(t.description).includes('[ltc-risk '));
		expect(
			riskTodos()
				.map((t) => t.reference_name)
				.sort(),
		).toEqual(assigned.sort());
		expect(
			erp.state.all('Comment').filter((c) => c.reference_doctype === 'Opportunity'),
		).toHaveLength(deals.length);
		// Every request n8n made carried the credential's token.
		expect(front.requests.slice(from).length).toBeGreaterThan(0);
		expect(
			erp.requests.filter(
				(r) => !String(r.headers.authorization).startsWith(`token ${AUTH.apiKey}:`),
			),
		).toEqual([]);
		// 51 open deals in pages of 20: three pages, one list request per doctype and page; Opportunity
		// twice per page: the deals, then their `_comments` (the audit-comment keys, no Comment read).
		const counts = front.listCounts(from);
		expect(counts).toMatchObject({
			Opportunity: 6,
			Communication: 3,
			ToDo: 3,
			Quotation: 3,
			Version: 3,
		});

		// Second scan: the new ToDos are a planned next step, so only those two deals changed (no_next_step
		// is gone): they are rewritten and commented once more, and get no second ToDo.
		const copies = CRITICAL.map((n) => `${n}-B`);
		const second = await post('test/deal-scan');
		expect(second.status).toBe(200);
		const again = (await second.json()) as DealItem[];
		expect(again.map((d) => d.deal.name).sort()).toEqual(deals.map((d) => d.deal.name).sort());
		for (const d of again) {
			const changed = copies.includes(d.deal.name);
			expect([d.deal.name, d.erpnext.fieldsWritten, d.erpnext.comment.created]).toEqual([
				d.deal.name,
				changed,
				changed,
			]);
			if (changed) expect(d.signals.map((s) => s.code)).not.toContain('no_next_step');
			if (changed)
				expect(d.erpnext.todo).toMatchObject({ created: false, reason: 'open_todo_exists' });
		}
		expect(riskTodos()).toHaveLength(2);

		// Third scan: nothing changed, nothing is written.
		const writes = erp.writes().length;
		expect((await post('test/deal-scan')).status).toBe(200);
		expect(erp.writes().slice(writes)).toEqual([]);
		expect(riskTodos()).toHaveLength(2);
	});

	it('answers one digest item for the whole pipeline', async () => {
		const res = await post('test/deal-digest');
		expect(res.status).toBe(200);
		const [item, ...rest] = (await res.json()) as Array<{
			dealsAssessed: number;
			atRisk: number;
			byLevel: Record<string, number>;
			deals: unknown[];
			_ltcEvents: unknown[];
		}>;
		expect(rest).toEqual([]);
		expect(item.dealsAssessed).toBe(
			snapshots.filter((d) => ['Open', 'Quotation', 'Replied'].includes(d.status)).length +
				CRITICAL.length,
		);
		expect(item.deals).toHaveLength(item.atRisk);
		expect(item._ltcEvents).toHaveLength(item.atRisk);
		expect(item.byLevel.critical).toBeGreaterThanOrEqual(CRITICAL.length * 2);
	});
});
