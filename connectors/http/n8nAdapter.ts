// Carries transport requests through n8n's `helpers.httpRequestWithAuthentication`, so inside a node
// the credential's authentication, n8n's proxy/SSL settings and execution cancellation all apply.
// HTTP statuses are never thrown (ignoreHttpStatusErrors); n8n's thrown network errors, which wrap
// axios errors that still hold the authenticated request config, are reduced to a TransportError
// (with the attempt's duration, so an answer that stalled past the timeout reads as ETIMEDOUT).
import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { transportErrorFrom } from './errors';
import type { HttpAdapter, HttpRequest, HttpResponse } from './types';

/** `this` inside execute(), loadOptions methods, webhook/poll/trigger functions and hooks. */
export type N8nHttpContext = IAllExecuteFunctions;

function toQuery(qs: HttpRequest['qs']): IDataObject | undefined {
	if (!qs) return undefined;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) {
		if (value !== undefined) out[key] = value;
	}
	return out;
}

function toHeaders(raw: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!raw || typeof raw !== 'object') return out;
	for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
		if (value === undefined || value === null) continue;
		out[key.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
	}
	return out;
}

function toBody(request: HttpRequest, body: unknown): unknown {
	if (request.responseType === 'binary') {
		if (body instanceof ArrayBuffer) return Buffer.from(body);
		if (body instanceof Uint8Array)
			return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
		if (typeof body === 'string') return Buffer.from(body, 'utf8');
		return Buffer.alloc(0);
	}
	if (body instanceof ArrayBuffer || body instanceof Uint8Array) {
		return new TextDecoder().decode(body);
	}
	return body ?? '';
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
	const lower = name.toLowerCase();
	return Object.keys(headers).some((key) => key.toLowerCase() === lower);
}

/**
 * An adapter bound to a node's `this` and the credential type whose authentication n8n applies,
 * e.g. `n8nAdapter(this, 'leadToCloseErpNextApi')`.
 */
export function n8nAdapter(context: N8nHttpContext, credentialType: string): HttpAdapter {
	return {
		async send(request: HttpRequest): Promise<HttpResponse> {
			const headers: Record<string, string> = { ...request.headers };
			if (typeof request.body === 'string' && !hasHeader(headers, 'content-type')) {
				// axios would label a bare string as form-urlencoded
				headers['Content-Type'] = 'text/plain;charset=UTF-8';
			}
			const options: IHttpRequestOptions = {
				method: request.method as IHttpRequestMethods,
				url: request.url,
				qs: toQuery(request.qs),
				headers,
				body: request.body as IHttpRequestOptions['body'],
				timeout: request.timeoutMs,
				json: (request.responseType ?? 'json') === 'json',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				...(request.responseType === 'binary' && { encoding: 'arraybuffer' as const }),
				...(request.responseType === 'text' && { encoding: 'text' as const }),
			};
			let raw: { statusCode?: unknown; headers?: unknown; body?: unknown };
			const started = Date.now();
			try {
				raw = (await context.helpers.httpRequestWithAuthentication.call(
					context,
					credentialType,
					options,
				)) as typeof raw;
			} catch (error) {
				throw transportErrorFrom(error, {
					timeoutMs: request.timeoutMs,
					elapsedMs: Date.now() - started,
				});
			}
			return {
				status: typeof raw.statusCode === 'number' ? raw.statusCode : 0,
				headers: toHeaders(raw.headers),
				body: toBody(request, raw.body),
			};
		},
	};
}
