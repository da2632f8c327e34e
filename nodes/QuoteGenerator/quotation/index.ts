// The ERPNext Quotation of a quote, one job per file: fields.ts (the AI fields, ensured once),
// existing.ts (the idempotency key and the Quotation that already holds it), itemsAndUoms.ts and
// lines.ts (each line's Item, UOM and rates), currency.ts (company currency, exchange rate), insert.ts
// (find or insert, submit, comment), comment.ts (the evidence comment) and pdf.ts.
export { QUOTATION_AI_FIELDS, ensureQuotationFields } from './fields';
export { idempotencyKey, resolveKey, type QuotationTarget } from './existing';
export { lineMapping, type LineMapping } from './itemsAndUoms';
export { quotationItems } from './lines';
export { evidenceComment } from './comment';
export {
	saveQuotation,
	type QuotationOptions,
	type QuotationRefused,
	type QuotationResult,
} from './insert';
export { quotationPdf } from './pdf';
