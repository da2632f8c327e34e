// Lead reviews nobody decides, and lead decisions taken while n8n is down (issue 19, ADR 0048), in a real
// n8n 2.41 on the contract servers (ERPNext, InvenTree, Mautic) and a throwaway metrics database:
//   - workflows/lead-to-close.json: a review lead gets one ToDo (its quote waits on it: bug B), and a
//     review lead whose request matches nothing gets no Quotation and still succeeds (bug A);
//   - workflows/desk-approval-reminders.json reminds once on the Lead (also when run twice), then applies
//     the lead default once (shipped: Dismiss; a copy with Accept the Proposed Route assigns the waiting
//     quote), never sending anything; the ToDo change reaching lead-to-close.json decides nothing more;
//   - a review closed while n8n is stopped is delivered by the ToDo trigger's catch-up poll after the
//     restart (ADR 0011) and continues the workflow once: the waiting quote is assigned, one human event.
// The test copies change the clock only: the Outreach sends decide at a fixed Tuesday morning and Check
// Pending checks at "now + 25 h" / "now + 73 h" (its Now parameter); nothing waits hours.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readProposal } from '../../core/approvals/deskApproval';
import { ROOT, startN8n, type N8nInstance } from '../../scripts/n8n-instance.mts';
import { decideAssignment, startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer } from '../contract/mautic-server.mts';
import { SAMPLE_CATALOG, mirrorCatalog } from '../nodes/support/quoteFixtures.mts';
import { fireEvent, prepareDeliveries, send } from '../support/frappeWebhookSender.mts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.mts';
import { executionFailure, loadWorkflow, runFromTrigger, type ShippedWorkflow } from './support/metricsExecutions.mts';

const pipeline = loadWorkflow('lead-to-close.json');
const reminders = loadWorkflow('desk-approval-reminders.json');
const QUOTE_COMPANY = String(pipeline.nodes.find((n) => n.type === 'n8n-nodes-lead-to-close.quoteGenerator')!.parameters.company);
const REVIEWER = String(pipeline.nodes.find((n) => n.name === 'Request Lead Review')!.parameters.reviewer);
const APPROVER = String(pipeline.nodes.find((n) => n.name === 'Request Desk Approval')!.parameters.approver);
const OUTREACH_NOW = '2026-11-17T09:00:00Z';
const underTest: ShippedWorkflow = {
	...pipeline,
	nodes: pipeline.nodes.map((n) => (n.type === 'n8n-nodes-lead-to-close.outreach' && n.parameters.operation === 'send' ? { ...n, parameters: { ...n.parameters, now: OUTREACH_NOW } } : n)),
};
const CHECK_NODE = 'Check Pending Approvals';
/** The reminders workflow as shipped, checking at `hours` after the moment it runs (and with `changes`). */
const remindersAt = (hours: number, id: string, changes: Record<string, unknown> = {}): ShippedWorkflow => ({
	...reminders,
	id,
	name: `${reminders.name} (+${hours} h${Object.keys(changes).length ? ', accept' : ''})`,
	nodes: reminders.nodes.map((n) => (n.name === CHECK_NODE ? { ...n, parameters: { ...n.parameters, ...changes, now: `={{ $now.plus({ hours: ${hours} }).toISO() }}` } } : n)),
});
const REMIND = remindersAt(25, 'ltcLeadRemind025');
const TIME_OUT = remindersAt(73, 'ltcLeadRemind073');
const ACCEPT = remindersAt(73, 'ltcLeadAccept073', { onLeadTimeout: 'accept' });
const SCHEDULE = reminders.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger')!.name;

const ERP = { apiKey: 'desk-lead-rem-key', apiSecret: 'desk-lead-rem-secret-2b8d' };
const BASE = { lead_name: 'Jana Roth', job_title: 'Geschäftsführerin', country: 'Germany', no_of_employees: '201-500', industry: 'Manufacturing', status: 'Lead' };
// Score 60, between the thresholds: routed to review, the AI proposes qualified; every line matches the catalog.
const middling = (n: number) => ({
	...BASE,
	name: `CRM-LEAD-2026-0060${n}`,
	company_name: `Brandt Technik ${n} GmbH`,
	email_id: `o.brandt@brandt-technik-${n}.de`,
	notes: [{ note: '<p>Need S7-1200 CPU 1214C x2, 1756-IB16 x3 and a 10 inch PanelView 5310</p>' }],
});
// The same lead asking for nothing the catalog has: routed to review, no Quotation (bug A).
const nothingToQuote = (n: number) => ({
	...middling(n),
	notes: [{ note: '<p>Need 40 hours of on-site consulting for our packaging line next quarter</p>' }],
});

