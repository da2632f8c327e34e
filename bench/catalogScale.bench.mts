// Quotes at catalog scale in a real n8n (issue 15 point 7): one lead per webhook call through
// Lead Qualifier → Quote Generator (InvenTree catalog, the node's default catalog cache), against the
// InvenTree contract server holding the sample catalog plus synthetic parts (10,000 and 100,000;
// LTC_CATALOG_PARTS=10000 for one size, LTC_CATALOG_LEADS for the number of measured leads). Two
// baselines on the same n8n in the same run, interleaved lead by lead: the same workflow without the
// Quote Generator (issue 15's baseline), and the same workflow with a Set node in its place that only
// evaluates the request expression (n8n's expression engine sets up an isolate for an execution that
// evaluates any expression, a cost the expression-free baseline does not pay). Reports lead→quote
// p50/p95 against both, the Quote Generator's own time per lead, the first (cold) lead, and the
// InvenTree requests per lead amortised over the run. LTC_N8N_PROF=<dir> writes CPU profiles of the n8n
// processes there (how docs/performance.md located the time of a quoted lead).
import { performance } from 'node:perf_hooks';

import { startN8n, type WorkflowFixture } from '../scripts/n8n-instance.mts';
import { startInvenTreeServer } from '../tests/contract/inventree-server.mts';

