// Create sequence from template: clones a Mautic template campaign (POST /campaigns/clone/{id}),
// which is simpler and safer than building the campaign canvas through the API (mautic.md §6). Only a
// template whose email steps are all marketing type is cloned, so the copy respects do-not-contact;
// the copy is checked again afterwards. Mautic saves the copy unpublished, for a person to review and
// publish. Not idempotent: every run makes a new copy.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { emailSteps, transactionalEmailSteps, unsafeCampaignMessage } from '../../helpers/campaignSafety';
import { mauticClient } from '../../helpers/clients';
import { event, failedItem, resultItem, runInfo } from '../../helpers/itemOutput';
import { mauticId } from '../../helpers/parameters';

const show = () => ({ show: { resource: ['sequence'], operation: ['cloneTemplate'] } });

export const description: INodeProperties[] = [
	{
		displayName: 'Template Campaign ID',
		name: 'templateCampaignId',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1 },
		default: 1,
		displayOptions: show(),
		description: 'ID of the Mautic campaign to copy; all its email steps must be marketing type',
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const run = runInfo(this);
	const mautic = await mauticClient(this);
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const now = new Date();
		try {
			const started = Date.now();
			const templateId = mauticId(this, this.getNodeParameter('templateCampaignId', i), 'Template Campaign ID', i);
			const template = await mautic.getCampaign(templateId);
			const unsafe = transactionalEmailSteps(template);
			if (unsafe.length > 0) throw new Error(`${unsafeCampaignMessage(template, unsafe)} before cloning it.`);
			if (template.events.length === 0) throw new Error(`Mautic campaign ${templateId} has no steps; there is nothing to clone`);
			const copy = await mautic.cloneCampaign(templateId);
			const warnings = transactionalEmailSteps(copy).length > 0 ? [`${unsafeCampaignMessage(copy, transactionalEmailSteps(copy))} (the copy differs from the template).`] : [];
			const result = {
				status: 'created',
				templateCampaignId: templateId,
				campaign: { id: copy.id, name: copy.name, isPublished: copy.isPublished ?? false, steps: emailSteps(copy) },
				notes: copy.isPublished ? [] : ['Mautic saved the copy unpublished: review it and publish it in Mautic before enrolling contacts.'],
				warnings,
			};
			out.push(
				resultItem(items[i], i, 'sequence', result, [
					event(run, { step: 'sequence', actor: 'system', decision: null, outcome: 'created', service: 'mautic', duration_ms: Date.now() - started }, now),
				]),
			);
		} catch (error) {
			const failed = failedItem(this, i, error);
			if (!this.continueOnFail()) throw failed.nodeError;
			out.push(failed.item);
		}
	}
	return [out];
}
