// The Quote Generator's parameters: where the catalog comes from (InvenTree, ERPNext, or the input
// items themselves), the buyer's request and who it is for, the auto-approval thresholds and commercial
// limits, the catalog cache, one output or one per route, the optional Claude pick step, and the
// optional ERPNext draft Quotation (with submit-when-auto-approved and the PDF as binary data).
import type { INodeProperties } from 'n8n-workflow';
import { systemOfRecordProperty } from '../shared/systemOfRecord';
import { claudeDataProperty, claudeModelProperty } from '../shared/claudeData';
import { movedToOptions } from '../shared/movedOption';
import { proposeOnlyProperty } from '../shared/proposeOnly';
import { DEFAULT_CLAUDE_MODEL } from '../../connectors/anthropic';

// Set for replays and tests only: under Options (nodes/shared/movedOption.ts).
const referenceDate = movedToOptions({
	displayName: 'Reference Date',
	name: 'referenceDate',
	type: 'dateTime',
	default: '',
	description:
		"Moment the quote is made: valid_till and the Quotation date count from its calendar date. Empty = now. Set it for reproducible runs. Without an offset, read in the workflow's time zone.",
});

export const ROUTES = ['auto', 'review'] as const;

export type { SystemOfRecord } from '../shared/systemOfRecord';
const ERPNEXT = { systemOfRecord: ['erpnext'] };
const FRAPPE_CRM = { systemOfRecord: ['frappeCrm'] };

// One default model for every node (connectors/anthropic/ask.ts).
export { DEFAULT_CLAUDE_MODEL };

