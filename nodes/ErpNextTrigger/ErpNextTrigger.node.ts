// ERPNext Trigger (displayed as "Lead-to-Close Frappe Trigger": it serves ERPNext's and Frappe CRM's
// doctypes alike, ADR 0030): starts a workflow when ERPNext or Frappe CRM creates, saves, submits,
// cancels or deletes a document. A thin adapter: on activation it registers signed Frappe Webhooks pointing at its own
// production URL (registration.ts, webhookDoc.ts), on deactivation it disables and deletes them, and
// for each delivery it answers 413/401/400 itself — starting no execution — unless the body is within
// the size limit, signed with its secret over the exact bytes, well formed, not a repeat of a version
// already received, not older than the newest version of its document nor than the age bound, and
// (optionally) changes a watched field (deliveryGate.ts). The secret is derived from the credential on
// each use and never stored (signature.ts); deliveries refused for their signature are counted, and
// the poll reports them as a failed trigger execution the user sees. Its execute() runs as
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
import { toNodeError } from '../shared/serviceErrors';
import { newestDocument, pollMissedChanges } from './catchUpPoll';
import {
	DEFAULT_MAX_AGE_HOURS,
	PayloadSchema,
	checkRequest,
	decideDelivery,
	mergeMemory,
	recordDelivery,
	type DeliveryVerdict,
	type Payload,
} from './deliveryGate';
import { DEFAULT_MAX_BODY_KB, OTHER_DOCTYPE, properties } from './description';
import {
	registerWebhooks,
	registrationIsCurrent,
	removeWebhooks,
	webhooksAt,
} from './registration';
import { SIGNATURE_HEADER, deriveSecret, secretFingerprint } from './signature';
import {
	failuresOf,
	keep,
	memoryFromState,
	nodeScope,
	readState,
	recall,
	rememberFailures,
	stateFromMemory,
	writeState,
	type TriggerState,
} from './triggerState';
import {
	configFingerprint,
	isDocEvent,
	parseFieldList,
	validateConfig,
	type TriggerConfig,
} from './webhookDoc';

const CREDENTIAL = 'leadToCloseErpNextApi';

type ParameterContext = IHookFunctions | IWebhookFunctions | IPollFunctions;

function readConfig(ctx: ParameterContext): TriggerConfig {
	const choice = ctx.getNodeParameter('doctype', 'Lead') as string;
	const doctype = (
		choice === OTHER_DOCTYPE ? (ctx.getNodeParameter('customDoctype', '') as string) : choice
	).trim();
	const rawEvents = ctx.getNodeParameter('events', []) as unknown;
	const events = (Array.isArray(rawEvents) ? rawEvents : []).filter(isDocEvent);
	const fields = parseFieldList(String(ctx.getNodeParameter('fields', '') ?? ''));
	const watch = parseFieldList(String(ctx.getNodeParameter('onlyWhenChanged', '') ?? ''));
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const maxBodyKb = typeof options.maxBodyKb === 'number' ? options.maxBodyKb : DEFAULT_MAX_BODY_KB;
	const maxAgeHours =
		typeof options.maxAgeHours === 'number' ? options.maxAgeHours : DEFAULT_MAX_AGE_HOURS;
	const config: TriggerConfig = {
		doctype,
		events: [...new Set(events)],
		fields: fields.fields,
		watch: watch.fields === 'all' ? [] : watch.fields,
		condition: typeof options.condition === 'string' ? options.condition : '',
		dedupe: options.dedupe !== false,
		maxBodyBytes: Math.round(maxBodyKb * 1024),
		maxAgeHours,
	};
	const problems = validateConfig(config);
	if (fields.invalid.length)
		problems.push({
			field: 'Fields to Send',
			message: `not fieldnames: ${fields.invalid.join(', ')}`,
		});
	if (watch.invalid.length || watch.fields === 'all') {
		problems.push({
			field: 'Only When Fields Change',
			message: `list fieldnames, not ${[...watch.invalid, ...(watch.fields === 'all' ? ['*'] : [])].join(', ')}`,
		});
	}
	if (problems.length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Invalid ERPNext Trigger settings: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
		);
	}
	return config;
}

function productionUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no webhook URL for this node');
	return url;
}

interface Credentials {
	baseUrl: string;
	apiKey: string;
	apiSecret: string;
}

/** Signature failures in a row that the poll reports as an error (one is a typo, three a pattern). */
const SIGNATURE_ALERT_THRESHOLD = 3;

async function credentials(ctx: ParameterContext): Promise<Credentials> {
	return await ctx.getCredentials<Credentials>(CREDENTIAL);
}

/** This node's webhook secret, derived from the credential and the Secret Rotation option (signature.ts). */
function webhookSecret(ctx: ParameterContext, creds: Credentials): string {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const rotation =
		typeof options.secretRotation === 'number' && Number.isFinite(options.secretRotation)
			? Math.trunc(options.secretRotation)
			: 0;
	return deriveSecret({
		apiKey: creds.apiKey,
		apiSecret: creds.apiSecret,
		workflowId: ctx.getWorkflow().id ?? '',
		nodeId: ctx.getNode().id,
		rotation,
	});
}

