// InvenTree REST client (inventree.md) on the shared transport: `Authorization: Token <key>`, the API
// version read once from `GET /api/` to pick version-gated paths, every list paged with an explicit
// `limit`/`offset` (a list without `limit` is the whole table as a bare array, which is tolerated but
// never asked for), and reads of what quoting needs: parts, categories, parameters, sale price breaks,
// the cached pricing summary, stock and exchange rates. DRF error bodies become InvenTreeErrors.
import { z } from 'zod/v4';

import { InvenTreeError, createTransport, fetchAdapter, n8nAdapter } from '../http';
import type {
	HttpAdapter,
	HttpRequest,
	N8nHttpContext,
	QueryValue,
	Transport,
	TransportOptions,
} from '../http';
import { classifyInvenTreeRetry, decodeInvenTreeError } from './errors';
import {
	AuthTokenSchema,
	CategorySchema,
	CategoryTreeRowSchema,
	CurrencyExchangeSchema,
	InfoSchema,
	LegacyPartParameterSchema,
	MeUserSchema,
	ParameterSchema,
	PartPricingSchema,
	PartSchema,
	SalePriceBreakSchema,
	StockItemSchema,
	pageSchema,
} from './schemas';
import type {
	InvenTreeAuthToken,
	InvenTreeCategory,
	InvenTreeCategoryTreeRow,
	InvenTreeCurrencyExchange,
	InvenTreeInfo,
	InvenTreeParameter,
	InvenTreePart,
	InvenTreePartPricing,
	InvenTreeSalePriceBreak,
	InvenTreeStockItem,
	InvenTreeUser,
} from './schemas';
import {
	MIN_API_VERSION,
	parameterEndpoints,
	supportsInlinePriceBreaks,
	tokenPaths,
} from './versions';
import type { ParameterEndpoint } from './versions';

type TransportSettings = Omit<
	TransportOptions,
	'service' | 'adapter' | 'decodeError' | 'classifyRetry' | 'secrets'
>;

export interface InvenTreeClientOptions {
	/** Server URL, e.g. https://inventree.example.com (a trailing `/` or `/api` is ignored). */
	baseUrl: string;
	/** `n8nAdapter(this, 'leadToCloseInvenTreeApi')` in a node, `fetchAdapter(...)` elsewhere. */
	adapter: HttpAdapter;
	/** The API token (and any other credential), so no error can ever echo them. */
	secrets?: readonly string[];
	/** Retry, timeout and concurrency settings (and test seams) passed to the transport. */
	transport?: TransportSettings;
	/** The server's API version when already known; skips the `GET /api/` detection. */
	apiVersion?: number;
	/** Rows per list request (always sent as `limit`); default 100. */
	pageSize?: number;
	/**
	 * The most rows a list may have for an incomplete paged read to be repaired by one unpaged read
	 * (see `list`); default 5000. Above it the read fails with `INCOMPLETE_LIST` instead.
	 */
	unpagedReadMax?: number;
}

export interface ListOptions {
	/** Rows per request; default the client's `pageSize`. */
	pageSize?: number;
	/** Stop after this many rows in total. */
	limit?: number;
}

export interface PartFilters {
	/** DRF search: every whitespace-separated term must match name, IPN, description, keywords, … */
	search?: string;
	/** A category pk, or null for parts without a category. */
	category?: number | null;
	/** With `category`: include sub-categories (InvenTree's default is true). */
	cascade?: boolean;
	active?: boolean;
	salable?: boolean;
	purchaseable?: boolean;
	hasStock?: boolean;
	hasPricing?: boolean;
	/** Exact internal part number (case-insensitive). */
	ipn?: string;
	/**
	 * One of PART_ORDERINGS, optionally with `-`, e.g. `name`, `-unallocated_stock`; default `id`. The
	 * client appends name, IPN and id as tiebreakers; a server drops the ones it cannot sort by (`id`
	 * before the v534 schema), so an older server orders by name (see `list` for completeness).
	 */
	ordering?: string;
	/** Embed the part's parameters. */
	parameters?: boolean;
	/** Embed the category (with `pathstring`). */
	categoryDetail?: boolean;
	/** Embed `category_path`: the category's ancestors and itself as `{pk, name}`, root first. */
	pathDetail?: boolean;
	/** Embed sale price breaks; only sent to servers with API ≥412 (older ones ignore it anyway). */
	priceBreaks?: boolean;
}

