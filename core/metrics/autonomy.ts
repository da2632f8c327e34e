// Autonomy: the share of decisions the pipeline took with no person involved. Defined on *decision
// points*, not raw events, so that an AI decision that asked for approval and the human answer to it
// count once, as one non-autonomous decision:
//   - a decision event is any event with `decision` set (actions, decision = null, never count);
//   - decision events group into a point by (execution_id, step, subject), where the subject is the
//     most specific ref present: quote_ref, else deal_ref, else lead_ref, else none;
//   - a point is autonomous when none of its events is by a human, none hands off (`review`,
//     `handoff`) and at least one of its events succeeded (error is null);
//   - a point belongs to the time range that contains its first decision event (`decided_at`).
// autonomy % = autonomous points ÷ all points × 100, per step and overall; null when there are none.
// The SQL view `ltc_decision_points` (dashboards/schema.sql) implements the same rule; the dashboard
// tests check that both give the same numbers on generated data.
import { isHandoff, toUtcIso, type MetricEvent } from './event';

export interface DecisionPoint {
	execution_id: string;
	step: string;
	subject_ref: string;
	workflow: string;
	decided_at: string;
	decision_events: number;
	human_decided: boolean;
	handed_off: boolean;
	autonomous: boolean;
}

export interface AutonomyCount {
	decisions: number;
	autonomous: number;
	/** autonomous ÷ decisions × 100, or null when no decision was taken. */
	pct: number | null;
}

export interface AutonomyReport {
	overall: AutonomyCount;
	byStep: Array<AutonomyCount & { step: string }>;
}

export function subjectRef(event: MetricEvent): string {
	return event.quote_ref ?? event.deal_ref ?? event.lead_ref ?? '';
}

/** Groups the decision events into decision points (see the module comment). */
export function decisionPoints(events: readonly MetricEvent[]): DecisionPoint[] {
	const points = new Map<string, DecisionPoint & { succeeded: boolean }>();
	for (const event of events) {
		if (event.decision === null) continue;
		const subject = subjectRef(event);
		const key = JSON.stringify([event.execution_id, event.step, subject]);
		const at = toUtcIso(event.occurred_at, 'occurred_at');
		const point = points.get(key) ?? {
			execution_id: event.execution_id,
			step: event.step,
			subject_ref: subject,
			workflow: event.workflow,
			decided_at: at,
			decision_events: 0,
			human_decided: false,
			handed_off: false,
			autonomous: false,
			succeeded: false,
		};
		point.decision_events += 1;
		if (at < point.decided_at) point.decided_at = at;
		if (event.workflow < point.workflow) point.workflow = event.workflow;
		point.human_decided ||= event.actor === 'human';
		point.handed_off ||= isHandoff(event);
		point.succeeded ||= event.error === null;
		points.set(key, point);
	}
	return [...points.values()].map(({ succeeded, ...point }) => ({
		...point,
		autonomous: !point.human_decided && !point.handed_off && succeeded,
	}));
}

function count(points: readonly DecisionPoint[]): AutonomyCount {
	const autonomous = points.filter((point) => point.autonomous).length;
	return {
		decisions: points.length,
		autonomous,
		pct: points.length === 0 ? null : (100 * autonomous) / points.length,
	};
}

/** Autonomy over the decision points whose `decided_at` lies in [from, to] (both inclusive). */
export function autonomy(
	events: readonly MetricEvent[],
	range: { from: string | Date; to: string | Date },
): AutonomyReport {
	const from = toUtcIso(range.from, 'from');
	const to = toUtcIso(range.to, 'to');
	const inRange = decisionPoints(events).filter(
		(point) => point.decided_at >= from && point.decided_at <= to,
	);
	const steps = [...new Set(inRange.map((point) => point.step))].sort();
	return {
		overall: count(inRange),
		byStep: steps.map((step) => ({
			step,
			...count(inRange.filter((point) => point.step === step)),
		})),
	};
}
