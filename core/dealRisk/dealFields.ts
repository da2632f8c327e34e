// Reading a deal's fields from its system of record (an ERPNext Opportunity, a Frappe CRM CRM Deal), the
// same way for both: text is text or a finite number, amounts are exact integer minor units of the
// deal's currency (Frappe stores Currency fields as floats rounded to the field precision; half-even
// absorbs float noise such as 1234.5600000001 without ever adding floats), and a field that cannot be
// read is a DealFieldError naming the record, the field and the value, so the user sees what to fix.
import { toMinorUnits } from '../money';

/** A field of one deal (or of a row belonging to it) that cannot be read. */
export class DealFieldError extends Error {
	constructor(
		readonly doctype: string,
		readonly deal: string,
		readonly field: string,
		readonly value: unknown,
		reason: string,
	) {
		super(`${doctype} ${deal}: field "${field}" ${reason} (got ${preview(value)})`);
		this.name = 'DealFieldError';
	}
}

/** A value as an error shows it: JSON, at most 80 characters. */
export function preview(value: unknown): string {
	if (value === undefined) return 'nothing';
	const text =
		typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
	return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** A non-empty string, or a finite number as text; anything else is absent. */
export function fieldText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** An amount field in minor units of `currency`; empty is 0. */
export function minorAmount(
	doctype: string,
	deal: string,
	field: string,
	value: unknown,
	currency: string,
): number {
	if (value === null || value === undefined || value === '') return 0;
	if (typeof value !== 'number' && typeof value !== 'string')
		throw new DealFieldError(doctype, deal, field, value, 'must be an amount');
	let problem: string;
	try {
		return toMinorUnits(value, currency, { rounding: 'half-even' });
	} catch (error) {
		problem = error instanceof Error ? error.message : String(error);
	}
	throw new DealFieldError(
		doctype,
		deal,
		field,
		value,
		`is not an amount in ${currency}: ${problem}`,
	);
}

/** The first address of a Frappe recipients field ("A <a@x>, b@y" → a@x). */
function firstRecipient(value: unknown): string | undefined {
	const raw = fieldText(value);
	if (!raw) return undefined;
	const first = raw.split(/[,;]/)[0].trim();
	const angle = /<([^>]+)>/.exec(first);
	return (angle ? angle[1] : first).trim() || undefined;
}

/** A Frappe Communication row as the snapshot's activity (Opportunity and CRM Deal alike); none without a date. */
export function communicationActivity(
	row: Record<string, unknown>,
): Record<string, unknown> | undefined {
	const date = fieldText(row.communication_date) ?? fieldText(row.creation);
	if (!date) return undefined;
	const direction = row.sent_or_received === 'Received' ? 'in' : 'out';
	return {
		name: fieldText(row.name),
		date,
		direction,
		medium: fieldText(row.communication_medium) ?? 'Email',
		contact:
			direction === 'in'
				? (fieldText(row.sender) ?? null)
				: (firstRecipient(row.recipients) ?? null),
		subject: fieldText(row.subject) ?? null,
	};
}
