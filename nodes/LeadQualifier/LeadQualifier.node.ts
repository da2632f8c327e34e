// Lead Qualifier: scores each incoming lead 0-100 with BANT evidence and a reason for every point, and
// routes it (qualified / review / nurture / disqualified). A thin adapter: the decision is
// core/qualify's; this file reads parameters, maps fields, optionally asks Claude for evidence and
// writes the result back to the system of record (ERPNext or Frappe CRM, docs/decisions/0028), and
// emits one metric event per lead on the item.
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ErpNextClient, readCrmLead } from '../../connectors/erpnext';
import {
	EVENTS_KEY,
	attachEvents,
	collectEvents,
	makeEvent,
	type MetricEvent,
} from '../../core/metrics';
import {
	parseLeadInput,
	presentQualification,
	qualifyLead,
	type QualificationResult,
	type QualifyConfig,
	type Reason,
} from '../../core/qualify';
import { applyProfile, type ScoringProfile } from '../../core/qualify/calibrate';
import { proposeOnlyMode, type ProposeOnlyMode } from '../../core/approvals/proposeOnly';
import { proposedRouteReason, reviewProposal } from './proposal';
import { readClaudeData } from '../shared/claudeData';
import { noteMadeEvents } from '../shared/madeEvents';
import { movedParameter } from '../shared/movedOption';
import { clockParameter } from '../shared/clock';
import { runItems } from '../shared/itemRunner';
import { toNodeError } from '../shared/serviceErrors';
import {
	ClaudeBudget,
	claudeLimitsProperty,
	extractWithClaude,
	readClaudeLimits,
	type ClaudeData,
	type ClaudeEvidence,
} from './claude';
import { DEFAULT_CLAUDE_MODEL, ROUTES, properties, type SystemOfRecord } from './description';
import { parseJsonOption, qualifyConfigOrThrow } from './configOptions';
import { appliedProfile } from './profileStore';
import {
	ERPNEXT_LEAD,
	FRAPPE_CRM_LEAD,
	findDuplicate,
	writeBack,
	type LeadTarget,
} from './erpnextWriteBack';
import {
	crmLeadFromItem,
	crmRefOf,
	hasLeadFields,
	isCrmLead,
	leadFromItem,
	leadFromMapping,
	noLeadFieldsMessage,
	type MappedLead,
} from './leadFields';

const ROUTE_OUTPUTS: `={{${string}}}` = ('={{ $parameter["outputMode"] === "perRoute" ? ' +
	'[{"type":"main","displayName":"Qualified"},{"type":"main","displayName":"Review"},{"type":"main","displayName":"Nurture"},{"type":"main","displayName":"Disqualified"}]' +
	' : [{"type":"main"}] }}') as `={{${string}}}`;

function buildConfig(ctx: IExecuteFunctions): QualifyConfig {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const weights = parseJsonOption(ctx, options.weights, 'Weights');
	const icp = parseJsonOption(ctx, options.icp, 'Ideal Customer Profile');
	const taxonomy = parseJsonOption(ctx, options.taxonomy, 'Need Taxonomy');
	const raw: IDataObject = {
		thresholds: {
			qualified: ctx.getNodeParameter('qualifiedThreshold', 0, 80) as number,
			nurture: ctx.getNodeParameter('nurtureThreshold', 0, 40) as number,
		},
		...(weights && Object.keys(weights).length ? { weights } : {}),
		...(icp && Object.keys(icp).length ? { icp } : {}),
		...(taxonomy && Object.keys(taxonomy).length ? { taxonomy } : {}),
		...(options.defaultCurrency
			? { defaultCurrency: String(options.defaultCurrency).toUpperCase() }
			: {}),
	};
	return qualifyConfigOrThrow(ctx, raw);
}

/** The applied scoring profile of this workflow when Scoring Profile says so (issue 20), else null. */
function profileInUse(ctx: IExecuteFunctions): ScoringProfile | null {
	return ctx.getNodeParameter('scoringProfile', 0, 'parameters') === 'applied'
		? appliedProfile(ctx)
		: null;
}

function referenceDate(ctx: IExecuteFunctions): Date {
	return clockParameter(ctx, movedParameter(ctx, 'referenceDate', 0), 'Reference Date');
}

