// Reads a lead from an n8n item: our canonical field names, or an ERPNext Lead as the ERPNext node,
// our trigger or the REST API return it (company_name, lead_name, job_title, email_id, notes …).
// ERPNext's own `title` is the record title, not the job title, so an ERPNext-shaped item is read with
// ERPNext names only. Values are passed on untouched: the core's schema names a mistyped field.
import type { IDataObject } from 'n8n-workflow';

export interface MappedLead {
	ref: string | undefined;
	raw: Record<string, unknown>;
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
		const person = [json.first_name, json.last_name].filter((p) => typeof p === 'string' && p).join(' ');
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
	return {
		ref: refOf(first(json, ['ref', 'id', 'name'])),
		raw: {
			company: first(json, ['company']),
			contactName: first(json, ['contactName', 'contact_name']),
			title: first(json, ['title', 'jobTitle']),
			email: first(json, ['email']),
			phone: first(json, ['phone', 'mobile']),
			industry: first(json, ['industry']),
			employees: first(json, ['employees']),
			country: first(json, ['country']),
			source: first(json, ['source']),
			message: notesText(first(json, ['message', 'notes'])),
		},
	};
}

/** Values set with expressions in "Map Each Field" mode; empty strings count as absent. */
export function leadFromMapping(mapping: IDataObject): MappedLead {
	const raw: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(mapping)) {
		if (key === 'ref') continue;
		raw[key] = value === '' || value === null ? undefined : key === 'message' ? notesText(value) : value;
	}
	return { ref: refOf(mapping.ref), raw };
}
