// InvenTree Part + sale price breaks + stock → the canonical catalog item of core/quote (catalog.ts),
// and the loader that reads a whole catalog through InvenTreeClient. Mapping decisions:
// - SKU: the IPN, else `INV-<pk>`; name: the part name; category: the category path ("A / B"); uom: the
//   part's units, else "Nos"; keywords: the part's keywords (comma- or space-separated), lower case.
// - Description: the part description, followed by its parameters ("Voltage: 24 V; Poles: 3") so that
//   retrieval sees the attributes; manufacturer: the "Manufacturer" parameter when there is one.
// - Price: InvenTree has no list price besides the sale price breaks, so the break with the lowest
//   quantity is the item's unit_price and the others become price_breaks (volume prices from their
//   quantity up). Breaks in another currency than the item's are dropped or converted (prices.ts).
//   The item's currency is `currency` when given, else the currency of its lowest-quantity break.
//   No usable break: unit_price 0 (never quoted) with a `no_price` warning; the pricing cache is not
//   used as a sale price because its overall_min/max are costs.
// - Cost (margin floor): the highest known cost, PartPricing.overall_max (or Part.pricing_max), in the
//   server's base currency: the conservative choice, so a discount never undercuts the dearest source.
// - Stock: `unallocated_stock` (stock minus sales- and build-order allocations), never below 0; null
//   (not stock-tracked) for virtual parts such as services.
import { CatalogItemSchema } from '../../core/quote/catalog';
import type { PriceBreak } from '../../core/quote/catalog';
import { InvenTreeError } from '../http';
import { supportsInlinePriceBreaks } from '../inventree/versions';
import type { InvenTreeClient, PartStock } from '../inventree/client';
import type {
	InvenTreeParameter,
	InvenTreePart,
	InvenTreePartPricing,
	InvenTreeSalePriceBreak,
} from '../inventree/schemas';
import { addToCatalog, emptyRefs } from './loadedCatalog';
import type { CatalogMapping, LoadedCatalog } from './loadedCatalog';
import { readPrice } from './prices';
import type { ExchangeRates, PriceContext, PriceRounding } from './prices';
import type { CatalogWarning } from './warnings';

export interface InvenTreeMappingOptions {
	/** The item's currency; default the currency of its lowest-quantity price break. */
	currency?: string;
	/** When given, prices in other currencies are converted; otherwise they are dropped with a warning. */
	rates?: ExchangeRates;
	/** Prices with more decimals than the currency: rounded half-even (default) or dropped. */
	rounding?: PriceRounding;
	/** The part's pricing summary (`client.pricing(pk)`), for the cost; default Part.pricing_max. */
	pricing?: InvenTreePartPricing;
	/** Currency of Part.pricing_min/max (and of `pricing` when it has none): the server's base currency. */
	pricingCurrency?: string;
	/** Parameters when they are not embedded in the part (`client.partParameters(pk)`). */
	parameters?: readonly InvenTreeParameter[];
	/** Category pk → path, when the part carries no `category_detail` (see categoryPaths). */
	categoryPaths?: ReadonlyMap<number, string>;
	/** Name of the parameter that holds the manufacturer; default "Manufacturer". */
	manufacturerParameter?: string;
	/** Append the parameters to the description; default true. */
	parametersInDescription?: boolean;
}

/**
 * How much of the part may be promised: a PartStock or a number (its available quantity), null for
 * "not stock-tracked", undefined to read the part's own annotations.
 */
export type StockInput = PartStock | number | null | undefined;

const DEFAULT_UOM = 'Nos';

/**
 * The category path "Automation / PLC": from `category_path` (names, so a name containing "/" such as
 * "I/O Modules" survives), else the given map, else InvenTree's `pathstring` as it is, else the name.
 */
function categoryOf(part: InvenTreePart, paths: ReadonlyMap<number, string> | undefined): string {
	if (part.category_path && part.category_path.length > 0)
		return part.category_path.map((p) => p.name.trim()).join(' / ');
	const mapped =
		part.category !== null && part.category !== undefined ? paths?.get(part.category) : undefined;
	return mapped ?? part.category_detail?.pathstring ?? part.category_name ?? '';
}

