// The decision for one Send item and the channel it goes out on: core/outreach decideOutreach (already
// sent → unsubscribed → channel with do-not-contact and fallback → quiet hours, weekdays, frequency
// cap) on what sendConsent gathered, then the delivery of the chosen consent basis in the Channel's
// preference order. Also the fields every result of the item shares and its decision metric event.
import type { MetricEvent } from '../../../core/metrics';
import { decideOutreach, type OutreachDecision } from '../../../core/outreach';
import { DELIVERY, type Delivery } from './deliveries';
import { event } from './itemOutput';
import type { SendDeps, SendItem } from './sendContext';
import type { Recipient } from './sendConsent';

export interface Decided {
	step: string;
	decision: OutreachDecision;
	/** The delivery that carries the message; undefined when it is skipped. */
	delivery: Delivery | undefined;
	/** The fields every result of this item carries. */
	base: Record<string, unknown>;
	/** The metric event of the item's decision (or of what overruled it: pending, already sent). */
	decisionEvent(outcome: string, service?: string | null, decided?: string): MetricEvent;
}

export function decide(
	deps: SendDeps,
	item: SendItem,
	step: string,
	recipient: Recipient,
): Decided {
	const { req } = item;
	const channels = [...new Set(req.deliveries.map((d) => DELIVERY[d].basis))];
	const decision = decideOutreach(
		{ leadRef: req.leadRef, step, sequence: req.sequence, channels },
		recipient.state,
		req.policy,
		req.now,
	);
	item.notes.push(...decision.notes);
	const delivery =
		decision.decision === 'skip'
			? undefined
			: req.deliveries.find((d) => DELIVERY[d].basis === decision.channel);
	const base = {
		decision: decision.decision,
		dryRun: req.dryRun,
		leadRef: req.leadRef,
		quoteRef: req.quoteRef ?? null,
		step,
		sequence: req.sequence,
		channel: delivery ?? null,
		...(decision.decision === 'skip' && decision.policy === 'already_sent'
			? { alreadySentOn: decision.channel ?? null }
			: {}),
		idempotencyKey:
			decision.decision === 'skip' ? (decision.idempotencyKey ?? null) : decision.idempotencyKey,
		recipient: {
			email: recipient.email ?? null,
			phone: recipient.phone ?? null,
			mauticContactId: recipient.contact?.id ?? null,
			...(decision.decision !== 'skip'
				? {
						timeZone: decision.decision === 'send' ? decision.timeZone : decision.until.timeZone,
						timeZoneSource: decision.timeZoneSource,
					}
				: {}),
			...(decision.decision === 'send' ? { localTime: decision.localTime } : {}),
		},
	};
	const decisionEvent = (
		outcome: string,
		service: string | null = null,
		decided: string = decision.decision,
	) =>
		event(deps.run, {
			step: 'outreach',
			actor: 'system',
			decision: decided,
			outcome,
			lead_ref: req.leadRef,
			quote_ref: req.quoteRef ?? null,
			channel: delivery ? DELIVERY[delivery].metricChannel : null,
			service,
			duration_ms: Date.now() - item.started,
		});
	return { step, decision, delivery, base, decisionEvent };
}
