// Activity signals from Communications, Events and ToDos: the deal went quiet (stale), only one
// person on the buyer's side is engaged (single-threaded), our last message is still unanswered,
// and nothing is planned next. Meetings, visits and events count as two-way contact; a logged
// outbound phone call does not (it may have reached a voicemail). These are the "no activity", "ghosted", "not enough contacts" warnings
// of revenue-intelligence tools, computed from ERPNext records with per-stage thresholds.
import { buildSignal } from './signal';
import { daysSince, instant, localDate, stageLabel, type DealContext } from './context';
import { DAY_MS, dayOf } from './erpDates';
import type { Signal } from './schemas';

const MEETING_MEDIA = new Set(['Meeting', 'Visit', 'Event']);

export function staleSignal(ctx: DealContext): Signal | undefined {
	const { deal, stage } = ctx;
	let lastMs = Number.NEGATIVE_INFINITY;
	let what = '';
	for (let i = 0; i < deal.communications.length; i++) {
		const c = deal.communications[i];
		const t = ctx.commMs[i];
		if (t <= ctx.nowMs && t > lastMs) {
			lastMs = t;
			what = `${c.medium} ${c.direction === 'in' ? 'from' : 'to'} ${c.contact ?? ctx.party}`;
		}
	}
	for (let i = 0; i < deal.events.length; i++) {
		const e = deal.events[i];
		if (e.status === 'Cancelled') continue;
		const t = ctx.eventMs[i];
		if (t <= ctx.nowMs && t > lastMs) {
			lastMs = t;
			what = `Event "${e.subject ?? e.name ?? 'meeting'}"`;
		}
	}
	for (const todo of deal.todos) {
		if (todo.status !== 'Closed' || !todo.modified) continue;
		const t = instant(ctx, todo.modified);
		if (t <= ctx.nowMs && t > lastMs) {
			lastMs = t;
			what = `ToDo "${todo.description}" closed`;
		}
	}
	const noActivity = lastMs === Number.NEGATIVE_INFINITY;
	const since = noActivity ? instant(ctx, deal.creation) : lastMs;
	const days = daysSince(ctx, since);
	if (days < stage.staleDays) return undefined;
	const evidence = noActivity
		? `No Communication, Event or closed ToDo since the deal was created on ${localDate(ctx, since)} (${days} days; limit ${stage.staleDays} for ${stageLabel(ctx)}).`
		: `No activity for ${days} days; the last was ${what} on ${localDate(ctx, since)} (limit ${stage.staleDays} for ${stageLabel(ctx)}).`;
	return buildSignal(
		'stale',
		days >= 2 * stage.staleDays ? 'high' : 'medium',
		evidence,
		'days_since_activity',
		days,
		stage.staleDays,
		'days',
	);
}

export function singleThreadedSignal(ctx: DealContext): Signal | undefined {
	const { deal, stage, config } = ctx;
	if (stage.minContacts === 0) return undefined;
	const fromMs = ctx.nowMs - config.engagementLookbackDays * DAY_MS;
	const engaged = new Set<string>();
	for (let i = 0; i < deal.communications.length; i++) {
		const c = deal.communications[i];
		if (!c.contact || (c.direction !== 'in' && !MEETING_MEDIA.has(c.medium))) continue;
		const t = ctx.commMs[i];
		if (t >= fromMs && t <= ctx.nowMs) engaged.add(c.contact.trim().toLowerCase());
	}
	for (let i = 0; i < deal.events.length; i++) {
		const e = deal.events[i];
		if (e.status === 'Cancelled' || e.contacts.length === 0) continue;
		const t = ctx.eventMs[i];
		if (t >= fromMs && t <= ctx.nowMs)
			for (const who of e.contacts) engaged.add(who.trim().toLowerCase());
	}
	if (engaged.size >= stage.minContacts) return undefined;
	const evidence =
		engaged.size === 0
			? `No contact at ${ctx.party} replied or met in the last ${config.engagementLookbackDays} days; ${stageLabel(ctx)} expects ${stage.minContacts}.`
			: `Only ${[...engaged].join(', ')} engaged in the last ${config.engagementLookbackDays} days; ${stageLabel(ctx)} expects at least ${stage.minContacts} contacts.`;
	return buildSignal(
		'single_threaded',
		'medium',
		evidence,
		'engaged_contacts',
		engaged.size,
		stage.minContacts,
		'count',
	);
}

export function unansweredSignal(ctx: DealContext): Signal | undefined {
	const { deal, config } = ctx;
	let lastInMs = Number.NEGATIVE_INFINITY;
	let lastOutMs = Number.NEGATIVE_INFINITY;
	let lastOutIndex = -1;
	const outTimes: number[] = [];
	for (let i = 0; i < deal.communications.length; i++) {
		const c = deal.communications[i];
		const t = ctx.commMs[i];
		if (t > ctx.nowMs) continue;
		// A meeting or visit is a two-way conversation even when we logged it as outbound.
		if (c.direction === 'in' || MEETING_MEDIA.has(c.medium)) {
			if (t > lastInMs) lastInMs = t;
		} else {
			outTimes.push(t);
			if (t > lastOutMs) {
				lastOutMs = t;
				lastOutIndex = i;
			}
		}
	}
	if (lastOutIndex < 0 || lastOutMs <= lastInMs) return undefined;
	const days = daysSince(ctx, lastOutMs);
	if (days < config.unansweredDays) return undefined;
	let count = 0;
	for (const t of outTimes) if (t > lastInMs) count++;
	const last = deal.communications[lastOutIndex];
	const sinceReply =
		lastInMs === Number.NEGATIVE_INFINITY
			? 'and no reply was ever recorded'
			: `since the last reply on ${localDate(ctx, lastInMs)}`;
	const evidence = `${count} outbound message(s) ${sinceReply}; the latest, ${last.medium} to ${last.contact ?? ctx.party} on ${localDate(ctx, lastOutMs)}, has waited ${days} days (limit ${config.unansweredDays}).`;
	return buildSignal(
		'last_outbound_unanswered',
		count >= 3 ? 'high' : 'medium',
		evidence,
		'days_waiting_for_reply',
		days,
		config.unansweredDays,
		'days',
	);
}

export function noNextStepSignal(ctx: DealContext): Signal | undefined {
	const { deal } = ctx;
	let overdue = 0;
	let earliestOverdue = Number.POSITIVE_INFINITY;
	for (const todo of deal.todos) {
		if (todo.status !== 'Open') continue;
		if (!todo.date) return undefined;
		const due = dayOf(todo.date);
		if (due >= ctx.today) return undefined;
		overdue++;
		if (due < earliestOverdue) earliestOverdue = due;
	}
	for (let i = 0; i < deal.events.length; i++) {
		if (deal.events[i].status === 'Open' && ctx.eventMs[i] > ctx.nowMs) return undefined;
	}
	const evidence =
		overdue === 0
			? `No open ToDo and no upcoming Event on ${deal.name}.`
			: `No upcoming Event and no ToDo due from today; ${overdue} open ToDo(s) overdue by up to ${ctx.today - earliestOverdue} days.`;
	return buildSignal('no_next_step', 'low', evidence, 'planned_next_steps', 0, 1, 'count');
}
