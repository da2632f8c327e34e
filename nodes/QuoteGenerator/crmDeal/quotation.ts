// The ERPNext Quotation of a CRM Deal's quote, made the way Frappe CRM's own "Create Quotation" does
// (frappe/crm @ 8b7dfdde crm/fcrm/doctype/erpnext_crm_settings/erpnext_crm_settings.py
// get_quotation_url): to the deal's ERPNext Customer when it has one (a Customer whose `crm_deal` is the
// deal, else the deal's `erpnext_customer`, get_local_customer), else to the CRM Deal itself, with
// `crm_deal` set; item codes follow prefill_quotation_items (a CRM Product's `erpnext_item_code`). A
// Quotation to a CRM Deal needs an ERPNext that knows it (frappe/erpnext develop
// erpnext/selling/doctype/quotation/quotation.py set_customer_name; v14/v15 have no "CRM Deal" branch
// and their make_sales_order cannot make its Customer), read from frappe.utils.change_log.get_versions:
// on v14/v15 a deal without a Customer gets no Quotation and the reason goes to a person. The rest
// (key, lines, insert, submit only when auto, comment) is the ERPNext path (../quotation).
import { z } from 'zod/v4';

import type { ErpNextClient, FrappeDoc } from '../../../connectors/erpnext';
import type { Quote } from '../../../core/quote';
import {
	saveQuotation,
	type QuotationOptions,
	type QuotationRefused,
	type QuotationResult,
} from '../quotation';
import { CRM_DEAL, ensureQuotationDealField } from './fields';

const versionsSchema = z.record(
	z.string(),
	z.looseObject({ version: z.string().optional(), branch: z.string().optional() }),
);

/** ERPNext's major version and whether it is a development build; undefined when ERPNext is not installed. */
export function erpnextRelease(
	versions: z.infer<typeof versionsSchema>,
): { major: number; development: boolean } | undefined {
	const app = versions.erpnext;
	if (!app) return undefined;
	const version = app.version ?? '';
	const major = Number.parseInt(version, 10);
	return {
		major: Number.isFinite(major) ? major : 0,
		development: /dev/i.test(version) || app.branch === 'develop',
	};
}

/** Whether a Quotation may be made to a CRM Deal: ERPNext develop or 16 and later. */
export function quotesCrmDeals(release: { major: number; development: boolean }): boolean {
	return release.development || release.major >= 16;
}

/** The deal's ERPNext Customer, as get_local_customer finds it. */
async function dealCustomer(client: ErpNextClient, deal: FrappeDoc): Promise<string | undefined> {
	const fields = await client.doctypeFields('Customer');
	if (fields.some((f) => f.fieldname === 'crm_deal')) {
		const rows = await client.listAll('Customer', {
			fields: ['name'],
			filters: [['crm_deal', '=', deal.name]],
			pageSize: 1,
			limit: 1,
		});
		if (typeof rows[0]?.name === 'string') return rows[0].name;
	}
	return typeof deal.erpnext_customer === 'string' && deal.erpnext_customer
		? deal.erpnext_customer
		: undefined;
}

export interface DealQuotationTarget {
	deal: FrappeDoc;
	company: string;
	requestText: string;
	userKey?: string;
}

/** Finds or creates the draft Quotation of a CRM Deal's quote; a site that cannot take it gets reasons. */
export async function saveDealQuotation(
	client: ErpNextClient,
	target: DealQuotationTarget,
	quote: Quote,
	options: QuotationOptions,
): Promise<QuotationResult | QuotationRefused> {
	const versions = await client.call(
		'frappe.utils.change_log.get_versions',
		{},
		'GET',
		versionsSchema,
	);
	const release = erpnextRelease(versions);
	const refused = (reason: string): QuotationRefused => ({
		quotation: null,
		created: false,
		skipped: `no Quotation: ${reason}`,
		review_reasons: [`No ERPNext Quotation for the deal ${target.deal.name}: ${reason}`],
	});
	if (!release) return refused('ERPNext is not installed on this Frappe site');
	const customer = await dealCustomer(client, target.deal);
	if (!customer && !quotesCrmDeals(release))
		return refused(
			`ERPNext ${versions.erpnext?.version ?? release.major} cannot make a Quotation to a CRM Deal (develop and v16 can) and the deal has no ERPNext Customer yet; create it (Frappe CRM: ERPNext CRM Settings, "Create Customer on Status Change") or quote from ERPNext`,
		);
	await ensureQuotationDealField(client);
	return await saveQuotation(
		client,
		{
			partyType: CRM_DEAL,
			party: target.deal.name,
			company: target.company,
			requestText: target.requestText,
			userKey: target.userKey,
			quotationTo: customer
				? { partyType: 'Customer', party: customer }
				: { partyType: CRM_DEAL, party: target.deal.name },
			linkFields: { crm_deal: target.deal.name },
		},
		quote,
		options,
	);
}
