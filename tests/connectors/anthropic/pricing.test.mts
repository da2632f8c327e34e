// Cost of a call from its usage and the §1.7 price table (USD per million tokens).
import { describe, expect, it } from 'vitest';

import { costUsd, modelPrice } from '../../../connectors/anthropic';
import type { TokenUsage } from '../../../connectors/anthropic';

const usage = (input: number, output: number, read = 0, write = 0, write1h = 0): TokenUsage => ({
	input_tokens: input,
	output_tokens: output,
	cache_read_input_tokens: read,
	cache_creation_input_tokens: write,
	cache_creation: { ephemeral_5m_input_tokens: write - write1h, ephemeral_1h_input_tokens: write1h },
});

describe('costUsd', () => {
	const cases: Array<{ name: string; model: string; usage: TokenUsage; batch?: boolean; usd: number | undefined }> = [
		// 1000·1 + 500·5 + 2000·0.10 + 3000·1.25 = 7450 per MTok
		{ name: 'Haiku 4.5 with cache read and 5m write', model: 'claude-haiku-4-5', usage: usage(1000, 500, 2000, 3000), usd: 0.00745 },
		{ name: 'dated id = base id', model: 'claude-haiku-4-5-20251001', usage: usage(1000, 500, 2000, 3000), usd: 0.00745 },
		// 3000 one-hour writes at 2×1 = 6000 instead of 3750
		{ name: '1h cache writes at 2× input', model: 'claude-haiku-4-5', usage: usage(1000, 500, 2000, 3000, 3000), usd: 0.0097 },
		// 10 000·0.10 + 1000·0.50 + 50 000·0.01 = 2000
		{ name: 'Haiku 5.5 short prompt', model: 'claude-haiku-5-5', usage: usage(10_000, 1000, 50_000), usd: 0.002 },
		// prompt 120 000 > 100k: 70 000·0.50 + 1000·2.50 + 50 000·0.05 = 40 000
		{ name: 'Haiku 5.5 above 100k prompt tokens', model: 'claude-haiku-5-5', usage: usage(70_000, 1000, 50_000), usd: 0.04 },
		// 2000·2 + 1000·10 + 4000·0.10 + 1000·2.5 = 16 900
		{ name: 'Sonnet 5.5 (read at 0.05× input)', model: 'claude-sonnet-5-5', usage: usage(2000, 1000, 4000, 1000), usd: 0.0169 },
		{ name: 'Sonnet 4.6', model: 'claude-sonnet-4-6', usage: usage(1_000_000, 0), usd: 3 },
		{ name: 'Opus 5.5', model: 'claude-opus-5-5', usage: usage(0, 1_000_000), usd: 20 },
		{ name: 'Opus 4.8', model: 'claude-opus-4-8', usage: usage(1_000_000, 1_000_000), usd: 30 },
		{ name: 'batch halves it', model: 'claude-haiku-4-5', usage: usage(1000, 500, 2000, 3000), batch: true, usd: 0.003725 },
		{ name: 'unknown model', model: 'claude-sonnet-5', usage: usage(1000, 1000), usd: undefined },
	];
	it.each(cases)('$name → $usd', ({ model, usage: u, batch, usd }) => {
		const cost = costUsd(model, u, { batch });
		if (usd === undefined) expect(cost).toBeUndefined();
		else expect(cost).toBeCloseTo(usd, 12);
	});

	it('treats missing cache counters as zero', () => {
		expect(costUsd('claude-haiku-4-5', { input_tokens: 1_000_000, output_tokens: 0, cache_read_input_tokens: null })).toBe(1);
	});

	it('derives cache write prices from input (5m 1.25×, 1h 2×)', () => {
		expect(modelPrice('claude-opus-5-5')).toEqual({ input: 4, output: 20, cacheWrite5m: 5, cacheWrite1h: 8, cacheRead: 0.2 });
	});
});
