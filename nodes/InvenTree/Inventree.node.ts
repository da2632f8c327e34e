// InvenTree node: parts (get, search, list with filters), stock (items of a part, available quantity),
// pricing (cached summary, sale price breaks) and categories, in n8n's v2 layout — one file per
// operation under actions/<resource>/, actions/router.ts the only dispatch, the pickers in
// methods/listSearch.ts. All HTTP goes through connectors/inventree on the n8n credential.
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { nodeProperties } from './actions/nodeProperties';
import { router } from './actions/router';
import { searchCategories, searchParts } from './methods/listSearch';

export class Inventree implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'InvenTree',
		name: 'inventree',
		icon: { light: 'file:../../icons/inventree.svg', dark: 'file:../../icons/inventree.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read parts, stock, pricing and categories from InvenTree',
		defaults: { name: 'InvenTree' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leadToCloseInvenTreeApi', required: true }],
		properties: nodeProperties,
	};

	methods = { listSearch: { searchParts, searchCategories } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
