// The lead review ToDos of one ERPNext Lead (ADR 0039): the system of record of a lead's desk review.
// One open review per Lead (an open ToDo carrying a lead proposal is reused); a decision is taken once:
// the first run that reads the ToDo closed or cancelled appends a done marker to its description under
// the ToDo's `modified` (Frappe's check_if_latest), so a duplicated or caught-up delivery, or another n8n
// process, finds the marker, or loses the lock, and decides nothing.
import {
	ensureLayoutSection,
	type CustomFieldSpec,
	type ErpNextClient,
} from '../../../connectors/erpnext';
import { ERPNEXT_LEAD, type LeadTarget } from '../../LeadQualifier/erpnextWriteBack';
import {
	REVIEWED_ROUTES,
	REVIEWED_ROUTE_FIELD,
	readLeadProposal,
	type LeadProposal,
} from '../../../core/approvals/leadDecision';
import { decidedIn } from '../../../core/approvals/deskApproval';
import { DECISION_TODO_FIELDS } from '../approvalTodos';

export interface LeadReviewTodo {
	name: string;
	status: string;
	modified: string;
	modified_by: string | null;
	allocated_to: string | null;
	description: string;
	proposal: LeadProposal;
	/** The workflow already took this ToDo's decision (its description carries the done marker). */
	done: boolean;
}

/** The ToDo as a lead review, or undefined when it is none (another ToDo, a quote approval). */
export function asLeadReview(row: Record<string, unknown>): LeadReviewTodo | undefined {
	const proposal = readLeadProposal(row.description);
	if (!proposal) return undefined;
	if (row.reference_type !== 'Lead' || row.reference_name !== proposal.lead_ref) return undefined;
	const description = String(row.description);
	return {
		name: String(row.name),
		status: String(row.status ?? ''),
		modified: String(row.modified ?? ''),
		modified_by: typeof row.modified_by === 'string' ? row.modified_by : null,
		allocated_to: typeof row.allocated_to === 'string' ? row.allocated_to : null,
		description,
		proposal,
		done: decidedIn(description, String(row.name)),
	};
}

/** The lead review ToDos on the Lead, newest first. */
export async function leadReviewTodos(
	client: ErpNextClient,
	lead: string,
): Promise<LeadReviewTodo[]> {
	const rows = await client.listAll('ToDo', {
		fields: DECISION_TODO_FIELDS,
		filters: [
			['reference_type', '=', 'Lead'],
			['reference_name', '=', lead],
		],
		orderBy: 'creation desc, name desc',
	});
	return rows.map((r) => asLeadReview(r)).filter((t): t is LeadReviewTodo => t !== undefined);
}

/** The Lead's "Reviewed Route": what a reviewer sets to choose another route than the AI's. */
export const REVIEWED_ROUTE_FIELDS: CustomFieldSpec[] = [
	{
		fieldname: REVIEWED_ROUTE_FIELD,
		label: 'Reviewed Route',
		fieldtype: 'Select',
		options: `\n${REVIEWED_ROUTES.join('\n')}`,
		insert_after: 'custom_ai_reasons',
		in_standard_filter: true,
		description:
			'To override the AI route of an open AI review: choose a route here, save, then close the review ToDo',
	},
];

const ensuredSites = new Map<string, Promise<unknown>>();

/**
 * Ensures the Reviewed Route field once per site, doctype and process; a failure is not cached. On
 * Frappe CRM (ADR 0047) it goes into the lead page's AI Qualification section, where the side panel
 * saves a Select as soon as it is changed (frappe/crm @ 8b7dfdde SidePanelLayout.vue fieldChange).
 */
export async function ensureReviewedRouteField(
	client: ErpNextClient,
	target: LeadTarget = ERPNEXT_LEAD,
): Promise<void> {
	const key = `${client.baseUrl}\n${target.doctype}`;
	let pending = ensuredSites.get(key);
	if (!pending) {
		const section = target.pageSection;
		const fields = section
			? REVIEWED_ROUTE_FIELDS.map((f) => ({
					...f,
					description:
						"To override the AI route of an open AI review: choose a route here, then set the lead's review task to Done",
				}))
			: REVIEWED_ROUTE_FIELDS;
		pending = client.ensureCustomFields(target.doctype, fields).then(async () => {
			if (!section) return;
			const placed = {
				...section,
				columns: [{ name: section.columns[0]?.name ?? 'column', fields: [REVIEWED_ROUTE_FIELD] }],
			};
			await ensureLayoutSection(client, target.doctype, 'Side Panel', placed);
			await ensureLayoutSection(client, target.doctype, 'Data Fields', placed);
		});
		ensuredSites.set(key, pending);
		pending.catch(() => ensuredSites.delete(key));
	}
	await pending;
}
