// How Frappe/ERPNext says "no" (erpnext.md §3): `exc_type` always names the exception, the human
// text hides in double-encoded `_server_messages` (HTML inside), `_error_message` or the last
// traceback line in `exception`; v2 uses `errors[]`. Also which of its refusals are worth retrying:
// 429, 417 RateLimitExceededError, 5xx and QueryDeadlockError.
import { ErpNextError, retryAfterMs, sameFailure, stripHtml } from '../http';
import type { DecodedError, HttpResponse, RetryVerdict } from '../http';

/** Frappe's words when the body carries no message of its own. */
const FALLBACK_MESSAGES: Record<string, string> = {
	AuthenticationError:
		'authentication failed: check the API key and secret of the ERPNext credential',
	PermissionError: 'not permitted for the API user',
	DoesNotExistError: 'not found',
	TooManyRequestsError: 'rate limit exceeded',
	RateLimitExceededError: 'rate limit exceeded',
	QueryDeadlockError: 'database deadlock; the request was rolled back',
	QueryTimeoutError: 'database query timed out',
	SessionStopped: 'the site is in maintenance mode',
	CSRFTokenError: 'invalid authorization header',
};

function tryJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * Decodes `_server_messages`: a JSON string holding a list of JSON strings, each an object with a
 * `message` that may contain HTML. Returns the plain-text messages; tolerates single encoding.
 */
export function decodeServerMessages(raw: unknown): string[] {
	const outer = typeof raw === 'string' ? tryJson(raw) : raw;
	if (!Array.isArray(outer)) return typeof raw === 'string' && raw.trim() ? [stripHtml(raw)] : [];
	const messages: string[] = [];
	for (const item of outer) {
		const inner = typeof item === 'string' ? (tryJson(item) ?? item) : item;
		let text: unknown = inner;
		if (inner && typeof inner === 'object') text = (inner as { message?: unknown }).message;
		if (typeof text === 'string') {
			const clean = stripHtml(text);
			if (clean) messages.push(clean);
		}
	}
	return messages;
}

/** "frappe.exceptions.ValidationError: Value missing" → "Value missing" (last traceback line). */
function exceptionLine(exception: string): string {
	const lines = exception.trim().split('\n');
	const last = lines[lines.length - 1] ?? '';
	return stripHtml(last.replace(/^[\w.]+(Error|Exception|Stopped|Expired)\s*:\s*/, ''));
}

export function decodeFrappeError(response: HttpResponse): DecodedError | undefined {
	const body = response.body;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const record = body as Record<string, unknown>;
	const v2 = Array.isArray(record.errors) ? (record.errors as Array<Record<string, unknown>>) : [];
	const code =
		(typeof record.exc_type === 'string' && record.exc_type) ||
		(typeof v2[0]?.type === 'string' ? v2[0].type : undefined) ||
		undefined;

	let messages = decodeServerMessages(record._server_messages);
	if (messages.length === 0 && typeof record._error_message === 'string') {
		messages = [stripHtml(record._error_message)].filter(Boolean);
	}
	if (messages.length === 0 && v2.length > 0) {
		messages = v2
			.map((e) => (typeof e.message === 'string' ? stripHtml(e.message) : ''))
			.filter(Boolean);
	}
	if (messages.length === 0 && typeof record.exception === 'string') {
		messages = [exceptionLine(record.exception)].filter(Boolean);
	}
	if (messages.length === 0 && typeof record.message === 'string') {
		messages = [stripHtml(record.message)].filter(Boolean);
	}
	let message =
		messages.length > 0
			? messages.join('; ')
			: code
				? (FALLBACK_MESSAGES[code] ?? undefined)
				: undefined;
	const resetSeconds =
		response.status === 429 ? Number(response.headers['retry-after']) : Number.NaN;
	if (Number.isFinite(resetSeconds) && resetSeconds > 0) {
		message = `${message ?? 'rate limit exceeded'}; the site's rate limit resets in ${Math.ceil(resetSeconds)} s (Retry-After)`;
	}
	return { code, message, ...(messages.length > 0 && { messages }) };
}

/**
 * The roles that may read/write the doctypes this package touches (the DocType JSONs of
 * frappe/frappe and frappe/erpnext v15), named in a 403 so the user knows what to grant.
 */
const SALES_ROLES = 'Sales User or Sales Manager';
const ROLE_HINTS: Record<string, { read: string; write?: string }> = {
	Lead: { read: SALES_ROLES },
	Opportunity: { read: SALES_ROLES },
	Quotation: { read: SALES_ROLES },
	Customer: { read: SALES_ROLES },
	'Sales Order': { read: SALES_ROLES },
	// frappe/frappe frappe/custom/doctype/custom_field/custom_field.json: Administrator/System Manager only.
	'Custom Field': { read: 'System Manager' },
	// frappe/frappe frappe/core/doctype/comment/comment.json: System Manager/Website Manager only.
	Comment: { read: 'System Manager or Website Manager' },
};

/** The role a 403 on `doctype` most likely lacks, for the message; undefined when unknown. */
export function roleHint(doctype: string, access: 'read' | 'write'): string | undefined {
	const hint = ROLE_HINTS[doctype];
	if (!hint) return undefined;
	return access === 'write' ? (hint.write ?? hint.read) : hint.read;
}

/**
 * A 429 whose Retry-After is longer than the transport would ever wait (frappe/frappe v15
 * frappe/rate_limiter.py sends the whole remaining window, often an hour): retrying within seconds
 * cannot succeed, so the request is not repeated and the error says when the window resets.
 */
export function exceedsWait(
	response: HttpResponse,
	maxWaitMs: number,
	nowMs: number,
): number | undefined {
	if (response.status !== 429) return undefined;
	const asked = retryAfterMs(response.headers, nowMs);
	return asked !== undefined && asked > maxWaitMs ? asked : undefined;
}

export function classifyFrappeRetry(response: HttpResponse, decoded: DecodedError): RetryVerdict {
	// Raised by the @rate_limit decorator before the method body runs: nothing happened.
	if (decoded.code === 'RateLimitExceededError') return 'always';
	// Frappe rolls back the whole request on any exception, so a deadlocked write left no trace.
	if (decoded.code === 'QueryDeadlockError') return 'always';
	if (response.status === 429) return 'always';
	if (response.status >= 500) return 'idempotent';
	return 'never';
}

/** Re-throws a 403 with the role the operation needs, so the user knows what to grant. */
export function withRequiredRole(error: unknown, role: string | undefined): unknown {
	if (!role || !(error instanceof ErpNextError) || error.status !== 403) return error;
	return new ErpNextError({
		...sameFailure(error),
		message: `${error.message}. The API user needs the role: ${role}`,
	});
}
