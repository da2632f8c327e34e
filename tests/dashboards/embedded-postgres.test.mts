// scripts/embedded-postgres.mts: PGlite behind pglite-socket for n8n's Postgres node, psql and Grafana.
// Pins what the socket server does with several clients (one shared session, a connection limit,
// transactions serialised), the data-directory lock (same process, another process, stale lock) and
// persistence across restarts.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
	DataDirectoryLockedError,
	LOCK_FILE,
	startEmbeddedPostgres,
	type EmbeddedPostgres,
} from '../../scripts/embedded-postgres.mts';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'embedded-postgres.mts');
const MAX_CONNECTIONS = 4;

let dataDir: string;
let server: EmbeddedPostgres;

beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'ltc-embedded-'));
	server = await startEmbeddedPostgres({ dataDir, port: 0, maxConnections: MAX_CONNECTIONS });
});

afterAll(async () => {
	await server?.stop();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const client = async (): Promise<pg.Client> => {
	const c = new pg.Client({ connectionString: server.url });
	await c.connect();
	return c;
};

/** The server drops a closed client's handler asynchronously; wait for it before counting slots. */
async function untilNoConnections(): Promise<void> {
	for (let i = 0; i < 200 && server.stats().activeConnections > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
	expect(server.stats().activeConnections).toBe(0);
}

describe('serving PGlite over TCP', () => {
	beforeEach(untilNoConnections);

	it('answers node-postgres with the schema applied, whatever database name the client asks for', async () => {
		const c = new pg.Client({ connectionString: server.url.replace('/postgres?', '/lead_to_close?'), user: 'n8n', password: 'anything' });
		await c.connect();
		try {
			const { rows } = await c.query("SELECT version() AS version, to_regclass('ltc_events') IS NOT NULL AS has_events, to_regclass('ltc_decision_points') IS NOT NULL AS has_view");
			expect(rows[0]).toMatchObject({ has_events: true, has_view: true });
			expect(rows[0].version).toMatch(/^PostgreSQL 18\.\d+ \(PGlite/);
		} finally {
			await c.end();
		}
	});

	it('serves a pool as large as maxConnections: concurrent queries, all answered correctly, on one shared backend', async () => {
		// Distinct statements per query: if the server interleaved two clients' extended-protocol messages
		// (Parse/Bind/Execute) a query would bind another client's statement and return its value.
		const pool = new pg.Pool({ connectionString: server.url, max: MAX_CONNECTIONS });
		try {
			const parameterised = await Promise.all(
				Array.from({ length: 120 }, (_, i) => pool.query(`SELECT $1::int + ${i * 1000} AS v, $2::text AS label, pg_backend_pid() AS pid`, [i, `lead-${i}`])),
			);
			expect(parameterised.map((r) => [r.rows[0].v, r.rows[0].label])).toEqual(Array.from({ length: 120 }, (_, i) => [i * 1001, `lead-${i}`]));
			expect(new Set(parameterised.map((r) => r.rows[0].pid)).size).toBe(1);
			// n8n's Postgres node (pg-promise) formats values into the text and sends simple queries
			const simple = await Promise.all(Array.from({ length: 40 }, (_, i) => pool.query(`SELECT ${i} AS n, 'CRM-LEAD-2026-${String(i).padStart(5, '0')}' AS lead`)));
			expect(simple.map((r) => r.rows[0].n)).toEqual(Array.from({ length: 40 }, (_, i) => i));
			expect(pool.totalCount).toBeLessThanOrEqual(MAX_CONNECTIONS);
		} finally {
			await pool.end();
		}
	});

	it("answers the catalog queries n8n's Postgres node runs before an insert, and its batched insert", async () => {
		// As n8n-nodes-base 2.41 (Postgres/v2/helpers/utils.js) sends them: pg-promise formats the values
		// into the text, so every query is a simple-protocol query.
		const c = await client();
		try {
			const features = await c.query(`SELECT EXISTS (
				SELECT 1 FROM information_schema.columns WHERE table_name = 'columns' AND table_schema = 'information_schema' AND column_name = 'is_generated'
			) as is_generated,
			EXISTS (
				SELECT 1 FROM information_schema.columns WHERE table_name = 'columns' AND table_schema = 'information_schema' AND column_name = 'identity_generation'
			) as identity_generation;`);
			expect(features.rows[0]).toEqual({ is_generated: true, identity_generation: true });
			const columns = await c.query(
				"SELECT column_name, data_type, is_nullable, udt_name, column_default, identity_generation, is_generated FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'ltc_events'",
			);
			expect(columns.rows.map((row) => row.column_name)).toEqual(expect.arrayContaining(['event_id', 'occurred_at', 'actor', 'cost_usd', 'service']));
			const unique = await c.query(`SELECT DISTINCT a.attname
				FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
				WHERE i.indrelid = (quote_ident('public') || '.' || quote_ident('ltc_events'))::regclass
				AND (i.indisprimary OR i.indisunique);`);
			expect(unique.rows.map((row) => row.attname).sort()).toEqual(['event_id', 'id']);
			await c.query('SELECT pg_type.typname, pg_enum.enumlabel FROM pg_type JOIN pg_enum ON pg_enum.enumtypid = pg_type.oid;');
			// "Query Batching: Single Query" → db.multi(pgp.helpers.concat(queries)); "Skip on Conflict" → ON CONFLICT DO NOTHING
			const insert = (id: string): string =>
				`INSERT INTO "public"."ltc_events"("event_id","occurred_at","workflow","execution_id","step","actor","decision") VALUES('${id}','2026-11-20T09:00:00.000Z','Lead intake & qualification','48211','qualify','ai','qualified') ON CONFLICT DO NOTHING RETURNING *`;
			await c.query(`${insert('n8n-batch-1')};${insert('n8n-batch-2')};${insert('n8n-batch-1')}`);
			const stored = await c.query("SELECT count(*)::int AS n FROM ltc_events WHERE event_id LIKE 'n8n-batch-%'");
			expect(stored.rows[0].n).toBe(2);
			await c.query("DELETE FROM ltc_events WHERE event_id LIKE 'n8n-batch-%'");
		} finally {
			await c.end();
		}
	});

	it('refuses connection number maxConnections + 1 (a pool larger than the server fails instead of waiting)', async () => {
		const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, client));
		try {
			await Promise.all(held.map((c) => c.query('SELECT 1')));
			expect(server.stats().activeConnections).toBe(MAX_CONNECTIONS);
			const extra = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 10_000 });
			extra.on('error', () => undefined); // the refusal also arrives as an 'error' event
			await expect(extra.connect().then(() => extra.query('SELECT 1'))).rejects.toThrow(/terminated|ECONNRESET|closed/i);
			await extra.end().catch(() => undefined);
		} finally {
			await Promise.all(held.map((c) => c.end()));
		}
	});

	it('gives a client in a transaction the session to itself: another client waits and then sees the commit', async () => {
		const [writer, reader] = [await client(), await client()];
		try {
			await writer.query('CREATE TABLE IF NOT EXISTS embedded_tx_probe (n int)');
			await writer.query('BEGIN');
			await writer.query('INSERT INTO embedded_tx_probe VALUES (1)');
			const order: string[] = [];
			const read = reader.query('SELECT count(*)::int AS n FROM embedded_tx_probe').then((r) => {
				order.push('read');
				return r.rows[0].n as number;
			});
			await writer.query('INSERT INTO embedded_tx_probe VALUES (2)');
			order.push('commit');
			await writer.query('COMMIT');
			// On a real server the reader would not wait and would see 0 rows (MVCC); here it ran after COMMIT.
			expect(await read).toBe(2);
			expect(order).toEqual(['commit', 'read']);
		} finally {
			await writer.query('DROP TABLE IF EXISTS embedded_tx_probe');
			await Promise.all([writer.end(), reader.end()]);
		}
	});

	it('shares session state between clients (TEMP tables, SET): documented, not a bug to rely on', async () => {
		const [a, b] = [await client(), await client()];
		try {
			await a.query('CREATE TEMP TABLE embedded_session_probe (n int)');
			await a.query("SET application_name = 'client-a'");
			expect((await b.query("SELECT to_regclass('pg_temp.embedded_session_probe') IS NOT NULL AS visible")).rows[0].visible).toBe(true);
			expect((await b.query('SHOW application_name')).rows[0].application_name).toBe('client-a');
		} finally {
			await a.query('DROP TABLE IF EXISTS pg_temp.embedded_session_probe');
			await a.query('RESET application_name');
			await Promise.all([a.end(), b.end()]);
		}
	});
});

