// The Desk Approval node's parameters: ask a person in the ERPNext desk (a ToDo on the draft Quotation
// with the AI's reasons and confidence), or read what the person decided on the Quotation.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { systemOfRecordProperty } from '../shared/systemOfRecord';
import { SYSTEM_OF_RECORD_TEXTS, crmLeadOperations, crmProperties } from './crm/description';
import { DEAL_OPERATION, DECIDE_DEAL, dealProperties } from './deal/description';

export const OPERATIONS = {
	request: 'request',
	decide: 'decide',
	pending: 'checkPending',
	// Leads reviewed in the desk (ADR 0039): nodes/DeskApproval/lead/.
	requestLead: 'requestLead',
	decideLead: 'decideLead',
	// Deal-risk actions decided in the desk (ADR 0046): nodes/DeskApproval/deal/.
	decideDeal: DECIDE_DEAL,
} as const;
export type Operation = (typeof OPERATIONS)[keyof typeof OPERATIONS];

/** Outputs of "Read Decision", in order. */
export const DECISION_OUTPUTS = { approved: 0, rejected: 1, none: 2 } as const;

const requestOnly = { show: { operation: [OPERATIONS.request] } };
const pendingOnly = { show: { operation: [OPERATIONS.pending] } };

/** The open requests Check Pending can remind and time out. */
const PENDING_KIND_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Quote Approvals',
		value: 'quote',
		description:
			'Approval ToDos on draft quotations; in Frappe CRM, approval CRM Tasks on deals (Request Approval)',
	},
	{
		name: 'Lead Reviews',
		value: 'lead',
		description:
			'Review ToDos on leads; in Frappe CRM, review CRM Tasks on CRM Leads (Request Lead Review)',
	},
	{
		name: 'Deal Risk Actions',
		value: 'deal',
		description:
			"The Deal Monitor's ToDos on critical opportunities; in Frappe CRM, its CRM Tasks on critical deals (Read Deal Decision)",
	},
];
/** ERPNext's own parameters (Frappe CRM's are in crm/description.ts). */
const erpnextOnly = (operation: string) => ({
	show: { operation: [operation], systemOfRecord: ['erpnext'] },
});
const requestLeadOnly = erpnextOnly(OPERATIONS.requestLead);
const decideLeadOnly = erpnextOnly(OPERATIONS.decideLead);

const QUOTE_OPERATIONS: INodePropertyOptions[] = [
	{
		name: 'Request Approval',
		value: OPERATIONS.request,
		description:
			'Keep the quotation a draft and assign its review to a person as an ERPNext ToDo with the AI reasons and confidence',
		action: 'Request approval in the desk',
	},
	{
		name: 'Read Decision',
		value: OPERATIONS.decide,
		description:
			'Read what the person did with the quotation (submitted: approved; cancelled or declared lost: rejected) and record it as a human decision',
		action: 'Read the decision from the desk',
	},
	{
		name: 'Check Pending',
		value: OPERATIONS.pending,
		description:
			'On a schedule: remind the assignee of an approval that waits too long, then fall back to the default (reject or keep waiting, never send)',
		action: 'Check pending approvals',
	},
];

// Leads reviewed in the desk: ERPNext Leads (ADR 0039) and Frappe CRM leads (ADR 0047, crm/description.ts).
const LEAD_OPERATIONS: INodePropertyOptions[] = [
	{
		name: 'Request Lead Review',
		value: OPERATIONS.requestLead,
		description:
			'Assign a lead the Lead Qualifier routed to review to a person as an ERPNext ToDo on the Lead, with the AI score, proposed route and reasons',
		action: 'Request a lead review in the desk',
	},
	{
		name: 'Read Lead Decision',
		value: OPERATIONS.decideLead,
		description:
			'Read a closed lead review ToDo (closed: the AI route or the Reviewed Route set on the Lead; removed: dismissed) and record it as a human decision',
		action: 'Read a lead decision from the desk',
	},
];

