// Quote Generator: turns a buyer's free-text request into a priced, explained quote from a real catalog
// (InvenTree, ERPNext, or catalog rows on the input) and routes it: "auto" (may go out without a human)
// or "review". A thin adapter: every decision — requirements, candidates, the item of each line,
// quantity, price, discount, confidence, route — is core/quote's; this file reads parameters, loads the
// catalog through the connectors (optionally cached), optionally lets Claude pick among retrieved
// candidates, optionally saves a draft ERPNext Quotation (idempotent, with PDF), and emits one metric
// event per quote on the item.
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { ErpNextClient } from '../../connectors/erpnext';
import {
	EVENTS_KEY,
	attachEvents,
	collectEvents,
	makeEvent,
	type MetricEvent,
	type MetricEventInput,
} from '../../core/metrics';
import { proposeOnlyMode, type ProposeOnlyMode } from '../../core/approvals/proposeOnly';
import {
	buildQuote,
	proposeOnlyQuote,
	type CatalogItem,
	type PastQuote,
	type Quote,
	type QuoteConfig,
} from '../../core/quote';
import { readClaudeData } from '../shared/claudeData';
import { noteMadeEvents } from '../shared/madeEvents';
import { dateParameter } from '../shared/clock';
import { runItems } from '../shared/itemRunner';
import { toNodeError } from '../shared/serviceErrors';
import {
	catalogFromItems,
	erpNextClient,
	loadPastQuotes,
	loadSourceCatalog,
	type ErpNextCredentials,
	type QuoteCatalog,
} from './catalogLoad';
import { catalogFromParameter } from './catalogParameter';
import { CatalogRowError, catalogItemFromRow } from './catalogRows';
import { quoteWithClaude, type ClaudeData, type ClaudeQuote } from './claudePicks';
import type { DealProductsResult } from './crmDeal/products';
import { saveToDeal, type DealSaveResult } from './crmDeal/save';
import { DEFAULT_CLAUDE_MODEL, ROUTES, properties, type SystemOfRecord } from './description';
import {
	lineMapping,
	quotationPdf,
	saveQuotation,
	type QuotationOptions,
	type QuotationRefused,
	type QuotationResult,
} from './quotation';
import { presentQuote, presentReading } from './quoteOutput';
import { buildConfig, readSettings, type QuoteSettings } from './quoteSettings';
import {
	getErpNextCompanies,
	getErpNextItemGroups,
	getErpNextSellingPriceLists,
	getInvenTreeCategories,
} from './methods/loadOptions';

const ROUTE_OUTPUTS: `={{${string}}}` = ('={{ $parameter["outputMode"] === "perRoute" ? ' +
	'[{"type":"main","displayName":"Auto-Approved"},{"type":"main","displayName":"Review"}]' +
	' : [{"type":"main"}] }}') as `={{${string}}}`;

/** How many catalog warnings an output item shows (the count is always complete). */
const WARNING_SAMPLES = 20;

/** The ERPNext answer for the output item; its reasons are already in the quote's review_reasons. */
function omitReasons(answer: QuotationResult | QuotationRefused): IDataObject {
	const rest: Partial<QuotationResult | QuotationRefused> = { ...answer };
	delete rest.review_reasons;
	// The route is the quote's (already in the output); the Quotation's own is for the Frappe CRM path.
	if ('route' in rest) delete rest.route;
	return rest as unknown as IDataObject;
}

/** The deal products answer for the output item; its reasons are already in the quote's review_reasons. */
function omitDealReasons(answer: DealProductsResult): IDataObject {
	const rest: Partial<DealProductsResult> = { ...answer };
	delete rest.review_reasons;
	return rest as IDataObject;
}

interface Outcome {
	route: Quote['route'] | 'error';
	item: INodeExecutionData;
}

