// "Request Approval" on Frappe CRM (docs/decisions/0041): a quote the Quote Generator routed to review for
// a CRM Deal (its products were not written, its lines are a comment in the deal's activity) becomes a
// CRM Task on the deal, assigned to the approver (the deal owner unless one is set). Frappe CRM assigns
// the task to `assigned_to` on insert and notifies the user (crm_task.py after_insert → assign_to.add;
// crm/api/todo.py after_insert → notify_user). The task's description shows the AI's reasons,
// confidence and proposed lines escaped, and carries the proposal (the quote lines and amounts, the
// quote's key on the deal and the hand-off's decision point) in an approval marker. A task carrying the
// same quote key is reused: a retried item or a replayed quote asks nobody twice, and two runs at the
// same moment insert one task (the key in a unique CRM Task field, crm/taskKey.ts, ADR 0047).
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { ErpNextClient } from '../../../connectors/erpnext';
import {
	CrmProposalLineSchema,
	crmApprovalNote,
	crmApprovalTitle,
	type CrmProposal,
	type CrmProposalLine,
} from '../../../core/approvals/crmApproval';
import { shownReasons, systemDeskEvent } from '../../../core/approvals/deskApproval';
import { EVENTS_KEY, collectEvents, mergeEvents } from '../../../core/metrics';
import { lastHandoff } from '../../AutonomyMetrics/recordHumanDecision';
import { runItems } from '../../shared/itemRunner';
import { madeInThisExecution, noteMadeEvents } from '../../shared/madeEvents';
import { confidenceOf, reasonList, requiredText, text } from '../params';
import { CRM_DEAL, approvalTasks, isOpenTask } from './approvalTasks';
import { insertTaskOnce } from './taskKey';

/** The quote on the Quote Generator's output item, or an error naming the field that is wrong. */
function quoteOf(
	ctx: IExecuteFunctions,
	json: IDataObject,
	itemIndex: number,
): CrmProposal['quote'] {
	const fail = (field: string, value: unknown): never => {
		throw new NodeOperationError(
			ctx.getNode(),
			`The item has no usable quote: ${field} is ${JSON.stringify(value ?? null)?.slice(0, 80)}`,
			{
				itemIndex,
				description:
					"Place this node on the Quote Generator's Review output (System of Record: Frappe CRM).",
			},
		);
	};
	if (!Array.isArray(json.lines) || json.lines.length === 0) return fail('lines', json.lines);
	const lines: CrmProposalLine[] = (json.lines as IDataObject[]).map((raw, n) => {
		const parsed = CrmProposalLineSchema.safeParse({
			sku: raw.sku,
			name: raw.name,
			qty: raw.qty,
			uom: raw.uom,
			unit_price: raw.unit_price_minor,
			discount_pct: raw.discount_pct,
			amount: raw.amount_minor,
			currency: raw.currency,
			...(raw.certain === undefined ? {} : { certain: raw.certain }),
		});
		if (!parsed.success) {
			const field = String(parsed.error.issues[0]?.path[0] ?? 'line');
			const source = { unit_price: 'unit_price_minor', amount: 'amount_minor' }[field] ?? field;
			return fail(`lines[${n}].${source}`, raw[source]);
		}
		return parsed.data;
	});
	const minor = (field: string): number => {
		const value = json[field];
		return Number.isSafeInteger(value) ? (value as number) : fail(field, value);
	};
	const currency = text(json.currency);
	if (!/^[A-Z]{3}$/.test(currency)) return fail('currency', json.currency);
	return {
		lines,
		subtotal: minor('subtotal_minor'),
		discount_total: minor('discount_total_minor'),
		total: minor('total_minor'),
		currency,
	};
}

