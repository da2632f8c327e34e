// "Return All" / "Limit" for list operations (n8n's usual pair), and reading them into the connector's
// row limit: every page is read for Return All, else the list stops after Limit rows.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The connector's `limit`: undefined (all rows) for Return All. */
export function rowLimit(ctx: IExecuteFunctions, i: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', i, false) as boolean) return undefined;
	return ctx.getNodeParameter('limit', i, 50) as number;
}
