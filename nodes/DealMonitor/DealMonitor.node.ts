// Deal Monitor: finds open ERPNext Opportunities at risk (stale, ghosted, slipping close date,
// expiring quotation, stuck stage, single-threaded …) and says why, with evidence and next actions.
// A thin adapter: the decisions are core/dealRisk's. This file reads the parameters, pages through the
// deals (or takes them from the input), reads their activity in batches (activityFetch.ts), has the
// core assess each one, optionally asks Claude to restate it (claudeSummary.ts), writes back and
// assigns ToDos (riskWriteBack.ts), and emits one metric event per at-risk deal. What the ERPNext user
// could not see (visibility.ts) is stated per deal; a signal that a permission filter may have caused
// is taken out, named as unknown, and the deal is sent for review instead.
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPairedItemData,
	type NodeApiError,
} from 'n8n-workflow';

import type { AnthropicClient } from '../../connectors/anthropic';
import { ErpNextClient, type Filters } from '../../connectors/erpnext';
import {
	assessDeal,
	type DealAssessment,
	type DealSnapshot,
	type RiskConfig,
	type RiskLevel,
} from '../../core/dealRisk';
import {
	EVENTS_KEY,
	attachEvents,
	collectEvents,
	makeEvent,
	type MetricEvent,
	type MetricEventInput,
} from '../../core/metrics';
import { isIsoCurrency, readableMoney } from '../../core/money';
import { readClaudeData } from '../shared/claudeData';
import { getErpNextCompanies } from '../shared/erpNextLoadOptions';
import { noteMadeEvents } from '../shared/madeEvents';
import { movedParameter } from '../shared/movedOption';
import { clockParameter } from '../shared/clock';
import { Halt, runEach } from '../shared/itemRunner';
import { toNodeError } from '../shared/serviceErrors';
import { fetchPageActivity } from './activityFetch';
import {
	viewFromRoles,
	viewWarnings,
	withVisibility,
	type ActivityView,
	type Visibility,
} from './visibility';
import {
	rulesSummary,
	dealContactNames,
	summariseWithClaude,
	summaryClient,
	type ClaudeData,
	type DealSummary,
} from './claudeSummary';
import {
	OPPORTUNITY_FIELDS,
	emptyRows,
	preview,
	snapshotFromErpNext,
	snapshotFromItem,
	type DealRows,
} from './dealSnapshot';
import { DEFAULT_CLAUDE_MODEL, DEFAULT_PAGE_SIZE, properties } from './description';
import { buildDigest } from './digest';
import { LEVEL_ORDER, buildRiskConfig, isRiskLevel, jsonObject } from './riskSettings';
import {
	OPPORTUNITY_RISK_FIELDS,
	STORED_RISK_FIELDS,
	addRiskComment,
	assignRiskTodo,
	existingCommentKeys,
	hasStoredRisk,
	unchanged,
	writeRiskFields,
	type TodoResult,
} from './riskWriteBack';

type Source = 'erpnext' | 'items' | 'snapshots';

/** Pages processed at once; each page's activity is itself read with a few parallel requests. */
const PAGES_IN_FLIGHT = 2;
/** At-risk deals of a page summarised and written back at once (the transport caps requests per host). */
const DEALS_IN_FLIGHT = 4;

interface DealInput {
	name: string;
	/** Input item the deal came from (0 when the node fetched the deals itself). */
	item: number;
	/** The ERPNext Opportunity row (sources `erpnext` and `items`). */
	row?: IDataObject;
	/** A ready snapshot (source `snapshots`). */
	snapshot?: DealSnapshot;
	/** Metric events the input item already carried. */
	upstream?: IDataObject;
}

interface DealResult {
	name: string;
	item: number;
	assessment?: DealAssessment;
	atRisk: boolean;
	json?: IDataObject;
	events: MetricEvent[];
	error?: NodeApiError | NodeOperationError;
}

interface Run {
	ctx: IExecuteFunctions;
	source: Source;
	config: RiskConfig;
	now: Date;
	minLevel: RiskLevel;
	erp?: ErpNextClient;
	claude?: AnthropicClient;
	model: string;
	claudeData: ClaudeData;
	writeBack: boolean;
	addComment: boolean;
	assignTodos: boolean;
	todoLevel: RiskLevel;
	fallbackAssignee?: string;
	includeSnapshot: boolean;
	defaultCurrency: string;
	workflow: string;
	executionId: string;
	/** What the ERPNext user may see of the activity lists (undefined for snapshots). */
	view?: ActivityView;
	/** The execution's stop: with Continue On Fail off, no page or deal starts after a failure. */
	halt: Halt;
}

