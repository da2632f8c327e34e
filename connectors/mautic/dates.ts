// Mautic's wire dates, read in one place (issue 17): the connector hands nodes instants (ISO 8601 in
// UTC with a `Z`), never Mautic's own formats. What Mautic sends (mautic/mautic 5.x, commit 24271492a838,
// 5.1.0):
// - entity dates (a contact's dateAdded, dateModified, lastActive, a do-not-contact entry's dateAdded,
//   an email's publishUp …) through JMS Serializer, configured in app/config/config.php with
//   `datetime: {default_format: 'c', default_timezone: 'UTC'}`: ISO 8601 with an offset,
//   "2026-11-20T10:00:00+00:00";
// - raw database rows (the stats tables of GET /api/stats/{table}: email_stats.date_sent, date_read …,
//   and timeline entries built from rows) as MySQL DATETIME text, "2026-11-20 10:00:00", without a zone.
//   Those columns hold UTC: app/config/config.php maps Doctrine's datetime types to
//   CoreBundle/Doctrine/Type/UTCDateTimeType, whose convertToDatabaseValue sets the zone to UTC before
//   writing, and CoreBundle/Helper/DateTimeHelper.php (constructed with the database format in UTC by
//   default, toUtcString) is how repositories write dates into queries. So a date-time without a zone
//   is read as UTC here, whatever the n8n instance's or the Mautic user's zone.
import { z } from 'zod/v4';

/** "2026-11-20 10:00:00" (MySQL DATETIME), also without seconds, with fractions or with a `T`. */
const ZONELESS = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?$/;
/** ISO 8601 with `Z` or an offset (±hh:mm, ±hhmm, ±hh). */
const WITH_OFFSET =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
/** A date alone ("2026-11-20", e.g. a date-type custom field): its midnight UTC. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcMs(
	year: string,
	month: string,
	day: string,
	hour = '0',
	minute = '0',
	second = '0',
	fraction = '',
): number | undefined {
	const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
	const ms = Date.UTC(y, mo - 1, d, h, mi, s, Math.round(Number(`0${fraction || '.0'}`) * 1000));
	// Date.UTC rolls 2026-02-31 over into March: such a date is not a date.
	const back = new Date(ms);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
		return undefined;
	return ms;
}

function offsetMinutes(offset: string): number {
	if (offset.toUpperCase() === 'Z') return 0;
	const sign = offset.startsWith('-') ? -1 : 1;
	const digits = offset.slice(1).replace(':', '');
	return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/**
 * A Mautic date as an instant, or undefined when the value is empty or not a date. Text without a
 * zone is UTC (see above); MySQL's zero date "0000-00-00 00:00:00" is no date.
 */
export function parseMauticDate(value: unknown): Date | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	let m = WITH_OFFSET.exec(text);
	if (m) {
		const ms = utcMs(m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
		return ms === undefined ? undefined : new Date(ms - offsetMinutes(m[8]) * 60_000);
	}
	m = ZONELESS.exec(text) ?? DATE_ONLY.exec(text);
	if (!m) return undefined;
	const ms = utcMs(m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
	return ms === undefined ? undefined : new Date(ms);
}

/** A Mautic date as ISO 8601 UTC ("2026-11-20T10:00:00Z"), or null when empty or not a date. */
export function mauticInstant(value: unknown): string | null {
	const date = parseMauticDate(value);
	return date ? date.toISOString().replace(/\.000Z$/, 'Z') : null;
}

/** A date field of a Mautic answer, read as an instant (null when absent or not a date). */
export const MauticDateSchema = z
	.unknown()
	.optional()
	.transform((value) => mauticInstant(value));

/** A raw row's DATETIME columns ("2026-11-20 10:00:00", UTC) as instants; other values unchanged. */
export function rowInstants(row: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(row)) {
		// MySQL's zero date ("0000-00-00 00:00:00") is no date: null.
		out[key] =
			typeof value === 'string' && ZONELESS.test(value.trim()) ? mauticInstant(value) : value;
	}
	return out;
}

/** An instant as Mautic's database writes it ("2026-11-20 10:00:00", UTC), for where[] filters. */
export function mauticDbTime(date: Date): string {
	if (Number.isNaN(date.getTime())) throw new RangeError('not a date');
	return date.toISOString().slice(0, 19).replace('T', ' ');
}
