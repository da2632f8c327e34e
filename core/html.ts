// The one HTML escape for untrusted text (lead text, model output, record values) rendered into
// Frappe comments, ToDo and CRM Task descriptions, and HTML e-mails.

/** Escapes `& < > " '` so the text is shown as text wherever it is rendered as HTML. */
export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}
