// workflows/lead-to-close.json end to end in a real n8n 2.41: a quote routed to review is approved or
// rejected in the ERPNext desk (issue 19). Against the contract servers (ERPNext, InvenTree, Mautic) and
// a throwaway metrics database (dashboards/schema.sql on the machine's PostgreSQL). The ERPNext desk is
// played with the webhooks a real ERPNext sends for each action (tests/support/frappeWebhookSender.mts):
// submit = on_update, on_submit, on_change; Declare Lost = on_change (db_set, then a save after submit).
// The test copy changes two things only: the Outreach sends decide at a fixed Tuesday morning (quiet
// hours), and the Grace Period waits 6 seconds instead of 10 minutes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ROOT, startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type Doc, type ErpNextServer } from '../contract/erpnext-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer } from '../contract/mautic-server.mts';
import { SAMPLE_CATALOG, mirrorCatalog } from '../nodes/support/quoteFixtures.mts';
import { QUOTATION_TRANSITIONS, fireEvent, prepareDeliveries, send, webhookEventsFor, type FrappeAction } from '../support/frappeWebhookSender.mts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.mts';
import { storedExecution } from './support/metricsExecutions.mts';

interface Node {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	[key: string]: unknown;
}
interface Pipeline extends WorkflowFixture {
	nodes: Node[];
}
const pipeline = JSON.parse(readFileSync(join(ROOT, 'workflows', 'lead-to-close.json'), 'utf8')) as Pipeline;
const QUOTE_COMPANY = String(pipeline.nodes.find((n) => n.type === 'n8n-nodes-lead-to-close.quoteGenerator')!.parameters.company);
const APPROVER = String(pipeline.nodes.find((n) => n.name === 'Request Desk Approval')!.parameters.approver);
const OUTREACH_NOW = '2026-11-17T09:00:00Z';
const GRACE_SECONDS = 6;
const underTest: Pipeline = {
	...pipeline,
	nodes: pipeline.nodes.map((n) => {
		if (n.type === 'n8n-nodes-lead-to-close.outreach' && n.parameters.operation === 'send') return { ...n, parameters: { ...n.parameters, now: OUTREACH_NOW } };
		if (n.name === 'Grace Period') return { ...n, parameters: { amount: GRACE_SECONDS, unit: 'seconds' } };
		return n;
	}),
};

const ERP = { apiKey: 'desk-erp-key', apiSecret: 'desk-erp-secret-3c5d' };
const REVIEWER = 'sales.manager@example.com';
// A strong lead whose request leaves the drive family open ("ACS580 or ACS880"): its quote goes to review.
const STRONG_LEAD = {
	name: 'CRM-LEAD-2026-00411',
	lead_name: 'Jana Roth',
	company_name: 'Nordwerk Automation GmbH',
	job_title: 'Geschäftsführerin',
	email_id: 'jana.roth@nordwerk-automation.de',
	country: 'Germany',
	no_of_employees: '201-500',
	industry: 'Manufacturing',
	status: 'Lead',
	notes: [{ note: '<p>For our go-live within 2 months (budget around 60k EUR) we need 3 ABB ACS580 or ACS880 7.5 kW frequency converters, 2 ACS580 15 kW and 16 hours of on-site commissioning.</p>' }],
};
// More strong leads whose quote goes to review. (A lead routed to review itself is decided on the Lead
// first and its quote waits for that, ADR 0048: tests/n8n/deskLeadReminders.test.mts.)
const reviewLead = (n: number, who: string, email: string) => ({
	...STRONG_LEAD,
	name: `CRM-LEAD-2026-0042${n}`,
	lead_name: who,
	email_id: email,
	company_name: `${who.split(' ')[1]} Verpackung GmbH`,
});

let n8n: N8nInstance;
let db: TestDatabase;
let erp: ErpNextServer;
let inventree: InvenTreeServer;
let mautic: MauticServer;

