// ERPNext Item + Item Price (erpnext.md §6) → the canonical catalog item of core/quote, and the loader
// that reads the salable items of one selling price list through ErpNextClient. Mapping decisions:
// - SKU: item_code; name: item_name (else item_code); category: item_group; manufacturer: brand;
//   description: the Text Editor HTML reduced to text; uom: stock_uom, else "Nos"; no keywords.
// - Price: the Item Price of the price list that is not customer-specific, valid on `today` (when
//   given), for the stock UOM (or no UOM; prices per other UOMs are ignored with a warning, since a
//   box price is not a unit price); among several, the newest valid_from, preferring the catalog
//   currency. ERPNext volume pricing lives in Pricing Rules, not Item Price, so price_breaks is empty.
// - Currency: `currency` when given (other-currency prices are dropped or converted, see prices.ts),
//   else the chosen price's currency. No usable price: unit_price 0 with a `no_price` warning when the
//   currency is known, otherwise the item is skipped.
// - Cost: valuation_rate, else last_purchase_rate, in `costCurrency` (the company currency; default
//   the item's currency).
// - Stock: `stock` when given (the loader can sum Bins: actual_qty − reserved_qty); else null, i.e.
//   not checked. Non-stock items (is_stock_item = 0, services) are always null.
import { z } from 'zod/v4';

import { CatalogItemSchema } from '../../core/quote/catalog';
import type { CatalogItem } from '../../core/quote/catalog';
import type { ErpNextClient, Filters } from '../erpnext';
import { stripHtml } from '../http';
import { addToCatalog, emptyRefs } from './loadedCatalog';
import type { CatalogMapping, LoadedCatalog } from './loadedCatalog';
import { readPrice } from './prices';
import type { ExchangeRates, PriceContext, PriceRounding } from './prices';
import type { CatalogWarning } from './warnings';

const decimal = z.union([z.number(), z.string()]);
const check = z.union([z.number(), z.boolean(), z.string()]);

/** The Item columns the catalog reads (`fields` of the list request). */
export const ERPNEXT_ITEM_FIELDS = [
	'name',
	'item_code',
	'item_name',
	'item_group',
	'stock_uom',
	'description',
	'brand',
	'is_stock_item',
	'is_sales_item',
	'disabled',
	'valuation_rate',
	'last_purchase_rate',
];

export const ErpNextItemRowSchema = z.looseObject({
	item_code: z.string().min(1),
	item_name: z.string().nullish(),
	item_group: z.string().nullish(),
	stock_uom: z.string().nullish(),
	description: z.string().nullish(),
	brand: z.string().nullish(),
	is_stock_item: check.nullish(),
	is_sales_item: check.nullish(),
	disabled: check.nullish(),
	valuation_rate: decimal.nullish(),
	last_purchase_rate: decimal.nullish(),
});
export type ErpNextItemRow = z.infer<typeof ErpNextItemRowSchema>;

/** The Item Price columns the catalog reads (erpnext.md §6). */
export const ERPNEXT_ITEM_PRICE_FIELDS = [
	'name',
	'item_code',
	'price_list',
	'price_list_rate',
	'currency',
	'uom',
	'valid_from',
	'valid_upto',
	'customer',
	'selling',
];

export const ErpNextItemPriceRowSchema = z.looseObject({
	name: z.string().nullish(),
	item_code: z.string().min(1),
	price_list: z.string().nullish(),
	price_list_rate: decimal.nullish(),
	currency: z.string().nullish(),
	uom: z.string().nullish(),
	valid_from: z.string().nullish(),
	valid_upto: z.string().nullish(),
	customer: z.string().nullish(),
	selling: check.nullish(),
});
export type ErpNextItemPriceRow = z.infer<typeof ErpNextItemPriceRowSchema>;

export const ErpNextBinRowSchema = z.looseObject({
	item_code: z.string().min(1),
	warehouse: z.string().nullish(),
	actual_qty: z.number().nullish(),
	reserved_qty: z.number().nullish(),
});
export type ErpNextBinRow = z.infer<typeof ErpNextBinRowSchema>;

export interface ErpNextMappingOptions {
	/** The catalog currency; default the chosen Item Price's currency. */
	currency?: string;
	/** When given, prices in other currencies are converted; otherwise they are dropped with a warning. */
	rates?: ExchangeRates;
	rounding?: PriceRounding;
	/** ISO date (YYYY-MM-DD) the prices must be valid on; validity is not checked without it. */
	today?: string;
	/** Available quantity (e.g. from Bins); default null (not checked). */
	stock?: number | null;
	/** Currency of valuation_rate/last_purchase_rate (the company currency); default the item's currency. */
	costCurrency?: string;
}

