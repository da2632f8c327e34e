// One deal: its snapshot, the core assessment (with what the ERPNext user could not see taken out),
// core/dealRisk's verdict (at risk, sent for review, or neither), then what the parameters ask for an
// at-risk deal: a summary (Claude's, checked, or the rules'), the stored fields written when they
// change, a comment, a ToDo, and its metric events. A failure becomes this deal's error.
import type { IDataObject } from 'n8n-workflow';

import {
	assessDeal,
	crmDealSnapshot,
	dealContactNames,
	mustWriteRisk,
	rulesSummary,
	riskVerdict,
	todoDue,
	withVisibility,
	snapshotFromErpNext,
	validateSnapshot,
	type DealRows,
	type Visibility,
} from '../../core/dealRisk';
import type { MetricEvent } from '../../core/metrics';
import { toNodeError } from '../shared/serviceErrors';
import { summariseWithClaude, type DealSummary } from './claudeSummary';
import { decisionEvent, proposedEvent, reviewEvent, summaryEvent, todoEvent } from './dealEvents';
import { dealOutput } from './dealOutput';
import type { CrmRows } from './crmDealSource';
import {
	addRiskComment,
	assignRiskTask,
	clearRiskFields,
	riskFieldValues,
	storedRisk,
	writeRiskFields,
	type TodoResult,
} from './riskWriteBack';
import type { DealInput, DealResult, Run } from './run';

/** What a deal's page read once for all its deals. */
export interface PageContext {
	rows: DealRows;
	/** Frappe CRM: the CRM Deal's e-mails, call logs, tasks and Versions. */
	crm?: CrmRows;
	/** Comment keys already on the page's deals (when comments are added). */
	commentKeys: Set<string> | undefined;
	warnings: string[];
	/** Private Events of other users linked to this deal. */
	hiddenEvents: readonly string[];
}

/** Assesses one deal and carries out what the parameters ask for it. */
export async function evaluateDeal(
	run: Run,
	input: DealInput,
	page: PageContext,
): Promise<DealResult> {
	const started = Date.now();
	try {
		const snapshot =
			input.snapshot ??
			(run.system === 'frappeCrm'
				? validateSnapshot(
						input.name,
						crmDealSnapshot(
							{
								deal: input.row ?? {},
								statusTypes: run.crmStatusTypes ?? new Map(),
								...page.crm,
							},
							run.defaultCurrency,
						) as unknown as Record<string, unknown>,
					)
				: snapshotFromErpNext(input.row ?? {}, page.rows, run.defaultCurrency));
		let assessment = assessDeal(snapshot, run.config, run.now);
		let visibility: Visibility | undefined;
		if (run.view && !input.snapshot) {
			({ assessment, visibility } = withVisibility(
				assessment,
				run.view,
				page.hiddenEvents,
				run.config,
			));
		}
		// A signal the permissions may have caused is never raised: the deal goes to a human instead.
		const verdict = riskVerdict(assessment, run.minLevel, visibility);
		const { atRisk, review } = verdict;
		const mustWrite =
			run.writeBack && mustWriteRisk(storedRisk(input.row ?? {}), assessment, verdict);
		if (!atRisk && !mustWrite)
			return { name: input.name, item: input.item, assessment, atRisk, events: [] };

		const events: MetricEvent[] = [];
		let summary: DealSummary | undefined;
		if (atRisk) {
			summary = run.claude
				? await summariseWithClaude(run.claude, assessment, run.model, {
						claudeData: run.claudeData,
						names: dealContactNames(snapshot),
					})
				: { text: rulesSummary(assessment), source: 'rules' };
			if (run.claude) events.push(summaryEvent(run, snapshot.name, summary));
		}
		let erpnext: IDataObject | undefined;
		if (run.erp && (run.writeBack || run.assignTodos)) {
			const crm = run.system === 'frappeCrm';
			const doctype = crm ? 'CRM Deal' : 'Opportunity';
			// Propose-only (ADR 0046): the fields and the comment are not written; an at-risk deal's
			// values wait in its task's proposal, written once when the owner accepts.
			const proposing = run.proposeOnly.on && mustWrite && atRisk;
			const write = mustWrite && !run.proposeOnly.on;
			// A deal no longer at risk has its AI fields cleared even so: taking back a flag is no AI action.
			const clear = mustWrite && run.proposeOnly.on && !atRisk;
			let comment: IDataObject | null = null;
			let todo: TodoResult | null = null;
			if (write) await writeRiskFields(run.erp, assessment, summary?.text, run.now, doctype);
			if (clear) await clearRiskFields(run.erp, snapshot.name, run.now, doctype);
			if (atRisk && run.writeBack && run.addComment && page.commentKeys && !run.proposeOnly.on)
				comment = {
					...(await addRiskComment(run.erp, assessment, summary?.text, page.commentKeys, doctype)),
				};
			if (proposing || (run.assignTodos && todoDue(assessment, verdict, run.todoLevel))) {
				const tasks = crm ? (page.crm?.tasks ?? []) : page.rows.todos;
				todo = await assignRiskTask(run.erp, run.system, assessment, tasks, run.fallbackAssignee, {
					workflow: run.workflow,
					executionId: run.executionId,
					at: new Date(),
					leadRef: snapshot.opportunity_from === 'Lead' ? snapshot.party_name : null,
					fields: proposing
						? await riskFieldValues(run.erp, assessment, summary?.text, run.now)
						: null,
					proposeOnlyReason: run.proposeOnly.reason,
					askAgainDays: run.askAgainDays,
					now: run.now,
					timeZone: run.config.timeZone,
				});
				if (todo.created) events.push(todoEvent(run, snapshot.name));
				// The values wait in the new task: this decision point is in the review queue (ADR 0039).
				if (todo.created && proposing) events.push(proposedEvent(run, snapshot, assessment));
			}
			const proposed = run.proposeOnly.on ? { proposeOnly: run.proposeOnly.reason } : {};
			erpnext = crm
				? {
						deal: snapshot.name,
						fieldsWritten: write,
						...proposed,
						comment,
						task: todo ? { ...todo } : null,
					}
				: {
						opportunity: snapshot.name,
						fieldsWritten: write,
						...proposed,
						comment,
						todo: todo ? { ...todo } : null,
					};
		}
		if (!atRisk) return { name: input.name, item: input.item, assessment, atRisk, events: [] };
		events.unshift(
			review
				? reviewEvent(run, snapshot.name, assessment, started)
				: decisionEvent(run, snapshot, assessment, started),
		);
		const json = dealOutput(run, input, {
			snapshot,
			assessment,
			summary,
			visibility,
			review,
			erpnext,
			warnings: page.warnings,
			events,
		});
		return { name: input.name, item: input.item, assessment, atRisk, json, events };
	} catch (error) {
		return {
			name: input.name,
			item: input.item,
			atRisk: false,
			events: [],
			error: toNodeError(run.ctx.getNode(), error, input.item),
		};
	}
}
