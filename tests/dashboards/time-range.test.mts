// The absolute range a panel queries: dashboard range, panel relative-time override, time shift.
import { describe, expect, it } from 'vitest';

import { panelTimeRange, parseDateMath } from '../../dashboards/validate/time-range.mts';

const now = new Date('2026-11-20T16:00:00.000Z'); // a Friday
const week = { from: 'now-7d', to: 'now' };
const iso = (range: { from: Date; to: Date }): [string, string] => [range.from.toISOString(), range.to.toISOString()];

describe('parseDateMath', () => {
	it.each([
		['now', false, '2026-11-20T16:00:00.000Z'],
		['now-7d', false, '2026-11-13T16:00:00.000Z'],
		['now-90m', false, '2026-11-20T14:30:00.000Z'],
		['now/d', false, '2026-11-20T00:00:00.000Z'],
		['now/d', true, '2026-11-20T23:59:59.999Z'],
		['now-1d/d', false, '2026-11-19T00:00:00.000Z'],
		['now/w', false, '2026-11-16T00:00:00.000Z'],
		['now/M', false, '2026-11-01T00:00:00.000Z'],
		['now-1M/M', true, '2026-10-31T23:59:59.999Z'],
		['2026-11-01T00:00:00Z', false, '2026-11-01T00:00:00.000Z'],
	])('%s (roundUp %s) → %s', (expression, roundUp, expected) => {
		expect(parseDateMath(expression, now, roundUp).toISOString()).toBe(expected);
	});

	it.each([['now-7x'], ['later'], ['now+']])('rejects %s', (expression) => {
		expect(() => parseDateMath(expression, now)).toThrow(/date math/);
	});
});

describe('panelTimeRange', () => {
	it.each([
		['the dashboard range', {}, ['2026-11-13T16:00:00.000Z', '2026-11-20T16:00:00.000Z']],
		['"now/d" is today so far', { timeFrom: 'now/d' }, ['2026-11-20T00:00:00.000Z', '2026-11-20T16:00:00.000Z']],
		['"30d" is the last 30 days', { timeFrom: '30d' }, ['2026-10-21T16:00:00.000Z', '2026-11-20T16:00:00.000Z']],
		['"now-24h" is the last day', { timeFrom: 'now-24h' }, ['2026-11-19T16:00:00.000Z', '2026-11-20T16:00:00.000Z']],
		['a 1d shift moves the whole range back', { timeShift: '1d' }, ['2026-11-12T16:00:00.000Z', '2026-11-19T16:00:00.000Z']],
	])('%s', (_, panel, expected) => {
		expect(iso(panelTimeRange(week, panel, now))).toEqual(expected);
	});
});
