// One CRM Task per approval across n8n processes (ADR 0047). A CRM Task is named by autoincrement
// (frappe/crm @ 8b7dfdde crm/fcrm/doctype/crm_task/crm_task.json "autoname": "autoincrement"), so its
// name cannot be the lock, and "read the deal's tasks, insert when none" lets two runs at the same moment
// both insert. The lock is a unique Custom Field on CRM Task, `custom_ai_approval_key`, holding the
// approval's key (a quote's key on the deal, a lead review's leadReviewTaskKey): Frappe adds a UNIQUE
// index for a unique Custom Field (frappe/frappe frappe/database/mariadb/schema.py MariaDBTable.alter) and
// refuses a second row with UniqueValidationError (417, base_document.py db_insert →
// show_unique_validation_message), inside the insert's transaction, so the loser's task is never made,
// never assigned and notifies nobody (crm_task.py after_insert runs only after a successful insert).
import type { CustomFieldSpec, ErpNextClient } from '../../../connectors/erpnext';
import { isDuplicate } from '../../QuoteGenerator/quotation/existing';
import { CRM_TASK } from './approvalTasks';

export const APPROVAL_KEY_FIELD = 'custom_ai_approval_key';

const TASK_KEY_FIELDS: CustomFieldSpec[] = [
	{
		fieldname: APPROVAL_KEY_FIELD,
		label: 'AI Approval Key',
		fieldtype: 'Data',
		insert_after: 'reference_docname',
		read_only: true,
		hidden: true,
		no_copy: true,
		search_index: true,
		unique: true,
	},
];

const ensuredSites = new Map<string, Promise<unknown>>();

/** Ensures the key field once per site and process; a failure is not cached. */
async function ensureTaskKeyField(client: ErpNextClient): Promise<void> {
	let pending = ensuredSites.get(client.baseUrl);
	if (!pending) {
		pending = client.ensureCustomFields(CRM_TASK, TASK_KEY_FIELDS);
		ensuredSites.set(client.baseUrl, pending);
		pending.catch(() => ensuredSites.delete(client.baseUrl));
	}
	await pending;
}

/**
 * Inserts the approval task carrying `key`, once across processes: the new task's name, or `lost` when
 * another run inserted a task with this key first (the caller reads that one).
 */
export async function insertTaskOnce(
	client: ErpNextClient,
	key: string,
	doc: Record<string, unknown>,
): Promise<{ name: string } | 'lost'> {
	await ensureTaskKeyField(client);
	let failure: unknown;
	try {
		const made = await client.insert(CRM_TASK, { ...doc, [APPROVAL_KEY_FIELD]: key });
		return { name: String(made.name) };
	} catch (error) {
		failure = error;
	}
	if (isDuplicate(failure)) return 'lost';
	throw failure;
}
