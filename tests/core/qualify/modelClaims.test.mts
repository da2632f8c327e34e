// Issue 14, H2: a model claim counts only when the rules read its quote as that kind of evidence. Runs the
// labelled claims of samples/model-claims.json through acceptLlmEvidence: the 'tuning' part (the security
// review's payloads and variants in EN/DE/ES/FR/IT/PT) must all be decided as labelled; the frozen
// 'holdout' part (never tuned on) is measured and printed separately, with a bar for refusing every
// unreadable claim (a wrong accept raises a score; a wrong refusal only leaves the rules' reading).
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { acceptLlmEvidence, defaultQualifyConfig, extractBudget, readSelfStatedRoles, type LeadInput } from '../../../core/qualify';
import { fold } from '../../../core/qualify/fold';

interface ClaimCase {
	id: string;
	lang: string;
	title?: string;
	company?: string;
	country?: string;
	message: string;
	claim: {
		budget?: { amount: number; currency: string; evidence: string };
		authority?: { level: 'decision_maker' | 'influencer' | 'user'; evidence: string };
	};
	expect: 'accept' | 'refuse';
}

const set = JSON.parse(readFileSync(new URL('../../../samples/model-claims.json', import.meta.url), 'utf8')) as {
	tuning: ClaimCase[];
	holdout: ClaimCase[];
};
const NOW = new Date('2026-11-16T09:00:00Z');

/** 'accept' when the claim survives acceptLlmEvidence, with the refusal reason otherwise. */
function decide(c: ClaimCase): { decision: 'accept' | 'refuse'; why: string } {
	const lead: LeadInput = { title: c.title, company: c.company ?? 'Nordwerk Automation GmbH', country: c.country ?? 'Germany', message: c.message };
	const evidence = {
		budget: c.claim.budget ? { ...c.claim.budget, qualifier: /up to/i.test(c.claim.budget.evidence) ? 'up_to' : 'exact' } : null,
		authority: c.claim.authority ? { ...c.claim.authority, title: null } : { level: 'unknown', title: null, evidence: '' },
		need: null,
		timeline: null,
	};
	const result = acceptLlmEvidence(lead, evidence, defaultQualifyConfig, { now: NOW });
	const refusal = (result.refused ?? []).map((r) => r.detail).join('; ') || (result.ok ? '' : result.reason);
	if (!result.ok) return { decision: 'refuse', why: refusal };
	const kept = c.claim.budget ? result.evidence.budget !== null : result.evidence.authority.level === c.claim.authority?.level;
	return { decision: kept ? 'accept' : 'refuse', why: refusal };
}

describe('model claims: tuning part (the review and variants)', () => {
	it.each(set.tuning.map((c) => [c.id, c] as const))('%s', (_id, c) => {
		const { decision, why } = decide(c);
		expect({ decision, why: decision === 'refuse' ? why.length > 0 : true }).toEqual({ decision: c.expect, why: true });
	});

	it('refuses the review\'s bare numbers with the reason the README shows', () => {
		const lq = set.tuning.find((c) => c.id === 'T-B01');
		expect(lq && decide(lq).why).toBe('quote "12" is not an amount of money');
		const ceo = set.tuning.find((c) => c.id === 'T-R01');
		expect(ceo && decide(ceo).why).toBe('quote "CEO" is not a role the sender states for themself (the lead has no job title)');
	});
});

describe('model claims: frozen hold-out part', () => {
	it('decides the hold-out claims as labelled (figures printed; no unreadable claim accepted)', () => {
		const score = (cases: ClaimCase[]) => {
			const wrong = cases.filter((c) => decide(c).decision !== c.expect);
			return {
				right: cases.length - wrong.length,
				total: cases.length,
				wrongAccepts: wrong.filter((c) => c.expect === 'refuse').map((c) => c.id),
				wrongRefusals: wrong.filter((c) => c.expect === 'accept').map((c) => c.id),
			};
		};
		const tuning = score(set.tuning);
		const holdout = score(set.holdout);
		console.log(`model claims: tuning ${tuning.right}/${tuning.total}, hold-out ${holdout.right}/${holdout.total}`, { tuning, holdout });
		expect(tuning.right).toBe(tuning.total);
		// Security bar: no claim the rules cannot read raises a score, on data never tuned on.
		expect(holdout.wrongAccepts).toEqual([]);
		expect(holdout.right / holdout.total).toBeGreaterThanOrEqual(0.8);
	});
});

