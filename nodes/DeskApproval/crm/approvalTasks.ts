// The approval tasks of one CRM Deal in Frappe CRM: the system of record of a Frappe CRM approval
// (docs/decisions/0041). A CRM Task (frappe/crm @ 8b7dfdde crm/fcrm/doctype/crm_task/crm_task.json:
// title, description Text Editor, assigned_to, status Backlog/Todo/In Progress/Done/Canceled,
// reference_doctype/reference_docname) is made once per quote (a task carrying the same quote key is
// reused) and its decision is taken once: the first run that reads it Done or Canceled appends a
// "decided" line to its description with the task's `modified` as an optimistic lock (frappe
// document.py check_if_latest, 417 TimestampMismatchError to the loser); a later run finds the line.
import type { ErpNextClient } from '../../../connectors/erpnext';
import {
	CRM_TASK_OPEN,
	readCrmProposal,
	type CrmProposal,
} from '../../../core/approvals/crmApproval';
import { decidedIn } from '../../../core/approvals/deskApproval';
import { approvalNoticeMarker } from '../../../core/markers';

export const CRM_TASK = 'CRM Task' as const;
export const CRM_DEAL = 'CRM Deal' as const;

export interface ApprovalTask {
	name: string;
	status: string;
	modified: string;
	modified_by: string | null;
	creation: string;
	assigned_to: string | null;
	reference_docname: string;
	description: string;
	proposal: CrmProposal;
	/** The workflow already took this task's decision (its description holds the decided marker). */
	decided: boolean;
}

/** The marker a decided approval task carries in its description. */
export function decidedMarker(task: string): string {
	return approvalNoticeMarker('decided', task);
}

export function isOpenTask(status: string): boolean {
	return (CRM_TASK_OPEN as readonly string[]).includes(status);
}

const FIELDS = [
	'name',
	'status',
	'modified',
	'modified_by',
	'creation',
	'assigned_to',
	'reference_doctype',
	'reference_docname',
	'description',
];

/** A CRM Task row as an approval task, or undefined when it is not one (no valid proposal for its deal). */
export function asApprovalTask(row: Record<string, unknown>): ApprovalTask | undefined {
	const description = typeof row.description === 'string' ? row.description : '';
	const proposal = readCrmProposal(description);
	const deal = String(row.reference_docname ?? '');
	if (!proposal || row.reference_doctype !== CRM_DEAL || proposal.record !== deal) return undefined;
	const name = String(row.name);
	return {
		name,
		status: String(row.status ?? ''),
		modified: String(row.modified ?? ''),
		modified_by: typeof row.modified_by === 'string' ? row.modified_by : null,
		creation: String(row.creation ?? ''),
		assigned_to: typeof row.assigned_to === 'string' ? row.assigned_to : null,
		reference_docname: deal,
		description,
		proposal,
		decided: decidedIn(description, name),
	};
}

/** The CRM Tasks on a record that carry an approval marker (a quote's or a lead review's), newest first. */
export async function markedTaskRows(
	client: ErpNextClient,
	doctype: string,
	name: string,
): Promise<Array<Record<string, unknown>>> {
	return await client.listAll(CRM_TASK, {
		fields: FIELDS,
		filters: [
			['reference_doctype', '=', doctype],
			['reference_docname', '=', name],
			['description', 'like', '%[ltc-approval %'],
		],
		orderBy: 'creation desc, name desc',
	});
}

/** The approval tasks on the deal, newest first. */
export async function approvalTasks(client: ErpNextClient, deal: string): Promise<ApprovalTask[]> {
	const rows = await markedTaskRows(client, CRM_DEAL, deal);
	return rows.map((r) => asApprovalTask(r)).filter((t): t is ApprovalTask => t !== undefined);
}

/**
 * The open CRM Tasks (Backlog, Todo, In Progress) on records of `doctype` that carry an approval marker,
 * site-wide, oldest first: what Check Pending looks after (a quote's on CRM Deals, a lead review's on CRM
 * Leads).
 */
export async function openMarkedTaskRows(
	client: ErpNextClient,
	doctype: string,
): Promise<Array<Record<string, unknown>>> {
	return await client.listAll(CRM_TASK, {
		fields: FIELDS,
		filters: [
			['reference_doctype', '=', doctype],
			['status', 'in', [...CRM_TASK_OPEN]],
			['description', 'like', '%[ltc-approval %'],
		],
		orderBy: 'creation asc, name asc',
	});
}

/** The open approval tasks of the site nobody decided yet, oldest first (Check Pending). */
export async function openApprovalTasks(client: ErpNextClient): Promise<ApprovalTask[]> {
	const rows = await openMarkedTaskRows(client, CRM_DEAL);
	return rows
		.map((r) => asApprovalTask(r))
		.filter((t): t is ApprovalTask => t !== undefined && !t.decided);
}

/**
 * Takes the task's decision: appends the decided line (and, for a timeout, the status) under the
 * task's `modified` as read. Throws Frappe's 417 TimestampMismatchError when anyone saved it since.
 * Also a deal decision's ToDo or CRM Task (ADR 0046, `doctype`).
 */
export async function claimTask(
	client: ErpNextClient,
	task: Pick<ApprovalTask, 'name' | 'description' | 'modified'>,
	line: string,
	status?: string,
	doctype: string = CRM_TASK,
): Promise<void> {
	await client.update(
		doctype,
		task.name,
		{
			description: `${task.description}\n<p>${line} [${decidedMarker(task.name)}]</p>`,
			...(status ? { status } : {}),
		},
		{ modified: task.modified },
	);
}
