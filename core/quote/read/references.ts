// Extractor: a part that only names a reference ("PO ref LAB-2026-118", "Our ref: Q-2291", "Bestellnummer
// 4500-118", "Ref. commande 2026/77", "nº pedido 8812", "numer zamówienia 55/2026") asks for nothing: its
// code is not a product code and its number is not a count.
import { foldSameLength as normalizeSameLength } from '../multipliers';
import { normalizeText } from '../tokenize';

const REFERENCE_ONLY =
	/^(?:(?:our|your|my|unsere?|votre|notre|nuestra|nuestro|vostro|nostro|nossa|nosso|nasz[ea]?|onze|uw)\s+)?(?:po|p\.o\.|purchase order|order|ref\.?|reference|referenz|bestellnummer|bestellung|auftrag|auftragsnummer|commande|ref\.? commande|bon de commande|pedido|n[oº°]\.? pedido|numero de pedido|referencia|ordine|riferimento|rif\.?|encomenda|zamowienie|numer zamowienia|bestelling|bestelnummer|ordernummer|kenmerk|rfq|rfi|cost cent(?:re|er)|solicitud de (?:oferta|cotizacion|presupuesto)|orden de compra|nota de encomenda|pedido de cotacao|bestellanfrage|angebotsanfrage|kostenstelle|centro de coste|centre de cout|centro di costo|inkooporder|offerteaanvraag|referentie|kostenplaats|zapytanie ofertowe)(?:\s+(?:ref\.?|no\.?|nr\.?|number|n[oº°]\.?|#|:))*\s*:?\s*[a-z]{0,5}[-/]?\d[\w/.-]*\s*[.:]?\s*$/;

/** True when the part is only a reference to an order or a document. */
export function isReferenceOnly(part: string): boolean {
	return REFERENCE_ONLY.test(normalizeText(part).trim());
}

// a reference inside a sentence ("Re: PO 77812 – please quote …", "Order ref 4500-2291", "RFQ 2026-0419",
// "Quotation Q-2026-3312", "Ihr Angebot AN-2026-1187", "votre devis n° D-2026-0412" (ADR 0068), "Orden de compra nº
// OC-26-4410", "Inkooporder (concept) 2026-1187" (ADR 0072)): the reference word, then a number of four digits or
// more, or a code with a year or a dash ("LAB-2026-118"); "order 2 x …" and "Ref. 1756-IB16" (a product reference) are not
const REFERENCE_IN_TEXT =
	/(?<![\p{L}])(?:po|p\.o\.|purchase order|rfq|rfi|invoice|rechnung|factura|facture|fattura|(?:our|your|order|customer|unsere|ihre) ref\.?(?:erence)?|(?:your|our|ihr|ihre|ihrem|unser|unserem|votre|notre|su|vuestro|nuestro|vostro|vostra|nostro|nostra|vossa|nossa|vosso|nosso|uw|onze|wasz[aey]?|nasz[aey]?) (?:quote|offer|angebot|devis|offre|oferta|ofert[ey]|presupuesto|cotizacion|offerta|preventivo|orcamento|proposta|offerte|wycen[aey])(?:\s+(?:no\.?|nr\.?|n[°º]\.?|number|#))?|order(?:\s+(?:no\.?|nr\.?|number|#))|quotation(?:\s+(?:no\.?|nr\.?|number|#))?|bestellnummer|auftragsnummer|bestellung nr\.?|n[°º] (?:de )?commande|n[°º] (?:de )?pedido|numero de pedido|ordine n\.?|encomenda n\.?[°º]?|numer zamowienia|(?:solicitud de oferta|orden de compra|nota de encomenda|bestellanfrage|inkooporder|referentie|kostenstelle|kostenplaats)(?:\s+\([a-z]+\))?(?:\s+(?:n[o°º]\.?|nr\.?))?)\s*[:#]?\s*(?:rfq-|rfi-)?(?:[a-z]{1,5}-)?(?:\d{4,}|\d{2,4}[-/]\d{2,})(?:[-/]\d+)*(?![\p{L}\d])/giu;

/** The text with references to orders, enquiries and documents inside sentences blanked (same length). */
export function blankReferences(text: string): string {
	const folded = normalizeSameLength(text);
	let out = text;
	for (const m of folded.matchAll(REFERENCE_IN_TEXT)) {
		const s = m.index ?? 0;
		out = out.slice(0, s) + ' '.repeat(m[0].length) + out.slice(s + m[0].length);
	}
	return out;
}
