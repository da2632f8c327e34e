// ERPNext Trigger: starts a workflow when ERPNext creates, saves, submits, cancels or deletes a
// document. A thin adapter: on activation it registers signed Frappe Webhooks pointing at its own
// production URL (registration.ts, webhookDoc.ts), on deactivation it disables and deletes them, and
// for each delivery it answers 413/401/400 itself — starting no execution — unless the body is within
// the size limit, signed with its secret over the exact bytes, well formed, not a repeat of a version
// already received and (optionally) changes a watched field (deliveryGate.ts). Its execute() runs as
// the first step of each execution it starts and passes the item on after recording the delivery in
// static data, where n8n 2.41 persists it (triggerState.ts explains why the webhook call cannot).
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeExecutionData,
	type IPollFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { ErpNextClient } from '../../connectors/erpnext';
import { n8nAdapter } from '../../connectors/http';
import { toNodeError } from '../shared/serviceErrors';
import { newestDocument, pollMissedChanges } from './catchUpPoll';
import { PayloadSchema, checkRequest, decideDelivery, mergeMemory, recordDelivery, type DeliveryVerdict, type Payload } from './deliveryGate';
import { DEFAULT_MAX_BODY_KB, OTHER_DOCTYPE, properties } from './description';
import { registerWebhooks, registrationIsCurrent, removeWebhooks, webhooksAt } from './registration';
import { SIGNATURE_HEADER, generateSecret } from './signature';
import { keep, memoryFromState, nodeScope, readState, recall, stateFromMemory, writeState } from './triggerState';
import { configFingerprint, isDocEvent, parseFieldList, validateConfig, type TriggerConfig } from './webhookDoc';

const CREDENTIAL = 'leadToCloseErpNextApi';

type ParameterContext = IHookFunctions | IWebhookFunctions | IPollFunctions;