export function inventreeSku(part: Pick<InvenTreePart, 'pk' | 'IPN'>): string {
	const ipn = (part.IPN ?? '').trim();
	return ipn !== '' ? ipn : `INV-${part.pk}`;
}

function splitKeywords(text: string | null | undefined): string[] {
	if (!text) return [];
	const parts = /[,;]/.test(text) ? text.split(/[,;]/) : text.split(/\s+/);
	const out: string[] = [];
	for (const p of parts) {
		const k = p.trim().toLowerCase();
		if (k !== '' && !out.includes(k)) out.push(k);
	}
	return out;
}

function parameterText(p: Pick<InvenTreeParameter, 'name' | 'data' | 'units'>): string {
	const data = p.data.trim();
	const units = (p.units ?? '').trim();
	const withUnits =
		units === '' || data.toLowerCase().endsWith(units.toLowerCase()) ? data : `${data} ${units}`;
	return `${p.name}: ${withUnits}`;
}

function partParameters(
	part: InvenTreePart,
	given?: readonly InvenTreeParameter[],
): InvenTreeParameter[] {
	if (given) return [...given];
	return (part.parameters ?? [])
		.filter((p) => p.template_detail !== undefined)
		.map((p) => ({
			pk: p.pk,
			part: part.pk,
			template: p.template,
			name: p.template_detail?.name ?? '',
			units: p.template_detail?.units ?? '',
			data: p.data,
			data_numeric: p.data_numeric ?? null,
		}));
}

function stockOf(part: InvenTreePart, stock: StockInput): number | null {
	if (stock === null) return null;
	if (typeof stock === 'number') return Number.isFinite(stock) ? Math.max(0, stock) : 0;
	if (stock !== undefined) return Math.max(0, stock.unallocated_stock);
	if (part.virtual) return null;
	return Math.max(0, part.unallocated_stock ?? part.total_in_stock ?? part.in_stock ?? 0);
}

function costOf(
	part: InvenTreePart,
	options: InvenTreeMappingOptions,
	ctx: PriceContext,
): number | undefined {
	const value = options.pricing ? options.pricing.overall_max : part.pricing_max;
	if (value === null || value === undefined) return undefined;
	const currency = (options.pricing?.currency || undefined) ?? options.pricingCurrency;
	const scratch: CatalogWarning[] = [];
	const cost = readPrice(value, currency, 'cost (overall_max)', { ...ctx, warnings: scratch });
	for (const w of scratch) {
		ctx.warnings.push(
			w.code === 'converted' || w.code === 'price_rounded' ? w : { ...w, code: 'cost_dropped' },
		);
	}
	return cost;
}

