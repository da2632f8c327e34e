// The recipient parameters of the sequence and engagement operations (lead reference and email, with
// the Mautic contact ID as an option), built per operation so each shows only where it applies.
import type { INodeProperties } from 'n8n-workflow';

export function recipientProperties(resource: string, operation: string): INodeProperties[] {
	const displayOptions = { show: { resource: [resource], operation: [operation] } };
	return [
		{
			displayName: 'Lead Reference',
			name: 'leadRef',
			type: 'string',
			required: true,
			default: '={{ $json.name }}',
			displayOptions,
			description: 'ERPNext Lead name or your own lead ID, carried into the output and the metrics',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '={{ $json.email_id || $json.email }}',
			displayOptions,
			description: 'Finds the Mautic contact (unless a Mautic Contact ID is given as an option)',
		},
	];
}
