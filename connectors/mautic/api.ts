// The core every Mautic request goes through (mautic.md): the base URL, the shared transport, who
// authenticates (Basic through the adapter, or OAuth2 tokens renewed once on a 401 and the call repeated
// once), `errors[]` in a 2xx body turned into a MauticError, bodies validated against a schema, and
// start/limit/total paging of Mautic's id-keyed lists. The job files (contactsApi, campaignsApi,
// sendingApi, readsApi, timelineApi) call Mautic only through a MauticApi; MauticClient (client.ts) is
// the one public face of them all.
import { z } from 'zod/v4';

import { MauticError, createTransport, formatIssuePath, htmlTitle, requestPath } from '../http';
import type {
	HttpAdapter,
	HttpRequest,
	HttpResponse,
	QueryValue,
	Transport,
	TransportOptions,
} from '../http';
import { AdapterAuth, ClientCredentialsAuth, HookAuth, isClientCredentials } from './auth';
import type { AuthStrategy, IssuedToken, MauticOAuthOptions } from './auth';
import { classifyMauticRetry, decodeMauticError, mauticFailure } from './errors';
import { CountSchema, TokenResponseSchema, keyedList } from './schemas';

/** Mautic's `api_batch_max_limit` (§2): larger batches are refused. */
export const MAUTIC_BATCH_MAX = 200;

export interface MauticClientOptions {
	/** Mautic URL, e.g. https://mautic.example.com (a trailing `/` or `/api` is ignored). */
	baseUrl: string;
	/** `n8nAdapter(this, 'leadToCloseMauticApi')` in a node, `fetchAdapter(...)` elsewhere. */
	adapter: HttpAdapter;
	/** Passwords, client secrets, tokens: never allowed into an error. */
	secrets?: readonly string[];
	/** Retry, timeout and concurrency settings (and test seams) passed to the transport. */
	transport?: Omit<
		TransportOptions,
		'service' | 'adapter' | 'decodeError' | 'classifyRetry' | 'secrets'
	>;
	/**
	 * OAuth2: `{clientId, clientSecret}` makes the client fetch and cache tokens itself; `{refresh}`
	 * means the adapter applies a token and `refresh` renews it (n8n). Omit for Basic auth.
	 */
	oauth?: MauticOAuthOptions;
	/** Items per batch request, at most 200 (default 200). */
	batchSize?: number;
	/** Rows per list request (default 100; Mautic's own default is 30). */
	pageSize?: number;
}

export type WhereExpr =
	| 'eq'
	| 'neq'
	| 'lt'
	| 'lte'
	| 'gt'
	| 'gte'
	| 'like'
	| 'notLike'
	| 'in'
	| 'notIn'
	| 'isNull'
	| 'isNotNull';

export interface WhereClause {
	col: string;
	expr: WhereExpr;
	val?: string | number | boolean | ReadonlyArray<string | number>;
}

export interface PageOptions {
	/** Rows per request; default the client's pageSize. */
	pageSize?: number;
	/** Stop after this many rows. */
	limit?: number;
}

/** How `paginate` reads one list: query, row identity, page order, and what a missing list means. */
export interface PaginateOptions<T> extends PageOptions {
	qs?: Record<string, QueryValue>;
	keyOf?: (item: T) => string | undefined;
	sortPage?: (items: T[]) => T[];
	/** Called for a 200 answer without the list and without a total (the list is not served). */
	missing?: (body: Record<string, unknown>) => Error;
}

/** Any body: `parse` takes it as is, even text that is not JSON. */
export const anyBody = z.unknown();
export const TotalSchema = z.looseObject({ total: CountSchema.optional() });

function isPositiveId(value: number): boolean {
	return Number.isInteger(value) && value > 0;
}

