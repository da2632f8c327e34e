// The parts of a Messages API response we rely on (anthropic-and-ai.md §1): content blocks, the stop
// reason and usage including the prompt-cache counters. One zod schema each; types come from them.
import { z } from 'zod/v4';

export const UsageSchema = z.object({
	input_tokens: z.number(),
	output_tokens: z.number(),
	cache_creation_input_tokens: z.number().nullish(),
	cache_read_input_tokens: z.number().nullish(),
	cache_creation: z
		.object({
			ephemeral_5m_input_tokens: z.number().nullish(),
			ephemeral_1h_input_tokens: z.number().nullish(),
		})
		.nullish(),
});

export const ContentBlockSchema = z.looseObject({
	type: z.string(),
	text: z.string().optional(),
});

export const MessageResponseSchema = z.object({
	id: z.string(),
	type: z.literal('message'),
	role: z.literal('assistant'),
	model: z.string(),
	content: z.array(ContentBlockSchema),
	stop_reason: z.string().nullable(),
	stop_sequence: z.string().nullish(),
	usage: UsageSchema,
});
export type MessageResponse = z.infer<typeof MessageResponseSchema>;

export const ModelListSchema = z.object({
	data: z.array(
		z.looseObject({
			id: z.string(),
			display_name: z.string().optional(),
			created_at: z.string().optional(),
		}),
	),
	has_more: z.boolean().optional(),
	last_id: z.string().nullish(),
});

/** Usage with the optional cache counters resolved to numbers. */
export interface Usage {
	input_tokens: number;
	output_tokens: number;
	cache_read_input_tokens: number;
	cache_creation_input_tokens: number;
	cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}
