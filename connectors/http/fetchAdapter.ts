// Carries transport requests over the global `fetch` (Node 18+), for code that runs outside an n8n
// node: scripts, benchmarks, tests against the contract servers. Authentication is whatever headers
// the caller supplies; network failures and timeouts become TransportErrors.
import { transportErrorFrom } from './errors';
import type { HttpAdapter, HttpRequest, HttpResponse } from './types';

export interface FetchAdapterOptions {
	/** Headers added to every request, e.g. `{ Authorization: 'token key:secret' }`; evaluated per request. */
	headers?: () => Record<string, string>;
	/** Injected fetch implementation; default the global one. */
	fetch?: typeof fetch;
}

function buildUrl(request: HttpRequest): string {
	if (!request.qs) return request.url;
	const url = new URL(request.url);
	for (const [key, value] of Object.entries(request.qs)) {
		if (value !== undefined) url.searchParams.set(key, String(value));
	}
	return url.toString();
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
	const lower = name.toLowerCase();
	return Object.keys(headers).some((key) => key.toLowerCase() === lower);
}

export function fetchAdapter(options: FetchAdapterOptions = {}): HttpAdapter {
	const doFetch = options.fetch ?? fetch;

	return {
		async send(request: HttpRequest): Promise<HttpResponse> {
			const headers: Record<string, string> = { ...options.headers?.(), ...request.headers };
			let body: string | undefined;
			if (request.body === undefined || request.body === null) body = undefined;
			else if (typeof request.body === 'string') body = request.body;
			else {
				body = JSON.stringify(request.body);
				if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
			}
			try {
				const response = await doFetch(buildUrl(request), {
					method: request.method,
					headers,
					body,
					signal: request.timeoutMs ? AbortSignal.timeout(request.timeoutMs) : undefined,
				});
				const responseHeaders: Record<string, string> = {};
				response.headers.forEach((value, key) => {
					responseHeaders[key.toLowerCase()] = value;
				});
				let responseBody: unknown;
				if (request.responseType === 'binary') {
					responseBody = Buffer.from(await response.arrayBuffer());
				} else {
					const text = await response.text();
					responseBody = text;
					if ((request.responseType ?? 'json') === 'json' && text.trim() !== '') {
						try {
							responseBody = JSON.parse(text);
						} catch {
							// Not JSON (an HTML error page, plain text): the transport decides what that means.
						}
					}
				}
				return { status: response.status, headers: responseHeaders, body: responseBody };
			} catch (error) {
				throw transportErrorFrom(error);
			}
		},
	};
}
