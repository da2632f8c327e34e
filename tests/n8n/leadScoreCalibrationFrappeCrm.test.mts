// Issue 20 on Frappe CRM inside a real n8n, through the importable workflows/lead-score-calibration.json
// with its Backtest and Propose node set to System of Record "Frappe CRM": the history is the fake Frappe
// CRM site's closed CRM Leads (tests/contract/frappe-crm-app.mts "Outcome history on Frappe CRM", frappe/crm
// @ 8b7dfdde: leads converted to deals won/open vs lost), the report and the proposal come back, and
// applying the proposal changes the Lead Qualifier's scores as the proposed weights say. The ERPNext path
// of the same workflow is tests/n8n/leadScoreCalibration.test.mts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { defaultQualifyConfig, parseLeadInput, qualifyLead } from '../../core/qualify';
import { applyProfile, type BacktestReport, type ScoringProfile } from '../../core/qualify/calibrate';
import { ROOT, startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { newWebhookKey, webhookHeaders, webhookKeyCredential } from '../../scripts/webhook-auth.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { seedCrmOutcomeHistory } from '../contract/frappe-crm-app.mts';
import { closedCrmLeadHistory } from '../support/closedCrmLeads.mts';

const REFERENCE = '2026-11-01T00:00:00Z';
const WEBHOOK_KEY = newWebhookKey();

const workflow = JSON.parse(readFileSync(join(ROOT, 'workflows', 'lead-score-calibration.json'), 'utf8')) as WorkflowFixture & {
	nodes: Array<{ type: string; parameters: Record<string, unknown> }>;
};
const WF = workflow.id;
for (const node of workflow.nodes) {
	if (node.type === 'n8n-nodes-lead-to-close.leadQualifier') node.parameters = { ...node.parameters, referenceDate: REFERENCE };
	if (node.type === 'n8n-nodes-lead-to-close.leadScoreCalibration' && node.parameters.operation === 'backtest')
		node.parameters = { ...node.parameters, systemOfRecord: 'frappeCrm' };
}

const SAMPLE_LEADS = [
	{ company: 'Molkerei Nord GmbH', title: 'Maintenance Technician', industry: 'Dairy', employees: '201-500', country: 'Germany', email: 'a@molkerei-nord.de', message: 'We need 6 drives, installation within 2 months.' },
	{ company: 'Mode Laden', title: 'CEO', industry: 'Retail', employees: '1-10', country: 'Germany', email: 'b@modeladen.de', message: 'Budget 80,000 EUR for a PLC, maybe next year.' },
];

let n8n: N8nInstance;
let crm: ErpNextServer;

const post = async (path: string, body?: unknown) => {
	const init: RequestInit = { method: 'POST', headers: { ...webhookHeaders(WEBHOOK_KEY), 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) };
	const res = await n8n.waitForWebhook(path, init, 120_000);
	return { status: res.status, json: (await res.json()) as unknown };
};
const scores = async () => {
	const { status, json } = await post('lead-to-close/qualify-calibrated', { leads: SAMPLE_LEADS });
	expect(status).toBe(200);
	return (json as Array<{ score: number }>).map((r) => r.score);
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
	crm = await startErpNextServer({ apiKey: 'n8n-key', apiSecret: 'n8n-secret-value', apps: ['crm'] });
	seedCrmOutcomeHistory(crm.state, closedCrmLeadHistory());
	crm.state.seed('CRM Lead', [{ naming_series: 'CRM-LEAD-.YYYY.-', first_name: 'Open', organization: 'Open Foods', status: 'New', converted: 0 }]);
	n8n = await startN8n({
		credentials: [
			webhookKeyCredential(WEBHOOK_KEY),
			{ id: 'ltcErpNextCred001', name: 'Lead-to-Close ERPNext', type: 'leadToCloseErpNextApi', data: { baseUrl: crm.url, apiKey: 'n8n-key', apiSecret: 'n8n-secret-value' } },
		],
		workflows: [workflow],
		activate: [WF],
	});
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await crm?.stop();
});

describe('Lead Score Calibration on Frappe CRM in a real n8n', () => {
	it('backtests the closed CRM Leads, proposes a profile, and applying it changes the scores as reported', async () => {
		expect(await scores()).toEqual(expected(null));
		const backtest = await post('lead-to-close/scoring-profile/backtest');
		expect(backtest.status).toBe(200);
		const report = backtest.json as BacktestReport & { proposalStored: boolean; skipped: unknown[] };
		expect(report.status).toBe('ok');
		expect(report.counts).toMatchObject({ leads: 160, training: 112, holdout: 48 });
		expect(report.skipped).toEqual([]);
		expect(report.proposalStored).toBe(true);
		const proposed = report.proposed!;
		expect(proposed.version).toBe(1);
		expect(proposed.weights.industry).toBeGreaterThan(defaultQualifyConfig.weights.industry);
		expect(crm.writes()).toEqual([]);

		const applied = await post('lead-to-close/scoring-profile/apply', { version: 1 });
		expect(applied.json as { appliedVersion: number }).toMatchObject({ appliedVersion: 1 });
		expect(await scores()).toEqual(expected(proposed));
	});
});
