// How a Send item ends: its result under `outreach` on the input item, its metric events (none in a dry
// run, which is a simulation and never counts in the autonomy numbers) and the output it goes to (the
// hand-off output for a message an n8n node delivers).
import type { MetricEvent } from '../../../core/metrics';
import { resultItem } from './itemOutput';
import type { Outcome, SendItem } from './sendContext';

/** The item's result and events on `output`. */
export function outcome(
	item: SendItem,
	result: object,
	events: MetricEvent[],
	output: 0 | 1 = 0,
): Outcome {
	return {
		output,
		item: resultItem(
			item.input,
			item.req.itemIndex,
			'outreach',
			result,
			item.req.dryRun ? [] : events,
		),
	};
}
