// askClaude (connectors/anthropic/ask.ts), the one two-attempt loop of every AI path (issue 17): usage is
// summed with the cache tokens (the draft path's own loop dropped them), a refused answer's reason is
// handed to the next attempt, a spent budget stops the asking, and an HTTP error that retrying cannot fix
// is thrown while overload left over after the transport's retries is a failed attempt.
import { describe, expect, it } from 'vitest';

import { askClaude, type AnthropicClient, type MessageRequest, type MessageResult } from '../../../connectors/anthropic';
import { ServiceError } from '../../../connectors/http';

type Reply = MessageResult<{ n: number }> | Error;

function client(replies: Reply[]): { client: AnthropicClient; requests: MessageRequest[] } {
	const requests: MessageRequest[] = [];
	const fake = {
		async createMessage(request: MessageRequest) {
			requests.push(request);
			const next = replies.shift();
			if (!next) throw new Error('no reply left');
			if (next instanceof Error) throw next;
			return next;
		},
	};
	return { client: fake as unknown as AnthropicClient, requests };
}

const usage = (input: number, output: number, cacheRead = 0, cacheWrite = 0) => ({ input_tokens: input, output_tokens: output, cache_read_input_tokens: cacheRead, cache_creation_input_tokens: cacheWrite });
const base = { id: 'msg', model: 'claude-haiku-4-5-20251001', text: '', stopReason: 'end_turn', costUsd: 0.001 };
const complete = (n: number, u = usage(100, 20)): Reply => ({ ...base, usage: u, outcome: 'complete', parsed: { n } });
const request = (_attempt: number, refusal: string | undefined): MessageRequest<{ n: number }> => ({ model: 'claude-haiku-4-5', maxTokens: 64, rubric: 'r', task: refusal ? `again: ${refusal}` : 'first', data: 'd' });
const even = (parsed: { n: number }) => (parsed.n % 2 === 0 ? { ok: true as const, value: parsed.n } : { ok: false as const, reason: `${parsed.n} is odd` });

describe('askClaude', () => {
	it('accepts a checked answer on the first attempt', async () => {
		const { client: c, requests } = client([complete(2, usage(100, 20, 900, 50))]);
		const answer = await askClaude({ client: c, request, accept: even });
		expect(answer).toMatchObject({ value: 2, attempts: 1, model: 'claude-haiku-4-5-20251001', refusals: [], usage: usage(100, 20, 900, 50) });
		expect(requests).toHaveLength(1);
	});

	it('tells the second attempt why the first answer was refused, and sums usage with the cache tokens', async () => {
		const { client: c, requests } = client([complete(3, usage(100, 20, 0, 800)), complete(4, usage(120, 25, 800, 0))]);
		const answer = await askClaude({ client: c, request, accept: even });
		expect(answer).toMatchObject({ value: 4, attempts: 2, refusals: ['3 is odd'], usage: usage(220, 45, 800, 800) });
		expect(answer.costUsd).toBeCloseTo(0.002, 10);
		expect(requests.map((r) => r.task)).toEqual(['first', 'again: 3 is odd']);
	});

	it('gives no value after two refused or failed attempts, saying why each failed', async () => {
		const invalid: Reply = { ...base, usage: usage(10, 5), outcome: 'invalid_output', problem: 'the reply is not valid JSON', issues: [] };
		const { client: c } = client([invalid, new ServiceError({ service: 'Anthropic', kind: 'http', status: 529, message: 'Anthropic 529 overloaded', retryable: true, attempts: 4 })]);
		const answer = await askClaude({ client: c, request, accept: even });
		expect(answer.value).toBeUndefined();
		expect(answer.refusals).toEqual(['invalid output (the reply is not valid JSON)', 'Anthropic 529 overloaded']);
		expect(answer.usage).toEqual(usage(10, 5));
	});

	it('throws an HTTP error that retrying cannot fix (a wrong key), instead of counting it as an attempt', async () => {
		const badKey = new ServiceError({ service: 'Anthropic', kind: 'http', status: 401, message: 'Anthropic 401 authentication_error', retryable: false, attempts: 1 });
		const { client: c, requests } = client([badKey, complete(2)]);
		await expect(askClaude({ client: c, request, accept: even })).rejects.toBe(badKey);
		expect(requests).toHaveLength(1);
	});

	it('stops before an attempt when the budget is spent, keeping what the earlier attempt cost', async () => {
		let left = 1;
		const { client: c, requests } = client([complete(3), complete(4)]);
		const answer = await askClaude({ client: c, request, accept: even, beforeAttempt: () => (left-- > 0 ? undefined : 'budget spent') });
		expect(answer.value).toBeUndefined();
		expect(answer).toMatchObject({ stopped: 'budget spent', attempts: 1, refusals: ['3 is odd'], usage: usage(100, 20) });
		expect(requests).toHaveLength(1);
	});
});
