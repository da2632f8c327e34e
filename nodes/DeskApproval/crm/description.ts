// The Desk Approval node's Frappe CRM parameters (docs/decisions/0041): the CRM Deal whose review quote
// becomes a CRM Task, the approver (the deal owner by default), and the CRM Task whose status is read.
import type { INodeProperties } from 'n8n-workflow';

const crm = (operation: string) => ({
	show: { operation: [operation], systemOfRecord: ['frappeCrm'] },
});

export const SYSTEM_OF_RECORD_TEXTS = {
	erpnext:
		'The quote is a draft ERPNext Quotation; its approver gets a ToDo and submits (approve) or cancels / declares it lost (reject)',
	frappeCrm:
		'The quote is on a Frappe CRM deal; its approver gets a CRM Task on the deal and sets it to Done (approve) or Canceled (reject)',
	where: 'Where the quote to review lives and the person decides.',
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
		displayOptions: crm('decide'),
	},
];
