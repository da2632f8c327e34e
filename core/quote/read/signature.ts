// Extractor: a signature block at the end of a request ("Dr. Emma Hart / Lab Manager / Phone +44 … /
// Cambridge CB2 1TN", "Anna Kowalska / tel. +48 22 … / ul. Lipowa 7, 00-123 Warszawa") asks for nothing:
// its names, phone numbers and postcodes are not products or counts. A trailing block is a signature when
// every line of it is a name or title (a few capitalised words, no digit, no product type), a phone, an
// address with a postcode, a mail or web address, or an order reference, and one of them at least is a
// phone, an address or a mail. It is blanked (same offsets), so the reader never sees it.
import { normalizeText, textTerms } from '../tokenize';
import { foldWord, ID_LABELS } from './business';
import { isHead } from './words';

const PHONE =
	/^(?:(?:tel|tel\.|phone|fon|telefon|telefone|telefono|telephone|mob|mobile|mobil|cell|fax|gsm|t|m|p)\.?\s*:?\s*)?\+?\(?\d[\d\s()./-]{6,}\d$/i;
const MAIL = /@|www\.|https?:\/\//i;
// postcodes of the buyers' countries next to a place name: "00-123 Warszawa", "1000-001 Lisboa",
// "1012 AB Amsterdam", "70173 Stuttgart", "110078 Pitești", "Cambridge CB2 1TN", "Siler City NC 27344" (a
// module code such as "1221 DI" is none)
const POSTCODE =
	/(?<![\w-])(?:(?:\d{2}-\d{3}|\d{4}-\d{3}|\d{4}\s?[A-Z]{2}|\d{5,6})\s+\p{Lu}\p{Ll}{2,}|\p{Lu}\p{Ll}{2,},?\s+[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\s*$|\p{Lu}\p{Ll}{2,},?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?\s*$)/u;
const REFERENCE =
	/^(?:our |your |po |p\.o\. )?(?:ref\.?|reference|po|p\.o\.|order|commande|pedido|bestellung|auftrag|ordine|encomenda|zamowienie|bestelling)\b/i;

function isNameOrTitle(line: string): boolean {
	const words = line.split(/\s+/).filter((w) => w !== '');
	if (words.length === 0 || words.length > 5 || /\d/.test(line)) return false;
	if (
		!words.every(
			(w) => /^[\p{Lu}(]/u.test(w) || /^(?:of|de|da|do|von|van|der|di|la|le|y|e|&)$/.test(w),
		)
	)
		return false;
	return !textTerms(normalizeText(line)).some((t) => isHead(t));
}

// a tax or company register number after its label: "ABN 51 624 118 907", "CUI RO 28419375", "NIP 525-000-12-34"
function isCompanyId(field: string): boolean {
	const m = /^(\p{L}+)\.?:?\s+((?:[A-Z]{2}\s?)?\d[\d\s./-]{5,}\d)$/u.exec(field);
	return m !== null && ID_LABELS.has(foldWord(m[1]));
}

/**
 * A signature written on one line, its fields apart by "|": "Cheers, Brendan | Kerr Electrical Pty Ltd | 0412
 * 558 903 | ABN …", "CUI RO 28419375 | tel. 0348 401 266". Every field is a name or title, a contact, an
 * address or a company id, and one at least a contact or an id; a row of a table has a count or a product in a
 * cell.
 */
function pipedSignature(line: string): boolean {
	const fields = line
		.split('|')
		.map((f) => f.trim())
		.filter((f) => f !== '');
	// a company id is as sure a mark as a phone ("CUI RO 28419375 | |": the phones read before)
	const kinds = fields.map((f) => (isCompanyId(f) ? 'contact' : kindOf(f)));
	return kinds.every((k) => k === 'contact' || k === 'name') && kinds.includes('contact');
}

function kindOf(line: string): 'contact' | 'name' | 'blank' | null {
	const t = line.replace(/^>+\s*/, '').trim();
	if (t === '') return 'blank';
	if (t.includes('|')) return pipedSignature(t) ? 'contact' : null;
	if (PHONE.test(t) || MAIL.test(t)) return 'contact';
	// an address: a postcode with a place name, no product type
	if (
		POSTCODE.test(t) &&
		/\p{L}{3,}/u.test(t) &&
		!textTerms(normalizeText(t)).some((w) => isHead(w))
	)
		return 'contact';
	if (REFERENCE.test(t) && t.split(/\s+/).length <= 4) return 'name';
	return isNameOrTitle(t) ? 'name' : null;
}

/**
 * The text with its trailing signature block blanked (same length), and a signature on one line wherever it
 * stands: a thread read with its older message puts that message's signature before the newest lines.
 */
export function blankSignature(text: string): string {
	const lines = text
		.split('\n')
		.map((l) =>
			l.includes('|') && pipedSignature(l.replace(/^>+\s*/, '').trim()) ? ' '.repeat(l.length) : l,
		);
	text = lines.join('\n');
	let from = lines.length;
	let contact = false;
	for (let i = lines.length - 1; i > 0; i--) {
		const kind = kindOf(lines[i]);
		if (kind === null) break;
		if (kind === 'contact') contact = true;
		from = i;
	}
	// something must be left above it, and the block must hold a contact line
	if (!contact || from >= lines.length || lines.slice(0, from).every((l) => l.trim() === ''))
		return text;
	return [...lines.slice(0, from), ...lines.slice(from).map((l) => ' '.repeat(l.length))].join(
		'\n',
	);
}
