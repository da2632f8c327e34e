// The Lead Qualifier's parameters: field mapping (canonical and ERPNext Lead names work as they are),
// reproducible reference date, thresholds, weights, ideal-customer profile and need taxonomy, one output
// or one per route, optional Claude extraction, optional ERPNext write-back.
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
		'Date that timelines such as "next quarter" are counted from. Empty = now. Set it for reproducible runs. Without an offset, read in the workflow\'s time zone.',
});

export const ROUTES = ['qualified', 'review', 'nurture', 'disqualified'] as const;

// One default model for every node (connectors/anthropic/ask.ts).
export { DEFAULT_CLAUDE_MODEL };

/** The system of record a node works against (docs/decisions/0028). */
export type { SystemOfRecord } from '../shared/systemOfRecord';

export const properties: INodeProperties[] = [
	systemOfRecordProperty({
		erpnext: 'Leads are ERPNext Leads (CRM module of ERPNext)',
		frappeCrm:
			'Leads are Frappe CRM leads (CRM Lead); with write-back the lead and its notes are read from Frappe CRM by the item\'s "name"',
		where: 'Where the leads live.',
	}),
	{
		displayName: 'Lead Fields',
		name: 'fieldMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Detect Automatically',
				value: 'auto',
				description:
					'Read our canonical names (company, contactName, title, email …) or ERPNext Lead names (company_name, lead_name, job_title, email_id …) from each item',
			},
			{ name: 'Map Each Field', value: 'map', description: 'Set every field with an expression' },
		],
		default: 'auto',
	},
	{
		displayName: 'Field Mapping',
		name: 'mapping',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { fieldMode: ['map'] } },
		options: [
			{
				displayName: 'Company',
				name: 'company',
				type: 'string',
				default: '={{ $json.company_name }}',
			},
			{
				displayName: 'Contact Name',
				name: 'contactName',
				type: 'string',
				default: '={{ $json.lead_name }}',
			},
			{ displayName: 'Country', name: 'country', type: 'string', default: '={{ $json.country }}' },
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '={{ $json.email_id }}',
			},
			{
				displayName: 'Employees',
				name: 'employees',
				type: 'string',
				default: '={{ $json.no_of_employees }}',
			},
			{
				displayName: 'Industry',
				name: 'industry',
				type: 'string',
				default: '={{ $json.industry }}',
			},
			{
				displayName: 'Job Title',
				name: 'title',
				type: 'string',
				default: '={{ $json.job_title }}',
			},
			{
				displayName: 'Lead Reference',
				name: 'ref',
				type: 'string',
				default: '={{ $json.name }}',
				description: 'ERPNext Lead name or your own ID, used for write-back and metrics',
			},
			{
				displayName: 'Message',
				name: 'message',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '={{ $json.notes }}',
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '={{ $json.mobile_no || $json.phone }}',
			},
			{ displayName: 'Source', name: 'source', type: 'string', default: '={{ $json.source }}' },
		],
	},
	referenceDate.legacy,
	{
		displayName: 'Scoring Profile',
		name: 'scoringProfile',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Node Parameters',
				value: 'parameters',
				description: 'Thresholds below and the Weights option',
			},
			{
				name: 'Applied Profile',
				value: 'applied',
				description:
					'The profile applied by a Lead Score Calibration node of this workflow (its weights, thresholds and grades); the node parameters until one is applied',
			},
		],
		default: 'parameters',
		description: 'Which weights and thresholds score the lead',
	},
	{
		displayName: 'Auto-Qualify Threshold',
		name: 'qualifiedThreshold',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 80,
		description: 'Score at or above which a clean lead is routed "qualified" without a human',
	},
	{
		displayName: 'Nurture Threshold',
		name: 'nurtureThreshold',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 99 },
		default: 40,
		description:
			'Score below which a lead goes to nurture; between the two thresholds it goes to review',
	},
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'One Output With Route Field', value: 'single' },
			{
				name: 'One Output per Route',
				value: 'perRoute',
				description: 'Qualified, Review, Nurture, Disqualified',
			},
		],
		default: 'single',
	},
	{
		displayName: 'Use Claude for Extraction',
		name: 'useLlm',
		type: 'boolean',
		default: false,
		description:
			'Whether Claude extracts the BANT evidence (with quoted spans, verified against the lead) before the rules score it. Without it the rules do everything.',
	},
	claudeModelProperty({ show: { useLlm: [true] } }),
	claudeDataProperty({
		displayOptions: { show: { useLlm: [true] } },
		minimal: {
			name: 'Only What Scoring Needs',
			description:
				'Company, job title, industry, employees, country and message. The contact name, email and phone stay in n8n; email addresses, phone numbers and the contact name in the text become placeholders such as [email 1].',
		},
		all: {
			name: 'All Lead Fields',
			description: 'Every mapped lead field as it is, contact name, email and phone included',
		},
		description:
			'What of each lead leaves n8n for Anthropic (PII minimisation). The rules always see the full lead, so the email checks and the duplicate check are unchanged.',
	}),
	{
		displayName: 'Write Back to ERPNext',
		name: 'writeBack',
		type: 'boolean',
		default: false,
		displayOptions: { show: { systemOfRecord: ['erpnext'] } },
		description:
			'Whether to store the score, grade, route and reasons on the ERPNext Lead (AI fields, created on first use) and add an audit comment to its timeline',
	},
	{
		displayName: 'Write Back to Frappe CRM',
		name: 'writeBack',
		type: 'boolean',
		default: false,
		displayOptions: { show: { systemOfRecord: ['frappeCrm'] } },
		description:
			"Whether to read the CRM Lead and its notes by the item's name, store the score, grade, route and reasons on it (AI fields shown on the lead page, created on first use) and add an audit comment to its activity",
	},
	// Propose-only (issue 19, ADR 0039): the AI fields become a proposal on a desk review ToDo (on Frappe
	// CRM a review CRM Task, ADR 0047).
	proposeOnlyProperty('the AI fields (score, grade, route, reasons)', {
		displayOptions: { show: { systemOfRecord: ['erpnext', 'frappeCrm'], writeBack: [true] } },
	}),
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
					'Whether write-back adds a comment with the reasons to the Lead timeline (ERPNext) or the lead activity (Frappe CRM)',
			},
			{
				displayName: 'Check Duplicates in ERPNext',
				name: 'checkDuplicates',
				type: 'boolean',
				default: true,
				description:
					'Whether write-back flags the lead as duplicate when another Lead (ERPNext) or CRM Lead (Frappe CRM) has the same email',
			},
			{
				displayName: 'Default Currency',
				name: 'defaultCurrency',
				type: 'string',
				default: 'EUR',
				description:
					'ISO 4217 currency of a budget written without one when the country is unknown',
			},
			{
				displayName: 'Ideal Customer Profile (JSON)',
				name: 'icp',
				type: 'json',
				default: '{}',
				description:
					'Overrides of {"industries": [...], "countries": [...], "minEmployees": 50, "maxEmployees": 10000}',
			},
			{
				displayName: 'Need Taxonomy (JSON)',
				name: 'taxonomy',
				type: 'json',
				default: '{}',
				description:
					'Need categories and their keywords, e.g. {"automation": ["PLC", "SCADA"]}. Empty = the built-in taxonomy.',
			},
			referenceDate.option,
			{
				displayName: 'Weights (JSON)',
				name: 'weights',
				type: 'json',
				default: '{}',
				description:
					'Overrides of the points per factor, e.g. {"budget": 30, "authority": {"decision_maker": 25}}',
			},
		],
	},
];