async function erpCredentials(ctx: IExecuteFunctions, why: string): Promise<ErpNextCredentials> {
	try {
		return await ctx.getCredentials<ErpNextCredentials>('leadToCloseErpNextApi');
	} catch {
		throw new NodeOperationError(
			ctx.getNode(),
			`${why} needs a Lead-to-Close ERPNext credential: select one on the node`,
		);
	}
}

/**
 * The ERPNext credential's Propose Only switch. The credential is optional on this node: when the run
 * does not need ERPNext it is read only if one is selected, and a node without one has no site switch.
 */
async function siteProposeOnly(
	ctx: IExecuteFunctions,
	loaded: ErpNextCredentials | undefined,
): Promise<unknown> {
	if (loaded) return loaded.proposeOnly;
	try {
		return (await ctx.getCredentials<ErpNextCredentials>('leadToCloseErpNextApi')).proposeOnly;
	} catch {
		return undefined;
	}
}

/** Input items as catalog rows: the good ones become the catalog, each bad one an error for its row. */
function rowsToCatalog(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: QuoteSettings,
): { catalog: CatalogItem[]; errors: Outcome[]; warnings: string[] } {
	const catalog: CatalogItem[] = [];
	const errors: Outcome[] = [];
	const warnings: string[] = [];
	const seen = new Map<string, number>();
	items.forEach((item, i) => {
		try {
			const parsed = catalogItemFromRow(item.json, i, settings.pricesIn, settings.currency);
			const first = seen.get(parsed.sku);
			if (first !== undefined) {
				warnings.push(
					`Catalog row ${i + 1}: SKU ${parsed.sku} is already used by row ${first + 1}; this row is left out`,
				);
				return;
			}
			seen.set(parsed.sku, i);
			catalog.push(parsed);
		} catch (error) {
			const nodeError =
				error instanceof CatalogRowError
					? new NodeOperationError(ctx.getNode(), error.message, {
							itemIndex: i,
							description: 'Fix the column in the catalog row (or the sheet it came from).',
						})
					: toNodeError(ctx.getNode(), error, i);
			if (!ctx.continueOnFail()) throw nodeError;
			errors.push({
				route: 'error',
				item: { json: { error: nodeError.message }, error: nodeError, pairedItem: { item: i } },
			});
		}
	});
	return { catalog, errors, warnings };
}

