// Continue On Fail inside a real n8n (issue 14 L1, issue 17: one item runner). Twelve leads with ERPNext
// write-back, the third names a Lead ERPNext does not have (404), ERPNext answering every request after
// 80 ms. Before the runner, Lead Qualifier threw from inside its pool: the execution ended while other
// leads were between their writes (AI fields without the audit comment) and the pool kept taking items.
// Now, with Continue On Fail off, no lead after the failing one is touched and every lead that started
// is written whole (audit comment and fields, or nothing); with it on, each of the other eleven leads
// is written once and the failing one is an error item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';

const CRED_ID = 'ltcStopOnFailCr1';
const LEADS = 12;
const MISSING = 'CRM-LEAD-2026-09999';

function workflow(id: string, path: string, continueOnFail: boolean): WorkflowFixture {
	return {
		id,
		name: `stop on failure ${id}`,
		nodes: [
			{ id: `${id}-1`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: `${id}-hook`, parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
			{ id: `${id}-2`, name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
			{
				id: `${id}-3`,
				name: 'Lead Qualifier',
				type: 'n8n-nodes-lead-to-close.leadQualifier',
				typeVersion: 1,
				position: [400, 0],
				parameters: { writeBack: true, referenceDate: '2026-11-01T00:00:00Z', options: {} },
				credentials: { leadToCloseErpNextApi: { id: CRED_ID, name: 'ERPNext contract server' } },
				...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: 'Lead Qualifier', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

const stopping = workflow('ltcStopOnFail001', 'test/stop-on-failure', false);
const continuing = workflow('ltcStopOnFail002', 'test/continue-on-failure', true);

let n8n: N8nInstance;
let erp: ErpNextServer;

function seedLeads(prefix: string): Array<Record<string, unknown>> {
	const rows = Array.from({ length: LEADS }, (_, i) => ({
		name: `CRM-LEAD-2026-${prefix}${String(i).padStart(2, '0')}`,
		lead_name: `Buyer ${prefix}${i}`,
		company_name: `Werk ${prefix}${i} GmbH`,
		job_title: 'Head of Maintenance',
		email_id: `buyer${prefix}${i}@werk${prefix}${i}.example`,
		country: 'Germany',
		no_of_employees: '201-500',
		notes: [{ note: `<p>We need 4 drives and a PLC for line ${i}, budget about 40,000 EUR, start next month.</p>` }],
	}));
	erp.state.seed('Lead', rows);
	// The third lead of the batch names a Lead ERPNext does not have.
	return rows.map((row, i) => (i === 2 ? { ...row, name: MISSING } : row));
}

/** What ERPNext holds for a lead: its AI fields written, its audit comments. */
function written(name: string): { fields: boolean; comments: number; touched: boolean } {
	const lead = erp.state.get('Lead', name);
	return {
		fields: lead?.custom_ai_score !== undefined && lead?.custom_ai_score !== null,
		comments: erp.state.all('Comment').filter((c) => c.reference_name === name).length,
		touched: erp.requests.some((r) => r.method !== 'GET' && (r.path.includes(name) || JSON.stringify(r.body ?? '').includes(name))),
	};
}

beforeAll(async () => {
	erp = await startErpNextServer({ apiKey: 'stop-key', apiSecret: 'stop-secret-value', delayMs: 80 });
	n8n = await startN8n({
		credentials: [{ id: CRED_ID, name: 'ERPNext contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, apiKey: 'stop-key', apiSecret: 'stop-secret-value' } }],
		workflows: [stopping, continuing],
		activate: [stopping.id, continuing.id],
	});
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await erp?.stop();
});

describe('one item runner in a real n8n: Continue On Fail', () => {
	it('off: no lead after the failing one starts, and every lead that started is written whole', async () => {
		const leads = seedLeads('71');
		const answer = await n8n.waitForWebhook('test/stop-on-failure', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads }) });
		expect(answer.status).toBe(500);
		const [execution] = await n8n.executions(stopping.id);
		expect(execution.status).toBe('error');
		const state = leads.map((l) => ({ name: String(l.name), ...written(String(l.name)) }));
		// Whole or nothing for every lead: fields and its one audit comment together.
		for (const s of state) expect({ name: s.name, whole: s.fields === (s.comments === 1) && s.comments <= 1 }).toEqual({ name: s.name, whole: true });
		// Nothing after the failing lead beyond the ones already in flight (4 at once): leads 4..11 untouched.
		expect(state.slice(4).filter((s) => s.touched || s.fields || s.comments > 0).map((s) => s.name)).toEqual([]);
		// The leads before it finished.
		expect(state.slice(0, 2).every((s) => s.fields && s.comments === 1)).toBe(true);
		console.log(JSON.stringify({ bench: 'stop-on-failure', written: state.filter((s) => s.fields).length, untouchedAfterFailure: state.slice(3).filter((s) => !s.touched).length }));
	}, 120_000);

	it('on: every other lead is written once, the failing one is an error item', async () => {
		const leads = seedLeads('72');
		const answer = await n8n.waitForWebhook('test/continue-on-failure', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads }) });
		expect(answer.status).toBe(200);
		const out = (await answer.json()) as Array<{ error?: string; score?: number }>;
		expect(out).toHaveLength(LEADS);
		expect(out.map((o, i) => [i, o.error === undefined])).toEqual(leads.map((_, i) => [i, i !== 2]));
		expect(out[2].error).toMatch(/404|not found|does not exist/i);
		const state = leads.map((l, i) => ({ i, ...written(String(l.name)) }));
		expect(state.filter((s) => s.i !== 2).map((s) => [s.i, s.fields, s.comments])).toEqual(leads.flatMap((_, i) => (i === 2 ? [] : [[i, true, 1]])));
	}, 120_000);
});
