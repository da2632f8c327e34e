// Public surface of the quoting core: catalog schema, retrieval index, request parser, pricing, policy,
// LLM-pick contract and the engine. Nodes and tests import from here.
export {
	scanAttributes,
	attributeTerm,
	type Attribute,
	type AttributeDim,
	type Measure,
} from './attributes';
export {
	CatalogItemSchema,
	CatalogSchema,
	PriceBreakSchema,
	RawCatalogItemSchema,
	canonicalCatalogItem,
	uomKind,
	type CatalogItem,
	type PriceBreak,
	type RawCatalogItem,
	type UomKind,
} from './catalog';
export {
	LlmPickSchema,
	UNMATCHED_SKU,
	pickQuantity,
	quoteLlmSchema,
	validatePick,
	type LlmPick,
	type PickQuantity,
	type PickVerdict,
	type RequestQuantity,
} from './llmPicks';
export {
	ListedRequirementSchema,
	MAX_LISTED_REQUIREMENTS,
	applyRequestReading,
	checkRequestReading,
	requestReadingSchema,
	requirementsToAsk,
	type AskedRequirement,
	type CheckedRequirement,
	type ExtraRequirement,
	type ListedRequirement,
	type ListedVerdict,
	type RequestReading,
} from './llmRequirements';
export {
	PastQuoteSchema,
	similarPastQuotes,
	type PastQuote,
	type SimilarQuote,
} from './pastQuotes';
export {
	QuoteConfigSchema,
	lineDiscount,
	maxDiscountForMargin,
	quoteConfidence,
	type QuoteConfig,
	type QuoteConfigInput,
} from './policy';
export { unitPriceFor, type AppliedPrice } from './priceBreaks';
export { readMessage, type ReadMessage } from './message';
export { readMultipliers, type Multiplier } from './multipliers';
export { parseRequest, type ParsedRequest, type QueryTerm, type Requirement } from './requirements';
export {
	buildCatalogIndex,
	search,
	skuPrefixMatches,
	type CatalogIndex,
	type Candidate,
	type SearchResult,
} from './retrieval';
export { normalizeText, textTerms, compactCode, codeSingular } from './tokenize';
export {
	QuoteLineSchema,
	UNCERTAIN_LINE_LABEL,
	PickReportSchema,
	QuoteSchema,
	UnmatchedRequirementSchema,
	buildQuote,
	MAX_REQUEST_CHARS,
	judgePick,
	retrieveCandidates,
	type PickReport,
	type Quote,
	type QuoteContext,
	type QuoteLine,
	type QuoteRequest,
	type Retrieval,
	type RequirementCandidates,
	type UnmatchedRequirement,
} from './quote';
export { proposeOnlyQuote } from './proposeOnly';
