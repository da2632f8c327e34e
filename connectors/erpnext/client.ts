// Frappe/ERPNext REST client (v1 API, erpnext.md §1-7) on the shared transport: lists paged with
// limit_start until a short page, documents read/written under /api/resource, whitelisted methods
// under /api/method (GET for reads because GETs are rolled back, POST for writes), PDFs as bytes,
// Custom Field setup and a deduplicated audit trail. Every request asks for JSON errors.
import { z } from 'zod/v4';

import { ErpNextError, createTransport, fetchAdapter, n8nAdapter } from '../http';
import type {
	HttpAdapter,
	HttpRequest,
	N8nHttpContext,
	Transport,
	TransportOptions,
} from '../http';
import { ensureCustomFields } from './customFields';
import type { EnsureFieldsResult } from './customFields';
import {
	classifyFrappeRetry,
	decodeFrappeError,
	exceedsWait,
	roleHint,
	withRequiredRole,
} from './errors';
import { fromFrappeDatetime, isTimeZone, toFrappeDatetime } from './siteTime';
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
	/** Role named in the error when ERPNext answers 403; default the roles that read `doctype`. */
	requiredRole?: string;
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
	/**
	 * A string that identifies this note; no second Comment containing it is created on the record.
	 * It is put first in the comment, so it must fit Frappe's 100-character `_comments` cache.
	 */
	dedupeKey: string;
}

/** A comment as Frappe caches it in the record's `_comments` column (type "Comment" only). */
export interface CachedComment {
	/** The Comment document's name. */
	name: string;
	/** The first 97 characters of its content (the whole content when at most 100). */
	comment: string;
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
	transport?: Omit<
		TransportOptions,
		'service' | 'adapter' | 'decodeError' | 'classifyRetry' | 'secrets'
	>;
}

const JSON_ACCEPT = { Accept: 'application/json' };

/** Who a comment added through add_comment is shown as (`comment_by`). */
const COMMENT_BY = 'n8n Lead-to-Close';

/** Frappe's `_comments` cache keeps content[:97] + "..." of longer comments (comment.py). */
const COMMENT_CACHE_CHARS = 97;

/** Roles a user without System Manager needs to see e-mail Communications (communication.py). */
export const EMAIL_READ_ROLES = ['System Manager', 'Super Email User'] as const;

const metaSchema = z.looseObject({
	docs: z
		.array(z.looseObject({ fields: z.array(z.record(z.string(), z.unknown())).optional() }))
		.min(1),
});
const timeZoneSchema = z.looseObject({ time_zone: z.string().nullish() });
const rolesSchema = z.array(z.string());

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

function encodeArgs(
	args: Record<string, unknown>,
): Record<string, string | number | boolean | undefined> {
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

/** A document name as Frappe's download_pdf names its file: spaces and `/` become `-`. */
function pdfName(name: string): string {
	return `${name.replace(/ /g, '-').replace(/\//g, '-')}.pdf`;
}

/**
 * The file name of a PDF answer: `filename*=utf-8''…` (RFC 5987) when sent, else `filename=`
 * (quoted or not); never a path, so a `/` or `\\` left in it becomes `-`. v15 sends
 * `filename=<name>.pdf`, v13/v14 `filename="<name>.pdf";filename*=utf-8''<name>.pdf`.
 */
function fileNameFrom(disposition: string | undefined, fallback: string): string {
	const extended = disposition
		? /filename\*\s*=\s*(?:utf-8|UTF-8)''([^;]+)/i.exec(disposition)
		: null;
	const plain = disposition
		? /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition)
		: null;
	let name: string | undefined;
	if (extended) {
		try {
			name = decodeURIComponent(extended[1].trim());
		} catch {
			name = extended[1].trim();
		}
	} else if (plain) {
		name = (plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]).trim();
	}
	const clean = name?.replace(/[/\\]/g, '-').trim();
	return clean ? clean : fallback;
}

/** The n8n credential type of ERPNext / Frappe (credentials/LeadToCloseErpNextApi.credentials.ts). */
export const ERPNEXT_CREDENTIAL_TYPE = 'leadToCloseErpNextApi';

export class ErpNextClient {
	readonly baseUrl: string;

	private readonly transport: Transport;

	/** Read once per client (one client per node execution): site zone, user, roles. */
	private timeZone?: Promise<string>;
	private user?: Promise<string>;
	private roles?: Promise<string[]>;

