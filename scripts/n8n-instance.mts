// Runs a real, pinned n8n (tools/n8n-host, installed by scripts/toolchain.mjs) with this package
// installed the way the Community Nodes installer does it: `npm pack`, the tarball extracted into
// <userFolder>/.n8n/nodes/node_modules/<pkg> (no dev dependencies, no install scripts), so node types
// are `n8n-nodes-lead-to-close.<node>`. Used by the real-n8n tests, `npm start` and the benchmarks.
// Facts behind the choices: ../shared/reference/n8n.md (§4 loaders, §5 CLI, §6 credentials, §10).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE_NAME = 'n8n-nodes-lead-to-close';
export const DIST_LOCK = join(tmpdir(), 'ltc-dist.lock');
export const OWNER = { email: 'owner@lead-to-close.test', password: 'Lead2Close!pass', firstName: 'Ops', lastName: 'Owner' };

export function hostDir(): string {
	const dir = process.env.LTC_N8N_HOST_DIR;
	if (!dir || !existsSync(join(dir, 'node_modules', 'n8n', 'bin', 'n8n'))) {
		throw new Error(
			'The pinned n8n host is missing: run the tests through `npm test` (scripts/task.mjs installs it into ' +
				'~/.cache/n8n-nodes-lead-to-close) or set LTC_N8N_HOST_DIR to a folder holding node_modules/n8n.',
		);
	}
	return dir;
}

export async function freePort(): Promise<number> {
	return await new Promise((res, rej) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', rej);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			srv.close(() => (typeof address === 'object' && address ? res(address.port) : rej(new Error('no port'))));
		});
	});
}

let packed: string | undefined;
/** `npm pack` of the built package (dist/ must be current: `npm test` builds first). Cached per process. */
export function packPackage(): string {
	if (packed && existsSync(packed)) return packed;
	if (!existsSync(join(ROOT, 'dist', 'package.json'))) throw new Error('dist/ is missing: run `npm run build` first');
	const dest = mkdtempSync(join(tmpdir(), 'ltc-pack-'));
	// Under the same lock as `npm run build` (scripts/task.mjs), so a build running in parallel never
	// hands us a half-written dist/.
	const r = spawnSync('flock', [DIST_LOCK, 'npm', 'pack', '--json', '--pack-destination', dest], { cwd: ROOT, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
	const info = JSON.parse(r.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
	packed = join(dest, info[0].filename);
	return packed;
}

export function tarballFiles(tarball: string): string[] {
	const r = spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
	return r.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
}

/** Extracts the tarball where n8n's Community Nodes installer puts packages. */
export function installPackage(userFolder: string, tarball = packPackage()): string {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const pkgDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(pkgDir, { recursive: true, force: true });
	mkdirSync(pkgDir, { recursive: true });
	const r = spawnSync('tar', ['xzf', tarball, '-C', pkgDir, '--strip-components=1']);
	if (r.status !== 0) throw new Error(`extracting ${tarball} failed: ${r.stderr}`);
	const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: version } }, null, 2),
	);
	return pkgDir;
}

export interface CredentialFixture {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowFixture {
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export interface InstanceOptions {
	userFolder?: string;
	port?: number;
	credentials?: CredentialFixture[];
	workflows?: WorkflowFixture[];
	/** Workflow ids to publish (activate) after start; default: every workflow with a trigger. */
	activate?: string[];
	env?: Record<string, string>;
	/** Extra main-process arguments, e.g. ['worker'] for a queue worker. */
	logFile?: string;
}

export class N8nInstance {
	readonly baseUrl: string;
	private child?: ChildProcess;
	private cookie?: string;

	constructor(
		readonly userFolder: string,
		readonly port: number,
		readonly env: Record<string, string>,
		readonly logFile: string,
	) {
		this.baseUrl = `http://127.0.0.1:${port}`;
	}

