// How InvenTree says "no" (inventree.md §7): Django REST Framework bodies. 400 carries field errors
// `{"field": ["msg"], "non_field_errors": ["msg"]}` (nested serializers nest the same way); 401, 403
// and 404 carry `{"detail": "..."}`; an unhandled exception is a 500 with `{"error", "error_class",
// "detail", ...}`. This module turns them into the transport's DecodedError, so an InvenTreeError
// says which field of the request was refused and why, and gives the fields back to callers.
import type { DecodedError, HttpResponse, RetryVerdict } from '../http';
import { InvenTreeError } from '../http';

/** The `code` of an InvenTreeError whose `details.messages` are `field: message` lines. */
export const VALIDATION_ERROR_CODE = 'ValidationError';

/** DRF's exception class for each status, when the body does not name one. */
const STATUS_CODES: Record<number, string> = {
	400: 'BadRequest',
	401: 'AuthenticationFailed',
	403: 'PermissionDenied',
	404: 'NotFound',
	405: 'MethodNotAllowed',
	406: 'NotAcceptable',
	415: 'UnsupportedMediaType',
	429: 'Throttled',
};

const HINTS: Record<number, string> = {
	401: 'check the API token of the InvenTree credential (wrong, revoked or expired; the header is "Authorization: Token <key>")',
	403: "the token's user lacks the role this needs (e.g. Part: View, Stock Item: View)",
};

/** InvenTree API keys (`inv-<40 hex>-<YYYYMMDD>`) never reach a message, even when a server echoes one. */
const TOKEN_SHAPE = /\binv-[0-9a-f]{16,}(?:-\d{8})?\b/gi;

function clean(text: string): string {
	return text.replace(TOKEN_SHAPE, '[redacted]').replace(/\s+/g, ' ').trim();
}

/**
 * Flattens a DRF error body into `[path, message]` pairs: `{"a": ["x"]}` → `["a", "x"]`,
 * `{"items": [{"quantity": ["y"]}]}` → `["items[0].quantity", "y"]`.
 */
export function flattenDrfErrors(value: unknown, path = ''): Array<[string, string]> {
	if (typeof value === 'string') return [[path, clean(value)]];
	if (typeof value === 'number' || typeof value === 'boolean') return [[path, String(value)]];
	if (Array.isArray(value)) {
		const allScalars = value.every((v) => typeof v !== 'object' || v === null);
		if (allScalars)
			return value.filter((v) => v !== null && v !== '').flatMap((v) => flattenDrfErrors(v, path));
		return value.flatMap((v, i) => flattenDrfErrors(v, `${path}[${i}]`));
	}
	if (value && typeof value === 'object') {
		return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
			flattenDrfErrors(v, path === '' ? key : `${path}.${key}`),
		);
	}
	return [];
}

function isFieldErrorBody(record: Record<string, unknown>): boolean {
	// A 400 that is not just `{"detail": ...}` (ParseError and friends) lists fields.
	const keys = Object.keys(record);
	return keys.length > 0 && !(keys.length === 1 && keys[0] === 'detail');
}

export function decodeInvenTreeError(response: HttpResponse): DecodedError | undefined {
	const body = response.body;
	const status = response.status;
	const hint = HINTS[status];
	const withHint = (message: string | undefined) =>
		message === undefined ? hint : hint === undefined ? message : `${message} (${hint})`;

	if (status === 400 && Array.isArray(body)) {
		// `raise ValidationError(["a", "b"])` in a view answers a bare list.
		const messages = flattenDrfErrors(body, 'non_field_errors').map(([p, m]) => `${p}: ${m}`);
		return { code: VALIDATION_ERROR_CODE, message: messages.join('; ') || undefined, messages };
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return hint === undefined ? undefined : { code: STATUS_CODES[status], message: hint };
	}
	const record = body as Record<string, unknown>;

	if (status === 400 && isFieldErrorBody(record)) {
		const pairs = flattenDrfErrors(record);
		const messages = pairs.map(([path, message]) => `${path}: ${message}`);
		const human = pairs.map(([path, message]) =>
			path === 'non_field_errors' ? message : `${path}: ${message}`,
		);
		return { code: VALIDATION_ERROR_CODE, message: human.join('; ') || undefined, messages };
	}

	const detail = typeof record.detail === 'string' ? clean(record.detail) : undefined;
	if (status >= 500 && typeof record.error === 'string') {
		// InvenTree.exceptions.exception_handler: {"error": "<ExcClass>", "error_class", "detail", ...}
		const code = clean(record.error);
		const message =
			detail ?? (typeof record.error_class === 'string' ? clean(record.error_class) : code);
		return { code, message, messages: [message] };
	}
	const code = STATUS_CODES[status];
	if (detail !== undefined) return { code, message: withHint(detail), messages: [detail] };
	return { code, message: withHint(undefined) };
}

/**
 * Which failed answers may be repeated, by the transport's rules (ADR 0002) as for ERPNext and
 * Anthropic: a 429 (DRF throttle or a proxy's limit) refused the request before anything ran; any
 * 5xx (the exception handler's 500 for a dropped database connection, a proxy's 502/503/504) may
 * have run, so only idempotent requests are repeated. Without this the transport's defaults applied,
 * and those leave a 500 alone.
 */
export function classifyInvenTreeRetry(response: HttpResponse): RetryVerdict {
	if (response.status === 429) return 'always';
	if (response.status >= 500) return 'idempotent';
	return 'never';
}

/**
 * The refused fields of a 400 InvenTreeError: `{"part": ["Select a valid choice…"]}`. Empty for any
 * other error. `non_field_errors` holds what concerns the request as a whole.
 */
export function invenTreeFieldErrors(error: unknown): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	if (!(error instanceof InvenTreeError) || error.code !== VALIDATION_ERROR_CODE) return out;
	for (const line of error.details?.messages ?? []) {
		const split = line.indexOf(': ');
		if (split <= 0) continue;
		const field = line.slice(0, split);
		(out[field] ??= []).push(line.slice(split + 2));
	}
	return out;
}
