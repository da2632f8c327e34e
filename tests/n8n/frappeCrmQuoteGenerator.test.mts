// The Quote Generator against Frappe CRM inside a real n8n (issue 18, docs/decisions/0035): a webhook
// workflow whose Quote Generator has System of Record "Frappe CRM", reads the catalog from the InvenTree
// contract server and writes, through an imported Lead-to-Close ERPNext/Frappe credential, to a Frappe
// contract server hosting ERPNext (develop, which accepts a Quotation to a CRM Deal) and the Frappe CRM
// app (frappe/crm @ 8b7dfdde). An auto-approved quote lands in the deal's products (with its totals and
// a comment in the deal's activity) and in a Quotation to the deal, linked by crm_deal and submitted
// ("Submit When Auto-Approved"); posting the same request again writes nothing. A quote routed to review
// is not written as final: no products on the deal, its Quotation stays a draft marked review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { formatMinorUnits } from '../../core/money';
import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import { SAMPLE_CATALOG, mirrorCatalog, sampleRequest } from '../nodes/support/quoteFixtures.mts';

const INVENTREE_CRED = 'ltcInvTreeCrmQ01';
const ERP_CRED = 'ltcFrappeCrmQ001';
const WF_ID = 'ltcTestCrmQuote01';
const PATH = 'test/quote-frappe-crm';
const COMPANY = 'Lead-to-Close Demo GmbH';
const AUTH = { Authorization: 'token n8n-key:n8n-secret-value' };

