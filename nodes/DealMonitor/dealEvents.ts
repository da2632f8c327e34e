// The metric events of step `deal_risk` (docs/metrics.md) a deal gives rise to: the decision (its
// most severe signal), a hand-off for review, in propose-only mode the values proposed, Claude's summary (tokens, cost, used or not) and an
// assigned ToDo. Each is stamped with the time the step ran, not the Reference Date, and noted as
// made in this execution.
import type { DealAssessment, DealSnapshot } from '../../core/dealRisk';
import { makeEvent, type MetricEvent, type MetricEventInput } from '../../core/metrics';
import { noteMadeEvents } from '../shared/madeEvents';
import type { DealSummary } from './claudeSummary';
import type { Run } from './run';

/** A metric event of step `deal_risk` for one deal. */
function dealEvent(
	run: Run,
	deal: string,
	fields: Omit<MetricEventInput, 'workflow' | 'execution_id' | 'step'>,
): MetricEvent {
	const event = makeEvent(
		{
			workflow: run.workflow,
			execution_id: run.executionId,
			step: 'deal_risk',
			deal_ref: deal,
			...fields,
		},
		// When the step ran, not the Reference Date (the dashboards chart activity by this time).
		new Date(),
	);
	noteMadeEvents(run.ctx, [event]);
	return event;
}

/** The decision: the deal is at risk, decided by its most severe signal. */
export function decisionEvent(
	run: Run,
	deal: DealSnapshot,
	a: DealAssessment,
	started: number,
): MetricEvent {
	return dealEvent(run, deal.name, {
		actor: 'system',
		decision: a.signals[0].code,
		outcome: a.signals[0].severity,
		lead_ref: deal.opportunity_from === 'Lead' ? deal.party_name : null,
		score: a.riskScore,
		amount: a.deal.amount.minor,
		currency: a.deal.amount.currency,
		duration_ms: Math.max(0, Date.now() - started),
		service: run.erp ? systemService(run) : null,
	});
}

/** A deal sent for review is a hand-off (decision "review"), so it never counts as autonomous. */
export function reviewEvent(
	run: Run,
	deal: string,
	a: DealAssessment,
	started: number,
): MetricEvent {
	return dealEvent(run, deal, {
		actor: 'system',
		decision: 'review',
		outcome: 'activity_unknown',
		score: a.riskScore,
		duration_ms: Math.max(0, Date.now() - started),
		service: systemService(run),
	});
}

/**
 * Propose-only mode (ADR 0046): the deal's values wait in the task just made for its owner. A hand-off
 * in the review vocabulary of the Lead Qualifier (`review` / `proposed`, ADR 0039 and 0040), in the
 * same decision point as the signal's event, so the point is in the review queue until the owner's
 * decision (the human event of Read Deal Decision) answers it, and the signal still counts by severity.
 */
export function proposedEvent(run: Run, deal: DealSnapshot, a: DealAssessment): MetricEvent {
	return dealEvent(run, deal.name, {
		actor: 'system',
		decision: 'review',
		outcome: 'proposed',
		lead_ref: deal.opportunity_from === 'Lead' ? deal.party_name : null,
		score: a.riskScore,
		service: systemService(run),
	});
}

/** The action of summarising: Claude's tokens and cost, and whether its summary was used. */
export function summaryEvent(run: Run, deal: string, summary: DealSummary): MetricEvent {
	return dealEvent(run, deal, {
		actor: 'ai',
		decision: null,
		outcome: summary.source === 'claude' ? 'summarized' : 'summary_rejected',
		service: 'anthropic',
		tokens_in: summary.usage?.input_tokens ?? null,
		tokens_out: summary.usage?.output_tokens ?? null,
		cost_usd: summary.costUsd ?? null,
	});
}

/** The service the deal lives in: `erpnext`, or `frappe_crm` (as Lead Qualifier names it). */
function systemService(run: Run): string {
	return run.system === 'frappeCrm' ? 'frappe_crm' : 'erpnext';
}

/** A ToDo (ERPNext) or CRM Task (Frappe CRM) was assigned for the deal. */
export function todoEvent(run: Run, deal: string): MetricEvent {
	return dealEvent(run, deal, {
		actor: 'system',
		decision: null,
		outcome: 'assigned',
		service: systemService(run),
	});
}
