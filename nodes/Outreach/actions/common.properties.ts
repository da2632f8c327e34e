// Parameters several Outreach operations share: the clock ("Now"), the ERPNext switch and the sending
// policy. Each operation spreads them into its own description with its own displayOptions.
import type { INodeProperties } from 'n8n-workflow';

import type { MauticCatalog } from '../../../connectors/mautic';
import { mauticLocator } from '../../shared/mauticLoadOptions';
import { movedToOptions } from '../../shared/movedOption';

/**
 * A Mautic email, text message or campaign field (issue 16). Version 1 of the node keeps the typed
 * number of the workflows saved with it (`legacy`, which defaulted to 1); from version 2 it is a picker
 * (From List, By ID, By URL) with nothing chosen by default, under the same parameter name.
 */
export function mauticIdProperties(
	catalog: MauticCatalog,
	legacy: INodeProperties,
	picker: { displayName: string; description: string },
): INodeProperties[] {
	const show = legacy.displayOptions?.show ?? {};
	return [
		{ ...legacy, displayOptions: { ...legacy.displayOptions, show: { ...show, '@version': [1] } } },
		mauticLocator(catalog, {
			...picker,
			name: legacy.name,
			displayOptions: {
				...legacy.displayOptions,
				show: { ...show, '@version': [{ _cnd: { gte: 2 } }] },
			},
		}),
	];
}

export const nowProperty: INodeProperties = {
	displayName: 'Now',
	name: 'now',
	type: 'dateTime',
	default: '',
	description:
		"The time to decide at (quiet hours, caps, deferrals). Empty = the current time. Set it for reproducible tests and dry runs. Without an offset, read in the workflow's time zone.",
};

/**
 * "Now" sits under the Options of Send and Sync Engagement, the operations that decide by time (issue
 * 16); a workflow that set it at the top level keeps it. Enroll, Stop, Create From Template and Draft
 * decide nothing by time and stamp their metric events with the real time, so they have no "Now".
 */
const movedNow = movedToOptions(nowProperty, { show: { operation: ['send', 'sync'] } });
export const nowOption = movedNow.option;
/** The option every Mautic-facing operation has: a known contact instead of a lookup by e-mail. */
export const mauticContactIdOption: INodeProperties = {
	displayName: 'Mautic Contact ID',
	name: 'mauticContactId',
	type: 'string',
	default: '',
	description: 'Use this Mautic contact instead of finding it by email',
};
/** One top-level "Now" for both (one parameter per name: n8n drops a repeated name that shows only when set). */
export const legacyNow: INodeProperties = movedNow.legacy;

export const useErpNextProperty: INodeProperties = {
	displayName: 'Check Consent and Log in ERPNext',
	name: 'useErpNext',
	type: 'boolean',
	default: false,
	description:
		"Whether to read the ERPNext Lead's Unsubscribed flag before sending and log each sent message as a Communication on the Lead or Quotation (also a second record of what was sent)",
};

const WEEKDAYS = [
	{ name: 'Monday', value: 1 },
	{ name: 'Tuesday', value: 2 },
	{ name: 'Wednesday', value: 3 },
	{ name: 'Thursday', value: 4 },
	{ name: 'Friday', value: 5 },
	{ name: 'Saturday', value: 6 },
	{ name: 'Sunday', value: 7 },
];

export const policyProperty: INodeProperties = {
	displayName: 'Sending Policy',
	name: 'policy',
	type: 'collection',
	placeholder: 'Add Policy Setting',
	default: {},
	description:
		"When messages may reach a recipient, in the recipient's own time zone; unset settings use the defaults shown",
	options: [
		{
			displayName: 'Allowed Weekdays',
			name: 'allowedWeekdays',
			type: 'multiOptions',
			options: [...WEEKDAYS].sort((a, b) => a.name.localeCompare(b.name)),
			default: [1, 2, 3, 4, 5],
			description: "Days of the week (recipient's time) on which messages go out",
		},
		{
			displayName: 'Default Time Zone',
			name: 'defaultTimeZone',
			type: 'string',
			default: 'UTC',
			placeholder: 'Europe/Berlin',
			description: 'IANA time zone for recipients with neither a time zone nor a known country',
		},
		{
			displayName: 'Max Messages per Window',
			name: 'capMax',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 2,
			description:
				'Frequency cap: at most this many messages per recipient (all channels) in any window',
		},
		{
			displayName: 'Quiet Hours End',
			name: 'quietHoursEnd',
			type: 'string',
			default: '08:00',
			placeholder: '08:00',
			description: "Local time (HH:mm) at which the recipient's quiet hours end",
		},
		{
			displayName: 'Quiet Hours Start',
			name: 'quietHoursStart',
			type: 'string',
			default: '20:00',
			placeholder: '20:00',
			description:
				"Local time (HH:mm) at which the recipient's quiet hours start; equal start and end mean none",
		},
		{
			displayName: 'Window (Hours)',
			name: 'capWindowHours',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 72,
			description: 'Length of the rolling frequency-cap window in hours',
		},
	],
};
