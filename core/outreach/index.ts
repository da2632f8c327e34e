// Outreach policy: what may be sent to whom, on which channel, and when. Re-exports the pieces so a
// node imports one module.
export * from './schemas';
export { countryTimeZone, isValidTimeZone, resolveTimeZone } from './timeZones';
export type { CountryTimeZone, ResolvedTimeZone } from './timeZones';
export { checkSendWindow, isQuietMinute, nextSendableTime } from './quietHours';
export type { SendWindow, SendWindowCheck } from './quietHours';
export { checkFrequencyCap } from './frequencyCap';
export type { CapCheck, FrequencyCap } from './frequencyCap';
export { chooseChannel } from './channelChoice';
export type { ChannelChoice, ChannelRejection } from './channelChoice';
export { decideOutreach } from './decide';
export { crmRecipient } from './crmRecipient';
export type { CrmDoctype, CrmRecipient, CrmRecipientInput } from './crmRecipient';
export {
	followUpSchedule,
	DEFAULT_FOLLOW_UP_DAYS,
	FollowUpOptionsSchema,
	FollowUpStepSchema,
} from './followUp';
export type { FollowUpOptions, FollowUpSchedule, FollowUpStep } from './followUp';
export { dueFollowUpStep } from './followUpDue';
export type { FollowUpDue } from './followUpDue';
export { unbackedPromises } from './draftPromises';
export {
	mauticFieldValue,
	mauticTokenValue,
	messageHtml,
	singleLine,
	stripMauticTokens,
} from './leadText';
export type { PromiseCode, UnbackedPromise } from './draftPromises';
export {
	renderTemplate,
	validateDraftSlots,
	linksIn,
	SlotSpecSchema,
	DraftPolicySchema,
} from './template';
export type {
	DraftIssue,
	DraftIssueCode,
	DraftPolicy,
	DraftPolicyInput,
	DraftValidation,
	RenderResult,
	SlotSpec,
	TemplateValue,
} from './template';
