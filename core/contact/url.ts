// The one URL rule: finds every link a reader (or a mail client's linkifier, or a browser) could follow in
// a piece of text and says where it really goes. Hosts are read the way a browser reads them (the WHATWG
// URL parser, Node's global `URL`: backslashes are slashes, userinfo before `@` is not the host, IDNA/UTS 46
// maps fullwidth letters, ideographic full stops and zero-width characters, percent-encoded hosts are
// decoded, `0x7f.1` is 127.0.0.1), so `https://example.com:!@evil.io` and `https://evil.io\.example.com`
// both go to evil.io. A link is allowed only when its scheme is http(s), it carries no userinfo, and its
// host is on the allow-list (a listed host allows its subdomains); everything else is refused with the
// reason: other schemes (javascript:, data:, mailto:, tel:, …), IP literals, URL shorteners, non-ASCII
// (IDN) hosts and hosts on any TLD, known or not, that the allow-list does not name. Bare domains count
// (`evil-portal.shop/offer`, `//evil.top`, `www.x.y`): anything shaped like a host is a link, whatever its
// TLD, except a few file-name endings that are no TLD (`Angebot.pdf`, `Node.js`). Pure; used by the
// draft slot checks, the Deal Monitor summary check and the e-mail rule (address.ts) for domains.

export type LinkProblem =
	| 'scheme'
	| 'userinfo'
	| 'ip_address'
	| 'shortener'
	| 'not_allowed'
	| 'invalid';

export interface FoundLink {
	/** The text as written (after normalisation: NFKC, ideographic dots, zero-width characters removed). */
	text: string;
	/** Lower-case scheme without the colon (`https` for bare domains). */
	scheme: string;
	/** The host as a browser resolves it: ASCII (punycode), lower case, no trailing dot; '' when none. */
	host: string;
}

export interface LinkVerdict extends FoundLink {
	problem?: LinkProblem;
	/** Completes "… links to …, which …": the reason a link is refused. */
	reason?: string;
}

// Characters that change nothing visible but split what a filter reads: zero-width space/joiners, word
// joiner, BOM, soft hyphen, Mongolian vowel separator.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2060\ufeff]/g;
// Ideographic full stop, fullwidth full stop, halfwidth ideographic full stop: dots to a browser.
const IDEOGRAPHIC_DOTS = /[\u3002\uff0e\uff61]/g;

/** The text as the link and address rules read it: NFKC, every kind of full stop a dot, invisibles gone. */
export function normaliseForLinks(text: string): string {
	return text.normalize('NFKC').replace(IDEOGRAPHIC_DOTS, '.').replace(INVISIBLE, '');
}

