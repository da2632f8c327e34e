// Deal-risk actions decided in the desk (issue 19, ADR 0046): what the task says, how the proposal comes
// back from it (and never as another kind of proposal), what a closed task means in each desk, and the
// human event it makes.
import { describe, expect, it } from 'vitest';

import { readCrmProposal } from '../../../core/approvals/crmApproval.ts';
import {
	answeredTasks,
	askAgain,
	crmTaskClosing,
	dealDecision,
	dealDecisionEvent,
	dealDecisionNote,
	dealTaskTitle,
	readDealProposal,
	todoClosing,
	type DealProposal,
} from '../../../core/approvals/dealDecision.ts';
import { readProposal } from '../../../core/approvals/deskApproval.ts';
import { readLeadProposal } from '../../../core/approvals/leadDecision.ts';
import { assessDeal, defaultRiskConfig } from '../../../core/dealRisk/index.ts';
import { eventId } from '../../../core/metrics/index.ts';
import { NOW as RISK_NOW, dealWith } from '../dealRisk/healthyDeal.mts';

const proposal: DealProposal = {
	v: 1,
	kind: 'deal_risk',
	workflow: 'Lead-to-Close: deal monitor (every 30 minutes)',
	execution_id: '812',
	step: 'deal_risk',
	service: 'erpnext',
	deal_ref: 'CRM-OPP-2026-00125',
	lead_ref: null,
	proposed_at: '2026-12-07T09:00:00.000Z',
	signal: 'close_date_passed',
	level: 'critical',
	risk_score: 88,
	action: 'Agree a new close date with Great Lakes Foundry Inc.',
	title: 'Agree a new close date with Great Lakes Foundry Inc.',
	priority: 'High',
	due: '2026-12-08',
	fields: null,
};

describe('dealDecisionNote and readDealProposal', () => {
	it('shows the action, how to decide in each desk and the escaped reasons, with the risk marker and the proposal', () => {
		const note = dealDecisionNote(proposal, 'The close date <b>passed</b>.', [
			'Close date 2026-10-31 passed <script>alert(1)</script>',
			' ',
		]);
		expect(note).toContain(
			'the AI proposes the next action <strong>Agree a new close date with Great Lakes Foundry Inc.</strong> (High, due 2026-12-08)',
		);
		expect(note).toContain('write it in <em>Reviewed Next Action</em> on the Opportunity first');
		expect(note).toContain('<p>The close date &lt;b&gt;passed&lt;/b&gt;.</p>');
		expect(note).toContain(
			'<li>Close date 2026-10-31 passed &lt;script&gt;alert(1)&lt;/script&gt;</li>',
		);
		expect(note).not.toContain('<script>');
		expect(note).toContain('[ltc-risk CRM-OPP-2026-00125 close_date_passed]');
		expect(readDealProposal(note)).toEqual(proposal);
		const crm = dealDecisionNote({ ...proposal, service: 'frappe_crm' }, '', []);
		expect(crm).toContain('change the task title to it, then set the task to Done');
		expect(crm).toContain('<p>Reasons: none given.</p>');
	});

	it('lists the values propose-only mode did not write, escaped', () => {
		const withFields = {
			...proposal,
			fields: { custom_ai_risk_score: 88, custom_ai_risk_summary: 'Buyer <i>silent</i>' },
		};
		const note = dealDecisionNote(withFields, '', [], 'propose-only mode is on for this node');
		expect(note).toContain(
			'Propose-only mode (propose-only mode is on for this node): nothing was written to the Opportunity',
		);
		expect(note).toContain('<li>custom_ai_risk_score: 88</li>');
		expect(note).toContain('<li>custom_ai_risk_summary: Buyer &lt;i&gt;silent&lt;/i&gt;</li>');
		expect(readDealProposal(note)).toEqual(withFields);
	});

	it('is not read as a quote or lead proposal, and they are not read as a deal proposal; an edited marker is refused', () => {
		const note = dealDecisionNote(proposal, '', []);
		expect(readProposal(note)).toBeUndefined();
		expect(readCrmProposal(note)).toBeUndefined();
		expect(readLeadProposal(note)).toBeUndefined();
		const marker = /\[ltc-approval ([A-Za-z0-9_-]+)\]/.exec(note)![1];
		const edited = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8')) as Record<
			string,
			unknown
		>;
		edited.risk_score = 101;
		expect(
			readDealProposal(
				`[ltc-approval ${Buffer.from(JSON.stringify(edited)).toString('base64url')}]`,
			),
		).toBeUndefined();
		expect(readDealProposal(undefined)).toBeUndefined();
	});

	it('keeps a long action within the CRM Task title', () => {
		expect(dealTaskTitle('x'.repeat(300))).toHaveLength(140);
		expect(dealTaskTitle('Call   the\nbuyer')).toBe('Call the buyer');
	});
});

