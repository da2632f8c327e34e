// Public surface of the HTTP transport: what service clients and nodes import.
export * from './types';
export * from './errors';
export { HostLimiter } from './concurrency';
export {
	createTransport,
	backoffDelay,
	retryAfterMs,
	htmlTitle,
	stripHtml,
	isIdempotent,
	formatIssuePath,
	requestPath,
} from './transport';
export type {
	Transport,
	TransportOptions,
	RetryVerdict,
	DecodedError,
	RetryInfo,
} from './transport';
export { fetchAdapter } from './fetchAdapter';
export type { FetchAdapterOptions } from './fetchAdapter';
export { n8nAdapter } from './n8nAdapter';
export type { N8nHttpContext } from './n8nAdapter';
