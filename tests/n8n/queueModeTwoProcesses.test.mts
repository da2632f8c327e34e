// Issue 14, H3: "never duplicated" Quotations and once-per-step e-mails across processes. Two n8n
// processes (two regular-mode instances, each with its own database: what two queue workers or two
// webhook processors share is only ERPNext and Mautic) run the same Webhook → Quote Generator (draft
// ERPNext Quotation) → Outreach (Mautic quote e-mail) workflow, the pipeline's own node settings. The
// same leads are posted to both at once, with 300 ms ERPNext and Mautic latency (the contract
// servers' delay), so both processes read "no Quotation, no e-mail" before either has written: the
// race of security-review.md H3, where 7 of 7 leads got 2 Quotations and 2 e-mails. Counted where it
// lands: one Quotation per lead at the ERPNext contract server, one e-mail per lead at the Mautic one.
// Before the fix (ERPNext unique key, Mautic claim): every lead had 2 of each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ROOT, startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer } from '../contract/mautic-server.mts';
import { SAMPLE_CATALOG, mirrorCatalog } from '../nodes/support/quoteFixtures.mts';

interface PipelineNode {
	name: string;
	type: string;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
	[key: string]: unknown;
}
const pipeline = JSON.parse(readFileSync(join(ROOT, 'workflows', 'lead-to-close.json'), 'utf8')) as { nodes: PipelineNode[] };
const pipelineNode = (name: string) => pipeline.nodes.find((n) => n.name === name)!;
const quoteNode = pipelineNode('Quote Generator');
const emailNode = pipelineNode('Quote Email');
const QUOTE_COMPANY = String(quoteNode.parameters.company);
const ERP = { apiKey: 'h3-erp-key', apiSecret: 'h3-erp-secret-51c2' };
const HOOK = 'h3/quote-and-send';
const LEAD = "$('One Lead').item.json";

