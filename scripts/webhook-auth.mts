// The key that callers of our published webhooks (workflows/lead-qualification.json, workflows/demo.json)
// must send. Both Webhook nodes use n8n's Header Auth with the `httpHeaderAuth` credential referenced
// here (fixed id and name, so an imported workflow resolves it); without that credential n8n refuses
// every call before an execution starts (n8n-nodes-base Webhook/utils.js validateWebhookAuthentication:
// "No authentication data defined on node!", 500). `npm start` creates the key once, keeps it in
// .n8n-local/webhook-key (mode 0600) and imports the credential; tests import it with a key of their own.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CredentialFixture } from './n8n-instance.mts';

/** What the Webhook nodes of our workflow files reference (`credentials.httpHeaderAuth`). */
export const WEBHOOK_CREDENTIAL = { id: 'ltcWebhookKey0001', name: 'Lead-to-Close webhook key' } as const;
/** The request header the key travels in. */
export const WEBHOOK_KEY_HEADER = 'X-Lead-To-Close-Key';

export function webhookKeyCredential(key: string): CredentialFixture {
	return { ...WEBHOOK_CREDENTIAL, type: 'httpHeaderAuth', data: { name: WEBHOOK_KEY_HEADER, value: key } };
}

/** Headers for an authenticated JSON POST to one of our webhooks. */
export function webhookHeaders(key: string): Record<string, string> {
	return { 'content-type': 'application/json', [WEBHOOK_KEY_HEADER]: key };
}

/** A fresh random key (256 bits, base64url). */
export function newWebhookKey(): string {
	return randomBytes(32).toString('base64url');
}

/** `LTC_WEBHOOK_KEY`, else the key kept in `folder`, else a new one written there (0600). */
export function loadOrCreateWebhookKey(folder: string): string {
	const fromEnv = process.env.LTC_WEBHOOK_KEY?.trim();
	if (fromEnv) return fromEnv;
	const file = join(folder, 'webhook-key');
	if (existsSync(file)) {
		const kept = readFileSync(file, 'utf8').trim();
		if (kept) return kept;
	}
	const key = newWebhookKey();
	writeFileSync(file, `${key}\n`, { mode: 0o600 });
	chmodSync(file, 0o600);
	return key;
}
