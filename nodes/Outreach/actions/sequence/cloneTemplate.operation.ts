// Create sequence from template: copies a Mautic template campaign with its steps, segments, forms
// and settings into a new campaign. Mautic's own API clone (POST /campaigns/clone/{id}) copies none of
// the steps, segments or forms (Campaign::__clone), so the connector rebuilds the campaign through
// POST /campaigns/new and checks the result against the template; a copy that differs is deleted again
// and the item fails. Only a template whose email steps are all marketing type is copied, so the copy
// respects do-not-contact. The copy is saved unpublished unless "Publish the Copy" is on: a person
// reviews it and publishes it in Mautic before contacts are enrolled. Not idempotent: every run makes
// a new campaign.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	emailSteps,
	transactionalEmailSteps,
	unsafeCampaignMessage,
} from '../../helpers/campaignSafety';
import { mauticClient } from '../../helpers/clients';
import { runItems } from '../../../shared/itemRunner';
import { event, resultItem, runInfo } from '../../helpers/itemOutput';
import { idList, mauticLocatorId, optionalText } from '../../helpers/parameters';
import { mauticIdProperties } from '../common.properties';

const show = () => ({ show: { resource: ['sequence'], operation: ['cloneTemplate'] } });

export const description: INodeProperties[] = [
	...mauticIdProperties(
		'campaigns',
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
		{
			displayName: 'Template Campaign',
			description: 'The Mautic campaign to copy; all its email steps must be marketing type',
		},
	),
	{
		displayName: 'Options',
		name: 'copyOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(),
		options: [
			{
				displayName: 'Campaign Name',
				name: 'campaignName',
				type: 'string',
				default: '',
				description:
					'Name of the new campaign; empty means the template\'s name followed by "(copy)"',
			},
			{
				displayName: 'Segment Names or IDs',
				name: 'segments',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getMauticSegments' },
				default: [],
				description:
					'Segments the copy starts from, in place of the template\'s (for a template that starts from segments); empty keeps the template\'s. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Publish the Copy',
				name: 'publish',
				type: 'boolean',
				default: false,
				description:
					"Whether to publish the new campaign at once, so its segment members start receiving its steps when Mautic's campaign cron runs; off saves it unpublished for a person to review and publish in Mautic",
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const run = runInfo(this);
	const mautic = await mauticClient(this);
	return await runItems(this, items.length, { concurrency: 1 }, async (i) => {
		const started = Date.now();
		const templateId = mauticLocatorId(this, 'templateCampaignId', 'Template Campaign', i);
		const options = this.getNodeParameter('copyOptions', i, {}) as IDataObject;
		const name = optionalText(this, options.campaignName, 'Campaign Name', i);
		const publish = options.publish === true;
		const segmentIds = idList(this, options.segments, 'Segment Names or IDs', i);
		const template = await mautic.getCampaign(templateId);
		const unsafe = transactionalEmailSteps(template);
		if (unsafe.length > 0)
			throw new Error(`${unsafeCampaignMessage(template, unsafe)} before copying it.`);
		const { campaign: copy } = await mautic.copyCampaign(templateId, {
			name,
			isPublished: publish,
			...(segmentIds.length > 0 ? { segmentIds } : {}),
		});
		const result = {
			status: 'created',
			templateCampaignId: templateId,
			campaign: {
				id: copy.id,
				name: copy.name,
				isPublished: copy.isPublished ?? false,
				steps: emailSteps(copy),
				segmentIds: copy.lists.map((list) => list.id),
				formIds: copy.forms.map((form) => form.id),
			},
			notes: copy.isPublished
				? [
						"The copy is published: members of its segments enter it when Mautic's campaign cron (mautic:campaigns:update) runs.",
					]
				: [
						'The copy is saved unpublished: review it and publish it in Mautic before enrolling contacts; nothing is sent from an unpublished campaign.',
					],
		};
		return resultItem(items[i], i, 'sequence', result, [
			event(run, {
				step: 'sequence',
				actor: 'system',
				decision: null,
				outcome: 'created',
				service: 'mautic',
				duration_ms: Date.now() - started,
			}),
		]);
	});
}
