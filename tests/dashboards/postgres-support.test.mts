// tests/support/postgres.mts: a throwaway database per test file, set up unlike PGlite on purpose,
// dropped afterwards; and a clear failure (never a silent skip) when no server answers.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

import pg from 'pg';
import { describe, expect, it } from 'vitest';

import { createTestDatabase } from '../support/postgres.mts';

const SUPPORT = join(import.meta.dirname, '..', 'support', 'postgres.mts');

async function unusedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('createTestDatabase', () => {
	it('creates an empty database in another zone and collation than PGlite, and drops it', async () => {
		const db = await createTestDatabase('ltc_support');
		try {
			const { rows } = await db.pool.query("SELECT current_database() AS name, current_setting('TimeZone') AS zone, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public') AS tables");
			expect(rows[0]).toEqual({ name: db.name, zone: 'America/Sao_Paulo', tables: 0 });
			expect(db.name).toMatch(/^ltc_support_\d+_[0-9a-f]{8}$/);
			if (db.serverVersion >= 150000) {
				const collation = await db.pool.query('SELECT datlocprovider AS provider FROM pg_database WHERE datname = current_database()');
				expect(collation.rows[0].provider).toBe('i');
			}
		} finally {
			await db.drop();
		}
		const check = new pg.Client({ connectionString: db.url.replace(`/${db.name}`, '/postgres') });
		await check.connect();
		const left = await check.query('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [db.name]);
		await check.end();
		expect(left.rows[0].n).toBe(0);
	});

	it('fails with what is missing when no server answers (it does not skip)', async () => {
		const port = await unusedPort();
		const run = spawnSync(
			process.execPath,
			['--import', 'tsx', '--input-type=module', '-e', `import(${JSON.stringify(SUPPORT)}).then((m) => m.createTestDatabase())`],
			{ encoding: 'utf8', timeout: 60_000, env: { ...process.env, LTC_TEST_PG_PORT: String(port), LTC_TEST_PG_START_WAIT_MS: '500' } },
		);
		expect(run.status).not.toBe(0);
		expect(run.stderr).toContain(`No PostgreSQL server answered on 127.0.0.1:${port}`);
		expect(run.stderr).toContain('Tried to start the local cluster');
		expect(run.stderr).toContain('These tests do not skip');
	});
});
