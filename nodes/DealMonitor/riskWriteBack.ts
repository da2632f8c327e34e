// ERPNext write-back of deal-risk assessments: AI risk fields on the Opportunity (created idempotently
// in their own section, like the Lead Qualifier's fields on Lead), written when core/dealRisk's
// mustWriteRisk says so (only when the score, level or signals changed, so a re-run writes nothing); a comment per at-risk assessment, deduplicated by a key
// derived from the assessment and put first in the comment, so Frappe's `_comments` cache on the
// Opportunity holds it (existing keys are read for a whole page of deals in one list request); and, for
// critical deals, a task for the owner (one writer, two targets: an ERPNext ToDo through
// frappe.desk.form.assign_to.add, or with Frappe CRM a CRM Task on the deal), never a second open one
// for the same deal and signal (the task carries a marker that the next run finds among the deal's open
// tasks). Creating the fields needs System Manager once; afterwards Sales User suffices: the comment
// goes through add_comment (read on the Opportunity) and no Comment or Custom Field is read.
import type { IDataObject } from 'n8n-workflow';

import {
	commentMarker,
	ensureLayoutSection,
	type CustomFieldSpec,
	type ErpNextClient,
	type LayoutSection,
} from '../../connectors/erpnext';
import {
	REVIEWED_NEXT_ACTION_FIELD,
	answeredTasks,
	askAgain,
	crmTaskClosing,
	dealDecisionNote,
	dealTaskTitle,
	proposalAction,
	todoClosing,
	type DealProposal,
	type TaskClosing,
} from '../../core/approvals/dealDecision';
import { dealRiskMarker, findMarkers, riskTodoMarker } from '../../core/markers';
import {
	crmTaskOpen,
	riskSignalList,
	type DealAssessment,
	type NextAction,
	type StoredRisk,
} from '../../core/dealRisk';
import type { SystemOfRecord } from './description';
import { escapeHtml } from '../../core/html';

export const OPPORTUNITY_RISK_FIELDS: CustomFieldSpec[] = [
	{
		fieldname: 'custom_ai_risk_section',
		label: 'AI Deal Risk',
		fieldtype: 'Section Break',
		insert_after: 'probability',
	},
	{
		fieldname: 'custom_ai_risk_score',
		label: 'AI Risk Score',
		fieldtype: 'Int',
		insert_after: 'custom_ai_risk_section',
		read_only: true,
		in_list_view: true,
		in_standard_filter: true,
		non_negative: true,
	},
	{
		fieldname: 'custom_ai_risk_level',
		label: 'AI Risk Level',
		fieldtype: 'Select',
		options: '\nlow\nmedium\nhigh\ncritical',
		insert_after: 'custom_ai_risk_score',
		read_only: true,
		in_standard_filter: true,
	},
	{
		fieldname: 'custom_ai_risk_signals',
		label: 'AI Risk Signals',
		fieldtype: 'Small Text',
		insert_after: 'custom_ai_risk_level',
		read_only: true,
	},
	{
		fieldname: 'custom_ai_risk_next_action',
		label: 'AI Next Action',
		fieldtype: 'Small Text',
		insert_after: 'custom_ai_risk_signals',
		read_only: true,
	},
	{
		fieldname: 'custom_ai_risk_column',
		label: 'AI Risk Column',
		fieldtype: 'Column Break',
		insert_after: 'custom_ai_risk_next_action',
	},
	{
		fieldname: 'custom_ai_risk_summary',
		label: 'AI Risk Summary',
		fieldtype: 'Long Text',
		insert_after: 'custom_ai_risk_column',
		read_only: true,
	},
	{
		fieldname: 'custom_ai_risk_reasons',
		label: 'AI Risk Reasons',
		fieldtype: 'Long Text',
		insert_after: 'custom_ai_risk_summary',
		read_only: true,
	},
	{
		fieldname: 'custom_ai_risk_updated_at',
		label: 'AI Risk Updated At',
		fieldtype: 'Datetime',
		insert_after: 'custom_ai_risk_reasons',
		read_only: true,
	},
];

/** The stored fields compared to decide whether a deal must be written again. */
export const STORED_RISK_FIELDS = [
	'custom_ai_risk_score',
	'custom_ai_risk_level',
	'custom_ai_risk_signals',
];

/** The stored AI fields of an Opportunity row, as core/dealRisk compares them. */
export function storedRisk(row: IDataObject): StoredRisk {
	return {
		riskScore: row.custom_ai_risk_score,
		level: row.custom_ai_risk_level,
		signals: row.custom_ai_risk_signals,
	};
}

