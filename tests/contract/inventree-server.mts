// A small in-memory InvenTree stand-in on node:http, following ../../../shared/reference/inventree.md and
// the v534 OpenAPI schema (../shared/reference/inventree/openapi-v534.yaml): Token/Basic auth with DRF's
// 401 `{"detail"}` bodies (§1), `GET /api/` without auth (§2), lists that answer a bare array without
// `limit` and `{count, next, previous, results}` with it (§3), parts, categories, the category tree,
// sale price breaks, pricing, stock, parameters and exchange rates (§4-6) with the version-gated paths
// (§2), DRF 400 field errors, 404 `{"detail"}` and the 500 body of InvenTree's exception handler (§7).
// It records every request and has a fault hook (429, 503, 500, a proxy's HTML 502, a reset socket).
// Seeded from samples/catalog.json when present, else from a small built-in catalog.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { formatMinorUnits } from '../../core/money.ts';
import { takeFault as takeSharedFault } from './faultQueue.mts';

export interface RecordedRequest {
	method: string;
	/** Path as sent (percent-decoded), no query. */
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	status: number;
	fault?: FaultKind;
}

export type FaultKind =
	| 'rate-limit' // 429 {"detail": "Request was throttled. …"} + Retry-After (a proxy or DRF throttle)
	| 'unavailable' // 503 {"detail": "Service temporarily unavailable, try again later."}
	| 'server-error' // 500 InvenTree.exceptions.exception_handler body
	| 'html-502' // 502 HTML page from the reverse proxy
	| 'reset'; // the socket is destroyed without an answer

export interface FaultSpec {
	kind: FaultKind;
	/** How many matching requests fail; default 1. */
	times?: number;
	method?: string;
	/** Only requests whose path starts with this string (or matches this RegExp). */
	path?: string | RegExp;
	/** For `rate-limit` and `unavailable`: the Retry-After seconds (none for `unavailable` by default). */
	retryAfterSeconds?: number;
}

export interface InvenTreeServerOptions {
	/** The API token; default a key in InvenTree's format. */
	token?: string;
	/** For Basic auth and the token endpoint. */
	username?: string;
	password?: string;
	/** `apiVersion` of `GET /api/`; gates parameters (430), price_breaks (412), the token path (490). */
	apiVersion?: number;
	/** The server's software version. */
	version?: string;
	/** Default currency (PartPricing.currency, /api/currency/exchange/ base). */
	baseCurrency?: string;
	/** 1 base = rate × CODE. */
	rates?: Record<string, number>;
	/** Money as the spec types it (decimal strings, default) or as floats (newer serializers). */
	moneyAs?: 'string' | 'number';
	/** The token has expired (401 "Token has expired"). */
	tokenExpired?: boolean;
	/**
	 * Whether list ordering ends with the pk (inventree/InvenTree PR #11446, merged 2026-03-02,
	 * InvenTree/filters.py @ 005f4862 InvenTreeOrderingFilter.get_ordering appends `pk`). Default: on
	 * from API 534 (schema export of master 2026-08-21, which contains the fix), off below; the API
	 * version of the fix itself is not recorded in api_version.py (the PR bumped none).
	 */
	pkTiebreak?: boolean;
	/** Seed of the per-request order of rows that tie on every ordering key (servers without the pk tiebreak). */
	tieSeed?: number;
	/** `samples` (samples/catalog.json, default when present), `small` (built in) or `empty`. */
	seed?: 'samples' | 'small' | 'empty';
	port?: number;
}

export interface CategoryRecord {
	pk: number;
	name: string;
	description: string;
	parent: number | null;
	structural: boolean;
	default_keywords: string | null;
}

export type PricingField =
	| 'bom_cost'
	| 'purchase_cost'
	| 'internal_cost'
	| 'supplier_price'
	| 'variant_cost'
	| 'override'
	| 'overall'
	| 'sale_price'
	| 'sale_history';

export interface PartRecord {
	pk: number;
	name: string;
	IPN: string;
	description: string;
	keywords: string | null;
	category: number | null;
	units: string;
	revision: string;
	/** ManufacturerPart.MPN values of the part (searched as manufacturer_parts__MPN). */
	mpns: string[];
	/** SupplierPart.SKU values of the part (searched as supplier_parts__SKU). */
	skus: string[];
	/** taggit tags (searched as tags__name and tags__slug). */
	tags: string[];
	active: boolean;
	salable: boolean;
	purchaseable: boolean;
	virtual: boolean;
	assembly: boolean;
	component: boolean;
	trackable: boolean;
	is_template: boolean;
	allocated_to_sales_orders: number;
	allocated_to_build_orders: number;
	/** Decimal strings in the base currency, e.g. `{ overall_min: '831.73', overall_max: '831.73' }`. */
	pricing: Partial<Record<`${PricingField}_${'min' | 'max'}`, string | null>>;
	pricing_updated: string | null;
	creation_date: string;
}

export interface SalePriceRecord {
	pk: number;
	part: number;
	quantity: number;
	/** Decimal string; null is allowed by the spec. */
	price: string | null;
	price_currency: string;
}

export interface StockRecord {
	pk: number;
	part: number;
	quantity: number;
	location: number | null;
	serial: string | null;
	batch: string | null;
	status: number;
	/** Quantity allocated to orders. */
	allocated: number;
	/** False once shipped, consumed or installed. */
	in_stock: boolean;
}

export interface TemplateRecord {
	pk: number;
	name: string;
	units: string;
	description: string;
}

export interface ParameterRecord {
	pk: number;
	part: number;
	template: number;
	data: string;
	data_numeric: number | null;
}

export interface NewPart {
	name: string;
	IPN?: string;
	description?: string;
	keywords?: string | null;
	category?: number | null;
	units?: string;
	active?: boolean;
	salable?: boolean;
	purchaseable?: boolean;
	virtual?: boolean;
	allocatedToSalesOrders?: number;
	allocatedToBuildOrders?: number;
	pricing?: PartRecord['pricing'];
	revision?: string;
	mpns?: string[];
	skus?: string[];
	tags?: string[];
	creationDate?: string;
}

export interface InvenTreeState {
	readonly token: string;
	readonly settings: Required<Omit<InvenTreeServerOptions, 'port' | 'seed' | 'token'>>;
	categories: Map<number, CategoryRecord>;
	parts: Map<number, PartRecord>;
	salePrices: Map<number, SalePriceRecord>;
	stock: Map<number, StockRecord>;
	templates: Map<number, TemplateRecord>;
	parameters: Map<number, ParameterRecord>;
	addCategory(input: { name: string; parent?: number | null; description?: string; structural?: boolean }): CategoryRecord;
	/** Adds "A", "A / B", … as needed and returns the last category. */
	addCategoryPath(path: string): CategoryRecord;
	addPart(input: NewPart): PartRecord;
	addSalePrice(part: number, quantity: number, price: string | number | null, currency?: string): SalePriceRecord;
	addStock(part: number, quantity: number, extra?: { allocated?: number; inStock?: boolean; location?: number | null }): StockRecord;
	addParameter(part: number, name: string, data: string, units?: string): ParameterRecord;
	clear(): void;
}

export interface InvenTreeServer {
	url: string;
	requests: RecordedRequest[];
	state: InvenTreeState;
	fault(spec: FaultSpec): void;
	stop(): Promise<void>;
}

