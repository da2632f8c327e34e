// The ERPNext desk tests' set-up (deskApproval, deskApprovalAcceptance, deskLeadReview, deskLeadReminders,
// deskDealDecision, deskDealReminders): a shipped workflow published in a real n8n against the ERPNext
// contract server, the fakes of the other back-ends the shipped workflows name (InvenTree, Mautic, an SMTP
// sink: started for every test, whether its workflow uses them or not, as they are cheap) and a throwaway
// metrics database (dashboards/schema.sql); and the waits and desk gestures they share. The Frappe CRM
// side has its own: support/frappeCrmPipeline.mts; what both share is in support/frappeDesk.mts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect } from 'vitest';

import type { DealSnapshotInput } from '../../../core/dealRisk/index.ts';
import { ROOT, startN8n, type CredentialFixture, type N8nInstance } from '../../../scripts/n8n-instance.mts';
import { decideAssignment, startErpNextServer, type Doc, type ErpNextServer, type ErpNextServerOptions } from '../../contract/erpnext-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../../contract/inventree-server.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer } from '../../contract/mautic-server.mts';
import { startDealErpNext, type DealErpNext } from '../../nodes/support/dealErpNext.mts';
import { SAMPLE_CATALOG, mirrorCatalog } from '../../nodes/support/quoteFixtures.mts';
import { fireEvent, webhookEventsFor, type DeliveryResult, type FrappeAction } from '../../support/frappeWebhookSender.mts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.mts';
import { deskClock, untilOn, type DeskClock, type Until } from './frappeDesk.mts';
import { executionFailure, loadWorkflow, runFromTrigger, storedExecution, type ShippedWorkflow, type StoredExecution } from './metricsExecutions.mts';
import { startSmtpSink, type SmtpSink } from './metricsSmtpSink.mts';
import { postgresCredential, smtpCredential } from './metricsWorkflow.mts';

/** The credentials as the shipped workflows name them. */
const CREDENTIALS = {
	erpNext: { id: 'ltcErpNextCred001', name: 'Lead-to-Close ERPNext' },
	inventree: { id: 'ltcInvenTreeCrd01', name: 'Lead-to-Close InvenTree' },
	mautic: { id: 'ltcMauticCred0001', name: 'Lead-to-Close Mautic' },
	postgres: { id: 'ltcMetricsPg00001', name: 'Lead-to-Close metrics DB' },
	smtp: { id: 'ltcSmtpCred000001', name: 'Lead-to-Close SMTP' },
};

export interface DeskOptions {
	database: string;
	api: { apiKey: string; apiSecret: string };
	/** The workflow under test, published: `settled`, `runCount` and `newLead` watch its executions. */
	flow: ShippedWorkflow;
	/** The doctypes whose Webhooks the published workflows register on the site (awaited before the tests). */
	webhooks: string[];
	/** More workflows published beside it (their trigger registrations awaited too). */
	publish?: ShippedWorkflow[];
	/** More workflows imported but not published (e.g. a schedule the test runs with `run`). */
	also?: ShippedWorkflow[];
	/** More credentials (e.g. a second site's). */
	credentials?: CredentialFixture[];
	/** The site's options beyond the API key (e.g. its clockStart). */
	site?: ErpNextServerOptions;
	/** The ERPNext credential's Propose Only switch (the one switch for the whole pipeline). */
	proposeOnly?: boolean;
	/** n8n reaches the site through the Deal Monitor's Frappe front (tests/nodes/support/dealErpNext.mts). */
	dealFront?: boolean;
}

export interface EventRow {
	execution_id: string;
	step: string;
	actor: string;
	decision: string | null;
	outcome: string | null;
	lead_ref: string | null;
	deal_ref: string | null;
	quote_ref: string | null;
	channel: string | null;
	service: string | null;
	decided_by: string | null;
	reason: string | null;
	score: number | null;
	/** bigint: node-postgres gives it as a string. */
	duration_ms: string | null;
	occurred_at: Date;
}

