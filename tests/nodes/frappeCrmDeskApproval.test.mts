// The Desk Approval node with System of Record "Frappe CRM" in the n8n engine (in-process) against the
// Frappe contract server hosting the Frappe CRM app (frappe/crm @ 8b7dfdde, ADR 0041). The review quote
// is a real Quote Generator output (Frappe CRM, routed to review): Request Approval makes one CRM Task on
// the deal for its owner with the reasons escaped and the proposal in its marker; Read Decision reads the
// task again: Done writes the proposed lines as the deal's products once and goes to Approved, Canceled
// keeps the reviewer's reason (in the task or as their comment on the deal) and goes to Rejected; a second
// read, or a second process at once, decides nothing. Check Pending reminds once, then rejects by default.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { readCrmProposal } from '../../core/approvals/crmApproval';
import type { MetricEvent } from '../../core/metrics';
import { LeadToCloseErpNextApi } from '../../credentials/LeadToCloseErpNextApi.credentials';
import { DeskApproval } from '../../nodes/DeskApproval/DeskApproval.node';
import { noteMadeEvents } from '../../nodes/shared/madeEvents';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { TestStartNode, chain, node, runWorkflow } from '../workflow/harness.mts';
import {
	NODE_NAME,
	SAMPLE_CATALOG,
	csvRow,
	runQuote,
	sampleRequest,
} from './support/quoteFixtures.mts';

const TYPE = 'n8n-nodes-lead-to-close.deskApproval';
const CRM = { apiKey: 'crm-desk-key', apiSecret: 'crm-desk-secret-41aa' };
const DEAL = 'CRM-DEAL-2026-00041';
const OWNER = 'anna.berg@example.com';
const REVIEWER = 'sales.manager@example.com';

/** Emits its items and notes their events as made in this execution, as the Quote Generator does. */
class TestEmitNode extends TestStartNode {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [items] = await TestStartNode.prototype.execute.call(this);
		for (const item of items) noteMadeEvents(this, (item.json._ltcEvents ?? []) as MetricEvent[]);
		return [items];
	}
}

let crm: ErpNextServer;
beforeEach(async () => {
	crm = await startErpNextServer({ ...CRM, apps: ['crm'], timeZone: 'Europe/Berlin' });
	crm.state.seed('CRM Deal', [
		{
			name: DEAL,
			naming_series: 'CRM-DEAL-.YYYY.-',
			organization: 'Nordwerk Automation GmbH',
			status: 'Proposal/Quotation',
			deal_owner: OWNER,
			email: 'jana.roth@nordwerk-automation.de',
		},
	]);
	crm.state.seed('CRM Product', [
		{
			name: '1756-IB16',
			product_code: '1756-IB16',
			product_name: '1756-IB16 input card',
			disabled: 0,
		},
	]);
});
afterEach(async () => {
	await crm?.stop();
});

const creds = () => ({ leadToCloseErpNextApi: { baseUrl: crm.url, ...CRM } });

/** A Quote Generator output for the deal, routed to review (total above the auto limit), with a hostile reason added. */
async function reviewQuote(): Promise<IDataObject> {
	const r = await runQuote(
		SAMPLE_CATALOG.map(csvRow),
		{
			catalogSource: 'inputItems',
			systemOfRecord: 'frappeCrm',
			deal: DEAL,
			requestText: sampleRequest('QR-002').text,
			autoMaxTotal: 1,
		},
		{},
		creds(),
	);
	const json = r.output(NODE_NAME)[0].json;
	expect(json.route).toBe('review');
	return {
		...json,
		review_reasons: [
			...(json.review_reasons as string[]),
			'<img src=x onerror=alert(1)> asked for "ACS580 or ACS880"',
		],
	};
}

async function run(start: 'test.emit' | 'test.start', items: IDataObject[], params: IDataObject) {
	return await runWorkflow({
		nodeTypes: { 'test.emit': new TestEmitNode(), [TYPE]: new DeskApproval() },
		credentialTypes: [new LeadToCloseErpNextApi()],
		credentials: creds() as never,
		nodes: [
			node('Start', start, { items: JSON.stringify(items) }),
			node('Desk Approval', TYPE, params as never, { onError: 'continueRegularOutput' } as never),
		],
		connections: chain('Start', 'Desk Approval'),
	});
}
const REQUEST = { operation: 'request', systemOfRecord: 'frappeCrm' };
const request = (item: IDataObject) => run('test.emit', [item], REQUEST);
const decide = (task: string) =>
	run('test.start', [{ name: task }], { operation: 'decide', systemOfRecord: 'frappeCrm' });
