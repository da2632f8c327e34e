// The Mautic 5.x response shapes the connector relies on (mautic.md §1-7), one zod schema each, read
// tolerantly where PHP's JSON is loose: ids and totals may be strings, lists may be arrays or objects
// keyed by id (`{}` when empty), and a contact's values live in `fields.all`. Parsed contacts come out
// in one flat, typed shape so nodes never dig through the serializer groups.
import { z } from 'zod/v4';

import { MauticDateSchema, rowInstants } from './dates';

/** Ids arrive as numbers, sometimes as numeric strings. */
export const IdSchema = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

/** `total` "may arrive as a string" (§2). */
export const CountSchema = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

/** A list that PHP serialised as an array, or as an object keyed by id (`{}` when empty). */
export function keyedList<T>(item: z.ZodType<T>) {
	return z
		.union([z.array(item), z.record(z.string(), item)])
		.transform((value): T[] => (Array.isArray(value) ? value : Object.values(value)));
}

/** PHP serialises an empty associative array as `[]`; read it as an empty object. */
const FieldValuesSchema = z
	.union([z.record(z.string(), z.unknown()), z.array(z.unknown()).length(0)])
	.transform((value): Record<string, unknown> => (Array.isArray(value) ? {} : value));

/** Channels with a do-not-contact list (§4). `notification` (web push) is (unconfirmed) and unused here. */
export const MauticChannelSchema = z.enum(['email', 'sms']);
export type MauticChannel = z.infer<typeof MauticChannelSchema>;

/** 1 UNSUBSCRIBED, 2 BOUNCED, 3 MANUAL (the default). 0 (contactable) is refused by Mautic on add. */
export const DncReasonSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type DncReason = z.infer<typeof DncReasonSchema>;

export const DNC_REASONS = { contactable: 0, unsubscribed: 1, bounced: 2, manual: 3 } as const;

export const DncEntrySchema = z
	.looseObject({
		channel: z.string(),
		reason: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
		comments: z.string().nullish(),
		channelId: IdSchema.nullish(),
		dateAdded: MauticDateSchema,
	})
	.transform((entry) => ({
		channel: entry.channel,
		reason: entry.reason,
		comments: entry.comments ?? null,
		channelId: entry.channelId ?? null,
		/** An instant, ISO 8601 UTC (connectors/mautic/dates.ts). */
		dateAdded: entry.dateAdded,
	}));
export type DncEntry = z.infer<typeof DncEntrySchema>;

const TagSchema = z.union([z.looseObject({ tag: z.string() }).transform((t) => t.tag), z.string()]);

const NamedRefSchema = z
	.looseObject({ id: IdSchema, name: z.string().nullish() })
	.transform((ref) => ({ id: ref.id, name: ref.name ?? null }));

const OwnerSchema = z.looseObject({ id: IdSchema }).transform((owner) => owner.id);

/** A contact as GET/POST/PATCH return it (§3), flattened. */
export const ContactSchema = z
	.looseObject({
		id: IdSchema,
		points: z
			.union([
				z.number(),
				z
					.string()
					.regex(/^-?\d+$/)
					.transform(Number),
			])
			.nullish(),
		fields: z
			.looseObject({ all: FieldValuesSchema.optional() })
			.or(z.array(z.unknown()).length(0))
			.optional(),
		tags: keyedList(TagSchema).optional(),
		doNotContact: keyedList(DncEntrySchema).optional(),
		owner: OwnerSchema.nullish(),
		stage: NamedRefSchema.nullish(),
		dateAdded: MauticDateSchema,
		dateModified: MauticDateSchema,
		lastActive: MauticDateSchema,
	})
	.transform((raw) => {
		const all = raw.fields && !Array.isArray(raw.fields) ? (raw.fields.all ?? {}) : {};
		const email = typeof all.email === 'string' && all.email !== '' ? all.email : null;
		return {
			id: raw.id,
			email,
			/** Every field by alias, as `fields.all` holds it (read values from here, §3). */
			fields: all,
			tags: raw.tags ?? [],
			points: raw.points ?? 0,
			doNotContact: raw.doNotContact ?? [],
			ownerId: raw.owner ?? null,
			stage: raw.stage ?? null,
			/** Instants, ISO 8601 UTC (connectors/mautic/dates.ts). */
			dateAdded: raw.dateAdded,
			dateModified: raw.dateModified,
			lastActive: raw.lastActive,
		};
	});
