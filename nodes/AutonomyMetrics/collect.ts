// "Collect Events": flattens the metric events riding on the incoming items (`_ltcEvents`) into one
// row per distinct event, keyed and deduplicated by `event_id` across the whole batch, with exactly
// the columns of `ltc_events`, so n8n's own Postgres node (Insert, Map Automatically, Skip on Conflict)
// stores them and the package needs no database driver. A row is paired with every item that carried
// its event. An item whose events are broken fails with the path of the bad field
// (`_ltcEvents.2.score`), or with Continue On Fail becomes an error item in place of its rows.
// Only events that one of the package's nodes made in this execution become rows (nodes/shared/
// madeEvents.ts): `_ltcEvents` that came in with outside data (a webhook body) are dropped and counted.
import {
	NodeOperationError,
	type IDataObject,
	type NodeApiError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IPairedItemData,
} from 'n8n-workflow';

import { MetricEventError, collectEvents, toRows, type MetricEvent } from '../../core/metrics';
import { madeInThisExecution } from '../shared/madeEvents';
import { toNodeError } from '../shared/serviceErrors';

interface RowEntry {
	json: IDataObject;
	paired: IPairedItemData[];
}

function eventsError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof MetricEventError) {
		return new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex,
			description:
				'The item carries a metric event that does not fit the event schema (docs/metrics.md). Fix the node that attached it; _ltcEvents is reserved for metric events.',
		});
	}
	return toNodeError(ctx.getNode(), error, itemIndex);
}

/** Tells the user, in the log and under the output, how many events were not made in this execution. */
function reportDropped(ctx: IExecuteFunctions, dropped: number): void {
	if (dropped === 0) return;
	const message = `${dropped} metric event(s) on the incoming items were not made by a Lead-to-Close node in this execution and were not collected (forged, from a webhook body, or from another execution)`;
	ctx.logger.warn(message, { node: ctx.getNode().name });
	ctx.addExecutionHints({ message, location: 'outputPane' });
}

/** Rows (and, with Continue On Fail, error items in place of a broken item's rows), in first-seen order. */
export function collectRows(
	ctx: IExecuteFunctions,
	items: readonly INodeExecutionData[],
): INodeExecutionData[] {
	const acceptAll = ctx.getNodeParameter('acceptEventsMadeElsewhere', 0, false) === true;
	const made = acceptAll ? () => true : madeInThisExecution(ctx);
	const byId = new Map<string, RowEntry>();
	const ordered: Array<{ row: RowEntry } | { failed: INodeExecutionData }> = [];
	let dropped = 0;
	items.forEach((item, i) => {
		let rows: ReturnType<typeof toRows>;
		try {
			const events = collectEvents(item.json);
			const trusted: MetricEvent[] = events.filter(made);
			dropped += events.length - trusted.length;
			rows = toRows(trusted);
		} catch (error) {
			const nodeError = eventsError(ctx, error, i);
			if (!ctx.continueOnFail()) throw nodeError;
			ordered.push({
				failed: { json: { error: nodeError.message }, error: nodeError, pairedItem: { item: i } },
			});
			return;
		}
		for (const row of rows) {
			const seen = byId.get(row.event_id);
			if (seen) {
				if (!seen.paired.some((p) => p.item === i)) seen.paired.push({ item: i });
				continue;
			}
			const entry: RowEntry = { json: row as unknown as IDataObject, paired: [{ item: i }] };
			byId.set(row.event_id, entry);
			ordered.push({ row: entry });
		}
	});
	reportDropped(ctx, dropped);
	return ordered.map((entry) =>
		'row' in entry
			? {
					json: entry.row.json,
					pairedItem: entry.row.paired.length === 1 ? entry.row.paired[0] : entry.row.paired,
				}
			: entry.failed,
	);
}

/** The incoming items, unchanged, each paired with itself. */
export function passThrough(items: readonly INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item, i) => ({ ...item, pairedItem: { item: i } }));
}
