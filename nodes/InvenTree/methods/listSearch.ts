// Searchable lists for the part and category pickers: one page of InvenTree's own search per call
// (50 rows), continued with the offset as pagination token, so the editor never loads a whole catalog.
// Orderings end with tiebreakers InvenTree has (ADR 0010): name, IPN, id for parts (id from the v534
// schema; older servers drop it) and tree_id, lft for categories (unique on every version).
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { CategorySchema, PartSchema, pageSchema } from '../../../connectors/inventree';
import { toNodeError } from '../../shared/serviceErrors';
import { invenTreeClient } from '../helpers/client';

const PAGE = 50;

function offsetOf(token: string | undefined): number {
	const n = token ? Number(token) : 0;
	return Number.isInteger(n) && n > 0 ? n : 0;
}

export async function searchParts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = offsetOf(paginationToken);
	try {
		const client = await invenTreeClient(this);
		const page = await client.request(
			'/api/part/',
			{ search: filter?.trim() || undefined, ordering: 'name,IPN,id', limit: PAGE, offset },
			pageSchema(PartSchema),
		);
		return {
			results: page.results.map((p) => ({
				name: p.full_name || (p.IPN ? `${p.IPN} | ${p.name}` : p.name),
				value: String(p.pk),
			})),
			paginationToken: page.next ? String(offset + page.results.length) : undefined,
		};
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0);
	}
}

export async function searchCategories(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = offsetOf(paginationToken);
	try {
		const client = await invenTreeClient(this);
		const page = await client.request(
			'/api/part/category/',
			{
				search: filter?.trim() || undefined,
				ordering: 'pathstring,tree_id,lft',
				limit: PAGE,
				offset,
			},
			pageSchema(CategorySchema),
		);
		return {
			results: page.results.map((c) => ({ name: c.pathstring || c.name, value: String(c.pk) })),
			paginationToken: page.next ? String(offset + page.results.length) : undefined,
		};
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0);
	}
}
