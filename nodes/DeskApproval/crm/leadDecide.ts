// "Read Lead Decision" on Frappe CRM (ADR 0047), after a Frappe Trigger on CRM Task (On Update, Only When
// Fields Change = status): the task is read again from the site, and so is its lead. Done → accepted
// (the AI's route) or overridden (the lead's Reviewed Route); Canceled → dismissed; open, a quote task
// (its proposal is of another kind), or already decided → No Decision. Exactly once across deliveries
// and processes: the decided line under the task's `modified` (approvalTasks.ts claimTask); a run that
// finds the line or loses the lock decides nothing. In propose-only mode an accepted (or overridden)
// review writes the AI values on the CRM Lead once, under the lead's `modified`, as ERPNext's does; its
// claim says the values are owed and an applied line follows the write (applyOnce.ts), so a run that
// finds the task decided with values still owed (the deciding run stopped between its claim and the
// write) writes them, and nothing else (ADR 0048).
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { ErpNextClient } from '../../../connectors/erpnext';
import { crmLeadDecision, crmLeadDecisionEvent } from '../../../core/approvals/crmLeadReview';
import { REVIEWED_ROUTE_FIELD, type ReviewedRoute } from '../../../core/approvals/leadDecision';
import { EVENTS_KEY } from '../../../core/metrics';
import { escapeHtml } from '../../../core/html';
import { FRAPPE_CRM_LEAD } from '../../LeadQualifier/erpnextWriteBack';
import { runItems } from '../../shared/itemRunner';
import { noteMadeEvents } from '../../shared/madeEvents';
import { toNodeError } from '../../shared/serviceErrors';
import { applyOwedValues, owedValuesMarker, valuesStillOwed } from '../applyOnce';
import { isLockLost } from '../decide';
import { LEAD_DECISION_OUTPUTS, applyProposal } from '../lead/decide';
import { CRM_TASK, claimTask } from './approvalTasks';
import { deliveredTask } from './decide';
import { CRM_LEAD, asLeadReviewTask, type LeadReviewTask } from './leadTasks';

/**
 * Takes a lead review task's decision once, for a person (Read Lead Decision) or by default (Check
 * Pending, crm/leadPending.ts): the decided line (`line`, plain text) and, when the workflow closes the
 * task itself, its `status`, under the task's `modified` as read; then, for a route, the propose-only
 * values on the CRM Lead once. The claim goes first, so a run that loses it (a person or another run
 * decided meanwhile) writes nothing: 'lost'.
 */
export async function takeCrmLeadDecision(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	task: LeadReviewTask,
	taken: { route: ReviewedRoute | null; line: string; status?: string },
	itemIndex: number,
): Promise<{ applied: 'applied' | 'already_applied' | null } | 'lost'> {
	const owesValues = taken.route !== null && Boolean(task.proposal.fields);
	try {
		await claimTask(
			client,
			task,
			`${escapeHtml(taken.line)}${owesValues ? ` ${owedValuesMarker(task.name)}` : ''}`,
			taken.status,
		);
	} catch (error) {
		if (isLockLost(error)) return 'lost';
		throw toNodeError(ctx.getNode(), error, itemIndex);
	}
	const applied = owesValues ? await applyOwedProposal(ctx, client, task, itemIndex) : null;
	return { applied };
}

/** Writes a decided review's owed propose-only values, then the applied line on its task (applyOnce.ts). */
async function applyOwedProposal(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	task: LeadReviewTask,
	itemIndex: number,
): Promise<'applied' | 'already_applied'> {
	return await applyOwedValues(ctx, itemIndex, client, CRM_TASK, task.name, () =>
		applyProposal(ctx, client, task.proposal, itemIndex, FRAPPE_CRM_LEAD),
	);
}

export async function readCrmLeadDecisions(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runItems(ctx, items.length, { concurrency: 1, outputs: 5 }, async (i) => {
		const { name, row, none } = await deliveredTask(ctx, client, i, LEAD_DECISION_OUTPUTS.none);
		const task = asLeadReviewTask(row);
		if (!task) return none('not_a_lead_review');
		const { proposal } = task;
		if (task.decided) {
			// Claimed by a run that stopped before writing the accepted values: write them now, once; the
			// decision and its event were that run's.
			const applied = valuesStillOwed(task) ? await applyOwedProposal(ctx, client, task, i) : null;
			return none('already_decided', {
				lead: proposal.lead_ref,
				...(applied ? { proposal: applied } : {}),
			});
		}
		const lead = await client.get(CRM_LEAD, proposal.lead_ref);
		const decision = crmLeadDecision(task, lead[REVIEWED_ROUTE_FIELD], proposal);
		if (decision.kind === 'pending') return none('pending', { lead: proposal.lead_ref });
		const decidedAt = await client.fromFrappeDatetime(task.modified);
		if (!decidedAt)
			throw new NodeOperationError(
				ctx.getNode(),
				`CRM Task ${name} has no readable modified time: ${JSON.stringify(task.modified)}`,
				{ itemIndex: i },
			);
		const words =
			decision.kind === 'dismiss'
				? 'dismissed: nothing was done'
				: `${decision.kind === 'accept' ? 'accepted' : 'overridden'}: route ${decision.route}`;
		const taken = await takeCrmLeadDecision(
			ctx,
			client,
			task,
			{
				route: decision.kind === 'dismiss' ? null : decision.route,
				line: `Decision taken by the workflow (${words}) by ${decision.decidedBy ?? 'someone'}.`,
			},
			i,
		);
		if (taken === 'lost') return none('already_decided', { lead: proposal.lead_ref });
		const { applied } = taken;
		const event = crmLeadDecisionEvent(decision, proposal, decidedAt);
		noteMadeEvents(ctx, [event]);
		return {
			output:
				decision.kind === 'dismiss'
					? LEAD_DECISION_OUTPUTS.dismissed
					: LEAD_DECISION_OUTPUTS[decision.route],
			items: [
				{
					json: {
						lead: {
							ref: proposal.lead_ref,
							email: typeof lead.email === 'string' && lead.email !== '' ? lead.email : null,
							company: typeof lead.organization === 'string' ? lead.organization : null,
						},
						approval: {
							status: decision.kind === 'dismiss' ? 'dismissed' : 'accepted',
							route: decision.kind === 'dismiss' ? null : decision.route,
							proposedRoute: proposal.next,
							override: decision.override,
							decidedBy: decision.decidedBy,
							waitedMs: event.duration_ms,
							task: name,
							proposedAt: proposal.proposed_at,
							proposal: applied ?? (proposal.fields ? 'not_applied' : null),
						},
						[EVENTS_KEY]: [event],
					} as unknown as IDataObject,
					pairedItem: { item: i },
				},
			],
		};
	});
}
