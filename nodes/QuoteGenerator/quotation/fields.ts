// The AI fields a Quote Generator Quotation carries (route, confidence, generator, request and the
// idempotency key), ensured once per site and process as the Lead Qualifier does for Lead. The key's
// field is `unique`: ERPNext's UNIQUE index is the lock that keeps two processes from inserting the same
// quote (docs/decisions/0019; frappe/frappe frappe/database/mariadb/schema.py MariaDBTable.alter).
import type { CustomFieldSpec, ErpNextClient } from '../../../connectors/erpnext';
import { REQUEST_FIELD } from '../catalogLoad';

export const QUOTATION_AI_FIELDS: CustomFieldSpec[] = [
	{
		fieldname: 'custom_ai_section',
		label: 'AI Quote',
		fieldtype: 'Section Break',
		insert_after: 'valid_till',
	},
	{
		fieldname: 'custom_ai_route',
		label: 'AI Route',
		fieldtype: 'Select',
		options: '\nauto\nreview',
		read_only: true,
		no_copy: true,
		print_hide: true,
		in_standard_filter: true,
	},
	{
		fieldname: 'custom_ai_confidence',
		label: 'AI Confidence',
		fieldtype: 'Percent',
		read_only: true,
		no_copy: true,
		print_hide: true,
	},
	{
		fieldname: 'custom_ai_generator',
		label: 'AI Generator',
		fieldtype: 'Data',
		read_only: true,
		no_copy: true,
		print_hide: true,
	},
	{ fieldname: 'custom_ai_column', label: 'AI Column', fieldtype: 'Column Break' },
	{
		fieldname: REQUEST_FIELD,
		label: 'AI Request',
		fieldtype: 'Long Text',
		read_only: true,
		no_copy: true,
		print_hide: true,
	},
	// no_copy: a duplicated or amended Quotation must not inherit the key and hide its original.
	// unique: ERPNext's UNIQUE index is the lock that keeps two processes from inserting the same quote.
	{
		fieldname: 'custom_ai_idempotency_key',
		label: 'AI Idempotency Key',
		fieldtype: 'Data',
		read_only: true,
		no_copy: true,
		print_hide: true,
		search_index: true,
		unique: true,
	},
];

const ensuredSites = new Map<string, Promise<unknown>>();

/** Ensures the Quotation AI fields once per site and process; a failure is not cached. */
export async function ensureQuotationFields(client: ErpNextClient): Promise<void> {
	let pending = ensuredSites.get(client.baseUrl);
	if (!pending) {
		pending = client.ensureCustomFields('Quotation', QUOTATION_AI_FIELDS);
		ensuredSites.set(client.baseUrl, pending);
		pending.catch(() => ensuredSites.delete(client.baseUrl));
	}
	await pending;
}
