// The "Propose Only" parameter of every node that writes AI results to the system of record. One
// definition; the decision (node switch or the credential's switch) is core/approvals/proposeOnly.ts.
import type { INodeProperties } from 'n8n-workflow';

export function proposeOnlyProperty(
	writes: string,
	extra: Pick<INodeProperties, 'displayOptions'> = {},
): INodeProperties {
	return {
		displayName: 'Propose Only',
		name: 'proposeOnly',
		type: 'boolean',
		...extra,
		default: false,
		description: `Whether ${writes} become a proposal on the record, applied only when a person approves it in the desk (Desk Approval node). The ERPNext credential's Propose Only switch turns this on for every node of the pipeline.`,
	};
}
