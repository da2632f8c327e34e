// What the catalog mappers report instead of failing: a price or break that was dropped, rounded or
// converted, an item that was skipped. A catalog load over thousands of parts must not stop at one bad
// record, and must not hide it either; nodes show these warnings next to the catalog they built.

export type CatalogSource = 'InvenTree' | 'ERPNext';

export type CatalogWarningCode =
	/** A price in another currency than the item's, dropped because no exchange rate was given. */
	| 'currency_mismatch'
	/** A price converted into the item's currency with the given exchange rates. */
	| 'converted'
	/** A price with more decimals than the currency, rounded half-even. */
	| 'price_rounded'
	/** A price that is missing, unreadable or negative, dropped. */
	| 'invalid_price'
	/** Two price breaks for the same quantity; the lower price is kept. */
	| 'duplicate_break'
	/** The item has no usable selling price: it is kept with unit_price 0 and never quoted. */
	| 'no_price'
	/** An ERPNext Item Price for another unit of measure than the item's stock UOM, ignored. */
	| 'uom_mismatch'
	/** A cost that could not be used (other currency without a rate, unreadable). */
	| 'cost_dropped'
	/** The record could not become a catalog item at all. */
	| 'skipped'
	/** Another item already uses the SKU; this one is left out. */
	| 'duplicate_sku';

export interface CatalogWarning {
	source: CatalogSource;
	/** The source record: InvenTree part pk, ERPNext item_code or Quotation name. */
	ref: string;
	code: CatalogWarningCode;
	message: string;
}
