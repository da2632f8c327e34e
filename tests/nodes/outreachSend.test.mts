// Outreach → Send in the real n8n engine against the Mautic and ERPNext contract servers, counting
// what reached Mautic: the template email with tokens and attachments, the idempotency tag and the
// ERPNext Communication; zero messages to DNC'd, unsubscribed or "Do Not Contact" leads; zero inside
// quiet hours or on weekends (deferred with the until-time); the frequency cap; zero duplicates when
// the same item comes twice or the same workflow runs twice (tag or Communication as the record); a
// dry run that yields exactly the messages a live run sends while sending nothing; fallback to SMS;
// hand-offs on their own output; per-item errors naming the field; reasons on every skip and deferral.
import type { INode, INodeExecutionData } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { sendMarker as idempotencyKey } from '../../core/markers';
import { CLAIM_STALE_MS, claimNonce, claimTag, pendingTag as pendingTagOf } from '../../nodes/Outreach/helpers/pendingSend';
import {
	LEADS,
	WED_MORNING,
	emailSend,
	emailsTo,
	eventsOf,
	outreachOf,
	outreachWorld,
	runOutreach,
	type OutreachWorld,
} from './support/outreachFixtures.mts';

let world: OutreachWorld;
beforeEach(async () => {
	world = await outreachWorld();
});
afterEach(async () => world.stop());

const out = async (items: Array<Record<string, unknown>>, params: INode['parameters'], extra = {}) => (await runOutreach(world, items, params, extra)).output('Outreach');

