// End to end, inside a real n8n 2.41, the four shipped workflows that workflows.test.mts only imports:
// deal-monitor.json, bulk-rescore.json, engagement-sync.json and quote-follow-up-native.json. Each runs
// against the contract servers (ERPNext behind the Deal Monitor's Frappe front for Event, Version and
// assign_to; Mautic; an SMTP sink) and stores its events in ltc_events of a throwaway database on the
// machine's PostgreSQL (dashboards/schema.sql). The tests assert what reached each server and the table.
//
// How the workflows are started without changing them:
//   - Schedule and manual triggers run as the editor's "Execute workflow" does (POST
//     /rest/workflows/:id/run with the trigger's name): the shipped file, unchanged.
//   - The engagement sync reads the hour before its trigger fired; the test copies pin the trigger's
//     output (pinData, as the editor's "pin data") to two consecutive hours.
//   - The native quote follow-up is activated and fed a signed ERPNext on_submit delivery. Its test copy
//     changes only the clock: every "Wait Until Day N" waits 1 second instead of days, and each Outreach
//     step decides at the simulated instant of its day (T0 + N days, or the instant Outreach deferred it
//     to); the Grace Period before day 0 waits 3 seconds instead of 10 minutes, so quiet hours, weekdays and the frequency cap act as on the real calendar (the metric events
//     carry the real time the step ran).
//   - The Deal Monitor copy pins its reference date to samples/deals.json's `asOf`, as its labels assume.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DealSnapshotInput } from '../../core/dealRisk/index.ts';
import { ROOT, startN8n, type N8nInstance } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer, type SentEmail } from '../contract/mautic-server.mts';
import { seedDeals, startDealErpNext, type DealErpNext } from '../nodes/support/dealErpNext.mts';
import { fireEvent } from '../support/frappeWebhookSender.mts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.mts';
import { executionFailure, loadWorkflow, runFromTrigger, settledExecution, type ShippedWorkflow, type StoredExecution } from './support/metricsExecutions.mts';
import { startSmtpSink, type SmtpSink } from './support/metricsSmtpSink.mts';

type Workflow = ShippedWorkflow;
const load = loadWorkflow;
const dealMonitor = load('deal-monitor.json');
const bulkRescore = load('bulk-rescore.json');
const engagement = load('engagement-sync.json');
const native = load('quote-follow-up-native.json');

const ERP = { apiKey: 'e2e-erp-key', apiSecret: 'e2e-erp-secret-41f7' };
const CRED = {
	erp: { id: 'ltcErpNextCred001', name: 'Lead-to-Close ERPNext' },
	erpBuiltin: { id: 'ltcErpNextBuiltin1', name: 'ERPNext (n8n built-in)' },
	mautic: { id: 'ltcMauticCred0001', name: 'Lead-to-Close Mautic' },
	smtp: { id: 'ltcSmtpCred000001', name: 'Lead-to-Close SMTP' },
	pg: { id: 'ltcMetricsPg00001', name: 'Lead-to-Close metrics DB' },
};

function withNode(wf: Workflow, name: string, change: (parameters: Record<string, unknown>) => Record<string, unknown>): Workflow {
	expect(wf.nodes.some((n) => n.name === name), `${wf.name} has a node ${name}`).toBe(true);
	return { ...wf, nodes: wf.nodes.map((n) => (n.name === name ? { ...n, parameters: change(n.parameters) } : n)) };
}

// ---- deal monitor ------------------------------------------------------------------------------
const deals = JSON.parse(readFileSync(join(ROOT, 'samples', 'deals.json'), 'utf8')) as {
	asOf: string;
	timeZone: string;
	deals: Array<DealSnapshotInput & { label: unknown }>;
};
const snapshots = deals.deals.map(({ label: _label, ...deal }) => deal);
// The two critical sample deals already have an open ToDo; their copies "-B" have none, so the
// monitor assigns one to each copy's owner.
const CRITICAL = ['CRM-OPP-2026-00125', 'CRM-OPP-2026-00152'];
const CRITICAL_COPIES = CRITICAL.map((n) => `${n}-B`);
const dealMonitorUnderTest = withNode(dealMonitor, 'Deal Monitor', (p) => ({ ...p, referenceDate: deals.asOf, timeZone: deals.timeZone }));

