// The Pricing resource: its operation picker and the operations' parameters and handlers.
import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../helpers/operationTypes';
import * as getSalePriceBreaks from './getSalePriceBreaks.operation';
import * as getSummary from './getSummary.operation';

export const operations: Record<string, OperationModule> = { getSalePriceBreaks, getSummary };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['pricing'] } },
		options: [
			{
				name: 'Get Sale Price Breaks',
				value: 'getSalePriceBreaks',
				description: 'Get the sale price breaks of a part',
				action: 'Get the sale price breaks of a part',
			},
			{
				name: 'Get Summary',
				value: 'getSummary',
				description: 'Get the cached pricing summary of a part',
				action: 'Get the pricing summary of a part',
			},
		],
		default: 'getSummary',
	},
	...getSalePriceBreaks.description,
	...getSummary.description,
];
