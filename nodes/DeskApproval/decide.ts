// "Read Decision": what the person did with a reviewed Quotation, read again from ERPNext (never from
// the delivered item alone, which may be an old version): submitted and not lost → approved (output
// Approved, the workflow sends and starts the follow-up); cancelled or declared lost → rejected (output
// Rejected, nothing is sent, the lost reasons kept on the event); anything else → No Decision (still a
// draft, never asked, or already decided). Exactly once across deliveries and processes: the decision
// closes the approval ToDo under an optimistic lock on its `modified` (approvalTodos.ts), and a run
// that finds it closed or loses the lock decides nothing. The human event is made from the record
// alone (core/approvals/deskApproval.ts), in the hand-off's decision point, with who, why and latency.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ErpNextError, type ErpNextClient } from '../../connectors/erpnext';
import {
	deskDecision,
	deskDecisionEvent,
	type QuotationState,
} from '../../core/approvals/deskApproval';
import { EVENTS_KEY } from '../../core/metrics';
import { runItems } from '../shared/itemRunner';
import { toNodeError } from '../shared/serviceErrors';
import { noteMadeEvents } from '../shared/madeEvents';
import { approvalTodos } from './approvalTodos';
import { DECISION_OUTPUTS } from './description';

export function isLockLost(error: unknown): boolean {
	return (
		error instanceof ErpNextError &&
		error.status === 417 &&
		/TimestampMismatch/.test(`${error.code ?? ''} ${error.message}`)
	);
}

/** The party's e-mail: the Quotation's contact_email, else the Lead's email_id for a Lead quotation. */
async function partyEmail(
	client: ErpNextClient,
	q: Record<string, unknown>,
): Promise<string | null> {
	if (typeof q.contact_email === 'string' && q.contact_email.trim() !== '') return q.contact_email;
	if (q.quotation_to !== 'Lead' || typeof q.party_name !== 'string' || q.party_name === '')
		return null;
	const lead = await client.get('Lead', q.party_name);
	return typeof lead.email_id === 'string' && lead.email_id !== '' ? lead.email_id : null;
}

export async function readDecisions(
	ctx: IExecuteFunctions,
	client: ErpNextClient,
	items: readonly INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runItems(ctx, items.length, { concurrency: 1, outputs: 3 }, async (i) => {
		const name = String(ctx.getNodeParameter('decisionQuotation', i, '') ?? '').trim();
		if (name === '')
			throw new NodeOperationError(ctx.getNode(), 'Quotation is empty: nothing to read', {
				itemIndex: i,
			});
		const q = (await client.get('Quotation', name)) as Record<string, unknown>;
		const quotation = {
			name,
			docstatus: Number(q.docstatus ?? 0),
			status: typeof q.status === 'string' ? q.status : null,
			modified: String(q.modified ?? ''),
			modified_by: typeof q.modified_by === 'string' ? q.modified_by : null,
			grand_total: (q.grand_total as number | string | null | undefined) ?? null,
			currency: typeof q.currency === 'string' ? q.currency : null,
			order_lost_reason: typeof q.order_lost_reason === 'string' ? q.order_lost_reason : null,
			lost_reasons: Array.isArray(q.lost_reasons)
				? (q.lost_reasons as Array<{ lost_reason?: string | null }>)
				: null,
		} satisfies QuotationState;
		const summary = {
			name,
			status: quotation.status,
			docstatus: quotation.docstatus,
			grand_total: quotation.grand_total,
			currency: quotation.currency,
		};
		const none = (status: string, extra: IDataObject = {}) => ({
			output: DECISION_OUTPUTS.none,
			items: [
				{
					json: { quotation: summary, approval: { status, ...extra } } as IDataObject,
					pairedItem: { item: i },
				},
			],
		});
		const todo = (await approvalTodos(client, name))[0];
		if (!todo) return none('not_requested');
		if (todo.status !== 'Open')
			return none('already_decided', { todo: todo.name, todoStatus: todo.status });
		const decision = deskDecision(quotation, todo.proposal);
		if (decision.kind === 'pending') return none('pending', { todo: todo.name });
		try {
			await client.update(
				'ToDo',
				todo.name,
				{ status: decision.kind === 'approve' ? 'Closed' : 'Cancelled' },
				{ modified: todo.modified },
			);
		} catch (error) {
			if (isLockLost(error)) return none('already_decided', { todo: todo.name });
			throw toNodeError(ctx.getNode(), error, i);
		}
		const decidedAt = await client.fromFrappeDatetime(quotation.modified);
		if (!decidedAt)
			throw new NodeOperationError(
				ctx.getNode(),
				`Quotation ${name} has no readable modified time: ${JSON.stringify(quotation.modified)}`,
				{ itemIndex: i },
			);
		const event = deskDecisionEvent(decision, todo.proposal, decidedAt);
		noteMadeEvents(ctx, [event]);
		const approved = decision.kind === 'approve';
		return {
			output: approved ? DECISION_OUTPUTS.approved : DECISION_OUTPUTS.rejected,
			items: [
				{
					json: {
						quotation: summary,
						approval: {
							status: approved ? 'approved' : 'rejected',
							outcome: decision.outcome,
							override: decision.override,
							decidedBy: decision.decidedBy,
							reason: decision.kind === 'reject' ? decision.reason : null,
							waitedMs: event.duration_ms,
							todo: todo.name,
							proposedAt: todo.proposal.proposed_at,
						},
						lead: {
							ref: todo.proposal.lead_ref,
							email: approved ? await partyEmail(client, q) : null,
						},
						[EVENTS_KEY]: [event],
					} as unknown as IDataObject,
					pairedItem: { item: i },
				},
			],
		};
	});
}
