// Whether a query result would render in its panel, by the rules Grafana's SQL backend and panels
// apply (pkg/tsdb/grafana-postgresql-datasource/sqleng/sql_engine.go, frame conversion):
//   - format `time_series` (the backend's default) needs a column named exactly `time`, of a
//     timestamp/date or numeric (epoch) type, with no nulls; other non-text columns become float64
//     values; with text columns (long format) rows must be ascending by time, or LongToWide fails;
//   - stat, gauge, bar gauge and pie chart need at least one numeric field, and when
//     `reduceOptions.fields` names fields, one of them must match;
//   - a time series panel needs a time field and a numeric field;
//   - every query must return rows (an empty result renders "No data": for validation that is a fault).
// Column types come from the result's field type OIDs, not from JavaScript values, because
// node-postgres returns int8 and numeric as strings.
export interface ResultField {
	name: string;
	dataTypeID: number;
}

export interface QueryResult {
	fields: ResultField[];
	rows: unknown[][];
}

export interface FrameTarget {
	format?: string;
}

export interface FramePanel {
	type: string;
	options?: { reduceOptions?: { fields?: string } };
}

export const PG_TYPES = {
	bool: 16,
	int8: 20,
	int2: 21,
	int4: 23,
	text: 25,
	float4: 700,
	float8: 701,
	bpchar: 1042,
	varchar: 1043,
	date: 1082,
	timestamp: 1114,
	timestamptz: 1184,
	numeric: 1700,
} as const;

const NUMERIC = new Set<number>([PG_TYPES.int2, PG_TYPES.int4, PG_TYPES.int8, PG_TYPES.float4, PG_TYPES.float8, PG_TYPES.numeric]);
const TIME = new Set<number>([PG_TYPES.date, PG_TYPES.timestamp, PG_TYPES.timestamptz]);
/** Types Grafana reads as strings (everything it has no other mapping for, minus json/bytea/bool). */
const isText = (oid: number): boolean => !NUMERIC.has(oid) && !TIME.has(oid) && oid !== PG_TYPES.bool && oid !== 114 && oid !== 3802;

export const isNumericType = (oid: number): boolean => NUMERIC.has(oid);
export const isTimeType = (oid: number): boolean => TIME.has(oid);

const VALUE_PANELS = new Set(['stat', 'gauge', 'bargauge', 'piechart']);

function timeValue(value: unknown): number {
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
	if (typeof value === 'string') return Number.isNaN(Number(value)) ? Date.parse(value) : Number(value);
	return Number.NaN;
}

/** The problems that would keep this result from rendering in this panel; empty when it renders. */
export function frameProblems(panel: FramePanel, target: FrameTarget, result: QueryResult): string[] {
	const problems: string[] = [];
	const format = target.format === 'table' ? 'table' : 'time_series';
	const { fields, rows } = result;
	if (rows.length === 0) problems.push('the query returned no rows');

	let timeIndex = -1;
	if (format === 'time_series') {
		timeIndex = fields.findIndex((field) => field.name === 'time');
		if (timeIndex === -1) {
			problems.push(
				'time_series format but no column named "time" (Grafana: "time column is missing; make sure your data includes a time column for time series format or switch to a table format that doesn\'t require it")',
			);
		} else {
			const oid = fields[timeIndex].dataTypeID;
			if (!isTimeType(oid) && !isNumericType(oid)) {
				problems.push(`the "time" column has type OID ${oid}, which Grafana cannot convert to a time field`);
			}
			if (rows.some((row) => row[timeIndex] === null || row[timeIndex] === undefined)) {
				problems.push('the "time" column holds NULL values');
			}
			fields.forEach((field, index) => {
				if (index === timeIndex || isText(field.dataTypeID) || isNumericType(field.dataTypeID)) return;
				problems.push(`column "${field.name}" (type OID ${field.dataTypeID}) cannot be converted to a float64 value`);
			});
			const long = fields.some((field, index) => index !== timeIndex && isText(field.dataTypeID));
			if (long) {
				for (let i = 1; i < rows.length; i++) {
					if (timeValue(rows[i][timeIndex]) < timeValue(rows[i - 1][timeIndex])) {
						problems.push('long series must be sorted ascending by time to be converted (add ORDER BY 1)');
						break;
					}
				}
			}
		}
	}

	const numeric = fields.filter((field, index) => index !== timeIndex && isNumericType(field.dataTypeID));
	if (VALUE_PANELS.has(panel.type)) {
		if (numeric.length === 0) {
			problems.push(`${panel.type} needs at least one numeric column, got ${fields.map((f) => `"${f.name}" (OID ${f.dataTypeID})`).join(', ') || 'none'}`);
		}
		const selector = panel.options?.reduceOptions?.fields;
		if (selector && numeric.length > 0) {
			const pattern = /^\/(.*)\/([a-z]*)$/.exec(selector);
			const matches = (name: string): boolean => (pattern ? new RegExp(pattern[1], pattern[2]).test(name) : name === selector);
			if (!numeric.some((field) => matches(field.name))) {
				problems.push(`reduceOptions.fields ${selector} matches none of the numeric columns ${numeric.map((f) => `"${f.name}"`).join(', ')}`);
			}
		}
	}
	if (panel.type === 'timeseries') {
		const hasTime = timeIndex !== -1 || fields.some((field) => isTimeType(field.dataTypeID));
		if (!hasTime) problems.push('timeseries panel needs a time column');
		if (numeric.length === 0) problems.push('timeseries panel needs at least one numeric value column');
	}
	return problems;
}
