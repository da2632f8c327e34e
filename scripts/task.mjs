// Entry point of every npm script: provisions what is missing (Node 24, npm dependencies, the pinned
// n8n host) through scripts/toolchain.mjs, then runs the task on Node 24. Plain .mjs with Node
// built-ins only, because it must work on a machine that has only Node 20 and npm.
//   build | lint [--fix] | test [--unit] | start [-- --once] | bench
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureDeps, ensureHost, node24Env, nodeBinary } from './toolchain.mjs';

const [task, ...args] = process.argv.slice(2);
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

function step(label, cmd, cmdArgs, extraEnv = {}, after = () => {}) {
	const started = Date.now();
	process.stderr.write(`\n▶ ${label}\n`);
	const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit', env: node24Env(extraEnv) });
	if (r.error) throw r.error;
	after();
	process.stderr.write(`◀ ${label}: ${r.status === 0 ? 'ok' : `exit ${r.status}`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
	if (r.status !== 0) process.exit(r.status ?? 1);
}

// flock: tests that pack dist/ take the same lock, so parallel builds and packs never interleave.
// The plain closing line CI reads ("N passed, N failed"), from vitest's JSON report.
function summarise(report) {
	if (!existsSync(report)) return process.stdout.write('tests: 0 passed, 1 failed (no vitest report was written)\n');
	const r = JSON.parse(readFileSync(report, 'utf8'));
	const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
	process.stdout.write(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
}

const build = () => step('build (n8n-node build)', 'flock', [join(tmpdir(), 'ltc-dist.lock'), bin('n8n-node'), 'build']);
const lint = (fix) => {
	step('lint (n8n-node lint, strict)', bin('n8n-node'), fix ? ['lint', '--fix'] : ['lint']);
	step('type-check tooling (tsc -p tsconfig.tools.json)', bin('tsc'), ['-p', 'tsconfig.tools.json']);
};

function main() {
	nodeBinary();
	ensureDeps();
	switch (task) {
		case 'build':
			return build();
		case 'lint':
			return lint(args.includes('--fix'));
		case 'test': {
			const unit = args.includes('--unit');
			const hostDir = unit ? '' : ensureHost();
			lint(false);
			build();
			const rest = args.filter((a) => a !== '--unit');
			const report = join(ROOT, '.tmp', 'vitest-report.json');
			rmSync(report, { force: true });
			return step(
				unit ? 'unit tests (vitest)' : 'tests incl. real n8n (vitest)',
				bin('vitest'),
				['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...rest],
				{ LTC_UNIT_ONLY: unit ? '1' : '', LTC_N8N_HOST_DIR: hostDir },
				() => summarise(report),
			);
		}
		case 'start': {
			const hostDir = ensureHost();
			build();
			return step('start local n8n', bin('tsx'), [join('scripts', 'start.mts'), ...args], { LTC_N8N_HOST_DIR: hostDir });
		}
		case 'bench': {
			const hostDir = ensureHost();
			build();
			return step('benchmarks', bin('tsx'), [join('bench', 'run.mts'), ...args], { LTC_N8N_HOST_DIR: hostDir });
		}
		default:
			process.stderr.write('usage: node scripts/task.mjs build|lint|test|start|bench\n');
			process.exit(2);
	}
}

main();
