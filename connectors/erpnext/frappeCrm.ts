// Frappe CRM (github.com/frappe/crm) over the same Frappe client: Frappe CRM is a Frappe app, so its
// records are read and written through /api/resource and /api/method with the same token credential as
// ERPNext (both apps can live on one site). What is specific to the app lives here: its doctype names,
// reading a CRM Lead with the FCRM Notes linked to it, and placing custom fields on the lead page, which
// shows only the fields its fields layouts list: the side panel (frontend/src/pages/Lead.vue calls
// get_sidepanel_sections, the "Side Panel" layout) and the Data tab (components/Activities/DataFields.vue
// calls get_fields_layout with "Data Fields"). Facts from frappe/crm @ 8b7dfdde (docs/real-servers.md
// "Frappe CRM").
import { z } from 'zod/v4';

import { ErpNextError } from '../http';
import type { ErpNextClient } from './client';
import type { FrappeDoc, FrappeRow } from './schemas';

/** The Frappe CRM doctypes this package reads or writes (crm/fcrm/doctype/*). */
export const FRAPPE_CRM_DOCTYPES = {
	lead: 'CRM Lead',
	deal: 'CRM Deal',
	organization: 'CRM Organization',
	note: 'FCRM Note',
	task: 'CRM Task',
	callLog: 'CRM Call Log',
	fieldsLayout: 'CRM Fields Layout',
} as const;

/** Who may change a fields layout: write on CRM Fields Layout (crm_fields_layout.json; Sales User only reads). */
const LAYOUT_ROLE =
	'System Manager or Sales Manager (once, to show the AI fields on the lead page; afterwards Sales User suffices)';

/**
 * The FCRM Notes of a record, oldest first: crm/api/activities.py get_linked_notes lists FCRM Note by
 * reference_docname; the reference_doctype filter keeps a Deal's notes off a Lead of the same name.
 */
export async function linkedNotes(
	client: ErpNextClient,
	doctype: string,
	name: string,
): Promise<FrappeRow[]> {
	return await client.listAll(FRAPPE_CRM_DOCTYPES.note, {
		fields: ['name', 'title', 'content', 'creation'],
		filters: [
			['reference_doctype', '=', doctype],
			['reference_docname', '=', name],
		],
		orderBy: 'creation asc, name asc',
		pageSize: 100,
		limit: 500,
	});
}

/** A CRM Lead (GET, the whole document with its custom fields) and its FCRM Notes. */
export async function readCrmLead(
	client: ErpNextClient,
	name: string,
): Promise<{ record: FrappeDoc; notes: FrappeRow[] }> {
	const record = await client.get(FRAPPE_CRM_DOCTYPES.lead, name);
	const notes = await linkedNotes(client, FRAPPE_CRM_DOCTYPES.lead, name);
	return { record, notes };
}

/** One section of a fields layout (crm/install.py add_default_fields_layout shape). */
export interface LayoutSection {
	label: string;
	name: string;
	opened?: boolean;
	columns: Array<{ name: string; fields: string[] }>;
	[key: string]: unknown;
}

const layoutDocSchema = z.looseObject({ layout: z.string().nullish() });

function fieldsIn(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(fieldsIn);
	if (value && typeof value === 'object') {
		const entry = value as { fields?: unknown; columns?: unknown; sections?: unknown };
		return [
			...(Array.isArray(entry.fields)
				? entry.fields.filter((f): f is string => typeof f === 'string')
				: []),
			...fieldsIn(entry.columns),
			...fieldsIn(entry.sections),
		];
	}
	return [];
}

/** The kinds of CRM Fields Layout that show a record's fields on its page. */
export type PageLayoutType = 'Side Panel' | 'Data Fields';

type Tab = { sections: unknown[]; [key: string]: unknown };
const isTab = (entry: unknown): entry is Tab =>
	!!entry && typeof entry === 'object' && Array.isArray((entry as { sections?: unknown }).sections);

/**
 * The layout with every field of `section` that it does not list anywhere added to `section` (appended
 * as a new section, or to the section of that name if there is one); undefined when nothing is missing.
 * Fields the user moved elsewhere count as placed. A layout of tabs (`[{sections: [...]}]`, as
 * get_fields_layout reads them) gets the section in the tab that has it, else in its last tab.
 */
