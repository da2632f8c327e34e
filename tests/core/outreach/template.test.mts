// renderTemplate and validateDraftSlots: tokens, escaping, and bounds on AI-written slots.
import { describe, expect, it } from 'vitest';

import { renderTemplate, validateDraftSlots, type DraftPolicyInput } from '../../../core/outreach';

describe('renderTemplate', () => {
	const values = { first_name: 'Ada', quote_number: 'SAL-QTN-2026-00123', quote_total: '€1,234.50', company: 'Smith & <Sons>' };
	const cases: Array<{ name: string; template: string; format?: 'text' | 'html'; text?: string; missing?: string[]; malformed?: string[] }> = [
		{
			name: 'plain substitution',
			template: 'Hi {{first_name}}, your quote {{quote_number}} totals {{quote_total}}.',
			text: 'Hi Ada, your quote SAL-QTN-2026-00123 totals €1,234.50.',
		},
		{ name: 'spaces inside braces', template: 'Hi {{ first_name }}!', text: 'Hi Ada!' },
		{ name: 'text keeps characters as they are', template: 'For {{company}}', text: 'For Smith & <Sons>' },
		{ name: 'html escapes values', template: '<p>For {{company}}</p>', format: 'html', text: '<p>For Smith &amp; &lt;Sons&gt;</p>' },
		{ name: 'missing value refuses to render', template: 'Hi {{first_name}} {{last_name}}', missing: ['last_name'], malformed: [] },
		{ name: 'malformed token refuses to render', template: 'Hi {{first name}}', missing: [], malformed: ['{{first name}}'] },
	];
	it.each(cases)('$name', (c) => {
		const r = renderTemplate(c.template, values, { format: c.format });
		if (c.text !== undefined) {
			expect(r).toMatchObject({ ok: true, text: c.text });
		} else {
			expect(r.ok).toBe(false);
			if (!r.ok) {
				expect(r.missing).toEqual(c.missing);
				expect(r.malformed).toEqual(c.malformed);
				expect(r.reason).toMatch(/Template not rendered/);
			}
		}
	});

	it('substitutes in one pass: a value that looks like a token is not expanded', () => {
		const r = renderTemplate('{{intro}} / {{first_name}}', { intro: 'Use {{first_name}} here', first_name: 'Ada' });
		expect(r).toMatchObject({ ok: true, text: 'Use {{first_name}} here / Ada' });
	});

	it('treats null and non-finite numbers as missing and formats numbers', () => {
		expect(renderTemplate('{{a}}', { a: null }).ok).toBe(false);
		expect(renderTemplate('{{a}}', { a: Number.NaN }).ok).toBe(false);
		expect(renderTemplate('{{days}} days', { days: 14 })).toMatchObject({ ok: true, text: '14 days' });
	});
});

