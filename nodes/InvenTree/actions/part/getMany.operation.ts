// Part → Get Many: the part list with InvenTree's filters (category with or without sub-categories,
// active, salable, purchaseable, stock, pricing, exact IPN), a stable ordering and optional embeds.
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
	categoryLocator({ description: 'Only parts in this category (empty = any category)' }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Active',
				name: 'active',
				type: 'boolean',
				default: true,
				description: 'Whether the part is active',
			},
			{
				displayName: 'Has Pricing',
				name: 'hasPricing',
				type: 'boolean',
				default: true,
				description: 'Whether InvenTree has pricing for the part',
			},
			{
				displayName: 'Has Stock',
				name: 'hasStock',
				type: 'boolean',
				default: true,
				description: 'Whether the part has stock',
			},
			{
				displayName: 'Include Sub-Categories',
				name: 'cascade',
				type: 'boolean',
				default: true,
				description: 'Whether parts in sub-categories of the category count too',
			},
			{
				displayName: 'IPN',
				name: 'ipn',
				type: 'string',
				default: '',
				description: 'Exact internal part number (case-insensitive)',
			},
			{
				displayName: 'Purchaseable',
				name: 'purchaseable',
				type: 'boolean',
				default: true,
				description: 'Whether the part can be bought',
			},
			{
				displayName: 'Salable',
				name: 'salable',
				type: 'boolean',
				default: true,
				description: 'Whether the part can be sold',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Category',
				name: 'categoryDetail',
				type: 'boolean',
				default: false,
				description: "Whether to embed each part's category",
			},
			{
				displayName: 'Include Parameters',
				name: 'parameters',
				type: 'boolean',
				default: false,
				description: "Whether to embed each part's parameters",
			},
			{
				displayName: 'Sort By',
				name: 'ordering',
				type: 'options',
				options: [
					{ name: 'Available Stock (Most First)', value: '-unallocated_stock' },
					{ name: 'Created (Newest First)', value: '-creation_date' },
					{
						name: 'ID',
						value: 'id',
						description: 'InvenTree API 534 or newer; older servers sort by name',
					},
					{ name: 'IPN', value: 'IPN' },
					{ name: 'Name', value: 'name' },
				],
				default: 'id',
				description:
					'Ties are broken by name, IPN and ID. Older InvenTree servers may order tied parts differently per page; the node then reads the list once more without paging, so no part is skipped.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['part'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: InvenTreeClient,
	i: number,
): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const category = readLocator(this, 'category', i, 'Category', true);
	const flag = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
	const out: IDataObject[] = [];
	const parts = client.parts(
		{
			category,
			cascade: category === undefined ? undefined : flag(filters.cascade),
			active: flag(filters.active),
			salable: flag(filters.salable),
			purchaseable: flag(filters.purchaseable),
			hasStock: flag(filters.hasStock),
			hasPricing: flag(filters.hasPricing),
			ipn:
				typeof filters.ipn === 'string' && filters.ipn.trim() !== ''
					? filters.ipn.trim()
					: undefined,
			ordering: typeof options.ordering === 'string' ? options.ordering : undefined,
			parameters: options.parameters === true || undefined,
			categoryDetail: options.categoryDetail === true || undefined,
		},
		{ limit: rowLimit(this, i) },
	);
	for await (const part of parts) out.push(part as IDataObject);
	return out;
}
