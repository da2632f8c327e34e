// Sync engagement: reads what recipients did with recently sent messages — sends, opens, clicks,
// replies, failures — from each contact's Mautic timeline since a look-back window, as items. A click
// is a click on a tracked link of an email; the contact's other page hits (website visits) are not
// counted (MauticClient.engagement). Opens,
// clicks and replies become metric events (step `engagement`) at the time they happened, so the
// dashboards show them; `replied: true` lets the next node stop the sequence. The contact's outreach
// idempotency keys (its tags) say which of our steps it received. Overlapping windows re-read the same
// events: schedule the sync with an interval equal to the look-back.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ENGAGEMENT_EVENTS } from '../../../../connectors/mautic';
import type { MetricEvent } from '../../../../core/metrics';
import { runItems } from '../../../shared/itemRunner';
import { mauticClient } from '../../helpers/clients';
import { readNow } from '../../helpers/clock';
import { event, resultItem, runInfo } from '../../helpers/itemOutput';
import { findExistingContact, keysFromTags } from '../../helpers/mauticContact';
import { fail, optionalText, readRecipient } from '../../helpers/parameters';
import { mauticContactIdOption, nowOption } from '../common.properties';
import { recipientProperties } from '../recipient.properties';

const show = () => ({ show: { resource: ['engagement'], operation: ['sync'] } });

export const description: INodeProperties[] = [
	...recipientProperties('engagement', 'sync'),
	{
		displayName: 'Look Back (Hours)',
		name: 'lookbackHours',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 24,
		displayOptions: show(),
		description: 'Read what happened in this many hours before Now',
	},
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		noDataExpression: true,
		displayOptions: show(),
		options: [
			{
				name: 'One Item per Contact',
				value: 'contact',
				description: 'Counts, last times and the events of each contact',
			},
			{
				name: 'One Item per Event',
				value: 'event',
				description: 'Every send, open, click, reply and failure as its own item',
			},
		],
		default: 'contact',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(),
		options: [
			mauticContactIdOption,
			nowOption,
			{
				displayName: 'Quotation Reference',
				name: 'quoteRef',
				type: 'string',
				default: '',
				placeholder: 'SAL-QTN-2026-00042',
				description: 'ERPNext Quotation the messages were about; carried into the metric events',
			},
		],
	},
];

const KIND_OF: Record<string, string> = Object.fromEntries(
	Object.entries(ENGAGEMENT_EVENTS).map(([kind, type]) => [type, kind]),
);
const METRIC_KINDS = new Set(['opened', 'clicked', 'replied']);

/** A timeline event's time: the connector gives it as an instant (ISO 8601 UTC) or null. */
function instant(value: string | null): Date | undefined {
	return value === null ? undefined : new Date(value);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const run = runInfo(this);
	const mautic = await mauticClient(this);
	const perEvent = this.getNodeParameter('outputMode', 0, 'contact') === 'event';
	return await runItems(this, items.length, { concurrency: 4 }, async (i) => {
		const item = items[i];
		const now = readNow(this, i);
		const { leadRef, email, options, contactId } = readRecipient(this, i);
		const quoteRef = optionalText(this, options.quoteRef, 'Quotation Reference', i);
		const hours = Number(this.getNodeParameter('lookbackHours', i, 24));
		if (!Number.isFinite(hours) || hours <= 0)
			fail(this, i, `Look Back (Hours) must be a positive number, got ${JSON.stringify(hours)}`);
		const since = new Date(now.getTime() - hours * 3_600_000).toISOString();
		const contact = await findExistingContact(mautic, { contactId, email });
		if (!contact) {
			const reason = email
				? `Mautic has no contact with the email ${email}; nothing was sent to this lead through Mautic.`
				: 'The item has neither an Email nor a Mautic Contact ID.';
			return [
				resultItem(
					item,
					i,
					'engagement',
					{ status: 'skipped', policy: 'no_contact', reason, leadRef, mauticContactId: null },
					[],
				),
			];
		}
		const id = contact.id;
		const summary = await mautic.engagement(id, { since, limit: 500 });
		const events = summary.events
			.filter((e) => {
				const at = instant(e.timestamp);
				return at === undefined || at.getTime() <= now.getTime();
			})
			.map((e) => ({
				type: KIND_OF[e.event] ?? e.event,
				event: e.event,
				at: e.timestamp,
				label: e.label,
				eventId: e.eventId,
			}));
		const metricOf = (e: (typeof events)[number]): MetricEvent | undefined =>
			METRIC_KINDS.has(e.type)
				? event(
						run,
						{
							step: 'engagement',
							actor: 'system',
							decision: null,
							outcome: e.type,
							lead_ref: leadRef,
							quote_ref: quoteRef ?? null,
							channel: 'email',
							service: 'mautic',
						},
						// When the engagement happened (an observation, not this step): else the real time.
						instant(e.at) ?? new Date(),
					)
				: undefined;
		if (perEvent) {
			return events.map((e) => {
				const metric = metricOf(e);
				return resultItem(
					item,
					i,
					'engagement',
					{ status: 'synced', leadRef, mauticContactId: id, ...e },
					metric ? [metric] : [],
				);
			});
		}
		const count = (type: string) => events.filter((e) => e.type === type).length;
		const result = {
			status: 'synced',
			leadRef,
			quoteRef: quoteRef ?? null,
			mauticContactId: id,
			since,
			sent: count('sent'),
			opened: count('opened'),
			clicked: count('clicked'),
			replied: count('replied') > 0,
			replies: count('replied'),
			failed: count('failed'),
			lastSentAt: summary.lastSentAt,
			lastOpenedAt: summary.lastOpenedAt,
			lastClickedAt: summary.lastClickedAt,
			lastRepliedAt: summary.lastRepliedAt,
			outreachKeys: keysFromTags(contact),
			events,
		};
		return [
			resultItem(
				item,
				i,
				'engagement',
				result,
				events.map(metricOf).filter((m): m is MetricEvent => m !== undefined),
			),
		];
	});
}
