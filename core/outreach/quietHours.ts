// When a message may reach a recipient: outside the quiet hours and on an allowed weekday, both in the
// recipient's own time zone. Quiet hours may cross midnight (20:00-08:00) or sit inside one day
// (12:00-13:30); equal start and end mean none. luxon does the zone arithmetic, so a deferral across a
// DST change lands on the intended local wall-clock time (08:00 stays 08:00 after the clocks move).
import { DateTime } from 'luxon';

export interface SendWindow {
	quietHours: { start: string; end: string };
	/** ISO weekdays, 1 = Monday … 7 = Sunday. */
	allowedWeekdays: readonly number[];
}

export type SendWindowCheck =
	| { allowed: true }
	| { allowed: false; policy: 'quiet_hours' | 'weekday'; reason: string; until: DateTime };

function minutesOf(hhmm: string): number {
	const [h, m] = hhmm.split(':');
	return Number(h) * 60 + Number(m);
}

const WEEKDAY_NAMES = [
	'',
	'Monday',
	'Tuesday',
	'Wednesday',
	'Thursday',
	'Friday',
	'Saturday',
	'Sunday',
];

/** True when the local wall-clock minute `minute` (0-1439) falls inside the quiet hours. */
export function isQuietMinute(minute: number, start: string, end: string): boolean {
	const s = minutesOf(start);
	const e = minutesOf(end);
	if (s === e) return false;
	return s < e ? minute >= s && minute < e : minute >= s || minute < e;
}

function atLocalMinute(day: DateTime, minute: number): DateTime {
	return day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 });
}

/**
 * The first instant at or after `from` (already in the recipient's zone) that is outside the quiet
 * hours and on an allowed weekday. Bounded: at most one step per day for eight days.
 */
export function nextSendableTime(from: DateTime, window: SendWindow): DateTime {
	const endMinute = minutesOf(window.quietHours.end);
	let t = from;
	for (let i = 0; i < 32; i++) {
		if (!window.allowedWeekdays.includes(t.weekday)) {
			t = t.plus({ days: 1 }).startOf('day');
			continue;
		}
		const minute = t.hour * 60 + t.minute;
		if (!isQuietMinute(minute, window.quietHours.start, window.quietHours.end)) return t;
		// Inside quiet hours: jump to their end, today if the end is still ahead, else tomorrow.
		const today = atLocalMinute(t, endMinute);
		t = today > t ? today : atLocalMinute(t.plus({ days: 1 }).startOf('day'), endMinute);
	}
	return t;
}

/** Whether `local` (in the recipient's zone) may receive a message now, and if not, until when. */
export function checkSendWindow(local: DateTime, window: SendWindow): SendWindowCheck {
	const until = nextSendableTime(local, window);
	if (until.toMillis() === local.toMillis()) return { allowed: true };
	const zone = local.zoneName ?? 'UTC';
	const localText = local.toFormat('ccc HH:mm');
	if (!window.allowedWeekdays.includes(local.weekday)) {
		const allowed = [...window.allowedWeekdays]
			.sort((a, b) => a - b)
			.map((d) => WEEKDAY_NAMES[d])
			.join(', ');
		return {
			allowed: false,
			policy: 'weekday',
			reason: `It is ${WEEKDAY_NAMES[local.weekday]} for the recipient (${localText} ${zone}); messages go out only on ${allowed}.`,
			until,
		};
	}
	return {
		allowed: false,
		policy: 'quiet_hours',
		reason: `It is ${localText} for the recipient (${zone}), inside the quiet hours ${window.quietHours.start}-${window.quietHours.end}.`,
		until,
	};
}
