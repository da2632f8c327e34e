// Which metric events the package's own nodes made in this execution. Anything can put `_ltcEvents` on
// an item (a webhook body, a Code node, a Set node), so the events on an item prove nothing about who
// made them; Collect Events stores an event only when one of our nodes noted it here while making it
// (security review H1; ADR "metric events made in this execution"). The note is the event's id, kept in n8n's flow context: the
// execution's `contextData`, which lives beside the items (never inside one), is saved with the
// execution across Wait and send-and-wait pauses and queue-mode hand-overs, and is copied when the
// execution is retried. Nothing a caller posts can write it.
import type { IExecuteFunctions } from 'n8n-workflow';

import { eventId, type MetricEvent } from '../../core/metrics';

/** The flow-context key; an object `{ [eventId]: 1 }` (JSON, as n8n stores the context). */
const LEDGER_KEY = 'ltcMadeEvents';

type Ledger = Record<string, 1>;

function ledger(ctx: IExecuteFunctions): Ledger {
	let flow: Record<string, unknown>;
	try {
		flow = ctx.getContext('flow');
	} catch {
		// No execution data to keep it in (n8n throws when `executionData` is not initialised): nothing
		// noted here is ever accepted, which fails closed.
		return {};
	}
	const current: unknown = flow[LEDGER_KEY];
	if (current !== null && typeof current === 'object' && !Array.isArray(current))
		return current as Ledger;
	const fresh: Ledger = {};
	flow[LEDGER_KEY] = fresh;
	return fresh;
}

/** Notes events this node just made, so Collect Events of this execution accepts them. Returns them. */
export function noteMadeEvents<T extends readonly MetricEvent[]>(
	ctx: IExecuteFunctions,
	events: T,
): T {
	if (events.length === 0) return events;
	const made = ledger(ctx);
	for (const event of events) made[eventId(event)] = 1;
	return events;
}

/** Whether one of the package's nodes made this event in this execution. */
export function madeInThisExecution(ctx: IExecuteFunctions): (event: MetricEvent) => boolean {
	const made = ledger(ctx);
	return (event) => made[eventId(event)] === 1;
}
