// Reads what a real n8n stored about an execution: its REST API returns the run data in the `flatted`
// format (every object and string moved into one top-level array and referenced by index), which this
// revives; then the items a node put on an output can be read by node name. Used by the metrics
// acceptance test to take the events it checks from the executions themselves, and by the tests that run
// the shipped workflows (loadWorkflow, runFromTrigger).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, type N8nInstance, type WorkflowFixture } from '../../../scripts/n8n-instance.mts';

export interface ShippedWorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}
export interface ShippedWorkflow extends WorkflowFixture {
	nodes: ShippedWorkflowNode[];
}

/** A workflow file of workflows/, as shipped. */
export function loadWorkflow(file: string): ShippedWorkflow {
	return JSON.parse(readFileSync(join(ROOT, 'workflows', file), 'utf8')) as ShippedWorkflow;
}

/** Revives n8n's `flatted` serialisation: strings inside containers are indices into the top-level array. */
export function unflatten(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		const value = table[index];
		if (value === null || typeof value !== 'object') return value;
		const done = revived.get(index);
		if (done !== undefined) return done;
		const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		revived.set(index, copy);
		for (const [key, inner] of Object.entries(value)) {
			(copy as Record<string, unknown>)[key] =
				typeof inner === 'string' ? revive(Number(inner)) : inner;
		}
		return copy;
	};
	return revive(0);
}

export interface ItemJson {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}

interface RunData {
	resultData: {
		error?: { message?: string };
		runData: Record<
			string,
			Array<{ data?: { main?: Array<ItemJson[] | null> }; error?: { message?: string } }>
		>;
	};
	waitTill?: string | null;
}

export interface StoredExecution {
	id: string;
	status: string;
	data: RunData;
	/** Items of a node's output (all runs of the node, in order); [] when it did not run. */
	output(nodeName: string, outputIndex?: number): ItemJson[];
	nodeError(nodeName: string): string | undefined;
}

export async function storedExecution(n8n: N8nInstance, id: string): Promise<StoredExecution> {
	const raw = await n8n.execution(id);
	const data = (typeof raw.data === 'string' ? unflatten(raw.data) : raw.data) as RunData;
	return {
		id,
		status: raw.status,
		data,
		output(nodeName, outputIndex = 0) {
			return (data.resultData.runData[nodeName] ?? []).flatMap(
				(run) => run.data?.main?.[outputIndex] ?? [],
			);
		},
		nodeError(nodeName) {
			return data.resultData.runData[nodeName]?.find((run) => run.error)?.error?.message;
		},
	};
}

/** Polls an execution until it is no longer new, running or waiting; returns it with its run data. */
export async function settledExecution(
	n8n: N8nInstance,
	id: string,
	timeoutMs = 60_000,
): Promise<StoredExecution> {
	const started = Date.now();
	for (;;) {
		const execution = await storedExecution(n8n, id);
		if (!['new', 'running', 'waiting'].includes(execution.status)) return execution;
		if (Date.now() - started > timeoutMs)
			throw new Error(`execution ${id} still ${execution.status} after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Polls until the execution waits (e.g. on a send-and-wait node). */
export async function waitingExecution(
	n8n: N8nInstance,
	id: string,
	timeoutMs = 60_000,
): Promise<StoredExecution> {
	const started = Date.now();
	for (;;) {
		const execution = await storedExecution(n8n, id);
		if (execution.status === 'waiting') return execution;
		if (!['new', 'running'].includes(execution.status))
			throw new Error(
				`execution ${id} ended ${execution.status} instead of waiting: ${execution.data.resultData.error?.message ?? ''}`,
			);
		if (Date.now() - started > timeoutMs)
			throw new Error(`execution ${id} not waiting after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Runs a workflow as the editor's "Execute workflow" button does, from the named trigger, and waits for it. */
export async function runFromTrigger(n8n: N8nInstance, workflowId: string, trigger: string, timeoutMs = 120_000): Promise<StoredExecution> {
	const r = await n8n.rest<{ data: { executionId?: string } }>('POST', `/workflows/${workflowId}/run`, { triggerToStartFrom: { name: trigger } });
	const id = r.body.data?.executionId;
	if (!id) throw new Error(`run ${workflowId}: ${r.status} ${JSON.stringify(r.body)}`);
	return await settledExecution(n8n, id, timeoutMs);
}

/** The execution's error, or the first node whose run failed: the message of a failed status assertion. */
export function executionFailure(execution: StoredExecution): string {
	const { error, runData } = execution.data.resultData;
	return JSON.stringify(error ?? Object.entries(runData).find(([, runs]) => runs.some((r) => r.error)) ?? null).slice(0, 2000);
}