export async function requestCrmApprovals(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
	now: Date,
): Promise<INodeExecutionData[][]> {
	const made = madeInThisExecution(ctx);
	return await runItems(ctx, items.length, { concurrency: 1 }, async (i) => {
		const item = items[i];
		const deal = requiredText(
			ctx,
			'crmDeal',
			i,
			'Deal is empty: no CRM Deal to review',
			'Point it at the deal, e.g. {{ $json.frappe_crm.deal }}.',
		);
		const frappe = (item.json.frappe_crm ?? {}) as IDataObject;
		const key = text(frappe.idempotency_key);
		if (key === '')
			throw new NodeOperationError(
				ctx.getNode(),
				`The item has no quote key: frappe_crm.idempotency_key is ${JSON.stringify(frappe.idempotency_key ?? null)}`,
				{
					itemIndex: i,
					description:
						"Place this node on the Quote Generator's Review output (System of Record: Frappe CRM, Write Deal Products on).",
				},
			);
		const quote = quoteOf(ctx, item.json, i);
		const events = collectEvents(item.json);
		const handoff = lastHandoff(events, '', made);
		if (!handoff)
			throw new NodeOperationError(
				ctx.getNode(),
				'No hand-off event (decision "review" or "handoff") made in this execution is on the item',
				{
					itemIndex: i,
					description: "Place this node after the Quote Generator's Review output.",
				},
			);
		// Read the deal first: a missing deal fails here, before anything is written.
		const dealDoc = await client.get(CRM_DEAL, deal);
		const approver = text(ctx.getNodeParameter('crmApprover', i, '')) || text(dealDoc.deal_owner);
		if (approver === '')
			throw new NodeOperationError(
				ctx.getNode(),
				`Approver is empty and deal ${deal} has no Deal Owner: nobody to assign the review to`,
				{ itemIndex: i },
			);
		const proposal: CrmProposal = {
			v: 1,
			kind: 'crm_deal_quote',
			workflow: handoff.workflow,
			execution_id: handoff.execution_id,
			step: handoff.step,
			lead_ref: handoff.lead_ref,
			deal_ref: handoff.deal_ref ?? deal,
			quote_ref: handoff.quote_ref,
			record: deal,
			proposed_at: handoff.occurred_at,
			amount: quote.total,
			currency: quote.currency,
			confidence:
				confidenceOf(ctx, ctx.getNodeParameter('confidence', i, ''), i) ?? handoff.confidence,
			key,
			quote,
			reasons: shownReasons(reasonList(ctx.getNodeParameter('reasons', i, ''))),
		};
		const byKey = async () =>
			(await approvalTasks(client, deal)).find((t) => t.proposal.key === key);
		let existing = await byKey();
		let task = existing?.name;
		if (!existing) {
			// Once across processes: the quote's key in the task's unique field (ADR 0047).
			const made = await insertTaskOnce(client, key, {
				title: crmApprovalTitle(proposal),
				description: crmApprovalNote(proposal),
				assigned_to: approver,
				reference_doctype: CRM_DEAL,
				reference_docname: deal,
				status: 'Todo',
				priority: 'High',
			});
			if (made === 'lost') {
				existing = await byKey();
				if (!existing)
					throw new NodeOperationError(
						ctx.getNode(),
						`Another run holds the approval key ${key} on a CRM Task that is not an approval of deal ${deal}`,
						{ itemIndex: i },
					);
				task = existing.name;
			} else task = made.name;
		}
		const open = existing ? isOpenTask(existing.status) : true;
		const asked = systemDeskEvent(
			handoff,
			existing ? 'approval_pending' : 'approval_requested',
			{
				lead_ref: handoff.lead_ref,
				deal_ref: proposal.deal_ref,
				quote_ref: handoff.quote_ref,
				service: 'frappe_crm',
			},
			now,
		);
		noteMadeEvents(ctx, [asked]);
		return {
			json: {
				...item.json,
				approval: {
					status: open ? 'pending' : 'already_decided',
					deal,
					task: task ?? null,
					assignedTo: existing?.assigned_to ?? approver,
					reused: Boolean(existing),
				},
				[EVENTS_KEY]: mergeEvents(events, [asked]),
			} as IDataObject,
			pairedItem: { item: i },
		};
	});
}
