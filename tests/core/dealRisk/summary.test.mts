// The summary decisions: the rules' own summary, the people whose names become placeholders, and the
// check that a model's reply only restates the assessment (score, level, signals, and its prose).
import { describe, expect, it } from 'vitest';

import {
	assessDeal,
	checkSummary,
	dealContactNames,
	defaultRiskConfig,
	rulesSummary,
	summaryData,
	type SummaryReply,
} from '../../../core/dealRisk';
import { pseudonyms } from '../../../core/personalData';
import { ADA, dealWith, NOW } from './healthyDeal.mts';

const snapshot = dealWith({ communications: [], events: [], todos: [] });
const silent = assessDeal(snapshot, defaultRiskConfig, NOW);
const reply = (summary: string, patch: Partial<SummaryReply['restated']> = {}): SummaryReply => ({
	summary,
	restated: {
		riskScore: silent.riskScore,
		level: silent.level,
		signals: silent.signals.map((s) => ({ code: s.code, severity: s.severity })),
		...patch,
	},
});

describe('rulesSummary', () => {
	it('states level, score, deal, amount, the top three reasons and the first next action', () => {
		const text = rulesSummary(silent);
		expect(text.startsWith(`High risk (score ${silent.riskScore}/100) on CRM-OPP-2026-00042 for Lovelace Engineering GmbH, `)).toBe(true);
		for (const s of silent.signals.slice(0, 3)) expect(text).toContain(s.evidence);
		expect(text.endsWith(` Next: ${silent.nextActions[0].action}`)).toBe(true);
	});
});

describe('dealContactNames', () => {
	it('collects contact names from Communications and Events, leaving out addresses', () => {
		const deal = dealWith({
			communications: [{ date: '2026-11-18 11:00:00', direction: 'in', medium: 'Email', contact: 'Ada König', subject: 'Re: quote' }],
			events: [{ starts_on: '2026-11-10 14:00:00', subject: 'Workshop', contacts: [ADA, 'Bob Meyer'], status: 'Completed' }],
		});
		expect(dealContactNames(deal)).toEqual(['Ada König', 'Bob Meyer']);
		expect(dealContactNames(snapshot)).toEqual([]);
	});
});

describe('summaryData', () => {
	it('leaves the owner out and scrubs personal data when asked to hide it', () => {
		expect(summaryData(silent)).toContain('anna.schulz@ltc-demo.de');
		const hidden = summaryData(silent, pseudonyms([]));
		expect(hidden).not.toContain('anna.schulz@ltc-demo.de');
		expect(hidden).toContain('"riskScore": ' + silent.riskScore);
	});
});

describe('checkSummary', () => {
	it('accepts a reply that only restates', () => {
		expect(checkSummary(reply('Nobody at Lovelace answered for weeks. Call them today.'), silent)).toEqual([]);
	});

	it('refuses a changed score, level, an added signal and a changed severity', () => {
		const problems = checkSummary(
			reply('Call them.', {
				riskScore: silent.riskScore + 1,
				level: 'critical',
				signals: [
					{ code: 'stale', severity: 'low' },
					{ code: 'quotation_expiring', severity: 'medium' },
				],
			}),
			silent,
		);
		expect(problems).toEqual([
			`it changes the risk score to ${silent.riskScore + 1} (computed: ${silent.riskScore})`,
			`it changes the level to critical (computed: ${silent.level})`,
			'it gives stale severity low (computed: high)',
			'it adds the signal quotation_expiring, which the rules did not find',
		]);
	});

	it('refuses prose naming another signal code, score or level', () => {
		const problems = checkSummary(reply('This critical-risk deal scores 90/100 and shows quotation_expiring.'), silent);
		expect(problems).toEqual([
			'its text names the signal quotation_expiring, which the rules did not find',
			`its text states a score of 90 (computed: ${silent.riskScore})`,
			`its text states the level critical (computed: ${silent.level})`,
		]);
	});
});