function priceLabel(price: ErpNextItemPriceRow): string {
	return price.name ? `Item Price ${price.name}` : 'Item Price';
}

function truthy(value: unknown): boolean {
	return value === true || value === 1 || value === '1';
}

function isoDate(value: string | null | undefined): string | undefined {
	const match = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value.trim()) : null;
	return match ? match[1] : undefined;
}

function validOn(price: ErpNextItemPriceRow, today: string | undefined): boolean {
	if (today === undefined) return true;
	const from = isoDate(price.valid_from);
	const upto = isoDate(price.valid_upto);
	return (from === undefined || from <= today) && (upto === undefined || upto >= today);
}

/** Among usable prices: catalog currency first, then the newest valid_from, then input order. */
function choosePrice(
	prices: ErpNextItemPriceRow[],
	currency: string | undefined,
): ErpNextItemPriceRow | undefined {
	const rank = (p: ErpNextItemPriceRow) =>
		currency !== undefined && (p.currency ?? '').toUpperCase() === currency ? 0 : 1;
	return prices
		.map((p, i) => ({ p, i }))
		.sort((a, b) => {
			const r = rank(a.p) - rank(b.p);
			if (r !== 0) return r;
			const fa = isoDate(a.p.valid_from) ?? '';
			const fb = isoDate(b.p.valid_from) ?? '';
			if (fa !== fb) return fa < fb ? 1 : -1;
			return a.i - b.i;
		})[0]?.p;
}

/** One ERPNext Item with its Item Prices as a canonical catalog item (pure; decisions at the top). */
export function erpnextItemToCatalogItem(
	item: ErpNextItemRow,
	itemPrices: readonly ErpNextItemPriceRow[],
	options: ErpNextMappingOptions = {},
): CatalogMapping {
	const warnings: CatalogWarning[] = [];
	const ref = item.item_code;
	const warn = (code: CatalogWarning['code'], message: string) =>
		warnings.push({ source: 'ERPNext', ref, code, message });
	const stockUom = (item.stock_uom ?? '').trim();

	const usable: ErpNextItemPriceRow[] = [];
	for (const price of itemPrices) {
		if (price.item_code !== item.item_code) continue;
		if ((price.customer ?? '').trim() !== '') continue;
		if (!validOn(price, options.today)) continue;
		const uom = (price.uom ?? '').trim();
		if (uom !== '' && stockUom !== '' && uom !== stockUom) {
			warn(
				'uom_mismatch',
				`${priceLabel(price)} is per ${uom}, the item is stocked per ${stockUom}; ignored`,
			);
			continue;
		}
		usable.push(price);
	}
	const wanted = options.currency?.trim().toUpperCase();
	const chosen = choosePrice(usable, wanted);
	const currency = wanted ?? (chosen?.currency ?? '').trim().toUpperCase();
	if (!/^[A-Z]{3}$/.test(currency)) {
		warn('skipped', `item ${ref}: no usable selling price and no catalog currency`);
		return { item: null, warnings };
	}
	const ctx: PriceContext = {
		source: 'ERPNext',
		ref,
		currency,
		rates: options.rates,
		rounding: options.rounding,
		warnings,
	};
	const unitPrice = chosen
		? readPrice(chosen.price_list_rate, chosen.currency, priceLabel(chosen), ctx)
		: undefined;
	if (unitPrice === undefined)
		warn('no_price', `item ${ref} has no usable selling price; it will not be quoted`);

	let cost: number | undefined;
	const rawCost = [item.valuation_rate, item.last_purchase_rate].find(
		(v) => v !== null && v !== undefined && Number(v) > 0,
	);
	if (rawCost !== undefined && rawCost !== null) {
		const scratch: CatalogWarning[] = [];
		cost = readPrice(rawCost, options.costCurrency ?? currency, 'cost (valuation rate)', {
			...ctx,
			warnings: scratch,
		});
		for (const w of scratch)
			warnings.push(
				w.code === 'converted' || w.code === 'price_rounded' ? w : { ...w, code: 'cost_dropped' },
			);
	}

	const stock =
		item.is_stock_item !== undefined && item.is_stock_item !== null && !truthy(item.is_stock_item)
			? null
			: options.stock === undefined || options.stock === null
				? null
				: Math.max(0, options.stock);
	const candidate: CatalogItem = {
		sku: item.item_code,
		name: (item.item_name ?? '').trim() || item.item_code,
		description: stripHtml(item.description ?? ''),
		category: (item.item_group ?? '').trim(),
		manufacturer: (item.brand ?? '').trim(),
		keywords: [],
		uom: stockUom || 'Nos',
		unit_price: unitPrice ?? 0,
		currency,
		price_breaks: [],
		stock,
		...(cost !== undefined && { cost }),
	};
	const parsed = CatalogItemSchema.safeParse(candidate);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		warn('skipped', `item ${ref}: ${issue.path.join('.') || 'item'}: ${issue.message}`);
		return { item: null, warnings };
	}
	return { item: parsed.data, warnings };
}

