// The ERPNext Trigger's parameters (ERPNext's and Frappe CRM's doctypes: both are Frappe apps, ADR 0030):
// which doctype and document events to listen to, which fields the
// signed body carries, an optional "only when these fields change" filter, and options (Frappe
// condition, de-duplication of replays and double fires, body size limit, age bound, secret rotation).
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_AGE_HOURS } from './deliveryGate';

export const OTHER_DOCTYPE = '__other';

export const DEFAULT_MAX_BODY_KB = 1024;

export const properties: INodeProperties[] = [
	{
		displayName:
			'Activating the workflow registers one Webhook per selected event in ERPNext or Frappe CRM (the API user needs the System Manager role); deactivating it removes them',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'DocType',
		name: 'doctype',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'CRM Deal (Frappe CRM)',
				value: 'CRM Deal',
				description: 'A deal of the Frappe CRM app',
			},
			{
				name: 'CRM Lead (Frappe CRM)',
				value: 'CRM Lead',
				description: 'A lead of the Frappe CRM app',
			},
			{ name: 'Customer', value: 'Customer' },
			{ name: 'Lead', value: 'Lead' },
			{ name: 'Opportunity', value: 'Opportunity' },
			{
				name: 'Other DocType',
				value: OTHER_DOCTYPE,
				description: 'Enter the DocType name yourself',
			},
			{ name: 'Quotation', value: 'Quotation' },
			{ name: 'Sales Order', value: 'Sales Order' },
		],
		default: 'Lead',
	},
	{
		displayName:
			'Frappe CRM: After Insert starts the workflow for each new CRM Lead. For "deal status changed" select On Update and enter status under Only When Fields Change. A comment on the record (such as the Lead Qualifier\'s audit note) changes only its modification time and starts nothing.',
		name: 'frappeCrmNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { doctype: ['CRM Lead', 'CRM Deal'] } },
	},
	{
		displayName: 'DocType Name',
		name: 'customDoctype',
		type: 'string',
		noDataExpression: true,
		required: true,
		default: '',
		placeholder: 'Prospect',
		displayOptions: { show: { doctype: [OTHER_DOCTYPE] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		noDataExpression: true,
		required: true,
		options: [
			{ name: 'After Insert', value: 'after_insert', description: 'A new document was created' },
			{
				name: 'On Cancel',
				value: 'on_cancel',
				description: 'A submitted document was cancelled (submittable doctypes only)',
			},
			{
				name: 'On Change',
				value: 'on_change',
				description:
					'A document changed: every save (submitted documents too), submit and cancel, and status changes ERPNext writes directly (Quotation Ordered or Lost); not on insert',
			},
			{
				name: 'On Submit',
				value: 'on_submit',
				description: 'A document was submitted (submittable doctypes only)',
			},
			{ name: 'On Trash', value: 'on_trash', description: 'A document was deleted' },
			{
				name: 'On Update',
				value: 'on_update',
				description: 'A document was saved; ERPNext also fires it for new documents',
			},
			{
				name: 'On Update After Submit',
				value: 'on_update_after_submit',
				description:
					'A submitted document was saved. Only Frappe builds with PR #39164 (May 2026) send it; use On Change on v14, v15 and v16.',
			},
		],
		default: ['after_insert'],
	},
	{
		displayName:
			'ERPNext v14, v15 and v16 releases before Frappe PR #39164 (merged May 2026) never send On Update After Submit: the Webhook is registered but nothing arrives. Select On Change instead; Frappe fires it after every save of a submitted document.',
		name: 'updateAfterSubmitNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { events: ['on_update_after_submit'] } },
	},
	{
		displayName: 'Fields to Send',
		name: 'fields',
		type: 'string',
		noDataExpression: true,
		default: '',
		placeholder: 'status, sales_stage, opportunity_amount',
		description:
			'Document fields the signed body carries, separated by commas; * sends the whole document. The doctype, name and modified time are always sent.',
	},
	{
		displayName: 'Only When Fields Change',
		name: 'onlyWhenChanged',
		type: 'string',
		noDataExpression: true,
		default: '',
		placeholder: 'sales_stage',
		description:
			'Start the workflow only when one of these fields differs from the previous version of the document (separate with commas). A document seen for the first time counts as changed. Leave empty to start on every event.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Catch Up Missed Changes',
				name: 'catchUp',
				type: 'boolean',
				default: true,
				description:
					'Whether to list the DocType by last change on the Poll Times schedule (and on activation) and start the workflow once for each change no webhook delivered: deliveries Frappe gave up on, changes made while n8n was down. Of several changes to one document between two polls only the newest is seen.',
			},
			{
				displayName: 'Condition',
				name: 'condition',
				type: 'string',
				default: '',
				placeholder: 'doc.status == "Open"',
				description:
					'Python expression over doc that ERPNext evaluates before sending (the Webhook condition)',
			},
			{
				displayName: 'Ignore Repeated Deliveries',
				name: 'dedupe',
				type: 'boolean',
				default: true,
				description:
					'Whether to skip a delivery of a document version already received: replays, retries, and the On Update that ERPNext fires together with After Insert (or On Change with On Update)',
			},
			{
				displayName: 'Max Body Size (KB)',
				name: 'maxBodyKb',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_BODY_KB,
				description: 'Larger deliveries are refused with 413 and start nothing',
			},
			{
				displayName: 'Max Delivery Age (Hours)',
				name: 'maxAgeHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_MAX_AGE_HOURS,
				description:
					'Refuse a signed delivery whose document version is this many hours older than the newest change the trigger has received (a captured delivery sent again). 0 turns the bound off.',
			},
			{
				displayName: 'Secret Rotation',
				name: 'secretRotation',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					"The webhook secret is derived from the credential and this number and is never stored in the workflow. Raise it by one and save to register the Webhooks again with a new secret (for example after deliveries were seen in ERPNext's Webhook Request Log by people who should not sign them).",
			},
		],
	},
];
