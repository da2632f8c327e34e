// Which step of a follow-up sequence is due now, so a daily Schedule → Outreach workflow needs no
// step bookkeeping of its own. followUpSchedule lays the steps (d0, d2, d5 …) out from the sequence
// start in the recipient's zone and cancels everything after the first reply; the due step is the
// latest one whose time has come (missed earlier steps are not sent in a burst), and whether it was
// already sent is then the idempotency key's business, as for any other send. `now` is passed in.
import { followUpSchedule } from './followUp';

export type FollowUpDue =
	| { kind: 'due'; step: string; dueAt: string; notes: string[] }
	| {
			kind: 'wait';
			step: string;
			until: { utc: string; local: string; timeZone: string };
			reason: string;
	  }
	| { kind: 'stopped'; reason: string };

/**
 * The step due at `now` of the sequence that started at `start` (ISO with offset) with steps on
 * `days`, stopped by the first of `replies`, counted in `timeZone`: `due` (the latest step whose time
 * has come), `wait` (the next step and when), or `stopped` (a reply came, or no step is left).
 */
export function dueFollowUpStep(
	start: string,
	days: readonly number[],
	replies: readonly string[],
	timeZone: string,
	now: Date,
): FollowUpDue {
	const schedule = followUpSchedule(start, days, {
		timeZone,
		replies: [...replies],
		stepPrefix: 'd',
	});
	if (schedule.stopped)
		return {
			kind: 'stopped',
			reason: `The follow-up sequence is over: ${schedule.stopped.reason}`,
		};
	const due = schedule.steps.filter(
		(s) => s.status === 'scheduled' && Date.parse(s.dueAt) <= now.getTime(),
	);
	const latest = due[due.length - 1];
	if (latest) {
		const missed = due.slice(0, -1).map((s) => s.step);
		const following = schedule.steps.find(
			(s) => s.status === 'scheduled' && Date.parse(s.dueAt) > now.getTime(),
		);
		return {
			kind: 'due',
			step: latest.step,
			dueAt: latest.dueAt,
			notes: [
				`Step ${latest.step} of the follow-up schedule was due at ${latest.dueLocal}${missed.length ? ` (earlier steps ${missed.join(', ')} are not sent late)` : ''}.`,
				following
					? `The next step, ${following.step}, is due at ${following.dueLocal}.`
					: 'It is the last step of the schedule.',
			],
		};
	}
	const next = schedule.steps.find((s) => s.status === 'scheduled');
	if (!next) return { kind: 'stopped', reason: 'The follow-up schedule has no step left.' };
	return {
		kind: 'wait',
		step: next.step,
		until: { utc: next.dueAt, local: next.dueLocal, timeZone },
		reason: `No step of the follow-up schedule is due yet; ${next.step} is due at ${next.dueLocal} (${timeZone}).`,
	};
}
