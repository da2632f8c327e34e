// The Deal Monitor's parameters: where deals come from (ERPNext, ERPNext Opportunities in the input, or
// ready-made snapshots), the reproducible reference date and the site's time zone, which risk level
// counts as "at risk", one item per deal or a digest, the optional Claude summary, the optional
// write-back (AI fields, Info comment) and ToDo assignment, and the tuning options.
import type { INodeProperties } from 'n8n-workflow';
import { proposeOnlyProperty } from '../shared/proposeOnly';
import { systemOfRecordProperty } from '../shared/systemOfRecord';
import { claudeDataProperty, claudeModelProperty } from '../shared/claudeData';
import { movedToOptions } from '../shared/movedOption';
import { DEFAULT_CLAUDE_MODEL } from '../../connectors/anthropic';
import { DEFAULT_ASK_AGAIN_DAYS } from '../../core/approvals/dealDecision';

// Set for replays and tests only: under Options (nodes/shared/movedOption.ts).
const referenceDate = movedToOptions({
	displayName: 'Reference Date',
	name: 'referenceDate',
	type: 'dateTime',
	default: '',
	description:
		"The moment the deals are assessed at. Empty = now. Set it for reproducible runs. Without an offset, read in the workflow's time zone.",
});

// One default model for every node (connectors/anthropic/ask.ts).
export { DEFAULT_CLAUDE_MODEL };

export const DEFAULT_PAGE_SIZE = 100;

const LEVEL_OPTIONS = [
	{ name: 'Low', value: 'low', description: 'Every open deal with at least one signal' },
	{ name: 'Medium', value: 'medium' },
	{ name: 'High', value: 'high' },
	{ name: 'Critical', value: 'critical' },
];

/** The system of record a node works against (docs/decisions/0028), as on Lead Qualifier. */
export type { SystemOfRecord } from '../shared/systemOfRecord';

const ERPNEXT = { systemOfRecord: ['erpnext'] };
const FRAPPE_CRM = { systemOfRecord: ['frappeCrm'] };

