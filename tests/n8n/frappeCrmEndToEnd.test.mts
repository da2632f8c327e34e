// The Frappe CRM pipeline end to end (issue 18), inside a real n8n 2.41, with the importable workflows
// themselves: workflows/frappe-crm-lead-to-close.json (published: its two triggers register signed Frappe
// Webhooks on CRM Lead and CRM Deal after_insert and catch up every minute) and
// workflows/frappe-crm-deal-monitor.json (run as the editor's "Execute workflow" does, from its schedule
// trigger). They use the credential ids the files name, pointed at the Frappe contract server hosting the
// Frappe CRM app (apps: ['crm'], frappe/crm @ 8b7dfdde; n8n's own ERPNext node reads it too), the
// InvenTree and Mautic contract servers; both store their events in ltc_events of a throwaway database on
// the machine's PostgreSQL (dashboards/schema.sql).
//
// The story: a new CRM Lead arrives (with the buyer's words in an FCRM Note); Frappe delivers its
// after_insert webhook; the lead is scored, its AI fields and one audit comment land on the record. The
// seller turns it into a CRM Deal (REST, with the lead linked, as crm_lead.py create_deal links it); its
// after_insert webhook quotes the buyer's words: the auto-approved quote becomes the deal's products, and
// the quote e-mail goes out through Mautic, logged in the deal's activity. The deal then stalls in
// Negotiation, unanswered, while its closure date passes; weeks later the deal monitor flags it, writes
// the risk on it and gives its owner one CRM Task, and leaves a healthy deal alone. Then every event
// again: the same webhook deliveries, the next catch-up poll and the next monitor run start, send or
// write nothing.
//
// The only changes to the shipped files are clocks: the deal monitor's copy assesses at a fixed Reference
// Date (the fake's clock starts on 2026-01-05), as workflowsE2e.test.mts does with deal-monitor.json, and
// the lead flow's Outreach decides on a Tuesday morning (quiet hours), as workflows.test.mts does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ROOT, startN8n, type N8nInstance } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer } from '../contract/mautic-server.mts';
import { sampleRequest } from '../nodes/support/quoteFixtures.mts';
import { fireEvent, prepareDeliveries, send, type PreparedDelivery } from '../support/frappeWebhookSender.mts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.mts';
import { executionFailure, loadWorkflow, runFromTrigger, storedExecution, type ShippedWorkflow, type StoredExecution } from './support/metricsExecutions.mts';
import { untilOn, type Until } from './support/frappeDesk.mts';

type Workflow = ShippedWorkflow;
const leadFlow = loadWorkflow('frappe-crm-lead-to-close.json');
const dealFlow = loadWorkflow('frappe-crm-deal-monitor.json');

/** Eight weeks after the fake's clock started: the deal's closure date has passed, its SLA response is overdue. */
const ASSESS_AT = '2026-03-02T09:00:00Z';
/** Outreach honours quiet hours in the recipient's time zone: the lead flow's copy sends on a Tuesday morning. */
const OUTREACH_NOW = '2026-11-17T09:00:00Z';
const leadFlowUnderTest: Workflow = {
	...leadFlow,
	nodes: leadFlow.nodes.map((n) => (n.type === 'n8n-nodes-lead-to-close.outreach' ? { ...n, parameters: { ...n.parameters, now: OUTREACH_NOW } } : n)),
};
const dealFlowUnderTest: Workflow = {
	...dealFlow,
	nodes: dealFlow.nodes.map((n) =>
		n.name === 'Deal Monitor' ? { ...n, parameters: { ...n.parameters, options: { ...(n.parameters.options as object), referenceDate: ASSESS_AT } } } : n,
	),
};

const API = { apiKey: 'e2e-crm-key', apiSecret: 'e2e-crm-secret-18aa' };
const AUTH = { Authorization: `token ${API.apiKey}:${API.apiSecret}` };
const JSON_HEADERS = { ...AUTH, 'Content-Type': 'application/json', Accept: 'application/json' };
const OWNER = 'anna.berg@example.com';
const HEALTHY = 'CRM-DEAL-2026-00901';
const BUYER = 'jana.roth@nordwerk-automation.de';
/** What the buyer asked for on the web form: parts of the InvenTree sample catalog, all in stock. */
const REQUEST = sampleRequest('QR-002');