describe('Send: a Mautic template email through every policy', () => {
	it('sends with tokens and attachments, tags the contact with the key and logs a Communication on the Quotation', async () => {
		const [item] = await out([LEADS.ada], emailSend(world, { assetAttachments: '5, 7', subject: 'Quotation {{quote_number}}', useErpNext: true, options: { quoteRef: 'SAL-QTN-2026-00042' } }));
		const result = outreachOf(item);
		const key = idempotencyKey(LEADS.ada.name, 'd2', 'email');
		expect(result).toMatchObject({ status: 'sent', decision: 'send', channel: 'mauticEmail', idempotencyKey: key, leadRef: LEADS.ada.name, quoteRef: 'SAL-QTN-2026-00042' });
		expect(result.message).toMatchObject({ to: LEADS.ada.email_id, mauticEmailId: world.emailId, subject: 'Quotation SAL-QTN-2026-00042', assetAttachments: [5, 7] });
		expect(world.mautic.sent.emails).toHaveLength(1);
		expect(world.mautic.sent.emails[0]).toMatchObject({
			contactId: world.contacts.ada.id,
			tokens: { '{quote_number}': 'SAL-QTN-2026-00042', '{quote_total}': '€48,250.00' },
			assetAttachments: [5, 7],
		});
		expect(world.mautic.state.contact(world.contacts.ada.id)?.tags).toContain(key);
		const comms = world.erp.state.all('Communication');
		expect(comms).toHaveLength(1);
		expect(comms[0]).toMatchObject({ reference_doctype: 'Quotation', reference_name: 'SAL-QTN-2026-00042', communication_medium: 'Email', sent_or_received: 'Sent', recipients: LEADS.ada.email_id });
		expect(String(comms[0].content)).toContain(`[${key} via mauticEmail]`);
		// The input item is kept for a later loop back into the node, and pairing holds.
		expect(item.json.name).toBe(LEADS.ada.name);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(eventsOf(item)).toEqual([
			expect.objectContaining({ step: 'outreach', actor: 'system', decision: 'send', outcome: 'sent', channel: 'email', service: 'mautic', lead_ref: LEADS.ada.name, quote_ref: 'SAL-QTN-2026-00042' }),
		]);
	});

	it('sends nothing to a DNC contact, an unsubscribed lead or a "Do Not Contact" lead, and says why', async () => {
		const items = await out([LEADS.dnc, LEADS.unsubscribed, LEADS.doNotContact, LEADS.ada], emailSend(world, { useErpNext: true }));
		expect(world.mautic.sent.emails.map((e) => e.contactId)).toEqual([world.contacts.ada.id]);
		const [dnc, unsub, dnct] = items.map(outreachOf);
		expect(dnc).toMatchObject({ status: 'skipped', policy: 'do_not_contact' });
		expect(dnc.reason).toMatch(/do-not-contact/);
		expect(dnc.notes?.join(' ')).toMatch(/unsubscribed — Unsubscribed via email footer/);
		expect(unsub).toMatchObject({ status: 'skipped', policy: 'unsubscribed' });
		expect(unsub.reason).toMatch(/unsubscribed in ERPNext/);
		expect(dnct).toMatchObject({ status: 'skipped', policy: 'unsubscribed' });
		expect(dnct.notes?.join(' ')).toMatch(/Do Not Contact/);
		expect(world.mautic.state.contact(world.contacts.dnc.id)?.tags).toEqual([]);
		expect(eventsOf(items[0])[0]).toMatchObject({ decision: 'skip', outcome: 'do_not_contact' });
	});

	it('also refuses unsubscribed leads the item flags when ERPNext is not asked', async () => {
		const [item] = await out([{ ...LEADS.ada, unsubscribed: 1 }], emailSend(world, { options: { unsubscribed: '={{ $json.unsubscribed === 1 }}' } }));
		expect(outreachOf(item)).toMatchObject({ status: 'skipped', policy: 'unsubscribed' });
		expect(world.mautic.sent.emails).toHaveLength(0);
	});

	it('defers inside quiet hours in the recipient zone and on weekends, with the until-time and a reason', async () => {
		// 13:00 UTC is 22:00 in Tokyo; Saturday is no sending day in Berlin.
		const [tokyo] = await out([LEADS.tokyo], emailSend(world, { now: '2026-11-18T13:00:00Z' }));
		const [weekend] = await out([LEADS.ada], emailSend(world, { now: '2026-11-21T10:00:00Z' }));
		expect(world.mautic.sent.emails).toHaveLength(0);
		expect(outreachOf(tokyo)).toMatchObject({
			status: 'deferred',
			policy: 'quiet_hours',
			until: { utc: '2026-11-18T23:00:00Z', timeZone: 'Asia/Tokyo', local: '2026-11-19T08:00:00+09:00' },
		});
		expect(outreachOf(tokyo).reason).toMatch(/22:00 .*Asia\/Tokyo.*quiet hours 20:00-08:00.*Deferred until Thu 2026-11-19 08:00/);
		expect(outreachOf(weekend)).toMatchObject({ status: 'deferred', policy: 'weekday', until: { utc: '2026-11-23T07:00:00Z', timeZone: 'Europe/Berlin' } });
		expect(outreachOf(weekend).reason).toMatch(/Saturday/);
		// The deferred message is the one that will go out later.
		expect(outreachOf(tokyo).message).toMatchObject({ delivery: 'mauticEmail', to: LEADS.tokyo.email_id });
		expect(eventsOf(tokyo)[0]).toMatchObject({ decision: 'defer', outcome: 'quiet_hours' });
	});

	it('applies a custom policy: quiet hours, weekdays and a contact time zone', async () => {
		const policy = { quietHoursStart: '18:00', quietHoursEnd: '09:30', allowedWeekdays: [1, 2, 3, 4, 5, 6] };
		const [early] = await out([LEADS.ada], emailSend(world, { policy, now: WED_MORNING.replace('09:00', '07:00') }));
		expect(outreachOf(early)).toMatchObject({ status: 'deferred', policy: 'quiet_hours', until: { local: '2026-11-18T09:30:00+01:00' } });
		const [saturday] = await out([LEADS.ada], emailSend(world, { policy, now: '2026-11-21T10:00:00Z' }));
		expect(outreachOf(saturday).status).toBe('sent');
		const [zoned] = await out([LEADS.tokyo], emailSend(world, { step: 'd5', now: '2026-11-18T13:00:00Z', options: { timeZone: 'Europe/Lisbon' } }));
		expect(outreachOf(zoned)).toMatchObject({ status: 'sent', recipient: { timeZone: 'Europe/Lisbon', timeZoneSource: 'contact' } });
	});

	it('holds the frequency cap across steps, counting what Mautic already sent', async () => {
		// The Mautic server's clock is Friday 2026-11-20 10:00 UTC; decide two hours later.
		const now = '2026-11-20T12:00:00Z';
		const items = await out(
			['d0', 'd2', 'd5'].map((step) => ({ ...LEADS.ada, step })),
			emailSend(world, { step: '={{ $json.step }}', now }),
		);
		expect(items.map((i) => outreachOf(i).status)).toEqual(['sent', 'sent', 'deferred']);
		const capped = outreachOf(items[2]);
		expect(capped.policy).toBe('frequency_cap');
		expect(capped.reason).toMatch(/2 message\(s\) already sent to this contact in the last 72 h; the cap is 2/);
		expect(Date.parse(capped.until?.utc ?? '')).toBeGreaterThan(Date.parse(now) + 60 * 3_600_000);
		expect(emailsTo(world, world.contacts.ada)).toBe(2);
	});

	it('counts SMS and hand-offs toward the cap: across runs from the ERPNext log, within a run from the run itself', async () => {
		const at = { now: WED_MORNING, useErpNext: true };
		await out([LEADS.ada], emailSend(world, { ...at, channel: 'whatsapp', step: 'd0', message: 'Hallo Ada!' }));
		await out([LEADS.ada], emailSend(world, { ...at, channel: 'sms', step: 'd2', smsId: world.smsId }));
		const [third] = await out([LEADS.ada], emailSend(world, { ...at, step: 'd5' }));
		expect(outreachOf(third)).toMatchObject({ status: 'deferred', policy: 'frequency_cap', until: { utc: '2026-11-23T07:00:00Z' } });
		// Saturday is no sending day: the deferral satisfies both the cap and the weekdays.
		expect(outreachOf(third).reason).toMatch(/cap is 2.*Saturday.*Deferred until Mon 2026-11-23 08:00 Europe\/Berlin/);
		expect(world.mautic.sent.emails).toHaveLength(0);

		const batch = ['d0', 'd2', 'd5'].map((step) => ({ ...LEADS.tokyo, step }));
		const r = await runOutreach(world, batch, emailSend(world, { channel: 'whatsapp', step: '={{ $json.step }}', message: 'Hello Kenji', now: '2026-11-18T01:00:00Z' }));
		expect(r.output('Outreach', 1).map((i) => outreachOf(i).status)).toEqual(['handed_off', 'handed_off']);
		expect(r.output('Outreach', 0).map((i) => [outreachOf(i).status, outreachOf(i).policy, i.pairedItem])).toEqual([['deferred', 'frequency_cap', { item: 2 }]]);
	});

	it('never sends twice: the same item twice in one run, the same workflow run twice, and after a lost tag', async () => {
		const params = emailSend(world, { useErpNext: true });
		const first = await out([LEADS.ada, LEADS.ada], params);
		expect(first.map((i) => outreachOf(i).status)).toEqual(['sent', 'skipped']);
		expect(outreachOf(first[1])).toMatchObject({ policy: 'already_sent' });
		expect(outreachOf(first[1]).reason).toMatch(/Step "d2" of "quote-follow-up" was already sent to CRM-LEAD-2026-00001 by email/);
		const second = await out([LEADS.ada], params);
		expect(outreachOf(second[0])).toMatchObject({ status: 'skipped', policy: 'already_sent' });
		// Someone removes the tag in Mautic: the ERPNext Communication still records the send.
		const stored = world.mautic.state.contact(world.contacts.ada.id);
		if (stored) stored.tags = [];
		const third = await out([LEADS.ada], params);
		expect(outreachOf(third[0])).toMatchObject({ status: 'skipped', policy: 'already_sent' });
		expect(emailsTo(world, world.contacts.ada)).toBe(1);
		expect(world.erp.state.all('Communication')).toHaveLength(1);
		// A different step is a different message.
		const next = await out([LEADS.ada], { ...params, step: 'd5' });
		expect(outreachOf(next[0]).status).toBe('sent');
		expect(emailsTo(world, world.contacts.ada)).toBe(2);
	});

	it('skips a step already sent on another channel (one message per lead and step)', async () => {
		await out([LEADS.smsOnly], emailSend(world, { channel: 'sms', smsId: world.smsId }));
		expect(world.mautic.sent.sms).toHaveLength(1);
		const [again] = await out([LEADS.smsOnly], emailSend(world, { channel: 'whatsapp', message: 'Hej Sven, any questions on the quote?' }));
		expect(outreachOf(again)).toMatchObject({ status: 'skipped', policy: 'already_sent', channel: null, alreadySentOn: 'sms' });
	});
});

