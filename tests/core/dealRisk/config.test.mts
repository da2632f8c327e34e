// riskConfigWith is the one place a risk config is made (the Deal Monitor's Risk Settings option, tests
// and benches): overrides are laid over the defaults, stages per stage and field, the maps per key, and
// what the schema refuses names the setting and the value.
import { describe, expect, it } from 'vitest';

import { defaultRiskConfig, riskConfigWith } from '../../../core/dealRisk';

describe('riskConfigWith', () => {
	it('changes one number of one stage and keeps the rest of that stage and every other stage', () => {
		const config = riskConfigWith({ stages: { 'Negotiation/Review': { staleDays: 3 } } });
		expect(config.stages['Negotiation/Review']).toEqual({
			...defaultRiskConfig.stages['Negotiation/Review'],
			staleDays: 3,
		});
		expect(config.stages.Prospecting).toEqual(defaultRiskConfig.stages.Prospecting);
	});

	it('starts a stage it does not know from the default stage', () => {
		const config = riskConfigWith({ stages: { 'Site Visit': { minContacts: 3 } } });
		expect(config.stages['Site Visit']).toEqual({ ...defaultRiskConfig.defaultStage, minContacts: 3 });
	});

	it.each([
		['levels', { medium: 5 }, { ...defaultRiskConfig.levels, medium: 5 }],
		['severityWeights', { high: 50 }, { ...defaultRiskConfig.severityWeights, high: 50 }],
		['highValueMinor', { PLN: 20_000_000 }, { ...defaultRiskConfig.highValueMinor, PLN: 20_000_000 }],
		['defaultStage', { staleDays: 9 }, { ...defaultRiskConfig.defaultStage, staleDays: 9 }],
		['levels', 'high', defaultRiskConfig.levels],
	] as const)('merges %s key by key (%j), a non-object leaves the defaults', (key, override, expected) => {
		expect(riskConfigWith({ [key]: override })[key]).toEqual(expected);
	});

	it('replaces any other setting and keeps the defaults it was not given', () => {
		const config = riskConfigWith({ closeNearDays: 21, timeZone: 'Europe/Berlin' });
		expect(config).toEqual({ ...defaultRiskConfig, closeNearDays: 21, timeZone: 'Europe/Berlin' });
	});

	it.each([
		[{ closeNearDays: -3 }, /^Risk Settings: "closeNearDays" .* \(got -3\)$/],
		[{ stages: { Qualification: { staleDays: 'two weeks' } } }, /"stages\.Qualification\.staleDays" .*\(got "two weeks"\)/],
		[{ stages: { Qualification: 7 } }, /"stages\.Qualification" .*\(got 7\)/],
		[{ levels: { critical: 'high' } }, /"levels\.critical" .*\(got "high"\)/],
	])('refuses %j naming the setting and the value', (overrides, message) => {
		expect(() => riskConfigWith(overrides)).toThrow(message);
	});
});
