// decideOutreach: consent precedence, channel fallback, idempotency, quiet hours (incl. DST) and caps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
	decideOutreach,
	OutreachDecisionSchema,
	type ContactStateInput,
	type OutreachDecision,
	type OutreachPolicyInput,
	type OutreachRequest,
} from '../../../core/outreach';
import { sendMarker as idempotencyKey } from '../../../core/markers';

const policy: OutreachPolicyInput = {
	quietHours: { start: '20:00', end: '08:00' },
	allowedWeekdays: [1, 2, 3, 4, 5],
	cap: { max: 2, windowHours: 72 },
	channelsEnabled: ['email', 'sms'],
	defaultTimeZone: 'UTC',
};
const everyDay: OutreachPolicyInput = { ...policy, allowedWeekdays: [1, 2, 3, 4, 5, 6, 7] };

const request: OutreachRequest = {
	leadRef: 'CRM-LEAD-2026-00042',
	step: 'd2',
	channels: ['email', 'sms'],
	sequence: 'Quote follow-up',
};

const ada: ContactStateInput = {
	email: 'ada@lovelace-engineering.de',
	phone: '+4915112345678',
	country: 'Germany',
	dnc: {},
	unsubscribed: false,
	bounced: false,
	sentLog: [],
	existingKeys: [],
};

// Tuesday 2026-11-17 10:00 in Berlin (CET, UTC+1).
const TUE_MORNING = new Date('2026-11-17T09:00:00Z');

function decide(
	contact: Partial<ContactStateInput>,
	now: Date = TUE_MORNING,
	config: OutreachPolicyInput = policy,
	req: OutreachRequest = request,
): OutreachDecision {
	return decideOutreach(req, { ...ada, ...contact }, config, now);
}

describe('consent and channel choice', () => {
	const cases: Array<{
		name: string;
		contact: Partial<ContactStateInput>;
		channels?: OutreachRequest['channels'];
		config?: OutreachPolicyInput;
		decision: OutreachDecision['decision'];
		channel?: 'email' | 'sms';
		policy?: string;
		reason?: RegExp;
		note?: RegExp;
	}> = [
		{ name: 'all clear → preferred email', contact: {}, decision: 'send', channel: 'email' },
		{ name: 'SMS preferred and possible', contact: {}, channels: ['sms', 'email'], decision: 'send', channel: 'sms' },
		{
			name: 'Mautic DNC on email, SMS allowed → falls back to SMS',
			contact: { dnc: { email: true } },
			decision: 'send',
			channel: 'sms',
			note: /Fell back from email to sms: email is on the Mautic do-not-contact list/,
		},
		{
			name: 'email bounced → SMS',
			contact: { bounced: true },
			decision: 'send',
			channel: 'sms',
			note: /email to this address bounced/,
		},
		{
			name: 'no email address → SMS',
			contact: { email: null },
			decision: 'send',
			channel: 'sms',
			note: /no email address/,
		},
		{
			name: 'SMS preferred but no phone → email',
			contact: { phone: null },
			channels: ['sms', 'email'],
			decision: 'send',
			channel: 'email',
			note: /no mobile or phone number/,
		},
		{
			name: 'DNC on SMS only, SMS preferred → email',
			contact: { dnc: { sms: true } },
			channels: ['sms', 'email'],
			decision: 'send',
			channel: 'email',
		},
		{
			name: 'ERPNext unsubscribed → skip every channel even with no DNC',
			contact: { unsubscribed: true },
			decision: 'skip',
			policy: 'unsubscribed',
			reason: /unsubscribed in ERPNext/,
		},
		{
			name: 'ERPNext unsubscribed wins over an SMS fallback',
			contact: { unsubscribed: true, dnc: { email: true } },
			decision: 'skip',
			policy: 'unsubscribed',
		},
		{
			name: 'DNC on both channels → do_not_contact',
			contact: { dnc: { email: true, sms: true } },
			decision: 'skip',
			policy: 'do_not_contact',
			reason: /email: email is on the Mautic do-not-contact list; sms: SMS is on the Mautic do-not-contact list/,
		},
		{
			name: 'DNC on email and no phone → no eligible channel',
			contact: { dnc: { email: true }, phone: null },
			decision: 'skip',
			policy: 'no_eligible_channel',
			reason: /sms: the contact has no mobile or phone number/,
		},
		{
			name: 'only email requested and DNC on email → do_not_contact (no SMS behind the caller’s back)',
			contact: { dnc: { email: true } },
			channels: ['email'],
			decision: 'skip',
			policy: 'do_not_contact',
		},
		{
			name: 'SMS disabled by policy, email DNC → no eligible channel',
			contact: { dnc: { email: true } },
			config: { ...policy, channelsEnabled: ['email'] },
			decision: 'skip',
			policy: 'no_eligible_channel',
			reason: /sms is not enabled in the outreach policy/,
		},
	];

	it.each(cases)('$name', (c) => {
		const d = decide(c.contact, TUE_MORNING, c.config ?? policy, {
			...request,
			channels: c.channels ?? request.channels,
		});
		expect(d.decision).toBe(c.decision);
		if (c.channel) expect(d.decision !== 'skip' && d.channel).toBe(c.channel);
		if (c.policy) expect(d.decision === 'skip' && d.policy).toBe(c.policy);
		if (c.reason) expect(d.decision === 'skip' ? d.reason : '').toMatch(c.reason);
		if (c.note) expect(d.notes.join(' ')).toMatch(c.note);
		if (d.decision === 'send') {
			expect(d.idempotencyKey).toBe(idempotencyKey(request.leadRef, request.step, d.channel));
		}
	});
});

