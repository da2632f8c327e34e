// ERPNext / Frappe token credential. Frappe authenticates `Authorization: token <api_key>:<api_secret>`
// (frappe/auth.py validate_auth); the test calls frappe.auth.get_logged_user, which answers 401 with a
// JSON AuthenticationError body for a wrong key or secret. We ship our own type instead of reusing n8n's
// built-in `erpNextApi` because strict lint (no-credential-reuse) rejects foreign credential types:
// docs/decisions/0004-credentials.md.
import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class LeadToCloseErpNextApi implements ICredentialType {
	name = 'leadToCloseErpNextApi';

	displayName = 'Lead-to-Close ERPNext API';

	icon: Icon = { light: 'file:../icons/erpnext.svg', dark: 'file:../icons/erpnext.dark.svg' };

	documentationUrl = 'https://github.com/lead-to-close/n8n-nodes-lead-to-close#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://erp.example.com',
			description: 'URL of the ERPNext site, without a trailing /api',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'User → Settings → API Access → Generate Keys. Requests run as that user with its roles.',
			required: true,
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Propose Only (AI Writes Wait for Approval)',
			name: 'proposeOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether every AI write of every Lead-to-Close node that uses this credential (AI fields, quotes sent automatically, risk actions) becomes a proposal on the record, applied only when a person approves it in the desk. One switch for the whole pipeline; a node can also be set to Propose Only on its own.',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				"Whether to connect even when the site's TLS certificate cannot be validated (self-signed or from an internal CA). Anyone between n8n and ERPNext could then read the API key: prefer adding the CA to n8n (NODE_EXTRA_CA_CERTS).",
		},
	];

	// A function, not a generic `={{$credentials…}}` header: n8n resolves generic headers with its
	// expression engine, and n8n 2.41 releases the workflow's expression isolate when a scheduled poll
	// ends, even while the ERPNext Trigger's webhook registration still runs, which failed the activation
	// with "No bridge acquired for this context" (ADR 0011 addendum).
	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const token = `token ${String(credentials.apiKey ?? '')}:${String(credentials.apiSecret ?? '')}`;
		// Every request of every node goes through here (connectors/http/n8nAdapter.ts →
		// httpRequestWithAuthentication), so the switch applies wherever the credential is used.
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: token },
			...(credentials.ignoreSslIssues === true ? { skipSslCertificateValidation: true } : {}),
		};
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/method/frappe.auth.get_logged_user',
			headers: { Accept: 'application/json' },
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues === true}}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'ERPNext answered 401 (AuthenticationError): the API key or API secret is wrong. Generate new keys on the user (Settings → API Access).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'ERPNext answered 404: the Base URL does not point at a Frappe/ERPNext site (use the site URL without /api).',
				},
			},
		],
	};
}
