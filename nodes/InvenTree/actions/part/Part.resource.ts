// The Part resource: its operation picker and the operations' parameters and handlers.
import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../helpers/operationTypes';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as search from './search.operation';

export const operations: Record<string, OperationModule> = { get, getMany, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['part'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a part by ID', action: 'Get a part' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List parts with filters',
				action: 'Get many parts',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Search parts by text',
				action: 'Search parts',
			},
		],
		default: 'search',
	},
	...get.description,
	...search.description,
	...getMany.description,
];
