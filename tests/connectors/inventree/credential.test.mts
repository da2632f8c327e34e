// The InvenTree credential: its shape, its generic `Authorization: Token <key>` header and its test
// request against the contract server (200 for the right token, 401 `{"detail"}` for a wrong one), and
// the client on `n8nAdapter(this, 'leadToCloseInvenTreeApi')` inside the real n8n-core engine
// (tests/workflow/harness.mts), so a node built on it gets the credential applied by n8n.
import { existsSync } from 'node:fs';

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LeadToCloseInvenTreeApi } from '../../../credentials/LeadToCloseInvenTreeApi.credentials';
import { loadInvenTreeCatalog } from '../../../connectors/catalog';
import { n8nAdapter } from '../../../connectors/http';
import { InvenTreeClient, InvenTreeError } from '../../../connectors/inventree';
import { startInvenTreeServer } from '../../contract/inventree-server.mts';
import type { InvenTreeServer } from '../../contract/inventree-server.mts';
import { chain, node, runWorkflow } from '../../workflow/harness.mts';

const credential = new LeadToCloseInvenTreeApi();
let server: InvenTreeServer;

beforeAll(async () => {
	server = await startInvenTreeServer({ seed: 'small' });
});
afterAll(async () => {
	await server.stop();
});

/** Evaluates one `={{ … }}` credential expression with `$credentials` bound (the way n8n would). */
function evaluate(template: string, credentials: Record<string, string>): string {
	if (!template.startsWith('=')) return template;
	return template.slice(1).replace(/\{\{([\s\S]+?)\}\}/g, (_, code: string) => String(new Function('$credentials', `return (${code});`)(credentials)));
}

describe('LeadToCloseInvenTreeApi', () => {
	it('is named, labelled and iconned as the package expects', () => {
		expect(credential.name).toBe('leadToCloseInvenTreeApi');
		expect(credential.displayName).toMatch(/API$/);
		expect(credential.icon).toEqual({ light: 'file:../icons/inventree.svg', dark: 'file:../icons/inventree.dark.svg' });
		for (const file of ['inventree.svg', 'inventree.dark.svg']) expect(existsSync(new URL(`../../../icons/${file}`, import.meta.url))).toBe(true);
		expect(credential.properties.map((p) => [p.name, p.type, p.typeOptions?.password ?? false, p.required])).toEqual([
			['baseUrl', 'string', false, true],
			['apiToken', 'string', true, true],
		]);
	});

	it.each([
		{ baseUrl: 'http://inv.example.com', expected: 'http://inv.example.com' },
		{ baseUrl: 'http://inv.example.com/', expected: 'http://inv.example.com' },
		{ baseUrl: 'http://inv.example.com/api/', expected: 'http://inv.example.com' },
	])('test request base URL from $baseUrl', ({ baseUrl, expected }) => {
		expect(evaluate(String(credential.test.request.baseURL), { baseUrl, apiToken: 'x' })).toBe(expected);
	});

	async function runTest(apiToken: string) {
		const creds = { baseUrl: `${server.url}/api/`, apiToken };
		const headers = Object.fromEntries(
			Object.entries(credential.authenticate.properties.headers ?? {}).map(([k, v]) => [k, evaluate(String(v), creds)]),
		);
		const { request } = credential.test;
		const response = await fetch(`${evaluate(String(request.baseURL), creds)}${request.url}`, {
			headers: { ...(request.headers as Record<string, string>), ...headers },
		});
		return { status: response.status, body: (await response.json()) as unknown, headers };
	}

	it('the test request passes with the right token, sending "Authorization: Token <key>"', async () => {
		const result = await runTest(server.state.token);
		expect(result.headers).toEqual({ Authorization: `Token ${server.state.token}` });
		expect(result).toMatchObject({ status: 200, body: { username: 'quote-bot' } });
	});

	it('the test request fails with 401 {"detail": "Invalid token."} for a wrong token', async () => {
		expect(await runTest('inv-not-the-token')).toMatchObject({ status: 401, body: { detail: 'Invalid token.' } });
	});
});

describe('the client inside the n8n engine', () => {
	type Scenario = (client: InvenTreeClient) => Promise<Record<string, unknown>>;
	let scenario: Scenario = async () => ({});

	class ProbeNode implements INodeType {
		description = {
			displayName: 'Probe',
			name: 'probe',
			group: ['transform'],
			version: 1,
			description: 'runs an InvenTree scenario',
			defaults: { name: 'Probe' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'leadToCloseInvenTreeApi', required: true }],
			properties: [],
		} as unknown as INodeType['description'];

		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const creds = await this.getCredentials('leadToCloseInvenTreeApi');
			const client = new InvenTreeClient({
				baseUrl: String(creds.baseUrl),
				adapter: n8nAdapter(this, 'leadToCloseInvenTreeApi'),
				secrets: [String(creds.apiToken)],
				transport: { sleep: async () => undefined },
			});
			return [[{ json: (await scenario(client)) as IDataObject, pairedItem: { item: 0 } }]];
		}
	}

	async function run(apiToken: string, body: Scenario) {
		scenario = body;
		const result = await runWorkflow({
			nodeTypes: { 'test.probe': new ProbeNode() },
			credentialTypes: [credential],
			credentials: { leadToCloseInvenTreeApi: { baseUrl: server.url, apiToken } },
			nodes: [node('Start', 'test.start', { items: '[{}]' }), node('Probe', 'test.probe')],
			connections: chain('Start', 'Probe'),
		});
		return result.output('Probe')[0].json;
	}

	it('pages parts and loads the catalog with the credential applied by n8n', async () => {
		const before = server.requests.length;
		const out = await run(server.state.token, async (client) => {
			const catalog = await loadInvenTreeCatalog(client);
			return { skus: catalog.items.map((i) => i.sku), warnings: catalog.warnings.length };
		});
		expect(out).toEqual({ skus: ['PLC-1511', 'IO-DI16', 'CAB-ETH-CAT6', 'SRV-COMM'], warnings: 0 });
		const sent = server.requests.slice(before);
		expect(sent.map((r) => r.path)).toEqual(['/api/', '/api/currency/exchange/', '/api/part/']);
		expect(sent.every((r) => r.headers.authorization === `Token ${server.state.token}`)).toBe(true);
		expect(sent[2].query).toMatchObject({ limit: '100', offset: '0' });
	});

	it('a 400 comes back as an InvenTreeError naming the field, and a wrong token never shows', async () => {
		const wrong = 'inv-engine-wrong-token-0001';
		const out = await run(wrong, async (client) => {
			const error = await client.whoAmI().catch((e: unknown) => e);
			return { isInvenTree: error instanceof InvenTreeError, status: (error as InvenTreeError).status ?? null, dump: JSON.stringify(error) + String((error as Error).message) };
		});
		expect(out).toMatchObject({ isInvenTree: true, status: 401 });
		expect(String(out.dump)).not.toContain(wrong);

		const refused = await run(server.state.token, async (client) => {
			const error = (await client.salePriceBreaks(4242).catch((e: unknown) => e)) as InvenTreeError;
			return { status: error.status ?? null, message: error.message };
		});
		expect(refused).toEqual({
			status: 400,
			message: 'InvenTree 400 ValidationError: part: Select a valid choice. That choice is not one of the available choices. (GET /api/part/sale-price/)',
		});
	});
});