let n8n: N8nInstance;
let db: TestDatabase;
let erp: ErpNextServer;
let inventree: InvenTreeServer;
let mautic: MauticServer;

beforeAll(async () => {
	db = await createTestDatabase('ltc_desk_lead_rem', { timeZone: 'UTC' });
	await db.pool.query(readFileSync(join(ROOT, 'dashboards', 'schema.sql'), 'utf8'));
	erp = await startErpNextServer(ERP);
	inventree = await startInvenTreeServer();
	mautic = await startMauticServer();
	mirrorCatalog(erp, SAMPLE_CATALOG, QUOTE_COMPANY);
	mautic.state.createEmail({ name: 'Welcome', subject: 'Thank you for your enquiry' });
	mautic.state.createEmail({ name: 'Quote D0', subject: 'Your quotation {quote_number}' });
	mautic.state.createCampaign({ name: 'Quote follow-up' });
	mautic.state.createCampaign({ name: 'Unused' });
	mautic.state.createCampaign({ name: 'Nurture' });
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
		workflows: [underTest, REMIND, TIME_OUT, ACCEPT],
		activate: [underTest.id],
		env: { GENERIC_TIMEZONE: 'UTC' },
	});
	for (const doctype of ['Lead', 'Quotation', 'ToDo']) {
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

/** The pipeline's executions once at least `count` exist and none is new, running or waiting. */
async function settled(count: number, timeoutMs = 150_000): Promise<Array<{ id: string; status: string }>> {
	let runs: Array<{ id: string; status: string }> = [];
	for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 300))) {
		runs = await n8n.executions(underTest.id);
		if (runs.length >= count && runs.every((e) => !['new', 'running', 'waiting'].includes(e.status))) return runs;
	}
	throw new Error(`expected ${count} settled executions, have ${JSON.stringify(runs)}; log:\n${n8n.log().slice(-2000)}`);
}
const runCount = async () => (await n8n.executions(underTest.id)).length;

async function newLead(lead: Record<string, unknown>): Promise<void> {
	const before = await runCount();
	erp.state.seed('Lead', [lead]);
	expect((await fireEvent(erp, 'Lead', String(lead.name), 'after_insert')).map((d) => d.status)).toEqual([200]);
	const runs = await settled(before + 1);
	const failed = runs.find((r) => r.status !== 'success');
	if (failed) throw new Error(`execution ${failed.id} failed: ${JSON.stringify((await n8n.execution(failed.id)).data).slice(0, 3000)}`);
}

async function check(workflow: ShippedWorkflow): Promise<void> {
	const run = await runFromTrigger(n8n, workflow.id, SCHEDULE);
	expect(run.status, executionFailure(run)).toBe('success');
}

let lastStamp = 0;
const deskStamp = () => {
	lastStamp = Math.max(Date.now(), lastStamp + 1000);
	return DateTime.fromMillis(lastStamp, { zone: erp.state.settings.timeZone }).toFormat('yyyy-MM-dd HH:mm:ss.SSS000');
};

const leadTodos = (lead: string) => erp.state.all('ToDo').filter((t) => t.reference_type === 'Lead' && t.reference_name === lead);
const quotationOf = (lead: string) => erp.state.all('Quotation').find((q) => q.party_name === lead);
const quoteTodos = (quotation: string) => erp.state.all('ToDo').filter((t) => t.reference_type === 'Quotation' && t.reference_name === quotation);
const notesOn = (lead: string, kind: 'reminder' | 'timeout') =>
	erp.state
		.all('Comment')
		.filter((c) => c.reference_doctype === 'Lead' && c.reference_name === lead && String(c.content).includes(`ltc-approval-${kind}-`))
		.map((c) => String(c.content));
const mailsTo = (email: string) => mautic.sent.emails.filter((e) => e.to === email);
const decidedLines = (todo: string) => String(erp.state.get('ToDo', todo)!.description).match(/ltc-approval-decided-/g) ?? [];

