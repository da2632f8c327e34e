// Dashboard JSON against the schemas derived from @grafana/schema plus this project's rules, and
// proof that the checks catch the mistakes they are for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { DASHBOARDS_DIR } from '../../dashboards/src/generate.mts';
import { dashboardStructureProblems } from '../../dashboards/validate/dashboard-structure.mts';
import { PANEL_PLUGINS, grafanaSchemas } from '../../dashboards/validate/grafana-schema.mts';

type Json = Record<string, any>;
const load = (name: string): Json => JSON.parse(readFileSync(join(DASHBOARDS_DIR, name), 'utf8')) as Json;

describe('schemas derived from @grafana/schema', () => {
	it('cover the dashboard and every panel plugin used here', () => {
		const schemas = grafanaSchemas();
		expect(schemas.version).toBe('13.2.3');
		expect(Object.keys(schemas.dashboard.definitions as Json)).toEqual(expect.arrayContaining(['dashboard.Dashboard', 'dashboard.Panel', 'dashboard.RowPanel', 'dashboard.GridPos', 'dashboard.ThresholdsConfig']));
		for (const plugin of ['stat', 'gauge', 'bargauge', 'piechart', 'table', 'timeseries'] as const) {
			expect(PANEL_PLUGINS).toContain(plugin);
			expect(schemas.panelOptions[plugin], plugin).toBeDefined();
		}
		expect((schemas.dashboard.definitions as Json)['dashboard.Dashboard'].required).toEqual(['schemaVersion']);
	});
});

describe.each([['lead-to-close-autonomy.json'], ['pipeline-health.json']])('%s', (name) => {
	const dashboard = load(name);

	it('passes every structural check', () => {
		expect(dashboardStructureProblems(dashboard)).toEqual([]);
	});

	const pieOrStat = (d: Json): Json => d.panels.find((p: Json) => p.type === 'piechart') ?? d.panels.find((p: Json) => p.type === 'stat');
	it.each<[string, (d: Json) => void, RegExp]>([
		['a grid width written as text', (d) => (d.panels[0].gridPos.w = 'six'), /panels\/0\/gridPos\/w must be number/],
		['a missing schemaVersion', (d) => delete d.schemaVersion, /must have required property 'schemaVersion'/],
		['a threshold step with a numeric colour', (d) => (d.panels.find((p: Json) => p.type === 'stat').fieldConfig.defaults.thresholds.steps[0].color = 5), /thresholds\/steps\/0\/color must be string/],
		['a threshold mode that does not exist', (d) => (d.panels.find((p: Json) => p.type === 'stat').fieldConfig.defaults.thresholds.mode = 'relative'), /thresholds\/mode must be equal to one of the allowed values/],
		['reduce calcs as a string', (d) => (pieOrStat(d).options.reduceOptions.calcs = 'last'), /reduceOptions\/calcs must be array/],
		['a legend placement that does not exist', (d) => (d.panels.find((p: Json) => p.type === 'timeseries').options.legend.placement = 'left'), /legend\/placement must be equal to one of the allowed values/],
		['a line width written as text', (d) => (d.panels.find((p: Json) => p.type === 'timeseries').fieldConfig.defaults.custom.lineWidth = 'thick'), /fieldConfig.defaults.custom\/lineWidth must be number/],
		['two panels with one id', (d) => (d.panels[1].id = d.panels[0].id), /is also used by/],
		['a panel without an id', (d) => delete d.panels[2].id, /needs an explicit positive integer id/],
		['a repeated refId', (d) => d.panels[0].targets.push({ ...d.panels[0].targets[0] }), /refId A is used twice/],
		['an import input', (d) => (d.__inputs = [{ name: 'DS_PG', type: 'datasource', pluginId: 'grafana-postgresql-datasource' }]), /__inputs/],
		['a ${DS_…} reference', (d) => (d.panels[0].datasource = { type: 'grafana-postgresql-datasource', uid: '${DS_PG}' }), /\$\{DS_…\}|datasource must be/],
		['a hard-coded datasource uid on a target', (d) => (d.panels[0].targets[0].datasource.uid = 'P1809F7CD0C75ACF3'), /datasource must be the \$\{ds\}/],
		['a misspelt format', (d) => (d.panels[0].targets[0].format = 'timeseries'), /format must be "table" or "time_series"/],
		['a builder-mode target', (d) => (d.panels[0].targets[0].editorMode = 'builder'), /code-mode raw query/],
		['panels that overlap', (d) => (d.panels[1].gridPos = { ...d.panels[0].gridPos }), /overlap/],
		['a panel wider than the grid', (d) => (d.panels[0].gridPos.x = 20), /does not fit the 24-column grid/],
		['a panel type without a schema', (d) => (d.panels[0].type = 'singlestat'), /no schema for panel type "singlestat"/],
		['no ds variable', (d) => (d.templating.list = []), /datasource variable "ds"/],
	])('catches %s', (_, mutate, message) => {
		const copy = structuredClone(dashboard);
		mutate(copy);
		expect(dashboardStructureProblems(copy).join('\n')).toMatch(message);
	});
});
