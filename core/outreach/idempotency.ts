// Idempotency keys for outreach: one key per (lead, sequence step, channel), so a retried n8n item
// (a worker restart, a re-run execution) never sends the same step twice. The key is stored in the
// system of record (a Mautic contact tag, an ERPNext Communication reference), not in n8n, so the
// guarantee holds across workers and executions.
//
// Format: `ltc-<step>-<channel>-<hash>`
//   - `step`: the step name lower-cased, every run of characters outside [a-z0-9] turned into one `-`,
//     trimmed of `-`, cut to 16 characters (`Day 2` → `day-2`); `s` when nothing is left.
//   - `channel`: `email` or `sms`.
//   - `hash`: the first 12 hex digits of SHA-256 over `leadRef`, `step` and `channel` joined by U+001F.
//     The lead ref is only inside the hash, so the tag leaks no identifier, and two steps whose
//     slugs collide (`Day 2` / `day_2`) still get different keys.
// The result matches /^ltc-[a-z0-9-]+-(email|sms)-[0-9a-f]{12}$/ and is at most 39 characters: safe as
// a Mautic tag (lowercase, no spaces or commas, never starts with `-`, which Mautic reads as "remove").
import { createHash } from 'crypto';

import type { Channel } from './schemas';

const STEP_SLUG_MAX = 16;
export const IDEMPOTENCY_KEY_PATTERN = /^ltc-[a-z0-9-]+-(email|sms)-[0-9a-f]{12}$/;

function stepSlug(step: string): string {
	const slug = step
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, STEP_SLUG_MAX)
		.replace(/-+$/g, '');
	return slug === '' ? 's' : slug;
}

/** The stable idempotency key for one lead, sequence step and channel (format above). */
export function idempotencyKey(leadRef: string, step: string, channel: Channel): string {
	const digest = createHash('sha256')
		.update([leadRef, step, channel].join('\u001f'), 'utf8')
		.digest('hex')
		.slice(0, 12);
	return `ltc-${stepSlug(step)}-${channel}-${digest}`;
}
