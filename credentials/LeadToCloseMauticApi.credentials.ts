// Mautic 5.x API credential: Basic auth (a Mautic user) or OAuth2 client credentials (an API
// credential an admin created; Mautic 4.0+ adds the client_credentials grant to those), mautic.md §1.
// The API and Basic auth are both OFF by default in Mautic; the test calls GET /api/users/self, which
// answers 401 for a wrong password or token and 403 `api_disabled` while the API is off, so a test
// failure names the setting to change. Own type rather than n8n's `mauticApi`/`mauticOAuth2Api`
// because strict lint (no-credential-reuse) rejects foreign types, docs/decisions/0004-credentials.md;
// n8n's own Mautic OAuth2 credential offers only the authorization-code grant anyway.
//
// OAuth2 token handling (the choice): the token lives IN this credential, through n8n's own mechanism,
// not in the connector.
// - `accessToken` is a hidden field with `typeOptions.expirable`. n8n calls `preAuthentication` when it
//   is empty, when testing the credential, and after an authenticated request threw a 401; the token
//   it returns is stored encrypted with the credential, so every execution and every node (including
//   the HTTP Request node) shares one token instead of exchanging client id/secret on each run.
// - Considered instead: (a) the connector exchanging the token itself. That token would live only for
//   one execution (shipped code has no process-wide cache), costing a token request per run, and the
//   credential "Test" could not work, because a test is one declarative request with no token.
//   (b) A second type extending n8n's `oAuth2Api` with grantType clientCredentials: strict lint wants
//   it named `…OAuth2Api` (cred-class-oauth2-naming), users would pick between two Mautic types, and
//   n8n's OAuth2 path also renews only on a THROWN 401, so it would not remove (c) below.
// - (c) The limit of n8n's mechanism: it renews only when a request THROWS 401, and our transport asks n8n
//   not to throw on HTTP statuses. The connector therefore handles renewal: on a 401 it calls
//   `n8nTokenRefresher` (connectors/mautic/auth.ts), one probe that may throw so that n8n renews and
//   stores the token, and then repeats its call once. Outside n8n, `MauticClient.connect` performs
//   the same exchange itself and caches the token in memory until shortly before `expires_in`.
// - In Basic mode `preAuthentication` returns nothing, so n8n stores nothing and makes no extra call.
import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

function siteUrl(credentials: ICredentialDataDecryptedObject): string {
	const raw = typeof credentials.baseUrl === 'string' ? credentials.baseUrl : '';
	return raw
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/api$/, '');
}

function text(credentials: ICredentialDataDecryptedObject, key: string): string {
	const value = credentials[key];
	return typeof value === 'string' ? value : '';
}

export class LeadToCloseMauticApi implements ICredentialType {
	name = 'leadToCloseMauticApi';

	displayName = 'Lead-to-Close Mautic API';

	icon: Icon = { light: 'file:../icons/mautic.svg', dark: 'file:../icons/mautic.dark.svg' };

	documentationUrl = 'https://github.com/lead-to-close/n8n-nodes-lead-to-close#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://mautic.example.com',
			description:
				'URL of the Mautic site, without a trailing /api. The API must be enabled under Configuration → API Settings.',
			required: true,
		},
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'Basic Auth',
					value: 'basic',
					description: 'A Mautic user; needs "Enable HTTP basic auth" in the API settings',
				},
				{
					name: 'OAuth2 Client Credentials',
					value: 'oAuth2ClientCredentials',
					description:
						'An API credential (OAuth2) created by an admin under Settings → API Credentials',
				},
			],
			default: 'basic',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authType: ['basic'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['basic'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authType: ['oAuth2ClientCredentials'] } },
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['oAuth2ClientCredentials'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Exchanges client id/secret for a token (OAuth2 mode only); n8n stores the returned `accessToken`. */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		if (credentials.authType !== 'oAuth2ClientCredentials') return {};
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: text(credentials, 'clientId'),
			client_secret: text(credentials, 'clientSecret'),
		});
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${siteUrl(credentials)}/oauth/v2/token`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: form.toString(),
			json: true,
		})) as { access_token?: unknown };
		if (typeof response?.access_token !== 'string' || response.access_token === '') {
			throw new Error('Mautic did not return an access_token from /oauth/v2/token');
		}
		return { accessToken: response.access_token };
	}

	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const authorization =
			credentials.authType === 'oAuth2ClientCredentials'
				? `Bearer ${text(credentials, 'accessToken')}`
				: `Basic ${Buffer.from(`${text(credentials, 'username')}:${text(credentials, 'password')}`, 'utf8').toString('base64')}`;
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: authorization },
		};
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/api$/, "")}}',
			url: '/api/users/self',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Mautic answered 401: the username and password (Basic Auth) or the client ID and secret (OAuth2) are wrong. Check the user under Settings → Users, or the API credential under Settings → API Credentials.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Mautic answered 403: the API is switched off. In Mautic open Settings → Configuration → API Settings, set "API enabled" to Yes (and for Basic Auth also "Enable HTTP basic auth"), save, and try again.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Mautic answered 404: the Base URL does not point at a Mautic site. Use the site address without /api (with its subfolder, if Mautic is installed in one).',
				},
			},
		],
	};
}
