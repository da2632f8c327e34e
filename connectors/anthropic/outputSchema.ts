// Turns the one zod schema of an LLM answer into the JSON schema sent as
// `output_config.format` (anthropic-and-ai.md §1.2, §1.9). Structured outputs accept only a subset of
// JSON Schema, so this mirrors the SDK's transform: every object closed with
// additionalProperties:false, enum/const and a short list of string formats kept, minItems only if
// 0 or 1, and every other constraint moved into `description`. Those moved constraints are not
// enforced by the API, which is why the reply is validated again with the same zod schema.
import { z } from 'zod/v4';

const SUPPORTED_FORMATS = new Set([
	'date-time',
	'time',
	'date',
	'duration',
	'email',
	'hostname',
	'uri',
	'ipv4',
	'ipv6',
	'uuid',
]);

/** Keywords that carry structure and survive as they are. */
const STRUCTURAL = new Set([
	'type',
	'properties',
	'required',
	'items',
	'enum',
	'const',
	'anyOf',
	'description',
	'title',
	'additionalProperties',
	'$ref',
	'$defs',
]);

const SAFE_INT = Number.MAX_SAFE_INTEGER;

type JsonSchema = Record<string, unknown>;

function isSchema(value: unknown): value is JsonSchema {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function transform(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(transform);
	if (!isSchema(node)) return node;
	const out: JsonSchema = {};
	const moved: string[] = [];
	for (const [key, value] of Object.entries(node)) {
		if (key === 'properties' && isSchema(value)) {
			out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, transform(v)]));
		} else if (key === '$defs' && isSchema(value)) {
			out.$defs = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, transform(v)]));
		} else if (key === 'items' || key === 'anyOf') {
			out[key] = transform(value);
		} else if (key === 'oneOf') {
			out.anyOf = transform(value);
		} else if (key === 'format') {
			if (typeof value === 'string' && SUPPORTED_FORMATS.has(value)) out.format = value;
			else moved.push(`format: ${JSON.stringify(value)}`);
		} else if (
			key === 'pattern' &&
			typeof node.format === 'string' &&
			SUPPORTED_FORMATS.has(node.format)
		) {
			// zod adds a regex for formats the API already understands
		} else if (
			(key === 'minimum' && value === -SAFE_INT) ||
			(key === 'maximum' && value === SAFE_INT)
		) {
			// zod's bounds for .int(); not a business constraint
		} else if (key === 'minItems' && (value === 0 || value === 1)) {
			out.minItems = value;
		} else if (key === '$schema' || key === 'default') {
			// not part of the request
		} else if (STRUCTURAL.has(key)) {
			out[key] = value;
		} else {
			moved.push(`${key}: ${JSON.stringify(value)}`);
		}
	}
	if (out.type === 'object' || out.properties !== undefined) out.additionalProperties = false;
	if (moved.length > 0) {
		const note = `{${moved.join(', ')}}`;
		out.description =
			typeof out.description === 'string' && out.description
				? `${out.description}\n\n${note}`
				: note;
	}
	return out;
}

/** The JSON schema for `output_config.format.schema`, generated from the zod schema. */
export function toOutputJsonSchema(schema: z.ZodType): Record<string, unknown> {
	const raw = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });
	return transform(raw) as Record<string, unknown>;
}
