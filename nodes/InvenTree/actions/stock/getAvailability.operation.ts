// Stock → Get Availability: how much of a part can be promised — InvenTree's unallocated stock (total
// stock minus sales- and build-order allocations, inventree.md §5) — and, for a required quantity,
// whether it is enough and what is missing.
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import type { InvenTreeClient } from '../../../../connectors/inventree';
import { partLocator, readLocator } from '../../helpers/locators';

const properties: INodeProperties[] = [
	partLocator(),
	{
		displayName: 'Required Quantity',
		name: 'requiredQuantity',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Quantity to check the availability against; 0 only reports the stock',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Stock Items',
				name: 'items',
				type: 'boolean',
				default: false,
				description: 'Whether to list the in-stock items as well',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stock'], operation: ['getAvailability'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: InvenTreeClient,
	i: number,
): Promise<IDataObject[]> {
	const part = readLocator(this, 'part', i, 'Part') as number;
	const required = this.getNodeParameter('requiredQuantity', i, 0) as number;
	if (typeof required !== 'number' || !Number.isFinite(required) || required < 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Parameter "Required Quantity" must be a number of 0 or more, got ${JSON.stringify(required)}`,
			{ itemIndex: i },
		);
	}
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const stock = await client.partStock(part, { items: options.items === true });
	const check =
		required > 0
			? {
					required,
					sufficient: stock.unallocated_stock >= required,
					shortfall: Math.max(0, required - stock.unallocated_stock),
				}
			: {};
	return [{ ...(stock as unknown as IDataObject), available: stock.unallocated_stock, ...check }];
}
