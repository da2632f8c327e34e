// Lead Score Calibration with System of Record "Frappe CRM" in the n8n engine (in-process) against the
// Frappe contract server hosting the Frappe CRM app (apps: ['crm'], frappe/crm @ 8b7dfdde): the closed
// history is CRM Leads converted to a CRM Deal (won or still open) or lost (their deal lost, or the lead
// in a status of type Lost), each read with its FCRM Notes and scored as of its creation by the same
// reader the ERPNext history uses (tests/nodes/leadScoreCalibration/history.test.mts). Open leads are
// left out; a short history is reported as too small.
import type { IDataObject, INode } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LeadToCloseErpNextApi } from '../../../credentials/LeadToCloseErpNextApi.credentials';
import { crmLeadOutcome } from '../../../nodes/LeadScoreCalibration/history';
import { LeadScoreCalibration } from '../../../nodes/LeadScoreCalibration/LeadScoreCalibration.node';
import { startErpNextServer, type ErpNextServer } from '../../contract/erpnext-server.mts';
import { seedCrmOutcomeHistory } from '../../contract/frappe-crm-app.mts';
import { closedCrmLeadHistory } from '../../support/closedCrmLeads.mts';
import { closedLeadHistory } from '../../support/closedLeads.mts';
import { chain, node, runWorkflow } from '../../workflow/harness.mts';

const TYPE = 'n8n-nodes-lead-to-close.leadScoreCalibration';

let crm: ErpNextServer;

async function backtest(params: INode['parameters'] = {}) {
	const r = await runWorkflow({
		nodeTypes: { [TYPE]: new LeadScoreCalibration() },
		credentialTypes: [new LeadToCloseErpNextApi()],
		credentials: { leadToCloseErpNextApi: { baseUrl: crm.url, apiKey: 'k', apiSecret: 's3cret-value' } } as never,
		nodes: [
			node('Start', 'test.start', { items: JSON.stringify([{}]) }),
			node('Calibration', TYPE, { operation: 'backtest', systemOfRecord: 'frappeCrm', ...params }),
		],
		connections: chain('Start', 'Calibration'),
	});
	return r.output('Calibration').map((i) => i.json as IDataObject & Record<string, any>);
}

beforeAll(async () => {
	crm = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value', apps: ['crm'] });
	seedCrmOutcomeHistory(crm.state, closedCrmLeadHistory());
	// Still open: never converted, in statuses of type Open / Ongoing.
	crm.state.seed('CRM Lead', [
		{ naming_series: 'CRM-LEAD-.YYYY.-', first_name: 'Open', organization: 'Open Foods', status: 'New', converted: 0 },
		{ naming_series: 'CRM-LEAD-.YYYY.-', first_name: 'Talking', organization: 'Talking Foods', status: 'Contacted', converted: 0 },
	]);
});
afterAll(async () => crm?.stop());

describe('Lead Score Calibration on Frappe CRM', () => {
	it('backtests the closed CRM Leads (deals won/open vs lost) and proposes a profile', async () => {
		const [out] = await backtest();
		expect(out.status).toBe('ok');
		expect(out.counts).toMatchObject({ leads: 160, training: 112, holdout: 48 });
		expect(out.skipped).toEqual([]);
		const rows = closedLeadHistory();
		const converted = rows.filter((r) => r.status === 'Converted' || r.status === 'Opportunity').length;
		expect(out.counts).toMatchObject({ converted, lost: 160 - converted });
		expect(out.proposed).not.toBeNull();
		// The same history as the ERPNext test, read from Frappe CRM: the same direction of change.
		expect(out.proposed.weights.industry).toBeGreaterThan(8);
		expect(out.proposed.weights.budget).toBeLessThan(25);
		expect(out.proposalStored).toBe(false);
		// Each closed lead is read whole with its notes; the open two are never read.
		const gets = crm.requests.filter((r) => r.method === 'GET' && decodeURIComponent(r.path).startsWith('/api/resource/CRM Lead/'));
		expect(gets).toHaveLength(160);
		expect(crm.writes()).toEqual([]);
	});

	it('a short history (Created After) is reported as too small, with no proposal', async () => {
		const [out] = await backtest({ createdAfter: '2025-10-01T00:00:00Z' });
		expect(out.counts.leads).toBeGreaterThan(0);
		expect(out.counts.leads).toBeLessThan(40);
		expect(out.status).toBe('too_small');
		expect(out.proposed).toBeNull();
	});
});

describe('crmLeadOutcome', () => {
	it('a deal won or open converts the lead, deals all lost lose it, else the lead status type decides', () => {
		const lead = { status: 'Qualified', converted: true };
		expect(crmLeadOutcome(lead, ['Won'], 'Won')).toBe('converted');
		expect(crmLeadOutcome(lead, ['Ongoing'], 'Won')).toBe('converted');
		expect(crmLeadOutcome(lead, ['Lost', 'Won'], 'Won')).toBe('converted');
		expect(crmLeadOutcome(lead, ['Lost'], 'Won')).toBe('lost');
		expect(crmLeadOutcome(lead, [], 'Won')).toBe('converted');
		expect(crmLeadOutcome({ status: 'Junk', converted: false }, [], 'Lost')).toBe('lost');
		expect(crmLeadOutcome({ status: 'Qualified', converted: false }, [], 'Won')).toBeNull();
		expect(crmLeadOutcome({ status: 'New', converted: false }, [], 'Open')).toBeNull();
	});
});
