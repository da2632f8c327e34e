// A count of pieces for an item sold in packs. "300 cable glands M20" for "OBO V-TEC cable gland M20, pack
// of 10", "1000 Falcon tubes" for a "case of 500": the buyer counts pieces, the catalog sells packs, so
// the count is not the number of packs. Decides, for a requirement whose count names no pack ("3 boxes of
// 100", "2 Kartons", "5 packs (50 filters each)" name one and are read as written):
// - the item's pack size is the "pack/box/case/bag/rack/roll/carton/tub of N" of its name or description;
// - a count of at least one pack's worth that is a whole number of packs becomes that number of packs
//   ("300" → 30 packs of 10); any other count of at least a pack's worth stays as written; either way a
//   person confirms, told which reading was made. A count below the pack size ("2 Kimwipes") is the usual
//   way of counting packs and is read as packs.
import type { CatalogItem } from './catalog';
import type { Requirement } from './requirements';
import { CONTAINER_WORDS } from './read/vocabulary';
import { normalizeText } from './tokenize';

const PACK_OF =
	/(?<![\p{L}])(?:pack|box|case|bag|rack|roll|carton|tub|tube|bottle|set)\s+of\s+(\d{2,5})(?![\d.,])/iu;

/** How many pieces one unit of the item holds, or null when it is sold by the piece. */
export function packSize(item: CatalogItem): number | null {
	const m = PACK_OF.exec(`${item.name} ${item.description}`);
	const n = m ? Number(m[1]) : NaN;
	return Number.isFinite(n) && n > 1 ? n : null;
}

/** The requirement names a pack for its count ("3 boxes of …", "2 Kartons", "5 packs"). */
function countsPacks(req: Requirement): boolean {
	return normalizeText(req.text)
		.split(/[^\p{L}]+/u)
		.some((w) => CONTAINER_WORDS.has(w));
}

/**
 * The count of packs for a count of pieces (see the module comment), with the reviewer's reason; null
 * when the count is read as written.
 */
export function piecesToPacks(
	req: Requirement,
	item: CatalogItem,
	qty: number,
): { qty: number; reason: string } | null {
	const size = packSize(item);
	if (size === null || !req.qty_explicit || qty < size || countsPacks(req)) return null;
	const unit = item.uom.toLowerCase();
	if (Number.isInteger(qty / size))
		return {
			qty: qty / size,
			reason: `${req.id}: "${qty}" in "${req.text}" counts pieces of ${item.sku}, sold per ${unit} of ${size}: quoted as ${qty / size}`,
		};
	return {
		qty,
		reason: `${req.id}: "${qty}" in "${req.text}" may count pieces of ${item.sku}, sold per ${unit} of ${size}: quoted as ${qty} as written`,
	};
}
