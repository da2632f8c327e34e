// Issue 20 inside a real n8n: the Lead Score Calibration node backtests a fake ERPNext history of
// closed Leads (statuses as erpnext/controllers/status_updater.py sets them, tests/contract/
// erpnext-server.mts "Outcome history"), answers with the report and a proposed profile, applying it
// (a production execution, so n8n keeps it in the workflow's static data) changes the scores of the
// Lead Qualifier of the same workflow exactly as the proposed weights say, and restoring brings the
// previous scores back. A manual-style refusal and the version log are checked on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { defaultQualifyConfig, parseLeadInput, qualifyLead } from '../../core/qualify';
import { applyProfile, type BacktestReport, type ScoringProfile } from '../../core/qualify/calibrate';
import { closedLeadHistory } from '../support/closedLeads.mts';
import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { seedClosedLeads, startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';

const CRED_ID = 'ltcErpCred000020';
const WF = 'ltcTestCalibrate1';
const REFERENCE = '2026-11-01T00:00:00Z';

type Node = Record<string, unknown>;
const hook = (name: string, path: string, x: number): Node => ({
	id: `${WF}-${name}`,
	name,
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2.1,
	position: [0, x],
	webhookId: `${WF}-${name}-hook`,
	parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
});
const calibration = (name: string, parameters: Record<string, unknown>, x: number): Node => ({
	id: `${WF}-${name}`,
	name,
	type: 'n8n-nodes-lead-to-close.leadScoreCalibration',
	typeVersion: 1,
	position: [300, x],
	parameters,
	...(parameters.operation === 'backtest' ? { credentials: { leadToCloseErpNextApi: { id: CRED_ID, name: 'ERPNext contract server' } } } : {}),
});

const workflow: WorkflowFixture = {
	id: WF,
	name: 'test lead score calibration',
	nodes: [
		hook('Backtest Hook', 'test/calibration/backtest', 0),
		calibration('Backtest', { operation: 'backtest', options: {} }, 0),
		hook('Apply Hook', 'test/calibration/apply', 200),
		calibration('Apply', { operation: 'apply', version: '={{ $json.body.version }}' }, 200),
		hook('Restore Hook', 'test/calibration/restore', 400),
		calibration('Restore', { operation: 'restore', restoreTo: 'previous' }, 400),
		hook('List Hook', 'test/calibration/list', 600),
		calibration('List', { operation: 'list' }, 600),
		hook('Qualify Hook', 'test/calibration/qualify', 800),
		{ id: `${WF}-split`, name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [300, 800], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
		{ id: `${WF}-lq`, name: 'Lead Qualifier', type: 'n8n-nodes-lead-to-close.leadQualifier', typeVersion: 1, position: [600, 800], parameters: { scoringProfile: 'applied', referenceDate: REFERENCE, options: {} } },
	],
	connections: {
		'Backtest Hook': { main: [[{ node: 'Backtest', type: 'main', index: 0 }]] },
		'Apply Hook': { main: [[{ node: 'Apply', type: 'main', index: 0 }]] },
		'Restore Hook': { main: [[{ node: 'Restore', type: 'main', index: 0 }]] },
		'List Hook': { main: [[{ node: 'List', type: 'main', index: 0 }]] },
		'Qualify Hook': { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
		Split: { main: [[{ node: 'Lead Qualifier', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

const SAMPLE_LEADS = [
	{ company: 'Molkerei Nord GmbH', title: 'Maintenance Technician', industry: 'Dairy', employees: '201-500', country: 'Germany', email: 'a@molkerei-nord.de', message: 'We need 6 drives, installation within 2 months.' },
	{ company: 'Mode Laden', title: 'CEO', industry: 'Retail', employees: '1-10', country: 'Germany', email: 'b@modeladen.de', message: 'Budget 80,000 EUR for a PLC, maybe next year.' },
	{ company: 'Stadtwerke Süd', title: 'Head of Operations', industry: 'Water utility', employees: '501-1000', country: 'Germany', email: 'c@sw-sued.de', message: 'SCADA upgrade, budget 120,000 EUR, start in 3 months.' },
];

let n8n: N8nInstance;
let erp: ErpNextServer;

const post = async (path: string, body: unknown = {}) => {
	const res = await n8n.waitForWebhook(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, 120_000);
	return { status: res.status, json: (await res.json()) as unknown };
};
const scores = async () => {
	const { status, json } = await post('test/calibration/qualify', { leads: SAMPLE_LEADS });
	expect(status).toBe(200);
	return json as Array<{ score: number; route: string; reasons: Array<{ factor: string; detail: string }> }>;
};
const expected = (profile: ScoringProfile | null) => {
	const config = profile ? applyProfile(defaultQualifyConfig, profile) : defaultQualifyConfig;
	return SAMPLE_LEADS.map((lead) => {
		const parsed = parseLeadInput(lead);
		if (!parsed.ok) throw new Error('sample lead does not parse');
		return qualifyLead(parsed.value, config, { now: new Date(REFERENCE) }).score;
	});
};

beforeAll(async () => {
	erp = await startErpNextServer({ apiKey: 'n8n-key', apiSecret: 'n8n-secret-value' });
	seedClosedLeads(erp.state, closedLeadHistory());
	// Open Leads are not history: they must be left out.
	erp.state.seed('Lead', [{ lead_name: 'Still open', company_name: 'Open Foods', status: 'Open', notes: [] }]);
	n8n = await startN8n({
		credentials: [{ id: CRED_ID, name: 'ERPNext contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, apiKey: 'n8n-key', apiSecret: 'n8n-secret-value' } }],
		workflows: [workflow],
		activate: [WF],
	});
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await erp?.stop();
});

describe('Lead Score Calibration in a real n8n', () => {
	it('backtests the ERPNext history, proposes a profile, applying it changes the scores as reported, restoring brings them back', async () => {
		const before = await scores();
		expect(before.map((r) => r.score)).toEqual(expected(null));
		expect(before.every((r) => !r.reasons.some((reason) => reason.factor === 'profile'))).toBe(true);

		const backtest = await post('test/calibration/backtest');
		expect(backtest.status).toBe(200);
		const [report] = backtest.json as Array<BacktestReport & { proposalStored: boolean; appliedVersion: number; skipped: unknown[] }>;
		expect(report.status).toBe('ok');
		expect(report.counts.leads).toBe(160);
		expect(report.counts.converted + report.counts.lost).toBe(160);
		expect(report.current.byGrade).toHaveLength(4);
		expect(report.current.auc).not.toBeNull();
		expect(report.holdout!.proposed.auc).not.toBeNull();
		expect(report.summary).toMatch(/^160 closed leads, \d+ converted\./);
		expect(report.proposalStored).toBe(true);
		expect(report.appliedVersion).toBe(0);
		const proposed = report.proposed!;
		expect(proposed.version).toBe(1);
		// The history rewards company fit, not budget: the proposal moves the points that way.
		expect(proposed.weights.industry).toBeGreaterThan(defaultQualifyConfig.weights.industry);
		expect(proposed.weights.budget).toBeLessThan(defaultQualifyConfig.weights.budget);
		expect(proposed.reasons.find((r) => r.factor === 'industry')!.detail).toMatch(/^weight raised from 8 to/);

		const afterApplyExpected = expected(proposed);
		expect(afterApplyExpected).not.toEqual(expected(null));
		const applied = await post('test/calibration/apply', { version: 1 });
		expect(applied.status).toBe(200);
		expect((applied.json as Array<{ appliedVersion: number; previousVersion: number }>)[0]).toMatchObject({ appliedVersion: 1, previousVersion: 0 });

		const after = await scores();
		expect(after.map((r) => r.score)).toEqual(afterApplyExpected);
		expect(after[0].reasons.find((r) => r.factor === 'profile')!.detail).toMatch(/^scored with scoring profile version 1 \(learnt from 112 closed leads/);

		const restored = await post('test/calibration/restore');
		expect((restored.json as Array<{ appliedVersion: number; previousVersion: number }>)[0]).toMatchObject({ appliedVersion: 0, previousVersion: 1 });
		expect((await scores()).map((r) => r.score)).toEqual(expected(null));

		const listed = await post('test/calibration/list');
		const [list] = listed.json as Array<{ appliedVersion: number; versions: Array<{ version: number }>; log: Array<{ action: string; version: number; previous: number }> }>;
		expect(list.appliedVersion).toBe(0);
		expect(list.versions.map((v) => v.version)).toEqual([1]);
		expect(list.log.map((e) => [e.action, e.version, e.previous])).toEqual([
			['apply', 1, 0],
			['restore', 0, 1],
		]);
	});

	it('refuses to apply a version that does not exist, naming the stored ones', async () => {
		const res = await post('test/calibration/apply', { version: 7 });
		expect(res.status).toBe(500);
		const failed = (await n8n.executions(WF)).filter((e) => e.status === 'error');
		expect(failed).toHaveLength(1);
		const detail = await n8n.execution(failed[0].id);
		expect(typeof detail.data === 'string' ? detail.data : JSON.stringify(detail.data)).toContain('scoring profile version 7 does not exist (stored versions: 1)');
		// Nothing changed: the parameters still score.
		expect((await scores()).map((r) => r.score)).toEqual(expected(null));
	});
});
