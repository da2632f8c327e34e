// Do-not-contact and sending against the Mautic contract server. The single-contact email send goes
// out even to a contact on the email DNC list, exactly as Mautic 5 does (mautic.md §4), which is why
// the node must check `isDoNotContact` (through core/outreach) before calling `sendEmail`. SMS and
// email failures arrive as HTTP 200 and must still become MauticErrors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { decideOutreach } from '../../../core/outreach';
import { MauticClient, isDoNotContact } from '../../../connectors/mautic';
import type { MauticContact } from '../../../connectors/mautic';
import { apiRequests, failure, harness } from './support.mts';
import type { Harness } from './support.mts';

let h: Harness;
let client: MauticClient;

beforeEach(async () => {
	h = await harness();
	client = h.basic();
});
afterEach(async () => {
	await h.server.stop();
});

describe('DNC is read per channel', () => {
	const cases = [
		{ name: 'nothing', dnc: [], email: false, sms: false },
		{ name: 'email unsubscribed', dnc: [{ channel: 'email' as const, reason: 1 }], email: true, sms: false },
		{ name: 'sms manual', dnc: [{ channel: 'sms' as const, reason: 3 }], email: false, sms: true },
		{ name: 'email bounced + sms', dnc: [{ channel: 'email' as const, reason: 2 }, { channel: 'sms' as const, reason: 1 }], email: true, sms: true },
		{ name: 'web push only', dnc: [{ channel: 'notification' as const, reason: 1 }], email: false, sms: false },
	];
	it.each(cases)('$name → email $email, sms $sms', async ({ dnc, email, sms }) => {
		const seeded = h.server.state.seedContact({ email: 'x@example.com' }, { dnc });
		const contact = await client.getContact(seeded.id);
		expect(client.isDoNotContact(contact, 'email')).toBe(email);
		expect(MauticClient.isDoNotContact(contact, 'sms')).toBe(sms);
		expect((await client.getDoNotContact(seeded.id, 'email')) !== undefined).toBe(email);
	});

	it('reason 0 (contactable) is not DNC', () => {
		expect(isDoNotContact({ doNotContact: [{ channel: 'email', reason: 0 }] }, 'email')).toBe(false);
		expect(isDoNotContact({ doNotContact: [{ channel: 'email', reason: '1' }] }, 'email')).toBe(true);
		expect(isDoNotContact({}, 'email')).toBe(false);
	});

	it('add and remove per channel', async () => {
		const seeded = h.server.state.seedContact({ email: 'x@example.com', mobile: '+4915112345678' });
		const added = await client.addDoNotContact(seeded.id, 'sms', { reason: 1, comments: 'replied STOP', channelId: 3 });
		expect(added.doNotContact).toEqual([expect.objectContaining({ channel: 'sms', reason: 1, comments: 'replied STOP', channelId: 3 })]);
		expect(isDoNotContact(added, 'email')).toBe(false);
		expect(await client.removeDoNotContact(seeded.id, 'email')).toMatchObject({ recordFound: false });
		const removed = await client.removeDoNotContact(seeded.id, 'sms');
		expect(removed.recordFound).toBe(true);
		expect(isDoNotContact(removed.contact, 'sms')).toBe(false);
		expect(apiRequests(h.server).map((r) => `${r.method} ${r.path}`)).toEqual([
			`POST /api/contacts/${seeded.id}/dnc/sms/add`,
			`POST /api/contacts/${seeded.id}/dnc/email/remove`,
			`POST /api/contacts/${seeded.id}/dnc/sms/remove`,
		]);
	});

	it('refuses reason 0 locally (Mautic answers 400 "Invalid reason code given")', async () => {
		await expect(client.addDoNotContact(1, 'email', { reason: 0 as never })).rejects.toThrow(RangeError);
		expect(h.server.requests).toHaveLength(0);
	});
});

