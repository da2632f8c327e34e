// The Quote Generator's dropdowns (issue 16): ERPNext companies, selling price lists and item groups
// (nodes/shared/erpNextLoadOptions.ts), and InvenTree part categories by their path, read with the
// credential the node already uses for them. A value the list does not hold (another site, a name set
// later) can still be given by expression.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { InvenTreeClient, type InvenTreeCategory } from '../../../connectors/inventree';
import { toNodeError } from '../../shared/serviceErrors';

export {
	getErpNextCompanies,
	getErpNextItemGroups,
	getErpNextSellingPriceLists,
} from '../../shared/erpNextLoadOptions';

/** Enough for any real category tree; a longer one is cut there. */
const MAX_ROWS = 500;

export async function getInvenTreeCategories(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	try {
		const creds = await this.getCredentials<{ baseUrl: string; apiToken: string }>(
			'leadToCloseInvenTreeApi',
		);
		const client = InvenTreeClient.forNode(this, creds);
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
