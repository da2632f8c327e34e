// Applying a propose-only proposal once (ADR 0039 for leads, ADR 0046 for deals): the AI field values
// a propose-only run did not write are written when a person accepts, under the record's `modified`
// (Frappe's check_if_latest, 417 TimestampMismatchError to the loser), and not at all when the record
// already holds them (a second delivery, a retried item). A lost lock (someone saved the record
// meanwhile) reads the record again and tries again, a few times. The task that asked says what it owes:
// its claim carries an `applying` marker when the decision owes values, and an `applied` line follows
// the write, so a crash between the claim and the write is repaired by the next run, once (ADR 0048).
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ErpNextClient } from '../../connectors/erpnext';
import { approvalNoticeMarker } from '../../core/markers';
import { holdsAiValues } from '../LeadQualifier/erpnextWriteBack';
import { toNodeError } from '../shared/serviceErrors';
import { isLockLost } from './decide';

const APPLY_ATTEMPTS = 3;

/**
 * Writes `fields` to the record once. `compared` are the values that tell whether it already holds
 * them (e.g. without a datetime Frappe answers in its own layout). Errors other than a lost lock, and
 * a lock lost `APPLY_ATTEMPTS` times, are the item's error.
 */
export async function applyFieldsOnce(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: ErpNextClient,
	doctype: string,
	name: string,
	fields: Record<string, string | number>,
	compared: Record<string, string | number>,
): Promise<'applied' | 'already_applied'> {
	for (let attempt = 1; ; attempt++) {
		const record = await client.get(doctype, name);
		if (holdsAiValues(record, compared)) return 'already_applied';
		try {
			await client.update(doctype, name, fields, { modified: String(record.modified) });
			return 'applied';
		} catch (error) {
			if (!isLockLost(error) || attempt >= APPLY_ATTEMPTS)
				throw toNodeError(ctx.getNode(), error, itemIndex);
		}
	}
}

/**
 * The marker a decision's claim carries beside its decided marker when it owes propose-only values
 * (`ltc-approval-applying-<task>`, in brackets as written in the task description).
 */
export function owedValuesMarker(task: string): string {
	return `[${approvalNoticeMarker('applying', task)}]`;
}

/**
 * A decided task whose claim owed propose-only values and that does not yet say they were written: the
 * run that claimed it crashed or failed between the claim and the write (ADR 0048).
 */
export function valuesStillOwed(task: { name: string; description: string }): boolean {
	return (
		task.description.includes(approvalNoticeMarker('applying', task.name)) &&
		!task.description.includes(approvalNoticeMarker('applied', task.name))
	);
}

/**
 * Writes a decided task's owed values (`apply`, e.g. applyFieldsOnce, which writes nothing when the
 * record already holds them) and then says so on the task (`ltc-approval-applied-<task>` appended under
 * its `modified`; a lost lock re-reads it). A run that crashes in between leaves the values owed, and the
 * next run (a replayed delivery, the trigger's catch-up) writes them through the same `apply`; a run
 * after the applied line writes nothing, even when the record changed since.
 */
export async function applyOwedValues(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: ErpNextClient,
	taskDoctype: string,
	task: string,
	apply: () => Promise<'applied' | 'already_applied'>,
): Promise<'applied' | 'already_applied'> {
	const applied = await apply();
	const marker = approvalNoticeMarker('applied', task);
	for (let attempt = 1; ; attempt++) {
		const row = await client.get(taskDoctype, task);
		const description = typeof row.description === 'string' ? row.description : '';
		if (description.includes(marker)) return applied;
		try {
			await client.update(
				taskDoctype,
				task,
				{ description: `${description}\n<p>Proposed values written. [${marker}]</p>` },
				{ modified: String(row.modified) },
			);
			return applied;
		} catch (error) {
			if (!isLockLost(error) || attempt >= APPLY_ATTEMPTS)
				throw toNodeError(ctx.getNode(), error, itemIndex);
		}
	}
}
