// Autonomy metrics: the event model, how events ride on n8n items, how a human answer becomes an
// event, rows for the Postgres node, and the autonomy ratio. Re-exports the pieces so a node imports
// one module. docs/metrics.md describes the model and the dashboards built on it.
export {
	ACTORS,
	HANDOFF_DECISIONS,
	KNOWN_STEPS,
	METRIC_EVENT_FIELDS,
	MetricEventError,
	MetricEventSchema,
	TIMEOUT_DECISION,
	eventId,
	isDecision,
	isHandoff,
	makeEvent,
} from './event';
export type { Actor, MetricEvent, MetricEventInput } from './event';
export { EVENTS_KEY, attachEvents, collectEvents, mergeEvents } from './itemEvents';
export type { WithEvents } from './itemEvents';
export { humanDecisionEvent } from './humanDecision';
export type { HumanDecisionContext, SendAndWaitResult } from './humanDecision';
export { METRIC_EVENT_COLUMNS, toRows } from './rows';
export type { MetricEventColumn, MetricEventRow } from './rows';
export { autonomy, decisionPoints, subjectRef } from './autonomy';
export type { AutonomyCount, AutonomyReport, DecisionPoint } from './autonomy';