const SIZES = (process.env.LTC_CATALOG_PARTS ?? '10000,100000').split(',').map(Number);
const LEADS = Number(process.env.LTC_CATALOG_LEADS ?? 60);
const WARMUP = 5;
const CRED_ID = 'ltcBenchInvTree01';
/** How workflows/lead-to-close.json gives the Quote Generator the buyer's request. */
const REQUEST_TEXT = "={{ $('Lead Qualifier').item.json.lead.message }}";

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

	// 'quote': the Quote Generator after the Lead Qualifier; 'none': without it (the baseline of issue 15);
	// 'expression': a Set node in its place that only reads the request with the same expression, so the
	// cost of n8n evaluating that expression is told apart from the Quote Generator's own.
	function workflow(id: string, path: string, tail: 'quote' | 'none' | 'expression'): WorkflowFixture {
		const nodes: unknown[] = [
			{ id: `${id}-1`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: `${id}-hook`, parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
			{ id: `${id}-s`, name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [100, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
			{ id: `${id}-2`, name: 'Lead Qualifier', type: 'n8n-nodes-lead-to-close.leadQualifier', typeVersion: 1, position: [200, 0], parameters: { options: {} } },
		];
		const connections: Record<string, unknown> = {
			Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: 'Lead Qualifier', type: 'main', index: 0 }]] },
		};
		if (tail === 'quote') {
			nodes.push({
				id: `${id}-3`,
				name: 'Quote Generator',
				type: 'n8n-nodes-lead-to-close.quoteGenerator',
				typeVersion: 1,
				position: [400, 0],
				// The shipped pipeline's settings (workflows/lead-to-close.json): InvenTree, the default cache.
				parameters: { catalogSource: 'inventree', requestText: REQUEST_TEXT, options: {} },
				credentials: { leadToCloseInvenTreeApi: { id: CRED_ID, name: 'InvenTree bench' } },
			});
			connections['Lead Qualifier'] = { main: [[{ node: 'Quote Generator', type: 'main', index: 0 }]] };
		}
		if (tail === 'expression') {
			nodes.push({
				id: `${id}-3`,
				name: 'Read Request',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [400, 0],
				parameters: { assignments: { assignments: [{ id: `${id}-a`, name: 'request', value: REQUEST_TEXT, type: 'string' }] }, options: {} },
			});
			connections['Lead Qualifier'] = { main: [[{ node: 'Read Request', type: 'main', index: 0 }]] };
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

	const base = workflow('benchCatBase00001', 'bench/catalog-baseline', 'none');
	const expr = workflow('benchCatExpr00001', 'bench/catalog-expression', 'expression');
	const quote = workflow('benchCatQuote0001', 'bench/catalog-quote', 'quote');
	const n8n = await startN8n({
		credentials: [{ id: CRED_ID, name: 'InvenTree bench', type: 'leadToCloseInvenTreeApi', data: { baseUrl: inventree.url, apiToken: inventree.state.token } }],
		workflows: [base, expr, quote],
		activate: [base.id, expr.id, quote.id],
		...(process.env.LTC_N8N_PROF ? { env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.LTC_N8N_PROF}` } } : {}),
	});
	try {
		// The Quote Generator's own time per lead (its metric event's duration_ms: reading the request,
		// the catalog from the cache, retrieval and pricing), to show where the lead→quote time goes.
		const inNode: number[] = [];
		const post = async (path: string, i: number): Promise<number> => {
			const t0 = performance.now();
			const res = await n8n.waitForWebhook(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads: [lead(i)] }) }, 600_000);
			const out = (await res.json()) as Array<Record<string, unknown>>;
			const elapsed = performance.now() - t0;
			if (res.status !== 200 || out.length !== 1 || out[0].error) throw new Error(`${path}: ${res.status} ${JSON.stringify(out).slice(0, 300)}`);
			const events = (out[0]._ltcEvents ?? []) as Array<{ step?: string; duration_ms?: number }>;
			const quoted = events.find((e) => e.step === 'quote');
			if (quoted?.duration_ms !== undefined) inNode.push(quoted.duration_ms);
			return elapsed;
		};
		const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))];
		const round = (x: number) => Math.round(x * 100) / 100;

		await post('bench/catalog-baseline', 0);
		await post('bench/catalog-expression', 0);
		const beforeCold = inventree.requests.length;
		const cold = await post('bench/catalog-quote', 0);
		const coldRequests = inventree.requests.length - beforeCold;
		// a few unmeasured rounds so every path is compiled before the measured ones
		for (let i = 1; i <= WARMUP; i++) for (const path of ['bench/catalog-baseline', 'bench/catalog-expression', 'bench/catalog-quote']) await post(path, i);
		inNode.length = 0;
		const b: number[] = [];
		const e: number[] = [];
		const q: number[] = [];
		const before = inventree.requests.length;
		// interleaved, one lead each, so load on the machine falls on all three alike
		for (let i = WARMUP + 1; i <= WARMUP + LEADS; i++) {
			b.push(await post('bench/catalog-baseline', i));
			e.push(await post('bench/catalog-expression', i));
			q.push(await post('bench/catalog-quote', i));
		}
		const warmRequests = inventree.requests.length - before;
		const size = PARTS >= 1000 ? `${Math.round(PARTS / 1000)}k` : String(PARTS);
		const parts = PARTS + 212;
		const p50 = { b: pct(b, 0.5), e: pct(e, 0.5), q: pct(q, 0.5), node: pct(inNode, 0.5) };
		const p95 = { b: pct(b, 0.95), e: pct(e, 0.95), q: pct(q, 0.95), node: pct(inNode, 0.95) };
		const figure = (metric: string, value: number, baseline: number, unit: string, note?: string) =>
			console.log(JSON.stringify({ bench: 'catalog-scale', metric: `${metric}_${size}`, value: round(value), baseline: round(baseline), ratio: round(value / Math.max(baseline, 1e-9)), unit, ...(note ? { note } : {}) }));
		figure('lead_to_quote_p50_ms', p50.q, p50.b, 'ms', `${parts} InvenTree parts, ${LEADS} leads one per execution (after the first and ${WARMUP} unmeasured); baseline: the same workflow without the Quote Generator`);
		figure('lead_to_quote_p95_ms', p95.q, p95.b, 'ms');
		figure('lead_to_quote_p50_ms_vs_expression', p50.q, p50.e, 'ms', "baseline: the same workflow with a Set node in place of the Quote Generator that only reads the request with the same expression ($('Lead Qualifier').item…): n8n's expression engine is part of the baseline");
		figure('lead_to_quote_p95_ms_vs_expression', p95.q, p95.e, 'ms');
		figure('quote_node_p50_ms', p50.node, p50.q, 'ms', "the Quote Generator's own time per lead (its metric event's duration_ms: the request expression, the cached catalog, retrieval, pricing); baseline: lead→quote p50, so the ratio is the node's share of it");
		figure('quote_node_p95_ms', p95.node, p95.q, 'ms');
		figure('first_lead_ms', cold, p50.b, 'ms', `catalog download and index on the first lead: ${coldRequests} InvenTree requests`);
		const quoted = 1 + WARMUP + LEADS;
		const allRequests = inventree.requests.length - beforeCold;
		figure('inventree_requests_per_lead', allRequests / quoted, coldRequests, 'requests', `amortised over the ${quoted} leads of the run (${allRequests} requests: the catalog read once, on the first lead; ${warmRequests} during the ${LEADS} measured ones; it is kept for 5 minutes per n8n process); baseline: the requests of one catalog read, what every lead would cost without the cache`);
	} finally {
		await n8n.stop();
		await inventree.stop();
	}
}

for (const parts of SIZES) await run(parts);
