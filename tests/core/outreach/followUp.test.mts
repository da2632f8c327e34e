// followUpSchedule: day 0/2/5/7/14 steps in the recipient's zone, stopping at the first reply.
import { describe, expect, it } from 'vitest';

import { DEFAULT_FOLLOW_UP_DAYS, followUpSchedule } from '../../../core/outreach';

describe('followUpSchedule', () => {
	it('lays out the default quote sequence with Mautic chain intervals', () => {
		const { steps, stopped } = followUpSchedule('2026-11-16T09:30:00Z');
		expect(DEFAULT_FOLLOW_UP_DAYS).toEqual([0, 2, 5, 7, 14]);
		expect(stopped).toBeUndefined();
		expect(steps.map((s) => [s.step, s.dayOffset, s.intervalDays, s.dueAt, s.status])).toEqual([
			['d0', 0, 0, '2026-11-16T09:30:00Z', 'scheduled'],
			['d2', 2, 2, '2026-11-18T09:30:00Z', 'scheduled'],
			['d5', 5, 3, '2026-11-21T09:30:00Z', 'scheduled'],
			['d7', 7, 2, '2026-11-23T09:30:00Z', 'scheduled'],
			['d14', 14, 7, '2026-11-30T09:30:00Z', 'scheduled'],
		]);
	});

	it('keeps the local wall-clock time across the Berlin autumn DST change', () => {
		// Thu 22 Oct 2026 10:00 CEST; clocks go back on Sun 25 Oct.
		const { steps } = followUpSchedule('2026-10-22T08:00:00Z', [0, 2, 5], { timeZone: 'Europe/Berlin' });
		expect(steps.map((s) => [s.dueLocal, s.dueAt])).toEqual([
			['2026-10-22T10:00:00+02:00', '2026-10-22T08:00:00Z'],
			['2026-10-24T10:00:00+02:00', '2026-10-24T08:00:00Z'],
			['2026-10-27T10:00:00+01:00', '2026-10-27T09:00:00Z'],
		]);
	});

	it('keeps the local wall-clock time across the New York spring DST change', () => {
		const { steps } = followUpSchedule(new Date('2026-03-06T14:00:00Z'), [0, 7], { timeZone: 'America/New_York' });
		expect(steps.map((s) => s.dueLocal)).toEqual(['2026-03-06T09:00:00-05:00', '2026-03-13T09:00:00-04:00']);
	});

	const replyCases: Array<{ name: string; replies: string[]; statuses: string[]; stoppedAt?: string }> = [
		{ name: 'no reply', replies: [], statuses: ['scheduled', 'scheduled', 'scheduled', 'scheduled', 'scheduled'] },
		{
			name: 'reply on day 3 cancels d5, d7, d14',
			replies: ['2026-11-19T16:05:00Z'],
			statuses: ['scheduled', 'scheduled', 'cancelled', 'cancelled', 'cancelled'],
			stoppedAt: '2026-11-19T16:05:00Z',
		},
		{
			name: 'the earliest of several replies counts',
			replies: ['2026-11-29T08:00:00Z', '2026-11-17T11:00:00+01:00'],
			statuses: ['scheduled', 'cancelled', 'cancelled', 'cancelled', 'cancelled'],
			stoppedAt: '2026-11-17T10:00:00Z',
		},
		{
			name: 'reply exactly at a step time keeps that step (already due), cancels the rest',
			replies: ['2026-11-23T09:30:00Z'],
			statuses: ['scheduled', 'scheduled', 'scheduled', 'scheduled', 'cancelled'],
			stoppedAt: '2026-11-23T09:30:00Z',
		},
	];
	it.each(replyCases)('$name', (c) => {
		const { steps, stopped } = followUpSchedule('2026-11-16T09:30:00Z', undefined, { replies: c.replies });
		expect(steps.map((s) => s.status)).toEqual(c.statuses);
		expect(stopped?.at).toBe(c.stoppedAt);
		if (stopped) expect(stopped.reason).toMatch(/replied.*cancelled/);
	});

	const invalid: Array<[string, number[]]> = [
		['empty', []],
		['negative', [-1, 2]],
		['not increasing', [0, 5, 5]],
		['fractional', [0, 1.5]],
	];
	it.each(invalid)('rejects %s day lists', (_name, days) => {
		expect(() => followUpSchedule('2026-11-16T09:30:00Z', days)).toThrow(/followUpSchedule/);
	});
});
