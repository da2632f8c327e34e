// How InvenTree's DRF error bodies become InvenTreeErrors (inventree.md §7): field errors keep their
// field names, `detail` is the message, 401/403 say what to fix, a 500 names InvenTree's exception.
// And no token ever reaches an error, whichever way it could leak.
import { inspect } from 'node:util';

import { afterEach, describe, expect, it } from 'vitest';

import { createTransport, fetchAdapter } from '../../../connectors/http';
import type { HttpAdapter } from '../../../connectors/http';
import { InvenTreeClient, InvenTreeError, decodeInvenTreeError, flattenDrfErrors, invenTreeFieldErrors } from '../../../connectors/inventree';
import { startInvenTreeServer } from '../../contract/inventree-server.mts';
import type { InvenTreeServer } from '../../contract/inventree-server.mts';

const response = (status: number, body: unknown) => ({ status, headers: { 'content-type': 'application/json' }, body });

describe('decodeInvenTreeError', () => {
	const cases = [
		{
			name: '400 field errors',
			status: 400,
			body: { part: ['Select a valid choice. That choice is not one of the available choices.'], quantity: ['A valid number is required.'] },
			expected: {
				code: 'ValidationError',
				message: 'part: Select a valid choice. That choice is not one of the available choices.; quantity: A valid number is required.',
				messages: ['part: Select a valid choice. That choice is not one of the available choices.', 'quantity: A valid number is required.'],
			},
		},
		{
			name: '400 non_field_errors are shown without the pseudo-field',
			status: 400,
			body: { non_field_errors: ['The fields part, quantity must make a unique set.'] },
			expected: {
				code: 'ValidationError',
				message: 'The fields part, quantity must make a unique set.',
				messages: ['non_field_errors: The fields part, quantity must make a unique set.'],
			},
		},
		{
			name: '400 nested serializer errors get a path',
			status: 400,
			body: { lines: [{}, { quantity: ['Ensure this value is greater than or equal to 0.'] }], price: 'Invalid' },
			expected: {
				code: 'ValidationError',
				messages: ['lines[1].quantity: Ensure this value is greater than or equal to 0.', 'price: Invalid'],
			},
		},
		{
			name: '400 bare list',
			status: 400,
			body: ['Cannot combine filters'],
			expected: { code: 'ValidationError', messages: ['non_field_errors: Cannot combine filters'] },
		},
		{
			name: '400 {"detail"} (ParseError) is not a field error',
			status: 400,
			body: { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' },
			expected: { code: 'BadRequest', message: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' },
		},
		{
			name: '401 says what to check',
			status: 401,
			body: { detail: 'Invalid token.' },
			expected: { code: 'AuthenticationFailed', message: expect.stringMatching(/^Invalid token\. \(check the API token of the InvenTree credential/) },
		},
		{
			name: '403 names the missing role',
			status: 403,
			body: { detail: 'You do not have permission to perform this action.' },
			expected: { code: 'PermissionDenied', message: expect.stringContaining("the token's user lacks the role") },
		},
		{
			name: '404 unknown endpoint',
			status: 404,
			body: { detail: 'API endpoint not found', url: 'http://x/api/nope/' },
			expected: { code: 'NotFound', message: 'API endpoint not found', messages: ['API endpoint not found'] },
		},
		{
			name: '500 exception handler body',
			status: 500,
			body: { error: 'ZeroDivisionError', error_class: "<class 'ZeroDivisionError'>", detail: 'division by zero', path: '/api/part/1/pricing/', status_code: 500 },
			expected: { code: 'ZeroDivisionError', message: 'division by zero' },
		},
		{
			name: 'a token echoed in a detail is redacted',
			status: 401,
			body: { detail: 'Token inv-3f9c2a1b7d4e8f60a5b1c2d3e4f5a6b7c8d9e0f1-20270101 has been revoked' },
			expected: { messages: ['Token [redacted] has been revoked'] },
		},
	];
	it.each(cases)('$name', ({ status, body, expected }) => {
		expect(decodeInvenTreeError(response(status, body))).toMatchObject(expected);
	});

	it('leaves non-JSON bodies to the transport (HTML pages, text)', () => {
		expect(decodeInvenTreeError({ status: 502, headers: {}, body: '<html>…</html>' })).toBeUndefined();
		expect(decodeInvenTreeError({ status: 401, headers: {}, body: '' })).toMatchObject({ code: 'AuthenticationFailed' });
	});

	it('flattenDrfErrors keeps the order and drops empty entries', () => {
		expect(flattenDrfErrors({ a: ['x', ''], b: { c: ['y'] }, d: [null, 'z'] })).toEqual([
			['a', 'x'],
			['b.c', 'y'],
			['d', 'z'],
		]);
	});
});

describe('errors through the client', () => {
	let server: InvenTreeServer;
	afterEach(async () => {
		await server.stop();
	});

	it('a refused filter is a 400 InvenTreeError naming the field; invenTreeFieldErrors gives it back', async () => {
		server = await startInvenTreeServer({ seed: 'small' });
		const client = InvenTreeClient.withToken({ baseUrl: server.url, token: server.state.token, apiVersion: 534 });
		const error = await client.salePriceBreaks(999).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InvenTreeError);
		expect(error).toMatchObject({ status: 400, code: 'ValidationError', kind: 'http', retryable: false, attempts: 1 });
		expect((error as Error).message).toBe(
			'InvenTree 400 ValidationError: part: Select a valid choice. That choice is not one of the available choices. (GET /api/part/sale-price/)',
		);
		expect(invenTreeFieldErrors(error)).toEqual({ part: ['Select a valid choice. That choice is not one of the available choices.'] });
		expect(invenTreeFieldErrors(new Error('x'))).toEqual({});
	});

	it('a write refused on several fields lists them all (the decoder on the shared transport)', async () => {
		server = await startInvenTreeServer({ seed: 'small' });
		const transport = createTransport({
			service: 'InvenTree',
			adapter: fetchAdapter({ headers: () => ({ Authorization: `Token ${server.state.token}` }) }),
			decodeError: decodeInvenTreeError,
			secrets: [server.state.token],
		});
		const error = await transport
			.request({ method: 'POST', url: `${server.url}/api/part/sale-price/`, body: { part: 1, quantity: -1, price: '1.1234567' } })
			.catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'InvenTreeError', status: 400, code: 'ValidationError' });
		expect(invenTreeFieldErrors(error)).toEqual({
			quantity: ['Quantity must be greater than zero'],
			price: ['Ensure that there are no more than 6 decimal places.'],
		});
	});
});

