// The Desk Approval node in the n8n engine (in-process) against the ERPNext contract server: Request
// Approval assigns one ToDo per draft Quotation with the AI's reasons escaped and the proposal in its
// marker (a retried item assigns nobody twice); Read Decision re-reads the Quotation and decides once
// (approved, rejected with the lost reasons, still pending, already decided); a hand-off that no node of
// ours made in this execution is refused (ADR 0015).
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readProposal } from '../../core/approvals/deskApproval';
import { makeEvent, type MetricEvent } from '../../core/metrics';
import { LeadToCloseErpNextApi } from '../../credentials/LeadToCloseErpNextApi.credentials';
import { DeskApproval } from '../../nodes/DeskApproval/DeskApproval.node';
import { noteMadeEvents } from '../../nodes/shared/madeEvents';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { TestStartNode, chain, node, runWorkflow } from '../workflow/harness.mts';

const TYPE = 'n8n-nodes-lead-to-close.deskApproval';
const ERP = { apiKey: 'desk-node-key', apiSecret: 'desk-node-secret-77aa' };

/** Emits its items and notes their events as made in this execution, as the Quote Generator does. */
class TestEmitNode extends TestStartNode {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [items] = await TestStartNode.prototype.execute.call(this);
		for (const item of items) noteMadeEvents(this, (item.json._ltcEvents ?? []) as MetricEvent[]);
		return [items];
	}
}

let erp: ErpNextServer;
beforeAll(async () => {
	erp = await startErpNextServer({ ...ERP, timeZone: 'Europe/Berlin' });
});
afterAll(async () => {
	await erp?.stop();
});

// The contract server's clock starts on 2026-01-05 09:00 UTC: the quote was proposed an hour before.
const PROPOSED_AT = '2026-01-05T08:00:00.000Z';
const review = (quote: string, at = PROPOSED_AT) =>
	makeEvent(
		{ workflow: 'Lead-to-Close', execution_id: '901', step: 'quote', actor: 'system', decision: 'review', outcome: 'drafted', lead_ref: 'CRM-LEAD-2026-00901', quote_ref: quote, amount: 1_840_000, currency: 'EUR', confidence: 0.55 },
		at,
	);

async function run(start: 'test.emit' | 'test.start', items: IDataObject[], params: IDataObject) {
	const result = await runWorkflow({
		nodeTypes: { 'test.emit': new TestEmitNode(), [TYPE]: new DeskApproval() },
		credentialTypes: [new LeadToCloseErpNextApi()],
		credentials: { leadToCloseErpNextApi: { baseUrl: erp.url, ...ERP } } as never,
		nodes: [node('Start', start, { items: JSON.stringify(items) }), node('Desk Approval', TYPE, params as never)],
		connections: chain('Start', 'Desk Approval'),
	});
	return result;
}

function draft(name: string) {
	erp.state.seed('Quotation', [{ name, quotation_to: 'Lead', party_name: 'CRM-LEAD-2026-00901', docstatus: 0, status: 'Draft', grand_total: 18400, currency: 'EUR' }]);
	erp.state.seed('Lead', [{ name: 'CRM-LEAD-2026-00901', lead_name: 'Ada Byte', email_id: 'ada@byte.example' }].filter(() => !erp.state.get('Lead', 'CRM-LEAD-2026-00901')));
}

const request = (quote: string, at = PROPOSED_AT) => ({
	json: { erpnext: { quotation: quote }, confidence: 0.55, review_reasons: ['<script>alert(1)</script> wants "ACS580 or ACS880"', 'Price break unclear'], _ltcEvents: [review(quote, at)] },
});
const REQUEST = { operation: 'request', approver: 'sales.manager@example.com' };
const todos = (quote: string) => erp.state.all('ToDo').filter((t) => t.reference_name === quote);

