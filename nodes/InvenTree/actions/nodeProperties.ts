// The InvenTree node's parameters: the resource picker, then every resource's operation picker and the
// parameters of its operations (each shown only for its resource and operation). The node file holds
// the rest of the description (n8n's lint wants it in the file named after the node).
import type { INodeProperties } from 'n8n-workflow';

import * as category from './category/Category.resource';
import * as part from './part/Part.resource';
import * as pricing from './pricing/Pricing.resource';
import * as stock from './stock/Stock.resource';

export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Category', value: 'category' },
			{ name: 'Part', value: 'part' },
			{ name: 'Pricing', value: 'pricing' },
			{ name: 'Stock', value: 'stock' },
		],
		default: 'part',
	},
	...part.description,
	...stock.description,
	...pricing.description,
	...category.description,
];
