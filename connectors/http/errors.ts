// Typed errors for everything that goes wrong between us and a service: network failures
// (TransportError, thrown by adapters) and refusals/garbage from the service (ServiceError, one
// subclass per service). They are n8n-free so core-adjacent code and scripts can use them; nodes turn
// them into NodeApiError. Every string they hold passes through `redact`, so a key, secret or
// Authorization header can never reach a message, a property or a log.

export type ServiceName = 'ERPNext' | 'Anthropic' | 'InvenTree' | 'Mautic';

export type TransportErrorCode =
	| 'ETIMEDOUT'
	| 'ECONNREFUSED'
	| 'ECONNRESET'
	| 'ENOTFOUND'
	| 'EAI_AGAIN'
	| 'EHOSTUNREACH'
	| 'ENETUNREACH'
	| 'EPIPE'
	| 'ECANCELED'
	| 'EREQUEST';

/** Failures that happen before a single byte of the request can have reached the server. */
const NOT_DELIVERED: ReadonlySet<TransportErrorCode> = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** Failures worth another attempt (ENOTFOUND is a wrong host, ECANCELED a cancelled execution). */
const TRANSIENT: ReadonlySet<TransportErrorCode> = new Set([
	'ETIMEDOUT',
	'ECONNREFUSED',
	'ECONNRESET',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EPIPE',
]);

const CODE_MESSAGES: Record<TransportErrorCode, string> = {
	ETIMEDOUT: 'the request timed out',
	ECONNREFUSED: 'the connection was refused (is the service running and the URL right?)',
	ECONNRESET: 'the connection was closed unexpectedly',
	ENOTFOUND: 'the host name could not be resolved (check the URL)',
	EAI_AGAIN: 'the DNS lookup failed temporarily',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	EPIPE: 'the connection was closed while sending',
	ECANCELED: 'the request was cancelled',
	EREQUEST: 'the request could not be sent',
};

/** A network-level failure: no HTTP response was received. Adapters reject with this only. */
export class TransportError extends Error {
	readonly code: TransportErrorCode;

	/** False when the request certainly never reached the server (safe to repeat even a POST). */
	readonly maybeDelivered: boolean;

	readonly transient: boolean;

	constructor(code: TransportErrorCode, detail?: string) {
		super(detail ? `${CODE_MESSAGES[code]}: ${redact(detail, [])}` : CODE_MESSAGES[code]);
		this.name = 'TransportError';
		this.code = code;
		this.maybeDelivered = !NOT_DELIVERED.has(code);
		this.transient = TRANSIENT.has(code);
	}
}

export type ServiceErrorKind = 'http' | 'network' | 'schema';

export interface ServiceErrorDetails {
	method?: string;
	/** URL path of the failing request (no query string, no host). */
	path?: string;
	/** Every human message the service returned, already decoded and stripped of HTML. */
	messages?: string[];
	/** For `schema` errors: where the response differed from the expected shape. */
	issues?: Array<{ path: string; message: string }>;
	/** The service's request id, for support tickets. */
	requestId?: string;
}

export interface ServiceErrorInit {
	service: ServiceName;
	kind: ServiceErrorKind;
	message: string;
	status?: number;
	/** The service's own error code (`exc_type`, `error.type`, …) or a TransportErrorCode. */
	code?: string;
	retryable?: boolean;
	attempts?: number;
	details?: ServiceErrorDetails;
	/** Redacted from every string; never stored. */
	secrets?: readonly string[];
}

/**
 * Everything of an error but its message and service, to build the same error of the same class with a
 * longer message (`new ErpNextError({ ...sameFailure(error), message: `${error.message}. …` })`).
 * Already redacted: the secrets are not needed again.
 */
export function sameFailure(
	error: ServiceError,
): Omit<ServiceErrorInit, 'service' | 'message' | 'secrets'> {
	return {
		kind: error.kind,
		status: error.status,
		code: error.code,
		retryable: error.retryable,
		attempts: error.attempts,
		details: error.details,
	};
}

/** A service refused, failed or answered with something we cannot use. */
export class ServiceError extends Error {
	readonly service: ServiceName;

	readonly kind: ServiceErrorKind;

	readonly status?: number;

	readonly code?: string;

	/** True when the same request may succeed later (rate limit, overload, outage, network). */
	readonly retryable: boolean;

	/** How many attempts were made before giving up. */
	readonly attempts: number;

	readonly details?: ServiceErrorDetails;