/** One InvenTree part as a canonical catalog item (pure; see the decisions at the top of this module). */
export function inventreePartToCatalogItem(
	part: InvenTreePart,
	priceBreaks: readonly InvenTreeSalePriceBreak[],
	stock: StockInput,
	options: InvenTreeMappingOptions = {},
): CatalogMapping {
	const warnings: CatalogWarning[] = [];
	const ref = String(part.pk);
	const sku = inventreeSku(part);
	const skip = (message: string): CatalogMapping => {
		warnings.push({
			source: 'InvenTree',
			ref,
			code: 'skipped',
			message: `part ${part.pk} (${sku}): ${message}`,
		});
		return { item: null, warnings };
	};

	const ordered = priceBreaks
		.filter((b) => b.part === part.pk)
		.slice()
		.sort((a, b) => a.quantity - b.quantity || a.pk - b.pk);
	const firstPriced = ordered.find((b) => b.price !== null && b.price !== undefined);
	const currency = (
		options.currency ??
		firstPriced?.price_currency ??
		options.pricingCurrency ??
		''
	)
		.trim()
		.toUpperCase();
	if (!/^[A-Z]{3}$/.test(currency)) {
		return skip(
			'no currency: the part has no priced sale price break and no catalog currency was given',
		);
	}
	const ctx: PriceContext = {
		source: 'InvenTree',
		ref,
		currency,
		rates: options.rates,
		rounding: options.rounding,
		warnings,
	};

	const breaks: PriceBreak[] = [];
	for (const b of ordered) {
		if (!(b.quantity > 0)) {
			warnings.push({
				source: 'InvenTree',
				ref,
				code: 'invalid_price',
				message: `sale price break ${b.pk} has quantity ${b.quantity}`,
			});
			continue;
		}
		const price = readPrice(
			b.price ?? null,
			b.price_currency ?? options.pricingCurrency,
			`sale price break at ${b.quantity}`,
			ctx,
		);
		if (price === undefined) continue;
		const previous = breaks[breaks.length - 1];
		if (previous && previous.min_qty === b.quantity) {
			warnings.push({
				source: 'InvenTree',
				ref,
				code: 'duplicate_break',
				message: `two sale price breaks at ${b.quantity}; the lower price is kept`,
			});
			previous.unit_price = Math.min(previous.unit_price, price);
			continue;
		}
		breaks.push({ min_qty: b.quantity, unit_price: price });
	}

	const [list, ...volume] = breaks;
	if (!list) {
		warnings.push({
			source: 'InvenTree',
			ref,
			code: 'no_price',
			message: `part ${part.pk} (${sku}) has no usable sale price; it will not be quoted`,
		});
	}

	const parameters = partParameters(part, options.parameters);
	const manufacturerName = (options.manufacturerParameter ?? 'Manufacturer').toLowerCase();
	const manufacturer =
		parameters.find((p) => p.name.toLowerCase() === manufacturerName)?.data.trim() ?? '';
	const described = (part.description ?? '').trim();
	const attributes =
		options.parametersInDescription === false
			? ''
			: parameters
					.filter((p) => p.name.toLowerCase() !== manufacturerName && p.data.trim() !== '')
					.map(parameterText)
					.join('; ');
	const description =
		described && attributes
			? `${described}${/[.!?]$/.test(described) ? '' : '.'} ${attributes}`
			: described || attributes;

	const category = categoryOf(part, options.categoryPaths);

	const cost = costOf(part, options, ctx);
	const candidate = {
		sku,
		name: part.name.trim(),
		description,
		category,
		manufacturer,
		keywords: splitKeywords(part.keywords),
		uom: (part.units ?? '').trim() || DEFAULT_UOM,
		unit_price: list?.unit_price ?? 0,
		currency,
		price_breaks: volume,
		stock: stockOf(part, stock),
		...(cost !== undefined && { cost }),
	};
	const parsed = CatalogItemSchema.safeParse(candidate);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return skip(`${issue.path.join('.') || 'item'}: ${issue.message}`);
	}
	return { item: parsed.data, warnings };
}

export interface InvenTreeCatalogOptions {
	/** Only parts in these categories (and their sub-categories); default all. */
	categoryIds?: number[];
	/** At most this many parts in total. */
	limit?: number;
	/** The catalog currency; default each part's own (the currency of its lowest-quantity break). */
	currency?: string;
	/** Convert prices in other currencies with the server's exchange rates; default false (drop them). */
	convert?: boolean;
	/** Explicit exchange rates (win over `convert`). */
	rates?: ExchangeRates;
	rounding?: PriceRounding;
	/** Only active parts (default true). */
	activeOnly?: boolean;
	/** Only salable parts (default true). */
	salableOnly?: boolean;
	/** Read each part's pricing summary for the cost (one request per part); default false (Part.pricing_max). */
	pricingSummary?: boolean;
	/** Rows per list request. */
	pageSize?: number;
}

export interface InvenTreeCatalog extends LoadedCatalog<number> {
	apiVersion: number;
	/** The server's base currency, when it could be read. */
	baseCurrency?: string;
}

function groupByPart(
	breaks: readonly InvenTreeSalePriceBreak[],
): Map<number, InvenTreeSalePriceBreak[]> {
	const out = new Map<number, InvenTreeSalePriceBreak[]>();
	for (const b of breaks) {
		const list = out.get(b.part) ?? [];
		list.push(b);
		out.set(b.part, list);
	}
	return out;
}

