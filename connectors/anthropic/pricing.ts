// What a Messages API call cost, from the usage the API reports and the price table of
// anthropic-and-ai.md §1.7 (USD per million tokens). Computed in integer nano-dollars so sums are
// exact; ids change monthly, so an unknown model yields `undefined` rather than a guess.

export interface TokenUsage {
	input_tokens: number;
	output_tokens: number;
	cache_read_input_tokens?: number | null;
	cache_creation_input_tokens?: number | null;
	/** Breakdown of cache writes by TTL, when the API reports it. */
	cache_creation?: {
		ephemeral_5m_input_tokens?: number | null;
		ephemeral_1h_input_tokens?: number | null;
	} | null;
}

/** USD per million tokens. Cache writes: 5 min = 1.25×input, 1 h = 2×input (pricing page). */
export interface ModelPrice {
	input: number;
	output: number;
	cacheWrite5m: number;
	cacheWrite1h: number;
	cacheRead: number;
}

function price(input: number, output: number, cacheRead: number): ModelPrice {
	return { input, output, cacheWrite5m: input * 1.25, cacheWrite1h: input * 2, cacheRead };
}

/** §1.7 table. Keys are model ids without a date suffix. */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
	'claude-haiku-5-5': price(0.1, 0.5, 0.01),
	'claude-haiku-4-5': price(1, 5, 0.1),
	'claude-sonnet-5-5': price(2, 10, 0.1),
	'claude-sonnet-4-5': price(3, 15, 0.3),
	'claude-sonnet-4-6': price(3, 15, 0.3),
	'claude-opus-5-5': price(4, 20, 0.2),
	'claude-opus-5': price(5, 25, 0.5),
	'claude-opus-4-8': price(5, 25, 0.5),
	'claude-opus-4-7': price(5, 25, 0.5),
	'claude-opus-4-6': price(5, 25, 0.5),
	'claude-opus-4-5': price(5, 25, 0.5),
};

/**
 * Haiku 5.5 above 100k prompt tokens: 0.50/2.50; its cache prices are derived with the same
 * multipliers (1.25× write, 0.1× read) because the reference lists only the short-prompt ones.
 */
const LONG_PROMPT: Readonly<Record<string, { threshold: number; price: ModelPrice }>> = {
	'claude-haiku-5-5': { threshold: 100_000, price: price(0.5, 2.5, 0.05) },
};

export function modelPrice(model: string, promptTokens = 0): ModelPrice | undefined {
	const id = model
		.trim()
		.toLowerCase()
		.replace(/-\d{8}$/, '')
		.replace(/-latest$/, '');
	const long = LONG_PROMPT[id];
	if (long && promptTokens > long.threshold) return long.price;
	return MODEL_PRICES[id];
}

/** Nano-dollars per token for a USD-per-MTok price (all listed prices are whole nano-dollars). */
const nano = (usdPerMTok: number) => Math.round(usdPerMTok * 1000);

/**
 * Cost of one call in USD, or `undefined` for a model not in the table. `batch` halves every price
 * (Message Batches).
 */
export function costUsd(
	model: string,
	usage: TokenUsage,
	options: { batch?: boolean } = {},
): number | undefined {
	const cacheRead = usage.cache_read_input_tokens ?? 0;
	const cacheWrite = usage.cache_creation_input_tokens ?? 0;
	const p = modelPrice(model, usage.input_tokens + cacheRead + cacheWrite);
	if (!p) return undefined;
	const write1h = Math.min(cacheWrite, usage.cache_creation?.ephemeral_1h_input_tokens ?? 0);
	const write5m = cacheWrite - write1h;
	const total =
		usage.input_tokens * nano(p.input) +
		usage.output_tokens * nano(p.output) +
		cacheRead * nano(p.cacheRead) +
		write5m * nano(p.cacheWrite5m) +
		write1h * nano(p.cacheWrite1h);
	return (options.batch ? total / 2 : total) / 1e9;
}