/** The AI field values of an assessment: what is written, or in propose-only mode proposed (ADR 0046). */
export async function riskFieldValues(
	client: ErpNextClient,
	assessment: DealAssessment,
	summary: string | undefined,
	at: Date,
): Promise<Record<string, string | number>> {
	const next = assessment.nextActions[0];
	return {
		custom_ai_risk_score: assessment.riskScore,
		custom_ai_risk_level: assessment.level,
		custom_ai_risk_signals: riskSignalList(assessment),
		custom_ai_risk_next_action: next ? `${next.action} (${next.priority}, due ${next.due})` : '',
		custom_ai_risk_summary: summary ?? '',
		custom_ai_risk_reasons: assessment.reasons.join('\n'),
		custom_ai_risk_updated_at: await client.toFrappeDatetime(at),
	};
}

export async function writeRiskFields(
	client: ErpNextClient,
	assessment: DealAssessment,
	summary: string | undefined,
	at: Date,
	doctype = 'Opportunity',
): Promise<void> {
	await client.update(
		doctype,
		assessment.deal.name,
		await riskFieldValues(client, assessment, summary, at),
	);
}

/**
 * Propose-only mode's reset of a deal no longer at risk (ADR 0046, amended): the AI fields emptied, not
 * the new assessment written. Clearing takes back the AI's own earlier claim and asserts nothing a
 * person would have to vouch for, so it is applied; the time says when the claim was taken back.
 */
export async function clearRiskFields(
	client: ErpNextClient,
	deal: string,
	at: Date,
	doctype = 'Opportunity',
): Promise<void> {
	await client.update(doctype, deal, {
		custom_ai_risk_score: 0,
		custom_ai_risk_level: '',
		custom_ai_risk_signals: '',
		custom_ai_risk_next_action: '',
		custom_ai_risk_summary: '',
		custom_ai_risk_reasons: '',
		custom_ai_risk_updated_at: await client.toFrappeDatetime(at),
	});
}

/**
 * The Opportunity's "Reviewed Next Action" (ERPNext, ADR 0046): where the owner writes another next
 * action than the AI's before closing the risk ToDo. Editable, unlike the AI fields.
 */
export const REVIEWED_NEXT_ACTION_FIELDS: CustomFieldSpec[] = [
	{
		fieldname: REVIEWED_NEXT_ACTION_FIELD,
		label: 'Reviewed Next Action',
		fieldtype: 'Small Text',
		insert_after: 'custom_ai_risk_next_action',
		description:
			'To replace the AI next action of an open AI risk ToDo: write the action here, save, then close the ToDo',
	},
];

/** Stable key of one assessment of one deal (core/markers.ts): the same assessment twice, the same key. */
export function commentKey(assessment: DealAssessment): string {
	return dealRiskMarker(assessment.deal.name, assessment);
}

/** Comment keys already on the deals of a page, read in one request. */
export async function existingCommentKeys(
	client: ErpNextClient,
	deals: string[],
	doctype = 'Opportunity',
): Promise<Set<string>> {
	const keys = new Set<string>();
	if (deals.length === 0) return keys;
	const cached = await client.cachedComments(doctype, deals);
	for (const [deal, comments] of cached) {
		for (const c of comments)
			for (const key of findMarkers(c.comment, 'dealRisk')) keys.add(`${deal}:${key}`);
	}
	return keys;
}

export function commentHtml(
	assessment: DealAssessment,
	summary: string | undefined,
	key: string,
): string {
	const items = assessment.signals
		.map(
			(s) =>
				`<li>${escapeHtml(s.severity)} — ${escapeHtml(s.code)}: ${escapeHtml(s.evidence)}</li>`,
		)
		.join('');
	const actions = assessment.nextActions
		.map((a) => `<li>${escapeHtml(a.action)} (${a.priority}, due ${a.due})</li>`)
		.join('');
	return (
		commentMarker(key) +
		`<p><b>AI deal risk: ${assessment.level}, score ${assessment.riskScore}/100</b></p>` +
		(summary ? `<p>${escapeHtml(summary)}</p>` : '') +
		`<ul>${items}</ul>` +
		(actions ? `<p>Next actions:</p><ul>${actions}</ul>` : '')
	);
}

/** Adds the comment (through add_comment) unless the page's existing keys already hold it. */
export async function addRiskComment(
	client: ErpNextClient,
	assessment: DealAssessment,
	summary: string | undefined,
	existing: Set<string>,
	doctype = 'Opportunity',
): Promise<{ name: string | null; created: boolean; key: string }> {
	const key = commentKey(assessment);
	if (existing.has(`${assessment.deal.name}:${key}`)) return { name: null, created: false, key };
	const doc = await client.postComment(
		doctype,
		assessment.deal.name,
		commentHtml(assessment, summary, key),
	);
	existing.add(`${assessment.deal.name}:${key}`);
	return { name: doc.name, created: true, key };
}

/** The marker that ties a ToDo to one deal and signal: `[ltc-risk CRM-OPP-2026-00042 close_date_passed]`. */
export function todoMarker(deal: string, signal: string): string {
	return riskTodoMarker(deal, signal);
}