/** The one credential reference of each type the workflows name (they share them). */
function credentialRef(type: string): { id: string; name: string } {
	const refs = [...leadFlow.nodes, ...dealFlow.nodes].flatMap((n) => (n.credentials?.[type] ? [n.credentials[type]] : []));
	expect(new Set(refs.map((r) => r.id)).size, `one ${type} credential`).toBe(1);
	return refs[0];
}

let n8n: N8nInstance;
let crm: ErpNextServer;
let db: TestDatabase;
let inventree: InvenTreeServer;
let mautic: MauticServer;

async function rest(path: string, body: unknown, method = 'POST'): Promise<Record<string, unknown>> {
	const res = await fetch(`${crm.url}${path}`, { method, headers: JSON_HEADERS, body: JSON.stringify(body) });
	expect(res.status, `${method} ${path}: ${res.status}`).toBe(200);
	return ((await res.json()) as { data: Record<string, unknown> }).data;
}

/** Waits for n8n (support/frappeDesk.mts), 90 s unless told. */
const until: Until = (what, read, done, timeoutMs) => untilOn(n8n, 90_000)(what, read, done, timeoutMs);

/**
 * A delivery either starts the execution, or finds that the trigger's catch-up poll (every minute) took
 * the new document a moment earlier and is refused as a replay: either way the document is taken once.
 */
function deliveryOutcome(answer: { status: number; text: string }): [number, string] {
	const body = JSON.parse(answer.text) as { status: string; reason?: string };
	return [answer.status, body.status === 'accepted' || (body.status === 'ignored' && body.reason === 'replay') ? 'taken' : answer.text];
}

/** The lead workflow's executions once none is running, oldest first. */
async function leadRuns(): Promise<StoredExecution[] | undefined> {
	const list = await n8n.executions(leadFlow.id);
	if (list.some((e) => ['new', 'running', 'waiting'].includes(e.status))) return undefined;
	return await Promise.all([...list].reverse().map((e) => storedExecution(n8n, e.id)));
}

const runManually = (workflowId: string, trigger: string) => runFromTrigger(n8n, workflowId, trigger);
const failure = executionFailure;

const leadListCalls = () => crm.requests.filter((r) => r.method === 'GET' && /^\/api\/resource\/CRM(%20| )Lead$/.test(r.path)).length;
const commentsOn = (doctype: string, name: string) => crm.state.all('Comment').filter((c) => c.reference_doctype === doctype && c.reference_name === name);

async function activities(name: string): Promise<{ comments: string[]; calls: unknown[]; tasks: Array<Record<string, unknown>> }> {
	const res = await fetch(`${crm.url}/api/method/crm.api.activities.get_activities?name=${encodeURIComponent(name)}`, { headers: AUTH });
	expect(res.status).toBe(200);
	const [list, calls, , tasks] = ((await res.json()) as { message: Array<Array<Record<string, unknown>>> }).message;
	return { comments: list.filter((a) => a.activity_type === 'comment').map((a) => String(a.content)), calls, tasks };
}

interface EventRow {
	step: string;
	lead_ref: string | null;
	decision: string | null;
	outcome: string | null;
	deal_ref: string | null;
	score: number | null;
	service: string | null;
	execution_id: string;
}
async function events(workflow: Workflow): Promise<EventRow[]> {
	const sql = 'SELECT step, lead_ref, decision, outcome, deal_ref, score, service, execution_id FROM ltc_events WHERE workflow = $1 ORDER BY occurred_at, id';
	return (await db.pool.query<EventRow>(sql, [workflow.name])).rows;
}

