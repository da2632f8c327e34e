// n8n queue mode with our package: main + 2 workers on Redis and PostgreSQL (the ones this machine kind
// runs, started if absent). 1,000 leads arrive one webhook request each (20 in flight) and are qualified
// with ERPNext write-back: every lead is processed exactly once (counted at the ERPNext contract server
// and in n8n's execution table). Then one worker is killed mid-run: the test records what n8n itself
// retried or lost, re-sends the leads whose request failed, and shows that our idempotency (the
// audit-comment dedupe key) leaves exactly one comment per lead. Throughput and p50/p95 webhook
// latency are printed with the expression engine named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.mts';
import { ensureRedis } from '../support/redis.mts';

const CRED = 'ltcQueueErpCred01';
const WF: WorkflowFixture = {
	id: 'ltcQueueQualify01',
	name: 'queue: qualify with write-back',
	nodes: [
		{ id: 'q1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: 'q-hook', parameters: { httpMethod: 'POST', path: 'queue/qualify', responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} } },
		{ id: 'q2', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
		{ id: 'q3', name: 'Lead Qualifier', type: 'n8n-nodes-lead-to-close.leadQualifier', typeVersion: 1, position: [400, 0], parameters: { writeBack: true, referenceDate: '2026-11-01T00:00:00Z', options: { checkDuplicates: false } }, credentials: { leadToCloseErpNextApi: { id: CRED, name: 'ERPNext' } } },
	],
	connections: { Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] }, Split: { main: [[{ node: 'Lead Qualifier', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

let erp: ErpNextServer;
let db: TestDatabase;
let n8n: N8nInstance;

function lead(i: number) {
	return {
		doctype: 'Lead',
		name: `CRM-LEAD-2026-${String(i).padStart(5, '0')}`,
		lead_name: `Buyer ${i}`,
		company_name: `Fabrik ${i} GmbH`,
		job_title: i % 4 ? 'Instandhaltungsleiter' : 'Geschäftsführer',
		email_id: `einkauf${i}@fabrik${i}.de`,
		country: 'Germany',
		no_of_employees: '201-500',
		notes: [{ note: `Wir brauchen ${(i % 7) + 2} SPS und Frequenzumrichter, Budget ca. ${(i % 5) + 1}00.000 EUR, Start in ${(i % 9) + 1} Monaten.` }],
	};
}

async function post(i: number): Promise<{ i: number; status: number; ms: number }> {
	const t0 = performance.now();
	try {
		const r = await fetch(`${n8n.baseUrl}/webhook/queue/qualify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads: [lead(i)] }), signal: AbortSignal.timeout(120_000) });
		await r.text();
		return { i, status: r.status, ms: performance.now() - t0 };
	} catch {
		return { i, status: 0, ms: performance.now() - t0 };
	}
}

async function sendAll(ids: number[], concurrency: number, onResult?: (done: number) => void) {
	const results: Array<{ i: number; status: number; ms: number }> = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < ids.length) {
				const r = await post(ids[next++]);
				results.push(r);
				onResult?.(results.length);
			}
		}),
	);
	return results;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const commentsFor = (name: string) => erp.state.all('Comment').filter((c) => c.reference_name === name).length;

beforeAll(async () => {
	const redis = await ensureRedis();
	db = await createTestDatabase('ltc_n8n_queue');
	erp = await startErpNextServer({ apiKey: 'qk', apiSecret: 'queue-secret-1' });
	erp.state.seed('Lead', Array.from({ length: 1300 }, (_, i) => lead(i)));
	const dbUrl = new URL(db.url);
	n8n = await startN8n({
		credentials: [{ id: CRED, name: 'ERPNext', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, apiKey: 'qk', apiSecret: 'queue-secret-1' } }],
		workflows: [WF],
		activate: [WF.id],
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: dbUrl.hostname,
			DB_POSTGRESDB_PORT: dbUrl.port || '5432',
			DB_POSTGRESDB_DATABASE: db.name,
			DB_POSTGRESDB_USER: decodeURIComponent(dbUrl.username),
			DB_POSTGRESDB_PASSWORD: decodeURIComponent(dbUrl.password),
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_BULL_PREFIX: `ltc${Date.now()}`,
			// Detect a dead worker's jobs in seconds, not the default minute.
			QUEUE_WORKER_LOCK_DURATION: '5000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '2500',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
			N8N_LOG_LEVEL: 'info',
		},
	});
	await n8n.startWorker(10);
	await n8n.startWorker(10);
	const first = await n8n.waitForWebhook('queue/qualify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads: [lead(1299)] }) }, 120_000);
	expect(first.status).toBe(200);
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	await erp?.stop();
	await db?.drop();
});

describe('queue mode: main + 2 workers, Redis, PostgreSQL', () => {
	it('processes 1,000 of 1,000 leads exactly once', async () => {
		const ids = Array.from({ length: 1000 }, (_, i) => i);
		const t0 = performance.now();
		const results = await sendAll(ids, 20);
		const seconds = (performance.now() - t0) / 1000;
		const ms = results.map((r) => r.ms);
		console.log(
			JSON.stringify({ bench: 'queue-mode', leads: 1000, workers: 2, concurrency: 20, throughput_per_s: Math.round((1000 / seconds) * 10) / 10, p50_ms: Math.round(pct(ms, 50)), p95_ms: Math.round(pct(ms, 95)), expressionEngine: 'vm (n8n 2.41 default)' }),
		);
		expect(results.filter((r) => r.status !== 200)).toEqual([]);
		for (const i of ids) {
			const stored = erp.state.get('Lead', lead(i).name)!;
			expect(stored.custom_ai_score, lead(i).name).toBeTypeOf('number');
			expect(commentsFor(lead(i).name), lead(i).name).toBe(1);
		}
		const { rows } = await db.pool.query<{ status: string; n: string }>(`select status, count(*) as n from execution_entity where "workflowId" = $1 group by status`, [WF.id]);
		const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
		expect(byStatus.success).toBe(1001); // 1,000 leads + the readiness probe
		// Both workers took jobs.
		for (const w of [0, 1]) expect(n8n.workerLog(w)).toMatch(/finished execution|Execution \d+ .*finished/i);
	});

	it('recovers when a worker is killed mid-run; re-sending failed leads leaves exactly one comment per lead', async () => {
		const ids = Array.from({ length: 200 }, (_, i) => 1000 + i);
		let killed = false;
		const results = await sendAll(ids, 20, (done) => {
			if (!killed && done >= 60) {
				killed = true;
				n8n.killWorker(1);
			}
		});
		const failed = results.filter((r) => r.status !== 200).map((r) => r.i);
		const { rows } = await db.pool.query<{ status: string; n: string }>(`select status, count(*) as n from execution_entity where "workflowId" = $1 and id > 0 group by status`, [WF.id]);
		console.log(JSON.stringify({ bench: 'queue-mode-kill', sent: ids.length, answered_200: ids.length - failed.length, failed: failed.length, executions_by_status: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) }));
		const retry = await sendAll(failed, 10);
		expect(retry.filter((r) => r.status !== 200)).toEqual([]);
		for (const i of ids) {
			expect(erp.state.get('Lead', lead(i).name)!.custom_ai_score, lead(i).name).toBeTypeOf('number');
			expect(commentsFor(lead(i).name), lead(i).name).toBe(1);
		}
	});
});
