// The ERPNext Trigger in-process: its pure parts as tables (Frappe signature over exact bytes, request
// checks, repeat and double-fire rules, the field-change filter, the generated Jinja template rendered
// the way Frappe renders it), then its webhook lifecycle and webhook() with small hand-made n8n contexts
// against the ERPNext contract server: registration with the Content-Type row and a secret, orphan
// clean-up, checkExists, disable-then-delete, rollback of a half-made registration, and the answers to
// signed, unsigned, forged, tampered, replayed, double-fired and oversized deliveries.
import type { IDataObject, IExecuteFunctions, IHookFunctions, IHttpRequestOptions, INode, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ErpNextTrigger } from '../../nodes/ErpNextTrigger/ErpNextTrigger.node';
import { changeOf, checkRequest, decideDelivery, emptyMemory as newMemory, repeatOf, type GateMemory, type Payload } from '../../nodes/ErpNextTrigger/deliveryGate';
import { deriveSecret, generateSecret, secretFingerprint, signBody, verifySignature } from '../../nodes/ErpNextTrigger/signature';
import { SEEN_LIMIT, memoryFromState, readState, stateFromMemory } from '../../nodes/ErpNextTrigger/triggerState';
import { configFingerprint, parseFieldList, webhookDoc, webhookJson, type DocEvent, type TriggerConfig } from '../../nodes/ErpNextTrigger/webhookDoc';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { frappeSignature, prepareDeliveries, prettySortedJson, pythonJsonDumps, renderWebhookJson } from '../support/frappeWebhookSender.mts';
import { sendAsN8n } from './support/httpBridge.mts';

const SECRET = 'c2VjcmV0LWZvci10ZXN0cy1vbmx5LTAxMjM0NTY3ODk';

function config(overrides: Partial<TriggerConfig> = {}): TriggerConfig {
	return { doctype: 'Lead', events: ['after_insert', 'on_update'], fields: ['lead_name'], watch: [], condition: '', dedupe: true, maxBodyBytes: 1024 * 1024, maxAgeHours: 24, ...overrides };
}

function payload(overrides: Partial<Payload> = {}): Payload {
	return { doctype: 'Lead', name: 'CRM-LEAD-2026-00001', modified: '2026-01-05 09:00:01.000000', event: 'after_insert', doc: {}, ...overrides };
}

const emptyMemory = (): GateMemory => newMemory();

describe('signature (base64 HMAC-SHA256 of the raw body)', () => {
	const body = Buffer.from('{"doctype": "Lead", "name": "CRM-LEAD-2026-00001"}');
	const good = frappeSignature(SECRET, body);
	const cases: Array<[string, string | string[] | undefined, Buffer, string]> = [
		['the signature Frappe computes', good, body, 'valid'],
		['surrounding whitespace', ` ${good} `, body, 'valid'],
		['no header', undefined, body, 'missing'],
		['empty header', '', body, 'missing'],
		['signed with another secret', frappeSignature('another-secret', body), body, 'mismatch'],
		['body changed after signing (one space less)', good, Buffer.from('{"doctype":"Lead", "name": "CRM-LEAD-2026-00001"}'), 'mismatch'],
		['hex instead of base64', Buffer.from(good, 'base64').toString('hex'), body, 'malformed'],
		['truncated digest', good.slice(0, 20), body, 'malformed'],
		['header sent twice', [good, good], body, 'malformed'],
		['not base64 at all', 'sha256=abc$', body, 'malformed'],
	];
	it.each(cases)('%s', (_name, header, bytes, expected) => {
		expect(verifySignature(SECRET, bytes, header)).toBe(expected);
	});

	it('our signBody equals the Frappe signature, and generated secrets are 256-bit and distinct', () => {
		expect(signBody(SECRET, body)).toBe(good);
		const secrets = new Set(Array.from({ length: 50 }, generateSecret));
		expect(secrets.size).toBe(50);
		for (const s of secrets) expect(Buffer.from(s, 'base64url')).toHaveLength(32);
	});
});

describe('request checks before anything is parsed', () => {
	const body = Buffer.from(pythonJsonDumps(payload()));
	const sig = frappeSignature(SECRET, body);
	const cases: Array<[string, Buffer, string | undefined, number, number | 'ok']> = [
		['signed, well formed', body, sig, 4096, 'ok'],
		['too large, even when signed', body, sig, 16, 413],
		['too large and unsigned: size is checked first', body, undefined, 16, 413],
		['unsigned', body, undefined, 4096, 401],
		['forged', body, frappeSignature('guess', body), 4096, 401],
		['signed but not JSON', Buffer.from('lead=1'), frappeSignature(SECRET, 'lead=1'), 4096, 400],
		['signed JSON without modified', Buffer.from('{"doctype": "Lead", "name": "X", "event": "on_update"}'), frappeSignature(SECRET, '{"doctype": "Lead", "name": "X", "event": "on_update"}'), 4096, 400],
		['signed JSON with an unknown event', Buffer.from('{"doctype": "Lead", "name": "X", "modified": "m", "event": "on_save"}'), frappeSignature(SECRET, '{"doctype": "Lead", "name": "X", "modified": "m", "event": "on_save"}'), 4096, 400],
	];
	it.each(cases)('%s', (_name, bytes, signature, max, expected) => {
		const r = checkRequest({ body: bytes, signature, secret: SECRET, maxBodyBytes: max });
		if (expected === 'ok') expect(r.ok).toBe(true);
		else expect(r).toMatchObject({ ok: false, status: expected });
		expect(JSON.stringify(r)).not.toContain(SECRET);
	});
});