describe('dealDecision', () => {
	it.each([
		['ToDo Open', todoClosing('Open'), null, 'pending'],
		['ToDo Closed', todoClosing('Closed'), null, 'accept'],
		[
			'ToDo Closed, Reviewed Next Action = the same, other case',
			todoClosing('Closed'),
			' agree a new close date with great lakes foundry inc. ',
			'accept',
		],
		[
			'ToDo Closed, another Reviewed Next Action',
			todoClosing('Closed'),
			'Visit the plant on Monday',
			'override',
		],
		[
			'ToDo Cancelled (assignment removed)',
			todoClosing('Cancelled'),
			'Visit the plant on Monday',
			'dismiss',
		],
		['CRM Task In Progress', crmTaskClosing('In Progress'), null, 'pending'],
		['CRM Task Done, title unchanged', crmTaskClosing('Done'), proposal.title, 'accept'],
		['CRM Task Done, new title', crmTaskClosing('Done'), 'Call the plant manager', 'override'],
		['CRM Task Canceled', crmTaskClosing('Canceled'), null, 'dismiss'],
		['CRM Task Backlog', crmTaskClosing('Backlog'), 'Call the plant manager', 'pending'],
	] as const)('%s → %s', (_case, closing, chosen, kind) => {
		expect(dealDecision(closing, chosen, proposal, 'tom.baker@ltc-demo.de').kind).toBe(kind);
	});

	it('names who decided and what they chose', () => {
		expect(dealDecision('closed', 'Visit the plant', proposal, 'tom.baker@ltc-demo.de')).toEqual({
			kind: 'override',
			action: 'Visit the plant',
			override: true,
			decidedBy: 'tom.baker@ltc-demo.de',
		});
		expect(dealDecision('closed', 42, proposal, '')).toEqual({
			kind: 'accept',
			action: proposal.action,
			override: false,
			decidedBy: null,
		});
	});
});

describe('dealDecisionEvent', () => {
	const at = '2026-12-07T11:30:00.000Z';
	it('is a human desk event in the scan decision point, in the review vocabulary, made from the record alone', () => {
		const accept = dealDecision('closed', null, proposal, 'tom.baker@ltc-demo.de');
		if (accept.kind === 'pending') throw new Error('pending');
		const event = dealDecisionEvent(accept, proposal, at);
		expect(event).toMatchObject({
			workflow: proposal.workflow,
			execution_id: '812',
			step: 'deal_risk',
			actor: 'human',
			channel: 'desk',
			decision: 'approve',
			outcome: 'approved',
			deal_ref: 'CRM-OPP-2026-00125',
			service: 'erpnext',
			score: 88,
			decided_by: 'tom.baker@ltc-demo.de',
			reason: null,
			duration_ms: 9_000_000,
		});
		expect(eventId(dealDecisionEvent(accept, proposal, at))).toBe(eventId(event));
	});

	it('says what an override chose, and a dismissal declines', () => {
		const override = dealDecision('closed', 'Visit the plant', proposal, 'x@y.de');
		const dismiss = dealDecision('dismissed', null, proposal, 'x@y.de');
		if (override.kind === 'pending' || dismiss.kind === 'pending') throw new Error('pending');
		expect(dealDecisionEvent(override, proposal, at)).toMatchObject({
			decision: 'approve',
			outcome: 'approved_changed',
			reason:
				'next action "Visit the plant" instead of "Agree a new close date with Great Lakes Foundry Inc."',
		});
		expect(dealDecisionEvent(dismiss, { ...proposal, service: 'frappe_crm' }, at)).toMatchObject({
			decision: 'decline',
			outcome: 'dismissed',
			service: 'frappe_crm',
			reason: null,
		});
	});
});

