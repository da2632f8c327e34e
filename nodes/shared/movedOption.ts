// Parameters that moved under Options (issue 16): settings a person rarely sets, such as the fixed clock
// "Reference Date" / "Now" for replays and tests, live in the node's Options collection under the same
// name. A workflow saved before the move still holds the parameter at the top level: it keeps working
// (read when the option is not set) and shows in the panel only while it holds a value, named as the old
// place, so it can be seen and cleared.
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export interface MovedParameter {
	/** The entry for the Options collection. */
	option: INodeProperties;
	/** The top-level parameter of older workflows, shown only while it holds a value. */
	legacy: INodeProperties;
}

export function movedToOptions(
	property: INodeProperties,
	displayOptions: IDisplayOptions = {},
): MovedParameter {
	const option: INodeProperties = { ...property };
	delete option.displayOptions;
	return {
		option,
		legacy: {
			...property,
			displayName: `${property.displayName} (Moved to Options)`,
			description: `Set by a workflow saved before ${property.displayName} moved under Options; still used when the option is not set. Clear it here and set the option instead.`,
			displayOptions: {
				...displayOptions,
				show: { ...displayOptions.show, [property.name]: [{ _cnd: { exists: true } }] },
			},
		},
	};
}

/** The moved parameter's value: the option when set, else the old top-level parameter, else ''. */
export function movedParameter(ctx: IExecuteFunctions, name: string, itemIndex: number): unknown {
	const option = ctx.getNodeParameter(`options.${name}`, itemIndex, '') as unknown;
	if (option !== '' && option !== undefined && option !== null) return option;
	return ctx.getNodeParameter(name, itemIndex, '') as unknown;
}
