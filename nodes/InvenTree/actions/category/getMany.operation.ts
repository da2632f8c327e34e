// Category → Get Many: part categories with their full path, top level only, below a parent (direct
// children or every descendant), or matching a search.
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { InvenTreeClient } from '../../../../connectors/inventree';
import { categoryLocator, readLocator } from '../../helpers/locators';
import { returnAllFields, rowLimit } from '../../helpers/returnAll';

const properties: INodeProperties[] = [
	...returnAllFields,
	categoryLocator({
		displayName: 'Parent Category',
		name: 'parent',
		description: 'Only categories below this one (empty = anywhere)',
	}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'All Descendants',
				name: 'cascade',
				type: 'boolean',
				default: true,
				description:
					'Whether to include every level below the parent, not only its direct children',
			},
			{
				displayName: 'Search Text',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Words that must appear in the name or description',
			},
			{
				displayName: 'Structural',
				name: 'structural',
				type: 'boolean',
				default: false,
				description: 'Whether the category is structural (holds no parts itself)',
			},
			{
				displayName: 'Top Level Only',
				name: 'topLevel',
				type: 'boolean',
				default: true,
				description: 'Whether to return only categories without a parent',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['category'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: InvenTreeClient,
	i: number,
): Promise<IDataObject[]> {
	const parent = readLocator(this, 'parent', i, 'Parent Category', true);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const out: IDataObject[] = [];
	const categories = client.categories(
		{
			parent,
			cascade:
				parent === undefined
					? undefined
					: typeof filters.cascade === 'boolean'
						? filters.cascade
						: undefined,
			search:
				typeof filters.search === 'string' && filters.search.trim() !== ''
					? filters.search.trim()
					: undefined,
			structural: typeof filters.structural === 'boolean' ? filters.structural : undefined,
			topLevel: filters.topLevel === true || undefined,
		},
		{ limit: rowLimit(this, i) },
	);
	for await (const category of categories) out.push(category as IDataObject);
	return out;
}
