// The Send operation's parameters: channel, who (lead reference, email, phone), which step, the Mautic
// email or text message with its tokens, the hand-off text, the system of record (ERPNext, the default,
// or Frappe CRM: docs/decisions/0034), dry run, the sending policy and the options.
import type { INodeProperties } from 'n8n-workflow';

import { systemOfRecordProperty } from '../../../shared/systemOfRecord';

import {
	mauticContactIdOption,
	mauticIdProperties,
	nowOption,
	policyProperty,
	useErpNextProperty,
} from '../common.properties';

const show = (extra: Record<string, string[]> = {}) => ({
	show: { resource: ['message'], operation: ['send'], ...extra },
});

export const description: INodeProperties[] = [
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		noDataExpression: true,
		displayOptions: show(),
		options: [
			{
				name: 'Email (Hand-Off)',
				value: 'n8nEmail',
				description: 'An n8n email node sends the rendered message (second output)',
			},
			{
				name: 'Email (Mautic Template)',
				value: 'email',
				description: 'Mautic sends a template email with your tokens',
			},
			{
				name: 'Email, Fall Back to SMS (Mautic)',
				value: 'emailOrSms',
				description: 'SMS when email is not possible (no address, do-not-contact)',
			},
			{
				name: 'Slack (Hand-Off)',
				value: 'slack',
				description: 'The n8n Slack node sends the rendered message (second output)',
			},
			{
				name: 'SMS (Mautic)',
				value: 'sms',
				description: 'Mautic sends a text message through its SMS transport',
			},
			{
				name: 'Twilio SMS (Hand-Off)',
				value: 'twilio',
				description: 'The n8n Twilio node sends the rendered message (second output)',
			},
			{
				name: 'WhatsApp (Hand-Off)',
				value: 'whatsapp',
				description: 'The n8n WhatsApp node sends the rendered message (second output)',
			},
		],
		default: 'email',
	},
	{
		displayName: 'Lead Reference',
		name: 'leadRef',
		type: 'string',
		required: true,
		default: '={{ $json.name }}',
		displayOptions: show(),
		description:
			'ERPNext Lead name, Frappe CRM Lead or Deal name, or your own lead ID; part of the idempotency key (one message per lead and step)',
	},
	{
		displayName: 'Step Mode',
		name: 'stepMode',
		type: 'options',
		displayOptions: show(),
		options: [
			{ name: 'Fixed Step', value: 'fixed', description: 'This node sends one named step' },
			{
				name: 'From Follow-Up Schedule',
				value: 'schedule',
				description:
					'The step due now (d0, d2, d5 …) from when the sequence started; stops at a reply',
			},
		],
		default: 'fixed',
	},
	{
		displayName: 'Step',
		name: 'step',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'd2',
		displayOptions: show({ stepMode: ['fixed'] }),
		description:
			'Step of the sequence this message is, e.g. "d0" or "quote-sent". Each lead gets each step once.',
	},
	{
		displayName: 'Sequence Start',
		name: 'sequenceStart',
		type: 'string',
		required: true,
		default: '',
		placeholder: '2026-11-16T09:30:00Z',
		displayOptions: show({ stepMode: ['schedule'] }),
		description:
			"When the sequence started, e.g. when the quote was sent; step dN is due N days later at the same local time. Without an offset, read in the workflow's time zone.",
	},
	{
		displayName: 'Schedule Days',
		name: 'scheduleDays',
		type: 'string',
		default: '0, 2, 5, 7, 14',
		displayOptions: show({ stepMode: ['schedule'] }),
		description: 'Days after the start on which steps are due; the steps are named d0, d2, d5 …',
	},
	{
		displayName: 'Replied At',
		name: 'repliedAt',
		type: 'string',
		default: '',
		displayOptions: show({ stepMode: ['schedule'] }),
		description:
			"When the lead replied (date-time, or several separated by commas), e.g. Sync Engagement's lastRepliedAt; no step after the first reply is sent",
	},
	{
		displayName: 'Sequence',
		name: 'sequence',
		type: 'string',
		default: 'quote-follow-up',
		displayOptions: show(),
		description: 'Name of the sequence, shown in reasons and logs',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '={{ $json.email_id || $json.email }}',
		displayOptions: show(),
		description:
			"Recipient's email; finds the Mautic contact whose do-not-contact list and tags are checked. With Frappe CRM the record's email is used when it has one.",
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '={{ $json.mobile_no || $json.phone }}',
		displayOptions: show({ channel: ['sms', 'emailOrSms', 'whatsapp', 'twilio'] }),
		description:
			"Recipient's mobile number (E.164, e.g. +4915112345678); empty = the Mautic contact's mobile. With Frappe CRM the record's mobile is used when it has one.",
	},
	{
		displayName: 'Slack Recipient',
		name: 'slackRecipient',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'C0123456789',
		displayOptions: show({ channel: ['slack'] }),
		description: 'Slack channel or user ID the Slack node posts to',
	},
	...mauticIdProperties(
		'emails',
		{
			displayName: 'Mautic Email ID',
			name: 'emailId',
			type: 'number',
			required: true,
			typeOptions: { minValue: 1 },
			default: 1,
			displayOptions: show({ channel: ['email', 'emailOrSms'] }),
			description: 'ID of the Mautic template email (Channels → Emails)',
		},
		{
			displayName: 'Mautic Email',
			description: 'The published Mautic email to send (Channels → Emails)',
		},
	),
	...mauticIdProperties(
		'smses',
		{
			displayName: 'Mautic SMS ID',
			name: 'smsId',
			type: 'number',
			required: true,
			typeOptions: { minValue: 1 },
			default: 1,
			displayOptions: show({ channel: ['sms', 'emailOrSms'] }),
			description: 'ID of the published Mautic text message (Channels → Text Messages)',
		},
		{
			displayName: 'Mautic SMS',
			description: 'The published Mautic text message to send (Channels → Text Messages)',
		},
	),
	{
		displayName: 'Tokens',
		name: 'tokens',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Token',
		default: {},
		displayOptions: show(),
		description:
			"Values for the Mautic email's {token} placeholders (quote number, total, PDF link …) and for {{token}} placeholders in Subject and Message",
		options: [
			{
				displayName: 'Token',
				name: 'token',
				values: [
					{
						displayName: 'HTML From You',
						name: 'html',
						type: 'boolean',
						default: false,
						description:
							'Whether the value is markup from you or your systems and goes to Mautic as it is. Off: the value is sent as text (HTML-escaped, without {token} syntax and line breaks), which is what lead data needs.',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'quote_number',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'SAL-QTN-2026-00042',
					},
				],
			},
		],
	},
	{
		displayName: 'Asset Attachments',
		name: 'assetAttachments',
		type: 'string',
		default: '',
		placeholder: '5, 7',
		displayOptions: show({ channel: ['email', 'emailOrSms'] }),
		description: 'Comma-separated IDs of Mautic assets to attach, e.g. the quotation PDF',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		displayOptions: show(),
		description:
			'Subject for the email hand-off and the ERPNext log; {{token}} placeholders are filled from Tokens',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		displayOptions: show(),
		description:
			'Text for hand-off channels (required there) and for the ERPNext log. {{token}} placeholders are filled from Tokens; in expression mode use n8n expressions instead. The email hand-off also outputs message.html (the text HTML-escaped): use that, never message.text, in an HTML email.',
	},
	systemOfRecordProperty(
		{
			erpnext:
				'Leads are ERPNext Leads; consent and the send log are optional ("Check Consent and Log in ERPNext")',
			frappeCrm:
				"Leads and deals are Frappe CRM records: contact data and consent come from the record and its Contacts, and each message shows in the record's activity",
			where: 'Where the leads live.',
		},
		{ displayOptions: show() },
	),
	{
		displayName: 'Frappe CRM Record',
		name: 'crmDoctype',
		type: 'options',
		noDataExpression: true,
		displayOptions: show({ systemOfRecord: ['frappeCrm'] }),
		options: [
			{ name: 'CRM Lead', value: 'CRM Lead' },
			{ name: 'CRM Deal', value: 'CRM Deal' },
		],
		default: 'CRM Lead',
		description: 'Which Frappe CRM record "Lead Reference" names',
	},
	{ ...useErpNextProperty, displayOptions: show({ systemOfRecord: ['erpnext'] }) },
	{
		...useErpNextProperty,
		displayName: 'Check Consent and Log in Frappe CRM',
		default: true,
		displayOptions: show({ systemOfRecord: ['frappeCrm'] }),
		description:
			"Whether to read the record's email, mobile, name and opt-outs (its Contacts' Unsubscribed, Frappe's Email Unsubscribe) before sending and log each sent message in the record's activity. Off: the item's data is used as it is.",
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		displayOptions: show(),
		description:
			'Whether to read, decide and render every message without sending, tagging or logging anything',
	},
	{ ...policyProperty, displayOptions: show() },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(),
		options: [
			{
				displayName: 'Company',
				name: 'company',
				type: 'string',
				default: '={{ $json.company_name }}',
				description: 'Company of a contact created in Mautic',
			},
			{
				displayName: 'Country',
				name: 'country',
				type: 'string',
				default: '={{ $json.country }}',
				description:
					"Recipient's country (name or ISO code); decides the time zone when none is given",
			},
			{
				displayName: 'Create Missing Contact',
				name: 'createContact',
				type: 'boolean',
				default: true,
				description:
					'Whether to create the Mautic contact when no contact has the email (never in a dry run)',
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '={{ $json.first_name }}',
				description: 'First name of a contact created in Mautic',
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '={{ $json.last_name }}',
				description: 'Last name of a contact created in Mautic',
			},
			mauticContactIdOption,
			nowOption,
			{
				displayName: 'Quotation Reference',
				name: 'quoteRef',
				type: 'string',
				default: '',
				placeholder: 'SAL-QTN-2026-00042',
				description:
					'ERPNext Quotation the message is about; the Communication is logged on it and metrics carry it',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'Europe/Berlin',
				description: "Recipient's IANA time zone; wins over the country",
			},
			{
				displayName: 'Unsubscribed',
				name: 'unsubscribed',
				type: 'boolean',
				default: false,
				description:
					'Whether the item says the lead opted out (map it with an expression); nothing is sent then',
			},
		],
	},
];
