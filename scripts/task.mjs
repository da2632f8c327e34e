// Entry point of every npm script: provisions what is missing (Node 24, npm dependencies, the pinned
// n8n host) through scripts/toolchain.mjs, then runs the task on Node 24. Plain .mjs with Node
// built-ins only, because it must work on a machine that has only Node 20 and npm.
//   build | lint [--fix] | test [--unit] | start [-- --once] | bench
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT, ensureChromium, ensureDeps, ensureHost, node24Env, nodeBinary } from './toolchain.mjs';

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
// The plain closing line CI reads ("N passed, N failed"), summed over the phases' vitest JSON reports.
const firstLine = (text) => (String(text ?? '').split('\n').find((line) => line.trim() !== '') ?? '(no message)').slice(0, 300);
// phases: [{ report, label, status }] — a phase that exited non-zero with no failed test had an error outside
// a test (vitest's "Unhandled Errors"), which fails CI too and is named here.
function summarise(phases) {
	let passed = 0;
	let failed = 0;
	let skipped = 0;
	const failures = [];
	for (const { report, label, status } of phases) {
		if (!existsSync(report)) {
			failed += 1;
			process.stdout.write(`(no vitest report was written at ${report})\n`);
			continue;
		}
		const r = JSON.parse(readFileSync(report, 'utf8'));
		passed += r.numPassedTests;
		failed += r.numFailedTests;
		skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
		for (const file of r.testResults ?? []) {
			const where = relative(ROOT, file.name ?? '');
			const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
			// A file that failed without a failed test (an error while loading it, a failed hook) names itself.
			if (file.status === 'failed' && failedTests.length === 0) failures.push(`${where}: ${firstLine(file.message)}`);
			for (const t of failedTests) failures.push(`${where} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
		}
		if (status !== 0 && r.numFailedTests === 0 && r.numFailedTestSuites === 0)
			failures.push(`${label}: vitest exited ${status} with no failed test (an unhandled error: see "Unhandled Errors" above)`);
	}
	// CI shows only the tail of the output: the failures are named again right above the closing line.
	for (const failure of failures) process.stdout.write(`failed: ${failure}\n`);
	process.stdout.write(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
}

// Test files that start several n8n processes (queue mode: main + workers; the load runs) measure
// throughput and depend on timely lock renewal, so they run after the rest, one file at a time,
// instead of competing for this 2-core machine with the parallel files.
const SERIAL = ['tests/n8n/queueMode*.test.mts', 'tests/load/**/*.test.mts'];

function vitestPhase(label, files, extraArgs, env, report) {
	rmSync(report, { force: true });
	const started = Date.now();
	process.stderr.write(`\n▶ ${label}\n`);
	const r = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs, ...files], { cwd: ROOT, stdio: 'inherit', env: node24Env(env) });
	if (r.error) throw r.error;
	process.stderr.write(`◀ ${label}: ${r.status === 0 ? 'ok' : `exit ${r.status}`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
	return r.status ?? 1;
}

const build = () => step('build (n8n-node build)', 'flock', [join(tmpdir(), 'ltc-dist.lock'), bin('n8n-node'), 'build']);
// Prettier's formatting (.prettierrc.js) is part of the lint for the shipped code (issue 17).
const FORMATTED = ['core', 'connectors', 'nodes', 'credentials'];
const lint = (fix) => {
	step('format (prettier, shipped code)', bin('prettier'), [fix ? '--write' : '--check', ...FORMATTED]);
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
			if (!unit) ensureChromium();
			lint(false);
			build();
			const rest = args.filter((a) => a !== '--unit');
			const env = { LTC_UNIT_ONLY: unit ? '1' : '', LTC_N8N_HOST_DIR: hostDir };
			const report = (n) => join(ROOT, '.tmp', `vitest-report-${n}.json`);
			// Files named on the command line: one phase, as asked.
			if (rest.some((a) => !a.startsWith('-')) || unit) {
				const status = vitestPhase(unit ? 'unit tests (vitest)' : 'tests (vitest)', [], rest, env, report(1));
				summarise([{ report: report(1), label: 'tests', status }]);
				return process.exit(status);
			}
			const first = vitestPhase('tests incl. real n8n (vitest, files in parallel)', [], [...SERIAL.flatMap((g) => ['--exclude', g]), ...rest], env, report(1));
			const second = vitestPhase('multi-process n8n tests (vitest, one file at a time)', SERIAL.map((g) => g.split('*')[0]), ['--no-file-parallelism', '--passWithNoTests', ...rest], env, report(2));
			summarise([
				{ report: report(1), label: 'tests incl. real n8n', status: first },
				{ report: report(2), label: 'multi-process n8n tests', status: second },
			]);
			return process.exit(first || second);
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
