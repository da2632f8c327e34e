// The Quote Generator's dropdowns (issue 16) asked through n8n's own editor endpoint
// (/rest/dynamic-node-parameters/options), the way the parameter panel fills them: ERPNext companies,
// selling price lists (a buying-only list is not offered) and InvenTree categories by their path, from
// the contract servers, with the saved credentials; and Deal Monitor's Company filter, the same list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startN8n, type N8nInstance } from '../../scripts/n8n-instance.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';

const NODE_TYPE = 'n8n-nodes-lead-to-close.quoteGenerator';
const ERP = { leadToCloseErpNextApi: { id: 'ltcQgErpCred0001', name: 'ERPNext contract server' } };
const INV = { leadToCloseInvenTreeApi: { id: 'ltcQgInvCred0001', name: 'InvenTree contract server' } };

let n8n: N8nInstance;
let erp: ErpNextServer;
let inventree: InvenTreeServer;

beforeAll(async () => {
	erp = await startErpNextServer({ apiKey: 'erp-key', apiSecret: 'erp-secret' });
	erp.state.seed('Company', [{ name: 'Nordwerk Automation GmbH', company_name: 'Nordwerk Automation GmbH', default_currency: 'EUR' }, { name: 'Acme Controls Ltd', company_name: 'Acme Controls Ltd', default_currency: 'GBP' }]);
	inventree = await startInvenTreeServer({});
	inventree.state.addCategoryPath('Automation / PLCs');
	inventree.state.addCategoryPath('Sensors');
	n8n = await startN8n({
		credentials: [
			{ ...ERP.leadToCloseErpNextApi, type: 'leadToCloseErpNextApi', data: { baseUrl: erp.url, apiKey: 'erp-key', apiSecret: 'erp-secret' } },
			{ ...INV.leadToCloseInvenTreeApi, type: 'leadToCloseInvenTreeApi', data: { baseUrl: inventree.url, apiToken: inventree.state.token } },
		],
	});
}, 240_000);

afterAll(async () => {
	await n8n?.stop();
	await erp?.stop();
	await inventree?.stop();
});

async function options(methodName: string, parameter: string, currentNodeParameters: Record<string, unknown>, credentials: object, nodeType = NODE_TYPE): Promise<Array<{ name: string; value: unknown }>> {
	const r = await n8n.rest<{ data: Array<{ name: string; value: unknown }> }>('POST', '/dynamic-node-parameters/options', {
		path: `parameters.${parameter}`,
		nodeTypeAndVersion: { name: nodeType, version: 1 },
		currentNodeParameters,
		methodName,
		credentials,
	});
	expect(r.status, JSON.stringify(r.body)).toBe(200);
	return r.body.data;
}

describe('Quote Generator dropdowns in n8n', () => {
	it('Company lists the ERPNext companies by name', async () => {
		const companies = await options('getErpNextCompanies', 'company', { catalogSource: 'erpnext', createQuotation: true }, ERP);
		expect(companies).toEqual([
			{ name: 'Acme Controls Ltd', value: 'Acme Controls Ltd' },
			{ name: 'Nordwerk Automation GmbH', value: 'Nordwerk Automation GmbH' },
		]);
	});

	it('Price List offers the enabled selling price lists only', async () => {
		const lists = await options('getErpNextSellingPriceLists', 'priceList', { catalogSource: 'erpnext' }, ERP);
		expect(lists).toEqual([{ name: 'Standard Selling', value: 'Standard Selling' }]);
	});

	it('Category lists InvenTree categories by their path, with their IDs as values', async () => {
		const categories = await options('getInvenTreeCategories', 'inventreeCategories', { catalogSource: 'inventree' }, INV);
		expect(categories.map((c) => c.name)).toEqual(expect.arrayContaining(['Automation', 'Automation/PLCs', 'Sensors']));
		expect(categories.every((c) => typeof c.value === 'number')).toBe(true);
	});

	it("Deal Monitor's Company filter lists the same ERPNext companies", async () => {
		const companies = await options('getErpNextCompanies', 'filters.company', { source: 'erpnext', filters: {} }, ERP, 'n8n-nodes-lead-to-close.dealMonitor');
		expect(companies.map((c) => c.value)).toEqual(['Acme Controls Ltd', 'Nordwerk Automation GmbH']);
	});
});
