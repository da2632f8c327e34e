// The Info comment on a Quotation: every line with its evidence (an uncertain line, ADR 0049, says so
// first), then review reasons, the alternatives of the uncertain lines, unmatched requirements and
// warnings. Lead text is data: every value is HTML-escaped.
import { formatMinorUnits } from '../../../core/money';
import { UNCERTAIN_LINE_LABEL, type Quote } from '../../../core/quote';
import { escapeHtml } from '../../../core/html';

/** The Info comment: lines with evidence, review reasons, alternatives, unmatched requirements, warnings. */
export function evidenceComment(quote: Quote, generator: string): string {
	const money = (minor: number) => `${formatMinorUnits(minor, quote.currency)} ${quote.currency}`;
	const list = (title: string, rows: string[]) =>
		rows.length
			? `<p><b>${title}</b></p><ul>${rows.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`
			: '';
	// a requirement quoted with low certainty stays in unmatched_requirements with its alternatives
	const uncertain = new Set(
		quote.lines.filter((l) => !l.certain).flatMap((l) => l.match.requirement_ids),
	);
	const unmatched = (u: Quote['unmatched_requirements'][number]) =>
		`${u.id} "${u.requirement.slice(0, 160)}": ${u.reason}${u.closest.length ? ` (closest: ${u.closest.map((c) => c.sku).join(', ')})` : ''}`;
	return [
		`<p><b>AI quote: route ${escapeHtml(quote.route)}, confidence ${Math.round(quote.confidence * 100)}%, total ${escapeHtml(money(quote.total))}</b> (${escapeHtml(generator)})</p>`,
		list(
			'Lines and evidence',
			quote.lines.map(
				(l) =>
					`${l.certain ? '' : UNCERTAIN_LINE_LABEL}${l.sku} × ${l.qty} ${l.uom} at ${formatMinorUnits(l.unit_price, l.currency)}${l.discount_pct ? ` less ${l.discount_pct}%` : ''} = ${formatMinorUnits(l.amount, l.currency)} ${l.currency} — for "${l.match.requirement.slice(0, 160)}" (match ${l.match.score}): ${l.match.evidence.join('; ')}`,
			),
		),
		list('Needs review because', quote.review_reasons),
		list(
			'Quoted with low certainty',
			quote.unmatched_requirements.filter((u) => uncertain.has(u.id)).map(unmatched),
		),
		list(
			'Not quoted',
			quote.unmatched_requirements.filter((u) => !uncertain.has(u.id)).map(unmatched),
		),
		list('Warnings', quote.warnings),
	].join('');
}
