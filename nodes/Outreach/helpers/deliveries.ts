// The ways a Send can deliver a message, and how each maps onto the outreach policy (core/outreach).
// Mautic email and SMS are sent through the Mautic connector; WhatsApp, Slack, Twilio SMS and n8n
// email are handed off to n8n's own nodes on a second output. The core knows two consent bases,
// `email` and `sms`: a hand-off is decided on the basis whose address and do-not-contact entry it
// shares (a phone number → sms; a mailbox → email). Mautic keeps no Slack do-not-contact list, so the
// email entry stands in for Slack: a lead who refused our email is not messaged on Slack either. The
// idempotency key is per (lead, step, basis), so one step goes out once whichever channel carries it.
import type { Channel } from '../../../core/outreach';

export const DELIVERIES = [
	'mauticEmail',
	'mauticSms',
	'whatsapp',
	'slack',
	'twilio',
	'n8nEmail',
] as const;
export type Delivery = (typeof DELIVERIES)[number];

export interface DeliverySpec {
	/** The consent/address basis the core decides on. */
	basis: Channel;
	/** True when n8n's own node delivers the message (second output). */
	handoff: boolean;
	label: string;
	/** ERPNext Communication medium. */
	medium: 'Email' | 'SMS' | 'Chat';
	/** `channel` of the metric event. */
	metricChannel: string;
}

export const DELIVERY: Record<Delivery, DeliverySpec> = {
	mauticEmail: {
		basis: 'email',
		handoff: false,
		label: 'Mautic email',
		medium: 'Email',
		metricChannel: 'email',
	},
	mauticSms: {
		basis: 'sms',
		handoff: false,
		label: 'Mautic SMS',
		medium: 'SMS',
		metricChannel: 'sms',
	},
	whatsapp: {
		basis: 'sms',
		handoff: true,
		label: 'WhatsApp',
		medium: 'Chat',
		metricChannel: 'whatsapp',
	},
	slack: { basis: 'email', handoff: true, label: 'Slack', medium: 'Chat', metricChannel: 'slack' },
	twilio: { basis: 'sms', handoff: true, label: 'Twilio SMS', medium: 'SMS', metricChannel: 'sms' },
	n8nEmail: {
		basis: 'email',
		handoff: true,
		label: 'Email (n8n)',
		medium: 'Email',
		metricChannel: 'email',
	},
};

/** The Send operation's Channel parameter. */
export const SEND_CHANNELS = [
	'email',
	'sms',
	'emailOrSms',
	'whatsapp',
	'slack',
	'twilio',
	'n8nEmail',
] as const;
export type SendChannel = (typeof SEND_CHANNELS)[number];

/** Deliveries in preference order for a Channel choice. */
export function deliveriesOf(channel: SendChannel): Delivery[] {
	switch (channel) {
		case 'email':
			return ['mauticEmail'];
		case 'sms':
			return ['mauticSms'];
		case 'emailOrSms':
			return ['mauticEmail', 'mauticSms'];
		default:
			return [channel];
	}
}

export function isHandoffChannel(channel: SendChannel): boolean {
	return deliveriesOf(channel).some((d) => DELIVERY[d].handoff);
}

/** Hand-off output names (also used by the node's dynamic outputs). */
export const HANDOFF_OUTPUT_NAMES: Record<string, string> = {
	whatsapp: 'WhatsApp Hand-Off',
	slack: 'Slack Hand-Off',
	twilio: 'Twilio SMS Hand-Off',
	n8nEmail: 'Email Hand-Off',
};