/** The same three quote operations in Frappe CRM, where the request is a CRM Task on the deal. */
const CRM_QUOTE_OPERATIONS: INodePropertyOptions[] = QUOTE_OPERATIONS.map((o) =>
	o.value === OPERATIONS.request
		? {
				...o,
				description:
					'Assign the review of a quote on a CRM Deal to a person as a CRM Task with the AI reasons and confidence',
			}
		: o.value === OPERATIONS.decide
			? {
					...o,
					description:
						'Read what the person did with the CRM Task (Done: approved; Canceled: rejected) and record it as a human decision',
				}
			: o,
);

const operation = (systems: string[], options: INodePropertyOptions[]): INodeProperties => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { systemOfRecord: systems } },
	options,
	default: 'request',
});

export const properties: INodeProperties[] = [
	systemOfRecordProperty(SYSTEM_OF_RECORD_TEXTS),
	operation(['erpnext'], [...QUOTE_OPERATIONS, ...LEAD_OPERATIONS, DEAL_OPERATION]),
	operation(
		['frappeCrm'],
		[...CRM_QUOTE_OPERATIONS, ...crmLeadOperations(LEAD_OPERATIONS), DEAL_OPERATION],
	),
	{
		displayName: 'Quotation',
		name: 'quotation',
		type: 'string',
		default: '={{ $json.erpnext.quotation }}',
		required: true,
		description: 'Name of the draft ERPNext Quotation to review, e.g. SAL-QTN-2026-00042',
		displayOptions: erpnextOnly(OPERATIONS.request),
	},
	{
		displayName: 'Approver',
		name: 'approver',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. sales.manager@example.com',
		description: 'ERPNext user (their login e-mail) who gets the ToDo',
		displayOptions: erpnextOnly(OPERATIONS.request),
	},
	{
		displayName: 'Wait for Lead Review',
		name: 'waitForLeadReview',
		type: 'boolean',
		default: true,
		description:
			'Whether a quote whose lead has an open review ToDo (Request Lead Review) waits on that ToDo instead of getting its own: it is assigned for approval once the reviewer accepts the lead as qualified, and stays an unassigned draft otherwise',
		displayOptions: erpnextOnly(OPERATIONS.request),
	},
	{
		displayName: 'Reasons',
		name: 'reasons',
		type: 'string',
		default: '={{ $json.review_reasons }}',
		description:
			'Why the quote needs a person: a list or one text (the Quote Generator gives review_reasons). Shown escaped on the ToDo.',
		displayOptions: requestOnly,
	},
	{
		displayName: 'Confidence',
		name: 'confidence',
		type: 'string',
		default: '={{ $json.confidence }}',
		description: 'The AI confidence, 0 to 1, shown on the ToDo',
		displayOptions: requestOnly,
	},
	{
		displayName:
			'Submitting the quotation approves it; cancelling it or declaring it lost rejects it (ERPNext offers both only on a submitted quotation, so wait a grace period before this node). Put this node after a Frappe Trigger on Quotation (On Change, Only When Fields Change = status).',
		name: 'decideNotice',
		type: 'notice',
		default: '',
		displayOptions: erpnextOnly(OPERATIONS.decide),
	},
	{
		displayName: 'Quotation',
		name: 'decisionQuotation',
		type: 'string',
		default: '={{ $json.name }}',
		required: true,
		description:
			'Name of the Quotation the trigger delivered; the node reads it again from ERPNext',
		displayOptions: erpnextOnly(OPERATIONS.decide),
	},
	{
		displayName: 'Remind After (Hours)',
		name: 'remindAfterHours',
		type: 'number',
		default: 24,
		typeOptions: { minValue: 0 },
		description:
			'Hours after the request when the assignee is reminded once (a comment on the quotation, deal or lead, and an output item); 0 = never',
		displayOptions: pendingOnly,
	},
	{
		displayName: 'Time Out After (Hours)',
		name: 'timeoutAfterHours',
		type: 'number',
		default: 72,
		typeOptions: { minValue: 0 },
		description: 'Hours after the request when the default below applies; 0 = never',
		displayOptions: pendingOnly,
	},
	// Version 1 checked quote approvals only; the kinds came in 1.1. A saved version-1 node keeps checking
	// what it checked (its default is the quotes alone); a node added now checks all three.
	{
		displayName: 'Requests',
		name: 'pendingKinds',
		type: 'multiOptions',
		options: PENDING_KIND_OPTIONS,
		default: ['quote'],
		description: 'Which open desk requests to remind and time out',
		displayOptions: { show: { ...pendingOnly.show, '@version': [1] } },
	},
	{
		displayName: 'Requests',
		name: 'pendingKinds',
		type: 'multiOptions',
		options: PENDING_KIND_OPTIONS,
		default: ['quote', 'lead', 'deal'],
		description: 'Which open desk requests to remind and time out',
		displayOptions: { show: { ...pendingOnly.show, '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
	{
		displayName: 'On Quote Approval Timeout',
		name: 'onTimeout',
		type: 'options',
		options: [
			{
				name: 'Reject',
				value: 'reject',
				description: 'Cancel the ToDo; the quotation stays a draft and nothing is sent',
			},
			{
				name: 'Keep Waiting',
				value: 'keep',
				description: 'Record the timeout once and leave the ToDo open',
			},
		],
		default: 'reject',
		description: 'What happens to a quote approval nobody decided in time. Never sends the quote.',
		displayOptions: pendingOnly,
	},
	{
		displayName: 'On Lead Review Timeout',
		name: 'onLeadTimeout',
		type: 'options',
		options: [
			{
				name: 'Dismiss',
				value: 'dismiss',
				description:
					'Cancel the review ToDo (in Frappe CRM: set the task to Canceled); nothing is written to the lead and a draft quote waiting on the review stays a draft',
			},
			{
				name: 'Accept the Proposed Route',
				value: 'accept',
				description:
					'Close the review ToDo (in Frappe CRM: set the task to Done) as if the reviewer had: qualified assigns the waiting quote for approval, disqualified ends it; a nurture proposal keeps waiting, since nurture sends e-mails',
			},
			{
				name: 'Keep Waiting',
				value: 'keep',
				description: 'Record the timeout once and leave the review ToDo open',
			},
		],
		default: 'dismiss',
		description: 'What happens to a lead review nobody decided in time. Never sends anything.',
		displayOptions: pendingOnly,
	},
	{
		displayName: 'On Deal Action Timeout',
		name: 'onDealTimeout',
		type: 'options',
		options: [
			{
				name: 'Dismiss',
				value: 'dismiss',
				description:
					"Cancel the ToDo as if the owner had removed it (in Frappe CRM: set the task to Canceled); nothing is written to the deal, and the Deal Monitor's next scan asks again if the deal is still at risk",
			},
			{
				name: 'Keep Waiting',
				value: 'keep',
				description: 'Record the timeout once and leave the ToDo (or CRM Task) open',
			},
		],
		default: 'dismiss',
		description:
			"What happens to a deal-risk action nobody decided in time. Never accepts it on the owner's behalf and never sends anything.",
		displayOptions: pendingOnly,
	},
	{
		displayName: 'Now',
		name: 'now',
		type: 'dateTime',
		default: '',
		description:
			"The time to check at (how long each approval has waited). Empty = the current time. Set it for reproducible tests and dry runs. Without an offset, read in the workflow's time zone.",
		displayOptions: pendingOnly,
	},
	...crmProperties,
	...dealProperties,
	{
		displayName: 'Lead',
		name: 'lead',
		type: 'string',
		default: '={{ $json.lead.ref }}',
		required: true,
		description: 'Name of the ERPNext Lead to review, e.g. CRM-LEAD-2026-00042',
		displayOptions: requestLeadOnly,
	},
	{
		displayName: 'Reviewer',
		name: 'reviewer',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. sales.manager@example.com',
		description: 'ERPNext user (their login e-mail) who gets the review ToDo',
		displayOptions: requestLeadOnly,
	},
	{
		displayName:
			'The reviewer decides on the ToDo: closing it accepts the AI route; setting Reviewed Route on the Lead and then closing it overrides the route; removing the assignment dismisses it. Put this node after an ERPNext Trigger on ToDo (On Change, Only When Fields Change = status).',
		name: 'decideLeadNotice',
		type: 'notice',
		default: '',
		displayOptions: decideLeadOnly,
	},
	{
		displayName: 'ToDo',
		name: 'todo',
		type: 'string',
		default: '={{ $json.name }}',
		required: true,
		description: 'Name of the ToDo the trigger delivered; the node reads it again from ERPNext',
		displayOptions: decideLeadOnly,
	},
];
