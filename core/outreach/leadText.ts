// Lead text on its way into Mautic and into hand-offs (security review M4). A lead's name or company is
// typed by whoever filled in a form, and three places would read it as more than text:
// - Mautic e-mail tokens: the values go into the template's HTML after Mautic's InputHelper::html, a
//   sanitiser that keeps links (`<a href>` phishing anchors survive) and leaves values with accented
//   Latin letters entirely unfiltered, then rawurldecodes them (mautic/mautic 5.1 app/bundles/CoreBundle/
//   Helper/InputHelper.php html(); EmailBundle/Controller/Api/EmailApiController.php sendLeadAction).
//   So a token value is HTML-escaped here, `%` included (no `%3C` can be decoded into a tag later).
// - Mautic token syntax: `{contactfield=email}`, `{unsubscribe_url}`, and the URL-encoded `%7B…%7D` form
//   that LeadBundle/Helper/TokenHelper.php findLeadTokens also matches: braces are removed from lead text
//   so Mautic never expands a token a lead wrote.
// - Line breaks: a subject, a header or a single-line field with CR/LF (or U+2028/2029/NEL) could start a
//   new header line; they become spaces.
// Contact fields (first name, last name, company) are stored as text in Mautic and shown in its UI, so
// they are not entity-escaped ("Schmidt & Co" stays readable): `<` and `>` are removed instead, which is
// enough for no tag to form when a template prints them with {contactfield=…}.
import { escapeHtml } from '../html';

const LINE_BREAKS = /[\r\n\u0085\u2028\u2029\v\f]+/g;
const MAUTIC_TOKEN_BRACES = /[{}]|%7[bd]/gi;

/** `text` on one line: every line break (CR, LF, NEL, U+2028/2029, VT, FF) becomes one space. */
export function singleLine(text: string): string {
	return text.replace(LINE_BREAKS, ' ');
}

/** `text` without Mautic token syntax: `{`, `}` and their URL-encoded forms `%7B`, `%7D` removed. */
export function stripMauticTokens(text: string): string {
	return text.replace(MAUTIC_TOKEN_BRACES, '');
}

/** A token value for Mautic's e-mail send API: one line, no token syntax, HTML-escaped (also `%`). */
export function mauticTokenValue(value: string): string {
	return escapeHtml(stripMauticTokens(singleLine(value))).replace(/%/g, '&#37;');
}

/** A contact field value for Mautic: one line, no token syntax, no `<` or `>`. */
export function mauticFieldValue(value: string): string {
	return stripMauticTokens(singleLine(value)).replace(/[<>]/g, '').replace(/ {2,}/g, ' ').trim();
}

/** Plain message text as HTML for a hand-off (n8n Send Email in HTML format): escaped, line breaks as <br>. */
export function messageHtml(text: string): string {
	return escapeHtml(text).replace(/\r?\n/g, '<br>\n');
}