export function layoutWithSection(
	layout: unknown[],
	section: LayoutSection,
): unknown[] | undefined {
	const present = new Set(fieldsIn(layout));
	const missing = section.columns.flatMap((c) => c.fields).filter((f) => !present.has(f));
	if (missing.length === 0) return undefined;
	if (layout.length > 0 && layout.every(isTab)) {
		const tabs = layout as Tab[];
		const named = (s: unknown) =>
			!!s && typeof s === 'object' && (s as { name?: unknown }).name === section.name;
		const at = tabs.findIndex((t) => t.sections.some(named));
		const index = at < 0 ? tabs.length - 1 : at;
		return tabs.map((t, i) =>
			i === index ? { ...t, sections: withSection(t.sections, section, missing) } : t,
		);
	}
	return withSection(layout, section, missing);
}

function withSection(layout: unknown[], section: LayoutSection, missing: string[]): unknown[] {
	const index = layout.findIndex(
		(s) => !!s && typeof s === 'object' && (s as { name?: unknown }).name === section.name,
	);
	if (index < 0) {
		const columns = section.columns
			.map((c) => ({ ...c, fields: c.fields.filter((f) => missing.includes(f)) }))
			.filter((c) => c.fields.length > 0);
		return [...layout, { ...section, columns }];
	}
	const existing = layout[index] as LayoutSection;
	const columns = Array.isArray(existing.columns) ? [...existing.columns] : [];
	if (columns.length === 0)
		columns.push({ name: section.columns[0]?.name ?? 'column', fields: [] });
	columns[0] = { ...columns[0], fields: [...(columns[0].fields ?? []), ...missing] };
	return layout.map((s, i) => (i === index ? { ...existing, columns } : s));
}

function parseLayout(text: string | null | undefined, layoutName: string): unknown[] {
	let parsed: unknown = [];
	try {
		parsed = text ? JSON.parse(text) : [];
	} catch {
		parsed = undefined;
	}
	if (!Array.isArray(parsed)) {
		throw new ErpNextError({
			kind: 'schema',
			code: 'BAD_FIELDS_LAYOUT',
			message: `The "${layoutName}" CRM Fields Layout is not a JSON list of sections; fix it in Frappe CRM (Settings → Layouts)`,
		});
	}
	return parsed;
}

/**
 * Makes `section`'s fields show on the record's page: Frappe CRM shows a record's fields through its
 * "{doctype}-Side Panel" and "{doctype}-Data Fields" CRM Fields Layouts (crm_fields_layout.py
 * get_sidepanel_sections, get_fields_layout), so a custom field no layout lists is invisible there.
 * Reads the layout (every Sales role may), and only when a field is missing saves it back through
 * save_fields_layout (write on CRM Fields Layout). A missing or empty Side Panel layout (the panel shows
 * nothing) is created with this section; a missing or empty Data Fields layout is left alone, since
 * get_fields_layout then shows every field of the doctype already. Returns whether it wrote.
 */
export async function ensureLayoutSection(
	client: ErpNextClient,
	doctype: string,
	type: PageLayoutType,
	section: LayoutSection,
): Promise<boolean> {
	let layout: unknown[] = [];
	let failure: unknown;
	try {
		const doc = await client.get(
			FRAPPE_CRM_DOCTYPES.fieldsLayout,
			`${doctype}-${type}`,
			layoutDocSchema,
		);
		layout = parseLayout(doc.layout, `${doctype}-${type}`);
	} catch (error) {
		failure = error;
	}
	const missingLayout = failure instanceof ErpNextError && failure.status === 404;
	if (failure !== undefined && !missingLayout) throw failure;
	// get_fields_layout shows every field of the doctype when no Data Fields layout lists any.
	if (type === 'Data Fields' && layout.length === 0) return false;
	const next = layoutWithSection(layout, section);
	if (!next) return false;
	await client.call(
		'crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.save_fields_layout',
		{ doctype, type, layout: JSON.stringify(next) },
		'POST',
		undefined,
		{ requiredRole: LAYOUT_ROLE, idempotent: true },
	);
	return true;
}

/** ensureLayoutSection for the side panel. */
export async function ensureSidePanelSection(
	client: ErpNextClient,
	doctype: string,
	section: LayoutSection,
): Promise<boolean> {
	return await ensureLayoutSection(client, doctype, 'Side Panel', section);
}
