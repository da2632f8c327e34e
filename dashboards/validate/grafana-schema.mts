// JSON Schemas for dashboard JSON, derived from what @grafana/schema ships. The package (13.2.3) has
// TypeScript declarations generated from Grafana's CUE kinds but no JSON Schema, so this module walks
// those declarations with the TypeScript compiler and emits draft-07 schemas for ajv: the v1
// `Dashboard` (with `Panel`, `RowPanel`, `FieldConfigSource`, thresholds, grid positions, variables…)
// and, per panel plugin, its `Options` and `FieldConfig` (fieldConfig.defaults.custom).
// What the derivation can and cannot check:
//   - types, literal unions and enums (e.g. `pieType: 'pie' | 'donut'`, `ThresholdsMode`), arrays,
//     nested objects and required fields of the dashboard-level types are enforced;
//   - unknown properties are allowed (Grafana keeps unknown keys; the types say nothing about them);
//   - panel `Options`/`FieldConfig` fields with CUE defaults come out as required in the TS types
//     (a CUE default is not optional), and Grafana fills them in on load, so `required` is dropped
//     from every panel-plugin schema; their types are still checked;
//   - descriptions, numeric ranges and string formats are not in the types, so they are not checked.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import ts from 'typescript';

export type JsonSchema = Record<string, unknown>;

const require = createRequire(import.meta.url);
const SCHEMA_TYPES = join(dirname(require.resolve('@grafana/schema/package.json')), 'dist', 'types');
const DASHBOARD_TYPES = join(SCHEMA_TYPES, 'raw', 'dashboard', 'x', 'types.gen.d.ts');

/** Panel plugin id → the folder of its panelcfg in @grafana/schema. */
export const PANEL_PLUGINS = ['stat', 'gauge', 'bargauge', 'piechart', 'table', 'timeseries', 'text', 'barchart', 'histogram'] as const;
export type PanelPlugin = (typeof PANEL_PLUGINS)[number];

const panelTypesFile = (plugin: string): string =>
	join(SCHEMA_TYPES, 'raw', 'composable', plugin, 'panelcfg', 'x', 'types.gen.d.ts');

export interface GrafanaSchemas {
	version: string;
	dashboard: JsonSchema;
	panel: JsonSchema;
	row: JsonSchema;
	panelOptions: Record<string, JsonSchema>;
	panelFieldConfig: Record<string, JsonSchema>;
}

class Deriver {
	readonly definitions: Record<string, JsonSchema> = {};
	private relaxRequired = false;

	constructor(private readonly checker: ts.TypeChecker) {}

	/** A schema for `type`; named declarations become `definitions` entries referenced by `$ref`. */
	schemaFor(type: ts.Type, relaxRequired: boolean): JsonSchema {
		const previous = this.relaxRequired;
		this.relaxRequired = relaxRequired;
		try {
			return this.convert(type);
		} finally {
			this.relaxRequired = previous;
		}
	}

