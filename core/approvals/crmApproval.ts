// Approval in Frappe CRM (issue 19, ADR 0041): a quote routed to review for a CRM Deal becomes a CRM Task
// on the deal, assigned to its approver (the deal owner by default). Frappe CRM shows a deal's tasks in
// its Tasks tab and lets the assignee change a task's status from the list or the task modal
// (frappe/crm @ 8b7dfdde frontend/src/components/Activities/TaskArea.vue; crm_task.json status
// Backlog / Todo / In Progress / Done / Canceled). Done approves the quote, Canceled rejects it. This
// module decides what the task says and what its later state means, without I/O or clock:
// - `crmApprovalNote` / `crmApprovalTitle`: the task's description (the AI's reasons, confidence and the
//   proposed lines as escaped HTML: the description is a Text Editor field the task modal renders) and
//   the proposal itself in an approval marker (core/markers.ts), so any n8n process can read it back.
// - `readCrmProposal`: the proposal back from a task description (validated).
// - `crmTaskDecision`: the task's status as a decision; a rejection's reason is what the reviewer wrote
//   in the task's description (`reviewerText`) or else their comment on the deal.
// The human event is core/approvals/deskApproval.ts `deskDecisionEvent`, with service `frappe_crm`.
import { z } from 'zod/v4';

import { approvalMarker } from '../markers';
import { CurrencySchema, MinorUnitsSchema, readableMoney } from '../money';
import { escapeHtml } from '../html';
import { QuoteLineSchema, UNCERTAIN_LINE_LABEL } from '../quote/quote';
import { ProposalSchema, clip, readMarkedProposal, type DeskDecision } from './deskApproval';

/** The lines as the deal's products writer needs them (no evidence: the deal's review comment has it). */
export const CrmProposalLineSchema = QuoteLineSchema.pick({
	sku: true,
	name: true,
	qty: true,
	uom: true,
	unit_price: true,
	discount_pct: true,
	amount: true,
	currency: true,
})
	// a line quoted with low certainty (ADR 0049) is marked for the person; absent on older proposals
	.extend({ certain: z.boolean().optional() })
	.strict();
export type CrmProposalLine = z.infer<typeof CrmProposalLineSchema>;

export const CrmProposalSchema = ProposalSchema.extend({
	kind: z.literal('crm_deal_quote'),
	/** The quote's key on the deal (`custom_ai_quote_key`, Quote Generator's dealQuoteKey). */
	key: z.string().min(1).max(140),
	quote: z
		.object({
			lines: z.array(CrmProposalLineSchema).min(1).max(200),
			subtotal: MinorUnitsSchema,
			discount_total: MinorUnitsSchema,
			total: MinorUnitsSchema,
			currency: CurrencySchema,
		})
		.strict(),
	/** The reasons shown on the task, as shown (so the note can be rebuilt to tell the reviewer's words apart). */
	reasons: z.array(z.string().max(300)).max(20),
}).strict();
export type CrmProposal = z.infer<typeof CrmProposalSchema>;

/** Frappe CRM's open task statuses (crm_task.json); Done and Canceled close a task. */
export const CRM_TASK_OPEN = ['Backlog', 'Todo', 'In Progress'] as const;
export const CRM_TASK_APPROVE = 'Done';
export const CRM_TASK_REJECT = 'Canceled';

const MAX_REVIEWER_TEXT = 500;
/** CRM Task `title` is a Data field (140 characters). */
const TITLE_LENGTH = 140;

function money(minor: number, currency: string): string {
	return readableMoney(minor, currency).display;
}

/** "Approve AI quote for CRM-DEAL-2026-00001 (€1,250.00)", within the title's 140 characters. */
export function crmApprovalTitle(proposal: CrmProposal): string {
	const checked = CrmProposalSchema.parse(proposal);
	const total = money(checked.quote.total, checked.quote.currency);
	return clip(`Approve AI quote for ${checked.record} (${total})`, TITLE_LENGTH);
}

