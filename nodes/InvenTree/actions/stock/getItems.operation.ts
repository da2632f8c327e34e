// Stock → Get Items: the stock items of one part (lots, serials, locations), by default only what is
// in stock, each with the quantity not yet allocated to orders.
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { InvenTreeClient } from '../../../../connectors/inventree';
import { partLocator, readLocator } from '../../helpers/locators';
import { returnAllFields, rowLimit } from '../../helpers/returnAll';

const properties: INodeProperties[] = [
	partLocator(),
	...returnAllFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Variants',
				name: 'includeVariants',
				type: 'boolean',
				default: true,
				description: "Whether stock of the part's variants counts too",
			},
			{
				displayName: 'In Stock Only',
				name: 'inStock',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out items that were shipped, consumed or installed',
			},
			{
				displayName: 'Not Fully Allocated Only',
				name: 'available',
				type: 'boolean',
				default: false,
				description: 'Whether to leave out items fully allocated to orders',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stock'], operation: ['getItems'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: InvenTreeClient,
	i: number,
): Promise<IDataObject[]> {
	const part = readLocator(this, 'part', i, 'Part') as number;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const out: IDataObject[] = [];
	const items = client.stockItems(
		{
			part,
			includeVariants: options.includeVariants === false ? false : undefined,
			inStock: options.inStock === false ? undefined : true,
			available: options.available === true || undefined,
		},
		{ limit: rowLimit(this, i) },
	);
	for await (const item of items) {
		const allocated = typeof item.allocated === 'number' ? item.allocated : 0;
		out.push({ ...(item as IDataObject), unallocated: Math.max(0, item.quantity - allocated) });
	}
	return out;
}
