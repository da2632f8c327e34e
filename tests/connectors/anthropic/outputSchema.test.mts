// zod schema → the JSON schema sent as output_config.format: closed objects, kept enums/consts and
// supported formats, every other constraint moved into `description` (anthropic-and-ai.md §1.2).
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';

import { toOutputJsonSchema } from '../../../connectors/anthropic';

describe('toOutputJsonSchema', () => {
	const cases: Array<{ name: string; schema: z.ZodType; expected: unknown }> = [
		{
			name: 'bounded integer: bounds move to description',
			schema: z.number().int().min(0).max(100),
			expected: { type: 'integer', description: '{minimum: 0, maximum: 100}' },
		},
		{
			name: 'plain .int(): zod safe-integer bounds are dropped',
			schema: z.int(),
			expected: { type: 'integer' },
		},
		{
			name: 'enum kept',
			schema: z.enum(['A', 'B', 'C', 'D']),
			expected: { type: 'string', enum: ['A', 'B', 'C', 'D'] },
		},
		{
			name: 'supported format kept, its zod regex dropped',
			schema: z.email(),
			expected: { type: 'string', format: 'email' },
		},
		{
			name: 'string length and own description merged',
			schema: z.string().max(280).describe('One sentence'),
			expected: { type: 'string', description: 'One sentence\n\n{maxLength: 280}' },
		},
		{
			name: 'minItems 1 kept, maxItems moved',
			schema: z.array(z.string()).min(1).max(5),
			expected: { type: 'array', items: { type: 'string' }, minItems: 1, description: '{maxItems: 5}' },
		},
		{
			name: 'minItems above 1 moved',
			schema: z.array(z.string()).min(2),
			expected: { type: 'array', items: { type: 'string' }, description: '{minItems: 2}' },
		},
		{
			name: 'nested objects closed, optional fields not required, nullable as anyOf',
			schema: z.object({ reasons: z.array(z.object({ factor: z.string(), quote: z.string().nullable() })), note: z.string().optional() }),
			expected: {
				type: 'object',
				additionalProperties: false,
				required: ['reasons'],
				properties: {
					reasons: {
						type: 'array',
						items: {
							type: 'object',
							additionalProperties: false,
							required: ['factor', 'quote'],
							properties: { factor: { type: 'string' }, quote: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
						},
					},
					note: { type: 'string' },
				},
			},
		},
	];
	it.each(cases)('$name', ({ schema, expected }) => {
		expect(toOutputJsonSchema(schema)).toEqual(expected);
	});

	it('never sends $schema or defaults', () => {
		const json = JSON.stringify(toOutputJsonSchema(z.object({ lang: z.string().default('en') })));
		expect(json).not.toContain('$schema');
		expect(json).not.toContain('default');
	});
});
