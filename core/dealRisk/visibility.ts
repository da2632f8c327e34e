// What the ERPNext user could not see, and what that does to an assessment. Frappe's permission
// filters empty lists silently: e-mail Communications for users without System Manager or Super Email
// User (frappe/frappe v15 frappe/core/doctype/communication/communication.py
// get_permission_query_conditions_for_communication), ToDos not allocated to or assigned by the user
// for users without System Manager (frappe/desk/doctype/todo/todo.py), and private Events of others
// for everyone (frappe/desk/doctype/event/event.py). A signal derived from such a list ("no activity",
// "no reply", "single-threaded", "no next step") may be false, so it is taken out of the score, named
// as unknown with the reason, and the deal goes to a human (riskVerdict's review).
import { riskLevel, riskScore } from './score';
import type { DealAssessment, RiskConfig, SignalCode } from './schemas';

/** The user's view of the activity lists, read once per run. */
export interface ActivityView {
	/** E-mail Communications are filtered out (the user lacks System Manager and Super Email User). */
	emailHidden: boolean;
	/** Only the user's own ToDos come back (the user lacks System Manager). */
	todosHidden: boolean;
	/** Why the roles are unknown, when they could not be read (then both are assumed hidden). */
	rolesUnknown?: string;
}

type ActivityList = 'communications' | 'events' | 'todos';

/** Which activity lists each activity signal is computed from (activity.ts). */
const SIGNAL_SOURCES: Partial<Record<SignalCode, ActivityList[]>> = {
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

/** The gaps of one deal's lists, by list. */
function gapsOf(view: ActivityView, hiddenEvents: readonly string[]): Map<ActivityList, string> {
	const gaps = new Map<ActivityList, string>();
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
