// The Messages API stand-in must answer like the reference says, or tests built on it prove nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startAnthropicServer } from './anthropic-server.mts';
import type { AnthropicServer } from './anthropic-server.mts';

let server: AnthropicServer;
const KEY = 'sk-ant-test-key';
const base = { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

async function post(body: unknown, headers: Record<string, string> = {}) {
	const r = await fetch(`${server.url}/v1/messages`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01', ...headers },
		body: JSON.stringify(body),
	});
	return { status: r.status, headers: r.headers, body: (await r.json()) as any };
}

beforeAll(async () => {
	server = await startAnthropicServer({ apiKey: KEY, minCacheableTokens: 10 });
});
afterAll(async () => {
	await server.stop();
});

describe('requests the API refuses', () => {
	const cases: Array<{ name: string; body: unknown; headers: Record<string, string>; status: number; type: string }> = [
		{ name: 'wrong x-api-key', body: base, headers: { 'x-api-key': 'nope' }, status: 401, type: 'authentication_error' },
		{ name: 'no anthropic-version', body: base, headers: { 'anthropic-version': '' }, status: 400, type: 'invalid_request_error' },
		{ name: 'no max_tokens', body: { ...base, max_tokens: undefined }, headers: {}, status: 400, type: 'invalid_request_error' },
		{ name: 'temperature on a 5.5 model', body: { ...base, model: 'claude-haiku-5-5', temperature: 0 }, headers: {}, status: 400, type: 'invalid_request_error' },
		{ name: 'forced tool choice on a 5.5 model', body: { ...base, model: 'claude-opus-5-5', tool_choice: { type: 'tool', name: 'x' } }, headers: {}, status: 400, type: 'invalid_request_error' },
		// platform.claude.com/docs/en/models/sonnet-5/migration-guide: non-default sampling values are 400 on Sonnet 5.
		{ name: 'a non-default temperature on Sonnet 5', body: { ...base, model: 'claude-sonnet-5', temperature: 0.2 }, headers: {}, status: 400, type: 'invalid_request_error' },
		{ name: 'top_k on Sonnet 5', body: { ...base, model: 'claude-sonnet-5', top_k: 5 }, headers: {}, status: 400, type: 'invalid_request_error' },
	];
	it.each(cases)('$name → $status $type', async ({ body, headers, status, type }) => {
		const r = await post(body, headers);
		expect(r.status).toBe(status);
		expect(r.body).toMatchObject({ type: 'error', error: { type } });
		expect(r.headers.get('request-id')).toMatch(/^req_/);
	});
});

