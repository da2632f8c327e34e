// Frappe/ERPNext REST client (v1 API, erpnext.md §1-7) on the shared transport: lists paged with
// limit_start until a short page, documents read/written under /api/resource, whitelisted methods
// under /api/method (GET for reads because GETs are rolled back, POST for writes), PDFs as bytes,
// Custom Field setup and a deduplicated audit trail. Every request asks for JSON errors.
import { z } from 'zod/v4';

import { ErpNextError, createTransport, fetchAdapter } from '../http';
import type { HttpAdapter, HttpRequest, Transport, TransportOptions } from '../http';
import { ensureCustomFields } from './customFields';
import type { EnsureFieldsResult } from './customFields';
import { classifyFrappeRetry, decodeFrappeError, withRequiredRole } from './errors';
import { FrappeDocSchema, FrappeRowSchema, dataEnvelope, messageEnvelope } from './schemas';
import type { CustomFieldSpec, FrappeDoc, FrappeRow } from './schemas';

export type FilterOperator =
	| '='
	| '!='
	| '<'
	| '>'
	| '<='
	| '>='
	| 'like'
	| 'not like'
	| 'in'
	| 'not in'
	| 'is'
	| 'between';

export type FilterValue = string | number | boolean | null | Array<string | number>;

/** `[[field, op, value]]`, `[[doctype, field, op, value]]` or `{field: value | [op, value]}`. */
export type Filters =
	| Array<[string, FilterOperator, FilterValue] | [string, string, FilterOperator, FilterValue]>
	| Record<string, FilterValue | [FilterOperator, FilterValue]>;

export interface ListOptions {
	/** Columns to return; default `["name"]`, `["*"]` = all columns. */
	fields?: string[];
	filters?: Filters;
	orFilters?: Filters;
	/** Must be stable for paging; default `creation asc, name asc`. */
	orderBy?: string;
	/** Rows per request, always sent explicitly as limit_page_length; default 100. */
	pageSize?: number;
	/** Stop after this many rows in total. */
	limit?: number;
}

export interface WriteOptions {
	/** Role named in the error when ERPNext answers 403, e.g. "System Manager". */
	requiredRole?: string;
}

export interface UpdateOptions extends WriteOptions {
	/** The `modified` you read: ERPNext refuses (417 TimestampMismatchError) if the doc changed since. */
	modified?: string;
}

export interface CallOptions extends WriteOptions {
	/** Makes a POST safe to retry after failures that may have reached the server. */
	idempotencyKey?: string;
	/** Declares a POST free of side effects (safe to retry). */
	idempotent?: boolean;
}

export interface PdfOptions {
	/** Print Format name; default the doctype's default format. */
	format?: string;
	noLetterhead?: boolean;
	letterhead?: string;
	language?: string;
}

export interface PdfFile {
	bytes: Buffer;
	fileName: string;
	mimeType: 'application/pdf';
}

export interface AddCommentOptions {
	/** A string that identifies this note; no second Comment containing it is created on the record. */
	dedupeKey: string;
	/** Default `Info` (a machine note in the timeline). */
	commentType?: 'Info' | 'Comment';
}

export interface AddCommentResult {
	name: string;
	/** False when an earlier Comment with the same dedupe key was found. */
	created: boolean;
}

export interface ErpNextClientOptions {
	/** Site URL, e.g. https://erp.example.com (a trailing `/` or `/api` is ignored). */
	baseUrl: string;
	/** `n8nAdapter(this, 'leadToCloseErpNextApi')` in a node, `fetchAdapter(...)` elsewhere. */
	adapter: HttpAdapter;
	/** The API key and secret, so no error can ever echo them. */
	secrets?: readonly string[];
	/** Retry, timeout and concurrency settings (and test seams) passed to the transport. */
	transport?: Omit<TransportOptions, 'service' | 'adapter' | 'decodeError' | 'classifyRetry' | 'secrets'>;
}

const JSON_ACCEPT = { Accept: 'application/json' };