describe('idempotency: a retried item never sends twice', () => {
	const emailKey = idempotencyKey(request.leadRef, 'd2', 'email');
	const smsKey = idempotencyKey(request.leadRef, 'd2', 'sms');
	const cases: Array<{ name: string; contact: Partial<ContactStateInput>; decision: string; channel?: string }> = [
		{ name: 'key stored as a Mautic tag', contact: { existingKeys: [emailKey] }, decision: 'skip', channel: 'email' },
		{
			name: 'key in the send log (ERPNext Communication)',
			contact: { sentLog: [{ at: '2026-11-16T09:00:00Z', channel: 'email', key: emailKey }] },
			decision: 'skip',
			channel: 'email',
		},
		{
			name: 'step already sent by SMS: email is not sent as well',
			contact: { existingKeys: [smsKey] },
			decision: 'skip',
			channel: 'sms',
		},
		{
			name: 'another step of the same lead does not block',
			contact: { existingKeys: [idempotencyKey(request.leadRef, 'd0', 'email')] },
			decision: 'send',
		},
		{
			name: 'the same step of another lead does not block',
			contact: { existingKeys: [idempotencyKey('CRM-LEAD-2026-00043', 'd2', 'email')] },
			decision: 'send',
		},
	];
	it.each(cases)('$name', (c) => {
		const d = decide(c.contact);
		expect(d.decision).toBe(c.decision);
		if (d.decision === 'skip') {
			expect(d.policy).toBe('already_sent');
			expect(d.channel).toBe(c.channel);
			expect(d.reason).toMatch(/already sent/);
		}
	});

	it('a retry after the send is recorded is skipped, with the same key', () => {
		const first = decide({});
		expect(first.decision).toBe('send');
		if (first.decision !== 'send') return;
		const retry = decide({ existingKeys: [first.idempotencyKey] });
		expect(retry).toMatchObject({ decision: 'skip', policy: 'already_sent', idempotencyKey: first.idempotencyKey });
	});
});