	constructor(init: ServiceErrorInit) {
		const secrets = init.secrets ?? [];
		super(redact(init.message, secrets));
		this.name = 'ServiceError';
		this.service = init.service;
		this.kind = init.kind;
		this.status = init.status;
		this.code = init.code === undefined ? undefined : redact(init.code, secrets);
		this.retryable = init.retryable ?? false;
		this.attempts = init.attempts ?? 1;
		this.details = init.details === undefined ? undefined : redactDetails(init.details, secrets);
	}
}

export class ErpNextError extends ServiceError {
	constructor(init: Omit<ServiceErrorInit, 'service'>) {
		super({ ...init, service: 'ERPNext' });
		this.name = 'ErpNextError';
	}
}

export class AnthropicError extends ServiceError {
	constructor(init: Omit<ServiceErrorInit, 'service'>) {
		super({ ...init, service: 'Anthropic' });
		this.name = 'AnthropicError';
	}
}

export class InvenTreeError extends ServiceError {
	constructor(init: Omit<ServiceErrorInit, 'service'>) {
		super({ ...init, service: 'InvenTree' });
		this.name = 'InvenTreeError';
	}
}

export class MauticError extends ServiceError {
	constructor(init: Omit<ServiceErrorInit, 'service'>) {
		super({ ...init, service: 'Mautic' });
		this.name = 'MauticError';
	}
}

/** Builds the error class that belongs to `init.service`. */
export function serviceError(init: ServiceErrorInit): ServiceError {
	switch (init.service) {
		case 'ERPNext':
			return new ErpNextError(init);
		case 'Anthropic':
			return new AnthropicError(init);
		case 'InvenTree':
			return new InvenTreeError(init);
		case 'Mautic':
			return new MauticError(init);
	}
}

const REDACTED = '[redacted]';

/** Shapes that carry credentials even when the caller did not list the secret itself. */
const CREDENTIAL_PATTERNS: Array<[RegExp, string]> = [
	// Frappe token auth: "token <api_key>:<api_secret>"
	[/\btoken\s+[\w.~+/=-]+:[\w.~+/=-]+/gi, `token ${REDACTED}`],
	[/\bBearer\s+[\w.~+/=-]{8,}/gi, `Bearer ${REDACTED}`],
	// "authorization: …", "x-api-key=…", "api_secret": "…" in echoed headers or bodies
	[
		/\b(authorization|x-api-key|api[_-]?key|api[_-]?secret|password)(["']?\s*[:=]\s*["']?)(?!\[redacted\])[^\s"',;}]+/gi,
		`$1$2${REDACTED}`,
	],
	[/\bsk-ant-[\w-]+/g, REDACTED],
	// user:password@ in URLs
	[/\/\/[^/\s:@]+:[^/\s@]+@/g, `//${REDACTED}@`],
];

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes every listed secret (and its URL-encoded form) plus anything shaped like a credential.
 * Secrets shorter than 4 characters are ignored: replacing them would shred ordinary text.
 */
export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	const variants = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < 4) continue;
		variants.add(secret);
		variants.add(encodeURIComponent(secret));
	}
	for (const variant of [...variants].sort((a, b) => b.length - a.length)) {
		out = out.replace(new RegExp(escapeRegExp(variant), 'g'), REDACTED);
	}
	for (const [pattern, replacement] of CREDENTIAL_PATTERNS) {
		out = out.replace(pattern, replacement);
	}
	return out;
}

function redactDetails(
	details: ServiceErrorDetails,
	secrets: readonly string[],
): ServiceErrorDetails {
	const r = (s: string) => redact(s, secrets);
	return {
		...(details.method !== undefined && { method: details.method }),
		...(details.path !== undefined && { path: r(details.path) }),
		...(details.messages !== undefined && { messages: details.messages.map(r) }),
		...(details.issues !== undefined && {
			issues: details.issues.map((i) => ({ path: r(i.path), message: r(i.message) })),
		}),
		...(details.requestId !== undefined && { requestId: r(details.requestId) }),
	};
}

const NETWORK_CODES: Record<string, TransportErrorCode> = {
	ETIMEDOUT: 'ETIMEDOUT',
	ESOCKETTIMEDOUT: 'ETIMEDOUT',
	UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
	UND_ERR_HEADERS_TIMEOUT: 'ETIMEDOUT',
	UND_ERR_BODY_TIMEOUT: 'ETIMEDOUT',
	ECONNREFUSED: 'ECONNREFUSED',
	ECONNRESET: 'ECONNRESET',
	UND_ERR_SOCKET: 'ECONNRESET',
	UND_ERR_CLOSED: 'ECONNRESET',
	ENOTFOUND: 'ENOTFOUND',
	EAI_AGAIN: 'EAI_AGAIN',
	EHOSTUNREACH: 'EHOSTUNREACH',
	ENETUNREACH: 'ENETUNREACH',
	ENETDOWN: 'ENETUNREACH',
	EPIPE: 'EPIPE',
	ERR_CANCELED: 'ECANCELED',
	ABORT_ERR: 'ECANCELED',
};