	constructor(options: ErpNextClientOptions) {
		this.baseUrl = options.baseUrl
			.trim()
			.replace(/\/+$/, '')
			.replace(/\/api$/, '');
		const maxWaitMs = options.transport?.maxDelayMs ?? 30_000;
		const now = options.transport?.now ?? Date.now;
		this.transport = createTransport({
			...options.transport,
			service: 'ERPNext',
			adapter: options.adapter,
			secrets: options.secrets,
			decodeError: decodeFrappeError,
			// A 429 asking for a longer wait than the transport allows is not repeated (E10).
			classifyRetry: (response, decoded) =>
				exceedsWait(response, maxWaitMs, now()) !== undefined
					? 'never'
					: classifyFrappeRetry(response, decoded),
			defaultHeaders: { ...JSON_ACCEPT, ...options.transport?.defaultHeaders },
		});
	}

	/**
	 * A client inside a node, from the decrypted `leadToCloseErpNextApi` credential (n8n signs each
	 * request through the credential's authenticate); key and secret are kept out of every error.
	 */
	static forNode(
		context: N8nHttpContext,
		credentials: { baseUrl?: unknown; apiKey?: unknown; apiSecret?: unknown },
		options: Pick<ErpNextClientOptions, 'transport'> & { moreSecrets?: readonly string[] } = {},
	): ErpNextClient {
		const { moreSecrets = [], ...rest } = options;
		return new ErpNextClient({
			baseUrl: String(credentials.baseUrl ?? ''),
			adapter: n8nAdapter(context, ERPNEXT_CREDENTIAL_TYPE),
			secrets: [
				String(credentials.apiKey ?? ''),
				String(credentials.apiSecret ?? ''),
				...moreSecrets,
			].filter(Boolean),
			...rest,
		});
	}

