// "Read Deal Decision" (ADR 0046), after a Frappe Trigger on ToDo (ERPNext) or CRM Task (Frappe CRM),
// Only When Fields Change = status: what the person did with a deal-risk task, read again from the site
// (never from the delivered item alone). Closed (ToDo Closed, CRM Task Done) → accepted, or overridden
// when another next action was chosen (ERPNext: the Opportunity's Reviewed Next Action; Frappe CRM: the
// task's title); dismissed (ToDo Cancelled, CRM Task Canceled) → nothing is done; anything else → No
// Decision (still open, not a deal decision, or already decided). Exactly once across deliveries and
// processes: the decision appends the decided marker to the task under its `modified`
// (crm/approvalTasks.ts claimTask); a run that finds the marker or loses the lock decides nothing. In
// propose-only mode an accepted (or overridden) decision writes the AI field values once, under the
// deal's `modified` (applyOnce.ts); a dismissed one writes nothing. A run that finds the task decided
// with values still owed (the deciding run stopped between its claim and the write) writes them and
// nothing else. The human event is made from the
// record alone (core/approvals/dealDecision.ts).
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { ErpNextClient } from '../../../connectors/erpnext';
import {
	REVIEWED_NEXT_ACTION_FIELD,
	dealDecision,
	dealDecisionEvent,
} from '../../../core/approvals/dealDecision';
import { EVENTS_KEY } from '../../../core/metrics';
import { escapeHtml } from '../../../core/html';
import { runItems } from '../../shared/itemRunner';
import { noteMadeEvents } from '../../shared/madeEvents';
import { toNodeError } from '../../shared/serviceErrors';
import type { SystemOfRecord } from '../../shared/systemOfRecord';
import { applyFieldsOnce, applyOwedValues, owedValuesMarker, valuesStillOwed } from '../applyOnce';
import { claimTask } from '../crm/approvalTasks';
import { isLockLost } from '../decide';
import { DEAL_TASK_TARGETS, asDealTask, type DealTask } from './dealTasks';

/** Outputs of "Read Deal Decision", in order. */
export const DEAL_DECISION_OUTPUTS = { accepted: 0, overridden: 1, dismissed: 2, none: 3 } as const;

/** The AI fields compared to tell whether the deal already holds a proposal (not the write time). */
function compared(fields: Record<string, string | number>): Record<string, string | number> {
	return Object.fromEntries(
		Object.entries(fields).filter(([field]) => field !== 'custom_ai_risk_updated_at'),
	);
}

/**
 * Writes a decided task's owed propose-only values to the deal once, then the applied line on the task
 * (applyOnce.ts); null when the proposal holds none.
 */
async function applyProposal(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: ErpNextClient,
	system: SystemOfRecord,
	task: DealTask,
): Promise<'applied' | 'already_applied' | null> {
	const { fields, deal_ref } = task.proposal;
	if (!fields) return null;
	const target = DEAL_TASK_TARGETS[system];
	return await applyOwedValues(ctx, itemIndex, client, target.task, task.name, () =>
		applyFieldsOnce(ctx, itemIndex, client, target.deal, deal_ref, fields, compared(fields)),
	);
}

export async function readDealDecisions(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
	system: SystemOfRecord,
): Promise<INodeExecutionData[][]> {
	const target = DEAL_TASK_TARGETS[system];
	return await runItems(ctx, items.length, { concurrency: 1, outputs: 4 }, async (i) => {
		const name = String(ctx.getNodeParameter('dealTask', i, '') ?? '').trim();
		if (name === '')
			throw new NodeOperationError(ctx.getNode(), `${target.task} is empty: nothing to read`, {
				itemIndex: i,
				description: `Point it at the ${target.task} name the trigger delivered, e.g. {{ $json.name }}.`,
			});
		const none = (status: string, extra: IDataObject = {}) => ({
			output: DEAL_DECISION_OUTPUTS.none,
			items: [
				{
					json: { approval: { status, task: name, ...extra } } as IDataObject,
					pairedItem: { item: i },
				},
			],
		});
		try {
			const row = (await client.get(target.task, name)) as Record<string, unknown>;
			const task = asDealTask(system, row);
			if (!task) return none('not_a_deal_decision');
			const { proposal } = task;
			if (task.decided) {
				// Claimed by a run that stopped before writing the accepted values: write them now, once;
				// the decision and its event were that run's.
				const applied = valuesStillOwed(task)
					? await applyProposal(ctx, i, client, system, task)
					: null;
				return none('already_decided', {
					deal: proposal.deal_ref,
					taskStatus: task.status,
					...(applied ? { proposal: applied } : {}),
				});
			}
			if (task.closing === 'open')
				return none('pending', { deal: proposal.deal_ref, taskStatus: task.status });
			const deal = await client.get(target.deal, proposal.deal_ref);
			const decision = dealDecision(
				task.closing,
				target.chosen(row, deal),
				proposal,
				task.modified_by,
			);
			if (decision.kind === 'pending') return none('pending', { deal: proposal.deal_ref });
			const decidedAt = await client.fromFrappeDatetime(task.modified);
			if (!decidedAt)
				throw new NodeOperationError(
					ctx.getNode(),
					`${target.task} ${name} has no readable modified time: ${JSON.stringify(task.modified)}`,
					{ itemIndex: i },
				);
			const words =
				decision.kind === 'dismiss'
					? 'dismissed: nothing was done'
					: `${decision.kind === 'accept' ? 'accepted' : 'overridden'}: ${decision.action}`;
			const owesValues = decision.kind !== 'dismiss' && Boolean(proposal.fields);
			try {
				await claimTask(
					client,
					task,
					`${escapeHtml(`Decision taken by the workflow (${words}).`)}${owesValues ? ` ${owedValuesMarker(name)}` : ''}`,
					undefined,
					target.task,
				);
			} catch (error) {
				if (isLockLost(error))
					return none('already_decided', { deal: proposal.deal_ref, taskStatus: task.status });
				throw toNodeError(ctx.getNode(), error, i);
			}
			const applied = owesValues ? await applyProposal(ctx, i, client, system, task) : null;
			// The Reviewed Next Action was this decision's answer; left set, it would answer the next one.
			if (system === 'erpnext' && String(deal[REVIEWED_NEXT_ACTION_FIELD] ?? '') !== '')
				await client.update(target.deal, proposal.deal_ref, { [REVIEWED_NEXT_ACTION_FIELD]: '' });
			const event = dealDecisionEvent(decision, proposal, decidedAt);
			noteMadeEvents(ctx, [event]);
			return {
				output:
					decision.kind === 'accept'
						? DEAL_DECISION_OUTPUTS.accepted
						: decision.kind === 'override'
							? DEAL_DECISION_OUTPUTS.overridden
							: DEAL_DECISION_OUTPUTS.dismissed,
				items: [
					{
						json: {
							deal: {
								name: proposal.deal_ref,
								doctype: target.deal,
								owner: (system === 'frappeCrm' ? deal.deal_owner : deal.opportunity_owner) ?? null,
							},
							approval: {
								status:
									decision.kind === 'accept'
										? 'accepted'
										: decision.kind === 'override'
											? 'overridden'
											: 'dismissed',
								action: decision.kind === 'dismiss' ? null : decision.action,
								proposedAction: proposal.action,
								signal: proposal.signal,
								level: proposal.level,
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
		} catch (error) {
			// A NodeOperationError of this item passes through as it is.
			throw toNodeError(ctx.getNode(), error, i);
		}
	});
}
