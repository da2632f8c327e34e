// Reads the "Sending Policy" collection into the core's OutreachPolicy (quiet hours, weekdays,
// frequency cap, default time zone); anything left out takes the core's defaults. A value the core
// refuses becomes an error naming the option as the editor shows it, with the value given.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { OutreachPolicySchema, isValidTimeZone, type OutreachPolicy } from '../../../core/outreach';

const LABELS: Record<string, string> = {
	'quietHours.start': 'Quiet Hours Start',
	'quietHours.end': 'Quiet Hours End',
	allowedWeekdays: 'Allowed Weekdays',
	'cap.max': 'Max Messages per Window',
	'cap.windowHours': 'Window (Hours)',
	defaultTimeZone: 'Default Time Zone',
};

function valueAt(input: Record<string, unknown>, path: PropertyKey[]): unknown {
	let current: unknown = input;
	for (const key of path)
		current =
			current && typeof current === 'object'
				? (current as Record<PropertyKey, unknown>)[key]
				: undefined;
	return current;
}

export function readPolicy(ctx: IExecuteFunctions, itemIndex: number): OutreachPolicy {
	const raw = ctx.getNodeParameter('policy', itemIndex, {}) as IDataObject;
	const input: Record<string, unknown> = {};
	if (raw.quietHoursStart !== undefined || raw.quietHoursEnd !== undefined) {
		input.quietHours = {
			start: String(raw.quietHoursStart ?? '20:00').trim(),
			end: String(raw.quietHoursEnd ?? '08:00').trim(),
		};
	}
	if (raw.allowedWeekdays !== undefined) {
		input.allowedWeekdays = (
			Array.isArray(raw.allowedWeekdays) ? raw.allowedWeekdays : [raw.allowedWeekdays]
		).map(Number);
	}
	if (raw.capMax !== undefined || raw.capWindowHours !== undefined) {
		input.cap = { max: Number(raw.capMax ?? 2), windowHours: Number(raw.capWindowHours ?? 72) };
	}
	if (typeof raw.defaultTimeZone === 'string' && raw.defaultTimeZone.trim() !== '')
		input.defaultTimeZone = raw.defaultTimeZone.trim();
	const parsed = OutreachPolicySchema.safeParse(input);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => {
			const path = issue.path.map(String).join('.');
			const label = LABELS[path] ?? LABELS[String(issue.path[0])] ?? path;
			return `${label}: ${issue.message} (got ${JSON.stringify(valueAt(input, issue.path))})`;
		});
		throw new NodeOperationError(
			ctx.getNode(),
			`Sending Policy is invalid: ${problems.join('; ')}`,
			{ itemIndex },
		);
	}
	if (!isValidTimeZone(parsed.data.defaultTimeZone)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Sending Policy is invalid: Default Time Zone ${JSON.stringify(parsed.data.defaultTimeZone)} is not an IANA time zone such as Europe/Berlin`,
			{ itemIndex },
		);
	}
	return parsed.data;
}