const workflow: WorkflowFixture = {
	id: WF_ID,
	name: 'test frappe crm quote',
	nodes: [
		{ id: `${WF_ID}-1`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: `${WF_ID}-hook`, parameters: { httpMethod: 'POST', path: PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
		{
			id: `${WF_ID}-2`,
			name: 'Quote Generator',
			type: 'n8n-nodes-lead-to-close.quoteGenerator',
			typeVersion: 1,
			position: [300, 0],
			parameters: {
				systemOfRecord: 'frappeCrm',
				catalogSource: 'inventree',
				requestText: '={{ $json.body.text }}',
				deal: '={{ $json.body.deal }}',
				autoMaxTotal: '={{ $json.body.autoMaxTotal }}',
				referenceDate: '2026-11-02T10:00:00Z',
				writeDealProducts: true,
				createQuotation: true,
				company: COMPANY,
				submitWhenAutoApproved: true,
				options: { cacheTtlSeconds: 300 },
			},
			credentials: {
				leadToCloseInvenTreeApi: { id: INVENTREE_CRED, name: 'InvenTree contract server' },
				leadToCloseErpNextApi: { id: ERP_CRED, name: 'Frappe contract server' },
			},
		},
	],
	connections: { Webhook: { main: [[{ node: 'Quote Generator', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

interface QuoteOut {
	route: string;
	lines: Array<{ sku: string; qty: number; amount_minor: number }>;
	subtotal_minor: number;
	total_minor: number;
	review_reasons: string[];
	erpnext: { quotation: string; created: boolean; docstatus: number; submitted: boolean };
	frappe_crm: { deal: string; products: { written: boolean; skipped?: string }; comment: { created: boolean } };
}

let n8n: N8nInstance;
let site: ErpNextServer;
let inventree: InvenTreeServer;
const deals: string[] = [];

beforeAll(async () => {
	inventree = await startInvenTreeServer();
	site = await startErpNextServer({ apiKey: 'n8n-key', apiSecret: 'n8n-secret-value', apps: ['erpnext', 'crm'], erpnextVersion: '16.0.0-dev' });
	mirrorCatalog(site, SAMPLE_CATALOG);
	n8n = await startN8n({
		credentials: [
			{ id: INVENTREE_CRED, name: 'InvenTree contract server', type: 'leadToCloseInvenTreeApi', data: { baseUrl: inventree.url, apiToken: inventree.state.token } },
			{ id: ERP_CRED, name: 'Frappe contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: site.url, apiKey: 'n8n-key', apiSecret: 'n8n-secret-value' } },
		],
		workflows: [workflow],
		activate: [WF_ID],
	});
	// Two deals as Frappe CRM creates them (POST: naming series, default status, status change log).
	for (const organization of ['Nordwerk Automation GmbH', 'Südhafen Logistik AG']) {
		const res = await fetch(`${site.url}/api/resource/CRM%20Deal`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify({ organization_name: organization, organization }) });
		expect(res.status).toBe(200);
		deals.push(String(((await res.json()) as { data: { name: string } }).data.name));
	}
});

afterAll(async () => {
	await n8n?.stop();
	await site?.stop();
	await inventree?.stop();
});

const post = async (body: unknown) => {
	const res = await n8n.waitForWebhook(PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, 90_000);
	expect(res.status).toBe(200);
	return ((await res.json()) as QuoteOut[])[0];
};
const deal = (name: string) => site.state.get('CRM Deal', name) as unknown as Record<string, unknown> & { products?: Array<Record<string, unknown>> };

describe('Quote Generator against Frappe CRM in a real n8n', () => {
	it("lands an auto-approved quote in the deal's products and a submitted Quotation to the deal, and a replay writes nothing", async () => {
		const [name] = deals;
		const body = { deal: name, text: sampleRequest('QR-002').text, autoMaxTotal: 50000 };
		const q = await post(body);
		expect(q.route).toBe('auto');
		expect(q.frappe_crm).toMatchObject({ deal: name, products: { written: true }, comment: { created: true } });
		const stored = deal(name);
		expect(stored.products!.map((r) => r.qty)).toEqual(q.lines.map((l) => l.qty));
		expect(stored.products!.map((r) => r.net_amount)).toEqual(q.lines.map((l) => formatMinorUnits(l.amount_minor, 'EUR')));
		expect(stored).toMatchObject({ total: formatMinorUnits(q.subtotal_minor, 'EUR'), net_total: formatMinorUnits(q.total_minor, 'EUR'), custom_ai_quote_route: 'auto' });
		expect(q.erpnext).toMatchObject({ created: true, submitted: true, docstatus: 1 });
		expect(site.state.get('Quotation', q.erpnext.quotation)).toMatchObject({ quotation_to: 'CRM Deal', party_name: name, crm_deal: name, custom_ai_route: 'auto', docstatus: 1 });
		const activity = await fetch(`${site.url}/api/method/crm.api.activities.get_activities?name=${name}`, { headers: AUTH });
		const [activities] = ((await activity.json()) as { message: Array<Array<Record<string, unknown>>> }).message;
		expect(activities.filter((a) => a.activity_type === 'comment').map((a) => a.content)).toEqual([expect.stringContaining('AI quote: route auto')]);

		const writes = site.writes().length;
		const again = await post(body);
		expect(again.frappe_crm).toMatchObject({ products: { written: false }, comment: { created: false } });
		expect(again.erpnext).toMatchObject({ quotation: q.erpnext.quotation, created: false });
		expect(site.writes().slice(writes)).toEqual([]);
		expect(site.state.all('Quotation').filter((x) => x.crm_deal === name)).toHaveLength(1);
	});

	it('does not write a quote routed to review as final: no deal products, a draft Quotation marked review, nothing twice', async () => {
		const [, name] = deals;
		const body = { deal: name, text: sampleRequest('QR-003').text, autoMaxTotal: 1 };
		const q = await post(body);
		expect(q.route).toBe('review');
		expect(q.lines.length).toBeGreaterThan(0);
		expect(q.frappe_crm.products).toMatchObject({ written: false, skipped: expect.stringContaining('routed to review') });
		expect(deal(name).products ?? []).toEqual([]);
		expect(q.erpnext).toMatchObject({ created: true, submitted: false, docstatus: 0 });
		expect(site.state.get('Quotation', q.erpnext.quotation)).toMatchObject({ crm_deal: name, custom_ai_route: 'review', docstatus: 0 });
		const comments = site.state.all('Comment').filter((c) => c.reference_doctype === 'CRM Deal' && c.reference_name === name);
		expect(comments.map((c) => c.content)).toEqual([expect.stringContaining('Needs review because')]);

		const writes = site.writes().length;
		await post(body);
		expect(site.writes().slice(writes)).toEqual([]);
	});
});
