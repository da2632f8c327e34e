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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readProposal } from '../../core/approvals/deskApproval';
import { prepareDeliveries, send } from '../support/frappeWebhookSender.mts';
import { decidedLines as decidedMarks, leadToClose, remindersAt, startErpNextDesk, type ErpNextDesk } from './support/erpNextDesk.mts';

const underTest = leadToClose();
const REVIEWER = String(underTest.nodes.find((n) => n.name === 'Request Lead Review')!.parameters.reviewer);
const APPROVER = String(underTest.nodes.find((n) => n.name === 'Request Desk Approval')!.parameters.approver);
const REMIND = remindersAt(25, 'ltcLeadRemind025');
const TIME_OUT = remindersAt(73, 'ltcLeadRemind073');
const ACCEPT = remindersAt(73, 'ltcLeadAccept073', { onLeadTimeout: 'accept' });

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

let desk: ErpNextDesk;
beforeAll(async () => {
	desk = await startErpNextDesk({ database: 'ltc_desk_lead_rem', api: ERP, flow: underTest, also: [REMIND, TIME_OUT, ACCEPT], webhooks: ['Lead', 'Quotation', 'ToDo'] });
}, 300_000);
afterAll(() => desk?.stop());

const leadTodos = (lead: string) => desk.todos('Lead', lead);
const quoteTodos = (quotation: string) => desk.todos('Quotation', quotation);
const notesOn = (lead: string, kind: 'reminder' | 'timeout') => desk.comments('Lead', lead).filter((c) => c.includes(`ltc-approval-${kind}-`));
const decidedLines = (todo: string) => decidedMarks(desk.erp.state.get('ToDo', todo)!.description);

const eventsOf = (lead: string) => desk.events({ lead });
const deskEvents = async (lead: string) =>
	(await eventsOf(lead)).filter((r) => r.step !== 'outreach' && (r.actor === 'human' || ['reminded', 'approval_requested', 'approval_held'].includes(String(r.outcome)) || r.decision === 'timeout')).map((r) => [r.actor, r.decision, r.outcome]);

