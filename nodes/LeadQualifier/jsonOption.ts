// The one reading of a JSON-object option (Weights, Ideal Customer Profile, Need Taxonomy): an object
// as n8n gives it or its JSON text; anything else names the option and the value.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

export function parseJsonOption(
	ctx: IExecuteFunctions,
	value: unknown,
	name: string,
): IDataObject | undefined {
	if (value === undefined || value === '' || value === null) return undefined;
	if (typeof value === 'object') return value as IDataObject;
	try {
		const parsed: unknown = JSON.parse(String(value));
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
			return parsed as IDataObject;
	} catch {
		// reported below
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`Option "${name}" must be a JSON object, got ${JSON.stringify(String(value).slice(0, 80))}`,
	);
}
