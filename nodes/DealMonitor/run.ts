// The run: the node's parameters read and checked once per execution (levels, page size, currency,
// risk settings in the site's time zone, laid over the defaults by core/dealRisk's riskConfigWith,
// what the ERPNext user may see, write-back, Claude), and the shapes a deal takes on its way through
// the node (DealInput in, DealResult out).
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type NodeApiError,
} from 'n8n-workflow';
import { IANAZone } from 'luxon';

import type { AnthropicClient } from '../../connectors/anthropic';
import { DEFAULT_ASK_AGAIN_DAYS } from '../../core/approvals/dealDecision';
import { proposeOnlyMode, type ProposeOnlyMode } from '../../core/approvals/proposeOnly';
import { ErpNextClient } from '../../connectors/erpnext';
import {
	isRiskLevel,
	preview,
	riskConfigWith,
	type ActivityView,
	type DealAssessment,
	type DealSnapshot,
	type RiskConfig,
	type RiskLevel,
} from '../../core/dealRisk';
import type { MetricEvent } from '../../core/metrics';
import { isIsoCurrency } from '../../core/money';
import { readClaudeData } from '../shared/claudeData';
import { clockParameter } from '../shared/clock';
import { Halt } from '../shared/itemRunner';
import { movedParameter } from '../shared/movedOption';
import { toNodeError } from '../shared/serviceErrors';
import { summaryClient, type ClaudeData } from './claudeSummary';
import { DEFAULT_CLAUDE_MODEL, DEFAULT_PAGE_SIZE, type SystemOfRecord } from './description';
import { viewFromRoles } from './visibility';

export type Source = 'erpnext' | 'items' | 'snapshots';

export interface DealInput {
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

export interface DealResult {
	name: string;
	item: number;
	assessment?: DealAssessment;
	atRisk: boolean;
	json?: IDataObject;
	events: MetricEvent[];
	error?: NodeApiError | NodeOperationError;
}

export interface Run {
	ctx: IExecuteFunctions;
	/** ERPNext CRM (Opportunity) or Frappe CRM (CRM Deal), docs/decisions/0028. */
	system: SystemOfRecord;
	/** Frappe CRM: each CRM Deal Status and its type (Open, Ongoing, On Hold, Won, Lost). */
	crmStatusTypes?: Map<string, string>;
	source: Source;
	config: RiskConfig;
	now: Date;
	minLevel: RiskLevel;
	pageSize: number;
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
	/** Propose-only (ADR 0046): nothing written to the deal; the values wait in the task's proposal. */
	proposeOnly: ProposeOnlyMode;
	/** Days a closed or cancelled risk task answers the same deal and signal (ADR 0046, amended). */
	askAgainDays: number;
}

export function fail(ctx: IExecuteFunctions, message: string, itemIndex = 0): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex });
}

function referenceDate(ctx: IExecuteFunctions): Date {
	return clockParameter(ctx, movedParameter(ctx, 'referenceDate', 0), 'Reference Date');
}

async function erpClient(
	ctx: IExecuteFunctions,
): Promise<{ client: ErpNextClient; proposeOnly: unknown }> {
	const creds = await ctx.getCredentials<{
		baseUrl: string;
		apiKey: string;
		apiSecret: string;
		proposeOnly?: boolean;
	}>('leadToCloseErpNextApi');
	return { client: ErpNextClient.forNode(ctx, creds), proposeOnly: creds.proposeOnly };
}

/** Reads a JSON option; throws a message naming the option when it is not a JSON object. */
function jsonObject(value: unknown, option: string): Record<string, unknown> {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
	try {
		const parsed: unknown = JSON.parse(String(value));
		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
			return parsed as Record<string, unknown>;
	} catch {
		// reported below
	}
	throw new Error(`Option "${option}" must be a JSON object, got ${preview(String(value))}`);
}

/** The risk thresholds in the site's own zone (System Settings) unless one is set here (E8). */
async function riskConfig(
	ctx: IExecuteFunctions,
	options: IDataObject,
	erp: ErpNextClient | undefined,
): Promise<RiskConfig> {
	try {
		const configured = (ctx.getNodeParameter('timeZone', 0, '') as string).trim();
		const timeZone = configured || (erp ? await erp.siteTimeZone() : ctx.getTimezone());
		if (!IANAZone.isValidZone(timeZone))
			throw new Error(
				`Time zone ${preview(timeZone)} is not an IANA time zone such as "Europe/Berlin"`,
			);
		const overrides = jsonObject(options.riskSettings, 'Risk Settings (JSON)');
		// core/dealRisk decides the rest: defaults, per-stage merging, validation.
		return riskConfigWith({
			...overrides,
			timeZone: typeof overrides.timeZone === 'string' ? overrides.timeZone : timeZone,
		});
	} catch (error) {
		if (error instanceof Error && 'service' in error) throw toNodeError(ctx.getNode(), error, 0);
		throw fail(ctx, error instanceof Error ? error.message : String(error));
	}
}

