// The Desk Approval node's deal-risk parameters (ADR 0046): the "Read Deal Decision" operation, on ERPNext
// (a ToDo on the Opportunity) and Frappe CRM (a CRM Task on the CRM Deal). The request is the Deal
// Monitor's own task for the deal, so there is no request operation here.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const DECIDE_DEAL = 'decideDeal' as const;

export const DEAL_OPERATION: INodePropertyOptions = {
	name: 'Read Deal Decision',
	value: DECIDE_DEAL,
	description:
		"Read a closed deal-risk task of the Deal Monitor (closed: the AI's next action, or the one the person chose instead; dismissed: nothing) and record it as a human decision",
	action: 'Read a deal decision from the desk',
};

const dealOnly = (system: string) => ({
	show: { operation: [DECIDE_DEAL], systemOfRecord: [system] },
});

export const dealProperties: INodeProperties[] = [
	{
		displayName:
			"The owner decides on the Deal Monitor's ToDo: closing it accepts the AI next action; writing another one in Reviewed Next Action on the Opportunity and then closing it overrides it; removing the assignment dismisses it. Put this node after a Frappe Trigger on ToDo (On Change, Only When Fields Change = status).",
		name: 'decideDealNotice',
		type: 'notice',
		default: '',
		displayOptions: dealOnly('erpnext'),
	},
	{
		displayName:
			"The owner decides on the Deal Monitor's CRM Task: Done accepts the AI next action; changing the task title to another action and then setting it to Done overrides it; Canceled dismisses it. Put this node after a Frappe Trigger on CRM Task (On Update, Only When Fields Change = status).",
		name: 'decideDealCrmNotice',
		type: 'notice',
		default: '',
		displayOptions: dealOnly('frappeCrm'),
	},
	{
		displayName: 'Task',
		name: 'dealTask',
		type: 'string',
		default: '={{ $json.name }}',
		required: true,
		description:
			'Name of the ToDo (ERPNext) or CRM Task (Frappe CRM) the trigger delivered; the node reads it again from the site',
		displayOptions: { show: { operation: [DECIDE_DEAL] } },
	},
];
