// `npm run bench`: runs every bench/*.bench.mts and then bench/load.mts (the 10,000-lead webhook load
// through a real n8n, single instance and queue mode) in its own process (one at a time, so they do
// not compete for the 2 cores), collects the JSON lines they print, and writes docs/performance.md with
// each figure next to its same-run baseline and ratio, plus machine, Node, n8n and expression-engine
// details. Benchmarks never assert on time; this report is where the numbers live.
// `npm run bench -- <name>` runs only the matching files and keeps the other benches' rows of the
// existing report (their lines say so).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { ROOT, hostDir } from '../scripts/n8n-instance.mts';

interface Figure { bench: string; metric: string; value: number; baseline: number; ratio: number; [k: string]: unknown }

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = [...readdirSync(join(ROOT, 'bench')).filter((f) => f.endsWith('.bench.mts')).sort(), 'load.mts'].filter(
	(f) => only.length === 0 || only.some((o) => f.includes(o)),
);
const figures: Figure[] = [];
const failures: string[] = [];
for (const file of files) {
	const started = Date.now();
	process.stderr.write(`bench ${file} …\n`);
	const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join('bench', file)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: process.env });
	const lines = r.stdout.split('\n').filter((l) => l.startsWith('{'));
	for (const line of lines) {
		try {
			figures.push(JSON.parse(line) as Figure);
		} catch {
			// not a figure
		}
	}
	if (r.status !== 0) failures.push(`${file}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
	process.stderr.write(`  ${lines.length} figure(s) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const n8nVersion = (JSON.parse(readFileSync(join(hostDir(), 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;
const fmt = (x: unknown) => (typeof x === 'number' ? (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(x)) : String(x ?? ''));
const rerun = new Set(figures.map((f) => f.bench));
const reportPath = join(ROOT, 'docs', 'performance.md');
const ACCURACY_HEADING = '## Quote accuracy on the labelled set (rules only)';
// Rows of benches this (partial) run did not repeat, kept from the previous report (its figures table
// only, not the tables of the sections after it).
const kept = only.length === 0 || !existsSync(reportPath)
	? []
	: readFileSync(reportPath, 'utf8')
			.split(ACCURACY_HEADING)[0]
			.split('\n')
			.filter((l) => /^\| [^|-]/.test(l) && !l.startsWith('| bench |'))
			.filter((l) => !rerun.has(l.split('|')[1].trim()))
			.map((l) => (l.includes('(earlier run)') ? l : l.replace(/ \|$/, ' (earlier run) |')));
const rows = figures.map((f) => `| ${f.bench} | ${f.metric} | ${fmt(f.value)} | ${fmt(f.baseline)} | ${fmt(f.ratio)} | ${[f.unit, f.note, f.expressionEngine ? `expression engine: ${f.expressionEngine}` : ''].filter(Boolean).join('; ')} |`);
// Quote accuracy on the labelled set (issue 15): tuning and frozen hold-out side by side, from this run's
// quote figures, or the previous report's section when quote was not re-run.
const labelled = figures.filter((f) => f.bench === 'quote' && f.metric.startsWith('labelled_'));
const previousAccuracy = existsSync(reportPath) ? (readFileSync(reportPath, 'utf8').split(ACCURACY_HEADING)[1]?.split('\n## ')[0] ?? null) : null;
const accuracy: string[] = labelled.length
	? [
			ACCURACY_HEADING,
			'',
			'Rules only, `samples/quote-labelled-tuning.json` (tuned on), `samples/quote-labelled-holdout.json` (written',
			'first, frozen, never tuned on; two catalogs, `samples/catalog.json` and `samples/catalog-electrical.json`) and',
			'`samples/quote-labelled-blind.json` (90 requests over those two and a laboratory catalog, `samples/catalog-lab.json`,',
			'written without looking at the engine, only its aggregate figures ever read), and `samples/quote-labelled-fresh.json`',
			'(270 requests over all three catalogs in 10 languages, written in session 11 by six writers who read neither the',
			'engine nor any other labelled set, never run before it was frozen: the freshest estimate of text written elsewhere;',
			'the earlier fresh requests F-001..105 and G-001..135 are tuning data since then), and `samples/quote-labelled-domains.json`',
			'(120 requests written in session 12, as blind, against two catalogs of other trades exported from an ERP without',
			'keywords: `samples/catalog-fluid.json`, pneumatics and hydraulics, of which 80 other requests are tuning data, and',
			'`samples/catalog-safety.json`, safety gear, never tuned on: the estimate for a catalog nobody here has tuned for).',
			'The same figures come out of the packed node in a real n8n (`tests/n8n/quoteLabelled.test.mts` checks every quote equals the engine\'s). Target:',
			'the acceptance of issue 15 (review rate: at most; the rest: at least, or exactly 0).',
			'',
			'| figure | tuning | hold-out | blind | fresh | domains | target |',
			'|---|---|---|---|---|---|---|',
			...[...new Set(labelled.map((f) => f.metric.replace(/@.*$/, '')))].map((m) => {
				const at = (split: string) => labelled.find((f) => f.metric === `${m}@${split}`);
				return `| ${m.replace(/^labelled_/, '')} | ${fmt(at('tuning')?.value)} | ${fmt(at('holdout')?.value)} | ${fmt(at('blind')?.value)} | ${fmt(at('fresh')?.value)} | ${fmt(at('domains')?.value)} | ${fmt(at('tuning')?.baseline)} |`;
			}),
			'',
			`${labelled.find((f) => f.metric.endsWith('@tuning'))?.note ?? ''} (tuning); ${labelled.find((f) => f.metric.endsWith('@holdout'))?.note ?? ''} (hold-out); ${labelled.find((f) => f.metric.endsWith('@blind'))?.note ?? ''} (blind); ${labelled.find((f) => f.metric.endsWith('@fresh'))?.note ?? ''} (fresh); ${labelled.find((f) => f.metric.endsWith('@domains'))?.note ?? ''} (domains).`,
			'',
		]
	: previousAccuracy && !rerun.has('quote')
		? [ACCURACY_HEADING, previousAccuracy.trimEnd(), '']
		: [];
// How the catalog-scale figures are to be read (issue 15 point 7): the cache policy they measure, why it is
// a time-to-live and not an incremental refresh, and where a quoted lead's time goes.
const CATALOG_SCALE = [
	'## Quotes at catalog scale (issue 15 point 7)',
	'',
	'The `catalog-scale` rows run the shipped path (Lead Qualifier → Quote Generator, InvenTree catalog, the',
	"node's default cache, the request read as `workflows/lead-to-close.json` reads it) in a real n8n against the",
	'InvenTree contract server with 10,000 and 100,000 synthetic parts on top of the 212 sample parts.',
	'',
	'- **Catalog kept, never stale past 300 s.** The Quote Generator keeps the loaded catalog *with its built',
	'  retrieval index* in a per-process cache for `Cache Catalog For` (default 300 s,',
	'  `DEFAULT_CATALOG_TTL_SECONDS`). A lead within that time reads neither InvenTree nor rebuilds the index;',
	'  the first lead after it reloads every page before quoting. A quoted price, stock level or part is',
	'  therefore at most 300 s older than InvenTree (set 0 to read it on every execution).',
	'- **Per worker in queue mode.** The cache is per process: each worker loads the catalog on its first',
	'  lead and after each expiry and keeps its own copy (nothing is shared through Redis or the database),',
	'  so N workers make at most N catalog reads per 300 s, whatever the lead volume.',
	'- **No incremental refresh against InvenTree: it has no change timestamp for parts.** `Part` has',
	'  `creation_date` (a date) and `pricing_updated` (when the cached pricing was recalculated), no',
	'  modification time; `PartFilter` filters only `creation_date` (`created_after` / `created_before`,',
	"  labelled \"Updated after/before\" but `field_name='creation_date'`, inventree/InvenTree",
	'  src/backend/InvenTree/part/api.py @ 002cd31e), and the v534 schema lists no other date filter on',
	'  `GET /api/part/` and no modified/updated field on `Part`; stock is an annotation over stock items. A',
	'  changed price, stock level, name or a deactivated part cannot be asked for, only found by reading',
	'  every part, so the refresh is a full reload once per TTL. (ERPNext has `modified` on Item and Item',
	'  Price; its catalog is cached the same way, an incremental refresh is not implemented.)',
	"- **Where the time of a quoted lead goes.** `quote_node_*` is the Quote Generator's own time per lead;",
	'  `*_vs_expression` compares with the same workflow whose last node only evaluates the request',
	"  expression. n8n 2.41's default expression engine (`vm`) evaluates in an isolate taken from a pool and",
	'  replaced after the execution (bridge set-up, vendor libraries, tear-down); the baseline workflow',
	'  evaluates no expression. A CPU profile of the n8n process over 121 quoted leads at 10k parts (warm cache) put',
	"  27 ms per lead in the expression engine, 4.5 ms in the node's parameters, cache look-up and output,",
	'  3.5 ms in reading the request and pricing, and 2.6 ms in retrieval over the 10,212-item index (its',
	'  postings are built once per catalog load and reused until the TTL ends), CPU time on the shared',
	'  2-core machine with the profiler on. The same bench with only the 212 sample parts gave no lower a',
	'  ratio (1.97 against 1.78 at 10k in one run): the gap to the expression-free baseline is the',
	'  expression engine and the extra node, not the catalog size.',
	'',
];

const md = [
	'# Performance',
	'',
	'Generated by `npm run bench` (bench/run.mts); do not edit by hand. Every figure is measured next to a',
	'baseline in the same run on the same machine, and the ratio is value ÷ baseline. Nothing here is',
	'asserted by tests: the numbers move with the machine, the ratios much less.',
	'',
	`- Generated: ${new Date().toISOString()}`,
	`- Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}`,
	`- Node ${process.versions.node}; n8n ${n8nVersion}; n8n expression engine: ${process.env.N8N_EXPRESSION_ENGINE || 'vm (default)'}`,
	'',
	'| bench | metric | value | baseline | ratio | notes |',
	'|---|---|---|---|---|---|',
	...rows,
	...kept,
	'',
	...accuracy,
	...CATALOG_SCALE,
	...(failures.length ? ['## Failed benchmarks', '', ...failures.map((f) => `- ${f.split('\n')[0]}`), ''] : []),
].join('\n');
writeFileSync(reportPath, md);
process.stdout.write(md + '\n');
if (failures.length) {
	process.stderr.write(failures.join('\n\n') + '\n');
	process.exit(1);
}