export type PartDetailOptions = Pick<
	PartFilters,
	'parameters' | 'categoryDetail' | 'pathDetail' | 'priceBreaks'
>;

export interface CategoryFilters {
	parent?: number | null;
	/** With `parent`: include all descendants. */
	cascade?: boolean;
	search?: string;
	structural?: boolean;
	topLevel?: boolean;
}

export interface StockFilters {
	part?: number;
	/** With `part`: include the stock of its variants (InvenTree's default is true). */
	includeVariants?: boolean;
	/** Only items that count as in stock (not shipped, consumed or installed). */
	inStock?: boolean;
	/** Only items not fully allocated. */
	available?: boolean;
	location?: number;
	/** With `location`: include sub-locations. */
	cascade?: boolean;
	salable?: boolean;
}

/** How much of one part there is, from the part's own annotations (inventree.md §5). */
export interface PartStock {
	part: number;
	/** Stock of the part itself. */
	in_stock: number;
	/** in_stock plus the stock of its variants. */
	total_in_stock: number;
	/** total_in_stock minus sales- and build-order allocations: what a quote may promise. */
	unallocated_stock: number;
	/** The stock items, when asked for. */
	items?: InvenTreeStockItem[];
}

export interface ObtainTokenOptions {
	baseUrl: string;
	username: string;
	password: string;
	/** The token's name on the server; InvenTree's default when omitted. */
	name?: string;
	transport?: TransportSettings;
	/** Injected for tests; default global fetch. */
	fetch?: typeof fetch;
}

const anyBody = z.unknown();

/**
 * Fields InvenTree can sort parts by: PartList.ordering_fields (inventree/InvenTree
 * src/backend/InvenTree/part/api.py @ 002cd31e) plus `id` and `revision` of the v534 schema's enum.
 * DRF drops any other field silently, so the client refuses it instead.
 */
export const PART_ORDERINGS = [
	'id',
	'name',
	'IPN',
	'revision',
	'creation_date',
	'in_stock',
	'total_in_stock',
	'unallocated_stock',
	'category',
	'units',
	'pricing_min',
	'pricing_max',
	'pricing_updated',
] as const;

/** Tiebreakers after the asked part ordering: name, IPN, then the pk where the server sorts by it. */
const PART_TIEBREAK = ['name', 'IPN', 'id'];

function topLevel(filters: CategoryFilters): boolean {
	return filters.parent === null || (filters.parent === undefined && filters.topLevel === true);
}

function partOrdering(asked: string | undefined): string {
	const first = (asked ?? 'id').trim();
	const field = first.replace(/^-/, '');
	if (!(PART_ORDERINGS as readonly string[]).includes(field)) {
		throw new RangeError(
			`ordering "${first}" is not a field InvenTree sorts parts by (one of ${PART_ORDERINGS.join(', ')}, optionally with "-")`,
		);
	}
	return [first, ...PART_TIEBREAK.filter((f) => f !== field)].join(',');
}

function boolParam(value: boolean | undefined): QueryValue {
	return value === undefined ? undefined : value ? 'true' : 'false';
}

function rowKey(row: unknown): number | undefined {
	const pk = row && typeof row === 'object' ? (row as { pk?: unknown }).pk : undefined;
	return typeof pk === 'number' ? pk : undefined;
}

function toParameter(
	row: {
		pk: number;
		template: number;
		data: string;
		data_numeric?: number | null;
		template_detail: { name: string; units?: string | null };
	},
	part: number,
): InvenTreeParameter {
	return {
		pk: row.pk,
		part,
		template: row.template,
		name: row.template_detail.name,
		units: row.template_detail.units ?? '',
		data: row.data,
		data_numeric: row.data_numeric ?? null,
	};
}

function incompleteList(
	message: string,
	path: string,
	expected: number,
	received: number,
): InvenTreeError {
	return new InvenTreeError({
		kind: 'schema',
		code: 'INCOMPLETE_LIST',
		message,
		details: { method: 'GET', path, messages: [`${received} of ${expected} rows`] },
	});
}

