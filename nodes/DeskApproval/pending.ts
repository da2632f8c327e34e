// "Check Pending", on a schedule: the one place that looks after desk requests nobody decided (issue 19,
// ADR 0036, ADR 0048). A request still open after Remind After hours reminds its assignee (a comment on
// its record, once, and an output item the workflow can e-mail); after Time Out After hours its kind's
// configured default applies (a quote: Reject or Keep Waiting; a lead review: Dismiss, Accept the
// Proposed Route or Keep Waiting; a deal-risk action: Dismiss or Keep Waiting). Never "send". Each
// notice is written once: its comment carries an approval-notice marker (core/markers.ts) that the next
// run finds, and a default that closes the request does so under the same optimistic lock as a desk
// decision, so a person who decided first wins.
//
// The kinds of request are sources (`PendingSource`): ERPNext quote approvals (below), lead reviews
// (lead/pending.ts) and deal-risk actions (deal/pending.ts); Frappe CRM quote approval tasks and lead
// review tasks (crm/pending.ts) and deal-risk CRM Tasks (deal/pending.ts, the same source as ERPNext's).
// A new kind is one more source: how to list its open requests, its texts and what its default does; the
// schedule, the notices, the events and the output stay here.
import { type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { ErpNextClient } from '../../connectors/erpnext';
import {
	pendingStep,
	pendingTimeoutEvent,
	readProposal,
	systemDeskEvent,
	waitedHours,
	type DeskPoint,
	type DeskRefs,
	type PendingPolicy,
} from '../../core/approvals/deskApproval';
import { DEAL_TIMEOUT_FALLBACKS, type DealTimeoutFallback } from '../../core/approvals/dealTimeout';
import {
	LEAD_TIMEOUT_FALLBACKS,
	type LeadTimeoutFallback,
} from '../../core/approvals/leadDecision';
import { approvalNoticeMarker } from '../../core/markers';
import { EVENTS_KEY, type MetricEvent } from '../../core/metrics';
import { escapeHtml } from '../../core/html';
import { runItems } from '../shared/itemRunner';
import { noteMadeEvents } from '../shared/madeEvents';
import { toNodeError } from '../shared/serviceErrors';
import { isLockLost } from './decide';
import { dealRiskSource } from './deal/pending';
import { leadReviewSource } from './lead/pending';
import { hours, oneOf } from './params';

export const TIMEOUT_FALLBACKS = { reject: 'reject', keep: 'keep' } as const;
export type Fallback = (typeof TIMEOUT_FALLBACKS)[keyof typeof TIMEOUT_FALLBACKS];

/** The kinds of request Check Pending looks after (its "Requests" parameter). */
export const PENDING_KINDS = { quote: 'quote', lead: 'lead', deal: 'deal' } as const;
export type PendingKind = (typeof PENDING_KINDS)[keyof typeof PENDING_KINDS];

/** One open desk request as Check Pending sees it, whatever its kind. */
export interface PendingRequest {
	/** The ToDo (or CRM Task) name: the key of the request's reminder and timeout notices. */
	id: string;
	/** The decision point that asked, with `proposed_at`, when the person was asked. */
	point: DeskPoint;
	refs: DeskRefs;
	service: 'erpnext' | 'frappe_crm';
	/** The record the reminder and timeout comments go on. */
	record: { doctype: string; name: string };
	assignee: string | null;
	/** What the output item says about the request (e.g. `{ quotation, todo }`). */
	summary: IDataObject;
	/** False when the request is being decided already; asked only of a request that is due. */
	stillPending?: () => Promise<boolean>;
	/** The reminder, as plain text (escaped when written). */
	reminder: (waitedHours: number) => string;
	/** Applies the kind's default at the time limit; 'lost' when a person or a run decided first. */
	timeout: (policy: PendingPolicy) => Promise<TimeoutApplied | 'lost'>;
}

/** What a request's default did at its time limit. */
export interface TimeoutApplied {
	/** Output status: `timed_out_rejected`, `timed_out_dismissed`, `timed_out_accepted`, `timed_out_waiting`. */
	status: string;
	/** This run closed the request under its lock: reported even when its comment was already written. */
	closed: boolean;
	/** The timeout comment, as plain text. */
	text: string;
	/** The `timeout` event, then the events of what the default started (a released quote approval). */
	events: MetricEvent[];
	/** More for the output item. */
	summary?: IDataObject;
}

/** One kind of request: its open requests, oldest first. */
export interface PendingSource {
	open(): Promise<PendingRequest[]>;
}

/** Check Pending's parameters for one item, whatever the system of record. */
export interface PendingSettings {
	policy: PendingPolicy;
	/** On Timeout: a quote approval's default. */
	fallback: Fallback;
	/** Requests: the kinds to look after. */
	kinds: PendingKind[];
	/** On Lead Review Timeout. */
	leadFallback: LeadTimeoutFallback;
	/** On Deal Action Timeout. */
	dealFallback: DealTimeoutFallback;
}

/** Check Pending's Remind After, Time Out After, Requests and defaults for one item. */
export function pendingSettings(ctx: IExecuteFunctions, itemIndex: number): PendingSettings {
	return {
		policy: {
			remindAfterHours: hours(ctx, 'remindAfterHours', 'Remind After', itemIndex),
			timeoutAfterHours: hours(ctx, 'timeoutAfterHours', 'Time Out After', itemIndex),
		},
		fallback: ctx.getNodeParameter('onTimeout', itemIndex, TIMEOUT_FALLBACKS.reject) as Fallback,
		// a version-1 node checked quote approvals only (description.ts)
		kinds: ctx.getNodeParameter(
			'pendingKinds',
			itemIndex,
			ctx.getNode().typeVersion >= 1.1 ? Object.values(PENDING_KINDS) : [PENDING_KINDS.quote],
		) as PendingKind[],
		leadFallback: oneOf(
			ctx,
			'onLeadTimeout',
			'On Lead Review Timeout',
			LEAD_TIMEOUT_FALLBACKS,
			itemIndex,
		),
		dealFallback: oneOf(
			ctx,
			'onDealTimeout',
			'On Deal Action Timeout',
			DEAL_TIMEOUT_FALLBACKS,
			itemIndex,
		),
	};
}

/**
 * Reminds and times out the due requests of `sources` at `now`: the output items of one Check Pending
 * item, with their events noted as made in this execution.
 */
export async function remindAndTimeOut(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	sources: readonly PendingSource[],
	policy: PendingPolicy,
	now: Date,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	for (const source of sources) {
		for (const request of await source.open()) {
			const step = pendingStep(request.point, now, policy);
			if (step === 'wait') continue;
			if (request.stillPending && !(await request.stillPending())) continue;
			const waited = waitedHours(request.point, now);
			const kind = step === 'remind' ? 'reminder' : 'timeout';
			let applied: TimeoutApplied | undefined;
			if (kind === 'timeout') {
				let result: TimeoutApplied | 'lost';
				try {
					result = await request.timeout(policy);
				} catch (error) {
					// Decided or edited by someone meanwhile: nothing to fall back from in this run.
					if (isLockLost(error)) continue;
					throw toNodeError(ctx.getNode(), error, itemIndex);
				}
				if (result === 'lost') continue;
				applied = result;
			}
			const text = applied ? applied.text : request.reminder(waited);
			const comment = await client.addComment(
				request.record.doctype,
				request.record.name,
				`<p>${escapeHtml(text)}</p>`,
				{ dedupeKey: approvalNoticeMarker(kind, request.id) },
			);
			if (!comment.created && !applied?.closed) continue;
			const events = applied
				? applied.events
				: [
						systemDeskEvent(
							request.point,
							'reminded',
							{ ...request.refs, service: request.service },
							now,
						),
					];
			noteMadeEvents(ctx, events);
			out.push({
				json: {
					approval: {
						status: applied ? applied.status : 'reminded',
						...request.summary,
						...(applied?.summary ?? {}),
						assignedTo: request.assignee || null,
						waitedHours: waited,
					},
					[EVENTS_KEY]: events,
				} as unknown as IDataObject,
				pairedItem: { item: itemIndex },
			});
		}
	}
	return out;
}

/** ERPNext quote approvals (ADR 0036): open approval ToDos on a Quotation that is still a draft. */
function quoteApprovalSource(client: ErpNextClient, fallback: Fallback): PendingSource {
	return {
		async open() {
			const todos = await client.listAll('ToDo', {
				fields: ['name', 'status', 'modified', 'allocated_to', 'reference_name', 'description'],
				filters: [
					['reference_type', '=', 'Quotation'],
					['status', '=', 'Open'],
					['description', 'like', '%[ltc-approval %'],
				],
				orderBy: 'creation asc, name asc',
			});
			const requests: PendingRequest[] = [];
			for (const todo of todos) {
				const proposal = readProposal(todo.description);
				const quotation = String(todo.reference_name ?? '');
				if (!proposal || proposal.record !== quotation) continue;
				const name = String(todo.name);
				const assignee = typeof todo.allocated_to === 'string' ? todo.allocated_to : null;
				requests.push({
					id: name,
					point: proposal,
					refs: {
						lead_ref: proposal.lead_ref,
						deal_ref: proposal.deal_ref,
						quote_ref: proposal.quote_ref,
					},
					service: 'erpnext',
					record: { doctype: 'Quotation', name: quotation },
					assignee,
					summary: { quotation, todo: name },
					// Submitted or cancelled: the decision is being read (grace period), not pending.
					stillPending: async () =>
						Number((await client.get('Quotation', quotation)).docstatus ?? 0) === 0,
					reminder: (waited) =>
						`Reminder for ${assignee ?? ''}: this quotation has waited ${waited} h for your review. Submit it to approve and send it; cancel it or declare it lost to reject it.`,
					async timeout(policy) {
						const event = pendingTimeoutEvent(proposal, policy, fallback);
						if (fallback === TIMEOUT_FALLBACKS.keep)
							return {
								status: 'timed_out_waiting',
								closed: false,
								text: `Nobody reviewed this quotation in ${policy.timeoutAfterHours} h: it keeps waiting, nothing was sent.`,
								events: [event],
							};
						// A lost lock (someone decided meanwhile) is the runner's "nothing to fall back from".
						await client.update(
							'ToDo',
							name,
							{ status: 'Cancelled' },
							{ modified: String(todo.modified) },
						);
						return {
							status: 'timed_out_rejected',
							closed: true,
							text: `Nobody reviewed this quotation in ${policy.timeoutAfterHours} h: it was rejected by default and nothing was sent.`,
							events: [event],
						};
					},
				});
			}
			return requests;
		},
	};
}

/**
 * Check Pending with the sources a system of record has for each kind of request: one item at a time,
 * its settings read once, the sources of the kinds its Requests names (a kind the system has no source
 * for is not looked after there), then `remindAndTimeOut`. ERPNext's sources are below, Frappe CRM's
 * in crm/pending.ts.
 */
export async function checkPendingSources(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
	now: Date,
	sourcesFor: (
		settings: PendingSettings,
		itemIndex: number,
	) => Partial<Record<PendingKind, () => PendingSource>>,
): Promise<INodeExecutionData[][]> {
	return await runItems(ctx, items.length, { concurrency: 1 }, async (i) => {
		const settings = pendingSettings(ctx, i);
		const makers = sourcesFor(settings, i);
		const sources = settings.kinds.flatMap((kind) => makers[kind]?.() ?? []);
		return await remindAndTimeOut(ctx, client, sources, settings.policy, now, i);
	});
}

export async function checkPending(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
	now: Date,
): Promise<INodeExecutionData[][]> {
	return await checkPendingSources(ctx, client, items, now, (settings, i) => ({
		[PENDING_KINDS.quote]: () => quoteApprovalSource(client, settings.fallback),
		[PENDING_KINDS.lead]: () => leadReviewSource(ctx, client, settings.leadFallback, i),
		[PENDING_KINDS.deal]: () => dealRiskSource(client, settings.dealFallback, 'erpnext'),
	}));
}