describe('quiet hours and weekdays in the recipient time zone', () => {
	const cases: Array<{
		name: string;
		now: string;
		contact?: Partial<ContactStateInput>;
		config?: OutreachPolicyInput;
		decision: 'send' | 'defer';
		policy?: string;
		untilUtc?: string;
		untilLocal?: string;
	}> = [
		{ name: 'Berlin Tue 10:00 → send', now: '2026-11-17T09:00:00Z', decision: 'send' },
		{ name: 'Berlin Tue 08:00 sharp → send (end of quiet hours)', now: '2026-11-17T07:00:00Z', decision: 'send' },
		{ name: 'Berlin Tue 19:59 → send', now: '2026-11-17T18:59:00Z', decision: 'send' },
		{
			name: 'Berlin Tue 20:00 → next morning 08:00',
			now: '2026-11-17T19:00:00Z',
			decision: 'defer',
			policy: 'quiet_hours',
			untilUtc: '2026-11-18T07:00:00Z',
			untilLocal: '2026-11-18T08:00:00+01:00',
		},
		{
			name: 'Berlin Wed 02:00 (after midnight) → same day 08:00',
			now: '2026-11-18T01:00:00Z',
			decision: 'defer',
			policy: 'quiet_hours',
			untilUtc: '2026-11-18T07:00:00Z',
		},
		{
			name: 'Berlin Wed 07:59 → 08:00',
			now: '2026-11-18T06:59:00Z',
			decision: 'defer',
			untilUtc: '2026-11-18T07:00:00Z',
		},
		{
			name: 'Berlin Fri 21:30 → Monday 08:00 (weekend skipped)',
			now: '2026-11-20T20:30:00Z',
			decision: 'defer',
			policy: 'quiet_hours',
			untilUtc: '2026-11-23T07:00:00Z',
			untilLocal: '2026-11-23T08:00:00+01:00',
		},
		{
			name: 'Berlin Sat 11:00 → weekday policy, Monday 08:00',
			now: '2026-11-21T10:00:00Z',
			decision: 'defer',
			policy: 'weekday',
			untilUtc: '2026-11-23T07:00:00Z',
		},
		{
			name: 'same instant is 04:00 Tue in New York (explicit tz) → 08:00 EST',
			now: '2026-11-17T09:00:00Z',
			contact: { timeZone: 'America/New_York' },
			decision: 'defer',
			untilUtc: '2026-11-17T13:00:00Z',
			untilLocal: '2026-11-17T08:00:00-05:00',
		},
		{
			name: 'US by country picks America/New_York',
			now: '2026-11-17T12:30:00Z',
			contact: { country: 'US' },
			decision: 'defer',
			untilUtc: '2026-11-17T13:00:00Z',
		},
		{
			name: 'explicit tz beats country (Los Angeles contact with country US)',
			now: '2026-11-17T14:00:00Z',
			contact: { country: 'United States', timeZone: 'America/Los_Angeles' },
			decision: 'defer',
			untilUtc: '2026-11-17T16:00:00Z',
			untilLocal: '2026-11-17T08:00:00-08:00',
		},
		{
			name: 'Tokyo Tue 18:00 → send',
			now: '2026-11-17T09:00:00Z',
			contact: { country: 'JP' },
			decision: 'send',
		},
		// DST: Europe/Berlin switches on the last Sunday of March (29 Mar 2026) and October (25 Oct 2026).
		{
			name: 'Berlin spring forward: Sat 22:00 CET → Sun 08:00 CEST = 06:00Z',
			now: '2026-03-28T21:00:00Z',
			config: everyDay,
			decision: 'defer',
			untilUtc: '2026-03-29T06:00:00Z',
			untilLocal: '2026-03-29T08:00:00+02:00',
		},
		{
			name: 'Berlin fall back: Sat 22:00 CEST → Sun 08:00 CET = 07:00Z',
			now: '2026-10-24T20:00:00Z',
			config: everyDay,
			decision: 'defer',
			untilUtc: '2026-10-25T07:00:00Z',
			untilLocal: '2026-10-25T08:00:00+01:00',
		},
		{
			name: 'Berlin fall back: 01:30 UTC is 02:30 CET on the second pass → 08:00 CET',
			now: '2026-10-25T01:30:00Z',
			config: everyDay,
			decision: 'defer',
			untilUtc: '2026-10-25T07:00:00Z',
		},
		{
			name: 'Berlin quiet end inside the spring gap (02:30 does not exist) → 03:30 CEST',
			now: '2026-03-28T22:00:00Z',
			config: { ...everyDay, quietHours: { start: '22:00', end: '02:30' } },
			decision: 'defer',
			untilUtc: '2026-03-29T01:30:00Z',
			untilLocal: '2026-03-29T03:30:00+02:00',
		},
		// America/New_York: 8 Mar 2026 (spring forward), 1 Nov 2026 (fall back).
		{
			name: 'New York spring forward: Sat 23:00 EST → Sun 08:00 EDT = 12:00Z',
			now: '2026-03-08T04:00:00Z',
			contact: { timeZone: 'America/New_York' },
			config: everyDay,
			decision: 'defer',
			untilUtc: '2026-03-08T12:00:00Z',
			untilLocal: '2026-03-08T08:00:00-04:00',
		},
		{
			name: 'New York fall back: Sat 23:00 EDT → Sun 08:00 EST = 13:00Z',
			now: '2026-11-01T03:00:00Z',
			contact: { timeZone: 'America/New_York' },
			config: everyDay,
			decision: 'defer',
			untilUtc: '2026-11-01T13:00:00Z',
			untilLocal: '2026-11-01T08:00:00-05:00',
		},
		{
			name: 'lunch-time quiet hours inside one day: 12:15 → 13:30',
			now: '2026-11-17T11:15:00Z',
			config: { ...policy, quietHours: { start: '12:00', end: '13:30' } },
			decision: 'defer',
			untilUtc: '2026-11-17T12:30:00Z',
		},
		{
			name: 'equal start and end means no quiet hours: 03:00 → send',
			now: '2026-11-17T02:00:00Z',
			config: { ...policy, quietHours: { start: '00:00', end: '00:00' } },
			decision: 'send',
		},
	];

	it.each(cases)('$name', (c) => {
		const d = decide(c.contact ?? {}, new Date(c.now), c.config ?? policy);
		expect(d.decision).toBe(c.decision);
		if (d.decision === 'defer') {
			if (c.policy) expect(d.policy).toBe(c.policy);
			if (c.untilUtc) expect(d.until.utc).toBe(c.untilUtc);
			if (c.untilLocal) expect(d.until.local).toBe(c.untilLocal);
			expect(d.reason).toMatch(/Deferred until/);
		}
	});

	it('says when a multi-zone country was guessed and when the default zone was used', () => {
		expect(decide({ country: 'USA' }).notes.join(' ')).toMatch(/US spans several time zones; using America\/New_York/);
		const unknown = decide({ country: 'Atlantis', timeZone: 'Mars/Olympus' });
		expect(unknown.notes).toEqual([
			'Time zone "Mars/Olympus" on the contact is not a known IANA zone; ignored.',
			'Country "Atlantis" has no time zone in the table.',
			'Using the default time zone UTC.',
		]);
	});
});

