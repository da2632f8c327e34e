// Part → Search: InvenTree's text search over name, IPN, description and keywords (every word must
// match, inventree.md §3), paged; by default only active parts.
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { InvenTreeClient } from '../../../../connectors/inventree';
import { returnAllFields, rowLimit } from '../../helpers/returnAll';

const properties: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. PLC CPU profinet',
		description: 'Words that must all appear in the name, IPN, description or keywords',
	},
	...returnAllFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Active Only',
				name: 'active',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out inactive parts',
			},
			{
				displayName: 'In Stock Only',
				name: 'hasStock',
				type: 'boolean',
				default: false,
				description: 'Whether to return only parts with stock',
			},
			{
				displayName: 'Salable Only',
				name: 'salable',
				type: 'boolean',
				default: false,
				description: 'Whether to return only parts that can be sold',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['part'], operation: ['search'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: InvenTreeClient,
	i: number,
): Promise<IDataObject[]> {
	const query = (this.getNodeParameter('query', i, '') as string).trim();
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const out: IDataObject[] = [];
	const parts = client.parts(
		{
			search: query || undefined,
			active: options.active === false ? undefined : true,
			salable: options.salable === true || undefined,
			hasStock: options.hasStock === true || undefined,
		},
		{ limit: rowLimit(this, i) },
	);
	for await (const part of parts) out.push(part as IDataObject);
	return out;
}
