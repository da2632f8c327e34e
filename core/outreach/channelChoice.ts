// Which channel a message goes out on, and whether the contact may be contacted at all. Consent comes
// from both systems of record: ERPNext's Lead `unsubscribed` blocks every channel; Mautic's
// do-not-contact list blocks one channel. Mautic's single-contact email send ignores DNC
// (`ignoreDNC => true` in 5.x), so this check is the only thing standing between a DNC'd contact and a
// transactional send; it runs before every send. Channels are tried in the request's preference order,
// falling back when one is disabled, has no address (no email, no phone for SMS), bounced or is DNC'd.
import type { Channel, ContactState } from './schemas';

export type ChannelRejection = 'disabled' | 'no_address' | 'bounced' | 'do_not_contact';

export interface ChannelChoice {
	channel: Channel | undefined;
	rejected: Array<{ channel: Channel; why: ChannelRejection; reason: string }>;
}

function rejectionOf(
	channel: Channel,
	contact: ContactState,
	enabled: readonly Channel[],
): { why: ChannelRejection; reason: string } | undefined {
	if (!enabled.includes(channel)) {
		return { why: 'disabled', reason: `${channel} is not enabled in the outreach policy` };
	}
	if (channel === 'email') {
		if (!contact.email) return { why: 'no_address', reason: 'the contact has no email address' };
		if (contact.dnc.email)
			return { why: 'do_not_contact', reason: 'email is on the Mautic do-not-contact list' };
		if (contact.bounced) return { why: 'bounced', reason: 'email to this address bounced' };
		return undefined;
	}
	if (!contact.phone)
		return { why: 'no_address', reason: 'the contact has no mobile or phone number for SMS' };
	if (contact.dnc.sms)
		return { why: 'do_not_contact', reason: 'SMS is on the Mautic do-not-contact list' };
	return undefined;
}

/** The first usable channel in `preference`, with the reason each earlier one was passed over. */
export function chooseChannel(
	preference: readonly Channel[],
	contact: ContactState,
	enabled: readonly Channel[],
): ChannelChoice {
	const rejected: ChannelChoice['rejected'] = [];
	const seen = new Set<Channel>();
	for (const channel of preference) {
		if (seen.has(channel)) continue;
		seen.add(channel);
		const rejection = rejectionOf(channel, contact, enabled);
		if (!rejection) return { channel, rejected };
		rejected.push({ channel, ...rejection });
	}
	return { channel: undefined, rejected };
}
