// A deal-risk action nobody decided in time (ADR 0048): the defaults a Check Pending may take (never
// Accept) and the system timeout event, the same for two runs that see the same limit.
import { describe, expect, it } from 'vitest';

import {
	answeredTasks,
	dealDecisionNote,
	todoClosing,
	type DealProposal,
} from '../../../core/approvals/dealDecision.ts';
import { DEAL_TIMEOUT_FALLBACKS, dealTimeoutEvent } from '../../../core/approvals/dealTimeout.ts';
import { approvalNoticeMarker } from '../../../core/markers.ts';
import { eventId } from '../../../core/metrics/index.ts';

const proposal: DealProposal = {
	v: 1,
	kind: 'deal_risk',
	workflow: 'Lead-to-Close: deal monitor (every 30 minutes)',
	execution_id: '812',
	step: 'deal_risk',
	service: 'erpnext',
	deal_ref: 'CRM-OPP-2026-00125',
	lead_ref: 'CRM-LEAD-2026-00042',
	proposed_at: '2026-12-07T09:00:00.000Z',
	signal: 'close_date_passed',
	level: 'critical',
	risk_score: 88,
	action: 'Agree a new close date with Great Lakes Foundry Inc.',
	title: 'Agree a new close date with Great Lakes Foundry Inc.',
	priority: 'High',
	due: '2026-12-08',
	fields: { custom_ai_risk_score: 88 },
};
const policy = { remindAfterHours: 24, timeoutAfterHours: 72 };

describe('dealTimeoutEvent', () => {
	it('offers Dismiss and Keep Waiting only: a default never accepts a next action', () => {
		expect(DEAL_TIMEOUT_FALLBACKS).toEqual(['dismiss', 'keep']);
	});

	it.each([
		['dismiss', 'dismissed'],
		['keep', 'waiting'],
	] as const)(
		'%s: a system timeout at the limit in the assessment point, outcome %s',
		(fallback, outcome) => {
			const event = dealTimeoutEvent(proposal, policy, fallback);
			expect(event).toMatchObject({
				actor: 'system',
				decision: 'timeout',
				outcome,
				channel: 'desk',
				service: 'erpnext',
				workflow: 'Lead-to-Close: deal monitor (every 30 minutes)',
				execution_id: '812',
				step: 'deal_risk',
				deal_ref: 'CRM-OPP-2026-00125',
				lead_ref: 'CRM-LEAD-2026-00042',
				quote_ref: null,
				occurred_at: '2026-12-10T09:00:00.000Z',
				duration_ms: 72 * 3_600_000,
			});
			// Made again by another run: the same event.
			expect(eventId(dealTimeoutEvent(proposal, policy, fallback))).toBe(eventId(event));
		},
	);

	it('a Frappe CRM proposal is counted as Frappe CRM', () => {
		expect(
			dealTimeoutEvent({ ...proposal, service: 'frappe_crm' }, policy, 'dismiss').service,
		).toBe('frappe_crm');
	});
});

describe('a deal ToDo the default dismissed is no answer', () => {
	it("answeredTasks holds the owner's dismissal, not the timeout's: the Deal Monitor asks again", () => {
		const note = dealDecisionNote(proposal, 'Why', []);
		const tasks = [
			{
				name: 'TODO-1',
				status: 'Cancelled',
				modified: '2026-12-10 10:00:00.000000',
				description: `${note}\n<p>Decision taken by the workflow (dismissed by default after 72 h: nothing was done). [${approvalNoticeMarker('timeout', 'TODO-1')}] [${approvalNoticeMarker('decided', 'TODO-1')}]</p>`,
			},
			{
				name: 'TODO-2',
				status: 'Cancelled',
				modified: '2026-12-10 11:00:00.000000',
				description: `${note}\n<p>Decision taken by the workflow (dismissed: nothing was done). [${approvalNoticeMarker('decided', 'TODO-2')}]</p>`,
			},
		];
		const answered = answeredTasks(
			tasks,
			todoClosing,
			'CRM-OPP-2026-00125',
			'erpnext',
			'UTC',
			Date.parse('2026-12-11T09:00:00Z'),
		);
		expect(answered.map((a) => [a.task, a.closing])).toEqual([['TODO-2', 'dismissed']]);
	});
});
