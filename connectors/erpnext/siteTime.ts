// One rule for Frappe's naive datetimes: a Datetime field, `creation` and `modified` hold wall-clock
// time in the site's time zone (System Settings → Time Zone; frappe/frappe v15 frappe/utils/data.py
// now_datetime → convert_utc_to_system_timezone), without an offset. Everything this package writes to
// or reads from such a field goes through these two functions with the zone the client read once
// (ErpNextClient.siteTimeZone, frappe.client.get_time_zone). Values that carry an offset or `Z` (ISO
// 8601 from elsewhere) are read as the instant they name.
import { DateTime, IANAZone } from 'luxon';

export function isTimeZone(zone: string): boolean {
	return IANAZone.isValidZone(zone);
}

/** `YYYY-MM-DD HH:mm:ss` of `instant` in the site's `timeZone`, as Frappe stores a Datetime. */
export function toFrappeDatetime(instant: Date, timeZone: string): string {
	if (Number.isNaN(instant.getTime())) throw new RangeError('toFrappeDatetime: invalid date');
	if (!isTimeZone(timeZone)) throw new RangeError(`Unknown ERPNext time zone "${timeZone}"`);
	return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm:ss');
}

/**
 * The instant of a Frappe datetime: `YYYY-MM-DD HH:mm[:ss[.ffffff]]` read in the site's `timeZone`,
 * or an ISO 8601 value with its own offset. Undefined for anything else (empty, a bare date, garbage).
 */
export function fromFrappeDatetime(value: unknown, timeZone: string): Date | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (!/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(text)) return undefined;
	if (/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
		const withOffset = DateTime.fromISO(text.replace(' ', 'T'), { setZone: true });
		return withOffset.isValid ? withOffset.toJSDate() : undefined;
	}
	if (!isTimeZone(timeZone)) throw new RangeError(`Unknown ERPNext time zone "${timeZone}"`);
	// Frappe keeps microseconds; luxon reads at most milliseconds.
	const trimmed = text.replace('T', ' ').replace(/(\.\d{3})\d+$/, '$1');
	const parsed = DateTime.fromSQL(trimmed, { zone: timeZone });
	return parsed.isValid ? parsed.toJSDate() : undefined;
}
