// pseudonyms: what counts as personal data in text sent to Claude (e-mail addresses, phone numbers, the
// names the caller knows), what must survive untouched (dates, amounts, part numbers, quantities), and
// that every placeholder is stable within an item and restores to exactly what it replaced.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { readFileSync } from 'node:fs';

import { pseudonyms } from '../../core/personalData';

describe('pseudonyms: replaced', () => {
	it.each([
		['jana.roth@nordwerk-automation.de', 'email'],
		['Jana.Roth+quotes@sub.nordwerk.co.uk', 'email'],
		['josé.garcía@industrias-garcía.es', 'email'],
		['+49 151 2345 6789', 'phone'],
		['+49 (0)30 1234-567', 'phone'],
		['0049 30 123456', 'phone'],
		['030 1234567', 'phone'],
		['01512345678', 'phone'],
		['(030) 123 45 67', 'phone'],
		['(555) 123-4567', 'phone'],
		['555-123-4567', 'phone'],
		['+33 1 23 45 67 89', 'phone'],
		['01.23.45.67.89', 'phone'],
	])('%s is a %s', (value, kind) => {
		const p = pseudonyms();
		expect(p.scrub(`Contact: ${value}. Thanks`)).toBe(`Contact: [${kind} 1]. Thanks`);
	});

	it.each([
		['Tel: 1234567', 'Tel: [phone 1]'],
		['call me at 30 1234 567', 'call me at [phone 1]'],
		['Handy 151 23456789', 'Handy [phone 1]'],
	])('a number after a phone word is a phone number: %s', (text, expected) => {
		expect(pseudonyms().scrub(text)).toBe(expected);
	});

	it('replaces the known contact name, in any case, and its parts as written', () => {
		const p = pseudonyms(['Jana Roth']);
		expect(p.scrub('Hi, I am Jana Roth. JANA ROTH signs. Jana needs PLCs; Frau Roth decides.')).toBe(
			'Hi, I am [name 1]. [name 2] signs. [name 3] needs PLCs; Frau [name 4] decides.',
		);
	});

	it('leaves particles and short parts of a name alone', () => {
		const p = pseudonyms(['Dr. Li van der Berg']);
		expect(p.scrub('Li asked van der Waals about Berg')).toBe('Li asked van der Waals about [name 1]');
	});

	it('gives the same text the same placeholder, and different texts different ones', () => {
		const p = pseudonyms();
		const first = p.scrub('a@x.de, b@x.de, a@x.de, +49 30 1234567');
		expect(first).toBe('[email 1], [email 2], [email 1], [phone 1]');
		expect(p.scrub('again a@x.de')).toBe('again [email 1]');
		expect(p.counts()).toEqual({ email: 2, phone: 1, name: 0, iban: 0, dob: 0, address: 0 });
	});
});

describe('pseudonyms: kept', () => {
	it.each([
		'We need 12 PLCs, budget around 250k EUR, within 3 months.',
		'Budget 1.250.000 EUR, go-live 2026-03-01 or by 01.03.2026.',
		'Timeline 01.03.2026 - 15.04.2026, phase two 2026-03-01/2026-04-15.',
		'Parts: 6ES7 511-1AK02-0AB0, 1756-IB16D, 2711P-T10C4D8, order 0123456.',
		'Rittal AX 600x600x250 mm, 5 x 0,75 kW drives, 2 x 50 m cable, 24 VDC.',
		'Quantities 10 20 30 40, PO 4500012345, invoice 2026-00017.',
		'Ticket CRM-OPP-2026-00102 and SAL-QTN-2026-00088.',
	])('%s', (text) => {
		const p = pseudonyms(['Jana Roth']);
		expect(p.scrub(text)).toBe(text);
		expect(p.counts()).toEqual({ email: 0, phone: 0, name: 0, iban: 0, dob: 0, address: 0 });
	});
});

describe('pseudonyms: restore', () => {
	it('puts back exactly what was replaced, in strings nested anywhere', () => {
		const p = pseudonyms(['Jana Roth']);
		const text = 'Jana Roth (jana.roth@nordwerk.de, +49 151 2345 6789) needs 12 PLCs.';
		const sent = p.scrub(text);
		expect(sent).not.toMatch(/Jana|jana|2345/);
		expect(p.restore(sent)).toBe(text);
		expect(
			p.restoreDeep({ quotes: [{ quote: '[name 1] ([email 1]' }], n: 3, none: null, ok: true }),
		).toEqual({ quotes: [{ quote: 'Jana Roth (jana.roth@nordwerk.de' }], n: 3, none: null, ok: true });
		expect(p.restore('[Email 1] and [email 9]')).toBe('jana.roth@nordwerk.de and [email 9]');
	});

	it('restore(scrub(text)) is the text, for any text', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom('Jana', 'Roth', 'a@b.de', '+49 30 1234567', ' ', 'PLC', '12', ',', '030', '-'), { maxLength: 30 }), (parts) => {
				const text = parts.join('');
				const p = pseudonyms(['Jana Roth']);
				expect(p.restore(p.scrub(text))).toBe(text);
			}),
		);
	});
});