export interface ErpNextDesk {
	n8n: N8nInstance;
	erp: ErpNextServer;
	/** The Deal Monitor's front, with `dealFront`. */
	front?: DealErpNext;
	db: TestDatabase;
	inventree: InvenTreeServer;
	mautic: MauticServer;
	smtp: SmtpSink;
	until: Until;
	/** The executions of `workflow` (default: the one under test) once at least `count` exist and none is new, running or waiting. */
	settled(count?: number, options?: { workflow?: string; timeoutMs?: number }): Promise<Array<{ id: string; status: string }>>;
	runCount(): Promise<number>;
	/** Runs a workflow from `trigger` (default: its schedule) as the editor does; it must succeed. */
	run(workflow: ShippedWorkflow, trigger?: string): Promise<StoredExecution>;
	/** The time of the desk acts (also on another Frappe site of the test). */
	clock: DeskClock;
	/** Now as the site writes `modified`, later than any earlier desk act. */
	stamp(): string;
	/** A save in the desk by `user`, now: the changes, `modified_by` and a new `modified`. */
	byUser(doctype: string, name: string, changes: Record<string, unknown>, user: string): Doc;
	/** A person's transition in the desk (a save by them), and the webhooks ERPNext sends for it unless `drop`ped. */
	inDesk(doctype: string, name: string, transition: { actions: FrappeAction[]; changes: Record<string, unknown> }, user: string, options?: { drop?: boolean }): Promise<DeliveryResult[]>;
	/** `user` closes (Closed) or removes (Cancelled) the assignment: a save of the ToDo, and its On Change webhook unless `drop`ped. */
	decide(todo: string, status: 'Closed' | 'Cancelled', user: string, options?: { drop?: boolean }): Promise<void>;
	/** A new Lead on the site and its after_insert webhook; the executions once its run succeeded. */
	newLead(doc: Record<string, unknown>): Promise<Array<{ id: string; status: string }>>;
	/** The Quotation the Quote Generator made for a Lead. */
	quotationOf(lead: string): Doc | undefined;
	/** The ToDos assigned on a document. */
	todos(doctype: string, name: string): Doc[];
	/** The contents of the comments on a document. */
	comments(doctype: string, name: string): string[];
	/** What Mautic sent to `email`. */
	mailsTo(email: string): MauticServer['sent']['emails'];
	/** The metric events of a lead or deal (`where`: more SQL conditions), oldest first. */
	events(ref: { lead: string } | { deal: string }, where?: string): Promise<EventRow[]>;
	stop(): Promise<void>;
}

/** The decided markers the desk approvals write into a ToDo's description (one per decision). */
export const decidedLines = (description: unknown): string[] => String(description).match(/ltc-approval-decided-/g) ?? [];

type Node = ShippedWorkflow['nodes'][number];
/**
 * workflows/lead-to-close.json as the desk tests run it: its Outreach sends decide at a fixed Tuesday
 * morning (outside the quiet hours, whenever the test runs), and `change` edits any other node.
 */
export function leadToClose(change: (node: Node) => Node = (node) => node): ShippedWorkflow {
	const pipeline = loadWorkflow('lead-to-close.json');
	return { ...pipeline, nodes: pipeline.nodes.map((n) => (n.type === 'n8n-nodes-lead-to-close.outreach' && n.parameters.operation === 'send' ? { ...n, parameters: { ...n.parameters, now: '2026-11-17T09:00:00Z' } } : change(n))) };
}

/** samples/deals.json: the deals the Deal Monitor tests scan, as of a reference date. */
export const DEAL_SAMPLES = JSON.parse(readFileSync(join(ROOT, 'samples', 'deals.json'), 'utf8')) as { asOf: string; timeZone: string; deals: Array<DealSnapshotInput & { label: unknown }> };
/** A critical sample deal, copied without its ToDos so its owner has none open yet. */
export const CRITICAL_DEAL: DealSnapshotInput = (({ label: _label, ...deal }) => deal)(DEAL_SAMPLES.deals.find((d) => d.name === 'CRM-OPP-2026-00125')!);

