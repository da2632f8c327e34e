// Shapes the outreach policy decides on: the contact's consent and send history as read from the
// systems of record (Mautic contact + DNC list, ERPNext Lead `unsubscribed`), the message a workflow
// wants to send, the policy an operator configures, and the decision returned for every message.
// One zod schema per shape, so a node validates its input once and the types follow from the schemas.
import { z } from 'zod/v4';

/** Channels the outreach policy can send on (Mautic email and SMS, §5 of the Mautic reference). */
export const ChannelSchema = z.enum(['email', 'sms']);
export type Channel = z.infer<typeof ChannelSchema>;
export const CHANNELS: readonly Channel[] = ChannelSchema.options;

/** An instant with an explicit offset or `Z`, e.g. `2026-11-20T10:00:00Z`. */
const InstantSchema = z.iso.datetime({ offset: true });

const HhMmSchema = z
	.string()
	.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour local time HH:mm, e.g. 20:00');

export const SentLogEntrySchema = z.object({
	at: InstantSchema,
	channel: ChannelSchema,
	key: z.string().min(1),
});
export type SentLogEntry = z.infer<typeof SentLogEntrySchema>;

/**
 * What we know about the recipient. `dnc` mirrors Mautic's per-channel do-not-contact entries
 * (any reason: unsubscribed, bounced, manual); `unsubscribed` is ERPNext's Lead flag and blocks every
 * channel; `bounced` is a hard email bounce. `existingKeys` holds the idempotency keys already stored
 * in the system of record (Mautic contact tags, ERPNext Communication references).
 */
export const ContactStateSchema = z.object({
	email: z.string().trim().min(3).nullish(),
	phone: z.string().trim().min(3).nullish(),
	country: z.string().trim().min(2).nullish(),
	timeZone: z.string().trim().min(1).nullish(),
	dnc: z.object({ email: z.boolean().optional(), sms: z.boolean().optional() }).default({}),
	unsubscribed: z.boolean().default(false),
	/** Where the opt-out is recorded, named in the reason: "ERPNext" (the default) or "Frappe CRM". */
	consentSource: z.string().min(1).default('ERPNext'),
	bounced: z.boolean().default(false),
	sentLog: z.array(SentLogEntrySchema).default([]),
	existingKeys: z.array(z.string()).default([]),
});
export type ContactState = z.infer<typeof ContactStateSchema>;
export type ContactStateInput = z.input<typeof ContactStateSchema>;

/** One message a workflow wants to send: which lead, which sequence step, channels in preference order. */
export const OutreachRequestSchema = z.object({
	leadRef: z.string().trim().min(1),
	step: z.string().trim().min(1),
	channels: z.array(ChannelSchema).min(1),
	sequence: z.string().trim().min(1),
});
export type OutreachRequest = z.infer<typeof OutreachRequestSchema>;

/**
 * The operator's policy. Quiet hours are local to the recipient and may cross midnight (20:00-08:00);
 * equal start and end mean no quiet hours. Weekdays are ISO numbers (1 = Monday … 7 = Sunday).
 * The frequency cap counts every channel: at most `max` messages per contact in any `windowHours`.
 */
export const OutreachPolicySchema = z.object({
	quietHours: z
		.object({ start: HhMmSchema, end: HhMmSchema })
		.default({ start: '20:00', end: '08:00' }),
	allowedWeekdays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
	cap: z
		.object({ max: z.number().int().min(1), windowHours: z.number().positive() })
		.default({ max: 2, windowHours: 72 }),
	channelsEnabled: z.array(ChannelSchema).min(1).default(['email', 'sms']),
	defaultTimeZone: z.string().min(1).default('UTC'),
});
export type OutreachPolicy = z.infer<typeof OutreachPolicySchema>;
export type OutreachPolicyInput = z.input<typeof OutreachPolicySchema>;

export const SkipPolicySchema = z.enum([
	'already_sent',
	'unsubscribed',
	'do_not_contact',
	'no_eligible_channel',
]);
export type SkipPolicy = z.infer<typeof SkipPolicySchema>;

export const DeferPolicySchema = z.enum(['quiet_hours', 'weekday', 'frequency_cap']);
export type DeferPolicy = z.infer<typeof DeferPolicySchema>;

const TimeZoneSourceSchema = z.enum(['contact', 'country', 'default']);

const CommonDecisionFields = {
	/** Why the channel and time zone were chosen (fallbacks, guesses); empty when nothing was unusual. */
	notes: z.array(z.string()),
};

export const OutreachDecisionSchema = z.discriminatedUnion('decision', [
	z.object({
		decision: z.literal('send'),
		channel: ChannelSchema,
		idempotencyKey: z.string(),
		timeZone: z.string(),
		timeZoneSource: TimeZoneSourceSchema,
		/** The recipient's local time at `now`, ISO with offset. */
		localTime: z.string(),
		...CommonDecisionFields,
	}),
	z.object({
		decision: z.literal('defer'),
		channel: ChannelSchema,
		idempotencyKey: z.string(),
		policy: DeferPolicySchema,
		reason: z.string(),
		until: z.object({ utc: z.string(), local: z.string(), timeZone: z.string() }),
		timeZoneSource: TimeZoneSourceSchema,
		...CommonDecisionFields,
	}),
	z.object({
		decision: z.literal('skip'),
		policy: SkipPolicySchema,
		reason: z.string(),
		channel: ChannelSchema.optional(),
		idempotencyKey: z.string().optional(),
		...CommonDecisionFields,
	}),
]);
export type OutreachDecision = z.infer<typeof OutreachDecisionSchema>;
