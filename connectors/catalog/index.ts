// Public surface of the catalog connectors: InvenTree and ERPNext records mapped into core/quote's
// canonical catalog item, the loaders that read whole catalogs through the clients, and past ERPNext
// Quotations mapped into core/quote's PastQuote.
export { inventreePartToCatalogItem, inventreeSku, loadInvenTreeCatalog } from './inventree';
export type {
	InvenTreeCatalog,
	InvenTreeCatalogOptions,
	InvenTreeMappingOptions,
	StockInput,
} from './inventree';
export {
	ERPNEXT_ITEM_FIELDS,
	ERPNEXT_ITEM_PRICE_FIELDS,
	ErpNextBinRowSchema,
	ErpNextItemPriceRowSchema,
	ErpNextItemRowSchema,
	erpnextItemToCatalogItem,
	loadErpNextCatalog,
} from './erpnext';
export type {
	ErpNextBinRow,
	ErpNextCatalog,
	ErpNextCatalogOptions,
	ErpNextItemPriceRow,
	ErpNextItemRow,
	ErpNextMappingOptions,
} from './erpnext';
export {
	ErpNextQuotationSchema,
	LOST_STATUSES,
	WON_STATUSES,
	erpnextQuotationToPastQuote,
	loadErpNextPastQuotes,
} from './pastQuotes';
export type {
	ErpNextQuotation,
	LoadedPastQuotes,
	PastQuoteMapping,
	PastQuoteMappingOptions,
	PastQuotesOptions,
} from './pastQuotes';
export { addToCatalog, emptyRefs } from './loadedCatalog';
export type { CatalogMapping, LoadedCatalog } from './loadedCatalog';
export { convertToMinorUnits, readPrice } from './prices';
export type { ExchangeRates, PriceContext, PriceRounding } from './prices';
export type { CatalogSource, CatalogWarning, CatalogWarningCode } from './warnings';
