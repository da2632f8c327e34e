// The one reading of a date-time parameter (issue 17: one clock). A value with an offset or a `Z` is that
// instant; a value without one (what n8n's date picker and most sheets give: "2026-11-18 09:00",
// "2026-11-18T09:00:00") is read in the workflow's time zone (Settings → Timezone, else the instance's
// GENERIC_TIMEZONE), in every node alike; a date alone is its midnight there. Empty means "not set".
import { DateTime } from 'luxon';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** The zone an offset-less date-time parameter is read in, as the parameters' descriptions say. */
export const DATE_PARAMETER_ZONE_NOTE = "Without an offset, read in the workflow's time zone.";

function parse(value: unknown, zone: string): DateTime | undefined {
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? undefined : DateTime.fromJSDate(value);
	if (DateTime.isDateTime(value)) return value.isValid ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const iso = DateTime.fromISO(text, { zone, setZone: true });
	if (iso.isValid) return iso;
	const sql = DateTime.fromSQL(text, { zone, setZone: true });
	return sql.isValid ? sql : undefined;
}

/**
 * A date-time parameter as an instant, or undefined when empty. Throws a NodeOperationError naming
 * the parameter and the value when it is not a date-time.
 */
export function dateParameter(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex = 0,
	emptyMeans = 'Leave it empty to use the current time.',
): Date | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	const parsed = parse(value, ctx.getTimezone());
	if (!parsed) {
		const shown =
			JSON.stringify(typeof value === 'string' ? value.slice(0, 60) : value) ?? String(value);
		throw new NodeOperationError(
			ctx.getNode(),
			`${label} must be a date-time such as 2026-11-18T09:00:00Z, got ${shown}`,
			{
				itemIndex,
				description: `${emptyMeans} ${DATE_PARAMETER_ZONE_NOTE}`,
			},
		);
	}
	return parsed.toJSDate();
}

/** The node's clock: the date-time parameter's instant, or the current time when it is empty. */
export function clockParameter(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex = 0,
): Date {
	return dateParameter(ctx, value, label, itemIndex) ?? new Date();
}