describe('Send: step from the follow-up schedule', () => {
	const schedule = (overrides = {}) =>
		emailSend(world, { stepMode: 'schedule', step: undefined, sequenceStart: '2026-11-16T09:30:00Z', scheduleDays: '0, 2, 5, 7, 14', ...overrides });

	it('sends the latest due step once, waits for the first, and ends at a reply', async () => {
		const [due] = await out([LEADS.ada], schedule({ now: '2026-11-18T10:00:00Z' }));
		expect(outreachOf(due)).toMatchObject({ status: 'sent', step: 'd2', idempotencyKey: idempotencyKey(LEADS.ada.name, 'd2', 'email') });
		expect(outreachOf(due).notes?.join(' ')).toMatch(/Step d2 .* due at 2026-11-18T10:30:00\+01:00 \(earlier steps d0 are not sent late\).*next step, d5, is due at 2026-11-21T10:30:00\+01:00/);
		const [again] = await out([LEADS.ada], schedule({ now: '2026-11-19T10:00:00Z' }));
		expect(outreachOf(again)).toMatchObject({ status: 'skipped', policy: 'already_sent', step: 'd2' });
		const [early] = await out([LEADS.tokyo], schedule({ now: '2026-11-15T10:00:00Z' }));
		expect(outreachOf(early)).toMatchObject({ status: 'deferred', policy: 'not_due', step: 'd0', until: { utc: '2026-11-16T09:30:00Z', timeZone: 'Asia/Tokyo', local: '2026-11-16T18:30:00+09:00' } });
		expect(outreachOf(early).reason).toMatch(/No step of the follow-up schedule is due yet; d0 is due at/);
		const [over] = await out([LEADS.tokyo], schedule({ now: '2026-11-25T03:00:00Z', repliedAt: '={{ ["2026-11-17T12:00:00+00:00"] }}' }));
		expect(outreachOf(over)).toMatchObject({ status: 'skipped', policy: 'replied' });
		expect(outreachOf(over).reason).toMatch(/The follow-up sequence is over: The recipient replied at 2026-11-17T12:00:00Z; 4 remaining step\(s\) cancelled\./);
		expect(eventsOf(over)[0]).toMatchObject({ decision: 'skip', outcome: 'replied' });
		expect(world.mautic.sent.emails).toHaveLength(1);
	});

	it('names a bad schedule parameter', async () => {
		const days = await runOutreach(world, [LEADS.ada], schedule({ scheduleDays: '0, 5, 2' }));
		expect(days.error('Outreach')?.message).toBe('Schedule Days must be increasing whole days after the start, e.g. "0, 2, 5, 7, 14", got "0, 5, 2"');
		const start = await runOutreach(world, [LEADS.ada], schedule({ sequenceStart: 'last monday' }));
		expect(start.error('Outreach')?.message).toMatch(/^Sequence Start must be a date-time .* got "last monday"/);
		// Read like every date parameter (nodes/shared/clock.ts), with a hint that fits a required start.
		expect((start.error('Outreach') as { description?: string })?.description).toMatch(/^Give when the sequence started.*workflow's time zone/);
		const empty = await runOutreach(world, [LEADS.ada], schedule({ sequenceStart: '={{ $json.quoteSentAt }}' }));
		expect(empty.error('Outreach')?.message).toBe('Sequence Start is empty: a follow-up schedule counts its days from it');
		const reply = await runOutreach(world, [LEADS.ada], schedule({ now: '2026-11-18T10:00:00Z', repliedAt: '2026-11-17T12:00:00Z, soon' }));
		expect(reply.error('Outreach')?.message).toMatch(/^Replied At must be a date-time .* got "soon"/);
	});
});

describe('Send: dry run', () => {
	const batch = [LEADS.ada, LEADS.dnc, LEADS.tokyo, LEADS.unsubscribed, LEADS.ada, { ...LEADS.smsOnly }];

	it('renders and decides exactly what a live run sends, and sends, tags and logs nothing', async () => {
		const params = emailSend(world, { channel: 'emailOrSms', smsId: world.smsId, useErpNext: true, now: '2026-11-18T12:00:00Z', message: 'Quote {{quote_number}}: {{quote_total}}' });
		const requestsBefore = world.mautic.requests.filter((r) => r.method !== 'GET').length;
		const dry = await out(batch, { ...params, dryRun: true });
		expect(world.mautic.sent.emails).toHaveLength(0);
		expect(world.mautic.sent.sms).toHaveLength(0);
		expect(world.mautic.requests.filter((r) => r.method !== 'GET')).toHaveLength(requestsBefore);
		expect(world.erp.writes()).toHaveLength(0);
		expect(world.mautic.state.contacts().flatMap((c) => c.tags)).toEqual([]);

		const live = await out(batch, params);
		const dryMessages = dry.filter((i) => outreachOf(i).status === 'would_send').map((i) => outreachOf(i).message);
		const liveMessages = live.filter((i) => outreachOf(i).status === 'sent').map((i) => outreachOf(i).message);
		expect(dryMessages).toEqual(liveMessages);
		expect(liveMessages.map((m) => m?.delivery)).toEqual(['mauticEmail', 'mauticSms']);
		expect(world.mautic.sent.emails.length + world.mautic.sent.sms.length).toBe(2);
		// Every item gets the same decision either way.
		expect(dry.map((i) => [outreachOf(i).decision, outreachOf(i).policy ?? null])).toEqual(live.map((i) => [outreachOf(i).decision, outreachOf(i).policy ?? null]));
		expect(dry.map((i) => outreachOf(i).status)).toEqual(['would_send', 'skipped', 'deferred', 'skipped', 'skipped', 'would_send']);
		// A simulation records no metric events; the live run records one per item.
		expect(dry.flatMap(eventsOf)).toEqual([]);
		expect(live.map((i) => eventsOf(i).length)).toEqual([1, 1, 1, 1, 1, 1]);
	});

	it('does not create a missing contact in a dry run; a live run does', async () => {
		const newcomer = { name: 'CRM-LEAD-2026-00099', email_id: 'neu@kunde-gmbh.de', country: 'Germany', first_name: 'Nora' };
		const [dry] = await out([newcomer], emailSend(world, { dryRun: true }));
		expect(outreachOf(dry).status).toBe('would_send');
		expect(outreachOf(dry).notes?.join(' ')).toMatch(/a live run creates it/);
		expect(world.mautic.state.contacts().some((c) => c.fields.email === newcomer.email_id)).toBe(false);
		const [live] = await out([newcomer], emailSend(world, { options: { firstName: '={{ $json.first_name }}', country: '={{ $json.country }}' } }));
		expect(outreachOf(live).status).toBe('sent');
		const created = world.mautic.state.contacts().find((c) => c.fields.email === newcomer.email_id);
		expect(created?.fields).toMatchObject({ firstname: 'Nora', country: 'Germany' });
	});
});

describe('Send: channels', () => {
	it('falls back from a bounced email to SMS and says so', async () => {
		const [item] = await out([LEADS.smsOnly], emailSend(world, { channel: 'emailOrSms', smsId: world.smsId }));
		expect(outreachOf(item)).toMatchObject({ status: 'sent', channel: 'mauticSms', message: { to: LEADS.smsOnly.mobile_no, mauticSmsId: world.smsId } });
		expect(outreachOf(item).notes?.join(' ')).toMatch(/Fell back from email to sms/);
		expect(world.mautic.sent.sms).toEqual([expect.objectContaining({ contactId: world.contacts.smsOnly.id, to: LEADS.smsOnly.mobile_no })]);
		expect(world.mautic.sent.emails).toHaveLength(0);
		expect(eventsOf(item)[0]).toMatchObject({ channel: 'sms', outcome: 'sent' });
	});

	it('hands WhatsApp messages to the second output with the rendered text, and keeps deferrals on the first', async () => {
		const params = emailSend(world, { channel: 'whatsapp', message: 'Hallo {{first_name}}, Ihr Angebot {{quote_number}} liegt bereit.', tokens: { token: [{ name: 'first_name', value: '={{ $json.lead_name.split(" ")[0] }}' }, { name: 'quote_number', value: 'SAL-QTN-2026-00042' }] }, useErpNext: true });
		const r = await runOutreach(world, [LEADS.ada, LEADS.tokyo], { ...params, now: '2026-11-18T13:00:00Z' });
		const [result, handoff] = [r.output('Outreach', 0), r.output('Outreach', 1)];
		expect(handoff).toHaveLength(1);
		expect(outreachOf(handoff[0])).toMatchObject({
			status: 'handed_off',
			channel: 'whatsapp',
			message: { to: LEADS.ada.mobile_no, text: 'Hallo Ada, Ihr Angebot SAL-QTN-2026-00042 liegt bereit.' },
		});
		expect(handoff[0].pairedItem).toEqual({ item: 0 });
		expect(result.map((i) => outreachOf(i).status)).toEqual(['deferred']);
		expect(result[0].pairedItem).toEqual({ item: 1 });
		expect(world.mautic.sent.emails).toHaveLength(0);
		const key = idempotencyKey(LEADS.ada.name, 'd2', 'sms');
		expect(world.mautic.state.contact(world.contacts.ada.id)?.tags).toContain(key);
		expect(world.erp.state.all('Communication')[0]).toMatchObject({ communication_medium: 'Chat', recipients: LEADS.ada.mobile_no });
		expect(eventsOf(handoff[0])[0]).toMatchObject({ decision: 'send', outcome: 'handed_off', channel: 'whatsapp', service: null });
		// Run again: nothing is handed off twice.
		const again = await runOutreach(world, [LEADS.ada], { ...params, now: '2026-11-18T13:00:00Z' });
		expect(again.output('Outreach', 1)).toHaveLength(0);
		expect(outreachOf(again.output('Outreach', 0)[0]).policy).toBe('already_sent');
	});

	it('routes Slack and n8n email hand-offs with their recipient and subject; Slack follows email consent', async () => {
		const slack = await runOutreach(world, [LEADS.ada, LEADS.dnc], emailSend(world, { channel: 'slack', slackRecipient: 'C0QUOTES42', message: 'Quote {{quote_number}} is out.' }));
		expect(slack.output('Outreach', 1).map((i) => outreachOf(i).message)).toEqual([expect.objectContaining({ delivery: 'slack', to: 'C0QUOTES42', text: 'Quote SAL-QTN-2026-00042 is out.' })]);
		expect(outreachOf(slack.output('Outreach', 0)[0])).toMatchObject({ status: 'skipped', policy: 'do_not_contact' });
		const mail = await runOutreach(world, [LEADS.tokyo], emailSend(world, { channel: 'n8nEmail', subject: 'Quotation {{quote_number}}', message: 'Dear Mr Mori, …', now: '2026-11-18T01:00:00Z' }));
		expect(outreachOf(mail.output('Outreach', 1)[0]).message).toMatchObject({ delivery: 'n8nEmail', to: LEADS.tokyo.email_id, subject: 'Quotation SAL-QTN-2026-00042' });
	});

	it('hands off without a Mautic credential when ERPNext logs the send, once across runs, and asks for Mautic where Mautic sends (issue 16)', async () => {
		const { leadToCloseMauticApi: _mautic, ...noMautic } = world.credentials();
		const before = world.mautic.requests.length;
		const params = emailSend(world, { channel: 'whatsapp', step: 'wa-nm', message: 'Hallo Ada, Ihr Angebot ist da.', useErpNext: true });
		const first = await runOutreach(world, [LEADS.ada], params, {}, noMautic);
		const [handed] = first.output('Outreach', 1);
		expect(outreachOf(handed)).toMatchObject({ status: 'handed_off', message: { delivery: 'whatsapp', text: 'Hallo Ada, Ihr Angebot ist da.' } });
		expect((outreachOf(handed) as unknown as { notes: string[] }).notes.join(' ')).toMatch(/^No Mautic credential: /);
		const second = await runOutreach(world, [LEADS.ada], params, {}, noMautic);
		expect(second.output('Outreach', 1)).toHaveLength(0);
		expect(outreachOf(second.output('Outreach', 0)[0])).toMatchObject({ status: 'skipped', policy: 'already_sent' });
		expect(world.mautic.requests.length).toBe(before);

		const live = await runOutreach(world, [LEADS.ada], emailSend(world, { useErpNext: true }), {}, noMautic);
		expect(live.error('Outreach')?.message).toBe(
			'Outreach (Message › Send) needs a "Lead-to-Close Mautic API" credential to send through Mautic (Dry Run works without it), and none is selected',
		);
		const handoffNoLog = await runOutreach(world, [LEADS.ada], { ...params, useErpNext: false }, {}, noMautic);
		expect(handoffNoLog.error('Outreach')?.message).toMatch(/needs a "Lead-to-Close Mautic API" credential to check do-not-contact and remember sends \(or turn on "Use ERPNext"/);
	});
});

describe('Send: errors and reasons', () => {
	it('fails an item whose Message names a missing token, naming it, and keeps the other items', async () => {
		const items = await out([LEADS.ada, { ...LEADS.tokyo, quote: 'Q-7' }], emailSend(world, { message: 'Angebot {{quote_numbr}}' }), { onError: 'continueRegularOutput' });
		expect(items).toHaveLength(2);
		for (const item of items) expect(item.json).toEqual({ error: 'Message: Template not rendered: no value for {{quote_numbr}}.' });
		expect(world.mautic.sent.emails).toHaveLength(0);
	});

	it('names the field and value of a bad parameter, per item', async () => {
		const items = await out([LEADS.ada, { ...LEADS.ada, email_id: 'not-an-email' }, { ...LEADS.tokyo, name: '' }], emailSend(world), { onError: 'continueRegularOutput' });
		expect(outreachOf(items[0]).status).toBe('sent');
		expect(items[1].json.error).toBe('Email "not-an-email" is not an email address');
		expect(items[2].json.error).toMatch(/^Lead Reference is empty/);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const badId = await runOutreach(world, [LEADS.ada], emailSend(world, { emailId: '={{ "abc" }}' }));
		expect(badId.error('Outreach')?.message).toBe('Mautic Email ID must be a positive whole number (the ID shown in Mautic), got "abc"');
		const badPolicy = await runOutreach(world, [LEADS.ada], emailSend(world, { policy: { quietHoursStart: '25:00' } }));
		expect(badPolicy.error('Outreach')?.message).toMatch(/Sending Policy is invalid: Quiet Hours Start: expected a 24-hour local time HH:mm.*"25:00"/);
		expect(world.mautic.sent.emails).toHaveLength(1);
	});

	it('stops before sending anything when an item is invalid and Continue On Fail is off', async () => {
		const r = await runOutreach(world, [LEADS.ada, { ...LEADS.ada, email_id: 'nope' }], emailSend(world));
		expect(r.error('Outreach')?.message).toMatch(/Email "nope"/);
		expect(world.mautic.sent.emails).toHaveLength(0);
	});

	it('reports a Mautic refusal without the password, and a lead ERPNext does not know', async () => {
		const wrong = await runOutreach(world, [LEADS.ada], emailSend(world), { onError: 'continueRegularOutput' }, world.credentials({ mauticPassword: 'Wr0ng-Passw0rd-77' }));
		const error = String(wrong.output('Outreach')[0].json.error);
		expect(error).toMatch(/Mautic 401/);
		expect(JSON.stringify(wrong.output('Outreach')[0].json)).not.toContain('Wr0ng-Passw0rd-77');
		const [unknown] = await out([{ ...LEADS.ada, name: 'CRM-LEAD-2026-09999' }], emailSend(world, { useErpNext: true }), { onError: 'continueRegularOutput' });
		expect(unknown.json.error).toMatch(/ERPNext has no Lead "CRM-LEAD-2026-09999"/);
		expect(world.mautic.sent.emails).toHaveLength(0);
	});

	it('reports a sent message whose tag could not be written as sent, with a warning', async () => {
		world.mautic.fault({ kind: 'errors-200', method: 'PATCH', times: 3 });
		const [item] = await out([LEADS.ada], emailSend(world, { useErpNext: true }));
		expect(outreachOf(item).status).toBe('sent');
		expect(outreachOf(item).warnings?.join(' ')).toMatch(/idempotency tag .* could not be added .* The ERPNext Communication still records it/);
		// Mautic refused every tag write: the pending mark before the send and the tag after it.
		expect(outreachOf(item).warnings?.join(' ')).toMatch(/could not be marked pending on Mautic contact \d+ first/);
		expect(eventsOf(item)).toEqual([
			expect.objectContaining({ decision: 'send', outcome: 'sent', error: null }),
			expect.objectContaining({ decision: null, outcome: 'error', service: 'mautic', error: expect.stringMatching(/pending mark for ltc-d2-email-\w+ not written/) }),
			expect.objectContaining({ decision: null, outcome: 'error', service: 'mautic', error: expect.stringMatching(/idempotency tag ltc-d2-email-\w+ not written/) }),
		]);
		const [again] = await out([LEADS.ada], emailSend(world, { useErpNext: true }));
		expect(outreachOf(again).policy).toBe('already_sent');
		expect(emailsTo(world, world.contacts.ada)).toBe(1);
	});

	it('fails the item when Mautic refuses the send, on the error output when that is on, and tags nothing', async () => {
		const r = await runOutreach(world, [LEADS.tokyo, LEADS.ada], emailSend(world, { emailId: '={{ $json.name.endsWith("1") ? 999 : ' + world.emailId + ' }}' }), { onError: 'continueErrorOutput' });
		const [ok, failed] = [r.output('Outreach', 0), r.output('Outreach', 1)];
		expect(ok.map((i) => outreachOf(i).leadRef)).toEqual([LEADS.tokyo.name]);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toMatch(/Mautic 404.*Item was not found.*\/api\/emails\/999\/contact/);
		expect(failed[0].pairedItem).toEqual({ item: 1 });
		expect(world.mautic.state.contact(world.contacts.ada.id)?.tags).toEqual([]);
	});

	it('gives every skipped or deferred item a human-readable reason', async () => {
		const leads = Object.values(LEADS);
		const mixes: Array<INode['parameters']> = [
			emailSend(world, { useErpNext: true }),
			emailSend(world, { useErpNext: true, now: '2026-11-18T21:30:00Z' }),
			emailSend(world, { useErpNext: true, now: '2026-11-22T12:00:00Z' }),
			emailSend(world, { channel: 'sms', smsId: world.smsId, useErpNext: true }),
		];
		const all: INodeExecutionData[] = [];
		for (const params of mixes) all.push(...(await out([...leads, ...leads], params)));
		const held = all.map(outreachOf).filter((r) => r.status === 'skipped' || r.status === 'deferred');
		expect(held.length).toBeGreaterThan(20);
		for (const r of held) {
			expect(r.reason).toMatch(/^[A-Z0-9].{20,}[.)]$/);
			expect(r.policy).toBeTruthy();
			if (r.status === 'deferred') expect(r.until?.utc).toMatch(/^2026-11-\d\dT\d\d:\d\d:\d\dZ$/);
		}
	});
});

describe('Send: the pending mark of a send whose answer was lost', () => {
	// The mark holds the newest email_stats id of this email and contact before the send; only a newer
	// row proves the marked send arrived (the lost-answer runs themselves are in tests/reliability/faults).
	const keyD2 = () => idempotencyKey(LEADS.ada.name, 'd2', 'email');
	const statIds = () => world.mautic.state.statsRows('email_stats').filter((r) => r.lead_id === world.contacts.ada.id).map((r) => Number(r.id));
	const markAda = (mark: number) => {
		const stored = world.mautic.state.contact(world.contacts.ada.id);
		if (stored) stored.tags = [pendingTagOf(keyD2(), mark)];
	};

	it('is not fooled by an earlier send of the same template (another step): no newer row → sends once, then the tag replaces the mark', async () => {
		expect(outreachOf((await out([LEADS.ada], emailSend(world, { step: 'd0' })))[0]).status).toBe('sent');
		markAda(Math.max(...statIds()));
		const [item] = await out([LEADS.ada], emailSend(world));
		expect(outreachOf(item).status).toBe('sent');
		expect(outreachOf(item).notes?.join(' ')).toMatch(/did not arrive and is sent now/);
		expect(emailsTo(world, world.contacts.ada)).toBe(2);
		expect(world.mautic.state.contact(world.contacts.ada.id)?.tags).toEqual(expect.arrayContaining([keyD2()]));
		expect(world.mautic.state.contact(world.contacts.ada.id)?.tags.filter((t) => t.includes('-pending-'))).toEqual([]);
	});

	it('a newer row means the marked send arrived: a dry run says it would skip and writes nothing; a live run skips and records it', async () => {
		expect(outreachOf((await out([LEADS.ada], emailSend(world, { step: 'd0' })))[0]).status).toBe('sent');
		markAda(Math.max(...statIds()) - 1);
		const writes = () => world.mautic.requests.filter((r) => r.method !== 'GET').length;
		const before = writes();
		const [dry] = await out([LEADS.ada], emailSend(world, { dryRun: true }));
		expect(outreachOf(dry)).toMatchObject({ status: 'skipped', policy: 'already_sent' });
		expect(eventsOf(dry)).toEqual([]);
		expect(writes()).toBe(before);
		const [live] = await out([LEADS.ada], emailSend(world, { useErpNext: true }));
		expect(outreachOf(live)).toMatchObject({ status: 'skipped', policy: 'already_sent', decision: 'skip' });
		expect(eventsOf(live)).toEqual([expect.objectContaining({ decision: 'skip', outcome: 'already_sent' })]);
		expect(world.mautic.state.contact(world.contacts.ada.id)?.tags).toEqual([keyD2()]);
		expect(world.erp.state.all('Communication')).toHaveLength(1);
		expect(emailsTo(world, world.contacts.ada)).toBe(1);
	});

	it('a send Mautic refused takes its mark off again (nothing can have arrived)', async () => {
		const [item] = await out([LEADS.ada], emailSend(world, { emailId: 999 }), { onError: 'continueRegularOutput' });
		expect(String(item.json.error)).toMatch(/Mautic 404/);
		expect(world.mautic.state.contact(world.contacts.ada.id)?.tags).toEqual([]);
	});
});

describe('Send: the same step from concurrent runs (issue 14, H3)', () => {
	// Each runOutreach is its own n8n execution (no shared memory but the contract servers), like the
	// same lead on two queue workers or a retried webhook; Mautic answers after 40 ms, so every run
	// reads "not sent" before any of them has sent. Before the claim: 3 runs → 3 emails.
	it('three runs of one lead at once send one email; the others say another run sent or is sending it', async () => {
		world.mautic.setDelay(40);
		const runs = await Promise.all([0, 1, 2].map(async () => (await out([LEADS.ada], emailSend(world)))[0]));
		world.mautic.setDelay(0);
		expect(emailsTo(world, world.contacts.ada)).toBe(1);
		const results = runs.map(outreachOf);
		expect(results.filter((r) => r.status === 'sent')).toHaveLength(1);
		for (const r of results.filter((x) => x.status !== 'sent')) {
			expect(r).toMatchObject({ status: 'skipped', decision: 'skip' });
			expect(['already_sent', 'send_pending']).toContain(r.policy);
		}
		const key = idempotencyKey(LEADS.ada.name, 'd2', 'email');
		expect(world.mautic.state.contact(world.contacts.ada.id)?.tags).toEqual([key]);
		const again = outreachOf((await out([LEADS.ada], emailSend(world)))[0]);
		expect(again).toMatchObject({ status: 'skipped', policy: 'already_sent' });
		expect(emailsTo(world, world.contacts.ada)).toBe(1);
	});

	it('a claim left by a run that stopped before sending holds the step as pending (visible, nothing sent, nothing written)', async () => {
		const key = idempotencyKey(LEADS.ada.name, 'd2', 'email');
		const stored = world.mautic.state.contact(world.contacts.ada.id);
		const claim = claimTag(key, 0, claimNonce(Date.now()));
		if (stored) stored.tags = [claim];
		const writes = () => world.mautic.requests.filter((r) => r.method !== 'GET').length;
		const before = writes();
		const [item] = await out([LEADS.ada], emailSend(world));
		expect(outreachOf(item)).toMatchObject({ status: 'skipped', decision: 'skip', policy: 'send_pending' });
		expect(outreachOf(item).reason).toContain(`tag ${claim} on Mautic contact ${world.contacts.ada.id}`);
		expect(outreachOf(item).reason).toMatch(/remove that tag from the contact and run again/);
		expect(eventsOf(item)).toEqual([expect.objectContaining({ decision: 'skip', outcome: 'send_pending' })]);
		expect(emailsTo(world, world.contacts.ada)).toBe(0);
		expect(writes()).toBe(before);
		// Once a person takes the claim off, the step is sent.
		if (stored) stored.tags = [];
		expect(outreachOf((await out([LEADS.ada], emailSend(world)))[0]).status).toBe('sent');
		expect(emailsTo(world, world.contacts.ada)).toBe(1);
	});

	it('a claim older than any live send (its run was killed) is settled by the stats: no send after it → sent once, with a note', async () => {
		const key = idempotencyKey(LEADS.ada.name, 'd2', 'email');
		const stored = world.mautic.state.contact(world.contacts.ada.id);
		const claim = claimTag(key, 0, claimNonce(Date.now() - CLAIM_STALE_MS - 5_000));
		if (stored) stored.tags = [claim];
		const [item] = await out([LEADS.ada], emailSend(world));
		expect(outreachOf(item).status).toBe('sent');
		expect(outreachOf(item).notes?.join(' ')).toContain(`An earlier run claimed this send (tag ${claim}`);
		expect(emailsTo(world, world.contacts.ada)).toBe(1);
		expect(world.mautic.state.contact(world.contacts.ada.id)?.tags).toEqual([key]);
	});
});

describe('Send: many items', () => {
	it('sends 300 items for 150 contacts (each step once) with one metric event each', async () => {
		const leads = Array.from({ length: 150 }, (_, i) => {
			const email = `buyer${i}@plant${i}.de`;
			world.mautic.state.seedContact({ email, country: 'Germany' }, i % 10 === 0 ? { dnc: [{ channel: 'email', reason: 1 }] } : {});
			return { name: `L-${i}`, email_id: email, country: 'Germany' };
		});
		const items = await out([...leads, ...leads], emailSend(world));
		expect(items).toHaveLength(300);
		expect(items.every((item, i) => (item.pairedItem as { item: number }).item === i && eventsOf(item).length === 1)).toBe(true);
		expect(world.mautic.sent.emails).toHaveLength(135);
		expect(new Set(world.mautic.sent.emails.map((e) => e.contactId)).size).toBe(135);
		expect(world.mautic.sent.emails.filter((e) => e.ignoredDnc)).toEqual([]);
		const statuses = items.map((i) => outreachOf(i).status);
		expect(statuses.filter((s) => s === 'sent')).toHaveLength(135);
		expect(statuses.filter((s) => s === 'skipped')).toHaveLength(165);
	});
});
