// Every panel query of both dashboards, expanded the way Grafana expands it, executed on a real
// PostgreSQL (a throwaway database, deliberately in another time zone and collation) and on PGlite
// (served by scripts/embedded-postgres.mts over pglite-socket), both loaded with the same generated
// events: each result must satisfy Grafana's frame rules for its panel, and the two engines must
// return the same rows. Broken queries must be caught. The SQL autonomy view must agree with the
// core rule. Real PostgreSQL is required: tests/support/postgres.mts fails (never skips) without it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { autonomy, decisionPoints, makeEvent, toRows, METRIC_EVENT_COLUMNS, type MetricEvent } from '../../core/metrics';
import { SAMPLE_END, generateSampleEvents, insertStatements } from '../../dashboards/sample-data.mts';
import { DASHBOARDS_DIR } from '../../dashboards/src/generate.mts';
import { pgEngine, runDashboardQueries, type DashboardLike, type SqlEngine, type TargetReport } from '../../dashboards/validate/run-panels.mts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../scripts/embedded-postgres.mts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.mts';

const schemaSql = readFileSync(join(DASHBOARDS_DIR, 'schema.sql'), 'utf8');
const now = new Date(SAMPLE_END);
const events = generateSampleEvents();
const load = (name: string): DashboardLike & { panels: Array<{ id: number; title: string; type: string }> } =>
	JSON.parse(readFileSync(join(DASHBOARDS_DIR, name), 'utf8'));
const dashboards = { autonomy: load('lead-to-close-autonomy.json'), health: load('pipeline-health.json') };

let real: TestDatabase;
let embedded: EmbeddedPostgres;
let dataDir: string;
let pglite: pg.Pool;
let engines: SqlEngine[];
const reports: Record<keyof typeof dashboards, TargetReport[]> = { autonomy: [], health: [] };

async function onBoth<T>(fn: (pool: pg.Pool) => Promise<T>): Promise<[T, T]> {
	return [await fn(real.pool), await fn(pglite)];
}

beforeAll(async () => {
	real = await createTestDatabase('ltc_dashboards');
	dataDir = mkdtempSync(join(tmpdir(), 'ltc-pglite-'));
	embedded = await startEmbeddedPostgres({ dataDir, port: 0, maxConnections: 4, schemaSql: false });
	pglite = new pg.Pool({ connectionString: embedded.url, max: 2 });
	engines = [pgEngine(`PostgreSQL ${Math.floor(real.serverVersion / 10000)}`, real.pool), pgEngine('PGlite', pglite)];
	for (const pool of [real.pool, pglite]) {
		await pool.query(schemaSql);
		await pool.query(schemaSql); // idempotent
		for (const statement of insertStatements(events)) await pool.query(statement);
	}
	reports.autonomy = await runDashboardQueries(dashboards.autonomy, engines, { now });
	reports.health = await runDashboardQueries(dashboards.health, engines, { now });
});

afterAll(async () => {
	await pglite?.end();
	await embedded?.stop();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	await real?.drop();
});

describe('schema.sql', () => {
	it('applies twice on both engines and creates the same objects', async () => {
		const objects = `
			SELECT object FROM (
			  SELECT 'table ' || tablename AS object FROM pg_tables WHERE tablename LIKE 'ltc_%'
			  UNION ALL SELECT 'view ' || viewname FROM pg_views WHERE viewname LIKE 'ltc_%'
			  UNION ALL SELECT 'index ' || indexname FROM pg_indexes WHERE indexname LIKE 'ltc_%'
			) AS objects
			ORDER BY object COLLATE "C"`;
		const [onReal, onPglite] = await onBoth(async (pool) => (await pool.query(objects)).rows.map((row) => row.object as string));
		expect(onReal).toEqual(onPglite);
		expect(onReal).toEqual(expect.arrayContaining(['table ltc_events', 'view ltc_decision_points', 'view ltc_runs', 'view ltc_quotes', 'index ltc_events_event_id_key']));
	});

	it('holds the same generated events on both engines', async () => {
		const digest = `SELECT count(*)::int AS n, md5(string_agg(event_id, ',' ORDER BY event_id COLLATE "C")) AS ids FROM ltc_events`;
		const [onReal, onPglite] = await onBoth(async (pool) => (await pool.query(digest)).rows[0]);
		expect(onReal).toEqual(onPglite);
		expect(onReal.n).toBe(events.length);
	});
});

describe.each([
	['Lead-to-Close Autonomy', 'autonomy' as const],
	['Lead-to-Close Pipeline Health', 'health' as const],
])('%s', (_, key) => {
	it.each(dashboards[key].panels.map((panel) => [panel.id, panel.title]))('panel %i "%s" renders on both engines with the same rows', (id) => {
		const panelReports = reports[key].filter((report) => report.panelId === id);
		expect(panelReports.length).toBeGreaterThan(0);
		for (const report of panelReports) {
			expect(report.problems, `${report.panelTitle} ${report.refId}\n${report.sql}`).toEqual([]);
			expect(Object.keys(report.rows)).toHaveLength(2);
			expect(report.rows.PGlite).toBeGreaterThan(0);
		}
	});
});

