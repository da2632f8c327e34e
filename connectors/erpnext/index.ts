// Public surface of the ERPNext connector.
export { EMAIL_READ_ROLES, ERPNEXT_CREDENTIAL_TYPE, ErpNextClient, commentMarker } from './client';
export type {
	AddCommentOptions,
	AddCommentResult,
	CachedComment,
	CallOptions,
	ErpNextClientOptions,
	FilterOperator,
	FilterValue,
	Filters,
	ListOptions,
	PdfFile,
	PdfOptions,
	UpdateOptions,
	WriteOptions,
} from './client';
export { customFieldDrift, metaDrift } from './customFields';
export {
	FRAPPE_CRM_DOCTYPES,
	ensureLayoutSection,
	ensureSidePanelSection,
	layoutWithSection,
	linkedNotes,
	readCrmLead,
} from './frappeCrm';
export type { LayoutSection, PageLayoutType } from './frappeCrm';
export { fromFrappeDatetime, isTimeZone, toFrappeDatetime } from './siteTime';
export type { EnsureFieldsResult } from './customFields';
export { classifyFrappeRetry, decodeFrappeError, decodeServerMessages, roleHint } from './errors';
export { CustomFieldSpecSchema, FrappeDocSchema, FrappeRowSchema } from './schemas';
export type { CustomFieldSpec, FrappeDoc, FrappeRow } from './schemas';
export { ErpNextError } from '../http';
