// The follow-up schedule's parameters as Outreach reads them (the step days). Which step is due is
// core's decision (core/outreach/followUpDue.ts `dueFollowUpStep`).

/** The schedule parameters of one item, checked. */
export interface ScheduleInput {
	start: string;
	days: number[];
	replies: string[];
}

/** "0, 2, 5, 7, 14" → [0, 2, 5, 7, 14]; undefined when a part is not a whole number. */
export function parseDays(text: string): number[] | undefined {
	const parts = text
		.split(',')
		.map((p) => p.trim())
		.filter((p) => p !== '');
	if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p))) return undefined;
	return parts.map(Number);
}
