// Reads the activity of a page of Opportunities from ERPNext in a handful of list requests instead of
// several per deal: one `in` filter per doctype for the whole page (Communication, ToDo, Quotation,
// Version, and Event through its Event Participants child table), each paged by the connector until a
// short page. A page of 100 deals therefore costs about seven requests whatever its size, where a
// per-deal fetch costs about seven per deal (bench/dealMonitorRequests.bench.mts measures both).
// ERPNext lets only some roles read Version; without it the history is left out and a warning says so.
// Events are filtered by Frappe's permission query (frappe/frappe v15
// frappe/desk/doctype/event/event.py get_permission_query_conditions: Public, owned by the user, or
// shared with them) while their Event Participants rows stay visible, so an Event that links a deal
// but does not come back is a private Event of someone else: counted per deal as hidden.
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import type { ErpNextClient, Filters } from '../../connectors/erpnext';
import { TRACKED_FIELDS, emptyRows, type DealRows } from '../../core/dealRisk';
import { ACTIVITY_PAGE, communicationsOf, fileRow, listActivity, versionsOf } from './activityRows';

/** People who take part in an Event, as opposed to the records it is linked to. */
const PERSON_DOCTYPES = new Set(['Contact', 'Lead']);

export interface PageActivity {
	rows: Map<string, DealRows>;
	/** Parts of the activity that could not be read (e.g. no permission on Version). */
	warnings: string[];
	/** Per deal, the Events linked to it that the permission filter hid (private Events of others). */
	hiddenEvents: Map<string, string[]>;
}

const rowsSchema = z.array(z.record(z.string(), z.unknown()));

/**
 * Rows of the Event Participants child table. Frappe lists a child doctype only when told its parent
 * doctype (`parent=Event`, erpnext.md §2), which `/api/resource` lists of the connector do not send, so
 * this pages `frappe.client.get_list` (a read: GET) itself, until a short page.
 */
async function listParticipants(client: ErpNextClient, filters: Filters): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (let start = 0; ; start += ACTIVITY_PAGE) {
		const page = await client.call(
			'frappe.client.get_list',
			{
				doctype: 'Event Participants',
				parent: 'Event',
				fields: ['name', 'parent', 'reference_doctype', 'reference_docname', 'email'],
				filters,
				order_by: 'parent asc, idx asc',
				limit_start: start,
				limit_page_length: ACTIVITY_PAGE,
			},
			'GET',
			rowsSchema,
		);
		out.push(...(page as IDataObject[]));
		if (page.length < ACTIVITY_PAGE) return out;
	}
}

/**
 * Event rows of the page with the people who took part: which Events list one of the deals as a
 * participant, then those Events, then their other participants (contacts), the last two together.
 */
async function events(
	client: ErpNextClient,
	names: string[],
	rows: Map<string, DealRows>,
	hidden: Map<string, string[]>,
): Promise<void> {
	const links = await listParticipants(client, [
		['reference_doctype', '=', 'Opportunity'],
		['reference_docname', 'in', names],
	]);
	const dealsOf = new Map<string, string[]>();
	for (const link of links) {
		if (typeof link.parent !== 'string' || typeof link.reference_docname !== 'string') continue;
		dealsOf.set(link.parent, [...(dealsOf.get(link.parent) ?? []), link.reference_docname]);
	}
	if (dealsOf.size === 0) return;
	const eventNames = [...dealsOf.keys()];
	const [eventRows, people] = await Promise.all([
		listActivity(
			client,
			'Event',
			['name', 'subject', 'starts_on', 'status'],
			[['name', 'in', eventNames]],
		),
		listParticipants(client, [
			['parent', 'in', eventNames],
			['reference_doctype', 'in', [...PERSON_DOCTYPES]],
		]),
	]);
	const contactsOf = new Map<string, string[]>();
	for (const p of people) {
		if (typeof p.parent !== 'string') continue;
		const who =
			typeof p.email === 'string' && p.email.trim() !== '' ? p.email : p.reference_docname;
		if (typeof who === 'string' && who.trim() !== '')
			contactsOf.set(p.parent, [...(contactsOf.get(p.parent) ?? []), who]);
	}
	const seen = new Set<string>();
	for (const e of eventRows) {
		if (typeof e.name !== 'string') continue;
		seen.add(e.name);
		const withContacts = { ...e, contacts: contactsOf.get(e.name) ?? [] };
		for (const deal of dealsOf.get(e.name) ?? []) fileRow(rows, deal, 'events', withContacts);
	}
	for (const [event, deals] of dealsOf) {
		if (seen.has(event)) continue;
		for (const deal of deals) hidden.set(deal, [...(hidden.get(deal) ?? []), event]);
	}
}

async function versions(
	client: ErpNextClient,
	names: string[],
	rows: Map<string, DealRows>,
	warnings: string[],
): Promise<void> {
	const found = await versionsOf(
		client,
		'Opportunity',
		names,
		// Only Versions that touched a tracked field; every other save of the deal is skipped.
		TRACKED_FIELDS.map((f): [string, 'like', string] => ['data', 'like', `%"${f}"%`]),
	);
	if (found === undefined) {
		warnings.push(
			'The ERPNext user may not read Version documents, so stage and close-date history was left out (close_date_pushed, amount_reduced and stage entry dates cannot be seen).',
		);
		return;
	}
	for (const v of found) fileRow(rows, v.docname, 'versions', v);
}

/** Everything the risk assessment needs about a page of deals, grouped by Opportunity name. */
export async function fetchPageActivity(
	client: ErpNextClient,
	names: string[],
): Promise<PageActivity> {
	const rows = new Map<string, DealRows>(names.map((n) => [n, emptyRows()]));
	const warnings: string[] = [];
	const hiddenEvents = new Map<string, string[]>();
	if (names.length === 0) return { rows, warnings, hiddenEvents };
	await Promise.all([
		communicationsOf(client, 'Opportunity', names).then((found) =>
			found.forEach((c) => fileRow(rows, c.reference_name, 'communications', c)),
		),
		listActivity(
			client,
			'ToDo',
			[
				'name',
				'reference_name',
				'date',
				'status',
				'priority',
				'description',
				'allocated_to',
				'modified',
			],
			[
				['reference_type', '=', 'Opportunity'],
				['reference_name', 'in', names],
			],
		).then((found) => found.forEach((t) => fileRow(rows, t.reference_name, 'todos', t))),
		listActivity(
			client,
			'Quotation',
			[
				'name',
				'opportunity',
				'status',
				'valid_till',
				'grand_total',
				'currency',
				'docstatus',
				'transaction_date',
			],
			[['opportunity', 'in', names]],
		).then((found) => found.forEach((q) => fileRow(rows, q.opportunity, 'quotations', q))),
		versions(client, names, rows, warnings),
		events(client, names, rows, hiddenEvents),
	]);
	return { rows, warnings, hiddenEvents };
}
