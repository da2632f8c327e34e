// Dropdowns filled from ERPNext (issue 16): the names of a doctype's records (companies, selling price
// lists, item groups), read with the node's Lead-to-Close ERPNext credential, for any node that offers
// them. A name the list does not hold can still be given by expression.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ErpNextClient, type Filters } from '../../connectors/erpnext';
import { toNodeError } from './serviceErrors';

/** Enough for any real list of companies, price lists or item groups; a longer one is cut there. */
const MAX_ROWS = 500;

async function erpNextNames(
	ctx: ILoadOptionsFunctions,
	doctype: string,
	filters?: Filters,
): Promise<INodePropertyOptions[]> {
	try {
		const creds = await ctx.getCredentials<{ baseUrl: string; apiKey: string; apiSecret: string }>(
			'leadToCloseErpNextApi',
		);
		const client = ErpNextClient.forNode(ctx, creds);
		const rows = await client.listAll(doctype, {
			fields: ['name'],
			filters,
			orderBy: 'name asc',
			limit: MAX_ROWS,
		});
		return rows.map((row) => ({ name: String(row.name), value: String(row.name) }));
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, 0);
	}
}

export async function getErpNextCompanies(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await erpNextNames(this, 'Company');
}

export async function getErpNextSellingPriceLists(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await erpNextNames(this, 'Price List', [
		['selling', '=', 1],
		['enabled', '=', 1],
	]);
}

export async function getErpNextItemGroups(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return [{ name: 'All Sales Items', value: '' }, ...(await erpNextNames(this, 'Item Group'))];
}