	private definitionName(type: ts.Type): string | undefined {
		const symbol = type.aliasSymbol ?? type.getSymbol();
		if (!symbol) return undefined;
		const isNamed =
			(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Enum)) !== 0 ||
			(type.aliasSymbol !== undefined && !type.aliasTypeArguments);
		if (!isNamed || type.aliasTypeArguments) return undefined;
		const declaration = symbol.declarations?.[0];
		if (!declaration) return undefined;
		const file = declaration.getSourceFile().fileName;
		const composable = /raw\/composable\/([^/]+)\//.exec(file);
		const scope = composable ? composable[1] : /raw\/dashboard\//.test(file) ? 'dashboard' : 'common';
		const suffix = this.relaxRequired ? '.relaxed' : '';
		return `${scope}.${symbol.getName()}${suffix}`;
	}

	private convert(type: ts.Type): JsonSchema {
		const flags = type.getFlags();
		if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
		if (flags & ts.TypeFlags.Never) return { not: {} };
		if (flags & ts.TypeFlags.Null) return { type: 'null' };
		if (flags & ts.TypeFlags.StringLiteral) return { const: (type as ts.StringLiteralType).value };
		if (flags & ts.TypeFlags.NumberLiteral) return { const: (type as ts.NumberLiteralType).value };
		if (flags & ts.TypeFlags.BooleanLiteral) return { const: this.checker.typeToString(type) === 'true' };
		if (flags & ts.TypeFlags.String) return { type: 'string' };
		if (flags & ts.TypeFlags.Number) return { type: 'number' };
		if (flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
		if (type.isUnion()) return this.union(type);
		if (type.isIntersection()) return { allOf: type.types.map((member) => this.convert(member)) };
		if (this.checker.isArrayType(type)) {
			const [item] = this.checker.getTypeArguments(type as ts.TypeReference);
			return { type: 'array', items: item ? this.convert(item) : {} };
		}
		if (this.checker.isTupleType(type)) {
			const items = this.checker.getTypeArguments(type as ts.TypeReference).map((member) => this.convert(member));
			return { type: 'array', items: items.length ? { anyOf: items } : {} };
		}
		if (flags & ts.TypeFlags.Object) return this.named(type, () => this.object(type));
		return {};
	}

	private named(type: ts.Type, build: () => JsonSchema): JsonSchema {
		const name = this.definitionName(type);
		if (!name) return build();
		if (this.definitions[name]) return { $ref: `#/definitions/${name}` };
		this.definitions[name] = {}; // placeholder: recursive references resolve to it
		this.definitions[name] = build();
		return { $ref: `#/definitions/${name}` };
	}

	private union(type: ts.UnionType): JsonSchema {
		const members = type.types.filter((member) => !(member.getFlags() & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
		const build = (): JsonSchema => {
			const literal = (member: ts.Type): boolean =>
				(member.getFlags() & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.BooleanLiteral)) !== 0;
			if (members.length > 0 && members.every(literal)) {
				const values = members.map((member) => this.convert(member).const);
				const booleans = values.filter((value) => typeof value === 'boolean');
				if (booleans.length === 2 && values.length === 2) return { type: 'boolean' };
				return { enum: values };
			}
			const schemas = members.map((member) => this.convert(member));
			return schemas.length === 1 ? schemas[0] : { anyOf: schemas };
		};
		// enums and named unions (type X = 'a' | 'b') get a definition of their own
		return type.aliasSymbol || type.getSymbol()?.flags === ts.SymbolFlags.RegularEnum
			? this.named(type, build)
			: build();
	}

	private object(type: ts.Type): JsonSchema {
		if (this.checker.getSignaturesOfType(type, ts.SignatureKind.Call).length > 0) return {};
		const properties: Record<string, JsonSchema> = {};
		const required: string[] = [];
		for (const property of this.checker.getPropertiesOfType(type)) {
			const declaration = property.valueDeclaration ?? property.declarations?.[0];
			const propertyType = declaration
				? this.checker.getTypeOfSymbolAtLocation(property, declaration)
				: this.checker.getTypeOfSymbol(property);
			if (this.checker.getSignaturesOfType(propertyType, ts.SignatureKind.Call).length > 0) continue;
			properties[property.getName()] = this.convert(propertyType);
			if (!(property.getFlags() & ts.SymbolFlags.Optional) && !this.relaxRequired) required.push(property.getName());
		}
		const index = this.checker.getIndexInfoOfType(type, ts.IndexKind.String);
		const schema: JsonSchema = { type: 'object', properties };
		if (required.length) schema.required = required;
		schema.additionalProperties = index ? this.convert(index.type) : true;
		return schema;
	}
}

function exportedType(checker: ts.TypeChecker, program: ts.Program, file: string, name: string): ts.Type | undefined {
	const source = program.getSourceFile(file);
	if (!source) throw new Error(`@grafana/schema: ${file} is not in the program`);
	const moduleSymbol = checker.getSymbolAtLocation(source);
	const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((entry) => entry.getName() === name);
	return symbol ? checker.getDeclaredTypeOfSymbol(symbol) : undefined;
}

let cached: GrafanaSchemas | undefined;

/** Derives the schemas (once per process; takes about a second). */
export function grafanaSchemas(): GrafanaSchemas {
	if (cached) return cached;
	const files = [DASHBOARD_TYPES, ...PANEL_PLUGINS.map(panelTypesFile)];
	const program = ts.createProgram(files, {
		strict: true,
		noEmit: true,
		skipLibCheck: true,
		module: ts.ModuleKind.ESNext,
		moduleResolution: ts.ModuleResolutionKind.Bundler,
		target: ts.ScriptTarget.ES2022,
		types: [],
	});
	const checker = program.getTypeChecker();
	const deriver = new Deriver(checker);

	const dashboardType = exportedType(checker, program, DASHBOARD_TYPES, 'Dashboard');
	if (!dashboardType) throw new Error('@grafana/schema: no Dashboard type in raw/dashboard/x/types.gen.d.ts');
	const dashboardRoot = deriver.schemaFor(dashboardType, false);
	const panelRoot = deriver.schemaFor(exportedType(checker, program, DASHBOARD_TYPES, 'Panel')!, false);
	const rowRoot = deriver.schemaFor(exportedType(checker, program, DASHBOARD_TYPES, 'RowPanel')!, false);

	const panelOptions: Record<string, JsonSchema> = {};
	const panelFieldConfig: Record<string, JsonSchema> = {};
	for (const plugin of PANEL_PLUGINS) {
		const options = exportedType(checker, program, panelTypesFile(plugin), 'Options');
		if (options) panelOptions[plugin] = deriver.schemaFor(options, true);
		const fieldConfig = exportedType(checker, program, panelTypesFile(plugin), 'FieldConfig');
		if (fieldConfig) panelFieldConfig[plugin] = deriver.schemaFor(fieldConfig, true);
	}

	// Dashboard.panels is `Array<Panel | RowPanel>`; Grafana tells them apart by `type === 'row'`, so
	// select the branch the same way (an anyOf would report both alternatives' errors for one mistake).
	const dashboardDefinition = deriver.definitions['dashboard.Dashboard'] as { properties: Record<string, JsonSchema> };
	dashboardDefinition.properties.panels = {
		type: 'array',
		items: {
			if: { type: 'object', properties: { type: { const: 'row' } }, required: ['type'] },
			then: { $ref: '#/definitions/dashboard.RowPanel' },
			else: { $ref: '#/definitions/dashboard.Panel' },
		},
	};

	const withDefinitions = (root: JsonSchema): JsonSchema => ({
		$schema: 'http://json-schema.org/draft-07/schema#',
		...root,
		definitions: deriver.definitions,
	});
	const version = (require('@grafana/schema/package.json') as { version: string }).version;
	cached = {
		version,
		dashboard: withDefinitions({ ...dashboardRoot, $comment: `Dashboard from @grafana/schema ${version}` }),
		panel: withDefinitions(panelRoot),
		row: withDefinitions(rowRoot),
		panelOptions: Object.fromEntries(Object.entries(panelOptions).map(([k, v]) => [k, withDefinitions(v)])),
		panelFieldConfig: Object.fromEntries(Object.entries(panelFieldConfig).map(([k, v]) => [k, withDefinitions(v)])),
	};
	return cached;
}
