// The follow-up sequence after a quote: steps on day 0, 2, 5, 7 and 14 by default (the Mautic
// reference's campaign), each due at the same local wall-clock time as the start in the recipient's
// zone (so a step does not drift by an hour across a DST change), and the whole sequence stops once
// a reply is recorded: every step due after the first reply is cancelled. `intervalDays` is the gap
// to the previous step (0, 2, 3, 2, 7), which is what a chained Mautic campaign event needs.
import { DateTime } from 'luxon';
import { z } from 'zod/v4';

export const DEFAULT_FOLLOW_UP_DAYS: readonly number[] = [0, 2, 5, 7, 14];

export const FollowUpOptionsSchema = z.object({
	/** IANA zone the day offsets are counted in; `UTC` by default. */
	timeZone: z.string().min(1).default('UTC'),
	/** Instants at which the recipient replied (ISO with offset). The earliest one stops the sequence. */
	replies: z.array(z.iso.datetime({ offset: true })).default([]),
	/** Step names are `<prefix><day>`, e.g. `d0`, `d14`. */
	stepPrefix: z
		.string()
		.regex(/^[a-z][a-z0-9-]*$/)
		.default('d'),
});
export type FollowUpOptions = z.input<typeof FollowUpOptionsSchema>;

export const FollowUpStepSchema = z.object({
	step: z.string(),
	index: z.number().int(),
	dayOffset: z.number().int(),
	intervalDays: z.number().int(),
	dueAt: z.string(),
	dueLocal: z.string(),
	status: z.enum(['scheduled', 'cancelled']),
});
export type FollowUpStep = z.infer<typeof FollowUpStepSchema>;

export interface FollowUpSchedule {
	steps: FollowUpStep[];
	/** Set when a reply stopped the sequence. */
	stopped?: { at: string; reason: string };
}

function validateDays(days: readonly number[]): void {
	if (days.length === 0)
		throw new Error('followUpSchedule: days must list at least one day offset');
	days.forEach((d, i) => {
		if (!Number.isInteger(d) || d < 0) {
			throw new Error(`followUpSchedule: day offset ${d} must be a non-negative integer`);
		}
		if (i > 0 && d <= days[i - 1]) {
			throw new Error(
				`followUpSchedule: day offsets must increase strictly (${days[i - 1]} then ${d})`,
			);
		}
	});
}

/** The steps of a follow-up sequence starting at `start`, cancelled from the first reply onwards. */
export function followUpSchedule(
	start: Date | string,
	days: readonly number[] = DEFAULT_FOLLOW_UP_DAYS,
	options: FollowUpOptions = {},
): FollowUpSchedule {
	validateDays(days);
	const opts = FollowUpOptionsSchema.parse(options);
	const startTime =
		typeof start === 'string'
			? DateTime.fromISO(start, { zone: opts.timeZone, setZone: false })
			: DateTime.fromJSDate(start, { zone: opts.timeZone });
	if (!startTime.isValid) throw new Error(`followUpSchedule: invalid start ${String(start)}`);
	const origin = startTime.setZone(opts.timeZone);

	const replyMs = opts.replies.map((r) => Date.parse(r));
	const firstReplyMs = replyMs.length > 0 ? Math.min(...replyMs) : undefined;

	const steps = days.map((day, index): FollowUpStep => {
		const due = origin.plus({ days: day });
		const cancelled = firstReplyMs !== undefined && due.toMillis() > firstReplyMs;
		return {
			step: `${opts.stepPrefix}${day}`,
			index,
			dayOffset: day,
			intervalDays: index === 0 ? day : day - days[index - 1],
			dueAt: due.toUTC().toISO({ suppressMilliseconds: true }) ?? '',
			dueLocal: due.toISO({ suppressMilliseconds: true }) ?? '',
			status: cancelled ? 'cancelled' : 'scheduled',
		};
	});
	if (firstReplyMs === undefined) return { steps };
	const at =
		DateTime.fromMillis(firstReplyMs, { zone: 'utc' }).toISO({ suppressMilliseconds: true }) ?? '';
	const cancelledCount = steps.filter((s) => s.status === 'cancelled').length;
	return {
		steps,
		stopped: {
			at,
			reason: `The recipient replied at ${at}; ${cancelledCount} remaining step(s) cancelled.`,
		},
	};
}
