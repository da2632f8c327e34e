// Quotes at catalog scale in a real n8n (issue 15 point 7): one lead per webhook call through
// Lead Qualifier → Quote Generator (InvenTree catalog, the node's default catalog cache), next to the
// same workflow without the Quote Generator as the baseline, on the same n8n in the same run, against
// the InvenTree contract server holding the sample catalog plus synthetic parts (10,000 and 100,000;
// LTC_CATALOG_PARTS=10000 for one size). Reports lead→quote p50/p95 against the baseline, the first
// (cold) lead, and the InvenTree requests per lead after it (amortised over the leads).
import { performance } from 'node:perf_hooks';

import { startN8n, type WorkflowFixture } from '../scripts/n8n-instance.mts';
import { startInvenTreeServer } from '../tests/contract/inventree-server.mts';

const SIZES = (process.env.LTC_CATALOG_PARTS ?? '10000,100000').split(',').map(Number);
const LEADS = Number(process.env.LTC_CATALOG_LEADS ?? 40);
const CRED_ID = 'ltcBenchInvTree01';

async function run(PARTS: number): Promise<void> {
	const inventree = await startInvenTreeServer();
	const families = ['Proximity sensor', 'Contactor', 'Circuit breaker', 'Cable gland', 'Push button', 'Terminal block', 'Relay', 'Power supply', 'Signal tower', 'Limit switch'];
	const brands = ['Nordwerk', 'Elcon', 'Schaltbau', 'Vireo', 'Kestrel', 'Tamura'];
	const category = inventree.state.addCategoryPath('Synthetic / Components');
	for (let i = 0; i < PARTS; i++) {
		const family = families[i % families.length];
		const brand = brands[Math.floor(i / families.length) % brands.length];
		const part = inventree.state.addPart({
			name: `${brand} ${family} ${String(i).padStart(6, '0')}`,
			IPN: `SYN-${String(i).padStart(6, '0')}`,
			description: `${family} from ${brand}, series ${i % 97}, rating ${(i % 40) + 1} A`,
			keywords: `${family.toLowerCase()}, ${brand.toLowerCase()}`,
			category: category.pk,
		});
		inventree.state.addSalePrice(part.pk, 1, `${(i % 500) + 10}.${String(i % 100).padStart(2, '0')}`, 'EUR');
		inventree.state.addStock(part.pk, (i % 50) + 1);
	}

	function workflow(id: string, path: string, withQuote: boolean): WorkflowFixture {
		const nodes: unknown[] = [
			{ id: `${id}-1`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: `${id}-hook`, parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
			{ id: `${id}-s`, name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [100, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
			{ id: `${id}-2`, name: 'Lead Qualifier', type: 'n8n-nodes-lead-to-close.leadQualifier', typeVersion: 1, position: [200, 0], parameters: { options: {} } },
		];
		const connections: Record<string, unknown> = {
			Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: 'Lead Qualifier', type: 'main', index: 0 }]] },
		};
		if (withQuote) {
			nodes.push({
				id: `${id}-3`,
				name: 'Quote Generator',
				type: 'n8n-nodes-lead-to-close.quoteGenerator',
				typeVersion: 1,
				position: [400, 0],
				// The shipped pipeline's settings (workflows/lead-to-close.json): InvenTree, the default cache.
				parameters: { catalogSource: 'inventree', requestText: "={{ $('Lead Qualifier').item.json.lead.message }}", options: {} },
				credentials: { leadToCloseInvenTreeApi: { id: CRED_ID, name: 'InvenTree bench' } },
			});
			connections['Lead Qualifier'] = { main: [[{ node: 'Quote Generator', type: 'main', index: 0 }]] };
		}
		return { id, name: id, nodes, connections, settings: { executionOrder: 'v1' } };
	}

	const lead = (i: number) => ({
		company: `Plant ${i} GmbH`,
		email: `buyer${i}@plant${i}.example`,
		title: 'Head of Maintenance',
		country: 'Germany',
		message: `Please quote ${(i % 9) + 2} x ${families[i % families.length]} from ${brands[i % brands.length]} and ${(i % 4) + 1} contactors for line ${i % 7}.`,
	});

	const base = workflow('benchCatBase00001', 'bench/catalog-baseline', false);
	const quote = workflow('benchCatQuote0001', 'bench/catalog-quote', true);
	const n8n = await startN8n({
		credentials: [{ id: CRED_ID, name: 'InvenTree bench', type: 'leadToCloseInvenTreeApi', data: { baseUrl: inventree.url, apiToken: inventree.state.token } }],
		workflows: [base, quote],
		activate: [base.id, quote.id],
	});
	try {
		const post = async (path: string, i: number): Promise<number> => {
			const t0 = performance.now();
			const res = await n8n.waitForWebhook(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads: [lead(i)] }) }, 600_000);
			const out = (await res.json()) as Array<Record<string, unknown>>;
			if (res.status !== 200 || out.length !== 1 || out[0].error) throw new Error(`${path}: ${res.status} ${JSON.stringify(out).slice(0, 300)}`);
			return performance.now() - t0;
		};
		const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))];
		const round = (x: number) => Math.round(x * 100) / 100;

		await post('bench/catalog-baseline', 0);
		const beforeCold = inventree.requests.length;
		const cold = await post('bench/catalog-quote', 0);
		const coldRequests = inventree.requests.length - beforeCold;
		const b: number[] = [];
		const q: number[] = [];
		const before = inventree.requests.length;
		for (let i = 1; i <= LEADS; i++) {
			b.push(await post('bench/catalog-baseline', i));
			q.push(await post('bench/catalog-quote', i));
		}
		const warmRequests = inventree.requests.length - before;
		const size = PARTS >= 1000 ? `${Math.round(PARTS / 1000)}k` : String(PARTS);
		const parts = PARTS + 212;
		const note = `${parts} InvenTree parts, ${LEADS} leads one per execution after the first; baseline: the same workflow without the Quote Generator`;
		console.log(JSON.stringify({ bench: 'catalog-scale', metric: `lead_to_quote_p50_ms_${size}`, value: round(pct(q, 0.5)), baseline: round(pct(b, 0.5)), ratio: round(pct(q, 0.5) / pct(b, 0.5)), unit: 'ms', note }));
		console.log(JSON.stringify({ bench: 'catalog-scale', metric: `lead_to_quote_p95_ms_${size}`, value: round(pct(q, 0.95)), baseline: round(pct(b, 0.95)), ratio: round(pct(q, 0.95) / pct(b, 0.95)), unit: 'ms' }));
		console.log(JSON.stringify({ bench: 'catalog-scale', metric: `first_lead_ms_${size}`, value: round(cold), baseline: round(pct(b, 0.5)), ratio: round(cold / pct(b, 0.5)), unit: 'ms', note: `catalog download and index on the first lead: ${coldRequests} InvenTree requests` }));
		console.log(JSON.stringify({ bench: 'catalog-scale', metric: `inventree_requests_per_lead_${size}`, value: round(warmRequests / LEADS), baseline: round(coldRequests), ratio: round(warmRequests / LEADS / Math.max(1, coldRequests)), unit: 'requests', note: 'after the first lead (catalog kept for 5 minutes); baseline: the requests of the first lead' }));
	} finally {
		await n8n.stop();
		await inventree.stop();
	}
}

for (const parts of SIZES) await run(parts);
