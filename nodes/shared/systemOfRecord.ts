// The "System of Record" parameter every node that reads or writes CRM records has: ERPNext's CRM module
// (the default, so older workflows keep working) or the Frappe CRM app, both on one Frappe site with the
// same credential (docs/decisions/0028). One definition; each node says what its records are in each.
import type { INodeProperties } from 'n8n-workflow';

export const SYSTEMS_OF_RECORD = ['erpnext', 'frappeCrm'] as const;
export type SystemOfRecord = (typeof SYSTEMS_OF_RECORD)[number];

const SAME_SITE =
	'Both use the same ERPNext / Frappe credential, since both apps can run on one Frappe site.';

export interface SystemOfRecordTexts {
	/** What the node's records are in ERPNext ("Leads are ERPNext Leads …"). */
	erpnext: string;
	/** What they are in Frappe CRM. */
	frappeCrm: string;
	/** The first sentence of the parameter's description ("Where the leads live."). */
	where: string;
}

export function systemOfRecordProperty(
	texts: SystemOfRecordTexts,
	extra: Pick<INodeProperties, 'displayOptions'> = {},
): INodeProperties {
	return {
		displayName: 'System of Record',
		name: 'systemOfRecord',
		type: 'options',
		noDataExpression: true,
		...extra,
		options: [
			{ name: 'ERPNext CRM', value: 'erpnext', description: texts.erpnext },
			{ name: 'Frappe CRM', value: 'frappeCrm', description: texts.frappeCrm },
		],
		default: 'erpnext',
		description: [texts.where, SAME_SITE].join(' '),
	};
}
