// The Info comment on a Quotation: every line with its evidence, then review reasons, unmatched
// requirements and warnings. Lead text is data: every value is HTML-escaped.
import { formatMinorUnits } from '../../../core/money';
import type { Quote } from '../../../core/quote';

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** The Info comment: every line with its evidence, then review reasons, unmatched requirements, warnings. */
export function evidenceComment(quote: Quote, generator: string): string {
	const money = (minor: number) => `${formatMinorUnits(minor, quote.currency)} ${quote.currency}`;
	const list = (title: string, rows: string[]) =>
		rows.length
			? `<p><b>${title}</b></p><ul>${rows.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`
			: '';
	return [
		`<p><b>AI quote: route ${escapeHtml(quote.route)}, confidence ${Math.round(quote.confidence * 100)}%, total ${escapeHtml(money(quote.total))}</b> (${escapeHtml(generator)})</p>`,
		list(
			'Lines and evidence',
			quote.lines.map(
				(l) =>
					`${l.sku} × ${l.qty} ${l.uom} at ${formatMinorUnits(l.unit_price, l.currency)}${l.discount_pct ? ` less ${l.discount_pct}%` : ''} = ${formatMinorUnits(l.amount, l.currency)} ${l.currency} — for "${l.match.requirement.slice(0, 160)}" (match ${l.match.score}): ${l.match.evidence.join('; ')}`,
			),
		),
		list('Needs review because', quote.review_reasons),
		list(
			'Not quoted',
			quote.unmatched_requirements.map(
				(u) =>
					`${u.id} "${u.requirement.slice(0, 160)}": ${u.reason}${u.closest.length ? ` (closest: ${u.closest.map((c) => c.sku).join(', ')})` : ''}`,
			),
		),
		list('Warnings', quote.warnings),
	].join('');
}
