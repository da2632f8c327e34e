// Message text from a template with `{{token}}` slots. Data slots come from the systems of record
// (quote number, first name); AI slots (an intro line, a summary) are written by a model and are
// untrusted, so `validateDraftSlots` bounds them before they reach a template: declared slots only,
// a length limit in characters, links only to allow-listed hosts (core/contact/url.ts: read as a browser
// reads them), no Mautic token syntax, no raw HTML (tags stripped,
// entities decoded once), no control characters, no `{{…}}` that could smuggle in another token, and no
// amount, percentage, discount or reply address that the trusted inputs do not contain (draftPromises.ts).
// `renderTemplate` substitutes in one pass (a value containing `{{x}}` is not expanded again),
// escapes values for HTML output, and refuses to render when a token has no value, so a message
// never goes out with a literal `{{first_name}}` in it.
import { z } from 'zod/v4';

import { findLinks, judgeLink, normaliseForLinks } from '../contact/url';
import { unbackedPromises, type PromiseCode } from './draftPromises';

export const SlotSpecSchema = z.object({
	maxLength: z.number().int().positive(),
	minLength: z.number().int().min(0).default(0),
	required: z.boolean().default(true),
	allowLinks: z.boolean().default(false),
	multiline: z.boolean().default(true),
});
export type SlotSpec = z.infer<typeof SlotSpecSchema>;

export const DraftPolicySchema = z.object({
	slots: z.record(z.string(), SlotSpecSchema),
	/** Hosts links may point to; a host also allows its subdomains (`example.com` → `www.example.com`). */
	allowedLinkHosts: z.array(z.string().min(1)).default([]),
	/**
	 * Trusted text (token values, the brief) whose amounts, percentages, discount wording and e-mail
	 * addresses a slot may repeat; any other is refused. The lead's own text never belongs here.
	 */
	knownText: z.array(z.string()).default([]),
});
export type DraftPolicy = z.infer<typeof DraftPolicySchema>;
export type DraftPolicyInput = z.input<typeof DraftPolicySchema>;

export type DraftIssueCode =
	| 'missing'
	| 'not_text'
	| 'unknown_slot'
	| 'too_long'
	| 'too_short'
	| 'links_not_allowed'
	| 'link_not_allowed'
	| 'html_removed'
	| 'token_removed'
	| 'control_removed'
	| 'mautic_token'
	| PromiseCode;

export interface DraftIssue {
	slot: string;
	severity: 'error' | 'warning';
	code: DraftIssueCode;
	message: string;
}

export interface DraftValidation {
	/** False when any issue is an error; the draft must then be regenerated or reviewed by a person. */
	ok: boolean;
	/** The cleaned text of every declared slot that had text. */
	slots: Record<string, string>;
	issues: DraftIssue[];
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
};

function decodeEntities(text: string): string {
	return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (whole, body: string) => {
		if (body[0] === '#') {
			const code =
				body[1] === 'x' || body[1] === 'X'
					? parseInt(body.slice(2), 16)
					: parseInt(body.slice(1), 10);
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
		}
		return ENTITIES[body.toLowerCase()] ?? whole;
	});
}

// `[^<>]` (not `[^>]`): a tag never contains `<`, and long runs of `<a<a…` stay linear.
const TAG = /<\/?[a-z!?][^<>]*>/gi;
const DROP_WITH_CONTENT = /<(script|style|iframe|object|template)\b[^<>]*>[\s\S]*?<\/\1\s*>/gi;
const BREAKS = /<(br|\/p|\/div|\/li|\/h[1-6])\b[^<>]*>/gi;

/** Strips HTML: script-like elements with their content, every tag, entities decoded once. */
function stripHtml(text: string): { text: string; removed: boolean } {
	let out = text.replace(DROP_WITH_CONTENT, '').replace(BREAKS, '\n').replace(TAG, '');
	out = decodeEntities(out);
	// Decoding may have produced new tags (`&lt;b&gt;`): remove them too, never leave markup behind.
	out = out.replace(DROP_WITH_CONTENT, '').replace(TAG, '').replace(/</g, '‹').replace(/>/g, '›');
	const removed = out !== text;
	return { text: out, removed };
}

