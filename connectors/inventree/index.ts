// Public surface of the InvenTree connector.
export { INVENTREE_CREDENTIAL_TYPE, InvenTreeClient, PART_ORDERINGS } from './client';
export type {
	CategoryFilters,
	InvenTreeClientOptions,
	ListOptions,
	ObtainTokenOptions,
	PartDetailOptions,
	PartFilters,
	PartStock,
	StockFilters,
} from './client';
export { buildCategoryTree, categoryPaths } from './categories';
export type { CategoryNode } from './categories';
export {
	VALIDATION_ERROR_CODE,
	classifyInvenTreeRetry,
	decodeInvenTreeError,
	flattenDrfErrors,
	invenTreeFieldErrors,
} from './errors';
export {
	AuthTokenSchema,
	CategorySchema,
	CategoryTreeRowSchema,
	CurrencyExchangeSchema,
	InfoSchema,
	InvenTreeMoneySchema,
	MeUserSchema,
	ParameterSchema,
	PartPricingSchema,
	PartSchema,
	SalePriceBreakSchema,
	StockItemSchema,
	pageSchema,
} from './schemas';
export type {
	InvenTreeAuthToken,
	InvenTreeCategory,
	InvenTreeCategoryTreeRow,
	InvenTreeCurrencyExchange,
	InvenTreeInfo,
	InvenTreeMoney,
	InvenTreePage,
	InvenTreeParameter,
	InvenTreePart,
	InvenTreePartPricing,
	InvenTreeSalePriceBreak,
	InvenTreeStockItem,
	InvenTreeUser,
} from './schemas';
export {
	GENERIC_PARAMETERS_SINCE,
	INLINE_PRICE_BREAKS_SINCE,
	ME_TOKEN_PATH_SINCE,
	MIN_API_VERSION,
	parameterEndpoints,
	supportsInlinePriceBreaks,
	tokenPaths,
} from './versions';
export { InvenTreeError } from '../http';
