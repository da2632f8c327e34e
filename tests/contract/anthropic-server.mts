// A Messages API stand-in on node:http following ../../../shared/reference/anthropic-and-ai.md §1:
// x-api-key (or Bearer) auth answering 401 authentication_error, a required anthropic-version header,
// 400 for sampling parameters / forced tool choice on the 5.5 models, configured replies (text or
// JSON, end_turn / max_tokens / refusal), usage with prompt-cache counters that behave like the
// cache (first call writes the cached prefix, later identical prefixes read it), GET /v1/models for
// the credential test, and faults (529 overloaded, 429 with retry-after, 500, HTML 502, reset).
// Plain HTTP so the real-n8n suite can use it too. Records every request.
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
	/** Default end_turn; also max_tokens, refusal, stop_sequence, pause_turn… */
	stopReason?: string;
	/** Overrides of the computed usage. */
	usage?: Partial<{
		input_tokens: number;
		output_tokens: number;
		cache_creation_input_tokens: number;
		cache_read_input_tokens: number;
	}>;
}

export type AnthropicFaultKind = 'overloaded' | 'rate-limit' | 'api-error' | 'html-502' | 'reset';

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

function apiError(status: number, type: string, message: string, requestId: string): Answer {
	return { status, body: { type: 'error', error: { type, message }, request_id: requestId }, headers: { 'request-id': requestId } };
}

function blockText(block: unknown): string {
	if (typeof block === 'string') return block;
	if (block && typeof block === 'object' && typeof (block as { text?: unknown }).text === 'string') return (block as { text: string }).text;
	return '';
}

export async function startAnthropicServer(options: AnthropicServerOptions = {}): Promise<AnthropicServer> {
	const apiKey = options.apiKey ?? 'sk-ant-test-key';
	const minCacheable = options.minCacheableTokens ?? 0;
	const models = options.models ?? ['claude-haiku-4-5-20251001', 'claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];
	const requests: AnthropicRecordedRequest[] = [];
	const faults: Array<AnthropicFaultSpec & { left: number }> = [];
	const state: AnthropicServerState = { replies: [], cache: new Set() };
	let counter = 0;

	function messages(body: Record<string, unknown>, requestId: string): Answer {
		const model = body.model;
		const maxTokens = body.max_tokens;
		const msgs = body.messages;
		if (typeof model !== 'string' || model === '') return apiError(400, 'invalid_request_error', 'model: Field required', requestId);
		if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
			return apiError(400, 'invalid_request_error', 'max_tokens: Field required', requestId);
		}
		if (!Array.isArray(msgs) || msgs.length === 0) return apiError(400, 'invalid_request_error', 'messages: at least one message is required', requestId);
		if (/-5-5/.test(model)) {
			for (const key of ['temperature', 'top_p', 'top_k']) {
				if (key in body) return apiError(400, 'invalid_request_error', `${key}: sampling parameters are not supported on ${model}`, requestId);
			}
			const choice = body.tool_choice as { type?: string } | undefined;
			if (choice && (choice.type === 'tool' || choice.type === 'any')) {
				return apiError(400, 'invalid_request_error', `tool_choice: forced tool use is not supported on ${model}`, requestId);
			}
		}
		const format = (body.output_config as { format?: { type?: string; schema?: unknown } } | undefined)?.format;
		if (format && (format.type !== 'json_schema' || typeof format.schema !== 'object')) {
			return apiError(400, 'invalid_request_error', 'output_config.format: expected {type:"json_schema", schema}', requestId);
		}

		// Prompt cache: the prefix up to the last system block with cache_control.
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
		const usage = {
			input_tokens: input,
			output_tokens: estimateTokens(text),
			cache_creation_input_tokens: cacheWrite,
			cache_read_input_tokens: cacheRead,
			...configured.usage,
		};
		counter += 1;
		return {
			status: 200,
			headers: { 'request-id': requestId },
			body: {
				id: `msg_${String(counter).padStart(6, '0')}`,
				type: 'message',
				role: 'assistant',
				model,
				content: stopReason === 'refusal' && text === '' ? [] : [{ type: 'text', text }],
				stop_reason: stopReason,
				stop_sequence: null,
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

	function route(method: string, path: string, headers: http.IncomingHttpHeaders, body: unknown, requestId: string): Answer {
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
		if (method === 'GET' && path === '/v1/models') {
			return {
				status: 200,
				body: {
					data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-10-07T00:00:00Z' })),
					has_more: false,
					first_id: models[0] ?? null,
					last_id: models[models.length - 1] ?? null,
				},
			};
		}
		return apiError(404, 'not_found_error', `Not found: ${method} ${path}`, requestId);
	}

	function faultAnswer(spec: AnthropicFaultSpec, requestId: string): Answer {
		switch (spec.kind) {
			case 'overloaded':
				return apiError(529, 'overloaded_error', 'Overloaded', requestId);
			case 'rate-limit': {
				const answer = apiError(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', requestId);
				answer.headers = { ...answer.headers, 'retry-after': String(spec.retryAfterSeconds ?? 1), 'anthropic-ratelimit-requests-remaining': '0' };
				return answer;
			}
			case 'api-error':
				return apiError(500, 'api_error', 'Internal server error', requestId);
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
			const raw = Buffer.concat(chunks).toString('utf8');
			let body: unknown = raw === '' ? undefined : raw;
			try {
				body = raw === '' ? undefined : JSON.parse(raw);
			} catch {
				// left as text; the route answers 400
			}
			const method = (req.method ?? 'GET').toUpperCase();
			const path = new URL(req.url ?? '/', 'http://localhost').pathname;
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
			} else {
				answer = route(method, path, req.headers, body, requestId);
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
