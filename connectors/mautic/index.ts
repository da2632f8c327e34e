// Public surface of the Mautic connector.
export {
	MauticClient,
	MAUTIC_BATCH_MAX,
	MAUTIC_CREDENTIAL_TYPE,
	ENGAGEMENT_EVENTS,
	MAUTIC_CATALOGS,
	isEmailClick,
	whereParams,
} from './client';
export type {
	BatchUpsertItem,
	CampaignCopy,
	CatalogOptions,
	CatalogPage,
	ContactListOptions,
	DncAddOptions,
	EmailSendOptions,
	EmailStatsOptions,
	Engagement,
	ActivityOptions,
	MauticCatalog,
	MauticAuth,
	MauticClientOptions,
	MauticConnectOptions,
	PageOptions,
	PointsOperation,
	PointsOptions,
	SegmentEmailOptions,
	SmsSendResult,
	StatsOptions,
	UpsertResult,
	WhereClause,
	WhereExpr,
} from './client';
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
