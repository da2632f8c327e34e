// Runners for the reliability suite: each finished node in the in-process n8n engine
// (tests/workflow/harness.mts) with the package's credential types, plus two seams that change no
// shipped code: `capTimeouts` lowers the per-request timeout a node hands to n8n's HTTP helper (so a
// hanging server costs a fraction of a second instead of the 30 s default, and the transport's own
// timeout path still runs), and `errorText` flattens an error item the way a user would read it.
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import { LeadToCloseAnthropicApi } from '../../../credentials/LeadToCloseAnthropicApi.credentials';
import { LeadToCloseErpNextApi } from '../../../credentials/LeadToCloseErpNextApi.credentials';
import { LeadToCloseInvenTreeApi } from '../../../credentials/LeadToCloseInvenTreeApi.credentials';
import { LeadToCloseMauticApi } from '../../../credentials/LeadToCloseMauticApi.credentials';
import { AutonomyMetrics } from '../../../nodes/AutonomyMetrics/AutonomyMetrics.node';
import { DealMonitor } from '../../../nodes/DealMonitor/DealMonitor.node';
import { Inventree } from '../../../nodes/InvenTree/Inventree.node';
import { LeadQualifier } from '../../../nodes/LeadQualifier/LeadQualifier.node';
import { Outreach } from '../../../nodes/Outreach/Outreach.node';
import { QuoteGenerator } from '../../../nodes/QuoteGenerator/QuoteGenerator.node';
import { chain, node, runWorkflow, type RunResult } from '../../workflow/harness.mts';

export const TYPES = {
	leadQualifier: 'n8n-nodes-lead-to-close.leadQualifier',
	quoteGenerator: 'n8n-nodes-lead-to-close.quoteGenerator',
	autonomyMetrics: 'n8n-nodes-lead-to-close.autonomyMetrics',
	outreach: 'n8n-nodes-lead-to-close.outreach',
	inventree: 'n8n-nodes-lead-to-close.inventree',
	dealMonitor: 'n8n-nodes-lead-to-close.dealMonitor',
} as const;

export type NodeKey = keyof typeof TYPES;

const FACTORIES: Record<NodeKey, () => INodeType> = {
	leadQualifier: () => new LeadQualifier(),
	quoteGenerator: () => new QuoteGenerator(),
	autonomyMetrics: () => new AutonomyMetrics(),
	outreach: () => new Outreach(),
	inventree: () => new Inventree(),
	dealMonitor: () => new DealMonitor(),
};

/**
 * The node with every request's timeout capped at `capMs`. The node, its connectors and the transport
 * run unchanged; only the `timeout` option reaching n8n's `httpRequestWithAuthentication` is lowered.
 */
export function capTimeouts(type: INodeType, capMs: number): INodeType {
	const execute = type.execute!;
	const wrapped = Object.create(type) as INodeType;
	wrapped.execute = async function (this: IExecuteFunctions) {
		const ctx = this;
		const helpers = new Proxy(ctx.helpers, {
			get(target, key) {
				if (key === 'httpRequestWithAuthentication') {
					return async (credentialType: string, options: IHttpRequestOptions, ...rest: unknown[]) =>
						await (
							target.httpRequestWithAuthentication as (...a: unknown[]) => Promise<unknown>
						).call(
							ctx,
							credentialType,
							{ ...options, timeout: Math.min(options.timeout ?? capMs, capMs) },
							...rest,
						);
				}
				return Reflect.get(target, key, target);
			},
		});
		const proxied = new Proxy(ctx, {
			get(target, key) {
				if (key === 'helpers') return helpers;
				const value = Reflect.get(target, key, target);
				return typeof value === 'function' ? value.bind(target) : value;
			},
		});
		return await execute.call(proxied);
	} as INodeType['execute'];
	return wrapped;
}

export interface RunNodeOptions {
	key: NodeKey;
	items: unknown[];
	params: INode['parameters'];
	credentials?: Record<string, IDataObject>;
	continueOnFail?: boolean;
	/** Cap for every request's timeout (ms); see capTimeouts. */
	timeoutCapMs?: number;
	name?: string;
}

/** Start(items) → the node, in the in-process engine. The node is named after its display name. */
export async function runNode(opts: RunNodeOptions): Promise<RunResult & { nodeName: string }> {
	const name = opts.name ?? 'Node';
	const instance = FACTORIES[opts.key]();
	const type =
		opts.timeoutCapMs === undefined ? instance : capTimeouts(instance, opts.timeoutCapMs);
	const result = await runWorkflow({
		nodeTypes: { [TYPES[opts.key]]: type },
		credentialTypes: [
			new LeadToCloseErpNextApi(),
			new LeadToCloseAnthropicApi(),
			new LeadToCloseInvenTreeApi(),
			new LeadToCloseMauticApi(),
		],
		credentials: opts.credentials as never,
		nodes: [
			node('Start', 'test.start', { items: JSON.stringify(opts.items) }),
			node(
				name,
				TYPES[opts.key],
				opts.params,
				opts.continueOnFail ? { onError: 'continueRegularOutput' } : {},
			),
		],
		connections: chain('Start', name),
	});
	return Object.assign(result, { nodeName: name });
}

/** All output items of the node across its outputs (per-route nodes have several). */
export function allOutputs(result: RunResult, nodeName: string): INodeExecutionData[] {
	const task = result.run.data.resultData.runData[nodeName]?.[0];
	if (!task)
		throw new Error(`node ${nodeName} did not run: ${result.run.data.resultData.error?.message}`);
	if (task.error) throw task.error;
	return (task.data?.main ?? []).flatMap((items) => items ?? []);
}

/** What a user reads of an error item: message and description. */
export function errorText(item: INodeExecutionData): string {
	const err = item.error as (Error & { description?: string }) | undefined;
	return [item.json.error, err?.message, err?.description]
		.filter((s) => typeof s === 'string' && s !== '')
		.join('\n');
}

export function pairedIndex(item: INodeExecutionData): number {
	const p = item.pairedItem;
	if (Array.isArray(p)) return p[0]?.item ?? -1;
	if (typeof p === 'number') return p;
	return p?.item ?? -1;
}
