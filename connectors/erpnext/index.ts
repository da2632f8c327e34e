// Public surface of the ERPNext connector.
export { ErpNextClient } from './client';
export type {
	AddCommentOptions,
	AddCommentResult,
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
export { customFieldDrift } from './customFields';
export type { EnsureFieldsResult } from './customFields';
export { classifyFrappeRetry, decodeFrappeError, decodeServerMessages } from './errors';
export { CustomFieldSpecSchema, FrappeDocSchema, FrappeRowSchema } from './schemas';
export type { CustomFieldSpec, FrappeDoc, FrappeRow } from './schemas';
export { ErpNextError } from '../http';