const DEFAULT_TOKEN = 'inv-3f9c2a1b7d4e8f60a5b1c2d3e4f5a6b7c8d9e0f1-20270101';

/**
 * The API version whose behaviour this fake knows from the real source as "current": the schema export
 * inventree/schema export/534/api.yaml (master as of 2026-08-21; copy in ../shared/reference/inventree/).
 * Older behaviour is taken from older source files, cited where used: part/api.py @ 002cd31e and
 * part/serializers.py @ 000b06c0 (both before API 379: they still have PartStocktakeReport, which v379
 * removed), api_version.py @ 003cb382 (v385, 2025-08-15). Between 386 and 533 the exact version of each
 * change is not recorded; the fake treats those versions like the older source (the worse case).
 */
const CURRENT_API = 534;

/** One ordering field: the keys it sorts by (an alias can expand to several, InvenTreeOrderingFilter). */
type SortKey<T> = (row: T) => string | number;

interface OrderingSpec<T> {
	/** ordering_fields (after ordering_field_aliases) of the view. */
	fields: Record<string, Array<SortKey<T>>>;
	/** The view's `ordering`, used when no valid field was asked for. */
	default: string[];
}

class DrfError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(`HTTP ${status}`);
	}
}

const detail = (status: number, text: string, headers?: Record<string, string>) => new DrfError(status, { detail: text }, headers);
const fieldErrors = (errors: Record<string, string[]>) => new DrfError(400, errors);
const INVALID_CHOICE = 'Select a valid choice. That choice is not one of the available choices.';

/** django's str2bool / NullBooleanField: unknown strings mean "no filter". */
function boolFilter(value: string | undefined): boolean | undefined {
	if (value === undefined) return undefined;
	const v = value.trim().toLowerCase();
	if (['1', 'y', 'yes', 't', 'true', 'on'].includes(v)) return true;
	if (['0', 'n', 'no', 'f', 'false', 'off'].includes(v)) return false;
	return undefined;
}

