// The trigger on Frappe CRM's doctypes (issue 18), one poll at a time against the Frappe contract server
// hosting the Frappe CRM app (apps: ['crm'], frappe/crm @ 8b7dfdde). New CRM Leads (After Insert): a
// webhook delivery is taken once, a dropped one is caught up once, and a Comment on the lead — which
// bumps its `modified` (crm/utils on_comment_insert, mirrored by the fake) — is never taken for an insert.
// CRM Deal status changes (On Update, only when status changes): a status change is caught up, a comment
// that only moves `modified` is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErpNextClient } from '../../connectors/erpnext';
import { pollMissedChanges } from '../../nodes/ErpNextTrigger/catchUpPoll';
import { checkRequest, decideDelivery, emptyMemory, type Payload } from '../../nodes/ErpNextTrigger/deliveryGate';
import { webhookDoc, type TriggerConfig } from '../../nodes/ErpNextTrigger/webhookDoc';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { FRAPPE_CRM_TRANSITIONS, fireTransition, prepareDeliveries, webhookEventsFor } from '../support/frappeWebhookSender.mts';

const AUTH = { Authorization: 'token k:s', 'Content-Type': 'application/json', Accept: 'application/json' };
const HOOK = 'http://127.0.0.1:9/webhook/crm/webhook';
const SECRET = 'crm-hook-secret';

let crm: ErpNextServer;
let client: ErpNextClient;

async function call(path: string, body: Record<string, unknown>): Promise<{ name: string; modified: string }> {
	const res = await fetch(`${crm.url}${path}`, { method: 'POST', headers: AUTH, body: JSON.stringify(body) });
	expect(res.status).toBe(200);
	const json = (await res.json()) as { data?: { name: string; modified: string }; message?: { name: string; modified: string } };
	return (json.data ?? json.message)!;
}

const newLead = async (first_name: string) => (await call('/api/resource/CRM%20Lead', { first_name, organization: `${first_name} GmbH`, email: `${first_name.toLowerCase()}@example.com` })).name;
const comment = async (doctype: string, name: string) =>
	await call('/api/method/frappe.desk.form.utils.add_comment', { reference_doctype: doctype, reference_name: name, content: 'AI qualification: 71/100 (B)', comment_email: 'n8n@example.com', comment_by: 'n8n' });

beforeAll(async () => {
	crm = await startErpNextServer({ apiKey: 'k', apiSecret: 's', apps: ['crm'] });
	client = ErpNextClient.withToken({ baseUrl: crm.url, apiKey: 'k', apiSecret: 's' });
});
afterAll(async () => await crm?.stop());

describe('new CRM Lead (After Insert)', () => {
	const config: TriggerConfig = { doctype: 'CRM Lead', events: ['after_insert'], fields: 'all', watch: [], condition: '', dedupe: true, maxBodyBytes: 1 << 20, maxAgeHours: 24 };
	const memory = emptyMemory();
	const poll = async () => await pollMissedChanges(client, config, memory, (p) => decideDelivery(p, config, memory, 'poll'));

	beforeAll(async () => {
		await newLead('History');
		// The trigger's registered Webhook, as the node would register it.
		crm.state.seed('Webhook', [webhookDoc(config, 'after_insert', HOOK, SECRET)]);
		expect((await poll()).started).toBe(true);
	});

	it('a delivered new lead is taken once; the audit comment that bumps its modified starts nothing', async () => {
		const lead = await newLead('Greta');
		const [delivery] = prepareDeliveries(crm, 'CRM Lead', lead, 'after_insert');
		const checked = checkRequest({ body: Buffer.from(delivery.body), signature: delivery.headers['X-Frappe-Webhook-Signature'], secret: SECRET, maxBodyBytes: 1 << 20 });
		expect(checked.ok).toBe(true);
		const payload = (checked as { payload: Payload }).payload;
		expect(payload).toMatchObject({ doctype: 'CRM Lead', name: lead, event: 'after_insert', doc: { lead_name: 'Greta', status: 'New' } });
		expect(decideDelivery(payload, config, memory)).toMatchObject({ kind: 'accept' });
		// The replay of the same signed body is refused.
		expect(decideDelivery(payload, config, memory)).toMatchObject({ kind: 'ignore', reason: 'replay' });

		const before = crm.state.get('CRM Lead', lead)!.modified;
		await new Promise((r) => setTimeout(r, 5));
		await comment('CRM Lead', lead);
		expect(crm.state.get('CRM Lead', lead)!.modified).not.toBe(before);
		// The lead was created after the cursor, so the poll stands it for an insert: the gate knows better.
		const polled = await poll();
		expect(polled.fetched).toBe(1);
		expect(polled.delivered).toEqual([]);
	});

	it('a dropped delivery is caught up once, and the comment written afterwards starts nothing', async () => {
		const lead = await newLead('Hugo');
		const caught = await poll();
		expect(caught.delivered.map((d) => [d.payload.name, d.payload.event, d.payload.doc.lead_name])).toEqual([[lead, 'after_insert', 'Hugo']]);
		// Frappe's late retry of the lost request carries the body rendered at the insert.
		const [late] = prepareDeliveries(crm, 'CRM Lead', lead, 'after_insert');
		await new Promise((r) => setTimeout(r, 5));
		await comment('CRM Lead', lead);
		expect((await poll()).delivered).toEqual([]);
		const gate = (body: string, signature: string) => {
			const checked = checkRequest({ body: Buffer.from(body), signature, secret: SECRET, maxBodyBytes: 1 << 20 });
			return checked.ok && decideDelivery(checked.payload, config, memory);
		};
		expect(gate(late.body, late.headers['X-Frappe-Webhook-Signature'])).toMatchObject({ kind: 'ignore', reason: 'replay' });
		// An insert delivery of the commented version (no Frappe sends one) is no insert either.
		const [current] = prepareDeliveries(crm, 'CRM Lead', lead, 'after_insert');
		expect(gate(current.body, current.headers['X-Frappe-Webhook-Signature'])).toMatchObject({ kind: 'ignore', reason: 'double_fire' });
	});

	it('a lead created and commented on before the poll is still caught up once', async () => {
		const lead = await newLead('Ines');
		await comment('CRM Lead', lead);
		expect((await poll()).delivered.map((d) => d.payload.name)).toEqual([lead]);
		expect((await poll()).delivered).toEqual([]);
	});
});

