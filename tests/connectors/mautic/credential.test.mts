// The Mautic credential inside n8n-core's own request path: the credential "Test" (run the way n8n's
// credentials tester runs it, through RoutingNode), Basic auth and the OAuth2 token that n8n stores in
// the hidden expirable field through preAuthentication, and the connector's renewal when that stored
// token has expired. The credentials helper below stands in for n8n's CLI one (not in n8n-core); its
// preAuthentication follows n8n 2.41's dist/credentials-helper.js: run the credential's
// preAuthentication when the expirable field is empty, when testing, or after a thrown 401, then
// persist the result.
import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	createEmptyRunExecutionData,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialsDecrypted,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { LeadToCloseMauticApi } from '../../../credentials/LeadToCloseMauticApi.credentials';
import { MauticClient } from '../../../connectors/mautic';
import { MAUTIC_DEFAULTS, apiRequests, failure } from './support.mts';
import { startMauticServer } from '../../contract/mautic-server.mts';
import type { MauticServer } from '../../contract/mautic-server.mts';

const credentialType = new LeadToCloseMauticApi();
const TYPE = credentialType.name;

class StoreCredentialsHelper extends ICredentialsHelper {
	persisted = 0;

	constructor(public stored: ICredentialDataDecryptedObject) {
		super();
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(credentials: ICredentialDataDecryptedObject, _type: string, requestOptions: IHttpRequestOptions) {
		const auth = credentialType.authenticate;
		if (typeof auth !== 'function') throw new Error('expected a function authenticate');
		return await auth(credentials, requestOptions);
	}
	async preAuthentication(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, _type: string, node: INode, expired: boolean) {
		const expirable = credentialType.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable) return undefined;
		const testing = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !expired && !testing) return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.stored = { ...this.stored, ...output } as ICredentialDataDecryptedObject;
		this.persisted += 1;
		return Object.assign(credentials, output);
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}
	async getDecrypted() {
		// A fresh copy per call, like n8n reading the credential from the database.
		return { ...this.stored };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return credentialType.properties;
	}
}

function contextFor(helper: StoreCredentialsHelper, nodeType: INodeType, node: INode): ExecuteContext {
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, nodeTypes, active: false, settings: {} });
	const known: Partial<IWorkflowExecuteAdditionalData> = { credentialsHelper: helper, currentNodeExecutionIndex: 0, variables: {}, executionId: 'e' };
	const additionalData = new Proxy(known, { get: (t, k) => (t as Record<string | symbol, unknown>)[k] }) as IWorkflowExecuteAdditionalData;
	return new ExecuteContext(workflow, node, additionalData, 'manual', createEmptyRunExecutionData(), 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, []);
}

const mauticNodeType = {
	description: {
		displayName: 'Mautic test node',
		name: 'test.mautic',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Mautic' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: TYPE, required: true }],
		properties: [],
	},
} as unknown as INodeType;

function nodeContext(helper: StoreCredentialsHelper): ExecuteContext {
	return contextFor(helper, mauticNodeType, {
		id: 'n',
		name: 'Mautic',
		type: 'test.mautic',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [TYPE]: { id: '1', name: 'Mautic account' } },
	});
}

/** Runs the credential's `test` request the way n8n's CredentialsTester does (RoutingNode on a temp noOp). */
async function runCredentialTest(data: ICredentialDataDecryptedObject): Promise<{ ok: boolean; message?: string; helper: StoreCredentialsHelper }> {
	const helper = new StoreCredentialsHelper(data);
	const noOp = {
		description: {
			displayName: 'No Op',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: TYPE, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credentialType.test.request }, default: '' }],
		},
	} as unknown as INodeType;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [TYPE]: { id: '1', name: 'Mautic account' } },
	};
	const context = contextFor(helper, noOp, node);
	const decrypted: ICredentialsDecrypted = { id: '1', name: 'Mautic account', type: TYPE, data };
	try {
		await new RoutingNode(context, noOp, decrypted).runNode();
		return { ok: true, helper };
	} catch (error) {
		return { ok: false, message: (error as Error).message, helper };
	}
}

let server: MauticServer;

const basic = (password: string = MAUTIC_DEFAULTS.password): ICredentialDataDecryptedObject => ({
	baseUrl: `${server.url}/`,
	authType: 'basic',
	username: MAUTIC_DEFAULTS.username,
	password,
	accessToken: '',
});
const oauth = (secret: string = MAUTIC_DEFAULTS.clientSecret): ICredentialDataDecryptedObject => ({
	baseUrl: `${server.url}/api`,
	authType: 'oAuth2ClientCredentials',
	clientId: MAUTIC_DEFAULTS.clientId,
	clientSecret: secret,
	accessToken: '',
});

beforeEach(async () => {
	server = await startMauticServer();
});
afterEach(async () => {
	await server.stop();
});

