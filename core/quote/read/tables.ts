// Extractor: a table pasted as text (bars, tabs, semicolons or columns aligned with spaces, a header with a
// quantity column) becomes one "<qty> x <cells>" line per row, which the rest of the reader reads like a
// typed list. A pack-size column ("Pack | 100") says what one unit holds, not how many are asked for.
import { normalizeText } from '../tokenize';
import { COUNT_WORDS, DAY_WORDS, HOUR_WORDS, KILOMETRE_WORDS, METRE_WORDS } from './vocabulary';

// (and of languages the reader does not read: Swedish, Danish and Norwegian "antal"/"antall", Czech and Slovak
// "počet"/"množství", Romanian "cantitate", Turkish "miktar"/"adet", Finnish "määrä", Hungarian "mennyiség")
const QTY_HEADER =
	/^(?:qty|qty\.|quantity|menge|anzahl|stuckzahl|cantidad|cant\.?|quantite|qte|q\.?ta|quantita|qtd|quantidade|aantal|ilosc|ilosc szt\.?|liczba|pcs|stk|szt\.?|stuks|antal|antall|pocet|mnozstvi|cantitate|miktar|adet|maara|mennyiseg)$/;
// a unit column says what the count counts ("m", "pcs", "case"): the count is read as the row's count
const UNIT_HEADER =
	/^(?:unit|units|uom|u\.?o\.?m\.?|einheit|me|mengeneinheit|unidad|ud\.?|unite|unita|unidade|eenheid|jednostka|j\.?m\.?)$/;
// "Pack", "VPE", "Conditionnement": the pieces one unit holds, left out of the row (ADR 0050)
const PACK_HEADER =
	/^(?:pack|pack size|packing|pkg|vpe|gebinde|verpackungseinheit|conditionnement|envase|embalagem|verpakking|opakowanie|confezione)$/;
// a unit cell that names a measure ("m", "km", "h", "Tage"): the row asks for a length or a time, written
// after the item ("… — 0,5 km") for the measure readers (attributes.ts), so a kilometre is read in metres
const MEASURE_UNIT = new RegExp(
	`^(?:${[...METRE_WORDS, ...KILOMETRE_WORDS, ...HOUR_WORDS, ...DAY_WORDS].join('|')})\\.?$`,
);
// a quantity cell that holds its unit ("4 szt.", "20 Stk", "3 cases", "60 m"): the count and the unit apart
const COUNT_UNIT = new RegExp(`^(?:${COUNT_WORDS.join('|')})\\.?$`);
const NUMBER_HEADER =
	/^(?:item|pos|pos\.|position|line|no\.?|nr\.?|#|lfd\.?|n°|linea|ligne|riga|linha|regel|lp\.?|poz\.?|rad|linje|rivi|sira|nr\.? crt\.?)$/;
// a column of references or line numbers in a tender or an order ("Ref.", "Réf.", "Lin.", "Lín.", "Art.")
const REFERENCE_HEADER = /^(?:ref\.?|reference|referencia|referenz|lin\.?|art\.?|n\.?|no)$/;

/**
 * A table pasted as text ("Item | Part number | Qty", tab-separated columns): each row under a header with
 * a quantity column becomes "<qty> x <the other cells>", without the line-number column.
 */
export function rewriteTables(text: string): string {
	const lines = text.split('\n');
	let qtyCol = -1;
	let skip: number[] = [];
	let units: number[] = [];
	// the header's columns were aligned with spaces: so are the rows under it
	let spaced = false;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		// bars, tabs, or semicolons with at least two of them ("Référence;Désignation;Quantité"), or columns
		// set apart by two spaces or more ("Tag     Description     Qty")
		const sep = line.includes('|')
			? '|'
			: line.includes('\t')
				? '\t'
				: (line.match(/;/g)?.length ?? 0) >= 2
					? ';'
					: line.trim().split(/\s{2,}/).length >= 2
						? /\s{2,}/
						: null;
		if (!sep) {
			if (line.trim() === '') qtyCol = -1;
			continue;
		}
		const cells = line
			.trim()
			.split(sep)
			.map((c) => c.trim());
		// "Qty (packs)", "Menge (Stk)": the word in brackets says what the column counts
		const folded = cells.map((c) => normalizeText(c.replace(/\s*\([^)]*\)\s*$/, '')));
		// a row whose unit cell says "pcs" or "Stk" is no header: a header holds no count
		const header = folded.some((c) => /^\d+(?:[.,]\d+)?$/.test(c))
			? -1
			: folded.findIndex((c) => QTY_HEADER.test(c));
		if (header >= 0) {
			qtyCol = header;
			spaced = sep instanceof RegExp;
			skip = folded.flatMap((c, k) => (NUMBER_HEADER.test(c) ? [k] : []));
			// "Lin. | Ref. fabricante | …", "Réf. | Désignation | Qté" over rows 1, 2, 3 or 10, 20, 30 or 2.1, 2.2:
			// a first column headed as a line or a reference that runs as positions holds no code and no count
			// (a first column of another header, "Length | 10 | 20", says what the item is)
			if (
				header !== 0 &&
				folded.length >= 3 &&
				(NUMBER_HEADER.test(folded[0]) || REFERENCE_HEADER.test(folded[0])) &&
				runsAsPositions(rowsBelow(lines, i + 1, sep).map((r) => r[0] ?? ''))
			)
				skip.push(0);
			units = folded.flatMap((c, k) => (UNIT_HEADER.test(c) || PACK_HEADER.test(c) ? [k] : []));
			lines[i] = '';
			continue;
		}
		if (cells.every((c) => /^[-=:+\s]*$/.test(c))) {
			lines[i] = '';
			continue;
		}
		if (qtyCol < 0 || sep instanceof RegExp !== spaced) continue;
		const cell = quantityCell(cells[qtyCol] ?? '');
		if (cell === null) continue;
		const qty = cell.qty;
		// a line-number column ("Item", "Pos") is left out only where it holds a line number: "Item | Qty"
		// names the product in its "Item" column
		const rest = cells.filter(
			(c, k) =>
				k !== qtyCol &&
				!(skip.includes(k) && POSITION_CELL.test(c)) &&
				!units.includes(k) &&
				c !== '',
		);
		// a row is one item: a comma inside a cell ("Whatman Grade 1, 90 mm") starts no other
		const item = rest.map((c) => c.replace(/,\s+/g, ' ')).join(' ');
		const measure =
			cell.measure ??
			units.map((k) => normalizeText(cells[k] ?? '')).find((u) => MEASURE_UNIT.test(u));
		lines[i] = measure ? `${item} — ${qty} ${measure}` : `${qty} x ${item}`;
	}
	return lines.join('\n');
}

