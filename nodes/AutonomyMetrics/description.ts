// The Autonomy Metrics node's parameters: the mode (collect the events riding on items into rows for
// n8n's Postgres node, or record a person's send-and-wait answer as an event), whether collected items
// are also passed on unchanged, and where the hand-off that a human answer belongs to is found.
import type { INodeProperties } from 'n8n-workflow';

export const MODES = { collect: 'collect', recordHumanDecision: 'recordHumanDecision' } as const;
export type Mode = (typeof MODES)[keyof typeof MODES];

export const HANDOFF_SOURCES = { auto: 'auto', events: 'events', define: 'define' } as const;
export type HandoffSource = (typeof HANDOFF_SOURCES)[keyof typeof HANDOFF_SOURCES];

const collectOnly = { show: { mode: [MODES.collect] } };
const recordOnly = { show: { mode: [MODES.recordHumanDecision] } };

export const properties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Collect Events',
				value: MODES.collect,
				description:
					'One row per metric event carried by the incoming items (_ltcEvents), duplicates removed, ready for the Postgres node (Insert into ltc_events)',
				action: 'Collect events into rows',
			},
			{
				name: 'Record Human Decision',
				value: MODES.recordHumanDecision,
				description:
					'Turn a send-and-wait answer (approved/declined, respondedAt) into a human event on the hand-off it answers',
				action: 'Record a human decision',
			},
		],
		default: 'collect',
	},
	{
		displayName:
			'Connect the Rows output to a Postgres node: Insert, table ltc_events, Map Automatically, option Skip on Conflict (apply dashboards/schema.sql first). With On Error set to "Continue (using error output)", items with broken events never reach the database.',
		name: 'collectNotice',
		type: 'notice',
		default: '',
		displayOptions: collectOnly,
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Rows Only', value: 'rows', description: 'One output: the event rows' },
			{
				name: 'Rows and Items',
				value: 'rowsAndItems',
				description:
					'A second output passes the incoming items on unchanged, so the workflow can go on after storing',
			},
		],
		default: 'rows',
		displayOptions: collectOnly,
	},
	{
		displayName: 'Accept Events Made Elsewhere',
		name: 'acceptEventsMadeElsewhere',
		type: 'boolean',
		default: false,
		description:
			'Whether to also store events that no Lead-to-Close node made in this execution (events returned by a sub-workflow, or stored items replayed by hand). Off: such events are dropped, so events posted to a webhook can never become rows. Never turn it on in a workflow that receives outside data.',
		displayOptions: collectOnly,
	},
	{
		displayName: 'Hand-Off',
		name: 'handoff',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Find Automatically',
				value: HANDOFF_SOURCES.auto,
				description:
					"The last review/handoff event on the item's _ltcEvents, else on the paired item of the nearest earlier node (a send-and-wait answer carries only the answer)",
			},
			{
				name: 'From Events',
				value: HANDOFF_SOURCES.events,
				description: 'The last review/handoff event in the events given below',
			},
			{
				name: 'Define Below',
				value: HANDOFF_SOURCES.define,
				description:
					'Set the step and references yourself; workflow and execution are the current ones',
			},
		],
		default: 'auto',
		displayOptions: recordOnly,
	},
	{
		displayName: 'Hand-Off Events',
		name: 'handoffEvents',
		type: 'json',
		default: '={{ $json._ltcEvents }}',
		required: true,
		description:
			"The events of the item that asked for the approval: an _ltcEvents array, or an item's JSON object holding one",
		hint: "After a send-and-wait node, refer to the node that asked, e.g. {{ $('Lead Qualifier').item.json._ltcEvents }}",
		displayOptions: {
			show: { mode: [MODES.recordHumanDecision], handoff: [HANDOFF_SOURCES.events] },
		},
	},
	{
		displayName: 'Step',
		name: 'step',
		type: 'string',
		default: 'qualify',
		required: true,
		placeholder: 'qualify',
		description: 'Pipeline step the person decided on: qualify, quote, outreach …',
		displayOptions: {
			show: { mode: [MODES.recordHumanDecision], handoff: [HANDOFF_SOURCES.define] },
		},
	},
	{
		displayName: 'References',
		name: 'refs',
		type: 'collection',
		placeholder: 'Add Reference',
		default: {},
		description:
			'The record the decision is about; the most specific one groups the answer with the AI decision',
		displayOptions: {
			show: { mode: [MODES.recordHumanDecision], handoff: [HANDOFF_SOURCES.define] },
		},
		options: [
			{
				displayName: 'Deal Reference',
				name: 'dealRef',
				type: 'string',
				default: '',
				placeholder: 'CRM-OPP-2026-00012',
			},
			{
				displayName: 'Lead Reference',
				name: 'leadRef',
				type: 'string',
				default: '',
				placeholder: 'CRM-LEAD-2026-00042',
			},
			{
				displayName: 'Quote Reference',
				name: 'quoteRef',
				type: 'string',
				default: '',
				placeholder: 'SAL-QTN-2026-00007',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: recordOnly,
		options: [
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'string',
				default: '',
				placeholder: 'email',
				description:
					'Where the person was asked (email, slack, …). Empty = the responder source Slack reports, if any.',
			},
			{
				displayName: 'Hand-Off Step',
				name: 'handoffStep',
				type: 'string',
				default: '',
				placeholder: 'quote',
				description:
					'Only a hand-off of this step counts (when the item carries hand-offs of several steps)',
			},
			{
				displayName: 'Requested At',
				name: 'requestedAt',
				type: 'dateTime',
				default: '',
				description:
					"When the person was asked; gives the response time. Empty = the hand-off event's time. Without an offset, read in the workflow's time zone.",
			},
		],
	},
];