describe('credential definition', () => {
	it('is named for lint and n8n: leadToCloseMauticApi, display name ending in API, both auth types', () => {
		expect(credentialType.name).toBe('leadToCloseMauticApi');
		expect(credentialType.displayName).toMatch(/API$/);
		const authType = credentialType.properties.find((p) => p.name === 'authType');
		expect(authType?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual(['basic', 'oAuth2ClientCredentials']);
		expect(credentialType.properties.find((p) => p.name === 'accessToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		expect(credentialType.test.request).toMatchObject({ url: '/api/users/self' });
	});

	it('authenticate sends Basic or the stored Bearer token', async () => {
		const auth = credentialType.authenticate as (c: ICredentialDataDecryptedObject, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
		const b = await auth({ authType: 'basic', username: 'u', password: 'p' }, { url: '/x', headers: { Accept: 'application/json' } });
		expect(b.headers).toEqual({ Accept: 'application/json', Authorization: `Basic ${Buffer.from('u:p').toString('base64')}` });
		const o = await auth({ authType: 'oAuth2ClientCredentials', accessToken: 'tok' }, { url: '/x' });
		expect(o.headers).toEqual({ Authorization: 'Bearer tok' });
	});
});

describe('credential Test (n8n-core RoutingNode, as the credentials tester runs it)', () => {
	it.each([
		{ name: 'Basic, right password', data: () => basic(), ok: true },
		{ name: 'Basic, wrong password (401)', data: () => basic('wrong'), ok: false },
		{ name: 'OAuth2, right secret: token fetched by preAuthentication', data: () => oauth(), ok: true },
		{ name: 'OAuth2, wrong secret (token endpoint 400)', data: () => oauth('wrong'), ok: false },
	])('$name → ok $ok', async ({ data, ok }) => {
		const result = await runCredentialTest(data());
		expect(result.ok).toBe(ok);
		const selfCalls = server.requests.filter((r) => r.path === '/api/users/self');
		if (ok) expect(selfCalls.at(-1)?.status).toBe(200);
	});

	it('OAuth2: the tested request carries the token preAuthentication fetched', async () => {
		const result = await runCredentialTest(oauth());
		expect(result.ok).toBe(true);
		expect(server.state.tokensIssued()).toBe(1);
		expect(server.requests.map((r) => r.path)).toEqual(['/oauth/v2/token', '/api/users/self']);
		expect(server.requests[1].headers.authorization).toBe(`Bearer ${String(result.helper.stored.accessToken)}`);
	});

	it('API disabled fails the test with 403', async () => {
		server.state.settings.apiEnabled = false;
		const result = await runCredentialTest(basic());
		expect(result.ok).toBe(false);
		expect(server.requests.at(-1)).toMatchObject({ path: '/api/users/self', status: 403 });
	});
});

describe('MauticClient.forNode through httpRequestWithAuthentication', () => {
	it('Basic: n8n applies the credential', async () => {
		const helper = new StoreCredentialsHelper(basic());
		const ctx = nodeContext(helper);
		const client = MauticClient.forNode(ctx, await ctx.getCredentials(TYPE, 0));
		expect((await client.whoAmI()).username).toBe('api-user');
		expect(server.requests[0].headers.authorization).toMatch(/^Basic /);
		expect(helper.persisted).toBe(0);
	});

	it('OAuth2: the first call stores a token; an expired token is renewed through n8n once and the call repeated', async () => {
		const helper = new StoreCredentialsHelper(oauth());
		const ctx = nodeContext(helper);
		const client = MauticClient.forNode(ctx, await ctx.getCredentials(TYPE, 0));
		const c = server.state.seedContact({ email: 'a@example.com' });

		expect((await client.getContact(c.id)).id).toBe(c.id);
		expect(helper.persisted).toBe(1);
		const first = String(helper.stored.accessToken);
		await client.getContact(c.id);
		expect(server.state.tokensIssued()).toBe(1);

		server.state.expireTokens();
		expect((await client.getContact(c.id)).id).toBe(c.id);
		expect(server.state.tokensIssued()).toBe(2);
		expect(helper.stored.accessToken).not.toBe(first);
		expect(apiRequests(server).slice(2).map((r) => [r.path, r.status])).toEqual([
			[`/api/contacts/${c.id}`, 401],
			['/api/users/self', 401],
			['/api/users/self', 200],
			[`/api/contacts/${c.id}`, 200],
		]);
	});

	it('OAuth2 with a wrong secret: a MauticError without the secret', async () => {
		const helper = new StoreCredentialsHelper(oauth('a-wrong-client-secret'));
		const ctx = nodeContext(helper);
		const client = MauticClient.forNode(ctx, await ctx.getCredentials(TYPE, 0));
		const error = await failure(client.whoAmI());
		expect(JSON.stringify(error) + error.message).not.toContain('a-wrong-client-secret');
		expect(apiRequests(server)).toHaveLength(0);
	});
});