const anyBody = z.unknown();
const anyObject = z.looseObject({ data: z.unknown().optional(), message: z.unknown().optional() });
const stringSchema = z.string();
const numberSchema = z.number();

function rowKey(row: unknown): string | undefined {
	if (row && typeof row === 'object' && typeof (row as { name?: unknown }).name === 'string') {
		return (row as { name: string }).name;
	}
	return undefined;
}

function encodeArgs(args: Record<string, unknown>): Record<string, string | number | boolean | undefined> {
	const out: Record<string, string | number | boolean | undefined> = {};
	for (const [key, value] of Object.entries(args)) {
		if (value === undefined) continue;
		out[key] =
			typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
				? value
				: JSON.stringify(value);
	}
	return out;
}

function fileNameFrom(disposition: string | undefined, fallback: string): string {
	const match = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
	if (!match) return fallback;
	try {
		return decodeURIComponent(match[1]);
	} catch {
		return match[1];
	}
}

export class ErpNextClient {
	readonly baseUrl: string;

	private readonly transport: Transport;

	constructor(options: ErpNextClientOptions) {
		this.baseUrl = options.baseUrl.trim().replace(/\/+$/, '').replace(/\/api$/, '');
		this.transport = createTransport({
			...options.transport,
			service: 'ERPNext',
			adapter: options.adapter,
			secrets: options.secrets,
			decodeError: decodeFrappeError,
			classifyRetry: classifyFrappeRetry,
			defaultHeaders: { ...JSON_ACCEPT, ...options.transport?.defaultHeaders },
		});
	}

	/** A client on global fetch with Frappe token auth (`token key:secret`), for use outside n8n. */
	static withToken(options: Omit<ErpNextClientOptions, 'adapter' | 'secrets'> & { apiKey: string; apiSecret: string }): ErpNextClient {
		const { apiKey, apiSecret, ...rest } = options;
		return new ErpNextClient({
			...rest,
			adapter: fetchAdapter({ headers: () => ({ Authorization: `token ${apiKey}:${apiSecret}` }) }),
			secrets: [apiKey, apiSecret],
		});
	}

	resourceUrl(doctype: string, name?: string): string {
		const base = `${this.baseUrl}/api/resource/${encodeURIComponent(doctype)}`;
		return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
	}

	methodUrl(method: string): string {
		return `${this.baseUrl}/api/method/${method}`;
	}

	private async send<T>(request: HttpRequest, schema: z.ZodType<T>, role?: string): Promise<T> {
		try {
			return (await this.transport.request(request, schema)).body;
		} catch (error) {
			throw withRequiredRole(error, role);
		}
	}

	/**
	 * Yields every matching row, paging with limit_start until a page comes back short (v1 has no
	 * total). Rows are validated against `rowSchema` when given.
	 */
	async *list<T = FrappeRow>(doctype: string, options: ListOptions = {}, rowSchema?: z.ZodType<T>): AsyncGenerator<T> {
		const pageSize = options.pageSize ?? 100;
		if (!Number.isInteger(pageSize) || pageSize < 1) {
			throw new RangeError(`pageSize must be a positive integer (0 would mean "all rows"), got ${pageSize}`);
		}
		const limit = options.limit;
		const schema = dataEnvelope(z.array(rowSchema ?? (FrappeRowSchema as unknown as z.ZodType<T>)));
		const seen = new Set<string>();
		let start = 0;
		let yielded = 0;
		while (limit === undefined || yielded < limit) {
			const want = limit === undefined ? pageSize : Math.min(pageSize, limit - yielded);
			const rows = await this.send(
				{
					method: 'GET',
					url: this.resourceUrl(doctype),
					qs: encodeArgs({
						fields: options.fields ?? ['name'],
						filters: options.filters,
						or_filters: options.orFilters,
						order_by: options.orderBy ?? 'creation asc, name asc',
						limit_start: start,
						limit_page_length: want,
					}),
				},
				schema,
			);
			let fresh = 0;
			for (const row of rows.data.slice(0, want)) {
				const key = rowKey(row);
				if (key !== undefined) {
					if (seen.has(key)) continue;
					seen.add(key);
				}
				fresh += 1;
				yielded += 1;
				yield row;
			}
			if (rows.data.length < want) return;
			if (fresh === 0) {
				throw new ErpNextError({
					kind: 'schema',
					code: 'PAGING_STUCK',
					message: `ERPNext returned the same ${doctype} rows again at limit_start=${start}; is order_by stable?`,
				});
			}
			start += rows.data.length;
		}
	}

