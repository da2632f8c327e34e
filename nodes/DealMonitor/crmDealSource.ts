// Frappe CRM deals (System of Record "Frappe CRM", docs/decisions/0028): the open CRM Deals the filters
// select (status of a type other than Won or Lost), and for a page of deals everything the assessment
// reads, in a handful of requests: each CRM Deal by GET (the list API drops child tables, and the status
// change log is one), then one `in` list per kind of activity for the whole page: Communication
// (e-mails, reference_doctype "CRM Deal"), CRM Call Log, CRM Task and FCRM Note (reference_doctype/
// reference_docname, crm/api/activities.py get_linked_calls / get_linked_tasks) and Version (CRM Deal
// tracks changes). Without read on Version the history is left out and a warning says so.
// Facts from frappe/crm @ 8b7dfdde (docs/real-servers.md "Frappe CRM").
import type { IDataObject } from 'n8n-workflow';

import type { ErpNextClient, Filters } from '../../connectors/erpnext';
import { mapPool } from '../shared/pool';
import { communicationsOf, fileRow, listActivity, versionsOf } from './activityRows';
import { extraFilters } from './dealSource';
import type { DealInput, Run } from './run';

export const CRM_DEAL = 'CRM Deal';
/** CRM Deals read by GET at once (the transport caps requests per host anyway). */
const DEALS_READ_AT_ONCE = 4;

/** The activity rows of one CRM Deal, as the list API returns them. */
export interface CrmRows {
	communications: IDataObject[];
	callLogs: IDataObject[];
	tasks: IDataObject[];
	notes: IDataObject[];
	versions: IDataObject[];
}

export const emptyCrmRows = (): CrmRows => ({
	communications: [],
	callLogs: [],
	tasks: [],
	notes: [],
	versions: [],
});

/** The CRM Deal Statuses that are still in play: any type but Won and Lost. */
export function openCrmStatuses(types: ReadonlyMap<string, string>): string[] {
	return [...types].filter(([, type]) => type !== 'Won' && type !== 'Lost').map(([name]) => name);
}

/** The open CRM Deals the filters select, in pages of the run's page size (names only). */
export async function fetchCrmDeals(run: Run, erp: ErpNextClient): Promise<DealInput[]> {
	const filters = run.ctx.getNodeParameter('filters', 0, {}) as IDataObject;
	const open = openCrmStatuses(run.crmStatusTypes ?? new Map());
	if (open.length === 0) return [];
	const where: Array<[string, '=' | 'in', string | string[]]> = [['status', 'in', open]];
	if (filters.owner) where.push(['deal_owner', '=', String(filters.owner)]);
	if (filters.salesStage) where.push(['status', '=', String(filters.salesStage)]);
	const maxDeals = Number(filters.maxDeals ?? 0);
	const rows = await erp.listAll(CRM_DEAL, {
		fields: ['name'],
		filters: [...where, ...(extraFilters(run, filters.extraFilters) as typeof where)],
		orderBy: 'creation asc, name asc',
		pageSize: run.pageSize,
		limit: maxDeals > 0 ? maxDeals : undefined,
	});
	return rows.map((row) => ({ name: String(row.name), item: 0, row: { name: String(row.name) } }));
}

/**
 * Each CRM Deal of a page as Frappe CRM holds it now (GET, child tables and custom fields included); a
 * deal that cannot be read (e.g. deleted since) is that deal's error, not the page's.
 */
export async function currentCrmDeals(
	erp: ErpNextClient,
	names: string[],
): Promise<Map<string, IDataObject | Error>> {
	const docs = await mapPool(names, DEALS_READ_AT_ONCE, async (name) => {
		try {
			return (await erp.get(CRM_DEAL, name)) as IDataObject;
		} catch (error) {
			return error instanceof Error ? error : new Error(String(error));
		}
	});
	return new Map(names.map((name, i) => [name, docs[i]]));
}

/** The activity of a page of CRM Deals, grouped by deal name. */
export async function fetchCrmActivity(
	erp: ErpNextClient,
	names: string[],
): Promise<{ rows: Map<string, CrmRows>; warnings: string[] }> {
	const rows = new Map<string, CrmRows>(names.map((n) => [n, emptyCrmRows()]));
	const warnings: string[] = [];
	if (names.length === 0) return { rows, warnings };
	const linked: Filters = [
		['reference_doctype', '=', CRM_DEAL],
		['reference_docname', 'in', names],
	];
	await Promise.all([
		communicationsOf(erp, CRM_DEAL, names).then((found) =>
			found.forEach((c) => fileRow(rows, c.reference_name, 'communications', c)),
		),
		listActivity(
			erp,
			'CRM Call Log',
			[
				'name',
				'reference_docname',
				'type',
				'status',
				'duration',
				'from',
				'to',
				'start_time',
				'creation',
			],
			linked,
		).then((found) => found.forEach((c) => fileRow(rows, c.reference_docname, 'callLogs', c))),
		listActivity(
			erp,
			'CRM Task',
			[
				'name',
				'reference_docname',
				'title',
				'description',
				'status',
				'priority',
				'due_date',
				'assigned_to',
				'modified',
			],
			linked,
		).then((found) => found.forEach((t) => fileRow(rows, t.reference_docname, 'tasks', t))),
		listActivity(erp, 'FCRM Note', ['name', 'reference_docname', 'title', 'creation'], linked).then(
			(found) => found.forEach((n) => fileRow(rows, n.reference_docname, 'notes', n)),
		),
		versionsOf(erp, CRM_DEAL, names).then((found) => {
			if (found === undefined)
				warnings.push(
					'The Frappe user may not read Version: changes of the expected closure date and the deal value are not assessed.',
				);
			else found.forEach((v) => fileRow(rows, v.docname, 'versions', v));
		}),
	]);
	return { rows, warnings };
}
