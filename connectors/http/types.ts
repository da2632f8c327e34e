// Shapes of one HTTP exchange, shared by the transport and its two adapters (n8n's
// httpRequestWithAuthentication inside nodes, global fetch outside n8n). Nothing here does I/O; it
// exists so every connector speaks the same request/response vocabulary whatever carries the bytes.

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export type QueryValue = string | number | boolean | undefined;

export type ResponseType = 'json' | 'text' | 'binary';

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL, already including the path (query parameters go in `qs`). */
	url: string;
	headers?: Record<string, string>;
	/** Query parameters; `undefined` values are left out. Callers JSON-encode structured values. */
	qs?: Record<string, QueryValue>;
	/** JSON-serialisable body (sent as application/json), or a string sent as-is (text/plain). */
	body?: unknown;
	/** Per-request timeout; defaults to the transport's `timeoutMs`. */
	timeoutMs?: number;
	/**
	 * A key that makes a non-idempotent request safe to repeat. It is sent as `Idempotency-Key` and
	 * lets the transport retry the request after failures that may have reached the server.
	 */
	idempotencyKey?: string;
	/**
	 * Overrides the method-based idempotency rule: `true` for a POST with no side effects (e.g. the
	 * Anthropic Messages API), `false` for a PUT that must never be repeated.
	 */
	idempotent?: boolean;
	/** How to read the response body; default `json` (falls back to text when it is not JSON). */
	responseType?: ResponseType;
}

/**
 * A response of any status. `headers` keys are lower-case. `body` is parsed JSON (or the raw text
 * when it was not JSON) for `json`, a string for `text`, and a Buffer for `binary`.
 */
export interface HttpResponse<T = unknown> {
	status: number;
	headers: Record<string, string>;
	body: T;
}

/** Carries one request. Resolves for ANY HTTP status; rejects only with a `TransportError`. */
export interface HttpAdapter {
	send(request: HttpRequest): Promise<HttpResponse>;
}
