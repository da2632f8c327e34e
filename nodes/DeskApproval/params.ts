// The parameters the three Desk Approval paths (ERPNext quotes, ERPNext lead reviews, Frappe CRM quotes)
// read alike: a text, the Reasons list, the Confidence and the hours of Check Pending.
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** A string trimmed, a number as text, anything else empty. */
export function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** A text parameter that must not be empty: its value, or an error with `message` (and a hint). */
export function requiredText(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	message: string,
	description?: string,
): string {
	const value = text(ctx.getNodeParameter(name, itemIndex, ''));
	if (value === '')
		throw new NodeOperationError(
			ctx.getNode(),
			message,
			description === undefined ? { itemIndex } : { itemIndex, description },
		);
	return value;
}

/** The Reasons parameter as a list: an array of texts, one text, or nothing. */
export function reasonList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => text(v)).filter((v) => v !== '');
	const one = text(value);
	return one === '' ? [] : [one];
}

/** The Confidence parameter: empty → null, else a number from 0 to 1 or an error naming the value. */
export function confidenceOf(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): number | null {
	if (value === undefined || value === null || value === '') return null;
	const number = Number(value);
	if (!Number.isFinite(number) || number < 0 || number > 1) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Confidence must be a number from 0 to 1, got ${JSON.stringify(value)}`,
			{ itemIndex },
		);
	}
	return number;
}

/** An hours parameter of Check Pending: 0 or more, or an error naming it and the value. */
export function hours(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number {
	const value = Number(ctx.getNodeParameter(name, itemIndex, 0));
	if (!Number.isFinite(value) || value < 0)
		throw new NodeOperationError(ctx.getNode(), `${label} must be 0 or more hours, got ${value}`, {
			itemIndex,
		});
	return value;
}

/** An options parameter of Check Pending (a kind's On … Timeout): one of `allowed`, the first its default. */
export function oneOf<T extends string>(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	allowed: readonly T[],
	itemIndex: number,
): T {
	const value = ctx.getNodeParameter(parameter, itemIndex, allowed[0]) as T;
	if (!allowed.includes(value))
		throw new NodeOperationError(
			ctx.getNode(),
			`${label} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
			{ itemIndex },
		);
	return value;
}
