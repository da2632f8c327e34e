// The ERPNext Trigger against the attacks of the security review (issue 14): H4, the webhook secret
// must not be readable by whoever can read the workflow (static data, REST, exports), must be
// rotatable on purpose, and repeated signature failures must surface as an error the user sees; M2, a
// captured signed delivery must stay refused after any number of newer versions and when it is older
// than the age bound. The node is driven with small hand-made n8n contexts against the ERPNext
// contract server; deliveries are signed the way Frappe signs them (tests/support/frappeWebhookSender).
import type { IDataObject, IHookFunctions, IHttpRequestOptions, INode, IPollFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErpNextTrigger } from '../../nodes/ErpNextTrigger/ErpNextTrigger.node';
import { readState } from '../../nodes/ErpNextTrigger/triggerState';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { frappeSignature, pythonJsonDumps } from '../support/frappeWebhookSender.mts';
import { sendAsN8n } from './support/httpBridge.mts';

const API_KEY = 'security-trigger-key';
const API_SECRET = 'security-trigger-secret-4b1d';
const WORKFLOW_ID = 'wf-trigger-security';

interface Harness {
	staticData: IDataObject;
	logs: string[];
	nodeId: string;
	webhookUrl: string;
	apiSecret?: string;
}

let erp: ErpNextServer;
const trigger = new ErpNextTrigger();
const methods = trigger.webhookMethods.default;

beforeAll(async () => {
	erp = await startErpNextServer({ apiKey: API_KEY, apiSecret: API_SECRET });
});
afterAll(async () => {
	await erp.stop();
});

function harness(nodeId: string): Harness {
	return { staticData: {}, logs: [], nodeId, webhookUrl: `http://127.0.0.1:5678/webhook/${nodeId}/webhook` };
}

function baseContext(h: Harness, parameters: IDataObject) {
	const node: INode = { id: h.nodeId, name: 'ERPNext Trigger', type: 'n8n-nodes-lead-to-close.erpNextTrigger', typeVersion: 1, position: [0, 0], parameters: parameters as INode['parameters'], webhookId: h.nodeId };
	const log = (level: string) => (message: string) => h.logs.push(`${level}: ${message}`);
	return {
		getNode: () => node,
		getWorkflow: () => ({ id: WORKFLOW_ID, name: 'ERPNext security', active: true }),
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getWorkflowStaticData: () => h.staticData,
		getCredentials: async () => ({ baseUrl: erp.url, apiKey: API_KEY, apiSecret: h.apiSecret ?? API_SECRET }),
		logger: { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') },
		getNodeWebhookUrl: () => h.webhookUrl,
		getMode: () => 'trigger',
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				return await sendAsN8n(options, `token ${API_KEY}:${h.apiSecret ?? API_SECRET}`);
			},
		},
	};
}

const hookContext = (h: Harness, parameters: IDataObject) => baseContext(h, parameters) as unknown as IHookFunctions;

async function callWebhook(h: Harness, parameters: IDataObject, body: string, headers: Record<string, string>): Promise<{ result: IWebhookResponseData; status?: number; body?: unknown }> {
	const answered: { result: IWebhookResponseData; status?: number; body?: unknown } = { result: {} };
	const res = {
		status(code: number) {
			answered.status = code;
			return res;
		},
		json(b: unknown) {
			answered.body = b;
			return res;
		},
	};
	const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	const ctx = { ...baseContext(h, parameters), getRequestObject: () => ({ rawBody: Buffer.from(body), headers: lower }), getResponseObject: () => res, getHeaderData: () => lower } as unknown as IWebhookFunctions;
	answered.result = await trigger.webhook.call(ctx);
	return answered;
}

/** Runs poll(); returns what it returned and the errors it emitted (n8n records each as a failed execution). */
async function callPoll(h: Harness, parameters: IDataObject): Promise<{ result: unknown; errors: Array<Error & { description?: string }> }> {
	const errors: Array<Error & { description?: string }> = [];
	const ctx = { ...baseContext(h, parameters), __emit: () => undefined, __emitError: (e: Error) => errors.push(e) } as unknown as IPollFunctions;
	return { result: await trigger.poll.call(ctx), errors };
}

const hooksAt = (h: Harness) => erp.state.all('Webhook').filter((w) => w.request_url === h.webhookUrl);