describe('Desk Approval: Request Approval', () => {
	it('assigns one ToDo with the escaped reasons and the proposal; a retried item reuses it', async () => {
		draft('SAL-QTN-2026-00901');
		const first = await run('test.emit', [request('SAL-QTN-2026-00901').json], REQUEST);
		const [out] = first.output('Desk Approval');
		expect(out.json.approval).toMatchObject({ status: 'pending', quotation: 'SAL-QTN-2026-00901', assignedTo: 'sales.manager@example.com', reused: false });
		const [todo] = todos('SAL-QTN-2026-00901');
		expect(todo).toMatchObject({ status: 'Open', allocated_to: 'sales.manager@example.com', reference_type: 'Quotation', priority: 'High' });
		expect(String(todo.description)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(String(todo.description)).not.toContain('<script>');
		expect(String(todo.description)).toContain('AI confidence: 55 %');
		expect(readProposal(todo.description)).toMatchObject({ execution_id: '901', step: 'quote', quote_ref: 'SAL-QTN-2026-00901', amount: 1_840_000, proposed_at: PROPOSED_AT });
		expect((out.json._ltcEvents as MetricEvent[]).map((e) => [e.decision, e.outcome])).toEqual([['review', 'drafted'], [null, 'approval_requested']]);

		const again = await run('test.emit', [request('SAL-QTN-2026-00901').json], REQUEST);
		expect(again.output('Desk Approval')[0].json.approval).toMatchObject({ reused: true });
		expect(todos('SAL-QTN-2026-00901')).toHaveLength(1);
	});

	it('refuses a hand-off that no node of ours made in this execution (a forged one in a webhook body)', async () => {
		draft('SAL-QTN-2026-00902');
		const result = await run('test.start', [request('SAL-QTN-2026-00902').json], REQUEST);
		expect(result.error('Desk Approval')?.message).toMatch(/No hand-off event .* made in this execution/);
		expect(todos('SAL-QTN-2026-00902')).toEqual([]);
	});
});

describe('Desk Approval: Read Decision', () => {
	const decide = (quote: string) => run('test.start', [{ name: quote }], { operation: 'decide' });

	it('a draft is pending; submitted it is approved once, as a human event with who and latency', async () => {
		draft('SAL-QTN-2026-00903');
		await run('test.emit', [request('SAL-QTN-2026-00903').json], REQUEST);
		expect((await decide('SAL-QTN-2026-00903')).output('Desk Approval', 2)[0].json.approval).toEqual({ status: 'pending', todo: todos('SAL-QTN-2026-00903')[0].name });

		erp.state.dbSet('Quotation', 'SAL-QTN-2026-00903', { docstatus: 1, status: 'Open' });
		erp.state.get('Quotation', 'SAL-QTN-2026-00903')!.modified_by = 'sales.manager@example.com';
		const approved = await decide('SAL-QTN-2026-00903');
		const [item] = approved.output('Desk Approval', 0);
		expect(item.json.approval).toMatchObject({ status: 'approved', outcome: 'approved', override: false, decidedBy: 'sales.manager@example.com' });
		expect(item.json.lead).toEqual({ ref: 'CRM-LEAD-2026-00901', email: 'ada@byte.example' });
		const [event] = item.json._ltcEvents as MetricEvent[];
		expect(event).toMatchObject({ actor: 'human', decision: 'approve', channel: 'desk', execution_id: '901', step: 'quote', quote_ref: 'SAL-QTN-2026-00903', decided_by: 'sales.manager@example.com' });
		// The fake's clock: `modified` in the site's zone (Europe/Berlin), read back as an instant.
		const modified = String(erp.state.get('Quotation', 'SAL-QTN-2026-00903')!.modified);
		expect(event.occurred_at).toBe(DateTime.fromSQL(modified, { zone: 'Europe/Berlin' }).toUTC().toISO());
		expect(event.duration_ms).toBe(Date.parse(event.occurred_at) - Date.parse(PROPOSED_AT));
		expect(event.duration_ms).toBeGreaterThan(3_600_000);
		expect(todos('SAL-QTN-2026-00903').map((t) => t.status)).toEqual(['Closed']);

		// A second read (a duplicated delivery): already decided, nothing on the Approved output.
		const twice = await decide('SAL-QTN-2026-00903');
		expect(twice.output('Desk Approval', 0)).toEqual([]);
		expect(twice.output('Desk Approval', 2)[0].json.approval).toMatchObject({ status: 'already_decided', todoStatus: 'Closed' });
	});

	it('declared lost is rejected with its reasons; a quotation nobody was asked about is no decision', async () => {
		draft('SAL-QTN-2026-00904');
		await run('test.emit', [request('SAL-QTN-2026-00904').json], REQUEST);
		erp.state.dbSet('Quotation', 'SAL-QTN-2026-00904', { docstatus: 1, status: 'Lost', lost_reasons: [{ lost_reason: 'Price too high' }], order_lost_reason: 'Budget cut' });
		const [item] = (await decide('SAL-QTN-2026-00904')).output('Desk Approval', 1);
		expect(item.json.approval).toMatchObject({ status: 'rejected', outcome: 'lost', override: true, reason: 'Price too high: Budget cut' });
		expect((item.json._ltcEvents as MetricEvent[])[0]).toMatchObject({ actor: 'human', decision: 'decline', reason: 'Price too high: Budget cut' });
		expect(todos('SAL-QTN-2026-00904').map((t) => t.status)).toEqual(['Cancelled']);

		draft('SAL-QTN-2026-00905');
		expect((await decide('SAL-QTN-2026-00905')).output('Desk Approval', 2)[0].json.approval).toEqual({ status: 'not_requested' });
	});

	it('two runs reading the same submit at once (two n8n processes): one decides, the other loses the lock', async () => {
		draft('SAL-QTN-2026-00906');
		await run('test.emit', [request('SAL-QTN-2026-00906').json], REQUEST);
		erp.state.dbSet('Quotation', 'SAL-QTN-2026-00906', { docstatus: 1, status: 'Open' });
		// Both runs list the open ToDo before either closes it: the ToDo writes wait a little.
		erp.setDelay(400, /^\/api\/resource\/ToDo\/./);
		try {
			const results = await Promise.all([decide('SAL-QTN-2026-00906'), decide('SAL-QTN-2026-00906')]);
			const approvals = results.flatMap((r) => r.output('Desk Approval', 0));
			const none = results.flatMap((r) => r.output('Desk Approval', 2));
			expect(approvals).toHaveLength(1);
			expect(none.map((i) => (i.json.approval as IDataObject).status)).toEqual(['already_decided']);
		} finally {
			erp.setDelay(0);
		}
		expect(todos('SAL-QTN-2026-00906').map((t) => t.status)).toEqual(['Closed']);
	});
});

describe('Desk Approval: Check Pending', () => {
	const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
	const check = (onTimeout = 'reject') => run('test.start', [{}], { operation: 'checkPending', remindAfterHours: 24, timeoutAfterHours: 72, onTimeout });
	const comments = (quote: string) => erp.state.all('Comment').filter((c) => c.reference_name === quote).map((c) => String(c.content));

	it('reminds once after a day, falls back to reject after three (never sends), leaves the fresh and the decided alone', async () => {
		for (const [quote, age] of [['SAL-QTN-2026-00911', 30], ['SAL-QTN-2026-00912', 80], ['SAL-QTN-2026-00913', 2], ['SAL-QTN-2026-00914', 80]] as const) {
			draft(quote);
			await run('test.emit', [request(quote, hoursAgo(age)).json], REQUEST);
		}
		// 00914 was submitted meanwhile: its decision is being read, it is not pending.
		erp.state.dbSet('Quotation', 'SAL-QTN-2026-00914', { docstatus: 1, status: 'Open' });

		const first = (await check()).output('Desk Approval').filter((i) => String((i.json.approval as IDataObject).quotation).startsWith('SAL-QTN-2026-0091'));
		expect(first.map((i) => [(i.json.approval as IDataObject).quotation, (i.json.approval as IDataObject).status])).toEqual([
			['SAL-QTN-2026-00911', 'reminded'],
			['SAL-QTN-2026-00912', 'timed_out_rejected'],
		]);
		expect(comments('SAL-QTN-2026-00911')).toEqual([expect.stringMatching(/ltc-approval-reminder-.*Reminder for sales\.manager@example\.com: this quotation has waited 30 h/s)]);
		expect(todos('SAL-QTN-2026-00911').map((t) => t.status)).toEqual(['Open']);
		expect(todos('SAL-QTN-2026-00912').map((t) => t.status)).toEqual(['Cancelled']);
		expect(erp.state.get('Quotation', 'SAL-QTN-2026-00912')).toMatchObject({ docstatus: 0 });
		const timeout = (first[1].json._ltcEvents as MetricEvent[])[0];
		expect(timeout).toMatchObject({ actor: 'system', decision: 'timeout', outcome: 'rejected', execution_id: '901', quote_ref: 'SAL-QTN-2026-00912' });
		expect(comments('SAL-QTN-2026-00913')).toEqual([]);
		expect(comments('SAL-QTN-2026-00914')).toEqual([]);

		// The next scheduled run: nothing again.
		const second = (await check()).output('Desk Approval').filter((i) => String((i.json.approval as IDataObject).quotation).startsWith('SAL-QTN-2026-0091'));
		expect(second).toEqual([]);
		expect(comments('SAL-QTN-2026-00911')).toHaveLength(1);
	});

	// desk-quotes (ADR 0040): Check Pending's Now parameter is its clock (nodes/shared/clock.ts), so a
	// schedule can be tested at any hour without waiting.
	it('checks at the Now parameter: a fresh request is reminded at +25 h and timed out at +73 h; a bad Now names the parameter', async () => {
		const proposed = new Date(Date.now() - 60_000).toISOString();
		draft('SAL-QTN-2026-00921');
		await run('test.emit', [request('SAL-QTN-2026-00921', proposed).json], REQUEST);
		const at = (hours: number) => new Date(Date.parse(proposed) + hours * 3_600_000).toISOString();
		const check = (now: string) => run('test.start', [{}], { operation: 'checkPending', remindAfterHours: 24, timeoutAfterHours: 72, onTimeout: 'reject', now });
		const mine = async (now: string) => (await check(now)).output('Desk Approval').map((i) => i.json.approval as IDataObject).filter((a) => a.quotation === 'SAL-QTN-2026-00921');
		expect(await mine('')).toEqual([]);
		expect((await mine(at(25))).map((a) => [a.status, a.waitedHours])).toEqual([['reminded', 25]]);
		expect(await mine(at(26))).toEqual([]);
		expect((await mine(at(73))).map((a) => a.status)).toEqual(['timed_out_rejected']);
		expect(todos('SAL-QTN-2026-00921').map((t) => t.status)).toEqual(['Cancelled']);
		expect((await check('tomorrow')).error('Desk Approval')?.message).toMatch(/Now must be a date-time .* got "tomorrow"/);
	});
});