describe('numbers the dashboards show', () => {
	const rangeOf = (report: TargetReport) => ({ from: report.range.from, to: report.range.to });
	const firstRow = async (pool: pg.Pool, sql: string): Promise<unknown[]> => (await pool.query({ text: sql, rowMode: 'array' })).rows[0];

	it('overall autonomy is the core rule applied to the same events', async () => {
		const report = reports.autonomy.find((r) => r.panelId === 1)!;
		const expected = autonomy(events, rangeOf(report)).overall.pct!;
		const [onReal, onPglite] = await onBoth((pool) => firstRow(pool, report.sql));
		expect(Number(onReal[0])).toBeCloseTo(expected, 9);
		expect(Number(onPglite[0])).toBeCloseTo(expected, 9);
		expect(expected).toBeGreaterThan(70);
	});

	it('autonomy by step is the core rule per step', async () => {
		const report = reports.autonomy.find((r) => r.panelId === 15)!;
		const expected = autonomy(events, rangeOf(report)).byStep.map(({ step, pct }) => [step, pct]);
		for (const pool of [real.pool, pglite]) {
			const rows = (await pool.query({ text: report.sql, rowMode: 'array' })).rows.map(([step, pct]) => [step, Number(pct)]);
			expect(rows.map(([step]) => step)).toEqual(expected.map(([step]) => step));
			rows.forEach(([, pct], i) => expect(pct).toBeCloseTo(expected[i][1] as number, 9));
		}
	});

	it('pending reviews are the hand-offs nobody had answered at the end of the range', async () => {
		const report = reports.health.find((r) => r.panelId === 2)!;
		const answered = new Set(
			events.filter((e) => e.occurred_at <= SAMPLE_END && (e.actor === 'human' || e.decision === 'timeout')).map((e) => `${e.execution_id}|${e.step}|${e.quote_ref ?? e.deal_ref ?? e.lead_ref}`),
		);
		const pending = decisionPoints(events).filter((p) => p.handed_off && events.some((e) => e.decision === 'review' && `${e.execution_id}|${e.step}|${e.quote_ref ?? e.deal_ref ?? e.lead_ref}` === `${p.execution_id}|${p.step}|${p.subject_ref}`) && !answered.has(`${p.execution_id}|${p.step}|${p.subject_ref}`));
		const [onReal, onPglite] = await onBoth((pool) => firstRow(pool, report.sql));
		expect(Number(onReal[0])).toBe(pending.length);
		expect(Number(onPglite[0])).toBe(pending.length);
		expect(pending.length).toBeGreaterThan(0);
	});

	it('leads today count the distinct leads that arrived since midnight', async () => {
		const report = reports.autonomy.find((r) => r.panelId === 2)!;
		expect(report.range).toEqual({ from: '2026-11-20T00:00:00.000Z', to: SAMPLE_END });
		const expected = new Set(events.filter((e) => e.step === 'lead_intake' && e.occurred_at >= '2026-11-20T00:00:00.000Z').map((e) => e.lead_ref)).size;
		const [onReal, onPglite] = await onBoth((pool) => firstRow(pool, report.sql));
		expect([Number(onReal[0]), Number(onPglite[0])]).toEqual([expected, expected]);
	});
});

