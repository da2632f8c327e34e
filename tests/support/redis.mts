// Makes sure a Redis answers on 127.0.0.1:6379 for the queue-mode tests: PING it; if nothing answers,
// start Debian's redis-server the way this machine kind does; if that is not installed either, fail
// saying what is missing. Never skips.
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';

export const REDIS_HOST = process.env.LTC_TEST_REDIS_HOST ?? '127.0.0.1';
export const REDIS_PORT = Number(process.env.LTC_TEST_REDIS_PORT ?? 6379);

function ping(): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(REDIS_PORT, REDIS_HOST);
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
	});
}

export async function ensureRedis(): Promise<{ host: string; port: number }> {
	if (await ping()) return { host: REDIS_HOST, port: REDIS_PORT };
	try {
		execFileSync('redis-server', ['--daemonize', 'yes', '--bind', REDIS_HOST, '--port', String(REDIS_PORT), '--save', '', '--appendonly', 'no'], { stdio: 'pipe' });
	} catch (error) {
		throw new Error(
			`No Redis answers on ${REDIS_HOST}:${REDIS_PORT} and redis-server could not be started (${(error as Error).message}). ` +
				'Install it with `apt-get install -y redis-server` or point LTC_TEST_REDIS_HOST/PORT at a Redis.',
		);
	}
	for (let i = 0; i < 50; i++) {
		if (await ping()) return { host: REDIS_HOST, port: REDIS_PORT };
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`redis-server was started but does not answer PING on ${REDIS_HOST}:${REDIS_PORT}`);
}
