// Load: 10,000 leads, one webhook request each, 20 in flight, through workflows/lead-qualification.json
// (Webhook with Header Auth → Check Request → Lead Qualifier → Answer, answered by Respond to Webhook) in a real n8n, in three set-ups on
// PostgreSQL: a single instance (regular mode), queue mode with n8n's defaults (main + 2 workers,
// Redis; only the finished-job retention raised, without which a request can hang — docs/scaling.md),
// and queue mode with the settings docs/scaling.md recommends. Each is measured against a same-run
// baseline on the same processes: the same webhook and Split Out without our node (bare n8n), same
// concurrency. Reports throughput, p50/p95/p99 latency, errors (non-200, not the request's own lead, or
// no answer in 60 s), the RSS of main and workers sampled every second (idle before, peak, and the drift
// over the second half of the run along a least-squares line, ~0 when memory is stable:
// bench/stats.mts), and CPU time per request of main and workers (from ps, whole seconds, so meaningful
// over thousands of requests). One JSON line per figure, read by bench/run.mts.
// Knobs: LTC_LOAD_LEADS (10000), LTC_LOAD_BASELINE (3000), LTC_LOAD_SETUPS (single,queue,queue-tuned).
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, groupCpuSeconds, postgresEnv, queueEnv, startN8n, type N8nInstance, type WorkflowFixture } from '../scripts/n8n-instance.mts';
import { newWebhookKey, webhookHeaders, webhookKeyCredential } from '../scripts/webhook-auth.mts';
import { driftPct, percentile } from './stats.mts';
import { createTestDatabase, type TestDatabase } from '../tests/support/postgres.mts';
import { ensureRedis } from '../tests/support/redis.mts';

const LEADS = Number(process.env.LTC_LOAD_LEADS ?? 10_000);
const BASELINE_REQUESTS = Number(process.env.LTC_LOAD_BASELINE ?? 3_000);
const CONCURRENCY = 20;
const SETUPS = (process.env.LTC_LOAD_SETUPS ?? 'single,queue,queue-tuned').split(',').map((s) => s.trim());
const ENGINE = process.env.N8N_EXPRESSION_ENGINE || 'vm (n8n 2.41 default)';

