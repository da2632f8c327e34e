// A throwaway database on the machine's real PostgreSQL for one test file: created in beforeAll,
// dropped (WITH (FORCE)) in afterAll. Connects to 127.0.0.1:5432 with trust auth as `postgres`, then
// `root` (override with LTC_TEST_PG_HOST / LTC_TEST_PG_PORT / LTC_TEST_PG_USER). When nothing answers
// it tries to start the Debian cluster (`pg_ctlcluster --skip-systemctl-redirect <version> main start`)
// and otherwise FAILS with what is missing — it never skips silently: a dashboard query that was not
// run on PostgreSQL is not validated.
//
// By default the database is deliberately unlike PGlite's session (ICU en-US collation where the server
// supports it, time zone America/Sao_Paulo), so SQL that depends on the server's locale or zone shows
// up as an engine mismatch instead of passing by accident.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';

import pg from 'pg';

export interface TestDatabase {
	name: string;
	url: string;
	pool: pg.Pool;
	/** server_version_num, e.g. 150020 */
	serverVersion: number;
	drop(): Promise<void>;
}

export interface TestDatabaseOptions {
	/** Session time zone of the database (ALTER DATABASE … SET timezone). */
	timeZone?: string;
	/** ICU locale for the database's collation (PostgreSQL 15+); null keeps the template's. */
	icuLocale?: string | null;
}

const HOST = process.env.LTC_TEST_PG_HOST ?? '127.0.0.1';
const PORT = Number(process.env.LTC_TEST_PG_PORT ?? 5432);
const USERS = process.env.LTC_TEST_PG_USER ? [process.env.LTC_TEST_PG_USER] : ['postgres', 'root'];
/** How long to wait for a cluster that was just started. */
const START_WAIT_MS = Number(process.env.LTC_TEST_PG_START_WAIT_MS ?? 15_000);

async function tryConnect(user: string, database = 'postgres'): Promise<pg.Client | Error> {
	const client = new pg.Client({ host: HOST, port: PORT, user, database, connectionTimeoutMillis: 5000 });
	try {
		await client.connect();
		return client;
	} catch (error) {
		await client.end().catch(() => undefined);
		return error as Error;
	}
}

async function adminClient(): Promise<{ client: pg.Client; user: string } | { errors: string[] }> {
	const errors: string[] = [];
	for (const user of USERS) {
		const result = await tryConnect(user);
		if (!(result instanceof Error)) return { client: result, user };
		errors.push(`${user}: ${result.message}`);
	}
	return { errors };
}

function startLocalCluster(): string {
	if (!existsSync('/etc/postgresql')) return 'no /etc/postgresql (Debian postgresql package not installed)';
	const versions = readdirSync('/etc/postgresql').filter((entry) => /^\d+$/.test(entry)).sort((a, b) => Number(a) - Number(b));
	const version = versions.at(-1);
	if (!version) return 'no cluster under /etc/postgresql';
	try {
		execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'pipe', timeout: 60_000 });
		return `started cluster ${version}/main`;
	} catch (error) {
		const { stdout, stderr, status } = error as { stdout?: Buffer; stderr?: Buffer; status?: number };
		const output = [stderr?.toString().trim(), stdout?.toString().trim()].filter(Boolean).join(' / ');
		return `pg_ctlcluster --skip-systemctl-redirect ${version} main start exited ${status ?? '?'}: ${output || (error as Error).message}`;
	}
}

async function connectOrStart(): Promise<{ client: pg.Client; user: string }> {
	const first = await adminClient();
	if ('client' in first) return first;
	const attempt = startLocalCluster();
	for (let waited = 0; waited < START_WAIT_MS; waited += 500) {
		const next = await adminClient();
		if ('client' in next) return next;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	const last = await adminClient();
	if ('client' in last) return last;
	throw new Error(
		[
			`No PostgreSQL server answered on ${HOST}:${PORT} (users tried: ${USERS.join(', ')}).`,
			`Connection errors: ${first.errors.join('; ')}.`,
			`Tried to start the local cluster: ${attempt}.`,
			'The dashboard tests need a real PostgreSQL 13+ with trust auth on 127.0.0.1: install it',
			'(apt-get install -y postgresql) and start it, or point LTC_TEST_PG_HOST / LTC_TEST_PG_PORT /',
			'LTC_TEST_PG_USER at one. These tests do not skip.',
		].join(' '),
	);
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Creates an empty database for this test file; call `drop()` in afterAll. */
export async function createTestDatabase(prefix = 'ltc_test', options: TestDatabaseOptions = {}): Promise<TestDatabase> {
	const { client: admin, user } = await connectOrStart();
	const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
	let serverVersion = 0;
	try {
		serverVersion = Number((await admin.query('SHOW server_version_num')).rows[0].server_version_num);
		const icu = options.icuLocale === undefined ? 'en-US' : options.icuLocale;
		const hasIcuCollation =
			icu !== null && serverVersion >= 150000 && (await admin.query("SELECT 1 FROM pg_collation WHERE collprovider = 'i' LIMIT 1")).rowCount;
		const locale = hasIcuCollation ? ` LOCALE_PROVIDER icu ICU_LOCALE '${icu}'` : '';
		await admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8'${locale}`);
		await admin.query(`ALTER DATABASE ${quoteIdent(name)} SET timezone TO '${options.timeZone ?? 'America/Sao_Paulo'}'`);
	} finally {
		await admin.end();
	}
	const url = `postgres://${encodeURIComponent(user)}@${HOST}:${PORT}/${name}`;
	let dropped = false;
	const pool = new pg.Pool({ connectionString: url, max: 4 });
	// pg-pool re-emits an idle client's error on the pool, and a pool without a listener throws it as an
	// uncaught exception. drop() ends the pool, but pool.end() resolves before its clients' sockets close,
	// so DROP … WITH (FORCE) can still terminate one (57P01): that one is expected, anything else is told.
	pool.on('error', (error: Error & { code?: string }) => {
		if (!(dropped && error.code === '57P01')) console.warn(`test database ${name}: idle client error: ${error.message}`);
	});
	return {
		name,
		url,
		pool,
		serverVersion,
		async drop(): Promise<void> {
			if (dropped) return;
			dropped = true;
			await pool.end();
			const { client } = await connectOrStart();
			try {
				await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
			} finally {
				await client.end();
			}
		},
	};
}
