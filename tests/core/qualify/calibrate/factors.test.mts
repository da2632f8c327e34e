// The calibration learns over factor levels read from a qualification result; re-scoring those levels
// must give the Lead Qualifier's own score, for the default weights and for any other weights.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { defaultQualifyConfig, parseLeadInput, parseQualifyConfig, qualifyLead } from '../../../../core/qualify';
import { factorsOfResult, scoreOfFactors } from '../../../../core/qualify/calibrate';

const set = JSON.parse(readFileSync(new URL('../../../../samples/leads.json', import.meta.url), 'utf8')) as {
	referenceDate: string;
	leads: Array<{ id: string; lead: Record<string, unknown> }>;
};

const other = parseQualifyConfig({
	weights: {
		budget: 7,
		authority: { decision_maker: 3, influencer: 9, user: 1 },
		need: { one: 11, several: 13 },
		timeline: { within3Months: 30, within6Months: 2, within12Months: 17, later: 5 },
		industry: 21,
		size: 0,
		country: 4,
		freeEmailPenalty: 33,
	},
	icp: { minBudget: { amount: 5_000_000, currency: 'EUR' } },
});

describe('factorsOfResult + scoreOfFactors = the Lead Qualifier score', () => {
	it.each([
		['default weights', defaultQualifyConfig],
		['other weights and a minimum budget', other.ok ? other.value : defaultQualifyConfig],
	])('%s, every sample lead', (_, config) => {
		const now = new Date(set.referenceDate);
		let checked = 0;
		for (const { id, lead } of set.leads) {
			const parsed = parseLeadInput(lead);
			if (!parsed.ok) continue;
			const result = qualifyLead(parsed.value, config, { now });
			expect(scoreOfFactors(factorsOfResult(result, config), config.weights), id).toBe(result.score);
			checked++;
		}
		expect(checked).toBeGreaterThan(50);
	});
});
