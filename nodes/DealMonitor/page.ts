// One page of deals: its activity read in batches (activityFetch.ts) together with, for Opportunities
// given as items, their current fields; the existing comment keys of the page; then every deal of the
// page evaluated, a few at once, through the shared item runner. A failed read fails every deal of the
// page with one error.
import { runEach } from '../shared/itemRunner';
import { toNodeError } from '../shared/serviceErrors';
import { fetchPageActivity } from './activityFetch';
import { CRM_DEAL, currentCrmDeals, emptyCrmRows, fetchCrmActivity } from './crmDealSource';
import type { CrmRows } from './crmDealSource';
import { emptyRows, type DealRows } from '../../core/dealRisk';
import { currentOpportunities, withCurrentFields } from './dealSource';
import { evaluateDeal, type PageContext } from './evaluateDeal';
import { existingCommentKeys } from './riskWriteBack';
import type { DealInput, DealResult, Run } from './run';

/** At-risk deals of a page summarised and written back at once (the transport caps requests per host). */
const DEALS_IN_FLIGHT = 4;

export function chunk<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/** One failure for the whole page: every deal of it carries this error. */
function pageReadError(run: Run, page: DealInput[], error: unknown): Error {
	const nodeError = toNodeError(run.ctx.getNode(), error, page[0].item);
	nodeError.message = `Could not read the activity of ${page.length} deal(s) ${page[0].name}…${page[page.length - 1].name}: ${nodeError.message}`;
	return nodeError;
}

/**
 * Every deal of a page evaluated, a few at once, through the shared item runner; `contextOf` gives
 * what the page read for one deal (or throws that deal's own read error).
 */
async function evaluatePage(
	run: Run,
	page: DealInput[],
	contextOf: (deal: DealInput) => PageContext,
): Promise<DealResult[]> {
	const results = await runEach(
		run.ctx,
		page.length,
		{ concurrency: DEALS_IN_FLIGHT, halt: run.halt },
		async (k) => {
			const done = await evaluateDeal(run, page[k], contextOf(page[k]));
			if (done.error) throw done.error;
			return done;
		},
		(error, k) => ({ name: page[k].name, item: page[k].item, atRisk: false, events: [], error }),
	);
	return results.filter((r): r is DealResult => r !== undefined);
}

/** Frappe CRM: each CRM Deal read whole and its activity in batches (crmDealSource.ts). */
async function crmPage(
	run: Run,
	page: DealInput[],
	names: string[],
): Promise<{
	page: DealInput[];
	crm: Map<string, CrmRows>;
	failed: Map<string, Error>;
	warnings: string[];
}> {
	const erp = run.erp;
	if (!erp || run.source === 'snapshots')
		return { page, crm: new Map(), failed: new Map(), warnings: [] };
	const [deals, activity] = await Promise.all([
		currentCrmDeals(erp, names),
		fetchCrmActivity(erp, names),
	]).catch((error: unknown) => {
		throw pageReadError(run, page, error);
	});
	const failed = new Map<string, Error>();
	const read = page.map((deal) => {
		const doc = deals.get(deal.name);
		if (doc instanceof Error) failed.set(deal.name, doc);
		// The CRM Deal as stored is what is assessed and compared (child tables are not in items).
		return doc && !(doc instanceof Error) ? { ...deal, row: doc } : deal;
	});
	return { page: read, crm: activity.rows, failed, warnings: activity.warnings };
}

/** One page of deals: activity in batches, then every deal of the page. */
export async function processPage(
	run: Run,
	input: DealInput[],
): Promise<{ results: DealResult[]; warnings: string[] }> {
	if (run.system === 'frappeCrm') return await processCrmPage(run, input);
	let page = input;
	const names = [...new Set(page.filter((d) => d.row).map((d) => d.name))];
	const [activity, current] = await Promise.all([
		run.erp && run.source !== 'snapshots'
			? fetchPageActivity(run.erp, names)
			: {
					rows: new Map<string, DealRows>(),
					warnings: [],
					hiddenEvents: new Map<string, string[]>(),
				},
		run.erp && run.source === 'items' ? currentOpportunities(run, run.erp, names) : undefined,
	]).catch((error: unknown) => {
		throw pageReadError(run, page, error);
	});
	if (current) page = page.map((deal) => withCurrentFields(run, deal, current.get(deal.name)));
	// Comment keys are read for the whole page at once, before any deal adds one.
	const commentKeys =
		run.erp && run.writeBack && run.addComment
			? await existingCommentKeys(run.erp, names)
			: undefined;
	const results = await evaluatePage(run, page, (deal) => ({
		rows: activity.rows.get(deal.name) ?? emptyRows(),
		commentKeys,
		warnings: activity.warnings,
		hiddenEvents: activity.hiddenEvents.get(deal.name) ?? [],
	}));
	return { results, warnings: activity.warnings };
}

/** One page of Frappe CRM deals: each deal and its activity, then every deal of the page. */
async function processCrmPage(
	run: Run,
	input: DealInput[],
): Promise<{ results: DealResult[]; warnings: string[] }> {
	const names = [...new Set(input.filter((d) => d.row).map((d) => d.name))];
	const { page, crm, failed, warnings } = await crmPage(run, input, names);
	const commentKeys =
		run.erp && run.writeBack && run.addComment
			? await existingCommentKeys(run.erp, names, CRM_DEAL)
			: undefined;
	const results = await evaluatePage(run, page, (deal) => {
		const unread = failed.get(deal.name);
		if (unread) throw unread;
		return {
			rows: emptyRows(),
			crm: crm.get(deal.name) ?? emptyCrmRows(),
			commentKeys,
			warnings,
			hiddenEvents: [],
		};
	});
	return { results, warnings };
}