	/** Runs an n8n CLI command against this instance's folder (its own task-broker port). */
	async cli(args: string[]): Promise<string> {
		const brokerPort = await freePort();
		const r = spawnSync(process.execPath, [join(hostDir(), 'node_modules', 'n8n', 'bin', 'n8n'), ...args], {
			env: { ...this.env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
			encoding: 'utf8',
			timeout: 120_000,
		});
		if (r.status !== 0) throw new Error(`n8n ${args.join(' ')} failed (${r.status}): ${r.stderr}\n${r.stdout}`);
		return r.stdout;
	}

	async start(): Promise<void> {
		const out = openSync(this.logFile, 'a');
		this.child = spawn(process.execPath, [join(hostDir(), 'node_modules', 'n8n', 'bin', 'n8n'), 'start'], {
			env: this.env,
			stdio: ['ignore', out, out],
			detached: true,
		});
		closeSync(out);
		const started = Date.now();
		// /healthz/readiness turns 200 before webhooks are registered (reference §4); callers poll a
		// webhook with waitForWebhook() for that. Here: the REST API answering is enough to set up.
		while (Date.now() - started < 120_000) {
			if (this.child.exitCode !== null) throw new Error(`n8n exited (${this.child.exitCode}); log:\n${this.log().slice(-3000)}`);
			try {
				const r = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (r.status === 200) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(`n8n did not become ready in 120 s; log:\n${this.log().slice(-3000)}`);
	}

	log(): string {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}

	/** Polls a production webhook until it is registered (any answer but 404 / connection refused). */
	async waitForWebhook(path: string, init: RequestInit = { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }, timeoutMs = 60_000): Promise<Response> {
		const started = Date.now();
		for (;;) {
			try {
				const r = await fetch(`${this.baseUrl}/webhook/${path}`, init);
				if (r.status !== 404) return r;
			} catch {
				// restarting
			}
			if (Date.now() - started > timeoutMs) throw new Error(`webhook ${path} not registered after ${timeoutMs} ms; log:\n${this.log().slice(-3000)}`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	/** Creates the owner on a fresh instance (idempotent) and keeps its session cookie. */
	async login(): Promise<void> {
		await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		const r = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		if (r.status !== 200) throw new Error(`login failed: ${r.status} ${await r.text()}`);
		this.cookie = (r.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
	}

	/** Calls the internal REST API (`/rest/...`) as the owner. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
		if (!this.cookie) await this.login();
		const r = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie ?? '', 'browser-id': 'ltc-tests' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await r.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// non-JSON (e.g. types files are JSON; errors may be text)
		}
		return { status: r.status, body: parsed as T };
	}

	async activate(workflowId: string): Promise<void> {
		const wf = await this.rest<{ data: { versionId: string } }>('GET', `/workflows/${workflowId}`);
		if (wf.status !== 200) throw new Error(`workflow ${workflowId}: ${wf.status} ${JSON.stringify(wf.body)}`);
		const r = await this.rest('POST', `/workflows/${workflowId}/activate`, { versionId: wf.body.data.versionId });
		if (r.status !== 200) throw new Error(`activating ${workflowId} failed: ${r.status} ${JSON.stringify(r.body)}`);
	}

	/**
	 * Waits until every Lead-to-Close Frappe Trigger of the workflow has stored its registration. The
	 * trigger creates its Frappe Webhooks during activation, and n8n saves the node's static data (the
	 * Webhook names the trigger checks each delivery against) only afterwards: a delivery in between is
	 * refused with 401 "no ERPNext webhook registered" (in production the catch-up poll recovers it). So a
	 * fake server that already holds the Webhook does not yet mean the trigger accepts deliveries; on a
	 * loaded machine the gap grew to the point of failing a test.
	 */
	async waitForTriggerRegistration(workflowId: string, timeoutMs = 60_000): Promise<void> {
		type Stored = { webhookNames?: unknown[] };
		type Wf = { data: { nodes: Array<{ name: string; type: string }>; staticData?: Record<string, Stored> | string | null } };
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const r = await this.rest<Wf>('GET', `/workflows/${workflowId}`);
			const raw = r.status === 200 ? r.body.data.staticData : null;
			const stored: Record<string, Stored> = typeof raw === 'string' ? (JSON.parse(raw) as Record<string, Stored>) : (raw ?? {});
			const waiting = r.status !== 200
				? [`GET answered ${r.status}`]
				: r.body.data.nodes.filter((n) => n.type.endsWith('.erpNextTrigger') && !(stored[`node:${n.name}`]?.webhookNames?.length ?? 0)).map((n) => n.name);
			if (waiting.length === 0) return;
			if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: no stored trigger registration for ${waiting.join(', ')}`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	/** Executions of a workflow, newest first, with their full run data. */
	async executions(workflowId: string): Promise<Array<{ id: string; status: string; data?: unknown }>> {
		const r = await this.rest<{ data: { results: Array<{ id: string; status: string }> } }>(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`,
		);
		return r.body.data.results;
	}

	async execution(id: string): Promise<{ status: string; data: string | Record<string, unknown> }> {
		const r = await this.rest<{ data: { status: string; data: string } }>('GET', `/executions/${id}`);
		return r.body.data;
	}

	readonly workers: ChildProcess[] = [];

	/**
	 * Starts a queue-mode worker (`n8n worker`) sharing this instance's folder, database, Redis and
	 * encryption key, with its own task-broker port. The package is installed in the shared user
	 * folder, which is what every worker needs (reference n8n.md §9).
	 */
	async startWorker(concurrency = 10, env: Record<string, string> = {}): Promise<ChildProcess> {
		const index = this.workers.length;
		const out = openSync(`${this.logFile}.worker${index}`, 'a');
		const worker = spawn(process.execPath, [join(hostDir(), 'node_modules', 'n8n', 'bin', 'n8n'), 'worker', `--concurrency=${concurrency}`], {
			env: { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), QUEUE_HEALTH_CHECK_PORT: String(await freePort()), ...env },
			stdio: ['ignore', out, out],
			detached: true,
		});
		closeSync(out);
		this.workers.push(worker);
		return worker;
	}

	workerLog(index: number): string {
		const file = `${this.logFile}.worker${index}`;
		return existsSync(file) ? readFileSync(file, 'utf8') : '';
	}

	/** Process id of the main process (the leader of its own session), once started. */
	get pid(): number | undefined {
		return this.child?.pid;
	}

	/**
	 * Resident memory (KiB) of the main process and of each live worker, each summed over its process
	 * group (n8n's task runner is a child in the same group). A dead worker reports 0.
	 */
	rss(): { main: number; workers: number[] } {
		return { main: groupRssKb(this.child?.pid), workers: this.workers.map((w) => (w.exitCode === null && w.signalCode === null ? groupRssKb(w.pid) : 0)) };
	}

	/** Kills a worker at once (SIGKILL to its process group), as a crash would. */
	killWorker(index: number): void {
		const w = this.workers[index];
		if (w?.pid !== undefined && w.exitCode === null) process.kill(-w.pid, 'SIGKILL');
	}

	async stop(): Promise<void> {
		await Promise.all([this.child, ...this.workers].map((c) => stopProcessGroup(c)));
	}
}

/** CPU seconds (user + system) used so far by the processes of a session, from `ps -s`. */
export function groupCpuSeconds(sid: number | undefined): number {
	if (sid === undefined) return 0;
	const r = spawnSync('ps', ['-o', 'cputimes=', '-s', String(sid)], { encoding: 'utf8' });
	if (r.status !== 0) return 0;
	return r.stdout.split('\n').map((l) => Number(l.trim())).filter((n) => Number.isFinite(n)).reduce((a, b) => a + b, 0);
}

/** Sum of RSS (KiB) over the processes of a session (a detached child leads its own), from `ps -s`; 0 when none is left. */
export function groupRssKb(pgid: number | undefined): number {
	if (pgid === undefined) return 0;
	const r = spawnSync('ps', ['-o', 'rss=', '-s', String(pgid)], { encoding: 'utf8' });
	if (r.status !== 0) return 0;
	return r.stdout.split('\n').map((l) => Number(l.trim())).filter((n) => Number.isFinite(n)).reduce((a, b) => a + b, 0);
}

async function stopProcessGroup(child: ChildProcess | undefined): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
	const exited = new Promise((r) => child.once('exit', r));
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {
		return;
	}
	const timer = setTimeout(() => {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// already gone
		}
	}, 10_000);
	await exited;
	clearTimeout(timer);
}

/** Environment for an offline, quiet n8n in `userFolder` (reference §4). */
export function n8nEnv(userFolder: string, port: number, extra: Record<string, string> = {}): Record<string, string> {
	const base: Record<string, string | undefined> = { ...process.env };
	// A test runner's NODE_ENV=test makes n8n refuse to load nodes ("Not available in tests").
	for (const k of Object.keys(base)) if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|VITEST|NODE_ENV$|NODE_OPTIONS$)/.test(k)) delete base[k];
	return {
		...(base as Record<string, string>),
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'lead-to-close-test-encryption-key-0001',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_SECURE_COOKIE: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_LOG_LEVEL: 'warn',
		DB_SQLITE_POOL_SIZE: '2',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		...extra,
	};
}

/** n8n's own database settings for a PostgreSQL URL (postgres://user:password@host:port/database). */
export function postgresEnv(databaseUrl: string): Record<string, string> {
	const url = new URL(databaseUrl);
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: url.hostname,
		DB_POSTGRESDB_PORT: url.port || '5432',
		DB_POSTGRESDB_DATABASE: decodeURIComponent(url.pathname.slice(1)),
		DB_POSTGRESDB_USER: decodeURIComponent(url.username),
		DB_POSTGRESDB_PASSWORD: decodeURIComponent(url.password),
	};
}

/**
 * Queue mode (Bull on Redis) under its own key prefix. Finished jobs are kept (1000): n8n's default 0
 * deletes a job the moment it finishes, and a job that finishes before the main listens for it leaves
 * its webhook request unanswered (tests/load/bullJobFinished.test.mts, docs/scaling.md).
 */
export function queueEnv(redis: { host: string; port: number }, prefix: string): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_PREFIX: `${prefix}${Date.now()}`,
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '1000',
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: '1000',
	};
}

