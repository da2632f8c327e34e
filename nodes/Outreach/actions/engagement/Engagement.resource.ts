// The Engagement resource: what recipients did with the messages (opens, clicks, replies) as items.
import type { INodeProperties } from 'n8n-workflow';

import * as sync from './sync.operation';

export { sync };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['engagement'] } },
		options: [
			{
				name: 'Sync',
				value: 'sync',
				description: 'Read sends, opens, clicks and replies of recent messages from Mautic',
				action: 'Sync engagement of recent messages',
			},
		],
		default: 'sync',
	},
	...sync.description,
];