export type MauticContact = z.infer<typeof ContactSchema>;

export const ContactEnvelopeSchema = z.object({ contact: ContactSchema });

export const DncRemoveSchema = z.object({
	recordFound: z.boolean().optional(),
	contact: ContactSchema,
});

/** `{"success":1}` / `{"success":true}` acknowledgements. */
export const SuccessSchema = z.looseObject({
	success: z.union([z.boolean(), z.number(), z.string()]).optional(),
});

/**
 * GET /api/users/self. With a client_credentials token Mautic answers a pseudo user without an id
 * (mautic/mautic 5.1.0 AuthenticationListener::assignRoleFromToken: `new User()` named after the API
 * client, with the client's role), so `id` is null there.
 */
export const UserSchema = z
	.looseObject({
		id: IdSchema.nullish(),
		username: z.string().nullish(),
		email: z.string().nullish(),
		firstName: z.string().nullish(),
		lastName: z.string().nullish(),
		role: z.looseObject({ id: IdSchema.nullish(), name: z.string().nullish() }).nullish(),
	})
	.transform((user) => ({
		...user,
		id: user.id ?? null,
		username: user.username ?? null,
		/** True for the pseudo user of a client_credentials token (no Mautic user behind it). */
		isApiClient: user.id === undefined || user.id === null,
	}));
export type MauticUser = z.infer<typeof UserSchema>;

/** An email as GET /api/emails/{id} returns it; the counters are the per-email stats (§7). */
export const EmailSchema = z
	.looseObject({
		id: IdSchema,
		name: z.string().nullish(),
		subject: z.string().nullish(),
		emailType: z.string().nullish(),
		isPublished: z.boolean().nullish(),
		sentCount: CountSchema.nullish(),
		readCount: CountSchema.nullish(),
		variantSentCount: CountSchema.nullish(),
		variantReadCount: CountSchema.nullish(),
	})
	.transform((email) => ({
		id: email.id,
		name: email.name ?? null,
		subject: email.subject ?? null,
		emailType: email.emailType ?? null,
		isPublished: email.isPublished ?? null,
		sentCount: email.sentCount ?? 0,
		readCount: email.readCount ?? 0,
		variantSentCount: email.variantSentCount ?? 0,
		variantReadCount: email.variantReadCount ?? 0,
	}));
export type MauticEmail = z.infer<typeof EmailSchema>;

/**
 * One row of GET /api/emails, /api/smses, /api/campaigns or /api/segments read with `minimal=1`: the
 * entity's list serializer group (Email/Sms/Campaign/LeadList::loadApiMetadata addListProperties: id,
 * name and, per entity, subject, alias, description) plus FormEntity's publishDetails list group
 * (isPublished, dateAdded, dateModified); mautic/mautic 5.x commit 24271492a838.
 */
export const CatalogEntrySchema = z
	.looseObject({
		id: IdSchema,
		name: z.string().nullish(),
		isPublished: z.union([z.boolean(), z.number()]).nullish(),
		subject: z.string().nullish(),
		alias: z.string().nullish(),
	})
	.transform((entry) => ({
		id: entry.id,
		name: entry.name ?? '',
		isPublished:
			entry.isPublished === undefined || entry.isPublished === null
				? null
				: entry.isPublished === true || entry.isPublished === 1,
		/** An email's subject, null for the other lists. */
		subject: entry.subject ?? null,
		/** A segment's alias (what `segment:` searches use), null for the other lists. */
		alias: entry.alias ?? null,
	}));
export type MauticCatalogEntry = z.infer<typeof CatalogEntrySchema>;

export const CampaignEventSchema = z.looseObject({
	id: z.union([IdSchema, z.string()]),
	name: z.string().nullish(),
	type: z.string(),
	eventType: z.string().nullish(),
	properties: z.unknown().optional(),
	triggerMode: z.string().nullish(),
	triggerInterval: z.union([z.number(), z.string()]).nullish(),
	triggerIntervalUnit: z.string().nullish(),
	parent: z.unknown().optional(),
});

const SourceRefSchema = z.looseObject({ id: IdSchema });

