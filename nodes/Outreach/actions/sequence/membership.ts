// What "Enroll in Sequence" and "Stop Sequence" share, written once: a contact goes into or out of a
// Mautic campaign, so both show the same campaign picker, Dry Run switch and Mautic Contact ID option
// (each with its own words), and both read an item the same way: the campaign, the recipient, the dry
// run flag, and a metric event maker (step `sequence`, actor `system`, stamped with the item's time).
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { MetricEvent } from '../../../../core/metrics';
import { event, type RunInfo } from '../../helpers/itemOutput';
import { mauticLocatorId, readRecipient, type Recipient } from '../../helpers/parameters';
import { mauticContactIdOption, mauticIdProperties } from '../common.properties';

export type MembershipOperation = 'enroll' | 'stop';

const show = (operation: MembershipOperation) => ({
	show: { resource: ['sequence'], operation: [operation] },
});

/** The campaign (a typed ID in node version 1, a picker from version 2); `purpose` completes "The Mautic campaign …". */
export function campaignProperties(
	operation: MembershipOperation,
	purpose: string,
): INodeProperties[] {
	return mauticIdProperties(
		'campaigns',
		{
			displayName: 'Campaign ID',
			name: 'campaignId',
			type: 'number',
			required: true,
			typeOptions: { minValue: 1 },
			default: 1,
			displayOptions: show(operation),
			description: `ID of the Mautic campaign ${purpose}`,
		},
		{ displayName: 'Campaign', description: `The Mautic campaign ${purpose}` },
	);
}

export function dryRunProperty(
	operation: MembershipOperation,
	description: string,
): INodeProperties {
	return {
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		displayOptions: show(operation),
		description,
	};
}

/** The Options collection: the Mautic Contact ID option and the operation's own, in name order. */
export function optionsProperty(
	operation: MembershipOperation,
	own: INodeProperties[] = [],
): INodeProperties {
	const contactId = mauticContactIdOption;
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(operation),
		options: [contactId, ...own].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export interface MembershipItem extends Recipient {
	campaignId: number;
	dryRun: boolean;
	/** A metric event of this item (`decision`, `outcome`), timed from when the item was read. */
	metric: (decision: string, outcome: string) => MetricEvent;
}

/** One item's campaign, recipient and dry run flag, read and checked in this order. */
export function readMembershipItem(
	ctx: IExecuteFunctions,
	run: RunInfo,
	i: number,
): MembershipItem {
	const started = Date.now();
	const campaignId = mauticLocatorId(ctx, 'campaignId', 'Campaign', i);
	const { leadRef, email, options, contactId } = readRecipient(ctx, i);
	const dryRun = ctx.getNodeParameter('dryRun', i, false) === true;
	const metric = (decision: string, outcome: string) =>
		event(run, {
			step: 'sequence',
			actor: 'system',
			decision,
			outcome,
			lead_ref: leadRef,
			service: 'mautic',
			duration_ms: Date.now() - started,
		});
	return { campaignId, leadRef, email, options, contactId, dryRun, metric };
}