export interface TodoResult {
	created: boolean;
	/** Why no ToDo was created. */
	reason?:
		| 'open_todo_exists'
		| 'recently_answered'
		| 'owner_has_open_todo'
		| 'no_owner'
		| 'no_action';
	/** recently_answered: the closed or dismissed task whose answer holds, and until when (UTC ISO). */
	answeredTask?: string;
	answered?: 'closed' | 'dismissed';
	askAgainAfter?: string;
	/** A task made although an earlier one was answered: why that answer no longer holds. */
	askedAgain?: string;
	assignedTo?: string;
	signal?: string;
	marker?: string;
	/** The CRM Task created (Frappe CRM). */
	task?: string;
}

// ---- Frappe CRM (System of Record "Frappe CRM", docs/decisions/0028) ----

/** The same AI fields on CRM Deal, after its probability (crm_deal.json). */
export const CRM_DEAL_RISK_FIELDS: CustomFieldSpec[] = OPPORTUNITY_RISK_FIELDS;

/**
 * Where the AI fields show on the deal page: Frappe CRM shows only the fields its layouts list (the
 * "Side Panel" and "Data Fields" CRM Fields Layouts of CRM Deal), so they get a section there.
 */
export const CRM_DEAL_RISK_SECTION: LayoutSection = {
	label: 'AI Deal Risk',
	name: 'ltc_ai_risk_section',
	opened: true,
	columns: [
		{
			name: 'ltc_ai_risk_column',
			fields: OPPORTUNITY_RISK_FIELDS.filter(
				(f) => f.fieldtype !== 'Section Break' && f.fieldtype !== 'Column Break',
			).map((f) => f.fieldname),
		},
	],
};

const ensuredCrmSites = new Map<string, Promise<unknown>>();

/** The AI fields on CRM Deal and their deal page section, once per site and process (a failure is not kept). */
export async function ensureCrmDealFields(client: ErpNextClient): Promise<void> {
	const key = client.baseUrl;
	let pending = ensuredCrmSites.get(key);
	if (!pending) {
		pending = client.ensureCustomFields('CRM Deal', CRM_DEAL_RISK_FIELDS).then(async () => {
			await ensureLayoutSection(client, 'CRM Deal', 'Side Panel', CRM_DEAL_RISK_SECTION);
			await ensureLayoutSection(client, 'CRM Deal', 'Data Fields', CRM_DEAL_RISK_SECTION);
		});
		ensuredCrmSites.set(key, pending);
		pending.catch(() => ensuredCrmSites.delete(key));
	}
	await pending;
}

// ---- the risk task: one writer, two targets ----

type TaskRow = Readonly<Record<string, unknown>>;

