// Deal-risk throughput: assessDeal over 5,000 open deals built deterministically from the
// hand-written samples (each copy gets its own name, its dates shifted by -5…+5 days and its amount
// scaled by 100-140 %, so the copies raise different signals). The baseline is structuredClone of the
// same deals in the same run: the cost of merely touching every field once. A second figure includes
// zod validation of the raw JSON (what a node pays per item). Prints one JSON line per figure.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import {
	assessDeal,
	parseDealSnapshot,
	riskConfigWith,
	type DealSnapshot,
	type DealSnapshotInput,
} from '../core/dealRisk/index.ts';

const TARGET = 5_000;
const ROUNDS = 25;
const WARMUP = 3;

const samples = JSON.parse(readFileSync(new URL('../samples/deals.json', import.meta.url), 'utf8')) as {
	asOf: string;
	timeZone: string;
	deals: Array<DealSnapshotInput & { label?: unknown }>;
};
const config = riskConfigWith({ timeZone: samples.timeZone });
const now = new Date(samples.asOf);
const open = samples.deals.filter((d) => config.openStatuses.includes(d.status as never));

const DAY = 86_400_000;
function shiftDates(json: string, days: number): string {
	return json.replace(/\b(\d{4}-\d{2}-\d{2})(?=[ T"])/g, (date: string) =>
		new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10),
	);
}

const raw: unknown[] = [];
for (let i = 0; i < TARGET; i++) {
	const source = open[i % open.length];
	const { label: _label, ...deal } = source;
	const copy = JSON.parse(shiftDates(JSON.stringify(deal), (i % 11) - 5)) as DealSnapshotInput & { name: string };
	copy.name = `${copy.name}-${String(i).padStart(4, '0')}`;
	copy.opportunity_amount = Math.floor(((copy.opportunity_amount ?? 0) * (100 + (i % 5) * 10)) / 100);
	raw.push(copy);
}
const deals: DealSnapshot[] = raw.map((r) => parseDealSnapshot(r));

type Run = () => number;

// Rounds interleave the contenders, so a busy machine slows all of them alike; each figure is the
// median of its per-round rates.
function measure(runs: Record<string, Run>): { rates: Record<string, number>; check: number } {
	const samples: Record<string, number[]> = {};
	let check = 0;
	for (let r = 0; r < WARMUP + ROUNDS; r++) {
		for (const [name, run] of Object.entries(runs)) {
			const start = performance.now();
			check += run();
			const seconds = (performance.now() - start) / 1000;
			if (r >= WARMUP) (samples[name] ??= []).push(TARGET / seconds);
		}
	}
	const rates: Record<string, number> = {};
	for (const [name, list] of Object.entries(samples)) {
		list.sort((a, b) => a - b);
		rates[name] = list[Math.floor(list.length / 2)];
	}
	return { rates, check };
}

const { rates, check } = measure({
	baseline: () => {
		let n = 0;
		for (const d of deals) n += structuredClone(d).communications.length;
		return n;
	},
	assess: () => {
		let n = 0;
		for (const d of deals) n += assessDeal(d, config, now).riskScore;
		return n;
	},
	parseAndAssess: () => {
		let n = 0;
		for (const r of raw) n += assessDeal(parseDealSnapshot(r), config, now).riskScore;
		return n;
	},
});

const levels: Record<string, number> = {};
let signals = 0;
for (const d of deals) {
	const a = assessDeal(d, config, now);
	levels[a.level] = (levels[a.level] ?? 0) + 1;
	signals += a.signals.length;
}

const line = (metric: string, value: number, base: number) =>
	console.log(
		JSON.stringify({
			bench: 'dealRisk',
			metric,
			value: Math.round(value),
			baseline: Math.round(base),
			ratio: Number((value / base).toFixed(3)),
		}),
	);
line('assess_deals_per_s', rates.assess, rates.baseline);
line('parse_and_assess_deals_per_s', rates.parseAndAssess, rates.baseline);
// What was measured goes to stderr, so stdout holds only figures.
console.error(
	JSON.stringify({
		bench: 'dealRisk',
		workload: 'deals',
		deals: deals.length,
		distinctSources: open.length,
		signalsPerDeal: Number((signals / deals.length).toFixed(2)),
		levels,
		checksum: check,
	}),
);