// ---- bulk re-score -----------------------------------------------------------------------------
const leadSamples = (JSON.parse(readFileSync(join(ROOT, 'samples', 'leads.json'), 'utf8')) as {
	leads: Array<{ id: string; lead: Record<string, string> }>;
}).leads;
/** More than two Frappe pages of 20: three batches of the Lead Qualifier (20, 20, 5). */
const OPEN_LEADS = 45;
const OTHER_LEADS = 6;
const erpLead = (sample: { id: string; lead: Record<string, string> }, n: number, status: string) => ({
	name: `CRM-LEAD-2026-${String(700 + n).padStart(5, '0')}`,
	lead_name: sample.lead.contactName,
	company_name: sample.lead.company,
	job_title: sample.lead.title,
	email_id: sample.lead.email,
	phone: sample.lead.phone,
	industry: sample.lead.industry,
	no_of_employees: sample.lead.employees,
	country: sample.lead.country,
	source: sample.lead.source,
	status,
	notes: [{ note: `<p>${sample.lead.message}</p>` }],
});

// ---- engagement sync ---------------------------------------------------------------------------
// Two consecutive hourly runs: the first fired at 11:17 and reads 10:00-11:00, the second at 12:17
// and reads 11:00-12:00 (UTC, the workflow's zone here).
const HOUR_RUNS = ['2026-11-20T11:17:04.000+00:00', '2026-11-20T12:17:02.000+00:00'];
const engagementRun = (i: number): Workflow => ({
	...engagement,
	id: `ltcEngagementRun${i + 1}`,
	pinData: { 'Every Hour': [{ json: { timestamp: HOUR_RUNS[i], Timezone: 'UTC (UTC+00:00)' } }] },
});

// ---- native quote follow-up --------------------------------------------------------------------
/** Day 0 of the simulated calendar: a Friday morning, in the past so deferral waits end at once. */
const T0 = Date.UTC(2026, 9, 2, 9, 0, 0);
const DAY_MS = 86_400_000;
const STEP_DAYS = [0, 2, 5, 7, 14];
const EMAIL_OF_DAY = new Map(STEP_DAYS.map((d, i) => [d, 10 + i]));
/** The Grace Period before day 0 (10 minutes shipped, ADR 0040) in the test copy. */
const NATIVE_GRACE_SECONDS = 3;
const nativeUnderTest: Workflow = {
	...native,
	nodes: native.nodes.map((n) => {
		if (n.type === 'n8n-nodes-base.wait' && n.parameters.unit === 'days') return { ...n, parameters: { ...n.parameters, amount: 1, unit: 'seconds' } };
		if (n.name === 'Grace Period') return { ...n, parameters: { ...n.parameters, amount: NATIVE_GRACE_SECONDS, unit: 'seconds' } };
		const day = /^Day (\d+) Email$/.exec(n.name)?.[1];
		if (day === undefined) return n;
		const allowed = `$('Wait Until Day ${day} Send Is Allowed')`;
		const simulated = new Date(T0 + Number(day) * DAY_MS).toISOString();
		return { ...n, parameters: { ...n.parameters, now: `={{ ${allowed}.isExecuted ? ${allowed}.last().json.outreach.until.utc : '${simulated}' }}` } };
	}),
};

let n8n: N8nInstance;
let db: TestDatabase;
let erp: ErpNextServer;
let front: DealErpNext;
let mautic: MauticServer;
let smtp: SmtpSink;