/** A delivery as Frappe sends it for one Lead version, signed with `secret` (json.dumps layout). */
function delivery(secret: string, name: string, modified: string, event = 'after_insert', leadName = 'Jana Roth') {
	const body = pythonJsonDumps({ doctype: 'Lead', name, modified, event, doc: { lead_name: leadName } });
	return { body, headers: { 'Content-Type': 'application/json', 'X-Frappe-Webhook-Signature': frappeSignature(secret, body) } };
}

const outcome = (r: { status?: number; body?: unknown; result: IWebhookResponseData }): string =>
	r.result.workflowData ? 'accepted' : r.status === 200 ? `ignored:${(r.body as { reason: string }).reason}` : String(r.status);

const PARAMS: IDataObject = { doctype: 'Lead', events: ['after_insert', 'on_update'], fields: 'lead_name', onlyWhenChanged: '', options: { catchUp: false } };

/** Frappe-style naive datetime, `minutes` after 2026-12-01 08:00 site time. */
function at(minutes: number): string {
	const t = new Date(Date.UTC(2026, 11, 1, 8, 0, 0) + minutes * 60_000);
	return `${t.toISOString().slice(0, 19).replace('T', ' ')}.000000`;
}

describe('H4: the webhook secret is not readable from the workflow', () => {
	it('keeps no webhook secret in static data, yet verifies deliveries signed with the secret ERPNext holds', async () => {
		const h = harness('node-h4-static');
		await methods.create.call(hookContext(h, PARAMS));
		const [hook] = hooksAt(h);
		const secret = String(hook.webhook_secret);
		expect(secret.length).toBeGreaterThanOrEqual(43);
		// What GET /rest/workflows/:id, an export or the database would show.
		expect(JSON.stringify(h.staticData)).not.toContain(secret);
		const d = delivery(secret, 'CRM-LEAD-2026-09001', at(0));
		expect(outcome(await callWebhook(h, PARAMS, d.body, d.headers))).toBe('accepted');
		const forged = delivery('a-guess', 'CRM-LEAD-2026-09002', at(1));
		expect(outcome(await callWebhook(h, PARAMS, forged.body, forged.headers))).toBe('401');
		expect(h.logs.join('\n')).not.toContain(secret);
	});
});