describe('secrets never reach an error', () => {
	let server: InvenTreeServer;
	afterEach(async () => {
		await server.stop();
	});

	function texts(error: unknown): string[] {
		return [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 6 }), (error as Error).stack ?? ''];
	}

	it('a wrong token: 401, not retried, the token appears nowhere', async () => {
		server = await startInvenTreeServer({ seed: 'empty' });
		const wrong = 'inv-0123456789abcdef0123456789abcdef01234567-20271231';
		const client = InvenTreeClient.withToken({ baseUrl: server.url, token: wrong, apiVersion: 534 });
		const error = await client.whoAmI().catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'InvenTreeError', status: 401, attempts: 1 });
		expect(server.requests).toHaveLength(1);
		for (const text of texts(error)) expect(text).not.toContain(wrong);
	});

	it('a server or proxy that echoes the token in its error body is redacted', async () => {
		server = await startInvenTreeServer({ seed: 'empty' });
		const token = 'my-custom-token-value-1234';
		const adapter: HttpAdapter = {
			send: async (request) => ({
				status: 400,
				headers: { 'content-type': 'application/json' },
				body: { detail: `bad header Authorization: Token ${token}`, token: [`${token} is not valid for ${request.url}`] },
			}),
		};
		const client = new InvenTreeClient({ baseUrl: server.url, adapter, secrets: [token], apiVersion: 534 });
		const error = await client.pricing(1).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InvenTreeError);
		for (const text of texts(error)) expect(text).not.toContain(token);
		expect((error as InvenTreeError).details?.messages?.join(' ')).toContain('[redacted]');
	});

	it('an InvenTree-shaped key is redacted even when the caller forgot to list it', async () => {
		server = await startInvenTreeServer({ seed: 'empty' });
		const key = 'inv-abcdefabcdefabcdefabcdefabcdefabcdefabcd-20270101';
		const adapter: HttpAdapter = { send: async () => response(403, { detail: `key ${key} lacks permission` }) };
		const client = new InvenTreeClient({ baseUrl: server.url, adapter, apiVersion: 534 });
		const error = await client.pricing(1).catch((e: unknown) => e);
		for (const text of texts(error)) expect(text).not.toContain(key);
	});

	it('a network failure does not carry the token either', async () => {
		server = await startInvenTreeServer({ seed: 'empty' });
		const token = server.state.token;
		server.fault({ kind: 'reset', times: 10 });
		const client = InvenTreeClient.withToken({ baseUrl: server.url, token, apiVersion: 534, transport: { maxAttempts: 2, sleep: async () => undefined } });
		const error = await client.whoAmI().catch((e: unknown) => e);
		expect(error).toMatchObject({ kind: 'network', code: 'ECONNRESET', attempts: 2 });
		for (const text of texts(error)) expect(text).not.toContain(token);
	});
});