const tasks = () => crm.state.all('CRM Task').filter((t) => t.reference_docname === DEAL);
const dealComments = () =>
	crm.state
		.all('Comment')
		.filter((c) => c.reference_doctype === 'CRM Deal' && c.reference_name === DEAL)
		.map((c) => String(c.content));

/** What the reviewer does in Frappe CRM: the task's status (and maybe description) changes, by them, now. */
function inCrm(task: string, changes: Record<string, unknown>) {
	crm.state.dbSet('CRM Task', task, changes);
	Object.assign(crm.state.get('CRM Task', task)!, {
		modified_by: REVIEWER,
		modified: DateTime.now().setZone('Europe/Berlin').toFormat('yyyy-MM-dd HH:mm:ss.SSS000'),
	});
}

describe('Desk Approval × Frappe CRM: Request Approval', () => {
	it('makes one CRM Task on the deal for its owner, with the reasons escaped and the proposal in its marker; a retry reuses it', async () => {
		const item = await reviewQuote();
		const first = await request(item);
		const [out] = first.output('Desk Approval');
		expect(out.json.approval).toMatchObject({
			status: 'pending',
			deal: DEAL,
			assignedTo: OWNER,
			reused: false,
		});
		expect(tasks()).toHaveLength(1);
		const [task] = tasks();
		expect(task).toMatchObject({
			status: 'Todo',
			priority: 'High',
			assigned_to: OWNER,
			reference_doctype: 'CRM Deal',
			title: expect.stringMatching(new RegExp(`^Approve AI quote for ${DEAL} \\(€`)),
		});
		expect(String(task.description)).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(String(task.description)).not.toContain('<img');
		expect(String(task.description)).toMatch(/AI confidence: \d+ %/);
		const proposal = readCrmProposal(task.description)!;
		const lines = item.lines as Array<{ sku: string; qty: number; amount_minor: number }>;
		expect(proposal).toMatchObject({
			kind: 'crm_deal_quote',
			record: DEAL,
			deal_ref: DEAL,
			key: (item.frappe_crm as IDataObject).idempotency_key,
			amount: item.total_minor,
		});
		expect(proposal.quote.lines.map((l) => [l.sku, l.qty, l.amount])).toEqual(
			lines.map((l) => [l.sku, l.qty, l.amount_minor]),
		);
		// Frappe CRM assigns the task and notifies its assignee (crm_task.py after_insert, crm/api/todo.py).
		expect(
			crm.state
				.all('ToDo')
				.filter((t) => t.reference_type === 'CRM Task' && t.reference_name === task.name)
				.map((t) => t.allocated_to),
		).toEqual([OWNER]);
		expect(
			crm.state.all('CRM Notification').filter((n) => n.notification_type_doc === task.name),
		).toMatchObject([
			{ to_user: OWNER, type: 'Assignment', reference_doctype: 'CRM Deal', reference_name: DEAL },
		]);
		expect(
			(out.json._ltcEvents as MetricEvent[]).map((e) => [e.decision, e.outcome, e.service]),
		).toContainEqual([null, 'approval_requested', 'frappe_crm']);

		const again = await request(item);
		expect(again.output('Desk Approval')[0].json.approval).toMatchObject({
			reused: true,
			task: task.name,
		});
		expect(tasks()).toHaveLength(1);
	});

	it('names the field when the item is not a Quote Generator review quote, and writes nothing', async () => {
		const item = await reviewQuote();
		const writes = crm.writes().length;
		const result = await request({
			...item,
			lines: [{ ...(item.lines as IDataObject[])[0], unit_price_minor: 'x' }],
		});
		expect(String(result.output('Desk Approval')[0].json.error)).toMatch(
			/lines\[0\]\.unit_price_minor is "x"/,
		);
		expect(crm.writes().slice(writes)).toEqual([]);
	});

	it('assigns the configured approver instead of the owner', async () => {
		const item = await reviewQuote();
		await run('test.emit', [item], { ...REQUEST, crmApprover: REVIEWER });
		expect(tasks().map((t) => t.assigned_to)).toEqual([REVIEWER]);
	});

	it('two runs for the same quote at the same moment (two n8n processes) make one task (ADR 0047)', async () => {
		const item = await reviewQuote();
		// Both read the deal's tasks before either inserts: the quote key in the task's unique field decides.
		crm.setDelay(400, /^\/api\/resource\/CRM Task$/);
		const results = await Promise.all([request(item), request(item)]);
		crm.setDelay(0);
		expect(tasks()).toHaveLength(1);
		const approvals = results.map((r) => r.output('Desk Approval')[0].json.approval as IDataObject);
		expect(approvals.map((a) => a.task)).toEqual([tasks()[0].name, tasks()[0].name]);
		expect(approvals.map((a) => a.reused).sort()).toEqual([false, true]);
		expect(tasks()[0].custom_ai_approval_key).toBe(
			item.frappe_crm && (item.frappe_crm as IDataObject).idempotency_key,
		);
		expect(
			crm.state.all('CRM Notification').filter((n) => n.notification_type_doc === tasks()[0].name),
		).toHaveLength(1);
	});
});

