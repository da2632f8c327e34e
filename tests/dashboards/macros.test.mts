// The macro port against Grafana's own expectations: the cases of
// pkg/tsdb/grafana-postgresql-datasource/macros_test.go (TestMacroEngine, TestInterpolateSQLCommenter,
// TestStripSQLComments), restated here as facts, plus sqleng's global substitutions and the frontend's
// variable formatting.
import { describe, expect, it } from 'vitest';

import {
	MacroError,
	expandMacros,
	formatInterval,
	goFloat,
	interpolateGlobals,
	interpolateQuery,
	parseInterval,
	replaceVariables,
	rfc3339Nano,
	stripSqlComments,
} from '../../dashboards/validate/macros.mts';

const range = { from: new Date(Date.UTC(2018, 3, 12, 18, 0, 0)), to: new Date(Date.UTC(2018, 3, 12, 18, 5, 0)) };
const expand = (sql: string, timescaledb = false): string => expandMacros(sql, range, { timescaledb }).sql;

describe('TestMacroEngine: 2018-04-12 18:00 to 18:05 UTC', () => {
	it.each([
		['__time', 'select $__time(time_column)', 'select time_column AS "time"'],
		['__time wrapped in aggregation', 'select min($__time(time_column))', 'select min(time_column AS "time")'],
		['__timeFilter', 'WHERE $__timeFilter(time_column)', "WHERE time_column BETWEEN '2018-04-12T18:00:00Z' AND '2018-04-12T18:05:00Z'"],
		['__timeFrom', 'select $__timeFrom()', "select '2018-04-12T18:00:00Z'"],
		['__timeTo', 'select $__timeTo()', "select '2018-04-12T18:05:00Z'"],
		['__timeGroup pre 5.3 compatibility (followed by a comma)', "SELECT $__timeGroup(time_column,'5m'), value", 'SELECT floor(extract(epoch from time_column)/300)*300 AS "time", value'],
		['__timeGroup pre 5.3 compatibility (own alias)', "SELECT $__timeGroup(time_column,'5m') as time, value", 'SELECT floor(extract(epoch from time_column)/300)*300 as time, value'],
		['__timeGroup', "SELECT $__timeGroup(time_column,'5m')", 'SELECT floor(extract(epoch from time_column)/300)*300'],
		['__timeGroupAlias', "SELECT $__timeGroupAlias(time_column,'5m')", 'SELECT floor(extract(epoch from time_column)/300)*300 AS "time"'],
		['__timeGroup with spaces between args', "$__timeGroup(time_column , '5m')", 'floor(extract(epoch from time_column)/300)*300'],
		['__timeGroupAlias with spaces between args', "$__timeGroupAlias(time_column , '5m')", 'floor(extract(epoch from time_column)/300)*300 AS "time"'],
		['__unixEpochFilter', 'select $__unixEpochFilter(time)', `select time >= ${Date.UTC(2018, 3, 12, 18) / 1000} AND time <= ${Date.UTC(2018, 3, 12, 18, 5) / 1000}`],
		['__unixEpochNanoFilter', 'select $__unixEpochNanoFilter(time)', 'select time >= 1523556000000000000 AND time <= 1523556300000000000'],
		['__unixEpochNanoFrom', 'select $__unixEpochNanoFrom()', 'select 1523556000000000000'],
		['__unixEpochNanoTo', 'select $__unixEpochNanoTo()', 'select 1523556300000000000'],
		['__unixEpochGroup', "SELECT $__unixEpochGroup(time_column+time_adjustment,'5m')", 'SELECT floor((time_column+time_adjustment)/300)*300'],
		['__unixEpochGroupAlias', "SELECT $__unixEpochGroupAlias(time_column+time_adjustment,'5m')", 'SELECT floor((time_column+time_adjustment)/300)*300 AS "time"'],
	])('%s', (_, sql, expected) => {
		expect(expand(sql)).toBe(expected);
	});

	it.each([
		['GROUP BY $__timeGroup(time_column,\'5m\')', "GROUP BY time_bucket('300.000s',time_column)"],
		["GROUP BY $__timeGroup(time_column , '5m')", "GROUP BY time_bucket('300.000s',time_column)"],
		["GROUP BY $__timeGroup(time_column , '12d')", "GROUP BY time_bucket('1036800.000s',time_column)"],
		["GROUP BY $__timeGroup(time_column , '20ms')", "GROUP BY time_bucket('0.020s',time_column)"],
	])('with TimescaleDB: %s', (sql, expected) => {
		expect(expand(sql, true)).toBe(expected);
	});
});

