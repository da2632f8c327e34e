// Frappe's webhook signature (erpnext.md §5): `X-Frappe-Webhook-Signature` carries
// base64(HMAC-SHA256(key = secret as UTF-8, message = the JSON body)). Frappe signs the same string it
// sends, so the only sound check is over the exact request bytes, compared in constant time. The secret
// is derived here too (security review H4): an HMAC keyed with the credential's API secret over the
// workflow id, node id and a rotation number the user raises on purpose. n8n keeps the credential
// encrypted and never shows it through the workflow, so whoever can read the workflow (REST, exports,
// static data in the database) cannot sign a delivery; nothing secret is stored. 32 bytes, URL-safe
// base64, so it survives Frappe's Password field as is.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';

export const SIGNATURE_HEADER = 'x-frappe-webhook-signature';

export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'mismatch';

const DERIVATION_LABEL = 'n8n-nodes-lead-to-close/erpnext-trigger/webhook-secret/v1';

/**
 * The webhook secret of one trigger node: HMAC-SHA256 keyed with the API secret over the API key, the
 * workflow id, the node id and the rotation number. Another credential, workflow, node or rotation
 * gives an unrelated secret.
 */
export function deriveSecret(input: {
	apiKey: string;
	apiSecret: string;
	workflowId: string;
	nodeId: string;
	rotation: number;
}): string {
	const message = [
		DERIVATION_LABEL,
		input.apiKey,
		input.workflowId,
		input.nodeId,
		String(input.rotation),
	].join('\n');
	return createHmac('sha256', Buffer.from(input.apiSecret, 'utf8'))
		.update(message)
		.digest('base64url');
}

/** A short fingerprint of a secret, safe to store: tells whether ERPNext got the secret of today's settings. */
export function secretFingerprint(secret: string): string {
	return createHash('sha256')
		.update(`${DERIVATION_LABEL}/fingerprint\n${secret}`)
		.digest('hex')
		.slice(0, 16);
}

/** A fresh random secret (256 bits). */
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
export function verifySignature(
	secret: string,
	body: Uint8Array,
	header: string | string[] | undefined,
): SignatureCheck {
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
