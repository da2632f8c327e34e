// What Grafana does to a PostgreSQL panel's rawSql before it reaches the database, reproduced so the
// dashboard SQL can be executed without a Grafana server. The pipeline, in Grafana's order:
//   1. frontend template variables: `$var`, `${var}`, `[[var]]`; a single value is inserted with `'`
//      doubled but unquoted (write '$var' in SQL), multiple values are quoted and comma-joined
//      (grafana-sql SqlDatasource.interpolateVariable); `$__from`/`$__to` become epoch milliseconds;
//   2. SQL comments are stripped, except SQLCommenter tags (/*key='value',…*/) that hold no macro
//      (newer Grafana; TestStripSQLComments, TestInterpolateSQLCommenter);
//   3. global substitutions (sqleng.Interpolate): `$__interval_ms`, `$__interval`, `$__unixEpochFrom()`,
//      `$__unixEpochTo()`;
//   4. the Postgres macro engine (pkg/tsdb/grafana-postgresql-datasource/macros.go): every
//      `$name(args)` matching /\$([_a-zA-Z0-9]+)\(([^)]*)\)/ is expanded; args split on `,` and
//      trimmed of spaces; an unknown macro is an error.
// Behaviour is pinned by Grafana's own macros_test.go cases in tests/dashboards/macros.test.mts.

export interface MacroTimeRange {
	from: Date;
	to: Date;
}

export interface FillMode {
	mode: 'null' | 'previous' | 'value';
	value?: number;
	intervalSeconds: number;
}

export class MacroError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MacroError';
	}
}

// ---- Go formatting ------------------------------------------------------------------------------

/**
 * Go's `%v` for a float64 (strconv 'g' with the shortest precision): the shortest digits that round-trip,
 * in exponent form when the decimal exponent is < -4 or >= 6, with at least two exponent digits.
 * 300 → "300", 86400 → "86400", 1036800 → "1.0368e+06", 0.02 → "0.02".
 */
export function goFloat(value: number): string {
	if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
	if (value === 0) return Object.is(value, -0) ? '-0' : '0';
	const [mantissa, exponentText] = value.toExponential().split('e');
	const exponent = Number(exponentText);
	if (exponent < -4 || exponent >= 6) {
		const sign = exponent < 0 ? '-' : '+';
		return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
	}
	return String(value);
}

/** Go's time.RFC3339Nano in UTC: trailing zeros of the fraction trimmed, no fraction when zero. */
export function rfc3339Nano(date: Date): string {
	const iso = date.toISOString(); // millisecond precision: yyyy-mm-ddThh:mm:ss.sssZ
	return iso.replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}

const unixSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
const unixNanos = (date: Date): string => (BigInt(date.getTime()) * 1_000_000n).toString();

// ---- intervals (grafana-plugin-sdk-go backend/gtime) ---------------------------------------------

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** gtime.ParseInterval: `5m`, `1h30m`, `20ms`, `12d`, `2w`, `1M` (30 days), `1y` (365 days) → milliseconds. */
export function parseInterval(text: string): number {
	const calendar = /^(\d+)([dwMy])$/.exec(text);
	if (calendar) {
		const days = { d: 1, w: 7, M: 30, y: 365 }[calendar[2] as 'd' | 'w' | 'M' | 'y'];
		return Number(calendar[1]) * days * 86_400_000;
	}
	// time.ParseDuration
	const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
	let total = 0;
	let index = 0;
	if (text === '' || text === '0') {
		if (text === '0') return 0;
		throw new MacroError(`invalid duration "${text}"`);
	}
	while (index < text.length) {
		part.lastIndex = index;
		const match = part.exec(text);
		if (!match) throw new MacroError(`invalid duration "${text}"`);
		total += Number(match[1]) * GO_UNITS[match[2]];
		index = part.lastIndex;
	}
	return total;
}

/** gtime.FormatInterval: the largest whole unit (y, d, h, m, s, ms) of the interval. */
export function formatInterval(ms: number): string {
	const units: Array<[string, number]> = [
		['y', 365 * 86_400_000],
		['d', 86_400_000],
		['h', 3_600_000],
		['m', 60_000],
		['s', 1000],
		['ms', 1],
	];
	for (const [unit, size] of units) {
		if (ms >= size) return `${Math.floor(ms / size)}${unit}`;
	}
	return '1ms';
}