describe('CRM Deal status changed (On Update, only when status changes)', () => {
	const config: TriggerConfig = { doctype: 'CRM Deal', events: ['on_update'], fields: ['status', 'organization'], watch: ['status'], condition: '', dedupe: true, maxBodyBytes: 1 << 20, maxAgeHours: 24 };
	const memory = emptyMemory();
	const poll = async () => await pollMissedChanges(client, config, memory, (p) => decideDelivery(p, config, memory, 'poll'));
	let deal: string;

	beforeAll(async () => {
		// Seeded as stored (the deal statuses are install records of another slice).
		[{ name: deal }] = crm.state.seed('CRM Deal', [{ organization: 'Envasadora del Norte', status: 'Qualification' }]);
		crm.state.seed('Webhook', [webhookDoc(config, 'on_update', HOOK, SECRET)]);
		expect((await poll()).started).toBe(true);
	});

	it('a status change delivered by webhook is taken with the changed field', async () => {
		const change = FRAPPE_CRM_TRANSITIONS.dealStatus('Proposal/Quotation');
		expect(webhookEventsFor(change.actions)).toEqual(['on_update', 'on_change']);
		await new Promise((r) => setTimeout(r, 5));
		expect(await fireTransition(crm, 'CRM Deal', deal, change, { drop: true })).toEqual([]);
		const [delivery] = prepareDeliveries(crm, 'CRM Deal', deal, 'on_update');
		const checked = checkRequest({ body: Buffer.from(delivery.body), signature: delivery.headers['X-Frappe-Webhook-Signature'], secret: SECRET, maxBodyBytes: 1 << 20 });
		expect(checked.ok && checked.payload.doc).toEqual({ status: 'Proposal/Quotation', organization: 'Envasadora del Norte' });
		// First sight of the deal: counts as changed.
		expect(checked.ok && decideDelivery(checked.payload, config, memory)).toEqual({ kind: 'accept', changedFields: ['status'] });
		expect((await poll()).delivered).toEqual([]);
	});

	it('a dropped status change is caught up with the changed field; a comment that only bumps modified is not', async () => {
		await new Promise((r) => setTimeout(r, 5));
		await fireTransition(crm, 'CRM Deal', deal, FRAPPE_CRM_TRANSITIONS.dealStatus('Negotiation'), { drop: true });
		const caught = await poll();
		expect(caught.delivered.map((d) => [d.payload.name, d.payload.event, d.payload.doc.status, d.verdict.changedFields])).toEqual([[deal, 'on_update', 'Negotiation', ['status']]]);
		await new Promise((r) => setTimeout(r, 5));
		await comment('CRM Deal', deal);
		const afterComment = await poll();
		expect(afterComment.fetched).toBe(1);
		expect(afterComment.delivered).toEqual([]);
		await new Promise((r) => setTimeout(r, 5));
		await fireTransition(crm, 'CRM Deal', deal, FRAPPE_CRM_TRANSITIONS.dealStatus('Won'), { drop: true });
		expect((await poll()).delivered.map((d) => [d.payload.doc.status, d.verdict.changedFields])).toEqual([['Won', ['status']]]);
	});
});
