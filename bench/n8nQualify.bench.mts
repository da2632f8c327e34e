// 10,000 leads through one real n8n execution (webhook → Split Out → Lead Qualifier), against a
// baseline workflow without the qualifier (webhook → Split Out) measured on the same n8n in the same
// run, so the ratio isolates what our node costs inside n8n. Median of 3 runs each after a warm-up.
// Prints one JSON line per figure; the expression engine is n8n 2.41's default (`vm`, isolated-vm)
// unless N8N_EXPRESSION_ENGINE is set.
import { performance } from 'node:perf_hooks';
import { startN8n, type WorkflowFixture } from '../scripts/n8n-instance.mts';

const N = 10_000;
const RUNS = 3;

function wf(id: string, path: string, withQualifier: boolean): WorkflowFixture {
	const nodes: unknown[] = [
		{ id: `${id}-1`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: `${id}-hook`, parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
		{ id: `${id}-2`, name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
	];
	const connections: Record<string, unknown> = { Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] } };
	if (withQualifier) {
		nodes.push({ id: `${id}-3`, name: 'Lead Qualifier', type: 'n8n-nodes-lead-to-close.leadQualifier', typeVersion: 1, position: [400, 0], parameters: { referenceDate: '2026-11-01T00:00:00Z', options: {} } });
		connections.Split = { main: [[{ node: 'Lead Qualifier', type: 'main', index: 0 }]] };
	}
	return { id, name: id, nodes, connections, settings: { executionOrder: 'v1' } };
}

const leads = Array.from({ length: N }, (_, i) => ({
	id: `B-${i}`,
	company: `Plant ${i} GmbH`,
	title: i % 3 ? 'Maintenance Manager' : 'Head of Engineering',
	email: `buyer${i}@plant${i}.de`,
	country: i % 2 ? 'Germany' : 'Spain',
	employees: '201-500',
	message: `We need ${(i % 9) + 1} PLCs and ${(i % 4) + 2} drives for line ${i % 7}, budget ${(i % 5) + 1}00k EUR, start within ${(i % 11) + 1} months.`,
}));
const body = JSON.stringify({ leads });

const base = wf('benchBaseline0001', 'bench/baseline', false);
const qual = wf('benchQualify00001', 'bench/qualify', true);
const n8n = await startN8n({ workflows: [base, qual], activate: [base.id, qual.id] });
try {
	async function timeOnce(path: string): Promise<number> {
		const t0 = performance.now();
		const res = await n8n.waitForWebhook(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body }, 300_000);
		const out = (await res.json()) as unknown[];
		if (res.status !== 200 || out.length !== N) throw new Error(`${path}: ${res.status}, ${out.length} items`);
		return performance.now() - t0;
	}
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
	await timeOnce('bench/baseline');
	await timeOnce('bench/qualify');
	const b: number[] = [];
	const q: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		b.push(await timeOnce('bench/baseline'));
		q.push(await timeOnce('bench/qualify'));
	}
	const baselineRate = N / (median(b) / 1000);
	const qualifyRate = N / (median(q) / 1000);
	const round = (x: number) => Math.round(x * 100) / 100;
	console.log(JSON.stringify({ bench: 'n8n-qualify', metric: 'items_per_s_one_execution_10k', value: round(qualifyRate), baseline: round(baselineRate), ratio: round(qualifyRate / baselineRate), unit: 'leads/s', note: 'baseline: webhook → Split Out without the qualifier', expressionEngine: process.env.N8N_EXPRESSION_ENGINE || 'vm (n8n 2.41 default)' }));
	console.log(JSON.stringify({ bench: 'n8n-qualify', metric: 'execution_ms_10k', value: round(median(q)), baseline: round(median(b)), ratio: round(median(q) / median(b)), unit: 'ms' }));
} finally {
	await n8n.stop();
}
