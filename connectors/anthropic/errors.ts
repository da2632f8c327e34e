// How the Messages API says "no": `{type:'error', error:{type, message}, request_id}`; and which of
// its refusals are worth another attempt (429 rate_limit_error, 529 overloaded_error, 5xx, and
// whatever `x-should-retry` says), as in anthropic-and-ai.md §1.5.
import type { DecodedError, HttpResponse, RetryVerdict } from '../http';

export function decodeAnthropicError(response: HttpResponse): DecodedError | undefined {
	const body = response.body;
	const requestId = response.headers['request-id'];
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return requestId ? { requestId } : undefined;
	}
	const record = body as { error?: { type?: unknown; message?: unknown }; request_id?: unknown };
	const code = typeof record.error?.type === 'string' ? record.error.type : undefined;
	const message = typeof record.error?.message === 'string' ? record.error.message : undefined;
	const id = typeof record.request_id === 'string' ? record.request_id : requestId;
	if (!code && !message) return id ? { requestId: id } : undefined;
	return { code, message, ...(id && { requestId: id }) };
}

export function classifyAnthropicRetry(
	response: HttpResponse,
	decoded: DecodedError,
): RetryVerdict {
	const hint = response.headers['x-should-retry'];
	if (hint === 'false') return 'never';
	if (hint === 'true') return 'idempotent';
	if (response.status === 429 || decoded.code === 'rate_limit_error') return 'always';
	if (response.status === 529 || decoded.code === 'overloaded_error') return 'always';
	if (response.status === 408 || response.status === 409 || response.status >= 500)
		return 'idempotent';
	return 'never';
}