describe('sending email', () => {
	it('at the API level, Mautic sends to a contact on the email DNC list', async () => {
		const optedOut = h.server.state.seedContact({ email: 'optout@example.com' }, { dnc: [{ channel: 'email', reason: 1 }] });
		const email = h.server.state.createEmail({ name: 'Quote Q-1042', subject: 'Your quote' });

		await client.sendEmail(email.id, optedOut.id, { tokens: { quote_number: 'Q-1042', quote_total: 1234.5 }, assetAttachments: [5] });

		expect(h.server.sent.emails).toHaveLength(1);
		expect(h.server.sent.emails[0]).toMatchObject({
			contactId: optedOut.id,
			to: 'optout@example.com',
			ignoredDnc: true,
			kind: 'transactional',
			tokens: { '{quote_number}': 'Q-1042', '{quote_total}': '1234.5' },
			assetAttachments: [5],
		});
		expect(apiRequests(h.server)[0].body).toEqual({ tokens: { quote_number: 'Q-1042', quote_total: '1234.5' }, assetAttachments: [5] });
	});

	it('so the node checks first: core/outreach skips a contact whose DNC the client reported, and nothing is sent', async () => {
		const optedOut = h.server.state.seedContact({ email: 'optout@example.com', mobile: '+4915112345678', country: 'Germany' }, { dnc: [{ channel: 'email', reason: 1 }] });
		const email = h.server.state.createEmail({ name: 'Quote', subject: 'Your quote' });
		const contact: MauticContact = await client.getContact(optedOut.id);

		const decision = decideOutreach(
			{ leadRef: 'CRM-LEAD-2026-00001', step: 'D2', channels: ['email'], sequence: 'quote-follow-up' },
			{ email: contact.email, phone: String(contact.fields.mobile), timeZone: 'Europe/Berlin', dnc: { email: isDoNotContact(contact, 'email'), sms: isDoNotContact(contact, 'sms') } },
			{},
			new Date('2026-11-24T09:00:00Z'),
		);
		if (decision.decision === 'send') await client.sendEmail(email.id, contact.id);

		expect(decision).toMatchObject({ decision: 'skip', policy: 'do_not_contact' });
		expect(h.server.sent.emails).toHaveLength(0);
	});

	it('{"success":false} with HTTP 200 is a MauticError', async () => {
		const noEmail = h.server.state.seedContact({ firstname: 'No mail' });
		const email = h.server.state.createEmail({ name: 'Q', subject: 'Q' });
		const error = await failure(client.sendEmail(email.id, noEmail.id));
		expect(error).toMatchObject({ status: 200, code: 'send_failed', kind: 'http' });
		expect(error.message).toBe(
			`Mautic 200 send_failed: the email was not sent: ["Contact ${noEmail.id} has no email address."] (POST /api/emails/${email.id}/contact/${noEmail.id}/send)`,
		);
	});

	it('errors[] on a 200 is a MauticError with the type', async () => {
		h.server.fault({ kind: 'errors-200', path: '/api/emails' });
		const error = await failure(client.sendEmail(1, 1));
		expect(error).toMatchObject({ status: 200, code: 'unexpected_error' });
		expect(error.message).toContain('An unexpected error occurred while saving.');
	});

	it('a send is never repeated after a failure that may have reached Mautic', async () => {
		const c = h.server.state.seedContact({ email: 'a@example.com' });
		const email = h.server.state.createEmail({ name: 'Q', subject: 'Q' });
		h.server.fault({ kind: 'unavailable', path: '/api/emails' });
		expect(await failure(client.sendEmail(email.id, c.id))).toMatchObject({ status: 503, retryable: true, attempts: 1 });
		h.server.fault({ kind: 'reset', path: '/api/emails' });
		expect(await failure(client.sendEmail(email.id, c.id))).toMatchObject({ kind: 'network', code: 'ECONNRESET', attempts: 1 });
		expect(apiRequests(h.server)).toHaveLength(2);
	});

	it('a rate-limited call (429) is not repeated within seconds: the limit is per hour, and the error says when it resets', async () => {
		const c = h.server.state.seedContact({ email: 'a@example.com' });
		const email = h.server.state.createEmail({ name: 'Q', subject: 'Q' });
		h.server.fault({ kind: 'rate-limit', path: '/api/emails' });
		const resetAt = new Date(Math.floor(h.server.state.now() / 1000) * 1000 + 3_600_000).toISOString().replace('.000Z', 'Z');
		const error = await failure(client.sendEmail(email.id, c.id));
		expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryable: true, attempts: 1 });
		expect(error.message).toContain('You exceeded the rate limit of 100 API calls per hour.');
		expect(error.message).toContain(`it resets at ${resetAt}`);
		expect(h.server.sent.emails).toHaveLength(0);
		expect(h.delays).toHaveLength(0);
		expect(apiRequests(h.server)).toHaveLength(1);
	});

	it('the server-side limiter: the call after the last allowed one is refused until the hour is over', async () => {
		const limited = await harness({ rateLimitPerHour: 2 });
		try {
			const mautic = limited.basic();
			const c = limited.server.state.seedContact({ email: 'a@example.com' });
			await mautic.getContact(c.id);
			await mautic.getContact(c.id);
			expect(await failure(mautic.getContact(c.id))).toMatchObject({ status: 429, code: 'rate_limited' });
			limited.server.state.advance(3_600_000);
			expect((await mautic.getContact(c.id)).id).toBe(c.id);
			expect(limited.delays).toHaveLength(0);
		} finally {
			await limited.server.stop();
		}
	});

	it('segment email: counts come back; DNC is respected by Mautic here', async () => {
		const segment = h.server.state.createSegment({ name: 'Quotes' });
		const ok = h.server.state.seedContact({ email: 'ok@example.com' });
		const out = h.server.state.seedContact({ email: 'out@example.com' }, { dnc: [{ channel: 'email', reason: 1 }] });
		segment.members.add(ok.id).add(out.id);
		const email = h.server.state.createEmail({ name: 'N', subject: 'N', emailType: 'list', lists: [segment.id] });
		expect(await client.sendSegmentEmail(email.id)).toEqual({ sentCount: 1, failedRecipients: 0 });
	});
});

