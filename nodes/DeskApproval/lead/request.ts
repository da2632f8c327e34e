// "Request Lead Review" (ADR 0039): a lead the Lead Qualifier sent to its Review output becomes an
// assignment on the ERPNext Lead, through frappe.desk.form.assign_to.add (the desk's own "Assign To").
// The ToDo shows the AI's score, grade, route, the route it proposes, the values propose-only mode did
// not write and the reasons, escaped, and carries the proposal in an approval marker
// (core/approvals/leadDecision.ts). The proposal's decision point is the qualification this execution
// made (step `qualify`), so the person's decision, read later by any execution, lands in the same point.
// An open review ToDo on the Lead is reused: a retried item assigns nobody twice.
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { ErpNextClient } from '../../../connectors/erpnext';
import {
	REVIEWED_ROUTE_FIELD,
	leadReviewNote,
	proposedRoute,
	type LeadProposal,
} from '../../../core/approvals/leadDecision';
import { systemDeskEvent } from '../../../core/approvals/deskApproval';
import { EVENTS_KEY, collectEvents, mergeEvents, type MetricEvent } from '../../../core/metrics';
import { ERPNEXT_LEAD, ensureLeadFields } from '../../LeadQualifier/erpnextWriteBack';
import { runItems } from '../../shared/itemRunner';
import { madeInThisExecution, noteMadeEvents } from '../../shared/madeEvents';
import { assignForReview } from '../approvalTodos';
import { requiredText, text } from '../params';
import { ensureReviewedRouteField, leadReviewTodos } from './leadTodos';

/** The Lead Qualifier's reasons as lines: "+25 budget: …", the evidence left out (it is on the Lead). */
function reasonLines(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value
		.map((r) => {
			if (typeof r === 'string') return r;
			if (!r || typeof r !== 'object') return '';
			const { points, factor, detail } = r as Record<string, unknown>;
			const p = Number(points);
			const head = Number.isFinite(p) ? `${p >= 0 ? '+' : ''}${p} ` : '';
			return `${head}${text(factor)}: ${text(detail)}`;
		})
		.filter((r) => r.trim() !== '' && r !== ': ');
}

/** What a Lead Qualifier review item proposes for `lead`, in the qualification this execution made. */
export interface LeadReviewInput {
	proposal: LeadProposal;
	qualified: MetricEvent;
	events: MetricEvent[];
	fields: LeadProposal['fields'];
	proposeOnlyReason: string | null;
	reasons: string[];
}

/**
 * The lead proposal of a Lead Qualifier review item (ERPNext ToDo and Frappe CRM task alike): its
 * decision point is the qualification of `lead` made in this execution (an error names what is missing).
 */
export function leadProposalOf(
	ctx: IExecuteFunctions,
	json: IDataObject,
	lead: string,
	made: (event: MetricEvent) => boolean,
	i: number,
): LeadReviewInput {
	const events = collectEvents(json);
	const qualified = [...events]
		.reverse()
		.find((e) => e.step === 'qualify' && e.lead_ref === lead && made(e));
	if (!qualified)
		throw new NodeOperationError(
			ctx.getNode(),
			`No qualification of Lead ${lead} made in this execution is on the item`,
			{
				itemIndex: i,
				description: "Place this node after the Lead Qualifier's Review output.",
			},
		);
	const score = Number(json.score);
	if (!Number.isInteger(score) || score < 0 || score > 100)
		throw new NodeOperationError(
			ctx.getNode(),
			`Field "score" must be the Lead Qualifier's 0-100 score, got ${JSON.stringify(json.score)}`,
			{ itemIndex: i },
		);
	const given = (json.proposal ?? {}) as IDataObject;
	const fields =
		given.fields && typeof given.fields === 'object'
			? (given.fields as Record<string, string | number>)
			: null;
	const proposal: LeadProposal = {
		v: 1,
		kind: 'lead',
		workflow: qualified.workflow,
		execution_id: qualified.execution_id,
		step: qualified.step,
		lead_ref: lead,
		proposed_at: qualified.occurred_at,
		route: (['qualified', 'review', 'nurture', 'disqualified'] as const).includes(
			json.route as 'review',
		)
			? (json.route as LeadProposal['route'])
			: 'review',
		// The Lead Qualifier's proposal; without one, the item's route (a review lead: qualified).
		next: proposedRoute(text(given.route) || text(json.route), score, { nurture: 0 }),
		score,
		grade: text(json.grade).slice(0, 4),
		confidence: qualified.confidence,
		fields,
	};
	return {
		proposal,
		qualified,
		events,
		fields,
		proposeOnlyReason: typeof given.proposeOnly === 'string' ? given.proposeOnly : null,
		reasons: reasonLines(json.reasons),
	};
}

export async function requestLeadReviews(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
	now: Date,
): Promise<INodeExecutionData[][]> {
	const made = madeInThisExecution(ctx);
	return await runItems(ctx, items.length, { concurrency: 1 }, async (i) => {
		const item = items[i];
		const lead = requiredText(
			ctx,
			'lead',
			i,
			'Lead is empty: no ERPNext Lead to review',
			'Point it at the Lead name, e.g. {{ $json.lead.ref }}.',
		);
		const reviewer = requiredText(
			ctx,
			'reviewer',
			i,
			'Reviewer is empty: nobody to assign the review to',
		);
		const json = item.json;
		const { proposal, qualified, events, fields, proposeOnlyReason, reasons } = leadProposalOf(
			ctx,
			json,
			lead,
			made,
			i,
		);
		const open = (await leadReviewTodos(client, lead)).find((t) => t.status === 'Open');
		let todo = open?.name;
		if (!open) {
			await ensureLeadFields(client, ERPNEXT_LEAD);
			await ensureReviewedRouteField(client);
			// A Reviewed Route left from an earlier review would read as this review's override.
			const record = await client.get('Lead', lead);
			if (text(record[REVIEWED_ROUTE_FIELD]) !== '')
				await client.update('Lead', lead, { [REVIEWED_ROUTE_FIELD]: '' });
			const description = leadReviewNote(proposal, reasons, proposeOnlyReason);
			todo = await assignForReview(client, 'Lead', lead, reviewer, description, 'Medium');
		}
		const assigned = systemDeskEvent(
			qualified,
			open ? 'approval_pending' : 'approval_requested',
			{ lead_ref: lead, service: 'erpnext' },
			now,
		);
		noteMadeEvents(ctx, [assigned]);
		return {
			json: {
				...json,
				approval: {
					status: 'pending',
					lead,
					proposedRoute: (open?.proposal ?? proposal).next,
					proposeOnly: fields !== null,
					assignedTo: open?.allocated_to ?? reviewer,
					todo: todo ?? null,
					reused: Boolean(open),
				},
				[EVENTS_KEY]: mergeEvents(events, [assigned]),
			} as IDataObject,
			pairedItem: { item: i },
		};
	});
}