describe('repeats: one execution per document version', () => {
	const bit = (e: DocEvent) => 1 << ['after_insert', 'on_update', 'on_submit', 'on_cancel', 'on_trash', 'on_update_after_submit', 'on_change'].indexOf(e);
	const cases: Array<[string, DocEvent[], DocEvent, string | undefined]> = [
		['first delivery of a version', [], 'after_insert', undefined],
		['the same delivery again (replay)', ['after_insert'], 'after_insert', 'replay'],
		['on_update fired with the insert', ['after_insert'], 'on_update', 'double_fire'],
		['after_insert arriving after the on_update of the insert', ['on_update'], 'after_insert', 'double_fire'],
		['on_change fired with on_update', ['on_update'], 'on_change', 'double_fire'],
		['on_submit after the on_update that a submit also fires', ['on_update'], 'on_submit', undefined],
		['on_update after on_submit of the same version', ['on_submit'], 'on_update', 'double_fire'],
		['on_submit replayed', ['on_update', 'on_submit'], 'on_submit', 'replay'],
	];
	it.each(cases)('%s', (_name, earlier, event, expected) => {
		const mask = earlier.reduce((m, e) => m | bit(e), 0);
		expect(repeatOf(mask, event)).toBe(expected);
	});

	it('decides a realistic sequence: insert double fire, a later save, a replay, a submit', () => {
		const memory = emptyMemory();
		const cfg = config({ events: ['after_insert', 'on_update', 'on_submit'] });
		const seq: Array<[Partial<Payload>, string]> = [
			[{ event: 'after_insert' }, 'accept'],
			[{ event: 'on_update' }, 'double_fire'],
			[{ event: 'on_update', modified: '2026-01-05 09:10:00.000000' }, 'accept'],
			[{ event: 'on_update', modified: '2026-01-05 09:10:00.000000' }, 'replay'],
			[{ event: 'on_update', modified: '2026-01-05 09:20:00.000000' }, 'accept'],
			[{ event: 'on_submit', modified: '2026-01-05 09:20:00.000000' }, 'accept'],
			[{ event: 'on_cancel', modified: '2026-01-05 09:30:00.000000' }, 'event_not_selected'],
			[{ doctype: 'Opportunity' }, 'other_doctype'],
		];
		const got = seq.map(([p]) => {
			const v = decideDelivery(payload(p), cfg, memory);
			return v.kind === 'accept' ? 'accept' : v.reason;
		});
		expect(got).toEqual(seq.map(([, want]) => want));
	});

	it('lets every delivery through with de-duplication off', () => {
		const memory = emptyMemory();
		const cfg = config({ dedupe: false });
		expect([1, 2, 3].map(() => decideDelivery(payload(), cfg, memory).kind)).toEqual(['accept', 'accept', 'accept']);
	});
});

describe('field-change filter (only when sales_stage changed)', () => {
	const opp = (modified: string, doc: Record<string, unknown>, event: DocEvent = 'on_update') => payload({ doctype: 'Opportunity', name: 'CRM-OPP-2026-00007', modified, doc, event });

	it('mirrors has_value_changed: first sighting, unchanged saves, a real change, a stale delivery', () => {
		const memory = emptyMemory();
		const cfg = config({ doctype: 'Opportunity', events: ['on_update', 'on_submit'], watch: ['sales_stage'] });
		const steps: Array<[Payload, string]> = [
			[opp('2026-01-05 09:00:00.000000', { sales_stage: 'Prospecting', opportunity_amount: 1000 }), 'changed:sales_stage'],
			[opp('2026-01-05 09:05:00.000000', { sales_stage: 'Prospecting', opportunity_amount: 2500 }), 'unchanged'],
			[opp('2026-01-05 09:10:00.000000', { sales_stage: 'Proposal/Price Quote', opportunity_amount: 2500 }), 'changed:sales_stage'],
			[opp('2026-01-05 09:07:00.000000', { sales_stage: 'Qualification' }), 'stale'],
			[opp('2026-01-05 09:20:00.000000', { sales_stage: 'Proposal/Price Quote' }), 'unchanged'],
			[opp('2026-01-05 09:30:00.000000', { sales_stage: null }), 'changed:sales_stage'],
		];
		const got = steps.map(([p]) => {
			const v = decideDelivery(p, cfg, memory);
			return v.kind === 'accept' ? `changed:${v.changedFields?.join(',')}` : v.reason;
		});
		expect(got).toEqual(steps.map(([, want]) => want));
	});

	it('a second event of the same version compares with the same "before" as the first', () => {
		const first = changeOf(undefined, opp('t1', { sales_stage: 'A' }), ['sales_stage']);
		const second = changeOf(first.snapshot, opp('t2', { sales_stage: 'B' }), ['sales_stage']);
		const sameVersionAgain = changeOf(second.snapshot, opp('t2', { sales_stage: 'B' }, 'on_submit'), ['sales_stage']);
		expect([first.kind, second.kind, sameVersionAgain.kind]).toEqual(['changed', 'changed', 'changed']);
	});
});

