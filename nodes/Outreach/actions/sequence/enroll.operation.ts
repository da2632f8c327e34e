// Enroll in sequence: adds the contact to a Mautic campaign whose steps then run on Mautic's cron.
// Before that: the ERPNext Lead's unsubscribe flag (Mautic does not know it, so an unsubscribed lead
// would still get the campaign's mail), a stop mark left by "Stop Sequence" (a re-run must not restart
// a sequence a reply ended), and, unless turned off, the campaign's email steps must be marketing type
// (transactional steps ignore do-not-contact). Adding is idempotent in Mautic; a dry run adds nothing.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { MauticCampaign } from '../../../../connectors/mautic';
import { runItems } from '../../../shared/itemRunner';
import { transactionalEmailSteps, unsafeCampaignMessage } from '../../helpers/campaignSafety';
import { erpNextClient, mauticClient } from '../../helpers/clients';
import { readLeadConsent } from '../../helpers/erpnextRecord';
import { resultItem, runInfo } from '../../helpers/itemOutput';
import { dncOf, resolveContact, stopTag } from '../../helpers/mauticContact';
import { useErpNextProperty } from '../common.properties';
import { recipientProperties } from '../recipient.properties';
import {
	campaignProperties,
	dryRunProperty,
	optionsProperty,
	readMembershipItem,
} from './membership';

const show = () => ({ show: { resource: ['sequence'], operation: ['enroll'] } });

export const description: INodeProperties[] = [
	...campaignProperties('enroll', 'that runs the follow-up sequence'),
	...recipientProperties('sequence', 'enroll'),
	{
		...useErpNextProperty,
		description:
			'Whether to skip leads whose ERPNext Lead is unsubscribed (Mautic does not know that flag)',
		displayOptions: show(),
	},
	{
		displayName: 'Require Marketing Email Steps',
		name: 'requireMarketing',
		type: 'boolean',
		default: true,
		displayOptions: show(),
		description:
			'Whether to refuse campaigns with transactional email steps, which Mautic sends even to do-not-contact contacts',
	},
	dryRunProperty('enroll', 'Whether to check everything without creating contacts or enrolling'),
	optionsProperty('enroll', [
		{
			displayName: 'Create Missing Contact',
			name: 'createContact',
			type: 'boolean',
			default: true,
			description: 'Whether to create the Mautic contact when no contact has the email',
		},
		{
			displayName: 'Re-Enroll Stopped Contacts',
			name: 'allowReenroll',
			type: 'boolean',
			default: false,
			description:
				'Whether to enroll a contact again after "Stop Sequence" removed it from this campaign',
		},
	]),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const run = runInfo(this);
	const mautic = await mauticClient(this);
	const erp =
		this.getNodeParameter('useErpNext', 0, false) === true ? await erpNextClient(this) : undefined;
	const campaigns = new Map<number, Promise<MauticCampaign>>();
	return await runItems(this, items.length, { concurrency: 4 }, async (i) => {
		const item = items[i];
		const { campaignId, leadRef, email, options, contactId, dryRun, metric } = readMembershipItem(
			this,
			run,
			i,
		);
		const allowReenroll = options.allowReenroll === true;
		const notes: string[] = [];
		const resolved = await resolveContact(
			mautic,
			{ contactId, email },
			{ create: options.createContact !== false, dryRun },
		);
		notes.push(...resolved.notes);
		const contact = resolved.contact;
		const base = { campaignId, leadRef, mauticContactId: contact?.id ?? null, dryRun };
		// A dry run records no metric events: simulations never count in the autonomy numbers.
		const skip = (policy: string, reason: string) =>
			resultItem(
				item,
				i,
				'sequence',
				{ status: 'skipped', ...base, policy, reason, notes },
				dryRun ? [] : [metric('skip', policy)],
			);

		if (erp) {
			const consent = await readLeadConsent(erp, leadRef);
			if (consent.unsubscribed)
				return skip(
					'unsubscribed',
					`${consent.note ?? `${leadRef} is unsubscribed in ERPNext.`} Not enrolled in campaign ${campaignId}.`,
				);
		}
		const tag = stopTag(campaignId);
		const wasStopped = contact?.tags.includes(tag) === true;
		if (wasStopped && !allowReenroll) {
			return skip(
				'stopped_before',
				`Mautic contact ${contact?.id} was stopped from campaign ${campaignId} before (tag ${tag}); turn on "Re-Enroll Stopped Contacts" to enroll it again.`,
			);
		}
		let pending = campaigns.get(campaignId);
		if (!pending) {
			pending = mautic.getCampaign(campaignId);
			campaigns.set(campaignId, pending);
		}
		const campaign = await pending;
		if (this.getNodeParameter('requireMarketing', i, true) !== false) {
			const unsafe = transactionalEmailSteps(campaign);
			if (unsafe.length > 0)
				throw new Error(
					`${unsafeCampaignMessage(campaign, unsafe)}, or turn off "Require Marketing Email Steps".`,
				);
		}
		if (campaign.isPublished === false)
			notes.push(
				`Campaign ${campaignId} is unpublished: Mautic runs no step until it is published.`,
			);
		for (const channel of ['email', 'sms'] as const) {
			const dnc = dncOf(contact, channel);
			if (dnc.note)
				notes.push(`${dnc.note} Mautic skips the campaign's ${channel} steps for this contact.`);
		}
		if (dryRun)
			return resultItem(item, i, 'sequence', { status: 'would_enroll', ...base, notes }, []);
		const id = contact?.id as number;
		if (wasStopped) await mautic.removeTags(id, [tag]);
		await mautic.addToCampaign(campaignId, id);
		return resultItem(item, i, 'sequence', { status: 'enrolled', ...base, notes }, [
			metric('enroll', 'enrolled'),
		]);
	});
}
