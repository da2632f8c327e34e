// A deployment without an LLM key (the demo, or a team that keeps Claude off) records its qualify and
// quote decisions as `actor: system`. The manager's panels for scores, quote time and quote
// confidence must show those decisions too: they were taken with no human. This test produces the
// events with the real Lead Qualifier and Quote Generator (rules only, in-process n8n engine), stores
// them in a real PostgreSQL with dashboards/schema.sql, runs the panels' expanded SQL and expects data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MetricEventSchema, type MetricEvent } from '../../core/metrics';
import { insertStatements } from '../../dashboards/sample-data.mts';
import { DASHBOARDS_DIR } from '../../dashboards/src/generate.mts';
import { pgEngine, runDashboardQueries, type DashboardLike, type TargetReport } from '../../dashboards/validate/run-panels.mts';
import { csvRow, SAMPLE_CATALOG } from '../nodes/support/quoteFixtures.mts';
import { allOutputs, runNode } from '../reliability/support/nodes.mts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.mts';

const load = (name: string): DashboardLike => JSON.parse(readFileSync(join(DASHBOARDS_DIR, name), 'utf8'));

let db: TestDatabase;
let events: MetricEvent[];
const reports: TargetReport[] = [];

function eventsOf(items: Array<{ json: IDataObject }>): MetricEvent[] {
	return items.flatMap((item) => ((item.json._ltcEvents as unknown[]) ?? []).map((e) => MetricEventSchema.parse(e)));
}

beforeAll(async () => {
	const qualify = await runNode({
		key: 'leadQualifier',
		items: [
			{ name: 'CRM-LEAD-1', company_name: 'Brauerei Nord GmbH', job_title: 'Geschäftsführer', email_id: 'chef@brauerei-nord.de', country: 'Germany', notes: 'Wir brauchen 3 SPS und 2 Frequenzumrichter, Budget 120.000 EUR, Start in 2 Monaten.' },
			{ name: 'CRM-LEAD-2', company_name: 'Acme Packaging', job_title: 'Technician', email_id: 'tech@acme-pack.com', country: 'United States', notes: 'Just browsing.' },
		],
		params: { referenceDate: '2026-11-02T10:00:00Z' },
	});
	const quote = await runNode({
		key: 'quoteGenerator',
		items: [...SAMPLE_CATALOG.slice(0, 60).map(csvRow)],
		params: { referenceDate: '2026-11-02T10:00:00Z', catalogSource: 'inputItems', requestText: `${SAMPLE_CATALOG[0].sku} x2` },
	});
	events = [...eventsOf(allOutputs(qualify, qualify.nodeName)), ...eventsOf(allOutputs(quote, quote.nodeName))];
	db = await createTestDatabase('ltc_dash_rules');
	await db.pool.query(readFileSync(join(DASHBOARDS_DIR, 'schema.sql'), 'utf8'));
	for (const statement of insertStatements(events)) await db.pool.query(statement);
	// The panels' time range ends a minute after the last event (events carry the wall clock).
	const now = new Date(Math.max(...events.map((e) => Date.parse(e.occurred_at))) + 60_000);
	const engines = [pgEngine('PostgreSQL', db.pool)];
	reports.push(...(await runDashboardQueries(load('lead-to-close-autonomy.json'), engines, { now })));
	reports.push(...(await runDashboardQueries(load('pipeline-health.json'), engines, { now })));
});

afterAll(async () => {
	await db?.drop();
});

async function panelRows(title: string): Promise<unknown[][]> {
	const report = reports.find((r) => r.panelTitle === title);
	expect(report, title).toBeDefined();
	expect(report!.problems).toEqual([]);
	return (await db.pool.query({ text: report!.sql, rowMode: 'array' })).rows as unknown[][];
}

describe('rules-only decisions on the dashboards', () => {
	it('the nodes recorded them as actor system, with no AI event at all', () => {
		const decisions = events.filter((e) => e.step === 'qualify' || (e.step === 'quote' && e.decision !== null));
		expect(decisions.filter((e) => e.step === 'qualify')).toHaveLength(2);
		expect(decisions.filter((e) => e.step === 'quote')).toHaveLength(1);
		expect(new Set(events.map((e) => e.actor))).toEqual(new Set(['system']));
	});

	it('"Lead qualification scores" plots their scores', async () => {
		const rows = await panelRows('Lead qualification scores');
		const averages = rows.map((r) => r[1]).filter((v) => v !== null);
		const scores = events.filter((e) => e.step === 'qualify').map((e) => e.score!);
		expect(averages).toEqual([(scores[0] + scores[1]) / 2]);
	});

	it('"Quote generation time" plots the quote decision', async () => {
		const rows = await panelRows('Quote generation time');
		expect(rows.filter((r) => r[1] !== null)).toHaveLength(1);
	});

	it('"Quote confidence distribution" counts the quote in its band', async () => {
		const rows = await panelRows('Quote confidence distribution');
		expect(rows.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(1);
	});
});
