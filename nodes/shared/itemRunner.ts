// The one item loop of every node and operation: bounded concurrency, items of one group in input order,
// per-item error items, `pairedItem`, and placement on the node's outputs. When an item fails and
// Continue On Fail is off, no item starts after it; the items already in flight run to their end (their
// writes land whole: a half-written item is worse than a finished one), then the node throws that
// item's error. With Continue On Fail on, the failing item becomes an error item and every other item
// runs once. docs/conventions.md ("One item runner") states the routing contract.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { mapPool } from './pool';
import { toNodeError } from './serviceErrors';

type NodeError = ReturnType<typeof toNodeError>;

/**
 * The stop shared by every loop of one execution: once an item failed with Continue On Fail off, no
 * loop starts another item. A node whose work runs in stages (Deal Monitor: pages, then deals) passes
 * one Halt to each stage.
 */
export class Halt {
	private failure: { index: number; error: NodeError } | undefined;

	get stopped(): boolean {
		return this.failure !== undefined;
	}

	/** Records a failure; the first in input order among those seen is the one the user is shown. */
	stop(index: number, error: NodeError): void {
		if (this.failure === undefined || index < this.failure.index) this.failure = { index, error };
	}

	/** Throws the recorded failure, if any. */
	throwIfStopped(): void {
		if (this.failure !== undefined) throw this.failure.error;
	}
}

export interface RunEachOptions {
	/** Units (items or groups) in flight at once. */
	concurrency: number;
	/** Item indices that must run one after another, in this order (e.g. one recipient's items); default one group per item. */
	groups?: number[][];
	/** Shared with the node's other loops; default a new one. */
	halt?: Halt;
}

/**
 * Runs `work` for the indices `0..count-1` with the stop rule above. A thrown error is handed to
 * `onError`: with Continue On Fail on it answers that index's result; off, the run halts and, once
 * the items in flight are done, the first failure is thrown. Indices never started stay undefined.
 */
export async function runEach<R>(
	ctx: IExecuteFunctions,
	count: number,
	options: RunEachOptions,
	work: (index: number) => Promise<R>,
	onError: (error: NodeError, index: number) => R,
): Promise<Array<R | undefined>> {
	const continueOnFail = ctx.continueOnFail();
	const halt = options.halt ?? new Halt();
	const results = new Array<R | undefined>(count);
	const groups = options.groups ?? Array.from({ length: count }, (_, i) => [i]);
	await mapPool(groups, options.concurrency, async (indices) => {
		for (const index of indices) {
			if (halt.stopped) return;
			try {
				results[index] = await work(index);
			} catch (error) {
				const nodeError = toNodeError(ctx.getNode(), error, index);
				if (!continueOnFail) {
					halt.stop(index, nodeError);
					return;
				}
				results[index] = onError(nodeError, index);
			}
		}
	});
	halt.throwIfStopped();
	return results;
}

/** What one item produced: items for one output (default the first). */
export interface Placed {
	output?: number;
	items: INodeExecutionData[];
}

export type ItemResult = Placed | INodeExecutionData | INodeExecutionData[];

export interface RunItemsOptions extends RunEachOptions {
	/** Number of outputs the node has; default 1. */
	outputs?: number;
	/** Output that takes error items when Continue On Fail is on; default 0. */
	errorOutput?: number;
	/** Items that failed before the loop (reading their parameters): failures of those items. */
	failed?: ReadonlyMap<number, unknown>;
}

function placed(result: ItemResult): Placed {
	if (Array.isArray(result)) return { items: result };
	if ('items' in result && Array.isArray(result.items)) return result as Placed;
	return { items: [result as INodeExecutionData] };
}

/**
 * Runs `work` for the item indices `0..count-1` and returns the node's outputs, each in input order,
 * every item paired with its input item unless `work` paired it otherwise.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	count: number,
	options: RunItemsOptions,
	work: (index: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[][]> {
	const errorItem = (error: NodeError, index: number): Placed => ({
		output: options.errorOutput ?? 0,
		items: [{ json: { error: error.message }, error, pairedItem: { item: index } }],
	});
	const failed = options.failed ?? new Map<number, unknown>();
	const run = async (index: number): Promise<Placed> => {
		if (failed.has(index)) throw failed.get(index);
		return placed(await work(index));
	};
	// A failed item outside the given groups still gets its error item.
	const grouped = new Set(options.groups?.flat() ?? []);
	const groups = options.groups && [
		...options.groups,
		...[...failed.keys()].filter((i) => !grouped.has(i)).map((i) => [i]),
	];
	const results = await runEach(ctx, count, { ...options, groups }, run, errorItem);

	const outputs: INodeExecutionData[][] = Array.from({ length: options.outputs ?? 1 }, () => []);
	for (const [index, result] of results.entries()) {
		if (!result) continue;
		for (const item of result.items)
			outputs[result.output ?? 0].push(
				item.pairedItem === undefined ? { ...item, pairedItem: { item: index } } : item,
			);
	}
	return outputs;
}
