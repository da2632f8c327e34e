// Frappe CRM deals in the core (issue 18): a CRM Deal and its e-mails, call logs, tasks, status change
// log and Versions mapped to the deal snapshot (core/dealRisk/crmDeal.ts), and the signals only Frappe
// CRM has data for (core/dealRisk/sla.ts: a failed SLA, a response past its deadline).
import { describe, expect, it } from 'vitest';

import {
	assessDeal,
	crmDealSnapshot,
	crmDealStatus,
	crmTaskOpen,
	DealSnapshotSchema,
	defaultRiskConfig,
	type CrmDealRecords,
} from '../../../core/dealRisk';

const NOW = new Date('2026-11-20T10:00:00Z');
// crm/install.py add_default_deal_statuses
const TYPES = new Map([
	['Qualification', 'Open'],
	['Demo/Making', 'Ongoing'],
	['Negotiation', 'Ongoing'],
	['Won', 'Won'],
	['Lost', 'Lost'],
]);

function deal(overrides: Record<string, unknown> = {}): CrmDealRecords['deal'] {
	return {
		name: 'CRM-DEAL-2026-00001',
		status: 'Negotiation',
		organization: 'Nordwerk Automation GmbH',
		deal_owner: 'anna@example.com',
		probability: 70,
		deal_value: 48000.5,
		currency: 'EUR',
		expected_closure_date: '2026-12-15',
		creation: '2026-10-01 09:00:00.000000',
		modified: '2026-11-19 09:00:00.000000',
		status_change_log: [
			{ from: 'Qualification', from_date: '2026-10-01 09:00:00', to: 'Negotiation' },
			{ from: 'Negotiation', from_date: '2026-10-20 09:00:00', to: '' },
		],
		...overrides,
	};
}

const snap = (records: Partial<CrmDealRecords> & { deal: CrmDealRecords['deal'] }) =>
	DealSnapshotSchema.parse(crmDealSnapshot({ statusTypes: TYPES, ...records }, 'EUR'));

describe('crmDealSnapshot', () => {
	it('maps value, probability, closure date, owner and the status change log', () => {
		const s = snap({ deal: deal() });
		expect(s).toMatchObject({
			name: 'CRM-DEAL-2026-00001',
			party_name: 'Nordwerk Automation GmbH',
			status: 'Open',
			sales_stage: 'Negotiation',
			probability: 70,
			opportunity_amount: 4800050,
			currency: 'EUR',
			expected_closing: '2026-12-15',
			opportunity_owner: 'anna@example.com',
		});
		expect(s.history).toEqual([
			{ at: '2026-10-01 09:00:00', field: 'sales_stage', from: null, to: 'Qualification' },
			{ at: '2026-10-20 09:00:00', field: 'sales_stage', from: 'Qualification', to: 'Negotiation' },
		]);
	});

	it('uses the expected deal value when no deal value is set, and JPY has no minor units', () => {
		const s = snap({ deal: deal({ deal_value: 0, expected_deal_value: 120000, currency: 'jpy' }) });
		expect(s.opportunity_amount).toBe(120000);
		expect(s.currency).toBe('JPY');
	});

	it('reads the status type: Won is Converted, Lost is Lost, On Hold is still in play', () => {
		expect(crmDealStatus('Won', TYPES)).toBe('Converted');
		expect(crmDealStatus('Lost', TYPES)).toBe('Lost');
		expect(crmDealStatus('Paused', new Map([['Paused', 'On Hold']]))).toBe('Open');
		expect(crmDealStatus('Closed Won', new Map([['Closed Won', 'Won']]))).toBe('Converted');
		const won = assessDeal(snap({ deal: deal({ status: 'Won' }) }), defaultRiskConfig, NOW);
		expect(won.open).toBe(false);
	});

	it('maps e-mails, call logs and tasks to activity', () => {
		const s = snap({
			deal: deal(),
			communications: [
				{ name: 'C1', communication_date: '2026-11-02 10:00:00', sent_or_received: 'Sent', recipients: 'Jana <jana@nordwerk.de>', subject: 'Offer' },
			],
			callLogs: [
				{ name: 'L1', type: 'Outgoing', status: 'No Answer', duration: 0, to: '+4930111', start_time: '2026-11-03 10:00:00' },
				{ name: 'L2', type: 'Outgoing', status: 'Completed', duration: 310, to: '+4930222', start_time: '2026-11-04 10:00:00' },
				{ name: 'L3', type: 'Incoming', status: 'Completed', duration: 60, from: '+4930333', start_time: '2026-11-05 10:00:00' },
			],
			tasks: [
				{ name: '7', title: 'Send revised offer', status: 'In Progress', priority: 'High', due_date: '2026-11-25 12:00:00', assigned_to: 'anna@example.com' },
				{ name: '8', title: 'Kick-off', status: 'Done', modified: '2026-11-06 10:00:00' },
				{ name: '9', title: 'Old', status: 'Canceled' },
			],
		});
		expect(s.communications.map((c) => [c.name, c.direction, c.medium, c.contact])).toEqual([
			['C1', 'out', 'Email', 'jana@nordwerk.de'],
			['L1', 'out', 'Phone', '+4930111'],
			['L2', 'in', 'Phone', '+4930222'],
			['L3', 'in', 'Phone', '+4930333'],
		]);
		expect(s.todos.map((t) => [t.name, t.status, t.date, t.allocated_to])).toEqual([
			['7', 'Open', '2026-11-25', 'anna@example.com'],
			['8', 'Closed', null, null],
			['9', 'Cancelled', null, null],
		]);
		expect(crmTaskOpen('Backlog')).toBe(true);
		// The monitor's own open follow-up (a risk marker) is not the seller's plan; closed, it is activity.
		const withRiskTask = snap({
			deal: deal(),
			tasks: [
				{ name: '10', title: 'Call back', status: 'Todo', description: '<p>x</p><p>[ltc-risk CRM-DEAL-2026-00001 stale]</p>' },
				{ name: '11', title: 'Done follow-up', status: 'Done', description: '[ltc-risk CRM-DEAL-2026-00001 stale]', modified: '2026-11-01 10:00:00' },
			],
		});
		expect(withRiskTask.todos.map((t) => t.name)).toEqual(['11']);
		expect(crmTaskOpen('Done')).toBe(false);
	});

	it('an FCRM Note is activity (keeps the deal from going stale) but no contact and no answer', () => {
		const quiet = { deal: deal(), communications: [{ name: 'C1', communication_date: '2026-10-01 10:00:00', sent_or_received: 'Sent', recipients: 'jana@nordwerk.de' }] };
		const before = assessDeal(snap(quiet), defaultRiskConfig, NOW);
		expect(before.signals.map((x) => x.code)).toContain('stale');
		const s = snap({ ...quiet, notes: [{ name: 'n1', title: 'Visit write-up', creation: '2026-11-19 16:00:00' }] });
		expect(s.events).toEqual([{ name: 'n1', starts_on: '2026-11-19 16:00:00', subject: 'Note: Visit write-up', contacts: [], status: 'Completed' }]);
		const after = assessDeal(s, defaultRiskConfig, NOW);
		expect(after.signals.map((x) => x.code)).not.toContain('stale');
		expect(after.signals.map((x) => x.code)).toEqual(expect.arrayContaining(['last_outbound_unanswered', 'single_threaded']));
	});

	it('reads closure date and value changes from the Versions', () => {
		const s = snap({
			deal: deal(),
			versions: [
				{ name: 'V1', creation: '2026-10-10 09:00:00', data: JSON.stringify({ changed: [['expected_closure_date', '2026-10-31', '2026-11-30']] }) },
				{ name: 'V2', creation: '2026-10-12 09:00:00', data: JSON.stringify({ changed: [['deal_value', 60000, 48000.5], ['website', 'a', 'b']] }) },
			],
		});
		expect(s.history.filter((h) => h.field !== 'sales_stage')).toEqual([
			{ at: '2026-10-10 09:00:00', field: 'expected_closing', from: '2026-10-31', to: '2026-11-30' },
			{ at: '2026-10-12 09:00:00', field: 'opportunity_amount', from: 6000000, to: 4800050 },
		]);
		const a = assessDeal(s, defaultRiskConfig, NOW);
		expect(a.signals.map((x) => x.code)).toContain('amount_reduced');
	});

	it('names the deal, field and value it cannot read', () => {
		expect(() => crmDealSnapshot({ deal: deal({ deal_value: 'lots' }), statusTypes: TYPES }, 'EUR')).toThrow(
			/CRM Deal CRM-DEAL-2026-00001: field "deal_value" is not an amount in EUR.*"lots"/,
		);
		expect(() => crmDealSnapshot({ deal: deal({ currency: 'EURO' }), statusTypes: TYPES }, 'EUR')).toThrow(/field "currency".*"EURO"/);
	});

	it('uses thresholds for the default Frappe CRM statuses (no quotation expected)', () => {
		const a = assessDeal(snap({ deal: deal() }), defaultRiskConfig, NOW);
		expect(a.signals.map((x) => x.code)).not.toContain('no_quotation');
		expect(defaultRiskConfig.stages.Negotiation.quotationExpected).toBe(false);
	});
});

