// The only switch of the Outreach node: reads resource and operation once and runs that operation
// over all input items.
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import * as engagement from './engagement/Engagement.resource';
import * as message from './message/Message.resource';
import * as sequence from './sequence/Sequence.resource';

type Operation = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[][]>;

const OPERATIONS: Record<string, Record<string, Operation>> = {
	message: { send: message.send.execute, draft: message.draft.execute },
	sequence: {
		enroll: sequence.enroll.execute,
		stop: sequence.stop.execute,
		cloneTemplate: sequence.cloneTemplate.execute,
	},
	engagement: { sync: engagement.sync.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = OPERATIONS[resource]?.[operation];
	if (!run)
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of the resource "${resource}" is not supported`,
		);
	return await run.call(this, this.getInputData());
}
