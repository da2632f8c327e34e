// Lead-qualification throughput, in process, one core: qualifyLead (rules path) over the labelled
// sample set replicated to 10,000 leads (each copy gets its own company suffix and reference number,
// so no two inputs are identical). The baseline, measured in the same run, is JSON.parse plus
// structuredClone of the same items: the cost of merely reading every lead once. A second figure adds
// zod validation (parseLeadInput), which is what the node pays per item; a third times one lead with
// a 1 MB message against the same baseline for that lead. Rates are per second of this process's CPU
// time (process.cpuUsage), i.e. per core, so other work on a shared machine does not distort them;
// the wall-clock rate is printed alongside. Prints one JSON line per figure.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { defaultQualifyConfig, parseLeadInput, qualifyLead, type LeadInput } from '../core/qualify/index.ts';

const TARGET = 10_000;
const ROUNDS = 15;
const WARMUP = 3;

const samples = JSON.parse(readFileSync(new URL('../samples/leads.json', import.meta.url), 'utf8')) as {
	referenceDate: string;
	leads: Array<{ id: string; lead: Record<string, unknown> }>;
};
const now = new Date(samples.referenceDate);
const config = defaultQualifyConfig;

const rawItems: Array<Record<string, unknown>> = [];
for (let i = 0; i < TARGET; i++) {
	const source = samples.leads[i % samples.leads.length].lead;
	const message = typeof source.message === 'string' ? source.message : '';
	rawItems.push({
		...source,
		company: `${String(source.company ?? '')} ${i % 97}`.trim(),
		message: `${message}\nRef. WEB-${String(100_000 + i)}`,
	});
}
const jsonItems = rawItems.map((item) => JSON.stringify(item));
const leads: LeadInput[] = rawItems.map((item) => {
	const parsed = parseLeadInput(item);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.value;
});

type Run = () => number;

interface Rates {
	cpu: Record<string, number>;
	wall: Record<string, number>;
}

/**
 * Median rate (items per CPU-second and per wall-second) of each contender; rounds interleave them
 * so that load on the machine affects all alike.
 */
function measure(count: number, runs: Record<string, Run>): Rates {
	const cpu: Record<string, number[]> = {};
	const wall: Record<string, number[]> = {};
	let sink = 0;
	for (let round = 0; round < WARMUP + ROUNDS; round++) {
		for (const [name, run] of Object.entries(runs)) {
			const cpuStart = process.cpuUsage();
			const wallStart = performance.now();
			sink += run();
			const wallSeconds = (performance.now() - wallStart) / 1000;
			const used = process.cpuUsage(cpuStart);
			const cpuSeconds = (used.user + used.system) / 1e6;
			if (round >= WARMUP) {
				(cpu[name] ??= []).push(count / cpuSeconds);
				(wall[name] ??= []).push(count / wallSeconds);
			}
		}
	}
	if (sink === Number.MIN_VALUE) console.log('unreachable', sink); // keeps the work observable
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const medians = (table: Record<string, number[]>) =>
		Object.fromEntries(Object.entries(table).map(([name, values]) => [name, median(values)]));
	return { cpu: medians(cpu), wall: medians(wall) };
}

function emit(metric: string, rates: Rates, contender: string): void {
	const round = (x: number) => Math.round(x * 100) / 100;
	const value = rates.cpu[contender];
	const baseline = rates.cpu.baseline;
	console.log(
		JSON.stringify({
			bench: 'qualify',
			metric,
			value: round(value),
			baseline: round(baseline),
			ratio: round(value / baseline),
			unit: 'leads per CPU-second',
			wallValue: round(rates.wall[contender]),
			wallBaseline: round(rates.wall.baseline),
		}),
	);
}

const rates = measure(TARGET, {
	baseline: () => {
		let n = 0;
		for (const json of jsonItems) n += Object.keys(structuredClone(JSON.parse(json) as object)).length;
		return n;
	},
	rules: () => {
		let n = 0;
		for (const lead of leads) n += qualifyLead(lead, config, { now }).score;
		return n;
	},
	validatedRules: () => {
		let n = 0;
		for (const json of jsonItems) {
			const parsed = parseLeadInput(JSON.parse(json));
			if (parsed.ok) n += qualifyLead(parsed.value, config, { now }).score;
		}
		return n;
	},
});
emit('leads_per_s_rules', rates, 'rules');
emit('leads_per_s_parse_and_rules', rates, 'validatedRules');

// One lead carrying a 1 MB message: bounded by the scan cap, reported as leads per second.
const huge: Record<string, unknown> = {
	...samples.leads[0].lead,
	message: `${String(samples.leads[0].lead.message)} ${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(18_500)}`,
};
const hugeJson = JSON.stringify(huge);
const hugeParsed = parseLeadInput(huge);
if (!hugeParsed.ok) throw new Error(JSON.stringify(hugeParsed.errors));
const hugeLead = hugeParsed.value;
const HUGE_COUNT = 20;
const hugeRates = measure(HUGE_COUNT, {
	baseline: () => {
		let n = 0;
		for (let i = 0; i < HUGE_COUNT; i++) n += Object.keys(structuredClone(JSON.parse(hugeJson) as object)).length;
		return n;
	},
	rules: () => {
		let n = 0;
		for (let i = 0; i < HUGE_COUNT; i++) n += qualifyLead(hugeLead, config, { now }).score;
		return n;
	},
});
emit('leads_per_s_1mb_message', hugeRates, 'rules');