describe('the Jinja template and Webhook document', () => {
	const doc = {
		doctype: 'Quotation',
		name: 'SAL-QTN-2026-00012',
		modified: '2026-01-05 09:00:01.000000',
		party_name: 'Envasadora "del Norte" S.A.',
		terms: 'Línea 3\nPago: 30 días',
		items: [{ item_code: 'PLC-S7-1500', qty: 2, rate: 3120.5 }],
		valid_till: null,
	};

	it('renders to valid JSON for quotes, newlines, accents, nulls and an `items` field', () => {
		const cfg = config({ doctype: 'Quotation', fields: ['party_name', 'terms', 'items', 'valid_till', 'missing_field'] });
		const data = renderWebhookJson(webhookJson(cfg, 'on_submit'), doc) as Record<string, unknown>;
		expect(data).toEqual({
			doctype: 'Quotation',
			name: 'SAL-QTN-2026-00012',
			modified: '2026-01-05 09:00:01.000000',
			event: 'on_submit',
			doc: { party_name: doc.party_name, terms: doc.terms, items: doc.items, valid_till: null, missing_field: null },
		});
		expect(pythonJsonDumps(data)).toContain('"terms": "L\\u00ednea 3\\nPago: 30 d\\u00edas"');
	});

	it('sends watched fields even when not listed, and the whole document for *', () => {
		const watched = renderWebhookJson(webhookJson(config({ fields: ['status'], watch: ['sales_stage'] }), 'on_update'), { ...doc, status: 'Open', sales_stage: 'Negotiation/Review' }) as { doc: object };
		expect(watched.doc).toEqual({ status: 'Open', sales_stage: 'Negotiation/Review' });
		const whole = renderWebhookJson(webhookJson(config({ fields: 'all' }), 'on_update'), doc) as { doc: object };
		expect(whole.doc).toEqual(doc);
	});

	it('builds the Webhook with JSON structure, the Content-Type row, security and the secret', () => {
		expect(webhookDoc(config({ condition: ' doc.status == "Open" ' }), 'after_insert', 'https://n8n.example/webhook/x/webhook', SECRET)).toMatchObject({
			webhook_doctype: 'Lead',
			webhook_docevent: 'after_insert',
			enabled: 1,
			condition: 'doc.status == "Open"',
			request_url: 'https://n8n.example/webhook/x/webhook',
			request_method: 'POST',
			request_structure: 'JSON',
			webhook_headers: [{ key: 'Content-Type', value: 'application/json' }],
			enable_security: 1,
			webhook_secret: SECRET,
		});
	});

	const fieldCases: Array<[string, string[] | 'all', string[]]> = [
		['status, sales_stage', ['status', 'sales_stage'], []],
		['status,status  custom_ai_score', ['status', 'custom_ai_score'], []],
		['', [], []],
		['*', 'all', []],
		['Status, doc.name, x"y', [], ['Status', 'doc.name', 'x"y']],
	];
	it.each(fieldCases)('field list %j', (raw, fields, invalid) => {
		expect(parseFieldList(raw)).toEqual({ fields, invalid });
	});

	it('fingerprints what shapes the registration (events order does not matter, fields do)', () => {
		const url = 'https://n8n.example/webhook/x/webhook';
		expect(configFingerprint(config({ events: ['on_update', 'after_insert'] }), url)).toBe(configFingerprint(config(), url));
		expect(configFingerprint(config({ fields: ['status'] }), url)).not.toBe(configFingerprint(config(), url));
		expect(configFingerprint(config({ maxBodyBytes: 2048 }), url)).toBe(configFingerprint(config(), url));
	});
});

