// Reading ERPNext dates and datetimes fast and without the host's time zone. ERPNext stores naive
// datetimes in the site's zone (System Settings); they are read with the site's UTC offset at `now`,
// looked up once per zone and instant, so an assessment parses hundreds of timestamps without a
// zone lookup each. Near a DST change this is off by at most one hour, which day-granular risk
// thresholds do not notice. Day numbers count days since 1970-01-01 in the site's calendar.
import { IANAZone } from 'luxon';

export const DAY_MS = 86_400_000;

let memoZone = '';
let memoAt = Number.NaN;
let memoOffsetMs = 0;

/** The UTC offset of `zone` at `atMs`, in milliseconds (memoised for the last zone and instant). */
export function zoneOffsetMs(zone: string, atMs: number): number {
	if (zone === memoZone && atMs === memoAt) return memoOffsetMs;
	const z = IANAZone.create(zone);
	if (!z.isValid) throw new Error(`Unknown time zone "${zone}" in the deal-risk config`);
	memoOffsetMs = z.offset(atMs) * 60_000;
	memoZone = zone;
	memoAt = atMs;
	return memoOffsetMs;
}

function digits(s: string, start: number, length: number): number {
	let n = 0;
	for (let i = start; i < start + length; i++) {
		const c = s.charCodeAt(i) - 48;
		if (c < 0 || c > 9) return Number.NaN;
		n = n * 10 + c;
	}
	return n;
}

/** Day number of a civil date (month 1-12), the inverse of `dateOfDay`; no Date object needed. */
function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const monthFromMarch = month > 2 ? month - 3 : month + 9;
	const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
	const dayOfEra =
		yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468;
}

/** Day number of an ERPNext date (`YYYY-MM-DD`, or the date part of a datetime). */
export function dayOf(date: string): number {
	return daysFromCivil(digits(date, 0, 4), digits(date, 5, 2), digits(date, 8, 2));
}

/** Epoch milliseconds of an ERPNext datetime; naive values are read with `siteOffsetMs`. */
export function instantOf(value: string, siteOffsetMs: number): number {
	const length = value.length;
	let hour = 0;
	let minute = 0;
	let second = 0;
	let ms = 0;
	let i = 10;
	if (length > 10) {
		hour = digits(value, 11, 2);
		minute = digits(value, 14, 2);
		i = 16;
		if (value.charCodeAt(16) === 58 /* : */) {
			second = digits(value, 17, 2);
			i = 19;
			if (value.charCodeAt(19) === 46 /* . */) {
				let scale = 100;
				i = 20;
				while (i < length) {
					const c = value.charCodeAt(i) - 48;
					if (c < 0 || c > 9) break;
					ms += c * scale;
					scale /= 10;
					i++;
				}
				ms = Math.floor(ms);
			}
		}
	}
	const wall =
		daysFromCivil(digits(value, 0, 4), digits(value, 5, 2), digits(value, 8, 2)) * DAY_MS +
		hour * 3_600_000 +
		minute * 60_000 +
		second * 1000 +
		ms;
	if (i >= length) return wall - siteOffsetMs;
	const sign = value[i];
	if (sign === 'Z') return wall;
	const hh = digits(value, i + 1, 2);
	const mm = value[i + 3] === ':' ? digits(value, i + 4, 2) : digits(value, i + 3, 2);
	const offset = (hh * 60 + mm) * 60_000;
	return sign === '-' ? wall + offset : wall - offset;
}

function pad2(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

/**
 * `YYYY-MM-DD` of a day number, by civil-calendar arithmetic on 400-year eras (146,097 days each,
 * counted from 0000-03-01 so the leap day ends a year); several times faster than `Date#toISOString`,
 * which the hot path would otherwise call for every date it prints. Years 0-9999.
 */
export function dateOfDay(day: number): string {
	const z = day + 719_468; // days from 0000-03-01 to 1970-01-01
	const era = Math.floor(z / 146_097);
	const dayOfEra = z - era * 146_097;
	const yearOfEra = Math.floor(
		(dayOfEra -
			Math.floor(dayOfEra / 1460) +
			Math.floor(dayOfEra / 36_524) -
			Math.floor(dayOfEra / 146_096)) /
			365,
	);
	const dayOfYear =
		dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
	const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
	const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	return `${year}-${pad2(month)}-${pad2(dayOfMonth)}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; day 0 was a Thursday. */
export function weekdayOfDay(day: number): number {
	return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The day `n` business days (Mon-Fri) after `day`; `n = 0` moves a weekend day to Monday. */
export function addBusinessDays(day: number, n: number): number {
	let d = day;
	while (weekdayOfDay(d) > 5) d++;
	let left = n;
	while (left > 0) {
		d++;
		if (weekdayOfDay(d) <= 5) left--;
	}
	return d;
}
