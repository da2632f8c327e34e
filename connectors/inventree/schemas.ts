// The InvenTree response shapes we rely on, checked against the v534 OpenAPI schema
// (../shared/reference/inventree/openapi-v534.yaml, components.schemas.*) and inventree.md §2-6.
// Objects are loose: only the fields the quote pipeline reads are declared, everything else passes
// through untouched. Two tolerances the reference demands: money comes as a decimal string (the spec)
// or a float (newer `InvenTreeMoneySerializer`) or null, and a list comes as a bare array (no `limit`)
// or as `{count, next, previous, results}` (with `limit`).
import { z } from 'zod/v4';

/** A money value as InvenTree sends it: "12.500000", 12.5 or null (inventree.md §6). */
export const InvenTreeMoneySchema = z.union([z.number(), z.string()]).nullable();
export type InvenTreeMoney = z.infer<typeof InvenTreeMoneySchema>;

/**
 * A quantity: the spec says number (double); a decimal string from an older server is read as a
 * number too, because quantities are never summed into money.
 */
export const QuantitySchema = z.union([
	z.number(),
	z
		.string()
		.regex(/^-?\d+(\.\d+)?$/, 'a decimal number')
		.transform((s) => Number(s)),
]);

const optionalQuantity = QuantitySchema.nullable().optional();
const optionalMoney = InvenTreeMoneySchema.optional();

/** `GET /api/` (components.schemas.InfoApi); works without authentication. */
export const InfoSchema = z.looseObject({
	server: z.string(),
	version: z.string(),
	apiVersion: z.number().int(),
	instance: z.string().optional(),
	id: z.string().nullable().optional(),
});
export type InvenTreeInfo = z.infer<typeof InfoSchema>;

/** `GET /api/user/me/` (components.schemas.MeUser). */
export const MeUserSchema = z.looseObject({
	pk: z.number().int(),
	username: z.string(),
	is_active: z.boolean().optional(),
});
export type InvenTreeUser = z.infer<typeof MeUserSchema>;

/** `GET /api/user/me/token/` (≥490) and `/api/user/token/` (≤489) (components.schemas.GetAuthToken). */
export const AuthTokenSchema = z.looseObject({
	token: z.string().min(1),
	name: z.string().optional(),
	expiry: z.string().nullable().optional(),
});
export type InvenTreeAuthToken = z.infer<typeof AuthTokenSchema>;

/** components.schemas.TreePath. */
export const TreePathSchema = z.looseObject({ pk: z.number().int(), name: z.string() });

/** `GET /api/part/category/` rows and Part.category_detail (components.schemas.Category). */
export const CategorySchema = z.looseObject({
	pk: z.number().int(),
	name: z.string(),
	pathstring: z.string(),
	parent: z.number().int().nullable().optional(),
	level: z.number().int().optional(),
	part_count: z.number().int().nullable().optional(),
	structural: z.boolean().optional(),
	description: z.string().nullable().optional(),
	default_keywords: z.string().nullable().optional(),
});
export type InvenTreeCategory = z.infer<typeof CategorySchema>;

/** `GET /api/part/category/tree/` rows (components.schemas.CategoryTree): a flat list with parents. */
export const CategoryTreeRowSchema = z.looseObject({
	pk: z.number().int(),
	name: z.string(),
	pathstring: z.string().optional(),
	parent: z.number().int().nullable().optional(),
	level: z.number().int(),
	subcategories: z.number().int().optional(),
	structural: z.boolean().optional(),
});
export type InvenTreeCategoryTreeRow = z.infer<typeof CategoryTreeRowSchema>;

/** `GET /api/part/sale-price/` rows and Part.price_breaks (components.schemas.PartSalePrice). */
export const SalePriceBreakSchema = z.looseObject({
	pk: z.number().int(),
	part: z.number().int(),
	quantity: QuantitySchema,
	price: InvenTreeMoneySchema.optional(),
	/** Each break has its own currency; absent only on very old servers (then: the server default). */
	price_currency: z.string().optional(),
});
export type InvenTreeSalePriceBreak = z.infer<typeof SalePriceBreakSchema>;

/** components.schemas.ParameterTemplate, as embedded in `template_detail`. */
export const ParameterTemplateSchema = z.looseObject({
	pk: z.number().int(),
	name: z.string(),
	units: z.string().nullable().optional(),
	description: z.string().nullable().optional(),
});

/** `GET /api/parameter/` rows, API ≥430 (components.schemas.Parameter). */
export const ParameterSchema = z.looseObject({
	pk: z.number().int(),
	template: z.number().int(),
	model_type: z.string().optional(),
	model_id: z.number().int(),
	data: z.string(),
	data_numeric: z.number().nullable().optional(),
	template_detail: ParameterTemplateSchema,
});

/** `GET /api/part/parameter/` rows, API ≤429 (inventree.md §4, legacy). */
export const LegacyPartParameterSchema = z.looseObject({
	pk: z.number().int(),
	part: z.number().int(),
	template: z.number().int(),
	data: z.string(),
	data_numeric: z.number().nullable().optional(),
	template_detail: ParameterTemplateSchema,
});

/**
 * Part.parameters (`?parameters=true`): the v534 spec types them as Parameter; older servers send the
 * legacy shape with `part`. Either is accepted; only what both share is relied on.
 */
export const EmbeddedParameterSchema = z.looseObject({
	pk: z.number().int(),
	template: z.number().int(),
	data: z.string(),
	data_numeric: z.number().nullable().optional(),
	template_detail: ParameterTemplateSchema.optional(),
});

