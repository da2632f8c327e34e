// workflows/frappe-crm-lead-to-close.json published in a real n8n against the Frappe contract server hosting
// the Frappe CRM app (frappe/crm @ 8b7dfdde), the InvenTree and Mautic contract servers and a throwaway
// metrics database (dashboards/schema.sql): the set-up and the waits the desk tests share
// (frappeCrmDeskApproval.test.mts: quotes, ADR 0041; frappeCrmLeadReview.test.mts: leads, ADR 0047;
// frappeCrmDeskApprovalReminders.test.mts: a lead review nobody decides, ADR 0048).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect } from 'vitest';

import { ROOT, startN8n, type N8nInstance } from '../../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../../contract/erpnext-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../../contract/inventree-server.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer } from '../../contract/mautic-server.mts';
import { fireEvent } from '../../support/frappeWebhookSender.mts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.mts';
import { deskClock, untilOn, type Until } from './frappeDesk.mts';
import { executionFailure, storedExecution, type ShippedWorkflow, type StoredExecution } from './metricsExecutions.mts';

export interface FrappeCrmPipeline {
	n8n: N8nInstance;
	crm: ErpNextServer;
	db: TestDatabase;
	inventree: InvenTreeServer;
	mautic: MauticServer;
	until: Until;
	/** The workflow's executions once none is running, oldest first. */
	runs(): Promise<StoredExecution[] | undefined>;
	/**
	 * The first settled execution `pick` accepts, once every execution is settled and successful. Counts
	 * are not asserted: the CRM Task trigger's catch-up poll (every minute) may also start an execution for
	 * a new task it has not seen (ADR 0030), which reads it as pending and ends in No Decision.
	 */
	runWhere(what: string, pick: (run: StoredExecution) => boolean): Promise<StoredExecution>;
	/** A save in Frappe CRM by `user`, now (later than any earlier one): the changes and a new `modified`. */
	byUser(doctype: string, name: string, changes: Record<string, unknown>, user: string): void;
	/**
	 * A web-form lead arrives: the CRM Lead and its note (REST), then Frappe's after_insert webhook; the
	 * execution that asked for its review.
	 */
	newLead(kind: WebFormLead, email: string): Promise<{ lead: string; run: StoredExecution }>;
	stop(): Promise<void>;
}

export interface PipelineOptions {
	/** The workflow as the test runs it (the shipped file, maybe with a fixed clock). */
	flow: ShippedWorkflow;
	api: { apiKey: string; apiSecret: string };
	database: string;
	/** Records on the site before the workflow is published (the activation poll only notes them). */
	seed?: (crm: ErpNextServer, mautic: MauticServer) => void;
	/** More workflows in the same n8n, imported but not published (e.g. a schedule run by the test). */
	also?: ShippedWorkflow[];
}

/** A CRM Lead as the web form makes it, and the note it carries. */
export interface WebFormLead {
	lead: Record<string, unknown>;
	note: string;
}

function credentialRef(flow: ShippedWorkflow, type: string): { id: string; name: string } {
	const ref = flow.nodes.find((n) => n.credentials?.[type])?.credentials?.[type];
	if (!ref) throw new Error(`no ${type} credential in the workflow`);
	return ref;
}

