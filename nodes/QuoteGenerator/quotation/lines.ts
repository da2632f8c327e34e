// The Quotation Item rows of a quote: each line's ERPNext Item and UOM (itemsAndUoms.ts; missing Items
// created only when the user asks) and its rates as core/money decimal strings, rate = price_list_rate
// less the line discount, as ERPNext computes it.
import type { ErpNextClient, FrappeDoc } from '../../../connectors/erpnext';
import { divideHalfEven, formatMinorUnits, percentToBasisPoints } from '../../../core/money';
import type { Quote, QuoteLine } from '../../../core/quote';
import { isDuplicate } from './existing';
import {
	checkLines,
	findItems,
	findUoms,
	planLines,
	type LineMapping,
	type PlannedLine,
	type UnresolvedLine,
} from './itemsAndUoms';

/** The unit rate after the line discount, as ERPNext computes it: price_list_rate × (1 − discount). */
function netUnitRate(line: QuoteLine): number {
	const bp = percentToBasisPoints(line.discount_pct);
	return line.unit_price - Number(divideHalfEven(BigInt(line.unit_price) * BigInt(bp), 10000n));
}

/** The Quotation Item rows; `resolved` gives each line's ERPNext Item Code and UOM (default: SKU and catalog unit). */
export function quotationItems(
	quote: Quote,
	resolved?: PlannedLine[],
): Array<Record<string, unknown>> {
	return quote.lines.map((line, i) => ({
		item_code: resolved?.[i]?.item_code ?? line.sku,
		item_name: line.name,
		qty: line.qty,
		uom: resolved?.[i]?.uom ?? line.uom,
		conversion_factor: 1,
		price_list_rate: formatMinorUnits(line.unit_price, line.currency),
		discount_percentage: line.discount_pct,
		rate: formatMinorUnits(netUnitRate(line), line.currency),
	}));
}

/** What resolveLines needs of the node's options. */
export interface LineOptions {
	/** SKU → Item Code and unit → UOM (itemsAndUoms.ts). */
	mapping: LineMapping;
	/** Whether a missing Item may be created (explicit option, off by default). */
	createMissingItems: boolean;
	/** Item Group of a created Item. */
	newItemGroup: string;
}

/** Each line's ERPNext Item and UOM, creating missing Items only when asked; unresolved lines are reasons. */
export async function resolveLines(
	client: ErpNextClient,
	quote: Quote,
	options: LineOptions,
): Promise<{ resolved: PlannedLine[]; unresolved: UnresolvedLine[] }> {
	const planned = planLines(quote, options.mapping);
	const uoms = await findUoms(
		client,
		planned.map((p) => p.uom),
	);
	const items = await findItems(
		client,
		planned.map((p) => p.item_code),
	);
	if (options.createMissingItems) {
		for (const p of planned) {
			const uom = uoms.get(p.uom.toLowerCase());
			if (items.has(p.item_code.toLowerCase()) || !uom) continue;
			const line = quote.lines[p.line - 1];
			let doc: FrappeDoc | undefined;
			let failure: unknown;
			try {
				doc = await client.insert('Item', {
					item_code: p.item_code,
					item_name: line.name.slice(0, 140),
					description: line.name,
					item_group: options.newItemGroup,
					stock_uom: uom,
					is_sales_item: 1,
				});
			} catch (error) {
				failure = error;
			}
			if (doc === undefined) {
				// Another process created the Item in between (its name is the Item Code: 409
				// DuplicateEntryError, frappe/model/base_document.py db_insert): use that one.
				const theirs = isDuplicate(failure)
					? (await findItems(client, [p.item_code])).get(p.item_code.toLowerCase())
					: undefined;
				if (!theirs) throw failure;
				items.set(theirs.item_code.toLowerCase(), theirs);
				items.set(theirs.name.toLowerCase(), theirs);
				continue;
			}
			const row = {
				name: String(doc.name),
				item_code: String(doc.item_code ?? p.item_code),
				stock_uom: uom,
				disabled: false,
			};
			items.set(row.item_code.toLowerCase(), row);
			items.set(row.name.toLowerCase(), row);
		}
	}
	return checkLines(planned, items, uoms);
}
