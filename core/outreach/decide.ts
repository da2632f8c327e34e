// The outreach decision for one message: send now, defer (until when, in UTC and the recipient's
// zone) or skip (which policy, and why). Checks run in this order, and the first that blocks decides:
//   1. idempotency: a key for this lead and step (any channel) already in the system of record → skip,
//      so a retried item is reported as "already sent" and a fallback channel never repeats a step;
//   2. consent: `unsubscribed` in the system of record (ERPNext or Frappe CRM) → skip every channel;
//   3. channel: the first preferred channel that is enabled, has an address, did not bounce and is not
//      on Mautic's DNC list (Mautic's single-contact send would ignore DNC, so we check it here);
//   4. timing: quiet hours and weekdays in the recipient's zone, then the frequency cap; when both
//      apply the deferral satisfies both.
// Pure: `now` is passed in; inputs are validated with the zod schemas (defaults applied).
import { DateTime } from 'luxon';

import { chooseChannel } from './channelChoice';
import { checkFrequencyCap } from './frequencyCap';
import { sendMarker } from '../markers';
import { checkSendWindow } from './quietHours';
import {
	CHANNELS,
	ContactStateSchema,
	OutreachPolicySchema,
	OutreachRequestSchema,
	type ContactStateInput,
	type DeferPolicy,
	type OutreachDecision,
	type OutreachPolicyInput,
	type OutreachRequest,
} from './schemas';
import { resolveTimeZone } from './timeZones';

const MAX_TIMING_ROUNDS = 16;

function isoOf(t: DateTime): string {
	return t.toISO({ suppressMilliseconds: true }) ?? t.toUTC().toString();
}

/** Decides what to do with one outreach message at `now`. */
export function decideOutreach(
	requestInput: OutreachRequest,
	contactInput: ContactStateInput,
	configInput: OutreachPolicyInput,
	now: Date,
): OutreachDecision {
	const request = OutreachRequestSchema.parse(requestInput);
	const contact = ContactStateSchema.parse(contactInput);
	const config = OutreachPolicySchema.parse(configInput);
	const notes: string[] = [];

	// 1. Idempotency across every channel of this step.
	const known = new Set<string>(contact.existingKeys);
	for (const entry of contact.sentLog) known.add(entry.key);
	for (const channel of CHANNELS) {
		const key = sendMarker(request.leadRef, request.step, channel);
		if (known.has(key)) {
			return {
				decision: 'skip',
				policy: 'already_sent',
				reason: `Step "${request.step}" of "${request.sequence}" was already sent to ${request.leadRef} by ${channel} (key ${key}).`,
				channel,
				idempotencyKey: key,
				notes,
			};
		}
	}

	// 2. An unsubscribe in the system of record blocks every channel.
	if (contact.unsubscribed) {
		return {
			decision: 'skip',
			policy: 'unsubscribed',
			reason: `${request.leadRef} is unsubscribed in ${contact.consentSource}; no channel may be used.`,
			notes,
		};
	}

	// 3. Channel choice with fallback.
	const choice = chooseChannel(request.channels, contact, config.channelsEnabled);
	if (!choice.channel) {
		const allDnc =
			choice.rejected.length > 0 && choice.rejected.every((r) => r.why === 'do_not_contact');
		const detail = choice.rejected.map((r) => `${r.channel}: ${r.reason}`).join('; ');
		return {
			decision: 'skip',
			policy: allDnc ? 'do_not_contact' : 'no_eligible_channel',
			reason: `No channel may be used for ${request.leadRef} (${detail}).`,
			notes,
		};
	}
	const channel = choice.channel;
	for (const r of choice.rejected) {
		notes.push(`Fell back from ${r.channel} to ${channel}: ${r.reason}.`);
	}
	const key = sendMarker(request.leadRef, request.step, channel);

	// 4. Timing in the recipient's zone.
	const zone = resolveTimeZone(contact, config.defaultTimeZone);
	notes.push(...zone.notes);
	const local = DateTime.fromJSDate(now, { zone: zone.timeZone });
	let t: DateTime<boolean> = local;
	const blocks: Array<{ policy: DeferPolicy; reason: string }> = [];
	const addBlock = (policy: DeferPolicy, reason: string) => {
		if (!blocks.some((b) => b.policy === policy)) blocks.push({ policy, reason });
	};
	for (let round = 0; round < MAX_TIMING_ROUNDS; round++) {
		const window = checkSendWindow(t, config);
		if (!window.allowed) {
			addBlock(window.policy, window.reason);
			t = window.until;
		}
		const cap = checkFrequencyCap(contact.sentLog, config.cap, t.toMillis());
		if (cap.allowed) break;
		addBlock('frequency_cap', cap.reason);
		t = DateTime.fromMillis(cap.untilMs, { zone: zone.timeZone });
	}

	if (blocks.length === 0) {
		return {
			decision: 'send',
			channel,
			idempotencyKey: key,
			timeZone: zone.timeZone,
			timeZoneSource: zone.source,
			localTime: isoOf(local),
			notes,
		};
	}
	const utc = t.toUTC();
	const when = `${t.toFormat('ccc yyyy-MM-dd HH:mm')} ${zone.timeZone} (${utc.toFormat('yyyy-MM-dd HH:mm')} UTC)`;
	return {
		decision: 'defer',
		channel,
		idempotencyKey: key,
		policy: blocks[0].policy,
		reason: `${blocks.map((b) => b.reason).join(' ')} Deferred until ${when}.`,
		until: { utc: isoOf(utc), local: isoOf(t), timeZone: zone.timeZone },
		timeZoneSource: zone.source,
		notes,
	};
}