	/** All rows of `list` in one array. */
	async listAll<T = FrappeRow>(doctype: string, options: ListOptions = {}, rowSchema?: z.ZodType<T>): Promise<T[]> {
		const out: T[] = [];
		for await (const row of this.list(doctype, options, rowSchema)) out.push(row);
		return out;
	}

	async get<T = FrappeDoc>(doctype: string, name: string, schema?: z.ZodType<T>): Promise<T> {
		const body = await this.send(
			{ method: 'GET', url: this.resourceUrl(doctype, name) },
			dataEnvelope(schema ?? (FrappeDocSchema as unknown as z.ZodType<T>)),
		);
		return body.data;
	}

	/** POST /api/resource/{doctype}; not retried after it may have reached the server. */
	async insert(doctype: string, doc: Record<string, unknown>, options: WriteOptions = {}): Promise<FrappeDoc> {
		const body = await this.send(
			{ method: 'POST', url: this.resourceUrl(doctype), body: doc },
			dataEnvelope(FrappeDocSchema),
			options.requiredRole,
		);
		return body.data;
	}

	/**
	 * PUT /api/resource/{doctype}/{name} with only the given fields. Passing `modified` turns on
	 * optimistic locking; such a conditional PUT is not repeated automatically.
	 */
	async update(doctype: string, name: string, patch: Record<string, unknown>, options: UpdateOptions = {}): Promise<FrappeDoc> {
		const body = await this.send(
			{
				method: 'PUT',
				url: this.resourceUrl(doctype, name),
				body: options.modified === undefined ? patch : { ...patch, modified: options.modified },
				idempotent: options.modified === undefined,
			},
			dataEnvelope(FrappeDocSchema),
			options.requiredRole,
		);
		return body.data;
	}

	/**
	 * DELETE /api/resource/{doctype}/{name} (202). With `ignoreMissing`, a missing document returns
	 * false instead of failing, so a repeated delete is harmless.
	 */
	async delete(doctype: string, name: string, options: WriteOptions & { ignoreMissing?: boolean } = {}): Promise<boolean> {
		let failure: unknown;
		try {
			await this.send({ method: 'DELETE', url: this.resourceUrl(doctype, name) }, anyBody, options.requiredRole);
			return true;
		} catch (error) {
			failure = error;
		}
		if (options.ignoreMissing && failure instanceof ErpNextError && failure.status === 404) return false;
		throw failure;
	}

	/**
	 * Calls a whitelisted method and returns its `message`. Use GET for reads; anything that writes
	 * must be POST, because Frappe rolls back GET requests.
	 */
	async call<T = unknown>(
		method: string,
		args: Record<string, unknown> = {},
		verb: 'GET' | 'POST' = 'GET',
		schema?: z.ZodType<T>,
		options: CallOptions = {},
	): Promise<T> {
		const request: HttpRequest =
			verb === 'GET'
				? { method: 'GET', url: this.methodUrl(method), qs: encodeArgs(args) }
				: {
						method: 'POST',
						url: this.methodUrl(method),
						body: args,
						idempotencyKey: options.idempotencyKey,
						idempotent: options.idempotent,
					};
		const body = await this.send(
			request,
			messageEnvelope(schema ?? (anyBody as unknown as z.ZodType<T>)),
			options.requiredRole,
		);
		return body.message;
	}