interface EventRow {
	execution_id: string;
	step: string;
	actor: string;
	decision: string | null;
	outcome: string | null;
	quote_ref: string | null;
	decided_by: string | null;
	reason: string | null;
	duration_ms: string | null;
	occurred_at: Date;
}
async function eventsOf(lead: string): Promise<EventRow[]> {
	return (await db.pool.query<EventRow>('SELECT execution_id, step, actor, decision, outcome, quote_ref, decided_by, reason, duration_ms, occurred_at FROM ltc_events WHERE lead_ref = $1 ORDER BY occurred_at, id', [lead])).rows;
}
const deskEvents = async (lead: string) =>
	(await eventsOf(lead)).filter((r) => r.step !== 'outreach' && (r.actor === 'human' || ['reminded', 'approval_requested', 'approval_held'].includes(String(r.outcome)) || r.decision === 'timeout')).map((r) => [r.actor, r.decision, r.outcome]);

describe('lead reviews in the ERPNext desk: reminders, timeouts and a restart (real n8n)', () => {
	it('one ToDo per review lead (its quote waits on it), none failing without a quote; one reminder, then Dismiss once: nothing sent, nothing more when the change comes back', async () => {
		const quoted = middling(1);
		const unquoted = nothingToQuote(2);
		await newLead(quoted);
		await newLead(unquoted);

		// Bug B: the reviewer has one ToDo, on the Lead; the draft quote waits on it, unassigned.
		const quotation = quotationOf(quoted.name)!;
		expect(quotation).toMatchObject({ docstatus: 0 });
		const [review] = leadTodos(quoted.name);
		expect(erp.state.all('ToDo').filter((t) => t.status === 'Open' && (t.reference_name === quoted.name || t.reference_name === quotation.name))).toEqual([review]);
		expect(String(review.description)).toContain(`A draft quotation <strong>${quotation.name}</strong>`);
		expect(String(review.description)).toContain(`It is assigned to ${APPROVER} for approval only if you accept the lead as <strong>qualified</strong>`);
		// (An auto quote of a review lead answers the lead's hand-off: its events are in the qualification's point.)
		expect(await deskEvents(quoted.name)).toEqual([
			['system', null, 'approval_requested'],
			['system', null, 'approval_held'],
		]);
		// Bug A: nothing matched, no Quotation; the execution succeeded and the lead is still reviewed.
		expect(quotationOf(unquoted.name)).toBeUndefined();
		expect(leadTodos(unquoted.name).map((t) => t.status)).toEqual(['Open']);

		for (let i = 0; i < 2; i++) await check(REMIND);
		for (const lead of [quoted, unquoted]) {
			expect(notesOn(lead.name, 'reminder')).toEqual([expect.stringMatching(new RegExp(`Reminder for ${REVIEWER.replace(/\./g, '\\.')}: this lead has waited 25 h for your review`))]);
			expect(leadTodos(lead.name).map((t) => t.status)).toEqual(['Open']);
		}

		for (let i = 0; i < 2; i++) await check(TIME_OUT);
		for (const lead of [quoted, unquoted]) {
			const [todo] = leadTodos(lead.name);
			expect(todo.status).toBe('Cancelled');
			expect(decidedLines(String(todo.name))).toHaveLength(1);
			expect(notesOn(lead.name, 'timeout')).toEqual([expect.stringContaining('the review was dismissed by default and nothing was sent')]);
			expect(mailsTo(lead.email_id)).toEqual([]);
		}
		expect(quoteTodos(quotation.name)).toEqual([]);
		expect(erp.state.get('Quotation', quotation.name)).toMatchObject({ docstatus: 0 });
		const [qualify] = (await eventsOf(quoted.name)).filter((r) => r.step === 'qualify' && r.decision === 'review');
		const timeouts = (await eventsOf(quoted.name)).filter((r) => r.decision === 'timeout');
		expect(timeouts).toEqual([expect.objectContaining({ execution_id: qualify.execution_id, step: 'qualify', actor: 'system', outcome: 'dismissed' })]);
		expect(Number(timeouts[0].duration_ms)).toBe(72 * 3_600_000);
		expect(timeouts[0].occurred_at.getTime()).toBe(qualify.occurred_at.getTime() + 72 * 3_600_000);

		// ERPNext sends the ToDo's change (the default's save), twice: the pipeline decides nothing.
		const before = await runCount();
		const [delivery] = prepareDeliveries(erp, 'ToDo', String(review.name), 'on_change');
		expect((await Promise.all([send(delivery), send(delivery)])).map((d) => d.status)).toEqual([200, 200]);
		await new Promise((r) => setTimeout(r, 1500));
		const after = await settled(before + 1);
		expect(after.every((r) => r.status === 'success')).toBe(true);
		expect(quoteTodos(quotation.name)).toEqual([]);
		expect(decidedLines(String(review.name))).toHaveLength(1);
		expect((await eventsOf(quoted.name)).filter((r) => r.actor === 'human')).toEqual([]);
		expect((await eventsOf(quoted.name)).filter((r) => r.decision === 'timeout')).toHaveLength(1);
	}, 400_000);

	it('Accept the Proposed Route: a qualified proposal is accepted once and its waiting quote goes to approval; nothing is sent', async () => {
		const lead = middling(3);
		await newLead(lead);
		const quotation = quotationOf(lead.name)!;
		expect(quoteTodos(quotation.name)).toEqual([]);
		for (let i = 0; i < 2; i++) await check(ACCEPT);
		expect(leadTodos(lead.name).map((t) => t.status)).toEqual(['Closed']);
		const [quoteTodo] = quoteTodos(quotation.name);
		expect(quoteTodos(quotation.name)).toHaveLength(1);
		expect(quoteTodo).toMatchObject({ status: 'Open', allocated_to: APPROVER });
		const [qualify] = (await eventsOf(lead.name)).filter((r) => r.step === 'qualify' && r.decision === 'review');
		// Asked when the default accepted the lead: its own reminders count from there.
		expect(Date.parse(readProposal(quoteTodo.description)!.proposed_at)).toBe(qualify.occurred_at.getTime() + 72 * 3_600_000);
		expect(await deskEvents(lead.name)).toEqual([
			['system', null, 'approval_requested'],
			['system', null, 'approval_held'],
			['system', 'timeout', 'accepted'],
			['system', null, 'approval_requested'],
		]);
		expect(mailsTo(lead.email_id)).toEqual([]);
		expect(erp.state.get('Quotation', quotation.name)).toMatchObject({ docstatus: 0 });
	}, 300_000);

	it('a review closed while n8n is stopped continues the workflow once after the restart (catch-up poll): the waiting quote is assigned, one human event', async () => {
		const lead = middling(4);
		await newLead(lead);
		const quotation = quotationOf(lead.name)!;
		const [review] = leadTodos(lead.name);
		const before = await runCount();
		await n8n.stop();
		// The reviewer closes the ToDo; ERPNext's webhook finds nobody listening and is lost.
		decideAssignment(erp.state, String(review.name), 'Closed', REVIEWER, deskStamp());
		await n8n.start();
		await n8n.login();
		const runs = await settled(before + 1, 180_000);
		expect(runs.every((r) => r.status === 'success')).toBe(true);
		const [quoteTodo] = quoteTodos(quotation.name);
		expect(quoteTodos(quotation.name)).toHaveLength(1);
		expect(quoteTodo).toMatchObject({ status: 'Open', allocated_to: APPROVER });
		expect(decidedLines(String(review.name))).toHaveLength(1);
		const human = (await eventsOf(lead.name)).filter((r) => r.actor === 'human');
		expect(human).toEqual([expect.objectContaining({ step: 'qualify', decision: 'approve', outcome: 'approved', decided_by: REVIEWER })]);

		// The lost webhook arrives late, and again: refused or decided already; nothing more happens.
		const [late] = prepareDeliveries(erp, 'ToDo', String(review.name), 'on_change');
		for (let i = 0; i < 2; i++) expect((await send(late)).status).toBe(200);
		await new Promise((r) => setTimeout(r, 1500));
		await settled(runs.length);
		expect(quoteTodos(quotation.name)).toHaveLength(1);
		expect(decidedLines(String(review.name))).toHaveLength(1);
		expect((await eventsOf(lead.name)).filter((r) => r.actor === 'human')).toHaveLength(1);
		expect(mailsTo(lead.email_id)).toEqual([]);
	}, 400_000);
});
