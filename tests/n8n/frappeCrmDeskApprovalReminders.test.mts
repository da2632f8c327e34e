// workflows/frappe-crm-desk-approval-reminders.json in a real n8n (issue 19, ADR 0041 addendum): the
// hourly Check Pending of the Desk Approval node with System of Record "Frappe CRM", its events stored in
// ltc_events of a throwaway metrics database (dashboards/schema.sql), against the Frappe contract server
// hosting the Frappe CRM app (frappe/crm @ 8b7dfdde). The shipped file is run unchanged, from its
// schedule trigger as the editor's "Execute workflow" does; time is controlled as in
// tests/nodes/deskApproval.test.mts: the approval tasks carry proposals made hours ago (`proposed_at`),
// the node reads the real clock. The story: open approval tasks on five deals. One waited 30 h: its
// owner gets one reminder comment on the deal. One waited 80 h: the default applies, the task is set to
// Canceled under its `modified` (the lock), the deal's products stay empty, nothing is sent, and a system
// timeout event is stored. A fresh one (2 h), one the owner set to Done (being decided) and one already
// decided and reopened are left alone. Then n8n restarts and the schedule runs again: nothing more is
// written or stored.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
	crmApprovalNote,
	crmApprovalTitle,
	type CrmProposal,
} from '../../core/approvals/crmApproval';
import { approvalNoticeMarker } from '../../core/markers';
import { ROOT, startN8n, type N8nInstance } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.mts';
import {
	executionFailure,
	loadWorkflow,
	runFromTrigger,
	type StoredExecution,
} from './support/metricsExecutions.mts';

const flow = loadWorkflow('frappe-crm-desk-approval-reminders.json');
const TRIGGER = 'Every Hour';
const CHECK = 'Check Pending Approvals';
const API = { apiKey: 'crm-remind-key', apiSecret: 'crm-remind-secret-19cc' };
const OWNER = 'anna.berg@example.com';

const check = flow.nodes.find((n) => n.name === CHECK)!;
const REMIND_H = Number(check.parameters.remindAfterHours);
const TIMEOUT_H = Number(check.parameters.timeoutAfterHours);

/** The deals and how their approval tasks stand. */
const CASES = {
	remind: { deal: 'CRM-DEAL-2026-00191', hoursAgo: REMIND_H + 6, status: 'Todo' },
	timeout: { deal: 'CRM-DEAL-2026-00192', hoursAgo: TIMEOUT_H + 8, status: 'In Progress' },
	fresh: { deal: 'CRM-DEAL-2026-00193', hoursAgo: 2, status: 'Todo' },
	done: { deal: 'CRM-DEAL-2026-00194', hoursAgo: TIMEOUT_H + 8, status: 'Done' },
	reopened: { deal: 'CRM-DEAL-2026-00195', hoursAgo: TIMEOUT_H + 8, status: 'Todo' },
} as const;
type Case = keyof typeof CASES;

function credentialRef(type: string): { id: string; name: string } {
	const ref = flow.nodes.find((n) => n.credentials?.[type])?.credentials?.[type];
	if (!ref) throw new Error(`no ${type} credential in the workflow`);
	return ref;
}

function proposal(deal: string, hoursAgo: number, executionId: string): CrmProposal {
	return {
		v: 1,
		kind: 'crm_deal_quote',
		workflow: 'Lead-to-Close: new Frappe CRM Lead scored, its deal quoted',
		execution_id: executionId,
		step: 'quote',
		lead_ref: null,
		deal_ref: deal,
		quote_ref: null,
		record: deal,
		proposed_at: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
		amount: 1_840_000,
		currency: 'EUR',
		confidence: 0.55,
		key: `ltc-quote-${deal}`,
		quote: {
			lines: [
				{
					sku: 'ACS580-01-017A-4',
					name: 'ABB ACS580 7.5 kW',
					qty: 3,
					uom: 'Nos',
					unit_price: 613_334,
					discount_pct: 0,
					amount: 1_840_002,
					currency: 'EUR',
				},
			],
			subtotal: 1_840_002,
			discount_total: 2,
			total: 1_840_000,
			currency: 'EUR',
		},
		reasons: ['The buyer left the drive family open: "ACS580 or ACS880"'],
	};
}

