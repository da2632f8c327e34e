// Executes every panel query of a dashboard the way Grafana would — panel time range, $__interval,
// variables, comment stripping and macro expansion (macros.mts) — on one or more SQL engines, and
// reports per target what would go wrong: the query fails, the result breaks a frame rule
// (frames.mts), or the engines disagree on the rows. Used by tests/dashboards against a real
// PostgreSQL and PGlite loaded with the same generated events.
import { frameProblems, isNumericType, isTimeType, type QueryResult } from './frames.mts';
import { interpolateQuery, parseInterval, type VariableValues } from './macros.mts';
import { panelTimeRange } from './time-range.mts';

export interface SqlEngine {
	name: string;
	run(sql: string): Promise<QueryResult>;
}

/** Anything with node-postgres' `query({ text, rowMode })` (pg.Pool, pg.Client). */
export interface PgQueryable {
	query(config: { text: string; rowMode: 'array' }): Promise<{ fields: Array<{ name: string; dataTypeID: number }>; rows: unknown[][] }>;
}

export function pgEngine(name: string, client: PgQueryable): SqlEngine {
	return {
		name,
		async run(sql: string): Promise<QueryResult> {
			const result = await client.query({ text: sql, rowMode: 'array' });
			return { fields: result.fields.map(({ name: field, dataTypeID }) => ({ name: field, dataTypeID })), rows: result.rows };
		},
	};
}

interface DashboardTarget {
	refId?: string;
	rawSql?: string;
	format?: string;
	hide?: boolean;
}

export interface DashboardPanel {
	id?: number;
	type: string;
	title?: string;
	interval?: string;
	timeFrom?: string;
	timeShift?: string;
	options?: { reduceOptions?: { fields?: string } };
	targets?: DashboardTarget[];
	panels?: DashboardPanel[];
}

export interface DashboardLike {
	title?: string;
	time?: { from: string; to: string };
	panels?: DashboardPanel[];
}

export interface TargetReport {
	dashboard: string;
	panelId: number | undefined;
	panelTitle: string;
	panelType: string;
	refId: string;
	sql: string;
	range: { from: string; to: string };
	rows: Record<string, number>;
	problems: string[];
}

export interface RunOptions {
	/** The instant `now` resolves to. */
	now: Date;
	/** $__interval when the panel sets no minimum interval. */
	defaultInterval?: string;
	variables?: VariableValues;
}

function normaliseValue(value: unknown, dataTypeID: number): unknown {
	if (value === null || value === undefined) return null;
	if (isNumericType(dataTypeID)) return Number(Number(value).toPrecision(12));
	if (isTimeType(dataTypeID)) return new Date(value as string | number | Date).toISOString();
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** Rows with driver differences removed (int8/numeric as strings vs numbers, float noise, Date objects). */
export function normaliseResult(result: QueryResult): { columns: string[]; rows: unknown[][] } {
	return {
		columns: result.fields.map((field) => `${field.name}:${field.dataTypeID}`),
		rows: result.rows.map((row) => row.map((value, index) => normaliseValue(value, result.fields[index].dataTypeID))),
	};
}

/** The first difference between two engines' results, or undefined when they are equal. */
export function resultDifference(a: QueryResult, b: QueryResult): string | undefined {
	const left = normaliseResult(a);
	const right = normaliseResult(b);
	if (left.columns.join('|') !== right.columns.join('|')) {
		return `columns differ: [${left.columns.join(', ')}] vs [${right.columns.join(', ')}]`;
	}
	if (left.rows.length !== right.rows.length) return `row counts differ: ${left.rows.length} vs ${right.rows.length}`;
	for (let i = 0; i < left.rows.length; i++) {
		const l = JSON.stringify(left.rows[i]);
		const r = JSON.stringify(right.rows[i]);
		if (l !== r) return `row ${i} differs: ${l} vs ${r}`;
	}
	return undefined;
}

function flattenPanels(panels: DashboardPanel[] = []): DashboardPanel[] {
	return panels.flatMap((panel) => (panel.type === 'row' ? flattenPanels(panel.panels) : [panel]));
}

/** Runs every visible target of every panel on every engine and reports what would not render. */
export async function runDashboardQueries(dashboard: DashboardLike, engines: SqlEngine[], options: RunOptions): Promise<TargetReport[]> {
	const reports: TargetReport[] = [];
	const dashboardRange = dashboard.time ?? { from: 'now-6h', to: 'now' };
	for (const panel of flattenPanels(dashboard.panels)) {
		for (const target of panel.targets ?? []) {
			if (target.hide) continue;
			const report: TargetReport = {
				dashboard: dashboard.title ?? '',
				panelId: panel.id,
				panelTitle: panel.title ?? '',
				panelType: panel.type,
				refId: target.refId ?? '',
				sql: '',
				range: { from: '', to: '' },
				rows: {},
				problems: [],
			};
			reports.push(report);
			if (!target.rawSql) {
				report.problems.push('target has no rawSql');
				continue;
			}
			const range = panelTimeRange(dashboardRange, panel, options.now);
			report.range = { from: range.from.toISOString(), to: range.to.toISOString() };
			try {
				const intervalMs = parseInterval(panel.interval ?? options.defaultInterval ?? '1h');
				report.sql = interpolateQuery(target.rawSql, { range, intervalMs, variables: options.variables }).sql;
			} catch (error) {
				report.problems.push(`interpolation failed: ${(error as Error).message}`);
				continue;
			}
			const results: Array<{ engine: string; result: QueryResult }> = [];
			for (const engine of engines) {
				try {
					const result = await engine.run(report.sql);
					report.rows[engine.name] = result.rows.length;
					results.push({ engine: engine.name, result });
					for (const problem of frameProblems(panel, target, result)) {
						const message = `${problem} [${engine.name}]`;
						if (!report.problems.includes(message)) report.problems.push(message);
					}
				} catch (error) {
					report.problems.push(`${engine.name}: ${(error as Error).message}`);
				}
			}
			for (let i = 1; i < results.length; i++) {
				const difference = resultDifference(results[0].result, results[i].result);
				if (difference) report.problems.push(`${results[0].engine} and ${results[i].engine} disagree: ${difference}`);
			}
		}
	}
	return reports;
}
