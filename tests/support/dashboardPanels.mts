// The dashboards' panels run on events: a throwaway PostgreSQL loaded with dashboards/schema.sql and the
// events, then every panel query of pipeline-health.json and lead-to-close-autonomy.json expanded as
// Grafana expands it at `now` (autonomy panels numbered from 1001). Shared by the dashboard tests that
// check what a kind of decision does to the panels.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { MetricEvent } from '../../core/metrics';
import { insertStatements } from '../../dashboards/sample-data.mts';
import { DASHBOARDS_DIR } from '../../dashboards/src/generate.mts';
import { pgEngine, runDashboardQueries, type DashboardLike, type TargetReport } from '../../dashboards/validate/run-panels.mts';
import { createTestDatabase, type TestDatabase } from './postgres.mts';

export interface DashboardPanels {
	db: TestDatabase;
	/** The report of a pipeline-health panel (its id) or an autonomy panel (1000 + its id). */
	panel(id: number): TargetReport;
	/** A panel's rows, as arrays. */
	rowsOf(report: TargetReport): Promise<unknown[][]>;
}

const load = (name: string) => JSON.parse(readFileSync(join(DASHBOARDS_DIR, name), 'utf8')) as DashboardLike;

export async function dashboardPanels(database: string, events: readonly MetricEvent[], now: Date): Promise<DashboardPanels> {
	const db = await createTestDatabase(database, { timeZone: 'UTC' });
	await db.pool.query(readFileSync(join(DASHBOARDS_DIR, 'schema.sql'), 'utf8'));
	for (const statement of insertStatements(events)) await db.pool.query(statement);
	const engines = [pgEngine('PostgreSQL', db.pool)];
	const reports = [
		...(await runDashboardQueries(load('pipeline-health.json'), engines, { now })),
		...(await runDashboardQueries(load('lead-to-close-autonomy.json'), engines, { now })).map((r) => ({ ...r, panelId: (r.panelId ?? 0) + 1000 })),
	];
	return {
		db,
		panel: (id) => reports.find((r) => r.panelId === id)!,
		rowsOf: async (report) => (await db.pool.query({ text: report.sql, rowMode: 'array' })).rows as unknown[][],
	};
}