	/** A client on global fetch with Frappe token auth (`token key:secret`), for use outside n8n. */
	static withToken(
		options: Omit<ErpNextClientOptions, 'adapter' | 'secrets'> & {
			apiKey: string;
			apiSecret: string;
		},
	): ErpNextClient {
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
	async *list<T = FrappeRow>(
		doctype: string,
		options: ListOptions = {},
		rowSchema?: z.ZodType<T>,
	): AsyncGenerator<T> {
		const pageSize = options.pageSize ?? 100;
		if (!Number.isInteger(pageSize) || pageSize < 1) {
			throw new RangeError(
				`pageSize must be a positive integer (0 would mean "all rows"), got ${pageSize}`,
			);
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
				options.requiredRole ?? roleHint(doctype, 'read'),
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
	async listAll<T = FrappeRow>(
		doctype: string,
		options: ListOptions = {},
		rowSchema?: z.ZodType<T>,
	): Promise<T[]> {
		const out: T[] = [];
		for await (const row of this.list(doctype, options, rowSchema)) out.push(row);
		return out;
	}

	async get<T = FrappeDoc>(
		doctype: string,
		name: string,
		schema?: z.ZodType<T>,
		options: WriteOptions = {},
	): Promise<T> {
		const body = await this.send(
			{ method: 'GET', url: this.resourceUrl(doctype, name) },
			dataEnvelope(schema ?? (FrappeDocSchema as unknown as z.ZodType<T>)),
			options.requiredRole ?? roleHint(doctype, 'read'),
		);
		return body.data;
	}

	/** POST /api/resource/{doctype}; not retried after it may have reached the server. */
	async insert(
		doctype: string,
		doc: Record<string, unknown>,
		options: WriteOptions = {},
	): Promise<FrappeDoc> {
		const body = await this.send(
			{ method: 'POST', url: this.resourceUrl(doctype), body: doc },
			dataEnvelope(FrappeDocSchema),
			options.requiredRole ?? roleHint(doctype, 'write'),
		);
		return body.data;
	}

	/**
	 * PUT /api/resource/{doctype}/{name} with only the given fields. Passing `modified` turns on
	 * optimistic locking; such a conditional PUT is not repeated automatically.
	 */
	async update(
		doctype: string,
		name: string,
		patch: Record<string, unknown>,
		options: UpdateOptions = {},
	): Promise<FrappeDoc> {
		const body = await this.send(
			{
				method: 'PUT',
				url: this.resourceUrl(doctype, name),
				body: options.modified === undefined ? patch : { ...patch, modified: options.modified },
				idempotent: options.modified === undefined,
			},
			dataEnvelope(FrappeDocSchema),
			options.requiredRole ?? roleHint(doctype, 'write'),
		);
		return body.data;
	}

	/**
	 * DELETE /api/resource/{doctype}/{name} (202). With `ignoreMissing`, a missing document returns
	 * false instead of failing, so a repeated delete is harmless.
	 */
	async delete(
		doctype: string,
		name: string,
		options: WriteOptions & { ignoreMissing?: boolean } = {},
	): Promise<boolean> {
		let failure: unknown;
		try {
			await this.send(
				{ method: 'DELETE', url: this.resourceUrl(doctype, name) },
				anyBody,
				options.requiredRole,
			);
			return true;
		} catch (error) {
			failure = error;
		}
		if (options.ignoreMissing && failure instanceof ErpNextError && failure.status === 404)
			return false;
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
	async runDocMethod(
		doctype: string,
		name: string,
		method: string,
		args: Record<string, unknown> = {},
		options: WriteOptions = {},
	): Promise<unknown> {
		const body = await this.send(
			{
				method: 'POST',
				url: this.resourceUrl(doctype, name),
				body: { ...args, run_method: method },
			},
			anyObject,
			options.requiredRole,
		);
		return body.data ?? body.message;
	}

	/** The user the credential acts as (the credential test call); read once per client. */
	async whoAmI(): Promise<string> {
		this.user ??= this.call('frappe.auth.get_logged_user', {}, 'GET', stringSchema);
		this.user.catch(() => (this.user = undefined));
		return await this.user;
	}

	/**
	 * The API user's roles, read once per client through frappe.core.doctype.user.user.get_roles,
	 * which every logged-in user may call (frappe/frappe v15 frappe/core/doctype/user/user.py).
	 */
	async userRoles(): Promise<string[]> {
		this.roles ??= this.whoAmI().then(
			async (uid) =>
				await this.call('frappe.core.doctype.user.user.get_roles', { uid }, 'GET', rolesSchema),
		);
		this.roles.catch(() => (this.roles = undefined));
		return await this.roles;
	}

	/**
	 * The site's time zone (System Settings), read once per client through frappe.client.get_time_zone,
	 * which any user may call (frappe/frappe frappe/client.py, allow_guest). Frappe's naive datetimes
	 * are in this zone.
	 */
	async siteTimeZone(): Promise<string> {
		this.timeZone ??= this.call('frappe.client.get_time_zone', {}, 'GET', timeZoneSchema).then(
			(answer) => {
				const zone = answer.time_zone?.trim();
				if (!zone || !isTimeZone(zone)) {
					throw new ErpNextError({
						kind: 'schema',
						code: 'NO_TIME_ZONE',
						message: `ERPNext did not name a valid time zone (got ${JSON.stringify(answer.time_zone ?? null)}); set System Settings → Time Zone`,
					});
				}
				return zone;
			},
		);
		this.timeZone.catch(() => (this.timeZone = undefined));
		return await this.timeZone;
	}

	/** `instant` as a Frappe datetime in the site's zone. */
	async toFrappeDatetime(instant: Date): Promise<string> {
		return toFrappeDatetime(instant, await this.siteTimeZone());
	}

	/** The instant of a Frappe datetime (naive values read in the site's zone). */
	async fromFrappeDatetime(value: unknown): Promise<Date | undefined> {
		return fromFrappeDatetime(value, await this.siteTimeZone());
	}

	/**
	 * The fields of `doctype` as its meta lists them (custom fields included), through
	 * frappe.desk.form.load.getdoctype, which any logged-in user may call and which answers under
	 * `docs`, not `message` (frappe/frappe v15 frappe/desk/form/load.py).
	 */
	async doctypeFields(doctype: string): Promise<FrappeRow[]> {
		const body = await this.send(
			{ method: 'GET', url: this.methodUrl('frappe.desk.form.load.getdoctype'), qs: { doctype } },
			metaSchema,
		);
		return body.docs[0].fields ?? [];
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
				no_letterhead:
					options.noLetterhead === undefined ? undefined : options.noLetterhead ? 1 : 0,
				letterhead: options.letterhead,
				language: options.language,
			}),
			responseType: 'binary',
		};
		const response = await this.transport.request(request);
		const bytes = Buffer.isBuffer(response.body)
			? response.body
			: Buffer.from(response.body as Uint8Array);
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
			fileName: fileNameFrom(response.headers['content-disposition'], pdfName(name)),
			mimeType: 'application/pdf',
		};
	}

