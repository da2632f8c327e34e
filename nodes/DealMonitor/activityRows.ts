// The activity lists both systems of record share, read one way: the one pager for a doctype's rows
// linked to a page of deals (the connector's list API, 500 rows a request, in creation order), rows
// grouped by deal, the deals' e-mails (Communication rows referencing the deal doctype) and their
// Version history, which only some roles may read: without read on Version it is left out (undefined),
// and the caller says what that hides. Opportunities (activityFetch.ts) and CRM Deals
// (crmDealSource.ts) differ only in the doctypes and link fields they name.
import type { IDataObject } from 'n8n-workflow';

import { ErpNextError, type ErpNextClient, type Filters } from '../../connectors/erpnext';

/** Rows per list request for activity (several rows per deal, so larger than a page of deals). */
export const ACTIVITY_PAGE = 500;

/** Every row of `doctype` the filters select, paged by the connector until a short page. */
export async function listActivity(
	erp: ErpNextClient,
	doctype: string,
	fields: string[],
	filters: Filters,
	orFilters?: Filters,
): Promise<IDataObject[]> {
	return (await erp.listAll(doctype, {
		fields,
		filters,
		orFilters,
		orderBy: 'creation asc, name asc',
		pageSize: ACTIVITY_PAGE,
	})) as IDataObject[];
}

/** Files `row` under its deal (`deal`, the row's link field) and kind; a row of no known deal is dropped. */
export function fileRow<K extends string>(
	rows: ReadonlyMap<string, Record<K, unknown[]>>,
	deal: unknown,
	kind: K,
	row: IDataObject,
): void {
	if (typeof deal === 'string') rows.get(deal)?.[kind].push(row);
}

/** The e-mails (Communication, type Communication) of the deals `names` of `doctype`. */
export async function communicationsOf(
	erp: ErpNextClient,
	doctype: string,
	names: string[],
): Promise<IDataObject[]> {
	return await listActivity(
		erp,
		'Communication',
		[
			'name',
			'reference_name',
			'communication_date',
			'creation',
			'sent_or_received',
			'communication_medium',
			'sender',
			'recipients',
			'subject',
		],
		[
			['reference_doctype', '=', doctype],
			['reference_name', 'in', names],
			['communication_type', '=', 'Communication'],
		],
	);
}

/**
 * The Version rows of the deals `names` of `doctype` (only those `orFilters` select, when given), or
 * undefined when the user may not read Version (403).
 */
export async function versionsOf(
	erp: ErpNextClient,
	doctype: string,
	names: string[],
	orFilters?: Filters,
): Promise<IDataObject[] | undefined> {
	return await listActivity(
		erp,
		'Version',
		['name', 'docname', 'data', 'creation'],
		[
			['ref_doctype', '=', doctype],
			['docname', 'in', names],
		],
		orFilters,
	).catch((error: unknown) => {
		if (error instanceof ErpNextError && error.status === 403) return undefined;
		throw error;
	});
}
