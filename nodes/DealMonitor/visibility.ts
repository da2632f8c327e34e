// What the ERPNext user could not see, and what that does to an assessment. Frappe's permission
// filters empty lists silently: e-mail Communications for users without System Manager or Super Email
// User (frappe/frappe v15 frappe/core/doctype/communication/communication.py
// get_permission_query_conditions_for_communication), ToDos not allocated to or assigned by the user
// for users without System Manager (frappe/desk/doctype/todo/todo.py), and private Events of others
// for everyone (frappe/desk/doctype/event/event.py; counted in activityFetch.ts). A signal the core
// derived from such a list ("no activity", "no reply", "single-threaded", "no next step") may be false,
// so it is taken out of the score, named as unknown with the reason, and the deal goes to a human.
import {
	riskLevel,
	riskScore,
	type DealAssessment,
	type RiskConfig,
	type SignalCode,
} from '../../core/dealRisk';

/** The user's view of the activity lists, read once per run. */
export interface ActivityView {
	/** E-mail Communications are filtered out (the user lacks System Manager and Super Email User). */
	emailHidden: boolean;
	/** Only the user's own ToDos come back (the user lacks System Manager). */
	todosHidden: boolean;
	/** Why the roles are unknown, when they could not be read (then both are assumed hidden). */
	rolesUnknown?: string;
}

type Source = 'communications' | 'events' | 'todos';

/** Which activity lists each activity signal is computed from (core/dealRisk/activity.ts). */
const SIGNAL_SOURCES: Partial<Record<SignalCode, Source[]>> = {
	stale: ['communications', 'events', 'todos'],
	last_outbound_unanswered: ['communications'],
	single_threaded: ['communications', 'events'],
	no_next_step: ['events', 'todos'],
};

export interface UnknownSignal {
	signal: SignalCode;
	reason: string;
}

export interface Visibility {
	/** False when a list this deal's assessment depends on may have been emptied by permissions. */
	complete: boolean;
	/** What could not be seen, in words. */
	gaps: string[];
	/** Signals taken out because their evidence may be hidden. */
	unknown: UnknownSignal[];
}

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

/** The gaps of one deal's lists, by source. */
function gapsOf(view: ActivityView, hiddenEvents: readonly string[]): Map<Source, string> {
	const gaps = new Map<Source, string>();
	const why = view.rolesUnknown
		? ` (the user's roles could not be read: ${view.rolesUnknown})`
		: '';
	if (view.emailHidden)
		gaps.set(
			'communications',
			`e-mail Communications are hidden from the ERPNext user, who has neither System Manager nor Super Email User${why}`,
		);
	if (view.todosHidden)
		gaps.set(
			'todos',
			`ToDos not assigned to or by the ERPNext user are hidden (no System Manager role)${why}`,
		);
	if (hiddenEvents.length > 0)
		gaps.set(
			'events',
			`${hiddenEvents.length} Event(s) linked to the deal are private to other users and could not be read (${hiddenEvents.join(', ')})`,
		);
	return gaps;
}

/**
 * The assessment without the signals whose evidence may be hidden, rescored with the core's own
 * score and level, plus what was unknown and why. An assessment that depends on no hidden list comes
 * back unchanged.
 */
export function withVisibility(
	assessment: DealAssessment,
	view: ActivityView,
	hiddenEvents: readonly string[],
	config: RiskConfig,
): { assessment: DealAssessment; visibility: Visibility } {
	const gaps = gapsOf(view, hiddenEvents);
	const unknown: UnknownSignal[] = [];
	const kept = assessment.signals.filter((s) => {
		const missing = (SIGNAL_SOURCES[s.code] ?? []).filter((src) => gaps.has(src));
		if (missing.length === 0) return true;
		unknown.push({
			signal: s.code,
			reason: `"${s.code}" is unknown: ${missing.map((src) => gaps.get(src)).join('; ')}.`,
		});
		return false;
	});
	// "High value at risk" only amplifies other signals; without them it says nothing.
	const signals =
		kept.every((s) => s.code === 'high_value_at_risk') && unknown.length > 0 ? [] : kept;
	const visibility: Visibility = { complete: gaps.size === 0, gaps: [...gaps.values()], unknown };
	if (unknown.length === 0) return { assessment, visibility };
	const codes = new Set(signals.map((s) => s.code));
	const score = riskScore(signals, config);
	return {
		assessment: {
			...assessment,
			riskScore: score,
			level: riskLevel(score, config),
			signals,
			reasons: [
				...signals.map((s) => `${s.severity}: ${s.evidence}`),
				...unknown.map((u) => `unknown: ${u.reason}`),
			],
			nextActions: assessment.nextActions.filter(
				(a) => a.signals.length === 0 || a.signals.some((code) => codes.has(code)),
			),
		},
		visibility,
	};
}