describe('frequency cap per contact and rolling window', () => {
	const log = (...ats: string[]) =>
		ats.map((at, i) => ({ at, channel: 'email' as const, key: `ltc-d${i}-email-00000000000${i}` }));
	const cases: Array<{
		name: string;
		sentLog: ReturnType<typeof log>;
		decision: 'send' | 'defer';
		policy?: string;
		untilUtc?: string;
		reason?: RegExp;
	}> = [
		{ name: 'one send in 72 h, cap 2 → send', sentLog: log('2026-11-16T09:00:00Z'), decision: 'send' },
		{
			name: 'two sends in 72 h → wait until the older one ages out (Wed 16:00 Berlin)',
			sentLog: log('2026-11-16T09:00:00Z', '2026-11-14T15:00:00Z'),
			decision: 'defer',
			policy: 'frequency_cap',
			untilUtc: '2026-11-17T15:00:00Z',
			reason: /2 message\(s\) already sent to this contact in the last 72 h; the cap is 2/,
		},
		{
			name: 'a send exactly 72 h ago is outside the window → send',
			sentLog: log('2026-11-16T09:00:00Z', '2026-11-14T09:00:00Z'),
			decision: 'send',
		},
		{
			name: 'cap release at Wed 22:00 Berlin falls in quiet hours → Thu 08:00',
			sentLog: log('2026-11-16T09:00:00Z', '2026-11-15T21:00:00Z'),
			decision: 'defer',
			policy: 'frequency_cap',
			untilUtc: '2026-11-19T07:00:00Z',
			reason: /cap is 2.*quiet hours 20:00-08:00/,
		},
		{
			name: 'three sends, cap 2 → wait for the second oldest',
			sentLog: log('2026-11-17T08:00:00Z', '2026-11-16T10:00:00Z', '2026-11-15T12:00:00Z'),
			decision: 'defer',
			untilUtc: '2026-11-19T10:00:00Z',
		},
		{
			name: 'sends logged after now (clock skew) are ignored',
			sentLog: log('2026-11-17T12:00:00Z', '2026-11-17T13:00:00Z'),
			decision: 'send',
		},
	];
	it.each(cases)('$name', (c) => {
		const d = decide({ sentLog: c.sentLog });
		expect(d.decision).toBe(c.decision);
		if (d.decision === 'defer') {
			if (c.policy) expect(d.policy).toBe(c.policy);
			expect(d.until.utc).toBe(c.untilUtc);
			if (c.reason) expect(d.reason).toMatch(c.reason);
		}
	});

	it('counts every channel against the same cap', () => {
		const mixed = [
			{ at: '2026-11-16T09:00:00Z', channel: 'sms' as const, key: 'ltc-d0-sms-aaaaaaaaaaaa' },
			{ at: '2026-11-16T10:00:00Z', channel: 'email' as const, key: 'ltc-d1-email-bbbbbbbbbbbb' },
		];
		expect(decide({ sentLog: mixed }).decision).toBe('defer');
	});
});