/** The task description: escaped for the person, the marker for the workflow. */
export function crmApprovalNote(proposal: CrmProposal): string {
	const checked = CrmProposalSchema.parse(proposal);
	const { quote } = checked;
	const confidence =
		checked.confidence === null ? 'not given' : `${Math.round(checked.confidence * 100)} %`;
	const lines = quote.lines.map((l) => {
		const discount = l.discount_pct > 0 ? `, ${l.discount_pct} % off` : '';
		const flag = l.certain === false ? UNCERTAIN_LINE_LABEL : '';
		return `<li>${escapeHtml(`${flag}${l.qty} ${l.uom} × ${l.name} (${l.sku}) at ${money(l.unit_price, l.currency)}${discount} = ${money(l.amount, l.currency)}`)}</li>`;
	});
	return [
		`<p><strong>Review the AI quote for deal ${escapeHtml(checked.record)}</strong>: set this task to Done to approve it (the lines become the deal's products and the quote is e-mailed); set it to Canceled to reject it (nothing is sent). Write your reason for a rejection below in this description, or as a comment on the deal.</p>`,
		`<p>AI confidence: ${confidence}</p>`,
		`<p>Proposed lines:</p><ul>${lines.join('')}</ul>`,
		`<p>Total: ${escapeHtml(money(quote.total, quote.currency))}${quote.discount_total > 0 ? escapeHtml(` (${money(quote.discount_total, quote.currency)} discount)`) : ''}</p>`,
		checked.reasons.length === 0
			? '<p>Reasons for review: the quote was routed to review.</p>'
			: `<p>Reasons for review:</p><ul>${checked.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`,
		`<p>${approvalMarker(JSON.stringify(checked))}</p>`,
	].join('\n');
}

/** The proposal in a CRM Task description, or undefined when it carries no valid CRM approval marker. */
export function readCrmProposal(description: unknown): CrmProposal | undefined {
	return readMarkedProposal(description, CrmProposalSchema);
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	'#39': "'",
	'#x27': "'",
	nbsp: ' ',
};

/** The text lines of an HTML fragment as a person reads them: one per paragraph, list item or break. */
export function htmlLines(html: string): string[] {
	return html
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|li|div|h[1-6]|ul|ol|blockquote)>/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, e: string) => ENTITIES[e])
		.split('\n')
		.map((l) => l.replace(/\s+/g, ' ').trim())
		.filter((l) => l !== '');
}

/**
 * What the reviewer wrote in the task's description: its lines that are not the note's own (the note is
 * rebuilt from the proposal, so whatever the editor did to its markup, its text lines are known), with
 * a leading "Reason:" dropped. Null when they added nothing.
 */
export function reviewerText(description: unknown, proposal: CrmProposal): string | null {
	if (typeof description !== 'string') return null;
	const own = new Set(htmlLines(crmApprovalNote(proposal)));
	const added = htmlLines(description).filter(
		(l) => !own.has(l) && !/\[ltc-approval [A-Za-z0-9_-]+\]/.test(l),
	);
	const text = added
		.join(' ')
		.replace(/^reason\s*:\s*/i, '')
		.trim();
	return text === '' ? null : clip(text, MAX_REVIEWER_TEXT);
}

/** The comment text a reason may come from (HTML as Frappe stores it), one line, clipped. */
export function commentText(content: unknown): string | null {
	if (typeof content !== 'string') return null;
	const text = htmlLines(content)
		.filter((l) => !/^\[[^\]]+\]$/.test(l))
		.join(' ')
		.replace(/^reason\s*:\s*/i, '')
		.trim();
	return text === '' ? null : clip(text, MAX_REVIEWER_TEXT);
}

/** The CRM Task fields a decision is read from (as the REST API returns them). */
export interface CrmTaskState {
	status: string;
	modified_by?: string | null;
	description?: string | null;
}

/**
 * What the task's status says: open → pending; Done → approved as proposed; Canceled → rejected, with
 * the reviewer's words in the description, else `commentReason` (their comment on the deal).
 */
export function crmTaskDecision(
	task: CrmTaskState,
	proposal: CrmProposal,
	commentReason: string | null = null,
): DeskDecision {
	const decidedBy = task.modified_by ? String(task.modified_by) : null;
	const money = { amount: proposal.quote.total, currency: proposal.quote.currency };
	if (task.status === CRM_TASK_APPROVE)
		return { kind: 'approve', outcome: 'approved', override: false, decidedBy, ...money };
	if (task.status === CRM_TASK_REJECT)
		return {
			kind: 'reject',
			outcome: 'cancelled',
			override: true,
			decidedBy,
			reason: reviewerText(task.description, proposal) ?? commentReason,
			...money,
		};
	return { kind: 'pending' };
}
