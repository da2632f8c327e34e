// Service clients for the Outreach node, each on n8n's request helpers with its credential's
// secrets registered for redaction (connectors/*). Built once per execution. A credential that is
// needed and not selected is named with the node, the operation and what it is needed for (issue 16),
// never n8n's generic "Node does not have any credentials set".
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { AnthropicClient } from '../../../connectors/anthropic';
import { ErpNextClient } from '../../../connectors/erpnext';
import { MAUTIC_CREDENTIAL_TYPE, MauticClient } from '../../../connectors/mautic';

export const ERPNEXT_CREDENTIAL = 'leadToCloseErpNextApi';
export const ANTHROPIC_CREDENTIAL = 'leadToCloseAnthropicApi';
export const MAUTIC_CREDENTIAL = MAUTIC_CREDENTIAL_TYPE;

const CREDENTIAL_NAMES: Readonly<Record<string, string>> = {
	[MAUTIC_CREDENTIAL]: 'Lead-to-Close Mautic API',
	[ERPNEXT_CREDENTIAL]: 'Lead-to-Close ERPNext API',
	[ANTHROPIC_CREDENTIAL]: 'Lead-to-Close Anthropic API',
};

function label(value: unknown): string {
	const text = typeof value === 'string' ? value : '';
	return text.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

/** Whether a credential of this type is selected on the node. */
export function hasCredential(ctx: IExecuteFunctions, type: string): boolean {
	return Boolean(ctx.getNode().credentials?.[type]);
}

/** Throws, naming node, operation, credential and why, when a needed credential is not selected. */
export function requireCredential(ctx: IExecuteFunctions, type: string, why: string): void {
	if (hasCredential(ctx, type)) return;
	const node = ctx.getNode();
	const resource = label(ctx.getNodeParameter('resource', 0, ''));
	const operation = label(ctx.getNodeParameter('operation', 0, ''));
	throw new NodeOperationError(
		node,
		`${node.name} (${resource} › ${operation}) needs a "${CREDENTIAL_NAMES[type] ?? type}" credential ${why}, and none is selected`,
		{
			description: `Open the node and choose or create a "${CREDENTIAL_NAMES[type] ?? type}" credential under "Credential to connect with".`,
		},
	);
}

export async function mauticClient(
	ctx: IExecuteFunctions,
	why = 'to reach Mautic',
): Promise<MauticClient> {
	requireCredential(ctx, MAUTIC_CREDENTIAL, why);
	return MauticClient.forNode(ctx, await ctx.getCredentials(MAUTIC_CREDENTIAL));
}

export async function erpNextClient(
	ctx: IExecuteFunctions,
	why = 'for "Use ERPNext" (consent, logging)',
): Promise<ErpNextClient> {
	requireCredential(ctx, ERPNEXT_CREDENTIAL, why);
	const creds = await ctx.getCredentials<{ baseUrl: string; apiKey: string; apiSecret: string }>(
		ERPNEXT_CREDENTIAL,
	);
	return ErpNextClient.forNode(ctx, creds);
}

export async function anthropicClient(ctx: IExecuteFunctions): Promise<AnthropicClient> {
	requireCredential(ctx, ANTHROPIC_CREDENTIAL, 'to write the draft with Claude');
	const creds = await ctx.getCredentials<{ apiKey: string; baseUrl?: string }>(
		ANTHROPIC_CREDENTIAL,
	);
	return AnthropicClient.forNode(ctx, creds);
}