/** The links of `text` with the host a browser would go to (core/contact/url.ts, the one URL rule). */
export function linksIn(text: string): Array<{ url: string; host: string; scheme: string }> {
	return findLinks(text).map((l) => ({ url: l.text, host: l.host, scheme: l.scheme }));
}

// Mautic token syntax: `{contactfield=email}`, `{unsubscribe_url}`, `{webview_url}`, `{ownerfield=…}`, and
// the URL-encoded `%7Bcontactfield=…%7D` form (mautic/mautic 5.1 app/bundles/LeadBundle/Helper/
// TokenHelper.php findLeadTokens matches `({|%7B)contactfield=(.*?)(}|%7D)`; the other bundles' token
// helpers match `{name=…}` / `{name}`). Mautic replaces them in the sent e-mail, so in an AI slot they
// would pull contact data or links into the message.
const MAUTIC_TOKEN = /(?:\{|%7b)\s*[a-z_][\w-]*(?:\s*[=:|][^{}]*?)?\s*(?:\}|%7d)/giu;

// C0/C1 controls other than tab and newline, and the bidi overrides that can disguise text.
function isControl(code: number): boolean {
	if (code === 0x09 || code === 0x0a) return false;
	return (
		code < 0x20 ||
		code === 0xad ||
		code === 0x180e ||
		(code >= 0x200b && code <= 0x200f) ||
		code === 0x2060 ||
		code === 0xfeff ||
		(code >= 0x7f && code <= 0x9f) ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069)
	);
}

function removeControls(text: string): string {
	let out = '';
	for (const ch of text) {
		if (!isControl(ch.codePointAt(0) ?? 0)) out += ch;
	}
	return out;
}

/** Length in code points, so an emoji or an accented letter counts as one character. */
function lengthOf(text: string): number {
	return Array.from(text).length;
}

/** Cleans and bounds the AI-written slots of a draft against the declared slot specs. */
export function validateDraftSlots(
	draft: Record<string, unknown>,
	policyInput: DraftPolicyInput,
): DraftValidation {
	const policy = DraftPolicySchema.parse(policyInput);
	const issues: DraftIssue[] = [];
	const slots: Record<string, string> = {};
	const issue = (
		slot: string,
		severity: DraftIssue['severity'],
		code: DraftIssueCode,
		message: string,
	) => issues.push({ slot, severity, code, message });

	for (const name of Object.keys(draft)) {
		if (!Object.prototype.hasOwnProperty.call(policy.slots, name)) {
			issue(
				name,
				'warning',
				'unknown_slot',
				`Slot "${name}" is not declared by the template; dropped.`,
			);
		}
	}

	for (const [name, spec] of Object.entries(policy.slots)) {
		const raw = Object.prototype.hasOwnProperty.call(draft, name) ? draft[name] : undefined;
		if (raw === undefined || raw === null) {
			if (spec.required)
				issue(name, 'error', 'missing', `Slot "${name}" is required but has no text.`);
			continue;
		}
		if (typeof raw !== 'string') {
			issue(name, 'error', 'not_text', `Slot "${name}" must be text, got ${typeof raw}.`);
			continue;
		}
		// No cleaning can bring a text this long under the limit; refusing it early bounds the work.
		if (raw.length > Math.max(20 * spec.maxLength, 20_000)) {
			issue(
				name,
				'error',
				'too_long',
				`Slot "${name}" has ${raw.length} characters before cleaning; the limit is ${spec.maxLength}.`,
			);
			continue;
		}
		let text = raw;
		const html = stripHtml(text);
		if (html.removed) {
			text = html.text;
			issue(name, 'warning', 'html_removed', `Slot "${name}" contained HTML; tags were removed.`);
		}
		const withoutControls = removeControls(text);
		if (withoutControls !== text) {
			text = withoutControls;
			issue(
				name,
				'warning',
				'control_removed',
				`Slot "${name}" contained control characters; removed.`,
			);
		}
		const withoutTokens = text.replace(/\{\{[^{}]*\}\}/g, '').replace(/\{\{|\}\}/g, '');
		if (withoutTokens !== text) {
			text = withoutTokens;
			issue(name, 'warning', 'token_removed', `Slot "${name}" contained template tokens; removed.`);
		}
		const mauticTokens = [...normaliseForLinks(text).matchAll(MAUTIC_TOKEN)].map((m) => m[0]);
		if (mauticTokens.length > 0 || /[{}]/.test(text)) {
			// Removed from the slot and refused: a model that writes one is following someone's instructions.
			text = normaliseForLinks(text)
				.replace(MAUTIC_TOKEN, '')
				.replace(/%7[bd]/gi, '')
				.replace(/[{}]/g, '');
			const shownTokens = mauticTokens.length ? mauticTokens.join(', ') : 'a brace';
			issue(
				name,
				'error',
				'mautic_token',
				`Slot "${name}" contains Mautic token syntax (${shownTokens}), which Mautic would fill with contact data or links; removed.`,
			);
		}
		text = spec.multiline
			? text
					.replace(/[ \t]+/g, ' ')
					.replace(/ *\n */g, '\n')
					.replace(/\n{3,}/g, '\n\n')
					.trim()
			: text.replace(/\s+/g, ' ').trim();

		const links = findLinks(text);
		if (links.length > 0 && !spec.allowLinks) {
			issue(
				name,
				'error',
				'links_not_allowed',
				`Slot "${name}" may not contain links (found ${links.map((l) => l.text).join(', ')}).`,
			);
		} else {
			for (const link of links) {
				const verdict = judgeLink(link, policy.allowedLinkHosts);
				if (verdict.problem)
					issue(
						name,
						'error',
						'link_not_allowed',
						`Slot "${name}" links to ${link.text}: it ${verdict.reason}.`,
					);
			}
		}

		for (const promise of unbackedPromises(text, policy.knownText, policy.allowedLinkHosts)) {
			issue(name, 'error', promise.code, `Slot "${name}" ${promise.what}.`);
		}

		const length = lengthOf(text);
		if (length === 0) {
			if (spec.required)
				issue(name, 'error', 'missing', `Slot "${name}" is required but is empty after cleaning.`);
			continue;
		}
		if (length > spec.maxLength) {
			issue(
				name,
				'error',
				'too_long',
				`Slot "${name}" has ${length} characters; the limit is ${spec.maxLength}.`,
			);
		}
		if (length < spec.minLength) {
			issue(
				name,
				'error',
				'too_short',
				`Slot "${name}" has ${length} characters; at least ${spec.minLength} are needed.`,
			);
		}
		slots[name] = text;
	}
	return { ok: !issues.some((i) => i.severity === 'error'), slots, issues };
}