function fail(ctx: IExecuteFunctions, message: string, itemIndex = 0): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex });
}

function referenceDate(ctx: IExecuteFunctions): Date {
	return clockParameter(ctx, movedParameter(ctx, 'referenceDate', 0), 'Reference Date');
}

function extraFilters(ctx: IExecuteFunctions, value: unknown): Filters {
	if (value === undefined || value === null || value === '' || value === '[]') return [];
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw fail(
				ctx,
				`Filter "Extra Filters (JSON)" must be a JSON list of Frappe filters, got ${preview(value)}`,
			);
		}
	}
	if (
		!Array.isArray(parsed) ||
		!parsed.every((f) => Array.isArray(f) && (f.length === 3 || f.length === 4))
	) {
		throw fail(
			ctx,
			`Filter "Extra Filters (JSON)" must be a list like [["territory", "=", "Germany"]], got ${preview(parsed)}`,
		);
	}
	return parsed as Filters;
}

async function erpClient(ctx: IExecuteFunctions): Promise<ErpNextClient> {
	const creds = await ctx.getCredentials<{ baseUrl: string; apiKey: string; apiSecret: string }>(
		'leadToCloseErpNextApi',
	);
	return ErpNextClient.forNode(ctx, creds);
}

/** The open Opportunities the filters select, in pages of `pageSize`. */
async function fetchDeals(run: Run, erp: ErpNextClient, pageSize: number): Promise<DealInput[]> {
	const { ctx } = run;
	const filters = ctx.getNodeParameter('filters', 0, {}) as IDataObject;
	const where: Array<[string, '=' | 'in', string | string[]]> = [
		['status', 'in', run.config.openStatuses],
	];
	if (filters.owner) where.push(['opportunity_owner', '=', String(filters.owner)]);
	if (filters.salesStage) where.push(['sales_stage', '=', String(filters.salesStage)]);
	if (filters.company) where.push(['company', '=', String(filters.company)]);
	const maxDeals = Number(filters.maxDeals ?? 0);
	const rows = await erp.listAll('Opportunity', {
		fields: run.writeBack ? [...OPPORTUNITY_FIELDS, ...STORED_RISK_FIELDS] : OPPORTUNITY_FIELDS,
		filters: [...where, ...(extraFilters(ctx, filters.extraFilters) as typeof where)],
		orderBy: 'creation asc, name asc',
		pageSize,
		limit: maxDeals > 0 ? maxDeals : undefined,
	});
	return rows.map((row) => ({ name: String(row.name), item: 0, row: row as IDataObject }));
}

function dealsFromItems(
	run: Run,
	items: INodeExecutionData[],
): { deals: DealInput[]; errors: DealResult[] } {
	const deals: DealInput[] = [];
	const errors: DealResult[] = [];
	items.forEach((item, i) => {
		try {
			if (run.source === 'snapshots') {
				const snapshot = snapshotFromItem(item.json, i);
				deals.push({ name: snapshot.name, item: i, snapshot, upstream: item.json });
				return;
			}
			const name = item.json.name;
			if (typeof name !== 'string' || name.trim() === '') {
				throw fail(
					run.ctx,
					`The item has no Opportunity "name" (got ${preview(name)}); pass ERPNext Opportunity documents, e.g. from an ERPNext trigger`,
					i,
				);
			}
			const doctype = item.json.doctype;
			if (typeof doctype === 'string' && doctype !== '' && doctype !== 'Opportunity') {
				throw fail(run.ctx, `The item is a ${doctype} (${name}), not an Opportunity`, i);
			}
			deals.push({ name, item: i, row: item.json, upstream: item.json });
		} catch (error) {
			errors.push({
				name: String(item.json.name ?? `item ${i}`),
				item: i,
				atRisk: false,
				events: [],
				error: toNodeError(run.ctx.getNode(), error, i),
			});
		}
	});
	return { deals, errors };
}

/** The page's warnings plus what the user's roles hide, for one deal's output. */
function withViewWarnings(run: Run, warnings: string[]): IDataObject {
	const all = [...warnings, ...(run.view ? viewWarnings(run.view) : [])];
	return all.length > 0 ? { warnings: all } : {};
}

