// The n8n adapter against a stand-in for `this.helpers.httpRequestWithAuthentication`: what options
// it hands n8n, how n8n's full responses come back, and how n8n's thrown errors (NodeApiError
// wrapping an axios error that still holds the Authorization header) become secret-free codes.
import { inspect } from 'node:util';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, IHttpRequestOptions, INode, JsonObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { ServiceError, TransportError, createTransport, n8nAdapter, transportErrorFrom } from '../../../connectors/http';
import type { HttpRequest } from '../../../connectors/http';

const TOKEN = 'token 9f8e7d6c5b4a:secret-0a1b2c3d4e5f';
const node: INode = {
	id: 'n1',
	name: 'ERPNext',
	type: 'n8n-nodes-lead-to-close.erpNext',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function fakeContext(answer: (options: IHttpRequestOptions) => unknown) {
	const calls: Array<{ self: unknown; credentialType: string; options: IHttpRequestOptions }> = [];
	const context = {
		helpers: {
			async httpRequestWithAuthentication(this: unknown, credentialType: string, options: IHttpRequestOptions) {
				calls.push({ self: this, credentialType, options });
				return answer(options);
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, calls };
}

const ok = () => ({ statusCode: 200, headers: {}, body: {} });

describe('request options handed to n8n', () => {
	const cases: Array<{ name: string; request: HttpRequest; expected: Partial<IHttpRequestOptions> }> = [
		{
			name: 'JSON GET with query (undefined values dropped)',
			request: { method: 'GET', url: 'http://erp.test/api/resource/Lead', qs: { limit_start: 0, fields: '["name"]', debug: undefined }, timeoutMs: 5000 },
			expected: {
				method: 'GET',
				url: 'http://erp.test/api/resource/Lead',
				qs: { limit_start: 0, fields: '["name"]' },
				json: true,
				timeout: 5000,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			},
		},
		{
			name: 'binary download',
			request: { method: 'GET', url: 'http://erp.test/pdf', responseType: 'binary' },
			expected: { json: false, encoding: 'arraybuffer', returnFullResponse: true, ignoreHttpStatusErrors: true },
		},
		{
			name: 'JSON POST body passed as an object',
			request: { method: 'POST', url: 'http://erp.test/api/resource/Lead', body: { lead_name: 'Ada' } },
			expected: { method: 'POST', body: { lead_name: 'Ada' }, json: true },
		},
		{
			name: 'string body gets a text content type (axios would say form-urlencoded)',
			request: { method: 'POST', url: 'http://erp.test/raw', body: 'hello' },
			expected: { body: 'hello', headers: { 'Content-Type': 'text/plain;charset=UTF-8' } },
		},
	];
	it.each(cases)('$name', async ({ request, expected }) => {
		const { context, calls } = fakeContext(ok);
		await n8nAdapter(context, 'leadToCloseErpNextApi').send(request);
		expect(calls).toHaveLength(1);
		expect(calls[0].self).toBe(context);
		expect(calls[0].credentialType).toBe('leadToCloseErpNextApi');
		expect(calls[0].options).toMatchObject(expected);
	});
});

describe('responses from n8n', () => {
	it('keeps any status, lower-cases headers, joins repeated ones', async () => {
		const { context } = fakeContext(() => ({
			statusCode: 417,
			headers: { 'Content-Type': 'application/json', 'Set-Cookie': ['a=1', 'b=2'] },
			body: { exc_type: 'ValidationError' },
		}));
		const response = await n8nAdapter(context, 'x').send({ method: 'GET', url: 'http://erp.test/' });
		expect(response).toEqual({
			status: 417,
			headers: { 'content-type': 'application/json', 'set-cookie': 'a=1, b=2' },
			body: { exc_type: 'ValidationError' },
		});
	});

	it.each([
		{ name: 'Buffer', body: Buffer.from('%PDF-1.4') },
		{ name: 'ArrayBuffer', body: new TextEncoder().encode('%PDF-1.4').buffer },
	])('binary body as $name becomes a Buffer', async ({ body }) => {
		const { context } = fakeContext(() => ({ statusCode: 200, headers: {}, body }));
		const response = await n8nAdapter(context, 'x').send({ method: 'GET', url: 'http://erp.test/', responseType: 'binary' });
		expect(Buffer.isBuffer(response.body)).toBe(true);
		expect((response.body as Buffer).toString('latin1')).toBe('%PDF-1.4');
	});
});

describe("n8n's thrown errors become TransportErrors without secrets", () => {
	function axiosError(code: string, message: string): JsonObject {
		const error = Object.assign(new Error(message), {
			code,
			isAxiosError: true,
			config: { headers: { Authorization: TOKEN }, url: 'http://erp.test/api/resource/Lead' },
		});
		return error as unknown as JsonObject;
	}
	const cases: Array<{ name: string; thrown: () => unknown; code: string; maybeDelivered: boolean }> = [
		{ name: 'connection refused', thrown: () => new NodeApiError(node, axiosError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:8000')), code: 'ECONNREFUSED', maybeDelivered: false },
		{ name: 'axios timeout', thrown: () => new NodeApiError(node, axiosError('ECONNABORTED', 'timeout of 50ms exceeded')), code: 'ETIMEDOUT', maybeDelivered: true },
		{ name: 'socket reset', thrown: () => new NodeApiError(node, axiosError('ECONNRESET', 'socket hang up')), code: 'ECONNRESET', maybeDelivered: true },
		{ name: 'unknown host', thrown: () => new NodeApiError(node, axiosError('ENOTFOUND', 'getaddrinfo ENOTFOUND erp.test')), code: 'ENOTFOUND', maybeDelivered: false },
		{ name: 'execution cancelled', thrown: () => new NodeApiError(node, axiosError('ERR_CANCELED', 'canceled')), code: 'ECANCELED', maybeDelivered: true },
		{ name: 'missing credential', thrown: () => new NodeOperationError(node, 'Node "ERPNext" does not have any credentials of type "leadToCloseErpNextApi" set'), code: 'EREQUEST', maybeDelivered: true },
	];
	it.each(cases)('$name → $code', async ({ thrown, code, maybeDelivered }) => {
		const { context } = fakeContext(() => {
			throw thrown();
		});
		const error = await n8nAdapter(context, 'x')
			.send({ method: 'GET', url: 'http://erp.test/' })
			.then(() => undefined, (e: unknown) => e);
		expect(error).toBeInstanceOf(TransportError);
		expect(error).toMatchObject({ code, maybeDelivered });
		expect(inspect(error, { depth: 10 })).not.toContain('secret-0a1b2c3d4e5f');
	});

	// axios reports an answer that stopped after its headers as ERR_BAD_RESPONSE "stream has been aborted",
	// whether the socket closed or the timeout fired while the body was due (tests/reliability, cut-body).
	const aborted = () => new NodeApiError(node, axiosError('ERR_BAD_RESPONSE', 'stream has been aborted'));
	it.each([
		{ name: 'answer cut off after its headers', thrown: aborted, elapsedMs: 20, code: 'ECONNRESET', message: /closed unexpectedly: the answer was cut off after its headers$/ },
		{ name: 'answer stalled past the timeout', thrown: aborted, elapsedMs: 50, code: 'ETIMEDOUT', message: /^the request timed out: the answer stalled after its headers for 50 ms$/ },
		{ name: 'cancel caused by the timeout', thrown: () => new NodeApiError(node, axiosError('ERR_CANCELED', 'canceled')), elapsedMs: 51, code: 'ETIMEDOUT', message: /^the request timed out$/ },
		{ name: 'cancel before the timeout (execution stopped)', thrown: () => new NodeApiError(node, axiosError('ERR_CANCELED', 'canceled')), elapsedMs: 10, code: 'ECANCELED', message: /^the request was cancelled$/ },
	])('$name → $code', ({ thrown, elapsedMs, code, message }) => {
		const error = transportErrorFrom(thrown(), { timeoutMs: 50, elapsedMs });
		expect(error).toMatchObject({ code, maybeDelivered: true, transient: code !== 'ECANCELED' });
		expect(error.message).toMatch(message);
		expect(error.message).not.toMatch(/could not be sent/);
		expect(inspect(error, { depth: 10 })).not.toContain('secret-0a1b2c3d4e5f');
	});

	it('judges a stalled answer by the timeout axios applied (a lower one set by n8n or a test), not only the one asked for', () => {
		const thrown = axiosError('ERR_BAD_RESPONSE', 'stream has been aborted');
		(thrown as unknown as { config: Record<string, unknown> }).config.timeout = 40;
		const error = transportErrorFrom(new NodeApiError(node, thrown), { timeoutMs: 30_000, elapsedMs: 45 });
		expect(error).toMatchObject({ code: 'ETIMEDOUT' });
		expect(error.message).toBe('the request timed out: the answer stalled after its headers for 40 ms');
	});

	it('keeps the reason of a non-network failure, so a missing credential is still explained', async () => {
		const { context } = fakeContext(() => {
			throw new NodeOperationError(node, 'Node "ERPNext" does not have any credentials of type "leadToCloseErpNextApi" set');
		});
		const transport = createTransport({ service: 'ERPNext', adapter: n8nAdapter(context, 'leadToCloseErpNextApi') });
		const error = await transport.request({ method: 'GET', url: 'http://erp.test/x' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ServiceError);
		expect((error as ServiceError).message).toContain('does not have any credentials of type "leadToCloseErpNextApi"');
		expect(error).toMatchObject({ kind: 'network', code: 'EREQUEST', attempts: 1 });
	});
});

describe('the transport over n8n', () => {
	it('retries a 429 that n8n returned (not threw) and resolves with the second answer', async () => {
		let calls = 0;
		const { context } = fakeContext(() => {
			calls += 1;
			return calls === 1
				? { statusCode: 429, headers: { 'Retry-After': '1' }, body: { exc_type: 'TooManyRequestsError' } }
				: { statusCode: 200, headers: {}, body: { message: 'admin@example.com' } };
		});
		const delays: number[] = [];
		const transport = createTransport({
			service: 'ERPNext',
			adapter: n8nAdapter(context, 'leadToCloseErpNextApi'),
			sleep: async (ms) => {
				delays.push(ms);
			},
		});
		const response = await transport.request({ method: 'GET', url: 'http://erp.test/api/method/frappe.auth.get_logged_user' });
		expect(response.body).toEqual({ message: 'admin@example.com' });
		expect(delays).toEqual([1000]);
	});
});