/** A decimal string with the 6 decimal places of InvenTree's DecimalField ("12.5" → "12.500000"). */
function decimal6(value: string): string {
	const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
	if (!m) throw new Error(`not a decimal: ${value}`);
	const frac = (m[3] ?? '').padEnd(6, '0').slice(0, 6);
	return `${m[1]}${m[2]}.${frac}`;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

interface SampleItem {
	sku: string;
	name: string;
	description: string;
	category: string;
	manufacturer: string;
	keywords: string[];
	uom: string;
	unit_price: number;
	currency: string;
	price_breaks: Array<{ min_qty: number; unit_price: number }>;
	stock: number | null;
	cost?: number;
}

const SMALL_CATALOG: SampleItem[] = [
	{
		sku: 'PLC-1511',
		name: 'Compact PLC CPU 1511',
		description: 'PLC CPU with PROFINET, 150 KB work memory.',
		category: 'Automation / PLC',
		manufacturer: 'Siemens',
		keywords: ['plc', 'cpu', 'profinet'],
		uom: 'Nos',
		unit_price: 125000,
		currency: 'EUR',
		price_breaks: [{ min_qty: 3, unit_price: 121250 }],
		stock: 18,
		cost: 83173,
	},
	{
		sku: 'IO-DI16',
		name: 'Digital input module 16x24 V DC',
		description: 'Digital input module, 16 channels.',
		category: 'Automation / I/O Modules',
		manufacturer: 'Siemens',
		keywords: ['io', 'digital input', 'di'],
		uom: 'Nos',
		unit_price: 21900,
		currency: 'EUR',
		price_breaks: [
			{ min_qty: 10, unit_price: 20805 },
			{ min_qty: 50, unit_price: 19710 },
		],
		stock: 140,
	},
	{
		sku: 'CAB-ETH-CAT6',
		name: 'Industrial Ethernet cable CAT6, per meter',
		description: 'Shielded industrial Ethernet cable.',
		category: 'Cables',
		manufacturer: 'Lapp',
		keywords: ['cable', 'ethernet', 'cat6'],
		uom: 'Meter',
		unit_price: 395,
		currency: 'EUR',
		price_breaks: [{ min_qty: 100, unit_price: 350 }],
		stock: 1200,
	},
	{
		sku: 'SRV-COMM',
		name: 'Commissioning, per day',
		description: 'On-site commissioning by an automation engineer.',
		category: 'Services',
		manufacturer: 'Lead-to-Close Engineering',
		keywords: ['commissioning', 'service'],
		uom: 'Day',
		unit_price: 98000,
		currency: 'EUR',
		price_breaks: [],
		stock: null,
	},
];

function sampleCatalog(): SampleItem[] | undefined {
	const file = new URL('../../samples/catalog.json', import.meta.url);
	if (!existsSync(file)) return undefined;
	return JSON.parse(readFileSync(file, 'utf8')) as SampleItem[];
}

export async function startInvenTreeServer(options: InvenTreeServerOptions = {}): Promise<InvenTreeServer> {
	const token = options.token ?? DEFAULT_TOKEN;
	const settings = {
		username: options.username ?? 'quote-bot',
		password: options.password ?? 'correct horse battery staple',
		apiVersion: options.apiVersion ?? 534,
		version: options.version ?? '1.2.0',
		baseCurrency: options.baseCurrency ?? 'EUR',
		rates: options.rates ?? { EUR: 1, USD: 1.0843, GBP: 0.8571, JPY: 162.35 },
		moneyAs: options.moneyAs ?? 'string',
		tokenExpired: options.tokenExpired ?? false,
		pkTiebreak: options.pkTiebreak ?? (options.apiVersion ?? 534) >= CURRENT_API,
		tieSeed: options.tieSeed ?? 1,
	};
	const requests: RecordedRequest[] = [];
	const faults: Array<FaultSpec & { left: number }> = [];
	const counters = new Map<string, number>();
	const nextPk = (kind: string) => {
		const n = (counters.get(kind) ?? 0) + 1;
		counters.set(kind, n);
		return n;
	};

	// Indexes by part of the stock items, sale price breaks and parameters (the records are shared with
	// state.stock / salePrices / parameters, so in-place changes show in both), so listing 100,000 parts
	// does not scan every table once per part. Performance only: the answers are the ones cited where they
	// are built (PartSerializer.annotate_queryset in stockTotals, price_breaks and parameters in
	// serializePart), unchanged; tests/contract/inventree-server.test.mts pins them.
	const stockByPart = new Map<number, StockRecord[]>();
	const pricesByPart = new Map<number, SalePriceRecord[]>();
	const parametersByPart = new Map<number, ParameterRecord[]>();
	const state: InvenTreeState = {
		token,
		settings,
		categories: new Map(),
		parts: new Map(),
		salePrices: new Map(),
		stock: new Map(),
		templates: new Map(),
		parameters: new Map(),
		addCategory(input) {
			const rec: CategoryRecord = {
				pk: nextPk('category'),
				name: input.name,
				description: input.description ?? '',
				parent: input.parent ?? null,
				structural: input.structural ?? false,
				default_keywords: null,
			};
			this.categories.set(rec.pk, rec);
			return rec;
		},
		addCategoryPath(path) {
			let parent: CategoryRecord | undefined;
			for (const name of path.split(' / ').map((s) => s.trim()).filter(Boolean)) {
				const existing = [...this.categories.values()].find((c) => c.name === name && c.parent === (parent?.pk ?? null));
				parent = existing ?? this.addCategory({ name, parent: parent?.pk ?? null });
			}
			if (!parent) throw new Error(`empty category path: ${path}`);
			return parent;
		},
		addPart(input) {
			const rec: PartRecord = {
				pk: nextPk('part'),
				name: input.name,
				IPN: input.IPN ?? '',
				description: input.description ?? '',
				keywords: input.keywords ?? null,
				category: input.category ?? null,
				units: input.units ?? '',
				revision: input.revision ?? '',
				mpns: input.mpns ?? [],
				skus: input.skus ?? [],
				tags: input.tags ?? [],
				active: input.active ?? true,
				salable: input.salable ?? true,
				purchaseable: input.purchaseable ?? true,
				virtual: input.virtual ?? false,
				assembly: false,
				component: true,
				trackable: false,
				is_template: false,
				allocated_to_sales_orders: input.allocatedToSalesOrders ?? 0,
				allocated_to_build_orders: input.allocatedToBuildOrders ?? 0,
				pricing: input.pricing ?? {},
				pricing_updated: input.pricing ? '2026-11-02T03:15:00Z' : null,
				creation_date: input.creationDate ?? '2026-01-05',
			};
			this.parts.set(rec.pk, rec);
			return rec;
		},
		addSalePrice(part, quantity, price, currency) {
			const rec: SalePriceRecord = {
				pk: nextPk('sale-price'),
				part,
				quantity,
				price: price === null ? null : decimal6(String(price)),
				price_currency: currency ?? settings.baseCurrency,
			};
			this.salePrices.set(rec.pk, rec);
			pricesByPart.set(part, [...(pricesByPart.get(part) ?? []), rec]);
			return rec;
		},
		addStock(part, quantity, extra = {}) {
			const rec: StockRecord = {
				pk: nextPk('stock'),
				part,
				quantity,
				location: extra.location ?? null,
				serial: null,
				batch: null,
				status: 10,
				allocated: extra.allocated ?? 0,
				in_stock: extra.inStock ?? true,
			};
			this.stock.set(rec.pk, rec);
			stockByPart.set(part, [...(stockByPart.get(part) ?? []), rec]);
			return rec;
		},
		addParameter(part, name, data, units = '') {
			let template = [...this.templates.values()].find((t) => t.name === name);
			if (!template) {
				template = { pk: nextPk('template'), name, units, description: '' };
				this.templates.set(template.pk, template);
			}
			const numeric = Number(data);
			const rec: ParameterRecord = {
				pk: nextPk('parameter'),
				part,
				template: template.pk,
				data,
				data_numeric: data.trim() !== '' && Number.isFinite(numeric) ? numeric : null,
			};
			this.parameters.set(rec.pk, rec);
			parametersByPart.set(part, [...(parametersByPart.get(part) ?? []), rec]);
			return rec;
		},
		clear() {
			for (const map of [this.categories, this.parts, this.salePrices, this.stock, this.templates, this.parameters]) map.clear();
			stockByPart.clear();
			pricesByPart.clear();
			parametersByPart.clear();
			counters.clear();
		},
	};

	const seedKind = options.seed ?? 'samples';
	const seedItems = seedKind === 'empty' ? [] : seedKind === 'samples' ? (sampleCatalog() ?? SMALL_CATALOG) : SMALL_CATALOG;
	for (const item of seedItems) {
		const category = state.addCategoryPath(item.category);
		const part = state.addPart({
			name: item.name,
			IPN: item.sku,
			description: item.description,
			keywords: item.keywords.join(', '),
			category: category.pk,
			units: item.uom === 'Nos' ? '' : item.uom,
			virtual: item.stock === null,
			pricing:
				item.cost !== undefined && item.currency === settings.baseCurrency
					? { overall_min: formatMinorUnits(item.cost, item.currency), overall_max: formatMinorUnits(item.cost, item.currency) }
					: {},
		});
		state.addSalePrice(part.pk, 1, formatMinorUnits(item.unit_price, item.currency), item.currency);
		for (const b of item.price_breaks) state.addSalePrice(part.pk, b.min_qty, formatMinorUnits(b.unit_price, item.currency), item.currency);
		if (item.stock !== null) state.addStock(part.pk, item.stock);
		state.addParameter(part.pk, 'Manufacturer', item.manufacturer);
	}

	// ---- representation (serializers) -------------------------------------------------------------

	const money = (value: string | null | undefined): string | number | null => {
		if (value === null || value === undefined) return null;
		const fixed = decimal6(value);
		return settings.moneyAs === 'number' ? Number(fixed) : fixed;
	};

	function categoryPath(pk: number | null): CategoryRecord[] {
		const out: CategoryRecord[] = [];
		let current = pk === null ? undefined : state.categories.get(pk);
		while (current && out.length < 50) {
			out.unshift(current);
			current = current.parent === null ? undefined : state.categories.get(current.parent);
		}
		return out;
	}

	function descendants(pk: number): Set<number> {
		const out = new Set<number>([pk]);
		let grew = true;
		while (grew) {
			grew = false;
			for (const c of state.categories.values()) {
				if (c.parent !== null && out.has(c.parent) && !out.has(c.pk)) {
					out.add(c.pk);
					grew = true;
				}
			}
		}
		return out;
	}

	function serializeCategory(c: CategoryRecord, withPath = false): Record<string, unknown> {
		const path = categoryPath(c.pk);
		const subs = [...state.categories.values()].filter((x) => x.parent === c.pk).length;
		const parts = [...state.parts.values()].filter((p) => p.category !== null && descendants(c.pk).has(p.category)).length;
		return {
			pk: c.pk,
			name: c.name,
			description: c.description,
			default_location: null,
			default_keywords: c.default_keywords,
			level: path.length - 1,
			parent: c.parent,
			part_count: parts,
			subcategories: subs,
			pathstring: path.map((p) => p.name).join('/'),
			...(withPath && { path: path.map((p) => ({ pk: p.pk, name: p.name, icon: null })) }),
			starred: false,
			structural: c.structural,
			icon: null,
			parent_default_location: null,
		};
	}

	function stockTotals(p: PartRecord) {
		const items = stockByPart.get(p.pk) ?? [];
		const inStock = items.filter((s) => s.in_stock).reduce((sum, s) => sum + s.quantity, 0);
		const total = inStock;
		const unallocated = total - p.allocated_to_sales_orders - p.allocated_to_build_orders;
		return {
			in_stock: inStock,
			total_in_stock: total,
			variant_stock: 0,
			// PartSerializer.annotate_queryset: total_in_stock − SO − BO allocations. Unclamped in
			// part/serializers.py @ 000b06c0 (an over-allocated part reads negative); current master wraps
			// it in Greatest(…, 0) (part/serializers.py with FilterableSerializerMixin, the source of v534).
			unallocated_stock: settings.apiVersion >= CURRENT_API ? Math.max(0, unallocated) : unallocated,
			stock_item_count: items.length,
		};
	}

	// StockList (stock/api.py @ 00017400, API ≥ 337): ordering_fields batch, location (alias
	// location__pathstring), part__name, part__IPN, updated, stocktake_date, expiry_date, packaging,
	// quantity, stock (alias quantity, serial_int, serial), status, SKU, MPN; default
	// ['part__name', 'quantity', 'location']: `ordering=part` is dropped. The v534 enum adds part, IPN,
	// creation_date and purchase_price.
	const stockOrdering: OrderingSpec<StockRecord> = {
		fields: {
			part__name: [(s) => state.parts.get(s.part)?.name.toLowerCase() ?? ''],
			part__IPN: [(s) => state.parts.get(s.part)?.IPN.toLowerCase() ?? ''],
			quantity: [(s) => s.quantity],
			stock: [(s) => s.quantity, (s) => s.serial ?? ''],
			location: [(s) => (s.location === null ? '' : String(s.location))],
			batch: [(s) => s.batch ?? ''],
			status: [(s) => s.status],
			...(settings.apiVersion >= CURRENT_API && { part: [(s: StockRecord) => s.part] }),
		},
		default: ['part__name', 'quantity', 'location'],
	};

	function serializeSalePrice(b: SalePriceRecord): Record<string, unknown> {
		return { pk: b.pk, part: b.part, quantity: b.quantity, price: money(b.price), price_currency: b.price_currency };
	}

	function serializeTemplate(t: TemplateRecord): Record<string, unknown> {
		return { pk: t.pk, name: t.name, units: t.units, description: t.description, model_type: 'part.part', checkbox: false, choices: '', selectionlist: null, enabled: true };
	}

	function serializeParameter(p: ParameterRecord): Record<string, unknown> {
		const template = state.templates.get(p.template);
		if (!template) throw new Error(`parameter ${p.pk} has no template`);
		if (settings.apiVersion >= 430) {
			return {
				pk: p.pk,
				template: p.template,
				model_type: 'part.part',
				model_id: p.part,
				data: p.data,
				data_numeric: p.data_numeric,
				note: '',
				updated: '2026-11-02T03:15:00Z',
				updated_by: null,
				template_detail: serializeTemplate(template),
				updated_by_detail: null,
			};
		}
		return { pk: p.pk, part: p.part, template: p.template, template_detail: serializeTemplate(template), data: p.data, data_numeric: p.data_numeric };
	}

	function serializePart(p: PartRecord, query: Record<string, string>): Record<string, unknown> {
		const category = p.category === null ? undefined : state.categories.get(p.category);
		const totals = stockTotals(p);
		const out: Record<string, unknown> = {
			pk: p.pk,
			name: p.name,
			full_name: p.IPN ? `${p.IPN} | ${p.name}` : p.name,
			IPN: p.IPN,
			description: p.description,
			keywords: p.keywords,
			category: p.category,
			category_name: category?.name ?? '',
			units: p.units,
			revision: p.revision,
			revision_of: null,
			revision_count: 0,
			variant_of: null,
			is_template: p.is_template,
			active: p.active,
			salable: p.salable,
			purchaseable: p.purchaseable,
			assembly: p.assembly,
			component: p.component,
			trackable: p.trackable,
			testable: false,
			virtual: p.virtual,
			consumable: false,
			locked: false,
			link: '',
			image: null,
			thumbnail: '/static/img/blank_image.thumbnail.png',
			barcode_hash: '',
			starred: false,
			creation_date: p.creation_date,
			creation_user: null,
			default_location: null,
			default_expiry: 0,
			minimum_stock: 0,
			maximum_stock: 0,
			notes: null,
			responsible: null,
			tags: p.tags,
			...totals,
			allocated_to_sales_orders: p.allocated_to_sales_orders,
			allocated_to_build_orders: p.allocated_to_build_orders,
			building: 0,
			scheduled_to_build: 0,
			ordering: 0,
			external_stock: 0,
			required_for_build_orders: 0,
			required_for_sales_orders: 0,
			category_default_location: null,
			pricing_min: money(p.pricing.overall_min),
			pricing_max: money(p.pricing.overall_max),
			pricing_updated: p.pricing_updated,
		};
		if (boolFilter(query.category_detail)) out.category_detail = category ? serializeCategory(category) : null;
		if (boolFilter(query.path_detail)) out.category_path = categoryPath(p.category).map((c) => ({ pk: c.pk, name: c.name, icon: null }));
		if (boolFilter(query.parameters)) {
			out.parameters = (parametersByPart.get(p.pk) ?? []).map(serializeParameter);
		}
		if (settings.apiVersion >= 412 && boolFilter(query.price_breaks)) {
			out.price_breaks = [...(pricesByPart.get(p.pk) ?? [])]
				.sort((a, b) => a.quantity - b.quantity || a.pk - b.pk)
				.map(serializeSalePrice);
		}
		return out;
	}

	function serializePricing(p: PartRecord): Record<string, unknown> {
		const out: Record<string, unknown> = { currency: settings.baseCurrency, updated: p.pricing_updated, scheduled_for_update: false };
		const fields: PricingField[] = ['bom_cost', 'purchase_cost', 'internal_cost', 'supplier_price', 'variant_cost', 'override', 'overall', 'sale_price', 'sale_history'];
		for (const f of fields) {
			out[`${f}_min`] = money(p.pricing[`${f}_min`]);
			out[`${f}_max`] = money(p.pricing[`${f}_max`]);
		}
		out.override_min_currency = settings.baseCurrency;
		out.override_max_currency = settings.baseCurrency;
		return out;
	}

	function serializeStock(s: StockRecord, query: Record<string, string>): Record<string, unknown> {
		const out: Record<string, unknown> = {
			pk: s.pk,
			part: s.part,
			quantity: s.quantity,
			serial: s.serial,
			batch: s.batch,
			location: s.location,
			belongs_to: null,
			build: null,
			consumed_by: null,
			customer: null,
			delete_on_deplete: true,
			expiry_date: null,
			in_stock: s.in_stock,
			is_building: false,
			link: '',
			notes: null,
			owner: null,
			packaging: null,
			parent: null,
			purchase_order: null,
			purchase_order_reference: null,
			sales_order: null,
			sales_order_reference: null,
			status: s.status,
			status_text: 'OK',
			status_custom_key: 10,
			supplier_part: null,
			SKU: null,
			MPN: null,
			barcode_hash: '',
			creation_date: '2026-01-05T09:00:00Z',
			stocktake_date: null,
			updated: '2026-11-02T03:15:00Z',
			purchase_price: null,
			purchase_price_currency: settings.baseCurrency,
			allocated: s.allocated,
			expired: false,
			installed_items: 0,
			child_items: 0,
			stale: false,
			tags: [],
			tracking_items: 0,
		};
		// StockApiMixin.get_serializer (stock/api.py @ 00017400): part_detail defaults to true (since API 296,
		// api_version.py v296, PR #8732); the client sends part_detail=false.
		if (boolFilter(query.part_detail) ?? settings.apiVersion >= 296) {
			const p = state.parts.get(s.part);
			if (p) {
				out.part_detail = {
					pk: p.pk,
					IPN: p.IPN,
					barcode_hash: '',
					category_default_location: null,
					default_location: null,
					default_expiry: 0,
					name: p.name,
					revision: p.revision,
					full_name: p.IPN ? `${p.IPN} | ${p.name}` : p.name,
					image: null,
					thumbnail: '/static/img/blank_image.thumbnail.png',
					active: p.active,
					locked: false,
					assembly: p.assembly,
					component: p.component,
					minimum_stock: '0.000000',
					is_template: p.is_template,
					purchaseable: p.purchaseable,
					salable: p.salable,
					testable: false,
					trackable: p.trackable,
					virtual: p.virtual,
					consumable: false,
					units: p.units,
					pricing_min: money(p.pricing.overall_min),
					pricing_max: money(p.pricing.overall_max),
				};
			}
		}
		return out;
	}

	// ---- lists: DRF LimitOffsetPagination ---------------------------------------------------------

	function positiveInt(value: string | undefined): number | undefined {
		if (value === undefined || !/^\d+$/.test(value)) return undefined;
		const n = Number(value);
		return n > 0 ? n : undefined;
	}

	function pageUrl(base: URL, offset: number | null, limit: number): string {
		const u = new URL(base.toString());
		u.searchParams.set('limit', String(limit));
		if (offset === null || offset <= 0) u.searchParams.delete('offset');
		else u.searchParams.set('offset', String(offset));
		return u.toString();
	}

	// rest_framework.pagination.LimitOffsetPagination with no PAGE_SIZE (InvenTree/settings.py @ 001ddf2c):
	// without a valid `limit` paginate_queryset returns None and the view answers the whole list as a
	// bare array (one query, so it cannot skip rows); with one, {count, next, previous, results}. The v534
	// schema marks `limit` as required (api_version v341, PR #9547: documentation, the runtime is unchanged).
	// `serialize` runs on the rows of the page only (performance only: a page of a 100,000-part list
	// serializes 100 parts, not all of them; the rows and their order are the same).
	function paginate<T>(rows: T[], url: URL, serialize: (row: T) => unknown = (row) => row): unknown {
		const limit = positiveInt(url.searchParams.get('limit') ?? undefined);
		// Without a (valid) limit there is no pagination at all: the whole list, as a bare array.
		if (limit === undefined) return rows.map((row) => serialize(row));
		const offsetRaw = url.searchParams.get('offset');
		const offset = offsetRaw !== null && /^\d+$/.test(offsetRaw) ? Number(offsetRaw) : 0;
		const count = rows.length;
		return {
			count,
			next: offset + limit < count ? pageUrl(url, offset + limit, limit) : null,
			previous: offset <= 0 ? null : pageUrl(url, offset - limit, limit),
			results: rows.slice(offset, offset + limit).map((row) => serialize(row)),
		};
	}

	let listRequestNo = 0;

	/** A deterministic pseudo-random rank per (request, row): mulberry32 over seed, request number and pk. */
	function tieRank(request: number, pk: number): number {
		let t = (settings.tieSeed * 0x9e3779b1 + request * 0x85ebca77 + pk * 0xc2b2ae3d) >>> 0;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/**
	 * DRF OrderingFilter as InvenTree configures it (rest_framework/filters.py get_ordering +
	 * remove_invalid_fields; inventree/InvenTree InvenTree/filters.py InvenTreeOrderingFilter):
	 * `ordering` is a comma-separated list; terms whose field (without `-`) is not in ordering_fields are
	 * dropped silently; no valid term means the view's default `ordering`. With the pk tiebreak (PR
	 * #11446) the pk is appended (descending when any term is). Without it, rows that tie on every key
	 * come back in an order the database does not guarantee: PostgreSQL may order ties differently for
	 * each LIMIT/OFFSET query, so offset paging can repeat some rows and skip others (issue #11442). The
	 * fake models that with a fresh deterministic shuffle of the ties on every list request.
	 */
	function order<T extends { pk: number }>(rows: T[], ordering: string | undefined, spec: OrderingSpec<T>): T[] {
		const asked = (ordering ?? '')
			.split(',')
			.map((t) => t.trim())
			.filter((t) => t !== '' && Object.hasOwn(spec.fields, t.replace(/^-/, '')));
		const terms = asked.length > 0 ? asked : spec.default;
		const keys = terms.flatMap((t) => spec.fields[t.replace(/^-/, '')].map((key) => ({ key, desc: t.startsWith('-') })));
		const reversed = terms.some((t) => t.startsWith('-'));
		const request = ++listRequestNo;
		// Each row's keys computed once (not per comparison), so a 100,000-row list sorts in time; the order
		// is the same (InvenTree/filters.py InvenTreeOrderingFilter, cited above: the asked fields, then the
		// pk tiebreak where the server has it).
		// (one column of values per key and a sorted permutation, rather than an object per row).
		const columns = keys.map(({ key }) => rows.map(key));
		const signs = keys.map((k) => (k.desc ? -1 : 1));
		const positions = rows.map((_, i) => i);
		positions.sort((a, b) => {
			for (let k = 0; k < columns.length; k++) {
				const va = columns[k][a];
				const vb = columns[k][b];
				if (va !== vb) return (va < vb ? -1 : 1) * signs[k];
			}
			const pa = rows[a].pk;
			const pb = rows[b].pk;
			if (settings.pkTiebreak) return (pa - pb) * (reversed ? -1 : 1);
			return tieRank(request, pa) - tieRank(request, pb) || pa - pb;
		});
		return positions.map((i) => rows[i]);
	}

	/** Rows in pk order: for endpoints whose ordering was not audited (parameters of one part fit one page). */
	const byPk = <T extends { pk: number }>(rows: T[]): T[] => [...rows].sort((a, b) => a.pk - b.pk);

	/** django.utils.text.slugify as taggit uses it for Tag.slug: lower case, spaces and dashes to one dash. */
	function slugify(text: string): string {
		return text
			.normalize('NFKD')
			.replace(/[^\w\s-]/g, '')
			.trim()
			.toLowerCase()
			.replace(/[-\s]+/g, '-');
	}

	function matchesSearch(search: string | undefined, fields: Array<string | null | undefined>): boolean {
		if (!search || search.trim() === '') return true;
		const haystack = fields.map((f) => (f ?? '').toLowerCase());
		return search
			.toLowerCase()
			.split(/\s+/)
			.filter(Boolean)
			.every((term) => haystack.some((f) => f.includes(term)));
	}

	/**
	 * django-filter ModelChoiceFilter: an integer pk of an existing row, else a 400 naming the field
	 * (CategoryFilter.parent, the `part` filters; PartList's own `category` parsing in part/api.py @ 002cd31e
	 * ignores a bad pk instead; the fake keeps the 400 there, which no connector relies on).
	 */
	function pkFilter(query: Record<string, string>, name: string, exists: (pk: number) => boolean, allowNull = false): number | null | undefined {
		const raw = query[name];
		if (raw === undefined || raw === '') return undefined;
		if (allowNull && raw.toLowerCase() === 'null') return null;
		if (!/^\d+$/.test(raw) || !exists(Number(raw))) throw fieldErrors({ [name]: [INVALID_CHOICE] });
		return Number(raw);
	}

	function listParts(query: Record<string, string>): PartRecord[] {
		const cascade = boolFilter(query.cascade) ?? true;
		// PartList.filter_queryset (part/api.py @ 002cd31e): `category=null` filters category=None only
		// with cascade=false; with the default cascade=true it filters nothing. The v534 schema describes
		// `category` as "numeric category ID or the literal 'null'" (a null filter of its own).
		const categoryParam = pkFilter(query, 'category', (pk) => state.categories.has(pk), true);
		const category = categoryParam === null && cascade && settings.apiVersion < CURRENT_API ? undefined : categoryParam;
		const inCategories = category === undefined || category === null ? undefined : cascade ? descendants(category) : new Set([category]);
		// Every filter value is read once per request, not once per part (performance only: the same tests
		// on the same rows, in the same order).
		const flags = (['active', 'salable', 'purchaseable', 'virtual', 'assembly', 'component', 'trackable', 'is_template'] as const)
			.map((flag) => ({ flag, wanted: boolFilter(query[flag]) }))
			.filter((f) => f.wanted !== undefined);
		// PartFilter (part/api.py @ 002cd31e): has_stock is in_stock > 0 (the part's own stock, not its
		// variants'), unallocated_stock is unallocated_stock > 0, has_pricing excludes parts without
		// pricing data or with both overall_min and overall_max null, IPN is iexact.
		const hasStock = boolFilter(query.has_stock);
		const unallocated = boolFilter(query.unallocated_stock);
		const hasPricing = boolFilter(query.has_pricing);
		const ipn = query.IPN?.toLowerCase();
		const searching = query.search !== undefined && query.search.trim() !== '';
		const rows = [...state.parts.values()].filter((p) => {
			if (category === null && p.category !== null) return false;
			if (inCategories && (p.category === null || !inCategories.has(p.category))) return false;
			for (const { flag, wanted } of flags) if (p[flag] !== wanted) return false;
			if (hasStock !== undefined || unallocated !== undefined) {
				const totals = stockTotals(p);
				if (hasStock !== undefined && totals.in_stock > 0 !== hasStock) return false;
				if (unallocated !== undefined && totals.unallocated_stock > 0 !== unallocated) return false;
			}
			const priced = p.pricing.overall_min != null || p.pricing.overall_max != null;
			if (hasPricing !== undefined && priced !== hasPricing) return false;
			if (ipn !== undefined && p.IPN.toLowerCase() !== ipn) return false;
			if (!searching) return true;
			const categoryName = p.category === null ? '' : state.categories.get(p.category)?.name;
			// PartList.search_fields (part/api.py @ 002cd31e; the same list in the v534 schema's search
			// description): name, description, IPN, revision, keywords, category__name,
			// manufacturer_parts__MPN, supplier_parts__SKU, tags__name, tags__slug.
			return matchesSearch(query.search, [
				p.name,
				p.description,
				p.IPN,
				p.revision,
				p.keywords,
				categoryName,
				...p.mpns,
				...p.skus,
				...p.tags,
				...p.tags.map(slugify),
			]);
		});
		return order(rows, query.ordering, partOrdering);
	}

	// PartList.ordering_fields and `ordering = 'name'` (part/api.py @ 002cd31e): no pk/id field, so
	// `ordering=id` is dropped and the list is ordered by name. The v534 schema's ordering enum adds
	// id, revision (and ordering, default_location, revision_count, not modelled).
	const partOrdering: OrderingSpec<PartRecord> = {
		fields: {
			name: [(p) => p.name.toLowerCase()],
			creation_date: [(p) => p.creation_date],
			IPN: [(p) => p.IPN.toLowerCase()],
			in_stock: [(p) => stockTotals(p).in_stock],
			total_in_stock: [(p) => stockTotals(p).total_in_stock],
			unallocated_stock: [(p) => stockTotals(p).unallocated_stock],
			category: [(p) => p.category ?? 0],
			units: [(p) => p.units],
			pricing_min: [(p) => Number(p.pricing.overall_min ?? 0)],
			pricing_max: [(p) => Number(p.pricing.overall_max ?? 0)],
			pricing_updated: [(p) => p.pricing_updated ?? ''],
			...(settings.apiVersion >= CURRENT_API && { id: [(p) => p.pk], revision: [(p) => p.revision] }),
		},
		default: ['name'],
	};

	function listCategories(query: Record<string, string>): CategoryRecord[] {
		// CategoryFilter (part/api.py @ 002cd31e): `parent` is a ModelChoiceFilter, so `parent=null` is a
		// 400 like any other unknown pk; `cascade=false` without a parent keeps only top-level categories
		// (filter_cascade); there is no `top_level` filter (ignored) before the v534 schema lists one.
		const parent = pkFilter(query, 'parent', (pk) => state.categories.has(pk));
		const cascade = boolFilter(query.cascade) ?? false;
		const topLevel = settings.apiVersion >= CURRENT_API ? boolFilter(query.top_level) : undefined;
		const structural = boolFilter(query.structural);
		const under = parent === undefined || parent === null ? undefined : descendants(parent);
		const rows = [...state.categories.values()].filter((c) => {
			if (parent === undefined && boolFilter(query.cascade) === false && c.parent !== null) return false;
			if (under && !(cascade ? under.has(c.pk) && c.pk !== parent : c.parent === parent)) return false;
			if (topLevel === true && c.parent !== null) return false;
			if (structural !== undefined && c.structural !== structural) return false;
			return matchesSearch(query.search, [c.name, c.description]);
		});
		// CategoryList (part/api.py @ 002cd31e): ordering_fields name, pathstring, level, tree_id, lft,
		// part_count; default ['tree_id', 'lft', 'name'] (the same enum in the v534 schema). tree_id + lft
		// is unique (django-mptt numbers every node of a tree), so it pages stably on every version.
		return order(rows, query.ordering, {
			fields: {
				name: [(c) => c.name.toLowerCase()],
				pathstring: [(c) => categoryPath(c.pk).map((x) => x.name).join('/').toLowerCase()],
				level: [(c) => categoryPath(c.pk).length],
				tree_id: [(c) => mptt(c.pk).tree_id],
				lft: [(c) => mptt(c.pk).lft],
				part_count: [(c) => [...state.parts.values()].filter((p) => p.category !== null && descendants(c.pk).has(p.category)).length],
			},
			default: ['tree_id', 'lft', 'name'],
		});
	}

	/**
	 * django-mptt tree_id and lft of a category: each root starts a tree; lft numbers the nodes in
	 * pre-order, children ordered by name (PartCategory's MPTTMeta order_insertion_by = ['name']).
	 */
	function mptt(pk: number): { tree_id: number; lft: number } {
		const all = [...state.categories.values()];
		const roots = all.filter((c) => c.parent === null).sort((a, b) => a.name.localeCompare(b.name) || a.pk - b.pk);
		for (const [index, root] of roots.entries()) {
			let counter = 0;
			let found: number | undefined;
			const walk = (node: CategoryRecord) => {
				counter += 1;
				if (node.pk === pk) found = counter;
				for (const child of all.filter((c) => c.parent === node.pk).sort((a, b) => a.name.localeCompare(b.name) || a.pk - b.pk)) walk(child);
				counter += 1;
			};
			walk(root);
			if (found !== undefined) return { tree_id: index + 1, lft: found };
		}
		return { tree_id: 0, lft: 0 };
	}

	function treeRows(query: Record<string, string>): Array<Record<string, unknown>> {
		// CategoryTree (part/api.py @ 002cd31e): ordering_fields level, name, subcategories with aliases
		// level → [level, name] and name → [name, level]; default ['level', 'name'] (v534 enum the same).
		// Two categories of the same name on the same level tie.
		const level = (c: CategoryRecord) => categoryPath(c.pk).length;
		const name = (c: CategoryRecord) => c.name.toLowerCase();
		const rows = order([...state.categories.values()], query.ordering, {
			fields: {
				level: [level, name],
				name: [name, level],
				subcategories: [(c) => [...state.categories.values()].filter((x) => x.parent === c.pk).length],
			},
			default: ['level', 'name'],
		});
		return rows.map((c) => {
			const path = categoryPath(c.pk);
			return {
				pk: c.pk,
				name: c.name,
				pathstring: path.map((p) => p.name).join('/'),
				parent: c.parent,
				tree_id: path[0]?.pk ?? c.pk,
				level: path.length - 1,
				icon: '',
				structural: c.structural,
				subcategories: [...state.categories.values()].filter((x) => x.parent === c.pk).length,
			};
		});
	}

	function validateSalePrice(body: unknown): SalePriceRecord {
		const errors: Record<string, string[]> = {};
		const input = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
		if (input.part === undefined || input.part === null || input.part === '') errors.part = ['This field is required.'];
		else if (!state.parts.has(Number(input.part))) errors.part = [`Invalid pk "${String(input.part)}" - object does not exist.`];
		if (input.quantity === undefined || input.quantity === '') errors.quantity = ['This field is required.'];
		else if (!Number.isFinite(Number(input.quantity))) errors.quantity = ['A valid number is required.'];
		else if (Number(input.quantity) <= 0) errors.quantity = ['Quantity must be greater than zero'];
		const price = input.price === undefined || input.price === null ? null : String(input.price);
		if (price !== null && !/^-?\d{0,13}(\.\d{0,6})?$/.test(price)) errors.price = ['Ensure that there are no more than 6 decimal places.'];
		const currency = typeof input.price_currency === 'string' ? input.price_currency : settings.baseCurrency;
		if (!(currency in settings.rates) && currency !== settings.baseCurrency) errors.price_currency = [`"${currency}" is not a valid choice.`];
		if (Object.keys(errors).length > 0) throw fieldErrors(errors);
		const duplicate = [...state.salePrices.values()].some((b) => b.part === Number(input.part) && b.quantity === Number(input.quantity));
		if (duplicate) throw fieldErrors({ non_field_errors: ['The fields part, quantity must make a unique set.'] });
		return state.addSalePrice(Number(input.part), Number(input.quantity), price, currency);
	}

	// ---- auth and routing -------------------------------------------------------------------------

	type Who = 'anonymous' | 'token' | 'basic';

	// REST_FRAMEWORK DEFAULT_AUTHENTICATION_CLASSES (InvenTree/settings.py @ 001ddf2c): ApiTokenAuthentication
	// first, so a refusal is a 401 with `WWW-Authenticate: Token`, then Basic, then Session. Messages:
	// rest_framework/authentication.py TokenAuthentication and users/authentication.py @ 4287af71
	// ("Token has expired", "Token has been revoked").
	function authenticate(header: string | undefined): Who {
		if (!header) return 'anonymous';
		const parts = header.trim().split(/\s+/);
		const scheme = parts[0]?.toLowerCase();
		if (scheme === 'token') {
			// rest_framework.authentication.TokenAuthentication + InvenTree's ApiTokenAuthentication
			if (parts.length === 1) throw detail(401, 'Invalid token header. No credentials provided.', { 'WWW-Authenticate': 'Token' });
			if (parts.length > 2) throw detail(401, 'Invalid token header. Token string should not contain spaces.', { 'WWW-Authenticate': 'Token' });
			if (parts[1] !== token) throw detail(401, 'Invalid token.', { 'WWW-Authenticate': 'Token' });
			if (settings.tokenExpired) throw detail(401, 'Token has expired', { 'WWW-Authenticate': 'Token' });
			return 'token';
		}
		if (scheme === 'basic' && parts.length === 2) {
			const decoded = Buffer.from(parts[1], 'base64').toString('utf8');
			if (decoded !== `${settings.username}:${settings.password}`) throw detail(401, 'Invalid username/password.', { 'WWW-Authenticate': 'Token' });
			return 'basic';
		}
		// Another scheme (Bearer without OAuth2 set up): no authenticator claims it.
		return 'anonymous';
	}

	type Answer = { status: number; body: unknown; headers?: Record<string, string> };
	const ok = (body: unknown): Answer => ({ status: 200, body });

	// InfoView (InvenTree/api.py @ 00017400): permission AllowAnyOrReadScope, so `GET /api/` needs no
	// credentials; apiVersion and version always, the staff-only fields null for anyone else.
	function info(who: Who): Record<string, unknown> {
		const staff = who !== 'anonymous';
		return {
			server: 'InvenTree',
			id: staff ? 'b6a1c0de-0000-4000-8000-000000000001' : null,
			version: settings.version,
			instance: 'Lead-to-Close test InvenTree',
			apiVersion: settings.apiVersion,
			worker_running: true,
			worker_count: 1,
			worker_pending_tasks: 0,
			plugins_enabled: false,
			plugins_install_disabled: true,
			active_plugins: [],
			email_configured: false,
			debug_mode: false,
			docker_mode: false,
			default_locale: 'en-us',
			customize: { logo: '', splash: '', login_message: null, navbar_message: null },
			system_health: staff ? true : null,
			database: staff ? 'postgresql' : null,
			platform: staff ? 'Linux' : null,
			installer: staff ? 'DOC' : null,
			target: null,
			django_admin: staff ? '/admin/' : null,
			settings: { sso_registration: false, registration_enabled: false, password_forgotten_enabled: false },
		};
	}

	function route(method: string, path: string, url: URL, query: Record<string, string>, body: unknown, who: Who): Answer {
		if (path === '/api/' && method === 'GET') return ok(info(who)); // AllowAnyOrReadScope
		if (who === 'anonymous') throw detail(401, 'Authentication credentials were not provided.', { 'WWW-Authenticate': 'Token' });

		const v = settings.apiVersion;
		// PartDetail / PartPricingDetail (part/api.py @ 002cd31e): a missing pk is Django's Http404, which
		// DRF's exception_handler turns into 404 {"detail": "No Part matches the given query."}.
		const partMatch = /^\/api\/part\/(\d+)\/(pricing\/)?$/.exec(path);
		if (partMatch && method === 'GET') {
			const part = state.parts.get(Number(partMatch[1]));
			if (!part) throw detail(404, 'No Part matches the given query.');
			return ok(partMatch[2] ? serializePricing(part) : serializePart(part, query));
		}
		if (method === 'GET') {
			switch (path) {
				// MeUserDetail (users/api.py); body shape validated against the v534 schema's MeUser.
				case '/api/user/me/':
					return ok({
						pk: 7,
						username: settings.username,
						first_name: 'Quote',
						last_name: 'Bot',
						email: 'quote-bot@example.com',
						groups: [],
						is_staff: true,
						is_superuser: false,
						is_active: true,
						profile: { language: null, theme: null, widgets: null, displayname: null, position: null, status: null, location: null, active: true, contact: null, type: 'bot', organisation: null, primary_group: null },
						roles: { part: ['view'], part_category: ['view'], stock: ['view'], sales_order: ['view'] },
						permissions: null,
					});
				case '/api/part/':
					return ok(paginate(listParts(query), url, (p) => serializePart(p, query)));
				case '/api/part/category/':
					return ok(paginate(listCategories(query), url, (c) => serializeCategory(c, boolFilter(query.path_detail) ?? false)));
				case '/api/part/category/tree/':
					return ok(paginate(treeRows(query), url));
				case '/api/part/sale-price/': {
					const part = pkFilter(query, 'part', (pk) => state.parts.has(pk));
					const rows = [...state.salePrices.values()].filter((b) => part === undefined || b.part === part);
					// PartSalePriceList (part/api.py @ 002cd31e): filterset_fields ['part'], ordering_fields
					// quantity, price, default 'quantity' (v534 enum the same). Over all parts every
					// quantity-1 break ties; (part, quantity) is unique per part (the 400 below).
					const ordered = order(rows, query.ordering, {
						fields: { quantity: [(b) => b.quantity], price: [(b) => Number(b.price ?? 0)] },
						default: ['quantity'],
					});
					return ok(paginate(ordered, url, serializeSalePrice));
				}
				// StockList + StockFilter (stock/api.py @ 00017400): `part` a ModelChoiceFilter (variants not
				// modelled), `in_stock` (not shipped, consumed or installed), `available` (not fully allocated).
				case '/api/stock/': {
					const part = pkFilter(query, 'part', (pk) => state.parts.has(pk));
					const inStock = boolFilter(query.in_stock);
					const available = boolFilter(query.available);
					const rows = [...state.stock.values()].filter(
						(s) =>
							(part === undefined || s.part === part) &&
							(inStock === undefined || s.in_stock === inStock) &&
							(available === undefined || s.quantity - s.allocated > 0 === available),
					);
					return ok(paginate(order(rows, query.ordering, stockOrdering), url, (s) => serializeStock(s, query)));
				}
				// CurrencyExchangeView (common/api.py): base currency, rates and when they were updated; shape
				// validated against the v534 schema's CurrencyExchange component.
				case '/api/currency/exchange/':
					return ok({ base_currency: settings.baseCurrency, exchange_rates: settings.rates, updated: '2026-11-02T03:00:00Z' });
				default:
			}
			// Generic parameters (/api/parameter/, first in schema export 430; CHANGELOG: #10699 removed
			// PartParameter) and the legacy /api/part/parameter/ before; the client tries the other on 404.
			if (path === '/api/parameter/' && v >= 430) {
				const modelType = query.model_type;
				const modelId = query.model_id;
				const template = query.template;
				if (modelId !== undefined && !/^\d+$/.test(modelId)) throw fieldErrors({ model_id: ['Enter a number.'] });
				const rows = [...state.parameters.values()].filter(
					(p) =>
						(modelType === undefined || modelType === 'part' || modelType === 'part.part') &&
						(modelId === undefined || p.part === Number(modelId)) &&
						(template === undefined || p.template === Number(template)),
				);
				return ok(paginate(byPk(rows), url, serializeParameter));
			}
			if (path === '/api/part/parameter/' && v <= 429) {
				const part = pkFilter(query, 'part', (pk) => state.parts.has(pk));
				const rows = [...state.parameters.values()].filter((p) => part === undefined || p.part === part);
				return ok(paginate(byPk(rows), url, serializeParameter));
			}
			// The token endpoint moved to /api/user/me/token/ (schema export 490; inventree.md §1).
			if ((path === '/api/user/me/token/' && v >= 490) || (path === '/api/user/token/' && v <= 489)) {
				return ok({ token, name: query.name ?? 'inventree-token', expiry: '2027-01-01' });
			}
		}
		if (path === '/api/part/sale-price/' && method === 'POST') {
			return { status: 201, body: serializeSalePrice(validateSalePrice(body)) };
		}
		// An unknown /api/ path reaches NotFoundView (InvenTree/urls.py @ 002cd31e catch-all; InvenTree/api.py
		// @ 00017400): 404 {"detail": "API endpoint not found", "url": …}; a known path with another
		// method is DRF's 405 {"detail": "Method \"X\" not allowed."}.
		const known = ['/api/part/', '/api/part/category/', '/api/part/sale-price/', '/api/stock/', '/api/currency/exchange/', '/api/user/me/'];
		if (known.includes(path) || partMatch) throw detail(405, `Method "${method}" not allowed.`);
		throw new DrfError(404, { detail: 'API endpoint not found', url: url.toString() });
	}

	// ---- faults -----------------------------------------------------------------------------------

	function takeFault(method: string, path: string) {
		return takeSharedFault(faults, method, path);
	}

	function faultAnswer(spec: FaultSpec, path: string): Answer {
		switch (spec.kind) {
			case 'rate-limit': {
				const seconds = spec.retryAfterSeconds ?? 1;
				return {
					status: 429,
					body: { detail: `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? '' : 's'}.` },
					headers: { 'Retry-After': String(seconds) },
				};
			}
			case 'unavailable':
				return {
					status: 503,
					body: { detail: 'Service temporarily unavailable, try again later.' },
					headers: spec.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(spec.retryAfterSeconds) },
				};
			// InvenTree/exceptions.py @ 1d690874 exception_handler: an exception DRF does not handle becomes
			// 500 {error, error_class, detail, path, status_code}; detail is str(exc) in DEBUG mode (used
			// here), "Error details can be found in the admin panel" otherwise.
			case 'server-error':
				return {
					status: 500,
					body: { error: 'OperationalError', error_class: "<class 'django.db.utils.OperationalError'>", detail: 'server closed the connection unexpectedly', path, status_code: 500 },
				};
			case 'html-502':
				return {
					status: 502,
					body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n',
					headers: { 'Content-Type': 'text/html' },
				};
			case 'reset':
				return { status: 0, body: undefined };
		}
	}

	function send(res: http.ServerResponse, answer: Answer): void {
		const headers: Record<string, string> = { ...answer.headers };
		let payload: string;
		if (typeof answer.body === 'string') payload = answer.body;
		else {
			payload = JSON.stringify(answer.body ?? {});
			headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
		}
		res.writeHead(answer.status, headers);
		res.end(payload);
	}

	const server = http.createServer((req, res) => {
		void (async () => {
			const host = req.headers.host ?? '127.0.0.1';
			const url = new URL(req.url ?? '/', `http://${host}`);
			const path = url.pathname.split('/').map(safeDecode).join('/');
			const method = (req.method ?? 'GET').toUpperCase();
			const query = Object.fromEntries(url.searchParams);
			const body = await readBody(req);
			const record: RecordedRequest = { method, path, query, headers: req.headers, body, status: 0 };
			requests.push(record);

			const spec = takeFault(method, path);
			if (spec) {
				record.fault = spec.kind;
				if (spec.kind === 'reset') {
					req.socket.destroy();
					return;
				}
				const answer = faultAnswer(spec, path);
				record.status = answer.status;
				send(res, answer);
				return;
			}
			let answer: Answer;
			try {
				if (path.startsWith('/api') && !path.endsWith('/') && method === 'GET') {
					// django APPEND_SLASH (CommonMiddleware). On servers whose apipatterns end with the NotFoundView
					// catch-all (urls.py @ 002cd31e) the catch-all matches first and answers 404 instead; the
					// connectors always send the trailing slash.
					const location = `${path}/${url.search}`;
					answer = { status: 301, body: '', headers: { Location: location } };
				} else {
					answer = route(method, path, url, query, body, authenticate(req.headers.authorization));
				}
			} catch (error) {
				answer =
					error instanceof DrfError
						? { status: error.status, body: error.body, headers: error.headers }
						: { status: 500, body: { error: 'Exception', error_class: "<class 'Exception'>", detail: String(error), path, status_code: 500 } };
			}
			record.status = answer.status;
			send(res, answer);
		})();
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		state,
		fault: (spec) => {
			faults.push({ ...spec, left: spec.times ?? 1 });
		},
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** The brief's name for the same thing. */
export const start = startInvenTreeServer;
