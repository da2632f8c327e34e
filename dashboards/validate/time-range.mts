// The absolute time range a panel's queries run over, as Grafana's frontend computes it: the
// dashboard's relative range (`now-7d` … `now`) resolved against a fixed "now", then the panel's
// relative-time override (`timeFrom`: "now/d" = today so far, "30d" = last 30 days; rangeutil
// describeTextRange) and time shift. Date math (`now-7d`, `now/d`, `now-1d/d`) is evaluated in UTC,
// which is what the validation uses; a browser applies its own zone to the rounding.
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

function startOf(date: Date, unit: string): Date {
	const d = new Date(date.getTime());
	switch (unit) {
		case 'y':
			return new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
		case 'M':
			return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
		case 'w': {
			const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
			const sinceMonday = (d.getUTCDay() + 6) % 7; // ISO weeks start on Monday
			return new Date(midnight - sinceMonday * UNIT_MS.d);
		}
		default: {
			const size = UNIT_MS[unit];
			if (!size) throw new Error(`date math: unknown unit "${unit}"`);
			return new Date(Math.floor(d.getTime() / size) * size);
		}
	}
}

function add(date: Date, amount: number, unit: string): Date {
	if (unit === 'M' || unit === 'y') {
		const d = new Date(date.getTime());
		if (unit === 'M') d.setUTCMonth(d.getUTCMonth() + amount);
		else d.setUTCFullYear(d.getUTCFullYear() + amount);
		return d;
	}
	const size = UNIT_MS[unit];
	if (!size) throw new Error(`date math: unknown unit "${unit}"`);
	return new Date(date.getTime() + amount * size);
}

/** Grafana date math: `now`, `now-7d`, `now/d`, `now-1d/d`, or an ISO instant. `roundUp` ends a rounded unit. */
export function parseDateMath(expression: string, now: Date, roundUp = false): Date {
	if (!expression.startsWith('now')) {
		const absolute = new Date(expression);
		if (Number.isNaN(absolute.getTime())) throw new Error(`date math: cannot parse "${expression}"`);
		return absolute;
	}
	let result = new Date(now.getTime());
	const ops = /([+-])(\d+)([smhdwMy])|\/([smhdwMy])/g;
	const rest = expression.slice(3);
	let consumed = 0;
	for (const match of rest.matchAll(ops)) {
		if (match.index !== consumed) break;
		consumed += match[0].length;
		if (match[4]) {
			const start = startOf(result, match[4]);
			result = roundUp ? new Date(add(start, 1, match[4]).getTime() - 1) : start;
		} else {
			result = add(result, (match[1] === '-' ? -1 : 1) * Number(match[2]), match[3]);
		}
	}
	if (consumed !== rest.length) throw new Error(`date math: cannot parse "${expression}"`);
	return result;
}

export interface RelativeRange {
	from: string;
	to: string;
}

export interface PanelTimeOptions {
	timeFrom?: string;
	timeShift?: string;
}

/** The range a panel queries: the dashboard range, or the panel's relative-time override, then its shift. */
export function panelTimeRange(dashboard: RelativeRange, panel: PanelTimeOptions, now: Date): { from: Date; to: Date } {
	let from: Date;
	let to: Date;
	if (panel.timeFrom) {
		// rangeutil.describeTextRange: "30d" → "now-30d"; a leading '+' means the future.
		const isLast = !panel.timeFrom.startsWith('+');
		const expression = panel.timeFrom.includes('now') ? panel.timeFrom : `${isLast ? 'now-' : 'now'}${panel.timeFrom}`;
		from = parseDateMath(isLast ? expression : 'now', now, false);
		to = parseDateMath(isLast ? 'now' : expression, now, true);
	} else {
		from = parseDateMath(dashboard.from, now, false);
		to = parseDateMath(dashboard.to, now, true);
	}
	if (panel.timeShift) {
		const shift = /^(\d+)([smhdwMy])$/.exec(panel.timeShift.replace(/^now-/, ''));
		if (!shift) throw new Error(`time shift: cannot parse "${panel.timeShift}"`);
		from = add(from, -Number(shift[1]), shift[2]);
		to = add(to, -Number(shift[1]), shift[2]);
	}
	return { from, to };
}
