// The ERPNext Trigger inside a real n8n 2.41: activating its workflows registers signed Frappe
// Webhooks on the ERPNext contract server (and clears an orphan left at its URL); deliveries made the
// way Frappe makes them (tests/support/frappeWebhookSender.mts) start exactly one execution each, while
// forged, unsigned, tampered, replayed, double-fired and oversized ones are answered by the node and
// start none (executions counted over n8n's REST API); the sales_stage filter starts executions only
// on a change, and what the trigger remembers reaches n8n's database; deactivating over REST disables,
// then deletes the Webhooks, and re-activating makes new ones that still refuse replays. Security review
// (issue 14): the secret ERPNext holds is nowhere in what n8n's REST API returns for the workflow (H4),
// and a trigger whose credential ERPNext refuses fails its activation visibly (L3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort, startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer, type RecordedRequest } from '../contract/erpnext-server.mts';
import { frappeSignature, prepareDeliveries, send, type DeliveryResult, type PreparedDelivery } from '../support/frappeWebhookSender.mts';

const CRED_ID = 'ltcErpTrigCred01';
const API_KEY = 'trigger-n8n-key';
const API_SECRET = 'trigger-n8n-secret-5e6f';
const LEAD_HOOK_ID = 'b7d3c1e0-5a4f-4d8e-9c1b-1ead0000a001';
const OPP_HOOK_ID = 'c8e4d2f1-6b5a-4e9f-8d2c-0pp000000b02';
const BAD_CRED_ID = 'ltcErpTrigBadCr1';
const WRONG_API_SECRET = 'wrong-api-secret-canary-31f4';
const BAD_HOOK_ID = 'd9f5e3a2-7c6b-4fa0-9e3d-bad000000c03';

function triggerWorkflow(id: string, webhookId: string, parameters: Record<string, unknown>, credentialId = CRED_ID): WorkflowFixture {
	return {
		id,
		name: `ERPNext Trigger test ${id}`,
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'ERPNext Trigger',
				type: 'n8n-nodes-lead-to-close.erpNextTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters,
				credentials: { leadToCloseErpNextApi: { id: credentialId, name: credentialId === CRED_ID ? 'ERPNext contract server' : 'ERPNext wrong secret' } },
			},
			{ id: `${id}-noop`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { 'ERPNext Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const leadWorkflow = triggerWorkflow('ltcErpTrigLead01', LEAD_HOOK_ID, {
	doctype: 'Lead',
	events: ['after_insert', 'on_update'],
	fields: 'lead_name, company_name, email_id, status',
	onlyWhenChanged: '',
	// These tests deliver by webhook only; the catch-up poll has its own file (erpNextTriggerCatchUp).
	options: { catchUp: false },
});
const oppWorkflow = triggerWorkflow('ltcErpTrigOpp001', OPP_HOOK_ID, {
	doctype: 'Opportunity',
	events: ['on_update'],
	fields: 'opportunity_amount',
	onlyWhenChanged: 'sales_stage',
	options: { catchUp: false },
});

// The same trigger with a credential whose API secret ERPNext refuses (401 AuthenticationError).
const badCredWorkflow = triggerWorkflow(
	'ltcErpTrigBadCr01',
	BAD_HOOK_ID,
	{ doctype: 'Lead', events: ['after_insert'], fields: 'lead_name', onlyWhenChanged: '', options: { catchUp: false } },
	BAD_CRED_ID,
);

let n8n: N8nInstance;
let erp: ErpNextServer;
let leadUrl: string;
let oppUrl: string;
let orphanName: string;
let firstInsert: PreparedDelivery;
/** Round-trip times per kind of delivery, printed at the end (measured, never asserted). */
const timings = new Map<string, number[]>();

async function timedSend(d: PreparedDelivery, kind: string): Promise<DeliveryResult> {
	const started = performance.now();
	const r = await send(d);
	timings.set(kind, [...(timings.get(kind) ?? []), performance.now() - started]);
	return r;
}

/** Executions of a workflow once all of them have finished (waits for running ones, no timing checks). */
async function finishedExecutions(workflowId: string): Promise<Array<{ id: string; status: string }>> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const list = await n8n.executions(workflowId);
		if (list.every((e) => !['new', 'running', 'waiting'].includes(e.status))) return list;
		if (Date.now() > deadline) throw new Error(`executions still running: ${JSON.stringify(list)}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** Waits for a condition that n8n brings about in the background (publication registers triggers after
 * the activate call has answered); fails with `what` after 60 s. */
async function until(what: string, condition: () => boolean): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}; n8n log:\n${n8n.log().slice(-2000)}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

async function erpPut(doctype: string, name: string, patch: Record<string, unknown>): Promise<void> {
	const r = await fetch(`${erp.url}/api/resource/${encodeURIComponent(doctype)}/${encodeURIComponent(name)}`, {
		method: 'PUT',
		headers: { Authorization: `token ${API_KEY}:${API_SECRET}`, 'Content-Type': 'application/json', Accept: 'application/json' },
		body: JSON.stringify(patch),
	});
	expect(r.status).toBe(200);
}

const hooksAt = (url: string) => erp.state.all('Webhook').filter((w) => w.request_url === url);
const writesTo = (requests: RecordedRequest[], name: string) =>
	requests.filter((r) => r.method !== 'GET' && r.path === `/api/resource/Webhook/${name}`).map((r) => `${r.method} ${JSON.stringify(r.body ?? null)}`);

beforeAll(async () => {
	erp = await startErpNextServer({ apiKey: API_KEY, apiSecret: API_SECRET });
	const port = await freePort();
	leadUrl = `http://127.0.0.1:${port}/webhook/${LEAD_HOOK_ID}/webhook`;
	oppUrl = `http://127.0.0.1:${port}/webhook/${OPP_HOOK_ID}/webhook`;
	// An orphan from an earlier life of this node (crash, lost static data) pointing at its URL.
	[{ name: orphanName }] = erp.state.seed('Webhook', [
		{ webhook_doctype: 'Lead', webhook_docevent: 'on_update', enabled: 1, request_url: leadUrl, request_structure: 'JSON', webhook_json: '{}', enable_security: 1, webhook_secret: 'old-secret' },
	]);
	n8n = await startN8n({
		port,
		credentials: [
			{ id: CRED_ID, name: 'ERPNext contract server', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, apiKey: API_KEY, apiSecret: API_SECRET } },
			{ id: BAD_CRED_ID, name: 'ERPNext wrong secret', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, apiKey: API_KEY, apiSecret: WRONG_API_SECRET } },
		],
		workflows: [leadWorkflow, oppWorkflow, badCredWorkflow],
		activate: [leadWorkflow.id, oppWorkflow.id, badCredWorkflow.id],
	});
	await until('both workflows registered their Webhooks', () => hooksAt(leadUrl).length === 2 && hooksAt(oppUrl).length === 1);
});