describe('Desk Approval × Frappe CRM: Read Decision', () => {
	async function asked() {
		const item = await reviewQuote();
		await request(item);
		return { item, task: String(tasks()[0].name) };
	}

	it("an open task is pending; Done writes the lines as the deal's products once and goes to Approved, as a human event", async () => {
		const { item, task } = await asked();
		expect((await decide(task)).output('Desk Approval', 2)[0].json.approval).toMatchObject({
			status: 'pending',
		});
		expect(crm.state.get('CRM Deal', DEAL)!.products ?? []).toEqual([]);

		inCrm(task, { status: 'Done' });
		const decidedAt = String(crm.state.get('CRM Task', task)!.modified);
		const result = await decide(task);
		const [approved] = result.output('Desk Approval', 0);
		expect(approved.json).toMatchObject({
			deal: { name: DEAL, email: 'jana.roth@nordwerk-automation.de' },
			lead: { ref: DEAL, email: 'jana.roth@nordwerk-automation.de' },
			amounts: { total: (item.amounts as IDataObject).total },
			approval: { status: 'approved', outcome: 'approved', decidedBy: REVIEWER, task },
			products: { written: true, rows: (item.lines as unknown[]).length },
		});
		const deal = crm.state.get('CRM Deal', DEAL)!;
		expect((deal.products as unknown[]).length).toBe((item.lines as unknown[]).length);
		expect(deal).toMatchObject({
			custom_ai_quote_key: (item.frappe_crm as IDataObject).idempotency_key,
			custom_ai_quote_route: 'review',
		});
		const [event] = approved.json._ltcEvents as MetricEvent[];
		const handoff = (item._ltcEvents as MetricEvent[]).find((e) => e.decision === 'review')!;
		expect(event).toMatchObject({
			actor: 'human',
			decision: 'approve',
			outcome: 'approved',
			channel: 'desk',
			service: 'frappe_crm',
			decided_by: REVIEWER,
			execution_id: handoff.execution_id,
			step: 'quote',
			deal_ref: DEAL,
			amount: item.total_minor,
		});
		expect(event.occurred_at).toBe(
			DateTime.fromSQL(decidedAt, { zone: 'Europe/Berlin' }).toUTC().toISO(),
		);
		expect(event.duration_ms).toBe(Date.parse(event.occurred_at) - Date.parse(handoff.occurred_at));
		expect(String(crm.state.get('CRM Task', task)!.description)).toContain(
			`ltc-approval-decided-${task}`,
		);
		expect(dealComments().filter((c) => c.includes('approved by'))).toHaveLength(1);

		// A duplicated delivery: already decided; nothing written, nothing on Approved.
		const writes = crm.writes().length;
		const twice = await decide(task);
		expect(twice.output('Desk Approval', 0)).toEqual([]);
		expect(twice.output('Desk Approval', 2)[0].json.approval).toMatchObject({
			status: 'already_decided',
		});
		expect(crm.writes().slice(writes)).toEqual([]);
	});

	it('two processes reading the same Done task at once: one Approved, the products written once', async () => {
		const { task } = await asked();
		inCrm(task, { status: 'Done' });
		const [a, b] = await Promise.all([decide(task), decide(task)]);
		const approved = [a, b].flatMap((r) => r.output('Desk Approval', 0));
		expect(approved).toHaveLength(1);
		expect(
			[a, b]
				.flatMap((r) => r.output('Desk Approval', 2))
				.map((i) => (i.json.approval as IDataObject).status),
		).toEqual(['already_decided']);
		expect(
			crm
				.writes()
				.filter(
					(w) =>
						w.method === 'PUT' &&
						decodeURIComponent(w.path).includes(`CRM Deal/${DEAL}`) &&
						w.status === 200,
				),
		).toHaveLength(1);
	});

	it("Canceled with the reviewer's words in the task: nothing written, the reason on the deal and in the event", async () => {
		const { task } = await asked();
		const description = String(crm.state.get('CRM Task', task)!.description);
		inCrm(task, {
			status: 'Canceled',
			description: `<p>Reason: customer wants ACS880 only &amp; a new price</p>${description}`,
		});
		const [rejected] = (await decide(task)).output('Desk Approval', 1);
		expect(rejected.json.approval).toMatchObject({
			status: 'rejected',
			outcome: 'cancelled',
			reason: 'customer wants ACS880 only & a new price',
			decidedBy: REVIEWER,
		});
		expect(rejected.json).not.toHaveProperty('products');
		expect((rejected.json._ltcEvents as MetricEvent[])[0]).toMatchObject({
			actor: 'human',
			decision: 'decline',
			reason: 'customer wants ACS880 only & a new price',
			service: 'frappe_crm',
		});
		expect(crm.state.get('CRM Deal', DEAL)!.products ?? []).toEqual([]);
		expect(dealComments().filter((c) => c.includes('rejected by'))).toEqual([
			expect.stringContaining('Reason: customer wants ACS880 only &amp; a new price'),
		]);
	});

	it("Canceled with the reason as the reviewer's comment on the deal", async () => {
		const { task } = await asked();
		// An older comment of theirs (before the task) and someone else's do not count.
		const [old, theirs, other] = crm.state.seed('Comment', [
			{
				comment_type: 'Comment',
				reference_doctype: 'CRM Deal',
				reference_name: DEAL,
				content: '<p>Old remark</p>',
			},
			{
				comment_type: 'Comment',
				reference_doctype: 'CRM Deal',
				reference_name: DEAL,
				content: '<p>Too cheap for this customer</p>',
			},
			{
				comment_type: 'Comment',
				reference_doctype: 'CRM Deal',
				reference_name: DEAL,
				content: '<p>Someone else</p>',
			},
		]);
		const at = (ms: number) =>
			DateTime.fromMillis(ms).setZone('Europe/Berlin').toFormat('yyyy-MM-dd HH:mm:ss.SSS000');
		crm.state.dbSet('Comment', old.name, {
			owner: REVIEWER,
			creation: '2025-01-01 10:00:00.000000',
		});
		crm.state.dbSet('Comment', theirs.name, { owner: REVIEWER, creation: at(Date.now() + 1000) });
		crm.state.dbSet('Comment', other.name, {
			owner: 'someone@example.com',
			creation: at(Date.now() + 2000),
		});
		inCrm(task, { status: 'Canceled' });
		const [rejected] = (await decide(task)).output('Desk Approval', 1);
		expect(rejected.json.approval).toMatchObject({
			status: 'rejected',
			reason: 'Too cheap for this customer',
		});
	});

	it('a task that is no approval (a Deal Monitor follow-up) is not decided', async () => {
		const [other] = crm.state.seed('CRM Task', [
			{
				title: 'Call the buyer',
				status: 'Done',
				reference_doctype: 'CRM Deal',
				reference_docname: DEAL,
				description: '<p>[ltc-risk x y]</p>',
			},
		]);
		expect((await decide(other.name)).output('Desk Approval', 2)[0].json.approval).toMatchObject({
			status: 'not_requested',
		});
	});
});

