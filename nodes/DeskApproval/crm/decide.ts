// "Read Decision" on Frappe CRM (docs/decisions/0041), after a Frappe Trigger on CRM Task (On Update, Only
// When Fields Change = status): the task is read again from the server (never trusted from the
// delivery) and its status is the decision. Done → approved: the proposed lines are written as the
// deal's products by the Quote Generator's own writer (nodes/QuoteGenerator/crmDeal/products.ts: the
// deal's `modified` as the lock and the quote's key on the deal, so the products are written once),
// then output Approved, where the workflow e-mails the quote (Outreach keeps its own claim). Canceled →
// rejected: nothing is written or sent, the reviewer's reason (their words in the task's description,
// else their comment on the deal) goes on the deal as a comment and into the human event; output
// Rejected. Open, not an approval task, or already decided → No Decision. Exactly once across
// deliveries and processes: the decision is taken by appending a decided line to the task under its
// `modified` (approvalTasks.ts claimTask); a run that finds the line, or loses the lock, decides nothing.
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { ErpNextClient } from '../../../connectors/erpnext';
import { commentText, crmTaskDecision } from '../../../core/approvals/crmApproval';
import { deskDecisionEvent } from '../../../core/approvals/deskApproval';
import { EVENTS_KEY } from '../../../core/metrics';
import { formatMinorUnits, readableMoney } from '../../../core/money';
import { escapeHtml } from '../../../core/html';
import { readCrmProducts, writeDealProducts } from '../../QuoteGenerator/crmDeal/products';
import { runItems } from '../../shared/itemRunner';
import { noteMadeEvents } from '../../shared/madeEvents';
import { toNodeError } from '../../shared/serviceErrors';
import { isLockLost } from '../decide';
import { DECISION_OUTPUTS } from '../description';
import {
	CRM_DEAL,
	CRM_TASK,
	asApprovalTask,
	claimTask,
	decidedMarker,
	type ApprovalTask,
} from './approvalTasks';

/**
 * The decider's newest comment on the deal since the task was made, as a reason. Read as the deal page
 * reads it (frappe/crm @ 8b7dfdde crm/api/activities.py get_activities: the `comment` activities with
 * their owner, creation and whole content), which needs only read on the deal, not on Comment.
 */
async function commentReason(client: ErpNextClient, task: ApprovalTask): Promise<string | null> {
	if (!task.modified_by) return null;
	const answer = await client.call<unknown>('crm.api.activities.get_activities', {
		name: task.reference_docname,
	});
	const activities = Array.isArray(answer) && Array.isArray(answer[0]) ? answer[0] : [];
	const theirs = (activities as Array<Record<string, unknown>>)
		.filter(
			(a) =>
				a.activity_type === 'comment' &&
				a.owner === task.modified_by &&
				String(a.creation ?? '') >= task.creation,
		)
		.sort((a, b) => (String(a.creation) < String(b.creation) ? 1 : -1));
	for (const comment of theirs) {
		const reason = commentText(comment.content);
		if (reason) return reason;
	}
	return null;
}

/**
 * The CRM Task an item names (parameter CRM Task), read again from the site, and the No Decision answer
 * for it on output `none` (Read Decision and Read Lead Decision alike).
 */
export async function deliveredTask(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	i: number,
	noneOutput: number,
) {
	const name = String(ctx.getNodeParameter('crmTask', i, '') ?? '').trim();
	if (name === '')
		throw new NodeOperationError(ctx.getNode(), 'CRM Task is empty: nothing to read', {
			itemIndex: i,
			description: 'Point it at the CRM Task the trigger delivered, e.g. {{ $json.name }}.',
		});
	const row = (await client.get(CRM_TASK, name)) as Record<string, unknown>;
	const none = (status: string, extra: IDataObject = {}) => ({
		output: noneOutput,
		items: [
			{
				json: {
					approval: { status, task: name, taskStatus: String(row.status ?? ''), ...extra },
				} as IDataObject,
				pairedItem: { item: i },
			},
		],
	});
	return { name, row, none };
}