function findCode(error: unknown, depth = 0): { code: string; message: string } | undefined {
	if (typeof error !== 'object' || error === null || depth > 5) return undefined;
	const record = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
	const message = typeof record.message === 'string' ? record.message : '';
	if (typeof record.code === 'string' && record.code in NETWORK_CODES) {
		return { code: record.code, message };
	}
	// axios reports its own timeout as ECONNABORTED "timeout of N ms exceeded"
	if (record.code === 'ECONNABORTED') {
		return { code: /timeout/i.test(message) ? 'ETIMEDOUT' : 'ECONNRESET', message };
	}
	const nested =
		findCode(record.cause, depth + 1) ??
		(Array.isArray(record.errors)
			? record.errors.map((e) => findCode(e, depth + 1)).find((found) => found !== undefined)
			: undefined);
	return nested;
}

/** What the adapter knows about the attempt that failed, to tell a timeout from a dropped connection. */
export interface AttemptContext {
	/** The request's timeout. */
	timeoutMs?: number;
	/** How long the attempt ran before it failed. */
	elapsedMs?: number;
}

/** axios (inside n8n's helper) rejects an answer that stopped arriving after its headers with this. */
function isAbortedAnswer(error: unknown, depth = 0): boolean {
	if (typeof error !== 'object' || error === null || depth > 5) return false;
	const record = error as { code?: unknown; message?: unknown; cause?: unknown };
	if (
		record.code === 'ERR_BAD_RESPONSE' &&
		typeof record.message === 'string' &&
		/stream has been aborted/i.test(record.message)
	) {
		return true;
	}
	return isAbortedAnswer(record.cause, depth + 1);
}

/** The timeout axios actually applied (its `config.timeout`), which wins over the one we asked for. */
function appliedTimeout(error: unknown, depth = 0): number | undefined {
	if (typeof error !== 'object' || error === null || depth > 5) return undefined;
	const record = error as { config?: { timeout?: unknown }; cause?: unknown };
	const timeout = record.config?.timeout;
	if (typeof timeout === 'number' && timeout > 0) return timeout;
	return appliedTimeout(record.cause, depth + 1);
}

function ranIntoTimeout(error: unknown, context: AttemptContext): number | undefined {
	const timeoutMs = appliedTimeout(error) ?? context.timeoutMs;
	if (timeoutMs === undefined || timeoutMs <= 0 || context.elapsedMs === undefined)
		return undefined;
	return context.elapsedMs >= timeoutMs ? timeoutMs : undefined;
}

/**
 * Normalises whatever a network stack threw (undici/fetch TypeError with a `cause`, DOMException
 * TimeoutError/AbortError, axios errors wrapped in n8n's NodeApiError) into a TransportError. Only
 * the code and a redacted message survive: raw errors can hold request headers with credentials.
 * An answer cut off after its headers is ECONNRESET (the server did receive the request), or
 * ETIMEDOUT when the attempt ran for the whole timeout (axios reports a body that stalled past the
 * timeout, and a cancel its timer caused, the same way as a closed socket).
 */
export function transportErrorFrom(error: unknown, context: AttemptContext = {}): TransportError {
	if (error instanceof TransportError) return error;
	const name = error instanceof Error ? error.name : '';
	if (name === 'TimeoutError') return new TransportError('ETIMEDOUT');
	const timedOutAfter = ranIntoTimeout(error, context);
	if (isAbortedAnswer(error)) {
		return timedOutAfter !== undefined
			? new TransportError(
					'ETIMEDOUT',
					`the answer stalled after its headers for ${timedOutAfter} ms`,
				)
			: new TransportError('ECONNRESET', 'the answer was cut off after its headers');
	}
	const found = findCode(error);
	if (found) {
		const code = NETWORK_CODES[found.code] ?? (found.code as TransportErrorCode);
		if (code === 'ECANCELED' && timedOutAfter !== undefined) return new TransportError('ETIMEDOUT');
		return new TransportError(code);
	}
	if (name === 'AbortError')
		return new TransportError(timedOutAfter !== undefined ? 'ETIMEDOUT' : 'ECANCELED');
	if (error instanceof TypeError && error.message === 'terminated') {
		return new TransportError('ECONNRESET');
	}
	const message = error instanceof Error ? error.message : String(error);
	return new TransportError('EREQUEST', message.slice(0, 300));
}