afterAll(async () => {
	const fmt = (xs: number[]) => {
		const s = [...xs].sort((a, b) => a - b);
		return `n=${s.length} median=${s[Math.floor(s.length / 2)].toFixed(1)} ms max=${s[s.length - 1].toFixed(1)} ms`;
	};
	console.log(`ERPNext Trigger round trips through real n8n: ${[...timings].map(([kind, xs]) => `${kind} ${fmt(xs)}`).join('; ')}`);
	await n8n?.stop();
	await erp?.stop();
});

describe('ERPNext Trigger in a real n8n', () => {
	it('registers one signed JSON Webhook per event at its production URL on activation, after removing the orphan', async () => {
		const lead = hooksAt(leadUrl);
		expect(lead.map((w) => w.webhook_docevent).sort()).toEqual(['after_insert', 'on_update']);
		for (const w of lead) {
			expect(w).toMatchObject({
				webhook_doctype: 'Lead',
				enabled: 1,
				request_url: leadUrl,
				request_method: 'POST',
				request_structure: 'JSON',
				webhook_headers: [expect.objectContaining({ key: 'Content-Type', value: 'application/json' })],
				enable_security: 1,
			});
			expect(typeof w.webhook_secret === 'string' && w.webhook_secret.length >= 43).toBe(true);
			expect(w.webhook_json).toContain('"event": "' + String(w.webhook_docevent) + '"');
		}
		expect(new Set(lead.map((w) => w.webhook_secret)).size).toBe(1);
		// What n8n POSTed, as the contract server recorded it.
		const posted = erp.requests.filter((r) => r.method === 'POST' && r.path === '/api/resource/Webhook' && (r.body as { request_url?: string }).request_url === leadUrl);
		expect(posted.map((r) => r.status)).toEqual([200, 200]);
		for (const r of posted) {
			expect(Object.keys(r.body as object).sort()).toEqual(
				['enable_security', 'enabled', 'request_method', 'request_structure', 'request_url', 'webhook_docevent', 'webhook_doctype', 'webhook_headers', 'webhook_json', 'webhook_secret'].sort(),
			);
			expect(r.headers['content-type']).toContain('application/json');
		}
		expect(hooksAt(oppUrl).map((w) => [w.webhook_doctype, w.webhook_docevent])).toEqual([['Opportunity', 'on_update']]);
		expect(hooksAt(oppUrl)[0].webhook_secret).not.toBe(lead[0].webhook_secret);
		// The orphan was disabled, then deleted.
		expect(writesTo(erp.requests, orphanName)).toEqual(['PUT {"enabled":0}', 'DELETE null']);
		expect(erp.state.get('Webhook', orphanName)).toBeUndefined();
		// Every registration call carried the credential's token (the wrong-credential workflow's refused
		// calls aside: those are GETs only, answered 401).
		const wrongToken = `token ${API_KEY}:${WRONG_API_SECRET}`;
		expect(erp.requests.filter((r) => r.path.startsWith('/api/resource/Webhook') && r.headers.authorization !== `token ${API_KEY}:${API_SECRET}` && r.headers.authorization !== wrongToken)).toEqual([]);
		expect(erp.requests.filter((r) => r.headers.authorization === wrongToken && (r.method !== 'GET' || r.status !== 401))).toEqual([]);
	});

	it('H4: the Webhook secret ERPNext holds is nowhere in the workflow n8n serves over REST (static data holds only a fingerprint)', async () => {
		const secrets = [...hooksAt(leadUrl), ...hooksAt(oppUrl)].map((w) => String(w.webhook_secret));
		expect(secrets.every((s) => s.length >= 43)).toBe(true);
		for (const id of [leadWorkflow.id, oppWorkflow.id]) {
			const wf = await n8n.rest<{ data: { staticData: Record<string, Record<string, unknown>> | null } }>('GET', `/workflows/${id}`);
			expect(wf.status).toBe(200);
			const served = JSON.stringify(wf.body);
			for (const secret of secrets) expect(served).not.toContain(secret);
			const stored = wf.body.data.staticData?.['node:ERPNext Trigger'];
			expect(stored).toMatchObject({ secretId: expect.stringMatching(/^[0-9a-f]{16}$/) });
			expect(stored).not.toHaveProperty('secret');
		}
	});

	it('L3: activation with a credential ERPNext refuses fails visibly, naming the problem and no secret', async () => {
		type Status = { status: string; triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }> };
		let status: Status | undefined;
		// n8n 2.41 retries a failing webhook registration (5 attempts with back-off) before it reports.
		const deadline = Date.now() + 90_000;
		for (;;) {
			const r = await n8n.rest<{ data: Status }>('GET', `/workflows/${badCredWorkflow.id}/publication-status`);
			status = r.body.data;
			if (status?.status === 'failed' || status?.status === 'published' || Date.now() > deadline) break;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		expect(status).toMatchObject({ status: 'failed', triggers: [{ nodeId: `${badCredWorkflow.id}-trigger`, status: 'failed' }] });
		const message = String(status?.triggers[0].errorMessage);
		expect(message).toMatch(/ERPNext 401 AuthenticationError/);
		expect(message).toMatch(/check the API key and secret of the ERPNext credential/);
		for (const secret of [WRONG_API_SECRET, API_SECRET]) expect(message).not.toContain(secret);
		expect(hooksAt(`http://127.0.0.1:${new URL(leadUrl).port}/webhook/${BAD_HOOK_ID}/webhook`)).toEqual([]);
	}, 120_000);

	it('starts exactly one execution for a signed delivery and none for the on_update double fire', async () => {
		const [{ name }] = erp.state.seed('Lead', [{ lead_name: 'Jana Roth', company_name: 'Nordwerk Automation GmbH', email_id: 'jana.roth@nordwerk-automation.de', status: 'Lead' }]);
		const [insert] = prepareDeliveries(erp, 'Lead', name, 'after_insert', { urlPrefix: leadUrl });
		const [update] = prepareDeliveries(erp, 'Lead', name, 'on_update', { urlPrefix: leadUrl });
		firstInsert = insert;
		const first = await n8n.waitForWebhook(`${LEAD_HOOK_ID}/webhook`, { method: 'POST', headers: insert.headers, body: insert.body });
		expect(first.status).toBe(200);
		expect(await first.json()).toEqual({ status: 'accepted', doctype: 'Lead', name, event: 'after_insert' });
		const second = await timedSend(update, 'double_fire');
		expect(second.status).toBe(200);
		expect(JSON.parse(second.text)).toMatchObject({ status: 'ignored', reason: 'double_fire' });
		const executions = await finishedExecutions(leadWorkflow.id);
		expect(executions).toHaveLength(1);
		expect(executions[0].status).toBe('success');
		const data = JSON.stringify((await n8n.execution(executions[0].id)).data);
		for (const expected of [name, 'after_insert', 'Nordwerk Automation GmbH', 'jana.roth@nordwerk-automation.de']) expect(data).toContain(expected);
		expect(data).not.toContain(String(hooksAt(leadUrl)[0].webhook_secret));
	});

	it('refuses 100% of forged, unsigned, tampered, replayed and oversized deliveries: 0 executions', async () => {
		const before = (await finishedExecutions(leadWorkflow.id)).length;
		const [{ name }] = erp.state.seed('Lead', [{ lead_name: 'Carlos Méndez', company_name: 'Envasadora del Norte S.A.', email_id: 'cmendez@envasadoranorte.mx' }]);
		const [insert] = prepareDeliveries(erp, 'Lead', name, 'after_insert', { urlPrefix: leadUrl });
		const accepted = await timedSend(insert, 'accepted');
		expect(accepted.status).toBe(200);
		const secret = String(hooksAt(leadUrl)[0].webhook_secret);
		const { 'X-Frappe-Webhook-Signature': _signature, ...unsigned } = insert.headers;
		const big = insert.body.replace('"doc": {', `"doc": {"notes": "${'x'.repeat(1_200_000)}", `);
		const variants: Array<[string, PreparedDelivery, number]> = [];
		for (let i = 0; i < 5; i++) {
			const forgedBody = insert.body.replace('Carlos', `Carlos${i}`);
			variants.push(['forged', { ...insert, body: forgedBody, headers: { ...insert.headers, 'X-Frappe-Webhook-Signature': frappeSignature(`guess-${i}`, forgedBody) } }, 401]);
			variants.push(['unsigned', { ...insert, headers: unsigned }, 401]);
			variants.push(['tampered', { ...insert, body: insert.body.replace('Envasadora', `Evil${i}`) }, 401]);
			variants.push(['replayed', insert, 200]);
		}
		variants.push(['oversized', { ...insert, body: big, headers: { ...insert.headers, 'X-Frappe-Webhook-Signature': frappeSignature(secret, big) } }, 413]);
		const results = [];
		for (const [kind, d, status] of variants) {
			const r = await timedSend(d, kind);
			results.push({ kind, status: r.status, expected: status });
			expect(r.text).not.toContain(secret);
		}
		expect(results.filter((r) => r.status !== r.expected)).toEqual([]);
		const after = await finishedExecutions(leadWorkflow.id);
		// Exactly the one accepted delivery: every refused one (21 of 21) started nothing.
		expect(after.length - before).toBe(1);
		expect(n8n.log()).not.toContain(secret);
	});

	it('starts one execution per signed delivery: 20 new Leads, 20 executions', async () => {
		const before = (await finishedExecutions(leadWorkflow.id)).length;
		const leads = erp.state.seed(
			'Lead',
			Array.from({ length: 20 }, (_, i) => ({ lead_name: `Buyer ${i}`, company_name: `Plant ${i} GmbH`, email_id: `buyer${i}@plant${i}.de` })),
		);
		for (const lead of leads) {
			const [d] = prepareDeliveries(erp, 'Lead', lead.name, 'after_insert', { urlPrefix: leadUrl });
			expect((await timedSend(d, 'accepted')).status).toBe(200);
		}
		const after = await finishedExecutions(leadWorkflow.id);
		expect(after.length - before).toBe(20);
		expect(after.every((e) => e.status === 'success')).toBe(true);
	});

	it('lets one of two racing deliveries of the same version through', async () => {
		const before = (await finishedExecutions(leadWorkflow.id)).length;
		const [{ name }] = erp.state.seed('Lead', [{ lead_name: 'Mei Tanaka', company_name: 'Kansai Seiko KK', email_id: 'm.tanaka@kansai-seiko.jp' }]);
		const deliveries = [...prepareDeliveries(erp, 'Lead', name, 'after_insert', { urlPrefix: leadUrl }), ...prepareDeliveries(erp, 'Lead', name, 'on_update', { urlPrefix: leadUrl })];
		const results = await Promise.all(deliveries.map((d) => send(d)));
		expect(results.map((r) => r.status)).toEqual([200, 200]);
		expect(results.filter((r) => r.text.includes('double_fire'))).toHaveLength(1);
		expect((await finishedExecutions(leadWorkflow.id)).length - before).toBe(1);
	});

	it('starts the Opportunity workflow only when sales_stage changed', async () => {
		const [{ name }] = erp.state.seed('Opportunity', [{ opportunity_from: 'Lead', party_name: 'CRM-LEAD-2026-00001', sales_stage: 'Prospecting', opportunity_amount: 12000, company: 'Lead to Close GmbH' }]);
		const deliver = async () => {
			const [d] = prepareDeliveries(erp, 'Opportunity', name, 'on_update', { urlPrefix: oppUrl });
			const r = await timedSend(d, 'change_filter');
			expect(r.status).toBe(200);
			return r.text.includes('"ignored"') ? (JSON.parse(r.text) as { reason: string }).reason : 'started';
		};
		const outcomes = [await deliver()];
		await erpPut('Opportunity', name, { opportunity_amount: 18500 });
		outcomes.push(await deliver());
		await erpPut('Opportunity', name, { sales_stage: 'Proposal/Price Quote' });
		outcomes.push(await deliver());
		await erpPut('Opportunity', name, { opportunity_amount: 17900 });
		outcomes.push(await deliver());
		expect(outcomes).toEqual(['started', 'unchanged', 'started', 'unchanged']);
		const executions = await finishedExecutions(oppWorkflow.id);
		expect(executions).toHaveLength(2);
		const newest = JSON.stringify((await n8n.execution(executions[0].id)).data);
		expect(newest).toContain('Proposal/Price Quote');
		expect(newest).toContain('changed_fields');
		// What the trigger remembers reached the database (through its execute() step for started runs).
		const wf = await n8n.rest<{ data: { staticData: Record<string, { seen: string[]; snapshots: Array<[string, string]>; secret: string }> } }>('GET', `/workflows/${oppWorkflow.id}`);
		const stored = wf.body.data.staticData['node:ERPNext Trigger'];
		expect(stored.seen).toHaveLength(2);
		expect(stored.snapshots.map(([n, modified]) => [n, modified])).toEqual([[name, erp.state.get('Opportunity', name)!.modified]]);
	});

	it('disables, then deletes its Webhooks when deactivated; re-activated, it registers new ones and still refuses replays', async () => {
		const names = hooksAt(leadUrl).map((w) => w.name);
		const secret = String(hooksAt(leadUrl)[0].webhook_secret);
		const [{ name }] = erp.state.seed('Lead', [{ lead_name: 'Sofia Rossi', company_name: 'Meccanica Rossi Srl', email_id: 'sofia@meccanica-rossi.it' }]);
		const [pending] = prepareDeliveries(erp, 'Lead', name, 'after_insert', { urlPrefix: leadUrl });
		const before = erp.requests.length;
		const r = await n8n.rest('POST', `/workflows/${leadWorkflow.id}/deactivate`, {});
		expect(r.status).toBe(200);
		await until('the Lead Webhooks are removed', () => hooksAt(leadUrl).length === 0);
		const requests = erp.requests.slice(before);
		for (const n of names) expect(writesTo(requests, n)).toEqual(['PUT {"enabled":0}', 'DELETE null']);
		expect(hooksAt(oppUrl)).toHaveLength(1);
		const executionsBefore = (await finishedExecutions(leadWorkflow.id)).length;
		expect((await send(pending)).status).toBe(404);

		await n8n.activate(leadWorkflow.id);
		await until('the Lead Webhooks are registered again', () => hooksAt(leadUrl).length === 2);
		const fresh = hooksAt(leadUrl);
		expect(fresh.map((w) => w.webhook_docevent).sort()).toEqual(['after_insert', 'on_update']);
		expect(fresh.some((w) => names.includes(w.name))).toBe(false);
		// The secret is kept for the node's life, so a long execution saving old static data cannot break it.
		expect(fresh.map((w) => w.webhook_secret)).toEqual([secret, secret]);
		const accepted = await n8n.waitForWebhook(`${LEAD_HOOK_ID}/webhook`, { method: 'POST', headers: pending.headers, body: pending.body });
		expect(accepted.status).toBe(200);
		const replay = await send(firstInsert);
		expect(JSON.parse(replay.text)).toMatchObject({ status: 'ignored', reason: 'replay' });
		expect((await finishedExecutions(leadWorkflow.id)).length - executionsBefore).toBe(1);
	});
});
