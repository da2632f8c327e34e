// Extractor: a part that only names a reference ("PO ref LAB-2026-118", "Our ref: Q-2291", "Bestellnummer
// 4500-118", "Ref. commande 2026/77", "nº pedido 8812", "numer zamówienia 55/2026") asks for nothing: its
// code is not a product code and its number is not a count.
import { normalizeText } from '../tokenize';

const REFERENCE_ONLY =
	/^(?:(?:our|your|my|unsere?|votre|notre|nuestra|nuestro|vostro|nostro|nossa|nosso|nasz[ea]?|onze|uw)\s+)?(?:po|p\.o\.|purchase order|order|ref\.?|reference|referenz|bestellnummer|bestellung|auftrag|auftragsnummer|commande|ref\.? commande|bon de commande|pedido|n[oº°]\.? pedido|numero de pedido|referencia|ordine|riferimento|rif\.?|encomenda|zamowienie|numer zamowienia|bestelling|bestelnummer|ordernummer|kenmerk)(?:\s+(?:ref\.?|no\.?|nr\.?|number|n[oº°]\.?|#|:))*\s*:?\s*[a-z]{0,5}[-/]?\d[\w/.-]*\s*[.:]?\s*$/;

/** True when the part is only a reference to an order or a document. */
export function isReferenceOnly(part: string): boolean {
	return REFERENCE_ONLY.test(normalizeText(part).trim());
}