function normaliseBaseUrl(baseUrl: string): string {
	return baseUrl
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/api$/, '');
}

function positiveInteger(value: number, what: string): number {
	if (!Number.isInteger(value) || value < 1) {
		throw new RangeError(`${what} must be a positive integer, got ${value}`);
	}
	return value;
}

/** The n8n credential type of InvenTree (credentials/LeadToCloseInvenTreeApi.credentials.ts). */
export const INVENTREE_CREDENTIAL_TYPE = 'leadToCloseInvenTreeApi';

export class InvenTreeClient {
	readonly baseUrl: string;

	private readonly transport: Transport;

	private readonly pageSize: number;

	private info?: Promise<InvenTreeInfo>;

	private readonly knownVersion?: number;

	private readonly unpagedReadMax: number;

	constructor(options: InvenTreeClientOptions) {
		this.baseUrl = normaliseBaseUrl(options.baseUrl);
		this.pageSize = positiveInteger(options.pageSize ?? 100, 'pageSize');
		this.unpagedReadMax = positiveInteger(options.unpagedReadMax ?? 5000, 'unpagedReadMax');
		this.knownVersion = options.apiVersion;
		this.transport = createTransport({
			...options.transport,
			service: 'InvenTree',
			adapter: options.adapter,
			secrets: options.secrets,
			decodeError: decodeInvenTreeError,
			classifyRetry: classifyInvenTreeRetry,
			defaultHeaders: { Accept: 'application/json', ...options.transport?.defaultHeaders },
		});
	}

	/** A client inside a node, from the decrypted `leadToCloseInvenTreeApi` credential; the token is kept out of every error. */
	static forNode(
		context: N8nHttpContext,
		credentials: { baseUrl?: unknown; apiToken?: unknown },
		options: Pick<InvenTreeClientOptions, 'transport' | 'pageSize'> = {},
	): InvenTreeClient {
		return new InvenTreeClient({
			baseUrl: String(credentials.baseUrl ?? ''),
			adapter: n8nAdapter(context, INVENTREE_CREDENTIAL_TYPE),
			secrets: [String(credentials.apiToken ?? '')].filter(Boolean),
			...options,
		});
	}

	/** A client on global fetch with `Authorization: Token <token>`, for use outside n8n. */
	static withToken(
		options: Omit<InvenTreeClientOptions, 'adapter' | 'secrets'> & {
			token: string;
			fetch?: typeof fetch;
		},
	): InvenTreeClient {
		const { token, fetch: doFetch, ...rest } = options;
		return new InvenTreeClient({
			...rest,
			adapter: fetchAdapter({
				headers: () => ({ Authorization: `Token ${token}` }),
				fetch: doFetch,
			}),
			secrets: [token],
		});
	}

	/**
	 * Asks the server for an API token with Basic auth (inventree.md §1): `GET /api/user/me/token/`
	 * from API 490, `/api/user/token/` before, trying the other path when the first answers 404. The
	 * key is returned once; store it as a secret.
	 */
	static async obtainToken(options: ObtainTokenOptions): Promise<InvenTreeAuthToken> {
		const basic = `Basic ${Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64')}`;
		const client = new InvenTreeClient({
			baseUrl: options.baseUrl,
			adapter: fetchAdapter({ headers: () => ({ Authorization: basic }), fetch: options.fetch }),
			secrets: [options.password, basic.slice('Basic '.length)],
			transport: options.transport,
		});
		const [first, second] = tokenPaths(await client.apiVersion());
		const qs = { name: options.name };
		let failure: unknown;
		try {
			return await client.get(first, qs, AuthTokenSchema);
		} catch (error) {
			failure = error;
		}
		if (!(failure instanceof InvenTreeError && failure.status === 404)) throw failure;
		return await client.get(second, qs, AuthTokenSchema);
	}

	url(path: string): string {
		return `${this.baseUrl}${path.startsWith('/') ? path : `/${path}`}`;
	}

	private async get<T>(
		path: string,
		qs: Record<string, QueryValue> | undefined,
		schema: z.ZodType<T>,
	): Promise<T> {
		const request: HttpRequest = { method: 'GET', url: this.url(path), ...(qs && { qs }) };
		return (await this.transport.request(request, schema)).body;
	}

