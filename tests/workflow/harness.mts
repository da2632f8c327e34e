// In-process workflow runner for fast node tests: the real n8n-core `WorkflowExecute` (the engine n8n
// runs) over our node classes, with a small credentials helper. n8n's own NodeTestHarness is not
// published (reference n8n.md §7), so this is our ~100-line equivalent on public exports only.
// Node behaviour (parameters, expressions, pairedItem, Continue On Fail, credentials → HTTP) is tested
// here in milliseconds; tests/n8n/ covers the same nodes inside a real n8n process.
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ICredentials,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

/** Emits the items given in its `items` parameter: stands in for a trigger in tests. */
export class TestStartNode implements INodeType {
	description = {
		displayName: 'Test Start',
		name: 'testStart',
		group: ['trigger'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }] as INodeProperties[],
	} as INodeType['description'];

	async execute(this: import('n8n-workflow').IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}
	getByName(type: string) {
		const t = this.types[type];
		if (!t) throw new Error(`Unknown node type ${type}`);
		return t;
	}
	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}
	getKnownTypes() {
		return {};
	}
}

/** Resolves `={{$credentials.x}}` templates the way n8n's generic `authenticate` does. */
function resolveTemplate(value: string, credentials: ICredentialDataDecryptedObject): string {
	if (!value.startsWith('=')) return value;
	return value.slice(1).replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) => String(credentials[key] ?? ''));
}

class CredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
		private readonly types: Record<string, ICredentialType>,
	) {
		super();
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions) {
		const auth = this.types[typeName]?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const headers = { ...(requestOptions.headers ?? {}) } as Record<string, string>;
		for (const [k, v] of Object.entries(auth.properties.headers ?? {})) headers[k] = resolveTemplate(String(v), credentials);
		const qs = { ...(requestOptions.qs ?? {}) } as IDataObject;
		for (const [k, v] of Object.entries(auth.properties.qs ?? {})) qs[k] = resolveTemplate(String(v), credentials);
		return { ...requestOptions, headers, qs };
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used in tests');
	}
	async getDecrypted(_a: IWorkflowExecuteAdditionalData, _n: unknown, type: string) {
		const d = this.data[type];
		if (!d) throw new Error(`No test credentials of type ${type}`);
		return d;
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties(type: string) {
		return this.types[type]?.properties ?? [];
	}
}

export interface RunOptions {
	/** Node types by the type name used in `nodes`, e.g. `{ 'n8n-nodes-lead-to-close.leadQualifier': new LeadQualifier() }`. */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	nodes: INode[];
	connections: Workflow['connectionsBySourceNode'];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
}

export interface RunResult {
	run: IRun;
	/** Output items of a node, by output index (first run). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	error(nodeName: string): Error | undefined;
}

/** Runs a workflow in-process from its start node, returning the run data. */
export async function runWorkflow(opts: RunOptions): Promise<RunResult> {
	const nodeTypes = new NodeTypes({ 'test.start': new TestStartNode(), ...opts.nodeTypes });
	const credTypes = Object.fromEntries((opts.credentialTypes ?? []).map((c) => [c.name, c]));
	// Wire the test credentials into every node whose type declares that credential type.
	for (const n of opts.nodes) {
		const declared = nodeTypes.getByNameAndVersion(n.type, n.typeVersion).description.credentials ?? [];
		for (const c of declared) if (opts.credentials?.[c.name] && !n.credentials?.[c.name]) n.credentials = { ...(n.credentials ?? {}), [c.name]: { id: c.name, name: c.name } };
	}
	const workflow = new Workflow({ id: 'test', nodes: opts.nodes, connections: opts.connections, nodeTypes, active: false, settings: {} });
	const hooks = new ExecutionLifecycleHooks('manual', 'test-exec', { id: 'test', name: 'test', nodes: opts.nodes, connections: opts.connections, active: false, settings: {}, createdAt: new Date(), updatedAt: new Date(), isArchived: false, activeVersionId: null } as never);
	let finished!: (r: IRun) => void;
	const done = new Promise<IRun>((r) => (finished = r));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));
	const known: Partial<IWorkflowExecuteAdditionalData> = {
		hooks,
		credentialsHelper: new CredentialsHelper(opts.credentials ?? {}, credTypes),
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		variables: {},
		executionId: 'test-exec',
	};
	// Anything else the engine asks of additionalData is an optional service we do not run: undefined.
	const additionalData = new Proxy(known, { get: (t, k) => (t as Record<string | symbol, unknown>)[k] }) as IWorkflowExecuteAdditionalData;
	// The first node is the start node (a TestStart node emitting the test's items).
	const start = workflow.getNode(opts.nodes[0].name);
	if (!start) throw new Error('workflow has no nodes');
	const runExecutionData: IRunExecutionData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;
	const exec = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await exec.processRunExecutionData(workflow);
	const run = await done;
	return {
		run,
		output(nodeName, outputIndex = 0) {
			const task = run.data.resultData.runData[nodeName]?.[0];
			if (!task) throw new Error(`node ${nodeName} did not run; error: ${run.data.resultData.error?.message}`);
			if (task.error) throw task.error;
			return task.data?.main?.[outputIndex] ?? [];
		},
		error(nodeName) {
			return run.data.resultData.runData[nodeName]?.[0]?.error as Error | undefined;
		},
	};
}

/** A node entry for `runWorkflow`, positioned automatically. */
export function node(name: string, type: string, parameters: INode['parameters'] = {}, extra: Partial<INode> = {}): INode {
	return { id: name, name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

/** Linear connections: a → b → c on output 0. */
export function chain(...names: string[]): RunOptions['connections'] {
	const c: RunOptions['connections'] = {};
	for (let i = 0; i < names.length - 1; i++) c[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return c;
}