// ---- 1. frontend template variables --------------------------------------------------------------

export type VariableValues = Record<string, string | string[]>;

const VARIABLE_PATTERN = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

/** Replaces known variables the way Grafana's SQL datasources format them; unknown ones stay. */
export function replaceVariables(sql: string, variables: VariableValues): string {
	return sql.replace(VARIABLE_PATTERN, (match, plain?: string, bracket?: string, _f1?: string, braced?: string) => {
		const name = plain ?? bracket ?? braced ?? '';
		if (!(name in variables)) return match;
		const value = variables[name];
		if (Array.isArray(value)) return value.map((item) => `'${item.replace(/'/g, "''")}'`).join(',');
		return value.replace(/'/g, "''");
	});
}

// ---- 2. comments ---------------------------------------------------------------------------------

const SQLCOMMENTER_TAG = /^\/\*\s*[\w.-]+\s*=\s*'[^']*'(\s*,\s*[\w.-]+\s*=\s*'[^']*')*\s*\*\/$/;

/**
 * Removes `--` and `/* … *\/` comments outside string literals, quoted identifiers and dollar-quoted
 * bodies. A block comment shaped like a SQLCommenter tag is kept unless it holds a `$` (a macro or
 * variable inside it would otherwise be expanded).
 */
export function stripSqlComments(sql: string): string {
	let out = '';
	let i = 0;
	while (i < sql.length) {
		const ch = sql[i];
		const next = sql[i + 1];
		if (ch === "'" || ch === '"') {
			let j = i + 1;
			while (j < sql.length) {
				if (sql[j] === ch) {
					if (sql[j + 1] === ch) j += 2;
					else break;
				} else j += 1;
			}
			out += sql.slice(i, j + 1);
			i = j + 1;
			continue;
		}
		if (ch === '$') {
			const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
			if (tag) {
				const close = sql.indexOf(tag[0], i + tag[0].length);
				const end = close === -1 ? sql.length : close + tag[0].length;
				out += sql.slice(i, end);
				i = end;
				continue;
			}
		}
		if (ch === '-' && next === '-') {
			const newline = sql.indexOf('\n', i);
			i = newline === -1 ? sql.length : newline;
			continue;
		}
		if (ch === '/' && next === '*') {
			const close = sql.indexOf('*/', i + 2);
			const end = close === -1 ? sql.length : close + 2;
			const comment = sql.slice(i, end);
			if (SQLCOMMENTER_TAG.test(comment) && !comment.includes('$')) out += comment;
			i = end;
			continue;
		}
		out += ch;
		i += 1;
	}
	return out;
}

// ---- 3. global substitutions (sqleng.Interpolate) -------------------------------------------------

export function interpolateGlobals(sql: string, range: MacroTimeRange, intervalMs: number): string {
	return sql
		.split('$__interval_ms')
		.join(String(Math.floor(intervalMs)))
		.split('$__interval')
		.join(formatInterval(intervalMs))
		.split('$__unixEpochFrom()')
		.join(String(unixSeconds(range.from)))
		.split('$__unixEpochTo()')
		.join(String(unixSeconds(range.to)));
}

// ---- 4. the Postgres macro engine ----------------------------------------------------------------

const MACRO_PATTERN = /\$([_a-zA-Z0-9]+)\(([^)]*)\)/g;

function requireColumn(name: string, args: string[]): string {
	if (args.length === 0) throw new MacroError(`missing time column argument for macro ${name}`);
	return args[0];
}

function groupInterval(name: string, args: string[], fill: FillMode[]): number {
	if (args.length < 2) {
		throw new MacroError(`macro ${name} needs time column and interval and optional fill value`);
	}
	let ms: number;
	try {
		ms = parseInterval(args[1].replace(/^'+|'+$/g, ''));
	} catch {
		throw new MacroError(`error parsing interval ${args[1]}`);
	}
	if (args.length === 3) {
		const seconds = ms / 1000;
		if (args[2] === 'NULL') fill.push({ mode: 'null', intervalSeconds: seconds });
		else if (args[2] === 'previous') fill.push({ mode: 'previous', intervalSeconds: seconds });
		else {
			const value = Number(args[2]);
			if (args[2].trim() === '' || Number.isNaN(value)) throw new MacroError(`error parsing fill value ${args[2]}`);
			fill.push({ mode: 'value', value, intervalSeconds: seconds });
		}
	}
	return ms / 1000;
}

