// Date arithmetic of the purchase timeline (timeline.ts): periods as UTC calendar days, where in a
// period a phrase points (its anchor: "by", "before", "early", "late", or the middle), and whole months
// from the reference date to it. No clock: `now` is always passed in.

export const DAY_MS = 86_400_000;
export const MONTH_DAYS = 30.4375;

export interface Period {
	start: number; // epoch ms
	end: number; // epoch ms (inclusive day end)
}

export type Anchor = 'mid' | 'by' | 'before' | 'early' | 'late';

export function monthPeriod(year: number, month: number): Period {
	return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) - 1 };
}

export function spanPeriod(year: number, firstMonth: number, months: number): Period {
	return { start: Date.UTC(year, firstMonth, 1), end: Date.UTC(year, firstMonth + months, 1) - 1 };
}

export function anchorOf(period: Period, anchor: Anchor): number {
	const span = period.end - period.start;
	switch (anchor) {
		case 'by':
			return period.end;
		case 'before':
			return period.start;
		case 'early':
			return period.start + span / 6;
		case 'late':
			return period.end - span / 6;
		default:
			return period.start + span / 2;
	}
}

/** Whole months from `now` to the anchor of `period`, or null if the period is already over. */
export function monthsUntil(period: Period, anchor: Anchor, now: number): number | null {
	if (period.end < now) return null;
	let target = anchorOf(period, anchor);
	if (target < now) target = now + (period.end - now) / 2;
	return Math.round((target - now) / DAY_MS / MONTH_DAYS);
}

export function expandYear(text: string | undefined): number | null {
	if (!text) return null;
	const value = Number(text);
	return text.length === 2 ? 2000 + value : value;
}

/** The next period (this year's if it has not ended, else next year's) built by `make(year)`. */
export function nextOccurrence(
	make: (year: number) => Period,
	now: number,
	nowYear: number,
): Period {
	const thisYear = make(nowYear);
	return thisYear.end >= now ? thisYear : make(nowYear + 1);
}

export function isoWeekThursday(year: number, week: number): number {
	const jan4 = Date.UTC(year, 0, 4);
	const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
	return jan4 - dow * DAY_MS + (week - 1) * 7 * DAY_MS + 3 * DAY_MS;
}