beforeAll(async () => {
	db = await createTestDatabase('ltc_crm_e2e', { timeZone: 'UTC' });
	await db.pool.query(readFileSync(join(ROOT, 'dashboards', 'schema.sql'), 'utf8'));
	crm = await startErpNextServer({ ...API, apps: ['crm'] });
	inventree = await startInvenTreeServer();
	mautic = await startMauticServer();
	mautic.state.createEmail({ name: 'Welcome', subject: 'Thank you for your enquiry' });
	mautic.state.createEmail({ name: 'Quote D0', subject: 'Your quote' });
	// A territory the site's admin created (CRM Lead's territory is a Link to CRM Territory).
	crm.state.seed('CRM Territory', [{ name: 'Germany', territory_name: 'Germany' }]);
	// Another deal, already on the site when the workflows are published, in good shape at ASSESS_AT: a
	// reply two days before, a task due the week after, closing in April.
	crm.state.seed('CRM Deal', [
		{
			name: HEALTHY,
			naming_series: 'CRM-DEAL-.YYYY.-',
			organization_name: 'Calm Ltd',
			status: 'Qualification',
			deal_owner: OWNER,
			probability: 20,
			deal_value: 4000,
			currency: 'EUR',
			expected_closure_date: '2026-04-30',
			creation: '2026-02-20 09:00:00.000000',
			modified: '2026-02-28 09:00:00.000000',
			status_change_log: [{ from: 'Qualification', from_type: 'Open', from_date: '2026-02-20 09:00:00', to: '', to_type: '' }],
		},
	]);
	crm.state.seed('Communication', [
		{ communication_type: 'Communication', communication_medium: 'Email', sent_or_received: 'Received', sender: 'ops@calm.example', subject: 'Re: next steps', reference_doctype: 'CRM Deal', reference_name: HEALTHY, communication_date: '2026-02-28 11:00:00' },
	]);
	crm.state.seed('CRM Task', [{ name: '901', title: 'Send the sizing sheet', status: 'Todo', priority: 'Medium', assigned_to: OWNER, due_date: '2026-03-06 12:00:00', reference_doctype: 'CRM Deal', reference_docname: HEALTHY }]);
	const pgUrl = new URL(db.url);
	n8n = await startN8n({
		credentials: [
			{ ...credentialRef('leadToCloseErpNextApi'), type: 'leadToCloseErpNextApi', data: { baseUrl: crm.url, ...API } },
			{ ...credentialRef('erpNextApi'), type: 'erpNextApi', data: { ...API, environment: 'selfHosted', domain: crm.url, allowUnauthorizedCerts: false } },
			{ ...credentialRef('leadToCloseInvenTreeApi'), type: 'leadToCloseInvenTreeApi', data: { baseUrl: inventree.url, apiToken: inventree.state.token } },
			{ ...credentialRef('leadToCloseMauticApi'), type: 'leadToCloseMauticApi', data: { baseUrl: mautic.url, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } },
			{
				...credentialRef('postgres'),
				type: 'postgres',
				data: { host: pgUrl.hostname, port: Number(pgUrl.port), database: db.name, user: decodeURIComponent(pgUrl.username), password: '', maxConnections: 4, ssl: 'disable', allowUnauthorizedCerts: false, sshTunnel: false },
			},
		],
		workflows: [leadFlowUnderTest, dealFlowUnderTest],
		activate: [leadFlow.id],
		env: { GENERIC_TIMEZONE: 'UTC' },
	});
	await until(
		'the published workflow registered its CRM Lead, CRM Deal and CRM Task Webhooks',
		() => crm.state.all('Webhook').filter((w) => w.enabled === 1).map((w) => `${String(w.webhook_doctype)} ${String(w.webhook_docevent)}`).sort(),
		// CRM Task on_update: the desk approval of review quotes (ADR 0041).
		(hooks) => hooks.join() === 'CRM Deal after_insert,CRM Lead after_insert,CRM Task on_update',
	);
	await n8n.waitForTriggerRegistration(leadFlow.id);
	// Its first poll only notes where the site stands.
	await until('the activation poll listed the CRM Leads', leadListCalls, (n) => n >= 1);
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await crm?.stop();
	await inventree?.stop();
	await mautic?.stop();
	await db?.drop();
});

