// The node's clock: the optional "Now" parameter (ISO date-time; empty = the real time), so tests,
// dry runs and replays decide quiet hours, caps and deferrals reproducibly. A value without an offset
// is read in the workflow's time zone, as n8n's date pickers produce it.
import { DateTime } from 'luxon';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

export function readNow(ctx: IExecuteFunctions, itemIndex: number): Date {
	const raw: unknown = ctx.getNodeParameter('now', itemIndex, '');
	if (raw === undefined || raw === null || raw === '') return new Date();
	if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw;
	if (DateTime.isDateTime(raw) && raw.isValid) return raw.toJSDate();
	const text = String(raw).trim();
	const parsed = DateTime.fromISO(text, { zone: ctx.getTimezone() });
	if (!parsed.isValid) {
		throw new NodeOperationError(ctx.getNode(), `Now must be an ISO 8601 date-time such as 2026-11-18T09:00:00Z, got ${JSON.stringify(text.slice(0, 60))}`, {
			itemIndex,
			description: 'Leave it empty to use the current time.',
		});
	}
	return parsed.toJSDate();
}