describe('static data', () => {
	it('round-trips the gate memory, drops the oldest beyond the limit, and survives garbage', () => {
		const memory = emptyMemory();
		for (let i = 0; i < SEEN_LIMIT + 25; i++) memory.seen.set(`k${i}`, 1);
		memory.snapshots.set('CRM-OPP-1', { modified: 'm', digests: { sales_stage: 'abc' }, previous: null });
		const stored = stateFromMemory(memory);
		expect(stored.seen).toHaveLength(SEEN_LIMIT);
		expect(stored.seen[0]).toBe('k25:1');
		const back = memoryFromState(readState(stored as unknown as IDataObject));
		expect(back.seen.get(`k${SEEN_LIMIT + 24}`)).toBe(1);
		expect(back.snapshots.get('CRM-OPP-1')).toEqual({ modified: 'm', digests: { sales_stage: 'abc' }, previous: null });
		expect(readState({ seen: 'nope', secret: 42, snapshots: [[1]] } as unknown as IDataObject)).toMatchObject({ seen: [], secret: '', snapshots: [] });
	});
});

// ---------------------------------------------------------------------------------------------------
// The node with hand-made n8n contexts against the ERPNext contract server

const API_KEY = 'trigger-key';
const API_SECRET = 'trigger-secret-9d8c';
const WEBHOOK_URL = 'http://127.0.0.1:5678/webhook/3f0c9a52-erp-trigger/webhook';

interface Harness {
	staticData: IDataObject;
	logs: string[];
	requests: Array<{ method: string; url: string }>;
	/** Answer for a request instead of the server (e.g. refuse the 2nd Webhook insert). */
	intercept?: (options: IHttpRequestOptions) => { statusCode: number; body: unknown } | undefined;
}

function makeNode(parameters: IDataObject): INode {
	return { id: 'node-erp-trigger', name: 'ERPNext Trigger', type: 'n8n-nodes-lead-to-close.erpNextTrigger', typeVersion: 1, position: [0, 0], parameters: parameters as INode['parameters'], webhookId: '3f0c9a52-erp-trigger' };
}

function baseContext(h: Harness, parameters: IDataObject, nodeId = 'node-erp-trigger') {
	const node = { ...makeNode(parameters), id: nodeId };
	const log = (level: string) => (message: string) => h.logs.push(`${level}: ${message}`);
	return {
		getNode: () => node,
		getWorkflow: () => ({ id: 'wf-erp-trigger', name: 'ERPNext events', active: true }),
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getWorkflowStaticData: () => h.staticData,
		getCredentials: async () => ({ baseUrl: erp.url, apiKey: API_KEY, apiSecret: API_SECRET }),
		logger: { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') },
	};
}

/** The secret ERPNext holds for the Webhooks at the test URL (never in static data). */
function registeredSecret(): string {
	return String(erp.state.all('Webhook').find((w) => w.request_url === WEBHOOK_URL)?.webhook_secret ?? 'no-webhook-registered');
}

function hookContext(h: Harness, parameters: IDataObject): IHookFunctions {
	return {
		...baseContext(h, parameters),
		getNodeWebhookUrl: () => WEBHOOK_URL,
		getCredentials: async () => ({ baseUrl: erp.url, apiKey: API_KEY, apiSecret: API_SECRET }),
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				h.requests.push({ method: String(options.method), url: options.url });
				const intercepted = h.intercept?.(options);
				if (intercepted) return { ...intercepted, headers: {} };
				return await sendAsN8n(options, `token ${API_KEY}:${API_SECRET}`);
			},
		},
	} as unknown as IHookFunctions;
}

interface Answered {
	result: IWebhookResponseData;
	status?: number;
	body?: unknown;
}

/** The trigger's execute() as the first step of an execution, on that execution's static data. */
async function callExecute(h: Harness, parameters: IDataObject, items: INodeExecutionData[], nodeId?: string): Promise<INodeExecutionData[][]> {
	const ctx = {
		...baseContext(h, parameters, nodeId),
		getInputData: () => items,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
	} as unknown as IExecuteFunctions;
	return await new ErpNextTrigger().execute.call(ctx);
}

async function callWebhook(h: Harness, parameters: IDataObject, body: string | Buffer, headers: Record<string, string>, nodeId?: string): Promise<Answered> {
	const answered: Answered = { result: {} };
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
	const ctx = {
		...baseContext(h, parameters, nodeId),
		getRequestObject: () => ({ rawBody: Buffer.from(body), headers: lower }),
		getResponseObject: () => res,
		getHeaderData: () => lower,
	} as unknown as IWebhookFunctions;
	answered.result = await new ErpNextTrigger().webhook.call(ctx);
	return answered;
}

const trigger = new ErpNextTrigger();
const methods = trigger.webhookMethods.default;
let erp: ErpNextServer;
const LEAD_PARAMS: IDataObject = { doctype: 'Lead', events: ['after_insert', 'on_update'], fields: 'lead_name, company_name, email_id', onlyWhenChanged: '', options: {} };

