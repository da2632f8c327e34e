// ERPNext or Frappe CRM write-back of a qualification (the system of record chosen on the node,
// docs/decisions/0028): AI fields on the Lead or CRM Lead (created idempotently in their own
// section on first use, then cached per site for the life of the process — harmless in queue mode,
// since ensuring is itself idempotent), the values written, a comment in the Lead's timeline as
// the audit trail (deduplicated by a key derived from the result, so a retried item adds nothing), and
// the duplicate check by email. Creating the fields needs System Manager once (the first run or the
// explicit set-up); afterwards Sales User suffices: the fields are checked in the Lead's meta and the
// comment goes through add_comment (connectors/erpnext). Datetimes are written in the site's zone.
// On Frappe CRM the fields also go into the lead page's Side Panel and Data Fields layouts (Frappe
// CRM shows only the fields a layout lists), the comment shows in the lead's activity
// (crm/api/activities.py lists docinfo.comments), and a replay whose result equals the stored AI
// fields writes no fields.

import {
	FRAPPE_CRM_DOCTYPES,
	ensureLayoutSection,
	type CustomFieldSpec,
	type ErpNextClient,
	type Filters,
	type LayoutSection,
} from '../../connectors/erpnext';
import { qualificationMarker } from '../../core/markers';
import type { QualificationResult } from '../../core/qualify';
import { escapeHtml } from '../../core/html';

export const LEAD_AI_FIELDS: CustomFieldSpec[] = [
	{
		fieldname: 'custom_ai_section',
		label: 'AI Qualification',
		fieldtype: 'Section Break',
		insert_after: 'qualified_on',
	},
	{
		fieldname: 'custom_ai_score',
		label: 'AI Score',
		fieldtype: 'Int',
		insert_after: 'custom_ai_section',
		read_only: true,
		in_list_view: true,
		in_standard_filter: true,
		non_negative: true,
	},
	{
		fieldname: 'custom_ai_grade',
		label: 'AI Grade',
		fieldtype: 'Select',
		options: '\nA\nB\nC\nD',
		insert_after: 'custom_ai_score',
		read_only: true,
		in_standard_filter: true,
	},
	{
		fieldname: 'custom_ai_route',
		label: 'AI Route',
		fieldtype: 'Select',
		options: '\nqualified\nreview\nnurture\ndisqualified',
		insert_after: 'custom_ai_grade',
		read_only: true,
		in_standard_filter: true,
	},
	{
		fieldname: 'custom_ai_confidence',
		label: 'AI Confidence',
		fieldtype: 'Percent',
		insert_after: 'custom_ai_route',
		read_only: true,
	},
	{
		fieldname: 'custom_ai_column',
		label: '',
		fieldtype: 'Column Break',
		insert_after: 'custom_ai_confidence',
	},
	{
		fieldname: 'custom_ai_engine',
		label: 'AI Engine',
		fieldtype: 'Data',
		insert_after: 'custom_ai_column',
		read_only: true,
	},
	{
		fieldname: 'custom_ai_scored_at',
		label: 'AI Scored At',
		fieldtype: 'Datetime',
		insert_after: 'custom_ai_engine',
		read_only: true,
	},
	{
		fieldname: 'custom_ai_reasons',
		label: 'AI Reasons',
		fieldtype: 'Long Text',
		insert_after: 'custom_ai_scored_at',
		read_only: true,
	},
].map((f) => (f.label === '' ? { ...f, label: 'AI Column' } : f));

/**
 * The same AI fields on a Frappe CRM lead: the section goes after lead_owner, the last field of the
 * CRM Lead form's details tab (crm/fcrm/doctype/crm_lead/crm_lead.json field_order @ 8b7dfdde).
 */
export const CRM_LEAD_AI_FIELDS: CustomFieldSpec[] = LEAD_AI_FIELDS.map((f) =>
	f.fieldname === 'custom_ai_section' ? { ...f, insert_after: 'lead_owner' } : f,
);

/** The value fields (no breaks), as the lead page lists them. */
const AI_VALUE_FIELDS = LEAD_AI_FIELDS.filter(
	(f) => f.fieldtype !== 'Section Break' && f.fieldtype !== 'Column Break',
).map((f) => f.fieldname);

/** Where a qualification is written: ERPNext's Lead or Frappe CRM's CRM Lead. */
export interface LeadTarget {
	/** Output key and metric service: `erpnext` or `frappe_crm`. */
	system: 'erpnext' | 'frappe_crm';
	doctype: string;
	/** The lead's email field, for the duplicate check. */
	emailField: string;
	fields: CustomFieldSpec[];
	/** The lead page section the AI fields are placed in (Frappe CRM's Side Panel and Data Fields layouts). */
	pageSection?: LayoutSection;
}

export const ERPNEXT_LEAD: LeadTarget = {
	system: 'erpnext',
	doctype: 'Lead',
	emailField: 'email_id',
	fields: LEAD_AI_FIELDS,
};

export const FRAPPE_CRM_LEAD: LeadTarget = {
	system: 'frappe_crm',
	doctype: FRAPPE_CRM_DOCTYPES.lead,
	emailField: 'email',
	fields: CRM_LEAD_AI_FIELDS,
	pageSection: {
		label: 'AI Qualification',
		name: 'ltc_ai_section',
		opened: true,
		columns: [{ name: 'ltc_ai_column', fields: AI_VALUE_FIELDS }],
	},
};

