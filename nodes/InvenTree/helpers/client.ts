// The InvenTree client of a node run or an editor lookup, on the credential `leadToCloseInvenTreeApi`
// through n8n's request helper (so n8n applies the `Token` header, proxy and SSL settings), with the
// token registered as a secret so no error can echo it.
import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { InvenTreeClient } from '../../../connectors/inventree';

export const CREDENTIAL = 'leadToCloseInvenTreeApi';

export async function invenTreeClient(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
): Promise<InvenTreeClient> {
	const creds = await ctx.getCredentials<{ baseUrl: string; apiToken: string }>(CREDENTIAL);
	return InvenTreeClient.forNode(ctx, creds);
}
