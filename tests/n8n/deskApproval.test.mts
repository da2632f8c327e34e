// workflows/lead-to-close.json end to end in a real n8n 2.41: a quote routed to review is approved or
// rejected in the ERPNext desk (issue 19). Against the contract servers (ERPNext, InvenTree, Mautic) and
// a throwaway metrics database (dashboards/schema.sql on the machine's PostgreSQL). The ERPNext desk is
// played with the webhooks a real ERPNext sends for each action (tests/support/frappeWebhookSender.mts):
// submit = on_update, on_submit, on_change; Declare Lost = on_change (db_set, then a save after submit).
// The test copy changes two things only: the Outreach sends decide at a fixed Tuesday morning (quiet
// hours), and the Grace Period waits 6 seconds instead of 10 minutes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { QUOTATION_TRANSITIONS, prepareDeliveries, send } from '../support/frappeWebhookSender.mts';
import { leadToClose, startErpNextDesk, type ErpNextDesk } from './support/erpNextDesk.mts';
import { storedExecution } from './support/metricsExecutions.mts';

const GRACE_SECONDS = 6;
const underTest = leadToClose((n) => (n.name === 'Grace Period' ? { ...n, parameters: { amount: GRACE_SECONDS, unit: 'seconds' } } : n));
const APPROVER = String(underTest.nodes.find((n) => n.name === 'Request Desk Approval')!.parameters.approver);

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

let desk: ErpNextDesk;
beforeAll(async () => {
	desk = await startErpNextDesk({ database: 'ltc_desk', api: ERP, flow: underTest, webhooks: ['Lead', 'Quotation'] });
}, 300_000);
afterAll(() => desk?.stop());

/** What the reviewer does in the desk: the Quotation changes as ERPNext changes it, by that user, and ERPNext's webhooks go out. */
const inDesk = (quotation: string, transition: Parameters<ErpNextDesk['inDesk']>[2], options?: { drop?: boolean }) => desk.inDesk('Quotation', quotation, transition, REVIEWER, options);
const SUBMIT = QUOTATION_TRANSITIONS.submit;

async function newLead(lead: Record<string, unknown>) {
	await desk.newLead(lead);
	const quotation = desk.quotationOf(String(lead.name));
	expect(quotation, `a Quotation for ${String(lead.name)}`).toBeDefined();
	return quotation!;
}
const todosOf = (quotation: string) => desk.todos('Quotation', quotation);

