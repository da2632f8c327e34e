// One deal: its snapshot, the core assessment (with what the ERPNext user could not see taken out),
// core/dealRisk's verdict (at risk, sent for review, or neither), then what the parameters ask for an
// at-risk deal: a summary (Claude's, checked, or the rules'), the stored fields written when they
// change, a comment, a ToDo, and its metric events. A failure becomes this deal's error.
import type { IDataObject } from 'n8n-workflow';

import {
	assessDeal,
	dealContactNames,
	mustWriteRisk,
	rulesSummary,
	riskVerdict,
	todoDue,
	withVisibility,
	type Visibility,
} from '../../core/dealRisk';
import type { MetricEvent } from '../../core/metrics';
import { toNodeError } from '../shared/serviceErrors';
import { summariseWithClaude, type DealSummary } from './claudeSummary';
import { decisionEvent, reviewEvent, summaryEvent, todoEvent } from './dealEvents';
import { dealOutput } from './dealOutput';
import { snapshotFromErpNext, type DealRows } from './dealSnapshot';
import {
	addRiskComment,
	assignRiskTodo,
	storedRisk,
	writeRiskFields,
	type TodoResult,
} from './riskWriteBack';
import type { DealInput, DealResult, Run } from './run';

/** What a deal's page read once for all its deals. */
export interface PageContext {
	rows: DealRows;
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
			input.snapshot ?? snapshotFromErpNext(input.row ?? {}, page.rows, run.defaultCurrency);
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
			let comment: IDataObject | null = null;
			let todo: TodoResult | null = null;
			if (mustWrite) await writeRiskFields(run.erp, assessment, summary?.text, run.now);
			if (atRisk && run.writeBack && run.addComment && page.commentKeys)
				comment = {
					...(await addRiskComment(run.erp, assessment, summary?.text, page.commentKeys)),
				};
			if (run.assignTodos && todoDue(assessment, verdict, run.todoLevel)) {
				todo = await assignRiskTodo(run.erp, assessment, page.rows.todos, run.fallbackAssignee);
				if (todo.created) events.push(todoEvent(run, snapshot.name));
			}
			erpnext = {
				opportunity: snapshot.name,
				fieldsWritten: mustWrite,
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