beforeAll(async () => {
	db = await createTestDatabase('ltc_wf_e2e', { timeZone: 'UTC' });
	await db.pool.query(readFileSync(join(ROOT, 'dashboards', 'schema.sql'), 'utf8'));
	erp = await startErpNextServer(ERP);
	front = await startDealErpNext(erp, ERP);
	mautic = await startMauticServer();
	smtp = await startSmtpSink();
	// Template emails 1-9 are someone else's; the native follow-up sends 10-14.
	for (let i = 1; i <= 14; i++) mautic.state.createEmail({ name: i >= 10 ? `Quote D${STEP_DAYS[i - 10]}` : `Other ${i}`, subject: 'Your quotation {quote_number}' });
	const pgUrl = new URL(db.url);
	n8n = await startN8n({
		credentials: [
			{ ...CRED.erp, type: 'leadToCloseErpNextApi', data: { baseUrl: front.url, ...ERP } },
			{ ...CRED.erpBuiltin, type: 'erpNextApi', data: { ...ERP, environment: 'selfHosted', domain: front.url, allowUnauthorizedCerts: false } },
			{ ...CRED.mautic, type: 'leadToCloseMauticApi', data: { baseUrl: mautic.url, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } },
			{ ...CRED.smtp, type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true, hostName: 'n8n.test' } },
			{
				...CRED.pg,
				type: 'postgres',
				data: {
					host: pgUrl.hostname,
					port: Number(pgUrl.port),
					database: db.name,
					user: decodeURIComponent(pgUrl.username),
					password: '',
					maxConnections: 4,
					ssl: 'disable',
					allowUnauthorizedCerts: false,
					sshTunnel: false,
				},
			},
		],
		workflows: [dealMonitorUnderTest, bulkRescore, engagementRun(0), engagementRun(1), nativeUnderTest],
		activate: [native.id],
		env: { GENERIC_TIMEZONE: 'UTC' },
	});
}, 240_000);

afterAll(async () => {
	await n8n?.stop();
	await front?.stop();
	await erp?.stop();
	await mautic?.stop();
	await smtp?.stop();
	await db?.drop();
});

const runManually = (workflowId: string, trigger: string) => runFromTrigger(n8n, workflowId, trigger);
const failure = executionFailure;

interface EventRow {
	step: string;
	actor: string;
	decision: string | null;
	outcome: string | null;
	lead_ref: string | null;
	deal_ref: string | null;
	quote_ref: string | null;
	score: number | null;
	occurred_at: Date;
	execution_id: string;
}

async function events(workflow: string): Promise<EventRow[]> {
	return (
		await db.pool.query<EventRow>(
			'SELECT step, actor, decision, outcome, lead_ref, deal_ref, quote_ref, score, occurred_at, execution_id FROM ltc_events WHERE workflow = $1 ORDER BY occurred_at, id',
			[workflow],
		)
	).rows;
}

const sorted = <T,>(values: T[]) => [...values].sort();

