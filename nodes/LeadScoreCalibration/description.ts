// Parameters of the Lead Score Calibration node (issue 20): one operation per step of the loop
// backtest → proposal → explicit apply → restore, each showing only the parameters it reads.
import type { INodeProperties } from 'n8n-workflow';

import { systemOfRecordProperty } from '../shared/systemOfRecord';

// Defaults are history.ts CONVERTED_STATUSES / LOST_STATUSES, written out because the lint wants a literal.
/** ERPNext Lead statuses (erpnext/crm/doctype/lead/lead.json, field `status`). */
const LEAD_STATUSES = [
	'Lead',
	'Open',
	'Replied',
	'Opportunity',
	'Quotation',
	'Lost Quotation',
	'Interested',
	'Converted',
	'Do Not Contact',
].map((status) => ({ name: status, value: status }));

const show = (...operation: string[]) => ({ show: { operation } });

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Backtest and Propose',
				value: 'backtest',
				action: 'Backtest the lead score and propose a profile',
				description:
					'Score the closed ERPNext or Frappe CRM leads as they came in, report how well the score predicted their outcome, and keep a calibrated profile as a proposal',
			},
			{
				name: 'Apply Profile',
				value: 'apply',
				action: 'Apply a proposed scoring profile',
				description:
					'Make a proposed version the profile the Lead Qualifier of this workflow scores with',
			},
			{
				name: 'Restore Profile',
				value: 'restore',
				action: 'Restore an earlier scoring profile',
				description: 'Go back to the previous version, the node parameters, or a given version',
			},
			{
				name: 'List Profiles',
				value: 'list',
				action: 'List the scoring profiles',
				description: 'The applied version, every stored version and what was applied when',
			},
		],
		default: 'backtest',
	},
	systemOfRecordProperty(
		{
			erpnext: 'The history is ERPNext Leads, their outcome read from their status',
			frappeCrm:
				'The history is Frappe CRM leads (CRM Lead): converted to a CRM Deal (won or still open) or lost (all their deals lost, or a lead status of type Lost)',
			where: 'Where the closed leads live.',
		},
		{ displayOptions: show('backtest') },
	),
	{
		displayName: 'Converted Statuses',
		name: 'convertedStatuses',
		type: 'multiOptions',
		options: LEAD_STATUSES,
		default: ['Converted', 'Opportunity', 'Quotation'],
		displayOptions: { show: { operation: ['backtest'], systemOfRecord: ['erpnext'] } },
		description:
			'Lead statuses that count as converted (ERPNext sets these when the Lead moves on)',
	},
	{
		displayName: 'Lost Statuses',
		name: 'lostStatuses',
		type: 'multiOptions',
		options: LEAD_STATUSES,
		default: ['Lost Quotation', 'Do Not Contact'],
		displayOptions: { show: { operation: ['backtest'], systemOfRecord: ['erpnext'] } },
		description:
			'Lead statuses that count as lost; Leads in other statuses are still open and left out',
	},
	{
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'string',
		default: '',
		placeholder: '2025-01-01',
		displayOptions: show('backtest'),
		description:
			"Only Leads created at or after this date-time; empty = the whole history. Without an offset, read in the workflow's time zone.",
	},
	{
		displayName: 'Version',
		name: 'version',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: show('apply'),
		description: 'The proposed version to apply; 0 = the newest proposal',
	},
	{
		displayName: 'Restore To',
		name: 'restoreTo',
		type: 'options',
		options: [
			{ name: 'Previous Profile', value: 'previous' },
			{ name: 'Node Parameters', value: 'parameters' },
			{ name: 'Version', value: 'version' },
		],
		default: 'previous',
		displayOptions: show('restore'),
	},
	{
		displayName: 'Version',
		name: 'restoreVersion',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		displayOptions: { show: { operation: ['restore'], restoreTo: ['version'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show('backtest'),
		options: [
			{
				displayName: 'Hold-Out Share',
				name: 'holdoutShare',
				type: 'number',
				typeOptions: { minValue: 0.1, maxValue: 0.5, numberPrecision: 2 },
				default: 0.3,
				description:
					'Share of the history, newest first, kept out of learning to compare the profiles on',
			},
			{
				displayName: 'Ideal Customer Profile (JSON)',
				name: 'icp',
				type: 'json',
				default: '{}',
				description:
					"The Lead Qualifier's Ideal Customer Profile, so the history is read as it reads leads",
			},
			{
				displayName: 'Need Taxonomy (JSON)',
				name: 'taxonomy',
				type: 'json',
				default: '{}',
				description: "The Lead Qualifier's Need Taxonomy; empty = the built-in taxonomy",
			},
			{
				displayName: 'Prior Width (Points)',
				name: 'priorPoints',
				type: 'number',
				typeOptions: { minValue: 0.5, maxValue: 50 },
				default: 6,
				description:
					'How far a weight may move before the history has to insist; lower keeps the current weights more',
			},
		],
	},
];
