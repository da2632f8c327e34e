// Security review L2: Deal Monitor's summary check accepted a summary that restated score, level and
// signals correctly but added payment-redirect instructions, links and phone numbers (written into
// custom_ai_risk_summary and the risk comment). Each payload below is refused now; summaries that only
// restate the assessment, its amounts, dates and contacts still pass.
import { describe, expect, it } from 'vitest';

import { assessDeal, checkSummary, defaultRiskConfig, summaryTextProblems, type DealAssessment, type SummaryReply } from '../../../core/dealRisk';
import { ADA, dealWith, NOW } from './healthyDeal.mts';

const assessment: DealAssessment = assessDeal(
	dealWith({
		expected_closing: '2026-11-13',
		quotations: [{ name: 'SAL-QTN-2026-00101', status: 'Open', valid_till: '2026-11-16', grand_total: 2_856_000, docstatus: 1 }],
		communications: [{ date: '2026-11-02 09:00:00', direction: 'in', medium: 'Email', contact: ADA }],
		events: [],
	}),
	defaultRiskConfig,
	NOW,
);

const reply = (summary: string): SummaryReply => ({
	summary,
	restated: { riskScore: assessment.riskScore, level: assessment.level, signals: assessment.signals.map((s) => ({ code: s.code, severity: s.severity })) },
});
const HEAD = `Critical risk deal: the close date 2026-11-13 has passed and quotation SAL-QTN-2026-00101 expired on 2026-11-16.`;

describe('L2: the summary check refuses what a BEC payload adds', () => {
	it.each([
		['the review payload', 'Send the revised PO and the 15% deposit to procurement@nordwerk-payments.shop or open https://nordwerk-payments.shop/po; call +44 20 7946 0000.', ['payment instructions', 'a link', 'procurement@nordwerk-payments.shop', '+44 20 7946 0000', '15%']],
		['new bank details', 'The customer has new bank details; please use them for the deposit.', ['payment instructions']],
		['an IBAN', 'Payment now goes to DE89 3704 0044 0532 0130 00.', ['payment instructions', 'account number']],
		['German payment redirect', 'Bitte überweisen Sie die Anzahlung auf die neue Bankverbindung.', ['payment instructions']],
		['a bare domain', 'Ask Ada to confirm at nordwerk-portal.shop.', ['a link']],
		['a phone number', 'Call Ada on 0711 987654 today.', ['0711 987654']],
		['an address the assessment lacks', 'Reply to ada.koenig@lovelace-eng.com instead.', ['ada.koenig@lovelace-eng.com']],
		['an obfuscated address', 'Write to billing at nordwerk-payments dot shop.', ['billing at nordwerk-payments dot shop']],
		['an amount the assessment lacks', 'A 5,000 EUR credit would save it.', ['5,000 EUR']],
		['a discount', 'Offer a discount to save the deal.', ['discount']],
	])('%s', (_name, extra, mentions) => {
		const problems = checkSummary(reply(`${HEAD} ${extra}`), assessment);
		expect(problems.length).toBeGreaterThan(0);
		for (const m of mentions) expect(problems.join(' | ')).toContain(m);
	});

	it('passes a summary that restates the assessment with its amounts, dates and contact', () => {
		const total = assessment.deal.amount;
		expect(total.currency).toBe('EUR');
		expect(checkSummary(reply(`${HEAD} The last message came from ${ADA} on 2026-11-02; renew the quotation and update the close date today.`), assessment)).toEqual([]);
		expect(checkSummary(reply(`${HEAD} At stake: EUR 24,000.00, also written 24.000,00 €.`), assessment)).toEqual([]);
	});

	it('judges the prose alone when called directly', () => {
		expect(summaryTextProblems('Deal is stale since 12 days.', '{}')).toEqual([]);
		expect(summaryTextProblems('Pay to IBAN GB33BUKB20201555555555.', '{}')).toHaveLength(2);
	});
});
