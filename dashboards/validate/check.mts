// Checks the committed dashboards without Grafana: structure against the schemas derived from
// @grafana/schema, then — for each database URL given — every panel query expanded as Grafana would
// and checked against the frame rules; with two or more URLs the engines must also agree on the rows.
//   npx tsx dashboards/validate/check.mts [--now 2026-11-20T16:00:00Z] [postgres://… …]
// Exits 1 when anything would not render.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import pg from 'pg';

import { DASHBOARDS_DIR, DASHBOARD_FILES } from '../src/generate.mts';
import { dashboardStructureProblems } from './dashboard-structure.mts';
import { pgEngine, runDashboardQueries, type SqlEngine } from './run-panels.mts';

async function main(argv: string[]): Promise<number> {
	const nowIndex = argv.indexOf('--now');
	const now = nowIndex >= 0 ? new Date(argv[nowIndex + 1]) : new Date();
	const urls = argv.filter((arg, i) => arg.startsWith('postgres') && argv[i - 1] !== '--now');
	const pools = urls.map((url) => new pg.Pool({ connectionString: url, max: 2 }));
	const engines: SqlEngine[] = pools.map((pool, i) => pgEngine(new URL(urls[i]).host, pool));
	let failures = 0;
	try {
		for (const name of Object.keys(DASHBOARD_FILES)) {
			const dashboard = JSON.parse(readFileSync(join(DASHBOARDS_DIR, name), 'utf8')) as Record<string, unknown>;
			const structure = dashboardStructureProblems(dashboard);
			console.log(`${name}: structure ${structure.length === 0 ? 'ok' : 'FAILED'}`);
			for (const problem of structure) console.log(`  - ${problem}`);
			failures += structure.length;
			if (engines.length === 0) continue;
			for (const report of await runDashboardQueries(dashboard, engines, { now })) {
				const rows = Object.entries(report.rows).map(([engine, n]) => `${engine}: ${n}`).join(', ');
				console.log(`  panel ${report.panelId} ${report.panelTitle} [${report.refId}] ${report.problems.length ? 'FAILED' : 'ok'} (${rows})`);
				for (const problem of report.problems) console.log(`    - ${problem}`);
				failures += report.problems.length;
			}
		}
	} finally {
		await Promise.all(pools.map((pool) => pool.end()));
	}
	return failures === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