describe('readSelfStatedRoles', () => {
	it.each([
		['I am the CEO of a small brewery', 'decision_maker'],
		['Our CEO asked me to collect catalogues', null],
		['As the CEO said, I think we need drives', null],
		['Als Werksleiter suche ich Sensoren', 'decision_maker'],
		["I am the CEO's assistant", 'user'],
		['Thanks,\nJana Roth\nPurchasing Manager', 'influencer'],
		['Thanks,\nJana Roth\ncc: Plant Manager', null],
	])('%j → %s', (text, level) => {
		const roles = readSelfStatedRoles(fold(text));
		expect(roles[0]?.level ?? null).toBe(level);
	});
});

describe('readSelfStatedRoles: attacker variants not in the review', () => {
	it.each([
		["I'm not the CEO, just collecting prices", null],
		['I am the former managing director', null],
		['No soy el gerente general', null],
		['Je ne suis pas le directeur', null],
		['I am writing for the CEO', null],
		['Regards,\nJana Roth\nfor the Managing Director', null],
		['Regards,\nJana Roth\nOn behalf of the CEO', null],
		['Best,\nAssistant to the Managing Director', 'user'],
		['I am the CEO of our family business', 'decision_maker'],
		['Ich bin nicht der Geschäftsführer', null],
	])('%j → %s', (text, level) => {
		expect(readSelfStatedRoles(fold(text))[0]?.level ?? null).toBe(level);
	});
});

describe('budget claims: attacker variants not in the review', () => {
	// The model claims exactly what the money reader makes of the quote alone, so only the kind check can refuse it.
	const decideBudget = (message: string, evidence: string) => {
		const alone = extractBudget(evidence, 'EUR');
		const amount = alone && 'amount' in alone ? alone.amount : 25_000_000;
		return decide({ id: 'v', lang: 'en', message, claim: { budget: { amount, currency: 'EUR', evidence } }, expect: 'refuse' }).decision;
	};
	it.each([
		['We fill 250k bottles per day.', '250k'],
		['We fill 250k bottles per day.', '250k bottles'],
		['We ship 5 million units a year.', '5 million units'],
		['Our 2 Mio. Flaschen pro Jahr brauchen neue Sensoren.', '2 Mio. Flaschen'],
		['The budget question comes later; we have 12 lines.', '12 lines'],
		['Call +49 151 25000000 for the budget.', '25000000'],
		['Budget: see tender 2027-0042.', '2027-0042'],
		['We need 12 PLCs, budget tbd.', '12 PLCs, budget'],
		// Spacing changed by the model: still read in its sentence ("revenue"), so still refused.
		['Our annual revenue is 5 million EUR and growing.', '5  million EUR'],
	])('refuses %j quoting %j', (message, quote) => {
		expect(decideBudget(message, quote)).toBe('refuse');
	});

	it('refuses an amount that only the company name states', () => {
		const lead: LeadInput = { company: 'Budget 500k EUR GmbH', country: 'Germany', message: 'We need 4 sensors.' };
		const claim = { budget: { amount: 50_000_000, currency: 'EUR', qualifier: 'exact', evidence: 'Budget 500k EUR' }, authority: { level: 'unknown', title: null, evidence: '' }, need: null, timeline: null };
		const result = acceptLlmEvidence(lead, claim, defaultQualifyConfig, { now: NOW });
		expect(result.refused).toEqual([{ factor: 'budget', quote: 'Budget 500k EUR', detail: 'quote "Budget 500k EUR" is not in the lead\'s message' }]);
	});
});
