// Lead qualification with ERPNext write-back inside a real n8n: a webhook workflow whose Lead
// Qualifier uses an imported Lead-to-Close ERPNext credential pointing at the Frappe contract server.
// Asserts what reached ERPNext (AI fields, one audit comment even when the same lead is posted twice)
// and what n8n answered, and that 10,000 items pass through the node in one real execution.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';

const CRED_ID = 'ltcErpCred000001';

function workflow(id: string, path: string, qualifierParams: Record<string, unknown>, credentials?: Record<string, unknown>): WorkflowFixture {
	return {
		id,
		name: `test ${id}`,
		nodes: [
			{ id: `${id}-1`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: `${id}-hook`, parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
			{ id: `${id}-2`, name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
			{ id: `${id}-3`, name: 'Lead Qualifier', type: 'n8n-nodes-lead-to-close.leadQualifier', typeVersion: 1, position: [400, 0], parameters: qualifierParams, ...(credentials ? { credentials } : {}) },
		],
		connections: {
			Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: 'Lead Qualifier', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

let n8n: N8nInstance;
let erp: ErpNextServer;
const writeBack = workflow('ltcTestWriteBack1', 'test/qualify-write-back', { writeBack: true, referenceDate: '2026-11-01T00:00:00Z', options: {} }, {
	leadToCloseErpNextApi: { id: CRED_ID, name: 'ERPNext contract server' },
});
const bulk = workflow('ltcTestBulk000001', 'test/qualify-bulk', { referenceDate: '2026-11-01T00:00:00Z', options: {} });

beforeAll(async () => {
	erp = await startErpNextServer({ apiKey: 'n8n-key', apiSecret: 'n8n-secret-value' });
	erp.state.seed('Lead', [
		{
			name: 'CRM-LEAD-2026-00101',
			lead_name: 'Carlos Méndez',
			company_name: 'Envasadora del Norte S.A.',
			job_title: 'Gerente General',
			email_id: 'cmendez@envasadoranorte.mx',
			country: 'Mexico',
			no_of_employees: '501-1000',
			industry: 'Food & Beverage',
			notes: [{ note: '<p>Necesitamos 8 variadores y un PLC nuevo para la línea 3. Presupuesto aprox. 90,000 USD, arranque en 2 meses.</p>' }],
		},
	]);
	n8n = await startN8n({
		credentials: [{ id: CRED_ID, name: 'ERPNext contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, apiKey: 'n8n-key', apiSecret: 'n8n-secret-value' } }],
		workflows: [writeBack, bulk],
		activate: [writeBack.id, bulk.id],
	});
});

afterAll(async () => {
	await n8n?.stop();
	await erp?.stop();
});

describe('Lead Qualifier with ERPNext write-back in a real n8n', () => {
	it('writes the AI fields and one audit comment, also when the same lead is posted twice', async () => {
		const lead = erp.state.get('Lead', 'CRM-LEAD-2026-00101')!;
		const post = () =>
			n8n.waitForWebhook('test/qualify-write-back', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads: [lead] }) });
		const first = await post();
		expect(first.status).toBe(200);
		const [result] = (await first.json()) as Array<{ score: number; route: string; grade: string; erpnext: { comment: { created: boolean } } }>;
		expect(result.erpnext.comment.created).toBe(true);
		const stored = erp.state.get('Lead', 'CRM-LEAD-2026-00101')!;
		expect(stored).toMatchObject({ custom_ai_score: result.score, custom_ai_grade: result.grade, custom_ai_route: result.route });
		// Every request n8n made carried the credential's token auth.
		expect(erp.requests.filter((r) => !String(r.headers.authorization).startsWith('token n8n-key:'))).toEqual([]);

		const second = await post();
		expect(second.status).toBe(200);
		const [again] = (await second.json()) as Array<{ erpnext: { comment: { created: boolean } } }>;
		expect(again.erpnext.comment.created).toBe(false);
		expect(erp.state.all('Comment').filter((c) => c.reference_name === 'CRM-LEAD-2026-00101')).toHaveLength(1);
		expect(erp.state.all('Custom Field').filter((f) => f.dt === 'Lead').length).toBeGreaterThanOrEqual(7);
	});

	it('qualifies 10,000 leads in one real n8n execution', async () => {
		const leads = Array.from({ length: 10_000 }, (_, i) => ({
			id: `B-${i}`,
			company: `Plant ${i} GmbH`,
			title: i % 3 ? 'Maintenance Manager' : 'CEO',
			email: `buyer${i}@plant${i}.de`,
			country: 'Germany',
			message: `We need ${(i % 9) + 1} PLCs and drives, budget ${(i % 5) + 1}00k EUR, within ${(i % 11) + 1} months.`,
		}));
		const res = await n8n.waitForWebhook('test/qualify-bulk', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads }) }, 120_000);
		expect(res.status).toBe(200);
		const out = (await res.json()) as Array<{ lead: { ref: string }; score: number }>;
		expect(out).toHaveLength(10_000);
		expect(new Set(out.map((o) => o.lead.ref)).size).toBe(10_000);
	});
});
