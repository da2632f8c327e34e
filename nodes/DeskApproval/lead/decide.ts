// "Read Lead Decision" (ADR 0039), after an ERPNext Trigger on ToDo (On Change, only when status
// changes): what the person did with a lead review ToDo, read again from ERPNext (never from the
// delivered item alone). Closed → accepted (the AI's route) or overridden (the Lead's Reviewed Route);
// Cancelled (assignment removed) → dismissed; anything else → No Decision (still open, not a lead
// review, or already decided). Exactly once across deliveries and processes: the decision appends a
// done marker to the ToDo under its `modified` (leadTodos.ts); a run that finds the marker or loses the
// lock decides nothing. In propose-only mode an accepted (or overridden) review applies the AI field
// values once, under the Lead's `modified`, and not at all when they are already there; a run that finds
// the ToDo decided with values still owed (the deciding run stopped between its claim and the write)
// writes them, and nothing else (applyOnce.ts). The human event is made from the record alone
// (core/approvals/leadDecision.ts).
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { ErpNextClient } from '../../../connectors/erpnext';
import {
	REVIEWED_ROUTE_FIELD,
	leadDecision,
	leadDecisionEvent,
	type LeadProposal,
	type ReviewedRoute,
} from '../../../core/approvals/leadDecision';
import { approvalNoticeMarker } from '../../../core/markers';
import { EVENTS_KEY } from '../../../core/metrics';
import { escapeHtml } from '../../../core/html';
import {
	ERPNEXT_LEAD,
	ensureLeadFields,
	type LeadTarget,
} from '../../LeadQualifier/erpnextWriteBack';
import { runItems } from '../../shared/itemRunner';
import { noteMadeEvents } from '../../shared/madeEvents';
import { toNodeError } from '../../shared/serviceErrors';
import { applyFieldsOnce, applyOwedValues, owedValuesMarker, valuesStillOwed } from '../applyOnce';
import { isLockLost } from '../decide';
import { releaseHeldQuote, type ReleasedQuote } from './heldQuote';
import { asLeadReview, type LeadReviewTodo } from './leadTodos';

/** Outputs of "Read Lead Decision", in order. */
export const LEAD_DECISION_OUTPUTS = {
	qualified: 0,
	nurture: 1,
	disqualified: 2,
	dismissed: 3,
	none: 4,
} as const;

/**
 * Writes the proposed AI fields once (applyOnce.ts); the scoring time is not compared: Frappe answers
 * datetimes in its own layout.
 */
export async function applyProposal(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	proposal: Pick<LeadProposal, 'fields' | 'lead_ref'>,
	itemIndex: number,
	target: LeadTarget = ERPNEXT_LEAD,
): Promise<'applied' | 'already_applied'> {
	const fields = proposal.fields ?? {};
	const compared = Object.fromEntries(
		Object.entries(fields).filter(([field]) => field !== 'custom_ai_scored_at'),
	);
	try {
		await ensureLeadFields(client, target);
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, itemIndex);
	}
	return await applyFieldsOnce(
		ctx,
		itemIndex,
		client,
		target.doctype,
		proposal.lead_ref,
		fields,
		compared,
	);
}

/** Writes a decided review's owed propose-only values, then the applied line on its ToDo (applyOnce.ts). */
async function applyOwedProposal(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	todo: LeadReviewTodo,
	itemIndex: number,
): Promise<'applied' | 'already_applied'> {
	return await applyOwedValues(ctx, itemIndex, client, 'ToDo', todo.name, () =>
		applyProposal(ctx, client, todo.proposal, itemIndex),
	);
}

/** A released quote as Read Lead Decision and Check Pending show it (null when none was held). */
export function quoteApprovalSummary(quote: ReleasedQuote | undefined): IDataObject | null {
	if (!quote) return null;
	return {
		quotation: quote.quotation,
		status: quote.status,
		todo: quote.todo,
		assignedTo: quote.assignedTo,
	};
}

/**
 * Takes a lead review's decision once, for a person (Read Lead Decision) or by default (Check
 * Pending): claims the ToDo (the done line under its `modified`, with `status` when the workflow
 * closes it itself); then, for route qualified, assigns the quote held on it for approval, asked at
 * `decidedAt`; then writes the propose-only values. The claim goes first, so a run that loses it (a
 * person or another run decided meanwhile) assigns and writes nothing. 'lost' in that case.
 */
export async function takeLeadDecision(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	todo: LeadReviewTodo,
	taken: { route: ReviewedRoute | null; words: string; status?: 'Closed' | 'Cancelled' },
	decidedAt: Date,
	itemIndex: number,
): Promise<
	{ applied: 'applied' | 'already_applied' | null; quote: ReleasedQuote | undefined } | 'lost'