describe('deal-monitor.json', () => {
	it('writes the risk on every at-risk Opportunity, assigns and mails one ToDo per critical deal, none on a re-run, and stores every deal event', async () => {
		seedDeals(front, snapshots);
		seedDeals(front, snapshots.filter((d) => CRITICAL.includes(d.name)).map((d) => ({ ...d, name: `${d.name}-B`, todos: [] })), { suffix: '-B' });

		const first = await runManually(dealMonitor.id, 'Every 30 Minutes');
		expect(first.status, failure(first)).toBe('success');
		const assessed = first.output('Deal Monitor').map((i) => i.json as { deal: { name: string; opportunity_owner: string }; level: string; riskScore: number });
		expect(assessed.length).toBeGreaterThan(10);
		// ERPNext: the AI risk fields on each at-risk Opportunity, and on no other.
		const written = erp.state.all('Opportunity').filter((o) => o.custom_ai_risk_level !== undefined);
		expect(sorted(written.map((o) => o.name))).toEqual(sorted(assessed.map((d) => d.deal.name)));
		for (const d of assessed) {
			expect(['medium', 'high', 'critical']).toContain(d.level);
			expect(erp.state.get('Opportunity', d.deal.name)).toMatchObject({ custom_ai_risk_level: d.level, custom_ai_risk_score: d.riskScore });
		}
		const riskTodos = () => erp.state.all('ToDo').filter((t) => String(t.description).includes('[ltc-risk '));
		expect(sorted(riskTodos().map((t) => t.reference_name))).toEqual(CRITICAL_COPIES);
		// The critical originals already had an open ToDo: no mail claims one was assigned to their owners.
		const owner = (name: string) => snapshots.find((d) => `${d.name}-B` === name)!.opportunity_owner;
		const riskMails = () => smtp.messages.filter((m) => m.subject.startsWith('Deal at risk:'));
		expect(sorted(riskMails().map((m) => `${m.to.join(',')} ${m.subject.split(' ')[3]}`))).toEqual(sorted(CRITICAL_COPIES.map((n) => `${owner(n)} ${n}`)));
		// ltc_events: one decision per at-risk deal (critical ones included) and one assignment per ToDo.
		const rows = await events(dealMonitor.name);
		const decisions = rows.filter((r) => r.step === 'deal_risk' && r.decision !== null);
		expect(sorted(decisions.map((r) => r.deal_ref))).toEqual(sorted(assessed.map((d) => d.deal.name)));
		for (const r of decisions) expect(r.score).toBe(assessed.find((d) => d.deal.name === r.deal_ref)!.riskScore);
		expect(sorted(rows.filter((r) => r.outcome === 'assigned').map((r) => r.deal_ref))).toEqual(CRITICAL_COPIES);

		// Half an hour later: the same deals, no second ToDo and no second mail.
		const second = await runManually(dealMonitor.id, 'Every 30 Minutes');
		expect(second.status, failure(second)).toBe('success');
		expect(riskTodos()).toHaveLength(CRITICAL_COPIES.length);
		expect(riskMails()).toHaveLength(CRITICAL_COPIES.length);
		const again = (await events(dealMonitor.name)).filter((r) => r.execution_id === second.id);
		expect(again.filter((r) => r.outcome === 'assigned')).toEqual([]);
		expect(sorted(again.filter((r) => r.decision !== null).map((r) => r.deal_ref))).toEqual(sorted(second.output('Deal Monitor').map((i) => (i.json.deal as { name: string }).name)));
	}, 180_000);
});