describe('lead reviews in the ERPNext desk: reminders, timeouts and a restart (real n8n)', () => {
	it('one ToDo per review lead (its quote waits on it), none failing without a quote; one reminder, then Dismiss once: nothing sent, nothing more when the change comes back', async () => {
		const quoted = middling(1);
		const unquoted = nothingToQuote(2);
		await desk.newLead(quoted);
		await desk.newLead(unquoted);

		// Bug B: the reviewer has one ToDo, on the Lead; the draft quote waits on it, unassigned.
		const quotation = desk.quotationOf(quoted.name)!;
		expect(quotation).toMatchObject({ docstatus: 0 });
		const [review] = leadTodos(quoted.name);
		expect(desk.erp.state.all('ToDo').filter((t) => t.status === 'Open' && (t.reference_name === quoted.name || t.reference_name === quotation.name))).toEqual([review]);
		expect(String(review.description)).toContain(`A draft quotation <strong>${quotation.name}</strong>`);
		expect(String(review.description)).toContain(`It is assigned to ${APPROVER} for approval only if you accept the lead as <strong>qualified</strong>`);
		// (An auto quote of a review lead answers the lead's hand-off: its events are in the qualification's point.)
		expect(await deskEvents(quoted.name)).toEqual([
			['system', null, 'approval_requested'],
			['system', null, 'approval_held'],
		]);
		// Bug A: nothing matched, no Quotation; the execution succeeded and the lead is still reviewed.
		expect(desk.quotationOf(unquoted.name)).toBeUndefined();
		expect(leadTodos(unquoted.name).map((t) => t.status)).toEqual(['Open']);

		for (let i = 0; i < 2; i++) await desk.run(REMIND);
		for (const lead of [quoted, unquoted]) {
			expect(notesOn(lead.name, 'reminder')).toEqual([expect.stringMatching(new RegExp(`Reminder for ${REVIEWER.replace(/\./g, '\\.')}: this lead has waited 25 h for your review`))]);
			expect(leadTodos(lead.name).map((t) => t.status)).toEqual(['Open']);
		}

		for (let i = 0; i < 2; i++) await desk.run(TIME_OUT);
		for (const lead of [quoted, unquoted]) {
			const [todo] = leadTodos(lead.name);
			expect(todo.status).toBe('Cancelled');
			expect(decidedLines(String(todo.name))).toHaveLength(1);
			expect(notesOn(lead.name, 'timeout')).toEqual([expect.stringContaining('the review was dismissed by default and nothing was sent')]);
			expect(desk.mailsTo(lead.email_id)).toEqual([]);
		}
		expect(quoteTodos(quotation.name)).toEqual([]);
		expect(desk.erp.state.get('Quotation', quotation.name)).toMatchObject({ docstatus: 0 });
		const [qualify] = (await eventsOf(quoted.name)).filter((r) => r.step === 'qualify' && r.decision === 'review');
		const timeouts = (await eventsOf(quoted.name)).filter((r) => r.decision === 'timeout');
		expect(timeouts).toEqual([expect.objectContaining({ execution_id: qualify.execution_id, step: 'qualify', actor: 'system', outcome: 'dismissed' })]);
		expect(Number(timeouts[0].duration_ms)).toBe(72 * 3_600_000);
		expect(timeouts[0].occurred_at.getTime()).toBe(qualify.occurred_at.getTime() + 72 * 3_600_000);

		// ERPNext sends the ToDo's change (the default's save), twice: the pipeline decides nothing.
		const before = await desk.runCount();
		const [delivery] = prepareDeliveries(desk.erp, 'ToDo', String(review.name), 'on_change');
		expect((await Promise.all([send(delivery), send(delivery)])).map((d) => d.status)).toEqual([200, 200]);
		await new Promise((r) => setTimeout(r, 1500));
		const after = await desk.settled(before + 1);
		expect(after.every((r) => r.status === 'success')).toBe(true);
		expect(quoteTodos(quotation.name)).toEqual([]);
		expect(decidedLines(String(review.name))).toHaveLength(1);
		expect((await eventsOf(quoted.name)).filter((r) => r.actor === 'human')).toEqual([]);
		expect((await eventsOf(quoted.name)).filter((r) => r.decision === 'timeout')).toHaveLength(1);
	}, 400_000);

	it('Accept the Proposed Route: a qualified proposal is accepted once and its waiting quote goes to approval; nothing is sent', async () => {
		const lead = middling(3);
		await desk.newLead(lead);
		const quotation = desk.quotationOf(lead.name)!;
		expect(quoteTodos(quotation.name)).toEqual([]);
		for (let i = 0; i < 2; i++) await desk.run(ACCEPT);
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
		expect(desk.mailsTo(lead.email_id)).toEqual([]);
		expect(desk.erp.state.get('Quotation', quotation.name)).toMatchObject({ docstatus: 0 });
	}, 300_000);

	it('a review closed while n8n is stopped continues the workflow once after the restart (catch-up poll): the waiting quote is assigned, one human event', async () => {
		const lead = middling(4);
		await desk.newLead(lead);
		const quotation = desk.quotationOf(lead.name)!;
		const [review] = leadTodos(lead.name);
		const before = await desk.runCount();
		await desk.n8n.stop();
		// The reviewer closes the ToDo; ERPNext's webhook finds nobody listening and is lost.
		await desk.decide(String(review.name), 'Closed', REVIEWER, { drop: true });
		await desk.n8n.start();
		await desk.n8n.login();
		const runs = await desk.settled(before + 1, { timeoutMs: 180_000 });
		expect(runs.every((r) => r.status === 'success')).toBe(true);
		const [quoteTodo] = quoteTodos(quotation.name);
		expect(quoteTodos(quotation.name)).toHaveLength(1);
		expect(quoteTodo).toMatchObject({ status: 'Open', allocated_to: APPROVER });
		expect(decidedLines(String(review.name))).toHaveLength(1);
		const human = (await eventsOf(lead.name)).filter((r) => r.actor === 'human');
		expect(human).toEqual([expect.objectContaining({ step: 'qualify', decision: 'approve', outcome: 'approved', decided_by: REVIEWER })]);

		// The lost webhook arrives late, and again: refused or decided already; nothing more happens.
		const [late] = prepareDeliveries(desk.erp, 'ToDo', String(review.name), 'on_change');
		for (let i = 0; i < 2; i++) expect((await send(late)).status).toBe(200);
		await new Promise((r) => setTimeout(r, 1500));
		await desk.settled(runs.length);
		expect(quoteTodos(quotation.name)).toHaveLength(1);
		expect(decidedLines(String(review.name))).toHaveLength(1);
		expect((await eventsOf(lead.name)).filter((r) => r.actor === 'human')).toHaveLength(1);
		expect(desk.mailsTo(lead.email_id)).toEqual([]);
	}, 400_000);
});