beforeAll(async () => {
	erp = await startErpNextServer({ apiKey: API_KEY, apiSecret: API_SECRET });
});
afterAll(async () => {
	await erp.stop();
});

function hooksAtUrl() {
	return erp.state.all('Webhook').filter((w) => w.request_url === WEBHOOK_URL);
}

describe('webhook lifecycle against the contract server', () => {
	let h: Harness;
	beforeEach(async () => {
		// Start each case from an empty URL, removing whatever a previous case left.
		const cleaner: Harness = { staticData: {}, logs: [], requests: [] };
		await methods.delete.call(hookContext(cleaner, LEAD_PARAMS));
		h = { staticData: {}, logs: [], requests: [] };
	});

	it('registers one signed JSON Webhook per event with the derived secret, keeping names and only its fingerprint in static data', async () => {
		expect(await methods.checkExists.call(hookContext(h, LEAD_PARAMS))).toBe(false);
		expect(await methods.create.call(hookContext(h, LEAD_PARAMS))).toBe(true);
		const hooks = hooksAtUrl();
		expect(hooks.map((w) => w.webhook_docevent).sort()).toEqual(['after_insert', 'on_update']);
		for (const w of hooks) {
			expect(w).toMatchObject({ webhook_doctype: 'Lead', enabled: 1, request_method: 'POST', request_structure: 'JSON', enable_security: 1, webhook_headers: [{ key: 'Content-Type', value: 'application/json' }] });
		}
		const state = readState(h.staticData);
		expect(state.webhookNames.sort()).toEqual(hooks.map((w) => w.name).sort());
		const secret = deriveSecret({ apiKey: API_KEY, apiSecret: API_SECRET, workflowId: 'wf-erp-trigger', nodeId: 'node-erp-trigger', rotation: 0 });
		expect(hooks.every((w) => w.webhook_secret === secret)).toBe(true);
		expect(secret.length).toBeGreaterThanOrEqual(43);
		expect(state).toMatchObject({ secret: '', secretId: secretFingerprint(secret) });
		expect(JSON.stringify(h.staticData)).not.toContain(secret);
		expect(await methods.checkExists.call(hookContext(h, LEAD_PARAMS))).toBe(true);
	});

	it('re-registers when a Webhook was disabled or deleted in ERPNext, or the settings changed', async () => {
		await methods.create.call(hookContext(h, LEAD_PARAMS));
		const [first] = readState(h.staticData).webhookNames;
		await fetch(`${erp.url}/api/resource/Webhook/${first}`, { method: 'PUT', headers: { Authorization: `token ${API_KEY}:${API_SECRET}`, 'Content-Type': 'application/json' }, body: '{"enabled":0}' });
		expect(await methods.checkExists.call(hookContext(h, LEAD_PARAMS))).toBe(false);
		await methods.create.call(hookContext(h, LEAD_PARAMS));
		expect(await methods.checkExists.call(hookContext(h, LEAD_PARAMS))).toBe(true);
		expect(await methods.checkExists.call(hookContext(h, { ...LEAD_PARAMS, fields: 'lead_name, status' }))).toBe(false);
		expect(hooksAtUrl()).toHaveLength(2);
	});

	it('removes orphans pointing at its URL (disable, then delete) before registering', async () => {
		const [orphan] = erp.state.seed('Webhook', [{ webhook_doctype: 'Lead', webhook_docevent: 'on_trash', enabled: 1, request_url: WEBHOOK_URL }]);
		const [foreign] = erp.state.seed('Webhook', [{ webhook_doctype: 'Lead', webhook_docevent: 'on_update', enabled: 1, request_url: 'https://other.example/hook' }]);
		const before = erp.requests.length;
		await methods.create.call(hookContext(h, LEAD_PARAMS));
		const writes = erp.requests.slice(before).filter((r) => r.method !== 'GET' && r.path.includes(orphan.name));
		expect(writes.map((r) => `${r.method} ${JSON.stringify(r.body ?? null)}`)).toEqual(['PUT {"enabled":0}', 'DELETE null']);
		expect(erp.state.get('Webhook', orphan.name)).toBeUndefined();
		expect(erp.state.get('Webhook', foreign.name)).toBeDefined();
		expect(hooksAtUrl()).toHaveLength(2);
	});

	it('disables then deletes its Webhooks on deactivation; the next activation registers the same derived secret', async () => {
		await methods.create.call(hookContext(h, LEAD_PARAMS));
		const names = readState(h.staticData).webhookNames;
		const secret = registeredSecret();
		const before = erp.requests.length;
		expect(await methods.delete.call(hookContext(h, LEAD_PARAMS))).toBe(true);
		const writes = erp.requests.slice(before).filter((r) => r.method !== 'GET');
		expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual(names.flatMap((n) => [`PUT /api/resource/Webhook/${n}`, `DELETE /api/resource/Webhook/${n}`]));
		expect(hooksAtUrl()).toEqual([]);
		expect(readState(h.staticData)).toMatchObject({ webhookNames: [], webhookUrl: '', fingerprint: '' });
		await methods.create.call(hookContext(h, LEAD_PARAMS));
		expect(hooksAtUrl().map((w) => w.webhook_secret)).toEqual([secret, secret]);
	});

	it('keeps the names and logs why (without secrets) when ERPNext refuses the removal', async () => {
		await methods.create.call(hookContext(h, LEAD_PARAMS));
		const secret = registeredSecret();
		h.intercept = (options) =>
			options.method === 'PUT' ? { statusCode: 403, body: { exc_type: 'PermissionError', _server_messages: JSON.stringify([JSON.stringify({ message: 'Insufficient Permission for Webhook' })]) } } : undefined;
		expect(await methods.delete.call(hookContext(h, LEAD_PARAMS))).toBe(false);
		expect(readState(h.staticData).webhookNames).toHaveLength(2);
		const logs = h.logs.join('\n');
		expect(logs).toMatch(/could not remove Webhook HOOK-\d+ from ERPNext: .*Insufficient Permission for Webhook.*System Manager/);
		expect(logs).not.toContain(secret);
		expect(logs).not.toContain(API_SECRET);
		h.intercept = undefined;
		expect(await methods.delete.call(hookContext(h, LEAD_PARAMS))).toBe(true);
		expect(hooksAtUrl()).toEqual([]);
	});

	it('removes the Webhooks it made when ERPNext refuses a later one, and says why', async () => {
		h.intercept = (options) => {
			const inserts = h.requests.filter((r) => r.method === 'POST').length;
			return options.method === 'POST' && inserts === 2
				? { statusCode: 417, body: { exc_type: 'ValidationError', _server_messages: JSON.stringify([JSON.stringify({ message: 'DocType must be Submittable for the selected Doc Event' })]) } }
				: undefined;
		};
		const error = await methods.create.call(hookContext(h, { ...LEAD_PARAMS, events: ['after_insert', 'on_submit'] })).then(
			() => undefined,
			(e: unknown) => e as Error,
		);
		expect(error?.message).toMatch(/417.*DocType must be Submittable/);
		expect(error?.message).not.toContain(deriveSecret({ apiKey: API_KEY, apiSecret: API_SECRET, workflowId: 'wf-erp-trigger', nodeId: 'node-erp-trigger', rotation: 0 }));
		expect(hooksAtUrl()).toEqual([]);
		expect(readState(h.staticData)).toMatchObject({ webhookNames: [], secret: '' });
	});

	it('refuses settings that cannot make a sound template', async () => {
		await expect(methods.create.call(hookContext(h, { ...LEAD_PARAMS, fields: 'status, doc.name' }))).rejects.toThrow(/Fields to Send: not fieldnames: doc\.name/);
		await expect(methods.create.call(hookContext(h, { ...LEAD_PARAMS, events: [] }))).rejects.toThrow(/Events: select at least one event/);
		await expect(methods.create.call(hookContext(h, { ...LEAD_PARAMS, onlyWhenChanged: '*' }))).rejects.toThrow(/Only When Fields Change/);
		expect(hooksAtUrl()).toEqual([]);
	});
});

