// What the node outputs: per at-risk deal, the core assessment readable first (amount in major units
// with the exact minor units beside, issue 16) with the summary, what could not be seen, the write-back
// result, warnings and the deal's metric events after any the input item carried; or, in digest mode,
// one item built by core/dealRisk's buildDigest; and one error item per failure (a page failure once).
import type { IDataObject, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import {
	buildDigest,
	type DealAssessment,
	type DealSnapshot,
	type Visibility,
} from '../../core/dealRisk';
import { EVENTS_KEY, attachEvents, collectEvents, type MetricEvent } from '../../core/metrics';
import { readableMoney } from '../../core/money';
import type { DealSummary } from './claudeSummary';
import { viewWarnings } from './visibility';
import type { DealInput, DealResult, Run } from './run';

/** What the node found and did for one at-risk deal. */
export interface DealFindings {
	snapshot: DealSnapshot;
	assessment: DealAssessment;
	summary?: DealSummary;
	visibility?: Visibility;
	review: boolean;
	erpnext?: IDataObject;
	/** The page's warnings. */
	warnings: string[];
	events: MetricEvent[];
}

/** The page's warnings plus what the user's roles hide, for one deal's output. */
function withViewWarnings(run: Run, warnings: string[]): IDataObject {
	const all = [...warnings, ...(run.view ? viewWarnings(run.view) : [])];
	return all.length > 0 ? { warnings: all } : {};
}

/** The output item's JSON of one at-risk deal. */
export function dealOutput(run: Run, input: DealInput, found: DealFindings): IDataObject {
	const { snapshot, assessment, summary, visibility, review, erpnext, warnings, events } = found;
	const output: IDataObject = {
		...assessment,
		deal: {
			...assessment.deal,
			// Readable first (issue 16): { amount (major units), currency, display }, the exact minor units beside.
			amount: {
				...readableMoney(assessment.deal.amount.minor, assessment.deal.amount.currency),
				minor: assessment.deal.amount.minor,
			},
			customer_name: snapshot.customer_name ?? null,
			expected_closing: snapshot.expected_closing ?? null,
			probability: snapshot.probability,
		},
		assessedAt: run.now.toISOString(),
		summary: { ...summary } as IDataObject,
		...(visibility && !visibility.complete ? { visibility: { ...visibility } as IDataObject } : {}),
		...(review
			? {
					needsReview: true,
					reviewReason: `Activity the ERPNext user cannot see may change this assessment: ${visibility?.unknown.map((u) => u.reason).join(' ')}`,
				}
			: {}),
		...(erpnext ? { [run.system === 'frappeCrm' ? 'frappeCrm' : 'erpnext']: erpnext } : {}),
		...(warnings.length || run.view ? withViewWarnings(run, warnings) : {}),
		...(run.includeSnapshot ? { snapshot: snapshot as unknown as IDataObject } : {}),
	};
	const upstream = run.source === 'erpnext' ? undefined : input.upstream?.[EVENTS_KEY];
	const json =
		upstream === undefined
			? { ...output, [EVENTS_KEY]: events }
			: attachEvents({ ...output, [EVENTS_KEY]: collectEvents(input.upstream ?? {}) }, events);
	return json as IDataObject;
}

/** Digest mode: one item for the whole scan, paired with every input item. */
export function digestItem(
	run: Run,
	results: DealResult[],
	warnings: string[],
	items: INodeExecutionData[],
): INodeExecutionData {
	const atRisk = results.filter((r) => r.atRisk && r.json && r.assessment);
	const assessed = results.filter((r) => r.assessment);
	const digest = buildDigest({
		assessedAt: run.now,
		assessed: assessed.length,
		open: assessed.filter((r) => r.assessment?.open).length,
		atRisk: atRisk.map((r) => ({
			assessment: r.assessment as DealAssessment,
			output: Object.fromEntries(Object.entries(r.json ?? {}).filter(([k]) => k !== EVENTS_KEY)),
		})),
		errors: results
			.filter((r) => r.error)
			.map((r) => ({ deal: r.name, error: r.error?.message ?? '' })),
		warnings,
	});
	const paired: IPairedItemData[] = items.map((_, i) => ({ item: i }));
	return {
		json: { ...digest, [EVENTS_KEY]: atRisk.flatMap((r) => r.events) } as unknown as IDataObject,
		pairedItem: paired,
	};
}

/** Per-deal mode: each at-risk deal paired with its item; errors once per page failure. */
export function dealItems(results: DealResult[]): INodeExecutionData[] {
	// Errors are reported once per page failure (all its deals share one error).
	const reported = new Set<unknown>();
	const out: INodeExecutionData[] = [];
	for (const r of results) {
		if (r.error) {
			if (reported.has(r.error)) continue;
			reported.add(r.error);
			out.push({
				json: { error: r.error.message, deal: r.name },
				error: r.error,
				pairedItem: { item: r.item },
			});
		} else if (r.atRisk && r.json) out.push({ json: r.json, pairedItem: { item: r.item } });
	}
	return out;
}
