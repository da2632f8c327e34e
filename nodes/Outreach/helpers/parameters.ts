// Reads and checks the parameters the Outreach operations share (lead reference, email, Mautic ids,
// tokens, attachment lists). Every refusal names the parameter as the editor shows it and the value
// it got, so a per-item error says what to fix.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { isEmailAddress } from '../../../core/contact';

function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return JSON.stringify((text ?? String(value)).slice(0, 80));
}

export function fail(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description?: string,
): never {
	throw new NodeOperationError(ctx.getNode(), message, {
		itemIndex,
		...(description ? { description } : {}),
	});
}

/** A trimmed string parameter; numbers are accepted as text, objects are refused. */
export function optionalText(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean')
		return fail(ctx, itemIndex, `${label} must be text, got ${shown(value)}`);
	if (typeof value !== 'string')
		return fail(ctx, itemIndex, `${label} must be text, got ${shown(value)}`);
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

export function requiredText(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	hint?: string,
): string {
	const text = optionalText(ctx, value, label, itemIndex);
	if (text === undefined) return fail(ctx, itemIndex, `${label} is empty`, hint);
	return text;
}

export function optionalEmail(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string | undefined {
	const text = optionalText(ctx, value, 'Email', itemIndex);
	if (text !== undefined && !isEmailAddress(text))
		return fail(ctx, itemIndex, `Email ${shown(text)} is not an email address`);
	return text;
}

/**
 * A Mautic entity id: a positive whole number (numeric strings accepted), also as a resource locator's
 * value (`{ __rl, mode, value }`). Empty says which field to fill instead of "got ''".
 */
export function mauticId(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): number {
	if (value !== null && typeof value === 'object' && 'value' in value)
		return mauticId(ctx, (value as { value: unknown }).value, label, itemIndex);
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return fail(
			ctx,
			itemIndex,
			`${label} is empty: choose one from the list or give its ID`,
			'Pick it "From List", or switch to "By ID" and give the ID shown in Mautic (an expression works too).',
		);
	const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
		return fail(
			ctx,
			itemIndex,
			`${label} must be a positive whole number (the ID shown in Mautic), got ${shown(value)}`,
		);
	}
	return n;
}

/**
 * The id in a Mautic picker parameter (nodes/shared/mauticLoadOptions.ts `mauticLocator`): From List,
 * By ID or By URL (n8n applies the URL mode's regex), or the plain number of a version 1 node, whose
 * field is called `<label> ID`.
 */
export function mauticLocatorId(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number {
	return mauticId(
		ctx,
		ctx.getNodeParameter(name, itemIndex, undefined, { extractValue: true }),
		ctx.getNode().typeVersion < 2 ? `${label} ID` : label,
		itemIndex,
	);
}

export function optionalMauticId(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): number | undefined {
	if (value === undefined || value === null || value === '' || value === 0) return undefined;
	return mauticId(ctx, value, label, itemIndex);
}

/** "5, 7" → [5, 7]. */
export function idList(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): number[] {
	if (value === undefined || value === null || value === '') return [];
	const parts = Array.isArray(value) ? value : String(value).split(',');
	return parts
		.map((p) => String(p).trim())
		.filter((p) => p !== '')
		.map((p) => mauticId(ctx, p, label, itemIndex));
}

/** The Tokens fixed collection → name → text; `{name}` braces are dropped, duplicates refused. */
export function tokenValues(
	ctx: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
): Record<string, string> {
	const rows = ((raw as IDataObject | undefined)?.token ?? []) as IDataObject[];
	const out: Record<string, string> = {};
	for (const row of Array.isArray(rows) ? rows : []) {
		const name = String(row.name ?? '')
			.trim()
			.replace(/^\{+|\}+$/g, '');
		if (name === '') return fail(ctx, itemIndex, 'Tokens: a token has no name');
		if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
			return fail(
				ctx,
				itemIndex,
				`Tokens: ${shown(name)} is not a token name (letters, digits, _ . - and no spaces)`,
			);
		}
		if (name in out) return fail(ctx, itemIndex, `Tokens: ${shown(name)} is given twice`);
		const value = row.value;
		if (value === undefined || value === null) out[name] = '';
		else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
			out[name] = String(value);
		else
			return fail(
				ctx,
				itemIndex,
				`Tokens: the value of ${shown(name)} must be text or a number, got ${shown(value)}`,
			);
	}
	return out;
}

/** The recipient fields of `recipientProperties` (actions/recipient.properties.ts), read and checked for one item. */
export interface Recipient {
	leadRef: string;
	email: string | undefined;
	options: IDataObject;
	contactId: number | undefined;
}

export function readRecipient(ctx: IExecuteFunctions, i: number): Recipient {
	const leadRef = requiredText(ctx, ctx.getNodeParameter('leadRef', i, ''), 'Lead Reference', i);
	const email = optionalEmail(ctx, ctx.getNodeParameter('email', i, ''), i);
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const contactId = optionalMauticId(
		ctx,
		optionalText(ctx, options.mauticContactId, 'Mautic Contact ID', i),
		'Mautic Contact ID',
		i,
	);
	return { leadRef, email, options, contactId };
}
