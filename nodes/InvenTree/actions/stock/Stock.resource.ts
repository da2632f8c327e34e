// The Stock resource: its operation picker and the operations' parameters and handlers.
import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../helpers/operationTypes';
import * as getAvailability from './getAvailability.operation';
import * as getItems from './getItems.operation';

export const operations: Record<string, OperationModule> = { getAvailability, getItems };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stock'] } },
		options: [
			{
				name: 'Get Availability',
				value: 'getAvailability',
				description: 'Get the quantity of a part that can be promised',
				action: 'Get the available quantity of a part',
			},
			{
				name: 'Get Items',
				value: 'getItems',
				description: 'Get the stock items of a part',
				action: 'Get the stock items of a part',
			},
		],
		default: 'getAvailability',
	},
	...getAvailability.description,
	...getItems.description,
];