function isAtRisk(run: Run, a: DealAssessment): boolean {
	return a.open && a.signals.length > 0 && LEVEL_ORDER[a.level] >= LEVEL_ORDER[run.minLevel];
}

/** A metric event of step `deal_risk` for one deal (docs/metrics.md). */
function dealEvent(
	run: Run,
	deal: string,
	fields: Omit<MetricEventInput, 'workflow' | 'execution_id' | 'step'>,
): MetricEvent {
	const event = makeEvent(
		{
			workflow: run.workflow,
			execution_id: run.executionId,
			step: 'deal_risk',
			deal_ref: deal,
			...fields,
		},
		// When the step ran, not the Reference Date (the dashboards chart activity by this time).
		new Date(),
	);
	noteMadeEvents(run.ctx, [event]);
	return event;
}

/** The decision: the deal is at risk, decided by its most severe signal. */
function decisionEvent(
	run: Run,
	deal: DealSnapshot,
	a: DealAssessment,
	started: number,
): MetricEvent {
	return dealEvent(run, deal.name, {
		actor: 'system',
		decision: a.signals[0].code,
		outcome: a.signals[0].severity,
		lead_ref: deal.opportunity_from === 'Lead' ? deal.party_name : null,
		score: a.riskScore,
		amount: a.deal.amount.minor,
		currency: a.deal.amount.currency,
		duration_ms: Math.max(0, Date.now() - started),
		service: run.erp ? 'erpnext' : null,
	});
}

/** The action of summarising: Claude's tokens and cost, and whether its summary was used. */
function summaryEvent(run: Run, deal: string, summary: DealSummary): MetricEvent {
	return dealEvent(run, deal, {
		actor: 'ai',
		decision: null,
		outcome: summary.source === 'claude' ? 'summarized' : 'summary_rejected',
		service: 'anthropic',
		tokens_in: summary.usage?.input_tokens ?? null,
		tokens_out: summary.usage?.output_tokens ?? null,
		cost_usd: summary.costUsd ?? null,
	});
}

