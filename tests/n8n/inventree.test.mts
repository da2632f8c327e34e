// The InvenTree node inside a real n8n: a webhook workflow whose InvenTree node searches parts with an
// imported Lead-to-Close InvenTree credential pointing at the InvenTree contract server, and the part
// picker (methods.listSearch) called through n8n's editor endpoint, the way the UI lists parts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';

const CRED_ID = 'ltcInvCred000001';
const CRED = { leadToCloseInvenTreeApi: { id: CRED_ID, name: 'InvenTree contract server' } };
const NODE_TYPE = 'n8n-nodes-lead-to-close.inventree';

const search: WorkflowFixture = {
	id: 'ltcTestInvSearch1',
	name: 'test inventree search',
	nodes: [
		{
			id: 'inv-1',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: 'inv-search-hook',
			parameters: {
				httpMethod: 'POST',
				path: 'test/inventree-search',
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		},
		{
			id: 'inv-2',
			name: 'InvenTree',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: {
				resource: 'part',
				operation: 'search',
				query: '={{ $json.body.q }}',
				limit: 5,
				options: {},
			},
			credentials: CRED,
		},
	],
	connections: { Webhook: { main: [[{ node: 'InvenTree', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

let n8n: N8nInstance;
let inventree: InvenTreeServer;

beforeAll(async () => {
	inventree = await startInvenTreeServer({ seed: 'samples' });
	n8n = await startN8n({
		credentials: [
			{
				id: CRED_ID,
				name: 'InvenTree contract server',
				type: 'leadToCloseInvenTreeApi',
				data: { baseUrl: inventree.url, apiToken: inventree.state.token },
			},
		],
		workflows: [search],
		activate: [search.id],
	});
});

afterAll(async () => {
	await n8n?.stop();
	await inventree?.stop();
});

describe('InvenTree node in a real n8n', () => {
	it("searches parts through n8n with the credential's Token header", async () => {
		const before = inventree.requests.length;
		const res = await n8n.waitForWebhook('test/inventree-search', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ q: 'S7-1500 CPU' }),
		});
		expect(res.status).toBe(200);
		const parts = (await res.json()) as Array<{ pk: number; name: string; IPN: string }>;
		expect(parts.length).toBeGreaterThan(1);
		expect(parts.length).toBeLessThanOrEqual(5);
		expect(parts.map((p) => p.IPN)).toContain('6ES7511-1AK02-0AB0');
		const calls = inventree.requests.slice(before).filter((r) => r.path === '/api/part/');
		expect(calls.length).toBeGreaterThan(0);
		expect(
			calls.every(
				(r) =>
					r.headers.authorization === `Token ${inventree.state.token}` &&
					r.query.search === 'S7-1500 CPU' &&
					r.query.limit === '5',
			),
		).toBe(true);
	});

	it("lists parts for the picker through n8n's resource-locator endpoint, page by page", async () => {
		const ask = async (filter: string, paginationToken?: string) =>
			await n8n.rest<{
				data: { results: Array<{ name: string; value: string }>; paginationToken?: string };
			}>('POST', '/dynamic-node-parameters/resource-locator-results', {
				path: 'parameters.part',
				nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
				currentNodeParameters: {
					resource: 'part',
					operation: 'get',
					part: { __rl: true, mode: 'list', value: '' },
				},
				methodName: 'searchParts',
				credentials: CRED,
				filter,
				...(paginationToken ? { paginationToken } : {}),
			});
		const first = await ask('');
		expect(first.status).toBe(200);
		expect(first.body.data.results).toHaveLength(50);
		expect(first.body.data.paginationToken).toBe('50');
		const next = await ask('', first.body.data.paginationToken);
		expect(next.body.data.results[0].value).not.toBe(first.body.data.results[0].value);
		const cpu = await ask('1511-1');
		expect(cpu.body.data.results).toEqual([
			{
				name: expect.stringMatching(/^6ES7511-1AK02-0AB0 \| /),
				value: expect.stringMatching(/^\d+$/),
			},
		]);
	});
});