describe('lead-to-close.json: quotes approved in the ERPNext desk', () => {
	it('a review quote stays a draft with a ToDo; submitting it sends the quote once and starts the follow-up, as a human decision', async () => {
		const quotation = await newLead(STRONG_LEAD);
		// A draft with one open ToDo for the approver, carrying the AI's reasons and confidence; nothing quoted to the lead yet.
		expect(quotation.docstatus).toBe(0);
		const [todo] = todosOf(quotation.name);
		expect(todosOf(quotation.name)).toHaveLength(1);
		expect(todo).toMatchObject({ status: 'Open', allocated_to: APPROVER });
		expect(String(todo.description)).toMatch(/AI confidence: \d+ %/);
		expect(String(todo.description)).toMatch(/Reasons for review:<\/p><ul><li>/);
		expect(String(todo.description)).toMatch(/\[ltc-approval [A-Za-z0-9_-]+\]/);
		expect(desk.mailsTo(STRONG_LEAD.email_id).map((e) => e.emailId)).toEqual([1]);
		const [review] = (await desk.events({ lead: STRONG_LEAD.name })).filter((r) => r.decision === 'review' && r.step === 'quote');
		expect(review).toMatchObject({ quote_ref: quotation.name });

		// The reviewer submits it in the desk: after the grace period the quote e-mail goes out once and the lead enters the follow-up.
		const deliveries = await inDesk(quotation.name, SUBMIT);
		expect(deliveries.map((d) => [d.event, d.status, JSON.parse(d.text).status])).toEqual([['on_change', 200, 'accepted']]);
		await desk.settled(2);
		expect(desk.mailsTo(STRONG_LEAD.email_id).map((e) => [e.emailId, e.tokens['{quote_number}'] ?? null])).toEqual([[1, null], [2, quotation.name]]);
		const contact = desk.mautic.state.contacts().find((c) => JSON.stringify(c).includes(STRONG_LEAD.email_id))!;
		expect(desk.mautic.state.campaign(1)?.members.has(contact.id)).toBe(true);
		expect(todosOf(quotation.name).map((t) => t.status)).toEqual(['Closed']);

		// ltc_events: the person's approval in the review's decision point, with who and how long it took.
		const human = (await desk.events({ lead: STRONG_LEAD.name })).filter((r) => r.actor === 'human');
		expect(human).toHaveLength(1);
		expect(human[0]).toMatchObject({ execution_id: review.execution_id, step: 'quote', quote_ref: quotation.name, decision: 'approve', outcome: 'approved', channel: 'desk', decided_by: REVIEWER, reason: null });
		expect(Number(human[0].duration_ms)).toBe(human[0].occurred_at.getTime() - review.occurred_at.getTime());
		expect(Number(human[0].duration_ms)).toBeGreaterThan(0);

		// The same delivery again, and the same event sent once more: refused as replays, nothing changes.
		const known = new Set((await desk.settled(2)).map((r) => r.id));
		const [again] = prepareDeliveries(desk.erp, 'Quotation', quotation.name, 'on_change');
		const replay = await send(again);
		expect([replay.status, JSON.parse(replay.text)]).toEqual([200, expect.objectContaining({ status: 'ignored' })]);
		await new Promise((r) => setTimeout(r, (GRACE_SECONDS + 2) * 1000));
		// No new run of the Quotation Decided path. The only other run that may start here is the ToDo
		// trigger's catch-up poll (every minute) delivering the quote's ToDo the approval closed (a real
		// ERPNext sends that save as a ToDo webhook); Read Lead Decision passes it to its ignored output.
		const later = (await desk.settled(2)).filter((r) => !known.has(r.id));
		for (const run of later) {
			const stored = await storedExecution(desk.n8n, run.id);
			expect(Object.keys(stored.data.resultData.runData).sort(), `execution ${run.id}`).toEqual(['Lead Review Decided', 'Read Lead Decision']);
			expect(stored.output('Lead Review Decided').map((i) => i.json.name)).toEqual(todosOf(quotation.name).map((t) => t.name));
		}
		expect(desk.mailsTo(STRONG_LEAD.email_id)).toHaveLength(2);
		expect((await desk.events({ lead: STRONG_LEAD.name })).filter((r) => r.actor === 'human')).toHaveLength(1);
	}, 240_000);

	it('cancelling or declaring it lost in the grace period rejects it: nothing is sent, the reason is kept', async () => {
		const lead = reviewLead(1, 'Timo Kessler', 't.kessler@kessler-verpackung.de');
		const before = await desk.runCount();
		const quotation = await newLead(lead);
		expect(todosOf(quotation.name).map((t) => t.status)).toEqual(['Open']);
		// ERPNext declares lost only a submitted quotation: submit, then Declare Lost with a reason.
		await inDesk(quotation.name, SUBMIT);
		const lost = QUOTATION_TRANSITIONS.declareLost(['Price too high'], 'Went with a local integrator');
		await inDesk(quotation.name, lost);
		await desk.settled(before + 3);
		// The welcome e-mail (template 1) only: no quote.
		expect(desk.mailsTo(lead.email_id).map((e) => e.emailId)).toEqual([1]);
		expect(todosOf(quotation.name).map((t) => t.status)).toEqual(['Cancelled']);
		expect(desk.erp.state.get('Quotation', quotation.name)).toMatchObject({ status: 'Lost', lost_reasons: [{ lost_reason: 'Price too high' }] });
		const rows = await desk.events({ lead: lead.name });
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
		const before = await desk.runCount();
		const quotation = await newLead(lead);
		await desk.n8n.stop();
		await inDesk(quotation.name, SUBMIT, { drop: true });
		await desk.n8n.start();
		await desk.n8n.login();
		await desk.settled(before + 2, { timeoutMs: 180_000 });
		expect(desk.mailsTo(lead.email_id).map((e) => [e.emailId, e.tokens['{quote_number}'] ?? null])).toEqual([[1, null], [2, quotation.name]]);
		expect(todosOf(quotation.name).map((t) => t.status)).toEqual(['Closed']);
		const human = (await desk.events({ lead: lead.name })).filter((r) => r.actor === 'human');
		expect(human).toEqual([expect.objectContaining({ decision: 'approve', outcome: 'approved', channel: 'desk', decided_by: REVIEWER })]);
	}, 300_000);
});
