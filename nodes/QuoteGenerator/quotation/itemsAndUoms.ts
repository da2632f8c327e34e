// Which ERPNext Item and UOM each quote line becomes on a Quotation, decided before anything is inserted
// (issue 13, E6). A Quotation Item's `item_code` is a Link to Item and its `uom` a Link to UOM: Frappe
// refuses an unknown value with 417 LinkValidationError (frappe/frappe frappe/model/document.py
// _validate_links, base_document.py get_invalid_links), and the catalog's SKU (an InvenTree IPN or
// `INV-<pk>`) and units ("m", "pcs") are not ERPNext's. So: SKU → Item Code through the user's mapping
// (default: the SKU itself), unit → UOM through the user's mapping, then the built-in names below
// (default: the unit itself), then one Item and one UOM request tell which exist. A line that does not
// resolve is a review reason naming the line, the SKU, the unit and what is missing; the quote goes to a
// person instead of ending in a 417. Creating Items is the caller's explicit option.
import type { ErpNextClient } from '../../../connectors/erpnext';
import type { Quote } from '../../../core/quote';

/**
 * Unit spellings (lower case) → ERPNext's standard UOM names, the `uom_name`s the setup wizard installs
 * from frappe/erpnext erpnext/setup/setup_wizard/data/uom_data.json (@ 974c17d3; install_fixtures.py
 * add_uom_data): "Nos", "Meter", "Kg", "Litre", "Hour", …
 */
const STANDARD_UNITS: Record<string, string> = {
	...Object.fromEntries(
		[
			'nos',
			'no',
			'no.',
			'pc',
			'pcs',
			'pce',
			'piece',
			'pieces',
			'ea',
			'each',
			'stk',
			'stk.',
			'st',
			'st.',
			'stück',
			'units',
			'qty',
		].map((u) => [u, 'Nos']),
	),
	unit: 'Unit',
	box: 'Box',
	pair: 'Pair',
	set: 'Set',
	...Object.fromEntries(['m', 'meter', 'meters', 'metre', 'metres'].map((u) => [u, 'Meter'])),
	cm: 'Centimeter',
	mm: 'Millimeter',
	km: 'Kilometer',
	...Object.fromEntries(['ft', 'foot', 'feet'].map((u) => [u, 'Foot'])),
	...Object.fromEntries(['in', 'inch', 'inches'].map((u) => [u, 'Inch'])),
	...Object.fromEntries(['yd', 'yard', 'yards'].map((u) => [u, 'Yard'])),
	...Object.fromEntries(
		['m2', 'm²', 'sqm', 'square meter', 'square metre'].map((u) => [u, 'Square Meter']),
	),
	...Object.fromEntries(['m3', 'm³', 'cubic meter', 'cubic metre'].map((u) => [u, 'Cubic Meter'])),
	...Object.fromEntries(['kg', 'kgs', 'kilogram', 'kilograms'].map((u) => [u, 'Kg'])),
	...Object.fromEntries(['g', 'gram', 'grams'].map((u) => [u, 'Gram'])),
	mg: 'Milligram',
	...Object.fromEntries(['t', 'tonne', 'tonnes'].map((u) => [u, 'Tonne'])),
	...Object.fromEntries(['lb', 'lbs', 'pound', 'pounds'].map((u) => [u, 'Pound'])),
	...Object.fromEntries(['oz', 'ounce', 'ounces'].map((u) => [u, 'Ounce'])),
	...Object.fromEntries(['l', 'liter', 'liters', 'litre', 'litres'].map((u) => [u, 'Litre'])),
	...Object.fromEntries(['ml', 'milliliter', 'millilitre'].map((u) => [u, 'Millilitre'])),
	...Object.fromEntries(['h', 'hr', 'hrs', 'hour', 'hours'].map((u) => [u, 'Hour'])),
	...Object.fromEntries(['d', 'day', 'days'].map((u) => [u, 'Day'])),
	...Object.fromEntries(['min', 'mins', 'minute', 'minutes'].map((u) => [u, 'Minute'])),
	...Object.fromEntries(['s', 'sec', 'secs', 'second', 'seconds'].map((u) => [u, 'Second'])),
	...Object.fromEntries(['wk', 'week', 'weeks'].map((u) => [u, 'Week'])),
	'%': 'Percent',
};

export interface LineMapping {
	/** Catalog SKU → ERPNext Item Code (exact SKU). */
	itemCodes: ReadonlyMap<string, string>;
	/** Catalog unit (lower case, trimmed) → ERPNext UOM name. */
	units: ReadonlyMap<string, string>;
}

export function lineMapping(
	itemCodes: Array<{ sku?: unknown; itemCode?: unknown }>,
	units: Array<{ unit?: unknown; uom?: unknown }>,
): LineMapping {
	const text = (v: unknown) =>
		typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
	return {
		itemCodes: new Map(
			itemCodes
				.filter((m) => text(m.sku) && text(m.itemCode))
				.map((m) => [text(m.sku), text(m.itemCode)]),
		),
		units: new Map(
			units
				.filter((m) => text(m.unit) && text(m.uom))
				.map((m) => [text(m.unit).toLowerCase(), text(m.uom)]),
		),
	};
}