describe('webhook(): deliveries as ERPNext sends them', () => {
	const h: Harness = { staticData: {}, logs: [], requests: [] };
	let leadName: string;

	beforeAll(async () => {
		await methods.delete.call(hookContext({ staticData: {}, logs: [], requests: [] }, LEAD_PARAMS));
		await methods.create.call(hookContext(h, LEAD_PARAMS));
		[{ name: leadName }] = erp.state.seed('Lead', [{ lead_name: 'Jana Roth', company_name: 'Nordwerk Automation GmbH', email_id: 'jana.roth@nordwerk-automation.de', status: 'Lead' }]);
	});

	const deliver = async (d: { body: string; headers: Record<string, string> }, params = LEAD_PARAMS) => await callWebhook(h, params, d.body, d.headers);

	it('starts the workflow for a signed delivery with the payload plus doctype, name and event', async () => {
		const [d] = prepareDeliveries(erp, 'Lead', leadName, 'after_insert', { urlPrefix: WEBHOOK_URL });
		const r = await deliver(d);
		expect(r.status).toBeUndefined();
		const lead = erp.state.get('Lead', leadName)!;
		expect(r.result.workflowData).toEqual([[{ json: { lead_name: 'Jana Roth', company_name: 'Nordwerk Automation GmbH', email_id: 'jana.roth@nordwerk-automation.de', doctype: 'Lead', name: leadName, modified: lead.modified, event: 'after_insert' } }]]);
		expect(r.result.webhookResponse).toEqual({ status: 'accepted', doctype: 'Lead', name: leadName, event: 'after_insert' });
		expect(JSON.stringify(r.result)).not.toContain(registeredSecret());
	});

	it('answers the on_update double fire, a replay and every bad request itself, starting nothing', async () => {
		const secret = registeredSecret();
		const [insert] = prepareDeliveries(erp, 'Lead', leadName, 'after_insert', { urlPrefix: WEBHOOK_URL });
		const [update] = prepareDeliveries(erp, 'Lead', leadName, 'on_update', { urlPrefix: WEBHOOK_URL });
		const forgedHeaders = { ...insert.headers, 'X-Frappe-Webhook-Signature': frappeSignature('not-the-secret', insert.body) };
		const { 'X-Frappe-Webhook-Signature': _dropped, ...unsignedHeaders } = insert.headers;
		const tampered = insert.body.replace('Jana Roth', 'Mallory');
		const big = JSON.stringify({ ...JSON.parse(insert.body), pad: 'x'.repeat(1024 * 1024) });
		const cases: Array<[string, { body: string; headers: Record<string, string> }, number, string | undefined]> = [
			['on_update of the insert', update, 200, 'double_fire'],
			['replay of the accepted delivery', insert, 200, 'replay'],
			['forged signature', { body: insert.body, headers: forgedHeaders }, 401, undefined],
			['unsigned', { body: insert.body, headers: unsignedHeaders }, 401, undefined],
			['body changed, signature kept', { body: tampered, headers: insert.headers }, 401, undefined],
			['oversized, correctly signed', { body: big, headers: { ...insert.headers, 'X-Frappe-Webhook-Signature': frappeSignature(secret, big) } }, 413, undefined],
		];
		for (const [name, d, status, reason] of cases) {
			const r = await deliver(d);
			expect({ name, status: r.status, workflowData: r.result.workflowData, noWebhookResponse: r.result.noWebhookResponse }).toEqual({ name, status, workflowData: undefined, noWebhookResponse: true });
			if (reason) expect(r.body).toMatchObject({ status: 'ignored', reason });
			expect(JSON.stringify(r.body)).not.toContain(secret);
		}
		expect(h.logs.join('\n')).not.toContain(secret);
	});

	it('verifies the exact bytes whatever their layout (pretty, sorted JSON signed as sent)', async () => {
		const [{ name: prettyName }] = erp.state.seed('Lead', [{ lead_name: 'Ana Pretty', email_id: 'ana@pretty.example' }]);
		const [d] = prepareDeliveries(erp, 'Lead', prettyName, 'after_insert', { layout: 'pretty', urlPrefix: WEBHOOK_URL });
		const r = await callWebhook(h, LEAD_PARAMS, d.body, d.headers);
		expect(r.result.workflowData?.[0]).toHaveLength(1);
		expect(d.body).toContain('\n "doc": {');
	});

	it('lets only one of two racing deliveries of the same version through (state read before either saved)', async () => {
		const [{ name }] = erp.state.seed('Lead', [{ lead_name: 'Carlos Méndez', company_name: 'Envasadora del Norte S.A.', email_id: 'cmendez@envasadoranorte.mx' }]);
		const snapshot = JSON.parse(JSON.stringify(h.staticData)) as IDataObject;
		const [insert] = prepareDeliveries(erp, 'Lead', name, 'after_insert', { urlPrefix: WEBHOOK_URL });
		const [update] = prepareDeliveries(erp, 'Lead', name, 'on_update', { urlPrefix: WEBHOOK_URL });
		const a = await callWebhook({ staticData: JSON.parse(JSON.stringify(snapshot)), logs: [], requests: [] }, LEAD_PARAMS, update.body, update.headers);
		const b = await callWebhook({ staticData: JSON.parse(JSON.stringify(snapshot)), logs: [], requests: [] }, LEAD_PARAMS, insert.body, insert.headers);
		expect(a.result.workflowData?.[0][0].json).toMatchObject({ name, event: 'on_update', lead_name: 'Carlos Méndez' });
		expect(b).toMatchObject({ status: 200, body: { reason: 'double_fire' } });
	});

	it('answers 401 when nothing is registered (no secret in static data)', async () => {
		const [d] = prepareDeliveries(erp, 'Lead', leadName, 'after_insert', { urlPrefix: WEBHOOK_URL });
		const r = await callWebhook({ staticData: {}, logs: [], requests: [] }, LEAD_PARAMS, d.body, d.headers);
		expect(r).toMatchObject({ status: 401, result: { noWebhookResponse: true } });
	});

	it('records accepted deliveries from execute(), so another process refuses their replay and knows the stage', async () => {
		const OPP_PARAMS: IDataObject = { doctype: 'Opportunity', events: ['on_update'], fields: 'opportunity_amount', onlyWhenChanged: 'sales_stage', options: {} };
		const [{ name }] = erp.state.seed('Opportunity', [{ sales_stage: 'Prospecting', opportunity_amount: 4200 }]);
		// Static data as written before issue 14 (a clear-text secret, no fingerprint): the node ids differ per
		// simulated process, so a derived secret would differ too; the stored one is honoured until re-activation.
		const legacySecret = 'legacy-clear-text-secret-0123456789abcdefghijk';
		const fixture = { secret: legacySecret, webhookNames: [], webhookUrl: WEBHOOK_URL, fingerprint: '', seen: [], snapshots: [] };
		erp.state.seed('Webhook', [{ ...webhookDoc(config({ doctype: 'Opportunity', events: ['on_update'], fields: ['opportunity_amount'], watch: ['sales_stage'] }), 'on_update', WEBHOOK_URL, legacySecret), name: 'HOOK-OPP-EXEC' }]);
		const [d] = prepareDeliveries(erp, 'Opportunity', name, 'on_update', { urlPrefix: WEBHOOK_URL });
		// Main process: the webhook call accepts; n8n would not save its static data.
		const main: Harness = { staticData: JSON.parse(JSON.stringify(fixture)), logs: [], requests: [] };
		const accepted = await callWebhook(main, OPP_PARAMS, d.body, d.headers, 'node-opp-a');
		const items = accepted.result.workflowData![0];
		expect(items[0].json).toMatchObject({ name, sales_stage: 'Prospecting', changed_fields: ['sales_stage'] });
		// The execution (think: a queue worker, no process memory for this node) loads static data fresh.
		const execution: Harness = { staticData: JSON.parse(JSON.stringify(fixture)), logs: [], requests: [] };
		const out = await callExecute(execution, OPP_PARAMS, items, 'node-opp-b');
		expect(out).toEqual([[{ ...items[0], pairedItem: { item: 0 } }]]);
		const saved = readState(execution.staticData);
		expect(saved.seen).toHaveLength(1);
		expect(saved.snapshots.map(([n]) => n)).toEqual([name]);
		// A process that only knows the saved static data refuses the replay ...
		const replay = await callWebhook({ staticData: JSON.parse(JSON.stringify(execution.staticData)), logs: [], requests: [] }, OPP_PARAMS, d.body, d.headers, 'node-opp-c');
		expect(replay).toMatchObject({ status: 200, body: { reason: 'replay' } });
		// ... and sees that a later save did not touch sales_stage.
		await fetch(`${erp.url}/api/resource/Opportunity/${name}`, { method: 'PUT', headers: { Authorization: `token ${API_KEY}:${API_SECRET}`, 'Content-Type': 'application/json' }, body: '{"opportunity_amount": 5100}' });
		const [later] = prepareDeliveries(erp, 'Opportunity', name, 'on_update', { urlPrefix: WEBHOOK_URL });
		const unchanged = await callWebhook({ staticData: JSON.parse(JSON.stringify(execution.staticData)), logs: [], requests: [] }, OPP_PARAMS, later.body, later.headers, 'node-opp-d');
		expect(unchanged).toMatchObject({ status: 200, body: { reason: 'unchanged' } });
	});

	it('writes nothing from execute() on static data that holds no registration (a queue worker), so the saved secret survives', async () => {
		const [{ name }] = erp.state.seed('Lead', [{ lead_name: 'Queue Worker Lead' }]);
		const item = { json: { doctype: 'Lead', name, modified: '2026-11-02 10:00:00.000000', event: 'after_insert', lead_name: 'Queue Worker Lead' } };
		const worker: Harness = { staticData: {}, logs: [], requests: [] };
		expect(await callExecute(worker, LEAD_PARAMS, [item], 'node-queue-worker')).toEqual([[{ ...item, pairedItem: { item: 0 } }]]);
		expect(worker.staticData).toEqual({});
		// With the registration loaded (single process), the same delivery is recorded.
		const main: Harness = { staticData: { secret: 's3cret-value', webhookNames: ['HOOK-1'], webhookUrl: WEBHOOK_URL, fingerprint: 'f' }, logs: [], requests: [] };
		await callExecute(main, LEAD_PARAMS, [item], 'node-queue-main');
		expect(readState(main.staticData)).toMatchObject({ secret: 's3cret-value', webhookNames: ['HOOK-1'] });
		expect(readState(main.staticData).seen).toHaveLength(1);
	});

	it('passes items that are not deliveries through execute() untouched', async () => {
		const items = [{ json: { hello: 'world' } }];
		expect(await callExecute({ staticData: {}, logs: [], requests: [] }, LEAD_PARAMS, items)).toEqual([[{ json: { hello: 'world' }, pairedItem: { item: 0 } }]]);
	});
});