export const properties: INodeProperties[] = [
	systemOfRecordProperty({
		erpnext: 'Deals are ERPNext Opportunities (CRM module of ERPNext)',
		frappeCrm:
			'Deals are Frappe CRM deals (CRM Deal) with their e-mails, call logs, tasks, status log and SLA',
		where: 'Where the deals live.',
	}),
	{
		displayName: 'Deals',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: ERPNEXT },
		options: [
			{
				name: 'Fetch Open Opportunities From ERPNext',
				value: 'erpnext',
				description: 'Page through the open Opportunities and read their activity in batches',
			},
			{
				name: 'ERPNext Opportunities in Input Items',
				value: 'items',
				description:
					'Each item is an Opportunity, or just its name (e.g. from an ERPNext trigger); missing fields and its activity are read from ERPNext',
			},
			{
				name: 'Deal Snapshots in Input Items',
				value: 'snapshots',
				description:
					'Each item already holds the deal and its activity (amounts in minor units); nothing is read from ERPNext',
			},
		],
		default: 'erpnext',
	},
	{
		displayName: 'Deals',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: FRAPPE_CRM },
		// The values are those of ERPNext CRM ("erpnext" = fetch from the system of record).
		options: [
			{
				name: 'Fetch Open CRM Deals From Frappe CRM',
				value: 'erpnext',
				description:
					'Page through the CRM Deals whose status is not of type Won or Lost and read their activity in batches',
			},
			{
				name: 'CRM Deals in Input Items',
				value: 'items',
				description:
					'Each item is a CRM Deal, or just its name; the deal and its activity are read from Frappe CRM',
			},
			{
				name: 'Deal Snapshots in Input Items',
				value: 'snapshots',
				description:
					'Each item already holds the deal and its activity (amounts in minor units); nothing is read from Frappe CRM',
			},
		],
		default: 'erpnext',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...FRAPPE_CRM, source: ['erpnext'] } },
		options: [
			{
				displayName: 'Deal Status',
				name: 'salesStage',
				type: 'string',
				default: '',
				description: 'Only CRM Deals in this status, e.g. Negotiation',
			},
			{
				displayName: 'Extra Filters (JSON)',
				name: 'extraFilters',
				type: 'json',
				default: '[]',
				description: 'More Frappe filters on CRM Deal, e.g. [["territory", "=", "Germany"]]',
			},
			{
				displayName: 'Max Deals',
				name: 'maxDeals',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Stop after this many CRM Deals; 0 reads them all',
			},
			{
				displayName: 'Owner',
				name: 'owner',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only CRM Deals of this deal owner (user ID, usually the email)',
			},
		],
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...ERPNEXT, source: ['erpnext'] } },
		options: [
			{
				displayName: 'Company Name or ID',
				name: 'company',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getErpNextCompanies' },
				default: '',
				description:
					'Only deals of this company. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Extra Filters (JSON)',
				name: 'extraFilters',
				type: 'json',
				default: '[]',
				description: 'More Frappe filters on Opportunity, e.g. [["territory", "=", "Germany"]]',
			},
			{
				displayName: 'Max Deals',
				name: 'maxDeals',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Stop after this many Opportunities; 0 reads them all',
			},
			{
				displayName: 'Owner',
				name: 'owner',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only Opportunities of this owner (user ID, usually the email)',
			},
			{ displayName: 'Sales Stage', name: 'salesStage', type: 'string', default: '' },
		],
	},
	referenceDate.legacy,
	{
		displayName: 'Site Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'Europe/Berlin',
		description:
			'Time zone of the Frappe site (System Settings, for ERPNext and Frappe CRM alike), used to read its dates. Empty = read from the site (or, for snapshots, the workflow time zone).',
	},
	{
		displayName: 'Report Deals From Level',
		name: 'minLevel',
		type: 'options',
		options: LEVEL_OPTIONS,
		default: 'medium',
		description: 'Open deals at this risk level or above are reported as at risk',
	},
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'One Item per At-Risk Deal', value: 'perDeal' },
			{
				name: 'One Digest Item',
				value: 'digest',
				description: 'Counts by level and signal, amounts at risk and every at-risk deal',
			},
		],
		default: 'perDeal',
	},
	{
		displayName: 'Summarise With Claude',
		name: 'useLlm',
		type: 'boolean',
		default: false,
		description:
			'Whether Claude writes the summary of each at-risk deal. It only restates the computed signals: a summary that adds a signal or changes the score or level is rejected and the rules write it.',
	},
	claudeModelProperty({ show: { useLlm: [true] } }),
	claudeDataProperty({
		displayOptions: { show: { useLlm: [true] } },
		minimal: {
			name: 'Only What the Summary Needs',
			description:
				"The assessment without the owner's address; email addresses, phone numbers and contact names in the evidence become placeholders such as [name 1], put back in the summary",
		},
		all: {
			name: 'Everything in the Assessment',
			description: 'The assessment as it is, contact names and addresses included',
		},
		description:
			'What of each deal leaves n8n for Anthropic (PII minimisation). The rules always assess the full deal.',
	}),
	{
		displayName: 'Write Back to ERPNext',
		name: 'writeBack',
		type: 'boolean',
		default: false,
		displayOptions: { show: ERPNEXT, hide: { source: ['snapshots'] } },
		description:
			'Whether to store score, level, signals, next action and summary on the Opportunity (AI fields, created on first use) and add an Info comment to at-risk deals. Fields are written only when the assessment changed.',
	},
	{
		displayName: 'Assign ToDo for Critical Deals',
		name: 'assignTodos',
		type: 'boolean',
		default: false,
		displayOptions: { show: ERPNEXT, hide: { source: ['snapshots'] } },
		description:
			"Whether to assign the most urgent next action of each critical deal to the deal's owner as an ERPNext ToDo, never a second open one for the same deal and signal",
	},
	{
		displayName: 'Write Back to Frappe CRM',
		name: 'writeBack',
		type: 'boolean',
		default: false,
		displayOptions: { show: FRAPPE_CRM, hide: { source: ['snapshots'] } },
		description:
			'Whether to store score, level, signals, next action and summary on the CRM Deal (AI fields shown on the deal page, created on first use) and add a comment to the activity of at-risk deals. Fields are written only when the assessment changed.',
	},
	{
		displayName: 'Create CRM Task for Critical Deals',
		name: 'assignTodos',
		type: 'boolean',
		default: false,
		displayOptions: { show: FRAPPE_CRM, hide: { source: ['snapshots'] } },
		description:
			'Whether to give the most urgent next action of each critical deal to the deal owner as a CRM Task on the deal, never a second open one for the same deal and signal',
	},
	proposeOnlyProperty(
		"the AI risk fields and comment (they wait in the deal's task until its owner closes it)",
		{ displayOptions: { show: { writeBack: [true] }, hide: { source: ['snapshots'] } } },
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Add Timeline Comment',
				name: 'addComment',
				type: 'boolean',
				default: true,
				description:
					'Whether write-back adds a comment with the signals to each at-risk deal (ERPNext Opportunity or CRM Deal), once per distinct assessment',
			},
			{
				displayName: 'Days Before a Closed or Cancelled ToDo Is Assigned Again',
				name: 'askAgainDays',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 365 },
				default: DEFAULT_ASK_AGAIN_DAYS,
				description:
					"After the owner closes a deal's risk ToDo or removes the assignment (Frappe CRM: sets its CRM Task to Done or Canceled), no new one is assigned for the same deal and signal for this many days, unless the deal gets a new risk signal or a higher risk level. 0 assigns a new one on the next run.",
			},
			{
				displayName: 'Deals per Page',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 500 },
				default: DEFAULT_PAGE_SIZE,
				description:
					'Deals read per request; their activity is read with one request per document type per page',
			},
			{
				displayName: 'Default Currency',
				name: 'defaultCurrency',
				type: 'string',
				default: 'EUR',
				description: 'ISO 4217 currency of a deal that has none set',
			},
			{
				displayName: 'Include Snapshot',
				name: 'includeSnapshot',
				type: 'boolean',
				default: false,
				description:
					'Whether each output item also holds the deal snapshot the assessment was made from (activity included)',
			},
			referenceDate.option,
			{
				displayName: 'Risk Settings (JSON)',
				name: 'riskSettings',
				type: 'json',
				default: '{}',
				description:
					'Overrides of the thresholds, e.g. {"closeNearDays": 10, "stages": {"Negotiation/Review": {"staleDays": 3}}, "levels": {"critical": 70}}',
			},
			{
				displayName: 'ToDo Assignee Without Owner',
				name: 'fallbackAssignee',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'User who gets the ToDo of a critical deal that has no owner',
			},
			{
				displayName: 'ToDo From Level',
				name: 'todoLevel',
				type: 'options',
				options: [
					{ name: 'High', value: 'high' },
					{ name: 'Critical', value: 'critical' },
				],
				default: 'critical',
				description: 'Lowest risk level that gets a ToDo when ToDo assignment is on',
			},
		],
	},
];