/** Where a deal's risk task goes and how an existing one is recognised. */
interface TaskTarget {
	/** How a person closed the task, read from its status (open, closed, dismissed). */
	closing(status: unknown): TaskClosing;
	/** True for an open task of the deal whose text carries `marker`. */
	carries(task: TaskRow, marker: string): boolean;
	/** True when `user` already has an open task on the deal that a new one would be skipped for. */
	ownerBusy(tasks: readonly TaskRow[], user: string): boolean;
	/** Creates the task; returns its name when the target gives one. */
	create(
		client: ErpNextClient,
		assessment: DealAssessment,
		action: NextAction,
		user: string,
		description: string,
	): Promise<string | undefined>;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** An ERPNext ToDo on the Opportunity, through frappe.desk.form.assign_to.add. */
const ERPNEXT_TODO: TaskTarget = {
	closing: todoClosing,
	// Written plain before ADR 0046, HTML-escaped inside the decision note since.
	carries: (t, marker) =>
		t.status === 'Open' &&
		(text(t.description).includes(marker) || text(t.description).includes(escapeHtml(marker))),
	// assign_to.add silently skips a user who already has an open ToDo on the document (erpnext.md §6).
	ownerBusy: (tasks, user) => tasks.some((t) => t.status === 'Open' && t.allocated_to === user),
	async create(client, assessment, action, user, description) {
		await client.call(
			'frappe.desk.form.assign_to.add',
			{
				assign_to: JSON.stringify([user]),
				doctype: 'Opportunity',
				name: assessment.deal.name,
				description,
				date: action.due,
				priority: action.priority,
			},
			'POST',
		);
		return undefined;
	},
};

/**
 * A CRM Task on the CRM Deal (crm_task.json: title, description, assigned_to, reference_doctype/
 * reference_docname, status, priority, due_date; crm_task.py after_insert assigns it to
 * `assigned_to`); open means Backlog, Todo or In Progress.
 */
const CRM_TASK: TaskTarget = {
	closing: crmTaskClosing,
	// The marker is written HTML-escaped into the description (a deal name may hold `&<>"`), so it is
	// looked for the way it was written.
	carries: (t, marker) =>
		crmTaskOpen(t.status) &&
		`${text(t.title)}\n${text(t.description)}`.includes(escapeHtml(marker)),
	ownerBusy: () => false,
	async create(client, assessment, action, user, description) {
		const doc = await client.insert('CRM Task', {
			title: dealTaskTitle(action.action),
			description,
			assigned_to: user,
			reference_doctype: 'CRM Deal',
			reference_docname: assessment.deal.name,
			status: 'Todo',
			priority: action.priority,
			due_date: action.due,
		});
		return doc.name;
	},
};

/** What makes the risk task a decision request (ADR 0046): its decision point and, propose-only, the values. */
export interface DealRequest {
	workflow: string;
	executionId: string;
	/** When the task is made (the person is asked). */
	at: Date;
	leadRef: string | null;
	/** Propose-only mode: the AI field values not written, applied on acceptance; else null. */
	fields: Record<string, string | number> | null;
	proposeOnlyReason: string | null;
	/**
	 * How long a closed or dismissed task answers the same deal and signal (days; 0: not at all), the
	 * run's Reference Date it is measured to, and the site's zone its `modified` is read in.
	 */
	askAgainDays: number;
	now: Date;
	timeZone: string;
}

/**
 * Gives the deal's most urgent next action to its owner (or `fallbackUser`) as a task: an ERPNext ToDo
 * on the Opportunity, or with Frappe CRM a CRM Task on the CRM Deal. The task is the decision request
 * (ADR 0046): its description shows the action and the reasons, escaped, and carries the proposal that
 * Desk Approval's Read Deal Decision reads back. Nothing is created when an open task of the deal
 * already carries the marker of the same deal and signal, when the owner closed or dismissed the last
 * task for that signal less than `askAgainDays` ago and the deal is no worse than it was then
 * (core/approvals/dealDecision.ts askAgain; `tasks` holds the deal's tasks of every status, read
 * under the same list filters and permissions as the open ones), or (ToDo) the user already has an
 * open ToDo on the deal. A created task is added to `tasks`, so a later deal of the run sees it.
 */
export async function assignRiskTask(
	client: ErpNextClient,
	system: SystemOfRecord,
	assessment: DealAssessment,
	tasks: Array<Record<string, unknown>>,
	fallbackUser: string | undefined,
	request: DealRequest,
): Promise<TodoResult> {
	const target = system === 'frappeCrm' ? CRM_TASK : ERPNEXT_TODO;
	const action: NextAction | undefined = assessment.nextActions.find((a) => a.signals.length > 0);
	if (!action) return { created: false, reason: 'no_action' };
	const signal = action.signals[0];
	const marker = todoMarker(assessment.deal.name, signal);
	if (tasks.some((t) => target.carries(t, marker)))
		return { created: false, reason: 'open_todo_exists', signal, marker };
	const service = system === 'frappeCrm' ? 'frappe_crm' : 'erpnext';
	const nowMs = request.now.getTime();
	const again = askAgain(
		answeredTasks(tasks, target.closing, assessment.deal.name, service, request.timeZone, nowMs),
		signal,
		assessment,
		nowMs,
		request.askAgainDays,
	);
	if (!again.ask)
		return {
			created: false,
			reason: 'recently_answered',
			signal,
			marker,
			answeredTask: again.task,
			answered: again.closing,
			askAgainAfter: again.until,
		};
	const askedAgain = again.why ? { askedAgain: again.why } : {};
	const user = assessment.deal.opportunity_owner || fallbackUser;
	if (!user) return { created: false, reason: 'no_owner', signal, marker };
	if (target.ownerBusy(tasks, user))
		return { created: false, reason: 'owner_has_open_todo', assignedTo: user, signal, marker };
	const proposal: DealProposal = {
		v: 1,
		kind: 'deal_risk',
		workflow: request.workflow,
		execution_id: request.executionId,
		step: 'deal_risk',
		service,
		deal_ref: assessment.deal.name,
		lead_ref: request.leadRef,
		proposed_at: request.at.toISOString(),
		signal,
		signals: assessment.signals.map((s) => s.code).slice(0, 40),
		level: assessment.level,
		risk_score: assessment.riskScore,
		action: proposalAction(action.action),
		title: dealTaskTitle(action.action),
		priority: action.priority,
		due: action.due,
		fields: request.fields,
	};
	const description = dealDecisionNote(
		proposal,
		action.rationale,
		assessment.reasons,
		request.proposeOnlyReason,
	);
	const name = await target.create(client, assessment, action, user, description);
	if (name === undefined) return { created: true, assignedTo: user, signal, marker, ...askedAgain };
	tasks.push({ name, status: 'Todo', description });
	return { created: true, assignedTo: user, signal, marker, task: name, ...askedAgain };
}