// Schemes a mail client or browser acts on besides http(s). Any other `word://` is refused as well.
const OTHER_SCHEMES = new Set([
	'javascript',
	'vbscript',
	'livescript',
	'data',
	'file',
	'ftp',
	'ftps',
	'sftp',
	'mailto',
	'tel',
	'sms',
	'callto',
	'skype',
	'blob',
	'ws',
	'wss',
	'intent',
	'filesystem',
	'about',
	'view-source',
	'jar',
	'facetime',
	'whatsapp',
	'sip',
	'market',
	'itms-services',
]);
// A scheme and what follows it, up to whitespace or markup.
const SCHEME_SPAN = /(?<![\p{L}\p{N}+.-])([a-z][a-z0-9+.-]{0,31}):([^\s<>"'`]*)/giu;
const DATA_URL = /^(?:[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)?(?:;[a-z0-9=._-]+)*,/i;
// A host-shaped run of labels ending in a letters-only label (or an IDNA `xn--` one), with an optional
// port, path, query or fragment. Not the domain of an e-mail address (the e-mail rule judges those).
const LABEL = String.raw`[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}_-]*[\p{L}\p{N}\p{M}])?`;
const BARE_HOST = new RegExp(
	String.raw`(?<![\p{L}\p{N}\p{M}_@.%+-])((?:${LABEL}\.)+(?:\p{L}[\p{L}\p{M}]+|xn--[a-z0-9-]+))\.?(?![\p{L}\p{N}\p{M}_@-])((?::\d{1,5})?(?:[/?#\\][^\s<>"'\x60]*)?)`,
	'giu',
);
const BARE_IPV4 =
	/(?<![\p{L}\p{N}.])(\d{1,3}(?:\.\d{1,3}){3})(?![\p{N}.]?\d)((?::\d{1,5})?(?:[/?#\\][^\s<>"'`]*)?)/gu;
// File-name endings that are no TLD: "Angebot.pdf", "Node.js", "plan.dwg" are not links.
const FILE_ENDINGS = new Set([
	'pdf',
	'doc',
	'docx',
	'xls',
	'xlsx',
	'xlsm',
	'ppt',
	'pptx',
	'csv',
	'txt',
	'rtf',
	'odt',
	'ods',
	'png',
	'jpg',
	'jpeg',
	'gif',
	'svg',
	'tif',
	'tiff',
	'bmp',
	'step',
	'stp',
	'dwg',
	'dxf',
	'igs',
	'iges',
	'js',
	'ts',
	'json',
	'xml',
	'yaml',
	'yml',
	'html',
	'htm',
	'md',
	'eml',
	'msg',
	'ics',
	'vcf',
	'gz',
	'tar',
	'rar',
	'7z',
	'exe',
	'msi',
]);
// Shorteners hide the target, so no allow-list entry can vouch for it.
const SHORTENERS = new Set([
	'bit.ly',
	'bitly.com',
	'is.gd',
	'v.gd',
	'shorturl.at',
	'tinyurl.com',
	't.co',
	'goo.gl',
	'ow.ly',
	'buff.ly',
	'rebrand.ly',
	'cutt.ly',
	'rb.gy',
	'tiny.cc',
	's.id',
	'lnkd.in',
	't.ly',
	'bl.ink',
	'shorte.st',
	'adf.ly',
	'x.gd',
	'tr.im',
	'qr.ae',
	'soo.gd',
	'clck.ru',
	'urlz.fr',
	'shorturl.com',
	'short.io',
	'tiny.one',
	'u.to',
]);

const TRAILING = /[.,;:!?)\]}'"»”’]+$/u;

/** The browser's reading of `url`: scheme, host (ASCII), whether it carries userinfo; undefined if unparsable. */
function parse(url: string): { scheme: string; host: string; userinfo: boolean } | undefined {
	try {
		const u = new URL(url);
		return {
			scheme: u.protocol.replace(/:$/, '').toLowerCase(),
			host: u.hostname.replace(/\.+$/, ''),
			userinfo: u.username !== '' || u.password !== '',
		};
	} catch {
		return undefined;
	}
}

/** An allow-list entry (`example.com`, `*.example.com`, `https://example.com/`, `bücher.de`) as an ASCII host; undefined when it is none. */
export function allowListHost(entry: string): string | undefined {
	const trimmed = normaliseForLinks(entry.trim()).replace(/^\*\./, '');
	if (trimmed === '') return undefined;
	const parsed = parse(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
	if (!parsed || !parsed.host || parsed.userinfo || !['http', 'https'].includes(parsed.scheme))
		return undefined;
	return parsed.host;
}

/** Whether `host` (ASCII, as `findLinks` gives it) is an allow-listed host or one of its subdomains. */
export function hostAllowed(host: string, allowList: readonly string[]): boolean {
	if (!host) return false;
	return allowList.some((entry) => {
		const allowed = allowListHost(entry);
		return allowed !== undefined && (host === allowed || host.endsWith(`.${allowed}`));
	});
}

/** The query and fragment of an http(s) URL, percent-decoded and with `=`/`&` as spaces; '' when none. */
function nestedTarget(span: string): string {
	const cut = span.search(/[?#]/);
	if (cut < 0) return '';
	const tail = span.slice(cut + 1);
	let decoded = tail;
	try {
		decoded = decodeURIComponent(tail);
	} catch {
		// Malformed escapes: read the text as written.
	}
	return decoded.replace(/[=&?#]/g, ' ');
}

function isIpLiteral(host: string): boolean {
	return host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Every link in `text` with the host a browser would go to. Explicit URLs (`scheme:`…), then bare hosts
 * and IPv4 addresses in the rest; a span already read as a URL is not read again.
 */
export function findLinks(input: string, depth = 0): FoundLink[] {
	const found: FoundLink[] = [];
	let rest = normaliseForLinks(input);
	// A tab or line break inside a scheme ("java\tscript:") is dropped by browsers: read schemes without them too.
	const candidates = [rest, rest.replace(/[\t\r\n]/g, '')];
	const seen = new Set<string>();
	const add = (link: FoundLink) => {
		const key = `${link.scheme}|${link.host}|${link.text}`;
		if (!seen.has(key)) {
			seen.add(key);
			found.push(link);
		}
	};
	for (const [index, text] of candidates.entries()) {
		for (const m of text.matchAll(SCHEME_SPAN)) {
			const scheme = m[1].toLowerCase();
			const tail = m[2].replace(TRAILING, '');
			const span = `${m[1]}:${tail}`;
			let isLink = false;
			if (scheme === 'http' || scheme === 'https') isLink = tail !== '';
			else if (scheme === 'data') isLink = DATA_URL.test(tail);
			else if (OTHER_SCHEMES.has(scheme))
				isLink = tail !== '' && !/^\d{1,2}(?:[.:]\d{2})?$/.test(tail);
			else isLink = tail.startsWith('//');
			if (!isLink) continue;
			const parsed = scheme === 'http' || scheme === 'https' ? parse(span) : undefined;
			add({ text: span, scheme, host: parsed?.host ?? '' });
			if (index === 0) rest = rest.replace(span, ' '.repeat(span.length));
			// A link on an allowed host can redirect (`?next=https://evil.io`): what its query or fragment
			// names is read as a link too (one level, percent-decoded).
			const target = nestedTarget(span);
			if (target && depth === 0) for (const inner of findLinks(target, 1)) add(inner);
		}
	}
	for (const m of rest.matchAll(BARE_HOST)) {
		const tail = m[2].replace(TRAILING, '');
		const labels = m[1].split('.');
		const ending = labels[labels.length - 1].toLowerCase();
		if (FILE_ENDINGS.has(ending) && tail === '' && labels[0].toLowerCase() !== 'www') continue;
		const span = `${m[1]}${tail}`;
		const preceded = rest.slice(0, m.index).endsWith('//');
		const parsed = parse(`https://${span}`);
		add({
			text: preceded ? `//${span}` : span,
			scheme: 'https',
			host: parsed?.host ?? m[1].toLowerCase(),
		});
	}
	for (const m of rest.matchAll(BARE_IPV4)) {
		const span = `${m[1]}${m[2].replace(TRAILING, '')}`;
		const parsed = parse(`http://${span}`);
		add({ text: span, scheme: 'http', host: parsed?.host ?? m[1] });
	}
	return found;
}

/** Why `link` may not appear in a message, or nothing when its host is allow-listed. */
export function judgeLink(link: FoundLink, allowList: readonly string[]): LinkVerdict {
	if (link.scheme !== 'http' && link.scheme !== 'https') {
		return {
			...link,
			problem: 'scheme',
			reason: `uses the ${link.scheme}: scheme; only http(s) links to allowed hosts may appear`,
		};
	}
	const parsed = /^https?:/i.test(link.text) ? parse(link.text) : undefined;
	if (parsed?.userinfo) {
		return {
			...link,
			problem: 'userinfo',
			reason: `hides its real host ${link.host} behind a user name (text before "@"), which browsers skip`,
		};
	}
	if (!link.host)
		return {
			...link,
			problem: 'invalid',
			reason: 'has no host a browser could read, so it cannot be checked',
		};
	if (isIpLiteral(link.host) && !allowList.some((e) => allowListHost(e) === link.host)) {
		return {
			...link,
			problem: 'ip_address',
			reason: `goes to the IP address ${link.host} instead of a named host`,
		};
	}
	if (SHORTENERS.has(link.host)) {
		return {
			...link,
			problem: 'shortener',
			reason: `uses the URL shortener ${link.host}, which hides where the link goes`,
		};
	}
	if (!hostAllowed(link.host, allowList)) {
		const idn = link.host.split('.').some((l) => l.startsWith('xn--'))
			? ' (an internationalised name that can imitate another)'
			: '';
		return {
			...link,
			problem: 'not_allowed',
			reason: `goes to ${link.host}${idn}, which is not on the allow-list`,
		};
	}
	return { ...link };
}

/** The links of `text` that may not appear, each with its reason (an empty list when all are allowed). */
export function refusedLinks(text: string, allowList: readonly string[]): LinkVerdict[] {
	return findLinks(text)
		.map((link) => judgeLink(link, allowList))
		.filter((v) => v.problem !== undefined);
}