describe('TestMacroEngine: time ranges before 1970 and with fractions', () => {
	it.each([
		['1960-02-01T07:00:00Z', '1965-02-03T08:00:00Z', -312915600, -154886400],
		['1960-02-01T07:00:00Z', '1980-02-03T08:00:00Z', -312915600, 318412800],
	])('%s to %s', (from, to, fromUnix, toUnix) => {
		const r = { from: new Date(from), to: new Date(to) };
		expect(expandMacros('WHERE $__timeFilter(time_column)', r).sql).toBe(`WHERE time_column BETWEEN '${from}' AND '${to}'`);
		expect(expandMacros('select $__unixEpochFilter(time)', r).sql).toBe(`select time >= ${fromUnix} AND time <= ${toUnix}`);
		expect(expandMacros('select $__unixEpochNanoFilter(time)', r).sql).toBe(`select time >= ${fromUnix}000000000 AND time <= ${toUnix}000000000`);
	});

	it('trims the fraction like Go RFC3339Nano: .5 seconds', () => {
		const r = { from: new Date('1960-02-01T07:00:00.500Z'), to: new Date('1980-02-03T08:00:00.500Z') };
		expect(rfc3339Nano(r.from)).toBe('1960-02-01T07:00:00.5Z');
		expect(rfc3339Nano(r.to)).toBe('1980-02-03T08:00:00.5Z');
		expect(expandMacros('WHERE $__timeFilter(time_column)', r).sql).toBe("WHERE time_column BETWEEN '1960-02-01T07:00:00.5Z' AND '1980-02-03T08:00:00.5Z'");
	});
});

describe('macro errors and fill modes', () => {
	it.each([
		['an unknown macro', 'SELECT $__timeGroupBy(t, 1h)', 'unknown macro "__timeGroupBy"'],
		['a time group without interval', 'SELECT $__timeGroup(t)', 'macro __timeGroup needs time column and interval and optional fill value'],
		['an interval Go cannot parse', "SELECT $__timeGroup(t, 'soon')", "error parsing interval 'soon'"],
		['a fill value that is not a number', "SELECT $__timeGroup(t, '1h', zero)", 'error parsing fill value zero'],
	])('%s', (_, sql, message) => {
		expect(() => expand(sql)).toThrow(MacroError);
		expect(() => expand(sql)).toThrow(message);
	});

	it.each([
		["$__timeGroup(t, '1h', NULL)", { mode: 'null', intervalSeconds: 3600 }],
		["$__timeGroup(t, '1h', previous)", { mode: 'previous', intervalSeconds: 3600 }],
		["$__timeGroup(t, '1h', 0)", { mode: 'value', value: 0, intervalSeconds: 3600 }],
	])('records the fill mode of %s', (sql, fill) => {
		expect(expandMacros(sql, range).fill).toEqual([fill]);
	});
});

describe('Go formatting of intervals', () => {
	it.each([
		[300, '300'],
		[3600, '3600'],
		[86400, '86400'],
		[604800, '604800'],
		[1036800, '1.0368e+06'],
		[2592000, '2.592e+06'],
		[0.02, '0.02'],
		[0.00001, '1e-05'],
	])('%%v of %s seconds is %s', (value, expected) => {
		expect(goFloat(value)).toBe(expected);
	});

	it('prints a 12-day group with Go %v, as Grafana does', () => {
		expect(expand("$__timeGroup(t, '12d')")).toBe('floor(extract(epoch from t)/1.0368e+06)*1.0368e+06');
	});

	it.each([
		['5m', 300_000],
		['1h30m', 5_400_000],
		['20ms', 20],
		['1.5h', 5_400_000],
		['12d', 1_036_800_000],
		['2w', 1_209_600_000],
	])('parses the interval %s', (text, ms) => {
		expect(parseInterval(text)).toBe(ms);
	});

	it.each([
		[3_600_000, '1h'],
		[600_000, '10m'],
		[90_000, '1m'],
		[86_400_000 * 3, '3d'],
		[250, '250ms'],
		[0, '1ms'],
	])('formats %s ms as $__interval %s', (ms, text) => {
		expect(formatInterval(ms)).toBe(text);
	});
});

describe('sqleng global substitutions', () => {
	it('replaces $__interval_ms before $__interval, and the unix epoch bounds', () => {
		expect(interpolateGlobals('SELECT $__interval_ms, $__interval, $__unixEpochFrom(), $__unixEpochTo()', range, 600_000)).toBe(
			'SELECT 600000, 10m, 1523556000, 1523556300',
		);
	});
});