export type TemplateValue = string | number;

import { escapeHtml } from '../html';

export type RenderResult =
	| { ok: true; text: string; tokens: string[] }
	| { ok: false; missing: string[]; malformed: string[]; reason: string };

const TOKEN = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/**
 * Fills `{{token}}` slots from `values` in one pass. `format: 'html'` escapes every value (the template
 * itself is trusted markup). Fails, listing the tokens, when a value is missing or a `{{…}}` is
 * malformed.
 */
export function renderTemplate(
	template: string,
	values: Readonly<Record<string, TemplateValue | null | undefined>>,
	options: { format?: 'text' | 'html' } = {},
): RenderResult {
	const format = options.format ?? 'text';
	const missing = new Set<string>();
	const used = new Set<string>();
	const text = template.replace(TOKEN, (_whole, name: string) => {
		const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
		if (
			value === undefined ||
			value === null ||
			(typeof value === 'number' && !Number.isFinite(value))
		) {
			missing.add(name);
			return '';
		}
		used.add(name);
		const str = String(value);
		return format === 'html' ? escapeHtml(str) : str;
	});
	const malformed = [...template.replace(TOKEN, '').matchAll(/\{\{[^}]*\}?\}?/g)].map((m) => m[0]);
	if (missing.size > 0 || malformed.length > 0) {
		const parts: string[] = [];
		if (missing.size > 0)
			parts.push(`no value for ${[...missing].map((m) => `{{${m}}}`).join(', ')}`);
		if (malformed.length > 0) parts.push(`malformed token(s) ${malformed.join(', ')}`);
		return {
			ok: false,
			missing: [...missing],
			malformed,
			reason: `Template not rendered: ${parts.join('; ')}.`,
		};
	}
	return { ok: true, text, tokens: [...used] };
}
