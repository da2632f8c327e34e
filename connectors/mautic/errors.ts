// How Mautic says "no" (mautic.md §1, §2, §5): `errors[{code, message, type, details}]` on any status
// (HTTP 200 included), the deprecated singular `error{message, code}`, OAuth2's `{error,
// error_description}` from the token endpoint, and the SMS endpoint's double-JSON-encoded string. It
// also adds the fix to the two refusals an operator meets first (API disabled, Basic auth disabled)
// and says which refusals are worth another attempt.
import type { DecodedError, HttpResponse, RetryVerdict } from '../http';

/** What to do about the refusals a fresh Mautic install gives (both settings are off by default). */
const HINTS: Record<string, string> = {
	api_disabled: "Mautic's API is disabled: set Configuration → API Settings → API enabled to Yes",
	basic_auth_disabled:
		'HTTP basic auth is disabled in Mautic: set Configuration → API Settings → Enable HTTP basic auth to Yes, or use an OAuth2 client-credentials credential',
	invalid_client:
		'the OAuth2 client was refused: check the Client ID and Client Secret (the client_credentials grant exists only for API credentials an admin created, Mautic 4.0+)',
};

function tryJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * Parses a body that may be JSON encoded twice (the SMS send answers a JSON string whose content is
 * `{"error":{...}}`): strings that hold a JSON object or array are decoded until they do not.
 */
export function unwrapJsonString(body: unknown): unknown {
	let current = body;
	for (let depth = 0; depth < 3 && typeof current === 'string'; depth++) {
		const text = current.trim();
		if (!text.startsWith('{') && !text.startsWith('[') && !text.startsWith('"')) break;
		const parsed = tryJson(text);
		if (parsed === undefined) break;
		current = parsed;
	}
	return current;
}

function asString(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** `details` of a validation error: field → messages (or a list of messages). */
function detailMessages(details: unknown): string[] {
	if (!details || typeof details !== 'object') return [];
	if (Array.isArray(details))
		return details.map(asString).filter((m): m is string => m !== undefined);
	const out: string[] = [];
	for (const [field, value] of Object.entries(details as Record<string, unknown>)) {
		const list = Array.isArray(value) ? value : [value];
		for (const item of list) {
			const text = asString(item);
			if (text !== undefined) out.push(`${field}: ${text}`);
		}
	}
	return out;
}

interface ErrorEntry {
	code?: string;
	type?: string;
	message?: string;
	details: string[];
}

function entryFrom(raw: unknown): ErrorEntry | undefined {
	if (typeof raw === 'string') return raw.trim() ? { message: raw.trim(), details: [] } : undefined;
	if (!raw || typeof raw !== 'object') return undefined;
	const record = raw as Record<string, unknown>;
	const entry: ErrorEntry = {
		code: asString(record.code),
		type: asString(record.type),
		message: asString(record.message),
		details: detailMessages(record.details),
	};
	return entry.message || entry.type || entry.code || entry.details.length > 0 ? entry : undefined;
}

/** `errors` may be a list or, for batches, an object keyed by item index. */
function errorEntries(errors: unknown): ErrorEntry[] {
	if (Array.isArray(errors))
		return errors.map(entryFrom).filter((e): e is ErrorEntry => e !== undefined);
	if (errors && typeof errors === 'object') {
		return Object.values(errors as Record<string, unknown>)
			.map(entryFrom)
			.filter((e): e is ErrorEntry => e !== undefined);
	}
	return [];
}

/** "Basic Auth disabled…" comes as type `access_denied`; give it its own code so the hint applies. */
function refine(code: string | undefined, message: string | undefined): string | undefined {
	if (
		code === 'access_denied' &&
		message &&
		/basic auth/i.test(message) &&
		/disabled/i.test(message)
	) {
		return 'basic_auth_disabled';
	}
	return code;
}

/**
 * Reads Mautic's failure report out of any body, whatever the status. Returns undefined when the
 * body reports no error (so a 2xx body passes). Used by the transport for non-2xx answers and by the
 * client for 2xx answers, because several endpoints report failures with HTTP 200.
 */
export function mauticFailure(body: unknown): DecodedError | undefined {
	const value = unwrapJsonString(body);
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const record = value as Record<string, unknown>;
	let entries = errorEntries(record.errors);
	if (
		entries.length === 0 &&
		record.error !== undefined &&
		record.error !== null &&
		record.error !== false
	) {
		if (typeof record.error === 'string') {
			// OAuth2: {"error":"invalid_client","error_description":"…"}
			const description = asString(record.error_description);
			entries = [{ type: record.error, message: description ?? record.error, details: [] }];
		} else {
			entries = errorEntries([record.error]);
		}
	}
	if (entries.length === 0) return undefined;
	const first = entries[0];
	// `type` is often null (404, validation); the numeric `code` then stands in for it.
	const code = refine(first.type ?? first.code, first.message);
	const messages = entries.flatMap((e) => [
		...(e.message !== undefined ? [e.message] : []),
		...e.details,
	]);
	const unique = [...new Set(messages)];
	const hint = code !== undefined ? HINTS[code] : undefined;
	const text = unique.length > 0 ? unique.join('; ') : 'request failed';
	return {
		code,
		message: hint ? `${text} (${hint})` : text,
		messages: unique,
	};
}

/**
 * When Mautic's API rate limit resets, from `X-RateLimit-Reset` (a Unix time; the noxlogic
 * RateLimitBundle's HeaderModificationListener, enabled by mautic/mautic app/config/config.php
 * `display_headers`), as ISO 8601 UTC.
 */
export function rateLimitReset(headers: Record<string, string>): string | undefined {
	const raw = headers['x-ratelimit-reset']?.trim();
	if (!raw || !/^\d+$/.test(raw)) return undefined;
	const ms = Number(raw) * 1000;
	return Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : undefined;
}

/** The transport's decoder for non-2xx answers. */
export function decodeMauticError(response: HttpResponse): DecodedError | undefined {
	if (response.status === 429) {
		// mautic/mautic app/config/config.php: noxlogic_rate_limit, `api_rate_limiter_limit` calls per
		// 3600 s on /api, answered with a JSON text body and no Retry-After.
		const said = mauticFailure(response.body)?.message ?? "Mautic's API rate limit is used up";
		const reset = rateLimitReset(response.headers);
		const when = reset
			? `it resets at ${reset} (X-RateLimit-Reset)`
			: 'it resets within the hour (Configuration → API Settings → API rate limit)';
		return {
			code: 'rate_limited',
			message: `${said} The limit counts per hour, so the call was not repeated: ${when}`,
		};
	}
	const decoded = mauticFailure(response.body);
	// "Mautic 404 404: …" says nothing twice: a code equal to the status is dropped.
	if (decoded && decoded.code === String(response.status)) return { ...decoded, code: undefined };
	return decoded;
}

/**
 * 502/503/504 may be retried for idempotent requests. A PHP 500 is left alone: it usually repeats. A
 * 429 is not retried: Mautic's limiter counts calls per hour (period 3600 in app/config/config.php)
 * and sends no Retry-After, so repeating within seconds only fails again and uses up more calls.
 */
export function classifyMauticRetry(response: HttpResponse): RetryVerdict {
	if (response.status === 429) return 'never';
	if (response.status === 502 || response.status === 503 || response.status === 504)
		return 'idempotent';
	return 'never';
}
