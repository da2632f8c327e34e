// Extractor: a table pasted as text (bars, tabs or semicolons, a header with a quantity column) becomes one
// "<qty> x <cells>" line per row, which the rest of the reader reads like a typed list.
import { normalizeText } from '../tokenize';

const QTY_HEADER =
	/^(?:qty|qty\.|quantity|menge|anzahl|stuckzahl|cantidad|cant\.?|quantite|qte|q\.?ta|quantita|qtd|quantidade|aantal|ilosc|ilosc szt\.?|liczba|pcs|stk|szt\.?|stuks)$/;
// a unit column says what the count counts ("m", "pcs", "case"): the count is read as the row's count
const UNIT_HEADER =
	/^(?:unit|units|uom|u\.?o\.?m\.?|einheit|me|mengeneinheit|unidad|ud\.?|unite|unita|unidade|eenheid|jednostka|j\.?m\.?)$/;
const NUMBER_HEADER =
	/^(?:item|pos|pos\.|position|line|no\.?|nr\.?|#|lfd\.?|n°|linea|ligne|riga|linha|regel|lp\.?|poz\.?)$/;

/**
 * A table pasted as text ("Item | Part number | Qty", tab-separated columns): each row under a header with
 * a quantity column becomes "<qty> x <the other cells>", without the line-number column.
 */
export function rewriteTables(text: string): string {
	const lines = text.split('\n');
	let qtyCol = -1;
	let skip: number[] = [];
	let units: number[] = [];
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		// bars, tabs, or semicolons with at least two of them ("Référence;Désignation;Quantité")
		const sep = line.includes('|')
			? '|'
			: line.includes('\t')
				? '\t'
				: (line.match(/;/g)?.length ?? 0) >= 2
					? ';'
					: null;
		if (!sep) {
			if (line.trim() === '') qtyCol = -1;
			continue;
		}
		const cells = line.split(sep).map((c) => c.trim());
		const folded = cells.map((c) => normalizeText(c));
		// a row whose unit cell says "pcs" or "Stk" is no header: a header holds no count
		const header = folded.some((c) => /^\d+(?:[.,]\d+)?$/.test(c))
			? -1
			: folded.findIndex((c) => QTY_HEADER.test(c));
		if (header >= 0) {
			qtyCol = header;
			skip = folded.flatMap((c, k) => (NUMBER_HEADER.test(c) ? [k] : []));
			units = folded.flatMap((c, k) => (UNIT_HEADER.test(c) ? [k] : []));
			lines[i] = '';
			continue;
		}
		if (cells.every((c) => /^[-=:+\s]*$/.test(c))) {
			lines[i] = '';
			continue;
		}
		if (qtyCol < 0) continue;
		const qty = cells[qtyCol] ?? '';
		if (!/^\d+(?:[.,]\d+)?$/.test(qty)) continue;
		// a line-number column ("Item", "Pos") is left out only where it holds a line number: "Item | Qty"
		// names the product in its "Item" column
		const rest = cells.filter(
			(c, k) =>
				k !== qtyCol &&
				!(skip.includes(k) && /^\d{1,3}[.)]?$/.test(c)) &&
				!units.includes(k) &&
				c !== '',
		);
		lines[i] = `${qty} x ${rest.join(' ')}`;
	}
	return lines.join('\n');
}
