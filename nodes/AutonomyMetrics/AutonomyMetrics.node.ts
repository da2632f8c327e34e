// Autonomy Metrics: the last step of a lead-to-close workflow, and the bridge from n8n's human-in-the-
// loop nodes to the metrics. "Collect Events" turns the events riding on items (`_ltcEvents`) into
// validated, deduplicated rows for n8n's built-in Postgres node, so the package ships no database
// driver; "Record Human Decision" turns a send-and-wait answer into the `actor: human` event that
// closes the hand-off it answers. A thin adapter over core/metrics (docs/metrics.md).
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { collectRows, passThrough } from './collect';
import { MODES, properties, type Mode } from './description';
import { recordHumanDecisions } from './recordHumanDecision';

const OUTPUTS: `={{${string}}}` =
	('={{ $parameter["mode"] !== "recordHumanDecision" && $parameter["output"] === "rowsAndItems" ? ' +
		'[{"type":"main","displayName":"Rows"},{"type":"main","displayName":"Items"}]' +
		' : [{"type":"main"}] }}') as `={{${string}}}`;

export class AutonomyMetrics implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Autonomy Metrics',
		name: 'autonomyMetrics',
		icon: {
			light: 'file:../../icons/autonomyMetrics.svg',
			dark: 'file:../../icons/autonomyMetrics.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["mode"] === "recordHumanDecision" ? "record human decision" : "collect events" }}',
		description:
			'Collect the pipeline decision events into rows for the Postgres node, or record a human approval as an event',
		defaults: { name: 'Autonomy Metrics' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const mode = this.getNodeParameter('mode', 0, MODES.collect) as Mode;
		if (mode === MODES.recordHumanDecision)
			return await recordHumanDecisions(this, items, new Date());
		const rows = collectRows(this, items);
		return this.getNodeParameter('output', 0, 'rows') === 'rowsAndItems'
			? [rows, passThrough(items)]
			: [rows];
	}
}