function evaluateMacro(name: string, args: string[], range: MacroTimeRange, timescaledb: boolean, fill: FillMode[]): string {
	switch (name) {
		case '__time':
			return `${requireColumn(name, args)} AS "time"`;
		case '__timeEpoch':
			return `extract(epoch from ${requireColumn(name, args)}) as "time"`;
		case '__timeFilter':
			return `${requireColumn(name, args)} BETWEEN '${rfc3339Nano(range.from)}' AND '${rfc3339Nano(range.to)}'`;
		case '__timeFrom':
			return `'${rfc3339Nano(range.from)}'`;
		case '__timeTo':
			return `'${rfc3339Nano(range.to)}'`;
		case '__timeGroup': {
			const seconds = groupInterval(name, args, fill);
			if (timescaledb) return `time_bucket('${seconds.toFixed(3)}s',${args[0]})`;
			return `floor(extract(epoch from ${args[0]})/${goFloat(seconds)})*${goFloat(seconds)}`;
		}
		case '__timeGroupAlias':
			return `${evaluateMacro('__timeGroup', args, range, timescaledb, fill)} AS "time"`;
		case '__unixEpochFilter': {
			const column = requireColumn(name, args);
			return `${column} >= ${unixSeconds(range.from)} AND ${column} <= ${unixSeconds(range.to)}`;
		}
		case '__unixEpochNanoFilter': {
			const column = requireColumn(name, args);
			return `${column} >= ${unixNanos(range.from)} AND ${column} <= ${unixNanos(range.to)}`;
		}
		case '__unixEpochNanoFrom':
			return unixNanos(range.from);
		case '__unixEpochNanoTo':
			return unixNanos(range.to);
		case '__unixEpochGroup': {
			const seconds = groupInterval(name, args, fill);
			return `floor((${args[0]})/${goFloat(seconds)})*${goFloat(seconds)}`;
		}
		case '__unixEpochGroupAlias':
			return `${evaluateMacro('__unixEpochGroup', args, range, timescaledb, fill)} AS "time"`;
		default:
			throw new MacroError(`unknown macro "${name}"`);
	}
}

export interface ExpandOptions {
	timescaledb?: boolean;
}

/** The Postgres macro engine alone (step 4). Throws MacroError on the first bad macro, like Grafana. */
export function expandMacros(sql: string, range: MacroTimeRange, options: ExpandOptions = {}): { sql: string; fill: FillMode[] } {
	const fill: FillMode[] = [];
	const expanded = sql.replace(MACRO_PATTERN, (whole: string, rawName: string, rawArgs: string) => {
		let name = rawName;
		// Pre-5.3 compatibility: a bare $__timeGroup(...) directly followed by ',' gets AS "time". Grafana
		// looks at the first occurrence of the same text in the query, so this does too.
		if (name === '__timeGroup') {
			const at = sql.indexOf(whole);
			if (at >= 0 && sql[at + whole.length] === ',') name = '__timeGroupAlias';
		}
		const args = rawArgs.split(',').map((arg) => arg.replace(/^ +| +$/g, ''));
		return evaluateMacro(name, args, range, options.timescaledb ?? false, fill);
	});
	return { sql: expanded, fill };
}

export interface InterpolateOptions extends ExpandOptions {
	range: MacroTimeRange;
	/** $__interval in milliseconds (Grafana derives it from the range and panel width; min = panel.interval). */
	intervalMs: number;
	variables?: VariableValues;
	/** Newer Grafana strips comments before interpolating; on by default. */
	stripComments?: boolean;
}

/** Steps 1–4: the SQL Grafana would send for this target. */
export function interpolateQuery(rawSql: string, options: InterpolateOptions): { sql: string; fill: FillMode[] } {
	const variables: VariableValues = {
		__from: String(options.range.from.getTime()),
		__to: String(options.range.to.getTime()),
		...options.variables,
	};
	let sql = replaceVariables(rawSql, variables);
	if (options.stripComments ?? true) sql = stripSqlComments(sql);
	sql = interpolateGlobals(sql, options.range, options.intervalMs);
	return expandMacros(sql, options.range, options);
}