export async function readCrmDecisions(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runItems(ctx, items.length, { concurrency: 1, outputs: 3 }, async (i) => {
		const { name, row, none } = await deliveredTask(ctx, client, i, DECISION_OUTPUTS.none);
		const task = asApprovalTask(row);
		if (!task) return none('not_requested');
		if (task.decided) return none('already_decided', { deal: task.reference_docname });
		const reason = row.status === 'Canceled' ? await commentReason(client, task) : null;
		const decision = crmTaskDecision(task, task.proposal, reason);
		if (decision.kind === 'pending') return none('pending', { deal: task.reference_docname });
		const { proposal } = task;
		const deal = task.reference_docname;
		const approved = decision.kind === 'approve';
		try {
			// Approved: the products first. They are written once by the deal's own lock and key, so a
			// run that then loses the task's lock has written nothing twice.
			const products = approved
				? await writeDealProducts(
						client,
						deal,
						proposal.key,
						{ ...proposal.quote, confidence: proposal.confidence ?? 0, route: 'review' },
						await readCrmProducts(client, proposal.quote),
						true,
					)
				: undefined;
			const by = decision.decidedBy ?? 'someone';
			try {
				await claimTask(
					client,
					task,
					escapeHtml(
						`Decision taken by the workflow: ${approved ? 'approved' : 'rejected'} by ${by}.`,
					),
				);
			} catch (error) {
				if (isLockLost(error)) return none('already_decided', { deal });
				throw toNodeError(ctx.getNode(), error, i);
			}
			const total = readableMoney(proposal.quote.total, proposal.quote.currency).display;
			const note = approved
				? `AI quote ${total} approved by ${by} (task ${name}); ${products?.written ? 'the lines are now the deal products' : `the products were not written: ${products?.skipped ?? 'the deal already holds them'}`}; the quote e-mail follows.`
				: `AI quote ${total} rejected by ${by} (task ${name}); nothing was sent. Reason: ${decision.kind === 'reject' && decision.reason ? decision.reason : 'none given'}.`;
			await client.addComment(CRM_DEAL, deal, `<p>${escapeHtml(note)}</p>`, {
				dedupeKey: decidedMarker(name),
			});
			const decidedAt = await client.fromFrappeDatetime(task.modified);
			if (!decidedAt)
				throw new NodeOperationError(
					ctx.getNode(),
					`CRM Task ${name} has no readable modified time: ${JSON.stringify(task.modified)}`,
					{ itemIndex: i },
				);
			const event = deskDecisionEvent(decision, proposal, decidedAt, 'frappe_crm');
			noteMadeEvents(ctx, [event]);
			const dealDoc = approved ? await client.get(CRM_DEAL, deal) : undefined;
			const email =
				typeof dealDoc?.email === 'string' && dealDoc.email !== '' ? dealDoc.email : null;
			return {
				output: approved ? DECISION_OUTPUTS.approved : DECISION_OUTPUTS.rejected,
				items: [
					{
						json: {
							deal: { name: deal, email },
							quote: {
								total: readableMoney(proposal.quote.total, proposal.quote.currency),
								total_minor: proposal.quote.total,
								currency: proposal.quote.currency,
								key: proposal.key,
								lines: proposal.quote.lines.length,
							},
							amounts: {
								subtotal: formatMinorUnits(proposal.quote.subtotal, proposal.quote.currency),
								discount_total: formatMinorUnits(
									proposal.quote.discount_total,
									proposal.quote.currency,
								),
								total: formatMinorUnits(proposal.quote.total, proposal.quote.currency),
							},
							approval: {
								status: approved ? 'approved' : 'rejected',
								outcome: decision.outcome,
								override: decision.override,
								decidedBy: decision.decidedBy,
								reason: decision.kind === 'reject' ? decision.reason : null,
								waitedMs: event.duration_ms,
								task: name,
								proposedAt: proposal.proposed_at,
							},
							...(products ? { products: { ...products } } : {}),
							lead: { ref: deal, email },
							[EVENTS_KEY]: [event],
						} as unknown as IDataObject,
						pairedItem: { item: i },
					},
				],
			};
		} catch (error) {
			throw toNodeError(ctx.getNode(), error, i);
		}
	});
}