describe('the Frappe CRM pipeline in a real n8n, with the importable workflows', () => {
	let lead: string;
	let delivered: PreparedDelivery;
	let dealDelivered: PreparedDelivery;
	let deal: string;

	it('a new CRM Lead arrives through the Frappe trigger and is scored: AI fields and one comment on the record', async () => {
		const created = await rest('/api/resource/CRM%20Lead', {
			first_name: 'Jana',
			last_name: 'Roth',
			organization: 'Nordwerk Automation GmbH',
			job_title: 'Geschäftsführerin',
			email: BUYER,
			territory: 'Germany',
			no_of_employees: '201-500',
			industry: 'Manufacturing',
			source: 'Web Form',
		});
		lead = String(created.name);
		expect(lead).toMatch(/^CRM-LEAD-2026-\d{5}$/);
		// The web form's message, kept as an FCRM Note on the lead (what the qualifier reads as the buyer's words).
		await rest('/api/resource/FCRM%20Note', {
			title: 'Web form',
			content: `<p>${REQUEST.text}</p>`,
			reference_doctype: 'CRM Lead',
			reference_docname: lead,
		});

		[delivered] = prepareDeliveries(crm, 'CRM Lead', lead, 'after_insert');
		const answers = await fireEvent(crm, 'CRM Lead', lead, 'after_insert');
		expect(answers.map(deliveryOutcome)).toEqual([[200, 'taken']]);
		const runs = await until('the lead execution', leadRuns, (r) => r !== undefined && r.length === 1);
		const [run] = runs!;
		expect(run.status, failure(run)).toBe('success');

		// One item on one of the four route outputs, scored on the note the trigger's item did not carry.
		const routed = [0, 1, 2, 3].map((i) => run.output('Lead Qualifier', i).map((item) => item.json as { score: number; grade: string; route: string; lead: { message?: string }; frappeCrm: unknown }));
		expect(routed.flat()).toHaveLength(1);
		const [result] = routed.flat();
		expect(['Qualified', 'Review', 'Nurture', 'Disqualified'][routed.findIndex((r) => r.length === 1)].toLowerCase()).toBe(result.route);
		expect(result.lead.message).toContain(REQUEST.text);
		expect(result.frappeCrm).toMatchObject({ lead, fieldsWritten: true, comment: { created: true } });

		expect(crm.state.get('CRM Lead', lead)).toMatchObject({ custom_ai_score: result.score, custom_ai_grade: result.grade, custom_ai_route: result.route });
		expect((await activities(lead)).comments).toEqual([expect.stringContaining(`AI qualification: ${result.score}/100`)]);
		// ltc_events: the qualification, written back to Frappe CRM (and a review lead's CRM Task, ADR 0047).
		const asked = result.route === 'review' ? [['qualify', lead, null, 'approval_requested', null, 'frappe_crm']] : [];
		expect((await events(leadFlow)).map((r) => [r.step, r.lead_ref, r.decision, r.outcome, r.score, r.service])).toEqual([['qualify', lead, result.route, 'written', result.score, 'frappe_crm'], ...asked]);
		// Every request n8n made carried the credential's token.
		expect(crm.requests.filter((r) => !String(r.headers.authorization).startsWith(`token ${API.apiKey}:`))).toEqual([]);
	}, 150_000);

	it("the seller converts the lead: the new CRM Deal's quote lands in its products and the quote e-mail in its activity", async () => {
		const created = await rest('/api/resource/CRM%20Deal', {
			lead,
			organization_name: 'Nordwerk Automation GmbH',
			first_name: 'Jana',
			last_name: 'Roth',
			email: BUYER,
			deal_owner: OWNER,
			deal_value: 61200,
			currency: 'EUR',
			expected_closure_date: '2026-02-13',
		});
		deal = String(created.name);
		[dealDelivered] = prepareDeliveries(crm, 'CRM Deal', deal, 'after_insert');
		const answers = await fireEvent(crm, 'CRM Deal', deal, 'after_insert');
		expect(answers.map(deliveryOutcome)).toEqual([[200, 'taken']]);
		const runs = await until('the deal execution', leadRuns, (r) => r !== undefined && r.length === 2);
		const run = runs![1];
		expect(run.status, failure(run)).toBe('success');

		// The quote of the lead's note: auto-approved, every requested part on a line.
		const [quote] = run.output('Quote Generator', 0).map((i) => i.json as { route: string; lines: Array<{ sku: string; qty: number }>; total_minor: number; frappe_crm: Record<string, unknown> });
		expect(run.output('Quote Generator', 1)).toEqual([]);
		expect(quote.route).toBe('auto');
		expect(quote.lines.map((l) => [l.sku, l.qty])).toEqual(REQUEST.expected.map((e) => [e.sku, e.qty]));
		expect(quote.frappe_crm).toMatchObject({ deal, products: { written: true }, comment: { created: true } });
		const stored = crm.state.get('CRM Deal', deal)!;
		expect((stored.products as Array<{ qty: number }>).map((r) => r.qty)).toEqual(quote.lines.map((l) => l.qty));
		expect(stored).toMatchObject({ custom_ai_quote_route: 'auto' });

		// The quote e-mail: one Mautic send to the deal's buyer, shown in the deal's activity.
		expect(mautic.sent.emails.map((e) => [e.emailId, e.to]), JSON.stringify(run.output('Quote Email').map((i) => i.json.outreach))).toEqual([[2, BUYER]]);
		const [sent] = run.output('Quote Email').map((i) => i.json as { outreach: { status: string; frappeCrm?: { doctype: string; name: string } } });
		expect(sent.outreach).toMatchObject({ status: 'sent', frappeCrm: { doctype: 'CRM Deal', name: deal } });
		const logged = crm.state.all('Communication').filter((c) => c.reference_doctype === 'CRM Deal' && c.reference_name === deal);
		expect(logged.map((c) => c.communication_type)).toEqual(['Automated Message']);
		expect((await activities(deal)).comments).toEqual([expect.stringContaining('AI quote: route auto')]);

		// ltc_events: the quote and the send of this execution.
		const steps = (await events(leadFlow)).filter((r) => r.execution_id === run.id).map((r) => r.step);
		for (const step of ['quote', 'outreach']) expect(steps).toContain(step);
	}, 150_000);

	it('the deal monitor flags the at-risk CRM Deal made from the lead with a task for its owner, and leaves a healthy deal alone', async () => {
		// The seller works the deal: Negotiation, an offer by e-mail, a call nobody answered; the expected
		// closure date passes. Frappe CRM's SLA says the first response is due.
		await rest(`/api/resource/CRM%20Deal/${encodeURIComponent(deal)}`, { status: 'Negotiation' }, 'PUT');
		crm.state.dbSet('CRM Deal', deal, { sla: 'Default', sla_status: 'First Response Due', response_by: '2026-01-06 09:00:00' });
		crm.state.seed('Communication', [
			{ communication_type: 'Communication', communication_medium: 'Email', sent_or_received: 'Sent', recipients: 'jana.roth@nordwerk-automation.de', subject: 'Your offer for the ACS580 drives', reference_doctype: 'CRM Deal', reference_name: deal, communication_date: '2026-01-20 10:00:00' },
		]);
		await rest('/api/resource/CRM%20Call%20Log', { id: 'CALL-E2E-0001', type: 'Outgoing', status: 'No Answer', from: '+4930100', to: '+4971100', duration: 0, start_time: '2026-01-26 10:00:00', reference_doctype: 'CRM Deal', reference_docname: deal });

		const run = await runManually(dealFlow.id, 'Every 30 Minutes');
		expect(run.status, failure(run)).toBe('success');
		const flagged = run.output('Deal Monitor').map((i) => i.json as { deal: { name: string; opportunity_owner: string }; level: string; riskScore: number; signals: Array<{ code: string }>; frappeCrm: Record<string, unknown> });
		expect(flagged.map((d) => d.deal.name)).toEqual([deal]);
		const [result] = flagged;
		expect(result.level).toBe('critical');
		expect(result.signals.map((s) => s.code)).toEqual(expect.arrayContaining(['close_date_passed', 'response_overdue', 'last_outbound_unanswered']));
		expect(result.frappeCrm).toMatchObject({ deal, fieldsWritten: true, comment: { created: true }, task: { created: true, assignedTo: OWNER } });

		expect(crm.state.get('CRM Deal', deal)).toMatchObject({ custom_ai_risk_level: 'critical', custom_ai_risk_score: result.riskScore });
		expect(crm.state.get('CRM Deal', HEALTHY)!.custom_ai_risk_level).toBeUndefined();
		const seen = await activities(deal);
		expect(seen.comments.filter((c) => c.includes('AI deal risk'))).toEqual([expect.stringContaining('AI deal risk: critical')]);
		expect(seen.calls).toHaveLength(1);
		expect(seen.tasks).toEqual([expect.objectContaining({ assigned_to: OWNER, status: 'Todo', priority: 'High' })]);
		expect(String(seen.tasks[0].description)).toContain(`[ltc-risk ${deal} `);
		expect(commentsOn('CRM Deal', HEALTHY)).toEqual([]);

		// ltc_events: the decision on the at-risk deal and the task assigned, both from Frappe CRM.
		const rows = (await events(dealFlow)).filter((r) => r.execution_id === run.id);
		expect(rows.filter((r) => r.decision !== null).map((r) => [r.step, r.deal_ref, r.score, r.service])).toEqual([['deal_risk', deal, result.riskScore, 'frappe_crm']]);
		expect(rows.filter((r) => r.outcome === 'assigned').map((r) => [r.deal_ref, r.service])).toEqual([[deal, 'frappe_crm']]);
	}, 180_000);

	it('a replay of the same events sends or writes nothing twice: the webhook deliveries, the next catch-up poll, the next monitor run', async () => {
		const writes = crm.writes().length;
		const rowsBefore = (await events(dealFlow)).length;
		const leadRows = (await events(leadFlow)).length;

		const mails = mautic.sent.emails.length;
		for (const d of [delivered, dealDelivered]) {
			const replay = await send(d);
			expect([replay.status, JSON.parse(replay.text)]).toMatchObject([200, { status: 'ignored', reason: 'replay' }]);
		}
		// The next poll sees the lead whose modified the audit comment moved: not a new lead.
		const polls = leadListCalls();
		await until('the next catch-up poll', leadListCalls, (n) => n > polls, 75_000);
		await new Promise((r) => setTimeout(r, 4_000));
		const settledRuns = (await until('settled', leadRuns, (r) => r !== undefined))!;
		expect(settledRuns.map((e) => e.status)).toEqual(settledRuns.map(() => 'success'));
		// Besides the lead and the deal, only the CRM Task trigger (desk approval, ADR 0041) may have started,
		// when its poll first saw the monitor's task: no approval task, so it decided nothing.
		for (const run of settledRuns.slice(2)) expect([0, 1].flatMap((o) => run.output('Read Desk Decision', o))).toEqual([]);
		expect(settledRuns.slice(0, 2).map((r) => r.output('Read Desk Decision', 2))).toEqual([[], []]);

		const again = await runManually(dealFlow.id, 'Every 30 Minutes');
		expect(again.status, failure(again)).toBe('success');
		const [result] = again.output('Deal Monitor').map((i) => i.json as { deal: { name: string }; frappeCrm: Record<string, unknown> });
		expect(result.deal.name).toBe(deal);
		expect(result.frappeCrm).toMatchObject({ fieldsWritten: false, comment: { created: false }, task: { created: false, reason: 'open_todo_exists' } });

		expect(crm.writes().slice(writes)).toEqual([]);
		expect(commentsOn('CRM Lead', lead)).toHaveLength(1);
		expect(await events(leadFlow)).toHaveLength(leadRows);
		expect(commentsOn('CRM Deal', deal)).toHaveLength(2);
		expect(mautic.sent.emails).toHaveLength(mails);
		expect(crm.state.all('CRM Task').filter((t) => t.reference_docname === deal)).toHaveLength(1);
		// The second run decided again (a new decision event) but assigned nothing.
		const newRows = (await events(dealFlow)).slice(rowsBefore);
		expect(newRows.filter((r) => r.outcome === 'assigned')).toEqual([]);
		expect(newRows.filter((r) => r.decision !== null).map((r) => r.deal_ref)).toEqual([deal]);
	}, 180_000);
});
