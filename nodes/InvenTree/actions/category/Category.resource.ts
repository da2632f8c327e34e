// The Category resource: its operation picker and the operation's parameters and handler.
import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../helpers/operationTypes';
import * as getMany from './getMany.operation';

export const operations: Record<string, OperationModule> = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['category'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List part categories',
				action: 'Get many categories',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
