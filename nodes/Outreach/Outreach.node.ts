// Outreach: the lead-to-close pipeline's contact step. A thin adapter in n8n's v2 layout — the
// parameters and one router live under actions/, each operation in its own file, every decision
// (consent, channel, quiet hours, caps, idempotency, template bounds) in core/outreach, every call
// to Mautic, ERPNext and Anthropic in connectors/. Credentials: Mautic for everything that touches a
// Mautic contact (optional for hand-off sends that the system of record logs, and for dry runs), the
// ERPNext / Frappe credential when consent checks and logging are on (ERPNext's Lead, or Frappe CRM's
// CRM Lead / CRM Deal with System of Record = Frappe CRM: docs/decisions/0034), Anthropic for Claude
// drafts.
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getMauticSegments, mauticListSearch } from '../shared/mauticLoadOptions';
import { OUTPUTS, properties } from './actions/description';
import { router } from './actions/router';

export class Outreach implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Outreach',
		name: 'outreach',
		icon: { light: 'file:../../icons/outreach.svg', dark: 'file:../../icons/outreach.dark.svg' },
		group: ['output'],
		// 2: Mautic emails, text messages and campaigns are picked from lists (issue 16); version 1 nodes
		// keep their typed IDs.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Send policy-checked messages (consent, quiet hours, caps, no duplicates), draft with AI, run Mautic sequences and read engagement',
		defaults: { name: 'Outreach' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS,
		credentials: [
			// Not required: a Send with a hand-off channel (with "Use ERPNext" to remember sends) or a Dry Run
			// works without Mautic; where Mautic is needed the node says so, naming the operation (issue 16).
			{
				name: 'leadToCloseMauticApi',
				required: false,
				displayOptions: { hide: { operation: ['draft'] } },
			},
			{
				// One Frappe credential for ERPNext and Frappe CRM (both apps can run on one site).
				name: 'leadToCloseErpNextApi',
				required: true,
				displayOptions: { show: { useErpNext: [true] } },
			},
			{
				name: 'leadToCloseAnthropicApi',
				required: true,
				displayOptions: { show: { operation: ['draft'], slotSource: ['claude'] } },
			},
		],
		properties,
	};

	methods = { listSearch: mauticListSearch, loadOptions: { getMauticSegments } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
