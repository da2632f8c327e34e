// Anthropic Messages API key. The API authenticates with the `x-api-key` header and requires an
// `anthropic-version` header on every request (our connector sets it too); the test lists models,
// which answers 401 `authentication_error` for a wrong key. Own type rather than n8n's `anthropicApi`
// because strict lint (no-credential-reuse) rejects foreign credential types: docs/decisions/0004-credentials.md.
import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class LeadToCloseAnthropicApi implements ICredentialType {
	name = 'leadToCloseAnthropicApi';

	displayName = 'Lead-to-Close Anthropic API';

	icon: Icon = { light: 'file:../icons/anthropic.svg', dark: 'file:../icons/anthropic.dark.svg' };

	documentationUrl = 'https://github.com/lead-to-close/n8n-nodes-lead-to-close#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.anthropic.com',
			description: 'Change only for a proxy or gateway that speaks the Messages API',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
				'anthropic-version': '2023-06-01',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/models',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Anthropic answered 401 (authentication_error): the API key is invalid or revoked.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Anthropic answered 403 (permission_error): this API key may not list models.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'The Base URL answered 404: it does not serve the Anthropic Messages API.',
				},
			},
		],
	};
}
