// "Record Human Decision": turns what a send-and-wait node returns ({ data: { approved, respondedAt } },
// free text, a custom form, or the unchanged input when the wait limit expired) into the event that
// answers a hand-off, with core/metrics' humanDecisionEvent, and attaches it to the item. The answer
// must land in the same decision point as the AI decision that asked for it, so the hand-off event
// (decision `review` or `handoff`) is found first: on the item itself, else on the paired item of the
// nearest earlier node (a send-and-wait answer carries nothing but the answer), or in events given as
// a parameter, or the step and references are set by hand. The hand-off's events are carried onto the
// output item too, so a Collect Events node further on stores the question and the answer together.
// Only a hand-off that one of our nodes made in this execution is answered: a forged one riding in from
// a webhook body must not choose the references of a real human event (security review H1).
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import {
	EVENTS_KEY,
	collectEvents,
	humanDecisionEvent,
	isHandoff,
	mergeEvents,
	type HumanDecisionContext,
	type MetricEvent,
} from '../../core/metrics';
import { madeInThisExecution, noteMadeEvents } from '../shared/madeEvents';
import { dateParameter } from '../shared/clock';
import { runItems } from '../shared/itemRunner';
import { HANDOFF_SOURCES, type HandoffSource } from './description';

interface Handoff {
	event: MetricEvent;
	/** All events of the item that carried the hand-off, to be carried on. */
	events: MetricEvent[];
}

type Made = (event: MetricEvent) => boolean;

/** The newest hand-off (of `step`, or any when '') among `events` that one of our nodes made in this execution. */
export function lastHandoff(
	events: readonly MetricEvent[],
	step: string,
	made: Made,
): MetricEvent | undefined {
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i];
		if (isHandoff(event) && (step === '' || event.step === step) && made(event)) return event;
	}
	return undefined;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** Option "Requested At" as an ISO instant (nodes/shared/clock.ts reads it like every date parameter). */
function instant(ctx: IExecuteFunctions, value: string, itemIndex: number): string {
	return (dateParameter(ctx, value, 'Option "Requested At"', itemIndex) as Date).toISOString();
}

/** Reads the "Hand-Off Events" parameter: an events array, an item json holding one, or their JSON text. */
function eventsFromParameter(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): MetricEvent[] {
	const fail = (message: string) =>
		new NodeOperationError(ctx.getNode(), `Hand-Off Events ${message}`, {
			itemIndex,
			description: 'Point it at the _ltcEvents of the item that asked for the approval.',
		});
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return [];
		try {
			parsed = JSON.parse(value);
		} catch {
			throw fail(`must be an _ltcEvents array, got ${JSON.stringify(value.slice(0, 60))}`);
		}
	}
	if (parsed === undefined || parsed === null) return [];
	if (typeof parsed !== 'object') throw fail(`must be an _ltcEvents array, got ${typeof parsed}`);
	try {
		return Array.isArray(parsed)
			? collectEvents({ [EVENTS_KEY]: parsed })
			: collectEvents(parsed as Record<string, unknown>);
	} catch (error) {
		throw fail(`holds a broken event: ${(error as Error).message}`);
	}
}

/** The events on the item of `nodeName` that this item descends from, or undefined when there is none. */
function pairedEvents(
	ctx: IExecuteFunctions,
	itemIndex: number,
	nodeName: string,
): MetricEvent[] | undefined {
	let json: unknown;
	try {
		const proxy = ctx.getWorkflowDataProxy(itemIndex);
		json = (proxy.$(nodeName) as { item?: { json?: unknown } }).item?.json;
	} catch {
		// That node did not run in this execution, or the item cannot be traced back to it.
		return undefined;
	}
	if (json === null || typeof json !== 'object') return undefined;
	try {
		return collectEvents(json as Record<string, unknown>);
	} catch (error) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The paired item of node "${nodeName}" carries a broken event: ${(error as Error).message}`,
			{ itemIndex },
		);
	}
}

function findHandoff(
	ctx: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	source: HandoffSource,
	step: string,
	ancestors: readonly string[],
	made: Made,
): Handoff {
	const own = collectEvents(item.json);
	if (source === HANDOFF_SOURCES.events) {
		const given = eventsFromParameter(
			ctx,
			ctx.getNodeParameter('handoffEvents', itemIndex, []),
			itemIndex,
		);
		const event = lastHandoff(given, step, made);
		if (!event) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Hand-Off Events holds no hand-off event (decision "review" or "handoff"${step ? ` of step "${step}"` : ''}) made by a Lead-to-Close node in this execution`,
				{
					itemIndex,
					description: `It held ${given.length} event(s). Point it at the _ltcEvents of the item that asked for the approval.`,
				},
			);
		}
		return { event, events: mergeEvents(own, given) };
	}
	const onItem = lastHandoff(own, step, made);
	if (onItem) return { event: onItem, events: own };
	for (const name of ancestors) {
		const events = pairedEvents(ctx, itemIndex, name);
		const event = events && lastHandoff(events, step, made);
		if (events && event) return { event, events: mergeEvents(own, events) };
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`No hand-off event (decision "review" or "handoff"${step ? ` of step "${step}"` : ''}) made in this execution found in the item's _ltcEvents or on the paired items of earlier nodes`,
		{
			itemIndex,
			description:
				'Place this node after the send-and-wait node that answers a hand-off, or set "Hand-Off" to "From Events" or "Define Below".',
		},
	);
}

/** One output item per input item: the input json with the human (or timeout) event attached. */
export async function recordHumanDecisions(
	ctx: IExecuteFunctions,
	items: readonly INodeExecutionData[],
	now: Date,
): Promise<INodeExecutionData[][]> {
	const source = ctx.getNodeParameter('handoff', 0, HANDOFF_SOURCES.auto) as HandoffSource;
	const ancestors =
		source === HANDOFF_SOURCES.auto
			? ctx.getParentNodes(ctx.getNode().name).map((parent) => parent.name)
			: [];
	const workflow = ctx.getWorkflow().name || 'workflow';
	const executionId = ctx.getExecutionId() || 'manual';
	const made = madeInThisExecution(ctx);
	return await runItems(ctx, items.length, { concurrency: 1 }, async (i) => {
		const item = items[i];
		const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
		const requestedAt = text(options.requestedAt);
		const channel = text(options.channel).toLowerCase();
		const context: HumanDecisionContext = {
			now,
			...(requestedAt ? { requestedAt: instant(ctx, requestedAt, i) } : {}),
			...(channel ? { channel } : {}),
		};
		let carried: MetricEvent[];
		if (source === HANDOFF_SOURCES.define) {
			const refs = ctx.getNodeParameter('refs', i, {}) as IDataObject;
			carried = collectEvents(item.json);
			Object.assign(context, {
				workflow,
				execution_id: executionId,
				step: text(ctx.getNodeParameter('step', i, '')),
				lead_ref: text(refs.leadRef) || null,
				deal_ref: text(refs.dealRef) || null,
				quote_ref: text(refs.quoteRef) || null,
			});
		} else {
			const handoff = findHandoff(ctx, item, i, source, text(options.handoffStep), ancestors, made);
			context.handoff = handoff.event;
			carried = handoff.events;
		}
		const event = humanDecisionEvent(item.json, context);
		noteMadeEvents(ctx, [event]);
		return {
			json: { ...item.json, [EVENTS_KEY]: mergeEvents(carried, [event]) } as IDataObject,
			pairedItem: { item: i },
		};
	});
}
