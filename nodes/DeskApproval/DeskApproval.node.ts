// Desk Approval: a person approves or rejects an AI proposal where they work, in the ERPNext desk
// (issue 19, ADR 0036). "Request Approval" keeps a reviewed quote a draft Quotation and assigns its
// review as a ToDo; "Read Decision", after a Frappe Trigger on the Quotation, turns the submit (approve)
// or the cancel / declare-lost (reject) into the workflow's next step and a human metric event.
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ErpNextClient } from '../../connectors/erpnext';
import { clockParameter } from '../shared/clock';
import type { SystemOfRecord } from '../shared/systemOfRecord';
import { readCrmDecisions } from './crm/decide';
import { readCrmLeadDecisions } from './crm/leadDecide';
import { requestCrmLeadReviews } from './crm/leadRequest';
import { checkCrmPending } from './crm/pending';
import { requestCrmApprovals } from './crm/request';
import { readDecisions } from './decide';
import { readDealDecisions } from './deal/decide';
import { OPERATIONS, properties, type Operation } from './description';
import { checkPending } from './pending';
import { requestApprovals } from './request';
import { readLeadDecisions } from './lead/decide';
import { requestLeadReviews } from './lead/request';

const OUTPUTS: `={{${string}}}` = ('={{ $parameter["operation"] === "decide" ? ' +
	'[{"type":"main","displayName":"Approved"},{"type":"main","displayName":"Rejected"},{"type":"main","displayName":"No Decision"}]' +
	' : $parameter["operation"] === "decideLead" ? ' +
	'[{"type":"main","displayName":"Qualified"},{"type":"main","displayName":"Nurture"},{"type":"main","displayName":"Disqualified"},{"type":"main","displayName":"Dismissed"},{"type":"main","displayName":"No Decision"}]' +
	' : $parameter["operation"] === "decideDeal" ? ' +
	'[{"type":"main","displayName":"Accepted"},{"type":"main","displayName":"Overridden"},{"type":"main","displayName":"Dismissed"},{"type":"main","displayName":"No Decision"}]' +
	' : [{"type":"main"}] }}') as `={{${string}}}`;

export class DeskApproval implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Desk Approval',
		name: 'deskApproval',
		icon: {
			light: 'file:../../icons/deskApproval.svg',
			dark: 'file:../../icons/deskApproval.dark.svg',
		},
		group: ['transform'],
		// 1.1: Check Pending covers lead reviews and deal-risk actions too (Requests); 1 checked quotes only.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{ {"decide": "read decision", "checkPending": "check pending", "requestLead": "request lead review", "decideLead": "read lead decision", "decideDeal": "read deal decision"}[$parameter["operation"]] || "request approval" }}',
		description:
			'Ask a person to approve a quote or review a lead in the ERPNext desk (a ToDo on the record) or in Frappe CRM (a CRM Task on the deal or lead), and read their decision on it or on a deal-risk action',
		defaults: { name: 'Desk Approval' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS,
		credentials: [{ name: 'leadToCloseErpNextApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0, OPERATIONS.request) as Operation;
		const credentials = await this.getCredentials<{
			baseUrl: string;
			apiKey: string;
			apiSecret: string;
		}>('leadToCloseErpNextApi');
		const client = ErpNextClient.forNode(this, credentials);
		// Frappe CRM (ADR 0041): a CRM Task on the CRM Deal instead of a ToDo on the Quotation.
		const system = this.getNodeParameter('systemOfRecord', 0, 'erpnext') as SystemOfRecord;
		// Deal-risk actions (ADR 0046): the Deal Monitor's ToDo or CRM Task, on either system.
		if (operation === OPERATIONS.decideDeal)
			return await readDealDecisions(this, client, items, system);
		if (system === 'frappeCrm') {
			if (operation === OPERATIONS.decide) return await readCrmDecisions(this, client, items);
			// Lead reviews on a CRM Lead (ADR 0047).
			if (operation === OPERATIONS.decideLead)
				return await readCrmLeadDecisions(this, client, items);
			if (operation === OPERATIONS.requestLead)
				return await requestCrmLeadReviews(this, client, items, new Date());
			if (operation === OPERATIONS.pending)
				return await checkCrmPending(
					this,
					client,
					items,
					clockParameter(this, this.getNodeParameter('now', 0, ''), 'Now'),
				);
			return await requestCrmApprovals(this, client, items, new Date());
		}
		if (operation === OPERATIONS.decide) return await readDecisions(this, client, items);
		if (operation === OPERATIONS.decideLead) return await readLeadDecisions(this, client, items);
		if (operation === OPERATIONS.requestLead)
			return await requestLeadReviews(this, client, items, new Date());
		if (operation === OPERATIONS.pending)
			return await checkPending(
				this,
				client,
				items,
				clockParameter(this, this.getNodeParameter('now', 0, ''), 'Now'),
			);
		return await requestApprovals(this, client, items, new Date());
	}
}