// Issue 14, M5: personal data written in free text (samples/pii-freetext.json). The 'tuning' part (the
// security review's payloads and variants) must all be hidden or kept as labelled; the frozen 'holdout'
// part (never tuned on) is measured and printed separately.
interface PiiCase {
	id: string;
	kind: string;
	text: string;
	hide?: string[];
	keep?: string[];
}
const piiSet = JSON.parse(readFileSync(new URL('../../samples/pii-freetext.json', import.meta.url), 'utf8')) as {
	contact: { name: string; email: string };
	tuning: PiiCase[];
	holdout: PiiCase[];
};
/** Problems of one case: hidden strings that were sent, kept strings that were not, a restore that differs. */
function piiProblems(c: PiiCase): string[] {
	const p = pseudonyms([piiSet.contact.name], { emails: [piiSet.contact.email] });
	const sent = p.scrub(c.text);
	const problems = [
		...(c.hide ?? []).filter((h) => sent.toLowerCase().includes(h.toLowerCase())).map((h) => `sent ${JSON.stringify(h)}`),
		...(c.keep ?? []).filter((k) => !sent.includes(k)).map((k) => `lost ${JSON.stringify(k)}`),
	];
	if (p.restore(sent) !== c.text) problems.push('restore differs');
	return problems;
}

describe('pseudonyms: free-text personal data (M5), tuning part', () => {
	it.each(piiSet.tuning.map((c) => [c.id, c.kind, c] as const))('%s (%s)', (_id, _kind, c) => {
		expect(piiProblems(c)).toEqual([]);
	});

	it.each([
		['Pay to DE89 3704 0044 0532 0130 00 please', 'Pay to [iban 1] please'],
		['born 12.04.1979 in Ulm', 'born [dob 1] in Ulm'],
		['Delivery to Industriestraße 12, 70565 Stuttgart.', 'Delivery to [address 1].'],
		['write to jana.roth(at)nordwerk-automation.de', 'write to [email 1]'],
		['My colleague Peter Maier joins', 'My colleague [name 1] joins'],
		// Attacker variants not in the review.
		['write to jana.roth＠nordwerk-automation.de', 'write to [email 1]'],
		['write to jana.roth at nordwerk-automation.de', 'write to [email 1]'],
		['write to jana_roth (at) nordwerk-automation (dot) de', 'write to [email 1]'],
		['born on 12 April 1979', 'born on [dob 1]'],
		['IBAN de89370400440532013000', 'IBAN [iban 1]'],
		['Lager: Industriestr.12a, D-70565 Stuttgart', 'Lager: [address 1]'],
		['Hallo Herr Dr. Maier,', 'Hallo Herr Dr. [name 1],'],
	])('uses the placeholders of its kind: %s', (text, expected) => {
		const p = pseudonyms([], { emails: [piiSet.contact.email] });
		expect(p.scrub(text)).toBe(expected);
		expect(p.restore(expected)).toBe(text);
	});

	it.each([
		['an order number that fails the checksum', 'Order DE12345678901234567890'],
		['an RF creditor reference (mod 97, but no IBAN country)', 'Ref RF18 5390 0754 7034'],
		['a delivery date', 'Delivery by 12.04.2027, not before 1979-04-12 sensors arrive'],
		['a plant number', 'Im Werk 2 we run 3 lines'],
		['a product line', 'We need 3 Allen Bradley Drive units and 12 PLCs'],
		['a town alone', 'We are based near 70565 Stuttgart'],
		['a web address after "at"', 'Details at siemens.com, look at ifm.com too'],
	])('keeps %s', (_name, text) => {
		expect(pseudonyms([], { emails: [piiSet.contact.email] }).scrub(text)).toBe(text);
	});
});

describe('pseudonyms: free-text personal data (M5), frozen hold-out part', () => {
	it('measures the hold-out part (figures printed) and keeps every look-alike', () => {
		const measure = (cases: PiiCase[]) => {
			const failed = cases.map((c) => ({ id: c.id, problems: piiProblems(c) })).filter((r) => r.problems.length > 0);
			return { right: cases.length - failed.length, total: cases.length, failed };
		};
		const tuning = measure(piiSet.tuning);
		const holdout = measure(piiSet.holdout);
		console.log(`free-text PII: tuning ${tuning.right}/${tuning.total}, hold-out ${holdout.right}/${holdout.total}`, JSON.stringify(holdout.failed));
		expect(tuning.right).toBe(tuning.total);
		// Over-masking would change what the model reads: every hold-out look-alike must reach it unchanged.
		expect(holdout.failed.filter((f) => f.problems.some((p) => p.startsWith('lost')))).toEqual([]);
		expect(holdout.right / holdout.total).toBeGreaterThanOrEqual(0.7);
	});
});
