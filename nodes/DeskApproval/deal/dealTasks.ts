// The deal-risk tasks a person decides (ADR 0046): the Deal Monitor's ToDo on an ERPNext Opportunity or
// CRM Task on a Frappe CRM deal, when it carries a deal proposal (core/approvals/dealDecision.ts). One
// place reads a task row as a decision request for both systems: the record it belongs to, how it was
// closed, what the person chose as another action, and whether the workflow already took its decision
// (the decided marker that crm/approvalTasks.ts claimTask appends under the task's `modified`).
import {
	REVIEWED_NEXT_ACTION_FIELD,
	crmTaskClosing,
	readDealProposal,
	todoClosing,
	type DealProposal,
	type TaskClosing,
} from '../../../core/approvals/dealDecision';
import { decidedIn } from '../../../core/approvals/deskApproval';
import { CRM_TASK_OPEN, CRM_TASK_REJECT } from '../../../core/approvals/crmApproval';
import type { SystemOfRecord } from '../../shared/systemOfRecord';

/** Where a deal decision lives in each system of record. */
export const DEAL_TASK_TARGETS = {
	erpnext: {
		task: 'ToDo',
		deal: 'Opportunity',
		referenceType: 'reference_type',
		referenceName: 'reference_name',
		closing: todoClosing,
		/** Another next action: the Opportunity's Reviewed Next Action field. */
		chosen: (_task: Record<string, unknown>, deal: Record<string, unknown>) =>
			deal[REVIEWED_NEXT_ACTION_FIELD],
		/** Check Pending (ADR 0048): a task still waiting, its assignee, the status a default dismissal sets. */
		open: ['Open'],
		assignee: 'allocated_to',
		dismissed: 'Cancelled',
		service: 'erpnext',
		/** The output item's key for the task. */
		taskKey: 'todo',
		howToDecide:
			'Close the ToDo to accept it, write another in Reviewed Next Action and then close the ToDo to choose another, or remove the assignment to dismiss it.',
	},
	frappeCrm: {
		task: 'CRM Task',
		deal: 'CRM Deal',
		referenceType: 'reference_doctype',
		referenceName: 'reference_docname',
		closing: crmTaskClosing,
		/** Another next action: the task's title, as edited in the task modal. */
		chosen: (task: Record<string, unknown>) => task.title,
		open: CRM_TASK_OPEN,
		assignee: 'assigned_to',
		dismissed: CRM_TASK_REJECT,
		service: 'frappe_crm',
		taskKey: 'task',
		howToDecide:
			'Set the task to Done to accept it, change its title to another action and then set it to Done to choose another, or set it to Canceled to dismiss it.',
	},
} as const satisfies Record<SystemOfRecord, unknown>;

export interface DealTask {
	name: string;
	closing: TaskClosing;
	status: string;
	modified: string;
	modified_by: string | null;
	description: string;
	proposal: DealProposal;
	/** The workflow already took this task's decision. */
	decided: boolean;
}

/** The task as a deal decision request of `system`, or undefined when it is none. */
export function asDealTask(
	system: SystemOfRecord,
	row: Record<string, unknown>,
): DealTask | undefined {
	const target = DEAL_TASK_TARGETS[system];
	const description = typeof row.description === 'string' ? row.description : '';
	const proposal = readDealProposal(description);
	if (!proposal) return undefined;
	if (proposal.service !== (system === 'frappeCrm' ? 'frappe_crm' : 'erpnext')) return undefined;
	if (row[target.referenceType] !== target.deal || row[target.referenceName] !== proposal.deal_ref)
		return undefined;
	const name = String(row.name);
	return {
		name,
		closing: target.closing(row.status),
		status: String(row.status ?? ''),
		modified: String(row.modified ?? ''),
		modified_by: typeof row.modified_by === 'string' ? row.modified_by : null,
		description,
		proposal,
		decided: decidedIn(description, name),
	};
}