describe('properties', () => {
	const contactArb = fc.record({
		email: fc.option(fc.constant('buyer@example.org'), { nil: null }),
		phone: fc.option(fc.constant('+12125550123'), { nil: null }),
		country: fc.constantFrom('DE', 'US', 'Japan', 'Brazil', 'New Zealand', 'India', 'Atlantis'),
		dnc: fc.record({ email: fc.boolean(), sms: fc.boolean() }),
		unsubscribed: fc.boolean(),
		bounced: fc.boolean(),
		sentHoursAgo: fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 4 }),
	});
	const nowArb = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true });

	it('every decision is schema-valid, skips and defers say why, and a deferral is sendable when it comes', () => {
		fc.assert(
			fc.property(contactArb, nowArb, (c, now) => {
				const contact: ContactStateInput = {
					...c,
					sentLog: c.sentHoursAgo.map((h, i) => ({
						at: new Date(now.getTime() - h * 3_600_000).toISOString(),
						channel: 'email',
						key: `ltc-x${i}-email-000000000000`,
					})),
				};
				const d = decideOutreach(request, contact, policy, now);
				OutreachDecisionSchema.parse(d);
				if (d.decision === 'skip') expect(d.reason.length).toBeGreaterThan(10);
				if (d.decision === 'defer') {
					expect(d.reason.length).toBeGreaterThan(10);
					const until = new Date(d.until.utc);
					expect(until.getTime()).toBeGreaterThan(now.getTime());
					const later = decideOutreach(request, contact, policy, until);
					expect(later).toMatchObject({ decision: 'send', channel: d.channel });
				}
			}),
			{ numRuns: 300 },
		);
	});
});
