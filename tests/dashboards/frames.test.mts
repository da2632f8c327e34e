// Grafana's frame rules on hand-made results: what renders and what does not, and why.
import { describe, expect, it } from 'vitest';

import { PG_TYPES, frameProblems, type QueryResult } from '../../dashboards/validate/frames.mts';

const t = (iso: string): Date => new Date(iso);
const result = (fields: Array<[string, number]>, rows: unknown[][]): QueryResult => ({
	fields: fields.map(([name, dataTypeID]) => ({ name, dataTypeID })),
	rows,
});

const wide = result([['time', PG_TYPES.numeric], ['Average score', PG_TYPES.float8]], [[1763596800, 61.2], [1763618400, 58]]);
const long = result(
	[['time', PG_TYPES.timestamptz], ['metric', PG_TYPES.text], ['value', PG_TYPES.int8]],
	[[t('2026-11-20T08:00:00Z'), 'email', '12'], [t('2026-11-20T08:00:00Z'), 'sms', '3'], [t('2026-11-20T09:00:00Z'), 'email', '9']],
);

describe('frameProblems', () => {
	it.each([
		['a wide time series (numeric epoch time)', { type: 'timeseries' }, 'time_series', wide],
		['a long time series sorted by time', { type: 'timeseries' }, 'time_series', long],
		['a stat on an int8 count (a string from node-postgres)', { type: 'stat' }, 'table', result([['Leads', PG_TYPES.int8]], [['24']])],
		['a bar gauge over rows with a label column', { type: 'bargauge', options: { reduceOptions: { fields: '/^Autonomy$/' } } }, 'table', result([['Step', PG_TYPES.text], ['Autonomy', PG_TYPES.float8]], [['qualify', 74.2], ['quote', 58]])],
		['a table of text', { type: 'table' }, 'table', result([['Lead', PG_TYPES.text]], [['CRM-LEAD-2026-00042']])],
	])('accepts %s', (_, panel, format, data) => {
		expect(frameProblems(panel, { format }, data)).toEqual([]);
	});

	it.each([
		['an empty result', { type: 'table' }, 'table', result([['Lead', PG_TYPES.text]], []), /no rows/],
		['time_series without a time column', { type: 'timeseries' }, 'time_series', result([['bucket', PG_TYPES.timestamptz], ['n', PG_TYPES.int8]], [[t('2026-11-20T08:00:00Z'), '1']]), /no column named "time"/],
		['format left at the backend default (time_series) on a stat', { type: 'stat' }, undefined, result([['Leads', PG_TYPES.int8]], [['24']]), /no column named "time"/],
		['a text time column', { type: 'timeseries' }, 'time_series', result([['time', PG_TYPES.text], ['n', PG_TYPES.int8]], [['yesterday', '1']]), /cannot convert to a time field/],
		['null times', { type: 'timeseries' }, 'time_series', result([['time', PG_TYPES.timestamptz], ['n', PG_TYPES.int8]], [[null, '1']]), /NULL values/],
		['a long series out of time order', { type: 'timeseries' }, 'time_series', result([['time', PG_TYPES.timestamptz], ['metric', PG_TYPES.text], ['value', PG_TYPES.int8]], [[t('2026-11-20T09:00:00Z'), 'email', '1'], [t('2026-11-20T08:00:00Z'), 'sms', '2']]), /sorted ascending by time/],
		['a boolean value column in a time series', { type: 'timeseries' }, 'time_series', result([['time', PG_TYPES.timestamptz], ['ok', PG_TYPES.bool]], [[t('2026-11-20T09:00:00Z'), true]]), /cannot be converted to a float64/],
		['text in a gauge', { type: 'gauge' }, 'table', result([['Conversion', PG_TYPES.text]], [['27%']]), /gauge needs at least one numeric column/],
		['a pie chart whose field selector matches nothing', { type: 'piechart', options: { reduceOptions: { fields: '/^Messages$/' } } }, 'table', result([['Channel', PG_TYPES.text], ['Contacts', PG_TYPES.int8]], [['email', '40']]), /matches none of the numeric columns/],
		['a time series panel on a table without time', { type: 'timeseries' }, 'table', result([['Step', PG_TYPES.text], ['n', PG_TYPES.int8]], [['qualify', '4']]), /needs a time column/],
	])('rejects %s', (_, panel, format, data, message) => {
		expect(frameProblems(panel, { format }, data).join('\n')).toMatch(message);
	});
});