	/** Runs a whitelisted controller method on one document (POST, needs write permission). */
	async runDocMethod(doctype: string, name: string, method: string, args: Record<string, unknown> = {}, options: WriteOptions = {}): Promise<unknown> {
		const body = await this.send(
			{ method: 'POST', url: this.resourceUrl(doctype, name), body: { ...args, run_method: method } },
			anyObject,
			options.requiredRole,
		);
		return body.data ?? body.message;
	}

	/** The user the credential acts as (the credential test call). */
	async whoAmI(): Promise<string> {
		return await this.call('frappe.auth.get_logged_user', {}, 'GET', stringSchema);
	}

	/** frappe.client.get_count. */
	async count(doctype: string, filters?: Filters): Promise<number> {
		return await this.call('frappe.client.get_count', { doctype, filters }, 'GET', numberSchema);
	}

	/** A document rendered by frappe.utils.print_format.download_pdf, as raw bytes. */
	async downloadPdf(doctype: string, name: string, options: PdfOptions = {}): Promise<PdfFile> {
		const request: HttpRequest = {
			method: 'GET',
			url: this.methodUrl('frappe.utils.print_format.download_pdf'),
			headers: { Accept: 'application/pdf, application/json' },
			qs: encodeArgs({
				doctype,
				name,
				format: options.format,
				no_letterhead: options.noLetterhead === undefined ? undefined : options.noLetterhead ? 1 : 0,
				letterhead: options.letterhead,
				language: options.language,
			}),
			responseType: 'binary',
		};
		const response = await this.transport.request(request);
		const bytes = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body as Uint8Array);
		const isPdf =
			(response.headers['content-type'] ?? '').includes('application/pdf') ||
			bytes.subarray(0, 5).toString('latin1') === '%PDF-';
		if (!isPdf) {
			throw new ErpNextError({
				kind: 'schema',
				status: response.status,
				code: 'NOT_PDF',
				message: `ERPNext did not return a PDF for ${doctype} ${name} (content type ${response.headers['content-type'] ?? 'none'}); is wkhtmltopdf installed on the server?`,
			});
		}
		return {
			bytes,
			fileName: fileNameFrom(response.headers['content-disposition'], `${name}.pdf`),
			mimeType: 'application/pdf',
		};
	}

	/**
	 * Makes sure `fields` exist on `doctype` as specified (erpnext.md §4): creates missing ones
	 * chained by insert_after, PUTs only the drifted properties of existing ones, and treats a
	 * 409/417 on create as "another run created it" (re-read). A second call makes no writes.
	 */
	async ensureCustomFields(doctype: string, fields: CustomFieldSpec[]): Promise<EnsureFieldsResult> {
		return await ensureCustomFields(this, doctype, fields);
	}

	/**
	 * Adds an `Info` Comment to a record's timeline unless a Comment on that record already contains
	 * `dedupeKey` (appended to the content when absent), so a retried item does not duplicate the
	 * audit trail.
	 */
	async addComment(doctype: string, name: string, content: string, options: AddCommentOptions): Promise<AddCommentResult> {
		const key = options.dedupeKey;
		if (key.trim() === '') throw new RangeError('dedupeKey must not be empty');
		const existing = await this.listAll('Comment', {
			fields: ['name', 'content'],
			filters: [
				['reference_doctype', '=', doctype],
				['reference_name', '=', name],
				['content', 'like', `%${key}%`],
			],
			pageSize: 50,
		});
		// LIKE treats _ and % in the key as wildcards; confirm the literal key.
		const match = existing.find((c) => typeof c.content === 'string' && c.content.includes(key));
		if (match && typeof match.name === 'string') return { name: match.name, created: false };
		const body = content.includes(key) ? content : `${content}\n<p>[${key}]</p>`;
		const doc = await this.insert(
			'Comment',
			{
				comment_type: options.commentType ?? 'Info',
				reference_doctype: doctype,
				reference_name: name,
				content: body,
			},
			{ requiredRole: 'System Manager or Website Manager' },
		);
		return { name: doc.name, created: true };
	}
}
