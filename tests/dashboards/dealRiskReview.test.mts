// A deal-risk decision point on the dashboards (ADR 0046, amended): in propose-only mode the Deal
// Monitor adds a `review` / `proposed` event to the signal's event (nodes/DealMonitor/dealEvents.ts
// proposedEvent), so the deal waits in "Pending reviews" until its owner's decision (core/approvals
// dealDecisionEvent) answers it, is not autonomous, and its signal still counts once by severity in
// "Deal-risk signals by severity" — neither the hand-off nor the owner's decision is a severity. The
// panels' own SQL, expanded as Grafana expands it, runs on a throwaway PostgreSQL (dashboards/schema.sql).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dealDecision, dealDecisionEvent, type DealProposal } from '../../core/approvals/dealDecision';
import { autonomy, makeEvent, type MetricEvent } from '../../core/metrics';
import { dashboardPanels, type DashboardPanels } from '../support/dashboardPanels.mts';

const T0 = Date.parse('2026-11-20T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const NOW = new Date(T0 + 4 * 3_600_000);
const WORKFLOW = 'Lead-to-Close: deal monitor (every 30 minutes)';

/** The scan's events of one deal, as evaluateDeal makes them: the signal, and propose-only the hand-off. */
function scan(execution: string, deal: string, proposed: boolean): MetricEvent[] {
	const base = { workflow: WORKFLOW, execution_id: execution, step: 'deal_risk', actor: 'system' as const, deal_ref: deal, score: 88, service: 'erpnext', occurred_at: at(0) };
	const signal = makeEvent({ ...base, decision: 'close_date_passed', outcome: 'high', amount: 8_400_000, currency: 'EUR' }, at(0));
	if (!proposed) return [signal];
	return [signal, makeEvent({ ...base, decision: 'review', outcome: 'proposed' }, at(0))];
}
const proposal = (execution: string, deal: string): DealProposal => ({
	v: 1, kind: 'deal_risk', workflow: WORKFLOW, execution_id: execution, step: 'deal_risk', service: 'erpnext', deal_ref: deal, lead_ref: null, proposed_at: at(0),
	signal: 'close_date_passed', signals: ['close_date_passed'], level: 'critical', risk_score: 88, action: 'Agree a new close date', title: 'Agree a new close date', priority: 'High', due: '2026-11-21',
	fields: { custom_ai_risk_level: 'critical' },
});
function owner(execution: string, deal: string, closing: 'closed' | 'dismissed', minutes: number): MetricEvent {
	const p = proposal(execution, deal);
	const decision = dealDecision(closing, '', p, 'tom.baker@example.com');
	if (decision.kind === 'pending') throw new Error('pending');
	return dealDecisionEvent(decision, p, at(minutes));
}

// s1: propose-only, still waiting; s2: propose-only, dismissed after 40 minutes; s3: propose-only,
// accepted after an hour; s4: written directly (not propose-only), no task: autonomous.
const events: MetricEvent[] = [
	...scan('s1', 'CRM-OPP-2026-00301', true),
	...scan('s2', 'CRM-OPP-2026-00302', true),
	owner('s2', 'CRM-OPP-2026-00302', 'dismissed', 40),
	...scan('s3', 'CRM-OPP-2026-00303', true),
	owner('s3', 'CRM-OPP-2026-00303', 'closed', 60),
	...scan('s4', 'CRM-OPP-2026-00304', false),
];

let panels: DashboardPanels;
const panel = (id: number) => panels.panel(id);
const rowsOf = (report: ReturnType<typeof panel>) => panels.rowsOf(report);

beforeAll(async () => {
	panels = await dashboardPanels('ltc_deal_review_panels', events, NOW);
});

afterAll(async () => {
	await panels?.db.drop();
});

describe('propose-only deal-risk decision points on the dashboards', () => {
	it('"Pending reviews" counts the proposed deal nobody answered, not the answered or the written ones', async () => {
		expect(panel(2).problems).toEqual([]);
		expect(Number((await rowsOf(panel(2)))[0][0])).toBe(1);
	});

	it('"Deal-risk signals by severity" counts each deal\'s signal once by severity, never "proposed" or a decision', async () => {
		expect(panel(1).problems).toEqual([]);
		const rows = await rowsOf(panel(1));
		expect(rows.map((r) => [r[1], Number(r[2])])).toEqual([['high', 4]]);
	});

	it('"Autonomy" counts only the deal written without a person (the core rule)', async () => {
		const report = panel(1001);
		const expected = autonomy(events, { from: report.range.from, to: report.range.to }).overall.pct!;
		expect(expected).toBeCloseTo(25, 9);
		expect(Number((await rowsOf(report))[0][0])).toBeCloseTo(expected, 9);
	});
});