describe('a broken query is caught', () => {
	const panel = (type: string, rawSql: string, format: 'table' | 'time_series', extra: Record<string, unknown> = {}) => ({
		title: 'broken',
		time: { from: 'now-7d', to: 'now' },
		panels: [{ id: 1, type, title: `${type} under test`, targets: [{ refId: 'A', rawSql, format }], ...extra }],
	});
	const problemsOf = async (dashboard: DashboardLike): Promise<string> => (await runDashboardQueries(dashboard, engines, { now }))[0].problems.join('\n');

	it.each<[string, DashboardLike, RegExp]>([
		['a missing column', panel('stat', 'SELECT count(lead_id) AS "Leads" FROM ltc_events WHERE $__timeFilter(occurred_at)', 'table'), /PostgreSQL \d+: column "lead_id" does not exist[\s\S]*PGlite: column "lead_id" does not exist/],
		['a missing table', panel('stat', 'SELECT count(*) AS "Quotes" FROM ltc_quote WHERE $__timeFilter(created_at)', 'table'), /relation "ltc_quote" does not exist/],
		['a time series without a time column', panel('timeseries', "SELECT date_trunc('hour', occurred_at) AS bucket, count(*) AS n FROM ltc_events WHERE $__timeFilter(occurred_at) GROUP BY 1 ORDER BY 1", 'time_series'), /no column named "time"/],
		['a stat left at the default time_series format', panel('stat', 'SELECT count(*) AS "Leads" FROM ltc_events WHERE $__timeFilter(occurred_at)', 'time_series'), /no column named "time"/],
		['text in a gauge', panel('gauge', "SELECT to_char(100.0 * count(*) FILTER (WHERE autonomous) / count(*), 'FM990.0') || '%' AS \"Autonomy\" FROM ltc_decision_points WHERE $__timeFilter(decided_at)", 'table'), /gauge needs at least one numeric column/],
		['a long series not ordered by time', panel('timeseries', "SELECT $__timeGroupAlias(occurred_at, '1h'), channel AS metric, count(*) AS value FROM ltc_events WHERE step = 'outreach' AND outcome = 'sent' AND $__timeFilter(occurred_at) GROUP BY 1, 2 ORDER BY 2, 1", 'time_series'), /sorted ascending by time/],
		['a query that returns nothing', panel('table', "SELECT lead_ref FROM ltc_events WHERE step = 'no_such_step' AND $__timeFilter(occurred_at)", 'table'), /no rows/],
		['a bar gauge whose field selector matches no column', panel('bargauge', 'SELECT step AS "Step", count(*) AS "Decisions" FROM ltc_decision_points WHERE $__timeFilter(decided_at) GROUP BY step ORDER BY step COLLATE "C"', 'table', { options: { reduceOptions: { values: true, calcs: [], fields: '/^Autonomy$/' } } }), /matches none of the numeric columns/],
		['an unknown macro', panel('stat', 'SELECT count(*) AS "Leads" FROM ltc_events WHERE $__timeRange(occurred_at)', 'table'), /interpolation failed: unknown macro "__timeRange"/],
		['SQL that depends on the server time zone (engines disagree)', panel('table', "SELECT date_trunc('day', occurred_at)::date AS \"Day\", count(*) AS \"Events\" FROM ltc_events WHERE $__timeFilter(occurred_at) GROUP BY 1 ORDER BY 1", 'table'), /PostgreSQL \d+ and PGlite disagree/],
	])('%s', async (_, dashboard, message) => {
		expect(await problemsOf(dashboard)).toMatch(message);
	});
});

describe('rows from core/metrics toRows, inserted like n8n\'s Postgres node (Insert, Skip on Conflict)', () => {
	const at = '2026-11-21T09:00:00Z';
	const fresh: MetricEvent[] = [
		makeEvent({ workflow: 'Lead intake & qualification', execution_id: '99001', step: 'qualify', actor: 'ai', decision: 'qualified', lead_ref: 'CRM-LEAD-2026-09001', score: 88.5, confidence: 0.93, tokens_in: 1900, tokens_out: 250, cost_usd: 0.009450 }, at),
		makeEvent({ workflow: 'Quote generation', execution_id: '99002', step: 'quote', actor: 'system', outcome: 'created', lead_ref: 'CRM-LEAD-2026-09001', quote_ref: 'SAL-QTN-2026-09001', amount: 1_284_050, currency: 'EUR', service: 'erpnext' }, at),
	];
	const columns = METRIC_EVENT_COLUMNS.join(', ');
	const placeholders = METRIC_EVENT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
	const insert = `INSERT INTO ltc_events (${columns}) VALUES (${placeholders}) ON CONFLICT DO NOTHING`;

	it('stores each event once, even when the same rows are inserted twice, with exact values', async () => {
		for (const pool of [real.pool, pglite]) {
			for (let round = 0; round < 2; round++) {
				for (const row of toRows([...fresh, fresh[0]])) await pool.query(insert, METRIC_EVENT_COLUMNS.map((column) => row[column]));
			}
		}
		const read = `SELECT execution_id, amount::text, currency, cost_usd::text, score, occurred_at FROM ltc_events WHERE execution_id IN ('99001', '99002') ORDER BY execution_id COLLATE "C"`;
		const [onReal, onPglite] = await onBoth(async (pool) => (await pool.query(read)).rows);
		expect(onReal).toEqual(onPglite);
		expect(onReal).toEqual([
			{ execution_id: '99001', amount: null, currency: null, cost_usd: '0.009450', score: 88.5, occurred_at: new Date(at) },
			{ execution_id: '99002', amount: '1284050', currency: 'EUR', cost_usd: null, score: null, occurred_at: new Date(at) },
		]);
	});

	it.each([
		['an unknown actor', { actor: 'robot' }, /ltc_events_actor_check/],
		['an amount without currency', { amount: 100, currency: null }, /ltc_events_amount_currency_check/],
		['a confidence above 1', { confidence: 1.5 }, /ltc_events_confidence_check/],
	])('the table itself refuses %s on both engines', async (_, change, message) => {
		const row = { ...toRows([fresh[0]])[0], ...change, event_id: `bad-${Object.keys(change)[0]}` } as Record<string, unknown>;
		for (const pool of [real.pool, pglite]) {
			await expect(pool.query(insert, METRIC_EVENT_COLUMNS.map((column) => row[column]))).rejects.toThrow(message);
		}
	});
});
