// The Quote Generator's dropdowns (issue 16): ERPNext companies, selling price lists and item groups,
// and InvenTree part categories, read with the credential the node already uses for them. A value the
// list does not hold (another site, a name set later) can still be given by expression.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ErpNextClient, type Filters } from '../../../connectors/erpnext';
import { n8nAdapter } from '../../../connectors/http';
import { InvenTreeClient, type InvenTreeCategory } from '../../../connectors/inventree';
import { toNodeError } from '../../shared/serviceErrors';

/** Enough for any real list of companies, price lists or item groups; a longer one is cut there. */
const MAX_ROWS = 500;

async function erpNextNames(ctx: ILoadOptionsFunctions, doctype: string, filters?: Filters): Promise<INodePropertyOptions[]> {
	try {
		const creds = await ctx.getCredentials<{ baseUrl: string; apiKey: string; apiSecret: string }>('leadToCloseErpNextApi');
		const client = new ErpNextClient({ baseUrl: creds.baseUrl, adapter: n8nAdapter(ctx, 'leadToCloseErpNextApi'), secrets: [creds.apiKey, creds.apiSecret] });
		const rows = await client.listAll(doctype, { fields: ['name'], filters, orderBy: 'name asc', limit: MAX_ROWS });
		return rows.map((row) => ({ name: String(row.name), value: String(row.name) }));
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, 0);
	}
}

export async function getErpNextCompanies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await erpNextNames(this, 'Company');
}

export async function getErpNextSellingPriceLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await erpNextNames(this, 'Price List', [
		['selling', '=', 1],
		['enabled', '=', 1],
	]);
}

export async function getErpNextItemGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return [{ name: 'All Sales Items', value: '' }, ...(await erpNextNames(this, 'Item Group'))];
}

export async function getInvenTreeCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	try {
		const creds = await this.getCredentials<{ baseUrl: string; apiToken: string }>('leadToCloseInvenTreeApi');
		const client = new InvenTreeClient({ baseUrl: creds.baseUrl, adapter: n8nAdapter(this, 'leadToCloseInvenTreeApi'), secrets: [creds.apiToken] });
		const categories: InvenTreeCategory[] = [];
		for await (const category of client.categories()) {
			categories.push(category);
			if (categories.length >= MAX_ROWS) break;
		}
		return categories
			.map((c) => ({ name: c.pathstring || c.name, value: c.pk }))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0);
	}
}