function erpClient(
	ctx: IHookFunctions | IPollFunctions,
	creds: Credentials,
	webhookSecrets: string[],
): ErpNextClient {
	// The webhook secret travels in the Webhook body: no error may echo it either.
	return ErpNextClient.forNode(ctx, creds, { moreSecrets: webhookSecrets });
}

/** Whether static data holds a registration (a queue worker's copy holds none). */
function isRegistered(state: TriggerState): boolean {
	return state.webhookNames.length > 0 || state.secret !== '' || state.secretId !== '';
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The item a delivery starts the workflow with, the same for a webhook and the catch-up poll. */
function deliveryItem(
	payload: Payload,
	verdict: Extract<DeliveryVerdict, { kind: 'accept' }>,
): IDataObject {
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
		displayName: 'Lead-to-Close Frappe Trigger',
		name: 'erpNextTrigger',
		icon: {
			light: 'file:../../icons/erpNextTrigger.svg',
			dark: 'file:../../icons/erpNextTrigger.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ($parameter["doctype"] === "__other" ? $parameter["customDoctype"] : $parameter["doctype"]) + ": " + $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when ERPNext or Frappe CRM creates, saves, submits or deletes a document, through signed webhooks it registers itself',
		defaults: { name: 'ERPNext Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		// An empty responseData makes n8n answer with the webhookResponse below instead of its default text.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		],
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
				if (state.webhookNames.length === 0) return false;
				try {
					const creds = await credentials(this);
					const secret = webhookSecret(this, creds);
					// Registered with another secret (a clear-text one from before issue 14, another credential or
					// rotation): register again. Repeated signature failures mean ERPNext signs with a secret n8n
					// does not know (edited by hand): registering again ends them, after the poll reported them.
					if (state.secretId !== secretFingerprint(secret)) return false;
					if (state.badSignatures[0] >= SIGNATURE_ALERT_THRESHOLD) return false;
					const client = erpClient(this, creds, [secret, state.secret]);
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
				try {
					// Derived, not stored: the same for every activation until the credential or the Secret
					// Rotation option changes, so an execution that outlives a deactivate/activate cannot
					// bring back an old secret by saving the static data it loaded.
					const creds = await credentials(this);
					const secret = webhookSecret(this, creds);
					const client = erpClient(this, creds, [secret, state.secret]);
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
					writeState(staticData, {
						webhookNames: names,
						secretId: secretFingerprint(secret),
						webhookUrl: url,
						fingerprint: configFingerprint(config, url),
						badSignatures: [0, '', ''],
					});
					// Static data written before issue 14 held the secret in clear text: gone with the new registration.
					if ('secret' in staticData) delete staticData.secret;
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
					const creds = await credentials(this);
					const client = erpClient(this, creds, [webhookSecret(this, creds), state.secret]);
					const existing = await webhooksAt(client, url);
					const targets = [...new Set([...state.webhookNames, ...existing.map((r) => r.name)])];
					const removal = await removeWebhooks(client, targets);
					if (removal.error !== undefined) {
						writeState(staticData, { webhookNames: removal.left });
						this.logger.error(
							`ERPNext Trigger: could not remove Webhook ${removal.left[0]} from ERPNext: ${errorMessage(removal.error)}`,
						);
						return false;
					}
				} catch (error) {
					this.logger.error(
						`ERPNext Trigger: could not remove its Webhooks from ERPNext: ${errorMessage(error)}`,
					);
					return false;
				}
				// The memory of received versions stays: replays remain refused after re-activation.
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
		if (!isRegistered(state))
			return answer(401, { message: 'This trigger has no ERPNext webhook registered' });
		let config: TriggerConfig;
		let secret: string;
		try {
			config = readConfig(this);
			// A registration from before issue 14 keeps its stored secret until the next activation replaces it.
			secret =
				state.secret !== '' && state.secretId === ''
					? state.secret
					: webhookSecret(this, await credentials(this));
		} catch (error) {
			// Thrown here, n8n would record a failed execution for a request nobody verified.
			this.logger.error(`ERPNext Trigger: ${errorMessage(error)}`);
			return answer(500, { message: 'The ERPNext Trigger is misconfigured' });
		}
		const scope = nodeScope(this.getWorkflow().id, this.getNode().id);
		// n8n reads the body before calling the node; the reader is there for content types it skips.
		if (req.rawBody === undefined && typeof req.readRawBody === 'function') await req.readRawBody();
		const checked = checkRequest({
			body: req.rawBody,
			signature: this.getHeaderData()[SIGNATURE_HEADER],
			secret,
			maxBodyBytes: config.maxBodyBytes,
		});
		const failures = failuresOf(scope, state.badSignatures);
		if (!checked.ok) {
			this.logger.warn(
				`ERPNext Trigger refused a delivery (${checked.status}): ${checked.message}`,
			);
			if (checked.status === 401) {
				// Counted for the poll, which reports them as an error. Static data (saved by n8n, no execution
				// starts) is written up to the alert threshold and then at powers of two only, so a stream of
				// forgeries does not become one database write each.
				const now = new Date().toISOString();
				const next = {
					...failures,
					count: failures.count + 1,
					first: failures.count === 0 ? now : failures.first,
					last: now,
				};
				rememberFailures(scope, next);
				if (next.count <= SIGNATURE_ALERT_THRESHOLD || (next.count & (next.count - 1)) === 0) {
					writeState(staticData, { badSignatures: [next.count, next.first, next.last] });
				}
			}
			return answer(checked.status, { message: checked.message });
		}
		if (failures.count > 0 || state.badSignatures[0] > 0) {
			rememberFailures(scope, {
				count: 0,
				first: '',
				last: '',
				reported: 0,
				resetAt: new Date().toISOString(),
			});
			writeState(staticData, { badSignatures: [0, '', ''] });
		}
		const payload = checked.payload;
		const memory = memoryFromState(state);
		// From here to keep() nothing awaits, so racing deliveries are decided one after the other.
		const known = recall(scope);
		if (known) mergeMemory(memory, known);
		const verdict = decideDelivery(payload, config, memory);
		keep(scope, memory);
		// Saved by n8n only when no execution starts (ignored deliveries); execute() records the others.
		writeState(staticData, stateFromMemory(memory));
		if (verdict.kind === 'ignore')
			return answer(200, { status: 'ignored', reason: verdict.reason, message: verdict.message });
		const json = deliveryItem(payload, verdict);
		return {
			workflowData: [[{ json }]],
			webhookResponse: {
				status: 'accepted',
				doctype: payload.doctype,
				name: payload.name,
				event: payload.event,
			},
		};
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
		const scope = nodeScope(this.getWorkflow().id, this.getNode().id);
		let client: ErpNextClient;
		try {
			const creds = await credentials(this);
			client = erpClient(this, creds, [webhookSecret(this, creds), state.secret]);
		} catch (error) {
			throw toNodeError(this.getNode(), error, 0);
		}
		if (this.getMode() !== 'manual') {
			// Deliveries refused for their signature: a Webhook secret changed in ERPNext by hand (every
			// delivery then fails) or someone forging. Emitted as an error, n8n 2.41 records a failed execution
			// of the trigger and runs the error workflow (trigger-execution-context.factory.js __emitError ->
			// recordTriggerFailure) without backing off the catch-up, which goes on below. Reported at 3, 6,
			// 12, ... failures, so a stream of forgeries cannot flood the executions list.
			const failures = failuresOf(scope, state.badSignatures);
			if (failures.count >= SIGNATURE_ALERT_THRESHOLD && failures.count >= 2 * failures.reported) {
				rememberFailures(scope, { ...failures, reported: failures.count });
				this.__emitError(
					new NodeOperationError(
						this.getNode(),
						`ERPNext Trigger: ${failures.count} deliveries in a row were refused (401) for a missing or wrong X-Frappe-Webhook-Signature, from ${failures.first} to ${failures.last}`,
						{
							description:
								"Either the secret of this trigger's Webhooks was changed in ERPNext (then every delivery fails: deactivate and activate the workflow, or raise Secret Rotation under Options and save, to register them again with n8n's secret), or someone is sending forged deliveries to its URL.",
						},
					),
				);
			}
		}
		if (this.getMode() === 'manual') {
			// The editor's "fetch test event": the newest document, nothing recorded.
			const sample = await newestDocument(client, config).catch((error: unknown) => {
				throw toNodeError(this.getNode(), error, 0);
			});
			return sample
				? [[{ json: deliveryItem(sample, { kind: 'accept', changedFields: null }) }]]
				: null;
		}
		if (options.catchUp === false) return null;
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
			this.logger.info(
				`ERPNext Trigger caught up ${outcome.delivered.length} missed ${config.doctype} change(s) (${outcome.listed} listed, ${outcome.fetched} fetched)`,
			);
		}
		// One execution per version, as a webhook delivery starts; n8n saves the static data with the first.
		for (const { payload, verdict } of outcome.delivered)
			this.__emit([[{ json: deliveryItem(payload, verdict) }]]);
		return null;
	}

	/** First step of an execution this trigger started: records the delivery, passes the item on. */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData);
		// A queue-mode worker runs the execution on a workflow copy whose static data is empty (measured:
		// n8n 2.41 sends none with the job) and saves whatever this node writes over the workflow's own,
		// which would erase the registration and refuse every later delivery with 401. With no registration
		// loaded there is nothing to save to: the main process, which took the delivery, keeps the
		// de-duplication memory for it.
		if (!isRegistered(state))
			return [items.map((item, i) => ({ ...item, pairedItem: { item: i } }))];
		const watch = parseFieldList(
			String(this.getNodeParameter('onlyWhenChanged', 0, '') ?? ''),
		).fields;
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
		// A good delivery ended any run of signature failures; the webhook call could not save that.
		if (state.badSignatures[0] > 0 && items.length > 0)
			writeState(staticData, { badSignatures: [0, '', ''] });
		return [items.map((item, i) => ({ ...item, pairedItem: { item: i } }))];
	}
}
