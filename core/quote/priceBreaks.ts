// Which unit price applies to a quantity: the price break with the highest min_qty at or below the
// quantity (InvenTree's sale price breaks, ERPNext's quantity-based pricing), else the item's list price.
// A break that would raise the price above the list price is ignored: a break is a volume discount.
import type { CatalogItem, PriceBreak } from './catalog';

export interface AppliedPrice {
	/** Unit price in minor units of the item's currency. */
	unit_price: number;
	/** The break used, or null for the list price. */
	price_break: PriceBreak | null;
}

export function unitPriceFor(
	item: Pick<CatalogItem, 'unit_price' | 'price_breaks'>,
	qty: number,
): AppliedPrice {
	let chosen: PriceBreak | null = null;
	for (const b of item.price_breaks) {
		if (b.min_qty > qty || b.unit_price > item.unit_price) continue;
		if (
			!chosen ||
			b.min_qty > chosen.min_qty ||
			(b.min_qty === chosen.min_qty && b.unit_price < chosen.unit_price)
		) {
			chosen = b;
		}
	}
	return chosen
		? { unit_price: chosen.unit_price, price_break: chosen }
		: { unit_price: item.unit_price, price_break: null };
}