	/** Server information from `GET /api/` (no authentication needed), read once per client. */
	async apiInfo(): Promise<InvenTreeInfo> {
		if (!this.info) {
			this.info = this.get('/api/', undefined, InfoSchema);
			void this.info.catch(() => {
				this.info = undefined;
			});
		}
		return await this.info;
	}

	/** The server's integer API version (the option given to the constructor, else `GET /api/`). */
	async apiVersion(): Promise<number> {
		if (this.knownVersion !== undefined) return this.knownVersion;
		const info = await this.apiInfo();
		if (info.apiVersion < MIN_API_VERSION) {
			throw new InvenTreeError({
				kind: 'schema',
				code: 'UNSUPPORTED_VERSION',
				message: `InvenTree ${info.version} speaks API version ${info.apiVersion}; this connector needs ${MIN_API_VERSION} or newer`,
			});
		}
		return info.apiVersion;
	}

	/** The user the token belongs to (`GET /api/user/me/`, needs authentication: the credential test). */
	async whoAmI(): Promise<InvenTreeUser> {
		return await this.get('/api/user/me/', undefined, MeUserSchema);
	}

	/**
	 * Yields every row of a list endpoint, paging with `limit`/`offset` until `next` is null, the
	 * count is reached or a page is empty, each row once (by pk). A bare array (a server that ignored
	 * `limit`) is taken as the complete list.
	 *
	 * Then it checks the read was complete (ADR 0010): the distinct rows must reach the server's count
	 * (or `limit`). Servers before the pk tiebreak (inventree/InvenTree PR #11446, 2026-03) order rows
	 * that tie on the sort key differently per query, so offset paging can repeat some rows and skip
	 * others. When rows are missing, the list is read once more without `limit` (one query, so nothing
	 * can shift) when the count is at most `unpagedReadMax`, and the missing rows are yielded; else,
	 * or when that read is short too, an InvenTreeError `INCOMPLETE_LIST` names the endpoint and numbers.
	 */
	async *list<T>(
		path: string,
		query: Record<string, QueryValue>,
		itemSchema: z.ZodType<T>,
		options: ListOptions = {},
	): AsyncGenerator<T> {
		const pageSize = positiveInteger(options.pageSize ?? this.pageSize, 'pageSize');
		const limit = options.limit;
		if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
			throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
		}
		const schema = pageSchema(itemSchema);
		const seen = new Set<number>();
		let offset = 0;
		let yielded = 0;
		let count: number | undefined;
		const fresh = (row: T): boolean => {
			const key = rowKey(row);
			if (key === undefined) return true;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		};
		while (limit === undefined || yielded < limit) {
			const want = limit === undefined ? pageSize : Math.min(pageSize, limit - yielded);
			const page = await this.get(path, { ...query, limit: want, offset }, schema);
			for (const row of page.results) {
				if (limit !== undefined && yielded >= limit) return;
				if (!fresh(row)) continue;
				yielded += 1;
				yield row;
			}
			if (page.bare) return;
			count = page.count;
			if (page.results.length === 0 || page.next === null) break;
			offset += page.results.length;
			if (offset >= page.count) break;
		}
		const expected = Math.min(count ?? 0, limit ?? Number.POSITIVE_INFINITY);
		if (yielded >= expected) return;

