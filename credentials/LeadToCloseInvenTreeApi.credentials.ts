// InvenTree API token credential. InvenTree's ApiTokenAuthentication (a DRF TokenAuthentication) reads
// `Authorization: Token <key>` — the prefix is `Token`, not `Bearer` (inventree.md §1). The test asks
// for the current user (`GET /api/user/me/`), which needs authentication and answers 401
// `{"detail": "Invalid token."}` for a wrong, revoked or expired key; `GET /api/` would not do, because
// it answers without any credential. Keys look like `inv-<40 hex>-<YYYYMMDD>`, expire (365 days by
// default) and are shown once. Own type, not a shared one: docs/decisions/0004-credentials.md.
import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class LeadToCloseInvenTreeApi implements ICredentialType {
	name = 'leadToCloseInvenTreeApi';

	displayName = 'Lead-to-Close InvenTree API';

	icon: Icon = { light: 'file:../icons/inventree.svg', dark: 'file:../icons/inventree.dark.svg' };

	documentationUrl = 'https://github.com/lead-to-close/n8n-nodes-lead-to-close#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://inventree.example.com',
			description: 'URL of the InvenTree server, without a trailing /api',
			required: true,
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'inv-…',
			description:
				'User settings → Account → API Tokens (shown once). Requests run as that user with its roles; the token expires, 365 days after creation by default.',
			required: true,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Token {{$credentials.apiToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "").replace(/\\/api$/, "")}}',
			url: '/api/user/me/',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'InvenTree answered 401: the API token is wrong or has expired. Create a new one under user settings → Account → API Tokens (it is shown only once) and paste it here.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"InvenTree answered 403: the token's user is not allowed to use the API. Give the user an active account with read access to parts and stock.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'InvenTree answered 404: the Base URL does not point at an InvenTree server. Use the server address without /api, e.g. https://inventree.example.com.',
				},
			},
		],
	};
}
