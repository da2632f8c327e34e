// The result of mapping one source record and of loading a whole catalog: items, the SKU → source
// record map a node needs to act on a quoted line, and the warnings. Shared by the InvenTree and ERPNext
// loaders so both refuse a second item with the same SKU the same way.
import type { CatalogItem } from '../../core/quote/catalog';
import type { CatalogWarning } from './warnings';

export interface CatalogMapping {
	/** null when the record could not become a catalog item (see the `skipped` warning). */
	item: CatalogItem | null;
	warnings: CatalogWarning[];
}

export interface LoadedCatalog<Ref> {
	items: CatalogItem[];
	/** SKU → source record (InvenTree part pk, ERPNext item_code), to act on a quoted line. */
	refs: Record<string, Ref>;
	warnings: CatalogWarning[];
}

/** Adds a mapping to a catalog being built, refusing a second item with the same SKU. */
export function addToCatalog<Ref>(
	catalog: LoadedCatalog<Ref>,
	mapping: CatalogMapping,
	ref: Ref,
	source: CatalogWarning['source'],
): void {
	catalog.warnings.push(...mapping.warnings);
	const item = mapping.item;
	if (!item) return;
	if (Object.prototype.hasOwnProperty.call(catalog.refs, item.sku)) {
		catalog.warnings.push({
			source,
			ref: String(ref),
			code: 'duplicate_sku',
			message: `SKU ${item.sku} is already used by ${String(catalog.refs[item.sku])}; ${String(ref)} is left out`,
		});
		return;
	}
	catalog.refs[item.sku] = ref;
	catalog.items.push(item);
}

/** A SKU map without a prototype, so a SKU such as "__proto__" or "constructor" is just a key. */
export function emptyRefs<Ref>(): Record<string, Ref> {
	return Object.create(null) as Record<string, Ref>;
}