export const properties: INodeProperties[] = [
	systemOfRecordProperty({
		erpnext: 'The quote is for an ERPNext Lead or Customer (optionally as an ERPNext Quotation)',
		frappeCrm:
			"The quote is for a Frappe CRM deal (CRM Deal): it lands in the deal's products and activity, and optionally in an ERPNext Quotation linked to the deal",
		where: 'Where the quote is saved.',
	}),
	{
		displayName: 'Catalog Source',
		name: 'catalogSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'InvenTree',
				value: 'inventree',
				description:
					'Salable, active parts with their sale price breaks and unallocated stock; each input item is one request',
			},
			{
				name: 'ERPNext',
				value: 'erpnext',
				description:
					'Sales items with their Item Price in one selling price list; each input item is one request',
			},
			{
				name: 'Catalog on This Node (JSON/CSV)',
				value: 'catalog',
				description:
					"Catalog rows pasted as JSON or CSV, or a JSON/CSV file in the first item's binary data; each input item is one request (e.g. the leads from Lead Qualifier). No ERP needed.",
			},
			{
				name: 'Input Items',
				value: 'inputItems',
				description:
					'Every input item is a catalog row (e.g. from Extract From File over a CSV); the request comes from Request Text and the node outputs one quote',
			},
		],
		default: 'inventree',
	},
	{
		displayName: 'Catalog Format',
		name: 'catalogFormat',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { catalogSource: ['catalog'] } },
		options: [
			{
				name: 'Catalog Text',
				value: 'text',
				description: 'JSON rows or CSV with a header row, typed or pasted below',
			},
			{
				name: 'File (Binary Data)',
				value: 'binary',
				description: 'A JSON or CSV file in a binary property of the first input item',
			},
		],
		default: 'text',
	},
	{
		displayName: 'Catalog Text',
		name: 'catalogText',
		type: 'string',
		typeOptions: { rows: 8 },
		default: '',
		required: true,
		placeholder: 'sku,name,unit_price,currency\nSRV-PLC-PROG,"PLC programming, per hour",95.00,EUR',
		displayOptions: { show: { catalogSource: ['catalog'], catalogFormat: ['text'] } },
		description:
			'Catalog rows as a JSON list ([{"sku": "…", "name": "…", "unit_price": "95.00", "currency": "EUR"}]) or CSV with a header row. Columns: sku, name, unit_price, currency; optional description, category, manufacturer, keywords, uom, price_breaks, stock, cost.',
	},
	{
		displayName: 'Catalog Binary Property',
		name: 'catalogBinaryProperty',
		type: 'string',
		default: 'data',
		displayOptions: { show: { catalogSource: ['catalog'], catalogFormat: ['binary'] } },
		description: 'Binary property of the first input item that holds the JSON or CSV catalog file',
	},
	{
		displayName:
			'In this mode every input item is a catalog row with the columns sku, name, unit_price and currency (optional: description, category, manufacturer, keywords, uom, price_breaks, stock, cost). Request Text and Party are read once, from the first item, and one quote comes out. A row that cannot be read becomes an error naming the row, the column and its value.',
		name: 'inputItemsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { catalogSource: ['inputItems'] } },
	},
	{
		displayName: 'Prices In',
		name: 'pricesIn',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { catalogSource: ['inputItems', 'catalog'] } },
		options: [
			{
				name: 'Decimal Amounts',
				value: 'major',
				description: 'As in a spreadsheet or ERPNext: 1250.00 or "1250.00"',
			},
			{
				name: 'Minor Units',
				value: 'minor',
				description: 'Integer cents: 125000 for 1,250.00 EUR',
			},
		],
		default: 'major',
		description: 'How unit_price, cost and the price_breaks prices are written in the catalog rows',
	},
	{
		displayName: 'Category Names or IDs',
		name: 'inventreeCategories',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getInvenTreeCategories' },
		default: [],
		displayOptions: { show: { catalogSource: ['inventree'] } },
		description:
			'InvenTree part categories, sub-categories included; none = all salable parts. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Price List Name or ID',
		name: 'priceList',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getErpNextSellingPriceLists' },
		default: 'Standard Selling',
		displayOptions: { show: { catalogSource: ['erpnext'] } },
		description:
			'The ERPNext selling Price List whose Item Prices are the catalog prices. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Item Group Name or ID',
		name: 'itemGroup',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getErpNextItemGroups' },
		default: '',
		displayOptions: { show: { catalogSource: ['erpnext'] } },
		description:
			'Only items of this Item Group. Empty = all sales items. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Stock From Bins',
		name: 'stockFromBins',
		type: 'boolean',
		default: false,
		displayOptions: { show: { catalogSource: ['erpnext'] } },
		description:
			'Whether to check stock against the ERPNext Bins (actual minus reserved quantity); otherwise stock is not checked',
	},
	{
		displayName: 'Request Text',
		name: 'requestText',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '={{ ($json.lead && $json.lead.message) || $json.text }}',
		required: true,
		description:
			'The buyer\'s request in their own words, e.g. "2x 16-point input cards and 40 hours of PLC programming". The default reads the message of a lead from Lead Qualifier (lead.message), else the item\'s text.',
	},
	{
		displayName: 'Party Type',
		name: 'partyType',
		type: 'options',
		options: [
			{ name: 'Lead', value: 'Lead' },
			{ name: 'Customer', value: 'Customer' },
		],
		default: 'Lead',
		displayOptions: { show: ERPNEXT },
		description: 'Whom the quote is for in ERPNext (Quotation To)',
	},
	{
		displayName: 'Party',
		name: 'party',
		type: 'string',
		default: '',
		placeholder: 'CRM-LEAD-2026-00042',
		displayOptions: { show: ERPNEXT },
		description:
			'ERPNext Lead or Customer name. Needed to create a Quotation; a Lead name is also the lead reference of the metric event.',
	},
	{
		displayName: 'Deal',
		name: 'deal',
		type: 'string',
		default: '={{ $json.name }}',
		placeholder: 'CRM-DEAL-2026-00042',
		displayOptions: { show: FRAPPE_CRM },
		description:
			'The Frappe CRM deal (CRM Deal name) the quote is for, e.g. the name of a deal from the Frappe trigger',
	},
	{
		displayName: 'Write Deal Products',
		name: 'writeDealProducts',
		type: 'boolean',
		default: true,
		displayOptions: { show: FRAPPE_CRM },
		description:
			"Whether an auto-approved quote becomes the deal's products (with total and net total) and every quote a comment in the deal's activity. A quote for review is only commented; products a person entered are never replaced; a retried item writes nothing twice.",
	},
	referenceDate.legacy,
	{
		displayName: 'Auto-Approve Confidence',
		name: 'confidenceThreshold',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 0.85,
		description: 'Confidence (0-1) at or above which a quote may be approved without a human',
	},
	{
		displayName: 'Auto-Approve Up To (Total)',
		name: 'autoMaxTotal',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 50000,
		description: 'Largest quote total, in the quote currency, that may be approved without a human',
	},
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'One Output With Route Field', value: 'single' },
			{ name: 'One Output per Route', value: 'perRoute', description: 'Auto-Approved and Review' },
		],
		default: 'single',
	},
	proposeOnlyProperty('quotes that would go out automatically (route auto)'),
	{
		displayName: 'Use Claude to Read and Match',
		name: 'useLlm',
		type: 'boolean',
		default: false,
		description:
			'Whether Claude also reads the whole request (listing its requirements, each quoted from the text) and chooses, where the rules are unsure, one of the retrieved candidate SKUs. Code checks every quote, quantity and pick and prices from the catalog; what fails goes to review. Without it the rules decide alone.',
	},
	claudeModelProperty({ show: { useLlm: [true] } }),
	claudeDataProperty({
		displayOptions: { show: { useLlm: [true] } },
		minimal: {
			name: 'Only What Matching Needs',
			description:
				'The request text and the candidates, with email addresses and phone numbers in the text replaced by placeholders such as [email 1]',
		},
		all: {
			name: 'Request Text as It Is',
			description: 'The request text unchanged, with any email addresses or phone numbers in it',
		},
		description:
			'What of each request leaves n8n for Anthropic (PII minimisation). The party and the other item fields are never sent; the rules always read the full text.',
	}),
	{
		displayName: 'Create ERPNext Quotation',
		name: 'createQuotation',
		type: 'boolean',
		default: false,
		description:
			"Whether to save the quote as a draft Quotation for the Lead or Customer (Frappe CRM: for the deal, or the deal's ERPNext Customer, linked to the deal), with AI fields (created on first use) and an Info comment listing the evidence. A retried item finds its Quotation instead of creating a second one.",
	},
	{
		displayName: 'Company Name or ID',
		name: 'company',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getErpNextCompanies' },
		default: '',
		required: true,
		displayOptions: { show: { createQuotation: [true] } },
		description:
			'The ERPNext Company the Quotation belongs to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Submit When Auto-Approved',
		name: 'submitWhenAutoApproved',
		type: 'boolean',
		default: false,
		displayOptions: { show: { createQuotation: [true] } },
		description:
			'Whether to submit the Quotation when its route is "auto". Off: the node never submits; a person does.',
	},
	{
		displayName: 'Attach Quotation PDF',
		name: 'attachPdf',
		type: 'boolean',
		default: false,
		displayOptions: { show: { createQuotation: [true] } },
		description: 'Whether to download the Quotation as PDF into the output item as binary data',
	},
	{
		displayName: 'Put PDF in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		displayOptions: { show: { createQuotation: [true], attachPdf: [true] } },
		description: 'Name of the binary property of the output item that receives the PDF',
	},
	{
		displayName:
			'Every quote line must be an ERPNext Item in an ERPNext UOM. The node checks both before it creates the Quotation; a line it cannot match sends the quote to review with the reason instead.',
		name: 'erpnextLinesNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { createQuotation: [true] } },
	},
	{
		displayName: 'Item Code Mapping',
		name: 'itemMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Item Code Mapping',
		default: {},
		displayOptions: { show: { createQuotation: [true] } },
		description:
			'Catalog SKUs whose ERPNext Item Code is different, e.g. InvenTree INV-215 → OLFLEX-4G1.5. A SKU not listed is used as the Item Code as it is.',
		options: [
			{
				displayName: 'Mapping',
				name: 'mappings',
				values: [
					{
						displayName: 'Catalog SKU',
						name: 'sku',
						type: 'string',
						default: '',
						placeholder: 'INV-215',
						description:
							'The SKU as the quote shows it (the InvenTree IPN, INV- and the InvenTree part ID, or the catalog row SKU)',
					},
					{
						displayName: 'ERPNext Item Code',
						name: 'itemCode',
						type: 'string',
						default: '',
						placeholder: 'OLFLEX-4G1.5',
						description: 'The Item Code of the ERPNext Item to quote',
					},
				],
			},
		],
	},
	{
		displayName: 'Unit Mapping',
		name: 'uomMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Unit Mapping',
		default: {},
		displayOptions: { show: { createQuotation: [true] } },
		description:
			"Catalog units and the ERPNext UOM each stands for. Common units need no row: pcs, pc, piece, ea → Nos; m → Meter; cm, mm; kg → Kg; g → Gram; l → Litre; ml → Millilitre; h → Hour; d → Day (ERPNext's standard UOM names). Any other unit is used as the UOM name as it is.",
		options: [
			{
				displayName: 'Mapping',
				name: 'mappings',
				values: [
					{
						displayName: 'Catalog Unit',
						name: 'unit',
						type: 'string',
						default: '',
						placeholder: 'spool',
						description: 'The unit as the catalog writes it (not case-sensitive)',
					},
					{
						displayName: 'ERPNext UOM',
						name: 'uom',
						type: 'string',
						default: '',
						placeholder: 'Box',
						description: 'The name of the ERPNext UOM',
					},
				],
			},
		],
	},
	{
		displayName: 'Create Missing ERPNext Items',
		name: 'createMissingItems',
		type: 'boolean',
		default: false,
		displayOptions: { show: { createQuotation: [true] } },
		description:
			'Whether to create an ERPNext Item (sales item, stock UOM = the line unit) for a quoted SKU that has none. Off: such a quote goes to review and no Quotation is made.',
	},
	{
		displayName: 'Item Group for New Items',
		name: 'newItemGroup',
		type: 'string',
		default: 'Products',
		displayOptions: { show: { createQuotation: [true], createMissingItems: [true] } },
		description:
			'The ERPNext Item Group of the Items the node creates (must exist; "Products" exists on a new ERPNext site)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Add Evidence Comment',
				name: 'addComment',
				type: 'boolean',
				default: true,
				description:
					'Whether a created Quotation gets an Info comment listing every line with its evidence, the review reasons and the warnings',
			},
			{
				displayName: 'Auto-Approve Max Discount (%)',
				name: 'autoMaxDiscountPct',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
				default: 10,
				description: 'Largest line discount that may be approved without a human',
			},
			{
				displayName: 'Cache Catalog For (Seconds)',
				name: 'cacheTtlSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 300,
				description:
					'Keep a loaded InvenTree or ERPNext catalog (and past quotes) in this process for this long: a change in the source reaches quotes within this time (default 5 minutes). 0 = load on every execution. Each worker has its own copy; nothing is shared between processes.',
			},
			{
				displayName: 'Cache Clock',
				name: 'cacheClock',
				type: 'dateTime',
				default: '',
				description:
					"The time at which the cache age is measured. Empty = now. For tests and replays only. Without an offset, read in the workflow's time zone.",
			},
			{
				displayName: 'Candidates per Requirement',
				name: 'candidatesPerRequirement',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 5,
				description:
					'How many retrieved catalog items a requirement keeps (what Claude may choose from)',
			},
			{
				displayName: 'Discount (%)',
				name: 'discountPct',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
				default: 0,
				description:
					"The customer's agreed discount, applied to every line (capped by the maximum discount and the margin floor)",
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					'Identifies "the same quote" in ERPNext: a run whose key already has a Quotation returns that one instead of creating another. Empty = derived from party, company and request text, so a repeated identical request is one Quotation; map e.g. the inbound message ID to tell repeats apart.',
			},
			{
				displayName: 'Ignore ERPNext Pricing Rules',
				name: 'ignorePricingRules',
				type: 'boolean',
				default: true,
				description:
					'Whether the Quotation keeps the rates the node computed instead of letting ERPNext Pricing Rules change them',
			},
			{
				displayName: 'Learn From Past ERPNext Quotations',
				name: 'usePastQuotes',
				type: 'boolean',
				default: false,
				description:
					'Whether submitted Quotations that were ordered or lost re-rank candidates (items co-quoted in similar won quotes rank higher)',
			},
			{
				displayName: 'Margin Floor (%)',
				name: 'marginFloorPct',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
				default: 15,
				description: 'Minimum margin after discount where the item cost is known',
			},
			{
				displayName: 'Max Discount (%)',
				name: 'maxDiscountPct',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
				default: 15,
				description: 'Hard cap on any line discount',
			},
			{
				displayName: 'Min Match Score',
				name: 'minMatchScore',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.5,
				description:
					'A candidate that fits a requirement less than this is not quoted with certainty: the one best reading that fits at least half of it is quoted flagged as uncertain and the quote goes to review; otherwise the requirement is reported unmatched',
			},
			{
				displayName: 'Past Quotes Since',
				name: 'pastQuotesSince',
				type: 'dateTime',
				default: '',
				description:
					"Only past Quotations dated on or after this day. Without an offset, read in the workflow's time zone.",
			},
			{
				displayName: 'Print Format',
				name: 'printFormat',
				type: 'string',
				default: '',
				description: 'ERPNext Print Format of the PDF. Empty = the default format.',
			},
			{
				displayName: 'Quote Currency',
				name: 'currency',
				type: 'string',
				default: '',
				placeholder: 'EUR',
				description:
					'ISO 4217 currency of the quote; items priced in another currency are not quoted. Empty = the currency of the first matched item.',
			},
			referenceDate.option,
			{
				displayName: 'Review When Short of Stock',
				name: 'reviewShortStock',
				type: 'boolean',
				default: false,
				description:
					'Whether a line whose stock does not cover the quantity sends the quote to review. Off: it is quoted and flagged (In Stock false, a warning naming the SKU, quantity and stock); stock never lowers the confidence.',
			},
			{
				displayName: 'Selling Price List',
				name: 'sellingPriceList',
				type: 'string',
				default: '',
				description:
					'Price List set on the Quotation. Empty = the catalog Price List for an ERPNext catalog, else ERPNext decides.',
			},
			{
				displayName: 'Time Zone',
				name: 'timezone',
				type: 'string',
				default: 'UTC',
				description:
					'IANA zone in which the reference date becomes the Quotation date, e.g. Europe/Berlin',
			},
			{
				displayName: 'Valid For (Days)',
				name: 'validDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 365 },
				default: 30,
				description: 'Days from the quote date to valid_till',
			},
		],
	},
];
