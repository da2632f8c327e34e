// The catalog given on the node itself (issue 16), so the Quote Generator can follow Lead Qualifier with
// no ERP and without turning the leads into catalog rows: JSON (a list of rows, or {"items": [...]})
// or CSV text typed or pasted into "Catalog", or a JSON/CSV file in a binary property of the first
// input item. Rows have the columns of Input Items mode and are read by the same rule
// (catalogRows.ts); every input item stays a request. A row that cannot be read stops the node with the
// row, the column and the value: the catalog is configuration, fixed once.
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { CatalogItem } from '../../core/quote';
import { toNodeError } from '../shared/serviceErrors';
import { CatalogRowError, catalogItemFromRow, type PriceNotation } from './catalogRows';

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks, comma or semicolon separated (from the header). */
export function parseCsv(text: string): string[][] {
	const body = text.replace(/^\uFEFF/, '');
	const headerEnd = body.search(/\r?\n/);
	const header = headerEnd < 0 ? body : body.slice(0, headerEnd);
	const separator =
		(header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < body.length; i++) {
		const c = body[i];
		if (quoted) {
			if (c === '"' && body[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') {
				quoted = false;
			} else {
				field += c;
			}
		} else if (c === '"' && field === '') {
			quoted = true;
		} else if (c === separator) {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && body[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else {
			field += c;
		}
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

function parseJson(text: string): { parsed?: unknown; problem?: string } {
	try {
		return { parsed: JSON.parse(text) as unknown };
	} catch (error) {
		return { problem: (error as Error).message };
	}
}

/** Catalog rows from JSON or CSV text; throws an Error saying what the text is not. */
export function catalogRowsFromText(text: string): Array<Record<string, unknown>> {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed === '') throw new Error('the catalog is empty');
	if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
		const { parsed, problem } = parseJson(trimmed);
		if (problem !== undefined) throw new Error(`the catalog is not valid JSON (${problem})`);
		const list = Array.isArray(parsed)
			? parsed
			: parsed && typeof parsed === 'object' && Array.isArray((parsed as { items?: unknown }).items)
				? (parsed as { items: unknown[] }).items
				: undefined;
		if (!list) throw new Error('the JSON catalog must be a list of rows or {"items": [...]}');
		const bad = list.findIndex((row) => !row || typeof row !== 'object' || Array.isArray(row));
		if (bad >= 0)
			throw new Error(`catalog row ${bad + 1} must be an object with sku, name, unit_price …`);
		return list as Array<Record<string, unknown>>;
	}
	const [header, ...rows] = parseCsv(trimmed);
	const columns = header.map((h) => h.trim());
	if (!columns.includes('sku'))
		throw new Error(
			`the CSV catalog needs a header row with the columns sku, name, unit_price (found ${columns.slice(0, 8).join(', ') || 'none'})`,
		);
	return rows.map((cells) =>
		Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])),
	);
}

/** The rows as catalog items; the first unreadable row throws CatalogRowError. Duplicate SKUs keep the first row. */
export function catalogItemsFromRows(
	rows: ReadonlyArray<Record<string, unknown>>,
	notation: PriceNotation,
	currency: string | undefined,
): { items: CatalogItem[]; warnings: string[] } {
	const items: CatalogItem[] = [];
	const warnings: string[] = [];
	const seen = new Map<string, number>();
	rows.forEach((row, i) => {
		const item = catalogItemFromRow(row, i, notation, currency);
		const first = seen.get(item.sku);
		if (first !== undefined) {
			warnings.push(
				`Catalog row ${i + 1}: SKU ${item.sku} is already used by row ${first + 1}; this row is left out`,
			);
			return;
		}
		seen.set(item.sku, i);
		items.push(item);
	});
	return { items, warnings };
}

/** Reads the "Catalog" parameter (text, or a file in the first item's binary data) into catalog items. */
export async function catalogFromParameter(
	ctx: IExecuteFunctions,
	notation: PriceNotation,
	currency: string | undefined,
): Promise<{ items: CatalogItem[]; warnings: string[] }> {
	const format = ctx.getNodeParameter('catalogFormat', 0, 'text') as 'text' | 'binary';
	let text: string;
	let where: string;
	if (format === 'binary') {
		const property =
			String(ctx.getNodeParameter('catalogBinaryProperty', 0, 'data')).trim() || 'data';
		where = `the file in binary property "${property}" of the first input item`;
		const item = ctx.getInputData()[0];
		if (!item?.binary?.[property]) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Catalog File: the first input item has no binary property "${property}"`,
				{
					description:
						'Read the CSV or JSON file before this node (e.g. Read/Write Files from Disk, HTTP Request) or choose "Catalog Text" and paste the rows.',
				},
			);
		}
		text = (await ctx.helpers.getBinaryDataBuffer(0, property)).toString('utf8');
	} else {
		where = 'Catalog Text';
		const value = ctx.getNodeParameter('catalogText', 0, '') as unknown;
		text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
	}
	let rows: Array<Record<string, unknown>>;
	try {
		rows = catalogRowsFromText(text);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Catalog: ${(error as Error).message} (${where})`, {
			description:
				'Give a JSON list of rows or CSV text with a header row: sku, name, unit_price, currency (optional: description, category, manufacturer, keywords, uom, price_breaks, stock, cost).',
		});
	}
	try {
		return catalogItemsFromRows(rows, notation, currency);
	} catch (error) {
		if (error instanceof CatalogRowError) {
			throw new NodeOperationError(ctx.getNode(), `${error.message} (${where})`, {
				description: 'Fix the row in the catalog.',
			});
		}
		throw toNodeError(ctx.getNode(), error, 0);
	}
}
