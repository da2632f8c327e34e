// Where the deals come from: the open Opportunities the filters select (listed from ERPNext in pages),
// or the input items (ERPNext Opportunities, e.g. from a trigger, or ready snapshots), each checked so
// a bad item becomes that item's error; and, for Opportunities given as items, the rest of their fields
// as ERPNext holds them now, read for a whole page in one request.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ErpNextClient, Filters } from '../../connectors/erpnext';
import { toNodeError } from '../shared/serviceErrors';
import { OPPORTUNITY_FIELDS, preview, snapshotFromItem } from '../../core/dealRisk';
import { STORED_RISK_FIELDS } from './riskWriteBack';
import { fail, type DealInput, type DealResult, type Run } from './run';

export function extraFilters(run: Run, value: unknown): Filters {
	if (value === undefined || value === null || value === '' || value === '[]') return [];
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw fail(
				run.ctx,
				`Filter "Extra Filters (JSON)" must be a JSON list of Frappe filters, got ${preview(value)}`,
			);
		}
	}
	if (
		!Array.isArray(parsed) ||
		!parsed.every((f) => Array.isArray(f) && (f.length === 3 || f.length === 4))
	) {
		throw fail(
			run.ctx,
			`Filter "Extra Filters (JSON)" must be a list like [["territory", "=", "Germany"]], got ${preview(parsed)}`,
		);
	}
	return parsed as Filters;
}

/** The Opportunity columns read: the stored AI fields too when the run writes them back. */
function opportunityFields(run: Run): string[] {
	return run.writeBack ? [...OPPORTUNITY_FIELDS, ...STORED_RISK_FIELDS] : OPPORTUNITY_FIELDS;
}

/** The open Opportunities the filters select, in pages of the run's page size. */
export async function fetchDeals(run: Run, erp: ErpNextClient): Promise<DealInput[]> {
	const { ctx } = run;
	const filters = ctx.getNodeParameter('filters', 0, {}) as IDataObject;
	const where: Array<[string, '=' | 'in', string | string[]]> = [
		['status', 'in', run.config.openStatuses],
	];
	if (filters.owner) where.push(['opportunity_owner', '=', String(filters.owner)]);
	if (filters.salesStage) where.push(['sales_stage', '=', String(filters.salesStage)]);
	if (filters.company) where.push(['company', '=', String(filters.company)]);
	const maxDeals = Number(filters.maxDeals ?? 0);
	const rows = await erp.listAll('Opportunity', {
		fields: opportunityFields(run),
		filters: [...where, ...(extraFilters(run, filters.extraFilters) as typeof where)],
		orderBy: 'creation asc, name asc',
		pageSize: run.pageSize,
		limit: maxDeals > 0 ? maxDeals : undefined,
	});
	return rows.map((row) => ({ name: String(row.name), item: 0, row: row as IDataObject }));
}

/** The deals of the input items; an item that is not one becomes that item's error. */
export function dealsFromItems(
	run: Run,
	items: INodeExecutionData[],
): { deals: DealInput[]; errors: DealResult[] } {
	const deals: DealInput[] = [];
	const errors: DealResult[] = [];
	items.forEach((item, i) => {
		try {
			if (run.source === 'snapshots') {
				const snapshot = snapshotFromItem(item.json, i);
				deals.push({ name: snapshot.name, item: i, snapshot, upstream: item.json });
				return;
			}
			const name = item.json.name;
			const crm = run.system === 'frappeCrm';
			const expected = crm ? 'CRM Deal' : 'Opportunity';
			if (typeof name !== 'string' || name.trim() === '') {
				throw fail(
					run.ctx,
					crm
						? `The item has no CRM Deal "name" (got ${preview(name)}); pass Frappe CRM deals or their names`
						: `The item has no Opportunity "name" (got ${preview(name)}); pass ERPNext Opportunity documents, e.g. from an ERPNext trigger`,
					i,
				);
			}
			const doctype = item.json.doctype;
			if (typeof doctype === 'string' && doctype !== '' && doctype !== expected) {
				throw fail(
					run.ctx,
					`The item is a ${doctype} (${name}), not ${crm ? 'a CRM Deal' : 'an Opportunity'}`,
					i,
				);
			}
			deals.push({ name, item: i, row: item.json, upstream: item.json });
		} catch (error) {
			errors.push({
				name: String(item.json.name ?? `item ${i}`),
				item: i,
				atRisk: false,
				events: [],
				error: toNodeError(run.ctx.getNode(), error, i),
			});
		}
	});
	return { deals, errors };
}

/**
 * The Opportunities of a page of input items as ERPNext holds them now, in one request: an item
 * from a trigger may carry only some fields, and write-back compares with the stored AI fields.
 */
export async function currentOpportunities(
	run: Run,
	erp: ErpNextClient,
	names: string[],
): Promise<Map<string, IDataObject>> {
	const rows = await erp.listAll('Opportunity', {
		fields: opportunityFields(run),
		filters: [['name', 'in', names]],
		// Names are unique: the list ends after as many rows, without asking for an empty page.
		pageSize: Math.max(1, names.length),
		limit: Math.max(1, names.length),
	});
	return new Map(rows.map((row) => [String(row.name), row as IDataObject]));
}

/** The item's own values win; fields it lacks come from ERPNext, the stored AI fields always do. */
export function withCurrentFields(
	run: Run,
	deal: DealInput,
	current: IDataObject | undefined,
): DealInput {
	if (!deal.row || !current) return deal;
	const row: IDataObject = { ...current, ...deal.row };
	if (run.writeBack) for (const field of STORED_RISK_FIELDS) row[field] = current[field] ?? null;
	return { ...deal, row };
}
