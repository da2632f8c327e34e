// The one e-mail address rule: what an address is (a practical RFC 5321 subset: an ASCII dot-atom local
// part, a domain a browser's URL parser accepts as a host, IDN allowed and compared in its ASCII/punycode
// form), how addresses are found in free text (also written with a fullwidth ＠, with Unicode letters, or
// obfuscated as "name at host dot com", "name(at)host(dot)com", "name [at] host [dot] com"), and when one
// may appear in a message: when trusted text already gives the same address, or its domain is on the
// allow-list (url.ts, the same host rule as links). A Cyrillic "е" in `billing@еvil-corp.shop` makes a
// different (punycode) domain, so it matches neither the allow-list nor a trusted address. Pure.
import { allowListHost, hostAllowed, normaliseForLinks } from './url';

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** The domain of an address as a browser resolves a host (ASCII, lower case), or undefined when it is none. */
export function emailDomain(domain: string): string | undefined {
	const text = normaliseForLinks(domain.trim());
	if (text === '' || /[\s/\\?#@:[\]%]/.test(text)) return undefined;
	const host = allowListHost(text);
	if (!host || host.startsWith('[') || /^\d+(?:\.\d+)*$/.test(host)) return undefined;
	const labels = host.split('.');
	if (
		labels.length < 2 ||
		labels.some((l) => l === '' || l.length > 63 || l.startsWith('-') || l.endsWith('-'))
	)
		return undefined;
	return TLD.test(labels[labels.length - 1]) ? host : undefined;
}

/** Syntactic validity of an address: ASCII local part (≤ 64), a real host name as domain, ≤ 254 in all. */
export function isEmailAddress(address: string): boolean {
	if (typeof address !== 'string' || address.length > 254) return false;
	const at = address.lastIndexOf('@');
	if (at < 1 || at > 64) return false;
	return LOCAL.test(address.slice(0, at)) && emailDomain(address.slice(at + 1)) !== undefined;
}

/** The comparison form of an address: local part lower-cased, domain in ASCII; undefined when invalid. */
export function emailKey(address: string): string | undefined {
	const text = normaliseForLinks(address.trim());
	const at = text.lastIndexOf('@');
	if (at < 1) return undefined;
	const domain = emailDomain(text.slice(at + 1));
	return domain ? `${text.slice(0, at).toLowerCase()}@${domain}` : undefined;
}

export interface FoundAddress {
	/** As written in the (normalised) text. */
	text: string;
	/** `local@ascii-domain`, lower case: what the rules compare. */
	key: string;
	/** The domain in ASCII (punycode) form. */
	domain: string;
	/** Written as "at … dot …" instead of with @. */
	obfuscated: boolean;
}

// Unicode letters are allowed in the local part here: a look-alike address must be found to be refused.
// Liberal on purpose ("billing"@…, Unicode letters): an address that is found can be refused.
const LOCAL_IN_TEXT = String.raw`[^\s@<>()[\]{},;:]+`;
const DOMAIN_IN_TEXT = String.raw`(?:[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?\.)+[\p{L}\p{M}][\p{L}\p{N}\p{M}-]*`;
/** An address in free text (plain `@` form). Exported for modules that replace addresses in text. */
// A match starts only where a run of local-part characters starts (linear time on long runs).
export const EMAIL_IN_TEXT = new RegExp(
	`(?<![^\\s@<>()[\\]{},;:])${LOCAL_IN_TEXT}@${DOMAIN_IN_TEXT}`,
	'gu',
);
const AT = String.raw`\s*(?:\(\s*(?:at|ät|bei)\s*\)|\[\s*(?:at|ät|bei)\s*\]|\{\s*(?:at|ät|bei)\s*\}|<\s*at\s*>)\s*|\s+(?:at|ät)\s+|\s+@\s*|\s*@\s+`;
const DOT = String.raw`\s*(?:\(\s*(?:dot|punkt|dt)\s*\)|\[\s*(?:dot|punkt)\s*\]|\{\s*(?:dot|punkt)\s*\})\s*|\s+(?:dot|punkt)\s+|\.`;
const LABEL_IN_TEXT = String.raw`[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?`;
const OBFUSCATED = new RegExp(
	String.raw`(?<![\p{L}\p{N}._+-])([\p{L}\p{N}._+-]+)(?:${AT})(${LABEL_IN_TEXT}(?:(?:${DOT})${LABEL_IN_TEXT})*(?:${DOT})\p{L}{2,})(?![\p{L}\p{N}])`,
	'giu',
);

/** Every address in `text`, plain or obfuscated, with its comparison key. */
export function findEmailAddresses(input: string): FoundAddress[] {
	const text = normaliseForLinks(input);
	const found: FoundAddress[] = [];
	const seen = new Set<string>();
	const add = (written: string, local: string, domainText: string, obfuscated: boolean) => {
		const domain = emailDomain(domainText.replace(/\.+$/, ''));
		// A domain that no browser would accept is still an address to judge: keep its text.
		const domainKey = domain ?? domainText.toLowerCase();
		const key = `${local.toLowerCase()}@${domainKey}`;
		if (seen.has(key)) return;
		seen.add(key);
		found.push({ text: written, key, domain: domainKey, obfuscated });
	};
	for (const m of text.matchAll(EMAIL_IN_TEXT)) {
		const written = m[0].replace(/[.-]+$/, '');
		const at = written.lastIndexOf('@');
		add(written, written.slice(0, at), written.slice(at + 1), false);
	}
	for (const m of text.matchAll(OBFUSCATED)) {
		const domainText = m[2].replace(new RegExp(DOT, 'giu'), '.');
		add(m[0], m[1], domainText, true);
	}
	return found;
}

/** Why `address` may not appear in a message whose trusted text is `trusted`, or undefined when it may. */
export function addressRefusal(
	address: FoundAddress,
	trustedKeys: ReadonlySet<string>,
	allowList: readonly string[],
): string | undefined {
	if (trustedKeys.has(address.key)) return undefined;
	if (hostAllowed(address.domain, allowList)) return undefined;
	const idn = address.domain.split('.').some((l) => l.startsWith('xn--'))
		? ' (an internationalised domain that can imitate another)'
		: '';
	const how = address.obfuscated ? ' written out in words' : '';
	return `gives the e-mail address ${address.text}${how}${idn}, which is neither a known value nor on an allowed host`;
}

/** Comparison keys of the addresses trusted text gives (token values set by the author, the brief). */
export function trustedAddressKeys(trusted: readonly string[]): Set<string> {
	return new Set(trusted.flatMap((t) => findEmailAddresses(t).map((a) => a.key)));
}
