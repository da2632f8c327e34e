// idempotencyKey: stable, short, Mautic-tag safe, distinct per (lead, step, channel).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { MARKER_PATTERNS, sendMarker as idempotencyKey } from '../../../core/markers';

const IDEMPOTENCY_KEY_PATTERN = MARKER_PATTERNS.send;

describe('idempotencyKey', () => {
	const cases: Array<[string, string, 'email' | 'sms', RegExp]> = [
		['CRM-LEAD-2026-00042', 'd2', 'email', /^ltc-d2-email-[0-9a-f]{12}$/],
		['CRM-LEAD-2026-00042', 'Day 14 – last call', 'sms', /^ltc-day-14-last-call-sms-[0-9a-f]{12}$/],
		['CRM-OPP-2026-00007', '!!!', 'email', /^ltc-s-email-[0-9a-f]{12}$/],
		['lead with spaces', 'Quote Reminder #2 (German)', 'email', /^ltc-quote-reminder-2-email-[0-9a-f]{12}$/],
	];
	it.each(cases)('%s / %s / %s', (lead, step, channel, pattern) => {
		const key = idempotencyKey(lead, step, channel);
		expect(key).toMatch(pattern);
		expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);
	});

	it('is stable across calls (the same input always gives the same key)', () => {
		expect(idempotencyKey('CRM-LEAD-2026-00042', 'd2', 'email')).toBe(idempotencyKey('CRM-LEAD-2026-00042', 'd2', 'email'));
		// Pinned (computed with `printf 'CRM-LEAD-2026-00042\x1fd2\x1femail' | sha256sum`): changing the
		// format would make every stored tag miss and re-send whole sequences.
		expect(idempotencyKey('CRM-LEAD-2026-00042', 'd2', 'email')).toBe('ltc-d2-email-9d0f19f71f72');
	});

	it('separates leads, steps and channels, even when step slugs collide', () => {
		const keys = new Set([
			idempotencyKey('CRM-LEAD-2026-00042', 'd2', 'email'),
			idempotencyKey('CRM-LEAD-2026-00043', 'd2', 'email'),
			idempotencyKey('CRM-LEAD-2026-00042', 'd2', 'sms'),
			idempotencyKey('CRM-LEAD-2026-00042', 'd5', 'email'),
			idempotencyKey('CRM-LEAD-2026-00042', 'Day 2', 'email'),
			idempotencyKey('CRM-LEAD-2026-00042', 'day_2', 'email'),
		]);
		expect(keys.size).toBe(6);
	});

	it('is always lowercase, space-free, comma-free, short, and never starts with "-"', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), fc.constantFrom('email' as const, 'sms' as const), (lead, step, channel) => {
				const key = idempotencyKey(lead, step, channel);
				expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);
				expect(key).toBe(key.toLowerCase());
				expect(key).not.toMatch(/[\s,]/);
				expect(key.length).toBeLessThanOrEqual(39);
			}),
		);
	});
});
