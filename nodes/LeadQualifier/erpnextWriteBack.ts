// ERPNext write-back of a qualification: AI fields on the Lead (created idempotently in their own
// section on first use, then cached per site for the life of the process — harmless in queue mode,
// since ensuring is itself idempotent), the values written, a comment in the Lead's timeline as
// the audit trail (deduplicated by a key derived from the result, so a retried item adds nothing), and
// the duplicate check by email. Creating the fields needs System Manager once (the first run or the
// explicit set-up); afterwards Sales User suffices: the fields are checked in the Lead's meta and the
// comment goes through add_comment (connectors/erpnext). Datetimes are written in the site's zone.
import { createHash } from 'crypto';

import type { CustomFieldSpec, ErpNextClient, Filters } from '../../connectors/erpnext';
import type { QualificationResult } from '../../core/qualify';

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

const ensuredSites = new Map<string, Promise<unknown>>();

/** Ensures the AI fields once per site and process; a failure is not cached. */
export async function ensureLeadFields(client: ErpNextClient): Promise<void> {
	let pending = ensuredSites.get(client.baseUrl);
	if (!pending) {
		pending = client.ensureCustomFields('Lead', LEAD_AI_FIELDS);
		ensuredSites.set(client.baseUrl, pending);
		pending.catch(() => ensuredSites.delete(client.baseUrl));
	}
	await pending;
}

/** Name of another Lead with the same email, if any. */
export async function findDuplicate(
	client: ErpNextClient,
	leadRef: string | undefined,
	email: string | undefined,
): Promise<string | null> {
	if (!email) return null;
	const filters: Filters = [['email_id', '=', email]];
	if (leadRef) filters.push(['name', '!=', leadRef]);
	const rows = await client.listAll('Lead', {
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

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** Stable key of one qualification of one lead: the same result written twice yields the same key. */
export function auditKey(leadRef: string, result: QualificationResult): string {
	const digest = createHash('sha256')
		.update(
			JSON.stringify([
				leadRef,
				result.score,
				result.route,
				result.engine,
				result.reasons.map((r) => [r.factor, r.points]),
			]),
		)
		.digest('hex')
		.slice(0, 16);
	return `ltc-qualify-${digest}`;
}

export interface WriteBackResult {
	fieldsWritten: boolean;
	comment?: { name: string; created: boolean };
}

export async function writeBack(
	client: ErpNextClient,
	leadRef: string,
	result: QualificationResult,
	scoredAt: Date,
	addComment: boolean,
): Promise<WriteBackResult> {
	await ensureLeadFields(client);
	await client.update('Lead', leadRef, {
		custom_ai_score: result.score,
		custom_ai_grade: result.grade,
		custom_ai_route: result.route,
		custom_ai_confidence: Math.round(result.confidence * 100),
		custom_ai_engine: result.model ? `${result.engine} (${result.model})` : result.engine,
		custom_ai_scored_at: await client.toFrappeDatetime(scoredAt),
		custom_ai_reasons: reasonsText(result),
	});
	if (!addComment) return { fieldsWritten: true };
	// The audit comment follows the fields in the same item: the item runner lets an item in flight finish
	// both writes before a failure stops the run (issue 14 L1); a comment refused here fails this item with
	// its fields already written, and running it again adds the comment once (its dedupe key).
	const body =
		`<p><b>AI qualification: ${result.score}/100, grade ${result.grade}, route ${escapeHtml(result.route)}</b> ` +
		`(${escapeHtml(result.engine)}${result.model ? `, ${escapeHtml(result.model)}` : ''}; confidence ${Math.round(result.confidence * 100)}%)</p>` +
		`<ul>${result.reasons.map((r) => `<li>${r.points >= 0 ? '+' : ''}${r.points} ${escapeHtml(r.factor)}: ${escapeHtml(r.detail)}${r.evidence ? ` — “${escapeHtml(r.evidence.slice(0, 160))}”` : ''}</li>`).join('')}</ul>`;
	const comment = await client.addComment('Lead', leadRef, body, {
		dedupeKey: auditKey(leadRef, result),
	});
	return { fieldsWritten: true, comment };
}
