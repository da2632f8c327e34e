// The lead review ToDos of one ERPNext Lead (ADR 0039): the system of record of a lead's desk review.
// One open review per Lead (an open ToDo carrying a lead proposal is reused); a decision is taken once:
// the first run that reads the ToDo closed or cancelled appends a done marker to its description under
// the ToDo's `modified` (Frappe's check_if_latest), so a duplicated or caught-up delivery, or another n8n
// process, finds the marker, or loses the lock, and decides nothing.
import type { CustomFieldSpec, ErpNextClient } from '../../../connectors/erpnext';
import {
	REVIEWED_ROUTES,
	REVIEWED_ROUTE_FIELD,
	readLeadProposal,
	type LeadProposal,
} from '../../../core/approvals/leadDecision';
import { findMarkers } from '../../../core/markers';
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
		done: findMarkers(description, 'approvalNotice').some((m) =>
			m.startsWith('ltc-approval-decided-'),
		),
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

/** Ensures the Reviewed Route field once per site and process; a failure is not cached. */
export async function ensureReviewedRouteField(client: ErpNextClient): Promise<void> {
	let pending = ensuredSites.get(client.baseUrl);
	if (!pending) {
		pending = client.ensureCustomFields('Lead', REVIEWED_ROUTE_FIELDS);
		ensuredSites.set(client.baseUrl, pending);
		pending.catch(() => ensuredSites.delete(client.baseUrl));
	}
	await pending;
}
