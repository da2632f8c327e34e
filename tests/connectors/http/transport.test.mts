// Transport behaviour over the real fetch adapter: HTTP answers come from nock, connection-level
// failures (refused, reset) from real sockets on 127.0.0.1. Waits are recorded by an injected sleep,
// so retry schedules are asserted exactly and no test waits for real.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';

import fc from 'fast-check';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';

import {
	ErpNextError,
	ServiceError,
	backoffDelay,
	createTransport,
	fetchAdapter,
	redact,
	retryAfterMs,
} from '../../../connectors/http';
import type { HttpRequest, TransportOptions } from '../../../connectors/http';

const BASE = 'http://erp.test';
const API_KEY = 'k3y-4bc9f0e1';
const API_SECRET = 's3cr3t-77d2aa90c';

function setup(overrides: Partial<TransportOptions> = {}) {
	const delays: number[] = [];
	const transport = createTransport({
		service: 'ERPNext',
		adapter: fetchAdapter({ headers: () => ({ Authorization: `token ${API_KEY}:${API_SECRET}` }) }),
		sleep: async (ms) => {
			delays.push(ms);
		},
		random: () => 0.5,
		now: () => Date.parse('2026-11-22T10:00:00Z'),
		secrets: [API_KEY, API_SECRET],
		...overrides,
	});
	return { transport, delays };
}

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(ServiceError);
		return error as ServiceError;
	}
	throw new Error('expected the request to fail');
}