describe('TestStripSQLComments', () => {
	it.each([
		['line comment stripped', 'SELECT 1 -- a comment', 'SELECT 1 '],
		['block comment stripped', 'SELECT /* a comment */ 1', 'SELECT  1'],
		['multiline block comment stripped', 'SELECT /*\n  multiline\n  comment\n*/ 1', 'SELECT  1'],
		['line comment inside single-quoted string preserved', "SELECT '-- not a comment' AS label", "SELECT '-- not a comment' AS label"],
		['block comment inside single-quoted string preserved', "SELECT '/* not a comment */' AS label", "SELECT '/* not a comment */' AS label"],
		['line comment inside double-quoted identifier preserved', 'SELECT "col -- name" FROM t', 'SELECT "col -- name" FROM t'],
		['block comment inside double-quoted identifier preserved', 'SELECT "col /* name */" FROM t', 'SELECT "col /* name */" FROM t'],
		['doubled-quote escape inside single-quoted string', "SELECT 'it''s fine -- not a comment' AS v", "SELECT 'it''s fine -- not a comment' AS v"],
		['doubled-quote escape inside double-quoted identifier', 'SELECT "col ""-- name""" FROM t', 'SELECT "col ""-- name""" FROM t'],
		['mixed: -- inside string then real -- comment', "SELECT '-- in string' AS a -- real comment", "SELECT '-- in string' AS a "],
		['mixed: block comment inside string then real block comment', "SELECT '/* in string */' AS a /* real comment */", "SELECT '/* in string */' AS a "],
		['no-op: query with no comments', 'SELECT col FROM t WHERE col > 1', 'SELECT col FROM t WHERE col > 1'],
		['newline after line comment is preserved', 'SELECT 1 -- comment\nFROM t', 'SELECT 1 \nFROM t'],
		['line comment inside empty dollar-quoted string preserved', 'SELECT $$ -- not a comment $$', 'SELECT $$ -- not a comment $$'],
		['block comment inside empty dollar-quoted string preserved', 'SELECT $$ /* not a comment */ $$', 'SELECT $$ /* not a comment */ $$'],
		['line comment inside tagged dollar-quoted string preserved', 'SELECT $body$ -- not a comment $body$', 'SELECT $body$ -- not a comment $body$'],
		['grafana macro not confused with dollar-quote', 'SELECT $__timeFrom() -- comment', 'SELECT $__timeFrom() '],
		['positional parameter not confused with dollar-quote', 'SELECT $1 -- comment', 'SELECT $1 '],
		[
			'preserves trailing SQLCommenter tag before semicolon',
			"SELECT 1 AS value\n/*application='grafana',source='bi',route='test',feature='repro'*/;",
			"SELECT 1 AS value\n/*application='grafana',source='bi',route='test',feature='repro'*/;",
		],
		['preserves inline SQLCommenter tag', "SELECT 1 /*application='grafana',feature='panel'*/", "SELECT 1 /*application='grafana',feature='panel'*/"],
		['strips block comment shaped like a tag but containing a macro', "SELECT 1 /*range='$__timeFilter(t)'*/", 'SELECT 1 '],
	])('%s', (_, input, want) => {
		expect(stripSqlComments(input)).toBe(want);
	});
});

describe('TestInterpolateSQLCommenter (interval 10m)', () => {
	const interpolate = (sql: string): string => interpolateQuery(sql, { range, intervalMs: 600_000 }).sql;
	it.each([
		['preserves an inert trailing tag while interpolating the body', "SELECT $__interval /*app='grafana',source='bi'*/", "SELECT 10m /*app='grafana',source='bi'*/"],
		['strips a tag that embeds the interval macro', "SELECT 1 /*i='$__interval'*/", 'SELECT 1 '],
		['strips a tag whose macro completes across the comment boundary', "SELECT 1 /*k='$__timeFilter(t'*/ WHERE (x = 1)", 'SELECT 1  WHERE (x = 1)'],
	])('%s', (_, sql, expected) => {
		expect(interpolate(sql)).toBe(expected);
	});
});

describe('frontend variables (grafana-sql interpolateVariable)', () => {
	it.each([
		['a single value is escaped but not quoted', "WHERE step = '$step'", { step: "lead's" }, "WHERE step = 'lead''s'"],
		['a multi value is quoted and comma-joined', 'WHERE channel IN ($channel)', { channel: ['email', 'sms'] }, "WHERE channel IN ('email','sms')"],
		['braced and bracketed forms', "SELECT '${step}', '[[step]]'", { step: 'quote' }, "SELECT 'quote', 'quote'"],
		['unknown variables and macros are left alone', 'SELECT $__timeFilter(t), $other', { step: 'quote' }, 'SELECT $__timeFilter(t), $other'],
	])('%s', (_, sql, variables, expected) => {
		expect(replaceVariables(sql, variables)).toBe(expected);
	});

	it('turns $__from/$__to into epoch milliseconds before the backend runs', () => {
		expect(interpolateQuery('SELECT $__from, $__to', { range, intervalMs: 1000 }).sql).toBe('SELECT 1523556000000, 1523556300000');
	});

	it('expands a dashboard query end to end', () => {
		const sql = "SELECT $__timeGroupAlias(occurred_at, $__interval), count(*) -- per bucket\nFROM ltc_events WHERE $__timeFilter(occurred_at) GROUP BY 1";
		expect(interpolateQuery(sql, { range, intervalMs: 3_600_000 }).sql).toBe(
			"SELECT floor(extract(epoch from occurred_at)/3600)*3600 AS \"time\", count(*) \nFROM ltc_events WHERE occurred_at BETWEEN '2018-04-12T18:00:00Z' AND '2018-04-12T18:05:00Z' GROUP BY 1",
		);
	});
});
