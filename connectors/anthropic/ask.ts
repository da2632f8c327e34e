// The one way the nodes ask Claude (issue 17): up to two attempts, usage summed with the cache tokens,
// cost summed, an answer accepted only when code has checked it. Every AI path (qualification evidence,
// quote picks, deal summaries, message drafts) calls this; the rules decide when it gives no answer.
// A wrong key, an unknown model or a malformed request (an HTTP error that retrying cannot fix) is
// thrown: the user must fix the configuration. Overload and timeouts were already retried by the
// transport; what is left of them counts as a failed attempt.
import { ServiceError } from '../http';
import type { AnthropicClient, MessageRequest } from './client';
import type { Usage } from './schemas';

/** The model's default for every node: fast and cheap, good at extraction with a schema. */
export const DEFAULT_CLAUDE_MODEL = 'claude-haiku-4-5';

/** A checked answer, or why it was refused (sent back to the model on the next attempt). */
export type Verdict<V> = { ok: true; value: V } | { ok: false; reason: string };

export interface AskClaude<T, V> {
	client: AnthropicClient;
	/** The request of an attempt; `refusal` says why the previous answer was refused (undefined on the first). */
	request: (attempt: number, refusal: string | undefined) => MessageRequest<T>;
	/** Checks a parsed answer (placeholders restored first, where the caller scrubbed them). */
	accept: (parsed: T) => Verdict<V>;
	/** Before each attempt: a reason not to ask (a spent budget), or undefined to go on. */
	beforeAttempt?: (attempt: number) => string | undefined;
	/** Default 2. */
	attempts?: number;
}

export interface ClaudeAnswer<V> {
	/** The accepted value; undefined when no attempt gave one (see `refusals`). */
	value?: V;
	/** The model that answered last (the requested one when none did). */
	model: string;
	/** Summed over the attempts, cache tokens included. */
	usage: Usage;
	costUsd: number;
	attempts: number;
	/** Why each failed attempt was refused, oldest first. */
	refusals: string[];
	/** Set when beforeAttempt stopped the asking. */
	stopped?: string;
	durationMs: number;
}

function addUsage(total: Usage, more: Usage): Usage {
	return {
		input_tokens: total.input_tokens + more.input_tokens,
		output_tokens: total.output_tokens + more.output_tokens,
		cache_read_input_tokens: total.cache_read_input_tokens + more.cache_read_input_tokens,
		cache_creation_input_tokens:
			total.cache_creation_input_tokens + more.cache_creation_input_tokens,
	};
}

export async function askClaude<T, V>(ask: AskClaude<T, V>): Promise<ClaudeAnswer<V>> {
	const started = Date.now();
	const refusals: string[] = [];
	let usage: Usage = {
		input_tokens: 0,
		output_tokens: 0,
		cache_read_input_tokens: 0,
		cache_creation_input_tokens: 0,
	};
	let costUsd = 0;
	let model = '';
	const attempts = ask.attempts ?? 2;
	const answer = (attempt: number, extra: Partial<ClaudeAnswer<V>>): ClaudeAnswer<V> => ({
		model: model || ask.request(1, undefined).model,
		usage,
		costUsd,
		attempts: attempt,
		refusals,
		durationMs: Date.now() - started,
		...extra,
	});
	for (let attempt = 1; attempt <= attempts; attempt++) {
		const stop = ask.beforeAttempt?.(attempt);
		if (stop !== undefined) return answer(attempt - 1, { stopped: stop });
		const request = ask.request(attempt, refusals.at(-1));
		const sent = await ask.client.createMessage(request).then(
			(result) => ({ result }),
			(error: unknown) => ({ error }),
		);
		if ('error' in sent) {
			const failure = sent.error;
			if (failure instanceof ServiceError && !failure.retryable && failure.kind === 'http')
				throw failure;
			refusals.push(failure instanceof Error ? failure.message : String(failure));
			continue;
		}
		const { result } = sent;
		usage = addUsage(usage, result.usage);
		costUsd += result.costUsd ?? 0;
		model = result.model || request.model;
		if (result.outcome !== 'complete' || result.parsed === undefined) {
			refusals.push(
				result.outcome === 'invalid_output'
					? `invalid output (${result.problem})`
					: `the model stopped (${result.outcome})`,
			);
			continue;
		}
		const verdict = ask.accept(result.parsed);
		if (verdict.ok) return answer(attempt, { value: verdict.value });
		refusals.push(verdict.reason);
	}
	return answer(attempts, {});
}