/** Assesses one deal and carries out what the parameters ask for it. */
async function handleDeal(
	run: Run,
	input: DealInput,
	rows: DealRows,
	commentKeys: Set<string> | undefined,
	warnings: string[],
	hiddenEvents: readonly string[],
): Promise<DealResult> {
	const started = Date.now();
	try {
		const snapshot =
			input.snapshot ?? snapshotFromErpNext(input.row ?? {}, rows, run.defaultCurrency);
		let assessment = assessDeal(snapshot, run.config, run.now);
		let visibility: Visibility | undefined;
		if (run.view && !input.snapshot) {
			({ assessment, visibility } = withVisibility(assessment, run.view, hiddenEvents, run.config));
		}
		// A signal the permissions may have caused is never raised: the deal goes to a human instead.
		const review = assessment.open && (visibility?.unknown.length ?? 0) > 0;
		const atRisk = isAtRisk(run, assessment) || review;
		const stored = input.row ?? {};
		const mustWrite =
			run.writeBack && (atRisk || hasStoredRisk(stored)) && !unchanged(stored, assessment);
		if (!atRisk && !mustWrite)
			return { name: input.name, item: input.item, assessment, atRisk, events: [] };

		const events: MetricEvent[] = [];
		let summary: DealSummary | undefined;
		if (atRisk) {
			summary = run.claude
				? await summariseWithClaude(run.claude, assessment, run.model, {
						claudeData: run.claudeData,
						names: dealContactNames(snapshot),
					})
				: { text: rulesSummary(assessment), source: 'rules' };
			if (run.claude) events.push(summaryEvent(run, snapshot.name, summary));
		}
		let erpnext: IDataObject | undefined;
		if (run.erp && (run.writeBack || run.assignTodos)) {
			let comment: IDataObject | null = null;
			let todo: TodoResult | null = null;
			if (mustWrite) await writeRiskFields(run.erp, assessment, summary?.text, run.now);
			if (atRisk && run.writeBack && run.addComment && commentKeys)
				comment = { ...(await addRiskComment(run.erp, assessment, summary?.text, commentKeys)) };
			if (
				atRisk &&
				run.assignTodos &&
				LEVEL_ORDER[assessment.level] >= LEVEL_ORDER[run.todoLevel]
			) {
				todo = await assignRiskTodo(run.erp, assessment, rows.todos, run.fallbackAssignee);
				if (todo.created)
					events.push(
						dealEvent(run, snapshot.name, {
							actor: 'system',
							decision: null,
							outcome: 'assigned',
							service: 'erpnext',
						}),
					);
			}
			erpnext = {
				opportunity: snapshot.name,
				fieldsWritten: mustWrite,
				comment,
				todo: todo ? { ...todo } : null,
			};
		}
		if (!atRisk) return { name: input.name, item: input.item, assessment, atRisk, events: [] };
		// A deal sent for review is a hand-off (decision "review"), so it never counts as autonomous.
		events.unshift(
			review
				? dealEvent(run, snapshot.name, {
						actor: 'system',
						decision: 'review',
						outcome: 'activity_unknown',
						score: assessment.riskScore,
						duration_ms: Math.max(0, Date.now() - started),
						service: 'erpnext',
					})
				: decisionEvent(run, snapshot, assessment, started),
		);
		const output: IDataObject = {
			...assessment,
			deal: {
				...assessment.deal,
				// Readable first (issue 16): { amount (major units), currency, display }, the exact minor units beside.
				amount: {
					...readableMoney(assessment.deal.amount.minor, assessment.deal.amount.currency),
					minor: assessment.deal.amount.minor,
				},
				customer_name: snapshot.customer_name ?? null,
				expected_closing: snapshot.expected_closing ?? null,
				probability: snapshot.probability,
			},
			assessedAt: run.now.toISOString(),
			summary: { ...summary } as IDataObject,
			...(visibility && !visibility.complete
				? { visibility: { ...visibility } as IDataObject }
				: {}),
			...(review
				? {
						needsReview: true,
						reviewReason: `Activity the ERPNext user cannot see may change this assessment: ${visibility?.unknown.map((u) => u.reason).join(' ')}`,
					}
				: {}),
			...(erpnext ? { erpnext } : {}),
			...(warnings.length || run.view ? withViewWarnings(run, warnings) : {}),
			...(run.includeSnapshot ? { snapshot: snapshot as unknown as IDataObject } : {}),
		};
		const upstream = run.source === 'erpnext' ? undefined : input.upstream?.[EVENTS_KEY];
		const json =
			upstream === undefined
				? { ...output, [EVENTS_KEY]: events }
				: attachEvents({ ...output, [EVENTS_KEY]: collectEvents(input.upstream ?? {}) }, events);
		return {
			name: input.name,
			item: input.item,
			assessment,
			atRisk,
			json: json as IDataObject,
			events,
		};
	} catch (error) {
		return {
			name: input.name,
			item: input.item,
			atRisk: false,
			events: [],
			error: toNodeError(run.ctx.getNode(), error, input.item),
		};
	}
}

/**
 * The Opportunities of a page of input items as ERPNext holds them now, in one request: an item
 * from a trigger may carry only some fields, and write-back compares with the stored AI fields.
 */
async function currentOpportunities(
	run: Run,
	erp: ErpNextClient,
	names: string[],
): Promise<Map<string, IDataObject>> {
	const rows = await erp.listAll('Opportunity', {
		fields: run.writeBack ? [...OPPORTUNITY_FIELDS, ...STORED_RISK_FIELDS] : OPPORTUNITY_FIELDS,
		filters: [['name', 'in', names]],
		// Names are unique: the list ends after as many rows, without asking for an empty page.
		pageSize: Math.max(1, names.length),
		limit: Math.max(1, names.length),
	});
	return new Map(rows.map((row) => [String(row.name), row as IDataObject]));
}

/** The item's own values win; fields it lacks come from ERPNext, the stored AI fields always do. */
function withCurrentFields(run: Run, deal: DealInput, current: IDataObject | undefined): DealInput {
	if (!deal.row || !current) return deal;
	const row: IDataObject = { ...current, ...deal.row };
	if (run.writeBack) for (const field of STORED_RISK_FIELDS) row[field] = current[field] ?? null;
	return { ...deal, row };
}

