// dueFollowUpStep: the latest step of the follow-up schedule whose time has come (missed earlier ones
// are not sent late), the next one to wait for, or the end of the sequence after a reply.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DEFAULT_FOLLOW_UP_DAYS, dueFollowUpStep, followUpSchedule } from '../../../core/outreach';

const START = '2026-11-16T09:30:00Z';
const at = (iso: string) => new Date(iso);

describe('dueFollowUpStep', () => {
	it('waits for d0 before the start, naming the time in the zone', () => {
		expect(dueFollowUpStep(START, DEFAULT_FOLLOW_UP_DAYS, [], 'Europe/Berlin', at('2026-11-16T08:00:00Z'))).toEqual({
			kind: 'wait',
			step: 'd0',
			until: { utc: '2026-11-16T09:30:00Z', local: '2026-11-16T10:30:00+01:00', timeZone: 'Europe/Berlin' },
			reason: 'No step of the follow-up schedule is due yet; d0 is due at 2026-11-16T10:30:00+01:00 (Europe/Berlin).',
		});
	});

	it.each([
		{ now: '2026-11-16T09:30:00Z', step: 'd0', missed: '', next: 'The next step, d2, is due at 2026-11-18T09:30:00Z.' },
		{ now: '2026-11-19T12:00:00Z', step: 'd2', missed: ' (earlier steps d0 are not sent late)', next: 'The next step, d5, is due at 2026-11-21T09:30:00Z.' },
		{ now: '2026-11-22T00:00:00Z', step: 'd5', missed: ' (earlier steps d0, d2 are not sent late)', next: 'The next step, d7, is due at 2026-11-23T09:30:00Z.' },
		{ now: '2027-01-01T00:00:00Z', step: 'd14', missed: ' (earlier steps d0, d2, d5, d7 are not sent late)', next: 'It is the last step of the schedule.' },
	])('at $now the due step is $step', ({ now, step, missed, next }) => {
		const due = followUpSchedule(START).steps.find((s) => s.step === step);
		expect(dueFollowUpStep(START, DEFAULT_FOLLOW_UP_DAYS, [], 'UTC', at(now))).toEqual({
			kind: 'due',
			step,
			dueAt: due?.dueAt,
			notes: [`Step ${step} of the follow-up schedule was due at ${due?.dueLocal}${missed}.`, next],
		});
	});

	it('stops once the recipient replied, even before the reply time is reached', () => {
		for (const now of ['2026-11-16T10:00:00Z', '2026-11-30T10:00:00Z']) {
			expect(dueFollowUpStep(START, DEFAULT_FOLLOW_UP_DAYS, ['2026-11-17T08:00:00+01:00'], 'UTC', at(now))).toEqual({
				kind: 'stopped',
				reason: 'The follow-up sequence is over: The recipient replied at 2026-11-17T07:00:00Z; 4 remaining step(s) cancelled.',
			});
		}
	});

	it('counts days in the recipient zone across a DST change (Berlin, 25 Oct 2026)', () => {
		// d5 is due at 10:00 local = 09:00Z after the change; at 08:30Z d2 is still the due step.
		const before = dueFollowUpStep('2026-10-22T08:00:00Z', [0, 2, 5], [], 'Europe/Berlin', at('2026-10-27T08:30:00Z'));
		expect(before).toMatchObject({ kind: 'due', step: 'd2', notes: [expect.any(String), 'The next step, d5, is due at 2026-10-27T10:00:00+01:00.'] });
		const after = dueFollowUpStep('2026-10-22T08:00:00Z', [0, 2, 5], [], 'Europe/Berlin', at('2026-10-27T09:00:00Z'));
		expect(after).toMatchObject({ kind: 'due', step: 'd5', dueAt: '2026-10-27T09:00:00Z' });
	});

	it('a due step has come and the next has not; a step waited for has not come', () => {
		const startMs = Date.parse(START);
		fc.assert(
			fc.property(fc.integer({ min: -3 * 86_400_000, max: 20 * 86_400_000 }), (offset) => {
				const now = new Date(startMs + offset);
				const result = dueFollowUpStep(START, DEFAULT_FOLLOW_UP_DAYS, [], 'UTC', now);
				const steps = followUpSchedule(START).steps;
				if (result.kind === 'due') {
					expect(Date.parse(result.dueAt)).toBeLessThanOrEqual(now.getTime());
					const next = steps[steps.findIndex((s) => s.step === result.step) + 1];
					if (next) expect(Date.parse(next.dueAt)).toBeGreaterThan(now.getTime());
				} else {
					expect(result.kind).toBe('wait');
					if (result.kind === 'wait') expect(Date.parse(result.until.utc)).toBeGreaterThan(now.getTime());
				}
			}),
		);
	});
});