/** What the ERPNext user may see; roles that cannot be read count as hiding everything. */
async function activityView(erp: ErpNextClient): Promise<ActivityView> {
	try {
		return viewFromRoles(await erp.userRoles());
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return { emailHidden: true, todosHidden: true, rolesUnknown: reason };
	}
}

/** Frappe CRM's CRM Deal Statuses with their type (crm/fcrm/doctype/crm_deal_status/crm_deal_status.json). */
async function crmStatusTypes(
	ctx: IExecuteFunctions,
	erp: ErpNextClient,
): Promise<Map<string, string>> {
	try {
		const rows = await erp.listAll('CRM Deal Status', {
			fields: ['name', 'type'],
			orderBy: 'name asc',
			pageSize: 100,
		});
		return new Map(rows.map((r) => [String(r.name), typeof r.type === 'string' ? r.type : '']));
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, 0);
	}
}

/** Reads and checks the parameters once; a bad one fails the execution naming it and its value. */
export async function readRun(ctx: IExecuteFunctions): Promise<Run> {
	const system = ctx.getNodeParameter('systemOfRecord', 0, 'erpnext') as SystemOfRecord;
	if (system !== 'erpnext' && system !== 'frappeCrm')
		throw fail(ctx, `System of Record must be ERPNext CRM or Frappe CRM, got ${preview(system)}`);
	const source = ctx.getNodeParameter('source', 0, 'erpnext') as Source;
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const useLlm = ctx.getNodeParameter('useLlm', 0, false) as boolean;
	const minLevel = ctx.getNodeParameter('minLevel', 0, 'medium');
	const todoLevel = options.todoLevel ?? 'critical';
	if (!isRiskLevel(minLevel))
		throw fail(
			ctx,
			`Report Deals From Level must be low, medium, high or critical, got ${preview(minLevel)}`,
		);
	if (!isRiskLevel(todoLevel))
		throw fail(ctx, `ToDo From Level must be high or critical, got ${preview(todoLevel)}`);
	const pageSize = Number(options.pageSize ?? DEFAULT_PAGE_SIZE);
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500)
		throw fail(
			ctx,
			`Deals per Page must be a whole number from 1 to 500, got ${preview(options.pageSize)}`,
		);
	const askAgainDays = Number(options.askAgainDays ?? DEFAULT_ASK_AGAIN_DAYS);
	if (!Number.isInteger(askAgainDays) || askAgainDays < 0 || askAgainDays > 365)
		throw fail(
			ctx,
			`Days Before a Closed or Cancelled ToDo Is Assigned Again must be a whole number from 0 to 365, got ${preview(options.askAgainDays)}`,
		);
	const defaultCurrency = String(options.defaultCurrency || 'EUR')
		.trim()
		.toUpperCase();
	if (!isIsoCurrency(defaultCurrency))
		throw fail(
			ctx,
			`Default Currency must be an ISO 4217 code such as EUR, got ${preview(options.defaultCurrency)}`,
		);

	const usesErp = source !== 'snapshots';
	const site = usesErp ? await erpClient(ctx) : undefined;
	const erp = site?.client;
	const writeBack = usesErp && (ctx.getNodeParameter('writeBack', 0, false) as boolean);
	const config = await riskConfig(ctx, options, erp);
	// What a user may not see is known for ERPNext's activity lists (visibility.ts); not for Frappe CRM's.
	const view = erp && system === 'erpnext' ? await activityView(erp) : undefined;
	return {
		ctx,
		system,
		crmStatusTypes: erp && system === 'frappeCrm' ? await crmStatusTypes(ctx, erp) : undefined,
		halt: new Halt(),
		source,
		config,
		now: referenceDate(ctx),
		minLevel,
		pageSize,
		erp,
		view,
		claude: useLlm
			? summaryClient(
					ctx,
					await ctx.getCredentials<{ apiKey: string; baseUrl?: string }>('leadToCloseAnthropicApi'),
				)
			: undefined,
		model: useLlm
			? (ctx.getNodeParameter('model', 0, DEFAULT_CLAUDE_MODEL) as string) || DEFAULT_CLAUDE_MODEL
			: '',
		claudeData: readClaudeData(ctx, useLlm),
		writeBack,
		addComment: options.addComment !== false,
		assignTodos: usesErp && (ctx.getNodeParameter('assignTodos', 0, false) as boolean),
		todoLevel,
		fallbackAssignee:
			typeof options.fallbackAssignee === 'string' && options.fallbackAssignee.trim() !== ''
				? options.fallbackAssignee.trim()
				: undefined,
		includeSnapshot: options.includeSnapshot === true,
		defaultCurrency,
		workflow: ctx.getWorkflow().name || 'workflow',
		executionId: ctx.getExecutionId() || 'manual',
		askAgainDays,
		// Only a run that writes has anything to propose.
		proposeOnly: writeBack
			? proposeOnlyMode(ctx.getNodeParameter('proposeOnly', 0, false), site?.proposeOnly)
			: { on: false, reason: null },
	};
}