export class QuoteGenerator implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Quote Generator',
		name: 'quoteGenerator',
		icon: {
			light: 'file:../../icons/quoteGenerator.svg',
			dark: 'file:../../icons/quoteGenerator.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ "from " + $parameter["catalogSource"] + ($parameter["useLlm"] ? " + Claude" : "") }}',
		description:
			'Turn a free-text request into a priced quote from your InvenTree or ERPNext catalog, routed auto or review, optionally as a draft ERPNext Quotation',
		defaults: { name: 'Quote Generator' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: ROUTE_OUTPUTS,
		credentials: [
			{
				name: 'leadToCloseInvenTreeApi',
				required: true,
				displayOptions: { show: { catalogSource: ['inventree'] } },
			},
			// Needed for an ERPNext catalog, a Quotation or past quotes: one of several switches, so it is
			// always offered and the node says when it is missing.
			{ name: 'leadToCloseErpNextApi', required: false },
			{
				name: 'leadToCloseAnthropicApi',
				required: true,
				displayOptions: { show: { useLlm: [true] } },
			},
		],
		properties,
	};

	methods = {
		loadOptions: {
			getErpNextCompanies,
			getErpNextItemGroups,
			getErpNextSellingPriceLists,
			getInvenTreeCategories,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const settings = readSettings(this);
		const perRoute = this.getNodeParameter('outputMode', 0, 'single') === 'perRoute';
		const useLlm = this.getNodeParameter('useLlm', 0, false) as boolean;
		const model = useLlm
			? (this.getNodeParameter('model', 0, DEFAULT_CLAUDE_MODEL) as string) || DEFAULT_CLAUDE_MODEL
			: '';
		const claudeData: ClaudeData = readClaudeData(this, useLlm);
		const system = this.getNodeParameter('systemOfRecord', 0, 'erpnext') as SystemOfRecord;
		const createQuotation = this.getNodeParameter('createQuotation', 0, false) as boolean;
		const writeDealProducts =
			system === 'frappeCrm' && (this.getNodeParameter('writeDealProducts', 0, true) as boolean);
		const saveToFrappeCrm = system === 'frappeCrm' && (writeDealProducts || createQuotation);
		const attachPdf = createQuotation && (this.getNodeParameter('attachPdf', 0, false) as boolean);
		const binaryProperty = attachPdf
			? String(this.getNodeParameter('binaryPropertyName', 0, 'data')).trim() || 'data'
			: 'data';
		const usePastQuotes = settings.options.usePastQuotes === true;
		const workflow = this.getWorkflow().name || 'workflow';
		const executionId = this.getExecutionId() || 'manual';

		const outputs: INodeExecutionData[][] = perRoute ? ROUTES.map(() => []) : [[]];
		const place = (route: Outcome['route']) =>
			perRoute ? outputs[route === 'auto' ? 0 : 1] : outputs[0];
		const failAll = (error: unknown, indexes: number[]): INodeExecutionData[][] => {
			const nodeError = toNodeError(this.getNode(), error, indexes[0] ?? 0);
			if (!this.continueOnFail()) throw nodeError;
			for (const i of indexes)
				place('error').push({
					json: { error: nodeError.message },
					error: nodeError,
					pairedItem: { item: i },
				});
			return outputs;
		};

		const needsErp =
			settings.source === 'erpnext' || createQuotation || usePastQuotes || saveToFrappeCrm;
		let erpCreds: ErpNextCredentials | undefined;
		let erp: ErpNextClient | undefined;
		let anthropicCreds: { apiKey: string; baseUrl?: string } | undefined;
		let catalog: QuoteCatalog;
		let pastQuotes: PastQuote[] = [];
		let requests: number[];
		try {
			if (needsErp) {
				const why =
					settings.source === 'erpnext'
						? 'The ERPNext catalog'
						: createQuotation
							? 'Create ERPNext Quotation'
							: usePastQuotes
								? 'Learn From Past ERPNext Quotations'
								: 'Write Deal Products';
				erpCreds = await erpCredentials(this, why);
				erp = erpNextClient(this, erpCreds);
			}
			if (useLlm)
				anthropicCreds = await this.getCredentials<{ apiKey: string; baseUrl?: string }>(
					'leadToCloseAnthropicApi',
				);
			const cache = { ttlMs: settings.cacheTtlMs, nowMs: settings.cacheNowMs };
			if (settings.source === 'inputItems') {
				const rows = rowsToCatalog(this, items, settings);
				for (const e of rows.errors) place(e.route).push(e.item);
				if (rows.catalog.length === 0) {
					if (items.length === 0 || rows.errors.length === items.length) return outputs;
					throw new NodeOperationError(
						this.getNode(),
						'No catalog row could be read; nothing to quote from',
					);
				}
				catalog = catalogFromItems(rows.catalog, rows.warnings, settings.cacheNowMs);
				requests = [0];
			} else if (settings.source === 'catalog') {
				const given = await catalogFromParameter(this, settings.pricesIn, settings.currency);
				if (given.items.length === 0)
					throw new NodeOperationError(this.getNode(), 'Catalog: no rows; nothing to quote from');
				catalog = {
					...catalogFromItems(given.items, given.warnings, settings.cacheNowMs),
					source: 'catalog',
				};
				requests = items.map((_, i) => i);
			} else {
				catalog = await loadSourceCatalog(
					this,
					settings.source,
					settings.sourceSettings,
					cache,
					erpCreds,
				);
				requests = items.map((_, i) => i);
			}
			if (usePastQuotes && erpCreds) {
				const since = dateParameter(this, settings.options.pastQuotesSince, 'Past Quotes Since')
					?.toISOString()
					.slice(0, 10);
				pastQuotes = await loadPastQuotes(this, erpCreds, since, cache);
			}
		} catch (error) {
			return failAll(error, settings.source === 'inputItems' ? [0] : items.map((_, i) => i));
		}
		let proposeOnly: ProposeOnlyMode;
		try {
			proposeOnly = proposeOnlyMode(
				this.getNodeParameter('proposeOnly', 0, false),
				await siteProposeOnly(this, erpCreds),
			);
		} catch (error) {
			return failAll(error, requests);
		}
		let config: QuoteConfig;
		try {
			config = buildConfig(
				this,
				settings,
				settings.currency ?? catalog.items[0]?.currency ?? 'EUR',
			);
		} catch (error) {
			return failAll(error, requests);
		}

		const catalogInfo: IDataObject = {
			source: catalog.source,
			items: catalog.items.length,
			cached: catalog.cached,
			loaded_at: catalog.loadedAt,
			warnings: catalog.warnings.length,
			...(usePastQuotes ? { past_quotes: pastQuotes.length } : {}),
		};

		const quoteOne = async (i: number): Promise<Outcome> => {
			const started = Date.now();
			const requestText = this.getNodeParameter('requestText', i, '') as unknown;
			if (typeof requestText !== 'string' || requestText.trim() === '') {
				const shown = JSON.stringify(requestText ?? null) ?? String(requestText);
				const got = shown.length > 80 ? `${shown.slice(0, 79)}…` : shown;
				const absent =
					requestText === undefined || requestText === null || typeof requestText === 'string';
				throw new NodeOperationError(
					this.getNode(),
					absent
						? `Request Text is empty for this item (got ${got})`
						: `Request Text must be text, got ${got}`,
					{
						itemIndex: i,
						description:
							"Map the buyer's request, e.g. {{ $json.lead.message }} after Lead Qualifier (the default; a lead without a message has nothing to quote), {{ $json.text }} or {{ $json.body.message }}.",
					},
				);
			}
			const partyType = this.getNodeParameter('partyType', i, 'Lead') as 'Lead' | 'Customer';
			const partyRaw = this.getNodeParameter('party', i, '') as unknown;
			const party =
				typeof partyRaw === 'string' || typeof partyRaw === 'number' ? String(partyRaw).trim() : '';
			const context = { now: settings.now, pastQuotes };

			let quote = buildQuote(requestText, catalog.index, config, context);
			let claude: ClaudeQuote | undefined;
			if (useLlm && anthropicCreds) {
				claude = await quoteWithClaude(this, {
					requestText,
					index: catalog.index,
					config,
					context,
					rulesQuote: quote,
					model,
					credentials: anthropicCreds,
					claudeData,
				});
				quote = claude.quote;
			}
			// Propose-only: an "auto" quote goes to review (it stays a draft and waits for the desk).
			quote = proposeOnlyQuote(quote, proposeOnly);
			const llmUsed = claude?.picks.some((v) => v.verdict !== 'rejected') ?? false;
			const engine = llmUsed ? 'llm+rules' : 'rules';
			const generator = claude
				? `n8n Quote Generator (${engine}, ${claude.model})`
				: `n8n Quote Generator (${engine})`;

			const options = settings.options;
			const userKey =
				typeof options.idempotencyKey === 'string' && options.idempotencyKey.trim()
					? options.idempotencyKey.trim()
					: undefined;
			const quotationOptions = (): QuotationOptions => ({
				date: settings.today,
				generator,
				sellingPriceList:
					(options.sellingPriceList as string) ||
					(settings.source === 'erpnext' ? settings.sourceSettings.priceList : undefined),
				ignorePricingRules: options.ignorePricingRules !== false,
				submitWhenAuto: this.getNodeParameter('submitWhenAutoApproved', i, false) as boolean,
				addComment: options.addComment !== false,
				mapping: lineMapping(
					((this.getNodeParameter('itemMapping', i, {}) as IDataObject).mappings as
						| IDataObject[]
						| undefined) ?? [],
					((this.getNodeParameter('uomMapping', i, {}) as IDataObject).mappings as
						| IDataObject[]
						| undefined) ?? [],
				),
				createMissingItems: this.getNodeParameter('createMissingItems', i, false) as boolean,
				newItemGroup:
					String(this.getNodeParameter('newItemGroup', i, 'Products') ?? '').trim() || 'Products',
			});
			const companyOf = (what: string): string => {
				const company = String(this.getNodeParameter('company', i, '') ?? '').trim();
				if (!company)
					throw new NodeOperationError(
						this.getNode(),
						`Company is empty: ${what} needs the ERPNext Company it belongs to`,
						{ itemIndex: i },
					);
				return company;
			};
			// What ERPNext or the deal refused or changed goes to a person: the quote is routed to review.
			const toReview = (reasons: string[]) => {
				if (reasons.length > 0)
					quote = {
						...quote,
						route: 'review',
						review_reasons: [...quote.review_reasons, ...reasons],
					};
			};

			let saved: QuotationResult | undefined;
			let dealSaved: DealSaveResult | undefined;
			let refused: QuotationRefused | undefined;
			let skipped: string | undefined;
			let binary: INodeExecutionData['binary'];
			const dealRaw =
				system === 'frappeCrm' ? (this.getNodeParameter('deal', i, '') as unknown) : '';
			const deal =
				typeof dealRaw === 'string' || typeof dealRaw === 'number' ? String(dealRaw).trim() : '';
			if (saveToFrappeCrm && quote.lines.length === 0) {
				skipped = 'nothing written: nothing in the request matched the catalog';
			} else if (saveToFrappeCrm && erp) {
				if (!deal)
					throw new NodeOperationError(
						this.getNode(),
						`Deal is empty (got ${JSON.stringify(dealRaw ?? null)}): the quote needs the Frappe CRM deal it is for`,
						{
							itemIndex: i,
							description:
								'Map the CRM Deal name, e.g. {{ $json.name }} after the Frappe trigger or a CRM Deal read.',
						},
					);
				dealSaved = await saveToDeal(erp, deal, quote, {
					writeProducts: writeDealProducts,
					quotation: createQuotation
						? { ...quotationOptions(), company: companyOf('a Quotation') }
						: undefined,
					addComment: options.addComment !== false,
					generator,
					requestText,
					userKey,
				});
				toReview(dealSaved.review_reasons);
				if (dealSaved.quotation?.quotation === null) refused = dealSaved.quotation;
				else if (dealSaved.quotation) saved = dealSaved.quotation;
			} else if (createQuotation && quote.lines.length === 0) {
				skipped = 'no Quotation: nothing in the request matched the catalog';
			} else if (createQuotation && erp) {
				if (!party)
					throw new NodeOperationError(
						this.getNode(),
						`Party is empty: a Quotation needs the ERPNext ${partyType} it is for`,
						{ itemIndex: i },
					);
				const company = companyOf('a Quotation');
				const answer = await saveQuotation(
					erp,
					{ partyType, party, company, requestText, userKey },
					quote,
					quotationOptions(),
				);
				toReview(answer.review_reasons ?? []);
				if (answer.quotation === null) refused = answer;
				else saved = answer;
			}
			if (saved && attachPdf && erp) {
				const pdf = await quotationPdf(
					erp,
					saved.quotation,
					(settings.options.printFormat as string) || undefined,
				);
				binary = {
					[binaryProperty]: await this.helpers.prepareBinaryData(
						pdf.bytes,
						pdf.fileName,
						pdf.mimeType,
					),
				};
			}

			// When the step ran, not the Reference Date (the dashboards chart activity by this time).
			const stamp = new Date();
			const shared: Omit<MetricEventInput, 'actor' | 'decision' | 'outcome'> = {
				workflow,
				execution_id: executionId,
				step: 'quote',
				lead_ref: system === 'erpnext' && partyType === 'Lead' && party ? party : null,
				quote_ref: saved?.quotation ?? (dealSaved?.products?.written ? deal : null),
				amount: quote.total,
				currency: quote.currency,
			};
			const events: MetricEvent[] = [
				makeEvent(
					{
						...shared,
						actor: llmUsed ? 'ai' : 'system',
						decision: quote.route === 'auto' ? 'approve' : 'review',
						outcome: quote.lines.length > 0 ? 'drafted' : 'no_catalog_match',
						confidence: quote.confidence,
						service: claude ? 'anthropic' : null,
						duration_ms: Date.now() - started,
						tokens_in: claude ? claude.usage.input_tokens : null,
						tokens_out: claude ? claude.usage.output_tokens : null,
						cost_usd: claude ? claude.costUsd : null,
					},
					stamp,
				),
			];
			// The deal's products are the quote's record when no Quotation was made in this run.
			if (saved?.created || (dealSaved?.products?.written && !saved))
				events.push(
					makeEvent(
						{ ...shared, actor: 'system', decision: null, outcome: 'created', service: 'erpnext' },
						stamp,
					),
				);
			if (saved?.submitted)
				events.push(
					makeEvent(
						{
							...shared,
							actor: 'system',
							decision: null,
							outcome: 'submitted',
							service: 'erpnext',
						},
						stamp,
					),
				);
			noteMadeEvents(this, events);

			const output: IDataObject = {
				...presentQuote(quote),
				engine,
				...(claude
					? {
							model: claude.model,
							llm: {
								requirements: presentReading(claude.requirements),
								asked: claude.asked,
								picks: claude.picks,
								usage: claude.usage,
								cost_usd: claude.costUsd,
								attempts: claude.attempts,
								...(claude.failure ? { failure: claude.failure } : {}),
							},
						}
					: {}),
				request:
					system === 'frappeCrm'
						? { text: requestText, party_type: 'CRM Deal', party: deal || null }
						: { text: requestText, party_type: partyType, party: party || null },
				...(dealSaved
					? {
							frappe_crm: {
								deal: dealSaved.deal,
								idempotency_key: dealSaved.idempotency_key,
								...(dealSaved.products ? { products: omitDealReasons(dealSaved.products) } : {}),
								...(dealSaved.comment ? { comment: dealSaved.comment } : {}),
							},
						}
					: {}),
				catalog: {
					...catalogInfo,
					...(catalog.warnings.length
						? { warning_samples: catalog.warnings.slice(0, WARNING_SAMPLES) }
						: {}),
				},
				...(saved
					? { erpnext: omitReasons(saved) }
					: refused
						? { erpnext: omitReasons(refused) }
						: skipped && saveToFrappeCrm
							? { frappe_crm: { deal: deal || null, skipped } }
							: skipped
								? { erpnext: { quotation: null, created: false, skipped } }
								: {}),
			};
			const source = items[i]?.json ?? {};
			const json =
				source[EVENTS_KEY] === undefined
					? { ...output, [EVENTS_KEY]: events }
					: attachEvents({ ...output, [EVENTS_KEY]: collectEvents(source) }, events);
			return {
				route: quote.route,
				item: { json: json as IDataObject, ...(binary ? { binary } : {}), pairedItem: { item: i } },
			};
		};

		// Requests run through the one item runner; catalog-row errors placed above stay first.
		const routeOutput = (route: Outcome['route']) => (perRoute ? (route === 'auto' ? 0 : 1) : 0);
		const runOptions = {
			concurrency: useLlm || createQuotation ? 4 : 1,
			outputs: outputs.length,
			errorOutput: routeOutput('error'),
		};
		const ran = await runItems(this, requests.length, runOptions, async (n) => {
			const r = await quoteOne(requests[n]);
			return { output: routeOutput(r.route), items: [r.item] };
		});
		ran.forEach((list, o) => outputs[o].push(...list));
		return outputs;
	}
}
