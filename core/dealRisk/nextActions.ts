// Next actions for the deal owner: one per kind of problem, for the most severe signals first, at
// most three, each ready to become an ERPNext ToDo (priority High/Medium/Low, due date in business
// days: today for High, +2 for Medium, +5 for Low) with the triggering evidence as its rationale.
// A deal with no signal gets one low-priority action pointing at its planned next step.
import { amountText } from './amountText';
import { stageLabel, type DealContext } from './context';
import { addBusinessDays, dateOfDay, dayOf, DAY_MS } from './erpDates';
import type { NextAction, Severity, Signal, SignalCode } from './schemas';

type ActionTemplate = { code: string; text: (ctx: DealContext) => string };

const ACTIONS: Record<SignalCode, ActionTemplate> = {
	close_date_passed: {
		code: 'update_close_date',
		text: (c) =>
			`Confirm the decision date with ${c.party} and update the expected closing of ${c.deal.name}.`,
	},
	quotation_expired: {
		code: 'renew_quotation',
		text: (c) => `Send ${c.party} a renewed quotation and ask for the order.`,
	},
	stale: { code: 're_engage', text: (c) => `Call ${c.party} to re-engage and agree a next step.` },
	last_outbound_unanswered: {
		code: 'follow_up_other_channel',
		text: (c) =>
			`Follow up with ${c.party} by phone or through another contact instead of another email.`,
	},
	close_date_near_low_probability: {
		code: 'qualify_close_date',
		text: (c) =>
			`Check with ${c.party} whether ${c.deal.expected_closing ?? 'the close date'} still holds; re-forecast if not.`,
	},
	close_date_pushed: {
		code: 'confirm_timeline',
		text: (c) => `Agree a dated mutual plan with ${c.party} up to the signature.`,
	},
	quotation_expiring: {
		code: 'ask_for_order',
		text: (c) =>
			`Ask ${c.party} for the order before the quotation expires, or extend its validity.`,
	},
	stuck_in_stage: {
		code: 'advance_or_requalify',
		text: (c) =>
			`Agree with ${c.party} what moves the deal out of ${stageLabel(c)}, or requalify it.`,
	},
	single_threaded: {
		code: 'multi_thread',
		text: (c) => `Involve a second contact at ${c.party}, ideally the decision maker.`,
	},
	amount_reduced: {
		code: 'review_scope',
		text: (c) => `Review the reduced scope with ${c.party} and what would restore it.`,
	},
	probability_low_for_stage: {
		code: 'review_forecast',
		text: (c) =>
			`Review the probability of ${c.deal.name} or move it back to the stage it really is in.`,
	},
	no_quotation: {
		code: 'send_quotation',
		text: (c) => `Prepare and submit a quotation for ${c.party}.`,
	},
	no_next_step: {
		code: 'schedule_next_step',
		text: (c) => `Schedule the next meeting or task with ${c.party}.`,
	},
	close_date_missing: {
		code: 'set_close_date',
		text: (c) => `Set an expected closing date on ${c.deal.name}.`,
	},
	high_value_at_risk: {
		code: 'escalate',
		text: (c) =>
			`Review ${c.deal.name} (${amountText(c.deal.opportunity_amount, c.deal.currency)}) with the sales manager.`,
	},
	sla_breached: {
		code: 'respond_now',
		text: (c) => `Answer ${c.party} today and tell them when the next step follows.`,
	},
	response_overdue: {
		code: 'respond_now',
		text: (c) => `Answer ${c.party} today and tell them when the next step follows.`,
	},
};

const PRIORITY: Record<Severity, { priority: NextAction['priority']; businessDays: number }> = {
	high: { priority: 'High', businessDays: 0 },
	medium: { priority: 'Medium', businessDays: 2 },
	low: { priority: 'Low', businessDays: 5 },
};

/** Up to `maxNextActions` actions for signals already sorted most severe first. */
export function nextActions(ctx: DealContext, sorted: readonly Signal[]): NextAction[] {
	if (sorted.length === 0) return [plannedStep(ctx)];
	const actions: NextAction[] = [];
	for (const signal of sorted) {
		const template = ACTIONS[signal.code];
		const existing = actions.find((a) => a.code === template.code);
		if (existing) {
			existing.signals.push(signal.code);
			continue;
		}
		if (actions.length >= ctx.config.maxNextActions) continue;
		const p = PRIORITY[signal.severity];
		actions.push({
			code: template.code,
			action: template.text(ctx),
			priority: p.priority,
			due: dateOfDay(addBusinessDays(ctx.today, p.businessDays)),
			rationale: signal.evidence,
			signals: [signal.code],
		});
	}
	return actions;
}

function plannedStep(ctx: DealContext): NextAction {
	const { deal } = ctx;
	let todoDay = Number.POSITIVE_INFINITY;
	let todoText = '';
	for (const t of deal.todos) {
		if (t.status !== 'Open') continue;
		const day = t.date ? dayOf(t.date) : ctx.today;
		if (day < todoDay) {
			todoDay = day;
			todoText = t.description;
		}
	}
	let eventMs = Number.POSITIVE_INFINITY;
	let eventText = '';
	for (let i = 0; i < deal.events.length; i++) {
		const e = deal.events[i];
		if (e.status !== 'Open') continue;
		const t = ctx.eventMs[i];
		if (t > ctx.nowMs && t < eventMs) {
			eventMs = t;
			eventText = e.subject ?? e.name ?? 'the meeting';
		}
	}
	const eventDay = Math.floor((eventMs + ctx.offsetMs) / DAY_MS);
	const byTodo = todoDay <= eventDay;
	const day = byTodo ? todoDay : eventDay;
	const action = byTodo
		? todoDay === Number.POSITIVE_INFINITY
			? `Keep the cadence with ${ctx.party}.`
			: `Complete the planned step: ${todoText}`
		: `Prepare for "${eventText}" with ${ctx.party}.`;
	return {
		code: 'keep_cadence',
		action,
		priority: 'Low',
		due: dateOfDay(Number.isFinite(day) ? Math.max(day, ctx.today) : addBusinessDays(ctx.today, 5)),
		rationale: 'No risk signal; the deal follows its plan.',
		signals: [],
	};
}
