// A Frappe CRM lead as the lead the core scores (issue 18): which CRM Lead field is which lead field, and
// how its FCRM Notes become the lead's message. The field names are frappe/crm's CRM Lead
// (crm/fcrm/doctype/crm_lead/crm_lead.json @ 8b7dfdde): first_name/middle_name/last_name and lead_name
// (set by crm_lead.py set_full_name), organization, job_title, email, mobile_no/phone, industry (a
// CRM Industry), no_of_employees (the "1-10" … "1000+" ranges the core reads), source (a CRM Lead Source),
// territory (a CRM Territory) and annual_revenue (Currency). Beside leadKeys.ts, which reads form and sheet
// keys; this reads one known record shape.
//
// Decisions: CRM Lead has no country field, so a territory that names a country (resolveCountry) is the
// country and any other territory ("EMEA", "North") is context only. annual_revenue is the company's
// revenue, not a budget: it is carried as context and never scored. Notes are read oldest first, title
// and text, HTML reduced to text.
import { resolveCountry } from './countries';

/** What a CRM Lead yields: the reference, the raw lead for parseLeadInput, and context not scored. */
export interface MappedCrmLead {
	ref: string | undefined;
	raw: {
		company: unknown;
		contactName: unknown;
		title: unknown;
		email: unknown;
		phone: unknown;
		industry: unknown;
		employees: unknown;
		country: unknown;
		source: unknown;
		message: unknown;
	};
	context: { annualRevenue?: number; territory?: string };
}

/** An FCRM Note as the list API returns it (crm/fcrm/doctype/fcrm_note/fcrm_note.json). */
export interface CrmNoteRow {
	title?: unknown;
	content?: unknown;
	creation?: unknown;
}

/** The CRM Lead fields the mapping reads, for a list or get request. */
export const CRM_LEAD_READ_FIELDS = [
	'name',
	'salutation',
	'first_name',
	'middle_name',
	'last_name',
	'lead_name',
	'organization',
	'job_title',
	'email',
	'mobile_no',
	'phone',
	'industry',
	'no_of_employees',
	'annual_revenue',
	'territory',
	'source',
] as const;

function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** A Text Editor value (HTML) as plain text: block ends become line breaks, tags and entities go. */
export function noteText(html: string): string {
	return html
		.replace(/<(br|\/p|\/div|\/li|\/h[1-6])\b[^>]*>/gi, '\n')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/[ \t]+/g, ' ')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.join('\n');
}

/** The notes as one message, oldest first: each note's title, then its text. */
export function notesMessage(notes: readonly CrmNoteRow[]): string | undefined {
	const ordered = [...notes].sort((a, b) =>
		String(a.creation ?? '').localeCompare(String(b.creation ?? '')),
	);
	const parts = ordered
		.map((note) => {
			const title = text(note.title);
			const body = typeof note.content === 'string' ? noteText(note.content) : undefined;
			return [title, body].filter((p): p is string => p !== undefined && p !== '').join('\n');
		})
		.filter((p) => p !== '');
	return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** A CRM Lead record (and its FCRM Notes) as the lead the core scores. */
export function leadFromCrmLead(
	record: Readonly<Record<string, unknown>>,
	notes: readonly CrmNoteRow[] = [],
): MappedCrmLead {
	const person = [record.first_name, record.middle_name, record.last_name]
		.map(text)
		.filter((p): p is string => p !== undefined)
		.join(' ');
	const territory = text(record.territory);
	const revenue =
		typeof record.annual_revenue === 'number'
			? record.annual_revenue
			: Number(record.annual_revenue);
	return {
		ref: text(record.name),
		raw: {
			company: text(record.organization),
			contactName: text(record.lead_name) ?? (person || undefined),
			title: text(record.job_title),
			email: text(record.email),
			phone: text(record.mobile_no) ?? text(record.phone),
			industry: text(record.industry),
			employees: text(record.no_of_employees),
			country: territory && resolveCountry(territory) ? territory : undefined,
			source: text(record.source),
			message: notesMessage(notes),
		},
		context: {
			...(Number.isFinite(revenue) && revenue > 0 ? { annualRevenue: revenue } : {}),
			...(territory ? { territory } : {}),
		},
	};
}