/**
 * Reads the salable catalog from InvenTree: parts (with parameters, category path and, from API 412,
 * their sale price breaks inline; before that all sale price breaks in one paged read, or per part when
 * that read cannot be completed), mapped with inventreePartToCatalogItem. Records that cannot be mapped
 * become warnings, not failures; a part list the server cannot page completely (InvenTreeError
 * INCOMPLETE_LIST, see InvenTreeClient.list) fails the load rather than quoting from part of a catalog.
 */
export async function loadInvenTreeCatalog(
	client: InvenTreeClient,
	options: InvenTreeCatalogOptions = {},
): Promise<InvenTreeCatalog> {
	const apiVersion = await client.apiVersion();
	const inline = supportsInlinePriceBreaks(apiVersion);

	let baseCurrency: string | undefined;
	let rates = options.rates;
	let exchangeFailure: unknown;
	try {
		const exchange = await client.currencyExchange();
		baseCurrency = exchange.base_currency.toUpperCase();
		if (!rates && options.convert) rates = { base: baseCurrency, rates: exchange.exchange_rates };
	} catch (error) {
		exchangeFailure = error;
	}
	// Without exchange rates the catalog still loads (costs may be dropped); an auth failure does not.
	if (exchangeFailure !== undefined && (options.convert || isAuthFailure(exchangeFailure)))
		throw exchangeFailure;

	const categories: Array<number | undefined> = options.categoryIds?.length
		? options.categoryIds
		: [undefined];
	const parts: InvenTreePart[] = [];
	const seen = new Set<number>();
	for (const category of categories) {
		const remaining = options.limit === undefined ? undefined : options.limit - parts.length;
		if (remaining !== undefined && remaining <= 0) break;
		const stream = client.parts(
			{
				category,
				cascade: category === undefined ? undefined : true,
				active: options.activeOnly === false ? undefined : true,
				salable: options.salableOnly === false ? undefined : true,
				parameters: true,
				pathDetail: true,
				priceBreaks: inline,
			},
			{ pageSize: options.pageSize, limit: remaining },
		);
		for await (const part of stream) {
			if (seen.has(part.pk)) continue;
			seen.add(part.pk);
			parts.push(part);
		}
	}

	let breaksByPart = new Map<number, InvenTreeSalePriceBreak[]>();
	if (!inline && parts.length > 0)
		breaksByPart = await salePriceBreaksOf(client, parts, options.pageSize);

	const catalog: InvenTreeCatalog = {
		items: [],
		refs: emptyRefs<number>(),
		warnings: [],
		apiVersion,
		...(baseCurrency && { baseCurrency }),
	};
	for (const part of parts) {
		const breaks = inline ? (part.price_breaks ?? []) : (breaksByPart.get(part.pk) ?? []);
		const pricing = options.pricingSummary ? await client.pricing(part.pk) : undefined;
		const mapping = inventreePartToCatalogItem(part, breaks, undefined, {
			currency: options.currency,
			rates,
			rounding: options.rounding,
			pricing,
			pricingCurrency: baseCurrency,
		});
		addToCatalog(catalog, mapping, part.pk, 'InvenTree');
	}
	return catalog;
}

/**
 * The sale price breaks of the loaded parts on servers before API 412: one read over all parts; when
 * that read cannot be completed (INCOMPLETE_LIST: every quantity-1 break ties on the only sort key,
 * and more breaks than the client reads unpaged), one read per part, whose breaks cannot tie
 * (PartSellPriceBreak is unique per part and quantity). Never a part silently left without prices.
 */
async function salePriceBreaksOf(
	client: InvenTreeClient,
	parts: readonly InvenTreePart[],
	pageSize: number | undefined,
): Promise<Map<number, InvenTreeSalePriceBreak[]>> {
	let failure: unknown;
	try {
		return groupByPart(await client.salePriceBreaks(undefined, { pageSize }));
	} catch (error) {
		failure = error;
	}
	if (!(failure instanceof InvenTreeError && failure.code === 'INCOMPLETE_LIST')) throw failure;
	const out = new Map<number, InvenTreeSalePriceBreak[]>();
	for (const part of parts) out.set(part.pk, await client.salePriceBreaks(part.pk, { pageSize }));
	return out;
}

function isAuthFailure(error: unknown): boolean {
	const status = (error as { status?: unknown } | undefined)?.status;
	return status === 401;
}