describe('a closed task is remembered: answeredTasks and askAgain', () => {
	// No activity at all: stale (high), single_threaded, no_next_step → level high.
	const silent = assessDeal(
		dealWith({ communications: [], events: [], todos: [] }),
		defaultRiskConfig,
		RISK_NOW,
	);
	const deal = silent.deal.name;
	const answeredProposal: DealProposal = {
		...proposal,
		deal_ref: deal,
		signal: 'stale',
		signals: ['stale', 'single_threaded', 'no_next_step'],
		level: 'high',
	};
	// The site is in Berlin (UTC+1 in November): 2026-11-10 11:00 there is 10:00 UTC.
	const todo = (
		status: string,
		modified: string,
		p: DealProposal = answeredProposal,
		name = 'TD-1',
	) => ({
		name,
		status,
		modified,
		description: dealDecisionNote(p, 'Why', []),
	});
	const read = (
		rows: Array<Record<string, unknown>>,
		service: DealProposal['service'] = 'erpnext',
	) =>
		answeredTasks(
			rows,
			service === 'erpnext' ? todoClosing : crmTaskClosing,
			deal,
			service,
			'Europe/Berlin',
			RISK_NOW.getTime(),
		);

	it('reads closed and dismissed tasks of this deal and service with a proposal, their modified in the site zone', () => {
		const rows = [
			todo('Cancelled', '2026-11-10 11:00:00.000000'),
			todo('Closed', '2026-11-12 11:00:00', answeredProposal, 'TD-2'),
			todo('Open', '2026-11-12 11:00:00', answeredProposal, 'TD-3'),
			todo(
				'Closed',
				'2026-11-12 11:00:00',
				{ ...answeredProposal, deal_ref: 'CRM-OPP-2026-00999' },
				'TD-4',
			),
			todo('Closed', '2026-11-12 11:00:00', { ...answeredProposal, service: 'frappe_crm' }, 'TD-5'),
			{
				name: 'TD-6',
				status: 'Closed',
				modified: '2026-11-12 11:00:00',
				description: `Call back [ltc-risk ${deal} stale]`,
			},
			{ ...todo('Closed', ''), name: 'TD-7', modified: undefined },
		];
		expect(
			read(rows).map((a) => [a.task, a.closing, new Date(a.answeredMs).toISOString()]),
		).toEqual([
			['TD-1', 'dismissed', '2026-11-10T10:00:00.000Z'],
			['TD-2', 'closed', '2026-11-12T10:00:00.000Z'],
		]);
		expect(
			read(
				[todo('Canceled', '2026-11-10 11:00:00', { ...answeredProposal, service: 'frappe_crm' })],
				'frappe_crm',
			),
		).toHaveLength(1);
		expect(
			read(
				[
					todo('In Progress', '2026-11-10 11:00:00', {
						...answeredProposal,
						service: 'frappe_crm',
					}),
				],
				'frappe_crm',
			),
		).toEqual([]);
	});

	// RISK_NOW is 2026-11-20 10:00 UTC: an answer given on 2026-11-10 10:00 UTC is ten days old.
	const answered = read([todo('Cancelled', '2026-11-10 11:00:00')]);
	it.each([
		[
			'the same assessment, 10 of 14 days',
			silent,
			14,
			{ ask: false, task: 'TD-1', closing: 'dismissed', until: '2026-11-24T10:00:00.000Z' },
		],
		[
			'the same assessment after the period (10 days ≥ 10)',
			silent,
			10,
			{ ask: true, why: '10 days since TD-1 was answered' },
		],
		['0 days: asked again on every scan', silent, 0, { ask: true, why: null }],
		[
			'a higher level',
			{ ...silent, level: 'critical' as const },
			14,
			{ ask: true, why: 'risk level high → critical' },
		],
		[
			'a new signal',
			{
				...silent,
				signals: [...silent.signals, { ...silent.signals[0], code: 'close_date_passed' as const }],
			},
			14,
			{ ask: true, why: 'new signal close_date_passed' },
		],
		[
			'a higher score only',
			{ ...silent, riskScore: silent.riskScore + 20 },
			14,
			{ ask: false, task: 'TD-1', closing: 'dismissed', until: '2026-11-24T10:00:00.000Z' },
		],
	])('%s', (_name, assessment, days, expected) => {
		expect(askAgain(answered, 'stale', assessment, RISK_NOW.getTime(), days)).toEqual(expected);
	});

	it('only an answer for the same signal holds, the latest of them; nothing answered asks', () => {
		expect(askAgain(answered, 'single_threaded', silent, RISK_NOW.getTime(), 14)).toEqual({
			ask: true,
			why: null,
		});
		expect(askAgain([], 'stale', silent, RISK_NOW.getTime(), 14)).toEqual({ ask: true, why: null });
		const twice = read([
			todo('Cancelled', '2026-11-01 11:00:00'),
			todo('Closed', '2026-11-19 11:00:00', answeredProposal, 'TD-9'),
		]);
		expect(askAgain(twice, 'stale', silent, RISK_NOW.getTime(), 14)).toMatchObject({
			ask: false,
			task: 'TD-9',
			closing: 'closed',
			until: '2026-12-03T10:00:00.000Z',
		});
	});

	it('a task made before the signal list was kept answers for its own signal only', () => {
		const { signals: _signals, ...old } = answeredProposal;
		const oldOnes = read([todo('Cancelled', '2026-11-10 11:00:00', old)]);
		expect(askAgain(oldOnes, 'stale', silent, RISK_NOW.getTime(), 14)).toEqual({
			ask: true,
			why: 'new signal single_threaded, no_next_step',
		});
		const onlyStale = { ...silent, signals: silent.signals.filter((s) => s.code === 'stale') };
		expect(askAgain(oldOnes, 'stale', onlyStale, RISK_NOW.getTime(), 14)).toMatchObject({
			ask: false,
		});
	});
});
