// The committed dashboards and provisioning files are exactly what dashboards/src generates, and they
// hold the panels the issue asks for, with explicit ids and refIds, on the ${ds} variable.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

import { DASHBOARDS_DIR, renderDashboardFiles } from '../../dashboards/src/generate.mts';

const generated = renderDashboardFiles();
const committed = (name: string): string => readFileSync(join(DASHBOARDS_DIR, name), 'utf8');

interface PanelJson {
	id: number;
	type: string;
	title: string;
	timeFrom?: string;
	datasource: { type: string; uid: string };
	fieldConfig: { defaults: { unit?: string; thresholds?: { steps: unknown[] } } };
	targets: Array<{ refId: string; format: string; rawSql: string; datasource: { uid: string } }>;
}

describe('generated files', () => {
	it.each(Object.keys(generated))('dashboards/%s is up to date (npx tsx dashboards/src/generate.mts)', (name) => {
		expect(committed(name)).toBe(generated[name]);
	});
});

const autonomy = JSON.parse(committed('lead-to-close-autonomy.json')) as { uid: string; title: string; panels: PanelJson[]; schemaVersion: number } & Record<string, unknown>;
const health = JSON.parse(committed('pipeline-health.json')) as { uid: string; title: string; panels: PanelJson[] } & Record<string, unknown>;

describe('Lead-to-Close Autonomy', () => {
	it('has the 16 panels of the issue, ids 1–16', () => {
		const byId = Object.fromEntries(autonomy.panels.map((panel) => [panel.id, [panel.type, panel.title]]));
		expect(byId).toEqual({
			1: ['stat', 'Autonomy (all decisions)'],
			2: ['stat', 'Leads today'],
			3: ['stat', 'Quotes today'],
			4: ['stat', 'Emails today'],
			5: ['timeseries', 'Lead qualification scores'],
			6: ['timeseries', 'Communication activity by channel'],
			7: ['table', 'Recent workflow runs'],
			8: ['piechart', 'Channel mix'],
			9: ['gauge', 'Quote → won conversion (30 days)'],
			10: ['timeseries', 'Quote generation time'],
			11: ['stat', 'Email open rate'],
			12: ['stat', 'SMS today'],
			13: ['stat', 'Calls & hand-offs today'],
			14: ['table', 'Active sequences'],
			15: ['bargauge', 'Autonomy by step'],
			16: ['timeseries', 'Response times by step'],
		});
	});

	it('counts "today" panels over today only', () => {
		const today = autonomy.panels.filter((panel) => panel.timeFrom === 'now/d').map((panel) => panel.id).sort((a, b) => a - b);
		expect(today).toEqual([2, 3, 4, 12, 13]);
	});

	it.each([
		[1, 'percent'],
		[9, 'percent'],
		[11, 'percent'],
		[15, 'percent'],
		[10, 'ms'],
		[16, 'ms'],
	])('panel %i has unit %s', (id, unit) => {
		expect(autonomy.panels.find((panel) => panel.id === id)?.fieldConfig.defaults.unit).toBe(unit);
	});
});

describe('Lead-to-Close Pipeline Health', () => {
	it('covers deal risk, quote confidence, the review queue, LLM spend, errors and human decisions by channel', () => {
		expect(health.panels.map((panel) => [panel.id, panel.type, panel.title])).toEqual([
			[1, 'timeseries', 'Deal-risk signals by severity'],
			[2, 'stat', 'Pending reviews'],
			[3, 'stat', 'Oldest pending review'],
			[4, 'bargauge', 'Review queue age'],
			[5, 'bargauge', 'Quote confidence distribution'],
			[6, 'timeseries', 'LLM tokens and cost'],
			[7, 'stat', 'LLM cost in range'],
			[8, 'timeseries', 'Errors and retries by service'],
			[9, 'table', 'Recent errors'],
			[10, 'table', 'Human decisions by channel'],
		]);
	});
});

describe.each([
	['lead-to-close-autonomy.json', autonomy],
	['pipeline-health.json', health],
])('%s', (_, dashboard) => {
	it('uses the ${ds} variable for every panel and target, and has no __inputs', () => {
		expect(dashboard.__inputs).toBeUndefined();
		expect(dashboard.__requires).toBeUndefined();
		for (const panel of dashboard.panels) {
			expect(panel.datasource).toEqual({ type: 'grafana-postgresql-datasource', uid: '${ds}' });
			for (const target of panel.targets) expect(target.datasource.uid).toBe('${ds}');
		}
	});

	it('gives every target an explicit refId and format, and time series a time column', () => {
		for (const panel of dashboard.panels) {
			expect(panel.targets.map((target) => target.refId)).toEqual(['A']);
			for (const target of panel.targets) {
				expect(['table', 'time_series']).toContain(target.format);
				if (target.format === 'time_series') expect(target.rawSql).toMatch(/\$__timeGroupAlias\(|AS "time"|"time"/);
				expect(target.rawSql).not.toMatch(/now\(\)|current_timestamp|current_date/i);
			}
		}
	});

	it('sets thresholds on every stat, gauge and bar gauge', () => {
		for (const panel of dashboard.panels.filter((p) => ['stat', 'gauge', 'bargauge'].includes(p.type))) {
			expect(panel.fieldConfig.defaults.thresholds?.steps.length, `panel ${panel.id}`).toBeGreaterThan(0);
			expect(panel.fieldConfig.defaults.unit, `panel ${panel.id}`).toBeDefined();
		}
	});
});

describe('provisioning', () => {
	it('declares the datasource with the plugin id, the database under jsonData and the uid the dashboards prefer', () => {
		const yaml = parse(committed('provisioning/datasources/lead-to-close.yaml'));
		expect(yaml.apiVersion).toBe(1);
		const [datasource] = yaml.datasources;
		expect(datasource).toMatchObject({ type: 'grafana-postgresql-datasource', uid: 'lead-to-close-pg', name: 'Lead-to-Close Postgres' });
		expect(datasource.jsonData.database).toBe('$__env{LTC_PG_DB}');
		expect(datasource.database).toBeUndefined();
		const variable = (autonomy.templating as { list: Array<{ name: string; type: string; query: string; current: { value: string } }> }).list[0];
		expect(variable).toMatchObject({ name: 'ds', type: 'datasource', query: 'grafana-postgresql-datasource', current: { value: datasource.uid } });
	});

	it('loads the dashboards into their own folder', () => {
		const yaml = parse(committed('provisioning/dashboards/lead-to-close.yaml'));
		expect(yaml.providers).toEqual([
			expect.objectContaining({ type: 'file', folder: 'Lead-to-Close', folderUid: 'lead-to-close', options: expect.objectContaining({ path: '/var/lib/grafana/dashboards/lead-to-close' }) }),
		]);
	});
});
