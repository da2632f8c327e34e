// The fields a quote leaves on Frappe CRM records (docs/decisions/0035): on CRM Deal the quote's key,
// route, confidence and a fingerprint of the products it wrote, shown in an "AI Quote" section of the
// deal page (Frappe CRM shows only the fields its Side Panel layout lists); on Quotation the `crm_deal`
// link field exactly as Frappe CRM's ERPNext integration creates it (frappe/crm @ 8b7dfdde
// crm/fcrm/doctype/erpnext_crm_settings/erpnext_crm_settings.py create_custom_fields_in_frappe_crm), so a
// site that has the integration keeps its field and one that has not gets the same one. Each is
// ensured once per site and process; a failure is not kept.
import {
	ensureLayoutSection,
	type CustomFieldSpec,
	type ErpNextClient,
	type LayoutSection,
} from '../../../connectors/erpnext';

export const CRM_DEAL = 'CRM Deal' as const;

export const DEAL_QUOTE_FIELDS: CustomFieldSpec[] = [
	{
		fieldname: 'custom_ai_quote_section',
		label: 'AI Quote',
		fieldtype: 'Section Break',
		insert_after: 'net_total',
	},
	{
		fieldname: 'custom_ai_quote_route',
		label: 'AI Quote Route',
		fieldtype: 'Select',
		options: '\nauto\nreview',
		read_only: true,
		no_copy: true,
	},
	{
		fieldname: 'custom_ai_quote_confidence',
		label: 'AI Quote Confidence',
		fieldtype: 'Percent',
		read_only: true,
		no_copy: true,
	},
	// The quote the products came from (core/markers.ts quotationMarker): a replay finds it and writes nothing.
	{
		fieldname: 'custom_ai_quote_key',
		label: 'AI Quote Key',
		fieldtype: 'Data',
		read_only: true,
		no_copy: true,
	},
	// What the node wrote, so a later quote never replaces products a person has changed since.
	{
		fieldname: 'custom_ai_quote_products',
		label: 'AI Quote Products Fingerprint',
		fieldtype: 'Data',
		read_only: true,
		no_copy: true,
		hidden: true,
	},
];

export const DEAL_QUOTE_SECTION: LayoutSection = {
	label: 'AI Quote',
	name: 'ltc_ai_quote_section',
	opened: true,
	columns: [
		{
			name: 'ltc_ai_quote_column',
			fields: ['custom_ai_quote_route', 'custom_ai_quote_confidence'],
		},
	],
};

/** erpnext_crm_settings.py create_custom_fields_in_frappe_crm: the Quotation's link to its deal. */
export const QUOTATION_CRM_DEAL_FIELD: CustomFieldSpec = {
	fieldname: 'crm_deal',
	label: 'Frappe CRM Deal',
	fieldtype: 'Data',
	read_only: true,
	insert_after: 'party_name',
};

const ensured = new Map<string, Promise<unknown>>();

function once(key: string, work: () => Promise<unknown>): Promise<unknown> {
	let pending = ensured.get(key);
	if (!pending) {
		pending = work();
		ensured.set(key, pending);
		pending.catch(() => ensured.delete(key));
	}
	return pending;
}

/** The deal's AI Quote fields and their side panel section. */
export async function ensureDealQuoteFields(client: ErpNextClient): Promise<void> {
	await once(`${client.baseUrl}|deal`, async () => {
		await client.ensureCustomFields(CRM_DEAL, DEAL_QUOTE_FIELDS);
		await ensureLayoutSection(client, CRM_DEAL, 'Side Panel', DEAL_QUOTE_SECTION);
	});
}

/** The Quotation's `crm_deal` field. */
export async function ensureQuotationDealField(client: ErpNextClient): Promise<void> {
	await once(`${client.baseUrl}|quotation`, async () => {
		await client.ensureCustomFields('Quotation', [QUOTATION_CRM_DEAL_FIELD]);
	});
}
