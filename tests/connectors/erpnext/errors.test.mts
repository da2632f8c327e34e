// Frappe error bodies (erpnext.md §3) → code and plain-text message; and which answers are retried.
import { describe, expect, it } from 'vitest';

import { classifyFrappeRetry, decodeFrappeError, decodeServerMessages } from '../../../connectors/erpnext';
import type { HttpResponse } from '../../../connectors/http';

const doubleEncoded = (...messages: string[]) =>
	JSON.stringify(messages.map((message) => JSON.stringify({ message, title: 'Message', indicator: 'red', raise_exception: 1 })));

const response = (status: number, body: unknown): HttpResponse => ({ status, headers: {}, body });

describe('decodeFrappeError', () => {
	const cases: Array<{ name: string; status: number; body: unknown; code?: string; message?: string }> = [
		{
			name: 'double-encoded _server_messages with HTML',
			status: 409,
			body: {
				exc_type: 'DuplicateEntryError',
				_server_messages: doubleEncoded('Email Address must be unique, it is already used in <strong><a href="/app/lead/CRM-LEAD-2026-00007">CRM-LEAD-2026-00007</a></strong>'),
			},
			code: 'DuplicateEntryError',
			message: 'Email Address must be unique, it is already used in CRM-LEAD-2026-00007',
		},
		{
			name: 'several server messages, entities decoded',
			status: 417,
			body: { exc_type: 'MandatoryError', _server_messages: doubleEncoded('Error: Value missing for Quotation: Company', 'Row #1: Rate &amp; Qty must be &gt; 0') },
			code: 'MandatoryError',
			message: 'Error: Value missing for Quotation: Company; Row #1: Rate & Qty must be > 0',
		},
		{
			name: '_error_message when there are no server messages',
			status: 417,
			body: { exc_type: 'ValidationError', _error_message: 'Could not find Party: <b>ACME</b>' },
			code: 'ValidationError',
			message: 'Could not find Party: ACME',
		},
		{
			name: 'last traceback line of `exception` (traceback allowed)',
			status: 500,
			body: {
				exc_type: 'QueryDeadlockError',
				exception: "frappe.exceptions.QueryDeadlockError: (1213, 'Deadlock found when trying to get lock; try restarting transaction')",
			},
			code: 'QueryDeadlockError',
			message: "(1213, 'Deadlock found when trying to get lock; try restarting transaction')",
		},
		{
			name: 'only exc_type: a known fallback sentence',
			status: 500,
			body: { exc_type: 'QueryDeadlockError' },
			code: 'QueryDeadlockError',
			message: 'database deadlock; the request was rolled back',
		},
		{
			name: 'v2 errors[]',
			status: 417,
			body: { errors: [{ type: 'ValidationError', message: 'Item <b>PLC-9</b> is disabled', title: 'Message', indicator: 'red' }] },
			code: 'ValidationError',
			message: 'Item PLC-9 is disabled',
		},
		{
			name: 'a method returning {message} with no exc_type',
			status: 400,
			body: { message: 'Invalid request arguments' },
			code: undefined,
			message: 'Invalid request arguments',
		},
	];
	it.each(cases)('$name', ({ status, body, code, message }) => {
		expect(decodeFrappeError(response(status, body))).toMatchObject({ code, message });
	});

	it.each(['<html>…</html>', '', null, [1, 2]])('leaves %j to the generic decoder', (body) => {
		expect(decodeFrappeError(response(502, body))).toBeUndefined();
	});

	it('tolerates single-encoded and malformed _server_messages', () => {
		expect(decodeServerMessages([{ message: 'once' }])).toEqual(['once']);
		expect(decodeServerMessages('["not json inside"]')).toEqual(['not json inside']);
		expect(decodeServerMessages('plain <i>text</i>')).toEqual(['plain text']);
		expect(decodeServerMessages(undefined)).toEqual([]);
	});
});

describe('classifyFrappeRetry', () => {
	const cases: Array<{ status: number; code?: string; verdict: string }> = [
		{ status: 429, code: 'TooManyRequestsError', verdict: 'always' },
		{ status: 417, code: 'RateLimitExceededError', verdict: 'always' },
		{ status: 500, code: 'QueryDeadlockError', verdict: 'always' },
		{ status: 500, code: 'QueryTimeoutError', verdict: 'idempotent' },
		{ status: 503, code: 'SessionStopped', verdict: 'idempotent' },
		{ status: 502, verdict: 'idempotent' },
		{ status: 417, code: 'ValidationError', verdict: 'never' },
		{ status: 417, code: 'TimestampMismatchError', verdict: 'never' },
		{ status: 409, code: 'DuplicateEntryError', verdict: 'never' },
		{ status: 403, code: 'PermissionError', verdict: 'never' },
		{ status: 401, code: 'AuthenticationError', verdict: 'never' },
	];
	it.each(cases)('$status $code → $verdict', ({ status, code, verdict }) => {
		expect(classifyFrappeRetry(response(status, {}), { code })).toBe(verdict);
	});
});
