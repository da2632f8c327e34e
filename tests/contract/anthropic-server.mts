// A Messages API stand-in on node:http following ../../../shared/reference/anthropic-and-ai.md §1:
// x-api-key (or Bearer) auth answering 401 authentication_error, a required anthropic-version header,
// 400 for sampling parameters / forced tool choice on the 5.x models, configured replies (text or
// JSON, end_turn / max_tokens / refusal), usage with prompt-cache counters that behave like the
// cache (first call writes the cached prefix, later identical prefixes read it), GET /v1/models for
// the credential test (paged like the real list), and faults (529 overloaded, 429 with retry-after,
// 500, 403, 413, HTML 502, reset). Plain HTTP so the real-n8n suite can use it too. Records every
// request.
//
// The real server is not open source. Each behaviour cites the public API reference
// (docs.claude.com/en/api/*, platform.claude.com/docs/*) or the official SDK,
// anthropics/anthropic-sdk-typescript 0.120.0 @ bfa9197 (src/resources/messages/messages.ts,
// src/resources/models.ts, src/core/pagination.ts, src/core/error.ts, src/client.ts); see
// docs/real-servers.md, section "ERPNext / Frappe: the generic REST surface, and Anthropic".
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AnthropicRecordedRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	status: number;
	fault?: AnthropicFaultKind;
}

export interface ConfiguredReply {
	/** Raw reply text. */
	text?: string;
	/** Serialised as the reply text (structured output). */
	json?: unknown;
	/**
	 * Text of a thinking block put before the reply text; null = none. Default: a short one on the
	 * 5.x models (adaptive thinking is on by default there), none on older models.
	 */
	thinking?: string | null;
	/**
	 * Default end_turn; also max_tokens, refusal, stop_sequence, tool_use, pause_turn,
	 * model_context_window_exceeded (the SDK's StopReason union, messages.ts @ bfa9197).
	 */
	stopReason?: string;
	/** Overrides of the computed usage. */
	usage?: Partial<{
		input_tokens: number;
		output_tokens: number;
		cache_creation_input_tokens: number;
		cache_read_input_tokens: number;
	}>;
}

export type AnthropicFaultKind =
	| 'overloaded' // 529 overloaded_error
	| 'rate-limit' // 429 rate_limit_error + retry-after + anthropic-ratelimit-*
	| 'api-error' // 500 api_error
	| 'permission' // 403 permission_error (key without access to the model or workspace)
	| 'too-large' // 413 request_too_large (answered by Cloudflare before the API)
	| 'html-502'
	| 'reset';

export interface AnthropicFaultSpec {
	kind: AnthropicFaultKind;
	times?: number;
	/** For `rate-limit`: retry-after seconds; default 1. */
	retryAfterSeconds?: number;
}

export interface AnthropicServerOptions {
	apiKey?: string;
	port?: number;
	/** Prefixes shorter than this many (estimated) tokens are silently not cached; default 0. */
	minCacheableTokens?: number;
	models?: string[];
	/** Bodies larger than this answer 413 request_too_large; default 32 MB (the Messages API limit). */
	maxRequestBytes?: number;
}

export interface AnthropicServerState {
	/** Replies used in order, one per successful call; when empty, `responder` or a default answers. */
	replies: ConfiguredReply[];
	responder?: (body: Record<string, unknown>) => ConfiguredReply;
	/** Cached prefixes seen so far (their text). */
	cache: Set<string>;
}

export interface AnthropicServer {
	url: string;
	requests: AnthropicRecordedRequest[];
	state: AnthropicServerState;
	reply(...replies: ConfiguredReply[]): void;
	fault(spec: AnthropicFaultSpec): void;
	stop(): Promise<void>;
}

/** ~4 characters per token: good enough for a stand-in. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

// docs.claude.com/en/api/errors: errors are JSON {type:"error", error:{type, message}, request_id}, and
// every response (errors included) carries a request-id header; the SDK reads it (core/error.ts).
function apiError(status: number, type: string, message: string, requestId: string): Answer {
	return { status, body: { type: 'error', error: { type, message }, request_id: requestId }, headers: { 'request-id': requestId } };
}

/** Models the 5.x migration guides name as refusing sampling parameters (see messages() below). */
const SAMPLING_400_ALWAYS = /^claude-(haiku|sonnet|opus)-5-5(?:-|$)/;
const SAMPLING_400_NON_DEFAULT = /^claude-(sonnet|opus)-5(?:-\d{8})?$/;
/**
 * platform.claude.com/docs/en/models/sonnet-5/migration-guide: adaptive thinking is on by default, so
 * a reply may start with thinking blocks and content must be read by block type, not position
 * (SDK messages.ts ContentBlock includes ThinkingBlock {type:"thinking", thinking, signature}).
 */