/** One page of deals: activity in batches, then every deal of the page. */
async function processPage(
	run: Run,
	input: DealInput[],
): Promise<{ results: DealResult[]; warnings: string[] }> {
	let page = input;
	const names = [...new Set(page.filter((d) => d.row).map((d) => d.name))];
	const [activity, current] = await Promise.all([
		run.erp && run.source !== 'snapshots'
			? fetchPageActivity(run.erp, names)
			: {
					rows: new Map<string, DealRows>(),
					warnings: [],
					hiddenEvents: new Map<string, string[]>(),
				},
		run.erp && run.source === 'items' ? currentOpportunities(run, run.erp, names) : undefined,
	]).catch((error: unknown) => {
		// One failure for the whole page: every deal of it carries this error.
		const nodeError = toNodeError(run.ctx.getNode(), error, page[0].item);
		nodeError.message = `Could not read the activity of ${page.length} deal(s) ${page[0].name}…${page[page.length - 1].name}: ${nodeError.message}`;
		throw nodeError;
	});
	if (current) page = page.map((deal) => withCurrentFields(run, deal, current.get(deal.name)));
	// Comment keys are read for the whole page at once, before any deal adds one.
	const commentKeys =
		run.erp && run.writeBack && run.addComment
			? await existingCommentKeys(run.erp, names)
			: undefined;
	const results = await runEach(
		run.ctx,
		page.length,
		{ concurrency: DEALS_IN_FLIGHT, halt: run.halt },
		async (k) => {
			const deal = page[k];
			const done = await handleDeal(
				run,
				deal,
				activity.rows.get(deal.name) ?? emptyRows(),
				commentKeys,
				activity.warnings,
				activity.hiddenEvents.get(deal.name) ?? [],
			);
			if (done.error) throw done.error;
			return done;
		},
		(error, k) => ({ name: page[k].name, item: page[k].item, atRisk: false, events: [], error }),
	);
	return {
		results: results.filter((r): r is DealResult => r !== undefined),
		warnings: activity.warnings,
	};
}

function chunk<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

