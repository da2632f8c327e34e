// An embedded PostgreSQL for local use without a database server: PGlite (PostgreSQL 18 in wasm) on a
// data directory, served over TCP by @electric-sql/pglite-socket so n8n's Postgres node, psql and a
// local Grafana can connect, with dashboards/schema.sql applied on every start (it is idempotent).
//
// What the socket server is, and what that means for clients (pglite-socket 0.2.17):
//   - PGlite is a single-session database. The server accepts up to `maxConnections` TCP connections
//     (its default is 1; ours is 8) and multiplexes them onto that one session with a query queue.
//     Connection number maxConnections+1 is refused: the server writes "Too many connections" and
//     closes, which node-postgres reports as "Connection terminated unexpectedly".
//   - All connections share session state: SET, TEMP tables and prepared statements leak between
//     clients. A client inside a transaction has the session to itself; other clients' queries wait
//     until it commits or rolls back (no MVCC concurrency).
//   - So a client pool must not open more connections than the server accepts. n8n's Postgres node uses
//     one pg-promise pool per credential with max = the credential's "Maximum Number of Connections"
//     (default 100) and opens connections lazily, one per concurrently running query; set it (plus
//     Grafana's jsonData.maxOpenConns) at or below maxConnections and the pool queues instead of failing.
//   - PGlite has no cross-process lock on its data directory, and two processes writing one directory
//     corrupt it. This module takes a lock file with its PID inside the directory; a second start, from
//     this or another process, fails with the owner's PID. A lock left by a dead process is taken over.
//
// CLI: npx tsx scripts/embedded-postgres.mts [--data-dir .n8n-local/pglite] [--port 55433]
//        [--host 127.0.0.1] [--max-connections 8] [--sample]
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export const LOCK_FILE = 'ltc-embedded-postgres.lock';
export const DEFAULT_PORT = 55433;
export const DEFAULT_MAX_CONNECTIONS = 8;

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_SQL_PATH = join(REPO_ROOT, 'dashboards', 'schema.sql');

export interface EmbeddedPostgresOptions {
	dataDir: string;
	/** TCP port; 0 picks a free one. Default 55433. */
	port?: number;
	host?: string;
	/** Concurrent client connections the socket server accepts (all share one PGlite session). Default 8. */
	maxConnections?: number;
	/** SQL applied after opening; default dashboards/schema.sql, `false` for none. */
	schemaSql?: string | false;
}

export interface EmbeddedPostgres {
	host: string;
	port: number;
	dataDir: string;
	maxConnections: number;
	/** postgres://postgres@host:port/postgres — PGlite accepts any user, password and database name. */
	url: string;
	/** The in-process PGlite, for direct queries from the owning process. */
	db: PGlite;
	/** Connections currently attached and queries waiting for the shared session. */
	stats(): { activeConnections: number; queuedQueries: number; maxConnections: number };
	stop(): Promise<void>;
}

export class DataDirectoryLockedError extends Error {
	constructor(
		readonly dataDir: string,
		readonly ownerPid: number,
		readonly lockPath: string,
	) {
		super(
			`PGlite data directory ${dataDir} is already in use by process ${ownerPid} (lock file ${lockPath}). ` +
				'Only one process may open it: stop that process, or delete the lock file if it is not running.',
		);
		this.name = 'DataDirectoryLockedError';
	}
}

interface LockContent {
	pid: number;
	token: string;
	startedAt: string;
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readLock(path: string): LockContent | undefined {
	try {
		return JSON.parse(readFileSync(path, 'utf8')) as LockContent;
	} catch {
		return undefined;
	}
}

/** Creates the lock file atomically (O_EXCL); takes over a lock whose process is gone. */
function acquireLock(dataDir: string): { path: string; token: string } {
	const path = join(dataDir, LOCK_FILE);
	const token = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, 'wx');
			const content: LockContent = { pid: process.pid, token, startedAt: new Date().toISOString() };
			writeSync(fd, `${JSON.stringify(content)}\n`);
			closeSync(fd);
			return { path, token };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = readLock(path);
			if (owner && Number.isInteger(owner.pid) && processAlive(owner.pid)) {
				throw new DataDirectoryLockedError(dataDir, owner.pid, path);
			}
			unlinkSync(path); // stale: its process is gone (or the file is unreadable garbage)
		}
	}
	throw new Error(`could not take the lock ${path}`);
}

function releaseLock(lock: { path: string; token: string }): void {
	if (readLock(lock.path)?.token === lock.token) unlinkSync(lock.path);
}

/** Opens (or initialises) the data directory, applies the schema and serves it over TCP. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
	const dataDir = resolve(options.dataDir);
	const host = options.host ?? '127.0.0.1';
	const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
	mkdirSync(dataDir, { recursive: true });
	const lock = acquireLock(dataDir);
	let db: PGlite | undefined;
	let server: PGLiteSocketServer | undefined;
	try {
		db = await PGlite.create({ dataDir });
		const schemaSql = options.schemaSql === undefined ? readFileSync(SCHEMA_SQL_PATH, 'utf8') : options.schemaSql;
		if (schemaSql) await db.exec(schemaSql);
		server = new PGLiteSocketServer({ db, host, port: options.port ?? DEFAULT_PORT, maxConnections });
		await server.start();
	} catch (error) {
		await server?.stop().catch(() => undefined);
		await db?.close().catch(() => undefined);
		releaseLock(lock);
		throw error;
	}
	const port = Number(server.getServerConn().split(':').pop());
	let stopped: Promise<void> | undefined;
	const running = { db, server };
	return {
		host,
		port,
		dataDir,
		maxConnections,
		url: `postgres://postgres@${host}:${port}/postgres?sslmode=disable`,
		db,
		stats: () => running.server.getStats(),
		stop(): Promise<void> {
			stopped ??= (async () => {
				try {
					await running.server.stop();
					await running.db.close();
				} finally {
					releaseLock(lock);
				}
			})();
			return stopped;
		},
	};
}

async function cli(argv: string[]): Promise<void> {
	const value = (flag: string): string | undefined => {
		const index = argv.indexOf(flag);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const dataDir = value('--data-dir') ?? join(REPO_ROOT, '.n8n-local', 'pglite');
	const embedded = await startEmbeddedPostgres({
		dataDir,
		port: value('--port') ? Number(value('--port')) : DEFAULT_PORT,
		host: value('--host'),
		maxConnections: value('--max-connections') ? Number(value('--max-connections')) : undefined,
	});
	if (argv.includes('--sample')) {
		const { generateSampleEvents, insertStatements } = await import('../dashboards/sample-data.mts');
		for (const statement of insertStatements(generateSampleEvents())) await embedded.db.exec(statement);
	}
	const events = (await embedded.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ltc_events')).rows[0]?.n ?? 0;
	console.log(`PGlite serving ${embedded.dataDir}`);
	console.log(`  url:  ${embedded.url}  (any user/password; ${events} rows in ltc_events)`);
	console.log(`  max connections: ${embedded.maxConnections} (shared session; keep n8n's and Grafana's pools below it)`);
	console.log('  Grafana: LTC_PG_URL=' + `${embedded.host}:${embedded.port} LTC_PG_DB=postgres LTC_PG_USER=postgres LTC_PG_SSLMODE=disable`);
	console.log('Ctrl-C to stop.');
	const shutdown = (): void => {
		embedded.stop().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	cli(process.argv.slice(2)).catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
