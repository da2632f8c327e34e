// The dashboards count a person's decision the same wherever it was taken (issue 19): a review answered
// in the ERPNext desk (Desk Approval, made by core/approvals) and one answered by an n8n send-and-wait
// e-mail (core/metrics humanDecisionEvent) both close their review in the queue, both make their
// decision point not autonomous, and both appear in "Human decisions by channel". The panels' own SQL,
// expanded as Grafana expands it, runs on a throwaway PostgreSQL loaded with dashboards/schema.sql.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { deskDecision, deskDecisionEvent, type Proposal } from '../../core/approvals/deskApproval';
import { autonomy, humanDecisionEvent, makeEvent, type MetricEvent } from '../../core/metrics';
import { dashboardPanels, type DashboardPanels } from '../support/dashboardPanels.mts';

const T0 = Date.parse('2026-11-20T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const NOW = new Date(T0 + 4 * 3_600_000);
const WORKFLOW = 'Lead-to-Close: new ERPNext Lead to quote';

function review(execution: string, quote: string): MetricEvent {
	return makeEvent({ workflow: WORKFLOW, execution_id: execution, step: 'quote', actor: 'system', decision: 'review', outcome: 'drafted', lead_ref: `L-${execution}`, quote_ref: quote, amount: 1_000_000, currency: 'EUR', occurred_at: at(0) }, at(0));
}
function proposalOf(handoff: MetricEvent): Proposal {
	return { v: 1, workflow: handoff.workflow, execution_id: handoff.execution_id, step: handoff.step, lead_ref: handoff.lead_ref, deal_ref: null, quote_ref: handoff.quote_ref, record: handoff.quote_ref!, proposed_at: handoff.occurred_at, amount: handoff.amount, currency: handoff.currency, confidence: 0.6 };
}
function desk(handoff: MetricEvent, minutes: number, state: { docstatus: number; status: string; grand_total?: number; lost?: string }): MetricEvent {
	const decision = deskDecision(
		{ name: handoff.quote_ref!, docstatus: state.docstatus, status: state.status, modified: '', modified_by: 'sales.manager@example.com', grand_total: state.grand_total ?? 10_000, currency: 'EUR', lost_reasons: state.lost ? [{ lost_reason: state.lost }] : [] },
		proposalOf(handoff),
	);
	if (decision.kind === 'pending') throw new Error('pending');
	return deskDecisionEvent(decision, proposalOf(handoff), at(minutes));
}

const reviews = ['e1', 'e2', 'e3', 'e4', 'e5'].map((e, i) => review(e, `SAL-QTN-2026-0000${i + 1}`));
const events: MetricEvent[] = [
	...reviews,
	// e1: approved by e-mail after an hour; e2: approved in the desk after two hours; e3: declared lost in
	// the desk after 30 minutes; e4: approved in the desk with a lower total (an override); e5: still waiting.
	humanDecisionEvent({ data: { approved: true, respondedAt: at(60) } }, { now: at(60), handoff: reviews[0], channel: 'email' }),
	desk(reviews[1], 120, { docstatus: 1, status: 'Open' }),
	desk(reviews[2], 30, { docstatus: 1, status: 'Lost', lost: 'Price too high' }),
	desk(reviews[3], 90, { docstatus: 1, status: 'Open', grand_total: 9_000 }),
	// One quote decided with no person: the only autonomous point.
	makeEvent({ workflow: WORKFLOW, execution_id: 'e6', step: 'quote', actor: 'system', decision: 'approve', outcome: 'drafted', quote_ref: 'SAL-QTN-2026-00006', occurred_at: at(10) }, at(10)),
];

let panels: DashboardPanels;
const panel = (id: number) => panels.panel(id);
const rowsOf = (report: ReturnType<typeof panel>) => panels.rowsOf(report);

beforeAll(async () => {
	panels = await dashboardPanels('ltc_human_panels', events, NOW);
});

afterAll(async () => {
	await panels?.db.drop();
});

describe('desk and e-mail decisions on the dashboards', () => {
	it('the desk events carry who and why into ltc_events', async () => {
		const rows = (await panels.db.pool.query("SELECT quote_ref, channel, decision, outcome, decided_by, reason FROM ltc_events WHERE actor = 'human' ORDER BY quote_ref")).rows;
		expect(rows).toEqual([
			{ quote_ref: 'SAL-QTN-2026-00001', channel: 'email', decision: 'approve', outcome: 'approved', decided_by: null, reason: null },
			{ quote_ref: 'SAL-QTN-2026-00002', channel: 'desk', decision: 'approve', outcome: 'approved', decided_by: 'sales.manager@example.com', reason: null },
			{ quote_ref: 'SAL-QTN-2026-00003', channel: 'desk', decision: 'decline', outcome: 'lost', decided_by: 'sales.manager@example.com', reason: 'Price too high' },
			{ quote_ref: 'SAL-QTN-2026-00004', channel: 'desk', decision: 'approve', outcome: 'approved_changed', decided_by: 'sales.manager@example.com', reason: null },
		]);
	});

	it('"Pending reviews" counts only the review nobody answered, in the desk or by e-mail', async () => {
		expect(panel(2).problems).toEqual([]);
		expect(Number((await rowsOf(panel(2)))[0][0])).toBe(1);
	});

	it('"Autonomy" counts a desk-answered review as not autonomous, like an e-mail one (the core rule)', async () => {
		const report = panel(1001);
		const expected = autonomy(events, { from: report.range.from, to: report.range.to }).overall.pct!;
		expect(expected).toBeCloseTo(100 / 6, 9);
		expect(Number((await rowsOf(report))[0][0])).toBeCloseTo(expected, 9);
	});

	it('"Human decisions by channel" lists the desk and e-mail decisions side by side, overrides and waits included', async () => {
		expect(panel(10).problems).toEqual([]);
		const rows = (await rowsOf(panel(10))).map((r) => r.map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v)));
		expect(rows).toEqual([
			['desk', 2, 1, 2, 90 * 60_000],
			['email', 1, 0, 0, 60 * 60_000],
		]);
	});
});
