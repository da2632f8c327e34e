// Stop sequence: removes the contact from a Mautic campaign (Mautic flags it manually removed and
// runs none of its scheduled steps) and leaves a stop mark tag on the contact, so "Enroll in
// Sequence" does not put it back when an upstream workflow runs again. Used when a lead replies,
// accepts or declines. Removing twice is harmless; a dry run changes nothing.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runItems } from '../../../shared/itemRunner';
import { mauticClient } from '../../helpers/clients';
import { resultItem, runInfo } from '../../helpers/itemOutput';
import { findExistingContact, stopTag } from '../../helpers/mauticContact';
import { recipientProperties } from '../recipient.properties';
import {
	campaignProperties,
	dryRunProperty,
	optionsProperty,
	readMembershipItem,
} from './membership';

const show = () => ({ show: { resource: ['sequence'], operation: ['stop'] } });

export const description: INodeProperties[] = [
	...campaignProperties('stop', 'to take the contact out of'),
	...recipientProperties('sequence', 'stop'),
	{
		displayName: 'Stop Reason',
		name: 'stopReason',
		type: 'options',
		displayOptions: show(),
		options: [
			{ name: 'Manual', value: 'manual' },
			{ name: 'Quote Accepted', value: 'accepted' },
			{ name: 'Quote Declined', value: 'declined' },
			{ name: 'Replied', value: 'replied' },
			{ name: 'Unsubscribed', value: 'unsubscribed' },
		],
		default: 'replied',
		description: 'Why the sequence ends; recorded as the outcome of the metric event',
	},
	dryRunProperty('stop', 'Whether to find the contact without removing or tagging it'),
	optionsProperty('stop'),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const run = runInfo(this);
	const mautic = await mauticClient(this);
	return await runItems(this, items.length, { concurrency: 4 }, async (i) => {
		const item = items[i];
		const { campaignId, leadRef, email, contactId, dryRun, metric } = readMembershipItem(
			this,
			run,
			i,
		);
		const reason = String(this.getNodeParameter('stopReason', i, 'replied'));
		const contact = await findExistingContact(mautic, { contactId, email });
		const base = {
			campaignId,
			leadRef,
			mauticContactId: contact?.id ?? null,
			stopReason: reason,
			dryRun,
		};
		if (!contact) {
			// Nobody to stop: not an error for a workflow that stops on every reply.
			return resultItem(
				item,
				i,
				'sequence',
				{
					status: 'skipped',
					...base,
					policy: 'no_contact',
					reason: `Mautic has no contact with the email ${email}; there is no sequence to stop.`,
				},
				[...(dryRun ? [] : [metric('skip', 'no_contact')])],
			);
		}
		if (dryRun) return resultItem(item, i, 'sequence', { status: 'would_stop', ...base }, []);
		await mautic.removeFromCampaign(campaignId, contact.id);
		await mautic.addTags(contact.id, [stopTag(campaignId)]);
		return resultItem(item, i, 'sequence', { status: 'stopped', ...base }, [
			metric('exit', reason),
		]);
	});
}
