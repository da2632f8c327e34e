// What every InvenTree operation module provides: its parameters (shown only for its resource and
// operation) and a function that handles one input item and returns the records to output for it.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InvenTreeClient } from '../../../connectors/inventree';

export type OperationRun = (
	this: IExecuteFunctions,
	client: InvenTreeClient,
	itemIndex: number,
) => Promise<IDataObject[]>;

export interface OperationModule {
	description: INodeProperties[];
	execute: OperationRun;
}