describe('sending SMS: every failure is an HTTP 200', () => {
	it('success returns the status', async () => {
		const sms = h.server.state.createSms({ name: 'Reminder', message: 'Your quote expires Friday' });
		const c = h.server.state.seedContact({ email: 'a@example.com', mobile: '+4915112345678' });
		expect(await client.sendSms(sms.id, c.id)).toEqual({ status: 'Delivered', result: { sent: true, status: 'Delivered' } });
		expect(h.server.sent.sms).toEqual([expect.objectContaining({ contactId: c.id, to: '+4915112345678' })]);
		expect(apiRequests(h.server)[0].method).toBe('POST');
	});

	const failures = [
		{
			name: 'contact on the SMS DNC list',
			setup: (harness: Harness) => harness.server.state.seedContact({ email: 'a@example.com', mobile: '+4915100000000' }, { dnc: [{ channel: 'sms', reason: 1 }] }),
			code: 'sms_failed',
			message: /the SMS was not sent: mautic\.sms\.campaign\.failed\.not_contactable; Contact is not contactable/,
		},
		{
			name: 'no mobile and no phone',
			setup: (harness: Harness) => harness.server.state.seedContact({ email: 'a@example.com' }),
			code: 'sms_failed',
			message: /missing_number; Contact has no phone number/,
		},
		{
			name: 'no SMS transport: the double-encoded string',
			setup: (harness: Harness) => {
				harness.server.state.settings.smsTransport = false;
				return harness.server.state.seedContact({ email: 'a@example.com', mobile: '+4915112345678' });
			},
			code: 'sms_transport_disabled',
			message: /^Mautic 200 sms_transport_disabled: the SMS was not sent: SMS transport is disabled\. \(configure an SMS transport, Twilio in Mautic 5/,
		},
	];
	it.each(failures)('$name → MauticError $code', async ({ setup, code, message }) => {
		const sms = h.server.state.createSms({ name: 'Reminder', message: 'Hi' });
		const c = setup(h);
		const error = await failure(client.sendSms(sms.id, c.id));
		expect(error).toMatchObject({ status: 200, code, kind: 'http' });
		expect(error.message).toMatch(message);
		expect(h.server.sent.sms).toHaveLength(0);
	});
});
