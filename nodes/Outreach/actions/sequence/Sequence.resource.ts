// The Sequence resource: Mautic campaigns that run a follow-up sequence — enroll a contact, stop it
// (reply, accept, decline), and create a sequence by copying a template campaign safely.
import type { INodeProperties } from 'n8n-workflow';

import * as cloneTemplate from './cloneTemplate.operation';
import * as enroll from './enroll.operation';
import * as stop from './stop.operation';

export { cloneTemplate, enroll, stop };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sequence'] } },
		options: [
			{
				name: 'Create From Template',
				value: 'cloneTemplate',
				description:
					'Copy a Mautic template campaign (steps, segments, settings) whose email steps respect do-not-contact',
				action: 'Create a sequence from a template',
			},
			{
				name: 'Enroll',
				value: 'enroll',
				description: 'Add the contact to a Mautic campaign, unless unsubscribed or stopped before',
				action: 'Enroll a contact in a sequence',
			},
			{
				name: 'Stop',
				value: 'stop',
				description: 'Remove the contact from a Mautic campaign so no further step runs',
				action: 'Stop a sequence for a contact',
			},
		],
		default: 'enroll',
	},
	...enroll.description,
	...stop.description,
	...cloneTemplate.description,
];
