// The one HTTP transport every connector uses. It owns what each service client would otherwise get
// subtly wrong on its own: bounded retries with exponential backoff and jitter that honour
// Retry-After, retrying only what is safe to repeat, a per-host concurrency limit, timeouts, turning
// error bodies (JSON or HTML pages) into typed errors without secrets, and validating response bodies
// against one zod schema. The bytes are carried by an adapter (n8n helper or global fetch).
import { sleep as n8nSleep } from 'n8n-workflow';
import type { z } from 'zod/v4';

import { HostLimiter } from './concurrency';
import { ServiceError, TransportError, redact, serviceError } from './errors';
import type { ServiceErrorDetails, ServiceName } from './errors';
import type { HttpAdapter, HttpMethod, HttpRequest, HttpResponse } from './types';

/**
 * Whether a failed response may be retried: `always` when the service certainly did not act on the
 * request (429, a rate-limit rejection, a rolled-back deadlock), `idempotent` when it may have
 * (only idempotent requests or ones with an idempotency key are repeated), `never` otherwise.
 */
export type RetryVerdict = 'never' | 'idempotent' | 'always';

/** What a service-specific decoder extracts from an error response. */
export interface DecodedError {
	/** The service's own error code: Frappe `exc_type`, Anthropic `error.type`, … */
	code?: string;
	/** One human sentence for the error message. */
	message?: string;
	/** All human messages (the first usually equals `message`). */
	messages?: string[];
	requestId?: string;
}

export interface RetryInfo {
	service: ServiceName;
	method: HttpMethod;
	path: string;
	attempt: number;
	delayMs: number;
	/** e.g. "429 TooManyRequestsError" or "ECONNRESET"; never contains a secret. */
	reason: string;
}

export interface TransportOptions {
	service: ServiceName;
	adapter: HttpAdapter;
	/** Total attempts including the first. Default 4. */
	maxAttempts?: number;
	/** First backoff step; doubles per attempt. Default 500 ms. */
	baseDelayMs?: number;
	/** Cap for any wait, including a server's Retry-After. Default 30 000 ms. */
	maxDelayMs?: number;
	/** Default 4. */
	maxConcurrencyPerHost?: number;
	/** Default 30 000 ms; a request's own `timeoutMs` wins. */
	timeoutMs?: number;
	/** Headers sent on every request (a request's own headers win). */
	defaultHeaders?: Record<string, string>;
	/** Service-specific retry rule; return `undefined` to use the default (429 always; 502/503/504 idempotent). */
	classifyRetry?: (response: HttpResponse, decoded: DecodedError) => RetryVerdict | undefined;
	/** Service-specific error body decoder; `undefined` falls back to generic JSON/HTML/text decoding. */
	decodeError?: (response: HttpResponse) => DecodedError | undefined;
	/** Values that must never appear in an error (API keys, secrets, tokens). */
	secrets?: readonly string[];
	/** Called before each wait, e.g. to log through n8n's logger. */
	onRetry?: (info: RetryInfo) => void;
	/** Injected for tests; default n8n-workflow's `sleep`. */
	sleep?: (ms: number) => Promise<void>;
	/** Injected for tests; default Math.random. */
	random?: () => number;
	/** Injected for tests (Retry-After HTTP-dates); default Date.now. */
	now?: () => number;
}

export interface Transport {
	readonly service: ServiceName;
	/**
	 * Sends `request`, retrying as the policy allows. Resolves only for 2xx; any other status, a
	 * network failure or a body that fails `schema` rejects with the service's `ServiceError`.
	 */
	request<T = unknown>(request: HttpRequest, schema?: z.ZodType<T>): Promise<HttpResponse<T>>;
}

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set([
	'GET',
	'HEAD',
	'PUT',
	'DELETE',
	'OPTIONS',
]);

const DEFAULT_VERDICTS: Record<number, RetryVerdict> = {
	429: 'always',
	502: 'idempotent',
	503: 'idempotent',
	504: 'idempotent',
};

export function isIdempotent(request: HttpRequest): boolean {
	return (
		request.idempotent ??
		(IDEMPOTENT_METHODS.has(request.method) || request.idempotencyKey !== undefined)
	);
}

/** Exponential backoff with "equal jitter": a wait in [step/2, step], step = base·2^(attempt-1) capped. */
export function backoffDelay(
	attempt: number,
	baseDelayMs: number,
	maxDelayMs: number,
	random: () => number,
): number {
	const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
	return Math.round(step / 2 + (random() * step) / 2);
}

/** The wait a response asks for (`retry-after-ms`, `Retry-After` seconds or HTTP-date), if any. */
export function retryAfterMs(headers: Record<string, string>, now: number): number | undefined {
	const ms = headers['retry-after-ms'];
	if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
	const value = headers['retry-after']?.trim();
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
	const at = Date.parse(value);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - now);
}

/** Text of an HTML page's <title>, whitespace-collapsed, basic entities decoded. */
export function htmlTitle(html: string): string | undefined {
	const match =
		/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
	if (!match) return undefined;
	const text = stripHtml(match[1]);
	return text || undefined;
}