		const pagedShort = `InvenTree paged ${path} to ${yielded} distinct rows of ${expected}`;
		const total = count ?? expected;
		if (total > this.unpagedReadMax) {
			throw incompleteList(
				`${pagedShort} (rows that tie on the sort order move between pages on servers before InvenTree PR #11446); the ${total} rows are more than ${this.unpagedReadMax} to read in one request: narrow the filters or upgrade InvenTree`,
				path,
				expected,
				yielded,
			);
		}
		const all = await this.get(path, query, schema);
		for (const row of all.results) {
			if (limit !== undefined && yielded >= limit) return;
			if (!fresh(row)) continue;
			yielded += 1;
			yield row;
		}
		if (yielded < Math.min(expected, all.bare ? all.results.length : expected)) {
			throw incompleteList(
				`${pagedShort}, and the unpaged read still lacks ${expected - yielded}`,
				path,
				expected,
				yielded,
			);
		}
	}

	/** All rows of `list` in one array. */
	async listAll<T>(
		path: string,
		query: Record<string, QueryValue>,
		itemSchema: z.ZodType<T>,
		options: ListOptions = {},
	): Promise<T[]> {
		const out: T[] = [];
		for await (const row of this.list(path, query, itemSchema, options)) out.push(row);
		return out;
	}

	private async partQuery(filters: PartDetailOptions): Promise<Record<string, QueryValue>> {
		const inline =
			filters.priceBreaks === true && supportsInlinePriceBreaks(await this.apiVersion());
		return {
			parameters: boolParam(filters.parameters),
			category_detail: boolParam(filters.categoryDetail),
			path_detail: boolParam(filters.pathDetail),
			price_breaks: inline ? 'true' : undefined,
		};
	}

	/** `GET /api/part/` with the given filters, every page. */
	async *parts(
		filters: PartFilters = {},
		options: ListOptions = {},
	): AsyncGenerator<InvenTreePart> {
		const query: Record<string, QueryValue> = {
			...(await this.partQuery(filters)),
			search: filters.search,
			category: filters.category === null ? 'null' : filters.category,
			// `category=null` filters nothing unless cascade=false on servers before the v534 schema
			// (part/api.py @ 002cd31e PartList.filter_queryset): parts "without a category" need both.
			cascade: filters.category === null ? 'false' : boolParam(filters.cascade),
			active: boolParam(filters.active),
			salable: boolParam(filters.salable),
			purchaseable: boolParam(filters.purchaseable),
			has_stock: boolParam(filters.hasStock),
			has_pricing: boolParam(filters.hasPricing),
			IPN: filters.ipn,
			ordering: partOrdering(filters.ordering),
		};
		yield* this.list('/api/part/', query, PartSchema, options);
	}

	/** `GET /api/part/{id}/`. */
	async part(id: number, options: PartDetailOptions = {}): Promise<InvenTreePart> {
		return await this.get(
			`/api/part/${positiveInteger(id, 'part id')}/`,
			await this.partQuery(options),
			PartSchema,
		);
	}

	/** `GET /api/part/category/`, every page. */
	async *categories(
		filters: CategoryFilters = {},
		options: ListOptions = {},
	): AsyncGenerator<InvenTreeCategory> {
		yield* this.list(
			'/api/part/category/',
			{
				// `parent` is a ModelChoiceFilter (`null` is a 400); top-level categories are cascade=false
				// without a parent on every version (CategoryFilter.filter_cascade, part/api.py @
				// 002cd31e) and top_level=true where the filter exists (v534 schema).
				parent: filters.parent ?? undefined,
				cascade: topLevel(filters) ? 'false' : boolParam(filters.cascade),
				search: filters.search,
				structural: boolParam(filters.structural),
				top_level: topLevel(filters) ? 'true' : undefined,
				// CategoryList orders by tree_id, lft by default (part/api.py @ 002cd31e): unique per
				// category (django-mptt), so pages cannot shift on any version.
				ordering: 'tree_id,lft',
			},
			CategorySchema,
			options,
		);
	}

	/**
	 * `GET /api/part/category/tree/`: every category as a flat row with parent and level (nest with
	 * buildCategoryTree). `level` sorts by level, then name (CategoryTree.ordering_field_aliases).
	 */
	async categoryTree(options: ListOptions = {}): Promise<InvenTreeCategoryTreeRow[]> {
		return await this.listAll(
			'/api/part/category/tree/',
			{ ordering: 'level' },
			CategoryTreeRowSchema,
			options,
		);
	}

	/**
	 * A part's parameters: `/api/parameter/?model_type=part&model_id=` from API 430,
	 * `/api/part/parameter/?part=` before; the other endpoint is tried when the first answers 404.
	 */
	async partParameters(partId: number): Promise<InvenTreeParameter[]> {
		positiveInteger(partId, 'part id');
		const [preferred, fallback] = parameterEndpoints(await this.apiVersion());
		let failure: unknown;
		try {
			return await this.parametersFrom(preferred, partId);
		} catch (error) {
			failure = error;
		}
		if (!(failure instanceof InvenTreeError && failure.status === 404)) throw failure;
		return await this.parametersFrom(fallback, partId);
	}

	private async parametersFrom(
		endpoint: ParameterEndpoint,
		partId: number,
	): Promise<InvenTreeParameter[]> {
		if (endpoint.generic) {
			const rows = await this.listAll(
				endpoint.path,
				{ ...endpoint.query(partId), ordering: 'template' },
				ParameterSchema,
			);
			return rows.map((r) => toParameter(r, r.model_id));
		}
		const rows = await this.listAll(
			endpoint.path,
			endpoint.query(partId),
			LegacyPartParameterSchema,
		);
		return rows.map((r) => toParameter(r, r.part));
	}

	/**
	 * Sale price breaks (`/api/part/sale-price/`), ordered by quantity; of one part (quantity is unique
	 * per part, so paging is stable), or of all parts when `partId` is omitted (one paged read instead of
	 * one request per part; the quantity-1 breaks of all parts tie, see `list`). Each break carries its
	 * own `price_currency`.
	 */
	async salePriceBreaks(
		partId?: number,
		options: ListOptions = {},
	): Promise<InvenTreeSalePriceBreak[]> {
		return await this.listAll(
			'/api/part/sale-price/',
			{
				part: partId === undefined ? undefined : positiveInteger(partId, 'part id'),
				ordering: 'quantity',
			},
			SalePriceBreakSchema,
			options,
		);
	}

	/** The cached pricing summary (`GET /api/part/{id}/pricing/`); values may be null or stale. */
	async pricing(partId: number): Promise<InvenTreePartPricing> {
		return await this.get(
			`/api/part/${positiveInteger(partId, 'part id')}/pricing/`,
			undefined,
			PartPricingSchema,
		);
	}

	/** `GET /api/stock/` with the given filters, every page (part details left out). */
	async *stockItems(
		filters: StockFilters = {},
		options: ListOptions = {},
	): AsyncGenerator<InvenTreeStockItem> {
		yield* this.list(
			'/api/stock/',
			{
				part: filters.part,
				include_variants: boolParam(filters.includeVariants),
				in_stock: boolParam(filters.inStock),
				available: boolParam(filters.available),
				location: filters.location,
				cascade: boolParam(filters.cascade),
				salable: boolParam(filters.salable),
				part_detail: 'false',
				// StockList sorts by part__name, quantity, location by default and has no `part` field
				// before the v534 schema (stock/api.py @ 00017400): ask for what every version has.
				ordering: 'part__name,quantity',
			},
			StockItemSchema,
			options,
		);
	}

	/**
	 * How much of a part is available: its `in_stock`, `total_in_stock` and `unallocated_stock`
	 * annotations (null counts as 0), plus its in-stock items when `items` is set. `unallocated_stock`
	 * is never below 0: current InvenTree clamps it (Greatest(…, 0) in PartSerializer.annotate_queryset),
	 * older servers (part/serializers.py @ 000b06c0) report an over-allocated part as negative.
	 */
	async partStock(partId: number, options: { items?: boolean } = {}): Promise<PartStock> {
		const part = await this.part(partId);
		const stock: PartStock = {
			part: part.pk,
			in_stock: part.in_stock ?? 0,
			total_in_stock: part.total_in_stock ?? part.in_stock ?? 0,
			unallocated_stock: Math.max(
				0,
				part.unallocated_stock ?? part.total_in_stock ?? part.in_stock ?? 0,
			),
		};
		if (options.items) {
			const items: InvenTreeStockItem[] = [];
			for await (const item of this.stockItems({ part: part.pk, inStock: true })) items.push(item);
			stock.items = items;
		}
		return stock;
	}

	/** `GET /api/currency/exchange/`: the server's base currency and its rates (1 base = rate × CODE). */
	async currencyExchange(): Promise<InvenTreeCurrencyExchange> {
		return await this.get('/api/currency/exchange/', undefined, CurrencyExchangeSchema);
	}

	/** Any other GET, validated against `schema` (default: anything). */
	async request<T = unknown>(
		path: string,
		qs?: Record<string, QueryValue>,
		schema?: z.ZodType<T>,
	): Promise<T> {
		return await this.get(path, qs, schema ?? (anyBody as z.ZodType<T>));
	}
}
