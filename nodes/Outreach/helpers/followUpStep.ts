// Which step of an n8n-driven follow-up sequence is due for a lead now, so a daily Schedule → Outreach
// workflow needs no step bookkeeping of its own. core followUpSchedule lays the steps (d0, d2, d5 …)
// out from the sequence start in the recipient's zone and cancels everything after the first reply;
// the due step is the latest one whose time has come (missed earlier steps are not sent in a burst),
// and whether it was already sent is then the idempotency key's business, as for any other send.
import { followUpSchedule } from '../../../core/outreach';

/** The schedule parameters of one item, checked. */
export interface ScheduleInput {
	start: string;
	days: number[];
	replies: string[];
}

export type ScheduledStep =
	| { kind: 'due'; step: string; dueAt: string; notes: string[] }
	| {
			kind: 'wait';
			step: string;
			until: { utc: string; local: string; timeZone: string };
			reason: string;
	  }
	| { kind: 'stopped'; reason: string };

/** "0, 2, 5, 7, 14" → [0, 2, 5, 7, 14]; undefined when a part is not a whole number. */
export function parseDays(text: string): number[] | undefined {
	const parts = text
		.split(',')
		.map((p) => p.trim())
		.filter((p) => p !== '');
	if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p))) return undefined;
	return parts.map(Number);
}

export function stepFromSchedule(
	start: string,
	days: readonly number[],
	replies: readonly string[],
	timeZone: string,
	now: Date,
): ScheduledStep {
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