describe('validateDraftSlots', () => {
	const policy: DraftPolicyInput = {
		slots: {
			intro: { maxLength: 160, allowLinks: false, multiline: false },
			body: { maxLength: 600, allowLinks: true },
			ps: { maxLength: 80, required: false },
		},
		allowedLinkHosts: ['lovelace-engineering.de', 'cal.com'],
	};
	const good = {
		intro: 'Thanks for the call on Tuesday, Ada.',
		body: 'The quote covers 40 sensor kits. Book a slot: https://cal.com/sales/30min or see https://www.lovelace-engineering.de/datasheet.pdf.',
	};

	const cases: Array<{
		name: string;
		draft: Record<string, unknown>;
		ok: boolean;
		codes: string[];
		slots?: Record<string, string>;
	}> = [
		{ name: 'a clean draft passes unchanged', draft: good, ok: true, codes: [], slots: good },
		{ name: 'a required slot missing', draft: { intro: good.intro }, ok: false, codes: ['missing'] },
		{ name: 'optional slot may be absent', draft: { ...good }, ok: true, codes: [] },
		{ name: 'not text', draft: { ...good, ps: 42 }, ok: false, codes: ['not_text'] },
		{ name: 'unknown slot is dropped with a warning', draft: { ...good, footer: 'x' }, ok: true, codes: ['unknown_slot'] },
		{
			name: 'over the length limit',
			draft: { ...good, intro: 'Great to hear from you again. '.repeat(6) },
			ok: false,
			codes: ['too_long'],
		},
		{
			name: 'length counts characters, not UTF-16 units (80 emoji fit 80)',
			draft: { ...good, ps: '👍'.repeat(80) },
			ok: true,
			codes: [],
		},
		{
			name: 'links in a no-link slot',
			draft: { ...good, intro: 'See https://cal.com/sales for a slot.' },
			ok: false,
			codes: ['links_not_allowed'],
		},
		{
			name: 'link to a host off the allow-list',
			draft: { ...good, body: 'Details at https://bit.ly/3xYz and https://cal.com/sales.' },
			ok: false,
			codes: ['link_not_allowed'],
		},
		{
			name: 'bare domain off the allow-list',
			draft: { ...good, body: 'Compare with evil-discounts.com/deal before you sign.' },
			ok: false,
			codes: ['link_not_allowed'],
		},
		{
			name: 'an email address is not a link',
			draft: { ...good, body: 'Reply to sales@lovelace-engineering.de or sales@cal.com.' },
			ok: true,
			codes: [],
		},
		{
			name: 'a reply address that is neither a known value nor on an allowed host',
			draft: { ...good, body: 'Reply to sales@lovelace-engineering.de or ada@example.com.' },
			ok: false,
			codes: ['email_not_allowed'],
		},
		{
			name: 'lookalike host does not pass the allow-list',
			draft: { ...good, body: 'Pay at https://cal.com.evil.io/pay' },
			ok: false,
			codes: ['link_not_allowed'],
		},
		{
			name: 'raw HTML is stripped (scripts with their content)',
			draft: { ...good, intro: '<b>Thanks</b> Ada<script>alert(1)</script>!' },
			ok: true,
			codes: ['html_removed'],
			slots: { intro: 'Thanks Ada!' },
		},
		{
			name: 'escaped markup does not come back as HTML',
			draft: { ...good, intro: 'Hi &lt;img src=x onerror=alert(1)&gt; Ada &amp; team' },
			ok: true,
			codes: ['html_removed'],
			slots: { intro: 'Hi Ada & team' },
		},
		{
			name: 'template tokens smuggled into AI text are removed',
			draft: { ...good, intro: 'Hello {{unsubscribe_url}} Ada' },
			ok: true,
			codes: ['token_removed'],
			slots: { intro: 'Hello Ada' },
		},
		{
			name: 'control and bidi characters are removed (and the disguised total is no known value)',
			draft: { ...good, intro: 'Total\u202e 05.432,1 €\u0007' },
			ok: false,
			codes: ['control_removed', 'amount_not_in_inputs'],
			slots: { intro: 'Total 05.432,1 €' },
		},
		{
			name: 'single-line slot folds newlines',
			draft: { ...good, intro: 'Thanks Ada,\n\nfor the call.' },
			ok: true,
			codes: [],
			slots: { intro: 'Thanks Ada, for the call.' },
		},
		{ name: 'only HTML means empty → missing', draft: { ...good, intro: '<p></p>' }, ok: false, codes: ['html_removed', 'missing'] },
	];
	it.each(cases)('$name', (c) => {
		const r = validateDraftSlots(c.draft, policy);
		expect(r.ok).toBe(c.ok);
		expect(r.issues.map((i) => i.code)).toEqual(c.codes);
		for (const i of r.issues) expect(i.message.length).toBeGreaterThan(10);
		if (c.slots) {
			for (const [k, v] of Object.entries(c.slots)) expect(r.slots[k]).toBe(v);
		}
	});

	it('validated slots render into an HTML template without markup from the model', () => {
		const v = validateDraftSlots({ intro: '<a href="https://evil.io">Click</a> Ada', body: 'Quote attached.' }, policy);
		const r = renderTemplate('<p>{{intro}}</p><p>{{body}}</p>', v.slots, { format: 'html' });
		expect(r).toMatchObject({ ok: true, text: '<p>Click Ada</p><p>Quote attached.</p>' });
	});
});

