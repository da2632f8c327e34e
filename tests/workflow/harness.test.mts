// Pins the in-process harness itself: the real engine runs a node's execute(), resolves expressions,
// applies a credential's generic authenticate to httpRequestWithAuthentication, and honours
// Continue On Fail — so node tests built on it mean what they say.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeType } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeadToCloseErpNextApi } from '../../credentials/LeadToCloseErpNextApi.credentials';
import { chain, node, runWorkflow } from './harness.mts';

class ProbeNode implements INodeType {
	description = {
		displayName: 'Probe', name: 'probe', group: ['transform'], version: 1, description: 'test', defaults: { name: 'Probe' },
		inputs: ['main'], outputs: ['main'], credentials: [{ name: 'leadToCloseErpNextApi', required: true }],
		properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '' }],
	} as unknown as INodeType['description'];
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		const creds = await this.getCredentials('leadToCloseErpNextApi');
		for (let i = 0; i < this.getInputData().length; i++) {
			try {
				const path = this.getNodeParameter('path', i) as string;
				if (path === '/bad') throw new NodeOperationError(this.getNode(), 'bad path', { itemIndex: i });
				const body = await this.helpers.httpRequestWithAuthentication.call(this, 'leadToCloseErpNextApi', { url: `${creds.baseUrl}${path}`, json: true });
				out.push({ json: body, pairedItem: { item: i } });
			} catch (e) {
				if (this.continueOnFail()) { out.push({ json: { error: (e as Error).message }, pairedItem: { item: i } }); continue; }
				throw e;
			}
		}
		return [out];
	}
}

let seen: IncomingHttpHeaders[] = [];
let url = '';
const server = createServer((req, res) => { seen.push(req.headers); res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ path: req.url })); });
beforeAll(async () => { await new Promise<void>((r) => server.listen(0, '127.0.0.1', r)); url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`; });
afterAll(() => { server.close(); });

describe('in-process workflow harness', () => {
	const base = (continueOnFail: boolean) => ({
		nodeTypes: { 'test.probe': new ProbeNode() },
		credentialTypes: [new LeadToCloseErpNextApi()],
		credentials: { leadToCloseErpNextApi: { baseUrl: url, apiKey: 'k1', apiSecret: 's1' } },
		nodes: [
			node('Start', 'test.start', { items: JSON.stringify([{ p: '/a' }, { p: '/bad' }, { p: '/c' }]) }),
			node('Probe', 'test.probe', { path: '={{ $json.p }}' }, continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		],
		connections: chain('Start', 'Probe'),
	});

	it('resolves expressions, authenticates with the credential, and keeps every item with Continue On Fail', async () => {
		seen = [];
		const r = await runWorkflow(base(true));
		const out = r.output('Probe');
		expect(out.map((o) => o.json)).toEqual([{ path: '/a' }, { error: 'bad path' }, { path: '/c' }]);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(seen.map((h) => h.authorization)).toEqual(['token k1:s1', 'token k1:s1']);
	});

	it('fails the node without Continue On Fail', async () => {
		const r = await runWorkflow(base(false));
		expect(r.error('Probe')?.message).toBe('bad path');
	});
});