let n8n: N8nInstance;
let crm: ErpNextServer;
let db: TestDatabase;
const tasks = {} as Record<Case, { name: string; modified: string; executionId: string }>;

beforeAll(async () => {
	db = await createTestDatabase('ltc_crm_remind', { timeZone: 'UTC' });
	await db.pool.query(readFileSync(join(ROOT, 'dashboards', 'schema.sql'), 'utf8'));
	crm = await startErpNextServer({ ...API, apps: ['crm'] });
	let n = 0;
	for (const [key, c] of Object.entries(CASES) as Array<[Case, (typeof CASES)[Case]]>) {
		crm.state.seed('CRM Deal', [
			{
				name: c.deal,
				naming_series: 'CRM-DEAL-.YYYY.-',
				organization: 'Nordwerk Automation GmbH',
				status: 'Proposal/Quotation',
				deal_owner: OWNER,
				currency: 'EUR',
			},
		]);
		const executionId = String(1900 + ++n);
		const p = proposal(c.deal, c.hoursAgo, executionId);
		const [task] = crm.state.seed('CRM Task', [
			{
				title: crmApprovalTitle(p),
				description: crmApprovalNote(p),
				status: c.status,
				priority: 'High',
				assigned_to: OWNER,
				reference_doctype: 'CRM Deal',
				reference_docname: c.deal,
			},
		]);
		const name = String(task.name);
		// Decided by an earlier run (its decided line), then reopened by the owner.
		if (key === 'reopened')
			crm.state.dbSet('CRM Task', name, {
				description: `${String(task.description)}\n<p>Approved by ${OWNER}. [${approvalNoticeMarker('decided', name)}]</p>`,
			});
		tasks[key] = { name, modified: String(crm.state.get('CRM Task', name)!.modified), executionId };
	}
	const pgUrl = new URL(db.url);
	n8n = await startN8n({
		credentials: [
			{
				...credentialRef('leadToCloseErpNextApi'),
				type: 'leadToCloseErpNextApi',
				data: { baseUrl: crm.url, ...API },
			},
			{
				...credentialRef('postgres'),
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
		workflows: [flow],
		env: { GENERIC_TIMEZONE: 'UTC' },
	});
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await crm?.stop();
	await db?.drop();
});

const task = (c: Case) => crm.state.get('CRM Task', tasks[c].name)!;
const commentsOn = (c: Case) =>
	crm.state
		.all('Comment')
		.filter((r) => r.reference_doctype === 'CRM Deal' && r.reference_name === CASES[c].deal)
		.map((r) => String(r.content));
const approvals = (run: StoredExecution) =>
	run.output(CHECK).map(
		(i) =>
			i.json.approval as {
				status: string;
				deal: string;
				task: string;
				assignedTo: string | null;
				waitedHours: number;
			},
	);

interface EventRow {
	execution_id: string;
	step: string;
	actor: string;
	decision: string | null;
	outcome: string | null;
	deal_ref: string | null;
	channel: string | null;
	service: string | null;
	duration_ms: string | null;
}
async function events(): Promise<EventRow[]> {
	const sql =
		'SELECT execution_id, step, actor, decision, outcome, deal_ref, channel, service, duration_ms FROM ltc_events ORDER BY deal_ref, id';
	return (await db.pool.query<EventRow>(sql)).rows;
}

describe('frappe-crm-desk-approval-reminders.json: reminders and timeouts of Frappe CRM approval tasks', () => {
	it('the shipped workflow runs Check Pending on Frappe CRM and stores its events', () => {
		expect(check).toMatchObject({
			type: 'n8n-nodes-lead-to-close.deskApproval',
			parameters: { systemOfRecord: 'frappeCrm', operation: 'checkPending', onTimeout: 'reject' },
		});
		expect(REMIND_H).toBe(24);
		expect(TIMEOUT_H).toBe(72);
		expect(flow.nodes.find((n) => n.name === TRIGGER)?.type).toBe('n8n-nodes-base.scheduleTrigger');
	});

	it('reminds the owner of a task past Remind After once; past Time Out After the task is Canceled under its lock, nothing sent, a system timeout event stored; the fresh and the decided are left alone', async () => {
		const run = await runFromTrigger(n8n, flow.id, TRIGGER);
		expect(run.status, executionFailure(run)).toBe('success');
		expect(approvals(run)).toEqual([
			{
				status: 'reminded',
				deal: CASES.remind.deal,
				task: tasks.remind.name,
				assignedTo: OWNER,
				waitedHours: CASES.remind.hoursAgo,
			},
			{
				status: 'timed_out_rejected',
				deal: CASES.timeout.deal,
				task: tasks.timeout.name,
				assignedTo: OWNER,
				waitedHours: CASES.timeout.hoursAgo,
			},
		]);

		// The reminder: one comment on the deal for the assignee; the task stays open.
		expect(commentsOn('remind')).toEqual([
			expect.stringContaining(
				`Reminder for ${OWNER}: the AI quote in task ${tasks.remind.name} has waited ${CASES.remind.hoursAgo} h for your review.`,
			),
		]);
		expect(task('remind').status).toBe('Todo');

		// The timeout: Canceled with the decided line, written under the `modified` it read; a notice on the deal.
		expect(task('timeout').status).toBe('Canceled');
		expect(String(task('timeout').description)).toContain(
			`Rejected by default after ${TIMEOUT_H} h without a decision. [${approvalNoticeMarker('decided', tasks.timeout.name)}]`,
		);
		const taskWrites = crm.writes().filter((w) => w.path.startsWith('/api/resource/CRM Task/'));
		expect(
			taskWrites.map((w) => [
				w.method,
				w.path,
				(w.body as Record<string, unknown>).status,
				(w.body as Record<string, unknown>).modified,
			]),
		).toEqual([
			['PUT', `/api/resource/CRM Task/${tasks.timeout.name}`, 'Canceled', tasks.timeout.modified],
		]);
		expect(commentsOn('timeout')).toEqual([
			expect.stringContaining(
				`Nobody reviewed the AI quote in task ${tasks.timeout.name} in ${TIMEOUT_H} h: it was rejected by default and nothing was sent.`,
			),
		]);
		expect(crm.state.get('CRM Deal', CASES.timeout.deal)!.products ?? []).toEqual([]);

		// Nothing else was written: two comments and the one task update.
		expect(
			crm
				.writes()
				.map((w) => `${w.method} ${w.path}`)
				.sort(),
		).toEqual([
			'POST /api/method/frappe.desk.form.utils.add_comment',
			'POST /api/method/frappe.desk.form.utils.add_comment',
			`PUT /api/resource/CRM Task/${tasks.timeout.name}`,
		]);
		for (const c of ['fresh', 'done', 'reopened'] as const) {
			expect(commentsOn(c), c).toEqual([]);
			expect(task(c).modified, c).toBe(tasks[c].modified);
		}

		// The events, as the ERPNext schedule stores them: a system reminder and a system timeout of the hand-off.
		expect(await events()).toMatchObject([
			{
				execution_id: tasks.remind.executionId,
				step: 'quote',
				actor: 'system',
				decision: null,
				outcome: 'reminded',
				deal_ref: CASES.remind.deal,
				channel: 'desk',
				service: 'frappe_crm',
			},
			{
				execution_id: tasks.timeout.executionId,
				step: 'quote',
				actor: 'system',
				decision: 'timeout',
				outcome: 'rejected',
				deal_ref: CASES.timeout.deal,
				channel: 'desk',
				service: 'frappe_crm',
				duration_ms: String(TIMEOUT_H * 3_600_000),
			},
		]);
	}, 200_000);

	it('after n8n restarts, the next scheduled run writes, sends and stores nothing more', async () => {
		const writes = crm.writes().length;
		const stored = await events();
		await n8n.stop();
		await n8n.start();
		const again = await runFromTrigger(n8n, flow.id, TRIGGER);
		expect(again.status, executionFailure(again)).toBe('success');
		expect(approvals(again)).toEqual([]);
		expect(crm.writes().slice(writes)).toEqual([]);
		expect(await events()).toEqual(stored);
		expect(commentsOn('remind')).toHaveLength(1);
		expect(commentsOn('timeout')).toHaveLength(1);
		expect(task('timeout').status).toBe('Canceled');
		expect(task('done').status).toBe('Done');
	}, 300_000);
});
