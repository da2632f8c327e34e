// The one dispatch point of the InvenTree node: reads resource and operation once, then runs that
// operation for every input item (a few at a time, results in input order), pairing each output
// record with its item, through the one item runner (nodes/shared/itemRunner.ts): a failing item
// becomes an error item naming what failed when Continue On Fail is on; otherwise the run stops with it.
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runItems } from '../../shared/itemRunner';
import { invenTreeClient } from '../helpers/client';
import type { OperationModule } from '../helpers/operationTypes';
import * as category from './category/Category.resource';
import * as part from './part/Part.resource';
import * as pricing from './pricing/Pricing.resource';
import * as stock from './stock/Stock.resource';

/** Items handled at once; the transport also caps requests per host. */
const ITEMS_IN_FLIGHT = 4;

const RESOURCES: Record<string, Record<string, OperationModule>> = {
	category: category.operations,
	part: part.operations,
	pricing: pricing.operations,
	stock: stock.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = RESOURCES[resource]?.[operation];
	if (!module)
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of the resource "${resource}" is not supported`,
		);
	const client = await invenTreeClient(this);
	return await runItems(this, items.length, { concurrency: ITEMS_IN_FLIGHT }, async (i) => {
		const records = await module.execute.call(this, client, i);
		return records.map((json) => ({ json, pairedItem: { item: i } }));
	});
}
