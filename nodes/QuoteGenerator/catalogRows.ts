// Catalog rows that arrive as input items (a CSV through Extract From File, a Code node, a database
// query) → core/quote's canonical catalog items. Spreadsheet habits are accepted where they are
// unambiguous: numbers written as strings, keywords as one "a, b; c" cell, price breaks as a JSON cell,
// an empty stock cell for a service. Everything else is refused with the row, the column and the value,
// so the user can fix the sheet; money goes through core/money (exact, no float major units).
import { DecimalInputSchema, MoneyError, isIsoCurrency, toMinorUnits } from '../../core/money';
import {
	CatalogItemSchema,
	canonicalCatalogItem,
	type CatalogItem,
	type RawCatalogItem,
} from '../../core/quote';

export type PriceNotation = 'major' | 'minor';

export class CatalogRowError extends Error {
	constructor(
		readonly row: number,
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'CatalogRowError';
	}
}

function shown(value: unknown): string {
	const text =
		value === undefined
			? 'nothing'
			: typeof value === 'string'
				? JSON.stringify(value)
				: (JSON.stringify(value) ?? String(value));
	return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

interface RowContext {
	row: number;
	sku: string | undefined;
}

function fail(ctx: RowContext, field: string, problem: string, value: unknown): never {
	const where = `Catalog row ${ctx.row + 1}${ctx.sku ? ` (sku ${shown(ctx.sku)})` : ''}`;
	throw new CatalogRowError(
		ctx.row,
		field,
		`${where}: field "${field}" ${problem}, got ${shown(value)}`,
	);
}

function blank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

function text(
	ctx: RowContext,
	row: Record<string, unknown>,
	field: string,
	required: boolean,
	fallback = '',
): string {
	const value = row[field];
	if (blank(value)) {
		if (required) fail(ctx, field, 'is required', value);
		return fallback;
	}
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return fail(ctx, field, 'must be text', value);
}

function quantity(ctx: RowContext, field: string, value: unknown): number {
	const n =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(value)
				? Number(value)
				: NaN;
	if (!Number.isFinite(n) || n < 0) fail(ctx, field, 'must be a non-negative number', value);
	return n;
}

/** A price in minor units of `currency`, from the row's notation. */
function price(
	ctx: RowContext,
	field: string,
	value: unknown,
	currency: string,
	notation: PriceNotation,
): number {
	if (!DecimalInputSchema.safeParse(value).success)
		fail(ctx, field, 'must be a number or a decimal string', value);
	const input = value as number | string;
	if (notation === 'minor') {
		const n = typeof input === 'number' ? input : /^\s*\d+\s*$/.test(input) ? Number(input) : NaN;
		if (!Number.isSafeInteger(n) || n < 0)
			fail(
				ctx,
				field,
				'must be a whole, non-negative number of minor units (Prices In: Minor Units)',
				value,
			);
		return n;
	}
	let minor: number;
	try {
		minor = toMinorUnits(input, currency);
	} catch (error) {
		const why = error instanceof MoneyError ? error.message : String(error);
		return fail(ctx, field, `is not a price in ${currency} (${why})`, value);
	}
	if (minor < 0) fail(ctx, field, 'must not be negative', value);
	return minor;
}

function keywords(ctx: RowContext, value: unknown): string[] {
	if (blank(value)) return [];
	if (Array.isArray(value) && value.every((k) => typeof k === 'string'))
		return (value as string[]).map((k) => k.trim()).filter(Boolean);
	if (typeof value === 'string')
		return value
			.split(/[,;]/)
			.map((k) => k.trim())
			.filter(Boolean);
	return fail(ctx, 'keywords', 'must be a list of words or one "a, b; c" text', value);
}

function priceBreaks(
	ctx: RowContext,
	value: unknown,
	currency: string,
	notation: PriceNotation,
): Array<{ min_qty: number; unit_price: number }> {
	if (blank(value)) return [];
	let list: unknown = value;
	if (typeof value === 'string') {
		try {
			list = JSON.parse(value);
		} catch {
			fail(
				ctx,
				'price_breaks',
				'must be a JSON list like [{"min_qty": 10, "unit_price": "208.05"}]',
				value,
			);
		}
	}
	if (!Array.isArray(list))
		return fail(ctx, 'price_breaks', 'must be a list of {min_qty, unit_price}', value);
	return list.map((entry: unknown, i) => {
		if (!entry || typeof entry !== 'object')
			fail(ctx, `price_breaks[${i}]`, 'must be {min_qty, unit_price}', entry);
		const b = entry as Record<string, unknown>;
		const minQty = quantity(ctx, `price_breaks[${i}].min_qty`, b.min_qty);
		if (minQty <= 0) fail(ctx, `price_breaks[${i}].min_qty`, 'must be positive', b.min_qty);
		return {
			min_qty: minQty,
			unit_price: price(ctx, `price_breaks[${i}].unit_price`, b.unit_price, currency, notation),
		};
	});
}

/**
 * One input row as a canonical catalog item; throws CatalogRowError naming the row (0-based `index`,
 * shown 1-based), the field and the value. `defaultCurrency` fills rows without a currency column.
 */
export function catalogItemFromRow(
	row: Record<string, unknown>,
	index: number,
	notation: PriceNotation,
	defaultCurrency?: string,
): CatalogItem {
	const ctx: RowContext = { row: index, sku: undefined };
	ctx.sku = text(ctx, row, 'sku', true);
	const name = text(ctx, row, 'name', true);
	const currency = text(ctx, row, 'currency', !defaultCurrency, defaultCurrency).toUpperCase();
	if (!isIsoCurrency(currency))
		fail(ctx, 'currency', 'must be an ISO 4217 code such as EUR', row.currency);
	if (blank(row.unit_price))
		fail(ctx, 'unit_price', 'is required (0 = not for sale)', row.unit_price);
	const unitPrice = price(ctx, 'unit_price', row.unit_price, currency, notation);
	const breaks = priceBreaks(ctx, row.price_breaks, currency, notation);
	const stock = blank(row.stock) ? null : quantity(ctx, 'stock', row.stock);
	const cost = blank(row.cost) ? undefined : price(ctx, 'cost', row.cost, currency, notation);
	const candidate = {
		sku: ctx.sku,
		name,
		description: text(ctx, row, 'description', false),
		category: text(ctx, row, 'category', false),
		manufacturer: text(ctx, row, 'manufacturer', false),
		keywords: keywords(ctx, row.keywords),
		uom: text(ctx, row, 'uom', false, 'Nos'),
		unit_price: unitPrice,
		currency,
		price_breaks: breaks,
		stock,
		...(cost !== undefined && { cost }),
	};
	const parsed = CatalogItemSchema.safeParse(candidate);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = issue.path.map(String).join('.') || 'row';
		fail(ctx, field, issue.message, row[String(issue.path[0])]);
	}
	if (notation === 'minor') return parsed.data;
	// Validated above field by field; the conversion of the decimal prices as written is the core's.
	const raw: RawCatalogItem = {
		...parsed.data,
		unit_price: row.unit_price as number | string,
		price_breaks: rawBreaks(row.price_breaks),
		cost: blank(row.cost) ? undefined : (row.cost as number | string),
	};
	return canonicalCatalogItem(raw);
}

function rawBreaks(value: unknown): RawCatalogItem['price_breaks'] {
	if (blank(value)) return [];
	const list = (typeof value === 'string' ? JSON.parse(value) : value) as Array<{
		min_qty: unknown;
		unit_price: number | string;
	}>;
	return list.map((b) => ({ min_qty: Number(b.min_qty), unit_price: b.unit_price }));
}
