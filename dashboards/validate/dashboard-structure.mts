// Structural checks of a dashboard JSON without a Grafana server: the JSON Schemas derived from
// @grafana/schema (grafana-schema.mts) for the dashboard, each panel's plugin options and field config,
// plus the rules the schema cannot express and this project relies on: unique panel ids, unique refIds
// per panel, every panel and target on the `${ds}` PostgreSQL variable, no `__inputs`/`${DS_…}`
// (file provisioning never resolves them), well-formed SQL targets, and a grid that fits 24 columns
// without overlaps.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

import { grafanaSchemas } from './grafana-schema.mts';

const POSTGRES = 'grafana-postgresql-datasource';

interface Panel {
	id?: unknown;
	type?: unknown;
	title?: unknown;
	datasource?: { type?: unknown; uid?: unknown };
	gridPos?: { x: number; y: number; w: number; h: number };
	options?: unknown;
	fieldConfig?: { defaults?: { custom?: unknown } };
	targets?: Array<Record<string, unknown>>;
	panels?: Panel[];
}

let compiled: { dashboard: ValidateFunction; options: Map<string, ValidateFunction>; fieldConfig: Map<string, ValidateFunction> } | undefined;

function validators(): NonNullable<typeof compiled> {
	if (compiled) return compiled;
	const schemas = grafanaSchemas();
	const ajv = new Ajv({ allErrors: true, strict: false });
	compiled = {
		dashboard: ajv.compile(schemas.dashboard),
		options: new Map(Object.entries(schemas.panelOptions).map(([type, schema]) => [type, ajv.compile(schema)])),
		fieldConfig: new Map(Object.entries(schemas.panelFieldConfig).map(([type, schema]) => [type, ajv.compile(schema)])),
	};
	return compiled;
}

function describe(errors: ErrorObject[] | null | undefined, prefix: string): string[] {
	// anyOf/if wrappers repeat what their branches already say; keep the specific messages
	const list = (errors ?? []).filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'if');
	return list.map((error) => `${prefix}${error.instancePath || '/'} ${error.message ?? 'is invalid'}${error.params && 'allowedValues' in error.params ? ` (${JSON.stringify(error.params.allowedValues)})` : ''}`);
}

function allPanels(panels: Panel[] = []): Panel[] {
	return panels.flatMap((panel) => [panel, ...allPanels(panel.panels)]);
}

function overlaps(a: NonNullable<Panel['gridPos']>, b: NonNullable<Panel['gridPos']>): boolean {
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Every structural problem of the dashboard; an empty list means it passes. */
export function dashboardStructureProblems(dashboard: Record<string, unknown>): string[] {
	const { dashboard: validateDashboard, options, fieldConfig } = validators();
	const problems: string[] = [];
	if (!validateDashboard(dashboard)) problems.push(...describe(validateDashboard.errors, 'dashboard'));

	if ('__inputs' in dashboard || '__requires' in dashboard) {
		problems.push('dashboard has __inputs/__requires: file provisioning never resolves them; use the ${ds} variable');
	}
	if (JSON.stringify(dashboard).includes('${DS_')) problems.push('dashboard references a ${DS_…} import input');

	const variables = ((dashboard.templating as { list?: Array<Record<string, unknown>> } | undefined)?.list ?? []);
	const ds = variables.find((variable) => variable.name === 'ds');
	if (!ds || ds.type !== 'datasource' || ds.query !== POSTGRES) {
		problems.push(`dashboard needs a datasource variable "ds" with query "${POSTGRES}"`);
	}

	const panels = allPanels(dashboard.panels as Panel[] | undefined);
	const ids = new Map<number, string>();
	for (const panel of panels) {
		const label = `panel ${String(panel.id)} "${String(panel.title ?? '')}"`;
		if (typeof panel.id !== 'number' || !Number.isInteger(panel.id) || panel.id <= 0) {
			problems.push(`${label}: needs an explicit positive integer id`);
		} else if (ids.has(panel.id)) {
			problems.push(`${label}: id ${panel.id} is also used by ${ids.get(panel.id)}`);
		} else ids.set(panel.id, label);

		if (panel.type === 'row') continue;
		const type = String(panel.type);
		const validateOptions = options.get(type);
		if (!validateOptions) problems.push(`${label}: no schema for panel type "${type}"`);
		else if (!validateOptions(panel.options ?? {})) problems.push(...describe(validateOptions.errors, `${label} options`));
		const validateCustom = fieldConfig.get(type);
		if (validateCustom && !validateCustom(panel.fieldConfig?.defaults?.custom ?? {})) {
			problems.push(...describe(validateCustom.errors, `${label} fieldConfig.defaults.custom`));
		}

		if (panel.datasource?.type !== POSTGRES || panel.datasource?.uid !== '${ds}') {
			problems.push(`${label}: datasource must be {type: "${POSTGRES}", uid: "\${ds}"}`);
		}
		const targets = panel.targets ?? [];
		if (targets.length === 0) problems.push(`${label}: has no queries`);
		const refIds = new Set<string>();
		for (const target of targets) {
			const refId = target.refId;
			if (typeof refId !== 'string' || refId === '') problems.push(`${label}: a target has no refId`);
			else if (refIds.has(refId)) problems.push(`${label}: refId ${refId} is used twice`);
			else refIds.add(refId);
			const where = `${label} target ${String(refId)}`;
			const targetDs = target.datasource as { type?: unknown; uid?: unknown } | undefined;
			if (targetDs?.type !== POSTGRES || targetDs?.uid !== '${ds}') problems.push(`${where}: datasource must be the \${ds} PostgreSQL variable`);
			if (typeof target.rawSql !== 'string' || target.rawSql.trim() === '') problems.push(`${where}: rawSql is empty`);
			if (target.format !== 'table' && target.format !== 'time_series') problems.push(`${where}: format must be "table" or "time_series"`);
			if (target.rawQuery !== true || target.editorMode !== 'code') problems.push(`${where}: must be a code-mode raw query (rawQuery: true, editorMode: "code")`);
		}
	}

	const placed = panels.filter((panel) => panel.gridPos);
	for (const panel of placed) {
		const grid = panel.gridPos!;
		if (grid.x < 0 || grid.w <= 0 || grid.h <= 0 || grid.x + grid.w > 24) {
			problems.push(`panel ${String(panel.id)}: gridPos ${JSON.stringify(grid)} does not fit the 24-column grid`);
		}
	}
	for (let i = 0; i < placed.length; i++) {
		for (let j = i + 1; j < placed.length; j++) {
			if (overlaps(placed[i].gridPos!, placed[j].gridPos!)) {
				problems.push(`panels ${String(placed[i].id)} and ${String(placed[j].id)} overlap`);
			}
		}
	}
	return problems;
}