describe('H4: the secret can be rotated on purpose, and a secret changed behind n8n\'s back is reported', () => {
	it('Secret Rotation registers a new secret; re-activation keeps it and never brings the old one back', async () => {
		const h = harness('node-h4-rotation');
		await methods.create.call(hookContext(h, PARAMS));
		const first = String(hooksAt(h)[0].webhook_secret);
		const rotated: IDataObject = { ...PARAMS, options: { catchUp: false, secretRotation: 1 } };
		expect(await methods.checkExists.call(hookContext(h, PARAMS))).toBe(true);
		expect(await methods.checkExists.call(hookContext(h, rotated))).toBe(false);
		await methods.create.call(hookContext(h, rotated));
		const second = String(hooksAt(h)[0].webhook_secret);
		expect(second).not.toBe(first);
		expect(hooksAt(h).map((w) => w.webhook_secret)).toEqual([second, second]);
		// Deactivate + activate with the same settings: the same (new) secret, not the first one.
		await methods.delete.call(hookContext(h, rotated));
		await methods.create.call(hookContext(h, rotated));
		expect(hooksAt(h).map((w) => w.webhook_secret)).toEqual([second, second]);
		expect(await methods.checkExists.call(hookContext(h, rotated))).toBe(true);
		const old = delivery(first, 'CRM-LEAD-2026-30001', at(0));
		expect(outcome(await callWebhook(h, rotated, old.body, old.headers))).toBe('401');
		const current = delivery(second, 'CRM-LEAD-2026-30002', at(1));
		expect(outcome(await callWebhook(h, rotated, current.body, current.headers))).toBe('accepted');
		// Another API secret on the credential (keys regenerated in ERPNext) is another webhook secret too.
		h.apiSecret = 'regenerated-api-secret-77';
		expect(await methods.checkExists.call(hookContext(h, rotated))).toBe(false);
	});

	it('a registration from before issue 14 keeps working until re-activation, which removes the stored secret', async () => {
		const h = harness('node-h4-legacy');
		const legacy = 'legacy-clear-text-secret-abcdefghijklmnopqrstu';
		const hooks = erp.state.seed('Webhook', [
			{ webhook_doctype: 'Lead', webhook_docevent: 'after_insert', enabled: 1, request_url: h.webhookUrl, request_structure: 'JSON', webhook_json: '{}', enable_security: 1, webhook_secret: legacy },
		]);
		h.staticData = { webhookNames: hooks.map((w) => w.name), secret: legacy, webhookUrl: h.webhookUrl, fingerprint: 'old', seen: [] };
		const before = delivery(legacy, 'CRM-LEAD-2026-40001', at(0));
		expect(outcome(await callWebhook(h, PARAMS, before.body, before.headers))).toBe('accepted');
		expect(await methods.checkExists.call(hookContext(h, PARAMS))).toBe(false);
		await methods.create.call(hookContext(h, PARAMS));
		expect('secret' in h.staticData).toBe(false);
		expect(JSON.stringify(h.staticData)).not.toContain(legacy);
		expect(hooksAt(h).every((w) => w.webhook_secret !== legacy)).toBe(true);
		const after = delivery(legacy, 'CRM-LEAD-2026-40002', at(1));
		expect(outcome(await callWebhook(h, PARAMS, after.body, after.headers))).toBe('401');
	});

	it('reports repeated signature failures (a secret changed in ERPNext by hand) as an error from the poll, once, and re-registers', async () => {
		const h = harness('node-h4-alert');
		await methods.create.call(hookContext(h, PARAMS));
		const ours = String(hooksAt(h)[0].webhook_secret);
		// An ERPNext admin changes the secret of both Webhooks by hand.
		for (const w of hooksAt(h)) {
			const r = await fetch(`${erp.url}/api/resource/Webhook/${w.name}`, { method: 'PUT', headers: { Authorization: `token ${API_KEY}:${API_SECRET}`, 'Content-Type': 'application/json' }, body: '{"webhook_secret": "changed-by-hand"}' });
			expect(r.status).toBe(200);
		}
		expect(await callPoll(h, PARAMS)).toEqual({ result: null, errors: [] });
		for (let i = 0; i < 3; i++) {
			const d = delivery('changed-by-hand', `CRM-LEAD-2026-5000${i}`, at(i));
			expect(outcome(await callWebhook(h, PARAMS, d.body, d.headers))).toBe('401');
		}
		expect(readState(h.staticData).badSignatures[0]).toBe(3);
		const polled = await callPoll(h, PARAMS);
		expect(polled.errors).toHaveLength(1);
		const [error] = polled.errors;
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(/3 deliveries in a row were refused \(401\) for a missing or wrong X-Frappe-Webhook-Signature/);
		expect(error?.description).toMatch(/Secret Rotation/);
		expect(`${error?.message} ${error?.description}`).not.toContain(ours);
		// Reported once; again only when as many more arrived (3, 6, 12, ...).
		expect((await callPoll(h, PARAMS)).errors).toEqual([]);
		for (let i = 3; i < 6; i++) {
			const d = delivery('changed-by-hand', `CRM-LEAD-2026-5000${i}`, at(i));
			expect(outcome(await callWebhook(h, PARAMS, d.body, d.headers))).toBe('401');
		}
		expect((await callPoll(h, PARAMS)).errors.map((e) => e.message)).toEqual([expect.stringMatching(/^ERPNext Trigger: 6 deliveries in a row/)]);
		// The next activation check registers again, with n8n's secret, and the count starts over.
		expect(await methods.checkExists.call(hookContext(h, PARAMS))).toBe(false);
		await methods.create.call(hookContext(h, PARAMS));
		expect(hooksAt(h).map((w) => w.webhook_secret)).toEqual([ours, ours]);
		expect(readState(h.staticData).badSignatures[0]).toBe(0);
		const good = delivery(ours, 'CRM-LEAD-2026-50010', at(10));
		expect(outcome(await callWebhook(h, PARAMS, good.body, good.headers))).toBe('accepted');
	});

	it('a good delivery ends a run of failures even when its webhook call cannot save that (an execution starts)', async () => {
		const h = harness('node-h4-reset');
		await methods.create.call(hookContext(h, PARAMS));
		const ours = String(hooksAt(h)[0].webhook_secret);
		for (let i = 0; i < 2; i++) {
			const d = delivery('a-forger', `CRM-LEAD-2026-6000${i}`, at(i));
			expect(outcome(await callWebhook(h, PARAMS, d.body, d.headers))).toBe('401');
		}
		// n8n drops the webhook call's static-data changes when it starts an execution: keep the stored count.
		const stored = JSON.parse(JSON.stringify(h.staticData)) as IDataObject;
		const good = delivery(ours, 'CRM-LEAD-2026-60010', at(10));
		expect(outcome(await callWebhook(h, PARAMS, good.body, good.headers))).toBe('accepted');
		h.staticData = stored;
		const forged = delivery('a-forger', 'CRM-LEAD-2026-60011', at(11));
		expect(outcome(await callWebhook(h, PARAMS, forged.body, forged.headers))).toBe('401');
		// One failure since the good delivery, not three: nothing to report.
		expect((await callPoll(h, PARAMS)).errors).toEqual([]);
	});
});

