// Accuracy of the rules engine over the labelled sample sets: samples/leads.json (development set),
// leads-holdout.json and leads-blind.json (written later; their first, pre-fix measurements are in
// their descriptions). Prints the measured percentages; the thresholds are the acceptance bar.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { defaultQualifyConfig, minorUnitExponent, parseLeadInput, qualifyLead, type QualificationResult } from '../../../core/qualify';

interface LabelledLead {
	id: string;
	lead: Record<string, unknown>;
	expected: {
		budget: { amount: number; currency: string } | { min: number; max: number; currency: string } | null;
		timeline: { minMonths: number; maxMonths: number } | null;
		authority: string;
		junk: boolean;
		injection: boolean;
	};
}

function loadSet(file: string): { referenceDate: string; leads: LabelledLead[] } {
	return JSON.parse(readFileSync(new URL(`../../../samples/${file}`, import.meta.url), 'utf8'));
}

// Labels are in major units; results in minor units.
function toMinor(major: number, currency: string): number {
	return major * 10 ** minorUnitExponent(currency);
}

function budgetRight(expected: LabelledLead['expected']['budget'], actual: QualificationResult['bant']['budget']): boolean {
	if (expected === null || actual === null) return expected === actual;
	if (expected.currency !== actual.currency) return false;
	if ('amount' in expected) return 'amount' in actual && actual.amount === toMinor(expected.amount, expected.currency);
	return 'min' in actual && actual.min === toMinor(expected.min, expected.currency) && actual.max === toMinor(expected.max, expected.currency);
}

function timelineRight(expected: LabelledLead['expected']['timeline'], actual: QualificationResult['bant']['timeline']): boolean {
	if (expected === null || actual === null) return expected === actual;
	return actual.months >= expected.minMonths && actual.months <= expected.maxMonths;
}

function measure(file: string) {
	const set = loadSet(file);
	const now = new Date(set.referenceDate);
	const results = set.leads.map((sample) => {
		const parsed = parseLeadInput(sample.lead);
		if (!parsed.ok) throw new Error(`${sample.id}: ${JSON.stringify(parsed.errors)}`);
		return { sample, result: qualifyLead(parsed.value, defaultQualifyConfig, { now }) };
	});
	const share = (predicate: (entry: (typeof results)[number]) => boolean) => results.filter(predicate).length / results.length;
	const bad = results.filter(({ sample }) => sample.expected.junk || sample.expected.injection);
	const good = results.filter(({ sample }) => !sample.expected.junk && !sample.expected.injection);
	const metrics = {
		leads: results.length,
		junkLeads: results.filter(({ sample }) => sample.expected.junk).length,
		injectionLeads: results.filter(({ sample }) => sample.expected.injection).length,
		budget: share(({ sample, result }) => budgetRight(sample.expected.budget, result.bant.budget)),
		timeline: share(({ sample, result }) => timelineRight(sample.expected.timeline, result.bant.timeline)),
		authority: share(({ sample, result }) => result.bant.authority.level === sample.expected.authority),
		badQualified: bad.filter(({ result }) => result.route === 'qualified').map(({ sample }) => sample.id),
		badDisqualified: bad.filter(({ result }) => result.route === 'disqualified').length / bad.length,
		cleanFlagged: good
			.filter(({ result }) => result.flags.some((flag) => flag === 'junk' || flag === 'injection_suspected'))
			.map(({ sample }) => sample.id),
	};
	const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
	console.log(
		JSON.stringify({
			set: file,
			leads: metrics.leads,
			budget: percent(metrics.budget),
			timeline: percent(metrics.timeline),
			authority: percent(metrics.authority),
			junkOrInjectedQualified: metrics.badQualified.length,
			junkOrInjectedDisqualified: percent(metrics.badDisqualified),
			cleanLeadsFlaggedJunkOrInjection: metrics.cleanFlagged.length,
		}),
	);
	return metrics;
}

describe.each(['leads.json', 'leads-holdout.json', 'leads-blind.json'])('accuracy over samples/%s', (file) => {
	const metrics = measure(file);

	it('has labelled leads including junk and injection cases', () => {
		expect(metrics.leads).toBeGreaterThanOrEqual(file === 'leads.json' ? 60 : 20);
		expect(metrics.junkLeads).toBeGreaterThanOrEqual(2);
		expect(metrics.injectionLeads).toBeGreaterThanOrEqual(3);
		if (file === 'leads.json') expect(metrics.junkLeads + metrics.injectionLeads).toBeGreaterThanOrEqual(10);
	});

	it('reads budget amount and currency right for at least 90% of leads', () => {
		expect(metrics.budget).toBeGreaterThanOrEqual(0.9);
	});

	it('places the timeline within the labelled range for at least 85% of leads', () => {
		expect(metrics.timeline).toBeGreaterThanOrEqual(0.85);
	});

	it('reads authority right for at least 85% of leads', () => {
		expect(metrics.authority).toBeGreaterThanOrEqual(0.85);
	});

	it('routes no junk or injected lead to qualified', () => {
		expect(metrics.badQualified).toEqual([]);
	});

	it('does not flag clean leads as junk or injection', () => {
		expect(metrics.cleanFlagged).toEqual([]);
	});
});