	/**
	 * Makes sure `fields` exist on `doctype` as specified (erpnext.md §4): creates missing ones
	 * chained by insert_after, PUTs only the drifted properties of existing ones, and treats a
	 * 409/417 on create as "another run created it" (re-read). A second call makes no writes.
	 */
	async ensureCustomFields(
		doctype: string,
		fields: CustomFieldSpec[],
	): Promise<EnsureFieldsResult> {
		return await ensureCustomFields(this, doctype, fields);
	}

	/**
	 * The comments Frappe caches on each record (`_comments`, type "Comment" only, last 100, content cut
	 * at 97 characters: frappe/frappe v15 frappe/core/doctype/comment/comment.py update_comment_in_doc),
	 * for many records in one list request. `_comments` is an optional meta column every user who may
	 * list the doctype can read (frappe/model/__init__.py get_permitted_fields), so this needs no
	 * permission on Comment.
	 */
	async cachedComments(doctype: string, names: string[]): Promise<Map<string, CachedComment[]>> {
		const out = new Map<string, CachedComment[]>();
		const unique = [...new Set(names)];
		for (let i = 0; i < unique.length; i += 100) {
			const slice = unique.slice(i, i + 100);
			const rows = await this.listAll(doctype, {
				fields: ['name', '_comments'],
				filters: [['name', 'in', slice]],
				pageSize: slice.length,
				limit: slice.length,
			});
			for (const row of rows) {
				let parsed: unknown = [];
				try {
					parsed =
						typeof row._comments === 'string' && row._comments !== ''
							? JSON.parse(row._comments)
							: [];
				} catch {
					parsed = [];
				}
				const list = Array.isArray(parsed)
					? parsed.flatMap((c: unknown) => {
							const entry = c as { name?: unknown; comment?: unknown };
							return typeof entry?.comment === 'string'
								? [
										{
											name: typeof entry.name === 'string' ? entry.name : '',
											comment: entry.comment,
										},
									]
								: [];
						})
					: [];
				out.set(String(row.name), list);
			}
		}
		return out;
	}

	/**
	 * Posts a comment through frappe.desk.form.utils.add_comment (type "Comment"), which needs only read
	 * permission on the record (frappe/frappe v15 frappe/desk/form/utils.py), not the Comment doctype.
	 */
	async postComment(doctype: string, name: string, content: string): Promise<{ name: string }> {
		const doc = await this.call(
			'frappe.desk.form.utils.add_comment',
			{
				reference_doctype: doctype,
				reference_name: name,
				content,
				comment_email: await this.whoAmI(),
				comment_by: COMMENT_BY,
			},
			'POST',
			FrappeDocSchema,
			{
				requiredRole: `read on ${doctype} (${roleHint(doctype, 'read') ?? 'a role that may read it'})`,
			},
		);
		return { name: doc.name };
	}

	/**
	 * Adds a comment to a record's timeline unless one already carries `dedupeKey`, so a retried item
	 * does not duplicate the audit trail. The key goes first (`<p>[key]</p>…`) so Frappe's `_comments`
	 * cache, which keeps 97 characters, still holds it; the check reads that cache, and the comment is
	 * posted through add_comment, so a user with only read access on the record (e.g. Sales User) can
	 * do both.
	 */
	async addComment(
		doctype: string,
		name: string,
		content: string,
		options: AddCommentOptions,
	): Promise<AddCommentResult> {
		const key = options.dedupeKey;
		if (key.trim() === '') throw new RangeError('dedupeKey must not be empty');
		const marker = commentMarker(key);
		if (marker.length > COMMENT_CACHE_CHARS) {
			throw new RangeError(
				`dedupeKey must be at most ${COMMENT_CACHE_CHARS - 9} characters, got ${key.length}`,
			);
		}
		const cached = (await this.cachedComments(doctype, [name])).get(name) ?? [];
		const match = cached.find((c) => c.comment.includes(`[${key}]`));
		if (match) return { name: match.name, created: false };
		const body = content.startsWith(marker) ? content : `${marker}${content}`;
		const doc = await this.postComment(doctype, name, body);
		return { name: doc.name, created: true };
	}
}

/** The first paragraph of an audit comment: the dedupe key, inside Frappe's 97-character cache. */
export function commentMarker(key: string): string {
	return `<p>[${key}]</p>`;
}
