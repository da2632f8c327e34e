// Public surface of the Mautic connector.
export { MauticClient, MAUTIC_CREDENTIAL_TYPE } from './client';
export type { MauticAuth, MauticConnectOptions } from './client';
export { MAUTIC_BATCH_MAX, whereParams } from './api';
export type { MauticClientOptions, PageOptions, WhereClause, WhereExpr } from './api';
export type {
	BatchUpsertItem,
	ContactListOptions,
	DncAddOptions,
	PointsOperation,
	PointsOptions,
	UpsertResult,
} from './contactsApi';
export type { EmailSendOptions, SegmentEmailOptions, SmsSendResult } from './sendingApi';
export type { CampaignCopy } from './campaignsApi';
export { MAUTIC_CATALOGS } from './readsApi';
export type {
	CatalogOptions,
	CatalogPage,
	EmailStatsOptions,
	MauticCatalog,
	StatsOptions,
} from './readsApi';
export { ENGAGEMENT_EVENTS, isEmailClick } from './timelineApi';
export type { ActivityOptions, Engagement } from './timelineApi';
export { ClientCredentialsAuth, HookAuth, n8nTokenRefresher } from './auth';
export type { MauticClientCredentials, MauticOAuthOptions, MauticTokenRefresh } from './auth';
export {
	doNotContactEntry,
	droppedByMautic,
	isDoNotContact,
	isEmptyValue,
	normaliseEmail,
	tagChanges,
	unwrittenFields,
	upsertPayload,
} from './contact';
export type { ContactFieldValue, ContactInput, HasDoNotContact, UnwrittenField } from './contact';
export { copyCampaignSpec, copyDifferences, followUpCampaign, prepareCampaign } from './campaign';
export type {
	CampaignToCopy,
	CampaignEventSpec,
	CampaignSpec,
	CanvasConnection,
	FollowUpCampaignInput,
	FollowUpStep,
} from './campaign';
export {
	classifyMauticRetry,
	decodeMauticError,
	mauticFailure,
	rateLimitReset,
	unwrapJsonString,
} from './errors';
export {
	ActivityEventSchema,
	CampaignSchema,
	ContactSchema,
	DNC_REASONS,
	DncEntrySchema,
	EmailSchema,
	MauticChannelSchema,
	UserSchema,
} from './schemas';
export type {
	ActivityEvent,
	DncEntry,
	DncReason,
	MauticCampaign,
	MauticCatalogEntry,
	MauticChannel,
	MauticContact,
	MauticEmail,
	MauticUser,
	StatRow,
} from './schemas';
export { mauticDbTime, mauticInstant, parseMauticDate } from './dates';
export { MauticError } from '../http';