function readConfig(ctx: ParameterContext): TriggerConfig {
	const choice = ctx.getNodeParameter('doctype', 'Lead') as string;
	const doctype = (choice === OTHER_DOCTYPE ? (ctx.getNodeParameter('customDoctype', '') as string) : choice).trim();
	const rawEvents = ctx.getNodeParameter('events', []) as unknown;
	const events = (Array.isArray(rawEvents) ? rawEvents : []).filter(isDocEvent);
	const fields = parseFieldList(String(ctx.getNodeParameter('fields', '') ?? ''));
	const watch = parseFieldList(String(ctx.getNodeParameter('onlyWhenChanged', '') ?? ''));
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const maxBodyKb = typeof options.maxBodyKb === 'number' ? options.maxBodyKb : DEFAULT_MAX_BODY_KB;
	const config: TriggerConfig = {
		doctype,
		events: [...new Set(events)],
		fields: fields.fields,
		watch: watch.fields === 'all' ? [] : watch.fields,
		condition: typeof options.condition === 'string' ? options.condition : '',
		dedupe: options.dedupe !== false,
		maxBodyBytes: Math.round(maxBodyKb * 1024),
	};
	const problems = validateConfig(config);
	if (fields.invalid.length) problems.push({ field: 'Fields to Send', message: `not fieldnames: ${fields.invalid.join(', ')}` });
	if (watch.invalid.length || watch.fields === 'all') {
		problems.push({ field: 'Only When Fields Change', message: `list fieldnames, not ${[...watch.invalid, ...(watch.fields === 'all' ? ['*'] : [])].join(', ')}` });
	}
	if (problems.length) {
		throw new NodeOperationError(ctx.getNode(), `Invalid ERPNext Trigger settings: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
	}
	return config;
}

function productionUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no webhook URL for this node');
	return url;
}

async function erpClient(ctx: IHookFunctions | IPollFunctions, webhookSecrets: string[]): Promise<ErpNextClient> {
	const creds = await ctx.getCredentials<{ baseUrl: string; apiKey: string; apiSecret: string }>(CREDENTIAL);
	return new ErpNextClient({
		baseUrl: creds.baseUrl,
		adapter: n8nAdapter(ctx, CREDENTIAL),
		// The webhook secret travels in the Webhook body: no error may echo it either.
		secrets: [creds.apiKey, creds.apiSecret, ...webhookSecrets.filter(Boolean)],
	});
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The item a delivery starts the workflow with, the same for a webhook and the catch-up poll. */
function deliveryItem(payload: Payload, verdict: Extract<DeliveryVerdict, { kind: 'accept' }>): IDataObject {
	return {
		...(payload.doc as IDataObject),
		doctype: payload.doctype,
		name: payload.name,
		modified: payload.modified,
		event: payload.event,
		...(verdict.changedFields ? { changed_fields: verdict.changedFields } : {}),
	};
}

export class ErpNextTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ERPNext Trigger',
		name: 'erpNextTrigger',
		icon: { light: 'file:../../icons/erpnext.svg', dark: 'file:../../icons/erpnext.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["doctype"] === "__other" ? $parameter["customDoctype"] : $parameter["doctype"]) + ": " + $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when ERPNext creates, saves, submits or deletes a document, through signed webhooks it registers itself',
		defaults: { name: 'ERPNext Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		// An empty responseData makes n8n answer with the webhookResponse below instead of its default text.
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' }],
		// n8n adds "Poll Times" and calls poll() on that schedule (and once on activation): the catch-up.
		polling: true,
		properties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const config = readConfig(this);
				const url = productionUrl(this);
				const state = readState(this.getWorkflowStaticData('node'));
				if (!state.secret || state.webhookNames.length === 0) return false;
				try {
					const client = await erpClient(this, [state.secret]);
					const rows = await webhooksAt(client, url);
					return registrationIsCurrent(rows, state, config, url, configFingerprint(config, url));
				} catch (error) {
					throw toNodeError(this.getNode(), error, 0);
				}
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const config = readConfig(this);
				const url = productionUrl(this);
				const staticData = this.getWorkflowStaticData('node');
				const state = readState(staticData);
				// Kept for the life of the node, not rotated per activation: an execution that outlives a
				// deactivate/activate saves the static data it loaded, and must not bring back a dead secret.
				const secret = state.secret || generateSecret();
				try {
					const client = await erpClient(this, [secret, state.secret]);
					// Ours from static data plus any orphan pointing at this URL (crash, lost static data).
					const existing = await webhooksAt(client, url);
					const stale = [...new Set([...state.webhookNames, ...existing.map((r) => r.name)])];
					const removal = await removeWebhooks(client, stale);
					if (removal.error !== undefined) {
						writeState(staticData, { webhookNames: removal.left });
						throw removal.error;
					}
					writeState(staticData, { webhookNames: [], webhookUrl: '', fingerprint: '' });
					const names = await registerWebhooks(client, config, url, secret);
					writeState(staticData, { webhookNames: names, secret, webhookUrl: url, fingerprint: configFingerprint(config, url) });
				} catch (error) {
					throw toNodeError(this.getNode(), error, 0);
				}
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const state = readState(staticData);
				const url = state.webhookUrl || productionUrl(this);
				try {
					const client = await erpClient(this, [state.secret]);
					const existing = await webhooksAt(client, url);
					const targets = [...new Set([...state.webhookNames, ...existing.map((r) => r.name)])];
					const removal = await removeWebhooks(client, targets);
					if (removal.error !== undefined) {
						writeState(staticData, { webhookNames: removal.left });
						this.logger.error(`ERPNext Trigger: could not remove Webhook ${removal.left[0]} from ERPNext: ${errorMessage(removal.error)}`);
						return false;
					}
				} catch (error) {
					this.logger.error(`ERPNext Trigger: could not remove its Webhooks from ERPNext: ${errorMessage(error)}`);
					return false;
				}
				// The secret and the memory of received versions stay: replays remain refused after re-activation.
				writeState(staticData, { webhookNames: [], webhookUrl: '', fingerprint: '' });
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const answer = (status: number, body: IDataObject): IWebhookResponseData => {
			res.status(status).json(body);
			return { noWebhookResponse: true };
		};
		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData);
		if (!state.secret) return answer(401, { message: 'This trigger has no ERPNext webhook registered' });
		let config: TriggerConfig;
		try {
			config = readConfig(this);
		} catch (error) {
			// Thrown here, n8n would record a failed execution for a request nobody verified.
			this.logger.error(`ERPNext Trigger: ${errorMessage(error)}`);
			return answer(500, { message: 'The ERPNext Trigger is misconfigured' });
		}
		// n8n reads the body before calling the node; the reader is there for content types it skips.
		if (req.rawBody === undefined && typeof req.readRawBody === 'function') await req.readRawBody();
		const checked = checkRequest({
			body: req.rawBody,
			signature: this.getHeaderData()[SIGNATURE_HEADER],
			secret: state.secret,
			maxBodyBytes: config.maxBodyBytes,
		});
		if (!checked.ok) {
			this.logger.warn(`ERPNext Trigger refused a delivery (${checked.status}): ${checked.message}`);
			return answer(checked.status, { message: checked.message });
		}
		const payload = checked.payload;
		const scope = nodeScope(this.getWorkflow().id, this.getNode().id);
		const memory = memoryFromState(state);
		// From here to keep() nothing awaits, so racing deliveries are decided one after the other.
		const known = recall(scope);
		if (known) mergeMemory(memory, known);
		const verdict = decideDelivery(payload, config, memory);
		keep(scope, memory);
		// Saved by n8n only when no execution starts (ignored deliveries); execute() records the others.
		writeState(staticData, stateFromMemory(memory));
		if (verdict.kind === 'ignore') return answer(200, { status: 'ignored', reason: verdict.reason, message: verdict.message });
		const json = deliveryItem(payload, verdict);
		return { workflowData: [[{ json }]], webhookResponse: { status: 'accepted', doctype: payload.doctype, name: payload.name, event: payload.event } };
	}

	/**
	 * Catch-up (Poll Times): lists the doctype by `modified` since the newest change seen and starts one
	 * execution per missed document version, through the webhook's own gate, so a version already
	 * delivered by a webhook is refused and a late webhook of a caught-up version too (catchUpPoll.ts).
	 * n8n also runs it once on activation, which catches up what changed while n8n was down.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const config = readConfig(this);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData);
		let client: ErpNextClient;
		try {
			client = await erpClient(this, [state.secret]);
		} catch (error) {
			throw toNodeError(this.getNode(), error, 0);
		}
		if (this.getMode() === 'manual') {
			// The editor's "fetch test event": the newest document, nothing recorded.
			const sample = await newestDocument(client, config).catch((error: unknown) => {
				throw toNodeError(this.getNode(), error, 0);
			});
			return sample ? [[{ json: deliveryItem(sample, { kind: 'accept', changedFields: null }) }]] : null;
		}
		if (options.catchUp === false) return null;
		const scope = nodeScope(this.getWorkflow().id, this.getNode().id);
		const memory = memoryFromState(state);
		const live = recall(scope);
		if (live) mergeMemory(memory, live);
		keep(scope, memory);
		// Each decision merges what webhooks decided meanwhile, decides and keeps, without awaiting.
		const decide = (payload: Payload): DeliveryVerdict => {
			const current = recall(scope);
			if (current && current !== memory) mergeMemory(memory, current);
			const verdict = decideDelivery(payload, config, memory, 'poll');
			keep(scope, memory);
			return verdict;
		};
		let outcome;
		try {
			outcome = await pollMissedChanges(client, config, memory, decide);
		} catch (error) {
			throw toNodeError(this.getNode(), error, 0);
		} finally {
			const current = recall(scope);
			if (current && current !== memory) mergeMemory(memory, current);
			keep(scope, memory);
			writeState(staticData, stateFromMemory(memory));
		}
		if (outcome.delivered.length > 0) {
			this.logger.info(`ERPNext Trigger caught up ${outcome.delivered.length} missed ${config.doctype} change(s) (${outcome.listed} listed, ${outcome.fetched} fetched)`);
		}
		// One execution per version, as a webhook delivery starts; n8n saves the static data with the first.
		for (const { payload, verdict } of outcome.delivered) this.__emit([[{ json: deliveryItem(payload, verdict) }]]);
		return null;
	}

	/** First step of an execution this trigger started: records the delivery, passes the item on. */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData);
		// A queue-mode worker runs the execution on a workflow copy whose static data is empty (measured:
		// n8n 2.41 sends none with the job) and saves whatever this node writes over the workflow's own,
		// which would erase the registration and secret and refuse every later delivery with 401. With no
		// secret loaded there is nothing to save to: the main process, which took the delivery, keeps the
		// de-duplication memory for it.
		if (!state.secret) return [items.map((item, i) => ({ ...item, pairedItem: { item: i } }))];
		const watch = parseFieldList(String(this.getNodeParameter('onlyWhenChanged', 0, '') ?? '')).fields;
		const scope = nodeScope(this.getWorkflow().id, this.getNode().id);
		const memory = memoryFromState(state);
		const known = recall(scope);
		if (known) mergeMemory(memory, known);
		for (const item of items) {
			const { doctype, name, modified, event } = item.json;
			const payload = PayloadSchema.safeParse({ doctype, name, modified, event, doc: item.json });
			if (payload.success) recordDelivery(memory, payload.data, watch === 'all' ? [] : watch);
		}
		writeState(staticData, stateFromMemory(memory));
		return [items.map((item, i) => ({ ...item, pairedItem: { item: i } }))];
	}
}
