// The per-host limit: a fake adapter whose responses the test releases one by one records how many
// requests were in flight per host at every moment. No timers: the schedule is driven by promises.
import { describe, expect, it } from 'vitest';

import { HostLimiter, createTransport } from '../../../connectors/http';
import type { HttpAdapter, HttpRequest, HttpResponse } from '../../../connectors/http';

function gatedAdapter() {
	const inFlight = new Map<string, number>();
	const peak = new Map<string, number>();
	const pending: Array<() => void> = [];
	const started: string[] = [];
	const adapter: HttpAdapter = {
		async send(request: HttpRequest): Promise<HttpResponse> {
			const host = new URL(request.url).host;
			started.push(request.url);
			inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
			peak.set(host, Math.max(peak.get(host) ?? 0, inFlight.get(host) ?? 0));
			await new Promise<void>((resolve) => pending.push(resolve));
			inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
			return { status: 200, headers: {}, body: { url: request.url } };
		},
	};
	return { adapter, peak, pending, started, inFlight };
}

/** Lets every queued microtask run. */
async function settle(): Promise<void> {
	for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('per-host concurrency limit', () => {
	const cases = [
		{ limit: 1, requests: 5 },
		{ limit: 3, requests: 10 },
		{ limit: 4, requests: 4 },
	];
	it.each(cases)('limit $limit with $requests requests: never more than $limit in flight, all complete in order', async ({ limit, requests }) => {
		const { adapter, peak, pending, started } = gatedAdapter();
		const transport = createTransport({ service: 'ERPNext', adapter, maxConcurrencyPerHost: limit });
		const results = Array.from({ length: requests }, (_, i) =>
			transport.request({ method: 'GET', url: `http://erp.test/api/resource/Lead/L${i}` }),
		);
		await settle();
		expect(started).toHaveLength(Math.min(limit, requests));
		while (pending.length > 0) {
			pending.shift()?.();
			await settle();
		}
		const bodies = (await Promise.all(results)).map((r) => (r.body as { url: string }).url);
		expect(bodies).toEqual(Array.from({ length: requests }, (_, i) => `http://erp.test/api/resource/Lead/L${i}`));
		expect(peak.get('erp.test')).toBe(Math.min(limit, requests));
		expect(started).toEqual(bodies);
	});

	it('hosts do not share a limit', async () => {
		const { adapter, peak, pending } = gatedAdapter();
		const transport = createTransport({ service: 'ERPNext', adapter, maxConcurrencyPerHost: 2 });
		const all = ['a.test', 'b.test'].flatMap((host) =>
			[1, 2, 3].map((i) => transport.request({ method: 'GET', url: `http://${host}/${i}` })),
		);
		await settle();
		expect(pending).toHaveLength(4);
		while (pending.length > 0) {
			pending.shift()?.();
			await settle();
		}
		await Promise.all(all);
		expect(Object.fromEntries(peak)).toEqual({ 'a.test': 2, 'b.test': 2 });
	});

	it('a failing request frees its slot', async () => {
		const limiter = new HostLimiter(1);
		await expect(limiter.run('h', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(limiter.inFlight('h')).toBe(0);
		await expect(limiter.run('h', async () => 'next')).resolves.toBe('next');
	});

	it.each([0, -1, 1.5])('rejects a limit of %s', (max) => {
		expect(() => new HostLimiter(max)).toThrow(RangeError);
	});
});