describe('replies', () => {
	it('a Bearer key (SDK 1.x) is accepted too, and temperature is fine on older models', async () => {
		const r = await post({ ...base, temperature: 0.2 }, { 'x-api-key': '', authorization: `Bearer ${KEY}` });
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'end_turn', content: [{ type: 'text', text: 'OK' }] });
	});

	it('prompt cache: write on first use, read afterwards; short prefixes are silently not cached', async () => {
		const system = [{ type: 'text', text: 'R'.repeat(400), cache_control: { type: 'ephemeral' } }];
		const first = await post({ ...base, system });
		const second = await post({ ...base, system });
		expect(first.body.usage).toMatchObject({ cache_creation_input_tokens: 100, cache_read_input_tokens: 0 });
		expect(second.body.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 100 });
		const tiny = await post({ ...base, system: [{ type: 'text', text: 'short', cache_control: { type: 'ephemeral' } }] });
		expect(tiny.body.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
	});

	it('serves configured replies in order, then the default', async () => {
		server.reply({ text: 'cut', stopReason: 'max_tokens' }, { text: '', stopReason: 'refusal' });
		expect((await post(base)).body).toMatchObject({ stop_reason: 'max_tokens', content: [{ text: 'cut' }] });
		expect((await post(base)).body).toMatchObject({ stop_reason: 'refusal', content: [] });
		expect((await post(base)).body).toMatchObject({ stop_reason: 'end_turn' });
	});

	it('faults: 529 overloaded, then 429 with retry-after', async () => {
		server.fault({ kind: 'overloaded' });
		server.fault({ kind: 'rate-limit', retryAfterSeconds: 3 });
		expect(await post(base)).toMatchObject({ status: 529, body: { error: { type: 'overloaded_error' } } });
		const limited = await post(base);
		expect(limited).toMatchObject({ status: 429, body: { error: { type: 'rate_limit_error' } } });
		expect(limited.headers.get('retry-after')).toBe('3');
		expect((await post(base)).status).toBe(200);
	});

	it('lists models for the credential test', async () => {
		const r = await fetch(`${server.url}/v1/models`, { headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' } });
		expect(r.status).toBe(200);
		expect(r.headers.get('request-id')).toMatch(/^req_/);
		expect(((await r.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
	});

	it('the default temperature is accepted on Sonnet 5; a refusal carries stop_details', async () => {
		expect((await post({ ...base, model: 'claude-sonnet-5', temperature: 1 })).status).toBe(200);
		server.reply({ text: '', stopReason: 'refusal' });
		expect((await post(base)).body).toMatchObject({ stop_reason: 'refusal', stop_details: { type: 'refusal' }, container: null });
		expect((await post(base)).body).toMatchObject({ stop_reason: 'end_turn', stop_details: null });
	});

	it('faults: 403 permission_error, 413 request_too_large, and a 429 with the rate-limit headers', async () => {
		server.fault({ kind: 'permission' });
		server.fault({ kind: 'too-large' });
		server.fault({ kind: 'rate-limit', retryAfterSeconds: 5 });
		expect(await post(base)).toMatchObject({ status: 403, body: { type: 'error', error: { type: 'permission_error' } } });
		expect(await post(base)).toMatchObject({ status: 413, body: { type: 'error', error: { type: 'request_too_large' } } });
		const limited = await post(base);
		expect(limited.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
		expect(limited.headers.get('anthropic-ratelimit-requests-reset')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
	});
});

describe('adaptive thinking on the 5.x models (platform.claude.com Sonnet 5 migration guide)', () => {
	it('a thinking block comes before the text on a 5.x model, none on 4.x; a reply can set or drop it', async () => {
		server.reply({ text: 'answer' });
		expect((await post({ ...base, model: 'claude-sonnet-5' })).body.content).toEqual([
			{ type: 'thinking', thinking: expect.any(String), signature: expect.any(String) },
			{ type: 'text', text: 'answer' },
		]);
		server.reply({ text: 'answer' });
		expect((await post(base)).body.content).toEqual([{ type: 'text', text: 'answer' }]);
		server.reply({ text: 'answer', thinking: null });
		expect((await post({ ...base, model: 'claude-haiku-5-5' })).body.content).toEqual([{ type: 'text', text: 'answer' }]);
	});
});

describe('GET /v1/models pages like the real list (SDK core/pagination.ts Page)', () => {
	const models = ['m-1', 'm-2', 'm-3', 'm-4', 'm-5'];
	let paged: AnthropicServer;
	beforeAll(async () => {
		paged = await startAnthropicServer({ apiKey: KEY, models, maxRequestBytes: 1000 });
	});
	afterAll(async () => {
		await paged.stop();
	});
	const list = async (qs: string) => {
		const r = await fetch(`${paged.url}/v1/models${qs}`, { headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' } });
		return { status: r.status, body: (await r.json()) as any };
	};

	it.each([
		{ qs: '?limit=2', ids: ['m-1', 'm-2'], has_more: true },
		{ qs: '?limit=2&after_id=m-2', ids: ['m-3', 'm-4'], has_more: true },
		{ qs: '?limit=2&after_id=m-4', ids: ['m-5'], has_more: false },
		{ qs: '?limit=2&before_id=m-5', ids: ['m-3', 'm-4'], has_more: true },
		{ qs: '', ids: models, has_more: false },
	])('$qs → $ids', async ({ qs, ids, has_more }) => {
		const r = await list(qs);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ has_more, first_id: ids[0], last_id: ids[ids.length - 1] });
		expect(r.body.data.map((m: { id: string }) => m.id)).toEqual(ids);
		expect(r.body.data[0]).toMatchObject({ type: 'model', display_name: expect.any(String), created_at: expect.any(String) });
	});

	it.each(['?limit=0', '?limit=1001', '?after_id=nope'])('%s → 400 invalid_request_error', async (qs) => {
		expect(await list(qs)).toMatchObject({ status: 400, body: { type: 'error', error: { type: 'invalid_request_error' } } });
	});

	it('a body over the size limit is 413 request_too_large', async () => {
		const r = await fetch(`${paged.url}/v1/messages`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
			body: JSON.stringify({ ...base, messages: [{ role: 'user', content: 'x'.repeat(2000) }] }),
		});
		expect(r.status).toBe(413);
		expect(await r.json()).toMatchObject({ error: { type: 'request_too_large' } });
	});
});
