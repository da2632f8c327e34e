// Deal Monitor: finds open ERPNext Opportunities (or Frappe CRM deals, System of Record "Frappe CRM",
// crmDealSource.ts and core/dealRisk/crmDeal.ts) at risk (stale, ghosted, slipping close date,
// expiring quotation, stuck stage, single-threaded …) and says why, with evidence and next actions.
// A thin adapter: the decisions are core/dealRisk's (the assessment, what hidden activity does to it,
// the at-risk rule, write-back and ToDo thresholds, the digest). One job per file:
//   run.ts           the parameters, read and checked once
//   dealSource.ts    the deals: listed from ERPNext or taken from the input items
//   crmDealSource.ts Frappe CRM: open CRM Deals listed, each read whole, their activity in batches
//   page.ts          one page: activity in batches (activityFetch.ts), then each deal
//   evaluateDeal.ts  one deal: assessed, judged, summarised (claudeSummary.ts), written back
//                    (riskWriteBack.ts), with its metric events (dealEvents.ts)
//   dealOutput.ts    the output items: per deal, or one digest
// What the ERPNext user could not see (visibility.ts) is stated per deal; a signal that a permission
// filter may have caused is taken out, named as unknown, and the deal is sent for review instead.
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getErpNextCompanies } from '../shared/erpNextLoadOptions';
import { runEach } from '../shared/itemRunner';
import { toNodeError } from '../shared/serviceErrors';
import { dealItems, digestItem } from './dealOutput';
import { dealsFromItems, fetchDeals } from './dealSource';
import { properties } from './description';
import { chunk, processPage } from './page';
import { fetchCrmDeals } from './crmDealSource';
import {
	ensureCrmDealFields,
	OPPORTUNITY_RISK_FIELDS,
	REVIEWED_NEXT_ACTION_FIELDS,
} from './riskWriteBack';
import { readRun, type DealInput, type DealResult } from './run';
import { viewWarnings } from './visibility';

/** Pages processed at once; each page's activity is itself read with a few parallel requests. */
const PAGES_IN_FLIGHT = 2;

export class DealMonitor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Deal Monitor',
		name: 'dealMonitor',
		icon: {
			light: 'file:../../icons/dealMonitor.svg',
			dark: 'file:../../icons/dealMonitor.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["outputMode"] === "digest" ? "digest" : "at-risk deals" }}',
		description:
			'Find open ERPNext or Frappe CRM deals at risk, with the evidence and the next actions, and optionally write back and assign follow-ups',
		defaults: { name: 'Deal Monitor' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'leadToCloseErpNextApi',
				required: true,
				displayOptions: { hide: { source: ['snapshots'] } },
			},
			{
				name: 'leadToCloseAnthropicApi',
				required: true,
				displayOptions: { show: { useLlm: [true] } },
			},
		],
		properties,
	};

	methods = { loadOptions: { getErpNextCompanies } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const run = await readRun(this);

		const failures: DealResult[] = [];
		let deals: DealInput[] = [];
		try {
			// Fields first: the Opportunity list then reads the stored AI fields to skip unchanged deals.
			if (run.erp && run.writeBack) {
				if (run.system === 'frappeCrm') await ensureCrmDealFields(run.erp);
				else
					await run.erp.ensureCustomFields('Opportunity', [
						...OPPORTUNITY_RISK_FIELDS,
						...REVIEWED_NEXT_ACTION_FIELDS,
					]);
			}
			if (run.source === 'erpnext' && run.erp)
				deals =
					run.system === 'frappeCrm'
						? await fetchCrmDeals(run, run.erp)
						: await fetchDeals(run, run.erp);
			else {
				const fromItems = dealsFromItems(run, items);
				deals = fromItems.deals;
				failures.push(...fromItems.errors);
			}
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, 0);
			if (!this.continueOnFail()) throw nodeError;
			return [
				[
					{
						json: { error: nodeError.message },
						error: nodeError,
						pairedItem: items.map((_, i) => ({ item: i })),
					},
				],
			];
		}

		const warnings = new Set<string>(run.view ? viewWarnings(run.view) : []);
		const pages = chunk(deals, run.pageSize);
		// A deal that could not be read before (failures) stops the run like any other failing item.
		if (failures.length > 0 && !this.continueOnFail()) throw failures[0].error;
		const pageResults = await runEach(
			this,
			pages.length,
			{ concurrency: PAGES_IN_FLIGHT, halt: run.halt },
			async (p) => {
				const done = await processPage(run, pages[p]);
				done.warnings.forEach((w) => warnings.add(w));
				return done.results;
			},
			(error, p) =>
				pages[p].map(
					(d): DealResult => ({ name: d.name, item: d.item, atRisk: false, events: [], error }),
				),
		);
		const results = [...failures, ...pageResults.flatMap((r) => r ?? [])];

		if (this.getNodeParameter('outputMode', 0, 'perDeal') === 'digest')
			return [[digestItem(run, results, [...warnings], items)]];
		return [dealItems(results)];
	}
}