/**
 * A fresh n8n with the package installed, credentials and workflows imported (fixed ids), started,
 * owner logged in, and the given workflows published. Stop it with `instance.stop()`.
 */
export async function startN8n(opts: InstanceOptions = {}): Promise<N8nInstance> {
	const userFolder = opts.userFolder ?? mkdtempSync(join(tmpdir(), 'ltc-n8n-'));
	const port = opts.port ?? (await freePort());
	const brokerPort = await freePort();
	const env = n8nEnv(userFolder, port, { N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...(opts.env ?? {}) });
	installPackage(userFolder);
	const instance = new N8nInstance(userFolder, port, env, opts.logFile ?? join(userFolder, 'n8n.log'));
	const fixtures = join(userFolder, 'fixtures');
	mkdirSync(fixtures, { recursive: true });
	if (opts.credentials?.length) {
		writeFileSync(join(fixtures, 'credentials.json'), JSON.stringify(opts.credentials));
		await instance.cli(['import:credentials', `--input=${join(fixtures, 'credentials.json')}`]);
	}
	if (opts.workflows?.length) {
		const wfDir = join(fixtures, 'workflows');
		mkdirSync(wfDir, { recursive: true });
		for (const wf of opts.workflows) writeFileSync(join(wfDir, `${wf.id}.json`), JSON.stringify({ active: false, settings: {}, ...wf }));
		await instance.cli(['import:workflow', '--separate', `--input=${wfDir}`]);
	}
	await instance.start();
	await instance.login();
	for (const id of opts.activate ?? []) await instance.activate(id);
	return instance;
}
