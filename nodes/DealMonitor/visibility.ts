// The ERPNext user's view of the activity lists, from its roles, and the run's warnings about what
// it hides. Frappe's permission filters empty lists silently: e-mail Communications for users without
// System Manager or Super Email User (frappe/frappe v15 frappe/core/doctype/communication/
// communication.py get_permission_query_conditions_for_communication), ToDos not allocated to or
// assigned by the user for users without System Manager (frappe/desk/doctype/todo/todo.py), and private
// Events of others (frappe/desk/doctype/event/event.py; counted in activityFetch.ts). What such a gap
// does to an assessment is core/dealRisk's withVisibility.
import type { ActivityView } from '../../core/dealRisk';

/** The view from the user's roles (frappe.core.doctype.user.user.get_roles). */
export function viewFromRoles(roles: readonly string[]): ActivityView {
	return {
		emailHidden: !roles.includes('System Manager') && !roles.includes('Super Email User'),
		todosHidden: !roles.includes('System Manager'),
	};
}

/** Run-level warnings: what the user's roles hide and which role would show it. */
export function viewWarnings(view: ActivityView): string[] {
	if (view.rolesUnknown)
		return [
			`The ERPNext user's roles could not be read (${view.rolesUnknown}), so e-mail Communications and other users' ToDos are treated as possibly hidden and activity signals that depend on them are sent for review.`,
		];
	const out: string[] = [];
	if (view.emailHidden)
		out.push(
			'The ERPNext user has neither System Manager nor Super Email User, so ERPNext hides e-mail Communications from it: "stale", "last_outbound_unanswered" and "single_threaded" cannot be decided and such deals are sent for review. Give the user Super Email User to see them.',
		);
	if (view.todosHidden)
		out.push(
			'The ERPNext user has no System Manager role, so ERPNext shows it only the ToDos assigned to or by it: "no_next_step" and "stale" cannot be decided from ToDos and such deals are sent for review.',
		);
	return out;
}
