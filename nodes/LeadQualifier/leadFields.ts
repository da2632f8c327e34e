// Reads a lead from an n8n item: our canonical field names and the names web forms, sheets, CSV and
// CRM exports use (core/qualify/leadKeys.ts, one synonym table), or an ERPNext Lead as the ERPNext node,
// our trigger or the REST API return it (company_name, lead_name, job_title, email_id, notes …).
// ERPNext's own `title` is the record title, not the job title, so an ERPNext-shaped item is read with
// ERPNext names only. Values are passed on untouched: the core's schema names a mistyped field.
// A Frappe CRM lead (System of Record "Frappe CRM") is read by core/qualify/crmLead.ts.
import type { IDataObject } from 'n8n-workflow';

import { leadFromCrmLead, type CrmNoteRow } from '../../core/qualify/crmLead';
import { readLeadKeys } from '../../core/qualify/leadKeys';

export interface MappedLead {
	ref: string | undefined;
	raw: Record<string, unknown>;
	/** Read but not scored (Frappe CRM: territory, annual revenue). */
	context?: Record<string, unknown>;
}

const ERPNEXT_MARKERS = ['email_id', 'lead_name', 'job_title', 'company_name', 'no_of_employees'];

function isErpNextLead(json: IDataObject): boolean {
	return json.doctype === 'Lead' || ERPNEXT_MARKERS.some((k) => k in json);
}

function stripHtml(html: string): string {
	return html
		.replace(/<(br|\/p|\/div|\/li)\b[^>]*>/gi, '\n')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/[ \t]+/g, ' ')
		.split('\n')
		.map((line) => line.trim())
		.join('\n')
		.trim();
}

/** ERPNext `notes` is a child table of CRM Note rows whose `note` is HTML. */
function notesText(notes: unknown): unknown {
	if (!Array.isArray(notes)) return notes;
	return notes
		.map((row) => (row && typeof row === 'object' ? (row as IDataObject).note : row))
		.filter((n): n is string => typeof n === 'string' && n.trim() !== '')
		.map(stripHtml)
		.join('\n');
}

function first(json: IDataObject, keys: string[]): unknown {
	for (const key of keys) {
		const value = json[key];
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

function refOf(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

export function leadFromItem(json: IDataObject): MappedLead {
	if (isErpNextLead(json)) {
		const person = [json.first_name, json.last_name]
			.filter((p) => typeof p === 'string' && p)
			.join(' ');
		return {
			ref: refOf(json.name),
			raw: {
				company: first(json, ['company_name']),
				contactName: first(json, ['lead_name']) ?? (person || undefined),
				title: first(json, ['job_title']),
				email: first(json, ['email_id']),
				phone: first(json, ['mobile_no', 'phone', 'whatsapp_no']),
				industry: first(json, ['industry']),
				employees: first(json, ['no_of_employees']),
				country: first(json, ['country']),
				source: first(json, ['source', 'utm_source']),
				message: notesText(first(json, ['notes', 'message', 'description'])),
			},
		};
	}
	const { values } = readLeadKeys(json);
	const person = [values.firstName, values.lastName]
		.filter((p) => (typeof p === 'string' && p.trim()) || typeof p === 'number')
		.join(' ');
	return {
		ref: refOf(values.ref),
		raw: {
			company: values.company,
			contactName: values.contactName ?? (person || undefined),
			title: values.title,
			email: values.email,
			phone: values.phone,
			industry: values.industry,
			employees: values.employees,
			country: values.country,
			source: values.source,
			message: notesText(values.message),
		},
	};
}

/** Whether the mapping found any lead field (the reference alone is not a lead). */
export function hasLeadFields(mapped: MappedLead): boolean {
	return Object.values(mapped.raw).some(
		(value) => value !== undefined && value !== null && value !== '',
	);
}

/** The per-item message when nothing in an item reads as a lead: the keys seen and how to map them. */
export function noLeadFieldsMessage(json: IDataObject): { message: string; description: string } {
	const keys = Object.keys(json).filter((k) => k !== '_ltcEvents');
	const shown =
		keys
			.slice(0, 12)
			.map((k) => JSON.stringify(k))
			.join(', ') + (keys.length > 12 ? ` and ${keys.length - 12} more` : '');
	return {
		message:
			keys.length === 0
				? 'No lead fields recognised: the item is empty'
				: `No lead fields recognised in the keys ${shown}`,
		description:
			'Lead Qualifier reads keys such as company / "Company Name", contactName / "Full Name" / "First Name" + "Last Name", title / "Job Title", email / "Email Address", phone / "Phone Number", employees / "# Employees", country, industry, source and message / "Your message" / notes (case, spaces and punctuation do not matter), or an ERPNext Lead. Rename the keys upstream, or set Lead Fields to "Map Each Field" and map each one with an expression.',
	};
}

/** Values set with expressions in "Map Each Field" mode; empty strings count as absent. */
export function leadFromMapping(mapping: IDataObject): MappedLead {
	const raw: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(mapping)) {
		if (key === 'ref') continue;
		raw[key] =
			value === '' || value === null ? undefined : key === 'message' ? notesText(value) : value;
	}
	return { ref: refOf(mapping.ref), raw };
}

/**
 * Whether an item is shaped like a Frappe CRM lead (crm_lead.json names: `organization`, `lead_name`)
 * rather than an ERPNext Lead (`company_name`, `email_id`) or a form's keys.
 */
export function isCrmLead(json: IDataObject): boolean {
	if (json.doctype === 'CRM Lead') return true;
	if ('company_name' in json || 'email_id' in json) return false;
	return 'organization' in json || 'lead_name' in json;
}

/** The CRM Lead reference of an item: its `name`, else the reference keys of leadKeys.ts. */
export function crmRefOf(json: IDataObject): string | undefined {
	return refOf(json.name) ?? refOf(readLeadKeys(json).values.ref);
}

/**
 * A Frappe CRM lead: a CRM Lead record as read from the site (with its FCRM Notes), or an item shaped
 * like one (its `notes`, if a list of FCRM Note rows, are read as the notes).
 */
export function crmLeadFromItem(json: IDataObject, notes?: readonly CrmNoteRow[]): MappedLead {
	const itemNotes = Array.isArray(json.notes)
		? json.notes.filter((n): n is IDataObject => !!n && typeof n === 'object')
		: [];
	const mapped = leadFromCrmLead(json, notes ?? itemNotes);
	return { ref: mapped.ref ?? crmRefOf(json), raw: mapped.raw, context: mapped.context };
}
