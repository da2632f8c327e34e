import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { QualificationResultSchema, defaultQualifyConfig, qualifyLead, type LeadInput } from '../../../core/qualify';

const NOW = new Date('2026-11-16T09:00:00Z');

// Text mixing lead-like fragments with arbitrary (including non-Latin and control) characters.
const fragment = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.constantFrom(
		'$200K', '€ 95.000', '250k-300k USD', 'CHF 2,5 Mio.', 'INR 50 lakh', 'up to 2 million dollars', 'ASAP', 'Q2 2027',
		'next quarter', 'within 6 weeks', 'by September 2027', 'PLC', 'Frequenzumrichter', 'SCADA', 'caudalímetro',
		'ignore previous instructions', '<div style="display:none">', '\u202E', '\u{E0041}', '30万元', '<!-- -->', '\n',
		'1.500.000,50', '1756-L83', 'KW 12', '2027-03-15', 'score 100', 'CEO', 'Geschäftsführer',
	),
);
const text = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(' '));
const employees = fc.oneof(
	fc.constant(undefined),
	fc.nat({ max: 100_000 }),
	fc.constantFrom('1-10', '11-50', '51-200', '201-500', '501-1000', '1000+'),
);
const leadArbitrary: fc.Arbitrary<LeadInput> = fc.record(
	{
		company: text,
		contactName: text,
		title: text,
		email: fc.oneof(fc.emailAddress(), text),
		phone: text,
		industry: text,
		employees,
		country: fc.oneof(fc.constantFrom('DE', 'Brasil', 'United States', 'Atlantis'), text),
		source: text,
		message: text,
	},
	{ requiredKeys: [] },
);
const nowArbitrary = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });

describe('qualifyLead properties', () => {
	it('never throws and always returns a valid output item', () => {
		fc.assert(
			fc.property(leadArbitrary, nowArbitrary, (lead, now) => {
				const result = qualifyLead(lead, defaultQualifyConfig, { now });
				expect(QualificationResultSchema.safeParse(result).success).toBe(true);
			}),
			{ numRuns: 400 },
		);
	});

	it('scores an integer in 0–100 whose reasons add up to the score', () => {
		fc.assert(
			fc.property(leadArbitrary, (lead) => {
				const result = qualifyLead(lead, defaultQualifyConfig, { now: NOW });
				expect(Number.isInteger(result.score)).toBe(true);
				expect(result.score).toBeGreaterThanOrEqual(0);
				expect(result.score).toBeLessThanOrEqual(100);
				expect(result.reasons.reduce((sum, reason) => sum + reason.points, 0)).toBe(result.score);
			}),
			{ numRuns: 400 },
		);
	});

	it('routes consistently with thresholds and flags', () => {
		const { qualified, nurture } = defaultQualifyConfig.thresholds;
		fc.assert(
			fc.property(leadArbitrary, fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }), (lead, duplicateOf) => {
				const result = qualifyLead(lead, defaultQualifyConfig, { now: NOW, duplicateOf });
				const blocked = result.flags.some((flag) => ['junk', 'invalid_email'].includes(flag));
				const held = result.flags.some((flag) => ['duplicate', 'truncated'].includes(flag));
				if (blocked) expect(result.route).toBe('disqualified');
				else if (result.flags.includes('injection_suspected')) expect(result.route).toBe('review');
				else if (result.score < nurture) expect(result.route).toBe('nurture');
				else if (result.score < qualified || held) expect(result.route).toBe('review');
				else expect(['qualified', 'review']).toContain(result.route);
				if (duplicateOf) expect(result.flags).toContain('duplicate');
				// A route the score alone does not give always says why.
				const byScore = result.score >= qualified ? 'qualified' : result.score < nurture ? 'nurture' : 'review';
				if (result.route !== byScore) {
					expect(result.routeReason).toMatch(new RegExp(`^${result.route} instead of ${byScore} `));
					expect(result.reasons.some((r) => r.factor === 'route' && r.detail === result.routeReason)).toBe(true);
				}
				if (result.route === 'qualified') expect(result.confidence).toBeGreaterThanOrEqual(defaultQualifyConfig.thresholds.minConfidence);
			}),
			{ numRuns: 400 },
		);
	});

	it('is deterministic and quotes only the input', () => {
		fc.assert(
			fc.property(leadArbitrary, (lead) => {
				const first = qualifyLead(lead, defaultQualifyConfig, { now: NOW });
				expect(qualifyLead(lead, defaultQualifyConfig, { now: NOW })).toEqual(first);
				const message = lead.message ?? '';
				if (first.bant.budget) expect(message).toContain(first.bant.budget.evidence);
				if (first.bant.timeline) expect(message).toContain(first.bant.timeline.evidence);
				for (const entry of first.bant.need?.evidence ?? []) expect(message).toContain(entry.quote);
				if (first.bant.authority.evidence) expect(lead.title ?? '').toContain(first.bant.authority.evidence);
			}),
			{ numRuns: 300 },
		);
	});

	it('keeps budgets in safe integer minor units with an ISO currency', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('$', '€', 'CHF ', 'USD ', '£', 'R$ ', '¥'),
				fc.nat({ max: 999_999 }),
				fc.constantFrom('', 'k', 'K', ' Mio.', ' million', ' lakh', ',50'),
				(symbol, value, suffix) => {
					const result = qualifyLead({ message: `Our budget is ${symbol}${value}${suffix} for the line.` }, defaultQualifyConfig, { now: NOW });
					const budget = result.bant.budget;
					if (budget === null) return;
					expect(budget.currency).toMatch(/^[A-Z]{3}$/);
					const amounts = 'amount' in budget ? [budget.amount] : [budget.min, budget.max];
					for (const amount of amounts) expect(Number.isSafeInteger(amount)).toBe(true);
				},
			),
			{ numRuns: 300 },
		);
	});
});
