// How Outreach results ride on n8n items: the input item's fields are kept (so a deferred item can
// loop back through a Wait node into the same node) and the result goes under one key per resource
// (`outreach`, `draft`, `sequence`, `engagement`); metric events are appended to the `_ltcEvents` the
// item already carried. Continue On Fail items follow n8n's error item shape.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	attachEvents,
	makeEvent,
	type MetricEvent,
	type MetricEventInput,
} from '../../../core/metrics';
import { noteMadeEvents } from '../../shared/madeEvents';
import { toNodeError } from '../../shared/serviceErrors';

export interface RunInfo {
	workflow: string;
	executionId: string;
	/** Where made events are noted so Collect Events accepts them (nodes/shared/madeEvents.ts). */
	ctx?: IExecuteFunctions;
}

export function runInfo(ctx: IExecuteFunctions): RunInfo {
	return {
		workflow: ctx.getWorkflow().name || 'workflow',
		executionId: ctx.getExecutionId() || 'manual',
		ctx,
	};
}

export type EventFields = Omit<MetricEventInput, 'workflow' | 'execution_id'>;

/**
 * A metric event, stamped with the time the step ran (never the "Now" parameter, which only decides
 * quiet hours, caps and deferrals: a reproducible decision time must not move today's activity out of
 * the dashboards' range), or with `at` for an observation Mautic dated (an open, a click).
 */
export function event(run: RunInfo, fields: EventFields, at: Date = new Date()): MetricEvent {
	const made = makeEvent({ workflow: run.workflow, execution_id: run.executionId, ...fields }, at);
	if (run.ctx) noteMadeEvents(run.ctx, [made]);
	return made;
}

/** The input item's json with `result` under `key` and `events` appended to its metric events. */
export function resultItem(
	input: INodeExecutionData,
	itemIndex: number,
	key: string,
	result: object,
	events: MetricEvent[],
): INodeExecutionData {
	const json = attachEvents({ ...input.json, [key]: result as IDataObject }, events);
	return { json: json as unknown as IDataObject, pairedItem: { item: itemIndex } };
}

/**
 * A Continue On Fail item, `{ json: { error }, error, pairedItem }`: n8n's engine replaces the json of
 * any item carrying `error` with `{ error: message }` (and routes it to the error output when that is
 * on), so the message itself names the field, value or service.
 */
export function failedItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	error: unknown,
): { item: INodeExecutionData; nodeError: ReturnType<typeof toNodeError> } {
	const nodeError = toNodeError(ctx.getNode(), error, itemIndex);
	return {
		item: { json: { error: nodeError.message }, error: nodeError, pairedItem: { item: itemIndex } },
		nodeError,
	};
}