/** A real local server whose handler decides per request; counts what it received. */
async function localServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
	let hits = 0;
	const server = http.createServer((req, res) => {
		hits += 1;
		handler(req, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		hits: () => hits,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

async function closedPort(): Promise<string> {
	const server = await localServer(() => undefined);
	await server.stop();
	return server.url;
}

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
	nock.cleanAll();
});
afterAll(() => {
	nock.enableNetConnect();
});

describe('429 then success honours Retry-After', () => {
	const cases: Array<{ name: string; headers: Record<string, string>; maxDelayMs?: number; wait: number }> = [
		{ name: 'Retry-After in seconds', headers: { 'Retry-After': '2' }, wait: 2000 },
		{ name: 'Retry-After as HTTP-date', headers: { 'Retry-After': 'Sun, 22 Nov 2026 10:00:05 GMT' }, wait: 5000 },
		{ name: 'retry-after-ms (Anthropic)', headers: { 'retry-after-ms': '150' }, wait: 150 },
		{ name: 'Retry-After capped by maxDelayMs', headers: { 'Retry-After': '120' }, maxDelayMs: 30_000, wait: 30_000 },
		{ name: 'no header: backoff 500·2⁰ with jitter 0.5', headers: {}, wait: 375 },
	];
	it.each(cases)('$name → waits $wait ms once', async ({ headers, maxDelayMs, wait }) => {
		const scope = nock(BASE)
			.get('/api/resource/Lead')
			.reply(429, { exc_type: 'TooManyRequestsError' }, headers)
			.get('/api/resource/Lead')
			.reply(200, { data: [{ name: 'CRM-LEAD-2026-00001' }] });
		const { transport, delays } = setup(maxDelayMs ? { maxDelayMs } : {});

		const response = await transport.request({ method: 'GET', url: `${BASE}/api/resource/Lead` });

		expect(response.status).toBe(200);
		expect(response.body).toEqual({ data: [{ name: 'CRM-LEAD-2026-00001' }] });
		expect(delays).toEqual([wait]);
		expect(scope.isDone()).toBe(true);
	});
});

describe('503 until exhaustion', () => {
	it('makes maxAttempts attempts with doubling jittered waits, then reports all of them', async () => {
		const scope = nock(BASE).get('/api/resource/Lead').times(4).reply(503, { exc_type: 'SessionStopped' });
		const { transport, delays } = setup({ random: () => 0 });

		const error = await rejection(transport.request({ method: 'GET', url: `${BASE}/api/resource/Lead` }));

		expect(scope.isDone()).toBe(true);
		expect(delays).toEqual([250, 500, 1000]);
		expect(error).toBeInstanceOf(ErpNextError);
		expect(error).toMatchObject({ service: 'ERPNext', kind: 'http', status: 503, retryable: true, attempts: 4 });
		expect(error.message).toContain('gave up after 4 attempts');
		expect(error.details).toMatchObject({ method: 'GET', path: '/api/resource/Lead' });
	});
});

describe('which requests are retried', () => {
	type Case = {
		name: string;
		request: Omit<HttpRequest, 'url'>;
		status: number;
		attempts: number;
		ok: boolean;
	};
	const cases: Case[] = [
		{ name: 'GET 503', request: { method: 'GET' }, status: 503, attempts: 2, ok: true },
		{ name: 'PUT 502', request: { method: 'PUT', body: { a: 1 } }, status: 502, attempts: 2, ok: true },
		{ name: 'DELETE 504', request: { method: 'DELETE' }, status: 504, attempts: 2, ok: true },
		{ name: 'POST 503 without key: may have been processed', request: { method: 'POST', body: {} }, status: 503, attempts: 1, ok: false },
		{ name: 'POST 503 with idempotency key', request: { method: 'POST', body: {}, idempotencyKey: 'lead-42-score' }, status: 503, attempts: 2, ok: true },
		{ name: 'POST 503 marked idempotent', request: { method: 'POST', body: {}, idempotent: true }, status: 503, attempts: 2, ok: true },
		{ name: 'POST 429: rejected before processing', request: { method: 'POST', body: {} }, status: 429, attempts: 2, ok: true },
		{ name: 'PUT 503 marked not idempotent', request: { method: 'PUT', body: {}, idempotent: false }, status: 503, attempts: 1, ok: false },
		{ name: 'GET 500 (no default retry)', request: { method: 'GET' }, status: 500, attempts: 1, ok: false },
		{ name: 'GET 404', request: { method: 'GET' }, status: 404, attempts: 1, ok: false },
	];
	it.each(cases)('$name → $attempts attempt(s)', async ({ request, status, attempts, ok }) => {
		let calls = 0;
		nock(BASE)
			.intercept('/x', request.method)
			.times(2)
			.reply(() => {
				calls += 1;
				return calls === 1 ? [status, { message: 'busy' }] : [200, { ok: true }];
			});
		const { transport } = setup();
		const promise = transport.request({ ...request, url: `${BASE}/x` });
		if (ok) expect((await promise).body).toEqual({ ok: true });
		else expect(await rejection(promise)).toMatchObject({ status, attempts: 1 });
		expect(calls).toBe(attempts);
	});

	it('sends the idempotency key on every attempt', async () => {
		const keys: Array<string | undefined> = [];
		nock(BASE)
			.post('/x')
			.times(2)
			.reply(function () {
				keys.push(this.req.headers['idempotency-key'] as string | undefined);
				return keys.length === 1 ? [503, {}] : [201, { ok: true }];
			});
		const { transport } = setup();
		await transport.request({ method: 'POST', url: `${BASE}/x`, body: {}, idempotencyKey: 'quote-7' });
		expect(keys).toEqual(['quote-7', 'quote-7']);
	});

	it('lets a service classify its own retryable answers (Frappe 417 RateLimitExceededError)', async () => {
		let calls = 0;
		nock(BASE)
			.post('/api/method/erpnext.make')
			.times(2)
			.reply(() => {
				calls += 1;
				return calls === 1 ? [417, { exc_type: 'RateLimitExceededError' }] : [200, { message: 'ok' }];
			});
		const { transport } = setup({
			classifyRetry: (_res, decoded) => (decoded.code === 'RateLimitExceededError' ? 'always' : undefined),
			decodeError: (res) => ({ code: (res.body as { exc_type?: string }).exc_type }),
		});
		const response = await transport.request({ method: 'POST', url: `${BASE}/api/method/erpnext.make`, body: {} });
		expect(response.body).toEqual({ message: 'ok' });
		expect(calls).toBe(2);
	});
});

describe('timeouts', () => {
	it('a GET that times out is retried, then fails with ETIMEDOUT', async () => {
		const scope = nock(BASE).get('/slow').times(2).delay(500).reply(200, {});
		const { transport, delays } = setup({ maxAttempts: 2, timeoutMs: 20 });
		const error = await rejection(transport.request({ method: 'GET', url: `${BASE}/slow` }));
		expect(error).toMatchObject({ kind: 'network', code: 'ETIMEDOUT', retryable: true, attempts: 2 });
		expect(error.message).toContain('timed out');
		expect(delays).toHaveLength(1);
		expect(scope.isDone()).toBe(true);
	});

	it('a POST without a key that times out is not repeated (it may have been processed)', async () => {
		nock(BASE).post('/slow').delay(500).reply(200, {});
		const { transport, delays } = setup({ maxAttempts: 3 });
		const error = await rejection(transport.request({ method: 'POST', url: `${BASE}/slow`, body: {}, timeoutMs: 20 }));
		expect(error).toMatchObject({ code: 'ETIMEDOUT', attempts: 1 });
		expect(error.message).toContain('not retried');
		expect(delays).toEqual([]);
	});
});

describe('HTML error bodies', () => {
	const page =
		'<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.24.0</center></body></html>';

	it('reports the page title, never the raw HTML', async () => {
		nock(BASE).get('/api/resource/Lead').reply(502, page, { 'Content-Type': 'text/html' });
		const { transport } = setup({ maxAttempts: 1 });
		const error = await rejection(transport.request({ method: 'GET', url: `${BASE}/api/resource/Lead` }));
		expect(error.message).toBe('ERPNext 502: HTML error page (status 502): 502 Bad Gateway (GET /api/resource/Lead)');
		expect(JSON.stringify(error)).not.toContain('<');
	});

	it('a 200 HTML page where JSON was expected is a typed error, not a string downstream', async () => {
		nock(BASE).get('/api/resource/Lead').reply(200, '<html><head><title>Login</title></head></html>');
		const { transport } = setup();
		const error = await rejection(
			transport.request({ method: 'GET', url: `${BASE}/api/resource/Lead` }, z.object({ data: z.array(z.unknown()) })),
		);
		expect(error).toMatchObject({ kind: 'schema', code: 'NOT_JSON', status: 200 });
		expect(error.message).toContain('an HTML page (Login) instead of JSON');
	});
});

describe('a 200 whose JSON is cut short (ADR 0002: treated as a dropped answer, once)', () => {
	const full = JSON.stringify({ data: [{ name: 'CRM-LEAD-2026-00001' }, { name: 'CRM-LEAD-2026-00002' }] });
	const cut = full.slice(0, Math.floor(full.length / 2));
	const schema = z.object({ data: z.array(z.object({ name: z.string() })) });

	it('repeats a read once and returns the complete answer', async () => {
		nock(BASE).get('/api/resource/Lead').reply(200, cut, { 'Content-Type': 'application/json' });
		nock(BASE).get('/api/resource/Lead').reply(200, full, { 'Content-Type': 'application/json' });
		const { transport, delays } = setup();
		const response = await transport.request({ method: 'GET', url: `${BASE}/api/resource/Lead` }, schema);
		expect(response.body.data).toHaveLength(2);
		expect(delays).toEqual([375]);
	});

	it('repeats it only once: a second cut answer is the NOT_JSON error after 2 attempts', async () => {
		nock(BASE).get('/api/resource/Lead').times(2).reply(200, cut, { 'Content-Type': 'application/json' });
		const scope = nock(BASE).get('/api/resource/Lead').reply(200, full, { 'Content-Type': 'application/json' });
		const { transport, delays } = setup();
		const error = await rejection(transport.request({ method: 'GET', url: `${BASE}/api/resource/Lead` }, schema));
		expect(error).toMatchObject({ kind: 'schema', code: 'NOT_JSON', status: 200, attempts: 2 });
		expect(error.message).toBe('ERPNext answered GET /api/resource/Lead with text that is not JSON instead of JSON (status 200)');
		expect(delays).toHaveLength(1);
		expect(scope.isDone()).toBe(false);
	});

	it('never repeats a POST (its answer being cut means the write happened)', async () => {
		nock(BASE).post('/api/resource/Comment').reply(200, cut, { 'Content-Type': 'application/json' });
		const { transport, delays } = setup();
		const error = await rejection(transport.request({ method: 'POST', url: `${BASE}/api/resource/Comment`, body: {} }, schema));
		expect(error).toMatchObject({ code: 'NOT_JSON', attempts: 1 });
		expect(delays).toEqual([]);
	});

	it('does not repeat a 200 HTML page (a login page stays a login page)', async () => {
		nock(BASE).get('/api/resource/Lead').reply(200, '<html><head><title>Login</title></head>', { 'Content-Type': 'text/html' });
		const { transport, delays } = setup();
		await rejection(transport.request({ method: 'GET', url: `${BASE}/api/resource/Lead` }, schema));
		expect(delays).toEqual([]);
	});
});

describe('connection failures on real sockets', () => {
	it('connection refused: retried even for POST (nothing reached the server), then ECONNREFUSED', async () => {
		const url = await closedPort();
		const { transport, delays } = setup({ maxAttempts: 3 });
		const error = await rejection(transport.request({ method: 'POST', url: `${url}/api/resource/Lead`, body: {} }));
		expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', attempts: 3, retryable: true });
		expect(error.message).toContain('connection was refused');
		expect(delays).toHaveLength(2);
	});

	const resetCases = [
		{ name: 'GET', request: { method: 'GET' as const }, hits: 3 },
		{ name: 'POST without key', request: { method: 'POST' as const, body: {} }, hits: 1 },
		{ name: 'POST with key', request: { method: 'POST' as const, body: {}, idempotencyKey: 'k-1' }, hits: 3 },
	];
	it.each(resetCases)('connection reset after the request arrived: $name → $hits attempt(s)', async ({ request, hits }) => {
		const server = await localServer((req) => req.socket.destroy());
		try {
			const { transport } = setup({ maxAttempts: 3 });
			const error = await rejection(transport.request({ ...request, url: `${server.url}/x` }));
			expect(error).toMatchObject({ kind: 'network', code: 'ECONNRESET', attempts: hits });
			expect(server.hits()).toBe(hits);
		} finally {
			await server.stop();
		}
	});
});

describe('response schema', () => {
	it('names the service and the failing path', async () => {
		nock(BASE)
			.get('/api/resource/Lead')
			.reply(200, { data: [{ name: 'CRM-LEAD-2026-00001' }, { name: 7 }] });
		const schema = z.object({ data: z.array(z.object({ name: z.string() })) });
		const { transport } = setup();
		const error = await rejection(transport.request({ method: 'GET', url: `${BASE}/api/resource/Lead` }, schema));
		expect(error).toBeInstanceOf(ErpNextError);
		expect(error).toMatchObject({ kind: 'schema', code: 'SCHEMA_MISMATCH', retryable: false });
		expect(error.message).toMatch(/^ERPNext returned an unexpected response to GET \/api\/resource\/Lead at data\[1\]\.name: /);
		expect(error.details?.issues?.[0]?.path).toBe('data[1].name');
	});

	it('returns the parsed, typed body when it matches', async () => {
		nock(BASE).get('/x').reply(200, { data: { score: '82' } });
		const { transport } = setup();
		const response = await transport.request(
			{ method: 'GET', url: `${BASE}/x` },
			z.object({ data: z.object({ score: z.coerce.number() }) }),
		);
		expect(response.body.data.score).toBe(82);
	});
});

describe('secrets never reach an error', () => {
	const token = `token ${API_KEY}:${API_SECRET}`;
	const cases: Array<{ name: string; reply: () => nock.Scope }> = [
		{
			name: 'JSON body echoing the Authorization header',
			reply: () => nock(BASE).get('/x').reply(401, { message: `Invalid Authorization header: ${token}` }),
		},
		{
			name: 'HTML page whose title holds the secret',
			reply: () => nock(BASE).get('/x').reply(403, `<html><title>Denied for ${API_SECRET}</title></html>`),
		},
		{
			name: 'plain-text body with the key URL-encoded',
			reply: () => nock(BASE).get('/x').reply(400, `bad key ${encodeURIComponent(API_KEY)}`, { 'Content-Type': 'text/plain' }),
		},
		{
			name: 'service error code carrying the secret',
			reply: () => nock(BASE).get('/x').reply(409, { error: { type: `dup_${API_SECRET}`, message: 'dup' } }),
		},
	];
	it.each(cases)('$name', async ({ reply }) => {
		reply();
		const reasons: string[] = [];
		const { transport } = setup({ maxAttempts: 1, onRetry: (info) => reasons.push(info.reason) });
		const error = await rejection(transport.request({ method: 'GET', url: `${BASE}/x` }));
		for (const text of [error.message, error.stack ?? '', JSON.stringify(error), inspect(error, { depth: 5 }), ...reasons]) {
			expect(text).not.toContain(API_KEY);
			expect(text).not.toContain(API_SECRET);
			expect(text).not.toContain(encodeURIComponent(API_KEY));
		}
	});

	it('a timeout of an authenticated request carries no header', async () => {
		nock(BASE).get('/slow').delay(500).reply(200, {});
		const { transport } = setup({ maxAttempts: 1, timeoutMs: 20 });
		const error = await rejection(transport.request({ method: 'GET', url: `${BASE}/slow` }));
		expect(inspect(error, { depth: 5 })).not.toContain(API_SECRET);
		expect(JSON.stringify(error)).not.toContain(API_KEY);
	});
});

describe('backoff and Retry-After arithmetic', () => {
	it('every backoff lies in [step/2, step] with step = base·2^(n-1) capped at maxDelay', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 12 }),
				fc.integer({ min: 1, max: 5000 }),
				fc.integer({ min: 1, max: 60_000 }),
				fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
				(attempt, base, max, r) => {
					const step = Math.min(max, base * 2 ** (attempt - 1));
					const delay = backoffDelay(attempt, base, max, () => r);
					return delay >= Math.floor(step / 2) && delay <= Math.ceil(step) && delay <= max;
				},
			),
		);
	});

	const headerCases: Array<{ headers: Record<string, string>; expected: number | undefined }> = [
		{ headers: { 'retry-after': '3' }, expected: 3000 },
		{ headers: { 'retry-after': '0.5' }, expected: 500 },
		{ headers: { 'retry-after': 'Sun, 22 Nov 2026 10:01:00 GMT' }, expected: 60_000 },
		{ headers: { 'retry-after': 'Sun, 22 Nov 2026 09:00:00 GMT' }, expected: 0 },
		{ headers: { 'retry-after': 'soon' }, expected: undefined },
		{ headers: { 'retry-after-ms': '1234', 'retry-after': '2' }, expected: 1234 },
		{ headers: {}, expected: undefined },
	];
	it.each(headerCases)('retryAfterMs($headers) = $expected', ({ headers, expected }) => {
		expect(retryAfterMs(headers, Date.parse('2026-11-22T10:00:00Z'))).toBe(expected);
	});

	it('redact removes any listed secret from any text', () => {
		fc.assert(
			fc.property(
				fc.string(),
				fc.string({ minLength: 8, maxLength: 40, unit: fc.constantFrom(...'ABCDEFGHJKMNPQRSTUVWXYZ0123456789'.split('')) }),
				fc.string(),
				(before, secret, after) => !redact(`${before}${secret}${after}`, [secret]).includes(secret),
			),
		);
	});
});