/** The ERPNext UOM a catalog unit stands for: the user's mapping, then ERPNext's standard names, else the unit itself. */
export function erpnextUom(unit: string, mapping: LineMapping): string {
	const key = unit.trim().toLowerCase();
	if (key === '') return 'Nos';
	return mapping.units.get(key) ?? STANDARD_UNITS[key] ?? unit.trim();
}

export interface PlannedLine {
	/** 1-based, as the line is numbered on the Quotation. */
	line: number;
	sku: string;
	unit: string;
	item_code: string;
	uom: string;
}

export function planLines(quote: Quote, mapping: LineMapping): PlannedLine[] {
	return quote.lines.map((l, i) => ({
		line: i + 1,
		sku: l.sku,
		unit: l.uom,
		item_code: mapping.itemCodes.get(l.sku) ?? l.sku,
		uom: erpnextUom(l.uom, mapping),
	}));
}

export interface ErpNextItemRow {
	name: string;
	item_code: string;
	stock_uom?: string;
	disabled?: boolean;
}

export interface UnresolvedLine extends PlannedLine {
	missing: 'item' | 'uom' | 'stock_uom' | 'disabled';
	reason: string;
}

export interface LineCheck {
	/** Lines that resolved, with ERPNext's own spelling of the Item name and UOM. */
	resolved: PlannedLine[];
	unresolved: UnresolvedLine[];
}

/**
 * Holds the planned lines against what ERPNext has (pure). `items` and `uoms` are keyed in lower case:
 * Frappe's Link check is a database lookup, case-insensitive on MariaDB, so "nos" finds "Nos".
 */
export function checkLines(
	planned: PlannedLine[],
	items: ReadonlyMap<string, ErpNextItemRow>,
	uoms: ReadonlyMap<string, string>,
): LineCheck {
	const resolved: PlannedLine[] = [];
	const unresolved: UnresolvedLine[] = [];
	for (const p of planned) {
		const where = `ERPNext line ${p.line} (SKU ${p.sku}, unit ${p.unit})`;
		const item = items.get(p.item_code.toLowerCase());
		const uom = uoms.get(p.uom.toLowerCase());
		if (!item) {
			unresolved.push({
				...p,
				missing: 'item',
				reason: `${where}: no ERPNext Item ${p.item_code}; map the SKU under Item Code Mapping, create the Item, or turn on Create Missing ERPNext Items`,
			});
		} else if (item.disabled) {
			unresolved.push({
				...p,
				missing: 'disabled',
				reason: `${where}: ERPNext Item ${item.name} is disabled`,
			});
		} else if (!uom) {
			unresolved.push({
				...p,
				missing: 'uom',
				reason: `${where}: no ERPNext UOM ${p.uom}; map the unit under Unit Mapping or create the UOM`,
			});
		} else if (item.stock_uom && item.stock_uom.toLowerCase() !== uom.toLowerCase()) {
			// The node prices per catalog unit and sends conversion_factor 1; a different stock UOM would
			// need a conversion it does not know.
			unresolved.push({
				...p,
				missing: 'stock_uom',
				reason: `${where}: ERPNext Item ${item.name} is kept in ${item.stock_uom}, not ${uom}; map the unit to ${item.stock_uom} or quote in the Item's unit`,
			});
		} else {
			resolved.push({ ...p, item_code: item.name, uom });
		}
	}
	return { resolved, unresolved };
}

const CHUNK = 100;

function chunks<T>(values: T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
	return out;
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1';

/** The Items whose item_code is one of `codes` (one request per 100 codes), keyed by lower-case item_code and name. */
export async function findItems(
	client: ErpNextClient,
	codes: string[],
): Promise<Map<string, ErpNextItemRow>> {
	const found = new Map<string, ErpNextItemRow>();
	for (const part of chunks([...new Set(codes)])) {
		const rows = await client.listAll('Item', {
			fields: ['name', 'item_code', 'stock_uom', 'disabled'],
			filters: [['item_code', 'in', part]],
			pageSize: part.length,
			limit: part.length,
		});
		for (const row of rows) {
			const item: ErpNextItemRow = {
				name: String(row.name),
				item_code: String(row.item_code ?? row.name),
				...(typeof row.stock_uom === 'string' && row.stock_uom ? { stock_uom: row.stock_uom } : {}),
				disabled: truthy(row.disabled),
			};
			found.set(item.item_code.toLowerCase(), item);
			found.set(item.name.toLowerCase(), item);
		}
	}
	return found;
}

/** The UOMs named in `names` (one request per 100 names), lower-case name → ERPNext's spelling. */
export async function findUoms(
	client: ErpNextClient,
	names: string[],
): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	for (const part of chunks([...new Set(names)])) {
		const rows = await client.listAll('UOM', {
			fields: ['name'],
			filters: [['name', 'in', part]],
			pageSize: part.length,
			limit: part.length,
		});
		for (const row of rows) found.set(String(row.name).toLowerCase(), String(row.name));
	}
	return found;
}
