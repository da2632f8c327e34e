// Resource locators for InvenTree parts and categories: pick from a searchable list (methods/listSearch.ts),
// type the numeric ID, or paste a URL of the part from InvenTree's web UI (`…/part/42/…`, both the
// classic and the /platform UI). Reading one always yields a positive integer pk or an error that names
// the parameter and the value given.
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

const ID_VALIDATION = (what: string) => [
	{
		type: 'regex' as const,
		properties: {
			regex: '^[0-9]+$',
			errorMessage: `Not a valid InvenTree ${what} ID (a whole number such as 42)`,
		},
	},
];

export function partLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Part',
		name: 'part',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The InvenTree part',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchParts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 42',
				validation: ID_VALIDATION('part'),
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://inventree.example.com/platform/part/42/details',
				extractValue: { type: 'regex', regex: '/part/([0-9]+)' },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '.*/part/[0-9]+.*',
							errorMessage: 'Not a URL of an InvenTree part (…/part/<id>/…)',
						},
					},
				],
			},
		],
		...overrides,
	};
}

export function categoryLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Category',
		name: 'category',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The InvenTree part category',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCategories', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 7',
				validation: ID_VALIDATION('category'),
			},
		],
		...overrides,
	};
}

/** A locator's value as a pk; `undefined` when the locator is empty and `optional`. */
export function locatorId(
	ctx: IExecuteFunctions,
	value: unknown,
	parameter: string,
	itemIndex: number,
	optional = false,
): number | undefined {
	const raw =
		value && typeof value === 'object' && 'value' in value
			? (value as { value: unknown }).value
			: value;
	if ((raw === undefined || raw === null || raw === '') && optional) return undefined;
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!/^[1-9][0-9]*$/.test(text)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Parameter "${parameter}" must be an InvenTree ID (a whole number), got ${JSON.stringify(raw ?? null)}`,
			{ itemIndex },
		);
	}
	return Number(text);
}

/** Reads a resource-locator parameter of item `i` (the URL mode's regex is applied by n8n). */
export function readLocator(
	ctx: IExecuteFunctions,
	name: string,
	i: number,
	label: string,
	optional = false,
): number | undefined {
	const value = ctx.getNodeParameter(name, i, undefined, { extractValue: true });
	return locatorId(ctx, value, label, i, optional);
}