describe('bulk-rescore.json', () => {
	it('re-scores every open Lead once, in batches of 20, with its AI fields and one comment written back and one qualify event each', async () => {
		const open = leadSamples.slice(0, OPEN_LEADS).map((s, i) => erpLead(s, i, 'Open'));
		const others = leadSamples.slice(OPEN_LEADS, OPEN_LEADS + OTHER_LEADS).map((s, i) => erpLead(s, OPEN_LEADS + i, i % 2 ? 'Converted' : 'Lead'));
		erp.state.seed('Lead', [...open, ...others]);
		const from = erp.requests.length;

		const run = await runManually(bulkRescore.id, 'Run Manually');
		expect(run.status, failure(run)).toBe('success');
		expect(run.data.resultData.runData['Lead Qualifier'].map((r) => r.data?.main?.[0]?.length)).toEqual([20, 20, 5]);
		expect(run.output('Done')).toHaveLength(OPEN_LEADS);

		const requests = erp.requests.slice(from);
		// n8n's ERPNext node pages by 1000 and starts the next page one row early (limit_start 999), which
		// repeats a lead per full page: why the workflow has "Each Lead Once" (1001+ leads are too slow here).
		const pages = requests.filter((r) => r.method === 'GET' && r.path === '/api/resource/Lead' && r.query.filters?.includes('"status"'));
		expect(pages.map((r) => [r.query.limit_start, r.query.limit_page_length])).toEqual([
			['0', '1000'],
			['999', '1000'],
		]);
		// The list answers names only (it never returns the notes table): each open Lead is then read whole, once.
		const reads = requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/resource/Lead/'));
		expect(sorted(reads.map((r) => r.path.slice('/api/resource/Lead/'.length)))).toEqual(sorted(open.map((l) => l.name)));
		const scored = run.output('Lead Qualifier').map((i) => i.json as { lead: { ref: string; message?: string; source?: string } });
		const sample = new Map(open.map((l, i) => [l.name, leadSamples[i].lead]));
		expect(scored.map((o) => [o.lead.ref, o.lead.message, o.lead.source])).toEqual(scored.map((o) => [o.lead.ref, sample.get(o.lead.ref)?.message, sample.get(o.lead.ref)?.source]));
		const writesTo = (name: string) => requests.filter((r) => r.method === 'PUT' && r.path === `/api/resource/Lead/${name}`).length;
		expect(open.map((l) => [l.name, writesTo(l.name)])).toEqual(open.map((l) => [l.name, 1]));
		expect(others.map((l) => writesTo(l.name))).toEqual(others.map(() => 0));
		for (const l of open) {
			const stored = erp.state.get('Lead', l.name)!;
			expect(['qualified', 'review', 'nurture', 'disqualified']).toContain(stored.custom_ai_route);
			expect(Number.isInteger(stored.custom_ai_score)).toBe(true);
		}
		for (const l of others) expect(erp.state.get('Lead', l.name)!.custom_ai_score).toBeUndefined();
		const comments = erp.state.all('Comment').filter((c) => c.reference_doctype === 'Lead');
		expect(sorted(comments.map((c) => c.reference_name))).toEqual(sorted(open.map((l) => l.name)));

		const rows = (await events(bulkRescore.name)).filter((r) => r.step === 'qualify');
		expect(sorted(rows.map((r) => r.lead_ref))).toEqual(sorted(open.map((l) => l.name)));
		for (const r of rows) expect(r.score).toBe(erp.state.get('Lead', r.lead_ref!)!.custom_ai_score);
	}, 180_000);

	// ERPNext v14/v15 keep the lead source in `source`, v16 (develop) in `utm_source`; every release keeps
	// the message in the `notes` table, which the list API never returns (erpnext-server.mts LEAD_COLUMNS).
	it.each(['v14', 'v15', 'v16'] as const)('reads each Lead whole on an ERPNext %s Lead layout: its notes and its source reach the Lead Qualifier', async (layout) => {
		for (const lead of erp.state.all('Lead').filter((l) => l.status === 'Open')) erp.state.dbSet('Lead', lead.name, { status: 'Converted' });
		erp.state.settings.leadLayout = layout;
		const base = { v14: 760, v15: 770, v16: 780 }[layout];
		const samples = leadSamples.slice(0, 3);
		const leads = samples.map((s, i) => {
			const { source, ...rest } = erpLead(s, base + i, 'Open');
			return layout === 'v16' ? { ...rest, utm_source: source } : { ...rest, source };
		});
		erp.state.seed('Lead', leads);
		try {
			const run = await runManually(bulkRescore.id, 'Run Manually');
			expect(run.status, failure(run)).toBe('success');
			const scored = run.output('Lead Qualifier').map((i) => i.json as { lead: { ref: string; message?: string; source?: string } });
			expect(sorted(scored.map((o) => `${o.lead.ref} ${o.lead.source} ${o.lead.message}`))).toEqual(
				sorted(leads.map((l, i) => `${l.name} ${samples[i].lead.source} ${samples[i].lead.message}`)),
			);
		} finally {
			erp.state.settings.leadLayout = 'v15';
		}
	}, 180_000);
});