const workflow: WorkflowFixture = {
	id: 'ltcH3TwoProcess01',
	name: 'H3: quote and send',
	nodes: [
		{ id: 'h3-1', name: 'Leads', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: 'ltc-h3-two-process', parameters: { httpMethod: 'POST', path: HOOK, responseMode: 'lastNode', options: {} } },
		{ id: 'h3-2', name: 'One Lead', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
		{ ...quoteNode, id: 'h3-3', position: [400, 0], parameters: { ...quoteNode.parameters, requestText: `={{ ${LEAD}.message }}`, party: `={{ ${LEAD}.name }}`, outputMode: 'single' } },
		{
			...emailNode,
			id: 'h3-4',
			position: [600, 0],
			// The Outreach sends honour quiet hours in the recipient's zone: a Tuesday morning.
			parameters: { ...emailNode.parameters, leadRef: `={{ ${LEAD}.name }}`, email: `={{ ${LEAD}.email }}`, now: '2026-11-17T09:00:00Z' },
		},
	],
	connections: {
		Leads: { main: [[{ node: 'One Lead', type: 'main', index: 0 }]] },
		'One Lead': { main: [[{ node: 'Quote Generator', type: 'main', index: 0 }]] },
		'Quote Generator': { main: [[{ node: 'Quote Email', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

const LEADS = 4;
const leadName = (i: number) => `CRM-LEAD-2026-08${String(100 + i)}`;
const lead = (i: number) => ({
	name: leadName(i),
	email: `einkauf${i}@kessler${i}-verpackung.de`,
	message: `Need S7-1200 CPU 1214C x2, 1756-IB16 x3 and a 10 inch PanelView 5310 for line ${i}`,
});

let erp: ErpNextServer;
let inventree: InvenTreeServer;
let mautic: MauticServer;
const processes: N8nInstance[] = [];

beforeAll(async () => {
	erp = await startErpNextServer({ ...ERP, validateLinks: true });
	inventree = await startInvenTreeServer();
	mautic = await startMauticServer();
	erp.state.seed('Lead', Array.from({ length: LEADS + 1 }, (_, i) => ({ name: leadName(i), lead_name: `Buyer ${i}`, email_id: lead(i).email, status: 'Lead' })));
	mirrorCatalog(erp, SAMPLE_CATALOG, QUOTE_COMPANY);
	mautic.state.createEmail({ name: 'Welcome', subject: 'Thank you for your enquiry' });
	mautic.state.createEmail({ name: 'Quote D0', subject: 'Your quotation {quote_number}' });
	const credentials = [
		{ id: 'ltcErpNextCred001', name: 'Lead-to-Close ERPNext', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, ...ERP } },
		{ id: 'ltcInvenTreeCrd01', name: 'Lead-to-Close InvenTree', type: 'leadToCloseInvenTreeApi', data: { baseUrl: inventree.url, apiToken: inventree.state.token } },
		{ id: 'ltcMauticCred0001', name: 'Lead-to-Close Mautic', type: 'leadToCloseMauticApi', data: { baseUrl: mautic.url, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } },
	];
	processes.push(...(await Promise.all([0, 1].map(async () => await startN8n({ credentials, workflows: [workflow], activate: [workflow.id] })))));
	// One warm-up lead through each process in turn (the first sets up the AI fields, the second finds
	// its Quotation and e-mail done), so both are ready before the race.
	for (const n8n of processes) {
		const r = await n8n.waitForWebhook(HOOK, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads: [lead(LEADS)] }) }, 120_000);
		expect(r.status, n8n.log().slice(-3000)).toBe(200);
	}
}, 300_000);

afterAll(async () => {
	await Promise.all(processes.map(async (p) => await p.stop()));
	await Promise.all([erp?.stop(), inventree?.stop(), mautic?.stop()]);
});

describe('two n8n processes, the same leads at once (issue 14, H3)', () => {
	it('make one Quotation and send one quote e-mail per lead', async () => {
		erp.setDelay(300);
		mautic.setDelay(300);
		const ids = Array.from({ length: LEADS }, (_, i) => i);
		const answers = await Promise.all(
			ids.flatMap((i) =>
				processes.map(async (n8n) => {
					const r = await fetch(`${n8n.baseUrl}/webhook/${HOOK}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads: [lead(i)] }), signal: AbortSignal.timeout(120_000) });
					return { i, status: r.status, body: await r.text() };
				}),
			),
		).finally(() => {
			erp.setDelay(0);
			mautic.setDelay(0);
		});
		const perLead = ids.map((i) => ({
			lead: leadName(i),
			http: answers.filter((a) => a.i === i).map((a) => a.status),
			quotations: erp.state.all('Quotation').filter((q) => q.party_name === leadName(i)).map((q) => q.name),
			emails: mautic.sent.emails.filter((e) => e.to === lead(i).email).length,
		}));
		const summary = {
			leads: LEADS,
			withTwoQuotations: perLead.filter((l) => l.quotations.length > 1).length,
			withTwoEmails: perLead.filter((l) => l.emails > 1).length,
			quotationInsertsRefusedAsDuplicate: erp.requests.filter((r) => r.method === 'POST' && r.path === '/api/resource/Quotation' && r.status === 417).length,
		};
		console.log(JSON.stringify({ bench: 'h3-two-processes', summary, perLead }));
		expect(answers.map((a) => a.status), answers.map((a) => a.body.slice(0, 300)).join('\n')).toEqual(answers.map(() => 200));
		expect(perLead.map((l) => [l.lead, l.quotations.length, l.emails])).toEqual(ids.map((i) => [leadName(i), 1, 1]));
		// Both processes answered each lead with the one Quotation.
		for (const i of ids) {
			const numbers = answers.filter((a) => a.i === i).map((a) => /"quoteRef":"([^"]+)"/.exec(a.body)?.[1]);
			expect(new Set(numbers).size, JSON.stringify(numbers)).toBe(1);
		}
	}, 180_000);
});
