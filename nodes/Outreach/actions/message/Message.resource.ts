// The Message resource: Send (through every outreach policy, via Mautic or a hand-off to n8n's own
// nodes) and Draft with AI (bounded template slots, never sent).
import type { INodeProperties } from 'n8n-workflow';

import * as draft from './draft.operation';
import * as send from './send.operation';

export { draft, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Draft With AI',
				value: 'draft',
				description: 'Fill the bounded slots of a template with Claude; the draft is never sent',
				action: 'Draft a message with AI',
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send an email or SMS through Mautic, or hand it to an n8n node, if every policy allows it',
				action: 'Send a message',
			},
		],
		default: 'send',
	},
	...send.description,
	...draft.description,
];