describe('Desk Approval × Frappe CRM: Check Pending', () => {
	it('reminds once after Remind After, then rejects by default (Canceled, nothing written or sent); the Read Decision it starts decides nothing', async () => {
		const item = await reviewQuote();
		await request(item);
		const task = String(tasks()[0].name);
		const pending = (remind: number, timeout: number) =>
			run('test.start', [{}], {
				operation: 'checkPending',
				systemOfRecord: 'frappeCrm',
				remindAfterHours: remind,
				timeoutAfterHours: timeout,
				onTimeout: 'reject',
			});
		// The quote was proposed moments ago: 0 hours is "never", so wait neither; a tiny limit is passed at once.
		const tiny = 1 / 3_600_000;
		const first = await pending(tiny, 0);
		expect(
			first.output('Desk Approval').map((i) => (i.json.approval as IDataObject).status),
		).toEqual(['reminded']);
		expect((await pending(tiny, 0)).output('Desk Approval')).toEqual([]);
		expect(dealComments().filter((c) => c.includes('Reminder for'))).toHaveLength(1);

		const timedOut = await pending(tiny, tiny);
		expect(
			timedOut.output('Desk Approval').map((i) => (i.json.approval as IDataObject).status),
		).toEqual(['timed_out_rejected']);
		expect(crm.state.get('CRM Task', task)!.status).toBe('Canceled');
		expect((timedOut.output('Desk Approval')[0].json._ltcEvents as MetricEvent[])[0]).toMatchObject(
			{ actor: 'system', decision: 'timeout', outcome: 'rejected', service: 'frappe_crm' },
		);
		expect((await pending(tiny, tiny)).output('Desk Approval')).toEqual([]);
		expect((await decide(task)).output('Desk Approval', 2)[0].json.approval).toMatchObject({
			status: 'already_decided',
		});
		expect(crm.state.get('CRM Deal', DEAL)!.products ?? []).toEqual([]);
	});
});