describe('the data directory has one owner', () => {
	it('writes a lock file with the owner PID', () => {
		const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number };
		expect(lock.pid).toBe(process.pid);
	});

	it('refuses a second start in the same process, naming the owner', async () => {
		const second = startEmbeddedPostgres({ dataDir, port: 0 });
		await expect(second).rejects.toBeInstanceOf(DataDirectoryLockedError);
		await expect(startEmbeddedPostgres({ dataDir, port: 0 })).rejects.toThrow(`already in use by process ${process.pid}`);
	});

	it('refuses a second start from another process (the CLI exits 1 with the reason)', () => {
		const run = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, '--data-dir', dataDir, '--port', '0'], { encoding: 'utf8', timeout: 60_000 });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(`already in use by process ${process.pid}`);
	});
});

describe('restart', () => {
	let dir: string;
	let first: EmbeddedPostgres;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'ltc-embedded-restart-'));
		first = await startEmbeddedPostgres({ dataDir: dir, port: 0, maxConnections: 2 }); // initdb: seconds
	});
	afterAll(async () => {
		await first?.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	it('releases the lock on stop, keeps the data, and takes over a lock left by a dead process', async () => {
		const c = new pg.Client({ connectionString: first.url });
		await c.connect();
		await c.query(
			"INSERT INTO ltc_events (event_id, occurred_at, workflow, execution_id, step, actor, decision) VALUES ('restart-probe', '2026-11-20T09:00:00Z', 'Lead intake & qualification', '1', 'qualify', 'ai', 'qualified')",
		);
		await c.end();
		await first.stop();
		await first.stop(); // idempotent
		expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

		// a process that died without stopping (kill -9) leaves its lock behind
		const dead = await promisify(execFile)(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
		writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: Number(dead.stdout), token: 'left-behind', startedAt: '2026-11-20T08:00:00Z' }));

		const second = await startEmbeddedPostgres({ dataDir: dir, port: 0, maxConnections: 2 });
		try {
			const c2 = new pg.Client({ connectionString: second.url });
			await c2.connect();
			const { rows } = await c2.query("SELECT step, decision FROM ltc_events WHERE event_id = 'restart-probe'");
			await c2.end();
			expect(rows).toEqual([{ step: 'qualify', decision: 'qualified' }]);
			expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
		} finally {
			await second.stop();
		}
	});
});
