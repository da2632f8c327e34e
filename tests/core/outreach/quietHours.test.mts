// nextSendableTime / isQuietMinute: windows crossing midnight, weekdays, and the result is always sendable.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import { isQuietMinute, nextSendableTime } from '../../../core/outreach';

const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

describe('isQuietMinute', () => {
	const cases: Array<[string, string, string, boolean]> = [
		['20:00', '08:00', '19:59', false],
		['20:00', '08:00', '20:00', true],
		['20:00', '08:00', '23:59', true],
		['20:00', '08:00', '00:00', true],
		['20:00', '08:00', '07:59', true],
		['20:00', '08:00', '08:00', false],
		['12:00', '13:30', '11:59', false],
		['12:00', '13:30', '12:00', true],
		['12:00', '13:30', '13:29', true],
		['12:00', '13:30', '13:30', false],
		['09:00', '09:00', '09:00', false],
	];
	it.each(cases)('quiet %s-%s at %s → %s', (start, end, time, quiet) => {
		expect(isQuietMinute(at(time), start, end)).toBe(quiet);
	});
});

describe('nextSendableTime', () => {
	const window = { quietHours: { start: '21:00', end: '07:30' }, allowedWeekdays: [1, 2, 3, 4, 5] };
	const cases: Array<[string, string, string]> = [
		['Wed 12:00 stays', '2026-11-18T12:00:00', '2026-11-18T12:00:00.000+11:00'],
		['Wed 22:00 → Thu 07:30', '2026-11-18T22:00:00', '2026-11-19T07:30:00.000+11:00'],
		['Fri 21:00 → Mon 07:30', '2026-11-20T21:00:00', '2026-11-23T07:30:00.000+11:00'],
		['Sun 15:00 → Mon 07:30', '2026-11-22T15:00:00', '2026-11-23T07:30:00.000+11:00'],
		['Mon 06:00 → Mon 07:30', '2026-11-23T06:00:00', '2026-11-23T07:30:00.000+11:00'],
	];
	it.each(cases)('Sydney (AEDT) %s', (_name, local, expected) => {
		const from = DateTime.fromISO(local, { zone: 'Australia/Sydney' });
		expect(nextSendableTime(from, window).toISO()).toBe(expected);
	});

	it('returns a time that is not before the input, outside quiet hours, on an allowed weekday, within 8 days', () => {
		const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Santiago', 'UTC'];
		const hhmm = fc
			.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
			.map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
		fc.assert(
			fc.property(
				fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
				fc.constantFrom(...zones),
				hhmm,
				hhmm,
				fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
				(instant, zone, start, end, weekdays) => {
					const from = DateTime.fromJSDate(instant, { zone });
					const next = nextSendableTime(from, { quietHours: { start, end }, allowedWeekdays: weekdays });
					expect(next.toMillis()).toBeGreaterThanOrEqual(from.toMillis());
					expect(next.toMillis() - from.toMillis()).toBeLessThanOrEqual(8 * 86_400_000);
					expect(weekdays).toContain(next.weekday);
					expect(isQuietMinute(next.hour * 60 + next.minute, start, end)).toBe(false);
				},
			),
			{ numRuns: 500 },
		);
	});
});
