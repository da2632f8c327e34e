// Validates JSON against the InvenTree v534 OpenAPI schema (../shared/reference/inventree/openapi-v534.yaml),
// so the contract server's answers are checked against the real contract, not against our own zod
// schemas. The YAML is parsed with `yaml` (present in node_modules through vitest/vite, not a direct
// devDependency) and validated with ajv 8 (a devDependency). OpenAPI 3.0 differs from JSON Schema in
// `nullable`, which ajv only accepts next to `type`; it is rewritten to `anyOf [..., null]` here. The
// formats the spec uses are registered so `oneOf [uri, ""]` picks exactly one branch.
import { readFileSync } from 'node:fs';

import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';

export const OPENAPI_PATH = new URL('../../../../shared/reference/inventree/openapi-v534.yaml', import.meta.url);

type Json = unknown;

function rewriteNullable(node: Json): Json {
	if (Array.isArray(node)) return node.map(rewriteNullable);
	if (!node || typeof node !== 'object') return node;
	const out: Record<string, Json> = {};
	for (const [key, value] of Object.entries(node as Record<string, Json>)) out[key] = rewriteNullable(value);
	if (out.nullable === true) {
		delete out.nullable;
		if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
		const { readOnly, writeOnly, description, title, default: dflt, ...rest } = out;
		return {
			anyOf: [rest, { type: 'null' }],
			...(readOnly !== undefined && { readOnly }),
			...(writeOnly !== undefined && { writeOnly }),
			...(description !== undefined && { description }),
			...(title !== undefined && { title }),
			...(dflt !== undefined && { default: dflt }),
		};
	}
	if (out.type !== undefined && out.enum !== undefined && Array.isArray(out.enum) && out.enum.includes(null)) {
		return { ...out, type: [out.type as string, 'null'] };
	}
	return out;
}

interface Spec {
	info: { version: string };
	paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Json }> }> }>>;
	components: { schemas: Record<string, Json> };
}

let cached: { spec: Spec; ajv: Ajv; validators: Map<string, ValidateFunction> } | undefined;

function load() {
	if (cached) return cached;
	const spec = parse(readFileSync(OPENAPI_PATH, 'utf8')) as Spec;
	const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
	ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i);
	ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
	ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
	ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/);
	ajv.addFormat('decimal', /^-?\d+(\.\d+)?$/);
	ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
	ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
	ajv.addFormat('uuid', /^[0-9a-f-]{36}$/i);
	ajv.addSchema({ $id: 'inventree-openapi', components: rewriteNullable(spec.components) as Json } as object);
	cached = { spec, ajv, validators: new Map() };
	return cached;
}

export function specVersion(): string {
	return load().spec.info.version;
}

/** The component a path's GET 200 answers with, e.g. `/api/part/` → `PaginatedPartList`. */
export function responseComponent(path: string, method = 'get', status = '200'): string {
	const op = load().spec.paths[path]?.[method];
	const schema = op?.responses?.[status]?.content?.['application/json']?.schema as { $ref?: string } | undefined;
	if (!schema?.$ref) throw new Error(`no JSON response schema for ${method.toUpperCase()} ${path} ${status}`);
	return schema.$ref.split('/').pop() as string;
}

export function hasPath(path: string): boolean {
	return path in load().spec.paths;
}

/** Errors of `value` against components.schemas[name]; empty when it conforms. */
export function schemaErrors(name: string, value: unknown): string[] {
	const { ajv, validators } = load();
	let validate = validators.get(name);
	if (!validate) {
		validate = ajv.compile({ $ref: `inventree-openapi#/components/schemas/${name}` });
		validators.set(name, validate);
	}
	if (validate(value)) return [];
	return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
