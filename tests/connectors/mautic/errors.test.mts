// Mautic failure bodies (mautic.md §1, §2, §5) → code and plain message, whatever the HTTP status;
// which answers are retried; and the upsert payload that never carries an empty field.
import { describe, expect, it } from 'vitest';

import { classifyMauticRetry, decodeMauticError, mauticFailure, tagChanges, unwrapJsonString, upsertPayload } from '../../../connectors/mautic';
import type { HttpResponse } from '../../../connectors/http';

const response = (status: number, body: unknown): HttpResponse => ({ status, headers: {}, body });

describe('mauticFailure reads every failure shape', () => {
	const cases: Array<{ name: string; body: unknown; code?: string; message?: string }> = [
		{
			name: 'errors[] with a type',
			body: { errors: [{ code: 403, message: "API disabled. You need to enable the API in the API settings of Mautic's Configuration.", details: [], type: 'api_disabled' }] },
			code: 'api_disabled',
			message: "API disabled. You need to enable the API in the API settings of Mautic's Configuration. (Mautic's API is disabled: set Configuration → API Settings → API enabled to Yes)",
		},
		{
			name: 'errors[] with type null: the numeric code stands in',
			body: { errors: [{ code: 404, message: 'Item was not found.', details: [], type: null }] },
			code: '404',
			message: 'Item was not found.',
		},
		{
			name: 'validation details, field → messages',
			body: { errors: [{ code: 400, message: 'subject: A subject is required.', details: { subject: ['A subject is required.'], name: ['A name is required.'] }, type: null }] },
			code: '400',
			message: 'subject: A subject is required.; name: A name is required.',
		},
		{
			name: 'Basic auth disabled (access_denied) gets its own code',
			body: { errors: [{ code: 403, message: "Basic Auth disabled. Enable it in the API settings of Mautic's Configuration.", type: 'access_denied' }] },
			code: 'basic_auth_disabled',
		},
		{
			name: 'batch errors keyed by index',
			body: { contacts: {}, errors: { 3: { code: 400, message: 'email: A valid email is required.', type: null } } },
			code: '400',
			message: 'email: A valid email is required.',
		},
		{
			name: 'OAuth2 token endpoint',
			body: { error: 'invalid_client', error_description: 'The client credentials are invalid' },
			code: 'invalid_client',
		},
		{
			name: 'deprecated singular error object',
			body: { error: { message: 'The access token provided has expired.', code: 401 } },
			code: '401',
			message: 'The access token provided has expired.',
		},
		{
			name: 'the SMS double-encoded string',
			body: JSON.stringify(JSON.stringify({ error: { message: 'SMS transport is disabled.', code: 417 } })),
			code: '417',
			message: 'SMS transport is disabled.',
		},
		{ name: 'success body', body: { success: true } },
		{ name: 'empty errors list', body: { contact: { id: 1 }, errors: [] } },
		{ name: 'a list', body: [{ id: 1 }] },
		{ name: 'plain text', body: 'OK' },
	];
	it.each(cases)('$name', ({ body, code, message }) => {
		const decoded = mauticFailure(body);
		if (code === undefined) {
			expect(decoded).toBeUndefined();
			return;
		}
		expect(decoded?.code).toBe(code);
		if (message !== undefined) expect(decoded?.message).toBe(message);
	});

	it('the transport decoder drops a code that only repeats the status', () => {
		expect(decodeMauticError(response(404, { errors: [{ code: 404, message: 'Item was not found.', type: null }] }))).toMatchObject({ code: undefined, message: 'Item was not found.' });
		expect(decodeMauticError(response(200, { errors: [{ code: 404, message: 'x', type: null }] }))?.code).toBe('404');
	});

	it('unwraps at most a few layers of JSON-in-a-string', () => {
		expect(unwrapJsonString('"{\\"a\\":1}"')).toEqual({ a: 1 });
		expect(unwrapJsonString('not json')).toBe('not json');
		expect(unwrapJsonString({ a: 1 })).toEqual({ a: 1 });
	});
});

describe('classifyMauticRetry', () => {
	it.each([
		[429, 'never'],
		[502, 'idempotent'],
		[503, 'idempotent'],
		[504, 'idempotent'],
		[500, 'never'],
		[400, 'never'],
		[401, 'never'],
		[403, 'never'],
	])('%i → %s', (status, verdict) => {
		expect(classifyMauticRetry(response(status, {}))).toBe(verdict);
	});
});

describe('upsertPayload', () => {
	it.each([
		{ name: 'drops every kind of empty', fields: { a: '', b: ' ', c: null, d: undefined, e: [], f: Number.NaN, g: 'x' }, expected: { g: 'x' } },
		{ name: 'keeps 0, false and lists', fields: { points_bonus: 0, optin: false, interests: ['pumps'] }, expected: { points_bonus: 0, optin: false, interests: ['pumps'] } },
	])('$name', ({ fields, expected }) => {
		expect(upsertPayload({ email: 'a@b.de', fields })).toEqual({ email: 'a@b.de', ...expected, overwriteWithBlank: false });
	});

	it('tag changes: trimmed, de-duplicated, removals prefixed once', () => {
		expect(tagChanges([' hot ', 'hot', '', 'new'], ['--cold', 'cold'])).toEqual(['hot', 'new', '-cold']);
	});
});