export interface ErpNextCatalogOptions {
	/** The selling Price List, e.g. "Standard Selling". */
	priceList: string;
	/** Only items of these Item Groups (exact names; ERPNext does not include child groups here). */
	itemGroup?: string | string[];
	currency?: string;
	rates?: ExchangeRates;
	rounding?: PriceRounding;
	/** ISO date the prices must be valid on; default today (UTC). `null` = do not check validity. */
	today?: string | null;
	/**
	 * `untracked` (default): stock is null (not checked). `bins`: read Bin and use actual_qty −
	 * reserved_qty, summed over `warehouses` (default all).
	 */
	stock?: 'untracked' | 'bins';
	warehouses?: string[];
	/** Company currency of valuation rates; default the item's currency. */
	costCurrency?: string;
	/** At most this many items. */
	limit?: number;
	pageSize?: number;
}

export type ErpNextCatalog = LoadedCatalog<string>;

/**
 * Reads the salable catalog from ERPNext: Items with is_sales_item = 1 and disabled = 0 (optionally of
 * some Item Groups), the selling Item Prices of `priceList` in one paged read, optionally the Bins, and
 * maps each item with erpnextItemToCatalogItem. Records that cannot be mapped become warnings.
 */
export async function loadErpNextCatalog(
	client: ErpNextClient,
	options: ErpNextCatalogOptions,
): Promise<ErpNextCatalog> {
	if (options.priceList.trim() === '')
		throw new RangeError('priceList must name a selling Price List');
	const groups =
		options.itemGroup === undefined
			? []
			: Array.isArray(options.itemGroup)
				? options.itemGroup
				: [options.itemGroup];
	const itemFilters: Filters = [
		['is_sales_item', '=', 1],
		['disabled', '=', 0],
		...(groups.length === 1
			? [['item_group', '=', groups[0]] as [string, '=', string]]
			: groups.length > 1
				? [['item_group', 'in', groups] as [string, 'in', string[]]]
				: []),
	];
	const items = await client.listAll(
		'Item',
		{
			fields: ERPNEXT_ITEM_FIELDS,
			filters: itemFilters,
			limit: options.limit,
			pageSize: options.pageSize,
		},
		ErpNextItemRowSchema,
	);
	const prices = await client.listAll(
		'Item Price',
		{
			fields: ERPNEXT_ITEM_PRICE_FIELDS,
			filters: [
				['price_list', '=', options.priceList],
				['selling', '=', 1],
			],
			pageSize: options.pageSize,
		},
		ErpNextItemPriceRowSchema,
	);
	const pricesByItem = new Map<string, ErpNextItemPriceRow[]>();
	for (const price of prices) {
		const list = pricesByItem.get(price.item_code) ?? [];
		list.push(price);
		pricesByItem.set(price.item_code, list);
	}

	let stockByItem: Map<string, number> | undefined;
	if (options.stock === 'bins') {
		const binFilters: Filters = options.warehouses?.length
			? [['warehouse', 'in', options.warehouses]]
			: [];
		const bins = await client.listAll(
			'Bin',
			{
				fields: ['name', 'item_code', 'warehouse', 'actual_qty', 'reserved_qty'],
				filters: binFilters,
				pageSize: options.pageSize,
			},
			ErpNextBinRowSchema,
		);
		stockByItem = new Map();
		for (const bin of bins) {
			const available = (bin.actual_qty ?? 0) - (bin.reserved_qty ?? 0);
			stockByItem.set(bin.item_code, (stockByItem.get(bin.item_code) ?? 0) + available);
		}
	}

	const today =
		options.today === null ? undefined : (options.today ?? new Date().toISOString().slice(0, 10));
	const catalog: ErpNextCatalog = { items: [], refs: emptyRefs<string>(), warnings: [] };
	for (const item of items) {
		const mapping = erpnextItemToCatalogItem(item, pricesByItem.get(item.item_code) ?? [], {
			currency: options.currency,
			rates: options.rates,
			rounding: options.rounding,
			today,
			stock: stockByItem ? (stockByItem.get(item.item_code) ?? 0) : undefined,
			costCurrency: options.costCurrency,
		});
		addToCatalog(catalog, mapping, item.item_code, 'ERPNext');
	}
	return catalog;
}
