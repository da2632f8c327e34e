// Service clients for the Outreach node, each on n8n's request helpers with its credential's
// secrets registered for redaction (connectors/*). Built once per execution.
import type { IExecuteFunctions } from 'n8n-workflow';

import { AnthropicClient } from '../../../connectors/anthropic';
import { ErpNextClient } from '../../../connectors/erpnext';
import { n8nAdapter } from '../../../connectors/http';
import { MAUTIC_CREDENTIAL_TYPE, MauticClient } from '../../../connectors/mautic';

export const ERPNEXT_CREDENTIAL = 'leadToCloseErpNextApi';
export const ANTHROPIC_CREDENTIAL = 'leadToCloseAnthropicApi';
export const MAUTIC_CREDENTIAL = MAUTIC_CREDENTIAL_TYPE;

export async function mauticClient(ctx: IExecuteFunctions): Promise<MauticClient> {
	return MauticClient.forNode(ctx, await ctx.getCredentials(MAUTIC_CREDENTIAL));
}

export async function erpNextClient(ctx: IExecuteFunctions): Promise<ErpNextClient> {
	const creds = await ctx.getCredentials<{ baseUrl: string; apiKey: string; apiSecret: string }>(ERPNEXT_CREDENTIAL);
	return new ErpNextClient({ baseUrl: creds.baseUrl, adapter: n8nAdapter(ctx, ERPNEXT_CREDENTIAL), secrets: [creds.apiKey, creds.apiSecret] });
}

export async function anthropicClient(ctx: IExecuteFunctions): Promise<AnthropicClient> {
	const creds = await ctx.getCredentials<{ apiKey: string; baseUrl?: string }>(ANTHROPIC_CREDENTIAL);
	return new AnthropicClient({ baseUrl: creds.baseUrl || undefined, adapter: n8nAdapter(ctx, ANTHROPIC_CREDENTIAL), secrets: [creds.apiKey] });
}