beforeAll(async () => {
	db = await createTestDatabase('ltc_desk', { timeZone: 'UTC' });
	await db.pool.query(readFileSync(join(ROOT, 'dashboards', 'schema.sql'), 'utf8'));
	erp = await startErpNextServer(ERP);
	inventree = await startInvenTreeServer();
	mautic = await startMauticServer();
	mirrorCatalog(erp, SAMPLE_CATALOG, QUOTE_COMPANY);
	mautic.state.createEmail({ name: 'Welcome', subject: 'Thank you for your enquiry' });
	mautic.state.createEmail({ name: 'Quote D0', subject: 'Your quotation {quote_number}' });
	mautic.state.createCampaign({ name: 'Quote follow-up' });
	const pgUrl = new URL(db.url);
	n8n = await startN8n({
		credentials: [
			{ id: 'ltcErpNextCred001', name: 'Lead-to-Close ERPNext', type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, ...ERP } },
			{ id: 'ltcInvenTreeCrd01', name: 'Lead-to-Close InvenTree', type: 'leadToCloseInvenTreeApi', data: { baseUrl: inventree.url, apiToken: inventree.state.token } },
			{ id: 'ltcMauticCred0001', name: 'Lead-to-Close Mautic', type: 'leadToCloseMauticApi', data: { baseUrl: mautic.url, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } },
			{
				id: 'ltcMetricsPg00001',
				name: 'Lead-to-Close metrics DB',
				type: 'postgres',
				data: { host: pgUrl.hostname, port: Number(pgUrl.port), database: db.name, user: decodeURIComponent(pgUrl.username), password: '', maxConnections: 4, ssl: 'disable', allowUnauthorizedCerts: false, sshTunnel: false },
			},
		],
		workflows: [underTest],
		activate: [underTest.id],
		env: { GENERIC_TIMEZONE: 'UTC' },
	});
	for (const doctype of ['Lead', 'Quotation']) {
		const deadline = Date.now() + 60_000;
		while (!erp.state.all('Webhook').some((w) => w.webhook_doctype === doctype && w.enabled === 1)) {
			if (Date.now() > deadline) throw new Error(`no ${doctype} webhook registered; log:\n${n8n.log().slice(-2000)}`);
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	await n8n.waitForTriggerRegistration(underTest.id);
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await erp?.stop();
	await inventree?.stop();
	await mautic?.stop();
	await db?.drop();
});

/** Statuses of the pipeline's executions once at least `count` exist and none is new, running or waiting. */
async function settled(count: number, timeoutMs = 120_000): Promise<Array<{ id: string; status: string }>> {
	let runs: Array<{ id: string; status: string }> = [];
	for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 300))) {
		runs = await n8n.executions(underTest.id);
		if (runs.length >= count && runs.every((e) => !['new', 'running', 'waiting'].includes(e.status))) return runs;
	}
	throw new Error(`expected ${count} settled executions, have ${JSON.stringify(runs)}; log:\n${n8n.log().slice(-2000)}`);
}

/** What the reviewer does in the desk: the document changes as ERPNext changes it, by that user, and ERPNext's webhooks go out. */
// The contract server's clock starts in January 2026; a reviewer acts now, after the quote was proposed
// (the Quote Generator stamps its events with the real time), so the desk's writes carry today's time.
let lastStamp = 0;
async function inDesk(quotation: string, actions: FrappeAction[], changes: Record<string, unknown>, options: { drop?: boolean } = {}) {
	erp.state.dbSet('Quotation', quotation, changes);
	lastStamp = Math.max(Date.now(), lastStamp + 1000);
	Object.assign(erp.state.get('Quotation', quotation)!, {
		modified_by: REVIEWER,
		modified: DateTime.fromMillis(lastStamp, { zone: erp.state.settings.timeZone }).toFormat('yyyy-MM-dd HH:mm:ss.SSS000'),
	});
	if (options.drop) return [];
	const results = [];
	for (const event of webhookEventsFor(actions)) results.push(...(await fireEvent(erp, 'Quotation', quotation, event)));
	return results;
}
const SUBMIT = { actions: ['submit'] as FrappeAction[], changes: { docstatus: 1, status: 'Open' } };

async function newLead(lead: Record<string, unknown>, runsBefore: number): Promise<Doc> {
	erp.state.seed('Lead', [lead]);
	expect((await fireEvent(erp, 'Lead', String(lead.name), 'after_insert')).map((d) => d.status)).toEqual([200]);
	const runs = await settled(runsBefore + 1);
	expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'success'));
	const quotation = erp.state.all('Quotation').find((q) => q.party_name === lead.name);
	expect(quotation, `a Quotation for ${String(lead.name)}`).toBeDefined();
	return quotation!;
}