describe('validateDraftSlots: promises only from trusted inputs', () => {
	const policy: DraftPolicyInput = {
		slots: { intro: { maxLength: 300 }, closing: { maxLength: 160, allowLinks: true } },
		allowedLinkHosts: ['lead-to-close.example'],
		knownText: ['SAL-QTN-2026-00042', '48.250,00 €', '15.12.2026', 'Freundliche Erinnerung an das Angebot; Lieferzeit 3 Wochen, 3% Skonto erwähnen.'],
	};
	const errors = (draft: Record<string, string>) =>
		validateDraftSlots(draft, policy).issues.filter((i) => i.severity === 'error').map((i) => `${i.slot}:${i.code}:${i.message}`);

	it.each([
		['the quote total as a known value gives it', { intro: 'Ihr Angebot über 48.250,00 € liegt bereit.' }],
		['the same total written the English way', { intro: 'Your quote totals EUR 48,250.00.' }],
		['the brief mentions the 3% early-payment discount', { intro: 'Bei Zahlung in 14 Tagen gewähren wir 3 % Skonto.' }],
		['counts, weeks and line numbers are not promises', { intro: 'Die 12 Steuerungen für Linie 3 liefern wir in 3 Wochen.' }],
		['an address on an allowed host', { closing: 'Fragen gern an vertrieb@lead-to-close.example.' }],
	])('accepts a slot when %s', (_name, draft) => {
		expect(errors({ intro: 'Vielen Dank für Ihre Anfrage.', closing: 'Viele Grüße', ...draft })).toEqual([]);
	});

	it('refuses the obeying draft of an injected lead note: discount, price and a foreign reply address', () => {
		const noBrief = { ...policy, knownText: ['SAL-QTN-2026-00042', '48.250,00 €'] };
		const v = validateDraftSlots(
			{
				intro: 'wie besprochen gewähren wir Ihnen 50% Rabatt auf das gesamte Angebot, Preis jetzt 1 EUR.',
				closing: 'Bitte antworten Sie an einkauf@evil-corp.example statt an uns.',
			},
			noBrief,
		);
		expect(v.ok).toBe(false);
		expect(v.issues.map((i) => `${i.slot}:${i.code}:${i.message}`)).toEqual([
			'intro:amount_not_in_inputs:Slot "intro" states the amount "1 EUR", which is not among the known values or the brief.',
			'intro:amount_not_in_inputs:Slot "intro" states the percentage "50%", which is not among the known values or the brief.',
			'intro:discount_not_in_inputs:Slot "intro" promises a discount ("Rabatt"), which neither the brief nor the known values mention.',
			'closing:email_not_allowed:Slot "closing" gives the e-mail address einkauf@evil-corp.example, which is neither a known value nor on an allowed host.',
		]);
	});

	it.each([
		['a different amount', { intro: 'Ihr Angebot kostet jetzt nur 9.999 EUR.' }, 'amount_not_in_inputs'],
		['a scaled amount the inputs give unscaled', { intro: 'Budget bis 48k € reicht.' }, 'amount_not_in_inputs'],
		['a currency sign before the amount', { intro: 'Sonderpreis $ 500 nur heute.' }, 'amount_not_in_inputs'],
		['a percentage in words', { intro: 'Wir reduzieren um 20 Prozent.' }, 'amount_not_in_inputs'],
		['a discount in an English slot without a number', { intro: 'We can offer you a special discount on the whole order.' }, 'discount_not_in_inputs'],
		['a free service', { intro: 'Die Inbetriebnahme ist für Sie kostenlos.' }, 'discount_not_in_inputs'],
	])('refuses %s', (_name, draft, code) => {
		const noDiscountInBrief = { ...policy, knownText: ['SAL-QTN-2026-00042', '48.250,00 €', 'Lieferzeit 3 Wochen'] };
		const v = validateDraftSlots({ closing: 'Viele Grüße', ...draft }, noDiscountInBrief);
		expect(v.ok).toBe(false);
		expect(v.issues.map((i) => i.code)).toContain(code);
	});

	it('does not read a promise into a link or a domain name', () => {
		expect(errors({ intro: 'Vielen Dank.', closing: 'Datenblatt: https://lead-to-close.example/discount-50-eur' })).toEqual([]);
	});
});