export function requireId(value: number, what: string): number {
	if (!isPositiveId(value))
		throw new RangeError(`${what} must be a positive integer id, got ${String(value)}`);
	return value;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** `where[n][col|expr|val]` query parameters (§2); lists are comma-joined for `in`/`notIn`. */
export function whereParams(
	where: readonly WhereClause[] | undefined,
	prefix = 'where',
): Record<string, QueryValue> {
	const out: Record<string, QueryValue> = {};
	(where ?? []).forEach((clause, i) => {
		out[`${prefix}[${i}][col]`] = clause.col;
		out[`${prefix}[${i}][expr]`] = clause.expr;
		if (clause.val !== undefined) {
			out[`${prefix}[${i}][val]`] = Array.isArray(clause.val)
				? clause.val.join(',')
				: (clause.val as string | number | boolean);
		}
	});
	return out;
}

export function truthy(value: unknown): boolean {
	return value === true || value === 1 || value === '1' || value === 'true';
}

/** One Mautic site as the job files see it: URLs, authenticated and checked calls, paging. */
export class MauticApi {
	readonly baseUrl: string;

	private readonly transport: Transport;

	/** Shared with the transport by reference, so tokens obtained later are redacted too. */
	private readonly secrets: string[];

	private readonly auth: AuthStrategy;

	/** Items per batch request (1 to MAUTIC_BATCH_MAX). */
	readonly batchSize: number;

	/** Rows per list request unless a call asks for another size. */
	readonly pageSize: number;

	constructor(options: MauticClientOptions) {
		this.baseUrl = options.baseUrl
			.trim()
			.replace(/\/+$/, '')
			.replace(/\/api$/, '');
		const batchSize = options.batchSize ?? MAUTIC_BATCH_MAX;
		if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAUTIC_BATCH_MAX) {
			throw new RangeError(
				`batchSize must be an integer from 1 to ${MAUTIC_BATCH_MAX} (Mautic's batch limit), got ${batchSize}`,
			);
		}
		this.batchSize = batchSize;
		this.pageSize = this.checkPageSize(options.pageSize ?? 100);
		this.secrets = [...(options.secrets ?? [])];
		if (options.oauth && isClientCredentials(options.oauth))
			this.secrets.push(options.oauth.clientSecret);
		this.transport = createTransport({
			...options.transport,
			service: 'Mautic',
			adapter: options.adapter,
			secrets: this.secrets,
			decodeError: decodeMauticError,
			classifyRetry: classifyMauticRetry,
			defaultHeaders: { Accept: 'application/json', ...options.transport?.defaultHeaders },
		});
		const now = options.transport?.now ?? Date.now;
		const oauth = options.oauth;
		if (!oauth) this.auth = new AdapterAuth();
		else if (isClientCredentials(oauth)) {
			this.auth = new ClientCredentialsAuth(
				async () => await this.issueToken(oauth.clientId, oauth.clientSecret),
				now,
				(token) => {
					this.secrets.push(token);
				},
			);
		} else this.auth = new HookAuth(oauth.refresh);
	}

	apiUrl(path: string): string {
		return `${this.baseUrl}/api/${path.replace(/^\/+/, '')}`;
	}

	checkPageSize(pageSize: number): number {
		if (!Number.isInteger(pageSize) || pageSize < 1)
			throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
		return pageSize;
	}

	private async issueToken(clientId: string, clientSecret: string): Promise<IssuedToken> {
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: clientId,
			client_secret: clientSecret,
		});
		let failure: unknown;
		try {
			const { body } = await this.transport.request(
				{
					method: 'POST',
					url: `${this.baseUrl}/oauth/v2/token`,
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: form.toString(),
					// Asking twice for a token is harmless.
					idempotent: true,
				},
				TokenResponseSchema,
			);
			return { accessToken: body.access_token, expiresIn: body.expires_in };
		} catch (error) {
			failure = error;
		}
		if (!(failure instanceof MauticError)) throw failure;
		throw new MauticError({
			kind: failure.kind,
			status: failure.status,
			code: failure.code,
			retryable: failure.retryable,
			attempts: failure.attempts,
			details: failure.details,
			secrets: this.secrets,
			message: `Mautic OAuth2 token request failed: ${failure.message}`,
		});
	}

	/**
	 * One API call: authenticates, sends through the transport, renews an OAuth2 token once on 401
	 * and repeats the call once, turns `errors[]` in a 2xx body into a MauticError, and validates the
	 * body against `schema`.
	 */
	async call<T>(
		request: HttpRequest,
		schema: z.ZodType<T>,
		options: { bodyErrors?: 'throw' | 'return' } = {},
	): Promise<{ status: number; body: T }> {
		type Outcome =
			| { ok: true; response: HttpResponse }
			| { ok: false; error: unknown; generation: number };
		const once = async (): Promise<Outcome> => {
			const { header, generation } = await this.auth.authorization();
			const prepared = header
				? { ...request, headers: { ...request.headers, Authorization: header } }
				: request;
			try {
				return { ok: true, response: await this.transport.request(prepared) };
			} catch (error) {
				return { ok: false, error, generation };
			}
		};
		let outcome = await once();
		if (!outcome.ok) {
			const failure = outcome.error;
			if (failure instanceof MauticError && failure.status === 429) {
				// Not repeated here (the limit is per hour), but the same call succeeds once it resets.
				throw new MauticError({
					kind: failure.kind,
					status: 429,
					code: failure.code,
					message: failure.message,
					retryable: true,
					attempts: failure.attempts,
					details: failure.details,
					secrets: this.secrets,
				});
			}
			if (!(failure instanceof MauticError) || failure.status !== 401 || !this.auth.refreshable)
				throw failure;
			// A 401 was refused before Mautic did anything, so repeating even a POST is safe.
			await this.auth.refresh(outcome.generation);
			outcome = await once();
			if (!outcome.ok) {
				const again = outcome.error;
				if (again instanceof MauticError && again.status === 401) {
					throw this.error({
						status: 401,
						code: again.code,
						message: `${again.message}; refused again after renewing the OAuth2 token`,
						request,
						messages: again.details?.messages,
					});
				}
				throw again;
			}
		}
		const { response } = outcome;
		if ((options.bodyErrors ?? 'throw') === 'throw') {
			const failure = mauticFailure(response.body);
			if (failure) {
				throw this.error({
					status: response.status,
					code: failure.code,
					message: `Mautic ${response.status}${failure.code ? ` ${failure.code}` : ''}: ${failure.message ?? 'request failed'}`,
					request,
					messages: failure.messages,
				});
			}
		}
		return {
			status: response.status,
			body: this.parse(response.body, schema, request, response.status),
		};
	}

	error(init: {
		status?: number;
		code?: string;
		message: string;
		request: HttpRequest;
		messages?: string[];
		kind?: 'http' | 'schema';
	}): MauticError {
		const path = requestPath(init.request.url);
		return new MauticError({
			kind: init.kind ?? 'http',
			status: init.status,
			code: init.code,
			message: `${init.message} (${init.request.method} ${path})`,
			details: {
				method: init.request.method,
				path,
				...(init.messages && { messages: init.messages }),
			},
			secrets: this.secrets,
		});
	}

	parse<T>(body: unknown, schema: z.ZodType<T>, request: HttpRequest, status: number): T {
		if (typeof body === 'string' && schema !== (anyBody as unknown)) {
			const title = htmlTitle(body);
			throw this.error({
				kind: 'schema',
				status,
				code: 'NOT_JSON',
				message: `Mautic answered with ${title ? `an HTML page (${title})` : 'text that is not JSON'} instead of JSON (status ${status})`,
				request,
			});
		}
		const result = schema.safeParse(body);
		if (result.success) return result.data;
		const issues = result.error.issues.map(
			(issue) => `${formatIssuePath(issue.path)}: ${issue.message}`,
		);
		throw this.error({
			kind: 'schema',
			status,
			code: 'SCHEMA_MISMATCH',
			message: `Mautic returned an unexpected response at ${issues.slice(0, 3).join('; ')}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ''}`,
			request,
		});
	}

	/**
	 * Yields every row of a standard list (`{total, <key>: {...} | [...]}`), paging with start/limit
	 * until `total` is reached (or, without a total, a short page). Rows seen twice are skipped; a
	 * page with nothing new means the order is not stable and stops with an error.
	 */
	async *paginate<T>(
		path: string,
		listKey: string,
		itemSchema: z.ZodType<T>,
		options: PaginateOptions<T> = {},
	): AsyncGenerator<T> {
		const pageSize = this.checkPageSize(options.pageSize ?? this.pageSize);
		const { limit } = options;
		const pageSchema = TotalSchema.extend({
			[listKey]: keyedList(itemSchema).optional(),
		}) as unknown as z.ZodType<{ total?: number } & Record<string, T[] | undefined>>;
		const seen = new Set<string>();
		let start = 0;
		let yielded = 0;
		while (limit === undefined || yielded < limit) {
			const want = limit === undefined ? pageSize : Math.min(pageSize, limit - yielded);
			const { body } = await this.call(
				{ method: 'GET', url: this.apiUrl(path), qs: { ...options.qs, start, limit: want } },
				pageSchema,
			);
			if (options.missing && body[listKey] === undefined && body.total === undefined)
				throw options.missing(body as Record<string, unknown>);
			const raw = (body[listKey] as T[] | undefined) ?? [];
			const items = options.sortPage ? options.sortPage(raw) : raw;
			let fresh = 0;
			for (const item of items) {
				if (limit !== undefined && yielded >= limit) return;
				const key = options.keyOf?.(item);
				if (key !== undefined) {
					if (seen.has(key)) continue;
					seen.add(key);
				}
				fresh += 1;
				yielded += 1;
				yield item;
			}
			start += items.length;
			const total = body.total;
			if (items.length === 0) return;
			if (total !== undefined ? start >= total : items.length < want) return;
			if (fresh === 0) {
				throw new MauticError({
					kind: 'schema',
					code: 'PAGING_STUCK',
					message: `Mautic returned the same ${listKey} again at start=${start - items.length}; is the order stable?`,
				});
			}
		}
	}
}