/** Starts the servers and n8n, publishes the workflow and waits for its three Webhooks. */
export async function startFrappeCrmPipeline(options: PipelineOptions): Promise<FrappeCrmPipeline> {
	const { flow, api } = options;
	const db = await createTestDatabase(options.database, { timeZone: 'UTC' });
	await db.pool.query(readFileSync(join(ROOT, 'dashboards', 'schema.sql'), 'utf8'));
	const crm = await startErpNextServer({ ...api, apps: ['crm'] });
	const inventree = await startInvenTreeServer();
	const mautic = await startMauticServer();
	mautic.state.createEmail({ name: 'Welcome', subject: 'Thank you for your enquiry' });
	mautic.state.createEmail({ name: 'Quote D0', subject: 'Your quote' });
	options.seed?.(crm, mautic);
	const pgUrl = new URL(db.url);
	const ref = (type: string) => credentialRef(flow, type);
	const n8n = await startN8n({
		credentials: [
			{ ...ref('leadToCloseErpNextApi'), type: 'leadToCloseErpNextApi', data: { baseUrl: crm.url, ...api } },
			{ ...ref('erpNextApi'), type: 'erpNextApi', data: { ...api, environment: 'selfHosted', domain: crm.url, allowUnauthorizedCerts: false } },
			{ ...ref('leadToCloseInvenTreeApi'), type: 'leadToCloseInvenTreeApi', data: { baseUrl: inventree.url, apiToken: inventree.state.token } },
			{ ...ref('leadToCloseMauticApi'), type: 'leadToCloseMauticApi', data: { baseUrl: mautic.url, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } },
			{
				...ref('postgres'),
				type: 'postgres',
				data: { host: pgUrl.hostname, port: Number(pgUrl.port), database: db.name, user: decodeURIComponent(pgUrl.username), password: '', maxConnections: 4, ssl: 'disable', allowUnauthorizedCerts: false, sshTunnel: false },
			},
		],
		workflows: [flow, ...(options.also ?? [])],
		activate: [flow.id],
		env: { GENERIC_TIMEZONE: 'UTC' },
	});

	const until = untilOn(n8n, 90_000);
	async function runs(): Promise<StoredExecution[] | undefined> {
		const list = await n8n.executions(flow.id);
		if (list.some((e) => ['new', 'running', 'waiting'].includes(e.status))) return undefined;
		return await Promise.all([...list].reverse().map((e) => storedExecution(n8n, e.id)));
	}
	async function runWhere(what: string, pick: (run: StoredExecution) => boolean): Promise<StoredExecution> {
		const all = (await until(what, runs, (r) => r !== undefined && r.some(pick)))!;
		for (const run of all) expect(run.status, executionFailure(run)).toBe('success');
		return all.find(pick)!;
	}
	const clock = deskClock();
	const byUser = (doctype: string, name: string, changes: Record<string, unknown>, user: string) => void clock.save(crm, doctype, name, changes, user);

	const headers = { Authorization: `token ${api.apiKey}:${api.apiSecret}`, 'Content-Type': 'application/json', Accept: 'application/json' };
	async function rest(path: string, body: unknown): Promise<Record<string, unknown>> {
		const res = await fetch(`${crm.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
		expect(res.status, `POST ${path}`).toBe(200);
		return ((await res.json()) as { data: Record<string, unknown> }).data;
	}
	// A web-form lead as frappe/crm @ 8b7dfdde makes it: the CRM Lead (crm/fcrm/doctype/crm_lead) and its
	// note, an FCRM Note whose reference_doctype/reference_docname point at the lead (crm/fcrm/doctype/
	// fcrm_note/fcrm_note.json), both through /api/resource (frappe/api/v1.py create_doc); the insert sends
	// the after_insert webhook (frappe/model/document.py insert → run_post_save_methods).
	async function newLead(kind: WebFormLead, email: string): Promise<{ lead: string; run: StoredExecution }> {
		const created = await rest('/api/resource/CRM%20Lead', { ...kind.lead, email, source: 'Web Form' });
		const lead = String(created.name);
		await rest('/api/resource/FCRM%20Note', { title: 'Web form', content: `<p>${kind.note}</p>`, reference_doctype: 'CRM Lead', reference_docname: lead });
		expect((await fireEvent(crm, 'CRM Lead', lead, 'after_insert')).map(deliveryOutcome)).toEqual([[200, 'taken']]);
		const run = await runWhere(`the qualification of ${lead}`, (r) => r.output('Request Lead Review in CRM').some((i) => (i.json.approval as { lead?: string }).lead === lead));
		return { lead, run };
	}

	await until(
		'the published workflow registered its three Webhooks',
		() => crm.state.all('Webhook').filter((w) => w.enabled === 1).map((w) => `${String(w.webhook_doctype)} ${String(w.webhook_docevent)}`).sort(),
		(hooks) => hooks.join() === 'CRM Deal after_insert,CRM Lead after_insert,CRM Task on_update',
	);
	await n8n.waitForTriggerRegistration(flow.id);
	return {
		n8n,
		crm,
		db,
		inventree,
		mautic,
		until,
		runs,
		runWhere,
		byUser,
		newLead,
		stop: async () => {
			await n8n?.stop();
			await crm?.stop();
			await inventree?.stop();
			await mautic?.stop();
			await db?.drop();
		},
	};
}

/** A Frappe webhook answer as the tests compare it: [status, 'taken'] when n8n took it (or had it already). */
export function deliveryOutcome(answer: { status: number; text: string }): [number, string] {
	const body = JSON.parse(answer.text) as { status: string; reason?: string };
	return [answer.status, body.status === 'accepted' || (body.status === 'ignored' && body.reason === 'replay') ? 'taken' : answer.text];
}