interface WorkflowFile extends WorkflowFixture {
	nodes: Array<{ type: string; parameters: Record<string, unknown> }>;
}
const qualify = JSON.parse(readFileSync(join(ROOT, 'workflows', 'lead-qualification.json'), 'utf8')) as WorkflowFile;
const QUALIFY_PATH = String(qualify.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')!.parameters.path);
const BARE_PATH = 'bench/bare';
// The qualify webhook is authenticated (Header Auth); the bare baseline ignores the header.
const WEBHOOK_KEY = newWebhookKey();
const bare: WorkflowFixture = {
	id: 'ltcBenchBareHook1',
	name: 'bench: bare webhook → Split Out',
	nodes: [
		{ id: 'b1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: 'ltc-bench-bare', parameters: { httpMethod: 'POST', path: BARE_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
		{ id: 'b2', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
	],
	connections: { Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

function lead(i: number) {
	return {
		id: `LOAD-${i}`,
		company: `Plant ${i} GmbH`,
		contactName: `Buyer ${i}`,
		title: i % 3 ? 'Maintenance Manager' : 'Head of Engineering',
		email: `buyer${i}@plant${i}.de`,
		country: i % 2 ? 'Germany' : 'Spain',
		employees: '201-500',
		industry: 'Manufacturing',
		message: `We need ${(i % 9) + 1} PLCs and ${(i % 4) + 2} drives for line ${i % 7}, budget ${(i % 5) + 1}00k EUR, start within ${(i % 11) + 1} months.`,
	};
}

interface Run {
	requests: number;
	seconds: number;
	perSecond: number;
	p50: number;
	p95: number;
	p99: number;
	errors: number;
	/** CPU milliseconds per request: main, and all workers together. */
	cpuMs: { main: number; workers: number };
	rss: { mainIdleMb: number; mainPeakMb: number; mainDriftPct: number; workersIdleMb: number; workersPeakMb: number; workersDriftPct: number };
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

function cpu(n8n: N8nInstance): { main: number; workers: number } {
	return { main: groupCpuSeconds(n8n.pid), workers: n8n.workers.reduce((a, w) => a + groupCpuSeconds(w.pid), 0) };
}

async function drive(n8n: N8nInstance, path: string, requests: number, check: (i: number, body: string) => boolean): Promise<Run> {
	const idle = n8n.rss();
	const cpu0 = cpu(n8n);
	const samples: Array<{ main: number; workers: number }> = [];
	const sampler = setInterval(() => {
		const r = n8n.rss();
		samples.push({ main: r.main, workers: r.workers.reduce((a, b) => a + b, 0) });
	}, 1000);
	const ms: number[] = [];
	let errors = 0;
	let next = 0;
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < requests) {
				const i = next++;
				const s = performance.now();
				try {
					const r = await fetch(`${n8n.baseUrl}/webhook/${path}`, { method: 'POST', headers: webhookHeaders(WEBHOOK_KEY), body: JSON.stringify({ leads: [lead(i)] }), signal: AbortSignal.timeout(60_000) });
					const text = await r.text();
					if (r.status !== 200 || !check(i, text)) errors++;
				} catch {
					errors++;
				}
				ms.push(performance.now() - s);
			}
		}),
	);
	const seconds = (performance.now() - t0) / 1000;
	clearInterval(sampler);
	const cpu1 = cpu(n8n);
	const half = samples.slice(Math.floor(samples.length / 2));
	return {
		requests,
		seconds: Math.round(seconds * 10) / 10,
		perSecond: Math.round((requests / seconds) * 10) / 10,
		p50: Math.round(percentile(ms, 50)),
		p95: Math.round(percentile(ms, 95)),
		p99: Math.round(percentile(ms, 99)),
		errors,
		cpuMs: { main: Math.round(((cpu1.main - cpu0.main) * 1000) / requests * 10) / 10, workers: Math.round(((cpu1.workers - cpu0.workers) * 1000) / requests * 10) / 10 },
		rss: {
			mainIdleMb: mb(idle.main),
			mainPeakMb: mb(Math.max(idle.main, ...samples.map((s) => s.main))),
			mainDriftPct: driftPct(half.map((s) => s.main)),
			workersIdleMb: mb(idle.workers.reduce((a, b) => a + b, 0)),
			workersPeakMb: mb(Math.max(0, ...samples.map((s) => s.workers))),
			workersDriftPct: driftPct(half.map((s) => s.workers)),
		},
	};
}

// An answer counts only when it is the one lead that request sent, scored: a lost, doubled or swapped
// item is an error.
const qualified = (i: number, body: string) => {
	const out = JSON.parse(body) as Array<{ id?: string; score?: number }>;
	return Array.isArray(out) && out.length === 1 && out[0].id === `LOAD-${i}` && typeof out[0].score === 'number';
};
const echoed = (i: number, body: string) => {
	const out = JSON.parse(body) as Array<{ id?: string }>;
	return Array.isArray(out) && out.length === 1 && out[0].id === `LOAD-${i}`;
};

interface Setup {
	name: string;
	note: string;
	queue: boolean;
	env: Record<string, string>;
	workerConcurrency: number;
}

function setups(redis: { host: string; port: number }): Setup[] {
	const queue = queueEnv(redis, 'ltcload');
	const all: Setup[] = [
		{ name: 'single', note: 'one n8n, regular mode, PostgreSQL, n8n defaults', queue: false, env: { N8N_LOG_LEVEL: 'info' }, workerConcurrency: 0 },
		{ name: 'queue', note: 'main + 2 workers (concurrency 10), Redis, PostgreSQL, n8n defaults, log level info', queue: true, env: { ...queue, N8N_LOG_LEVEL: 'info' }, workerConcurrency: 10 },
		{
			name: 'queue-tuned',
			note: 'main + 2 workers (concurrency 20), successful executions not saved, log level warn, DB pool 4',
			queue: true,
			env: { ...queue, N8N_LOG_LEVEL: 'warn', EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false', DB_POSTGRESDB_POOL_SIZE: '4' },
			workerConcurrency: 20,
		},
	];
	return all.filter((s) => SETUPS.includes(s.name));
}

function figure(setup: string, metric: string, value: number, baseline: number, unit: string, note = '') {
	const ratio = baseline ? Math.round((value / baseline) * 1000) / 1000 : 0;
	console.log(JSON.stringify({ bench: 'load', metric: `${setup}_${metric}`, value, baseline, ratio, unit, note, expressionEngine: metric === 'leads_per_s' ? ENGINE : undefined }));
}

const redis = await ensureRedis();
for (const setup of setups(redis)) {
	let db: TestDatabase | undefined;
	let n8n: N8nInstance | undefined;
	try {
		db = await createTestDatabase('ltc_bench_load');
		n8n = await startN8n({
			credentials: [webhookKeyCredential(WEBHOOK_KEY)],
			workflows: [qualify, bare],
			activate: [qualify.id, bare.id],
			env: { ...postgresEnv(db.url), ...setup.env },
		});
		if (setup.queue) {
			await n8n.startWorker(setup.workerConcurrency);
			await n8n.startWorker(setup.workerConcurrency);
		}
		const warm = async (path: string) => {
			const r = await n8n!.waitForWebhook(path, { method: 'POST', headers: webhookHeaders(WEBHOOK_KEY), body: JSON.stringify({ leads: [lead(0)] }) }, 120_000);
			if (r.status !== 200) throw new Error(`${setup.name}: warm-up of ${path} answered ${r.status}: ${await r.text()}`);
		};
		await warm(BARE_PATH);
		await warm(QUALIFY_PATH);
		const warmUp = Math.min(200, Math.ceil(LEADS / 20));
		await drive(n8n, BARE_PATH, warmUp, echoed);
		await drive(n8n, QUALIFY_PATH, warmUp, qualified);
		const base = await drive(n8n, BARE_PATH, BASELINE_REQUESTS, echoed);
		const run = await drive(n8n, QUALIFY_PATH, LEADS, qualified);
		process.stderr.write(`load ${setup.name}: ${JSON.stringify({ base, run })}\n`);
		const n = `${LEADS.toLocaleString('en-US')} leads, ${CONCURRENCY} in flight; ${setup.note}; baseline: bare webhook → Split Out, ${BASELINE_REQUESTS.toLocaleString('en-US')} requests`;
		figure(setup.name, 'leads_per_s', run.perSecond, base.perSecond, 'requests/s', n);
		figure(setup.name, 'p50_ms', run.p50, base.p50, 'ms');
		figure(setup.name, 'p95_ms', run.p95, base.p95, 'ms');
		figure(setup.name, 'p99_ms', run.p99, base.p99, 'ms');
		figure(setup.name, 'errors', run.errors, base.errors, 'requests', 'non-200, not the lead the request sent, or no answer within 60 s');
		figure(setup.name, 'main_cpu_ms_per_lead', run.cpuMs.main, base.cpuMs.main, 'CPU ms/request', 'main process and its task runner');
		if (setup.queue) figure(setup.name, 'workers_cpu_ms_per_lead', run.cpuMs.workers, base.cpuMs.workers, 'CPU ms/request', 'both workers and their task runners');
		figure(setup.name, 'main_rss_peak_mb', run.rss.mainPeakMb, run.rss.mainIdleMb, 'MB', `baseline: idle before the run; drift over the 2nd half of the run (least-squares line) ${run.rss.mainDriftPct}%`);
		if (setup.queue) figure(setup.name, 'workers_rss_peak_mb', run.rss.workersPeakMb, run.rss.workersIdleMb, 'MB', `both workers; baseline: idle before the run; drift over the 2nd half (least-squares line) ${run.rss.workersDriftPct}%`);
	} finally {
		await n8n?.stop();
		await db?.drop();
	}
}
