// Pricing → Get Sale Price Breaks: a part's sale price breaks (each in its own currency), or for a
// quantity only the break that applies — the one with the highest quantity at or below it
// (inventree.md §6) — with the line total in exact minor units.
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import type { InvenTreeClient, InvenTreeSalePriceBreak } from '../../../../connectors/inventree';
import { partLocator, readLocator } from '../../helpers/locators';
import { lineTotal, moneyOf } from '../../helpers/money';

const properties: INodeProperties[] = [
	partLocator(),
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'Return only the break that applies to this quantity, with the line total; 0 returns every break',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['pricing'], operation: ['getSalePriceBreaks'] } },
	properties,
);

function breakJson(b: InvenTreeSalePriceBreak): IDataObject {
	return {
		pk: b.pk,
		part: b.part,
		quantity: b.quantity,
		price: moneyOf(b.price, b.price_currency),
	};
}

export async function execute(
	this: IExecuteFunctions,
	client: InvenTreeClient,
	i: number,
): Promise<IDataObject[]> {
	const part = readLocator(this, 'part', i, 'Part') as number;
	const quantity = this.getNodeParameter('quantity', i, 0) as number;
	if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity < 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Parameter "Quantity" must be a number of 0 or more, got ${JSON.stringify(quantity)}`,
			{ itemIndex: i },
		);
	}
	const breaks = await client.salePriceBreaks(part);
	if (quantity === 0) return breaks.map(breakJson);
	let chosen: InvenTreeSalePriceBreak | undefined;
	for (const b of breaks)
		if (b.quantity <= quantity && (!chosen || b.quantity > chosen.quantity)) chosen = b;
	const unitPrice = chosen ? moneyOf(chosen.price, chosen.price_currency) : null;
	return [
		{
			part,
			quantity,
			priceBreak: chosen ? breakJson(chosen) : null,
			unitPrice,
			lineTotal: lineTotal(unitPrice, quantity),
		},
	];
}
