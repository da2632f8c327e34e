// The one reading of the qualification options shared by the Lead Qualifier and the Lead Score
// Calibration: a JSON-object option (Weights, Ideal Customer Profile, Need Taxonomy) as n8n gives it or
// as its JSON text, and the configuration they make, each error naming the option or field and value.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { parseQualifyConfig, type QualifyConfig } from '../../core/qualify';

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

/** The configuration from raw options (defaults filled in), or an error naming each bad field. */
export function qualifyConfigOrThrow(ctx: IExecuteFunctions, raw: IDataObject): QualifyConfig {
	const parsed = parseQualifyConfig(raw);
	if (!parsed.ok) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Invalid configuration: ${parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
		);
	}
	return parsed.value;
}
