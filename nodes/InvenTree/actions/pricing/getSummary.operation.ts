// Pricing → Get Summary: InvenTree's cached pricing of a part (BOM, purchase, internal, supplier,
// variant, override, overall, sale price and sale history ranges, inventree.md §6), each value with
// exact minor units. The cache may be empty or stale; `scheduled_for_update` says so.
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { InvenTreeClient } from '../../../../connectors/inventree';
import { partLocator, readLocator } from '../../helpers/locators';
import { moneyOf } from '../../helpers/money';

const RANGES = [
	'bom_cost',
	'purchase_cost',
	'internal_cost',
	'supplier_price',
	'variant_cost',
	'override',
	'overall',
	'sale_price',
	'sale_history',
] as const;

export const description = updateDisplayOptions(
	{ show: { resource: ['pricing'], operation: ['getSummary'] } },
	[partLocator()] as INodeProperties[],
);

export async function execute(
	this: IExecuteFunctions,
	client: InvenTreeClient,
	i: number,
): Promise<IDataObject[]> {
	const part = readLocator(this, 'part', i, 'Part') as number;
	const pricing = await client.pricing(part);
	const currency = pricing.currency ?? null;
	const out: IDataObject = {
		part,
		currency,
		updated: pricing.updated ?? null,
		scheduled_for_update: pricing.scheduled_for_update ?? false,
	};
	for (const range of RANGES) {
		// Overrides may carry their own currency (override_min_currency), the rest are in the base currency.
		const own = (pricing as IDataObject)[`${range}_min_currency`];
		const rangeCurrency = typeof own === 'string' && own ? own : currency;
		out[`${range}_min`] = moneyOf(pricing[`${range}_min`], rangeCurrency);
		out[`${range}_max`] = moneyOf(
			pricing[`${range}_max`],
			typeof (pricing as IDataObject)[`${range}_max_currency`] === 'string'
				? ((pricing as IDataObject)[`${range}_max_currency`] as string)
				: rangeCurrency,
		);
	}
	return [out];
}
