// Issue 20 inside a real n8n, through the importable workflows/lead-score-calibration.json: the Lead
// Score Calibration node backtests a fake ERPNext history of
// closed Leads (statuses as erpnext/controllers/status_updater.py sets them, tests/contract/
// erpnext-server.mts "Outcome history"), answers with the report and a proposed profile, applying it
// (a production execution, so n8n keeps it in the workflow's static data) changes the scores of the
// Lead Qualifier of the same workflow exactly as the proposed weights say, and restoring brings the
// previous scores back. A manual-style refusal and the version log are checked on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { defaultQualifyConfig, parseLeadInput, qualifyLead } from '../../core/qualify';
import { applyProfile, type BacktestReport, type ScoringProfile } from '../../core/qualify/calibrate';
import { closedLeadHistory } from '../support/closedLeads.mts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { newWebhookKey, webhookHeaders, webhookKeyCredential } from '../../scripts/webhook-auth.mts';
import { seedClosedLeads, startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';

const REFERENCE = '2026-11-01T00:00:00Z';
const WEBHOOK_KEY = newWebhookKey();

// The importable workflow itself, with its Lead Qualifier's Reference Date fixed so expected scores do not
// depend on today's date ("maybe next year").
const workflow = JSON.parse(readFileSync(join(ROOT, 'workflows', 'lead-score-calibration.json'), 'utf8')) as WorkflowFixture & {
	nodes: Array<{ type: string; parameters: Record<string, unknown> }>;
};
const WF = workflow.id;
for (const node of workflow.nodes) {
	if (node.type === 'n8n-nodes-lead-to-close.leadQualifier') node.parameters = { ...node.parameters, referenceDate: REFERENCE };
}

const SAMPLE_LEADS = [
	{ company: 'Molkerei Nord GmbH', title: 'Maintenance Technician', industry: 'Dairy', employees: '201-500', country: 'Germany', email: 'a@molkerei-nord.de', message: 'We need 6 drives, installation within 2 months.' },
	{ company: 'Mode Laden', title: 'CEO', industry: 'Retail', employees: '1-10', country: 'Germany', email: 'b@modeladen.de', message: 'Budget 80,000 EUR for a PLC, maybe next year.' },
	{ company: 'Stadtwerke Süd', title: 'Head of Operations', industry: 'Water utility', employees: '501-1000', country: 'Germany', email: 'c@sw-sued.de', message: 'SCADA upgrade, budget 120,000 EUR, start in 3 months.' },
];

let n8n: N8nInstance;
let erp: ErpNextServer;

const post = async (path: string, body?: unknown) => {
	const init: RequestInit = body === undefined
		? { method: 'GET', headers: webhookHeaders(WEBHOOK_KEY) }
		: { method: 'POST', headers: { ...webhookHeaders(WEBHOOK_KEY), 'content-type': 'application/json' }, body: JSON.stringify(body) };
	const res = await n8n.waitForWebhook(path, init, 120_000);
	return { status: res.status, json: (await res.json()) as unknown };
};
const scores = async () => {
	const { status, json } = await post('lead-to-close/qualify-calibrated', { leads: SAMPLE_LEADS });
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
		credentials: [
			webhookKeyCredential(WEBHOOK_KEY),
			{ id: 'ltcErpNextCred001', name: 'Lead-to-Close ERPNext', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, apiKey: 'n8n-key', apiSecret: 'n8n-secret-value' } },
		],
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

		const backtest = await post('lead-to-close/scoring-profile/backtest', {});
		expect(backtest.status).toBe(200);
		const report = backtest.json as BacktestReport & { proposalStored: boolean; appliedVersion: number; skipped: unknown[] };
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
		const applied = await post('lead-to-close/scoring-profile/apply', { version: 1 });
		expect(applied.status).toBe(200);
		expect(applied.json as { appliedVersion: number; previousVersion: number }).toMatchObject({ appliedVersion: 1, previousVersion: 0 });

		const after = await scores();
		expect(after.map((r) => r.score)).toEqual(afterApplyExpected);
		expect(after[0].reasons.find((r) => r.factor === 'profile')!.detail).toMatch(/^scored with scoring profile version 1 \(learnt from 112 closed leads/);

		const restored = await post('lead-to-close/scoring-profile/restore', {});
		expect(restored.json as { appliedVersion: number; previousVersion: number }).toMatchObject({ appliedVersion: 0, previousVersion: 1 });
		expect((await scores()).map((r) => r.score)).toEqual(expected(null));

		const listed = await post('lead-to-close/scoring-profile');
		const list = listed.json as { appliedVersion: number; versions: Array<{ version: number }>; log: Array<{ action: string; version: number; previous: number }> };
		expect(list.appliedVersion).toBe(0);
		expect(list.versions.map((v) => v.version)).toEqual([1]);
		expect(list.log.map((e) => [e.action, e.version, e.previous])).toEqual([
			['apply', 1, 0],
			['restore', 0, 1],
		]);
	});

	it('refuses to apply a version that does not exist, naming the stored ones', async () => {
		const res = await post('lead-to-close/scoring-profile/apply', { version: 7 });
		expect(res.status).toBe(500);
		const failed = (await n8n.executions(WF)).filter((e) => e.status === 'error');
		expect(failed).toHaveLength(1);
		const detail = await n8n.execution(failed[0].id);
		expect(typeof detail.data === 'string' ? detail.data : JSON.stringify(detail.data)).toContain('scoring profile version 7 does not exist (stored versions: 1)');
		// Nothing changed: the parameters still score.
		expect((await scores()).map((r) => r.score)).toEqual(expected(null));
	});
});