const ensuredSites = new Map<string, Promise<unknown>>();

/** Ensures the AI fields (and their lead page section) once per site, doctype and process; a failure is not cached. */
export async function ensureLeadFields(
	client: ErpNextClient,
	target: LeadTarget = ERPNEXT_LEAD,
): Promise<void> {
	const key = `${client.baseUrl}\n${target.doctype}`;
	let pending = ensuredSites.get(key);
	if (!pending) {
		pending = client.ensureCustomFields(target.doctype, target.fields).then(async () => {
			const section = target.pageSection;
			if (!section) return;
			await ensureLayoutSection(client, target.doctype, 'Side Panel', section);
			await ensureLayoutSection(client, target.doctype, 'Data Fields', section);
		});
		ensuredSites.set(key, pending);
		pending.catch(() => ensuredSites.delete(key));
	}
	await pending;
}

/** Name of another lead with the same email, if any. */
export async function findDuplicate(
	client: ErpNextClient,
	leadRef: string | undefined,
	email: string | undefined,
	target: LeadTarget = ERPNEXT_LEAD,
): Promise<string | null> {
	if (!email) return null;
	const filters: Filters = [[target.emailField, '=', email]];
	if (leadRef) filters.push(['name', '!=', leadRef]);
	const rows = await client.listAll(target.doctype, {
		fields: ['name'],
		filters,
		pageSize: 5,
		limit: 5,
	});
	const other = rows.find((r) => typeof r.name === 'string' && r.name !== leadRef);
	return other ? String(other.name) : null;
}

export function reasonsText(result: QualificationResult): string {
	return result.reasons
		.map(
			(r) =>
				`${r.points >= 0 ? '+' : ''}${r.points} ${r.factor}: ${r.detail}${r.evidence ? ` — “${r.evidence.slice(0, 160)}”` : ''}`,
		)
		.join('\n');
}

/** Stable key of one qualification of one lead (core/markers.ts): the same result twice, the same key. */
export function auditKey(leadRef: string, result: QualificationResult): string {
	return qualificationMarker(leadRef, result);
}

export interface WriteBackResult {
	fieldsWritten: boolean;
	comment?: { name: string; created: boolean };
}

/** The AI field values of a result (the time it was scored apart). */
export function aiFieldValues(result: QualificationResult): Record<string, string | number> {
	return {
		custom_ai_score: result.score,
		custom_ai_grade: result.grade,
		custom_ai_route: result.route,
		custom_ai_confidence: Math.round(result.confidence * 100),
		custom_ai_engine: result.model ? `${result.engine} (${result.model})` : result.engine,
		custom_ai_reasons: reasonsText(result),
	};
}

/** Whether `record` already holds these AI values (numbers compared as numbers, as Frappe returns them). */
export function holdsAiValues(
	record: Readonly<Record<string, unknown>>,
	values: Record<string, string | number>,
): boolean {
	return Object.entries(values).every(([field, value]) =>
		typeof value === 'number'
			? record[field] !== null && record[field] !== '' && Number(record[field]) === value
			: String(record[field] ?? '') === value,
	);
}

export async function writeBack(
	client: ErpNextClient,
	leadRef: string,
	result: QualificationResult,
	scoredAt: Date,
	addComment: boolean,
	target: LeadTarget = ERPNEXT_LEAD,
	/** The record as read before scoring: when it already holds this result, no field is written. */
	current?: Readonly<Record<string, unknown>>,
): Promise<WriteBackResult> {
	await ensureLeadFields(client, target);
	const values = aiFieldValues(result);
	const unchanged = current !== undefined && holdsAiValues(current, values);
	if (!unchanged) {
		// The order of the ERPNext write since the first release: scored_at before reasons.
		const { custom_ai_reasons, ...head } = values;
		await client.update(target.doctype, leadRef, {
			...head,
			custom_ai_scored_at: await client.toFrappeDatetime(scoredAt),
			custom_ai_reasons,
		});
	}
	if (!addComment) return { fieldsWritten: !unchanged };
	// The audit comment follows the fields in the same item: the item runner lets an item in flight finish
	// both writes before a failure stops the run (issue 14 L1); a comment refused here fails this item with
	// its fields already written, and running it again adds the comment once (its dedupe key).
	const body =
		`<p><b>AI qualification: ${result.score}/100, grade ${result.grade}, route ${escapeHtml(result.route)}</b> ` +
		`(${escapeHtml(result.engine)}${result.model ? `, ${escapeHtml(result.model)}` : ''}; confidence ${Math.round(result.confidence * 100)}%)</p>` +
		`<ul>${result.reasons.map((r) => `<li>${r.points >= 0 ? '+' : ''}${r.points} ${escapeHtml(r.factor)}: ${escapeHtml(r.detail)}${r.evidence ? ` — “${escapeHtml(r.evidence.slice(0, 160))}”` : ''}</li>`).join('')}</ul>`;
	const comment = await client.addComment(target.doctype, leadRef, body, {
		dedupeKey: auditKey(leadRef, result),
	});
	return { fieldsWritten: !unchanged, comment };
}