const reminders = loadWorkflow('desk-approval-reminders.json');
/** desk-approval-reminders.json as shipped, checking at `hours` after the moment it runs (Check Pending's Now), with `changes`. */
export function remindersAt(hours: number, id: string, changes: Record<string, unknown> = {}): ShippedWorkflow {
	return {
		...reminders,
		id,
		name: `${reminders.name} (+${hours} h${Object.values(changes).map((v) => `, ${String(v)}`).join('')})`,
		nodes: reminders.nodes.map((n) => (n.name === 'Check Pending Approvals' ? { ...n, parameters: { ...n.parameters, ...changes, now: `={{ $now.plus({ hours: ${hours} }).toISO() }}` } } : n)),
	};
}

/** Starts the site, the back-ends and n8n, publishes the workflows and waits for their Webhooks. */
export async function startErpNextDesk(options: DeskOptions): Promise<ErpNextDesk> {
	const { flow, api } = options;
	const published = [flow, ...(options.publish ?? [])];
	const db = await createTestDatabase(options.database, { timeZone: 'UTC' });
	await db.pool.query(readFileSync(join(ROOT, 'dashboards', 'schema.sql'), 'utf8'));
	const erp = await startErpNextServer({ ...options.site, ...api });
	const front = options.dealFront ? await startDealErpNext(erp, api) : undefined;
	const inventree = await startInvenTreeServer();
	const mautic = await startMauticServer();
	const smtp = await startSmtpSink();
	// The Quote Generator quotes from the sample catalog, mirrored into the site as Items and prices.
	const quoting = published.flatMap((w) => w.nodes).find((n) => n.type === 'n8n-nodes-lead-to-close.quoteGenerator');
	if (quoting) mirrorCatalog(erp, SAMPLE_CATALOG, String(quoting.parameters.company));
	// The e-mails and campaigns lead-to-close.json names by id: 1 and 2, and campaigns 1 (follow-up) and 3 (nurture).
	mautic.state.createEmail({ name: 'Welcome', subject: 'Thank you for your enquiry' });
	mautic.state.createEmail({ name: 'Quote D0', subject: 'Your quotation {quote_number}' });
	for (const name of ['Quote follow-up', 'Unused', 'Nurture']) mautic.state.createCampaign({ name });
	const pgUrl = new URL(db.url);
	const n8n = await startN8n({
		credentials: [
			{ ...CREDENTIALS.erpNext, type: 'leadToCloseErpNextApi', data: { baseUrl: (front ?? erp).url, ...api, ...(options.proposeOnly ? { proposeOnly: true } : {}) } },
			{ ...CREDENTIALS.inventree, type: 'leadToCloseInvenTreeApi', data: { baseUrl: inventree.url, apiToken: inventree.state.token } },
			{ ...CREDENTIALS.mautic, type: 'leadToCloseMauticApi', data: { baseUrl: mautic.url, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } },
			{ ...smtpCredential(CREDENTIALS.smtp.id, smtp.port), name: CREDENTIALS.smtp.name },
			postgresCredential(CREDENTIALS.postgres.id, CREDENTIALS.postgres.name, { host: pgUrl.hostname, port: Number(pgUrl.port), database: db.name, user: decodeURIComponent(pgUrl.username), maxConnections: 4 }),
			...(options.credentials ?? []),
		],
		workflows: [...published, ...(options.also ?? [])],
		activate: published.map((w) => w.id),
		env: { GENERIC_TIMEZONE: 'UTC' },
	});

	const until = untilOn(n8n);
	const clock = deskClock();
	const stamp = () => clock.stamp(erp.state.settings.timeZone);
	const byUser = (doctype: string, name: string, changes: Record<string, unknown>, user: string) => clock.save(erp, doctype, name, changes, user);
	const runCount = async () => (await n8n.executions(flow.id)).length;
	const settled: ErpNextDesk['settled'] = (count = 0, { workflow = flow.id, timeoutMs = 150_000 } = {}) =>
		until(`${count} settled executions of ${workflow}`, () => n8n.executions(workflow), (runs) => runs.length >= count && runs.every((e) => !['new', 'running', 'waiting'].includes(e.status)), timeoutMs);
	const desk: ErpNextDesk = {
		n8n,
		erp,
		front,
		db,
		inventree,
		mautic,
		smtp,
		until,
		settled,
		runCount,
		async run(workflow, trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger')?.name ?? '') {
			const execution = await runFromTrigger(n8n, workflow.id, trigger);
			expect(execution.status, executionFailure(execution)).toBe('success');
			return execution;
		},
		clock,
		stamp,
		byUser,
		async inDesk(doctype, name, transition, user, { drop = false } = {}) {
			byUser(doctype, name, transition.changes, user);
			if (drop) return [];
			const results = [];
			for (const event of webhookEventsFor(transition.actions)) results.push(...(await fireEvent(erp, doctype, name, event)));
			return results;
		},
		// A desk user closes (Close button, frappe/desk/doctype/todo/todo.js) or removes (frappe/desk/form/
		// assign_to.py @ a32bc623 `remove` → set_status "Cancelled") the assignment: a ToDo save, which sends
		// on_update and on_change (frappe/model/document.py run_post_save_methods; the contract server's
		// decideAssignment cites todo.py @ 0307dd4c for what the save changes on the reference).
		async decide(todo, status, user, { drop = false } = {}) {
			decideAssignment(erp.state, todo, status, user, stamp());
			if (drop) return;
			const results = [];
			for (const event of webhookEventsFor(['save'])) results.push(...(await fireEvent(erp, 'ToDo', todo, event)));
			expect(results.map((d) => [d.event, d.status])).toEqual([['on_change', 200]]);
		},
		// A Lead made in the desk or by a web form: the insert sends after_insert (and on_update, which the
		// shipped workflow does not listen for; frappe/model/document.py insert → run_post_save_methods).
		async newLead(doc) {
			const before = await runCount();
			erp.state.seed('Lead', [doc]);
			expect((await fireEvent(erp, 'Lead', String(doc.name), 'after_insert')).map((d) => d.status)).toEqual([200]);
			const runs = await settled(before + 1);
			for (const run of runs) if (run.status !== 'success') expect(run.status, executionFailure(await storedExecution(n8n, run.id))).toBe('success');
			return runs;
		},
		quotationOf: (lead) => erp.state.all('Quotation').find((q) => q.party_name === lead),
		todos: (doctype, name) => erp.state.all('ToDo').filter((t) => t.reference_type === doctype && t.reference_name === name),
		comments: (doctype, name) =>
			erp.state
				.all('Comment')
				.filter((c) => c.reference_doctype === doctype && c.reference_name === name)
				.map((c) => String(c.content)),
		mailsTo: (email) => mautic.sent.emails.filter((e) => e.to === email),
		async events(ref, where) {
			const [column, value] = 'lead' in ref ? ['lead_ref', ref.lead] : ['deal_ref', ref.deal];
			return (await db.pool.query<EventRow>(`SELECT * FROM ltc_events WHERE ${column} = $1${where ? ` AND ${where}` : ''} ORDER BY occurred_at, id`, [value])).rows;
		},
		stop: async () => {
			await n8n?.stop();
			await front?.stop();
			await erp?.stop();
			await inventree?.stop();
			await mautic?.stop();
			await smtp?.stop();
			await db?.drop();
		},
	};

	try {
		for (const doctype of options.webhooks) {
			await until(`the published workflow registered its ${doctype} Webhook`, () => erp.state.all('Webhook').some((w) => w.webhook_doctype === doctype && w.enabled === 1), (found) => found, 60_000);
		}
		for (const w of published) await n8n.waitForTriggerRegistration(w.id);
	} catch (error) {
		await desk.stop();
		throw error;
	}
	return desk;
}
