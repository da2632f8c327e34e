// A fault-injecting HTTP proxy for the reliability suite. It sits between a node and one contract
// server (tests/contract/*) and adds the failures those servers cannot produce on their own: a 429
// without Retry-After, a request that never gets an answer (client timeout), a body that trickles in
// or stalls, a 200 whose JSON is cut short, and — most important for "no duplicate writes" — an
// answer lost AFTER the server processed the request (the write happened, the client cannot know).
// Everything it sees is recorded, so a test counts attempts here and real writes at the server.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ProxyFaultKind =
	/** Answers with `answer` without forwarding (e.g. a 429 with no Retry-After). */
	| 'answer'
	/** Destroys the socket before forwarding: the server never sees the request. */
	| 'reset'
	/** Never answers (the client's timeout must fire); the server never sees the request. */
	| 'hang'
	/** Forwards, then sends the status and headers but no body bytes, and keeps the socket open. */
	| 'stall-body'
	/** Forwards, then sends the real answer in small chunks with pauses (must still succeed). */
	| 'slow-body'
	/** Forwards, then answers 200 with the first half of the real JSON body (complete HTTP framing). */
	| 'truncated-json'
	/** Forwards, then sends headers and half the body and destroys the socket (Content-Length unmet). */
	| 'cut-body'
	/** Forwards (the server processes the request), then destroys the socket: the answer is lost. */
	| 'lost-answer';

export interface ProxyRequestInfo {
	method: string;
	/** Path without the query, percent-decoded. */
	path: string;
	query: URLSearchParams;
	/** The raw request body text ('' when none). */
	body: string;
}

export interface ProxyFault {
	kind: ProxyFaultKind;
	/** How many matching requests fail; default 1. */
	times?: number;
	method?: string;
	/** Path prefix or pattern. */
	path?: string | RegExp;
	/** Further condition on the request (e.g. its body names one record). */
	when?: (request: ProxyRequestInfo) => boolean;
	/** For `answer`. */
	answer?: { status: number; headers?: Record<string, string>; body: string };
	/** For `slow-body`: pause between chunks; default 40 ms. */
	pauseMs?: number;
}

export interface ProxyRecord extends ProxyRequestInfo {
	/** Set when a fault was applied to this request. */
	fault?: ProxyFaultKind;
	/** Whether the request reached the upstream server. */
	forwarded: boolean;
	/** Status the client saw (0 when it saw none). */
	status: number;
	headers: http.IncomingHttpHeaders;
}

export interface FaultProxy {
	url: string;
	records: ProxyRecord[];
	fault(spec: ProxyFault): void;
	/** Drops the faults not yet used. */
	clearFaults(): void;
	/** Records matching method and path (prefix or pattern). */
	attempts(method: string, path: string | RegExp, since?: number): ProxyRecord[];
	stop(): Promise<void>;
}

function matchesPath(path: string, rule: string | RegExp | undefined): boolean {
	if (rule === undefined) return true;
	return typeof rule === 'string' ? path.startsWith(rule) : rule.test(path);
}

function safeDecode(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}

interface Upstream {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
}

const HOP_HEADERS = new Set([
	'connection',
	'keep-alive',
	'transfer-encoding',
	'content-length',
	'host',
]);

async function forward(target: URL, req: http.IncomingMessage, body: Buffer): Promise<Upstream> {
	const headers: Record<string, string | string[]> = {};
	for (const [k, v] of Object.entries(req.headers))
		if (v !== undefined && !HOP_HEADERS.has(k)) headers[k] = v;
	headers.host = target.host;
	if (body.length > 0) headers['content-length'] = String(body.length);
	return await new Promise<Upstream>((resolve, reject) => {
		const upstream = http.request(
			{
				hostname: target.hostname,
				port: target.port,
				method: req.method,
				path: req.url,
				headers,
				agent: false,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const out: Record<string, string> = {};
					for (const [k, v] of Object.entries(res.headers))
						if (v !== undefined && !HOP_HEADERS.has(k))
							out[k] = Array.isArray(v) ? v.join(', ') : v;
					resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
				});
				res.on('error', reject);
			},
		);
		upstream.on('error', reject);
		upstream.end(body);
	});
}