const todosOf = (quotation: string) => erp.state.all('ToDo').filter((t) => t.reference_type === 'Quotation' && t.reference_name === quotation);
const mailsTo = (email: string) => mautic.sent.emails.filter((e) => e.to === email);

interface EventRow {
	execution_id: string;
	step: string;
	actor: string;
	decision: string | null;
	outcome: string | null;
	quote_ref: string | null;
	lead_ref: string | null;
	channel: string | null;
	decided_by: string | null;
	reason: string | null;
	duration_ms: string | null;
	occurred_at: Date;
}
async function eventsOf(lead: string): Promise<EventRow[]> {
	return (await db.pool.query<EventRow>('SELECT execution_id, step, actor, decision, outcome, quote_ref, lead_ref, channel, decided_by, reason, duration_ms, occurred_at FROM ltc_events WHERE lead_ref = $1 ORDER BY occurred_at, id', [lead])).rows;
}

describe('lead-to-close.json: quotes approved in the ERPNext desk', () => {
	it('a review quote stays a draft with a ToDo; submitting it sends the quote once and starts the follow-up, as a human decision', async () => {
		const quotation = await newLead(STRONG_LEAD, 0);
		// A draft with one open ToDo for the approver, carrying the AI's reasons and confidence; nothing quoted to the lead yet.
		expect(quotation.docstatus).toBe(0);
		const [todo] = todosOf(quotation.name);
		expect(todosOf(quotation.name)).toHaveLength(1);
		expect(todo).toMatchObject({ status: 'Open', allocated_to: APPROVER });
		expect(String(todo.description)).toMatch(/AI confidence: \d+ %/);
		expect(String(todo.description)).toMatch(/Reasons for review:<\/p><ul><li>/);
		expect(String(todo.description)).toMatch(/\[ltc-approval [A-Za-z0-9_-]+\]/);
		expect(mailsTo(STRONG_LEAD.email_id).map((e) => e.emailId)).toEqual([1]);
		const [review] = (await eventsOf(STRONG_LEAD.name)).filter((r) => r.decision === 'review' && r.step === 'quote');
		expect(review).toMatchObject({ quote_ref: quotation.name });

		// The reviewer submits it in the desk: after the grace period the quote e-mail goes out once and the lead enters the follow-up.
		const deliveries = await inDesk(quotation.name, SUBMIT.actions, SUBMIT.changes);
		expect(deliveries.map((d) => [d.event, d.status, JSON.parse(d.text).status])).toEqual([['on_change', 200, 'accepted']]);
		await settled(2);
		expect(mailsTo(STRONG_LEAD.email_id).map((e) => [e.emailId, e.tokens['{quote_number}'] ?? null])).toEqual([[1, null], [2, quotation.name]]);
		const contact = mautic.state.contacts().find((c) => JSON.stringify(c).includes(STRONG_LEAD.email_id))!;
		expect(mautic.state.campaign(1)?.members.has(contact.id)).toBe(true);
		expect(todosOf(quotation.name).map((t) => t.status)).toEqual(['Closed']);

		// ltc_events: the person's approval in the review's decision point, with who and how long it took.
		const human = (await eventsOf(STRONG_LEAD.name)).filter((r) => r.actor === 'human');
		expect(human).toHaveLength(1);
		expect(human[0]).toMatchObject({ execution_id: review.execution_id, step: 'quote', quote_ref: quotation.name, decision: 'approve', outcome: 'approved', channel: 'desk', decided_by: REVIEWER, reason: null });
		expect(Number(human[0].duration_ms)).toBe(human[0].occurred_at.getTime() - review.occurred_at.getTime());
		expect(Number(human[0].duration_ms)).toBeGreaterThan(0);

		// The same delivery again, and the same event sent once more: refused as replays, nothing changes.
		const known = new Set((await settled(2)).map((r) => r.id));
		const [again] = prepareDeliveries(erp, 'Quotation', quotation.name, 'on_change');
		const replay = await send(again);
		expect([replay.status, JSON.parse(replay.text)]).toEqual([200, expect.objectContaining({ status: 'ignored' })]);
		await new Promise((r) => setTimeout(r, (GRACE_SECONDS + 2) * 1000));
		// No new run of the Quotation Decided path. The only other run that may start here is the ToDo
		// trigger's catch-up poll (every minute) delivering the quote's ToDo the approval closed (a real
		// ERPNext sends that save as a ToDo webhook); Read Lead Decision passes it to its ignored output.
		const later = (await settled(2)).filter((r) => !known.has(r.id));
		for (const run of later) {
			const stored = await storedExecution(n8n, run.id);
			expect(Object.keys(stored.data.resultData.runData).sort(), `execution ${run.id}`).toEqual(['Lead Review Decided', 'Read Lead Decision']);
			expect(stored.output('Lead Review Decided').map((i) => i.json.name)).toEqual(todosOf(quotation.name).map((t) => t.name));
		}
		expect(mailsTo(STRONG_LEAD.email_id)).toHaveLength(2);
		expect((await eventsOf(STRONG_LEAD.name)).filter((r) => r.actor === 'human')).toHaveLength(1);
	}, 240_000);

	it('cancelling or declaring it lost in the grace period rejects it: nothing is sent, the reason is kept', async () => {
		const lead = reviewLead(1, 'Timo Kessler', 't.kessler@kessler-verpackung.de');
		const before = (await n8n.executions(underTest.id)).length;
		const quotation = await newLead(lead, before);
		expect(todosOf(quotation.name).map((t) => t.status)).toEqual(['Open']);
		// ERPNext declares lost only a submitted quotation: submit, then Declare Lost with a reason.
		await inDesk(quotation.name, SUBMIT.actions, SUBMIT.changes);
		const lost = QUOTATION_TRANSITIONS.declareLost(['Price too high'], 'Went with a local integrator');
		await inDesk(quotation.name, lost.actions, lost.changes);
		await settled(before + 3);
		// The welcome e-mail (template 1) only: no quote.
		expect(mailsTo(lead.email_id).map((e) => e.emailId)).toEqual([1]);
		expect(todosOf(quotation.name).map((t) => t.status)).toEqual(['Cancelled']);
		expect(erp.state.get('Quotation', quotation.name)).toMatchObject({ status: 'Lost', lost_reasons: [{ lost_reason: 'Price too high' }] });
		const rows = await eventsOf(lead.name);
		// The hand-off the approval answers: the last review (the quote's when it went to review, else the lead's).
		const review = rows.filter((r) => r.decision === 'review').at(-1)!;
		const human = rows.filter((r) => r.actor === 'human');
		expect(human).toEqual([
			expect.objectContaining({ execution_id: review.execution_id, step: review.step, decision: 'decline', outcome: 'lost', channel: 'desk', decided_by: REVIEWER, reason: 'Price too high: Went with a local integrator' }),
		]);
		expect(rows.filter((r) => r.step === 'outreach' && r.outcome === 'sent')).toHaveLength(1); // the welcome e-mail
	}, 240_000);

	it('a submit made while n8n was down still continues the workflow after the restart (catch-up)', async () => {
		const lead = reviewLead(2, 'Lena Vogt', 'l.vogt@vogt-verpackung.de');
		const before = (await n8n.executions(underTest.id)).length;
		const quotation = await newLead(lead, before);
		await n8n.stop();
		await inDesk(quotation.name, SUBMIT.actions, SUBMIT.changes, { drop: true });
		await n8n.start();
		await n8n.login();
		await settled(before + 2, 180_000);
		expect(mailsTo(lead.email_id).map((e) => [e.emailId, e.tokens['{quote_number}'] ?? null])).toEqual([[1, null], [2, quotation.name]]);
		expect(todosOf(quotation.name).map((t) => t.status)).toEqual(['Closed']);
		const human = (await eventsOf(lead.name)).filter((r) => r.actor === 'human');
		expect(human).toEqual([expect.objectContaining({ decision: 'approve', outcome: 'approved', channel: 'desk', decided_by: REVIEWER })]);
	}, 300_000);
});