describe('Frappe CRM SLA signals', () => {
	const recent = [{ name: 'C1', communication_date: '2026-11-19 10:00:00', sent_or_received: 'Received', sender: 'jana@nordwerk.de' }];
	const codes = (d: Record<string, unknown>) =>
		assessDeal(snap({ deal: deal(d), communications: recent }), defaultRiskConfig, NOW).signals;

	it('a failed SLA is sla_breached (high)', () => {
		const s = codes({ sla: 'Default', sla_status: 'Failed', response_by: '2026-11-10 12:00:00', first_responded_on: '2026-11-12 09:00:00' });
		const breached = s.find((x) => x.code === 'sla_breached');
		expect(breached).toMatchObject({ severity: 'high', metric: { value: 9 } });
		expect(breached?.evidence).toContain('2026-11-12');
		expect(s.some((x) => x.code === 'response_overdue')).toBe(false);
	});

	it('a first response still due after its deadline is response_overdue; before it, nothing', () => {
		const late = codes({ sla_status: 'First Response Due', response_by: '2026-11-20 07:30:00' });
		expect(late.find((x) => x.code === 'response_overdue')?.evidence).toMatch(/first response .* 2 hour\(s\) overdue/i);
		const inTime = codes({ sla_status: 'First Response Due', response_by: '2026-11-20 12:00:00' });
		expect(inTime.some((x) => x.code === 'response_overdue' || x.code === 'sla_breached')).toBe(false);
	});

	it('a fulfilled SLA or none raises nothing, and the next action is to answer today', () => {
		expect(codes({ sla_status: 'Fulfilled', response_by: '2026-11-01 00:00:00' }).some((x) => x.code.startsWith('sla') || x.code === 'response_overdue')).toBe(false);
		const a = assessDeal(snap({ deal: deal({ sla_status: 'Rolling Response Due', response_by: '2026-11-18 00:00:00' }), communications: recent }), defaultRiskConfig, NOW);
		const action = a.nextActions.find((n) => n.signals.includes('response_overdue'));
		expect(action).toMatchObject({ code: 'respond_now', priority: 'High', due: '2026-11-20' });
	});
});