/** Starts a proxy in front of `targetUrl` (a contract server's url). */
export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
	const target = new URL(targetUrl);
	const records: ProxyRecord[] = [];
	const faults: Array<ProxyFault & { left: number }> = [];
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	const pause = (ms: number) =>
		new Promise<void>((resolve) => {
			const t = setTimeout(() => {
				timers.delete(t);
				resolve();
			}, ms);
			timers.add(t);
		});

	const server = http.createServer((req, res) => {
		void (async () => {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			const body = Buffer.concat(chunks);
			const url = new URL(req.url ?? '/', 'http://proxy.local');
			const info: ProxyRequestInfo = {
				method: (req.method ?? 'GET').toUpperCase(),
				path: safeDecode(url.pathname),
				query: url.searchParams,
				body: body.toString('utf8'),
			};
			const record: ProxyRecord = { ...info, forwarded: false, status: 0, headers: req.headers };
			records.push(record);
			const spec = faults.find(
				(f) =>
					f.left > 0 &&
					(f.method === undefined || f.method.toUpperCase() === info.method) &&
					matchesPath(info.path, f.path) &&
					(f.when === undefined || f.when(info)),
			);
			if (spec) {
				spec.left -= 1;
				record.fault = spec.kind;
			}
			const kind = spec?.kind;
			if (kind === 'reset') {
				req.socket.destroy();
				return;
			}
			if (kind === 'hang') return; // the socket stays open until the client gives up or stop()
			if (kind === 'answer') {
				const a = spec!.answer ?? { status: 500, body: '' };
				record.status = a.status;
				res.writeHead(a.status, { 'Content-Type': 'application/json', ...a.headers });
				res.end(a.body);
				return;
			}
			let upstream: Upstream;
			try {
				upstream = await forward(target, req, body);
			} catch {
				req.socket.destroy();
				return;
			}
			record.forwarded = true;
			switch (kind) {
				case 'lost-answer':
					req.socket.destroy();
					return;
				case 'stall-body':
					res.writeHead(upstream.status, {
						...upstream.headers,
						'content-length': String(upstream.body.length),
					});
					res.flushHeaders();
					record.status = upstream.status;
					return;
				case 'cut-body':
					res.writeHead(upstream.status, {
						...upstream.headers,
						'content-length': String(upstream.body.length),
					});
					res.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)));
					record.status = upstream.status;
					await pause(20);
					req.socket.destroy();
					return;
				case 'truncated-json': {
					const half = upstream.body.subarray(0, Math.max(1, Math.floor(upstream.body.length / 2)));
					record.status = 200;
					res.writeHead(200, {
						...upstream.headers,
						'content-type': 'application/json',
						'content-length': String(half.length),
					});
					res.end(half);
					return;
				}
				case 'slow-body': {
					record.status = upstream.status;
					res.writeHead(upstream.status, {
						...upstream.headers,
						'content-length': String(upstream.body.length),
					});
					const step = Math.max(1, Math.ceil(upstream.body.length / 5));
					for (let at = 0; at < upstream.body.length; at += step) {
						res.write(upstream.body.subarray(at, at + step));
						await pause(spec?.pauseMs ?? 40);
					}
					res.end();
					return;
				}
				default:
					record.status = upstream.status;
					res.writeHead(upstream.status, {
						...upstream.headers,
						'content-length': String(upstream.body.length),
					});
					res.end(upstream.body);
			}
		})();
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		records,
		fault: (spec) => {
			faults.push({ ...spec, left: spec.times ?? 1 });
		},
		clearFaults: () => {
			faults.length = 0;
		},
		attempts: (method, path, since = 0) =>
			records
				.slice(since)
				.filter((r) => r.method === method.toUpperCase() && matchesPath(r.path, path)),
		stop: async () => {
			for (const t of timers) clearTimeout(t);
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
