// The canonical catalog item every quote line is built from, whatever system it came from (InvenTree Part
// + sale price breaks + unallocated stock, ERPNext Item + Item Price). Canonical form: prices and cost are
// integer minor units of `currency` (see core/money.ts); `price_breaks` are sale price breaks in the same
// currency, each applying from `min_qty` upwards; `stock` is the quantity available to promise
// (InvenTree `unallocated_stock`) or null for a non-stock item such as a service hour; `cost` (valuation
// or last purchase rate) is optional and enables the margin floor. Connectors convert to this form with
// `canonicalCatalogItem`, which reads prices sent as numbers or decimal strings exactly.
import { z } from 'zod/v4';
import { CurrencySchema, DecimalInputSchema, MinorUnitsSchema, toMinorUnits } from '../money';

export const PriceBreakSchema = z.object({
	/** The break applies to quantities >= min_qty (in the item's uom). */
	min_qty: z.number().positive(),
	/** Unit price in minor units at and above min_qty. */
	unit_price: MinorUnitsSchema.nonnegative(),
});
export type PriceBreak = z.infer<typeof PriceBreakSchema>;

/** ERPNext's item_code and InvenTree's IPN length; SKU suffix indexing grows with the square of it. */
const SKU_MAX_LENGTH = 140;

export const CatalogItemSchema = z.object({
	sku: z.string().trim().min(1).max(SKU_MAX_LENGTH),
	name: z.string().min(1),
	description: z.string(),
	category: z.string(),
	manufacturer: z.string(),
	keywords: z.array(z.string()),
	/** Unit of measure: "Nos" (pieces), "Hour", "Day", "Meter". */
	uom: z.string().min(1),
	/** List price per uom in minor units; 0 means "no price" and the item is never quoted. */
	unit_price: MinorUnitsSchema.nonnegative(),
	currency: CurrencySchema,
	price_breaks: z.array(PriceBreakSchema),
	/** Available to promise; null = not stock-tracked (services). */
	stock: z.number().nonnegative().nullable(),
	/** Unit cost in minor units of `currency`, when known. */
	cost: MinorUnitsSchema.nonnegative().optional(),
});
export type CatalogItem = z.infer<typeof CatalogItemSchema>;

export const CatalogSchema = z.array(CatalogItemSchema);

/** The same item with money as the source systems send it: numbers or decimal strings in major units. */
export const RawCatalogItemSchema = CatalogItemSchema.extend({
	unit_price: DecimalInputSchema,
	price_breaks: z.array(
		z.object({ min_qty: z.number().positive(), unit_price: DecimalInputSchema }),
	),
	cost: DecimalInputSchema.nullable().optional(),
});
export type RawCatalogItem = z.infer<typeof RawCatalogItemSchema>;

/** Converts decimal prices to minor units exactly; a price with more decimals than the currency throws. */
export function canonicalCatalogItem(raw: RawCatalogItem): CatalogItem {
	const r = RawCatalogItemSchema.parse(raw);
	const currency = r.currency;
	return CatalogItemSchema.parse({
		...r,
		unit_price: toMinorUnits(r.unit_price, currency),
		price_breaks: r.price_breaks.map((b) => ({
			min_qty: b.min_qty,
			unit_price: toMinorUnits(b.unit_price, currency),
		})),
		cost: r.cost === null || r.cost === undefined ? undefined : toMinorUnits(r.cost, currency),
	});
}

export type UomKind = 'count' | 'hour' | 'day' | 'meter';

/** What a unit of measure counts, so "40 hours" or "100 m" can become a quantity of the right item. */
export function uomKind(uom: string): UomKind {
	const u = uom.trim().toLowerCase();
	if (/^(h|hr|hrs|hour|hours|std|stunde|stunden|hora|horas|heure|heures)$/.test(u)) return 'hour';
	if (/^(d|day|days|tag|tage|dia|dias|jour|jours)$/.test(u)) return 'day';
	if (/^(m|meter|meters|metre|metres|mtr|lfm)$/.test(u)) return 'meter';
	return 'count';
}

/**
 * A unit of measure that is the litre ("Ultrapure water, bulk, per litre": uom "Litre"): the quantity is the
 * litres asked, not a count. Apart from uomKind, whose "count" items it stays among for packs and lengths.
 */
export function soldPerLitre(uom: string): boolean {
	return /^(?:l|ltr|litre|litres|liter|liters|litro|litros|litri|litr|litry)$/i.test(uom.trim());
}
