// "Request Lead Review" on Frappe CRM (ADR 0047): a CRM Lead the Lead Qualifier sent to its Review output
// becomes a CRM Task on the lead for the reviewer (the lead's owner unless one is set); Frappe CRM assigns
// and notifies by itself (crm_task.py after_insert → assign_to.add; crm/api/todo.py → notify_user). The
// task shows the AI's score, proposed route, the values propose-only mode did not write and the reasons,
// escaped, and carries the proposal in its marker (core/approvals/crmLeadReview.ts); its title names no
// lead text (Frappe CRM renders it unescaped in the notification). The lead's Reviewed Route field is
// created (and placed in the lead page's AI Qualification section) for an override.
// Once: an open review of the lead is reused, a replayed qualification finds its task, and two runs at
// the same moment insert one task (the review's key in the task's unique field, taskKey.ts).
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { ErpNextClient } from '../../../connectors/erpnext';
import {
	crmLeadReviewNote,
	crmLeadReviewTitle,
	type CrmLeadProposal,
} from '../../../core/approvals/crmLeadReview';
import { systemDeskEvent } from '../../../core/approvals/deskApproval';
import { REVIEWED_ROUTE_FIELD } from '../../../core/approvals/leadDecision';
import { leadReviewTaskKey } from '../../../core/markers';
import { EVENTS_KEY, mergeEvents } from '../../../core/metrics';
import { FRAPPE_CRM_LEAD, ensureLeadFields } from '../../LeadQualifier/erpnextWriteBack';
import { runItems } from '../../shared/itemRunner';
import { madeInThisExecution, noteMadeEvents } from '../../shared/madeEvents';
import { leadProposalOf } from '../lead/request';
import { ensureReviewedRouteField } from '../lead/leadTodos';
import { requiredText, text } from '../params';
import { isOpenTask } from './approvalTasks';
import {
	CRM_LEAD,
	leadReviewTasks,
	nextReviewNumber,
	openReview,
	sameQuestion,
	type LeadReviewTask,
} from './leadTasks';
import { insertTaskOnce } from './taskKey';

export async function requestCrmLeadReviews(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
	now: Date,
): Promise<INodeExecutionData[][]> {
	const made = madeInThisExecution(ctx);
	return await runItems(ctx, items.length, { concurrency: 1 }, async (i) => {
		const json = items[i].json;
		const lead = requiredText(
			ctx,
			'crmLead',
			i,
			'Lead is empty: no CRM Lead to review',
			'Point it at the CRM Lead name, e.g. {{ $json.lead.ref }}.',
		);
		const given = leadProposalOf(ctx, json, lead, made, i);
		// Read the lead first: a missing lead fails here, before anything is written.
		const record = await client.get(CRM_LEAD, lead);
		const reviewer = text(ctx.getNodeParameter('crmReviewer', i, '')) || text(record.lead_owner);
		if (reviewer === '')
			throw new NodeOperationError(
				ctx.getNode(),
				`Reviewer is empty and CRM Lead ${lead} has no Lead Owner: nobody to assign the review to`,
				{ itemIndex: i },
			);
		const tasks = await leadReviewTasks(client, lead);
		const ask = (n: number): CrmLeadProposal => ({
			...given.proposal,
			kind: 'crm_lead',
			key: leadReviewTaskKey(lead, n),
		});
		const proposal = ask(nextReviewNumber(tasks));
		// An open review is reused; a replayed qualification finds the review it already asked for.
		let found: LeadReviewTask | undefined =
			openReview(tasks) ?? tasks.find((t) => sameQuestion(t.proposal, proposal));
		let reused = found !== undefined;
		if (!found) {
			await ensureLeadFields(client, FRAPPE_CRM_LEAD);
			await ensureReviewedRouteField(client, FRAPPE_CRM_LEAD);
			// A Reviewed Route left from an earlier review would read as this review's override.
			if (text(record[REVIEWED_ROUTE_FIELD]) !== '')
				await client.update(CRM_LEAD, lead, { [REVIEWED_ROUTE_FIELD]: '' });
			const made = await insertTaskOnce(client, proposal.key, {
				title: crmLeadReviewTitle(proposal),
				description: crmLeadReviewNote(proposal, given.reasons, given.proposeOnlyReason),
				assigned_to: reviewer,
				reference_doctype: CRM_LEAD,
				reference_docname: lead,
				status: 'Todo',
				priority: 'Medium',
			});
			if (made === 'lost') {
				// Another run asked at the same moment: its task is the review.
				reused = true;
				const key = proposal.key;
				found = (await leadReviewTasks(client, lead)).find((t) => t.proposal.key === key);
				if (!found)
					throw new NodeOperationError(
						ctx.getNode(),
						`Another run holds the review key ${key} on a CRM Task that is not a review of CRM Lead ${lead}`,
						{ itemIndex: i },
					);
			} else
				found = {
					name: made.name,
					status: 'Todo',
					modified: '',
					modified_by: null,
					assigned_to: reviewer,
					description: '',
					proposal,
					decided: false,
				};
		}
		const asked = systemDeskEvent(
			given.qualified,
			reused ? 'approval_pending' : 'approval_requested',
			{ lead_ref: lead, service: 'frappe_crm' },
			now,
		);
		noteMadeEvents(ctx, [asked]);
		return {
			json: {
				...json,
				approval: {
					status: isOpenTask(found.status) && !found.decided ? 'pending' : 'already_decided',
					lead,
					proposedRoute: found.proposal.next,
					proposeOnly: found.proposal.fields !== null,
					assignedTo: found.assigned_to,
					task: found.name,
					reused,
				},
				[EVENTS_KEY]: mergeEvents(given.events, [asked]),
			} as IDataObject,
			pairedItem: { item: i },
		};
	});
}
