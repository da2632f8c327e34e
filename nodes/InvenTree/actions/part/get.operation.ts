// Part → Get: one part by ID, list pick or URL, optionally with its parameters, category, category path
// and sale price breaks embedded (inventree.md §4-5).
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { InvenTreeClient } from '../../../../connectors/inventree';
import { partLocator, readLocator } from '../../helpers/locators';

const properties: INodeProperties[] = [
	partLocator(),
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
				description: 'Whether to embed the category (with its path)',
			},
			{
				displayName: 'Include Category Path',
				name: 'pathDetail',
				type: 'boolean',
				default: false,
				description: 'Whether to embed the ancestors of the category, root first',
			},
			{
				displayName: 'Include Parameters',
				name: 'parameters',
				type: 'boolean',
				default: false,
				description: 'Whether to embed the part parameters (voltage, size …)',
			},
			{
				displayName: 'Include Sale Price Breaks',
				name: 'priceBreaks',
				type: 'boolean',
				default: false,
				description: 'Whether to embed the sale price breaks (InvenTree API 412 or newer)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['part'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: InvenTreeClient,
	i: number,
): Promise<IDataObject[]> {
	const id = readLocator(this, 'part', i, 'Part') as number;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const part = await client.part(id, {
		parameters: options.parameters === true || undefined,
		categoryDetail: options.categoryDetail === true || undefined,
		pathDetail: options.pathDetail === true || undefined,
		priceBreaks: options.priceBreaks === true || undefined,
	});
	return [part as IDataObject];
}
