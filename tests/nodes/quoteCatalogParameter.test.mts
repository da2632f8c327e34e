// The catalog given on the Quote Generator itself (issue 16): JSON or CSV text read into catalog rows by
// the same rule as Input Items, with errors that name the row, the column and the value.
import { describe, expect, it } from 'vitest';

import { catalogItemsFromRows, catalogRowsFromText, parseCsv } from '../../nodes/QuoteGenerator/catalogParameter';

describe('parseCsv', () => {
	it('reads quoted fields with commas, escaped quotes and line breaks, CRLF and a BOM', () => {
		expect(parseCsv('\uFEFFsku,name,unit_price\r\nA-1,"Cable, per m ""green""",2.15\r\nB-2,"two\nlines",3\r\n')).toEqual([
			['sku', 'name', 'unit_price'],
			['A-1', 'Cable, per m "green"', '2.15'],
			['B-2', 'two\nlines', '3'],
		]);
	});

	it('takes semicolons when the header uses them (a European spreadsheet export)', () => {
		expect(parseCsv('sku;name;unit_price\nA-1;Relais;12.40')).toEqual([
			['sku', 'name', 'unit_price'],
			['A-1', 'Relais', '12.40'],
		]);
	});
});

describe('catalogRowsFromText', () => {
	it.each([
		['a JSON list', '[{"sku": "A-1", "name": "Relay", "unit_price": "12.40", "currency": "EUR"}]'],
		['{"items": [...]}', '{"items": [{"sku": "A-1", "name": "Relay", "unit_price": "12.40", "currency": "EUR"}]}'],
		['CSV', 'sku,name,unit_price,currency\nA-1,Relay,12.40,EUR'],
	])('reads %s', (_label, text) => {
		const rows = catalogRowsFromText(text);
		const { items } = catalogItemsFromRows(rows, 'major', undefined);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ sku: 'A-1', name: 'Relay', unit_price: 1240, currency: 'EUR' });
	});

	it.each([
		['', /the catalog is empty/],
		['[{"sku": "A-1"', /not valid JSON/],
		['{"rows": []}', /must be a list of rows or \{"items": \[\.\.\.\]\}/],
		['name,price\nRelay,12', /needs a header row with the columns sku, name, unit_price \(found name, price\)/],
	])('names what %j is not', (text, message) => {
		expect(() => catalogRowsFromText(text)).toThrow(message);
	});

	it('names the row, column and value of a price it cannot read, and keeps the first of two rows with one SKU', () => {
		expect(() => catalogItemsFromRows(catalogRowsFromText('sku,name,unit_price,currency\nA-1,Relay,"12,40",EUR'), 'major', undefined)).toThrow(
			/Catalog row 1 \(sku "A-1"\): field "unit_price".*"12,40"/,
		);
		const { items, warnings } = catalogItemsFromRows(catalogRowsFromText('sku,name,unit_price\nA-1,Relay,12.40\nA-1,Other,1'), 'major', 'EUR');
		expect(items.map((i) => i.name)).toEqual(['Relay']);
		expect(warnings).toEqual(['Catalog row 2: SKU A-1 is already used by row 1; this row is left out']);
	});
});
