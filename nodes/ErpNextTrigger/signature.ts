// Frappe's webhook signature (erpnext.md §5): `X-Frappe-Webhook-Signature` carries
// base64(HMAC-SHA256(key = secret as UTF-8, message = the JSON body)). Frappe signs the same string it
// sends, so the only sound check is over the exact request bytes, compared in constant time. The secret
// is generated here too: 32 random bytes, URL-safe base64, so it survives Frappe's Password field as is.
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

export const SIGNATURE_HEADER = 'x-frappe-webhook-signature';

export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'mismatch';

/** A fresh webhook secret (256 bits). */
export function generateSecret(): string {
	return randomBytes(32).toString('base64url');
}

/** The signature Frappe sends for `body` under `secret`. */
export function signBody(secret: string, body: Uint8Array | string): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('base64');
}

/** Header values as Node gives them: a string, several strings, or nothing. */
function headerValue(raw: string | string[] | undefined): string | undefined {
	if (Array.isArray(raw)) return raw.length === 1 ? raw[0] : undefined;
	return raw;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Checks `header` against the HMAC of `body`. A repeated header, non-base64 text or a digest of the
 * wrong length is `malformed`; the comparison itself is constant-time.
 */
export function verifySignature(secret: string, body: Uint8Array, header: string | string[] | undefined): SignatureCheck {
	if (header === undefined || (Array.isArray(header) && header.length === 0)) return 'missing';
	const value = headerValue(header)?.trim();
	if (value === undefined) return 'malformed';
	if (value === '') return 'missing';
	if (!BASE64.test(value) || value.length % 4 !== 0) return 'malformed';
	const given = Buffer.from(value, 'base64');
	const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest();
	if (given.length !== expected.length) return 'malformed';
	return timingSafeEqual(given, expected) ? 'valid' : 'mismatch';
}
