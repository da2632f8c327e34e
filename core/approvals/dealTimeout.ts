// What Check Pending does with a deal-risk action nobody decided in time (ADR 0046, ADR 0048), without
// I/O or clock. The choices are Dismiss (the task is cancelled as if the seller had removed it: nothing
// is written, propose-only values are dropped, and the Deal Monitor's next scan asks again with fresh
// figures while the deal stays at risk) and Keep Waiting (the timeout is recorded once, the task stays
// open). There is no Accept: accepting a next action commits the seller to doing it (a call, a visit)
// and, in propose-only mode, writes a risk snapshot nobody looked at; a default can do neither for them.
import { timeoutDeskEvent, type PendingPolicy } from './deskApproval';
import type { DealProposal } from './dealDecision';
import type { MetricEvent } from '../metrics/event';

export const DEAL_TIMEOUT_FALLBACKS = ['dismiss', 'keep'] as const;
export type DealTimeoutFallback = (typeof DEAL_TIMEOUT_FALLBACKS)[number];

/**
 * The `actor: system` timeout event of a deal-risk action, at the limit, in the assessment's decision
 * point (the Deal Monitor's execution, step `deal_risk`): outcome `dismissed` or `waiting`. Made from
 * the proposal and the policy alone, so two runs make the same event.
 */
export function dealTimeoutEvent(
	proposal: DealProposal,
	policy: PendingPolicy,
	fallback: DealTimeoutFallback,
): MetricEvent {
	return timeoutDeskEvent(
		proposal,
		{ lead_ref: proposal.lead_ref, deal_ref: proposal.deal_ref, quote_ref: null },
		policy,
		fallback === 'dismiss' ? 'dismissed' : 'waiting',
		proposal.service,
	);
}
