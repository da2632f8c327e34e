// The ERPNext history reader of the Lead Score Calibration node against the Frappe contract server:
// which Leads count (closed statuses only), each scored as of its creation, what is skipped and why,
// and that the backtest over what it reads is the one the real-n8n test then applies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErpNextClient } from '../../../connectors/erpnext';
import { defaultQualifyConfig } from '../../../core/qualify';
import { runBacktest } from '../../../core/qualify/calibrate';
import { readErpNextHistory, CONVERTED_STATUSES, LOST_STATUSES } from '../../../nodes/LeadScoreCalibration/history';
import { seedClosedLeads, startErpNextServer, type ErpNextServer } from '../../contract/erpnext-server.mts';
import { closedLeadHistory } from '../../support/closedLeads.mts';

let server: ErpNextServer;
let client: ErpNextClient;

beforeAll(async () => {
	server = await startErpNextServer({ apiKey: 'k', apiSecret: 's' });
	seedClosedLeads(server.state, closedLeadHistory());
	server.state.seed('Lead', [
		{ lead_name: 'Open one', company_name: 'Open Foods', status: 'Open', notes: [] },
		{ lead_name: 'Replied one', company_name: 'Replied Foods', status: 'Replied', notes: [] },
	]);
	client = ErpNextClient.withToken({ baseUrl: server.url, apiKey: 'k', apiSecret: 's' });
});
afterAll(async () => server?.stop());

const statuses = { converted: CONVERTED_STATUSES, lost: LOST_STATUSES };

describe('readErpNextHistory', () => {
	it('reads the closed Leads only, with the outcome their status says and the date they came in', async () => {
		const { leads, skipped } = await readErpNextHistory(client, defaultQualifyConfig, statuses, undefined);
		expect(leads).toHaveLength(160);
		expect(skipped).toEqual([]);
		const rows = closedLeadHistory();
		const converted = rows.filter((r) => r.status === 'Converted' || r.status === 'Opportunity').length;
		expect(leads.filter((l) => l.outcome === 'converted')).toHaveLength(converted);
		expect(leads[0].created).toBe('2025-01-01T10:00:00.000Z');
		// The note's "within 2 months" is read relative to the Lead's creation, and the fit from its fields.
		const soonFit = leads.find((l) => l.factors.timeline === 'within3Months' && l.factors.industry);
		expect(soonFit).toBeDefined();
		expect(new Set(leads.map((l) => l.factors.authority))).toEqual(new Set(['decision_maker', 'user']));
		// One list request (paged) and one GET per Lead for its notes.
		const gets = server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/resource/Lead/'));
		expect(gets).toHaveLength(160);
	});

	it('Created After narrows the history; the backtest over it is too small to propose anything', async () => {
		const { leads } = await readErpNextHistory(client, defaultQualifyConfig, statuses, new Date('2025-10-01T00:00:00Z'));
		expect(leads.length).toBeGreaterThan(0);
		expect(leads.length).toBeLessThan(40);
		expect(leads.every((l) => l.created >= '2025-10-01')).toBe(true);
		const report = runBacktest(leads, defaultQualifyConfig);
		expect(report.status).toBe('too_small');
		expect(report.proposed).toBeNull();
	});

	it('the whole history gives a proposal that moves points from budget to company fit', async () => {
		const { leads } = await readErpNextHistory(client, defaultQualifyConfig, statuses, undefined);
		const report = runBacktest(leads, defaultQualifyConfig);
		expect(report.status).toBe('ok');
		expect(report.proposed!.weights.industry).toBeGreaterThan(8);
		expect(report.proposed!.weights.budget).toBeLessThan(25);
		expect(report.counts).toMatchObject({ leads: 160, training: 112, holdout: 48 });
	});
});