export class LeadQualifier implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Qualifier',
		name: 'leadQualifier',
		icon: {
			light: 'file:../../icons/leadQualifier.svg',
			dark: 'file:../../icons/leadQualifier.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["useLlm"] ? "rules + Claude" : "rules" }}',
		description:
			'Score leads 0-100 with BANT evidence and route them: qualified, review, nurture or disqualified',
		defaults: { name: 'Lead Qualifier' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: ROUTE_OUTPUTS,
		credentials: [
			{
				name: 'leadToCloseAnthropicApi',
				required: true,
				displayOptions: { show: { useLlm: [true] } },
			},
			{
				name: 'leadToCloseErpNextApi',
				required: true,
				displayOptions: { show: { writeBack: [true] } },
			},
		],
		properties: [...properties, claudeLimitsProperty],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const profile = profileInUse(this);
		const config = profile ? applyProfile(buildConfig(this), profile) : buildConfig(this);
		const profileReason: Reason | null = profile
			? {
					factor: 'profile',
					points: 0,
					evidence: '',
					detail: `scored with scoring profile version ${profile.version} (learnt from ${profile.basis}); thresholds ${profile.thresholds.qualified}/${profile.thresholds.nurture}`,
				}
			: null;
		const now = referenceDate(this);
		const fieldMode = this.getNodeParameter('fieldMode', 0, 'auto') as string;
		const perRoute = this.getNodeParameter('outputMode', 0, 'single') === 'perRoute';
		const useLlm = this.getNodeParameter('useLlm', 0, false) as boolean;
		const model = useLlm
			? (this.getNodeParameter('model', 0, DEFAULT_CLAUDE_MODEL) as string) || DEFAULT_CLAUDE_MODEL
			: '';
		const claudeData: ClaudeData = readClaudeData(this, useLlm);
		const claudeLimits = readClaudeLimits(this, useLlm);
		const claudeBudget = useLlm ? new ClaudeBudget(this, claudeLimits.perExecution) : undefined;
		const doWriteBack = this.getNodeParameter('writeBack', 0, false) as boolean;
		const system = this.getNodeParameter('systemOfRecord', 0, 'erpnext') as SystemOfRecord;
		const target: LeadTarget = system === 'frappeCrm' ? FRAPPE_CRM_LEAD : ERPNEXT_LEAD;
		const recordName = system === 'frappeCrm' ? 'CRM Lead' : 'ERPNext Lead';
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const addComment = options.addComment !== false;
		const checkDuplicates = options.checkDuplicates !== false;
		const workflow = this.getWorkflow().name || 'workflow';
		const executionId = this.getExecutionId() || 'manual';

		const anthropicCreds = useLlm
			? await this.getCredentials<{ apiKey: string; baseUrl?: string }>('leadToCloseAnthropicApi')
			: undefined;
		let erp: ErpNextClient | undefined;
		// Propose-only (ADR 0039; Frappe CRM: ADR 0047): with write-back, the node's switch or the credential's.
		let proposeOnly: ProposeOnlyMode = { on: false, reason: null };
		if (doWriteBack) {
			const creds = await this.getCredentials<{
				baseUrl: string;
				apiKey: string;
				apiSecret: string;
				proposeOnly?: boolean;
			}>('leadToCloseErpNextApi');
			erp = ErpNextClient.forNode(this, creds);
			proposeOnly = proposeOnlyMode(
				this.getNodeParameter('proposeOnly', 0, false),
				creds.proposeOnly,
			);
		}

		const outputOf = (route: QualificationResult['route']) =>
			perRoute ? ROUTES.indexOf(route) : 0;
		const runOptions = {
			concurrency: useLlm || doWriteBack ? 4 : 1,
			outputs: perRoute ? ROUTES.length : 1,
			errorOutput: outputOf('review'),
		};
		return await runItems(this, items.length, runOptions, async (i) => {
			const item = items[i];
			const started = Date.now();
			// Frappe CRM with write-back: the CRM Lead and its FCRM Notes are read by the item's reference, so
			// the scoring sees the notes and the write-back can tell a replay from a change.
			let current: IDataObject | undefined;
			let mapped: MappedLead;
			if (fieldMode === 'map') {
				mapped = leadFromMapping(this.getNodeParameter('mapping', i, {}) as IDataObject);
				if (system === 'frappeCrm' && erp && mapped.ref)
					current = (await readCrmLead(erp, mapped.ref)).record as IDataObject;
			} else if (system === 'frappeCrm') {
				const ref = crmRefOf(item.json);
				if (erp && ref) {
					const read = await readCrmLead(erp, ref);
					current = read.record as IDataObject;
					mapped = crmLeadFromItem(current, read.notes);
				} else mapped = isCrmLead(item.json) ? crmLeadFromItem(item.json) : leadFromItem(item.json);
			} else mapped = leadFromItem(item.json);
			if (fieldMode !== 'map' && !hasLeadFields(mapped)) {
				const { message, description } = noLeadFieldsMessage(item.json);
				throw new NodeOperationError(this.getNode(), message, { itemIndex: i, description });
			}
			const parsed = parseLeadInput(mapped.raw);
			if (!parsed.ok) {
				throw new NodeOperationError(
					this.getNode(),
					`Lead field ${parsed.errors.map((e) => `"${e.field}": ${e.message}`).join('; ')}`,
					{
						itemIndex: i,
						description: 'Fix the field in the incoming item or map it under "Lead Fields".',
					},
				);
			}
			const lead = parsed.value;
			if (doWriteBack && !mapped.ref) {
				throw new NodeOperationError(
					this.getNode(),
					`Write-back needs the ${recordName} name: the item has no "name" (or map "Lead Reference")`,
					{ itemIndex: i },
				);
			}
			const duplicateOf =
				erp && checkDuplicates ? await findDuplicate(erp, mapped.ref, lead.email, target) : null;
			let claude: ClaudeEvidence | undefined;
			if (useLlm && anthropicCreds)
				claude = await extractWithClaude(
					this,
					lead,
					config,
					model,
					now,
					anthropicCreds,
					claudeData,
					claudeLimits,
					claudeBudget,
				);
			let result = qualifyLead(lead, config, {
				now,
				duplicateOf,
				llm:
					claude?.evidence !== undefined
						? { evidence: claude.evidence, model: claude.model, usage: claude.usage }
						: undefined,
			});
			if (claude?.failure) {
				const reason: Reason = { factor: 'llm', points: 0, evidence: '', detail: claude.failure };
				result = {
					...result,
					reasons: [...result.reasons, reason],
					model: claude.model,
					...(claude.usage ? { usage: claude.usage } : {}),
				};
			}
			if (claude?.notice)
				result = {
					...result,
					reasons: [
						...result.reasons,
						{ factor: 'llm', points: 0, evidence: '', detail: claude.notice },
					],
				};
			if (profileReason) result = { ...result, reasons: [...result.reasons, profileReason] };
			// A failed write-back keeps the decision: the item still carries score, grade and route.
			let writeBackResult: Awaited<ReturnType<typeof writeBack>> | undefined;
			let writeBackError: unknown;
			if (erp && mapped.ref && !proposeOnly.on) {
				try {
					writeBackResult = await writeBack(
						erp,
						mapped.ref,
						result,
						new Date(),
						addComment,
						target,
						current,
					);
				} catch (error) {
					writeBackError = error;
				}
			}
			const event: MetricEvent = makeEvent(
				{
					workflow,
					execution_id: executionId,
					step: 'qualify',
					actor: result.engine === 'llm+rules' ? 'ai' : 'system',
					decision: proposeOnly.on ? 'review' : result.route,
					outcome: writeBackResult ? 'written' : proposeOnly.on ? 'proposed' : null,
					lead_ref: mapped.ref ?? null,
					score: result.score,
					confidence: result.confidence,
					duration_ms: Date.now() - started,
					service: claude ? 'anthropic' : writeBackResult ? target.system : null,
					tokens_in: result.usage ? result.usage.input_tokens : null,
					tokens_out: result.usage ? result.usage.output_tokens : null,
					cost_usd: claude?.costUsd ?? null,
				},
				// When the step ran, not the Reference Date (a decision date set for reproducible scoring must not
				// move today's activity in the dashboards).
				new Date(),
			);
			noteMadeEvents(this, [event]);
			const proposal = await reviewProposal(result, config, proposeOnly, erp, new Date());
			const output: IDataObject = {
				...(presentQualification(result, { noMessage: lead.message === undefined }) as IDataObject),
				...(proposeOnly.on
					? { route: 'review', routeReason: proposedRouteReason(result, proposeOnly) }
					: {}),
				...(proposal ? { proposal } : {}),
				lead: { ref: mapped.ref ?? null, ...lead, ...mapped.context },
				...(duplicateOf ? { duplicateOf } : {}),
				...(writeBackResult
					? {
							[target.system === 'frappe_crm' ? 'frappeCrm' : 'erpnext']: {
								lead: mapped.ref,
								fieldsWritten: writeBackResult.fieldsWritten,
								comment: writeBackResult.comment ?? null,
							},
						}
					: {}),
			};
			// makeEvent validated the event; events carried in from upstream are validated and merged.
			const json =
				item.json[EVENTS_KEY] === undefined
					? { ...output, [EVENTS_KEY]: [event] }
					: attachEvents({ ...output, [EVENTS_KEY]: collectEvents(item.json) }, [event]);
			if (writeBackError !== undefined) {
				const nodeError = toNodeError(this.getNode(), writeBackError, i);
				if (!this.continueOnFail()) throw nodeError;
				// A regular item, not an error item: n8n would cut an error item down to its message.
				const failed: IDataObject = {
					...(json as IDataObject),
					error: nodeError.message,
					[target.system === 'frappe_crm' ? 'frappeCrm' : 'erpnext']: {
						lead: mapped.ref,
						written: false,
						error: nodeError.message,
						...(nodeError.description ? { description: nodeError.description } : {}),
					},
				};
				return {
					output: outputOf(proposeOnly.on ? 'review' : result.route),
					items: [{ json: failed, pairedItem: { item: i } }],
				};
			}
			return {
				output: outputOf(proposeOnly.on ? 'review' : result.route),
				items: [{ json: json as IDataObject, pairedItem: { item: i } }],
			};
		});
	}
}