const ADAPTIVE_THINKING = /^claude-(haiku|sonnet|opus)-5(?:-5)?(?:-|$)/;

function blockText(block: unknown): string {
	if (typeof block === 'string') return block;
	if (block && typeof block === 'object' && typeof (block as { text?: unknown }).text === 'string') return (block as { text: string }).text;
	return '';
}

export async function startAnthropicServer(options: AnthropicServerOptions = {}): Promise<AnthropicServer> {
	const apiKey = options.apiKey ?? 'sk-ant-test-key';
	const minCacheable = options.minCacheableTokens ?? 0;
	const maxRequestBytes = options.maxRequestBytes ?? 32 * 1024 * 1024;
	const models = options.models ?? ['claude-haiku-4-5-20251001', 'claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];
	const requests: AnthropicRecordedRequest[] = [];
	const faults: Array<AnthropicFaultSpec & { left: number }> = [];
	const state: AnthropicServerState = { replies: [], cache: new Set() };
	let counter = 0;

	function messages(body: Record<string, unknown>, requestId: string): Answer {
		const model = body.model;
		const maxTokens = body.max_tokens;
		const msgs = body.messages;
		// docs.claude.com/en/api/messages: model, max_tokens and messages are required (400 invalid_request_error).
		if (typeof model !== 'string' || model === '') return apiError(400, 'invalid_request_error', 'model: Field required', requestId);
		if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
			return apiError(400, 'invalid_request_error', 'max_tokens: Field required', requestId);
		}
		if (!Array.isArray(msgs) || msgs.length === 0) return apiError(400, 'invalid_request_error', 'messages: at least one message is required', requestId);
		// platform.claude.com/docs/en/models/sonnet-5-5/migration-guide: on the 5.5 models thinking budgets,
		// sampling parameters, assistant prefill, forced tool choice and thinking:{type:"disabled"} return 400
		// (the Haiku 5.5 guide lists sampling and prefill; forced tool choice there is unconfirmed).
		// platform.claude.com/docs/en/models/sonnet-5/migration-guide: on Sonnet 5, sampling parameters set
		// to a non-default value return 400 (the same is assumed for Opus 5).
		if (SAMPLING_400_NON_DEFAULT.test(model)) {
			const nonDefault = ('temperature' in body && body.temperature !== 1) || 'top_p' in body || 'top_k' in body;
			if (nonDefault) return apiError(400, 'invalid_request_error', `sampling parameters (temperature, top_p, top_k) are not supported on ${model}`, requestId);
		}
		if (SAMPLING_400_ALWAYS.test(model)) {
			for (const key of ['temperature', 'top_p', 'top_k']) {
				if (key in body) return apiError(400, 'invalid_request_error', `${key}: sampling parameters are not supported on ${model}`, requestId);
			}
			const choice = body.tool_choice as { type?: string } | undefined;
			if (choice && (choice.type === 'tool' || choice.type === 'any')) {
				return apiError(400, 'invalid_request_error', `tool_choice: forced tool use is not supported on ${model}`, requestId);
			}
		}
		// SDK messages.ts OutputConfig.format = JSONOutputFormat {type:"json_schema", schema}.
		const format = (body.output_config as { format?: { type?: string; schema?: unknown } } | undefined)?.format;
		if (format && (format.type !== 'json_schema' || typeof format.schema !== 'object')) {
			return apiError(400, 'invalid_request_error', 'output_config.format: expected {type:"json_schema", schema}', requestId);
		}

		// Prompt cache (platform.claude.com/docs/en/build-with-claude/prompt-caching): the prefix up to the
		// last block with cache_control; a prefix under the model's minimum is silently not cached; usage
		// reports cache_creation_input_tokens (written) and cache_read_input_tokens (read) apart from
		// input_tokens, with the per-TTL split in usage.cache_creation (SDK messages.ts Usage, CacheCreation).
		const system = Array.isArray(body.system) ? body.system : typeof body.system === 'string' ? [body.system] : [];
		const lastCached = system.map((b) => Boolean(b && typeof b === 'object' && 'cache_control' in b)).lastIndexOf(true);
		const prefix = lastCached >= 0 ? system.slice(0, lastCached + 1).map(blockText).join('\n') : '';
		const rest = [
			...system.slice(lastCached + 1).map(blockText),
			...msgs.flatMap((m: { content?: unknown }) => (Array.isArray(m.content) ? m.content.map(blockText) : [blockText(m.content)])),
		].join('\n');
		const prefixTokens = estimateTokens(prefix);
		const cacheable = lastCached >= 0 && prefixTokens >= minCacheable;
		let cacheRead = 0;
		let cacheWrite = 0;
		let input = estimateTokens(rest);
		if (!cacheable) input += prefixTokens;
		else if (state.cache.has(prefix)) cacheRead = prefixTokens;
		else {
			cacheWrite = prefixTokens;
			state.cache.add(prefix);
		}
		const ttl1h = lastCached >= 0 && (system[lastCached] as { cache_control?: { ttl?: string } }).cache_control?.ttl === '1h';

		const configured = state.replies.shift() ?? state.responder?.(body) ?? (format ? { json: {} } : { text: 'OK' });
		const text = configured.json !== undefined ? JSON.stringify(configured.json) : (configured.text ?? '');
		const stopReason = configured.stopReason ?? 'end_turn';
		const thinking = configured.thinking !== undefined ? configured.thinking : ADAPTIVE_THINKING.test(model) ? 'Reading the request.' : null;
		const usage = {
			input_tokens: input,
			output_tokens: estimateTokens(text) + (thinking === null ? 0 : estimateTokens(thinking)),
			cache_creation_input_tokens: cacheWrite,
			cache_read_input_tokens: cacheRead,
			...configured.usage,
		};
		counter += 1;
		// SDK messages.ts Message: id, type "message", role "assistant", content, model, stop_reason,
		// stop_sequence, stop_details (RefusalStopDetails on a refusal, else null), container, usage.
		return {
			status: 200,
			headers: { 'request-id': requestId },
			body: {
				id: `msg_${String(counter).padStart(6, '0')}`,
				type: 'message',
				role: 'assistant',
				model,
				content: [
					...(thinking === null ? [] : [{ type: 'thinking', thinking, signature: `sig_${String(counter).padStart(6, '0')}` }]),
					...(stopReason === 'refusal' && text === '' ? [] : [{ type: 'text', text }]),
				],
				stop_reason: stopReason,
				stop_sequence: null,
				stop_details: stopReason === 'refusal' ? { type: 'refusal', category: null, explanation: null } : null,
				container: null,
				usage: {
					...usage,
					cache_creation: {
						ephemeral_5m_input_tokens: ttl1h ? 0 : usage.cache_creation_input_tokens,
						ephemeral_1h_input_tokens: ttl1h ? usage.cache_creation_input_tokens : 0,
					},
					service_tier: 'standard',
				},
			},
		};
	}

	// docs.claude.com/en/api/models-list and SDK models.ts / core/pagination.ts Page: newest first,
	// `limit` 1..1000 (default 20), cursors `after_id` / `before_id`, answer {data: ModelInfo[],
	// has_more, first_id, last_id}; ModelInfo = {type:"model", id, display_name, created_at}.
	function listModels(query: URLSearchParams, requestId: string): Answer {
		const limitRaw = query.get('limit');
		const limit = limitRaw === null ? 20 : Number(limitRaw);
		if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
			return apiError(400, 'invalid_request_error', 'limit: Input should be between 1 and 1000', requestId);
		}
		const afterId = query.get('after_id');
		const beforeId = query.get('before_id');
		let from = 0;
		let to = models.length;
		if (afterId !== null) from = models.indexOf(afterId) + 1;
		if (beforeId !== null) to = Math.max(0, models.indexOf(beforeId));
		if ((afterId !== null && from === 0) || (beforeId !== null && !models.includes(beforeId))) {
			return apiError(400, 'invalid_request_error', `Unknown model id in the paging cursor: ${afterId ?? beforeId}`, requestId);
		}
		const window = beforeId !== null ? models.slice(Math.max(from, to - limit), to) : models.slice(from, from + limit);
		const hasMore = beforeId !== null ? to - limit > from : from + limit < to;
		return {
			status: 200,
			headers: { 'request-id': requestId },
			body: {
				data: window.map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-10-07T00:00:00Z' })),
				has_more: hasMore,
				first_id: window[0] ?? null,
				last_id: window[window.length - 1] ?? null,
			},
		};
	}

	function route(method: string, path: string, query: URLSearchParams, headers: http.IncomingHttpHeaders, body: unknown, requestId: string): Answer {
		// docs.claude.com/en/api/overview: x-api-key and anthropic-version on every request; the SDK also
		// sends `Authorization: Bearer` for an auth token (client.ts authHeaders). A bad key is 401
		// authentication_error (docs.claude.com/en/api/errors).
		const bearer = headers.authorization?.startsWith('Bearer ') ? headers.authorization.slice(7) : undefined;
		if (headers['x-api-key'] !== apiKey && bearer !== apiKey) {
			return apiError(401, 'authentication_error', 'invalid x-api-key', requestId);
		}
		if (!headers['anthropic-version']) {
			return apiError(400, 'invalid_request_error', 'anthropic-version: header is required', requestId);
		}
		if (method === 'POST' && path === '/v1/messages') {
			if (!body || typeof body !== 'object' || Array.isArray(body)) return apiError(400, 'invalid_request_error', 'Request body must be a JSON object', requestId);
			return messages(body as Record<string, unknown>, requestId);
		}
		if (method === 'GET' && path === '/v1/models') return listModels(query, requestId);
		return apiError(404, 'not_found_error', `Not found: ${method} ${path}`, requestId);
	}

	function faultAnswer(spec: AnthropicFaultSpec, requestId: string): Answer {
		switch (spec.kind) {
			// docs.claude.com/en/api/errors: 529 overloaded_error (all users), 429 rate_limit_error, 500
			// api_error, 403 permission_error, 413 request_too_large. The SDK retries 408/409/429/5xx unless
			// x-should-retry says otherwise (client.ts shouldRetry).
			case 'overloaded':
				return apiError(529, 'overloaded_error', 'Overloaded', requestId);
			case 'rate-limit': {
				// docs.claude.com/en/api/rate-limits: a 429 carries retry-after (seconds) and the
				// anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}
				// headers, reset as an RFC 3339 time.
				const seconds = spec.retryAfterSeconds ?? 1;
				const answer = apiError(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', requestId);
				answer.headers = {
					...answer.headers,
					'retry-after': String(seconds),
					'anthropic-ratelimit-requests-limit': '50',
					'anthropic-ratelimit-requests-remaining': '0',
					'anthropic-ratelimit-requests-reset': new Date(Date.now() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
				};
				return answer;
			}
			case 'api-error':
				return apiError(500, 'api_error', 'Internal server error', requestId);
			case 'permission':
				return apiError(403, 'permission_error', 'Your API key does not have permission to use the specified resource.', requestId);
			case 'too-large':
				return apiError(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.', requestId);
			case 'html-502':
				return {
					status: 502,
					body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
					headers: { 'Content-Type': 'text/html' },
				};
			case 'reset':
				return { status: 0, body: undefined };
		}
	}

	const server = http.createServer((req, res) => {
		void (async () => {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			const bytes = Buffer.concat(chunks);
			const raw = bytes.toString('utf8');
			let body: unknown = raw === '' ? undefined : raw;
			try {
				body = raw === '' ? undefined : JSON.parse(raw);
			} catch {
				// left as text; the route answers 400
			}
			const method = (req.method ?? 'GET').toUpperCase();
			const url = new URL(req.url ?? '/', 'http://localhost');
			const path = url.pathname;
			const record: AnthropicRecordedRequest = { method, path, headers: req.headers, body, status: 0 };
			requests.push(record);
			const requestId = `req_${String(requests.length).padStart(6, '0')}`;
			const spec = faults.find((f) => f.left > 0);
			let answer: Answer;
			if (spec) {
				spec.left -= 1;
				record.fault = spec.kind;
				if (spec.kind === 'reset') {
					req.socket.destroy();
					return;
				}
				answer = faultAnswer(spec, requestId);
			} else if (bytes.length > maxRequestBytes) {
				// docs.claude.com/en/api/errors "Request size limits": 32 MB for the Messages API.
				answer = faultAnswer({ kind: 'too-large' }, requestId);
			} else {
				answer = route(method, path, url.searchParams, req.headers, body, requestId);
			}
			record.status = answer.status;
			const payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
			res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
			res.end(payload);
		})();
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		state,
		reply: (...replies) => {
			state.replies.push(...replies);
		},
		fault: (spec) => {
			faults.push({ ...spec, left: spec.times ?? 1 });
		},
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** The brief's name for the same thing. */
export const start = startAnthropicServer;