/** `canvasSettings` as CampaignModel::setCanvasSettings stores it (node and connection ids are strings). */
export const CanvasSettingsSchema = z.looseObject({
	nodes: z
		.array(z.looseObject({ id: z.union([z.string(), z.number()]).transform(String) }))
		.optional(),
	connections: z
		.array(
			z.looseObject({
				sourceId: z.union([z.string(), z.number()]).transform(String),
				targetId: z.union([z.string(), z.number()]).transform(String),
				anchors: z.unknown().optional(),
			}),
		)
		.optional(),
});

/**
 * A campaign as GET /api/campaigns/{id} returns it (Campaign::loadApiMetadata, group campaignDetails):
 * its events (soft-deleted ones included: they are the events missing from the canvas), its sources
 * (`lists` = segments, `forms`) and the builder's canvas.
 */
export const CampaignSchema = z
	.looseObject({
		id: IdSchema,
		name: z.string().nullish(),
		description: z.string().nullish(),
		isPublished: z.boolean().nullish(),
		allowRestart: z.boolean().nullish(),
		category: z.union([SourceRefSchema, IdSchema]).nullish(),
		events: keyedList(CampaignEventSchema).optional(),
		lists: keyedList(SourceRefSchema).optional(),
		forms: keyedList(SourceRefSchema).optional(),
		canvasSettings: z.union([CanvasSettingsSchema, z.array(z.unknown()).length(0)]).nullish(),
	})
	.transform((campaign) => ({
		...campaign,
		name: campaign.name ?? null,
		events: campaign.events ?? [],
		lists: campaign.lists ?? [],
		forms: campaign.forms ?? [],
		canvasSettings:
			campaign.canvasSettings && !Array.isArray(campaign.canvasSettings)
				? campaign.canvasSettings
				: null,
	}));
export type MauticCampaign = z.infer<typeof CampaignSchema>;

export const CampaignEnvelopeSchema = z.object({ campaign: CampaignSchema });

/** SMS send (§5): HTTP 200 either way; failure is `success:false` plus `errors`/`status`. */
export const SmsSendSchema = z.looseObject({
	success: z.union([z.boolean(), z.number()]),
	status: z.string().nullish(),
	result: z.unknown().optional(),
});

export const SegmentSendSchema = z.looseObject({
	success: z.union([z.boolean(), z.number()]).optional(),
	sentCount: CountSchema.optional(),
	failedRecipients: CountSchema.optional(),
});

/**
 * A row of a stats table (`email_stats`, `page_hits`, …); columns listed in §7. Its DATETIME columns
 * (`date_sent`, `date_read` …, UTC text) come out as instants, ISO 8601 UTC (connectors/mautic/dates.ts).
 */
export const StatRowSchema = z.record(z.string(), z.unknown()).transform(rowInstants);
export type StatRow = z.infer<typeof StatRowSchema>;

/** One timeline event of GET /api/contacts/{id}/activity (§7). */
export const ActivityEventSchema = z
	.looseObject({
		event: z.string(),
		eventId: z.union([z.string(), z.number()]).nullish(),
		eventLabel: z.unknown().optional(),
		eventType: z.string().nullish(),
		timestamp: MauticDateSchema,
		details: z.unknown().optional(),
	})
	.transform((event) => ({
		event: event.event,
		eventId: event.eventId === undefined || event.eventId === null ? null : String(event.eventId),
		eventType: event.eventType ?? null,
		/** When it happened: an instant, ISO 8601 UTC (connectors/mautic/dates.ts); null when Mautic gave none. */
		timestamp: event.timestamp,
		label:
			typeof event.eventLabel === 'string'
				? event.eventLabel
				: event.eventLabel &&
					  typeof event.eventLabel === 'object' &&
					  typeof (event.eventLabel as { label?: unknown }).label === 'string'
					? (event.eventLabel as { label: string }).label
					: null,
		details: event.details ?? null,
	}));
export type ActivityEvent = z.infer<typeof ActivityEventSchema>;

export const ActivityPageSchema = z.looseObject({
	events: keyedList(ActivityEventSchema),
	total: CountSchema.optional(),
	page: CountSchema.optional(),
	limit: CountSchema.optional(),
	maxPages: CountSchema.optional(),
});

/** OAuth2 token endpoint answer (the exact fields are (unconfirmed) in §1; these are the standard ones). */
export const TokenResponseSchema = z.looseObject({
	access_token: z.string().min(1),
	expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
	token_type: z.string().optional(),
});
