// The queue-mode hang behind CI's lost webhook answer (docs/scaling.md, "Why a webhook request hung"),
// pinned on the Bull 4 that the pinned n8n ships. n8n's main enqueues a job, runs its
// workflowExecuteBefore hooks, and only then calls `job.finished()`, which listens for Bull's
// `global:completed` pub/sub event and, as a fallback, polls `isFinished` (the completed/failed sets)
// every 5 s. With n8n's default retention (N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED/FAILED = 0, i.e.
// `removeOnComplete: 0`) a finished job is deleted at once, so a job that completes before the main
// listens is never seen again: its event has passed and the poll finds it in no set. Keeping the last
// N finished jobs makes the poll find it. Both cases run against the real Redis and the host's Bull.
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hostDir } from '../../scripts/n8n-instance.mts';
import { ensureRedis } from '../support/redis.mts';

interface BullJob {
	id: string | number;
	finished(): Promise<unknown>;
}
interface BullQueue {
	add(name: string, data: unknown, opts: Record<string, unknown>): Promise<BullJob>;
	process(name: string, concurrency: number, fn: (job: BullJob) => Promise<unknown>): Promise<void>;
	on(event: string, fn: (...args: unknown[]) => void): void;
	isReady(): Promise<unknown>;
	close(): Promise<void>;
}
type BullCtor = new (name: string, opts: Record<string, unknown>) => BullQueue;

let queue: BullQueue;
const processed = new Map<string, () => void>();
const completedEvents: string[] = [];

beforeAll(async () => {
	const redis = await ensureRedis();
	const Bull = createRequire(join(hostDir(), 'node_modules', 'n8n', 'package.json'))('bull') as BullCtor;
	// The settings n8n's ScalingService gives Bull (maxStalledCount 0), with the default lock.
	queue = new Bull('jobs', { prefix: `ltc-race-${process.pid}-${Date.now()}`, redis: { host: redis.host, port: redis.port }, settings: { maxStalledCount: 0 } });
	await queue.isReady();
	queue.on('global:completed', (jobId) => completedEvents.push(String(jobId)));
	void queue.process('job', 4, async (job) => {
		setImmediate(() => processed.get(String(job.id))?.());
		return { success: true };
	});
});

afterAll(async () => {
	await queue?.close();
});

/** Adds a job, waits until the worker has completed it and its event went by, then asks finished(). */
async function finishedAfterCompletion(removeOnComplete: number): Promise<'resolved' | 'rejected' | 'pending'> {
	let done!: () => void;
	const ran = new Promise<void>((r) => (done = r));
	const job = await queue.add('job', { executionId: 'x' }, { priority: 100, removeOnComplete, removeOnFail: removeOnComplete });
	processed.set(String(job.id), done);
	await ran;
	for (let i = 0; i < 100 && !completedEvents.includes(String(job.id)); i++) await new Promise((r) => setTimeout(r, 50));
	expect(completedEvents).toContain(String(job.id));
	// What the main does after addJob(): by now the completion event has been delivered.
	const outcome = job.finished().then(
		() => 'resolved' as const,
		() => 'rejected' as const,
	);
	// Two of Bull's 5-second finished() watchdog rounds.
	return await Promise.race([outcome, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 11_000))]);
}

describe('Bull job.finished() for a job that completed before the main listened', () => {
	it("never settles with n8n's default queue retention (keep last 0)", async () => {
		expect(await finishedAfterCompletion(0)).toBe('pending');
	}, 30_000);

	it('resolves when finished jobs are kept (N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED > 0)', async () => {
		expect(await finishedAfterCompletion(1000)).toBe('resolved');
	}, 30_000);
});
