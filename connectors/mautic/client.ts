// Mautic 5.x REST client (mautic.md) on the shared transport. It touches contacts (upsert by email
// that never blanks a field, exact email lookup, tags, points), do-not-contact per channel, template
// email and SMS sends to one contact, segment/campaign membership, campaign clone/create, email stats
// and the contact timeline. What it handles that Mautic makes easy to get wrong: failures reported in
// `errors[]` on HTTP 200, SMS failures as 200 (one of them a double-encoded JSON string), id-keyed
// lists with string totals, start/limit/total paging, batches capped at 200, the API being disabled by
// default, and OAuth2 tokens that expire (renewed once, call repeated once). It never decides consent:
// the single-contact email send IGNORES do-not-contact, so callers check `isDoNotContact` first.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { MauticError, createTransport, fetchAdapter, htmlTitle, n8nAdapter } from '../http';
import type {
	HttpAdapter,
	HttpRequest,
	HttpResponse,
	N8nHttpContext,
	QueryValue,
	Transport,
	TransportOptions,
} from '../http';
import {
	AdapterAuth,
	ClientCredentialsAuth,
	HookAuth,
	isClientCredentials,
	n8nTokenRefresher,
} from './auth';
import type { AuthStrategy, IssuedToken, MauticOAuthOptions } from './auth';
import {
	doNotContactEntry,
	isDoNotContact,
	normaliseEmail,
	tagChanges,
	unwrittenFields,
	upsertPayload,
} from './contact';
import type { ContactInput, HasDoNotContact, UnwrittenField } from './contact';
import { copyCampaignSpec, copyDifferences, prepareCampaign } from './campaign';
import type { CampaignSpec } from './campaign';
import { mauticDbTime, parseMauticDate } from './dates';
import { classifyMauticRetry, decodeMauticError, mauticFailure, unwrapJsonString } from './errors';
import {
	ActivityPageSchema,
	CampaignEnvelopeSchema,
	CatalogEntrySchema,
	ContactEnvelopeSchema,
	ContactSchema,
	CountSchema,
	DncRemoveSchema,
	EmailSchema,
	SegmentSendSchema,
	SmsSendSchema,
	StatRowSchema,
	SuccessSchema,
	TokenResponseSchema,
	UserSchema,
	keyedList,
} from './schemas';
import type {
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

/** Mautic's `api_batch_max_limit` (§2): larger batches are refused. */
export const MAUTIC_BATCH_MAX = 200;

/** The credential type this package ships (credentials/LeadToCloseMauticApi.credentials.ts). */
export const MAUTIC_CREDENTIAL_TYPE = 'leadToCloseMauticApi';

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

export type MauticAuth =
	| { type: 'basic'; username: string; password: string }
	| { type: 'oauth2'; clientId: string; clientSecret: string };

export type MauticConnectOptions = Omit<MauticClientOptions, 'adapter' | 'secrets' | 'oauth'> & {
	auth: MauticAuth;
	/** Injected fetch for tests. */
	fetch?: typeof fetch;
};

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

export interface ContactListOptions extends PageOptions {
	/** Mautic search syntax, e.g. `tag:quote-sent`, `segment:hot-leads` (email: is a LIKE match). */
	search?: string;
	where?: readonly WhereClause[];
	/** Column to order by; default `id` (stable for paging). */
	orderBy?: string;
	orderByDir?: 'ASC' | 'DESC';
}

/**
 * The lists the editor's dropdowns offer (issue 16): standard entity routes GET /api/{path}, answered by
 * FetchCommonApiController::getEntitiesAction as `{total, <key>}` (ListApiController names segments
 * `lists`); mautic/mautic 5.x commit 24271492a838.
 */
export const MAUTIC_CATALOGS = {
	emails: { path: 'emails', key: 'emails' },
	smses: { path: 'smses', key: 'smses' },
	campaigns: { path: 'campaigns', key: 'campaigns' },
	segments: { path: 'segments', key: 'lists' },
} as const;
export type MauticCatalog = keyof typeof MAUTIC_CATALOGS;

export interface CatalogOptions {
	/** Mautic's list search: a LIKE on the entity's name (and subject, description or alias). */
	search?: string;
	/** Only published rows (`published=1`: isPublished = true; publish-up/down dates are not checked). */
	publishedOnly?: boolean;
}

export interface CatalogPage {
	items: MauticCatalogEntry[];
	total: number;
	/** `start` of the next page, when there is one. */
	nextStart?: number;
}

export interface CampaignCopy {
	/** The template as it was read. */
	template: MauticCampaign;
	/** The new campaign, read back after creation. */
	campaign: MauticCampaign;
}

export interface UpsertResult {
	contact: MauticContact;
	/** True for 201 (a new contact), false for 200 (an existing contact with that email was updated). */
	created: boolean;
	/**
	 * Fields sent but not stored: Mautic drops values whose integer part is 0 (0, "0", 0.5, false) from
	 * POST and PATCH (`droppedByMautic`), so such a field keeps its old value or stays empty.
	 */
	notWritten: UnwrittenField[];
}

export type BatchUpsertItem =
	| {
			index: number;
			ok: true;
			created: boolean;
			contact: MauticContact;
			notWritten: UnwrittenField[];
	  }
	| { index: number; ok: false; status?: number; code?: string; message: string };

export interface PointsOptions {
	eventName?: string;
	actionName?: string;
}

export type PointsOperation = 'plus' | 'minus' | 'times' | 'divide';

export interface DncAddOptions {
	/** 1 unsubscribed, 2 bounced, 3 manual (default). */
	reason?: DncReason;
	comments?: string;
	/** Id of the entity (email, SMS) the opt-out relates to. */
	channelId?: number;
}

export interface EmailSendOptions {
	/** Token values; keys without braces are wrapped by Mautic (`quote_number` → `{quote_number}`). */
	tokens?: Record<string, string | number>;
	/** Asset ids attached to this send. */
	assetAttachments?: readonly number[];
}

export interface SmsSendResult {
	/** Mautic's translated status text, e.g. "Delivered" / "Sent". */
	status: string | null;
	result: unknown;
}

export interface SegmentEmailOptions {
	lists?: readonly number[];
	limit?: number;
	batch?: number;
}

export interface StatsOptions extends PageOptions {
	where?: readonly WhereClause[];
	order?: ReadonlyArray<{ col: string; dir: 'ASC' | 'DESC' }>;
}

export interface EmailStatsOptions extends PageOptions {
	contactId?: number;
	emailId?: number;
	/** Only sends on or after this instant (`date_sent >= …`); sent as UTC database time (dates.ts). */
	sentSince?: Date;
}

export interface ActivityOptions {
	/** Timeline event types, e.g. `email.sent`, `email.read`, `email.replied`, `email.failed`. */
	includeEvents?: readonly string[];
	/** Only events at or after this instant (ISO 8601). */
	since?: string;
	/** Events per page; default 25 (Mautic's). */
	pageSize?: number;
	/** Stop after this many events. */
	limit?: number;
}

/** Engagement of one contact since an instant, from the timeline (for "Sync engagement"). */
export interface Engagement {
	contactId: number;
	since: string | null;
	sent: number;
	opened: number;
	clicked: number;
	replied: number;
	failed: number;
	lastSentAt: string | null;
	lastOpenedAt: string | null;
	lastClickedAt: string | null;
	lastRepliedAt: string | null;
	/** The events counted (website page hits are not among them). */
	events: ActivityEvent[];
}

/**
 * Timeline event types read by `engagement`. A click on a tracked link of an email is a `page.hit`
 * whose `details.hit.source` is `email` (mautic/mautic 5.1.0 PageModel::processPageHit takes it from
 * the trackable's channel); every other page hit (website visits through mtc.js, landing pages) is
 * not a click on our message and is left out.
 */
export const ENGAGEMENT_EVENTS = {
	sent: 'email.sent',
	opened: 'email.read',
	replied: 'email.replied',
	failed: 'email.failed',
	clicked: 'page.hit',
} as const;

/**
 * True for a page.hit that is a click on a tracked link of an email: its hit's `source` is `email`
 * (page_hits.source, set from the trackable's channel; `details.hit` in the API's timeline).
 */
export function isEmailClick(event: ActivityEvent): boolean {
	if (event.event !== ENGAGEMENT_EVENTS.clicked) return false;
	const details = event.details;
	const hit =
		details && typeof details === 'object' ? (details as { hit?: unknown }).hit : undefined;
	return !!hit && typeof hit === 'object' && (hit as { source?: unknown }).source === 'email';
}

const anyBody = z.unknown();
/** PHP turns an empty details array into `[]`. */
const SegmentAddSchema = z.looseObject({
	details: z
		.union([
			z.record(z.string(), z.looseObject({ success: z.unknown().optional() })),
			z.array(z.unknown()).length(0),
		])
		.transform(
			(value): Record<string, { success?: unknown }> => (Array.isArray(value) ? {} : value),
		)
		.optional(),
});
const TotalSchema = z.looseObject({ total: CountSchema.optional() });

function isPositiveId(value: number): boolean {
	return Number.isInteger(value) && value > 0;
}

function requireId(value: number, what: string): number {
	if (!isPositiveId(value))
		throw new RangeError(`${what} must be a positive integer id, got ${String(value)}`);
	return value;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
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

function pathOf(url: string): string {
	try {
		return decodeURIComponent(new URL(url).pathname);
	} catch {
		return url;
	}
}

function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
	let out = '';
	for (const key of path) {
		if (typeof key === 'number') out += `[${key}]`;
		else out += out === '' ? String(key) : `.${String(key)}`;
	}
	return out || '(root)';
}

function truthy(value: unknown): boolean {
	return value === true || value === 1 || value === '1' || value === 'true';
}

/** Epoch ms of a Mautic date or an ISO instant (connectors/mautic/dates.ts: zone-less text is UTC). */
function instant(value: string | null | undefined): number | undefined {
	return parseMauticDate(value)?.getTime();
}

/** Name order as Mautic's default collation gives it (case- and accent-insensitive), then id. */
function byName(items: readonly MauticCatalogEntry[]): MauticCatalogEntry[] {
	return [...items].sort(
		(a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id - b.id,
	);
}

function columnValue(contact: MauticContact, column: string): unknown {
	if (column === 'id') return contact.id;
	if (column in contact.fields) return contact.fields[column];
	return (contact as unknown as Record<string, unknown>)[column];
}

function compareValues(a: unknown, b: unknown): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const sa = a === undefined || a === null ? '' : String(a);
	const sb = b === undefined || b === null ? '' : String(b);
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function credentialString(credentials: ICredentialDataDecryptedObject, key: string): string {
	const value = credentials[key];
	return typeof value === 'string' ? value : '';
}

export class MauticClient {
	readonly baseUrl: string;

	private readonly transport: Transport;

	/** Shared with the transport by reference, so tokens obtained later are redacted too. */
	private readonly secrets: string[];

	private readonly auth: AuthStrategy;

	private readonly batchSize: number;

	private readonly pageSize: number;

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

	/** A client on global fetch for use outside n8n (scripts, benchmarks, tests). */
	static connect(options: MauticConnectOptions): MauticClient {
		const { auth, fetch: injectedFetch, ...rest } = options;
		if (auth.type === 'basic') {
			const basic = `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
			return new MauticClient({
				...rest,
				adapter: fetchAdapter({ headers: () => ({ Authorization: basic }), fetch: injectedFetch }),
				secrets: [auth.password, basic.slice('Basic '.length)],
			});
		}
		return new MauticClient({
			...rest,
			adapter: fetchAdapter({ fetch: injectedFetch }),
			oauth: { clientId: auth.clientId, clientSecret: auth.clientSecret },
		});
	}

	/**
	 * A client inside a node, from the decrypted `leadToCloseMauticApi` credential: n8n applies Basic
	 * auth or the credential's stored OAuth2 token, and an expired token is renewed through n8n.
	 */
	static forNode(
		context: N8nHttpContext,
		credentials: ICredentialDataDecryptedObject,
		options: Pick<MauticClientOptions, 'transport' | 'batchSize' | 'pageSize'> & {
			credentialType?: string;
		} = {},
	): MauticClient {
		const credentialType = options.credentialType ?? MAUTIC_CREDENTIAL_TYPE;
		const baseUrl = credentialString(credentials, 'baseUrl')
			.trim()
			.replace(/\/+$/, '')
			.replace(/\/api$/, '');
		const oauth = credentials.authType === 'oAuth2ClientCredentials';
		return new MauticClient({
			baseUrl,
			adapter: n8nAdapter(context, credentialType),
			secrets: ['password', 'clientSecret', 'accessToken']
				.map((key) => credentialString(credentials, key))
				.filter(Boolean),
			transport: options.transport,
			batchSize: options.batchSize,
			pageSize: options.pageSize,
			...(oauth && { oauth: { refresh: n8nTokenRefresher(context, credentialType, baseUrl) } }),
		});
	}

	/** True when the contact is on the DNC list for `channel`; Mautic's single-contact send ignores it. */
	static isDoNotContact(contact: HasDoNotContact, channel: MauticChannel): boolean {
		return isDoNotContact(contact, channel);
	}

	isDoNotContact(contact: HasDoNotContact, channel: MauticChannel): boolean {
		return isDoNotContact(contact, channel);
	}

	apiUrl(path: string): string {
		return `${this.baseUrl}/api/${path.replace(/^\/+/, '')}`;
	}

	private checkPageSize(pageSize: number): number {
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
	private async call<T>(
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

	private error(init: {
		status?: number;
		code?: string;
		message: string;
		request: HttpRequest;
		messages?: string[];
		kind?: 'http' | 'schema';
	}): MauticError {
		const path = pathOf(init.request.url);
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

	private parse<T>(body: unknown, schema: z.ZodType<T>, request: HttpRequest, status: number): T {
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
		options: PageOptions & {
			qs?: Record<string, QueryValue>;
			keyOf?: (item: T) => string | undefined;
			sortPage?: (items: T[]) => T[];
			/** Called for a 200 answer without the list and without a total (the list is not served). */
			missing?: (body: Record<string, unknown>) => Error;
		} = {},
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

	/** The API user the credential acts as (the credential test call). */
	async whoAmI(): Promise<MauticUser> {
		const { body } = await this.call({ method: 'GET', url: this.apiUrl('users/self') }, anyBody);
		const user =
			body && typeof body === 'object' && 'user' in body ? (body as { user: unknown }).user : body;
		return this.parse(user, UserSchema, { method: 'GET', url: this.apiUrl('users/self') }, 200);
	}

	// ---- contacts -------------------------------------------------------------------------------

	/**
	 * Creates or updates the contact with this email (POST /api/contacts/new dedupes by email: 201
	 * new, 200 updated). Only non-empty fields are sent, with overwriteWithBlank false, so nothing the
	 * caller left empty is cleared. Safe to repeat (the repeat finds the same contact).
	 */
	async upsertContact(input: ContactInput): Promise<UpsertResult> {
		const payload = upsertPayload(input);
		const { status, body } = await this.call(
			{ method: 'POST', url: this.apiUrl('contacts/new'), body: payload, idempotent: true },
			ContactEnvelopeSchema,
		);
		return {
			contact: body.contact,
			created: status === 201,
			notWritten: unwrittenFields(payload, body.contact.fields),
		};
	}

	/**
	 * Upserts many contacts through /api/contacts/batch/new in chunks of at most 200. Each input gets
	 * a result at its index; a refused item does not fail the others (batch errors are per item).
	 */
	async upsertContacts(inputs: readonly ContactInput[]): Promise<BatchUpsertItem[]> {
		const payloads = inputs.map((input) => upsertPayload(input));
		const results: BatchUpsertItem[] = [];
		let offset = 0;
		for (const chunk of chunks(payloads, this.batchSize)) {
			const { status, body } = await this.call(
				{ method: 'POST', url: this.apiUrl('contacts/batch/new'), body: chunk, idempotent: true },
				z.looseObject({
					contacts: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional(),
					statusCodes: z
						.union([z.array(z.unknown()), z.record(z.string(), z.unknown())])
						.optional(),
					errors: z.unknown().optional(),
				}),
				{ bodyErrors: 'return' },
			);
			const at = (list: unknown, i: number): unknown =>
				Array.isArray(list)
					? list[i]
					: list && typeof list === 'object'
						? (list as Record<string, unknown>)[String(i)]
						: undefined;
			for (let i = 0; i < chunk.length; i++) {
				const index = offset + i;
				const itemError = at(body.errors, i);
				const code = Number(at(body.statusCodes, i) ?? status);
				const rawContact = at(body.contacts, i);
				const failure =
					itemError !== undefined ? mauticFailure({ errors: [itemError] }) : undefined;
				if (failure || rawContact === undefined || rawContact === null || code >= 400) {
					results.push({
						index,
						ok: false,
						status: Number.isFinite(code) ? code : undefined,
						code: failure?.code,
						message: failure?.message ?? 'Mautic did not return this contact',
					});
					continue;
				}
				const contact = this.parse(
					rawContact,
					ContactSchema,
					{ method: 'POST', url: this.apiUrl('contacts/batch/new') },
					status,
				);
				results.push({
					index,
					ok: true,
					created: code === 201,
					contact,
					notWritten: unwrittenFields(chunk[i], contact.fields),
				});
			}
			offset += chunk.length;
		}
		return results;
	}

	async getContact(contactId: number): Promise<MauticContact> {
		const { body } = await this.call(
			{ method: 'GET', url: this.apiUrl(`contacts/${requireId(contactId, 'contactId')}`) },
			ContactEnvelopeSchema,
		);
		return body.contact;
	}

	/** Contacts page by page (start/limit/total); the keyed list is read with Object.values. */
	listContacts(options: ContactListOptions = {}): AsyncGenerator<MauticContact> {
		const orderBy = options.orderBy ?? 'id';
		const desc = options.orderByDir === 'DESC';
		return this.paginate('contacts', 'contacts', ContactSchema, {
			pageSize: options.pageSize,
			limit: options.limit,
			qs: {
				...(options.search !== undefined && { search: options.search }),
				...whereParams(options.where),
				orderBy,
				orderByDir: options.orderByDir ?? 'ASC',
			},
			keyOf: (contact) => String(contact.id),
			// JSON objects keyed by id lose the server's order when parsed (integer keys sort
			// ascending), so each page is put back in the requested order.
			sortPage: (items) =>
				[...items].sort((a, b) => {
					const c = compareValues(columnValue(a, orderBy), columnValue(b, orderBy)) || a.id - b.id;
					return desc ? -c : c;
				}),
		});
	}

	/**
	 * Every contact whose email is exactly `email` (case-insensitive), oldest first. `search=email:`
	 * alone is a LIKE match (§3), so the exact `where … eq` filter is sent too and the result is
	 * checked here as well.
	 */
	async findContactsByEmail(email: string): Promise<MauticContact[]> {
		const wanted = normaliseEmail(email);
		const out: MauticContact[] = [];
		for await (const contact of this.listContacts({
			search: `email:${wanted}`,
			where: [{ col: 'email', expr: 'eq', val: wanted }],
			pageSize: 30,
			limit: 500,
		})) {
			if (contact.email !== null && contact.email.toLowerCase() === wanted.toLowerCase())
				out.push(contact);
		}
		return out.sort((a, b) => a.id - b.id);
	}

	/** The oldest contact with exactly this email, or undefined. */
	async findContactByEmail(email: string): Promise<MauticContact | undefined> {
		return (await this.findContactsByEmail(email))[0];
	}

	/** Adds and removes tags (PATCH with `tag` / `-tag`; other tags and fields are kept). */
	async editTags(
		contactId: number,
		changes: { add?: readonly string[]; remove?: readonly string[] },
	): Promise<MauticContact> {
		const tags = tagChanges(changes.add, changes.remove);
		if (tags.length === 0) throw new RangeError('no tags to add or remove');
		const { body } = await this.call(
			{
				method: 'PATCH',
				url: this.apiUrl(`contacts/${requireId(contactId, 'contactId')}/edit`),
				body: { tags, overwriteWithBlank: false },
				// Adding or removing the same tag twice changes nothing.
				idempotent: true,
			},
			ContactEnvelopeSchema,
		);
		return body.contact;
	}

	async addTags(contactId: number, tags: readonly string[]): Promise<MauticContact> {
		return await this.editTags(contactId, { add: tags });
	}

	async removeTags(contactId: number, tags: readonly string[]): Promise<MauticContact> {
		return await this.editTags(contactId, { remove: tags });
	}

	/** POST /api/contacts/{id}/points/{op}/{delta}; not repeated after a failure that may have landed. */
	async adjustPoints(
		contactId: number,
		operation: PointsOperation,
		delta: number,
		options: PointsOptions = {},
	): Promise<void> {
		if (!Number.isInteger(delta) || delta < 0 || (delta === 0 && operation === 'divide')) {
			throw new RangeError(
				`points delta must be a non-negative integer (non-zero to divide), got ${delta}`,
			);
		}
		await this.call(
			{
				method: 'POST',
				url: this.apiUrl(
					`contacts/${requireId(contactId, 'contactId')}/points/${operation}/${delta}`,
				),
				body: {
					...(options.eventName !== undefined && { eventName: options.eventName }),
					...(options.actionName !== undefined && { actionName: options.actionName }),
				},
			},
			SuccessSchema,
		);
	}

	// ---- do not contact -------------------------------------------------------------------------

	/** The contact's DNC entry for `channel`, read fresh from Mautic (undefined = contactable). */
	async getDoNotContact(contactId: number, channel: MauticChannel): Promise<DncEntry | undefined> {
		return doNotContactEntry(await this.getContact(contactId), channel);
	}

	/** Puts the contact on the channel's DNC list (reason 3 "manual" unless given). */
	async addDoNotContact(
		contactId: number,
		channel: MauticChannel,
		options: DncAddOptions = {},
	): Promise<MauticContact> {
		const reason = options.reason ?? 3;
		if (![1, 2, 3].includes(reason))
			throw new RangeError(
				`DNC reason must be 1 (unsubscribed), 2 (bounced) or 3 (manual), got ${String(reason)}`,
			);
		const { body } = await this.call(
			{
				method: 'POST',
				url: this.apiUrl(`contacts/${requireId(contactId, 'contactId')}/dnc/${channel}/add`),
				body: {
					reason,
					...(options.comments !== undefined && { comments: options.comments }),
					...(options.channelId !== undefined && { channelId: options.channelId }),
				},
				idempotent: true,
			},
			ContactEnvelopeSchema,
		);
		return body.contact;
	}

	/** Takes the contact off the channel's DNC list; `recordFound` is false when it was not on it. */
	async removeDoNotContact(
		contactId: number,
		channel: MauticChannel,
	): Promise<{ recordFound: boolean; contact: MauticContact }> {
		const { body } = await this.call(
			{
				method: 'POST',
				url: this.apiUrl(`contacts/${requireId(contactId, 'contactId')}/dnc/${channel}/remove`),
				idempotent: true,
			},
			DncRemoveSchema,
		);
		return { recordFound: body.recordFound ?? false, contact: body.contact };
	}

	// ---- sending ----------------------------------------------------------------------------------

	/**
	 * Sends template email `emailId` to one contact with tokens and attachments. Mautic sends this as
	 * TRANSACTIONAL and IGNORES do-not-contact (§4): check `isDoNotContact(contact, 'email')` first.
	 * `{"success":false}` with HTTP 200 is an error. Never repeated after it may have been sent.
	 */
	async sendEmail(
		emailId: number,
		contactId: number,
		options: EmailSendOptions = {},
	): Promise<void> {
		const tokens: Record<string, string> = {};
		for (const [key, value] of Object.entries(options.tokens ?? {})) {
			if (key.trim() === '') throw new RangeError('token names must not be empty');
			tokens[key] = String(value);
		}
		const attachments = [...(options.assetAttachments ?? [])].map((id) => requireId(id, 'asset'));
		const request: HttpRequest = {
			method: 'POST',
			url: this.apiUrl(
				`emails/${requireId(emailId, 'emailId')}/contact/${requireId(contactId, 'contactId')}/send`,
			),
			body: {
				...(Object.keys(tokens).length > 0 && { tokens }),
				...(attachments.length > 0 && { assetAttachments: attachments }),
			},
		};
		const { body } = await this.call(
			request,
			z.looseObject({ success: z.unknown().optional(), failed: z.unknown().optional() }),
		);
		if (!truthy(body.success)) {
			const failed =
				body.failed === undefined
					? ''
					: `: ${typeof body.failed === 'string' ? body.failed : JSON.stringify(body.failed)}`;
			throw this.error({
				status: 200,
				code: 'send_failed',
				message: `Mautic 200 send_failed: the email was not sent${failed}`,
				request,
			});
		}
	}

	/**
	 * Sends SMS `smsId` to one contact. Mautic answers HTTP 200 whether or not it sent: `success:false`
	 * (DNC, no number, unpublished) and the double-encoded "SMS transport is disabled." string become
	 * MauticErrors. POST, because the send has side effects (the route accepts any method).
	 */
	async sendSms(smsId: number, contactId: number): Promise<SmsSendResult> {
		const request: HttpRequest = {
			method: 'POST',
			url: this.apiUrl(
				`smses/${requireId(smsId, 'smsId')}/contact/${requireId(contactId, 'contactId')}/send`,
			),
		};
		const { status, body } = await this.call(request, anyBody, { bodyErrors: 'return' });
		const value = unwrapJsonString(body);
		const failure = mauticFailure(value);
		const record =
			value && typeof value === 'object' && !Array.isArray(value)
				? (value as Record<string, unknown>)
				: undefined;
		if (failure || !record || !truthy(record.success)) {
			const smsStatus = typeof record?.status === 'string' ? record.status : undefined;
			const transportOff =
				failure?.message !== undefined && /transport is disabled/i.test(failure.message);
			const code = transportOff ? 'sms_transport_disabled' : (failure?.code ?? 'sms_failed');
			const reason = [failure?.message, smsStatus]
				.filter((s): s is string => s !== undefined && s !== '')
				.join('; ');
			const hint = transportOff
				? ' (configure an SMS transport, Twilio in Mautic 5, under Configuration → Text Message Settings)'
				: '';
			throw this.error({
				status,
				code,
				message: `Mautic ${status} ${code}: the SMS was not sent${reason ? `: ${reason}` : ''}${hint}`,
				request,
				messages: failure?.messages,
			});
		}
		const parsed = this.parse(record, SmsSendSchema, request, status);
		return { status: parsed.status ?? null, result: parsed.result ?? null };
	}

	/** Sends a published segment (`list`) email to its segments; DNC and resends are respected by Mautic. */
	async sendSegmentEmail(
		emailId: number,
		options: SegmentEmailOptions = {},
	): Promise<{ sentCount: number; failedRecipients: number }> {
		const { body } = await this.call(
			{
				method: 'POST',
				url: this.apiUrl(`emails/${requireId(emailId, 'emailId')}/send`),
				body: {
					...(options.lists !== undefined && { lists: [...options.lists] }),
					...(options.limit !== undefined && { limit: options.limit }),
					...(options.batch !== undefined && { batch: options.batch }),
				},
			},
			SegmentSendSchema,
		);
		return { sentCount: body.sentCount ?? 0, failedRecipients: body.failedRecipients ?? 0 };
	}

	// ---- campaigns and segments -------------------------------------------------------------------

	private async membership(
		kind: 'campaigns' | 'segments',
		id: number,
		contactId: number,
		action: 'add' | 'remove',
	): Promise<void> {
		await this.call(
			{
				method: 'POST',
				url: this.apiUrl(
					`${kind}/${requireId(id, kind === 'campaigns' ? 'campaignId' : 'segmentId')}/contact/${requireId(contactId, 'contactId')}/${action}`,
				),
				idempotent: true,
			},
			SuccessSchema,
		);
	}

	async addToCampaign(campaignId: number, contactId: number): Promise<void> {
		await this.membership('campaigns', campaignId, contactId, 'add');
	}

	/** Removed contacts are flagged manually_removed: their scheduled events no longer run (§6). */
	async removeFromCampaign(campaignId: number, contactId: number): Promise<void> {
		await this.membership('campaigns', campaignId, contactId, 'remove');
	}

	async addToSegment(segmentId: number, contactId: number): Promise<void> {
		await this.membership('segments', segmentId, contactId, 'add');
	}

	async removeFromSegment(segmentId: number, contactId: number): Promise<void> {
		await this.membership('segments', segmentId, contactId, 'remove');
	}

	/**
	 * POST /api/segments/{id}/contacts/add `{ids}` in chunks of at most 200. Mautic answers 200 whatever
	 * happened to each contact, with `details: {<id>: {success}}` (mautic/mautic 5.1.0
	 * ListApiController::addLeadsAction: a contact that is missing or not editable by the API user is
	 * `success: false`); those contacts come back in `failed`, and a contact missing from the details
	 * counts as failed too.
	 */
	async addContactsToSegment(
		segmentId: number,
		contactIds: readonly number[],
	): Promise<{ requests: number; added: number[]; failed: number[] }> {
		requireId(segmentId, 'segmentId');
		const ids = [...new Set(contactIds.map((id) => requireId(id, 'contactId')))];
		let requests = 0;
		const added: number[] = [];
		const failed: number[] = [];
		for (const chunk of chunks(ids, this.batchSize)) {
			const { body } = await this.call(
				{
					method: 'POST',
					url: this.apiUrl(`segments/${segmentId}/contacts/add`),
					body: { ids: chunk },
					idempotent: true,
				},
				SegmentAddSchema,
			);
			requests += 1;
			const details = body.details ?? {};
			for (const id of chunk) {
				if (truthy(details[String(id)]?.success)) added.push(id);
				else failed.push(id);
			}
		}
		return { requests, added, failed };
	}

	async getCampaign(campaignId: number): Promise<MauticCampaign> {
		const { body } = await this.call(
			{ method: 'GET', url: this.apiUrl(`campaigns/${requireId(campaignId, 'campaignId')}`) },
			CampaignEnvelopeSchema,
		);
		return body.campaign;
	}

	/**
	 * A new campaign with the template's steps, segments, forms and settings, checked after creation.
	 * Mautic's POST /api/campaigns/clone/{id} is not used: it copies no events, segments or forms
	 * (mautic/mautic 5.1.0 CampaignApiController::cloneCampaignAction, Campaign::__clone). Instead the
	 * template is read and rebuilt through POST /api/campaigns/new (`copyCampaignSpec`); a copy that
	 * comes back different is deleted again and reported, so no half-made campaign is left behind
	 * (unless the delete fails too, which the error says).
	 */
	async copyCampaign(
		templateId: number,
		options: { name?: string; isPublished?: boolean; segmentIds?: readonly number[] } = {},
	): Promise<CampaignCopy> {
		const template = await this.getCampaign(requireId(templateId, 'templateId'));
		const name = options.name?.trim() || `${template.name ?? `Campaign ${template.id}`} (copy)`;
		const spec = copyCampaignSpec(template, {
			name,
			isPublished: options.isPublished ?? false,
			segmentIds: options.segmentIds,
		});
		const copy = await this.createCampaign(spec);
		// The answer to /new is the saved entity; read it back the way an enrolment will see it.
		let differences: string[];
		let stored: MauticCampaign | undefined;
		try {
			stored = await this.getCampaign(copy.id);
			differences = copyDifferences(template, stored, options.segmentIds);
		} catch (error) {
			differences = [
				`a copy that could not be read back (${error instanceof Error ? error.message : String(error)})`,
			];
		}
		if (stored && differences.length === 0) return { template, campaign: stored };
		let cleanup = `Campaign ${copy.id} was deleted again.`;
		try {
			await this.deleteCampaign(copy.id);
		} catch (error) {
			cleanup = `Deleting campaign ${copy.id} failed too (${error instanceof Error ? error.message : String(error)}); delete it in Mautic.`;
		}
		throw this.error({
			status: 200,
			code: 'copy_incomplete',
			message: `Mautic's copy of campaign ${template.id} is not faithful: it has ${differences.join('; ')}. ${cleanup}`,
			request: { method: 'POST', url: this.apiUrl('campaigns/new') },
		});
	}

	/** DELETE /api/campaigns/{id}/delete (Mautic marks the campaign deleted). */
	async deleteCampaign(campaignId: number): Promise<void> {
		await this.call(
			{
				method: 'DELETE',
				url: this.apiUrl(`campaigns/${requireId(campaignId, 'campaignId')}/delete`),
				idempotent: true,
			},
			anyBody,
		);
	}

	/** Creates a campaign after `prepareCampaign`'s checks (email.send defaults to marketing). */
	async createCampaign(spec: CampaignSpec): Promise<MauticCampaign> {
		const { body } = await this.call(
			{ method: 'POST', url: this.apiUrl('campaigns/new'), body: prepareCampaign(spec) },
			CampaignEnvelopeSchema,
		);
		return body.campaign;
	}

	// ---- stats and engagement --------------------------------------------------------------------

	/** An email with its counters (sentCount, readCount, …). */
	async getEmail(emailId: number): Promise<MauticEmail> {
		const { body } = await this.call(
			{ method: 'GET', url: this.apiUrl(`emails/${requireId(emailId, 'emailId')}`) },
			z.object({ email: EmailSchema }),
		);
		return body.email;
	}

	private catalogQuery(options: CatalogOptions): Record<string, QueryValue> {
		const search = options.search?.trim();
		return {
			...(search ? { search } : {}),
			// FetchCommonApiController::addAliasIfNotPresent prefixes each column and
			// CommonRepository::buildOrderByClause orders by each with the one direction: name, then id
			// so that equal names keep their place from page to page.
			orderBy: 'name,id',
			orderByDir: 'ASC',
			// `minimal=1` swaps the entity's Details serializer group for its List group: no HTML bodies.
			minimal: 1,
			...(options.publishedOnly ? { published: 1 } : {}),
		};
	}

	/**
	 * One page of emails, text messages, campaigns or segments by name (what an editor dropdown shows
	 * at a time), with Mautic's total. The list arrives keyed by id, which JSON parsing reorders by id,
	 * so the page is put back in name order.
	 */
	async catalogPage(
		catalog: MauticCatalog,
		options: CatalogOptions & { start?: number; limit?: number } = {},
	): Promise<CatalogPage> {
		const { path, key } = MAUTIC_CATALOGS[catalog];
		const start = options.start ?? 0;
		const limit = this.checkPageSize(options.limit ?? this.pageSize);
		if (!Number.isInteger(start) || start < 0)
			throw new RangeError(`start must be a whole number, got ${start}`);
		const { body } = await this.call(
			{
				method: 'GET',
				url: this.apiUrl(path),
				qs: { ...this.catalogQuery(options), start, limit },
			},
			TotalSchema.extend({
				[key]: keyedList(CatalogEntrySchema).optional(),
			}) as unknown as z.ZodType<
				{ total?: number } & Record<string, MauticCatalogEntry[] | undefined>
			>,
		);
		const items = byName((body[key] as MauticCatalogEntry[] | undefined) ?? []);
		const total = body.total ?? start + items.length;
		const next = start + items.length;
		return { items, total, ...(items.length > 0 && next < total ? { nextStart: next } : {}) };
	}

	/** Every email, text message, campaign or segment (filtered as asked) by name, page by page. */
	listCatalog(
		catalog: MauticCatalog,
		options: CatalogOptions & PageOptions = {},
	): AsyncGenerator<MauticCatalogEntry> {
		const { path, key } = MAUTIC_CATALOGS[catalog];
		return this.paginate(path, key, CatalogEntrySchema, {
			pageSize: options.pageSize,
			limit: options.limit,
			qs: this.catalogQuery(options),
			keyOf: (entry) => String(entry.id),
			sortPage: byName,
		});
	}

	/** Rows of a raw stats table (`email_stats`, `page_hits`, …), paged with start/limit/total. */
	statsTable(table: string, options: StatsOptions = {}): AsyncGenerator<StatRow> {
		if (!/^[a-z0-9_]+$/i.test(table)) throw new RangeError(`not a stats table name: ${table}`);
		const order: Record<string, QueryValue> = {};
		(options.order ?? []).forEach((o, i) => {
			order[`order[${i}][col]`] = o.col;
			order[`order[${i}][dir]`] = o.dir;
		});
		return this.paginate(`stats/${table}`, 'stats', StatRowSchema, {
			pageSize: options.pageSize,
			limit: options.limit,
			qs: { ...whereParams(options.where), ...order },
			keyOf: (row) => (row.id === undefined || row.id === null ? undefined : String(row.id)),
			// mautic/mautic 5.1.0 StatsApiController::listAction answers 200 {availableTables, tableColumns}
			// for a table no subscriber serves to this user: say so instead of yielding nothing.
			missing: (body) => {
				const available = Array.isArray(body.availableTables)
					? body.availableTables.map(String).join(', ')
					: 'none listed';
				return this.error({
					status: 200,
					code: 'stats_table_unavailable',
					message: `Mautic does not serve the stats table ${table} to this API user (available: ${available})`,
					request: { method: 'GET', url: this.apiUrl(`stats/${table}`) },
				});
			},
		});
	}

	/** `email_stats` rows (one per send: is_read, open_count, date_read, …), newest first. */
	emailStats(options: EmailStatsOptions = {}): AsyncGenerator<StatRow> {
		const where: WhereClause[] = [];
		if (options.contactId !== undefined)
			where.push({ col: 'lead_id', expr: 'eq', val: requireId(options.contactId, 'contactId') });
		if (options.emailId !== undefined)
			where.push({ col: 'email_id', expr: 'eq', val: requireId(options.emailId, 'emailId') });
		if (options.sentSince !== undefined)
			where.push({ col: 'date_sent', expr: 'gte', val: mauticDbTime(options.sentSince) });
		return this.statsTable('email_stats', {
			where,
			order: [
				{ col: 'date_sent', dir: 'DESC' },
				{ col: 'id', dir: 'DESC' },
			],
			pageSize: options.pageSize,
			limit: options.limit,
		});
	}

	/**
	 * The contact's timeline events (`since` and later when given), page by page. Mautic pages the
	 * timeline PER EVENT TYPE: page n holds up to `pageSize` events of each type, merged and sorted
	 * (mautic/mautic 5.1.0 LeadTimelineEvent::getEventLimit/getEvents), so events are newest first
	 * within a page only, and an old event of one type says nothing about the next page of another.
	 * `since` is therefore sent as `filters[dateFrom]`, which bounds every type's query
	 * (TimelineTrait::getTimelineResults), and pages are read while `maxPages` (the largest type's
	 * total) says so or a type filled this page (email.replied reports no total of its own). Events
	 * before `since` are skipped, never a reason to stop.
	 */
	async *contactActivity(
		contactId: number,
		options: ActivityOptions = {},
	): AsyncGenerator<ActivityEvent> {
		requireId(contactId, 'contactId');
		const pageSize = this.checkPageSize(options.pageSize ?? 25);
		const sinceMs = instant(options.since);
		if (options.since !== undefined && sinceMs === undefined)
			throw new RangeError(`since is not a date: ${options.since}`);
		const filters: Record<string, QueryValue> = { 'filters[search]': '' };
		(options.includeEvents ?? []).forEach((type, i) => {
			filters[`filters[includeEvents][${i}]`] = type;
		});
		// DateTime's own zone is kept by ->format('Y-m-d H:i:s'); the database holds UTC, so send UTC.
		if (sinceMs !== undefined)
			filters['filters[dateFrom]'] = new Date(sinceMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
		const seen = new Set<string>();
		let yielded = 0;
		for (let page = 1; page <= 1000; page++) {
			const { body } = await this.call(
				{
					method: 'GET',
					url: this.apiUrl(`contacts/${contactId}/activity`),
					qs: { ...filters, limit: pageSize, page, 'order[0]': 'timestamp', 'order[1]': 'DESC' },
				},
				ActivityPageSchema,
			);
			const perType = new Map<string, number>();
			let fresh = 0;
			for (const event of body.events) {
				perType.set(event.event, (perType.get(event.event) ?? 0) + 1);
				const key = `${event.event}:${event.eventId ?? JSON.stringify([event.timestamp, event.label])}`;
				if (seen.has(key)) continue;
				seen.add(key);
				fresh += 1;
				const at = instant(event.timestamp);
				if (sinceMs !== undefined && at !== undefined && at < sinceMs) continue;
				if (options.limit !== undefined && yielded >= options.limit) return;
				yielded += 1;
				yield event;
			}
			const maxPages =
				body.maxPages ?? (body.total !== undefined ? Math.ceil(body.total / pageSize) : undefined);
			const aTypeFilledThePage = [...perType.values()].some((count) => count >= pageSize);
			if (body.events.length === 0 || fresh === 0) return;
			if (!(maxPages !== undefined && page < maxPages) && !aTypeFilledThePage) return;
		}
	}

	/** Sends, opens, clicks, replies and failures of one contact since `since`, from its timeline. */
	async engagement(
		contactId: number,
		options: { since?: string; limit?: number } = {},
	): Promise<Engagement> {
		const summary: Engagement = {
			contactId,
			since: options.since ?? null,
			sent: 0,
			opened: 0,
			clicked: 0,
			replied: 0,
			failed: 0,
			lastSentAt: null,
			lastOpenedAt: null,
			lastClickedAt: null,
			lastRepliedAt: null,
			events: [],
		};
		const latest = (current: string | null, next: string | null) =>
			next !== null && (current === null || (instant(next) ?? 0) > (instant(current) ?? 0))
				? next
				: current;
		for await (const event of this.contactActivity(contactId, {
			includeEvents: Object.values(ENGAGEMENT_EVENTS),
			since: options.since,
			limit: options.limit,
		})) {
			if (event.event === ENGAGEMENT_EVENTS.clicked && !isEmailClick(event)) continue;
			summary.events.push(event);
			switch (event.event) {
				case ENGAGEMENT_EVENTS.sent:
					summary.sent += 1;
					summary.lastSentAt = latest(summary.lastSentAt, event.timestamp);
					break;
				case ENGAGEMENT_EVENTS.opened:
					summary.opened += 1;
					summary.lastOpenedAt = latest(summary.lastOpenedAt, event.timestamp);
					break;
				case ENGAGEMENT_EVENTS.clicked:
					summary.clicked += 1;
					summary.lastClickedAt = latest(summary.lastClickedAt, event.timestamp);
					break;
				case ENGAGEMENT_EVENTS.replied:
					summary.replied += 1;
					summary.lastRepliedAt = latest(summary.lastRepliedAt, event.timestamp);
					break;
				case ENGAGEMENT_EVENTS.failed:
					summary.failed += 1;
					break;
			}
		}
		return summary;
	}
}
