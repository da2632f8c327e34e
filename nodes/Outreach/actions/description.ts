// The Outreach node's parameters (resource, then each resource's operations and their own
// parameters) and its outputs: one result output, plus a hand-off output when Send uses a channel
// that an n8n node delivers. The class in Outreach.node.ts assembles the description from these.
import type { INodeProperties } from 'n8n-workflow';

import { HANDOFF_OUTPUT_NAMES } from '../helpers/deliveries';
import { legacyNow } from './common.properties';
import * as engagement from './engagement/Engagement.resource';
import * as message from './message/Message.resource';
import * as sequence from './sequence/Sequence.resource';

const HANDOFF_CHANNELS = JSON.stringify(Object.keys(HANDOFF_OUTPUT_NAMES));
const HANDOFF_NAMES = JSON.stringify(HANDOFF_OUTPUT_NAMES);

export const OUTPUTS =
	(`={{ $parameter["resource"] === "message" && $parameter["operation"] === "send" && ${HANDOFF_CHANNELS}.includes($parameter["channel"]) ? ` +
		`[{"type":"main","displayName":"Result"},{"type":"main","displayName":${HANDOFF_NAMES}[$parameter["channel"]]}] : [{"type":"main"}] }}`) as `={{${string}}}`;

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Engagement', value: 'engagement' },
			{ name: 'Message', value: 'message' },
			{ name: 'Sequence', value: 'sequence' },
		],
		default: 'message',
	},
	...message.description,
	...sequence.description,
	...engagement.description,
	legacyNow,
];
