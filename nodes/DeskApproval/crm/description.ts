// The Desk Approval node's Frappe CRM parameters (docs/decisions/0041): the CRM Deal whose review quote
// becomes a CRM Task, the approver (the deal owner by default), and the CRM Task whose status is read;
// for a lead review (ADR 0047) the CRM Lead and its reviewer (the lead owner by default).
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

const crm = (...operation: string[]) => ({
	show: { operation, systemOfRecord: ['frappeCrm'] },
});

/** The lead review operations as Frappe CRM does them: a CRM Task on the CRM Lead. */
export function crmLeadOperations(erpnext: INodePropertyOptions[]): INodePropertyOptions[] {
	const texts: Record<string, string> = {
		requestLead:
			'Assign a CRM Lead the Lead Qualifier routed to review to a person as a CRM Task on the lead, with the AI score, proposed route and reasons',
		decideLead:
			'Read a lead review CRM Task (Done: the AI route or the Reviewed Route set on the lead; Canceled: dismissed) and record it as a human decision',
	};
	return erpnext.map((o) => ({ ...o, description: texts[String(o.value)] ?? o.description }));
}

export const SYSTEM_OF_RECORD_TEXTS = {
	erpnext:
		'The quote is a draft ERPNext Quotation; its approver gets a ToDo and submits (approve) or cancels / declares it lost (reject)',
	frappeCrm:
		'The quote is on a Frappe CRM deal (the lead a CRM Lead); the reviewer gets a CRM Task on it and sets it to Done (approve) or Canceled (reject)',
	where: 'Where the quote or lead to review lives and the person decides.',
};

export const crmProperties: INodeProperties[] = [
	{
		displayName: 'Deal',
		name: 'crmDeal',
		type: 'string',
		default: '={{ $json.frappe_crm.deal }}',
		required: true,
		description:
			"Name of the CRM Deal whose quote the Quote Generator routed to review, e.g. CRM-DEAL-2026-00042. The quote's lines are read from the input item.",
		displayOptions: crm('request'),
	},
	{
		displayName: 'Approver',
		name: 'crmApprover',
		type: 'string',
		default: '',
		placeholder: 'e.g. sales.manager@example.com',
		description:
			"Frappe CRM user (their login e-mail) who gets the CRM Task. Leave empty for the deal's owner.",
		displayOptions: crm('request'),
	},
	{
		displayName:
			'Setting the CRM Task to Done approves the quote (its lines become the deal products); Canceled rejects it, with the reason the reviewer writes in the task or as a comment on the deal. Put this node after a Frappe Trigger on CRM Task (On Update, Only When Fields Change = status).',
		name: 'crmDecideNotice',
		type: 'notice',
		default: '',
		displayOptions: crm('decide'),
	},
	{
		displayName: 'CRM Task',
		name: 'crmTask',
		type: 'string',
		default: '={{ $json.name }}',
		required: true,
		description:
			'Name of the CRM Task the trigger delivered; the node reads it again from the site',
		displayOptions: crm('decide', 'decideLead'),
	},
	{
		displayName: 'Lead',
		name: 'crmLead',
		type: 'string',
		default: '={{ $json.lead.ref }}',
		required: true,
		description:
			'Name of the CRM Lead the Lead Qualifier routed to review, e.g. CRM-LEAD-2026-00042. The score, route and reasons are read from the input item.',
		displayOptions: crm('requestLead'),
	},
	{
		displayName: 'Reviewer',
		name: 'crmReviewer',
		type: 'string',
		default: '',
		placeholder: 'e.g. sales.manager@example.com',
		description:
			"Frappe CRM user (their login e-mail) who gets the review task. Leave empty for the lead's owner.",
		displayOptions: crm('requestLead'),
	},
	{
		displayName:
			"The reviewer decides on the CRM Task: Done accepts the AI route; choosing Reviewed Route in the lead's AI Qualification panel and then Done overrides it; Canceled dismisses it. Put this node after a Frappe Trigger on CRM Task (On Update, Only When Fields Change = status).",
		name: 'crmDecideLeadNotice',
		type: 'notice',
		default: '',
		displayOptions: crm('decideLead'),
	},
];