> {
	const owesValues = taken.route !== null && Boolean(todo.proposal.fields);
	try {
		await client.update(
			'ToDo',
			todo.name,
			{
				...(taken.status ? { status: taken.status } : {}),
				description: `${todo.description}\n<p>Decision taken by the workflow (${escapeHtml(taken.words)}) ${approvalNoticeMarker('decided', todo.name)}${owesValues ? ` ${owedValuesMarker(todo.name)}` : ''}</p>`,
			},
			{ modified: todo.modified },
		);
	} catch (error) {
		if (isLockLost(error)) return 'lost';
		throw toNodeError(ctx.getNode(), error, itemIndex);
	}
	let quote: ReleasedQuote | undefined;
	if (taken.route === 'qualified') quote = await releaseHeldQuote(client, todo, decidedAt);
	const applied = owesValues ? await applyOwedProposal(ctx, client, todo, itemIndex) : null;
	return { applied, quote };
}

export async function readLeadDecisions(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runItems(ctx, items.length, { concurrency: 1, outputs: 5 }, async (i) => {
		const name = String(ctx.getNodeParameter('todo', i, '') ?? '').trim();
		if (name === '')
			throw new NodeOperationError(ctx.getNode(), 'ToDo is empty: nothing to read', {
				itemIndex: i,
				description: 'Point it at the ToDo name the trigger delivered, e.g. {{ $json.name }}.',
			});
		const none = (status: string, extra: IDataObject = {}) => ({
			output: LEAD_DECISION_OUTPUTS.none,
			items: [
				{
					json: { approval: { status, todo: name, ...extra } } as IDataObject,
					pairedItem: { item: i },
				},
			],
		});
		const row = (await client.get('ToDo', name)) as Record<string, unknown>;
		const todo = asLeadReview(row);
		if (!todo) return none('not_a_lead_review');
		if (todo.done) {
			// Claimed by a run that stopped before writing the accepted values: write them now, once; the
			// decision and its event were that run's.
			const applied = valuesStillOwed(todo) ? await applyOwedProposal(ctx, client, todo, i) : null;
			return none('already_decided', {
				todoStatus: todo.status,
				...(applied ? { proposal: applied } : {}),
			});
		}
		const lead = await client.get('Lead', todo.proposal.lead_ref);
		const decision = leadDecision(todo, lead[REVIEWED_ROUTE_FIELD], todo.proposal);
		if (decision.kind === 'pending') return none('pending', { todoStatus: todo.status });
		const decidedAt = await client.fromFrappeDatetime(todo.modified);
		if (!decidedAt)
			throw new NodeOperationError(
				ctx.getNode(),
				`ToDo ${name} has no readable modified time: ${JSON.stringify(todo.modified)}`,
				{ itemIndex: i },
			);
		const words =
			decision.kind === 'dismiss'
				? 'dismissed: nothing was done'
				: `${decision.kind === 'accept' ? 'accepted' : 'overridden'}: route ${decision.route}`;
		const taken = await takeLeadDecision(
			ctx,
			client,
			todo,
			{ route: decision.kind === 'dismiss' ? null : decision.route, words },
			decidedAt,
			i,
		);
		if (taken === 'lost') return none('already_decided', { todoStatus: todo.status });
		const { applied, quote } = taken;
		const event = leadDecisionEvent(decision, todo.proposal, decidedAt);
		noteMadeEvents(ctx, [event, ...(quote?.events ?? [])]);
		const output =
			decision.kind === 'dismiss'
				? LEAD_DECISION_OUTPUTS.dismissed
				: LEAD_DECISION_OUTPUTS[decision.route];
		return {
			output,
			items: [
				{
					json: {
						lead: {
							ref: todo.proposal.lead_ref,
							email:
								typeof lead.email_id === 'string' && lead.email_id !== '' ? lead.email_id : null,
							company: typeof lead.company_name === 'string' ? lead.company_name : null,
						},
						approval: {
							status: decision.kind === 'dismiss' ? 'dismissed' : 'accepted',
							route: decision.kind === 'dismiss' ? null : decision.route,
							proposedRoute: todo.proposal.next,
							override: decision.override,
							decidedBy: decision.decidedBy,
							waitedMs: event.duration_ms,
							todo: name,
							proposedAt: todo.proposal.proposed_at,
							proposal: applied ?? (todo.proposal.fields ? 'not_applied' : null),
							quoteApproval: quoteApprovalSummary(quote),
						},
						[EVENTS_KEY]: [event, ...(quote?.events ?? [])],
					} as unknown as IDataObject,
					pairedItem: { item: i },
				},
			],
		};
	});
}
