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
	},
	frappeCrm: {
		task: 'CRM Task',
		deal: 'CRM Deal',
		referenceType: 'reference_doctype',
		referenceName: 'reference_docname',
		closing: crmTaskClosing,
		/** Another next action: the task's title, as edited in the task modal. */
		chosen: (task: Record<string, unknown>) => task.title,
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