/** Drops tags and decodes the handful of entities services put in messages. */
export function stripHtml(html: string): string {
	return html
		.replace(/<[^>]*>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}

function looksLikeHtml(response: HttpResponse, text: string): boolean {
	return (
		(response.headers['content-type'] ?? '').includes('text/html') ||
		/^\s*<(!doctype\s+html|html[\s>])/i.test(text)
	);
}

function bodyAsText(body: unknown): string | undefined {
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	return undefined;
}

function tryParseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** Error bodies may arrive as bytes (binary requests) or unparsed text; make them JSON when they are. */
function normaliseErrorResponse(response: HttpResponse): HttpResponse {
	const text = bodyAsText(response.body);
	if (text === undefined) return response;
	const parsed = text.trim() === '' ? undefined : tryParseJson(text);
	return { ...response, body: parsed ?? text };
}

/**
 * A JSON answer that does not parse although it is not an HTML page and looks like JSON (declared
 * as JSON, or opening with `{` / `[`): most likely cut short on the way.
 */
function isCutJson(response: HttpResponse, request: HttpRequest): boolean {
	if ((request.responseType ?? 'json') !== 'json' || typeof response.body !== 'string')
		return false;
	const text = response.body.trim();
	if (text === '' || tryParseJson(text) !== undefined || looksLikeHtml(response, text))
		return false;
	return (response.headers['content-type'] ?? '').includes('json') || /^[[{]/.test(text);
}

function genericDecode(response: HttpResponse): DecodedError {
	const body = response.body;
	if (body && typeof body === 'object') {
		const record = body as Record<string, unknown>;
		const nested =
			record.error && typeof record.error === 'object'
				? (record.error as Record<string, unknown>)
				: undefined;
		const message = [nested?.message, record.message, record.detail, record.error].find(
			(v): v is string => typeof v === 'string' && v !== '',
		);
		const code = [nested?.type, nested?.code, record.code, record.type].find(
			(v): v is string => typeof v === 'string' && v !== '',
		);
		return { code, message };
	}
	const text = typeof body === 'string' ? body.trim() : '';
	return text ? { message: text.length > 300 ? `${text.slice(0, 300)}…` : text } : {};
}

function describeError(
	response: HttpResponse,
	decode: TransportOptions['decodeError'],
): DecodedError {
	const text = typeof response.body === 'string' ? response.body : undefined;
	if (text !== undefined && looksLikeHtml(response, text)) {
		const title = htmlTitle(text);
		return {
			message: `HTML error page (status ${response.status})${title ? `: ${title}` : ''}`,
		};
	}
	return decode?.(response) ?? genericDecode(response);
}

/** A zod issue's path as `contacts[0].fields.email`; `(root)` for the body itself. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
	let out = '';
	for (const key of path) {
		if (typeof key === 'number') out += `[${key}]`;
		else out += out === '' ? String(key) : `.${String(key)}`;
	}
	return out || '(root)';
}

/** The decoded path of a request URL (the URL as given when it does not parse), for error messages. */
export function requestPath(url: string): string {
	try {
		const pathname = new URL(url).pathname;
		try {
			return decodeURIComponent(pathname);
		} catch {
			return pathname;
		}
	} catch {
		return url;
	}
}

function hostOf(url: string): string | undefined {
	try {
		return new URL(url).host;
	} catch {
		return undefined;
	}
}

function errorMessageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function createTransport(options: TransportOptions): Transport {
	const {
		service,
		adapter,
		maxAttempts = 4,
		baseDelayMs = 500,
		maxDelayMs = 30_000,
		maxConcurrencyPerHost = 4,
		timeoutMs = 30_000,
		defaultHeaders = {},
		classifyRetry,
		decodeError,
		secrets = [],
		onRetry,
		sleep = n8nSleep,
		random = Math.random,
		now = Date.now,
	} = options;
	if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
		throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
	}
	const limiter = new HostLimiter(maxConcurrencyPerHost);

	async function request<T>(req: HttpRequest, schema?: z.ZodType<T>): Promise<HttpResponse<T>> {
		const path = requestPath(req.url);
		const where = `${req.method} ${path}`;
		const host = hostOf(req.url);
		const fail = (init: {
			kind: 'http' | 'network' | 'schema';
			message: string;
			status?: number;
			code?: string;
			retryable: boolean;
			attempts: number;
			details?: ServiceErrorDetails;
		}): ServiceError =>
			serviceError({
				service,
				secrets,
				...init,
				message:
					init.attempts > 1 && init.kind !== 'schema'
						? `${init.message} (gave up after ${init.attempts} attempts)`
						: init.message,
				details: { method: req.method, path, ...init.details },
			});

		if (host === undefined) {
			throw fail({
				kind: 'network',
				code: 'EREQUEST',
				message: `${service} request has an invalid URL (${req.method})`,
				retryable: false,
				attempts: 1,
			});
		}
		const idempotent = isIdempotent(req);
		const prepared: HttpRequest = {
			...req,
			timeoutMs: req.timeoutMs ?? timeoutMs,
			headers: {
				...defaultHeaders,
				...req.headers,
				...(req.idempotencyKey !== undefined && { 'Idempotency-Key': req.idempotencyKey }),
			},
		};

		const wait = async (attempt: number, delayMs: number, reason: string) => {
			onRetry?.({
				service,
				method: req.method,
				path,
				attempt,
				delayMs,
				reason: redact(reason, secrets),
			});
			await sleep(delayMs);
		};

		let retriedCutJson = false;
		for (let attempt = 1; ; attempt++) {
			let response: HttpResponse;
			try {
				response = await limiter.run(host, async () => await adapter.send(prepared));
			} catch (error) {
				const failure =
					error instanceof TransportError
						? error
						: new TransportError('EREQUEST', errorMessageOf(error));
				const retry = failure.transient && (idempotent || !failure.maybeDelivered);
				if (retry && attempt < maxAttempts) {
					await wait(attempt, backoffDelay(attempt, baseDelayMs, maxDelayMs, random), failure.code);
					continue;
				}
				const unsafe = failure.transient && !retry;
				throw fail({
					kind: 'network',
					code: failure.code,
					message: `${service} ${where} failed: ${failure.message}${
						unsafe
							? '; not retried because the request may have reached the server and is not idempotent'
							: ''
					}`,
					retryable: failure.transient,
					attempts: attempt,
				});
			}

			if (response.status >= 200 && response.status < 300) {
				// A 2xx whose JSON breaks off (a proxy or the server stopped mid-answer with complete
				// framing) is treated like a dropped connection, once: a read is repeated, anything
				// else fails as before.
				if (idempotent && !retriedCutJson && attempt < maxAttempts && isCutJson(response, req)) {
					retriedCutJson = true;
					await wait(
						attempt,
						backoffDelay(attempt, baseDelayMs, maxDelayMs, random),
						`${response.status} truncated JSON`,
					);
					continue;
				}
				return validate<T>(response, req, schema, attempt);
			}

			const errorResponse = normaliseErrorResponse(response);
			const decoded = describeError(errorResponse, decodeError);
			const verdict =
				classifyRetry?.(errorResponse, decoded) ?? DEFAULT_VERDICTS[response.status] ?? 'never';
			const retry = verdict === 'always' || (verdict === 'idempotent' && idempotent);
			if (retry && attempt < maxAttempts) {
				const asked = retryAfterMs(response.headers, now());
				const delay = Math.min(
					maxDelayMs,
					asked ?? backoffDelay(attempt, baseDelayMs, maxDelayMs, random),
				);
				await wait(attempt, delay, `${response.status}${decoded.code ? ` ${decoded.code}` : ''}`);
				continue;
			}
			const label = [String(response.status), decoded.code].filter(Boolean).join(' ');
			throw fail({
				kind: 'http',
				status: response.status,
				code: decoded.code,
				message: `${service} ${label}: ${decoded.message ?? 'request failed'} (${where})`,
				retryable: verdict !== 'never',
				attempts: attempt,
				details: {
					...(decoded.messages !== undefined && { messages: decoded.messages }),
					...(decoded.requestId !== undefined && { requestId: decoded.requestId }),
				},
			});
		}

		function validate<U>(
			response: HttpResponse,
			original: HttpRequest,
			expected: z.ZodType<U> | undefined,
			attempts: number,
		): HttpResponse<U> {
			let body = response.body;
			if ((original.responseType ?? 'json') === 'json' && typeof body === 'string') {
				const text = body;
				if (text.trim() === '') body = null;
				else {
					const parsed = tryParseJson(text);
					if (parsed !== undefined) body = parsed;
					else if (expected) {
						const what = looksLikeHtml(response, text)
							? `an HTML page${htmlTitle(text) ? ` (${htmlTitle(text)})` : ''}`
							: 'text that is not JSON';
						throw fail({
							kind: 'schema',
							status: response.status,
							code: 'NOT_JSON',
							message: `${service} answered ${where} with ${what} instead of JSON (status ${response.status})`,
							retryable: false,
							attempts,
						});
					}
				}
			}
			if (!expected) return { ...response, body: body as U };
			const result = expected.safeParse(body);
			if (result.success) return { ...response, body: result.data };
			const issues = result.error.issues.map((issue) => ({
				path: formatIssuePath(issue.path),
				message: issue.message,
			}));
			const summary = issues
				.slice(0, 3)
				.map((i) => `${i.path}: ${i.message}`)
				.join('; ');
			throw fail({
				kind: 'schema',
				status: response.status,
				code: 'SCHEMA_MISMATCH',
				message: `${service} returned an unexpected response to ${where} at ${summary}${
					issues.length > 3 ? ` (+${issues.length - 3} more)` : ''
				}`,
				retryable: false,
				attempts,
				details: { issues },
			});
		}
	}

	return { service, request };
}
