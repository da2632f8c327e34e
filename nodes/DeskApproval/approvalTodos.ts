// The approval ToDos of one Quotation in ERPNext: the system of record of a desk approval. A request is
// made once per Quotation (an open ToDo carrying an approval marker is reused), and a decision is taken
// once: the first run that reads the Quotation decided closes the ToDo (Closed when approved, Cancelled
// when rejected) with the ToDo's `modified` as an optimistic lock, so a second run (a duplicated or
// caught-up delivery, another n8n process) finds it closed, or loses the lock, and sends nothing.
import type { ErpNextClient } from '../../connectors/erpnext';
import { readProposal, type Proposal } from '../../core/approvals/deskApproval';

/**
 * The ToDo fields a desk decision request on another record is read from (a lead review, lead/leadTodos.ts;
 * a deal-risk action, deal/dealTasks.ts): its state, lock, author, assignee, record and description.
 */
export const DECISION_TODO_FIELDS = [
	'name',
	'status',
	'modified',
	'modified_by',
	'allocated_to',
	'reference_type',
	'reference_name',
	'description',
];

export interface ApprovalTodo {
	name: string;
	status: string;
	modified: string;
	allocated_to: string | null;
	proposal: Proposal;
}

/** The ToDos on the Quotation that carry a valid approval proposal, newest first. */
export async function approvalTodos(
	client: ErpNextClient,
	quotation: string,
): Promise<ApprovalTodo[]> {
	const rows = await client.listAll('ToDo', {
		fields: ['name', 'status', 'modified', 'allocated_to', 'description'],
		filters: [
			['reference_type', '=', 'Quotation'],
			['reference_name', '=', quotation],
		],
		orderBy: 'creation desc, name desc',
	});
	const todos: ApprovalTodo[] = [];
	for (const row of rows) {
		const proposal = readProposal(row.description);
		if (!proposal || proposal.record !== quotation) continue;
		todos.push({
			name: String(row.name),
			status: String(row.status ?? ''),
			modified: String(row.modified ?? ''),
			allocated_to: typeof row.allocated_to === 'string' ? row.allocated_to : null,
			proposal,
		});
	}
	return todos;
}

/**
 * Assigns `record` of `doctype` to `assignee` through frappe.desk.form.assign_to.add (the desk's own
 * "Assign To"), the ToDo carrying `description`; the new ToDo's name, when the answer names it.
 */
export async function assignForReview(
	client: ErpNextClient,
	doctype: string,
	record: string,
	assignee: string,
	description: string,
	priority: 'High' | 'Medium',
): Promise<string | undefined> {
	const answer = await client.call<Array<{ name?: string; owner?: string }>>(
		'frappe.desk.form.assign_to.add',
		{
			assign_to: JSON.stringify([assignee]),
			doctype,
			name: record,
			description,
			priority,
		},
		'POST',
	);
	return (Array.isArray(answer) ? answer : []).find((t) => t.owner === assignee)?.name;
}