export class DealMonitor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Deal Monitor',
		name: 'dealMonitor',
		icon: {
			light: 'file:../../icons/dealMonitor.svg',
			dark: 'file:../../icons/dealMonitor.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["outputMode"] === "digest" ? "digest" : "at-risk deals" }}',
		description:
			'Find open ERPNext deals at risk, with the evidence and the next actions, and optionally write back and assign ToDos',
		defaults: { name: 'Deal Monitor' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'leadToCloseErpNextApi',
				required: true,
				displayOptions: { hide: { source: ['snapshots'] } },
			},
			{
				name: 'leadToCloseAnthropicApi',
				required: true,
				displayOptions: { show: { useLlm: [true] } },
			},
		],
		properties,
	};

	methods = { loadOptions: { getErpNextCompanies } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const source = this.getNodeParameter('source', 0, 'erpnext') as Source;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const useLlm = this.getNodeParameter('useLlm', 0, false) as boolean;
		const minLevel = this.getNodeParameter('minLevel', 0, 'medium');
		const todoLevel = options.todoLevel ?? 'critical';
		if (!isRiskLevel(minLevel))
			throw fail(
				this,
				`Report Deals From Level must be low, medium, high or critical, got ${preview(minLevel)}`,
			);
		if (!isRiskLevel(todoLevel))
			throw fail(this, `ToDo From Level must be high or critical, got ${preview(todoLevel)}`);
		const pageSize = Number(options.pageSize ?? DEFAULT_PAGE_SIZE);
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500)
			throw fail(
				this,
				`Deals per Page must be a whole number from 1 to 500, got ${preview(options.pageSize)}`,
			);
		const defaultCurrency = String(options.defaultCurrency || 'EUR')
			.trim()
			.toUpperCase();
		if (!isIsoCurrency(defaultCurrency))
			throw fail(
				this,
				`Default Currency must be an ISO 4217 code such as EUR, got ${preview(options.defaultCurrency)}`,
			);

		const usesErp = source !== 'snapshots';
		const erp = usesErp ? await erpClient(this) : undefined;
		let config: RiskConfig;
		try {
			// The site's own zone (System Settings, read from ERPNext) unless one is set here (E8).
			const configured = (this.getNodeParameter('timeZone', 0, '') as string).trim();
			const timeZone = configured || (erp ? await erp.siteTimeZone() : this.getTimezone());
			config = buildRiskConfig(jsonObject(options.riskSettings, 'Risk Settings (JSON)'), timeZone);
		} catch (error) {
			if (error instanceof Error && 'service' in error) throw toNodeError(this.getNode(), error, 0);
			throw fail(this, error instanceof Error ? error.message : String(error));
		}
		let view: ActivityView | undefined;
		if (erp) {
			try {
				view = viewFromRoles(await erp.userRoles());
			} catch (error) {
				const reason = error instanceof Error ? error.message : String(error);
				view = { emailHidden: true, todosHidden: true, rolesUnknown: reason };
			}
		}
		const writeBack = usesErp && (this.getNodeParameter('writeBack', 0, false) as boolean);
		const run: Run = {
			ctx: this,
			halt: new Halt(),
			source,
			config,
			now: referenceDate(this),
			minLevel,
			erp,
			view,
			claude: useLlm
				? summaryClient(
						this,
						await this.getCredentials<{ apiKey: string; baseUrl?: string }>(
							'leadToCloseAnthropicApi',
						),
					)
				: undefined,
			model: useLlm
				? (this.getNodeParameter('model', 0, DEFAULT_CLAUDE_MODEL) as string) ||
					DEFAULT_CLAUDE_MODEL
				: '',
			claudeData: readClaudeData(this, useLlm),
			writeBack,
			addComment: options.addComment !== false,
			assignTodos: usesErp && (this.getNodeParameter('assignTodos', 0, false) as boolean),
			todoLevel,
			fallbackAssignee:
				typeof options.fallbackAssignee === 'string' && options.fallbackAssignee.trim() !== ''
					? options.fallbackAssignee.trim()
					: undefined,
			includeSnapshot: options.includeSnapshot === true,
			defaultCurrency,
			workflow: this.getWorkflow().name || 'workflow',
			executionId: this.getExecutionId() || 'manual',
		};

		const failures: DealResult[] = [];
		let deals: DealInput[] = [];
		try {
			// Fields first: the Opportunity list then reads the stored AI fields to skip unchanged deals.
			if (run.erp && run.writeBack)
				await run.erp.ensureCustomFields('Opportunity', OPPORTUNITY_RISK_FIELDS);
			if (source === 'erpnext' && run.erp) deals = await fetchDeals(run, run.erp, pageSize);
			else {
				const fromItems = dealsFromItems(run, items);
				deals = fromItems.deals;
				failures.push(...fromItems.errors);
			}
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, 0);
			if (!this.continueOnFail()) throw nodeError;
			return [
				[
					{
						json: { error: nodeError.message },
						error: nodeError,
						pairedItem: items.map((_, i) => ({ item: i })),
					},
				],
			];
		}

		const warnings = new Set<string>(run.view ? viewWarnings(run.view) : []);
		const pages = chunk(deals, pageSize);
		// A deal that could not be read before (failures) stops the run like any other failing item.
		if (failures.length > 0 && !this.continueOnFail()) throw failures[0].error;
		const pageResults = await runEach(
			this,
			pages.length,
			{ concurrency: PAGES_IN_FLIGHT, halt: run.halt },
			async (p) => {
				const done = await processPage(run, pages[p]);
				done.warnings.forEach((w) => warnings.add(w));
				return done.results;
			},
			(error, p) =>
				pages[p].map(
					(d): DealResult => ({ name: d.name, item: d.item, atRisk: false, events: [], error }),
				),
		);
		const results = [...failures, ...pageResults.flatMap((r) => r ?? [])];

		const atRisk = results.filter((r) => r.atRisk && r.json && r.assessment);
		if (this.getNodeParameter('outputMode', 0, 'perDeal') === 'digest') {
			const assessed = results.filter((r) => r.assessment);
			const digest = buildDigest({
				assessedAt: run.now,
				assessed: assessed.length,
				open: assessed.filter((r) => r.assessment?.open).length,
				atRisk: atRisk.map((r) => ({
					assessment: r.assessment as DealAssessment,
					json: Object.fromEntries(Object.entries(r.json ?? {}).filter(([k]) => k !== EVENTS_KEY)),
				})),
				errors: results
					.filter((r) => r.error)
					.map((r) => ({ deal: r.name, error: r.error?.message ?? '' })),
				warnings: [...warnings],
			});
			const paired: IPairedItemData[] = items.map((_, i) => ({ item: i }));
			return [
				[
					{
						json: { ...digest, [EVENTS_KEY]: atRisk.flatMap((r) => r.events) } as IDataObject,
						pairedItem: paired,
					},
				],
			];
		}

		// Errors are reported once per page failure (all its deals share one error).
		const reported = new Set<unknown>();
		const out: INodeExecutionData[] = [];
		for (const r of results) {
			if (r.error) {
				if (reported.has(r.error)) continue;
				reported.add(r.error);
				out.push({
					json: { error: r.error.message, deal: r.name },
					error: r.error,
					pairedItem: { item: r.item },
				});
			} else if (r.atRisk && r.json) out.push({ json: r.json, pairedItem: { item: r.item } });
		}
		return [out];
	}
}