/** One part parameter, the same for both API generations. */
export interface InvenTreeParameter {
	pk: number;
	part: number;
	template: number;
	name: string;
	units: string;
	data: string;
	data_numeric: number | null;
}

/** `GET /api/part/` rows and `GET /api/part/{id}/` (components.schemas.Part, inventree.md §5). */
export const PartSchema = z.looseObject({
	pk: z.number().int(),
	name: z.string(),
	full_name: z.string().optional(),
	IPN: z.string().nullable().optional(),
	description: z.string().nullable().optional(),
	keywords: z.string().nullable().optional(),
	category: z.number().int().nullable().optional(),
	category_name: z.string().nullable().optional(),
	category_detail: CategorySchema.nullable().optional(),
	/** With `?path_detail=true`: the category's ancestors and itself, root first. */
	category_path: z.array(TreePathSchema).nullable().optional(),
	units: z.string().nullable().optional(),
	revision: z.string().nullable().optional(),
	active: z.boolean().optional(),
	salable: z.boolean().optional(),
	purchaseable: z.boolean().optional(),
	virtual: z.boolean().optional(),
	is_template: z.boolean().optional(),
	link: z.string().nullable().optional(),
	in_stock: optionalQuantity,
	total_in_stock: optionalQuantity,
	/** Available to promise: total stock minus sales- and build-order allocations (inventree.md §5). */
	unallocated_stock: optionalQuantity,
	allocated_to_sales_orders: optionalQuantity,
	allocated_to_build_orders: optionalQuantity,
	pricing_min: optionalMoney,
	pricing_max: optionalMoney,
	pricing_updated: z.string().nullable().optional(),
	/** With `?price_breaks=true`, API ≥412. */
	price_breaks: z.array(SalePriceBreakSchema).nullable().optional(),
	/** With `?parameters=true`. */
	parameters: z.array(EmbeddedParameterSchema).nullable().optional(),
});
export type InvenTreePart = z.infer<typeof PartSchema>;

/** `GET /api/part/{id}/pricing/` (components.schemas.PartPricing); cached, possibly null or stale. */
export const PartPricingSchema = z.looseObject({
	currency: z.string().nullable().optional(),
	updated: z.string().nullable().optional(),
	scheduled_for_update: z.boolean().optional(),
	bom_cost_min: optionalMoney,
	bom_cost_max: optionalMoney,
	purchase_cost_min: optionalMoney,
	purchase_cost_max: optionalMoney,
	internal_cost_min: optionalMoney,
	internal_cost_max: optionalMoney,
	supplier_price_min: optionalMoney,
	supplier_price_max: optionalMoney,
	variant_cost_min: optionalMoney,
	variant_cost_max: optionalMoney,
	override_min: optionalMoney,
	override_max: optionalMoney,
	overall_min: optionalMoney,
	overall_max: optionalMoney,
	sale_price_min: optionalMoney,
	sale_price_max: optionalMoney,
	sale_history_min: optionalMoney,
	sale_history_max: optionalMoney,
});
export type InvenTreePartPricing = z.infer<typeof PartPricingSchema>;

/** `GET /api/stock/` rows (components.schemas.StockItem). */
export const StockItemSchema = z.looseObject({
	pk: z.number().int(),
	part: z.number().int(),
	quantity: QuantitySchema,
	location: z.number().int().nullable().optional(),
	serial: z.string().nullable().optional(),
	batch: z.string().nullable().optional(),
	status: z.number().int().optional(),
	status_text: z.string().nullable().optional(),
	in_stock: z.boolean(),
	allocated: optionalQuantity,
	expired: z.boolean().nullable().optional(),
	expiry_date: z.string().nullable().optional(),
});
export type InvenTreeStockItem = z.infer<typeof StockItemSchema>;

/** `GET /api/currency/exchange/` (components.schemas.CurrencyExchange): 1 base = rate units of CODE. */
export const CurrencyExchangeSchema = z.looseObject({
	base_currency: z.string(),
	exchange_rates: z.record(z.string(), z.union([z.number(), z.string()])),
	updated: z.string().nullable().optional(),
});
export type InvenTreeCurrencyExchange = z.infer<typeof CurrencyExchangeSchema>;

/** A list page after normalisation; `bare` when the server answered with a plain array. */
export interface InvenTreePage<T> {
	count: number;
	next: string | null;
	previous: string | null;
	results: T[];
	bare: boolean;
}

/**
 * Either list shape (inventree.md §3 pitfall 1): a bare array is wrapped as a single complete page
 * (its issues are then reported under `results[i]`), the paginated object is read as it is.
 */
export function pageSchema<T>(item: z.ZodType<T>): z.ZodType<InvenTreePage<T>> {
	return z.preprocess(
		(body) =>
			Array.isArray(body)
				? { count: body.length, next: null, previous: null, results: body, bare: true }
				: body && typeof body === 'object'
					? { ...(body as Record<string, unknown>), bare: false }
					: body,
		z.object({
			count: z.number().int().nonnegative(),
			next: z
				.string()
				.nullable()
				.optional()
				.transform((v) => v ?? null),
			previous: z
				.string()
				.nullable()
				.optional()
				.transform((v) => v ?? null),
			results: z.array(item),
			bare: z.boolean(),
		}),
	) as unknown as z.ZodType<InvenTreePage<T>>;
}