describe('engagement-sync.json', () => {
	it('stores each open, click and reply of the leads with a quotation once, over two consecutive hourly runs', async () => {
		const leads = [
			{ name: 'CRM-LEAD-2026-00801', email_id: 'ana.ruiz@aceros-norte.es', status: 'Quotation', lead_name: 'Ana Ruiz' },
			{ name: 'CRM-LEAD-2026-00802', email_id: 'p.novak@brnoprint.cz', status: 'Quotation', lead_name: 'Petr Novak' },
			// Not in Mautic: skipped, nothing stored.
			{ name: 'CRM-LEAD-2026-00803', email_id: 'nobody@kiel-marine.de', status: 'Quotation', lead_name: 'Jonas Kiel' },
			// No quotation yet: not synced although Mautic has its events.
			{ name: 'CRM-LEAD-2026-00804', email_id: 'w.grant@grant-foods.co.uk', status: 'Open', lead_name: 'Will Grant' },
		];
		erp.state.seed('Lead', leads);
		const contact = new Map(leads.slice(0, 2).concat(leads[3]).map((l) => [l.name, mautic.state.seedContact({ email: l.email_id, firstname: l.lead_name.split(' ')[0] })]));
		const at = (hhmmss: string) => `2026-11-20T${hhmmss}+00:00`;
		const timeline: Array<[string, string, string]> = [
			// lead, event, time
			['CRM-LEAD-2026-00801', 'email.sent', '09:58:00'],
			['CRM-LEAD-2026-00801', 'email.read', '09:59:59'], // before the first window
			['CRM-LEAD-2026-00801', 'email.read', '10:00:00'],
			['CRM-LEAD-2026-00801', 'page.hit', '10:41:10'],
			['CRM-LEAD-2026-00801', 'email.replied', '11:00:00'],
			['CRM-LEAD-2026-00802', 'email.read', '10:59:59'],
			['CRM-LEAD-2026-00802', 'email.read', '11:30:00'],
			['CRM-LEAD-2026-00802', 'page.hit', '11:59:59'],
			['CRM-LEAD-2026-00802', 'email.replied', '12:00:00'], // after the second window
			['CRM-LEAD-2026-00804', 'email.read', '10:30:00'],
		];
		for (const [lead, event, time] of timeline) mautic.state.addActivity(contact.get(lead)!.id, { event, timestamp: at(time), label: 'Quote D0' });

		for (const i of [0, 1]) {
			const run = await runManually(engagementRun(i).id, 'Every Hour');
			expect(run.status, failure(run)).toBe('success');
			expect(sorted(run.output('Sync Engagement').map((item) => (item.json.engagement as { leadRef: string; status: string }).status))).toEqual(['skipped', 'synced', 'synced']);
		}
		const rows = await events(engagement.name);
		expect(rows.map((r) => [r.step, r.lead_ref, r.outcome, r.occurred_at.toISOString()])).toEqual([
			['engagement', 'CRM-LEAD-2026-00801', 'opened', '2026-11-20T10:00:00.000Z'],
			['engagement', 'CRM-LEAD-2026-00801', 'clicked', '2026-11-20T10:41:10.000Z'],
			['engagement', 'CRM-LEAD-2026-00802', 'opened', '2026-11-20T10:59:59.000Z'],
			['engagement', 'CRM-LEAD-2026-00801', 'replied', '2026-11-20T11:00:00.000Z'],
			['engagement', 'CRM-LEAD-2026-00802', 'opened', '2026-11-20T11:30:00.000Z'],
			['engagement', 'CRM-LEAD-2026-00802', 'clicked', '2026-11-20T11:59:59.000Z'],
		]);
	}, 120_000);
});