describe('M2: replays are refused by a per-document high-water mark and an age bound', () => {
	it('refuses a captured signed delivery replayed after 2,000+ newer versions', async () => {
		const h = harness('node-m2-window');
		await methods.create.call(hookContext(h, PARAMS));
		const secret = String(hooksAt(h)[0].webhook_secret);
		const captured = delivery(secret, 'CRM-LEAD-2026-00001', at(0));
		expect(outcome(await callWebhook(h, PARAMS, captured.body, captured.headers))).toBe('accepted');
		for (let i = 0; i < 2_050; i++) {
			const d = delivery(secret, `CRM-LEAD-2026-1${String(i).padStart(4, '0')}`, at(1 + i / 100), 'after_insert', `Buyer ${i}`);
			expect(outcome(await callWebhook(h, PARAMS, d.body, d.headers))).toBe('accepted');
		}
		const replay = await callWebhook(h, PARAMS, captured.body, captured.headers);
		expect(outcome(replay)).toMatch(/^ignored:/);
		expect(replay.result.workflowData).toBeUndefined();
	}, 60_000);

	it('refuses a delivery older than the age bound, and an older version of a document than the newest accepted', async () => {
		const h = harness('node-m2-age');
		await methods.create.call(hookContext(h, PARAMS));
		const secret = String(hooksAt(h)[0].webhook_secret);
		const newest = delivery(secret, 'CRM-LEAD-2026-20001', at(3 * 24 * 60));
		expect(outcome(await callWebhook(h, PARAMS, newest.body, newest.headers))).toBe('accepted');
		// A version of a document this trigger never saw, 3 days older than the newest it knows.
		const old = delivery(secret, 'CRM-LEAD-2026-20002', at(0));
		expect(outcome(await callWebhook(h, PARAMS, old.body, old.headers))).toBe('ignored:too_old');
		// Within the bound: a document first seen now, saved an hour before the newest known, is fine.
		const recent = delivery(secret, 'CRM-LEAD-2026-20003', at(3 * 24 * 60 - 60));
		expect(outcome(await callWebhook(h, PARAMS, recent.body, recent.headers))).toBe('accepted');
		// Two saves of one document: the newer arrives first; the older one is refused, with no watched fields.
		const v2 = delivery(secret, 'CRM-LEAD-2026-20004', at(3 * 24 * 60 + 2), 'on_update', 'v2');
		const v1 = delivery(secret, 'CRM-LEAD-2026-20004', at(3 * 24 * 60 + 1), 'on_update', 'v1');
		expect(outcome(await callWebhook(h, PARAMS, v2.body, v2.headers))).toBe('accepted');
		expect(outcome(await callWebhook(h, PARAMS, v1.body, v1.headers))).toBe('ignored:stale');
		// The insert double fire shares one modified: still one execution, not a "stale" refusal.
		const insert = delivery(secret, 'CRM-LEAD-2026-20005', at(3 * 24 * 60 + 3), 'after_insert');
		const update = delivery(secret, 'CRM-LEAD-2026-20005', at(3 * 24 * 60 + 3), 'on_update');
		expect(outcome(await callWebhook(h, PARAMS, insert.body, insert.headers))).toBe('accepted');
		expect(outcome(await callWebhook(h, PARAMS, update.body, update.headers))).toBe('ignored:double_fire');
		// Deleting a document stamps no new modified: the deletion of an old document is not "too old".
		const trashParams: IDataObject = { ...PARAMS, events: ['after_insert', 'on_update', 'on_trash'] };
		const trash = delivery(secret, 'CRM-LEAD-2026-20002', at(0), 'on_trash');
		expect(outcome(await callWebhook(h, trashParams, trash.body, trash.headers))).toBe('accepted');
		expect(outcome(await callWebhook(h, trashParams, trash.body, trash.headers))).toBe('ignored:replay');
	});
});
