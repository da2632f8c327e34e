// Lead Score Calibration (issue 20, ADR 0037): backtests the Lead Qualifier's score on the closed
// ERPNext Leads or Frappe CRM leads (System of Record, ADR 0028), proposes a calibrated profile (same explainable weights, a reason per weight, a
// version), and applies or restores profile versions as explicit steps. A thin adapter: the
// statistics and the calibration are core/qualify/calibrate's; the history is read by history.ts;
// versions live in the workflow's static data (nodes/LeadQualifier/profileStore.ts).
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ErpNextClient } from '../../connectors/erpnext';
import type { QualifyConfig } from '../../core/qualify';
import {
	activeProfile,
	addProposal,
	applyProfile,
	applyVersion,
	latestVersion,
	restoreVersion,
	runBacktest,
	type ProfileStore,
} from '../../core/qualify/calibrate';
import { parseJsonOption, qualifyConfigOrThrow } from '../LeadQualifier/configOptions';
import {
	loadProfileStore,
	profileChangesKept,
	saveProfileStore,
} from '../LeadQualifier/profileStore';
import { dateParameter } from '../shared/clock';
import type { SystemOfRecord } from '../shared/systemOfRecord';
import { runItems } from '../shared/itemRunner';
import { properties } from './description';
import { readErpNextHistory, readFrappeCrmHistory } from './history';

function backtestConfig(ctx: IExecuteFunctions, store: ProfileStore): QualifyConfig {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const icp = parseJsonOption(ctx, options.icp, 'Ideal Customer Profile');
	const taxonomy = parseJsonOption(ctx, options.taxonomy, 'Need Taxonomy');
	const config = qualifyConfigOrThrow(ctx, {
		...(icp && Object.keys(icp).length ? { icp } : {}),
		...(taxonomy && Object.keys(taxonomy).length ? { taxonomy } : {}),
	});
	// The history is scored with what the Lead Qualifier uses now: the applied profile, if any.
	const active = activeProfile(store);
	return active ? applyProfile(config, active) : config;
}

function notKept(ctx: IExecuteFunctions, what: string): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`${what} is kept only by a production execution: n8n does not save a manual run's workflow data`,
		{
			description:
				'Run it through the activated workflow (its webhook, schedule or form), e.g. the Apply Profile webhook of workflows/lead-score-calibration.json.',
		},
	);
}

export class LeadScoreCalibration implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Score Calibration',
		name: 'leadScoreCalibration',
		icon: {
			light: 'file:../../icons/leadScoreCalibration.svg',
			dark: 'file:../../icons/leadScoreCalibration.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Backtest the lead score on won and lost ERPNext or Frappe CRM leads, propose a calibrated profile, and apply or restore profile versions',
		defaults: { name: 'Lead Score Calibration' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'leadToCloseErpNextApi',
				required: true,
				displayOptions: { show: { operation: ['backtest'] } },
			},
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const now = new Date();
		// One run per execution whatever the number of input items: the history and the store are the
		// workflow's, not an item's.
		return await runItems(this, 1, { concurrency: 1 }, async () => {
			let store = loadProfileStore(this);
			const kept = profileChangesKept(this);
			if (operation === 'backtest') {
				const creds = await this.getCredentials<{
					baseUrl: string;
					apiKey: string;
					apiSecret: string;
				}>('leadToCloseErpNextApi');
				const client = ErpNextClient.forNode(this, creds);
				const config = backtestConfig(this, store);
				const createdAfter = dateParameter(
					this,
					this.getNodeParameter('createdAfter', 0, ''),
					'Created After',
					0,
					'Leave it empty to read the whole history.',
				);
				const system = this.getNodeParameter('systemOfRecord', 0, 'erpnext') as SystemOfRecord;
				const history =
					system === 'frappeCrm'
						? await readFrappeCrmHistory(client, config, createdAfter)
						: await readErpNextHistory(
								client,
								config,
								{
									converted: this.getNodeParameter('convertedStatuses', 0, []) as string[],
									lost: this.getNodeParameter('lostStatuses', 0, []) as string[],
								},
								createdAfter,
							);
				const options = this.getNodeParameter('options', 0, {}) as IDataObject;
				const report = runBacktest(history.leads, config, {
					currentVersion: latestVersion(store),
					...(typeof options.holdoutShare === 'number'
						? { holdoutShare: options.holdoutShare }
						: {}),
					...(typeof options.priorPoints === 'number' ? { priorPoints: options.priorPoints } : {}),
				});
				let proposed = report.proposed;
				if (proposed && kept) {
					const added = addProposal(store, proposed, report.summary, now);
					store = added.store;
					proposed = { ...proposed, version: added.version };
					saveProfileStore(this, store);
				}
				return {
					json: {
						operation,
						...report,
						proposed,
						proposalStored: Boolean(proposed && kept),
						...(proposed && !kept
							? {
									proposalNote:
										'Manual run: the proposal is shown but not kept; n8n keeps it only from a production execution.',
								}
							: {}),
						appliedVersion: store.active,
						skipped: history.skipped,
					} as unknown as IDataObject,
					pairedItem: { item: 0 },
				};
			}
			if (operation === 'apply' || operation === 'restore') {
				if (!kept)
					throw notKept(this, operation === 'apply' ? 'Applying a profile' : 'Restoring a profile');
				const previous = store.active;
				try {
					if (operation === 'apply') {
						const wanted = this.getNodeParameter('version', 0, 0) as number;
						store = applyVersion(store, wanted || latestVersion(store), now);
					} else {
						const to = this.getNodeParameter('restoreTo', 0, 'previous') as string;
						store = restoreVersion(
							store,
							to === 'parameters'
								? 0
								: to === 'version'
									? (this.getNodeParameter('restoreVersion', 0, 1) as number)
									: undefined,
							now,
						);
					}
				} catch (error) {
					throw new NodeOperationError(this.getNode(), (error as Error).message);
				}
				saveProfileStore(this, store);
				return {
					json: {
						operation,
						appliedVersion: store.active,
						previousVersion: previous,
						profile: activeProfile(store),
					} as unknown as IDataObject,
					pairedItem: { item: 0 },
				};
			}
			return {
				json: {
					operation,
					appliedVersion: store.active,
					versions: store.versions.map((entry) => ({
						version: entry.profile.version,
						basis: entry.profile.basis,
						proposedAt: entry.proposedAt,
						thresholds: entry.profile.thresholds,
						summary: entry.summary,
					})),
					log: store.log,
				} as unknown as IDataObject,
				pairedItem: { item: 0 },
			};
		});
	}
}
