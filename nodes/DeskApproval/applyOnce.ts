// Applying a propose-only proposal once (ADR 0039 for leads, ADR 0046 for deals): the AI field values
// a propose-only run did not write are written when a person accepts, under the record's `modified`
// (Frappe's check_if_latest, 417 TimestampMismatchError to the loser), and not at all when the record
// already holds them (a second delivery, a retried item). A lost lock (someone saved the record
// meanwhile) reads the record again and tries again, a few times.
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ErpNextClient } from '../../connectors/erpnext';
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