// a line number: "3", "3.", "3)", "2.1" (a lot and its line, as tenders number them)
const POSITION_CELL = /^\d{1,3}(?:\.\d{1,2})?[.)]?$/;

/** The cells of the rows under a header, up to the first line that is not a row of the same separator. */
function rowsBelow(lines: readonly string[], from: number, sep: string | RegExp): string[][] {
	const rows: string[][] = [];
	for (let i = from; i < lines.length; i++) {
		const line = lines[i].trim();
		const cells = typeof sep === 'string' ? line.split(sep) : line.split(sep);
		if (line === '' || cells.length < 2) break;
		if (cells.every((c) => /^[-=:+\s]*$/.test(c))) continue;
		rows.push(cells.map((c) => c.trim()));
	}
	return rows;
}

/**
 * Whether a column's cells, row after row, are the rows' positions: two rows or more, each a line number
 * that follows the one above by the same step of 1, 5, 10 or 100 ("1, 2, 3", "10, 20, 30"), or by 1 in the
 * last place under one lot ("2.1, 2.2, 2.3"). A count column does not run so but by chance, and a count
 * column is what the header names: this one is only the first column, beside the quantity column.
 */
export function runsAsPositions(cells: readonly string[]): boolean {
	if (cells.length < 2 || !cells.every((c) => POSITION_CELL.test(c))) return false;
	const parts = cells.map((c) => c.replace(/[.)]$/, '').split('.'));
	if (parts.every((p) => p.length === 2 && p[0] === parts[0][0]))
		return parts.every((p, k) => k === 0 || Number(p[1]) === Number(parts[k - 1][1]) + 1);
	if (parts.some((p) => p.length !== 1)) return false;
	const n = parts.map((p) => Number(p[0]));
	const step = n[1] - n[0];
	return [1, 5, 10, 100].includes(step) && n.every((x, k) => k === 0 || x - n[k - 1] === step);
}

/**
 * A quantity cell: a bare number ("4"), or a number with the unit it counts ("4 szt.", "20 Stk", "3 cases")
 * or the measure it asks for ("60 m", "8 h", "0,5 km"); null when the cell holds anything else.
 */
function quantityCell(text: string): { qty: string; measure?: string } | null {
	const m = /^(\d+(?:[.,]\d+)?)(?:\s*(\p{L}+\.?))?$/u.exec(text.trim());
	if (!m) return null;
	const unit = normalizeText(m[2] ?? '');
	if (unit === '' || COUNT_UNIT.test(unit)) return { qty: m[1] };
	return MEASURE_UNIT.test(unit) ? { qty: m[1], measure: unit.replace(/\.$/, '') } : null;
}