describe('quote-follow-up-native.json', () => {
	it('sends day 0/2/5/7/14 step by step, moves a weekend step to Monday, and stops once the customer answered', async () => {
		// Mautic's clock starts the simulated calendar too, so its email stats fall on day 0.
		mautic.state.advance(T0 - mautic.state.now());
		const buyers = [
			{ quote: 'SAL-QTN-2026-00951', lead: 'CRM-LEAD-2026-00951', email: 'k.berg@lindholm-pumps.se' },
			{ quote: 'SAL-QTN-2026-00952', lead: 'CRM-LEAD-2026-00952', email: 'r.costa@portoval.pt' },
		];
		const contacts = buyers.map((b) => mautic.state.seedContact({ email: b.email, firstname: 'Buyer' }));
		erp.state.seed('Quotation', buyers.map((b) => ({
			name: b.quote, quotation_to: 'Lead', party_name: b.lead, contact_email: b.email, status: 'Open', docstatus: 1, grand_total: 18400, currency: 'EUR',
		})));
		// The second customer answers the day 2 email at once: ERPNext marks the quotation Replied.
		const push = mautic.sent.emails.push.bind(mautic.sent.emails);
		mautic.sent.emails.push = (...sent: SentEmail[]) => {
			for (const s of sent) if (s.contactId === contacts[1].id && s.emailId === EMAIL_OF_DAY.get(2)) erp.state.get('Quotation', buyers[1].quote)!.status = 'Replied';
			return push(...sent);
		};
		const deadline = Date.now() + 60_000;
		while (!erp.state.all('Webhook').some((w) => w.webhook_doctype === 'Quotation' && w.enabled === 1)) {
			if (Date.now() > deadline) throw new Error(`no Quotation webhook registered; log:\n${n8n.log().slice(-2000)}`);
			await new Promise((r) => setTimeout(r, 200));
		}
		await n8n.waitForTriggerRegistration(native.id);
		for (const b of buyers) expect((await fireEvent(erp, 'Quotation', b.quote, 'on_submit')).map((d) => d.status)).toEqual([200]);

		let runs: Array<{ id: string; status: string }> = [];
		for (const until = Date.now() + 90_000; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
			runs = await n8n.executions(native.id);
			if (runs.length === 2 && runs.every((e) => !['new', 'running', 'waiting'].includes(e.status))) break;
		}
		const stored = await Promise.all(runs.map((r) => settledExecution(n8n, r.id)));
		expect(stored.map((e) => e.status), stored.map(failure).join('\n')).toEqual(['success', 'success']);

		// Mautic: what each customer received, in order, each with its quotation number.
		const received = (i: number) => mautic.sent.emails.filter((e) => e.contactId === contacts[i].id);
		expect(received(0).map((e) => e.emailId)).toEqual(STEP_DAYS.map((d) => EMAIL_OF_DAY.get(d)));
		expect(received(1).map((e) => e.emailId)).toEqual([0, 2].map((d) => EMAIL_OF_DAY.get(d)));
		for (const i of [0, 1]) for (const e of received(i)) expect([e.to, e.tokens['{quote_number}']]).toEqual([buyers[i].email, buyers[i].quote]);

		// ltc_events: each step in order; day 2 (a Sunday) deferred, then sent. The events carry the time the
		// step really ran (issue 17), not the simulated day the Outreach node decided at.
		const rows = await events(native.name);
		const steps = (lead: string) => rows.filter((r) => r.lead_ref === lead).map((r) => `${r.decision}/${r.outcome}`);
		expect(steps(buyers[0].lead)).toEqual(['send/sent', 'defer/weekday', 'send/sent', 'send/sent', 'send/sent', 'send/sent']);
		expect(steps(buyers[1].lead)).toEqual(['send/sent', 'defer/weekday', 'send/sent']);
		for (const r of rows) expect(Math.abs(r.occurred_at.getTime() - Date.now())).toBeLessThan(10 * 60_000);
		// The decision itself is on the simulated calendar: day 2 (Sunday 2026-10-04) deferred to Monday.
		const deferred = stored.flatMap((e) => e.output('Day 2 Email')).map((i) => (i.json as { outreach?: { status: string; until?: { utc: string } } }).outreach).filter((o) => o?.status === 'deferred');
		expect(deferred.map((o) => o?.until?.utc.slice(0, 10))).toEqual(['2026-10-05', '2026-10-05']);
		expect(new Set(rows.map((r) => r.quote_ref))).toEqual(new Set(buyers.map((b) => b.quote)));

		// ERPNext: the Quotation re-read after every wait (after the grace period; day 2 twice: after the day
		// wait and after the deferral).
		const reads = (quote: string) => erp.requests.filter((r) => r.method === 'GET' && r.path === `/api/resource/Quotation/${quote}`).length;
		expect(buyers.map((b) => reads(b.quote))).toEqual([6, 4]);
		// n8n: each wait ran once per step it led to, one execution per quotation.
		const byLead = (lead: string) => stored.find((e) => e.output('Quotation Submitted').some((i) => i.json.party_name === lead))!;
		const runsOf = (e: StoredExecution) => Object.fromEntries(Object.entries(e.data.resultData.runData).filter(([n]) => n.startsWith('Wait')).map(([n, r]) => [n, r.length]));
		expect(runsOf(byLead(buyers[0].lead))).toEqual({
			'Wait Until Day 2': 1,
			'Wait Until Day 2 Send Is Allowed': 1,
			'Wait Until Day 5': 1,
			'Wait Until Day 7': 1,
			'Wait Until Day 14': 1,
		});
		expect(runsOf(byLead(buyers[1].lead))).toEqual({ 'Wait Until Day 2': 1, 'Wait Until Day 2 Send Is Allowed': 1, 'Wait Until Day 5': 1 });
	}, 150_000);

	// desk-quotes (ADR 0040): ERPNext lets a reviewer reject a quote only after submitting it (ADR 0036):
	// a quotation cancelled or declared lost within the Grace Period gets no day 0 e-mail, like the desk path.
	it('sends nothing for a quotation cancelled or declared lost within the grace period after its submit', async () => {
		const rejected = [
			{ quote: 'SAL-QTN-2026-00961', lead: 'CRM-LEAD-2026-00961', email: 'p.lind@lindqvist-mek.se', then: { docstatus: 2, status: 'Cancelled' } },
			{ quote: 'SAL-QTN-2026-00962', lead: 'CRM-LEAD-2026-00962', email: 'a.ferreira@ferreira-ind.pt', then: { docstatus: 1, status: 'Lost' } },
		];
		const contacts = rejected.map((b) => mautic.state.seedContact({ email: b.email, firstname: 'Buyer' }));
		erp.state.seed('Quotation', rejected.map((b) => ({ name: b.quote, quotation_to: 'Lead', party_name: b.lead, contact_email: b.email, status: 'Open', docstatus: 1, grand_total: 9200, currency: 'EUR' })));
		const before = (await n8n.executions(native.id)).length;
		for (const b of rejected) expect((await fireEvent(erp, 'Quotation', b.quote, 'on_submit')).map((d) => d.status)).toEqual([200]);
		// The reviewer changes their mind at once, well within the grace period.
		for (const b of rejected) erp.state.dbSet('Quotation', b.quote, b.then);
		// One execution per submit at least; the trigger's catch-up poll may start another (a later
		// version), which must send nothing either: every execution of these quotations is checked.
		const mine = (e: StoredExecution) => e.output('Quotation Submitted').some((i) => rejected.some((b) => b.quote === i.json.name));
		const settle = async (): Promise<StoredExecution[]> => {
			let found: StoredExecution[] = [];
			for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
				const runs = await n8n.executions(native.id);
				if (runs.length < before + 2 || runs.some((e) => ['new', 'running', 'waiting'].includes(e.status))) continue;
				found = (await Promise.all(runs.slice(0, runs.length - before).map((r) => settledExecution(n8n, r.id)))).filter(mine);
				if (found.length >= 2) break;
			}
			return found;
		};
		await settle();
		await new Promise((r) => setTimeout(r, (NATIVE_GRACE_SECONDS + 2) * 1000));
		const stored = await settle();
		expect(stored.length).toBeGreaterThanOrEqual(2);
		expect(stored.map((e) => e.status), stored.map(failure).join('\n')).toEqual(stored.map(() => 'success'));
		expect(new Set(stored.flatMap((e) => e.output('Quotation Submitted').map((i) => i.json.name)))).toEqual(new Set(rejected.map((b) => b.quote)));
		for (const e of stored) {
			expect(e.output('Quotation After Grace Period').map((i) => i.json.status)).toEqual([expect.stringMatching(/^(Cancelled|Lost)$/)]);
			expect(e.output('Day 0 Email')).toEqual([]);
		}
		expect(mautic.sent.emails.filter((m) => contacts.some((c) => c.id === m.contactId))).toEqual([]);
		expect((await events(native.name)).filter((r) => rejected.some((b) => b.lead === r.lead_ref))).toEqual([]);
	}, 90_000);
});
